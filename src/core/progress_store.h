// progress_store.h: the command-line tool's store: one progress file on disk (the same
// format as an export, see docs/progress-file.md), read whole and written atomically.
//
// Index
//   - ReadFileLimited(), WriteFileAtomic(): bounded read; temp file + fsync + rename.
//   - Store, LoadStore(), SaveStore(), BackupPathFor().
//   - ImportIntoStore(): the whole `shelfmark progress import` (and `import-md`): plan
//     (import_plan.h), back up (Replace), apply, write. On any failure the store file is
//     left unchanged.
//
// The browser keeps progress in IndexedDB instead; both go through progress_file.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/import_plan.h"
#include "core/progress.h"
#include "core/progress_file.h"
#include "core/user_data.h"

namespace shelfmark {

// Reads the whole file; fails (false, *error) when it cannot be read or is larger than
// max_bytes (without reading more than max_bytes + 1 bytes).
bool ReadFileLimited(const std::string& path, size_t max_bytes, std::string* out, std::string* error);

// Writes to a temporary file in the same folder, flushes it to disk and renames it over
// `path`. On failure the temporary file is removed and `path` is untouched.
bool WriteFileAtomic(const std::string& path, std::string_view contents, std::string* error);

struct Store {
    Progress progress;
    UserData user;
    bool existed = false; // the file was there (a missing store is an empty one)
};

// Loads the store; a missing file gives an empty store, a damaged one an error.
std::optional<Store> LoadStore(const std::string& path, std::string* error);
// Writes the store as a progress file (exportedAt = now_ms).
bool SaveStore(const std::string& path, const Store& store, int64_t now_ms, std::string* error);
// "<path minus .json>.backup-20261105T093000Z.json", next to the store.
std::string BackupPathFor(const std::string& store_path, int64_t now_ms);

struct StoreImportOptions {
    ImportMode mode = ImportMode::Merge;
    bool dry_run = false;                 // preview only, write nothing
    const Catalogue* catalogue = nullptr; // for unknown ids, aliases and Markdown matching
    int64_t now_ms = 0;
    std::string file_name; // names a Markdown list without a title (see PlanImport)
};

struct StoreImportReport {
    ImportPlan plan;         // the file as read, and what each mode would change
    ImportPreview preview;   // Merge or Replace: the plan's preview of that mode
    std::string backup_path; // Replace: where the previous store was saved
    bool changed = false;    // the store file was rewritten
    std::string error;       // why it failed (the store is unchanged)
};

// Imports `file_text` into the store at store_path with options.mode, which the file
// must offer (ImportPlan::WhyNot); the Markdown modes need a catalogue. Returns false
// with report->error set when anything is invalid or cannot be written; the store file
// is then unchanged.
bool ImportIntoStore(const std::string& store_path, std::string_view file_text,
                     const StoreImportOptions& options, StoreImportReport* report);

} // namespace shelfmark
