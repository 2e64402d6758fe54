// panel_papers.cpp: the papers table: status, title, venue/year, role, other lists,
// note mark. Virtualized (ImGuiListClipper), sortable, multi-select (Ctrl/Shift+click).
// In the one-pane layout (phones), a one-column list whose titles wrap.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>

#include <cstdio>
#include <string>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/widgets.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
enum Column { kStatus, kTitle, kVenue, kRole, kLists, kNote, kColumnCount };

void StatusButton(AppState& s, const std::string& paper) {
    const Status st = s.progress.StatusOf(paper);
    const bool dark = IsDark(s);
    ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(st, dark));
    // "###": the id must not depend on the label, or a change arriving from another tab
    // between press and release would drop the click.
    const std::string label = std::string(StatusName(st)) + "###status";
    if (ImGui::Button(label.c_str(), ImVec2(-1, 0))) {
        // Clicking a selected row's status acts on the whole selection.
        if (!s.ui.selected.count(paper)) s.intents.push_back(intent::SelectPaper{paper});
        ImGui::OpenPopup("status-popup");
    }
    ImGui::PopStyleColor();
    ProbeLastItem(s, "status:" + paper);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Reading status: click to change (keys 1-5)");
    if (ImGui::BeginPopup("status-popup")) {
        const size_t n = s.ui.selected.count(paper) ? s.ui.selected.size() : 1;
        if (n > 1) ImGui::TextDisabled("%zu selected papers", n);
        // Keys 1-5 pick an item here too.
        ImGuiIO& io = ImGui::GetIO();
        for (const ImWchar ch : io.InputQueueCharacters)
            if (ch >= '1' && ch <= '5') {
                intent::SetStatus in{{}, static_cast<Status>(ch - '1')};
                if (n == 1) in.papers = {paper}; // else: the selection
                s.intents.push_back(std::move(in));
                ImGui::CloseCurrentPopup();
            }
        for (int i = 0; i < kStatusCount; ++i) {
            const Status opt = static_cast<Status>(i);
            ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(opt, dark));
            char item[48];
            std::snprintf(item, sizeof item, "%d  %s", i + 1, StatusName(opt));
            if (ImGui::Selectable(item, opt == st)) {
                intent::SetStatus in{{}, opt};
                if (n == 1) in.papers = {paper}; // else: the selection
                s.intents.push_back(std::move(in));
            }
            ImGui::PopStyleColor();
            ProbeLastItem(s, std::string("status-option:") + StatusName(opt));
        }
        ImGui::EndPopup();
    }
}

// A small button; as tall as a touch target in the one-pane layout.
bool HeaderButton(const AppState& s, const char* label) {
    return s.ui.one_pane ? ImGui::Button(label) : ImGui::SmallButton(label);
}

