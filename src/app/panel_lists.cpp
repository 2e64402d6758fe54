// panel_lists.cpp: the sidebar: all papers, then every reading list with its progress
// (required and the others apart, each a thin bar with "n of m read") and, for the selected list, its
// sections with read/total. In the one-pane layout (phones) it is the first pane, its rows touch-sized.
#include <imgui.h>

#include <algorithm>

#include <cstdio>
#include <string>

#include "app/app_state.h"
#include "app/widgets.h"
#include "core/wording.h"

namespace shelfmark {

namespace {
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
        ProgressTrack(s, d.all, "read", "progress:");
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
            // Required (a topic list: all its papers) and the others, each named as the list
            // names them in its Role column ("optional", "extra").
            const bool topic = list.kind == "topic-list" || list.kind == "user";
            ProgressTrack(s, d.list_required[li], topic ? "read" : "required read", "progress:" + list.id);
            ProgressTrack(s, d.list_optional[li], (d.list_optional_role[li] + " read").c_str(),
                          "progress-other:" + list.id);
        }
        if (selected && li < d.section_counts.size()) {
            ImGui::Indent();
            for (size_t si = 0; si < list.sections.size(); ++si) {
                const Counts c = d.section_counts[li][si];
                // The date said once and plainly ("Tue 9 May", not "5/9"); no count for an
                // empty session.
                const std::string name = SectionName(list.sections[si], false);
                ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 3.0f);
                ImGui::TextWrapped("%s", name.c_str());
                ImGui::PopTextWrapPos();
                ProbeLastItem(s, "section:" + list.id + ":" + std::to_string(si));
                if (c.total == 0) continue;
                ImGui::SameLine(ImGui::GetContentRegionMax().x - ImGui::GetFontSize() * 2.6f);
                if (c.read == c.total)
                    ImGui::TextColored(StatusColor(Status::Read, IsDark(s)), "%d/%d", c.read, c.total);
                else
                    ImGui::TextDisabled("%d/%d", c.read, c.total);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%d of %d read", c.read, c.total);
            }
            ImGui::Unindent();
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (ImGui::Button("+ New list of my own")) {
        s.intents.push_back(intent::CreateList{"My list", true});
    }
    ProbeLastItem(s, "new-list");
}

} // namespace shelfmark
