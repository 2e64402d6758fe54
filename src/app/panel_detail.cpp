// panel_detail.cpp: the selected paper: title, authors, venue/year, links, status, the
// lists it appears in, and its Markdown note (editor and preview).
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/notes_view.h"
#include "app/widgets.h"
#include "core/wording.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
void StatusChoices(AppState& s, const std::string& paper) {
    const Status cur = s.progress.StatusOf(paper);
    const bool dark = IsDark(s);
    // One pane: touch-tall chips, wrapped onto the next line when the next one does not fit.
    const float chip_h = s.ui.one_pane ? TouchTargetPx(s.probe, ImGui::GetFontSize()) : 0.0f;
    for (int i = 0; i < kStatusCount; ++i) {
        const Status st = static_cast<Status>(i);
        if (i) SameLineIfFits(s, ButtonWidth(StatusName(st)));
        // The current status is a chip filled with its colour (not only a shade of blue).
        const bool on = st == cur;
        if (on) {
            for (const ImGuiCol c : {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive})
                ImGui::PushStyleColor(c, StatusColor(st, dark));
        }
        ImGui::PushStyleColor(ImGuiCol_Text, on ? StatusFillText(dark) : StatusColor(st, dark));
        if (ImGui::Button(StatusName(st), ImVec2(0, chip_h)))
            s.intents.push_back(intent::SetStatus{{paper}, st});
        ImGui::PopStyleColor(on ? 4 : 1);
        ProbeLastItem(s, std::string("detail-status:") + StatusName(st));
    }
    if (const PaperProgress* p = s.progress.Find(paper); p && !p->history.empty()) {
        char changes[48];
        std::snprintf(changes, sizeof changes, "(%zu change%s)", p->history.size(),
                      p->history.size() == 1 ? "" : "s");
        SameLineIfFits(s, ImGui::CalcTextSize(changes).x);
        ImGui::TextDisabled("%s", changes);
        ProbeLastItem(s, "changes");
        if (ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            for (auto it = p->history.rbegin(); it != p->history.rend(); ++it) {
                const time_t t = static_cast<time_t>(it->at / 1000);
                char when[32];
                std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
                ImGui::Text("%s  %s", when, StatusName(it->status));
            }
            ImGui::EndTooltip();
        }
    }
}
void TagsAndPriority(AppState& s, const std::string& paper) {
    const PaperProgress* rec = s.progress.Find(paper);
    static const char* kPriorities[] = {"no priority", "low", "normal", "high"};
    int prio = rec ? rec->priority : 0;
    float combo_w = ImGui::GetFontSize() * 7;
    if (s.ui.one_pane) { // as wide as its widest choice, with the padding and the arrow
        for (const char* label : kPriorities)
            combo_w = std::max(combo_w, ButtonWidth(label) + ImGui::GetFrameHeight());
        combo_w = std::min(combo_w, ImGui::GetContentRegionAvail().x);
    }
    ImGui::SetNextItemWidth(combo_w);
    if (ImGui::Combo("##priority", &prio, kPriorities, kMaxPriority + 1)) {
        s.intents.push_back(intent::SetPriority{paper, prio});
    }
    ProbeLastItem(s, "priority");
    SameLineIfFits(s, ImGui::GetFontSize() * 8); // the tags field: beside it when there is room
    UiState& ui = s.ui;
    std::string stored;
    if (rec)
        for (size_t i = 0; i < rec->tags.size(); ++i)
            stored += (i ? ", " : "") + rec->tags[i];
    const ImGuiID id = ImGui::GetID("##tags");
    if (ui.tags_paper != paper || (ImGui::GetActiveID() != id && ui.tags_buffer != stored)) {
        ui.tags_paper = paper;
        ui.tags_buffer = stored;
    }
    ImGui::SetNextItemWidth(-1);
    InputString("##tags", "tags, comma separated (search with tag:name)", &ui.tags_buffer, 2048);
    ProbeLastItem(s, "tags");
    if (ImGui::IsItemDeactivatedAfterEdit()) {
        s.intents.push_back(intent::SetTags{paper, ui.tags_buffer});
    }
}
} // namespace

