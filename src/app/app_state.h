// app_state.h: everything the app knows, in one plain struct passed to every panel.
//
// Index
//   - Intent: what the user asked for this frame (panels record, ApplyIntents() acts).
//   - SaveState, StorageInfo, SaverState: where the data stands with respect to storage.
//   - Probe: named widget rectangles for the end-to-end tests.
//   - PaperRow, Derived: the table's rows and cached counts, rebuilt when inputs change.
//   - UiState, AppState, and the functions that act on them; one Draw…() per panel file.
//
// Widgets never write to storage: they record Intents; the Saver writes changed records.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/catalog.h"
#include "core/import_plan.h"
#include "core/markdown.h"
#include "core/markdown_import.h"
#include "core/progress.h"
#include "core/progress_file.h"
#include "core/search.h"
#include "core/user_data.h"

namespace shelfmark {

// What the user asked for this frame.
struct Intent {
    enum class Kind {
        SetStatus,     // ids: papers; status
        SetNote,       // id: paper; text: the whole note; flag: keep the stored note as a copy first
        UseNoteCopy,   // id: paper; number2: copy index; number: 0 replace mine, 1 append below mine, 2 dismiss
        SetTags,       // id: paper; text: comma-separated tags
        SetPriority,   // id: paper; number: 0 none .. 3 high
        SelectList,    // id: list id ("" = all papers)
        SelectPaper,   // id: paper; number: 0 replace, 1 toggle (Ctrl), 2 range (Shift)
        MoveCursor,    // number: rows to move (+ down); flag: extend the selection
        Undo,          // the last status change
        SetQuery,      // text: the search query
        SetSort,       // number: column (-1 = list order); flag: descending
        SetTheme,      // number: 0 system, 1 dark, 2 light
        FocusSearch,
        EditNote,
        Back,          // Esc: close overlays, leave fields, clear the search
        ToggleHelp,
        ToggleStats,
        Export,        // download the progress file
        Import,        // pick a file (JSON progress file or Markdown)
        ApplyImport,   // number: 0 merge, 1 replace, 2 checklist -> progress, 3 Markdown -> new list
        CancelImport,
        CreateList,    // text: title
        RenameList,    // id: list; text: new title
        DeleteList,    // id: list
        AddToList,     // id: list; text: paper id
        AddPaper,      // id: list; paper: the new paper (id made here)
        RemoveEntry,   // id: list; number: section; number2: entry
        MoveEntry,     // id: list; number: section; number2: entry; flag: up
    };
    Intent(Kind k, std::string id_ = {}) : kind(k), id(std::move(id_)) {}
    Kind kind;
    std::string id;
    std::vector<std::string> ids;
    Status status = Status::Unread;
    std::string text;
    int number = 0;
    int number2 = 0;
    bool flag = false;
    Paper paper;
};

// Where the user's data stands with respect to storage; shown in the menu bar.
struct SaveState {
    enum class Kind { Loading, Saved, Saving, NotSaved, Unavailable };
    Kind kind = Kind::Loading;
    std::string why;                 // for NotSaved / Unavailable
};

// What the browser says about our storage (navigator.storage).
struct StorageInfo {
    int persisted = -1;              // -1 unknown, 0 best-effort, 1 persistent
    double usage_bytes = 0, quota_bytes = 0;
};

// The save pipeline: dirty records wait ~300 ms, then go out in one transaction.
struct SaverState {
    int64_t first_dirty_ms = 0;      // when the oldest unsaved change was made; 0 = none
    bool urgent = false;             // a status change: write without waiting
    // Batches written but not yet committed: batch id -> papers in it. Normally one;
    // a flush (page hidden or closing) may add another without waiting.
    std::map<int, std::vector<std::string>> inflight;
};

// Screen rectangles of named widgets in the last frame (CSS pixels), for the
// end-to-end tests and for tooling.
struct Probe {
    struct Rect {
        float x, y, w, h;
    };
    std::map<std::string, Rect> rects;
    float scale = 1.0f;              // physical pixels per CSS pixel
    void Add(const std::string& name, float x0, float y0, float x1, float y1) {
        rects[name] = {x0 / scale, y0 / scale, (x1 - x0) / scale, (y1 - y0) / scale};
    }
};

// One row of the papers table: a section heading (paper < 0) or a paper.
struct PaperRow {
    int paper = -1;                  // index into catalogue.papers
    int list = -1;                   // index into catalogue.lists (-1: all papers view)
    int section = -1;                // index into that list's sections
    int entry = -1;                  // index into the section's entries
};

struct Counts {
    int read = 0, total = 0;
};

// Derived data, rebuilt when the catalogue, the progress or the view changes.
struct Derived {
    uint64_t built_for = ~0ull;      // AppState::generation it was built for
    uint64_t rows_built_for = ~0ull; // AppState::rows_generation the rows were built for
    std::unordered_map<std::string, int> paper_index;          // id -> catalogue.papers index
    std::vector<std::vector<int>> lists_of_paper;              // by paper index
    std::vector<std::vector<std::string>> roles_of_paper;      // by paper index
    std::vector<Counts> list_required, list_optional;          // by list index
    std::vector<std::vector<Counts>> section_counts;           // by list, section
    Counts all;                                                // every paper
    std::vector<PaperRow> rows;      // the table, after scope, query and sort
    int matches = 0;                 // papers in rows
};

struct UiState {
    std::string list_id;             // "" = all papers
    std::string cursor;              // the paper the keyboard is on
    std::string anchor;              // start of a Shift range
    std::set<std::string> selected;  // multi-selection (always contains the cursor)
    std::string query;               // the search query in effect
    std::string search_buffer;       // the search box's text (becomes query via SetQuery)
    std::string query_error;         // what the query parser could not use
    int sort_column = -1;            // -1: list order
    bool sort_descending = false;
    int theme = 0;                   // 0 follow the system, 1 dark, 2 light
    bool system_dark = true;
    bool show_help = false;
    bool show_stats = false;
    bool focus_search = false;       // one-shot requests to the widgets
    bool focus_note = false;
    bool scroll_to_cursor = false;
    bool typing = false;             // a text field had focus last frame
    // The note editor works on a copy; it is written back as SetNote intents.
    std::string note_paper;
    std::string note_buffer;
    std::string note_message;        // e.g. the size limit was reached
    bool note_caret_to_end = false;  // put the caret at the end when the editor activates
    bool note_reload = false;        // another window's edit was merged in: the editor takes it
    std::string tags_paper, tags_buffer; // the tags field of the detail panel
    // The preview's parse, redone only when the text changes.
    std::string preview_text;
    std::optional<MarkdownDoc> preview_doc;
    std::string preview_error;
    std::vector<std::string> visible_papers; // drawn this frame, in order
    // The user's own list being edited: its name and the add-a-paper form.
    std::string rename_list, rename_buffer;
    bool show_add_paper = false;
    Paper new_paper;
    std::string new_paper_link, new_paper_authors;
};

// The import dialog: the chosen file's plan (import_plan.h), open until applied or
// cancelled. A file the browser could not read is a plan with only file_name and error.
struct PendingImport : ImportPlan {
    bool open = false;
};

struct AppState {
    Catalogue bundled;               // the reading lists shipped with the app
    UserData user;                   // the user's own lists and papers
    Catalogue catalogue;             // bundled + user: what the panels show
    std::string fatal_error;         // set when the bundle cannot be loaded
    Progress progress;
    uint64_t generation = 0;         // bumps on every change that affects Derived
    uint64_t rows_generation = 0;    // bumps when only the view (query, sort, list) changed
    bool storage_loaded = false;     // nothing is written before this is true
    bool storage_usable = true;
    std::vector<std::string> storage_problems; // corrupt records skipped, etc.
    SaveState save;
    SaverState saver;
    StorageInfo storage_info;
    std::vector<Intent> intents;
    std::vector<std::vector<std::pair<std::string, Status>>> undo; // status before each change
    UiState ui;
    Derived derived;
    // Search: the index is rebuilt after loads and updated per paper after edits.
    SearchIndex search_index;
    bool index_needs_build = true;
    std::set<std::string> index_stale; // papers whose record changed since indexing
    std::set<std::string> user_dirty;  // "list:<id>" / "paper:<id>" to write (or delete)
    // Per paper whose note was typed in here since this window last took in another
    // window's text: what the other windows may have started from (events.cpp merges).
    struct NoteSync {
        std::string taken_in;                                 // as last taken in (or before the first edit)
        std::map<int, std::string> writing;                   // batch id -> note sent in it
        std::vector<std::pair<int64_t, std::string>> committed; // batch id -> note, oldest first
    };
    std::map<std::string, NoteSync> note_sync;
    // Other windows' write batches (window, batch) with a note this window did not take in.
    std::set<std::pair<std::string, int64_t>> clashed_batches;
    PendingImport import;
    std::string notice;                // one-line outcome of the last action (import, export)
    Probe probe;
    int64_t frames = 0;
};

// "a, b ,c" -> {"a", "b", "c"} (items trimmed, empty ones dropped): tags, author lists.
std::vector<std::string> SplitCommaList(const std::string& text);
// Loads the bundled catalogue from `data_dir`; sets fatal_error on failure.
void LoadBundle(AppState& s, const std::string& data_dir);
// Uses an already built catalogue (e.g. a synthetic one for benchmarks).
void UseCatalogue(AppState& s, Catalogue c);
// Applies recorded intents to the model.
void ApplyIntents(AppState& s, int64_t now_ms);
// Rebuilds s.derived when s.generation moved.
void UpdateDerived(AppState& s);
// Rebuilds s.catalogue from s.bundled and s.user (user_lists.cpp).
void RebuildCatalogue(AppState& s);
// Applies the user-list intents (user_lists.cpp); true when it handled the intent.
bool ApplyUserListIntent(AppState& s, const Intent& in, int64_t now_ms);
// Export, import and the import preview (transfer.cpp).
void ExportProgress(AppState& s, int64_t now_ms);
void OpenImportFile(AppState& s, const std::string& name, const std::string& text, bool ok);
void ApplyPendingImport(AppState& s, ImportMode mode, int64_t now_ms);
void DrawImportDialog(AppState& s);
// Rebuilds s.derived.rows from the scope (list), the query and the sort (rows.cpp).
void BuildRows(AppState& s);
// Writes dirty records when due (or at once when `flush`); updates s.save.
void PumpSaves(AppState& s, int64_t now_ms, bool flush);
// Marks derived data stale.
inline void Touch(AppState& s) { ++s.generation; }
// Marks only the table's rows stale (the view changed, not the data).
inline void TouchRows(AppState& s) { ++s.rows_generation; }
// A paper's record changed: re-index it and refresh derived data.
inline void TouchPaper(AppState& s, const std::string& paper) {
    s.index_stale.insert(paper);
    ++s.generation;
}

// Panels: one per file, each draws itself and records intents.
void DrawMenuBar(AppState& s);
void DrawListsPanel(AppState& s);
void DrawPapersPanel(AppState& s);
void DrawDetailPanel(AppState& s);
void DrawHelpOverlay(AppState& s);
void DrawStatsWindow(AppState& s);
void HandleShortcuts(AppState& s);
void ApplyTheme(const AppState& s, float scale);
void DrawApp(AppState& s);

} // namespace shelfmark
