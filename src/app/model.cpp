// model.cpp: loading the bundle, applying intents (the only place the UI's requests
// change the model), and rebuilding derived data (counts, the table's rows).
#include <algorithm>
#include <cctype>

#include "app/app_state.h"
#include "app/fonts.h"
#include "core/wording.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
constexpr size_t kMaxUndo = 200;

bool IsRequiredRole(const std::string& role) { return role == "required" || role == "listed"; }

void SelectRange(AppState& s, const std::string& from, const std::string& to) {
    int a = RowIndexOf(s, from), b = RowIndexOf(s, to);
    if (a < 0) a = b;
    if (a > b) std::swap(a, b);
    s.ui.selected.clear();
    for (int i = a; i >= 0 && i <= b; ++i)
        if (s.derived.rows[i].paper >= 0)
            s.ui.selected.insert(s.catalogue.papers[s.derived.rows[i].paper].id);
}

void SetStatuses(AppState& s, const std::vector<std::string>& ids, Status st, int64_t now, bool record_undo) {
    std::vector<std::pair<std::string, Status>> before;
    for (const auto& id : ids) {
        const Status old = s.progress.StatusOf(id);
        if (s.progress.SetStatus(id, st, now)) {
            before.emplace_back(id, old);
            Changed(s, change::Paper{id}, Urgency::Now, now);
        }
    }
    if (!before.empty()) {
        const Paper* one = before.size() == 1 ? s.catalogue.FindPaper(before.front().first) : nullptr;
        Announce(
            s, std::string(record_undo ? "Marked " : "Undone: back to ") + StatusName(st) +
                   (one ? ": " + one->title : ": " + CountOf(static_cast<int64_t>(before.size()), "paper")));
    }
    if (before.empty() || !record_undo) return;
    s.undo.push_back(std::move(before));
    if (s.undo.size() > kMaxUndo) s.undo.erase(s.undo.begin());
}

// One handler per intent type; std::visit picks it (ApplyIntents).
struct Applier {
    AppState& s;
    int64_t now;
    UiState& ui = s.ui;

