#include "app/events.h"

#include <nlohmann/json.hpp>

#include <type_traits>
#include <utility>

#include "core/note_merge.h"
#include "core/utf8.h"

namespace shelfmark {

namespace event = platform::event;

namespace {
constexpr int64_t kRetryAfterFailureMs = 5000;

// A stored record of the user's own lists/papers ("list:<id>" / "paper:<id>").
bool MergeUserRecord(AppState& s, const std::string& storage_key, const std::string& text) {
    const std::optional<UserKey> key = UserKey::Parse(storage_key);
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (!key || j.is_discarded() || !j.is_object()) return false;
    std::string field, message;
    bool changed = false;
    if (key->kind == UserKey::Kind::List) {
        auto l = UserListFromValue(j, false, &field, &message);
        if (!l || l->list.id != key->id) return false;
        changed = MergeUserList(s.user, *l);
    } else {
        auto p = UserPaperFromValue(j, false, &field, &message);
        if (!p || p->paper.id != key->id) return false;
        changed = MergeUserPaper(s.user, *p);
    }
    if (changed) RebuildCatalogue(s);
    return true;
}
constexpr size_t kMaxProblemsShown = 50;

void AddProblem(AppState& s, std::string p) {
    if (s.storage_problems.size() < kMaxProblemsShown) s.storage_problems.push_back(std::move(p));
}

std::string Shown(const std::string& key) { return "\"" + std::string(utf8::Truncated(key, 80)) + "\""; }

// A record this build cannot read: kept byte for byte (saved aside before anything
// replaces it, exported, imported back) and its readable fields shown.
void QuarantineRecord(AppState& s, const std::string& key, const std::string& text, const std::string& why,
                      int64_t now_ms, bool report, bool salvage = true) {
    QuarantinedRecord q{key, text, why};
    const bool added = s.progress.AddQuarantined(q, true);
    // Saved aside at once, before any edit can replace it.
    if (added) Changed(s, change::Records{}, Urgency::Now, now_ms);
    if (report && added)
        AddProblem(s, "saved record " + Shown(key) + " cannot be read by this version (" + why +
                          "); it is kept unchanged and included in exports");
    if (key.rfind("user/", 0) == 0 || !salvage) return;
    if (auto salvaged = SalvageProgressRecord(text, key)) {
        salvaged->paper = key;
        s.progress.MergeStored(*salvaged);
    }
    Changed(s, change::Records{});
}

// The quarantine store's records: {"key","reason","record"} (see saver.cpp).
void LoadQuarantined(AppState& s, const std::string& key, const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("key") || !j["key"].is_string() ||
        !j.contains("record") || !j["record"].is_string()) {
        AddProblem(s, "saved record " + Shown(key) + " is damaged; skipped, left as stored");
        return;
    }
    QuarantinedRecord q{j["key"].get<std::string>(), j["record"].get<std::string>(),
                        j.value("reason", std::string())};
    if ("meta/" + q.Id() != key) {
        AddProblem(s, "saved record " + Shown(key) + " does not match its contents; skipped, left as stored");
        return;
    }
    s.progress.AddQuarantined(std::move(q), false);
}

// A stored record that is not a paper's progress: a record saved aside ("meta/...") or
// one of the user's lists and papers ("user/..."), loaded or from another window.
// Returns false for a progress record (the caller reads it).
bool TakeInMetaOrUserRecord(AppState& s, const std::string& key, const std::string& json, int64_t now_ms) {
    if (key.rfind("meta/", 0) == 0) {
        LoadQuarantined(s, key, json);
        return true;
    }
    if (key.rfind("user/", 0) == 0) {
        if (!MergeUserRecord(s, key.substr(5), json))
            QuarantineRecord(s, key, json, "not a readable list or paper record", now_ms, true);
        return true;
    }
    return false;
}

constexpr size_t kCommittedNotesKept = 8;

// Another window saved this paper. Per field the newer change wins (MergeStored), except
// for a note also edited here since this window last took in another's text: then the
// two edits are merged (three-way, from the text the other window started from), or,
// when they touch the same place, this window keeps its text and the other version
// becomes a note copy the reader can pick or combine. The other window started from the
// newest of our writes it had taken in (`seen_batch`, sent along by the platform), or
// else from what this window last took in of it.
// Returns false when the note clashed (this window kept its own text).
bool TakeInOtherWindow(AppState& s, const PaperProgress& theirs, int64_t seen_batch, int64_t now_ms) {
    const std::string& id = theirs.paper;
    const PaperProgress* local = s.progress.Find(id);
    const std::string mine = local ? local->note : std::string();
    const auto sync = s.note_sync.find(id);
    const bool edited_here = sync != s.note_sync.end();
    bool changed = s.progress.MergeStored(theirs);
    bool clashed = false;
    if (edited_here && theirs.note != mine) {
        const std::string* base = &sync->second.taken_in;
        for (auto it = sync->second.committed.rbegin(); it != sync->second.committed.rend(); ++it)
            if (it->first <= seen_batch) {
                base = &it->second;
                break;
            }
        std::optional<std::string> merged = MergeNoteEdits(*base, mine, theirs.note);
        const bool clash = !merged;
        clashed = clash;
        if (clash) merged = mine;
        changed |= s.progress.SetNote(id, *merged, now_ms);
        if (clash) changed |= s.progress.AddNoteCopy(id, NoteCopy{theirs.note_at, theirs.note, false});
        if (s.ui.note_paper == id) s.ui.note_reload = true;
        // The record is kept for the session even when both sides agree now: a message the
        // other window wrote before it took in our newest text may still be on its way,
        // and must not replace that text (it is merged from what that window had seen).
        if (clash) {
            // This window kept its own text: the other's is not part of it, so the common
            // ground stays what it was (taking it as the base would later read as this
            // window having deleted the other's words).
        } else {
            // From now on the other window's text is the common ground; what this window
            // sent before (even if it commits later) is older than that.
            sync->second.taken_in = theirs.note;
            sync->second.committed.clear();
            sync->second.writing.clear();
        }
    }
    if (changed) Changed(s, change::Paper{id});
    return !clashed;
}

// A write committed: the notes it carried are now visible to other windows.
void NotesCommitted(AppState& s, int batch, bool ok) {
    for (auto& [id, sync] : s.note_sync) {
        const auto it = sync.writing.find(batch);
        if (it == sync.writing.end()) continue;
        if (ok) {
            sync.committed.emplace_back(batch, std::move(it->second));
            if (sync.committed.size() > kCommittedNotesKept) sync.committed.erase(sync.committed.begin());
        }
        sync.writing.erase(it);
    }
}
} // namespace