void DrawDetailPanel(AppState& s) {
    const Paper* p = s.catalogue.FindPaper(s.ui.cursor);
    if (!p) {
        ImGui::TextDisabled("Select a paper to see its details and notes.");
        ImGui::TextDisabled("Keys: up/down or j/k move, 1-5 set the status, n edits the note, ? for help.");
        return;
    }
    // Close (as Esc): the papers take the pane's room until a paper is chosen again. The
    // one-pane layout has its own back control.
    float title_wrap = 0.0f; // 0: the pane's edge
    if (!s.ui.one_pane) {
        const ImVec2 start = ImGui::GetCursorPos();
        const char* close = "Close";
        const float w = ImGui::CalcTextSize(close).x + ImGui::GetStyle().FramePadding.x * 2;
        const float right = ImGui::GetContentRegionMax().x;
        ImGui::SetCursorPos(ImVec2(right - w, start.y));
        if (ImGui::SmallButton(close)) s.intents.push_back(intent::CloseDetail{});
        ProbeLastItem(s, "detail-close");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close the paper pane (Esc); the titles get its room");
        ImGui::SetCursorPos(start);
        title_wrap = right - w - ImGui::GetStyle().ItemSpacing.x;
    }
    ImGui::PushTextWrapPos(title_wrap);
    ImGui::PushFont(GetFont(FontKind::Heading));
    ImGui::TextUnformatted(p->title.c_str());
    ImGui::PopFont();
    ImGui::PopTextWrapPos();
    ImGui::PushTextWrapPos(0.0f);
    if (!p->authors.empty()) {
        std::string a;
        for (size_t i = 0; i < p->authors.size(); ++i)
            a += (i ? ", " : "") + p->authors[i];
        ImGui::TextDisabled("%s", a.c_str());
    }
    if (!p->venue.empty() || p->year) {
        std::string v = p->venue;
        if (p->year) v += (v.empty() ? "" : " ") + std::to_string(p->year);
        ImGui::TextUnformatted(v.c_str());
    }
    if (p->kind != "paper") ImGui::TextDisabled("(%s)", p->kind.c_str());
    if (s.progress.HasQuarantined(p->id)) {
        ImGui::TextColored(
            WarningColor(IsDark(s)),
            "A saved record of this paper could not be read by this version of Shelfmark (perhaps a "
            "newer one wrote it). It is kept unchanged and included in exports; what could be read "
            "of it is shown here, and your changes are saved beside it.");
        ProbeLastItem(s, "quarantine-notice");
    }
    ImGui::PopTextWrapPos();
    for (size_t i = 0; i < p->links.size(); ++i) {
        ImGui::PushID(static_cast<int>(i));
        if (TouchSmallButton(s, SM_ICON_LINK " open")) platform::OpenUrl(p->links[i]);
        ProbeLastItem(s, "link:" + std::to_string(i));
        ImGui::SameLine();
        if (s.ui.one_pane) ImGui::PushTextWrapPos(0.0f); // a long URL wraps, not cut
        ImGui::TextDisabled("%s", p->links[i].c_str());
        if (s.ui.one_pane) ImGui::PopTextWrapPos();
        ProbeLastItem(s, "link-url:" + std::to_string(i));
        ImGui::PopID();
    }
    StatusChoices(s, p->id);
    TagsAndPriority(s, p->id);

    // Where it appears.
    const auto it = s.derived.paper_index.find(p->id);
    if (it != s.derived.paper_index.end()) {
        int n = 0;
        for (int li : s.derived.lists_of_paper[it->second]) {
            const ReadingList& list = s.catalogue.lists[li];
            for (const Section& sec : list.sections)
                for (const Entry& e : sec.entries)
                    if (e.paper == p->id) {
                        ImGui::Bullet();
                        if (TouchSmallButton(s, (list.title + "##" + list.id + sec.title).c_str(),
                                             ImGui::GetContentRegionAvail().x))
                            s.intents.push_back(intent::SelectList{list.id});
                        const std::string probe = std::to_string(n++);
                        ProbeLastItem(s, "appears:" + probe);
                        const std::string where = SectionName(sec) + ", " + e.role; // the date once, plainly
                        if (s.ui.one_pane) { // wrapped, beside the button or under it
                            SameLineIfFits(s, ImGui::CalcTextSize(where.c_str()).x);
                            ImGui::PushTextWrapPos(0.0f);
                        } else {
                            ImGui::SameLine();
                        }
                        ImGui::TextDisabled("%s", where.c_str());
                        if (s.ui.one_pane) ImGui::PopTextWrapPos();
                        ProbeLastItem(s, "appears-where:" + probe);
                    }
        }
    }
    // Add to one of the user's own lists.
    if (!s.user.lists.empty()) {
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
        if (ImGui::BeginCombo("##addto", "Add to my list...")) {
            for (const auto& [id, ul] : s.user.lists)
                if (ImGui::Selectable(ul.list.title.c_str())) {
                    s.intents.push_back(intent::AddToList{id, p->id});
                }
            ImGui::EndCombo();
        }
    }
    ImGui::Separator();
    DrawNoteEditor(s, p->id);
}

} // namespace shelfmark
