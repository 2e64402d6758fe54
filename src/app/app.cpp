// app.cpp: the window layout: menu bar, then lists | papers | detail (narrower:
// the detail below the papers; narrower still, below kOnePaneEm: one pane at a time), with
// banners over the bottom and the help window on top. Statistics is a view in the papers'
// place (panel_stats.cpp).
#include <imgui.h>

#include <algorithm>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
// Banners and the last action's notice: a strip over the bottom of the window (a toast), so
// that they never push the panes down or shift what is under the pointer.
void Banners(AppState& s) {
    const bool unsaved =
        s.save.kind == SaveState::Kind::Unavailable || s.save.kind == SaveState::Kind::NotSaved;
    if (!unsaved && s.notice.empty() && s.storage_problems.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();
    const float w = std::min(vp->WorkSize.x - em * 2.0f, em * 46.0f);
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - em * 0.75f),
        ImGuiCond_Always, ImVec2(0.5f, 1.0f));
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                                   ImGuiWindowFlags_NoNav | ImGuiWindowFlags_AlwaysAutoResize;
    ImGui::PushStyleColor(ImGuiCol_WindowBg, ImGui::GetStyleColorVec4(ImGuiCol_PopupBg));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::Begin("##banners", nullptr, flags);
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    // As wide as its text, up to w (then the text wraps).
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - ImGui::GetStyle().WindowPadding.x * 2.0f);
    if (unsaved) {
        ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(IsDark(s)));
        const bool says_export = s.save.why.find("xport") != std::string::npos;
        ImGui::TextWrapped("Your changes are not being saved in this browser: %s%s", s.save.why.c_str(),
                           says_export ? "." : ". Export your progress (Ctrl+S) to keep your work.");
        ImGui::PopStyleColor();
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        s.probe.Add("banner", a.x, a.y, b.x, b.y);
    }
    if (!s.notice.empty()) {
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(s.notice.c_str());
        ProbeLastItem(s, "notice");
        ImGui::SameLine();
        if (ImGui::Button("OK##notice")) s.notice.clear();
        ProbeLastItem(s, "notice-ok");
    }
    if (!s.storage_problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, WarningColor(IsDark(s)));
        ImGui::TextWrapped(
            "Some saved data could not be read by this version; it is kept unchanged and included in "
            "exports (%d problem%s; hover for details).",
            static_cast<int>(s.storage_problems.size()), s.storage_problems.size() == 1 ? "" : "s");
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            for (const auto& p : s.storage_problems)
                ImGui::TextUnformatted(p.c_str());
            ImGui::EndTooltip();
        }
    }
    ImGui::PopTextWrapPos();
    ImGui::End();
}

// Lists | papers | detail; narrower (tablets in portrait), the detail below the papers.
// With no paper chosen there is no detail pane: the papers take its room (titles to read).
void DrawPanes(AppState& s) {
    const bool detail = s.catalogue.FindPaper(s.ui.cursor) != nullptr && !s.ui.detail_closed;
    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const bool narrow = width < em * 60.0f; // tablets in portrait: detail goes below
    const float lists_w = std::min(em * 17.0f, width * 0.25f);
    ImGui::BeginChild("lists", ImVec2(lists_w, 0), ImGuiChildFlags_Border);
    DrawListsPanel(s);
    ImGui::EndChild();
    ImGui::SameLine();
    if (s.ui.show_stats) {           // the Statistics view takes the papers' and the paper's place
        s.ui.visible_papers.clear(); // no paper rows on screen
        s.ui.visible_row_first = s.ui.visible_row_last = -1;
        ImGui::BeginChild("stats", ImVec2(0, 0), ImGuiChildFlags_None);
        DrawStatsPanel(s);
        ImGui::EndChild();
        return;
    }
    if (!detail) {
        ImGui::BeginChild("papers", ImVec2(0, 0), ImGuiChildFlags_None);
        DrawPapersPanel(s);
        ImGui::EndChild();
    } else if (narrow) {
        ImGui::BeginGroup();
        const float h = ImGui::GetContentRegionAvail().y;
        ImGui::BeginChild("papers", ImVec2(0, h * 0.55f), ImGuiChildFlags_None);
        DrawPapersPanel(s);
        ImGui::EndChild();
        ImGui::BeginChild("detail", ImVec2(0, 0), ImGuiChildFlags_Border);
        DrawDetailPanel(s);
        ImGui::EndChild();
        ImGui::EndGroup();
    } else {
        const float detail_w = std::max(em * 22.0f, (width - lists_w) * 0.34f);
        ImGui::BeginChild("papers",
                          ImVec2(width - lists_w - detail_w - ImGui::GetStyle().ItemSpacing.x * 2, 0),
                          ImGuiChildFlags_None);
        DrawPapersPanel(s);
        ImGui::EndChild();
        ImGui::SameLine();
        ImGui::BeginChild("detail", ImVec2(0, 0), ImGuiChildFlags_Border);
        DrawDetailPanel(s);
        ImGui::EndChild();
    }
}

