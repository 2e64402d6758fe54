// panel_papers.cpp: the papers table: status, title, venue/year, role, other lists,
// note mark. Virtualized over measured row tops (rows are one or two lines), sortable,
// multi-select (Ctrl/Shift+click), the whole row a click target.
// In the one-pane layout (phones), a one-column list whose titles wrap.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <cmath>

#include <cstdio>
#include <string>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/widgets.h"
#include "core/wording.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
enum Column { kStatus, kTitle, kVenue, kRole, kLists, kNote, kColumnCount };

void StatusButton(AppState& s, const std::string& paper) {
    const Status st = s.progress.StatusOf(paper);
    const bool dark = IsDark(s);
    // A chip that reads as a state: tinted with the status's colour, its mark (a shape, not
    // only a colour) and its name. "###": the id must not depend on the label, or a change
    // arriving from another tab between press and release would drop the click.
    ImGui::PushStyleColor(ImGuiCol_Button, StatusChipBg(st, dark, 0));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, StatusChipBg(st, dark, 1));
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, StatusChipBg(st, dark, 2));
    const bool clicked = ImGui::Button("###status", ImVec2(-1, 0));
    ImGui::PopStyleColor(3);
    {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        const float em = ImGui::GetFontSize();
        const float r = em * 0.36f;
        const float x = a.x + ImGui::GetStyle().FramePadding.x;
        const ImVec2 centre(x + r, (a.y + b.y) * 0.5f);
        ImDrawList* draw = ImGui::GetWindowDrawList();
        const ImU32 colour = ImGui::ColorConvertFloat4ToU32(StatusColor(st, dark));
        const int state = ImGui::IsItemActive() ? 2 : ImGui::IsItemHovered() ? 1 : 0;
        DrawStatusMark(draw, centre, r, st, colour,
                       ImGui::ColorConvertFloat4ToU32(StatusChipBg(st, dark, state)));
        const char* name = StatusName(st);
        const ImVec2 text_at(x + r * 2.0f + em * 0.35f, a.y + ImGui::GetStyle().FramePadding.y);
        ImGui::PushClipRect(a, b, true);
        draw->AddText(text_at, colour, name);
        ImGui::PopClipRect();
    }
    if (clicked) {
        // Clicking a selected row's status acts on the whole selection.
        if (!s.ui.selected.count(paper)) s.intents.push_back(intent::SelectPaper{paper});
        ImGui::OpenPopup("status-popup");
    }
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
            // The key, the status's mark (as on the chip) and its name, in its colour.
            const float r = ImGui::GetFontSize() * 0.36f;
            const float space = std::max(ImGui::CalcTextSize(" ").x, 1.0f);
            const int gap = static_cast<int>(std::ceil((r * 2.0f + ImGui::GetFontSize() * 0.6f) / space)) + 1;
            char item[96];
            std::snprintf(item, sizeof item, "%d%*s%s###opt%d", i + 1, gap, "", StatusName(opt), i);
            ImGui::PushStyleColor(ImGuiCol_Text, StatusColor(opt, dark));
            if (ImGui::Selectable(item, opt == st)) {
                intent::SetStatus in{{}, opt};
                if (n == 1) in.papers = {paper}; // else: the selection
                s.intents.push_back(std::move(in));
            }
            ImGui::PopStyleColor();
            {
                const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
                const float x = a.x + ImGui::CalcTextSize("0").x + ImGui::GetFontSize() * 0.3f + r;
                DrawStatusMark(ImGui::GetWindowDrawList(), ImVec2(x, (a.y + b.y) * 0.5f), r, opt,
                               ImGui::ColorConvertFloat4ToU32(StatusColor(opt, dark)),
                               ImGui::GetColorU32(ImGuiCol_PopupBg));
            }
            ProbeLastItem(s, std::string("status-option:") + StatusName(opt));
        }
        ImGui::EndPopup();
    }
}

