#include "app/events.h"

#include <nlohmann/json.hpp>

#include <cstdio>

#include "core/note_merge.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {
constexpr int64_t kRetryAfterFailureMs = 5000;

// A stored record of the user's own lists/papers ("list:<id>" / "paper:<id>").
bool MergeUserRecord(AppState& s, const std::string& key, const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object()) return false;
    std::string field, message;
    bool changed = false;
    if (key.rfind("list:", 0) == 0) {
        auto l = UserListFromValue(j, false, &field, &message);
        if (!l || l->list.id != key.substr(5)) return false;
        changed = MergeUserList(s.user, *l);
    } else if (key.rfind("paper:", 0) == 0) {
        auto p = UserPaperFromValue(j, false, &field, &message);
        if (!p || p->paper.id != key.substr(6)) return false;
        changed = MergeUserPaper(s.user, *p);
    } else {
        return false;
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
                      bool report, bool salvage = true) {
    QuarantinedRecord q{key, text, why};
    const bool added = s.progress.AddQuarantined(q, true);
    if (added) s.saver.urgent = true; // saved aside at once, before any edit can replace it
    if (report && added)
        AddProblem(s, "saved record " + Shown(key) + " cannot be read by this version (" + why +
                          "); it is kept unchanged and included in exports");
    if (key.rfind("user/", 0) == 0 || !salvage) return;
    if (auto salvaged = SalvageProgressRecord(text, key)) {
        salvaged->paper = key;
        if (s.progress.MergeStored(*salvaged)) TouchPaper(s, key);
    }
    s.index_needs_build = true;
    Touch(s);
}

// The quarantine store's records: {"key","reason","record"} (see saver.cpp).
void LoadQuarantined(AppState& s, const std::string& key, const std::string& text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || !j.contains("key") || !j["key"].is_string() || !j.contains("record") ||
        !j["record"].is_string()) {
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
    if (changed) TouchPaper(s, id);
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

void HandleStorageEvent(AppState& s, const platform::PlatformEvent& e, int64_t now_ms) {
    using K = platform::PlatformEvent::Kind;
    switch (e.kind) {
    case K::StorageRecord: {
        if (e.key.rfind("meta/", 0) == 0) {
            LoadQuarantined(s, e.key, e.text);
            break;
        }
        if (e.key.rfind("user/", 0) == 0) {
            if (!MergeUserRecord(s, e.key.substr(5), e.text))
                QuarantineRecord(s, e.key, e.text, "not a readable list or paper record", true);
            break;
        }
        std::string why;
        auto rec = ProgressRecordFromJson(e.text, &why);
        if (!rec) {
            QuarantineRecord(s, e.key, e.text, why, true);
        } else if (rec->paper != e.key) {
            QuarantineRecord(s, e.key, e.text, "the record names another paper (" + std::string(utf8::Truncated(rec->paper, 80)) + ")",
                             true, false);
        } else {
            // A wrong clock (here or where the record was made) must not pin a field forever.
            ClampTimestamps(*rec, now_ms);
            s.progress.MergeStored(*rec);
            s.index_needs_build = true; // a load: rebuild once at the end
            Touch(s);
        }
        break;
    }
    case K::StorageLoaded:
        s.storage_loaded = true;
        if (!e.text.empty()) AddProblem(s, e.text);
        if (s.progress.HasDirty() && s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now_ms;
        break;
    case K::StorageFailed:
        s.storage_loaded = true; // nothing to wait for: the app runs from memory
        s.storage_usable = false;
        s.save = {SaveState::Kind::Unavailable, e.text};
        break;
    case K::StorageClosed:
        s.storage_usable = false;
        s.save = {SaveState::Kind::NotSaved, e.text};
        break;
    case K::WriteDone: {
        const auto it = s.saver.inflight.find(static_cast<int>(e.number));
        if (it == s.saver.inflight.end()) break;
        std::vector<std::string> papers = std::move(it->second);
        s.saver.inflight.erase(it);
        std::vector<std::string> quarantine_ids;
        for (const auto& k : papers)
            if (k.rfind("meta/", 0) == 0) quarantine_ids.push_back(k.substr(5));
        NotesCommitted(s, static_cast<int>(e.number), e.ok);
        if (e.ok) {
            s.progress.QuarantineSaved(quarantine_ids);
            if (s.save.kind == SaveState::Kind::NotSaved && s.storage_usable) s.save = {SaveState::Kind::Saving, ""};
        } else {
            // Keep the changes in memory and try again later; say why meanwhile.
            std::vector<std::string> progress_keys;
            for (auto& k : papers) {
                if (k.rfind("user/", 0) == 0) s.user_dirty.insert(k.substr(5));
                else if (k.rfind("meta/", 0) != 0) progress_keys.push_back(k);
            }
            s.progress.MarkDirty(progress_keys);
            s.progress.MarkQuarantineDirty(quarantine_ids);
            s.saver.first_dirty_ms = now_ms + kRetryAfterFailureMs;
            std::string why = e.text;
            if (why.find("QuotaExceeded") != std::string::npos)
                why = "the browser's storage is full (" + e.text + "); export your progress to keep it";
            s.save = {SaveState::Kind::NotSaved, why};
            platform::RequestTickIn(static_cast<int>(kRetryAfterFailureMs) + 400);
        }
        break;
    }
    case K::StorageChanged: {
        // Another tab committed this record: merge it (newer field wins). If ours is
        // newer, MergeStored marks it dirty and it is written back.
        if (e.key.rfind("meta/", 0) == 0) {
            LoadQuarantined(s, e.key, e.text);
            break;
        }
        if (e.key.rfind("user/", 0) == 0) {
            if (!MergeUserRecord(s, e.key.substr(5), e.text))
                QuarantineRecord(s, e.key, e.text, "not a readable list or paper record", true);
            break;
        }
        if (e.text == "null") break; // deleted there (Replace); ours stays until we say so
        std::string why;
        auto rec = ProgressRecordFromJson(e.text, &why);
        if (rec && rec->paper == e.key) {
            ClampTimestamps(*rec, now_ms);
            // One message may carry several records: its batch counts as taken in only
            // when none of them clashed.
            const std::pair<std::string, int64_t> from{e.source, e.source_batch};
            if (!TakeInOtherWindow(s, *rec, e.number, now_ms)) s.clashed_batches.insert(from);
            if (!e.source.empty() && e.source_batch >= 0 && !s.clashed_batches.count(from))
                platform::StorageTakenIn(e.source, e.source_batch);
        } else {
            // Another window (perhaps a newer version) wrote what this build cannot read:
            // keep it, and never write over it before it is saved aside.
            QuarantineRecord(s, e.key, e.text, rec ? "the record names another paper" : why, true, !rec);
        }
        if (s.progress.HasDirty() && s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now_ms;
        break;
    }
    case K::StorageInfo: {
        s.storage_info.persisted = static_cast<int>(e.number);
        double usage = 0, quota = 0;
        if (std::sscanf(e.text.c_str(), "%lf %lf", &usage, &quota) == 2) {
            s.storage_info.usage_bytes = usage;
            s.storage_info.quota_bytes = quota;
        }
        break;
    }
    case K::Flush:
    case K::Paste:
    case K::ColorScheme:
    case K::Hash:
    case K::FileOpened:
    case K::Text:
        break;
    }
}

} // namespace shelfmark
