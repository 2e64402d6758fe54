// saver.cpp: moves changed records to storage. Nothing is written before the stored
// state has been loaded; a change waits at most kSaveDelayMs; a flush (page hidden or
// closing) writes at once. One transaction is in flight at a time.
#include <nlohmann/json.hpp>

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
constexpr int64_t kSaveDelayMs = 300;

void UpdateSaveState(AppState& s) {
    if (!s.storage_usable) return; // Unavailable / NotSaved stays until it changes
    if (!s.storage_loaded) {
        s.save.kind = SaveState::Kind::Loading;
    } else if (!s.saver.inflight.empty() || s.progress.HasDirty() || !s.user_dirty.empty()) {
        if (s.save.kind != SaveState::Kind::NotSaved) s.save.kind = SaveState::Kind::Saving;
    } else {
        s.save = {SaveState::Kind::Saved, ""};
    }
}
} // namespace

void PumpSaves(AppState& s, int64_t now_ms, bool flush) {
    const bool dirty = s.progress.HasDirty() || !s.user_dirty.empty();
    if (s.storage_loaded && s.storage_usable && (flush || s.saver.inflight.empty()) && dirty) {
        if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now_ms;
        // Status changes go out at once; typing in a note is batched for up to 300 ms.
        const int64_t due = s.saver.urgent ? now_ms : s.saver.first_dirty_ms + kSaveDelayMs;
        if (flush || now_ms >= due) {
            std::vector<std::pair<std::string, std::string>> records;
            std::vector<std::string> papers = s.progress.TakeDirty();
            for (const auto& id : papers) {
                const PaperProgress* p = s.progress.Find(id);
                records.emplace_back(id, p ? ProgressRecordToJson(*p) : "null"); // null: delete (Replace)
            }
            for (const auto& key : s.user_dirty) {
                std::string value = "null";
                if (key.rfind("list:", 0) == 0) {
                    if (auto it = s.user.lists.find(key.substr(5)); it != s.user.lists.end())
                        value = UserListToValue(it->second).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                } else if (key.rfind("paper:", 0) == 0) {
                    if (auto it = s.user.papers.find(key.substr(6)); it != s.user.papers.end())
                        value = UserPaperToValue(it->second).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                }
                records.emplace_back("user/" + key, value);
                papers.push_back("user/" + key);
            }
            s.user_dirty.clear();
            // Unreadable records, saved aside in the quarantine store before (or with)
            // anything that replaces them: {"key","reason","record"} under their id.
            for (const std::string& id : s.progress.TakeDirtyQuarantine()) {
                const auto it = s.progress.Quarantined().find(id);
                if (it == s.progress.Quarantined().end()) continue;
                nlohmann::ordered_json j;
                j["key"] = it->second.key;
                j["reason"] = it->second.reason;
                j["record"] = it->second.record;
                records.insert(records.begin(), {"meta/" + id, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)});
                papers.push_back("meta/" + id);
            }
            s.saver.first_dirty_ms = 0;
            s.saver.urgent = false;
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
