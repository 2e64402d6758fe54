// app.cpp: the window layout: menu bar, banners, sidebar and papers table.
#include <imgui.h>

#include "app/app_state.h"

namespace shelfmark {

void DrawApp(AppState& s) {
    s.probe.rects.clear();
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
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.5f, 0.4f, 1.0f));
        ImGui::TextWrapped("%s", s.fatal_error.c_str());
        ImGui::PopStyleColor();
        ImGui::End();
        return;
    }
    if (s.save.kind == SaveState::Kind::Unavailable || s.save.kind == SaveState::Kind::NotSaved) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.55f, 0.35f, 1.0f));
        ImGui::TextWrapped("Your changes are not being saved in this browser: %s. Export to keep your work.",
                           s.save.why.c_str());
        ImGui::PopStyleColor();
    }
    if (!s.storage_problems.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.8f, 0.3f, 1.0f));
        ImGui::TextWrapped("Some saved data could not be read and was left untouched (%d problem%s).",
                           static_cast<int>(s.storage_problems.size()), s.storage_problems.size() == 1 ? "" : "s");
        ImGui::PopStyleColor();
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            for (const auto& p : s.storage_problems) ImGui::TextUnformatted(p.c_str());
            ImGui::EndTooltip();
        }
    }

    const float em = ImGui::GetFontSize();
    ImGui::BeginChild("lists", ImVec2(em * 18.0f, 0), true);
    DrawListsPanel(s);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("papers", ImVec2(0, 0), false);
    DrawPapersPanel(s);
    ImGui::EndChild();
    ImGui::End();
}

} // namespace shelfmark