// Title (renamable), delete, and a form to add a paper by hand.
void DrawOwnListHeader(AppState& s, const ReadingList& list) {
    UiState& ui = s.ui;
    // The field follows the list's name unless it is being edited (a rename from the
    // accessible mirror or another window shows at once).
    if (ui.rename_list != list.id ||
        (ImGui::GetActiveID() != ImGui::GetID("##rename") && ui.rename_buffer != list.title)) {
        ui.rename_list = list.id;
        ui.rename_buffer = list.title;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    InputString("##rename", "List name", &ui.rename_buffer, kMaxUserTitleBytes);
    ProbeLastItem(s, "list-name");
    if (LastFieldExit() == FieldExit::Escape) {
        ui.rename_buffer = list.title; // Esc: the name stays as it was
    } else if (ImGui::IsItemDeactivatedAfterEdit()) {
        s.intents.push_back(intent::RenameList{list.id, ui.rename_buffer});
    }
    ImGui::SameLine();
    if (HeaderButton(s, ui.show_add_paper ? "close form" : "+ paper")) ui.show_add_paper = !ui.show_add_paper;
    ProbeLastItem(s, "add-paper-toggle");
    ImGui::SameLine();
    if (HeaderButton(s, "delete list")) ImGui::OpenPopup("delete-list");
    ProbeLastItem(s, "delete-list");
    if (ImGui::BeginPopup("delete-list")) {
        ImGui::Text("Delete \"%s\"? Papers and notes stay; only the list goes.", list.title.c_str());
        if (DefaultButton("Delete", IsDark(s)) || EnterPressed()) { // Esc: Keep (shortcuts.cpp)
            s.intents.push_back(intent::DeleteList{list.id});
            ImGui::CloseCurrentPopup();
        }
        ProbeLastItem(s, "delete-list-confirm");
        ImGui::SameLine();
        if (ImGui::Button("Keep")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!ui.show_add_paper) return;
    Paper& p = ui.new_paper;
    const float w = ImGui::GetFontSize() * 22;
    // Enter in any field adds the paper (the marked button); Esc in one closes the form
    // (what was typed stays for next time).
    FieldExit exit = FieldExit::None;
    const auto field_exit = [&] {
        if (const FieldExit e = LastFieldExit(); e != FieldExit::None) exit = e;
    };
    ImGui::SetNextItemWidth(w);
    InputString("title##np", "Title (required)", &p.title, kMaxUserTitleBytes);
    ProbeLastItem(s, "new-paper-title");
    field_exit();
    ImGui::SetNextItemWidth(w);
    InputString("link##np", "https://...", &ui.new_paper_link, 2000);
    field_exit();
    ImGui::SetNextItemWidth(w);
    InputString("authors##np", "Authors, comma separated", &ui.new_paper_authors, 4000);
    field_exit();
    ImGui::SetNextItemWidth(w * 0.6f);
    InputString("venue##np", "e.g. OSDI", &p.venue, 200);
    field_exit();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w * 0.3f);
    ImGui::InputInt("year##np", &p.year, 0, 0);
    field_exit();
    if (exit == FieldExit::Escape) ui.show_add_paper = false;
    if ((DefaultButton("Add to this list", IsDark(s)) || exit == FieldExit::Enter) && !p.title.empty()) {
        intent::AddPaper in{list.id, p};
        in.paper.year = (p.year >= 1000 && p.year <= 9999) ? p.year : 0;
        if (!ui.new_paper_link.empty()) in.paper.links = {ui.new_paper_link};
        in.paper.authors = SplitCommaList(ui.new_paper_authors);
        s.intents.push_back(std::move(in));
        ui.new_paper = Paper{};
        ui.new_paper_link.clear();
        ui.new_paper_authors.clear();
    }
    ProbeLastItem(s, "new-paper-add");
}

std::string VenueYear(const Paper& p) {
    std::string v = p.venue;
    if (p.year) v += (v.empty() ? "" : " ") + std::to_string(p.year);
    return v;
}

// The one-pane papers list: one column, each paper a row as tall as its wrapped title and a
// line with its status, venue and year (at least a touch target), a tap opens it.
// Virtualized like the table, over the rows' measured heights (s.ui.row_tops).
void DrawRowsOnePane(AppState& s) {
    const Catalogue& c = s.catalogue;
    const Derived& d = s.derived;
    const ImGuiStyle& st = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    const float pad = em * 0.5f;
    const float touch = TouchTargetPx(s.probe, em);
    ImGui::BeginChild("rows", ImVec2(0, 0), ImGuiChildFlags_None);
    const float width = ImGui::GetContentRegionAvail().x;
    const float wrap = std::max(em * 4.0f, width - pad * 2.0f);
    const auto title_h = [&](const std::string& text) {
        return ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y;
    };
    const auto heading = [&](const PaperRow& row) { // a section: its title and date
        const Section& sec = c.lists[row.list].sections[row.section];
        return sec.date.empty() ? sec.title : sec.title + "  (" + sec.date + ")";
    };
    UiState::RowTops& rt = s.ui.row_tops;
    if (rt.data != d.built_for || rt.rows != d.rows_built_for || rt.width != width || rt.font != em) {
        rt = {{}, d.built_for, d.rows_built_for, width, em};
        rt.tops.reserve(d.rows.size() + 1);
        float y = 0;
        for (const PaperRow& row : d.rows) {
            rt.tops.push_back(y);
            const float h = row.paper < 0
                                ? title_h(heading(row)) + pad
                                : std::max(touch, title_h(c.papers[row.paper].title) + em + pad * 2.0f);
            y += h + st.ItemSpacing.y;
        }
        rt.tops.push_back(y);
    }
    const float base = ImGui::GetCursorPosY();
    const float top = ImGui::GetScrollY() - base, bottom = top + ImGui::GetWindowHeight();
    const int n = static_cast<int>(d.rows.size());
    if (s.ui.scroll_to_cursor && !s.ui.cursor.empty()) {
        const auto it = d.paper_index.find(s.ui.cursor);
        for (int i = 0; it != d.paper_index.end() && i < n; ++i)
            if (d.rows[i].paper == it->second) {
                ImGui::SetScrollY(base + (rt.tops[i] + rt.tops[i + 1]) * 0.5f -
                                  ImGui::GetWindowHeight() * 0.5f);
                break;
            }
        s.ui.scroll_to_cursor = false;
    }
    const bool dark = IsDark(s);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    int first =
        static_cast<int>(std::upper_bound(rt.tops.begin(), rt.tops.end() - 1, top) - rt.tops.begin()) - 1;
    for (int r = std::max(first, 0); r < n && rt.tops[r] < bottom; ++r) {
        const PaperRow& row = d.rows[r];
        const float h = rt.tops[r + 1] - rt.tops[r] - st.ItemSpacing.y;
        ImGui::SetCursorPosY(base + rt.tops[r]);
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (row.paper < 0) {
            const std::string text = heading(row);
            draw->AddText(ImGui::GetFont(), em, ImVec2(at.x + pad, at.y + pad * 0.5f),
                          ImGui::ColorConvertFloat4ToU32(dark ? ImVec4(0.70f, 0.78f, 1.0f, 1.0f)
                                                              : ImVec4(0.15f, 0.30f, 0.65f, 1.0f)),
                          text.c_str(), nullptr, wrap);
            ImGui::Dummy(ImVec2(width, h));
            continue;
        }
        const Paper& p = c.papers[row.paper];
        s.ui.visible_papers.push_back(p.id);
        ImGui::PushID(r);
        if (ImGui::Selectable("##row", s.ui.selected.count(p.id) > 0, ImGuiSelectableFlags_None,
                              ImVec2(0, h)))
            s.intents.push_back(intent::SelectPaper{p.id});
        ProbeLastItem(s, "row:" + p.id);
        ImGui::PopID();
        if (ImGui::IsItemVisible()) { // the rows the accessible mirror renders (mirror.cpp)
            if (s.ui.visible_row_first < 0) s.ui.visible_row_first = r;
            s.ui.visible_row_last = r;
        }
        const float th = title_h(p.title);
        draw->AddText(ImGui::GetFont(), em, ImVec2(at.x + pad, at.y + pad), ImGui::GetColorU32(ImGuiCol_Text),
                      p.title.c_str(), nullptr, wrap);
        const ImVec2 title_size = ImGui::CalcTextSize(p.title.c_str(), nullptr, false, wrap);
        s.probe.Add("title:" + p.id, at.x + pad, at.y + pad, at.x + pad + title_size.x, at.y + pad + th);
        // The second line: status (in its colour), venue and year, a mark for a note.
        const Status status = s.progress.StatusOf(p.id);
        ImVec2 line(at.x + pad, at.y + pad + th);
        draw->AddText(line, ImGui::ColorConvertFloat4ToU32(StatusColor(status, dark)), StatusName(status));
        line.x += ImGui::CalcTextSize(StatusName(status)).x + em;
        std::string rest = VenueYear(p);
        const PaperProgress* pp = s.progress.Find(p.id);
        if (pp && !pp->note.empty()) rest += (rest.empty() ? "" : "  ") + std::string(SM_ICON_NOTE);
        draw->AddText(line, ImGui::GetColorU32(ImGuiCol_TextDisabled), rest.c_str());
    }
    ImGui::SetCursorPosY(base + rt.tops.back());
    ImGui::Dummy(ImVec2(0, 0));
    ImGui::EndChild();
}

void SortSpecs(AppState& s) {
    ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
    if (!specs || !specs->SpecsDirty) return;
    intent::SetSort in;
    in.column = specs->SpecsCount > 0 ? specs->Specs[0].ColumnIndex : -1;
    in.descending = specs->SpecsCount > 0 && specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    s.intents.push_back(in);
    specs->SpecsDirty = false;
}
} // namespace