    void operator()(const intent::SetStatus& in) {
        std::vector<std::string> ids = in.papers;
        int hidden = 0;
        if (ids.empty()) {
            // The selection, as far as the table shows it: a paper the search (or another
            // list) hides is left alone, so no change happens out of sight.
            UpdateDerived(s);
            for (const std::string& id : ui.selected)
                if (HasRow(s, id))
                    ids.push_back(id);
                else
                    ++hidden;
            if (ids.empty() && hidden > 0) {
                ui.status_refused = true;
                Announce(s, "Status not changed: " + DescribeScope(s).hidden_text + ".");
                return;
            }
        }
        SetStatuses(s, ids, in.status, now, true);
        if (hidden > 0)
            Announce(s, std::to_string(hidden) + (hidden == 1 ? " selected paper" : " selected papers") +
                            " without a row in the table left as it was.");
    }
    void operator()(const intent::SetNote& in) {
        const PaperProgress* before = s.progress.Find(in.paper);
        const std::string old_note = before ? before->note : std::string();
        // The editor could not take in another window's merged text (a key typed at
        // the same place in the same frame): that text is kept as a note copy.
        if (in.keep_stored_as_copy && before && in.text.size() <= kMaxNoteBytes)
            s.progress.AddNoteCopy(in.paper, NoteCopy{before->note_at, before->note, false});
        if (in.text.size() <= kMaxNoteBytes && s.progress.SetNote(in.paper, in.text, now)) {
            s.note_sync.emplace(in.paper, AppState::NoteSync{old_note, {}, {}}); // first edit since a take-in
            Changed(s, change::Paper{in.paper}, Urgency::Batched, now);
        }
    }
    void operator()(const intent::UseNoteCopy& in) {
        const PaperProgress* rec = s.progress.Find(in.paper);
        if (!rec || in.copy < 0 || in.copy >= static_cast<int>(rec->note_copies.size())) return;
        const NoteCopy copy = rec->note_copies[static_cast<size_t>(in.copy)];
        std::string note = rec->note;
        if (in.action == intent::CopyAction::Replace) note = copy.text;
        if (in.action == intent::CopyAction::AppendBelow)
            note += (note.empty() || note.back() == '\n' ? "" : "\n") + std::string("\n") + copy.text;
        if (note.size() > kMaxNoteBytes) {
            ui.note_message =
                "Both versions together are larger than a note can hold (256 KB); nothing was changed.";
            return;
        }
        const std::string old_note = rec->note;
        bool changed = false;
        if (note != old_note && s.progress.SetNote(in.paper, note, now)) {
            s.note_sync.emplace(in.paper, AppState::NoteSync{old_note, {}, {}});
            changed = true;
        }
        changed |= s.progress.DismissNoteCopy(in.paper, copy.at, copy.text);
        if (!changed) return;
        if (ui.note_paper == in.paper) ui.note_reload = true;
        Changed(s, change::Paper{in.paper}, Urgency::Now, now);
    }
    void operator()(const intent::SetTags& in) {
        if (s.progress.SetTags(in.paper, SplitCommaList(in.text), now)) // SetTags sanitizes
            Changed(s, change::Paper{in.paper}, Urgency::Batched, now);
    }
    void operator()(const intent::SetPriority& in) {
        if (in.priority >= 0 && in.priority <= kMaxPriority &&
            s.progress.SetPriority(in.paper, in.priority, now))
            Changed(s, change::Paper{in.paper}, Urgency::Now, now);
    }
    void operator()(const intent::Undo&) {
        if (s.undo.empty()) return;
        auto last = std::move(s.undo.back());
        s.undo.pop_back();
        std::map<Status, std::vector<std::string>> by_status;
        for (auto& [id, st] : last)
            by_status[st].push_back(id);
        for (auto& [st, ids] : by_status)
            SetStatuses(s, ids, st, now, false);
    }
    void operator()(const intent::SelectList& in) {
        ui.pane = Pane::Papers; // one pane at a time: the chosen list's papers
        ui.show_stats = false;  // a list chosen: its papers, not the Statistics view
        ui.status_refused = false;
        if ((in.list.empty() || s.catalogue.FindList(in.list)) && ui.list_id != in.list) {
            ui.list_id = in.list;
            ui.scroll_to_cursor = true;
            Changed(s, change::View{});
        }
    }
    void operator()(const intent::SelectPaper& in) {
        if (!s.catalogue.FindPaper(in.paper)) return;
        ui.status_refused = false;
        if (in.mode == intent::SelectMode::Toggle) {
            if (!ui.selected.erase(in.paper)) ui.selected.insert(in.paper);
            ui.cursor = ui.anchor = in.paper;
        } else if (in.mode == intent::SelectMode::Range && !ui.anchor.empty()) {
            UpdateDerived(s);
            SelectRange(s, ui.anchor, in.paper);
            ui.cursor = in.paper;
        } else {
            ui.selected = {in.paper};
            ui.cursor = ui.anchor = in.paper;
            ui.pane = Pane::Paper; // one pane at a time: the chosen paper
            ui.detail_closed = false;
        }
    }
    void operator()(const intent::MoveCursor& in) {
        UpdateDerived(s);
        ui.status_refused = false;
        const auto& rows = s.derived.rows;
        if (rows.empty()) return;
        int i = RowIndexOf(s, ui.cursor);
        const int step = in.rows > 0 ? 1 : -1;
        int moves = std::abs(in.rows);
        if (i < 0) i = step > 0 ? -1 : static_cast<int>(rows.size());
        int j = i;
        while (moves > 0) {
            int k = j + step;
            while (k >= 0 && k < static_cast<int>(rows.size()) && rows[k].paper < 0)
                k += step;
            if (k < 0 || k >= static_cast<int>(rows.size())) break;
            j = k;
            --moves;
        }
        if (j < 0 || j >= static_cast<int>(rows.size()) || rows[j].paper < 0) return;
        const std::string id = s.catalogue.papers[rows[j].paper].id;
        if (in.extend) {
            if (ui.anchor.empty()) ui.anchor = ui.cursor.empty() ? id : ui.cursor;
            SelectRange(s, ui.anchor, id);
        } else {
            ui.selected = {id};
            ui.anchor = id;
        }
        ui.cursor = id;
        ui.scroll_to_cursor = true;
    }
    void operator()(const intent::SetQuery& in) {
        if (ui.query == in.text) return;
        ui.query = in.text;
        ui.status_refused = false;
        if (in.text.empty()) ui.back_to_search = false;
        if (!in.text.empty()) ui.pane = Pane::Papers; // one pane at a time: the results
        Changed(s, change::View{});
    }
    void operator()(const intent::SetSort& in) {
        ui.sort_column = in.column;
        ui.sort_descending = in.descending;
        Changed(s, change::View{});
    }
    void operator()(const intent::SetTheme& in) { ui.theme = in.theme; }
    void operator()(const intent::SetTextSize& in) {
        ui.text_size_percent = std::clamp(in.percent, kMinTextSize, kMaxTextSize);
    }
    void operator()(const intent::ShowPane& in) { ui.pane = in.pane; }
    void operator()(const intent::FocusSearch&) {
        ui.focus_search = true;
        ui.back_to_search = false;
        ui.show_stats = false; // the hits are shown in the papers' place
        if (ui.one_pane && !ui.search_in_menu_bar) ui.pane = Pane::Papers; // where the box is
    }
    void operator()(const intent::GoToHit& in) {
        UpdateDerived(s);
        const auto first_paper = [&] {
            for (const PaperRow& r : s.derived.rows)
                if (r.paper >= 0) return r.paper;
            return -1;
        };
        int paper = first_paper();
        if (paper < 0 && !ui.list_id.empty() && s.derived.matches_all > 0) {
            // Nothing in the open list, something elsewhere: the search goes to all papers.
            ui.list_id.clear();
            Changed(s, change::View{});
            UpdateDerived(s);
            paper = first_paper();
            Announce(s, "Nothing in the list matches: showing the matches in all papers.");
        }
        if (paper < 0) {
            ui.focus_search = true; // nothing to go to: keep typing
            return;
        }
        const std::string& id = s.catalogue.papers[static_cast<size_t>(paper)].id;
        ui.selected = {id};
        ui.cursor = ui.anchor = id;
        ui.scroll_to_cursor = true;
        ui.status_refused = false;
        ui.detail_closed = false;
        ui.back_to_search = true;
        if (in.open) ui.pane = Pane::Paper; // one pane at a time: the chosen paper
    }
    void operator()(const intent::SearchAllPapers&) {
        if (ui.list_id.empty()) return;
        ui.list_id.clear();
        ui.pane = Pane::Papers;
        ui.scroll_to_cursor = true;
        ui.status_refused = false;
        Changed(s, change::View{});
        UpdateDerived(s);
        Announce(s, "All papers: " + std::to_string(s.derived.matches) +
                        (s.ui.query.empty() ? " papers." : " match the search."));
    }
    void operator()(const intent::EditNote&) {
        ui.focus_note = true;
        ui.detail_closed = false;
        if (ui.one_pane && !ui.cursor.empty()) ui.pane = Pane::Paper; // where the editor is
    }
    void operator()(const intent::Back&) {
        if (ui.show_help) {
            ui.show_help = false;
        } else if (ui.show_stats) {
            ui.show_stats = false;
        } else if (ui.back_to_search && !ui.query.empty()) {
            ui.back_to_search = false; // came from the search box (Down, Enter): back there
            ui.focus_search = true;
        } else if (!ui.query.empty()) {
            ui.query.clear();
            ui.status_refused = false;
            ui.search_buffer.clear();
            Changed(s, change::View{});
        } else if (ui.selected.size() > 1) {
            ui.selected = {ui.cursor};
        } else if (!ui.one_pane && !ui.detail_closed && s.catalogue.FindPaper(ui.cursor)) {
            ui.detail_closed = true; // the papers take the paper pane's room
        } else if (ui.one_pane && ui.pane != Pane::Lists) {
            ui.pane = ui.pane == Pane::Paper ? Pane::Papers : Pane::Lists; // as the back control
        }
    }
    void operator()(const intent::CloseDetail&) { ui.detail_closed = true; }
    void operator()(const intent::ToggleHelp&) { ui.show_help = !ui.show_help; }
    void operator()(const intent::ToggleStats&) { ui.show_stats = !ui.show_stats; }
    void operator()(const intent::Export&) { ExportProgress(s, now); }
    void operator()(const intent::Import&) { platform::PickFile(); }
    void operator()(const intent::ApplyImport& in) { ApplyPendingImport(s, in.mode, now); }
    void operator()(const intent::CancelImport&) { s.import = PendingImport{}; }
    void operator()(const intent::ExcludeImportItems& in) {
        if (!s.import.open) return;
        SetItemsExcluded(s.import, in.first, in.count, in.exclude, s.progress);
        ++s.import.selection_seq;
    }
    void operator()(const intent::SetImportCursor& in) {
        const size_t rows = ImportRowCount(s.import);
        if (!s.import.open || rows == 0) return;
        s.import.cursor = std::min(in.row, rows - 1);
        s.import.scroll_to_cursor = true;
    }
    // The user's own lists: user_lists.cpp.
    template <class UserListIntent> void operator()(const UserListIntent& in) { Apply(s, in, now); }
};
} // namespace

