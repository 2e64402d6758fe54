// panel_papers.cpp: the papers of the selected list, by section, with their status.
#include <imgui.h>

#include <string>

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
ImVec4 StatusColor(Status st) {
    switch (st) {
    case Status::Unread: return ImVec4(0.55f, 0.55f, 0.58f, 1.0f);
    case Status::Queued: return ImVec4(0.40f, 0.60f, 0.95f, 1.0f);
    case Status::Reading: return ImVec4(0.95f, 0.70f, 0.25f, 1.0f);
    case Status::Read: return ImVec4(0.35f, 0.80f, 0.45f, 1.0f);
    case Status::Skipped: return ImVec4(0.60f, 0.45f, 0.70f, 1.0f);
    }
    return ImVec4(1, 1, 1, 1);
}

void AddRect(AppState& s, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.probe.Add(name, a.x, a.y, b.x, b.y);
}

void StatusButton(AppState& s, const std::string& paper) {
    const Status st = s.progress.StatusOf(paper);
    ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(st));
    const std::string label = std::string(StatusName(st)) + "##status";
    if (ImGui::Button(label.c_str(), ImVec2(ImGui::GetFontSize() * 4.5f, 0))) ImGui::OpenPopup("status-popup");
    ImGui::PopStyleColor();
    AddRect(s, "status:" + paper);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Reading status: click to change");
    if (ImGui::BeginPopup("status-popup")) {
        for (int i = 0; i < kStatusCount; ++i) {
            const Status opt = static_cast<Status>(i);
            ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(opt));
            char label2[48];
            snprintf(label2, sizeof label2, "%d  %s", i + 1, StatusName(opt));
            if (ImGui::Selectable(label2, opt == st)) s.intents.push_back({Intent::Kind::SetStatus, paper, opt});
            ImGui::PopStyleColor();
            AddRect(s, std::string("status-option:") + StatusName(opt));
        }
        ImGui::EndPopup();
    }
}

std::string VenueYear(const Paper& p) {
    std::string v = p.venue;
    if (p.year) v += (v.empty() ? "" : " ") + std::to_string(p.year);
    return v;
}
} // namespace

void DrawPapersPanel(AppState& s) {
    s.ui.visible_papers.clear();
    const ReadingList* list = s.catalogue.FindList(s.ui.list_id);
    if (!list) {
        ImGui::TextDisabled("No reading list selected.");
        return;
    }
    ImGui::TextUnformatted(list->title.c_str());
    if (!list->source.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("source")) platform::OpenUrl(list->source);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", list->source.c_str());
    }
    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("papers", 5, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, em * 5.0f);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 6.0f);
    ImGui::TableSetupColumn("Venue", ImGuiTableColumnFlags_WidthFixed, em * 7.0f);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthFixed, em * 5.0f);
    ImGui::TableSetupColumn("Also in", ImGuiTableColumnFlags_WidthStretch, 1.5f);
    ImGui::TableHeadersRow();

    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(s.ui.rows.size()));
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const PaperRow row = s.ui.rows[r];
            const Section& sec = list->sections[row.section];
            ImGui::TableNextRow();
            if (row.entry < 0) {
                ImGui::TableSetColumnIndex(1);
                ImGui::TextColored(ImVec4(0.75f, 0.80f, 1.0f, 1.0f), "%s", sec.title.c_str());
                if (!sec.date.empty()) {
                    ImGui::SameLine();
                    ImGui::TextDisabled("%s", sec.date.c_str());
                }
                continue;
            }
            const Entry& e = sec.entries[row.entry];
            const Paper* p = s.catalogue.FindPaper(e.paper);
            if (!p) continue;
            s.ui.visible_papers.push_back(p->id);
            ImGui::PushID(r);
            ImGui::TableSetColumnIndex(0);
            StatusButton(s, p->id);
            ImGui::TableSetColumnIndex(1);
            if (ImGui::Selectable(p->title.c_str(), s.ui.paper_id == p->id))
                s.intents.push_back({Intent::Kind::SelectPaper, p->id});
            if (ImGui::IsItemHovered() && (!p->authors.empty() || !p->links.empty())) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(em * 30.0f);
                for (size_t i = 0; i < p->authors.size(); ++i)
                    ImGui::Text("%s%s", p->authors[i].c_str(), i + 1 < p->authors.size() ? "," : "");
                for (const auto& l : p->links) ImGui::TextDisabled("%s", l.c_str());
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (ImGui::BeginPopupContextItem("paper-menu")) {
                for (const auto& l : p->links)
                    if (ImGui::MenuItem(("Open " + l).c_str())) platform::OpenUrl(l);
                if (p->links.empty()) ImGui::TextDisabled("No link for this reading");
                ImGui::EndPopup();
            }
            ImGui::TableSetColumnIndex(2);
            ImGui::TextUnformatted(VenueYear(*p).c_str());
            ImGui::TableSetColumnIndex(3);
            if (e.role == "required") ImGui::TextUnformatted(e.role.c_str());
            else ImGui::TextDisabled("%s", e.role.c_str());
            ImGui::TableSetColumnIndex(4);
            std::string also;
            for (const auto& lid : s.catalogue.ListsContaining(p->id)) {
                if (lid == list->id) continue;
                const ReadingList* other = s.catalogue.FindList(lid);
                also += (also.empty() ? "" : ", ") + (other ? other->title : lid);
            }
            ImGui::TextDisabled("%s", also.c_str());
            ImGui::PopID();
        }
    }
    ImGui::EndTable();
}

} // namespace shelfmark
