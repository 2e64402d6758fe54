// progress.h: what the user did with each paper (status, note, tags, priority), and how
// two copies of that merge.
//
// Index
//   - Status, StatusName(), ParseStatus(): the reading ladder.
//   - PaperProgress: one record per paper, the unit stored in IndexedDB and in the
//     progress file (progress_file.h).
//   - MergeInto(): per-field "newer timestamp wins" merge, never deletes.
//   - ProgressRecordToJson() / ProgressRecordFromJson(): one record <-> one JSON text.
//   - ProgressRecordToValue() / ProgressRecordFromValue(): the same on parsed values,
//     with the offending field named (used by the progress file).
//   - NoteCopy: a version of a note kept aside when two windows edited it at once.
//   - QuarantinedRecord: a stored or imported record this build cannot read, kept byte
//     for byte (exported, imported back, never overwritten).
//   - ClampTimestamps(), NextTimestamp(): timestamps stay in the range the reader accepts.
//   - SalvageProgressRecord(): the readable fields of a record that fails validation.
//   - Progress: all records plus the set of records changed since the last save.
//
// Timestamps are milliseconds since the Unix epoch (UTC). A field with timestamp 0
// was never set by the user.
//
// Merge rules (the same for storage, other tabs and imported files): each field carries
// its own timestamp and the newer one wins; on equal timestamps the greater value wins
// (status order, then byte order), so merging is commutative, associative and
// idempotent: two devices that exchange files in any order end up equal.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json_fwd.hpp>

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

// A version of the note that could not be merged with the local one (two windows edited
// the same place at once). Shown to the reader until they pick, combine or dismiss it.
// Copies merge by union (keyed by at + text); `dismissed` sticks once set anywhere.
struct NoteCopy {
    int64_t at = 0;   // when the other version was saved (its noteAt)
    std::string text; // the other version, whole
    bool dismissed = false;
    bool operator==(const NoteCopy& o) const {
        return at == o.at && text == o.text && dismissed == o.dismissed;
    }
};

// Priority: 0 none, 1 low, 2 normal, 3 high.
constexpr int kMaxPriority = 3;

// Everything the user recorded about one paper.
struct PaperProgress {
    std::string paper; // Paper::id (may be unknown to this catalogue)
    Status status = Status::Unread;
    int64_t status_at = 0;
    std::vector<StatusChange> history; // oldest first; includes the current status
    std::string note;                  // Markdown
    int64_t note_at = 0;
    std::vector<std::string> tags; // sorted, unique (see NormalizeTags)
    int64_t tags_at = 0;
    int priority = 0; // 0..kMaxPriority
    int64_t priority_at = 0;
    std::vector<NoteCopy> note_copies; // sorted by (at, text); see NoteCopy

    bool operator==(const PaperProgress& o) const;
    bool operator!=(const PaperProgress& o) const { return !(*this == o); }
};

// Merges `from` into `into` field by field: the newer timestamp wins, equal timestamps
// take the greater value; histories are united (deduplicated, sorted, the newest
// kMaxHistory kept). Returns true when `into` changed.
bool MergeInto(PaperProgress& into, const PaperProgress& from);

// Limits applied to stored and imported records.
constexpr size_t kMaxNoteBytes = 256 * 1024;
constexpr size_t kMaxHistory = 1000;
constexpr size_t kMaxTags = 32;
constexpr size_t kMaxTagBytes = 64;
constexpr size_t kMaxPaperIdBytes = 128;
// Largest timestamp accepted: 9999-12-31T23:59:59.999Z.
constexpr int64_t kMaxTimestampMs = 253402300799999;
// How far ahead of this device's clock a timestamp coming in (storage, another tab, an
// imported file) may be; later ones are clamped to now + this (see docs/progress-file.md).
constexpr int64_t kFutureSlackMs = 24 * 3600 * 1000;
// Note copies kept per paper (dismissed ones are dropped first, then the oldest).
constexpr size_t kMaxNoteCopies = 8;

// The timestamp of an edit made at now_ms to a field last set at `previous`: strictly
// newer than previous (so "newer wins" sees it) but never past kMaxTimestampMs.
int64_t NextTimestamp(int64_t now_ms, int64_t previous);
// Clamps every timestamp of the record (fields, history, note copies) to
// [0, min(now_ms + kFutureSlackMs, kMaxTimestampMs)]. Returns true when one moved.
bool ClampTimestamps(PaperProgress& p, int64_t now_ms);

// Why a note is not acceptable in a progress file ("" when it is): NUL characters. A NUL
// read from storage (an older build) or typed is kept visible as U+2400 instead.
std::string CheckNote(std::string_view note);

// Trims each tag, drops empty ones, sorts and removes duplicates.
std::vector<std::string> NormalizeTags(std::vector<std::string> tags);
// What a user's typed tags become: commas and control characters turned into spaces,
// bidirectional controls dropped, each cut to kMaxTagBytes (on a character boundary),
// then NormalizeTags() and at most kMaxTags. The result always passes CheckTags().
std::vector<std::string> SanitizeTags(std::vector<std::string> tags);
// Why a (normalized) tag list is not acceptable, or empty when it is.
std::string CheckTags(const std::vector<std::string>& tags);