// A small button; as tall as a touch target in the one-pane layout.
bool HeaderButton(const AppState& s, const char* label) {
    return s.ui.one_pane ? ImGui::Button(label) : ImGui::SmallButton(label);
}

std::string VenueYear(const Paper& p) {
    std::string v = p.venue;
    if (p.year) v += (v.empty() ? "" : " ") + std::to_string(p.year);
    return v;
}

// The one-pane papers list: one column, each paper a row as tall as its wrapped title and a
// line with its status, venue and year (at least a touch target), a tap opens it.
// Virtualized like the table, over the rows' measured heights (s.ui.row_tops).
void DrawRowsOnePane(AppState& s, const ReadingList* list, bool own) {
    const Catalogue& c = s.catalogue;
    const Derived& d = s.derived;
    const ImGuiStyle& st = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    const float pad = em * 0.5f;
    const float touch = TouchTargetPx(s.probe, em);
    ImGui::BeginChild("rows", ImVec2(0, 0), ImGuiChildFlags_None);
    const float width = ImGui::GetContentRegionAvail().x;
    // The user's own list in its own order: move and remove buttons at each row's right
    // (touch-sized, panel_own_list.cpp); the title wraps short of them.
    const bool reorder = own && list && s.ui.sort_column < 0 && s.ui.query.empty();
    const float gap = st.ItemInnerSpacing.x * 0.5f;
    const float buttons_w = reorder ? touch * 3.0f + gap * 2.0f + pad : 0.0f;
    const float wrap = std::max(em * 4.0f, width - pad * 2.0f - buttons_w);
    const auto title_h = [&](const std::string& text) {
        return ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap).y;
    };
    const auto heading = [&](const PaperRow& row) { // a section: its title and date
        const Section& sec = c.lists[row.list].sections[row.section];
        return SectionName(sec); // its date once, plainly (core/wording.h)
    };
    UiState::RowTops& rt = s.ui.row_tops;
    if (rt.data != d.built_for || rt.rows != d.rows_built_for || rt.width != wrap || rt.font != em) {
        rt = {{}, d.built_for, d.rows_built_for, wrap, em};
        rt.tops.reserve(d.rows.size() + 1);
        UiState::TitleHeights& th = s.ui.title_heights;
        const void* face = ImGui::GetFont();
        if (th.catalogue != d.lookups_built_for || th.font != em || th.wrap != wrap || th.font_face != face ||
            th.px.size() != c.papers.size()) {
            th = {d.lookups_built_for, em, wrap, face, {}};
            th.px.assign(c.papers.size(), -1.0f);
        }
        const auto paper_title_h = [&](int paper) {
            float& h = th.px[static_cast<size_t>(paper)];
            if (h < 0) h = title_h(c.papers[static_cast<size_t>(paper)].title);
            return h;
        };
        float y = 0;
        for (const PaperRow& row : d.rows) {
            rt.tops.push_back(y);
            const float h = row.paper < 0 ? title_h(heading(row)) + pad
                                          : std::max(touch, paper_title_h(row.paper) + em + pad * 2.0f);
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
        if (reorder) {
            // Submitted before the row so they take the hover and the click; drawn above it.
            draw->ChannelsSplit(2);
            draw->ChannelsSetCurrent(1);
            ImGui::SetCursorScreenPos(ImVec2(at.x + width - buttons_w + pad, at.y + (h - touch) * 0.5f));
            DrawOwnListRowButtons(s, *list, row); // reorder and remove (panel_own_list.cpp)
            draw->ChannelsSetCurrent(0);
            ImGui::SetCursorScreenPos(at);
        }
        if (ImGui::Selectable("##row", s.ui.selected.count(p.id) > 0, ImGuiSelectableFlags_None,
                              ImVec2(0, h)))
            s.intents.push_back(intent::SelectPaper{p.id});
        ProbeLastItem(s, "row:" + p.id);
        if (reorder) draw->ChannelsMerge();
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

// The table's title cell: the title wrapped to the cell's width on at most two lines, the
// second cut with an ellipsis when the rest does not fit either.
struct TitleLines {
    const char* second = nullptr; // where the second line starts (nullptr: one line)
    bool cut = false;             // the second line ends with an ellipsis
};

TitleLines LayoutTitle(const std::string& title, float width) {
    TitleLines out;
    const char* b = title.c_str();
    const char* e = b + title.size();
    if (ImGui::CalcTextSize(b, e).x <= width) return out;
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    const char* brk = font->CalcWordWrapPositionA(size / font->FontSize, b, e, std::max(width, 1.0f));
    if (brk <= b) { // one word wider than the cell: cut inside it (on a character boundary)
        const char* rest = nullptr;
        font->CalcTextSizeA(size, std::max(width, 1.0f), 0.0f, b, e, &rest);
        brk = rest > b ? rest : b + 1;
    }
    while (brk < e && (*brk == ' ' || *brk == '\n'))
        ++brk;
    out.second = brk;
    out.cut = ImGui::CalcTextSize(brk, e).x > width;
    return out;
}

// Each paper's title width at the current font (s.ui.title_widths), measured when the
// catalogue or the font changed.
const std::vector<float>& TitleWidths(AppState& s) {
    UiState::TitleWidths& tw = s.ui.title_widths;
    const float em = ImGui::GetFontSize();
    const void* face = ImGui::GetFont();
    if (tw.catalogue != s.derived.lookups_built_for || tw.font != em || tw.font_face != face ||
        tw.px.size() != s.catalogue.papers.size()) {
        tw.catalogue = s.derived.lookups_built_for;
        tw.font = em;
        tw.font_face = face;
        tw.px.resize(s.catalogue.papers.size());
        for (size_t i = 0; i < s.catalogue.papers.size(); ++i)
            tw.px[i] = ImGui::CalcTextSize(s.catalogue.papers[i].title.c_str()).x;
    }
    return tw.px;
}

// One line of text in a table cell at the row's text line, cut with an ellipsis when it is
// wider than the cell. True when it was cut.
bool CellText(const char* text, const ImVec4& colour) {
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float w = std::max(ImGui::GetContentRegionAvail().x, 1.0f);
    const float y = at.y + ImGui::GetStyle().FramePadding.y;
    const ImVec2 size = ImGui::CalcTextSize(text);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::RenderTextEllipsis(ImGui::GetWindowDrawList(), ImVec2(at.x, y), ImVec2(at.x + w, y + size.y),
                              at.x + w, at.x + w, text, nullptr, &size);
    ImGui::PopStyleColor();
    ImGui::Dummy(ImVec2(w, ImGui::GetFrameHeight()));
    return size.x > w;
}

void ProbeCell(AppState& s, const std::string& name) {
    const ImVec2 a = ImGui::GetCursorScreenPos();
    const ImGuiTable* t = ImGui::GetCurrentTable();
    const ImGuiTableColumn& col = t->Columns[t->CurrentColumn];
    s.probe.Add(name, col.MinX, t->RowPosY1, col.MaxX, std::max(t->RowPosY2, a.y));
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

// The table. Rows are as tall as their titles (one or two lines), so instead of
// ImGuiListClipper (rows of one height) only the rows on screen are drawn, between two
// spacer rows as tall as the rows above and below (s.ui.table_tops: each row's top).
// A row is one click target across its cells (the status chip and the own list's row
// buttons keep their own clicks).
void DrawTable(AppState& s, const ReadingList* list, bool own) {
    const Catalogue& c = s.catalogue;
    const Derived& d = s.derived;
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_Resizable |
                                  ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                  ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_Sortable |
                                  ImGuiTableFlags_SortTristate | ImGuiTableFlags_SizingStretchProp;
    if (!ImGui::BeginTable("papers", kColumnCount, flags)) return;
    const float em = ImGui::GetFontSize();
    ImGuiTable* table = ImGui::GetCurrentTable();
    // Fixed columns keep a readable width: widening the title (or a saved layout from a
    // larger text size) does not squash them to nothing.
    const float min_w[kColumnCount] = {em * 4.6f, 0, em * 4.0f, em * 3.0f, 0, em * 1.6f};
    for (int i = 0; i < kColumnCount; ++i) {
        ImGuiTableColumn& col = table->Columns[i];
        if (min_w[i] > 0 && col.WidthRequest > 0 && col.WidthRequest < min_w[i]) {
            col.WidthRequest = min_w[i];
            table->IsSettingsDirty = true;
        }
    }
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoHide,
                            em * 5.4f);
    ImGui::TableSetupColumn("Title", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_NoHide, 6.0f);
    ImGui::TableSetupColumn("Venue", ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
    ImGui::TableSetupColumn("Role", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
    ImGui::TableSetupColumn("Lists", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableSetupColumn("Note", ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                            em * 2.2f);
    ImGui::TableHeadersRow();
    SortSpecs(s);

    const ImGuiTableColumn& title_col = table->Columns[kTitle];
    const float title_w = std::max(title_col.WorkMaxX - title_col.WorkMinX, 1.0f);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float line = ImGui::GetTextLineHeight();
    const float one_line = ImGui::GetFrameHeight(); // a row's content: a chip's height
    const std::vector<float>& widths = TitleWidths(s);
    const auto row_height = [&](const PaperRow& row) {
        const int lines = row.paper < 0 || widths[static_cast<size_t>(row.paper)] <= title_w ? 1 : 2;
        return one_line + (lines - 1) * line + st.CellPadding.y * 2.0f;
    };
    UiState::RowTops& rt = s.ui.table_tops;
    const int n = static_cast<int>(d.rows.size());
    const float view_h = ImGui::GetWindowHeight() - ImGui::TableGetHeaderRowHeight();
    if (rt.data != d.built_for || rt.rows != d.rows_built_for || rt.width != title_w || rt.font != em) {
        // Same rows, new width (the paper pane opened or closed, a column resized, the text
        // size): rows re-wrap, so keep one row where it was on screen, the cursor's when it
        // is in view (the row just clicked), else the top one; the rest move around it.
        int anchor = -1;
        float anchor_at = 0;
        if (rt.data == d.built_for && rt.rows == d.rows_built_for && rt.tops.size() == d.rows.size() + 1 &&
            n > 0) {
            const float top0 = ImGui::GetScrollY();
            const int cursor = RowIndexOf(s, s.ui.cursor);
            if (cursor >= 0 && rt.tops[cursor] >= top0 && rt.tops[cursor] < top0 + view_h)
                anchor = cursor;
            else
                anchor =
                    std::max(0, static_cast<int>(std::upper_bound(rt.tops.begin(), rt.tops.end() - 1, top0) -
                                                 rt.tops.begin()) -
                                    1);
            anchor_at = rt.tops[anchor] - top0;
        }
        rt = {{}, d.built_for, d.rows_built_for, title_w, em};
        rt.tops.reserve(d.rows.size() + 1);
        float y = 0;
        for (const PaperRow& row : d.rows) {
            rt.tops.push_back(y);
            y += row_height(row);
        }
        rt.tops.push_back(y);
        if (anchor >= 0 && !s.ui.scroll_to_cursor)
            ImGui::SetScrollY(std::max(0.0f, rt.tops[anchor] - anchor_at));
    }
    // Keep the keyboard cursor in view (in the middle).
    if (s.ui.scroll_to_cursor && !s.ui.cursor.empty()) {
        const auto it = d.paper_index.find(s.ui.cursor);
        for (int i = 0; it != d.paper_index.end() && i < n; ++i)
            if (d.rows[i].paper == it->second) {
                ImGui::SetScrollY(std::max(0.0f, (rt.tops[i] + rt.tops[i + 1] - view_h) * 0.5f));
                break;
            }
        s.ui.scroll_to_cursor = false;
    }
    const float top = ImGui::GetScrollY(), bottom = top + view_h;
    const int first = std::max(
        0, static_cast<int>(std::upper_bound(rt.tops.begin(), rt.tops.end() - 1, top) - rt.tops.begin()) - 1);
    int last = first; // one past the last row drawn
    while (last < n && rt.tops[last] < bottom)
        ++last;
    if (first > 0) ImGui::TableNextRow(ImGuiTableRowFlags_None, rt.tops[first]);

    const bool dark = IsDark(s);
    const ImU32 alt_bg = ImGui::GetColorU32(ImGuiCol_TableRowBgAlt);
    // A click on the open paper's row while its note is being written keeps the keyboard in
    // the note (typing goes on there, it does not become shortcuts).
    // (The press takes the keyboard from the note; the row is chosen at the release.)
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
        s.ui.note_keys_at_press = s.ui.note_editor_id != 0 && ImGui::GetActiveID() == s.ui.note_editor_id;
    for (int r = first; r < last; ++r) {
        const PaperRow& row = d.rows[r];
        const float row_h = rt.tops[r + 1] - rt.tops[r];
        ImGui::TableNextRow(ImGuiTableRowFlags_None, row_h);
        if (r % 2) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, alt_bg);
        if (row.paper < 0) {
            const Section& sec = c.lists[row.list].sections[row.section];
            ImGui::TableSetColumnIndex(kTitle);
            ImGui::AlignTextToFramePadding();
            ImGui::TextColored(dark ? ImVec4(0.70f, 0.78f, 1.0f, 1.0f) : ImVec4(0.15f, 0.30f, 0.65f, 1.0f),
                               "%s", SectionName(sec).c_str()); // its date once, plainly
            continue;
        }
        const Paper& p = c.papers[row.paper];
        s.ui.visible_papers.push_back(p.id);
        ImGui::PushID(r);
        ImGui::TableSetColumnIndex(kStatus);
        StatusButton(s, p.id);
        ImGui::TableSetColumnIndex(kVenue);
        ProbeCell(s, "cell:venue:" + p.id);
        CellText(VenueYear(p).c_str(), ImGui::GetStyle().Colors[ImGuiCol_Text]);
        ImGui::TableSetColumnIndex(kRole);
        ProbeCell(s, "cell:role:" + p.id);
        ImGui::AlignTextToFramePadding();
        if (own && s.ui.sort_column < 0 && s.ui.query.empty()) {
            DrawOwnListRowButtons(s, *list, row); // reorder and remove (panel_own_list.cpp)
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
        ProbeCell(s, "cell:lists:" + p.id);
        std::string lists;
        for (int li : d.lists_of_paper[row.paper]) {
            if (li == row.list) continue;
            lists += (lists.empty() ? "" : ", ") + c.lists[li].title;
        }
        if (CellText(lists.c_str(), ImGui::GetStyle().Colors[ImGuiCol_TextDisabled]) &&
            ImGui::IsItemHovered()) {
            ImGui::BeginTooltip();
            ImGui::PushTextWrapPos(em * 32.0f);
            ImGui::TextUnformatted(lists.c_str());
            ImGui::PopTextWrapPos();
            ImGui::EndTooltip();
        }
        ImGui::TableSetColumnIndex(kNote);
        ProbeCell(s, "cell:note:" + p.id);
        const PaperProgress* pp = s.progress.Find(p.id);
        if (pp && !pp->note.empty()) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(SM_ICON_NOTE);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%.300s", pp->note.c_str());
        }
        // The title cell last: its selectable spans the row, under the widgets drawn before it
        // (the status chip, the own list's buttons), which keep their own clicks. (Not
        // ImGuiSelectableFlags_AllowOverlap: that needs a frame of hovering before a click,
        // and a tap comes without one.)
        ImGui::TableSetColumnIndex(kTitle);
        const ImVec2 cell = ImGui::GetCursorScreenPos();
        const float content_h = row_h - st.CellPadding.y * 2.0f;
        const bool selected = s.ui.selected.count(p.id) > 0;
        if (ImGui::Selectable("##row", selected, ImGuiSelectableFlags_SpanAllColumns, ImVec2(0, content_h))) {
            const ImGuiIO& io = ImGui::GetIO();
            using M = intent::SelectMode;
            const M mode = io.KeyShift ? M::Range : (io.KeyCtrl || io.KeySuper) ? M::Toggle : M::Replace;
            s.intents.push_back(intent::SelectPaper{p.id, mode});
            if (s.ui.note_keys_at_press && mode == M::Replace && s.ui.note_paper == p.id)
                s.intents.push_back(intent::EditNote{});
        }
        const bool row_hovered = ImGui::IsItemHovered();
        const TitleLines tl = LayoutTitle(p.title, title_w);
        if (ImGui::IsItemVisible()) { // the rows the accessible mirror renders (mirror.cpp)
            if (s.ui.visible_row_first < 0) s.ui.visible_row_first = r;
            s.ui.visible_row_last = r;
            ++s.ui.titles_shown;
            if (tl.cut) ++s.ui.titles_cut;
        }
        if (row_hovered && ImGui::IsMouseDoubleClicked(0) && !p.links.empty())
            platform::OpenUrl(p.links.front());
        if (ImGui::BeginPopupContextItem("paper-menu")) {
            for (const auto& l : p.links)
                if (ImGui::MenuItem(("Open " + l).c_str())) platform::OpenUrl(l);
            if (p.links.empty()) ImGui::TextDisabled("No link for this reading");
            if (ImGui::MenuItem("Copy title")) ImGui::SetClipboardText(p.title.c_str());
            ImGui::EndPopup();
        }
        {
            ImDrawList* draw = ImGui::GetWindowDrawList();
            const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
            const char* b = p.title.c_str();
            const char* e = b + p.title.size();
            const float y = cell.y + st.FramePadding.y;
            if (!tl.second) {
                draw->AddText(ImVec2(cell.x, y), text, b, e);
            } else {
                const char* end1 = tl.second;
                while (end1 > b && end1[-1] == ' ')
                    --end1;
                draw->AddText(ImVec2(cell.x, y), text, b, end1);
                const float x1 = cell.x + title_w;
                ImGui::RenderTextEllipsis(draw, ImVec2(cell.x, y + line), ImVec2(x1, y + line * 2.0f), x1, x1,
                                          tl.second, e, nullptr);
            }
        }
        // "row:ID": the title cell (the row spans the cells, the chip's among them).
        s.probe.Add("row:" + p.id, cell.x, cell.y, cell.x + title_w, cell.y + content_h);
        s.probe.Add("title:" + p.id, cell.x, cell.y, cell.x + title_w, cell.y + content_h);
        const ImVec2 mouse = ImGui::GetMousePos();
        const bool over_title = mouse.x >= cell.x && mouse.x < cell.x + title_w;
        if (row_hovered && over_title && !ImGui::IsMouseDown(0)) {
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
        ImGui::PopID();
    }
    if (last < n) ImGui::TableNextRow(ImGuiTableRowFlags_None, rt.tops[n] - rt.tops[last]);
    const ImVec2 tmin = ImGui::GetWindowPos();
    const ImVec2 tsize = ImGui::GetWindowSize();
    s.probe.Add("papers-table", tmin.x, tmin.y, tmin.x + tsize.x, tmin.y + tsize.y);
    ImGui::EndTable();
}
} // namespace

void DrawPapersPanel(AppState& s) {
    s.ui.visible_papers.clear();
    s.ui.visible_row_first = s.ui.visible_row_last = -1;
    s.ui.titles_shown = s.ui.titles_cut = 0;
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
        ImGui::TextDisabled("  %s", CountOf(d.matches, "paper").c_str());
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
        DrawRowsOnePane(s, list, own);
        return;
    }
    if (s.ui.selected.size() > 1) {
        ImGui::SameLine();
        ImGui::TextDisabled("  %zu selected: keys 1-5 set their status", s.ui.selected.size());
    }

    DrawTable(s, list, own);
}

} // namespace shelfmark
