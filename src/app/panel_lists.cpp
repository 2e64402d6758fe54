// panel_lists.cpp: the sidebar: every reading list with its progress, and its
// sections with read/total counts.
#include <imgui.h>

#include <string>

#include "app/app_state.h"

namespace shelfmark {

namespace {
struct Counts {
    int read = 0, total = 0;
};
Counts CountSection(const AppState& s, const Section& sec) {
    Counts c;
    for (const Entry& e : sec.entries) {
        ++c.total;
        if (s.progress.StatusOf(e.paper) == Status::Read) ++c.read;
    }
    return c;
}
} // namespace

void DrawListsPanel(AppState& s) {
    for (const ReadingList& list : s.catalogue.lists) {
        Counts req, opt;
        for (const Section& sec : list.sections)
            for (const Entry& e : sec.entries) {
                Counts& c = e.role == "required" || e.role == "listed" ? req : opt;
                ++c.total;
                if (s.progress.StatusOf(e.paper) == Status::Read) ++c.read;
            }
        ImGui::PushID(list.id.c_str());
        const bool selected = list.id == s.ui.list_id;
        if (ImGui::Selectable(list.title.c_str(), selected))
            s.intents.push_back({Intent::Kind::SelectList, list.id});
        if (!list.term.empty()) ImGui::TextDisabled("%s", list.term.c_str());
        const auto bar = [](const char* what, Counts c) {
            char overlay[64];
            snprintf(overlay, sizeof overlay, "%s %d/%d", what, c.read, c.total);
            ImGui::ProgressBar(c.total ? float(c.read) / float(c.total) : 0.0f, ImVec2(-1, 0), overlay);
        };
        if (req.total) bar(list.kind == "topic-list" ? "read" : "required", req);
        if (opt.total) bar("optional", opt);
        if (selected) {
            ImGui::Indent();
            for (const Section& sec : list.sections) {
                const Counts c = CountSection(s, sec);
                ImGui::TextWrapped("%s", sec.title.c_str());
                ImGui::SameLine();
                ImGui::TextDisabled("%d/%d", c.read, c.total);
            }
            ImGui::Unindent();
        }
        ImGui::Separator();
        ImGui::PopID();
    }
}

} // namespace shelfmark