void DrawPapersPanel(AppState& s) {
    s.ui.visible_papers.clear();
    s.ui.visible_row_first = s.ui.visible_row_last = -1;
    const Catalogue& c = s.catalogue;
    const Derived& d = s.derived;
    const ReadingList* list = c.FindList(s.ui.list_id);
    const bool own = list && list->kind == "user";
    if (s.ui.one_pane && !s.ui.search_in_menu_bar) DrawSearchBox(s, -1.0f); // no room in the menu bar
    if (own) {
        DrawOwnListHeader(s, *list);
    } else if (s.ui.one_pane) {
        ImGui::PushFont(GetFont(FontKind::Heading));
        ImGui::TextWrapped("%s", list ? list->title.c_str() : "All papers");
        ImGui::PopFont();
    } else {
        ImGui::TextUnformatted(list ? list->title.c_str() : "All papers");
    }
    if (list && !list->source.empty()) {
        if (!s.ui.one_pane) ImGui::SameLine(); // after a wrapped title it would be cut
        if (HeaderButton(s, SM_ICON_LINK " source")) platform::OpenUrl(list->source);
        ProbeLastItem(s, "list-source");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open the original list: %s", list->source.c_str());
    }
    if (!s.ui.one_pane) ImGui::SameLine();
    if (!s.ui.query.empty())
        ImGui::TextDisabled("  %d matching", d.matches);
    else
        ImGui::TextDisabled("  %d papers", d.matches);
    if (!s.ui.query_error.empty()) {
        if (s.ui.one_pane) {
            ImGui::PushStyleColor(ImGuiCol_Text, WarningColor(IsDark(s)));
            ImGui::TextWrapped("%s", s.ui.query_error.c_str());
            ImGui::PopStyleColor();
        } else {
            ImGui::SameLine();
            ImGui::TextColored(WarningColor(IsDark(s)), "  %s", s.ui.query_error.c_str());
        }
        ProbeLastItem(s, "query-error");
    }
    DrawSearchScope(s); // matches in other lists, selected papers without a row
    if (s.ui.one_pane) {
        DrawRowsOnePane(s);
        return;
    }
    if (s.ui.selected.size() > 1) {
        ImGui::SameLine();
        ImGui::TextDisabled("  %zu selected: keys 1-5 set their status", s.ui.selected.size());
    }

    const ImGuiTableFlags flags = ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY |
                                  ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_Sortable | ImGuiTableFlags_SortTristate |
                                  ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("papers", kColumnCount, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, em * 4.6f);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch, 6.0f);
    ImGui::TableSetupColumn("Venue", ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
    ImGui::TableSetupColumn("Lists", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            em * 2.2f);
    ImGui::TableHeadersRow();
    SortSpecs(s);

    // Keep the keyboard cursor in view.
    int cursor_row = -1;
    if (s.ui.scroll_to_cursor && !s.ui.cursor.empty()) {
        const auto it = d.paper_index.find(s.ui.cursor);
        for (size_t i = 0; it != d.paper_index.end() && i < d.rows.size(); ++i)
            if (d.rows[i].paper == it->second) cursor_row = static_cast<int>(i);
    }
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(d.rows.size()));
    if (cursor_row >= 0) clipper.IncludeItemByIndex(cursor_row);
    const bool dark = IsDark(s);
    while (clipper.Step()) {
        for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
            const PaperRow& row = d.rows[r];
            ImGui::TableNextRow();
            if (row.paper < 0) {
                const Section& sec = c.lists[row.list].sections[row.section];
                ImGui::TableSetColumnIndex(kTitle);
                ImGui::TextColored(dark ? ImVec4(0.70f, 0.78f, 1.0f, 1.0f)
                                        : ImVec4(0.15f, 0.30f, 0.65f, 1.0f),
                                   "%s", sec.title.c_str());
                if (!sec.date.empty()) {
                    ImGui::SameLine();
                    ImGui::TextDisabled("%s", sec.date.c_str());
                }
                continue;
            }
            const Paper& p = c.papers[row.paper];
            s.ui.visible_papers.push_back(p.id);
            ImGui::PushID(r);
            ImGui::TableSetColumnIndex(kStatus);
            StatusButton(s, p.id);
            ImGui::TableSetColumnIndex(kTitle);
            const bool selected = s.ui.selected.count(p.id) > 0;
            if (ImGui::Selectable(p.title.c_str(), selected)) {
                const ImGuiIO& io = ImGui::GetIO();
                using M = intent::SelectMode;
                s.intents.push_back(intent::SelectPaper{p.id, io.KeyShift                   ? M::Range
                                                              : (io.KeyCtrl || io.KeySuper) ? M::Toggle
                                                                                            : M::Replace});
            }
            ProbeLastItem(s, "row:" + p.id);
            if (ImGui::IsItemVisible()) {
                if (s.ui.visible_row_first < 0) s.ui.visible_row_first = r;
                s.ui.visible_row_last = r;
            }
            if (ImGui::IsItemHovered() && !ImGui::IsMouseDown(0)) {
                ImGui::BeginTooltip();
                ImGui::PushTextWrapPos(em * 32.0f);
                ImGui::TextUnformatted(p.title.c_str());
                std::string authors;
                for (size_t i = 0; i < p.authors.size() && i < 12; ++i)
                    authors += (i ? ", " : "") + p.authors[i];
                if (p.authors.size() > 12) authors += ", et al.";
                if (!authors.empty()) ImGui::TextDisabled("%s", authors.c_str());
                ImGui::TextDisabled("Click to select, double-click to open, right-click for links");
                ImGui::PopTextWrapPos();
                ImGui::EndTooltip();
            }
            if (r == cursor_row) {
                ImGui::SetScrollHereY(0.5f);
                s.ui.scroll_to_cursor = false;
            }
            if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0) && !p.links.empty())
                platform::OpenUrl(p.links.front());
            if (ImGui::BeginPopupContextItem("paper-menu")) {
                for (const auto& l : p.links)
                    if (ImGui::MenuItem(("Open " + l).c_str())) platform::OpenUrl(l);
                if (p.links.empty()) ImGui::TextDisabled("No link for this reading");
                if (ImGui::MenuItem("Copy title")) ImGui::SetClipboardText(p.title.c_str());
                ImGui::EndPopup();
            }
            ImGui::TableSetColumnIndex(kVenue);
            ImGui::TextUnformatted(VenueYear(p).c_str());
            ImGui::TableSetColumnIndex(kRole);
            if (own && s.ui.sort_column < 0 && s.ui.query.empty()) {
                // The user's list: reorder and remove here.
                if (ImGui::SmallButton("up"))
                    s.intents.push_back(intent::MoveEntry{list->id, row.section, row.entry, true});
                ImGui::SameLine(0, 2);
                if (ImGui::SmallButton("dn"))
                    s.intents.push_back(intent::MoveEntry{list->id, row.section, row.entry, false});
                ImGui::SameLine(0, 2);
                if (ImGui::SmallButton("x"))
                    s.intents.push_back(intent::RemoveEntry{list->id, row.section, row.entry});
                if (ImGui::IsItemHovered())
                    ImGui::SetTooltip("Remove from this list (the paper and its notes stay)");
            } else if (row.list >= 0) {
                const std::string& role = c.lists[row.list].sections[row.section].entries[row.entry].role;
                if (role == "required")
                    ImGui::TextUnformatted(role.c_str());
                else
                    ImGui::TextDisabled("%s", role.c_str());
            } else if (!d.roles_of_paper[row.paper].empty()) {
                ImGui::TextDisabled("%s", d.roles_of_paper[row.paper].front().c_str());
            }
            ImGui::TableSetColumnIndex(kLists);
            std::string lists;
            for (int li : d.lists_of_paper[row.paper]) {
                if (li == row.list) continue;
                lists += (lists.empty() ? "" : ", ") + c.lists[li].title;
            }
            ImGui::TextDisabled("%s", lists.c_str());
            ImGui::TableSetColumnIndex(kNote);
            const PaperProgress* pp = s.progress.Find(p.id);
            if (pp && !pp->note.empty()) {
                ImGui::TextUnformatted(SM_ICON_NOTE);
                if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.300s", pp->note.c_str());
            }
            ImGui::PopID();
        }
    }
    const ImVec2 tmin = ImGui::GetWindowPos();
    const ImVec2 tsize = ImGui::GetWindowSize();
    s.probe.Add("papers-table", tmin.x, tmin.y, tmin.x + tsize.x, tmin.y + tsize.y);
    ImGui::EndTable();
}

} // namespace shelfmark
