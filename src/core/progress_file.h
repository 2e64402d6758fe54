// progress_file.h: the progress file, shelfmark-progress-YYYY-MM-DD.json: export, import
// with a preview, merge and replace. The format is documented in docs/progress-file.md.
//
// Index
//   - kProgressFileFormat, kProgressFileVersion, limits.
//   - FormatIsoUtc() / ParseIsoUtc(), ProgressFileName(): times and the download name.
//   - ExportProgressFile(): deterministic text, one paper per line, papers sorted by id.
//   - ParseProgressFile(): full validation before anything is used (all or nothing);
//     errors name the line and the JSON pointer of the offending value.
//   - CanonicalizePaperIds(): renamed papers (catalogue aliases) to their current ids.
//   - PreviewImport() / ApplyImport(): what an import would change, then change it.
//
// Merge (the default) applies MergeInto() to every paper (newer timestamp wins per
// field, nothing deleted) and MergeUserData() to the user's lists and papers; ids unknown
// to the catalogue are kept. Replace makes the local state equal to the file; callers save
// a backup export first (the CLI writes one next to its store, the app downloads one).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/import_mode.h"
#include "core/progress.h"
#include "core/user_data.h"

namespace shelfmark {

constexpr const char* kProgressFileFormat = "shelfmark-progress";
// The newest version this build reads and writes. A file is written as version 1 unless
// it holds something version 2 added (note copies, quarantined records), so that older
// builds keep reading the files that do not need the new keys.
constexpr int kProgressFileVersion = 2;
constexpr size_t kMaxQuarantinedRecords = 200000; // as many as papers
// The file budget (docs/progress-file.md, "Size budget"). The file of a reader with 50,000
// papers (every one with a status history, tags on a third, a 0.5-4 KB note on one in four)
// and 500 lists of their own (80,000 entries, 2,000 papers of their own) is 44.3 MiB:
// `shelfmark_synth --papers 50000 --touched 100 --user-lists 500 --progress-file F`;
// 94% of it is the papers array. 64 MiB leaves 1.4x headroom (~72,000 such papers). The
// papers array is parsed one record at a time, so memory while parsing is the text, the
// records read and one record's values, not a DOM of the file (~5x its text).
// The CLI and the store reader use this constant; the page has a copy (src/platform/
// page_web.js, SmFile.maxBytes) that tests/unit/test_progress_file_scale.cpp checks.
constexpr size_t kMaxProgressFileBytes = 64u << 20;
// One record of the papers array, in values (string bytes + 16 per value, as
// ParseJsonStreamingArray counts): the largest valid record (a 256 KiB note, 8 note copies
// of 256 KiB, 1,000 history entries, 32 tags) holds about 2.5 MiB.
constexpr size_t kMaxProgressRecordBytes = 4u << 20;
constexpr size_t kMaxProgressFileDepth = 8; // the deepest valid file needs 7
constexpr size_t kMaxProgressFilePapers = 200000;
constexpr size_t kMaxAppVersionBytes = 64;

// "2026-11-05T09:30:00Z" (seconds precision; negative times clamp to the epoch).
std::string FormatIsoUtc(int64_t ms);
// Parses "YYYY-MM-DDTHH:MM:SS[.fff]Z"; nullopt for anything else.
std::optional<int64_t> ParseIsoUtc(std::string_view s);
// "shelfmark-progress-2026-11-05.json" for the UTC date of now_ms.
std::string ProgressFileName(int64_t now_ms);

// A validated progress file.
struct ProgressFile {
    int version = kProgressFileVersion;
    std::string exported_at; // as written in the file
    std::string app_version;
    std::vector<PaperProgress> papers; // sorted by paper id, unique
    UserData user;
    std::vector<QuarantinedRecord> quarantine; // records a Shelfmark could not read, as found
};

// Clamps every timestamp of the file's records that lies more than kFutureSlackMs past
// now_ms (a device with a wrong clock); returns how many records changed.
size_t ClampFileTimestamps(ProgressFile& file, int64_t now_ms);

// What is wrong with a file and where. line/column are 0 when unknown.
struct ProgressFileError {
    std::string pointer; // JSON pointer of the offending value, "" for the whole file
    size_t line = 0, column = 0;
    std::string message;
    std::string ToString() const; // "line 12 (/papers/3/status): unknown status ..."
};

// The whole file as text. exported_at_ms is written as exportedAt; everything else
// depends only on the data, so two exports of equal data at the same time are equal bytes.
std::string ExportProgressFile(const Progress& progress, const UserData& user, int64_t exported_at_ms,
                               std::string_view app_version = SHELFMARK_VERSION);
// Same from the records of a ProgressFile (used to write stores and backups).
std::string ExportProgressFile(const ProgressFile& file, int64_t exported_at_ms,
                               std::string_view app_version = SHELFMARK_VERSION);

// Validates everything (limits, encoding, syntax, format name and version, every field)
// and returns the file only when all of it is valid. Never throws.
std::optional<ProgressFile> ParseProgressFile(std::string_view text, ProgressFileError* error);

// Rewrites ids that are catalogue aliases to the current id (in records and in the user's
// list entries); records that then share an id are merged.
void CanonicalizePaperIds(ProgressFile& file, const Catalogue& catalogue);

// A field where both sides hold a value (timestamp > 0) with different content.
struct ImportConflict {
    std::string paper;
    std::string field;      // "status", "note", "tags", "priority"
    bool file_wins = false; // the file's value is newer (or wins the tie)
};

struct ImportPreview {
    ImportMode mode = ImportMode::Merge;
    size_t papers_in_file = 0;
    size_t papers_new = 0;     // no local record yet
    size_t papers_changed = 0; // local record would change (new ones included)
    size_t papers_unchanged = 0;
    size_t papers_removed = 0;                 // Replace only: local records not in the file
    size_t notes_added = 0;                    // a note appears where there was none
    size_t notes_changed = 0;                  // a non-empty note gets different text, or goes
    size_t conflicts = 0;                      // Merge only
    std::vector<ImportConflict> conflict_list; // the first kMaxConflictsListed
    std::vector<std::string> unknown_papers;   // ids neither in the catalogue nor the user's papers (kept)
    size_t lists_new = 0, lists_changed = 0, lists_removed = 0;
    size_t user_papers_new = 0, user_papers_changed = 0, user_papers_removed = 0;
    size_t quarantined_new = 0; // unreadable records kept aside, new to this store

