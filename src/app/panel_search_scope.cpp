// panel_search_scope.cpp: one line above the papers table saying what its rows leave out:
// matches of the search outside the open list ("0 in <list> · 1 in all papers", a button
// and Ctrl+Enter to show them) and selected papers without a row (status keys leave them
// alone: said in the warning colour after a key was refused). Nothing is drawn when there
// is nothing to say. The words come from DescribeScope() (rows.cpp), shared with the mirror.
#include <imgui.h>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

void DrawSearchScope(AppState& s) {
    const SearchScope scope = DescribeScope(s);
    if (scope.text.empty() && scope.hidden_text.empty()) return;
    const bool wrap = s.ui.one_pane; // a phone: each part on its own wrapped line
    bool first = true;
    const auto next = [&] {
        if (!first && !wrap) ImGui::SameLine(0, ImGui::GetFontSize() * 1.5f);
        first = false;
    };
    if (!scope.text.empty()) {
        next();
        if (wrap)
            ImGui::TextWrapped("%s", scope.text.c_str());
        else
            ImGui::TextUnformatted(scope.text.c_str());
        ProbeLastItem(s, "search-scope");
        if (scope.can_widen) {
            if (!wrap) ImGui::SameLine();
            if (TouchSmallButton(s, "Search all papers (Ctrl+Enter)"))
                s.intents.push_back(intent::SearchAllPapers{});
            ProbeLastItem(s, "search-all");
        }
    }
    if (!scope.hidden_text.empty()) {
        next();
        const ImVec4 col =
            s.ui.status_refused ? WarningColor(IsDark(s)) : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        if (wrap)
            ImGui::TextWrapped("%s", scope.hidden_text.c_str());
        else
            ImGui::TextUnformatted(scope.hidden_text.c_str());
        ImGui::PopStyleColor();
        ProbeLastItem(s, "hidden-selection");
    }
}

} // namespace shelfmark