int RowIndexOf(const AppState& s, const std::string& paper) {
    const auto it = s.derived.paper_index.find(paper);
    if (it == s.derived.paper_index.end()) return -1;
    for (size_t i = 0; i < s.derived.rows.size(); ++i)
        if (s.derived.rows[i].paper == it->second) return static_cast<int>(i);
    return -1;
}

std::vector<std::string> SplitCommaList(const std::string& text) {
    std::vector<std::string> out;
    for (size_t pos = 0; pos <= text.size();) {
        const size_t end = std::min(text.find(',', pos), text.size());
        size_t a = pos, b = end;
        while (a < b && std::isspace(static_cast<unsigned char>(text[a])))
            ++a;
        while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1])))
            --b;
        if (b > a) out.push_back(text.substr(a, b - a));
        pos = end + 1;
    }
    return out;
}

void UseCatalogue(AppState& s, Catalogue c) {
    s.catalogue = std::move(c);
    s.bundled_papers = s.catalogue.papers.size();
    s.bundled_lists = s.catalogue.lists.size();
    for (const Paper& p : s.catalogue.papers) {
        WantGlyphsFor(p.title);
        for (const auto& a : p.authors)
            WantGlyphsFor(a);
    }
    for (const ReadingList& l : s.catalogue.lists)
        WantGlyphsFor(l.title);
    RebuildCatalogue(s);
    Changed(s, change::Catalogue{}); // a new catalogue: everything derived from it
    s.ui.list_id = s.catalogue.lists.empty() ? "" : s.catalogue.lists.front().id;
    Changed(s, change::View{});
}

