// app_state.h: everything the app knows, in one plain struct passed to every panel.
//
// Index
//   - Intent (intents.h): what the user asked for this frame (panels record, ApplyIntents() acts).
//   - SaveState, StorageInfo, Saver: where the data stands with respect to storage.
//   - Change, Changed(): the one place a model change becomes stale derived data and a
//     save schedule (changes.cpp).
//   - Probe: named widget rectangles for the end-to-end tests.
//   - PaperRow, Derived: the table's rows and cached counts, rebuilt when inputs change.
//   - UiState, AppState, and the functions that act on them; one Draw…() per panel file.
//
// Widgets never write to storage: they record Intents; the Saver writes changed records.
#pragma once

#include <algorithm>
#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "app/intents.h"
#include "core/catalog.h"
#include "core/import_plan.h"
#include "core/markdown.h"
#include "core/markdown_import.h"
#include "core/progress.h"
#include "core/progress_file.h"
#include "core/search.h"
#include "core/user_data.h"

namespace shelfmark {

// Where the user's data stands with respect to storage; shown in the menu bar.
struct SaveState {
    enum class Kind { Loading, Saved, Saving, NotSaved, Unavailable };
    Kind kind = Kind::Loading;
    std::string why; // for NotSaved / Unavailable
};

// What the browser says about our storage (navigator.storage).
struct StorageInfo {
    int persisted = -1; // -1 unknown, 0 best-effort, 1 persistent
    double usage_bytes = 0, quota_bytes = 0;
};

// How soon a change must reach storage: typing waits up to kSaveDelayMs so keystrokes
// are written together; a status change, a list edit or an import is written at once.
enum class Urgency { Batched, Now };

// When the next write is due, and the writes in flight. The dirty records themselves
// are tracked by Progress and UserData; the Saver only says when (saver.cpp).
class Saver {
  public:
    static constexpr int64_t kSaveDelayMs = 300;
    static constexpr int64_t kNever = INT64_MAX;
    // A record changed: the next write is due by now (+ kSaveDelayMs when Batched).
    void Schedule(Urgency u, int64_t now_ms);
    // A write failed: try again at `when` (or sooner, should an urgent change come).
    void RetryAt(int64_t when_ms) { due_ms_ = when_ms; }
    bool Scheduled() const { return due_ms_ != kNever; }
    int64_t DueMs() const { return due_ms_; }
    void Clear() { due_ms_ = kNever; }
    // Batches written but not yet committed: batch id -> storage keys in it. Normally
    // one; a flush (page hidden or closing) may add another without waiting.
    std::map<int, std::vector<std::string>> inflight;

