// app.cpp: the window layout: menu bar, banners, then lists | papers | detail, with
// the help and statistics windows on top.
#include <imgui.h>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
void Banners(AppState& s) {
    if (s.save.kind == SaveState::Kind::Unavailable || s.save.kind == SaveState::Kind::NotSaved) {
        ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(IsDark(s)));
        const bool says_export = s.save.why.find("xport") != std::string::npos;
        ImGui::TextWrapped("Your changes are not being saved in this browser: %s%s", s.save.why.c_str(),
                           says_export ? "." : ". Export your progress (Ctrl+S) to keep your work.");
        ImGui::PopStyleColor();
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        s.probe.Add("banner", a.x, a.y, b.x, b.y);
    }
    if (!s.notice.empty()) {
        ImGui::TextDisabled("%s", s.notice.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton("OK##notice")) s.notice.clear();
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
}
} // namespace

void DrawApp(AppState& s) {
    s.probe.rects.clear();
    UpdateDerived(s);
    HandleShortcuts(s);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_MenuBar |
                                   ImGuiWindowFlags_NoBringToFrontOnFocus;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::Begin("Shelfmark", nullptr, flags);
    ImGui::PopStyleVar();
    DrawMenuBar(s);
    if (!s.fatal_error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(IsDark(s)));
        ImGui::TextWrapped("%s", s.fatal_error.c_str());
        ImGui::PopStyleColor();
        ImGui::End();
        return;
    }
    Banners(s);

    const float em = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const bool narrow = width < em * 60.0f; // tablets in portrait: detail goes below
    const float lists_w = std::min(em * 17.0f, width * 0.25f);
    ImGui::BeginChild("lists", ImVec2(lists_w, 0), ImGuiChildFlags_Border);
    DrawListsPanel(s);
    ImGui::EndChild();
    ImGui::SameLine();
    if (narrow) {
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
    ImGui::End();
    DrawHelpOverlay(s);
    DrawStatsWindow(s);
    DrawImportDialog(s);
    DrawFocusRing(s);
}

} // namespace shelfmark
