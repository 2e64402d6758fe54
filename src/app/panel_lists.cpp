// panel_lists.cpp: the sidebar: all papers, then every reading list with its progress
// (required and optional apart) and, for the selected list, its sections with read/total.
// In the one-pane layout (phones) it is the first pane, its rows touch-sized.
#include <imgui.h>

#include <algorithm>

#include <cstdio>
#include <string>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
void Bar(const AppState& s, const char* what, Counts c) {
    char overlay[64];
    std::snprintf(overlay, sizeof overlay, "%s %d/%d", what, c.read, c.total);
    // Not a control: a line high where the one-pane layout makes frames touch-sized.
    ImGui::ProgressBar(c.total ? float(c.read) / float(c.total) : 0.0f,
                       ImVec2(-1, s.ui.one_pane ? ImGui::GetFontSize() * 1.4f : 0.0f), overlay);
}

// A list's row. In the one-pane layout: as tall as a touch target, its name wrapped.
bool ListRow(AppState& s, const char* name, bool selected) {
    if (!s.ui.one_pane) return ImGui::Selectable(name, selected);
    const float em = ImGui::GetFontSize();
    const float pad = ImGui::GetStyle().FramePadding.x;
    const float wrap = std::max(em, ImGui::GetContentRegionAvail().x - pad * 2.0f);
    const ImVec2 text = ImGui::CalcTextSize(name, nullptr, false, wrap);
    const float h = std::max(TouchTargetPx(s.probe, em), text.y + em * 0.8f);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const bool pressed = ImGui::Selectable("##row", selected, ImGuiSelectableFlags_None, ImVec2(0, h));
    ImGui::GetWindowDrawList()->AddText(ImGui::GetFont(), em, ImVec2(at.x + pad, at.y + (h - text.y) * 0.5f),
                                        ImGui::GetColorU32(ImGuiCol_Text), name, nullptr, wrap);
    return pressed;
}
} // namespace

void DrawListsPanel(AppState& s) {
    const Derived& d = s.derived;
    {
        ImGui::PushID("all");
        if (ListRow(s, "All papers", s.ui.list_id.empty())) s.intents.push_back(intent::SelectList{""});
        ProbeLastItem(s, "list:");
        Bar(s, "read", d.all);
        ImGui::Separator();
        ImGui::PopID();
    }
    for (size_t li = 0; li < s.catalogue.lists.size(); ++li) {
        const ReadingList& list = s.catalogue.lists[li];
        ImGui::PushID(list.id.c_str());
        const bool selected = list.id == s.ui.list_id;
        if (ListRow(s, list.title.c_str(), selected)) s.intents.push_back(intent::SelectList{list.id});
        ProbeLastItem(s, "list:" + list.id);
        if (!list.term.empty()) ImGui::TextDisabled("%s", list.term.c_str());
        if (li < d.list_required.size()) {
            if (d.list_required[li].total)
                Bar(s, list.kind == "topic-list" ? "read" : "required", d.list_required[li]);
            if (d.list_optional[li].total) Bar(s, "optional", d.list_optional[li]);
        }
        if (selected && li < d.section_counts.size()) {
            ImGui::Indent();
            for (size_t si = 0; si < list.sections.size(); ++si) {
                const Counts c = d.section_counts[li][si];
                ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 3.0f);
                ImGui::TextWrapped("%s", list.sections[si].title.c_str());
                ImGui::PopTextWrapPos();
                ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 2.6f);
                if (c.total && c.read == c.total)
                    ImGui::TextColored(StatusColor(Status::Read, IsDark(s)), "%d/%d", c.read, c.total);
                else
                    ImGui::TextDisabled("%d/%d", c.read, c.total);
            }
            ImGui::Unindent();
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (ImGui::Button("+ New list of my own")) {
        s.intents.push_back(intent::CreateList{"My list"});
    }
    ProbeLastItem(s, "new-list");
}

} // namespace shelfmark