void Handle(AppState& s, const event::StorageRecord& e, int64_t now_ms) {
    if (TakeInMetaOrUserRecord(s, e.key, e.json, now_ms)) return;
    std::string why;
    auto rec = ProgressRecordFromJson(e.json, &why);
    if (!rec) {
        QuarantineRecord(s, e.key, e.json, why, now_ms, true);
    } else if (rec->paper != e.key) {
        QuarantineRecord(s, e.key, e.json,
                         "the record names another paper (" + std::string(utf8::Truncated(rec->paper, 80)) +
                             ")",
                         now_ms, true, false);
    } else {
        // A wrong clock (here or where the record was made) must not pin a field forever.
        ClampTimestamps(*rec, now_ms);
        s.progress.MergeStored(*rec);
        Changed(s, change::Records{}); // a load: the index is rebuilt once, at the end
    }
}

void Handle(AppState& s, const event::StorageLoaded& e, int64_t) {
    s.storage_loaded = true;
    if (!e.problems.empty()) AddProblem(s, e.problems);
    // Records merged in that are newer here are dirty: PumpSaves writes them.
}

void Handle(AppState& s, const event::StorageFailed& e, int64_t) {
    s.storage_loaded = true; // nothing to wait for: the app runs from memory
    s.storage_usable = false;
    s.save = {SaveState::Kind::Unavailable, e.why};
}

void Handle(AppState& s, const event::StorageClosed& e, int64_t) {
    s.storage_usable = false;
    s.save = {SaveState::Kind::NotSaved, e.why};
}

