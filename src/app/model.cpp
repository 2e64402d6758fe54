// model.cpp: loading the bundle, applying intents (the only place the UI's requests
// change the model), and rebuilding derived data (counts, the table's rows).
#include <algorithm>
#include <cctype>

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
constexpr size_t kMaxUndo = 200;

bool IsRequiredRole(const std::string& role) { return role == "required" || role == "listed"; }

int RowIndexOf(const AppState& s, const std::string& paper) {
    const auto it = s.derived.paper_index.find(paper);
    if (it == s.derived.paper_index.end()) return -1;
    for (size_t i = 0; i < s.derived.rows.size(); ++i)
        if (s.derived.rows[i].paper == it->second) return static_cast<int>(i);
    return -1;
}

void SelectRange(AppState& s, const std::string& from, const std::string& to) {
    int a = RowIndexOf(s, from), b = RowIndexOf(s, to);
    if (a < 0) a = b;
    if (a > b) std::swap(a, b);
    s.ui.selected.clear();
    for (int i = a; i >= 0 && i <= b; ++i)
        if (s.derived.rows[i].paper >= 0) s.ui.selected.insert(s.catalogue.papers[s.derived.rows[i].paper].id);
}

void SetStatuses(AppState& s, const std::vector<std::string>& ids, Status st, int64_t now, bool record_undo) {
    std::vector<std::pair<std::string, Status>> before;
    for (const auto& id : ids) {
        const Status old = s.progress.StatusOf(id);
        if (s.progress.SetStatus(id, st, now)) {
            before.emplace_back(id, old);
            s.index_stale.insert(id);
        }
    }
    if (before.empty()) return;
    if (record_undo) {
        s.undo.push_back(std::move(before));
        if (s.undo.size() > kMaxUndo) s.undo.erase(s.undo.begin());
    }
    if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now;
    s.saver.urgent = true;
    Touch(s);
}
} // namespace

std::vector<std::string> SplitCommaList(const std::string& text) {
    std::vector<std::string> out;
    for (size_t pos = 0; pos <= text.size();) {
        const size_t end = std::min(text.find(',', pos), text.size());
        size_t a = pos, b = end;
        while (a < b && std::isspace(static_cast<unsigned char>(text[a]))) ++a;
        while (b > a && std::isspace(static_cast<unsigned char>(text[b - 1]))) --b;
        if (b > a) out.push_back(text.substr(a, b - a));
        pos = end + 1;
    }
    return out;
}

