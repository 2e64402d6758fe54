// panel_help.cpp: the keyboard shortcuts overlay (? to open, Esc to close).
#include <imgui.h>

#include "app/app_state.h"
#include "app/help_text.h"

namespace shelfmark {

void DrawHelpOverlay(AppState& s) {
    if (!s.ui.show_help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    bool open = true;
    if (ImGui::Begin("Keyboard shortcuts", &open,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextDisabled("Shortcuts are off while you type in a text field (Esc leaves it).");
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const HelpShortcut& k : kHelpShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(k.keys);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(k.what);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
    if (!open) s.intents.push_back(intent::ToggleHelp{});
}

} // namespace shelfmark
