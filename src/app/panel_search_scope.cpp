// panel_search_scope.cpp: one line above the papers table saying what its rows leave out:
// matches of the search outside the open list ("0 in <list> · 1 in all papers", a button
// and Ctrl+Enter to show them) and selected papers without a row (status keys leave them
// alone: said in the warning colour after a key was refused). Nothing is drawn when there
// is nothing to say. The words come from DescribeScope() (rows.cpp), shared with the mirror.
#include <imgui.h>
#include <imgui_internal.h> // GetContentRegionMaxAbs

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

void DrawSearchScope(AppState& s) {
    const SearchScope scope = DescribeScope(s);
    if (scope.text.empty() && scope.hidden_text.empty()) return;
    // The second part goes on the first's line when it fits there, else on its own;
    // text longer than the pane wraps (narrow windows, large text).
    const float gap = ImGui::GetFontSize() * 1.5f;
    const auto fits_after_last = [&](float w) {
        return ImGui::GetItemRectMax().x + gap + w <= ImGui::GetContentRegionMaxAbs().x;
    };
    bool drew = false;
    if (!scope.text.empty()) {
        ImGui::TextWrapped("%s", scope.text.c_str());
        ProbeLastItem(s, "search-scope");
        if (scope.can_widen) {
            const char* label = "Search all papers (Ctrl+Enter)";
            SameLineIfFits(s, ButtonWidth(label));
            if (TouchSmallButton(s, label)) s.intents.push_back(intent::SearchAllPapers{});
            ProbeLastItem(s, "search-all");
        }
        drew = true;
    }
    if (!scope.hidden_text.empty()) {
        if (drew && fits_after_last(ImGui::CalcTextSize(scope.hidden_text.c_str()).x))
            ImGui::SameLine(0, gap);
        const ImVec4 col =
            s.ui.status_refused ? WarningColor(IsDark(s)) : ImGui::GetStyle().Colors[ImGuiCol_TextDisabled];
        ImGui::PushStyleColor(ImGuiCol_Text, col);
        ImGui::TextWrapped("%s", scope.hidden_text.c_str());
        ImGui::PopStyleColor();
        ProbeLastItem(s, "hidden-selection");
    }
}

} // namespace shelfmark