void UseCatalogue(AppState& s, Catalogue c) {
    s.bundled = std::move(c);
    RebuildCatalogue(s);
    s.ui.list_id = s.catalogue.lists.empty() ? "" : s.catalogue.lists.front().id;
    Touch(s);
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
    UiState& ui = s.ui;
    for (Intent& in : s.intents) {
        if (ApplyUserListIntent(s, in, now)) continue;
        switch (in.kind) {
        case Intent::Kind::SetStatus: {
            std::vector<std::string> ids = in.ids;
            if (ids.empty()) ids.assign(ui.selected.begin(), ui.selected.end());
            SetStatuses(s, ids, in.status, now, true);
            break;
        }
        case Intent::Kind::SetNote: {
            const PaperProgress* before = s.progress.Find(in.id);
            const std::string old_note = before ? before->note : std::string();
            // The editor could not take in another window's merged text (a key typed at
            // the same place in the same frame): that text is kept as a note copy.
            if (in.flag && before && in.text.size() <= kMaxNoteBytes)
                s.progress.AddNoteCopy(in.id, NoteCopy{before->note_at, before->note, false});
            if (in.text.size() <= kMaxNoteBytes && s.progress.SetNote(in.id, in.text, now)) {
                s.note_sync.emplace(in.id, AppState::NoteSync{old_note, {}, {}}); // first edit since a take-in
                if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now;
                TouchPaper(s, in.id);
            }
            break;
        }
        case Intent::Kind::UseNoteCopy: {
            const PaperProgress* rec = s.progress.Find(in.id);
            if (!rec || in.number2 < 0 || in.number2 >= static_cast<int>(rec->note_copies.size())) break;
            const NoteCopy copy = rec->note_copies[static_cast<size_t>(in.number2)];
            std::string note = rec->note;
            if (in.number == 0) note = copy.text;
            if (in.number == 1) note += (note.empty() || note.back() == '\n' ? "" : "\n") + std::string("\n") + copy.text;
            if (note.size() > kMaxNoteBytes) {
                s.ui.note_message = "Both versions together are larger than a note can hold (256 KB); nothing was changed.";
                break;
            }
            const std::string old_note = rec->note;
            bool changed = false;
            if (note != old_note && s.progress.SetNote(in.id, note, now)) {
                s.note_sync.emplace(in.id, AppState::NoteSync{old_note, {}, {}});
                changed = true;
            }
            changed |= s.progress.DismissNoteCopy(in.id, copy.at, copy.text);
            if (changed) {
                if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now;
                s.saver.urgent = true;
                if (s.ui.note_paper == in.id) s.ui.note_reload = true;
                TouchPaper(s, in.id);
            }
            break;
        }
        case Intent::Kind::SetTags: {
            if (s.progress.SetTags(in.id, SplitCommaList(in.text), now)) { // SetTags sanitizes
                if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now;
                TouchPaper(s, in.id);
            }
            break;
        }
        case Intent::Kind::SetPriority:
            if (in.number >= 0 && in.number <= kMaxPriority && s.progress.SetPriority(in.id, in.number, now)) {
                if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now;
                s.saver.urgent = true;
                TouchPaper(s, in.id);
            }
            break;
        case Intent::Kind::SelectList:
            if ((in.id.empty() || s.catalogue.FindList(in.id)) && ui.list_id != in.id) {
                ui.list_id = in.id;
                ui.scroll_to_cursor = true;
                TouchRows(s);
            }
            break;
        case Intent::Kind::SelectPaper:
            if (!s.catalogue.FindPaper(in.id)) break;
            if (in.number == 1) {
                if (!ui.selected.erase(in.id)) ui.selected.insert(in.id);
                ui.cursor = ui.anchor = in.id;
            } else if (in.number == 2 && !ui.anchor.empty()) {
                UpdateDerived(s);
                SelectRange(s, ui.anchor, in.id);
                ui.cursor = in.id;
            } else {
                ui.selected = {in.id};
                ui.cursor = ui.anchor = in.id;
            }
            break;
        case Intent::Kind::MoveCursor: {
            UpdateDerived(s);
            const auto& rows = s.derived.rows;
            if (rows.empty()) break;
            int i = RowIndexOf(s, ui.cursor);
            const int step = in.number > 0 ? 1 : -1;
            int moves = std::abs(in.number);
            if (i < 0) {
                i = step > 0 ? -1 : static_cast<int>(rows.size());
            }
            int j = i;
            while (moves > 0) {
                int k = j + step;
                while (k >= 0 && k < static_cast<int>(rows.size()) && rows[k].paper < 0) k += step;
                if (k < 0 || k >= static_cast<int>(rows.size())) break;
                j = k;
                --moves;
            }
            if (j < 0 || j >= static_cast<int>(rows.size()) || rows[j].paper < 0) break;
            const std::string id = s.catalogue.papers[rows[j].paper].id;
            if (in.flag) {
                if (ui.anchor.empty()) ui.anchor = ui.cursor.empty() ? id : ui.cursor;
                SelectRange(s, ui.anchor, id);
            } else {
                ui.selected = {id};
                ui.anchor = id;
            }
            ui.cursor = id;
            ui.scroll_to_cursor = true;
            break;
        }
        case Intent::Kind::Undo:
            if (!s.undo.empty()) {
                auto last = std::move(s.undo.back());
                s.undo.pop_back();
                std::map<Status, std::vector<std::string>> by_status;
                for (auto& [id, st] : last) by_status[st].push_back(id);
                for (auto& [st, ids] : by_status) SetStatuses(s, ids, st, now, false);
            }
            break;
        case Intent::Kind::SetQuery:
            if (ui.query != in.text) {
                ui.query = in.text;
                TouchRows(s);
            }
            break;
        case Intent::Kind::SetSort:
            ui.sort_column = in.number;
            ui.sort_descending = in.flag;
            TouchRows(s);
            break;
        case Intent::Kind::SetTheme:
            ui.theme = in.number;
            break;
        case Intent::Kind::FocusSearch:
            ui.focus_search = true;
            break;
        case Intent::Kind::EditNote:
            ui.focus_note = true;
            break;
        case Intent::Kind::Back:
            if (ui.show_help) ui.show_help = false;
            else if (ui.show_stats) ui.show_stats = false;
            else if (!ui.query.empty()) {
                ui.query.clear();
                ui.search_buffer.clear();
                TouchRows(s);
            } else if (ui.selected.size() > 1) {
                ui.selected = {ui.cursor};
            }
            break;
        case Intent::Kind::ToggleHelp:
            ui.show_help = !ui.show_help;
            break;
        case Intent::Kind::ToggleStats:
            ui.show_stats = !ui.show_stats;
            break;
        case Intent::Kind::Export: ExportProgress(s, now); break;
        case Intent::Kind::Import: platform::PickFile(); break;
        case Intent::Kind::ApplyImport: ApplyPendingImport(s, static_cast<ImportMode>(in.number), now); break;
        case Intent::Kind::CancelImport: s.import = PendingImport{}; break;
        default: break;
        }
    }
    s.intents.clear();
}

