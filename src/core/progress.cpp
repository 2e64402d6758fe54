#include "core/progress.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace shelfmark {

namespace {
constexpr const char* kStatusNames[kStatusCount] = {"unread", "queued", "reading", "read",
                                                    "skipped"};
constexpr size_t kMaxRecordBytes = kMaxNoteBytes * 2 + 64 * 1024;

bool SameChange(const StatusChange& a, const StatusChange& b) {
    return a.status == b.status && a.at == b.at;
}
bool ChangeLess(const StatusChange& a, const StatusChange& b) {
    return a.at != b.at ? a.at < b.at : static_cast<int>(a.status) < static_cast<int>(b.status);
}
void TrimHistory(std::vector<StatusChange>& h) {
    if (h.size() > kMaxHistory) h.erase(h.begin(), h.end() - static_cast<long>(kMaxHistory));
}
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
        note_at != o.note_at || history.size() != o.history.size())
        return false;
    for (size_t i = 0; i < history.size(); ++i)
        if (!SameChange(history[i], o.history[i])) return false;
    return true;
}

bool MergeInto(PaperProgress& into, const PaperProgress& from) {
    bool changed = false;
    if (from.status_at > into.status_at) {
        into.status = from.status;
        into.status_at = from.status_at;
        changed = true;
    }
    if (from.note_at > into.note_at) {
        into.note = from.note;
        into.note_at = from.note_at;
        changed = true;
    }
    std::vector<StatusChange> merged = into.history;
    merged.insert(merged.end(), from.history.begin(), from.history.end());
    std::sort(merged.begin(), merged.end(), ChangeLess);
    merged.erase(std::unique(merged.begin(), merged.end(), SameChange), merged.end());
    TrimHistory(merged);
    if (merged.size() != into.history.size() ||
        !std::equal(merged.begin(), merged.end(), into.history.begin(), SameChange)) {
        into.history = std::move(merged);
        changed = true;
    }
    return changed;
}

std::string ProgressRecordToJson(const PaperProgress& p) {
    nlohmann::ordered_json j;
    j["paper"] = p.paper;
    j["status"] = StatusName(p.status);
    j["statusAt"] = p.status_at;
    nlohmann::ordered_json h = nlohmann::ordered_json::array();
    for (const auto& c : p.history) h.push_back({StatusName(c.status), c.at});
    j["history"] = std::move(h);
    j["note"] = p.note;
    j["noteAt"] = p.note_at;
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<PaperProgress> ProgressRecordFromJson(std::string_view text, std::string* error) {
    auto fail = [&](const std::string& why) -> std::optional<PaperProgress> {
        if (error) *error = why;
        return std::nullopt;
    };
    if (text.size() > kMaxRecordBytes) return fail("record too large");
    const auto j = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
    if (j.is_discarded()) return fail("not valid JSON");
    if (!j.is_object()) return fail("record is not an object");
    PaperProgress p;
    auto str = [&](const char* key, std::string& out, bool required) -> bool {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) return !required;
        if (!it->is_string()) return false;
        out = it->get<std::string>();
        return true;
    };
    auto num = [&](const char* key, int64_t& out) -> bool {
        const auto it = j.find(key);
        if (it == j.end() || it->is_null()) return true;
        if (!it->is_number_integer() || it->get<int64_t>() < 0) return false;
        out = it->get<int64_t>();
        return true;
    };
    if (!str("paper", p.paper, true) || p.paper.empty()) return fail("\"paper\" must be a non-empty string");
    std::string status = "unread";
    if (!str("status", status, false)) return fail("\"status\" must be a string");
    const auto st = ParseStatus(status);
    if (!st) return fail("unknown status \"" + status.substr(0, 40) + "\"");
    p.status = *st;
    if (!num("statusAt", p.status_at)) return fail("\"statusAt\" must be a non-negative integer");
    if (!str("note", p.note, false)) return fail("\"note\" must be a string");
    if (p.note.size() > kMaxNoteBytes) return fail("note larger than the limit");
    if (!num("noteAt", p.note_at)) return fail("\"noteAt\" must be a non-negative integer");
    if (const auto it = j.find("history"); it != j.end() && !it->is_null()) {
        if (!it->is_array()) return fail("\"history\" must be an array");
        for (const auto& e : *it) {
            if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_number_integer())
                return fail("\"history\" entries must be [status, time]");
            const auto hs = ParseStatus(e[0].get<std::string>());
            if (!hs) return fail("unknown status in history");
            p.history.push_back({*hs, e[1].get<int64_t>()});
        }
        std::sort(p.history.begin(), p.history.end(), ChangeLess);
        TrimHistory(p.history);
    }
    return p;
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
    auto& r = records_[paper];
    r.paper = paper;
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
    auto& r = records_[paper];
    r.paper = paper;
    if (r.note == note) return false;
    r.note = note;
    r.note_at = std::max(now_ms, r.note_at + 1);
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

std::vector<std::string> Progress::TakeDirty() {
    std::vector<std::string> out(dirty_.begin(), dirty_.end());
    dirty_.clear();
    return out;
}

void Progress::MarkDirty(const std::vector<std::string>& papers) {
    dirty_.insert(papers.begin(), papers.end());
}

} // namespace shelfmark
