// progress.h: what the user did with each paper (status, note), and how two copies
// of that merge.
//
// Index
//   - Status, StatusName(), ParseStatus(): the reading ladder.
//   - PaperProgress: one record per paper, the unit stored in IndexedDB.
//   - MergeInto(): per-field "newer timestamp wins" merge, never deletes.
//   - ProgressRecordToJson() / ProgressRecordFromJson(): one record <-> one JSON object.
//   - Progress: all records plus the set of records changed since the last save.
//
// Timestamps are milliseconds since the Unix epoch (UTC). A field with timestamp 0
// was never set by the user.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace shelfmark {

enum class Status { Unread = 0, Queued, Reading, Read, Skipped };
constexpr int kStatusCount = 5;

// "unread", "queued", "reading", "read", "skipped".
const char* StatusName(Status s);
// Inverse of StatusName(); nullopt for anything else.
std::optional<Status> ParseStatus(std::string_view name);

struct StatusChange {
    Status status = Status::Unread;
    int64_t at = 0;
};

// Everything the user recorded about one paper.
struct PaperProgress {
    std::string paper;                  // Paper::id (may be unknown to this catalogue)
    Status status = Status::Unread;
    int64_t status_at = 0;
    std::vector<StatusChange> history;  // oldest first; includes the current status
    std::string note;                   // Markdown
    int64_t note_at = 0;

    bool operator==(const PaperProgress& o) const;
};

// Merges `from` into `into` field by field: the newer timestamp wins; histories are
// united (deduplicated, sorted). Returns true when `into` changed. Ties keep `into`.
bool MergeInto(PaperProgress& into, const PaperProgress& from);

// Limits applied to stored and imported records.
constexpr size_t kMaxNoteBytes = 256 * 1024;
constexpr size_t kMaxHistory = 1000;

// One record as a compact JSON object with a fixed key order.
std::string ProgressRecordToJson(const PaperProgress& p);
// Parses one stored record; on failure returns nullopt and says why in *error.
std::optional<PaperProgress> ProgressRecordFromJson(std::string_view json, std::string* error);

// All progress of one user, plus what changed since the last successful save.
class Progress {
  public:
    const PaperProgress* Find(const std::string& paper) const;
    Status StatusOf(const std::string& paper) const;

    // User edits: record the change with its time and mark the paper dirty.
    // Return false when nothing changed (same status / same note).
    bool SetStatus(const std::string& paper, Status s, int64_t now_ms);
    bool SetNote(const std::string& paper, const std::string& note, int64_t now_ms);

    // Merges a record from storage or another tab; does not mark it dirty unless the
    // local copy is newer in some field (then the merged result must be written back).
    // Returns true when the local copy changed.
    bool MergeStored(const PaperProgress& stored);

    // Papers changed since the last TakeDirty(), in id order.
    std::vector<std::string> TakeDirty();
    // Puts papers back into the dirty set (a failed save).
    void MarkDirty(const std::vector<std::string>& papers);
    bool HasDirty() const { return !dirty_.empty(); }

    const std::map<std::string, PaperProgress>& Records() const { return records_; }

  private:
    std::map<std::string, PaperProgress> records_;
    std::set<std::string> dirty_;
};

} // namespace shelfmark