void LoadBundle(AppState& s, const std::string& data_dir) {
    CatalogueLoad load = LoadCatalogueDir(data_dir);
    if (!load.ok()) {
        s.fatal_error = "The bundled reading lists are invalid:\n";
        for (size_t i = 0; i < load.errors.size() && i < 20; ++i)
            s.fatal_error += load.errors[i].ToString() + "\n";
        return;
    }
    UseCatalogue(s, std::move(load.catalogue));
}

void ApplyIntents(AppState& s, int64_t now) {
    // An intent may record another (none does today); those wait for the next frame.
    std::vector<Intent> intents;
    intents.swap(s.intents);
    for (const Intent& in : intents)
        std::visit(Applier{s, now}, in);
}

void UpdateDerived(AppState& s) {
    Derived& d = s.derived;
    Stale& st = s.stale;
    if (d.built_for == st.data) {
        // Only the view changed (query, sort, list): the rows, not the counts.
        if (d.rows_built_for != st.rows) {
            d.rows_built_for = st.rows;
            BuildRows(s);
        }
        return;
    }
    d.built_for = st.data;
    d.rows_built_for = st.rows;
    const Catalogue& c = s.catalogue;
    const size_t n = c.papers.size();
    const bool catalogue_changed = d.lookups_built_for != st.catalogue;
    if (catalogue_changed) {
        d.lookups_built_for = st.catalogue;
        d.paper_index.clear();
        for (size_t i = 0; i < n; ++i)
            d.paper_index.emplace(c.papers[i].id, static_cast<int>(i));
    }
    const bool lists_changed = catalogue_changed || d.placements_built_for != st.lists;
    if (lists_changed) {
        d.placements_built_for = st.lists;
        d.lists_of_paper.assign(n, {});
        d.roles_of_paper.assign(n, {});
        d.entry_paper.assign(c.lists.size(), {});
        for (size_t li = 0; li < c.lists.size(); ++li) {
            d.entry_paper[li].resize(c.lists[li].sections.size());
            for (size_t si = 0; si < c.lists[li].sections.size(); ++si) {
                std::vector<int>& of_entry = d.entry_paper[li][si];
                of_entry.reserve(c.lists[li].sections[si].entries.size());
                for (const Entry& e : c.lists[li].sections[si].entries) {
                    // Most entries name a paper by its id (a hash lookup); an alias goes
                    // through the catalogue's alias table.
                    auto it = d.paper_index.find(e.paper);
                    const bool by_id = it != d.paper_index.end();
                    if (!by_id) it = d.paper_index.find(c.Canonical(e.paper));
                    if (it == d.paper_index.end()) {
                        of_entry.push_back(-1);
                        continue;
                    }
                    // The entry's paper, or -2 - index when named by an alias (its status is
                    // then looked up by that alias, as Progress::StatusOf(entry) does).
                    of_entry.push_back(by_id ? it->second : -2 - it->second);
                    auto& l = d.lists_of_paper[it->second];
                    if (l.empty() || l.back() != static_cast<int>(li)) l.push_back(static_cast<int>(li));
                    auto& r = d.roles_of_paper[it->second];
                    if (std::find(r.begin(), r.end(), e.role) == r.end()) r.push_back(e.role);
                }
            }
        }
    }
    // Each paper's status: one walk over the records (hash lookups), not a search of the
    // records for each of 50,000 papers and again for each list entry.
    d.status_of_paper.assign(n, Status::Unread);
    for (const auto& [id, record] : s.progress.Records())
        if (const auto it = d.paper_index.find(id); it != d.paper_index.end())
            d.status_of_paper[static_cast<size_t>(it->second)] = record.status;
    d.all = {};
    for (size_t i = 0; i < n; ++i) {
        ++d.all.total;
        d.all.read += d.status_of_paper[i] == Status::Read;
    }
    // Counts.
    d.list_required.assign(c.lists.size(), {});
    d.list_optional.assign(c.lists.size(), {});
    d.list_optional_role.assign(c.lists.size(), {});
    d.section_counts.assign(c.lists.size(), {});
    for (size_t li = 0; li < c.lists.size(); ++li) {
        d.section_counts[li].assign(c.lists[li].sections.size(), {});
        std::string& other = d.list_optional_role[li]; // the list's own word ("optional", "extra")
        for (size_t si = 0; si < c.lists[li].sections.size(); ++si) {
            const auto& entries = c.lists[li].sections[si].entries;
            const std::vector<int>& of_entry = d.entry_paper[li][si];
            for (size_t ei = 0; ei < entries.size(); ++ei) {
                const Entry& e = entries[ei];
                const int p = of_entry[ei];
                const Status status =
                    p >= 0 ? d.status_of_paper[static_cast<size_t>(p)] : s.progress.StatusOf(e.paper);
                const bool read = status == Status::Read;
                Counts& sc = d.section_counts[li][si];
                const bool required = IsRequiredRole(e.role);
                if (!required) other = other.empty() || other == e.role ? e.role : "other";
                Counts& lc = required ? d.list_required[li] : d.list_optional[li];
                ++sc.total;
                ++lc.total;
                sc.read += read;
                lc.read += read;
            }
        }
    }
    // Search index: full build after loads, per-paper updates after edits; after a change
    // of lists alone (the same papers), only where the papers appear.
    if (d.index_built_for != st.index || d.index_catalogue_for != st.catalogue || st.papers.size() > 2000 ||
        (lists_changed && !s.search_index.UpdatePlacements(c))) {
        s.search_index.Build(c, s.progress);
        d.index_built_for = st.index;
        d.index_catalogue_for = st.catalogue;
    } else {
        for (const auto& id : st.papers)
            s.search_index.UpdatePaper(id, s.progress.Find(id));
    }
    st.papers.clear();
    BuildRows(s);
}

} // namespace shelfmark