    bool ChangesAnything() const {
        return papers_changed || papers_removed || lists_new || lists_changed || lists_removed ||
               user_papers_new || user_papers_changed || user_papers_removed || quarantined_new;
    }
};
constexpr size_t kMaxConflictsListed = 100;

// What applying `file` changed, from the state before and after: papers (new, changed,
// unchanged among the file's, removed), notes (added; changed, or gone), the user's lists
// and papers, quarantined records. Conflicts and unknown papers are PreviewImport's.
ImportPreview CountImportChanges(const Progress& before, const UserData& user_before, const Progress& after,
                                 const UserData& user_after, const ProgressFile& file, ImportMode mode);

// What an import would change: the file applied to copies, counted by CountImportChanges
// (as ImportPlan's ApplyPlan counts what it did). mode is Merge or Replace (the Markdown
// modes are import_plan.h's). catalogue may be null (then no paper counts as unknown).
ImportPreview PreviewImport(const Progress& progress, const UserData& user, const ProgressFile& file,
                            ImportMode mode, const Catalogue* catalogue);

// Applies the file (mode: Merge or Replace); changed progress records are marked dirty in
// `progress` (Replace also marks removed ones: Find() == nullptr). Quarantined records are
// added in both modes and never removed. Returns true when anything changed.
bool ApplyImport(Progress& progress, UserData& user, const ProgressFile& file, ImportMode mode);

// The JSON pointer's value's byte offset in syntactically valid JSON text (the nearest
// enclosing value when it does not exist). Used to turn pointers into line numbers.
size_t LocateJsonPointer(std::string_view text, std::string_view pointer);

} // namespace shelfmark
