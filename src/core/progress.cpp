#include "core/progress.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_fields.h"
#include "core/json_limits.h"

namespace shelfmark {

namespace {
constexpr const char* kStatusNames[kStatusCount] = {"unread", "queued", "reading", "read", "skipped"};
constexpr size_t kMaxRecordBytes = kMaxNoteBytes * 7 + 64 * 1024;

bool SameChange(const StatusChange& a, const StatusChange& b) { return a.status == b.status && a.at == b.at; }
bool ChangeLess(const StatusChange& a, const StatusChange& b) {
    return a.at != b.at ? a.at < b.at : static_cast<int>(a.status) < static_cast<int>(b.status);
}
void TrimHistory(std::vector<StatusChange>& h) {
    if (h.size() > kMaxHistory) h.erase(h.begin(), h.end() - static_cast<long>(kMaxHistory));
}
void NormalizeHistory(std::vector<StatusChange>& h) {
    std::sort(h.begin(), h.end(), ChangeLess);
    h.erase(std::unique(h.begin(), h.end(), SameChange), h.end());
    TrimHistory(h);
}

// Newer wins; on a tie the greater value wins so that merging commutes.
template <typename T>
bool TakeIfNewer(T& into_value, int64_t& into_at, const T& from_value, int64_t from_at) {
    if (from_at > into_at || (from_at == into_at && into_value < from_value)) {
        const bool changed = !(into_value == from_value) || into_at != from_at;
        into_value = from_value;
        into_at = from_at;
        return changed;
    }
    return false;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
} // namespace

const char* StatusName(Status s) {
    const int i = static_cast<int>(s);
    return (i >= 0 && i < kStatusCount) ? kStatusNames[i] : "unread";
}

std::optional<Status> ParseStatus(std::string_view name) {
    for (int i = 0; i < kStatusCount; ++i)
        if (name == kStatusNames[i]) return static_cast<Status>(i);
    return std::nullopt;
}

bool PaperProgress::operator==(const PaperProgress& o) const {
    if (paper != o.paper || status != o.status || status_at != o.status_at || note != o.note ||
        note_at != o.note_at || tags != o.tags || tags_at != o.tags_at || priority != o.priority ||
        priority_at != o.priority_at || history.size() != o.history.size())
        return false;
    for (size_t i = 0; i < history.size(); ++i)
        if (!SameChange(history[i], o.history[i])) return false;
    return true;
}

std::vector<std::string> NormalizeTags(std::vector<std::string> tags) {
    for (std::string& t : tags) {
        size_t b = 0, e = t.size();
        while (b < e && IsSpace(t[b]))
            ++b;
        while (e > b && IsSpace(t[e - 1]))
            --e;
        t = t.substr(b, e - b);
    }
    tags.erase(std::remove(tags.begin(), tags.end(), std::string()), tags.end());
    std::sort(tags.begin(), tags.end());
    tags.erase(std::unique(tags.begin(), tags.end()), tags.end());
    return tags;
}

std::string CheckTags(const std::vector<std::string>& tags) {
    if (tags.size() > kMaxTags) return "more than " + std::to_string(kMaxTags) + " tags";
    for (const std::string& t : tags) {
        if (t.empty()) return "empty tag";
        if (t.size() > kMaxTagBytes)
            return "tag " + jsonf::Quote(t) + " is longer than " + std::to_string(kMaxTagBytes) + " bytes";
        if (jsonf::HasControl(t, false)) return "tag " + jsonf::Quote(t) + " contains a control character";
    }
    return {};
}

bool MergeInto(PaperProgress& into, const PaperProgress& from) {
    bool changed = false;
    // Status is compared by rank so that a tie is decided the same way on every device.
    int into_status = static_cast<int>(into.status);
    if (TakeIfNewer(into_status, into.status_at, static_cast<int>(from.status), from.status_at)) {
        into.status = static_cast<Status>(into_status);
        changed = true;
    }
    changed |= TakeIfNewer(into.note, into.note_at, from.note, from.note_at);
    changed |= TakeIfNewer(into.tags, into.tags_at, from.tags, from.tags_at);
    changed |= TakeIfNewer(into.priority, into.priority_at, from.priority, from.priority_at);

    std::vector<StatusChange> merged = into.history;
    merged.insert(merged.end(), from.history.begin(), from.history.end());
    NormalizeHistory(merged);
    if (merged.size() != into.history.size() ||
        !std::equal(merged.begin(), merged.end(), into.history.begin(), SameChange)) {
        into.history = std::move(merged);
        changed = true;
    }
    return changed;
}

nlohmann::ordered_json ProgressRecordToValue(const PaperProgress& p) {
    nlohmann::ordered_json j;
    j["paper"] = p.paper;
    j["status"] = StatusName(p.status);
    j["statusAt"] = p.status_at;
    nlohmann::ordered_json h = nlohmann::ordered_json::array();
    for (const auto& c : p.history)
        h.push_back({StatusName(c.status), c.at});
    j["history"] = std::move(h);
    j["note"] = p.note;
    j["noteAt"] = p.note_at;
    j["tags"] = p.tags;
    j["tagsAt"] = p.tags_at;
    j["priority"] = p.priority;
    j["priorityAt"] = p.priority_at;
    return j;
}

std::string ProgressRecordToJson(const PaperProgress& p) {
    return ProgressRecordToValue(p).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<PaperProgress> ProgressRecordFromValue(const nlohmann::json& j, bool strict, std::string* field,
                                                     std::string* message) {
    jsonf::Problem problem;
    auto fail = [&]() -> std::optional<PaperProgress> {
        if (field) *field = problem.pointer;
        if (message) *message = problem.message;
        return std::nullopt;
    };
    if (!j.is_object()) {
        problem = {"", std::string("a paper record must be an object, not ") + jsonf::TypeName(j)};
        return fail();
    }
    jsonf::ObjectReader r(j, "", strict, &problem);
    if (!r.OnlyKnownKeys({"paper", "status", "statusAt", "history", "note", "noteAt", "tags", "tagsAt",
                          "priority", "priorityAt"}))
        return fail();
    PaperProgress p;
    if (!r.String("paper", &p.paper, true, kMaxPaperIdBytes)) return fail();
    if (p.paper.empty()) {
        r.FailKey("paper", "\"paper\" must be a non-empty string");
        return fail();
    }
    if (strict && !jsonf::IsId(p.paper, kMaxPaperIdBytes)) {
        r.FailKey("paper", "paper id " + jsonf::Quote(p.paper) + " may only use a-z, 0-9 and -");
        return fail();
    }
    std::string status = "unread";
    if (!r.String("status", &status, strict, 64)) return fail();
    const auto st = ParseStatus(status);
    if (!st) {
        r.FailKey("status", "unknown status " + jsonf::Quote(status) +
                                " (expected unread, queued, reading, read or skipped)");
        return fail();
    }
    p.status = *st;
    if (!r.Int("statusAt", &p.status_at, strict, 0, kMaxTimestampMs)) return fail();
    if (!r.String("note", &p.note, false, kMaxNoteBytes, jsonf::ObjectReader::Controls::kAny)) return fail();
    if (!r.Int("noteAt", &p.note_at, false, 0, kMaxTimestampMs)) return fail();
    int64_t priority = 0;
    if (!r.Int("priority", &priority, false, 0, kMaxPriority)) return fail();
    p.priority = static_cast<int>(priority);
    if (!r.Int("priorityAt", &p.priority_at, false, 0, kMaxTimestampMs)) return fail();
    if (!r.Int("tagsAt", &p.tags_at, false, 0, kMaxTimestampMs)) return fail();

    if (const nlohmann::json* h = r.Get("history")) {
        if (!h->is_array()) {
            r.FailKey("history", std::string("\"history\" must be an array, not ") + jsonf::TypeName(*h));
            return fail();
        }
        if (h->size() > kMaxHistory && strict) {
            r.FailKey("history", "\"history\" has more than " + std::to_string(kMaxHistory) + " entries");
            return fail();
        }
        size_t i = 0;
        for (const auto& e : *h) {
            const std::string where = jsonf::Ptr("/history", i++);
            int64_t at = 0;
            if (!e.is_array() || e.size() != 2 || !e[0].is_string() ||
                !jsonf::ObjectReader::ToInt(e[1], 0, kMaxTimestampMs, &at)) {
                std::string found = e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
                if (found.size() > 60) found = found.substr(0, 57) + "...";
                problem = {where, "history entries must be [status, time in ms], found " + found};
                return fail();
            }
            const auto hs = ParseStatus(e[0].get_ref<const std::string&>());
            if (!hs) {
                problem = {where + "/0", "unknown status " +
                                             jsonf::Quote(e[0].get_ref<const std::string&>()) +
                                             " in history"};
                return fail();
            }
            p.history.push_back({*hs, at});
        }
        NormalizeHistory(p.history);
    }

    if (const nlohmann::json* t = r.Get("tags")) {
        if (!t->is_array()) {
            r.FailKey("tags",
                      std::string("\"tags\" must be an array of strings, not ") + jsonf::TypeName(*t));
            return fail();
        }
        if (t->size() > kMaxTags) {
            r.FailKey("tags", "more than " + std::to_string(kMaxTags) + " tags");
            return fail();
        }
        size_t i = 0;
        for (const auto& e : *t) {
            if (!e.is_string()) {
                problem = {jsonf::Ptr("/tags", i),
                           std::string("tags must be strings, not ") + jsonf::TypeName(e)};
                return fail();
            }
            p.tags.push_back(e.get_ref<const std::string&>());
            ++i;
        }
        p.tags = NormalizeTags(std::move(p.tags));
        if (const std::string why = CheckTags(p.tags); !why.empty()) {
            r.FailKey("tags", why);
            return fail();
        }
    }
    return p;
}

std::optional<PaperProgress> ProgressRecordFromJson(std::string_view text, std::string* error) {
    JsonLimits lim;
    lim.max_bytes = kMaxRecordBytes;
    lim.max_depth = 4;
    lim.max_string_bytes = kMaxNoteBytes * 6 + 16; // every byte may be a \uXXXX escape
    std::string why;
    const auto j = ParseJsonLimited(text, lim, &why);
    if (!j) {
        if (error) *error = why.empty() ? "not valid JSON" : why;
        return std::nullopt;
    }
    std::string field, message;
    auto p = ProgressRecordFromValue(*j, false, &field, &message);
    if (!p && error) *error = field.empty() ? message : field + ": " + message;
    return p;
}

PaperProgress& Progress::Slot(const std::string& paper) {
    auto& r = records_[paper];
    r.paper = paper;
    return r;
}

const PaperProgress* Progress::Find(const std::string& paper) const {
    const auto it = records_.find(paper);
    return it == records_.end() ? nullptr : &it->second;
}

Status Progress::StatusOf(const std::string& paper) const {
    const auto* p = Find(paper);
    return p ? p->status : Status::Unread;
}

bool Progress::SetStatus(const std::string& paper, Status s, int64_t now_ms) {
    auto& r = Slot(paper);
    if (r.status == s && r.status_at != 0) return false;
    if (r.status == s && s == Status::Unread) return false;
    // Keep timestamps strictly increasing so that "newer wins" sees every edit.
    const int64_t at = std::max(now_ms, r.status_at + 1);
    r.status = s;
    r.status_at = at;
    r.history.push_back({s, at});
    TrimHistory(r.history);
    dirty_.insert(paper);
    return true;
}

bool Progress::SetNote(const std::string& paper, const std::string& note, int64_t now_ms) {
    auto& r = Slot(paper);
    if (r.note == note) return false;
    r.note = note;
    r.note_at = std::max(now_ms, r.note_at + 1);
    dirty_.insert(paper);
    return true;
}

bool Progress::SetTags(const std::string& paper, std::vector<std::string> tags, int64_t now_ms) {
    tags = NormalizeTags(std::move(tags));
    auto& r = Slot(paper);
    if (r.tags == tags) return false;
    r.tags = std::move(tags);
    r.tags_at = std::max(now_ms, r.tags_at + 1);
    dirty_.insert(paper);
    return true;
}

bool Progress::SetPriority(const std::string& paper, int priority, int64_t now_ms) {
    priority = std::clamp(priority, 0, kMaxPriority);
    auto& r = Slot(paper);
    if (r.priority == priority) return false;
    r.priority = priority;
    r.priority_at = std::max(now_ms, r.priority_at + 1);
    dirty_.insert(paper);
    return true;
}

bool Progress::MergeStored(const PaperProgress& stored) {
    auto it = records_.find(stored.paper);
    if (it == records_.end()) {
        records_.emplace(stored.paper, stored);
        return true;
    }
    PaperProgress& local = it->second;
    const bool changed = MergeInto(local, stored);
    // If the local copy still differs from what is stored, it holds newer edits: save it.
    if (!(local == stored)) dirty_.insert(stored.paper);
    return changed;
}

bool Progress::MergeImported(const PaperProgress& imported) {
    auto it = records_.find(imported.paper);
    if (it == records_.end()) {
        records_.emplace(imported.paper, imported);
        dirty_.insert(imported.paper);
        return true;
    }
    if (!MergeInto(it->second, imported)) return false;
    dirty_.insert(imported.paper);
    return true;
}

std::vector<std::string> Progress::ReplaceAll(std::vector<PaperProgress> records) {
    std::map<std::string, PaperProgress> next;
    for (PaperProgress& r : records) {
        auto [it, inserted] = next.emplace(r.paper, r);
        if (!inserted) MergeInto(it->second, r);
    }
    std::vector<std::string> removed;
    for (const auto& [id, old] : records_) {
        const auto it = next.find(id);
        if (it == next.end()) {
            removed.push_back(id);
            dirty_.insert(id);
        } else if (!(it->second == old)) {
            dirty_.insert(id);
        }
    }
    for (const auto& [id, rec] : next)
        if (!records_.count(id)) dirty_.insert(id);
    records_ = std::move(next);
    return removed;
}

std::vector<std::string> Progress::TakeDirty() {
    std::vector<std::string> out(dirty_.begin(), dirty_.end());
    dirty_.clear();
    return out;
}

void Progress::MarkDirty(const std::vector<std::string>& papers) {
    dirty_.insert(papers.begin(), papers.end());
}

} // namespace shelfmark
