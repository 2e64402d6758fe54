// app_state.h: everything the app knows, in one plain struct passed to every panel.
//
// Panels read AppState and record Intents; ApplyIntents() changes the model once per
// frame, and the Saver writes changed records to storage. Widgets never write storage.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"

namespace shelfmark {

// What the user asked for this frame.
struct Intent {
    enum class Kind { SetStatus, SelectList, SelectPaper };
    Kind kind;
    std::string id;                  // paper or list id
    Status status = Status::Unread;
};

// Where the user's data stands with respect to storage; shown in the menu bar.
struct SaveState {
    enum class Kind { Loading, Saved, Saving, NotSaved, Unavailable };
    Kind kind = Kind::Loading;
    std::string why;                 // for NotSaved / Unavailable
};

// Screen rectangles of named widgets in the last frame (CSS pixels), for the
// end-to-end tests and for accessibility tooling.
struct Probe {
    struct Rect { float x, y, w, h; };
    std::map<std::string, Rect> rects;
    float scale = 1.0f;              // physical pixels per CSS pixel
    void Add(const std::string& name, float x0, float y0, float x1, float y1) {
        rects[name] = {x0 / scale, y0 / scale, (x1 - x0) / scale, (y1 - y0) / scale};
    }
};

// One row of the papers table: a section heading or an entry.
struct PaperRow {
    int section = -1;                // index into the list's sections
    int entry = -1;                  // -1: this row is the section heading
};

struct UiState {
    std::string list_id;             // selected reading list
    std::string paper_id;            // selected paper
    std::vector<PaperRow> rows;      // rows of the selected list (rebuilt on selection)
    std::vector<std::string> visible_papers; // drawn this frame, in order
};

// The save pipeline: dirty records wait ~300 ms, then go out in one transaction.
struct SaverState {
    int64_t first_dirty_ms = 0;      // when the oldest unsaved change was made; 0 = none
    // Batches written but not yet committed: batch id -> papers in it. Normally one;
    // a flush (page hidden or closing) may add another without waiting.
    std::map<int, std::vector<std::string>> inflight;
};

// What the browser says about our storage (navigator.storage).
struct StorageInfo {
    int persisted = -1;              // -1 unknown, 0 best-effort, 1 persistent
    double usage_bytes = 0, quota_bytes = 0;
};

struct AppState {
    Catalogue catalogue;
    std::string fatal_error;         // set when the bundle cannot be loaded
    Progress progress;
    bool storage_loaded = false;     // nothing is written before this is true
    bool storage_usable = true;
    std::vector<std::string> storage_problems; // corrupt records skipped, etc.
    SaveState save;
    SaverState saver;
    StorageInfo storage_info;
    std::vector<Intent> intents;
    UiState ui;
    Probe probe;
    int64_t frames = 0;
};

// Loads the bundled catalogue from `data_dir`; sets fatal_error on failure.
void LoadBundle(AppState& s, const std::string& data_dir);
// Applies recorded intents to the model.
void ApplyIntents(AppState& s, int64_t now_ms);
// Writes dirty records when due (or at once when `flush`); updates s.save.
void PumpSaves(AppState& s, int64_t now_ms, bool flush);
// Rebuilds the rows of the selected list.
void RebuildRows(AppState& s);

// Panels: one per file, each draws itself and records intents.
void DrawMenuBar(AppState& s);
void DrawListsPanel(AppState& s);
void DrawPapersPanel(AppState& s);
void DrawApp(AppState& s);

} // namespace shelfmark