// Phones, 200% zoom, large text: one pane at a time (lists -> papers -> paper), a back
// control at the top, every control at least a touch target tall (the style pushed by
// DrawApp).
void DrawOnePane(AppState& s) {
    if (s.ui.show_stats) { // Statistics: a pane of its own, its back control at the top
        s.ui.visible_papers.clear();
        s.ui.visible_row_first = s.ui.visible_row_last = -1;
        ImGui::BeginChild("stats", ImVec2(0, 0), ImGuiChildFlags_None);
        DrawStatsPanel(s);
        ImGui::EndChild();
        return;
    }
    Pane pane = s.ui.pane;
    if (pane == Pane::Paper && !s.catalogue.FindPaper(s.ui.cursor)) pane = Pane::Papers; // none chosen
    if (pane != Pane::Papers) { // no paper rows on screen (DrawPapersPanel sets these when it draws)
        s.ui.visible_papers.clear();
        s.ui.visible_row_first = s.ui.visible_row_last = -1;
    }
    if (pane != Pane::Lists) {
        const Pane up = pane == Pane::Paper ? Pane::Papers : Pane::Lists;
        const float touch = TouchTargetPx(s.probe, ImGui::GetFontSize());
        if (ImGui::Button(up == Pane::Papers ? "< Papers" : "< Lists", ImVec2(0, touch)))
            s.intents.push_back(intent::ShowPane{up});
        ProbeLastItem(s, "back");
    }
    switch (pane) {
    case Pane::Lists:
        ImGui::BeginChild("lists", ImVec2(0, 0), ImGuiChildFlags_None);
        DrawListsPanel(s);
        ImGui::EndChild();
        break;
    case Pane::Papers:
        ImGui::BeginChild("papers", ImVec2(0, 0), ImGuiChildFlags_None);
        DrawPapersPanel(s);
        ImGui::EndChild();
        break;
    case Pane::Paper:
        ImGui::BeginChild("detail", ImVec2(0, 0), ImGuiChildFlags_None);
        DrawDetailPanel(s);
        ImGui::EndChild();
        break;
    }
}
} // namespace

void DrawApp(AppState& s) {
    s.probe.rects.clear();
    UpdateDerived(s);
    HandleShortcuts(s);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // Not ImGuiWindowFlags_NoSavedSettings: the papers table inherits it, and its column
    // widths and order are kept (host.cpp SaveTableLayout keeps only the tables' settings).
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_MenuBar | ImGuiWindowFlags_NoBringToFrontOnFocus;
    const float em = ImGui::GetFontSize();
    s.ui.one_pane = vp->WorkSize.x < em * kOnePaneEm;
    if (s.ui.one_pane) {
        // Buttons, chips, fields and the menu bar as tall as a touch target.
        const ImGuiStyle& st = ImGui::GetStyle();
        const float pad_y = std::max(st.FramePadding.y, (TouchTargetPx(s.probe, em) - em) * 0.5f);
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                            ImVec2(std::max(st.FramePadding.x, em * 0.75f), pad_y));
    }
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("Shelfmark", nullptr, flags);
    ImGui::PopStyleVar();
    DrawMenuBar(s);
    if (!s.fatal_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(IsDark(s)));
        ImGui::TextWrapped("%s", s.fatal_error.c_str());
        ImGui::PopStyleColor();
        ImGui::End();
        if (s.ui.one_pane) ImGui::PopStyleVar();
        return;
    }
    if (s.ui.one_pane)
        DrawOnePane(s);
    else
        DrawPanes(s);
    ImGui::End();
    Banners(s);
    if (s.ui.one_pane) ImGui::PopStyleVar();
    DrawHelpOverlay(s);
    DrawImportDialog(s);
    DrawFocusRing(s);
}

} // namespace shelfmark
