#include "app/events.h"

#include <nlohmann/json.hpp>

#include <cstdio>

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
} // namespace

void HandleStorageEvent(AppState& s, const platform::PlatformEvent& e, int64_t now_ms) {
    using K = platform::PlatformEvent::Kind;
    switch (e.kind) {
    case K::StorageRecord: {
        if (e.key.rfind("user/", 0) == 0) {
            if (!MergeUserRecord(s, e.key.substr(5), e.text))
                AddProblem(s, "saved record \"" + e.key.substr(0, 80) + "\" is damaged; skipped, left as stored");
            break;
        }
        std::string why;
        auto rec = ProgressRecordFromJson(e.text, &why);
        if (!rec) {
            AddProblem(s, "saved record \"" + e.key.substr(0, 80) + "\" is damaged (" + why + "); skipped, left as stored");
        } else if (rec->paper != e.key) {
            AddProblem(s, "saved record \"" + e.key.substr(0, 80) + "\" names another paper; skipped, left as stored");
        } else {
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
        if (e.ok) {
            if (s.save.kind == SaveState::Kind::NotSaved && s.storage_usable) s.save = {SaveState::Kind::Saving, ""};
        } else {
            // Keep the changes in memory and try again later; say why meanwhile.
            std::vector<std::string> progress_keys;
            for (auto& k : papers) {
                if (k.rfind("user/", 0) == 0) s.user_dirty.insert(k.substr(5));
                else progress_keys.push_back(k);
            }
            s.progress.MarkDirty(progress_keys);
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
        if (e.key.rfind("user/", 0) == 0) {
            MergeUserRecord(s, e.key.substr(5), e.text);
            break;
        }
        std::string why;
        if (auto rec = ProgressRecordFromJson(e.text, &why); rec && rec->paper == e.key) {
            if (s.progress.MergeStored(*rec)) TouchPaper(s, rec->paper);
            if (s.progress.HasDirty() && s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = now_ms;
        }
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
