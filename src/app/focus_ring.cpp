// focus_ring.cpp: the ring drawn on the canvas around the widget the keyboard focus
// stands for. The focus itself lives in the accessible DOM mirror (mirror.h): Tab and
// Shift+Tab move it there, and ui.dom_focus names the canvas widget (a Probe name) of
// the focused DOM control. The ring is two-toned so that it keeps at least 3:1 against
// whatever it is drawn over, in both themes.
#include <imgui.h>

#include <algorithm>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

void DrawFocusRing(AppState& s) {
    if (s.ui.dom_focus.empty()) return;
    const auto it = s.probe.rects.find(s.ui.dom_focus);
    if (it == s.probe.rects.end()) return;
    const float k = s.probe.scale;
    const Probe::Rect r = it->second;
    const float pad = 3.0f * k, t = 2.0f * k;
    // Kept inside the canvas (a widget at its edge, e.g. the menu bar, would cut the ring).
    const ImVec2 size = ImGui::GetMainViewport()->Size;
    const ImVec2 a(std::max(r.x * k - pad, t * 0.5f), std::max(r.y * k - pad, t * 0.5f)),
        b(std::min((r.x + r.w) * k + pad, size.x - t * 0.5f),
          std::min((r.y + r.h) * k + pad, size.y - t * 0.5f));
    const bool dark = IsDark(s);
    // Outer: the ring's colour (>= 3:1 against the panel in its theme); inner: a thin line
    // in the opposite tone, so the ring stays visible on a selected row or a filled chip.
    const ImU32 ring = dark ? IM_COL32(255, 204, 51, 255) : IM_COL32(10, 61, 145, 255);
    const ImU32 inner = dark ? IM_COL32(20, 20, 22, 255) : IM_COL32(255, 255, 255, 255);
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRect(a, b, ring, 4.0f * k, 0, t);
    dl->AddRect(ImVec2(a.x + t, a.y + t), ImVec2(b.x - t, b.y - t), inner, 3.0f * k, 0, 1.0f * k);
    s.probe.Add("focus-ring", a.x, a.y, b.x, b.y);
}

} // namespace shelfmark