// One record as a compact JSON object with a fixed key order:
// {"paper","status","statusAt","history","note","noteAt","tags","tagsAt","priority","priorityAt"}.
std::string ProgressRecordToJson(const PaperProgress& p);
// Parses one stored record (unknown keys are ignored, so a record written by a newer
// version still loads); on failure returns nullopt and says why in *error.
std::optional<PaperProgress> ProgressRecordFromJson(std::string_view json, std::string* error);
// The fields of a record that ProgressRecordFromJson() refused which can still be read
// (e.g. the note of a record whose status a newer version added), for `paper`. A JSON
// string is read as the note. nullopt when nothing is readable.
std::optional<PaperProgress> SalvageProgressRecord(std::string_view json, const std::string& paper);

// A record this build cannot read, kept exactly as it was found.
struct QuarantinedRecord {
    std::string key;    // where it was found: a paper id, or "user/list:<id>" etc.
    std::string record; // the stored JSON text, byte for byte
    std::string reason; // why this build could not read it
    // "quarantine:<key>:<16 hex digits of the record's hash>": equal copies share an id.
    std::string Id() const;
};
constexpr size_t kMaxQuarantineReasonBytes = 512;
// Larger quarantined records are kept in the browser but left out of exports (a progress
// file string may hold at most twice this, escaped).
constexpr size_t kMaxQuarantineRecordBytes = 2u << 20;

// The record as a JSON value (same keys and order as ProgressRecordToJson).
nlohmann::ordered_json ProgressRecordToValue(const PaperProgress& p);
// Reads a record from a parsed value. strict: unknown keys are errors. On failure returns
// nullopt, sets *field to a JSON pointer relative to the record ("" for the record
// itself, "/history/3" for a nested value) and *message to the problem.
std::optional<PaperProgress> ProgressRecordFromValue(const nlohmann::json& j, bool strict, std::string* field,
                                                     std::string* message);

// All progress of one user, plus what changed since the last successful save.
class Progress {
  public:
    const PaperProgress* Find(const std::string& paper) const;
    Status StatusOf(const std::string& paper) const;

    // User edits: record the change with its time and mark the paper dirty.
    // Return false when nothing changed (same status / note / tags / priority).
    bool SetStatus(const std::string& paper, Status s, int64_t now_ms);
    bool SetNote(const std::string& paper, const std::string& note, int64_t now_ms);
    bool SetTags(const std::string& paper, std::vector<std::string> tags, int64_t now_ms);
    bool SetPriority(const std::string& paper, int priority, int64_t now_ms);

    // Merges a record from storage or another tab; does not mark it dirty unless the
    // local copy is newer in some field (then the merged result must be written back).
    // Returns true when the local copy changed.
    bool MergeStored(const PaperProgress& stored);

    // Merges a record from an imported file; marks it dirty when the local copy changed.
    bool MergeImported(const PaperProgress& imported);

    // Replaces every record (an imported file in Replace mode). Every paper whose record
    // changed, appeared or disappeared is marked dirty; the removed ones are returned. A
    // dirty id without a record (Find() == nullptr) means: delete it from storage.
    std::vector<std::string> ReplaceAll(std::vector<PaperProgress> records);

    // Papers changed since the last TakeDirty(), in id order.
    std::vector<std::string> TakeDirty();
    // Puts papers back into the dirty set (a failed save).
    void MarkDirty(const std::vector<std::string>& papers);
    bool HasDirty() const { return !dirty_.empty() || !quarantine_dirty_.empty(); }

    const std::map<std::string, PaperProgress>& Records() const { return records_; }

    // Note copies: adds one (a conflict), or marks one dismissed. Return true on change.
    bool AddNoteCopy(const std::string& paper, NoteCopy copy);
    bool DismissNoteCopy(const std::string& paper, int64_t at, const std::string& text);

    // Quarantine: records this build cannot read. A copy found at a paper's key must be
    // saved (to the quarantine store) before, or with, any write of that paper: TakeDirty()
    // adds its id to the quarantine ids to save while it is not committed.
    // Returns true when the record was not known yet.
    bool AddQuarantined(QuarantinedRecord q, bool needs_save);
    const std::map<std::string, QuarantinedRecord>& Quarantined() const { return quarantine_; }
    bool HasQuarantined(const std::string& key) const;
    // Ids of quarantined records to save, in id order (call after TakeDirty()).
    std::vector<std::string> TakeDirtyQuarantine();
    void MarkQuarantineDirty(const std::vector<std::string>& ids);
    // Their save committed: the key's record may now be overwritten.
    void QuarantineSaved(const std::vector<std::string>& ids);

  private:
    PaperProgress& Slot(const std::string& paper);

    std::map<std::string, PaperProgress> records_;
    std::set<std::string> dirty_;
    std::map<std::string, QuarantinedRecord> quarantine_;             // by Id()
    std::set<std::string> quarantine_dirty_;                          // ids to save
    std::map<std::string, std::set<std::string>> quarantine_unsaved_; // key -> ids not committed
};

} // namespace shelfmark