void UpdateDerived(AppState& s) {
    Derived& d = s.derived;
    if (d.built_for == s.generation) {
        // Only the view changed (query, sort, list): the rows, not the counts.
        if (d.rows_built_for != s.rows_generation) {
            d.rows_built_for = s.rows_generation;
            BuildRows(s);
        }
        return;
    }
    d.built_for = s.generation;
    d.rows_built_for = s.rows_generation;
    const Catalogue& c = s.catalogue;
    const size_t n = c.papers.size();
    if (d.paper_index.size() != n) {
        d.paper_index.clear();
        for (size_t i = 0; i < n; ++i) d.paper_index.emplace(c.papers[i].id, static_cast<int>(i));
        d.lists_of_paper.assign(n, {});
        d.roles_of_paper.assign(n, {});
        for (size_t li = 0; li < c.lists.size(); ++li)
            for (const Section& sec : c.lists[li].sections)
                for (const Entry& e : sec.entries) {
                    const auto it = d.paper_index.find(c.Canonical(e.paper));
                    if (it == d.paper_index.end()) continue;
                    auto& l = d.lists_of_paper[it->second];
                    if (l.empty() || l.back() != static_cast<int>(li)) l.push_back(static_cast<int>(li));
                    auto& r = d.roles_of_paper[it->second];
                    if (std::find(r.begin(), r.end(), e.role) == r.end()) r.push_back(e.role);
                }
    }
    // Counts.
    d.list_required.assign(c.lists.size(), {});
    d.list_optional.assign(c.lists.size(), {});
    d.section_counts.assign(c.lists.size(), {});
    for (size_t li = 0; li < c.lists.size(); ++li) {
        d.section_counts[li].assign(c.lists[li].sections.size(), {});
        for (size_t si = 0; si < c.lists[li].sections.size(); ++si)
            for (const Entry& e : c.lists[li].sections[si].entries) {
                const bool read = s.progress.StatusOf(e.paper) == Status::Read;
                Counts& sc = d.section_counts[li][si];
                Counts& lc = IsRequiredRole(e.role) ? d.list_required[li] : d.list_optional[li];
                ++sc.total;
                ++lc.total;
                sc.read += read;
                lc.read += read;
            }
    }
    // Search index: full build after loads, per-paper updates after edits.
    if (s.index_needs_build || s.index_stale.size() > 2000) {
        s.search_index.Build(c, s.progress);
        s.index_needs_build = false;
        s.index_stale.clear();
    } else {
        for (const auto& id : s.index_stale) s.search_index.UpdatePaper(id, s.progress.Find(id));
        s.index_stale.clear();
    }
    d.all = {};
    for (const Paper& p : c.papers) {
        ++d.all.total;
        d.all.read += s.progress.StatusOf(p.id) == Status::Read;
    }
    BuildRows(s);
}

} // namespace shelfmark