void Handle(AppState& s, const event::WriteDone& e, int64_t now_ms) {
    const auto it = s.saver.inflight.find(e.batch);
    if (it == s.saver.inflight.end()) return;
    std::vector<std::string> keys = std::move(it->second);
    s.saver.inflight.erase(it);
    std::vector<std::string> quarantine_ids;
    for (const auto& k : keys)
        if (k.rfind("meta/", 0) == 0) quarantine_ids.push_back(k.substr(5));
    NotesCommitted(s, e.batch, e.ok);
    if (e.ok) {
        s.progress.QuarantineSaved(quarantine_ids);
        if (s.save.kind == SaveState::Kind::NotSaved && s.storage_usable)
            s.save = {SaveState::Kind::Saving, ""};
        return;
    }
    // Keep the changes in memory and try again later; say why meanwhile.
    std::vector<std::string> progress_keys;
    for (auto& k : keys) {
        if (k.rfind("user/", 0) == 0) {
            if (auto key = UserKey::Parse(std::string_view(k).substr(5))) s.user.MarkDirty(*key);
        } else if (k.rfind("meta/", 0) != 0) {
            progress_keys.push_back(k);
        }
    }
    s.progress.MarkDirty(progress_keys);
    s.progress.MarkQuarantineDirty(quarantine_ids);
    s.saver.RetryAt(now_ms + kRetryAfterFailureMs);
    std::string why = e.error;
    if (why.find("QuotaExceeded") != std::string::npos)
        why = "the browser's storage is full (" + e.error + "); export your progress to keep it";
    s.save = {SaveState::Kind::NotSaved, why};
    platform::RequestTickIn(static_cast<int>(kRetryAfterFailureMs) + 400);
}

void Handle(AppState& s, const event::StorageChanged& e, int64_t now_ms) {
    // Another window committed this record: merge it (newer field wins). If ours is
    // newer, MergeStored marks it dirty and PumpSaves writes it back.
    if (TakeInMetaOrUserRecord(s, e.key, e.json, now_ms)) return;
    if (e.json == "null") return; // deleted there (Replace); ours stays until we say so
    std::string why;
    auto rec = ProgressRecordFromJson(e.json, &why);
    if (rec && rec->paper == e.key) {
        ClampTimestamps(*rec, now_ms);
        // One message may carry several records: its batch counts as taken in only
        // when none of them clashed.
        const std::pair<std::string, int64_t> from{e.source, e.source_batch};
        if (!TakeInOtherWindow(s, *rec, e.seen_batch, now_ms)) s.clashed_batches.insert(from);
        if (!e.source.empty() && e.source_batch >= 0 && !s.clashed_batches.count(from))
            platform::StorageTakenIn(e.source, e.source_batch);
    } else {
        // Another window (perhaps a newer version) wrote what this build cannot read:
        // keep it, and never write over it before it is saved aside.
        QuarantineRecord(s, e.key, e.json, rec ? "the record names another paper" : why, now_ms, true, !rec);
    }
}

void Handle(AppState& s, const event::StorageInfo& e, int64_t) {
    s.storage_info.persisted = e.persisted ? 1 : 0;
    s.storage_info.usage_bytes = e.usage_bytes;
    s.storage_info.quota_bytes = e.quota_bytes;
}

namespace {
// True for the event types with a Handle() overload above (the storage events).
template <class T, class = void> struct HasHandler : std::false_type {};
template <class T>
struct HasHandler<
    T, std::void_t<decltype(Handle(std::declval<AppState&>(), std::declval<const T&>(), int64_t{}))>>
    : std::true_type {};
} // namespace

bool HandleStorageEvent(AppState& s, const platform::PlatformEvent& e, int64_t now_ms) {
    return std::visit(
        [&](const auto& ev) {
            using T = std::decay_t<decltype(ev)>;
            if constexpr (HasHandler<T>::value) {
                Handle(s, ev, now_ms);
                return true;
            } else {
                return false;
            }
        },
        e);
}

} // namespace shelfmark
