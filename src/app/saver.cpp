// saver.cpp: moves changed records to storage. Nothing is written before the stored
// state has been loaded; a change waits at most kSaveDelayMs; a flush (page hidden or
// closing) writes at once. One transaction is in flight at a time.
#include <nlohmann/json.hpp>

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
void UpdateSaveState(AppState& s) {
    if (!s.storage_usable) return; // Unavailable / NotSaved stays until it changes
    if (!s.storage_loaded) {
        s.save.kind = SaveState::Kind::Loading;
    } else if (!s.saver.inflight.empty() || s.progress.HasDirty() || s.user.HasDirty()) {
        if (s.save.kind != SaveState::Kind::NotSaved) s.save.kind = SaveState::Kind::Saving;
    } else {
        s.save = {SaveState::Kind::Saved, ""};
    }
}
} // namespace

void PumpSaves(AppState& s, int64_t now_ms, bool flush) {
    const bool dirty = s.progress.HasDirty() || s.user.HasDirty(); // progress: records and quarantine
    if (s.storage_loaded && s.storage_usable && (flush || s.saver.inflight.empty()) && dirty) {
        // Records merged in while loading (ours newer) have no change behind them that
        // scheduled a write: they wait like typing does.
        if (!s.saver.Scheduled()) s.saver.Schedule(Urgency::Batched, now_ms);
        const int64_t due = s.saver.DueMs();
        if (flush || now_ms >= due) {
            std::vector<std::pair<std::string, std::string>> records;
            std::vector<std::string> papers = s.progress.TakeDirty();
            for (const auto& id : papers) {
                const PaperProgress* p = s.progress.Find(id);
                records.emplace_back(id, p ? ProgressRecordToJson(*p) : "null"); // null: delete (Replace)
            }
            for (const UserKey& key : s.user.TakeDirty()) {
                std::string value = "null"; // null: delete
                if (key.kind == UserKey::Kind::List) {
                    if (auto it = s.user.lists.find(key.id); it != s.user.lists.end())
                        value = UserListToValue(it->second)
                                    .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                } else if (auto it = s.user.papers.find(key.id); it != s.user.papers.end()) {
                    value = UserPaperToValue(it->second)
                                .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                }
                records.emplace_back("user/" + key.StorageKey(), value);
                papers.push_back("user/" + key.StorageKey());
            }
            // Unreadable records, saved aside in the quarantine store before (or with)
            // anything that replaces them: {"key","reason","record"} under their id.
            for (const std::string& id : s.progress.TakeDirtyQuarantine()) {
                const auto it = s.progress.Quarantined().find(id);
                if (it == s.progress.Quarantined().end()) continue;
                nlohmann::ordered_json j;
                j["key"] = it->second.key;
                j["reason"] = it->second.reason;
                j["record"] = it->second.record;
                records.insert(
                    records.begin(),
                    {"meta/" + id, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
                papers.push_back("meta/" + id);
            }
            s.saver.Clear();
            const int batch = platform::StorageWrite(records);
            // Notes typed here: remember what was sent, to tell later which text another
            // window's edit started from (events.cpp).
            for (const std::string& id : papers)
                if (auto it = s.note_sync.find(id); it != s.note_sync.end())
                    if (const PaperProgress* p = s.progress.Find(id)) it->second.writing[batch] = p->note;
            s.saver.inflight[batch] = std::move(papers);
        } else {
            platform::RequestTickIn(static_cast<int>(due - now_ms) + 1);
        }
    }
    UpdateSaveState(s);
}

} // namespace shelfmark