  private:
    int64_t due_ms_ = kNever;
};

// Screen rectangles of named widgets in the last frame (CSS pixels), for the
// end-to-end tests and for tooling.
struct Probe {
    struct Rect {
        float x, y, w, h;
    };
    std::map<std::string, Rect> rects;
    float scale = 1.0f; // physical pixels per CSS pixel
    void Add(const std::string& name, float x0, float y0, float x1, float y1) {
        rects[name] = {x0 / scale, y0 / scale, (x1 - x0) / scale, (y1 - y0) / scale};
    }
};

// Below this window width (in em, so a larger text size switches too) the app shows one
// pane at a time with back controls, and larger touch targets.
inline constexpr float kOnePaneEm = 50.0f;
// Touch targets in the one-pane layout: 44 CSS px (WCAG 2.5.8 asks for 24 at least), or
// more with large text; in physical pixels.
inline float TouchTargetPx(const Probe& p, float font_px) {
    return std::max(44.0f * p.scale, font_px * 2.2f);
}

// One row of the papers table: a section heading (paper < 0) or a paper.
struct PaperRow {
    int paper = -1;   // index into catalogue.papers
    int list = -1;    // index into catalogue.lists (-1: all papers view)
    int section = -1; // index into that list's sections
    int entry = -1;   // index into the section's entries
};

struct Counts {
    int read = 0, total = 0;
};

// Counters of what changed, compared by Derived with what it was built for. Only
// Changed() (changes.cpp) moves them.
struct Stale {
    uint64_t data = 1;            // progress or catalogue: counts, rows
    uint64_t rows = 1;            // the view only (list, query, sort): rows
    uint64_t catalogue = 1;       // papers or lists: lookups and the whole search index
    uint64_t lists = 1;           // lists only: where papers appear (lookups, index placements)
    uint64_t index = 1;           // many records: the whole search index
    std::set<std::string> papers; // single records to re-index
};

// Derived data, rebuilt when the catalogue, the progress or the view changes.
struct Derived {
    // The Stale counters (AppState::stale) each part was built for.
    uint64_t built_for = ~0ull;            // counts and rows: Stale::data
    uint64_t rows_built_for = ~0ull;       // rows only: Stale::rows
    uint64_t lookups_built_for = ~0ull;    // paper_index, lists_of_paper, roles_of_paper: Stale::catalogue
    uint64_t placements_built_for = ~0ull; // lists_of_paper, roles_of_paper, index placements: Stale::lists
    uint64_t index_built_for = ~0ull,
             index_catalogue_for = ~0ull;                 // the whole search index: Stale::index, ::catalogue
    std::unordered_map<std::string, int> paper_index;     // id -> catalogue.papers index
    std::vector<std::vector<int>> lists_of_paper;         // by paper index
    std::vector<std::vector<std::string>> roles_of_paper; // by paper index
    // By list, section, entry: the paper's index when the entry names it by its id, -2 - index
    // when by an alias, -1 when the catalogue has no such paper.
    std::vector<std::vector<std::vector<int>>> entry_paper;
    std::vector<Counts> list_required, list_optional; // by list index
    std::vector<std::string> list_optional_role;      // by list: what it calls its other papers
    std::vector<std::vector<Counts>> section_counts;  // by list, section
    Counts all;                                       // every paper
    std::vector<Status> status_of_paper;              // by paper index (with the counts)
    std::vector<PaperRow> rows;                       // the table, after scope, query and sort
    int matches = 0;                                  // papers in rows
    int matches_all = -1;      // searching: papers matching in the whole catalogue; else -1
    bool scope_all = false;    // list:all lifted the open list's scope (rows = all papers)
    std::vector<char> in_rows; // by paper index: 1 when the paper has a row
    // Sort keys by paper index, built on the first sort by that column after a catalogue
    // change (rows.cpp): papers with equal titles (or year and venue) share a rank, so a
    // keystroke or a click on a header orders the rows in linear time.
    uint64_t title_rank_for = ~0ull, venue_rank_for = ~0ull; // Stale::catalogue
    std::vector<uint32_t> title_rank, venue_rank;
};

struct UiState {
    std::string list_id;            // "" = all papers
    std::string cursor;             // the paper the keyboard is on
    std::string anchor;             // start of a Shift range
    std::set<std::string> selected; // multi-selection (always contains the cursor)
    std::string query;              // the search query in effect
    std::string search_buffer;      // the search box's text (becomes query via SetQuery)
    std::string query_error;        // what the query parser could not use
    int sort_column = -1;           // -1: list order
    bool sort_descending = false;
    Theme theme = Theme::System;
    bool system_dark = true;
    int text_size_percent = 100; // the text size setting; fonts are drawn at pixel ratio x this
    // One pane at a time when the window is narrower than kOnePaneEm (phones, 200% zoom,
    // large text): which one shows. Select a list -> Papers, a paper -> Paper, back -> up.
    Pane pane = Pane::Lists;
    bool one_pane = false;          // the layout of this frame (set by DrawApp)
    bool search_in_menu_bar = true; // else the papers pane draws the search box (too narrow)
    // The one-pane papers list, whose rows are as tall as their wrapped titles: each row's
    // top and the end (rows + 1 values), for the rows, width and font they were measured at.
    struct RowTops {
        std::vector<float> tops;
        uint64_t data = ~0ull, rows = ~0ull; // Derived::built_for, rows_built_for
        float width = 0, font = 0;
    } row_tops;
    RowTops table_tops; // the table's rows: one or two lines each, by the title's width
    // Each paper's title width at the table's font (by catalogue index), measured once per
    // catalogue and font: the row tops are rebuilt at every keystroke (new rows) and a
    // width comparison is all they need (50,000 text measurements were ~5 ms a keystroke).
    struct TitleWidths {
        uint64_t catalogue = ~0ull; // Derived::lookups_built_for
        float font = 0;
        const void* font_face = nullptr;
        std::vector<float> px;
    } title_widths;
    // Each paper's wrapped title height in the one-pane list (by catalogue index; < 0: not
    // measured yet), for the wrap width and font it was measured at: its rows change at
    // every keystroke, and wrapping every title of 50,000 again each time was the cost.
    struct TitleHeights {
        uint64_t catalogue = ~0ull; // Derived::lookups_built_for
        float font = 0, wrap = 0;
        const void* font_face = nullptr;
        std::vector<float> px;
    } title_heights;
    bool show_help = false;
    bool show_stats = false;
    // The paper pane was closed (Esc, its close button): the table takes its room until a
    // paper is chosen again (click, Enter, n). The cursor and selection stay.
    bool detail_closed = false;
    // The keyboard came into the rows from the search box (Down, Enter): Esc goes back there.
    bool back_to_search = false;
    // A status key was refused because the selection has no row (said until the view moves).
    bool status_refused = false;
    bool focus_search = false; // one-shot requests to the widgets
    bool focus_note = false;
    bool scroll_to_cursor = false;
    // The note editor works on a copy; it is written back as SetNote intents.
    std::string note_paper;
    std::string note_buffer;
    std::string note_message;            // e.g. the size limit was reached
    unsigned note_editor_id = 0;         // the note editor's ImGuiID (when last drawn)
    bool note_keys_at_press = false;     // the note editor had the keyboard at the last mouse press
    bool note_caret_to_end = false;      // put the caret at the end when the editor activates
    bool note_reload = false;            // another window's edit was merged in: the editor takes it
    std::string tags_paper, tags_buffer; // the tags field of the detail panel
    // The preview's parse, redone only when the text changes.
    std::string preview_text;
    std::optional<MarkdownDoc> preview_doc;
    std::string preview_error;
    std::vector<std::string> visible_papers;           // drawn this frame, in order
    int visible_row_first = -1, visible_row_last = -1; // rows of the table drawn this frame
    // The table's paper rows on screen this frame and those whose title did not fit its
    // cell (cut, drawn with an ellipsis): the "titles" probe.
    int titles_shown = 0, titles_cut = 0;
    // The canvas widget the DOM focus stands for (a Probe name: "search", "row:ID", ...):
    // the canvas draws the focus ring around it (accessible mirror, mirror.h).
    std::string dom_focus;
    // The user's own list being edited: its name and the add-a-paper form.
    std::string rename_list, rename_buffer;
    bool show_add_paper = false;
    Paper new_paper;
    std::string new_paper_link, new_paper_authors;
    std::string new_paper_year;   // as typed: empty = no year (panel_own_list.cpp validates)
    std::string new_paper_error;  // why the last Add did not add
    bool focus_list_name = false; // one-shot: a list just made, its name field takes the keyboard
    bool focus_new_paper = false; // one-shot: the add-a-paper form's title field
    // The menu bar by keyboard (F10, or Alt pressed and released alone): ImGui's keyboard
    // navigation is on only while the menu bar has the keyboard (shortcuts.cpp).
    bool menu_keys = false;
    bool alt_alone = false; // Alt is down and nothing else was pressed since
};

// The import dialog: the chosen file's plan (import_plan.h), open until applied or
// cancelled. A file the browser could not read is a plan with only file_name and error.
struct PendingImport : ImportPlan {
    bool open = false;
    // The file's text and the Stale::data the plan was made for: when the progress or the
    // user's lists change while the dialog is open (a load finishing, another window, the
    // mirror), the plan is made again, so the preview says what applying would do now.
    std::string text;
    uint64_t planned_for = 0;
    // The preview's rows (ImportRowAt): the keyboard's row, whether the list should scroll to
    // it (it moved by key or from the mirror), and a count of selection changes (the mirror's key).
    size_t cursor = 0;
    bool scroll_to_cursor = false;
    uint64_t selection_seq = 0;
};

// The import preview's rows: each section's header, then its items (ImportPlan::item_sections).
// Found by binary search over the sections, so drawing the rows in view costs the same for
// ten items or ten thousand.
struct ImportRow {
    size_t section = 0;
    bool header = false;
    size_t item = 0; // PreviewItems() index (the section's first item for a header)
};
size_t ImportRowCount(const ImportPlan& plan);
ImportRow ImportRowAt(const ImportPlan& plan, size_t row);
size_t ImportRowOfSection(const ImportPlan& plan, size_t section); // its header row
// What Space (or a click) on a row does: an item flips; a section is left out when any of
// its items is included, else included.
intent::ExcludeImportItems ImportRowToggle(const ImportPlan& plan, size_t row);

struct AppState {
    UserData user;       // the user's own lists and papers
    Catalogue catalogue; // bundled + user: what the panels show
    // The reading lists shipped with the app are catalogue's first bundled_papers papers and
    // bundled_lists lists; the user's follow. (A separate copy of the bundled catalogue cost
    // ~30 MB of wasm heap at 50,000 papers; BundledCatalogue() makes one when needed.)
    size_t bundled_papers = 0, bundled_lists = 0;
    std::string fatal_error; // set when the bundle cannot be loaded
    Progress progress;
    Stale stale;                 // what derived data is out of date (see Changed())
    bool storage_loaded = false; // nothing is written before this is true
    bool storage_usable = true;
    std::vector<std::string> storage_problems; // corrupt records skipped, etc.
    SaveState save;
    Saver saver;
    StorageInfo storage_info;
    std::vector<Intent> intents;
    std::vector<std::vector<std::pair<std::string, Status>>> undo; // status before each change
    UiState ui;
    Derived derived;
    // Search: the index is rebuilt after loads and updated per paper after edits.
    SearchIndex search_index;
    // Per paper whose note was typed in here since this window last took in another
    // window's text: what the other windows may have started from (events.cpp merges).
    struct NoteSync {
        std::string taken_in;                                   // as last taken in (or before the first edit)
        std::map<int, std::string> writing;                     // batch id -> note sent in it
        std::vector<std::pair<int64_t, std::string>> committed; // batch id -> note, oldest first
    };
    std::map<std::string, NoteSync> note_sync;
    // Other windows' write batches (window, batch) with a note this window did not take in.
    std::set<std::pair<std::string, int64_t>> clashed_batches;
    PendingImport import;
    std::string notice; // one-line outcome of the last action (import, export)
    // Lines for the accessible mirror's live region (mirror.h Announce), newest last.
    struct Announcement {
        int64_t seq;
        std::string text;
    };
    std::vector<Announcement> announcements;
    int64_t announce_seq = 0;
    Probe probe;
    int64_t frames = 0;
};

// "a, b ,c" -> {"a", "b", "c"} (items trimmed, empty ones dropped): tags, author lists.
std::vector<std::string> SplitCommaList(const std::string& text);
// Loads the bundled catalogue from `data_dir`; sets fatal_error on failure.
void LoadBundle(AppState& s, const std::string& data_dir);
// Uses an already built catalogue (e.g. a synthetic one for benchmarks).
void UseCatalogue(AppState& s, Catalogue c);
// Adds a line for the accessible mirror's live region (status changes, saves, errors;
// mirror.cpp).
void Announce(AppState& s, std::string text);
// Applies recorded intents to the model.
void ApplyIntents(AppState& s, int64_t now_ms);
// Rebuilds what in s.derived is stale (s.stale moved since it was built).
void UpdateDerived(AppState& s);
// The first row of the papers table that holds `paper`, -1 if none (model.cpp).
int RowIndexOf(const AppState& s, const std::string& paper);
// Rebuilds s.catalogue's user part from s.user after its bundled part (user_lists.cpp).
void RebuildCatalogue(AppState& s, std::optional<Urgency> save = std::nullopt, int64_t now_ms = 0);
// The bundled catalogue alone, as a copy (import planning; user_lists.cpp).
Catalogue BundledCatalogue(const AppState& s);
// The user-list intents (user_lists.cpp).
void Apply(AppState& s, const intent::CreateList& in, int64_t now_ms);
void Apply(AppState& s, const intent::RenameList& in, int64_t now_ms);
void Apply(AppState& s, const intent::DeleteList& in, int64_t now_ms);
void Apply(AppState& s, const intent::AddToList& in, int64_t now_ms);
void Apply(AppState& s, const intent::AddPaper& in, int64_t now_ms);
void Apply(AppState& s, const intent::RemoveEntry& in, int64_t now_ms);
void Apply(AppState& s, const intent::MoveEntry& in, int64_t now_ms);
// Export, import and the import preview (transfer.cpp).
void ExportProgress(AppState& s, int64_t now_ms);
void OpenImportFile(AppState& s, const std::string& name, const std::string& text, bool ok);
void RefreshImportPlan(AppState& s); // plans the open file again if the data changed since
void ApplyPendingImport(AppState& s, ImportMode mode, int64_t now_ms);
void DrawImportDialog(AppState& s);
// Rebuilds s.derived.rows from the scope (list), the query and the sort (rows.cpp).
void BuildRows(AppState& s);
// What the rows leave out, said above the table and in the accessible mirror (rows.cpp).
struct SearchScope {
    std::string text;        // "0 in <list> · 1 in all papers"; "" when there is nothing to say
    bool can_widen = false;  // the search has more matches in all papers (Ctrl+Enter shows them)
    int hidden_selected = 0; // selected papers that have no row (a status key leaves them alone)
    std::string hidden_text; // "1 selected paper hidden by the search — Esc clears the search"
};
SearchScope DescribeScope(const AppState& s);
// Selected papers that have no row in the table (hidden by the search, or in another list).
int HiddenSelected(const AppState& s);
// Whether `paper` (an id) has a row in the table.
bool HasRow(const AppState& s, const std::string& paper);
// Writes dirty records when due (or at once when `flush`); updates s.save.
void PumpSaves(AppState& s, int64_t now_ms, bool flush);

// A change to the model, as Changed() needs to know it.
namespace change {
struct Paper { // one paper's progress record
    std::string paper;
};
struct Records {};   // many progress records at once (a load, an import, another window)
struct Catalogue {}; // the catalogue was rebuilt (the user's lists or papers changed)
struct Lists {};     // only its lists changed: the same papers in the same order
struct View {};      // the list shown, the query or the sort: the table's rows only
} // namespace change
using Change = std::variant<change::Paper, change::Records, change::Catalogue, change::Lists, change::View>;

// The one place a model change becomes stale derived data and, unless `save` is empty,
// a save schedule (changes.cpp). The records to write are the ones Progress and
// UserData marked dirty when they changed.
void Changed(AppState& s, const Change& c, std::optional<Urgency> save, int64_t now_ms);
inline void Changed(AppState& s, const Change& c) { Changed(s, c, std::nullopt, 0); }

// Panels: one per file, each draws itself and records intents.
void DrawMenuBar(AppState& s);
void DrawSearchBox(AppState& s, float width); // panel_menu.cpp: in the menu bar, or the papers pane
// The line above the table saying what the rows leave out: matches in all papers (with a
// button to show them), selected papers without a row (panel_search_scope.cpp).
void DrawSearchScope(AppState& s);
void DrawListsPanel(AppState& s);
void DrawPapersPanel(AppState& s);
// The user's own list (panel_own_list.cpp): the header above its papers (name, add a
// paper, delete) and a row's move up / move down / remove buttons.
void DrawOwnListHeader(AppState& s, const ReadingList& list);
void DrawOwnListRowButtons(AppState& s, const ReadingList& list, const PaperRow& row);
void DrawDetailPanel(AppState& s);
void DrawHelpOverlay(AppState& s);
// The Statistics view, in place of the papers and the paper pane while ui.show_stats
// (panel_stats.cpp); the papers finished per week over the last kStatsWeeks weeks.
void DrawStatsPanel(AppState& s);
inline constexpr int kStatsWeeks = 12;
void HandleShortcuts(AppState& s);
void ApplyTheme(const AppState& s, float scale);
void DrawApp(AppState& s);
// The keyboard focus ring around the widget ui.dom_focus names (focus_ring.cpp).
void DrawFocusRing(AppState& s);

} // namespace shelfmark
