#include "core/progress.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <nlohmann/json.hpp>

#include "core/json_fields.h"
#include "core/json_limits.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {
constexpr const char* kStatusNames[kStatusCount] = {"unread", "queued", "reading", "read", "skipped"};
// The note and its copies, each possibly all \uXXXX escapes, plus everything else.
constexpr size_t kMaxRecordBytes = kMaxNoteBytes * 6 * (kMaxNoteCopies + 1) + 64 * 1024;

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

bool CopyLess(const NoteCopy& a, const NoteCopy& b) { return a.at != b.at ? a.at < b.at : a.text < b.text; }

// Sorts, unites duplicates (dismissed wins) and keeps at most kMaxNoteCopies: dismissed
// copies go first, then the oldest.
void NormalizeCopies(std::vector<NoteCopy>& c) {
    std::sort(c.begin(), c.end(), CopyLess);
    std::vector<NoteCopy> out;
    for (NoteCopy& x : c) {
        if (!out.empty() && out.back().at == x.at && out.back().text == x.text) {
            out.back().dismissed = out.back().dismissed || x.dismissed;
        } else {
            out.push_back(std::move(x));
        }
    }
    while (out.size() > kMaxNoteCopies) {
        auto victim = std::find_if(out.begin(), out.end(), [](const NoteCopy& x) { return x.dismissed; });
        out.erase(victim != out.end() ? victim : out.begin());
    }
    c = std::move(out);
}

// Bidirectional formatting controls (U+061C, U+200E, U+200F, U+202A-U+202E,
// U+2066-U+2069): invisible, and they reorder the text around them.
bool HasBidiControl(std::string_view s) {
    for (size_t i = 0; i + 1 < s.size(); ++i) {
        const unsigned char a = static_cast<unsigned char>(s[i]), b = static_cast<unsigned char>(s[i + 1]);
        if (a == 0xD8 && b == 0x9C) return true; // U+061C
        if (a == 0xE2 && i + 2 < s.size()) {
            const unsigned char c = static_cast<unsigned char>(s[i + 2]);
            if (b == 0x80 && (c == 0x8E || c == 0x8F || (c >= 0xAA && c <= 0xAE))) return true;
            if (b == 0x81 && c >= 0xA6 && c <= 0xA9) return true;
        }
    }
    return false;
}

// NUL may not be in a note (the importer refuses it); one stored by an older build is
// shown as U+2400 SYMBOL FOR NULL instead of cutting the note short.
constexpr const char* kSymbolForNull = "\xE2\x90\x80";
void ReplaceNul(std::string& s) {
    for (size_t at = s.find('\0'); at != std::string::npos; at = s.find('\0', at + 3))
        s.replace(at, 1, kSymbolForNull);
}

uint64_t Fnv1a(std::string_view s) {
    uint64_t h = 14695981039346656037ull;
    for (char c : s) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}
} // namespace

int64_t NextTimestamp(int64_t now_ms, int64_t previous) {
    const int64_t at = std::max(now_ms, previous + 1);
    return std::clamp<int64_t>(at, 0, kMaxTimestampMs);
}

bool ClampTimestamps(PaperProgress& p, int64_t now_ms) {
    const int64_t latest = std::clamp<int64_t>(now_ms, 0, kMaxTimestampMs - kFutureSlackMs) + kFutureSlackMs;
    bool moved = false;
    auto clamp = [&](int64_t& t) {
        const int64_t c = std::clamp<int64_t>(t, 0, latest);
        moved |= c != t;
        t = c;
    };
    clamp(p.status_at);
    clamp(p.note_at);
    clamp(p.tags_at);
    clamp(p.priority_at);
    for (StatusChange& c : p.history)
        clamp(c.at);
    for (NoteCopy& c : p.note_copies)
        clamp(c.at);
    if (moved) {
        NormalizeHistory(p.history);
        NormalizeCopies(p.note_copies);
    }
    return moved;
}

std::string CheckNote(std::string_view note) {
    const size_t nul = note.find('\0');
    if (nul != std::string_view::npos)
        return "the note contains a NUL character (U+0000) at byte " + std::to_string(nul) +
               "; notes may hold any text except NUL";
    return {};
}

std::string QuarantinedRecord::Id() const {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(Fnv1a(record)));
    return "quarantine:" + key + ":" + hex;
}

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
        priority_at != o.priority_at || note_copies != o.note_copies || history.size() != o.history.size())
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

std::vector<std::string> SanitizeTags(std::vector<std::string> tags) {
    for (std::string& t : tags) {
        std::string clean;
        for (size_t i = 0; i < t.size(); ++i) {
            const unsigned char c = static_cast<unsigned char>(t[i]);
            if (c < 0x20 || c == 0x7F || c == ',') {
                clean += ' ';
                continue;
            }
            if (HasBidiControl(std::string_view(t).substr(i, 3)) && (c == 0xD8 || c == 0xE2)) {
                i += c == 0xD8 ? 1 : 2; // drop the control character
                continue;
            }
            clean += t[i];
        }
        utf8::Truncate(clean, kMaxTagBytes);
        t = std::move(clean);
    }
    tags = NormalizeTags(std::move(tags));
    if (tags.size() > kMaxTags) tags.resize(kMaxTags);
    return tags;
}

std::string CheckTags(const std::vector<std::string>& tags) {
    if (tags.size() > kMaxTags) return "more than " + std::to_string(kMaxTags) + " tags";
    for (const std::string& t : tags) {
        if (t.empty()) return "empty tag";
        if (t.size() > kMaxTagBytes)
            return "tag " + jsonf::Quote(t) + " is longer than " + std::to_string(kMaxTagBytes) + " bytes";
        if (jsonf::HasControl(t, false)) return "tag " + jsonf::Quote(t) + " contains a control character";
        if (t.find(',') != std::string::npos)
            return "tag " + jsonf::Quote(t) + " contains a comma (tags are edited as a comma-separated list)";
        if (HasBidiControl(t))
            return "tag " + jsonf::Quote(t) +
                   " contains a bidirectional control character (U+202A-U+202E, U+2066-U+2069, U+200E, "
                   "U+200F or U+061C)";
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

    if (!from.note_copies.empty()) {
        std::vector<NoteCopy> copies = into.note_copies;
        copies.insert(copies.end(), from.note_copies.begin(), from.note_copies.end());
        NormalizeCopies(copies);
        if (copies != into.note_copies) {
            into.note_copies = std::move(copies);
            changed = true;
        }
    }

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
    if (!p.note_copies.empty()) { // only when used: records without copies stay version 1
        nlohmann::ordered_json c = nlohmann::ordered_json::array();
        for (const NoteCopy& x : p.note_copies)
            c.push_back({x.at, x.text, x.dismissed ? 1 : 0});
        j["noteCopies"] = std::move(c);
    }
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
                          "priority", "priorityAt", "noteCopies"}))
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
    if (strict) {
        if (const std::string why = CheckNote(p.note); !why.empty()) {
            r.FailKey("note", why);
            return fail();
        }
    } else {
        ReplaceNul(p.note);
    }
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
            const std::string& tag = e.get_ref<const std::string&>();
            if (strict) {
                std::string trimmed = tag;
                if (NormalizeTags({trimmed}).empty()) {
                    problem = {jsonf::Ptr("/tags", i), "empty tag"};
                    return fail();
                }
            }
            p.tags.push_back(tag);
            ++i;
        }
        p.tags = NormalizeTags(std::move(p.tags));
        if (const std::string why = CheckTags(p.tags); !why.empty()) {
            r.FailKey("tags", why);
            return fail();
        }
    }

    if (const nlohmann::json* c = r.Get("noteCopies")) {
        if (!c->is_array()) {
            r.FailKey("noteCopies",
                      std::string("\"noteCopies\" must be an array, not ") + jsonf::TypeName(*c));
            return fail();
        }
        if (c->size() > kMaxNoteCopies) {
            r.FailKey("noteCopies", "more than " + std::to_string(kMaxNoteCopies) + " note copies");
            return fail();
        }
        size_t i = 0;
        for (const auto& e : *c) {
            const std::string where = jsonf::Ptr("/noteCopies", i++);
            NoteCopy x;
            int64_t dismissed = 0;
            if (!e.is_array() || e.size() != 3 ||
                !jsonf::ObjectReader::ToInt(e[0], 0, kMaxTimestampMs, &x.at) || !e[1].is_string() ||
                !jsonf::ObjectReader::ToInt(e[2], 0, 1, &dismissed)) {
                problem = {where, "note copies must be [time in ms, text, 0 or 1]"};
                return fail();
            }
            x.text = e[1].get_ref<const std::string&>();
            if (x.text.size() > kMaxNoteBytes) {
                problem = {where + "/1",
                           "a note copy is longer than " + std::to_string(kMaxNoteBytes) + " bytes"};
                return fail();
            }
            if (strict) {
                if (const std::string why = CheckNote(x.text); !why.empty()) {
                    problem = {where + "/1", why};
                    return fail();
                }
            } else {
                ReplaceNul(x.text);
            }
            x.dismissed = dismissed != 0;
            p.note_copies.push_back(std::move(x));
        }
        NormalizeCopies(p.note_copies);
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

std::optional<PaperProgress> SalvageProgressRecord(std::string_view text, const std::string& paper) {
    JsonLimits lim;
    lim.max_bytes = kMaxRecordBytes;
    lim.max_depth = 8;
    lim.max_string_bytes = kMaxNoteBytes * 6 + 16;
    std::string why;
    const auto j = ParseJsonLimited(text, lim, &why);
    if (!j) return std::nullopt;
    PaperProgress p;
    p.paper = paper;
    bool any = false;
    auto ts = [](const nlohmann::json* v) -> int64_t {
        int64_t t = 0;
        if (v && jsonf::ObjectReader::ToInt(*v, std::numeric_limits<int64_t>::min(),
                                            std::numeric_limits<int64_t>::max(), &t))
            return std::clamp<int64_t>(t, 0, kMaxTimestampMs);
        return 0;
    };
    if (j->is_string()) { // a bare string: most likely a note
        const std::string& s = j->get_ref<const std::string&>();
        if (s.empty() || s.size() > kMaxNoteBytes) return std::nullopt;
        p.note = s;
        return p;
    }
    if (!j->is_object()) return std::nullopt;
    auto get = [&](const char* k) -> const nlohmann::json* {
        const auto it = j->find(k);
        return it == j->end() ? nullptr : &*it;
    };
    if (const auto* v = get("note");
        v && v->is_string() && v->get_ref<const std::string&>().size() <= kMaxNoteBytes) {
        p.note = v->get_ref<const std::string&>();
        p.note_at = ts(get("noteAt"));
        any = any || !p.note.empty();
    }
    if (const auto* v = get("status"); v && v->is_string()) {
        if (const auto st = ParseStatus(v->get_ref<const std::string&>())) {
            p.status = *st;
            p.status_at = ts(get("statusAt"));
            any = true;
        }
    }
    if (const auto* v = get("history"); v && v->is_array()) {
        for (const auto& e : *v) {
            int64_t at = 0;
            if (!e.is_array() || e.size() != 2 || !e[0].is_string() ||
                !jsonf::ObjectReader::ToInt(e[1], 0, kMaxTimestampMs, &at))
                continue;
            if (const auto st = ParseStatus(e[0].get_ref<const std::string&>()))
                p.history.push_back({*st, at});
        }
        NormalizeHistory(p.history);
        any = any || !p.history.empty();
    }
    if (const auto* v = get("tags"); v && v->is_array()) {
        std::vector<std::string> tags;
        for (const auto& e : *v)
            if (e.is_string()) tags.push_back(e.get_ref<const std::string&>());
        tags = NormalizeTags(std::move(tags));
        for (const std::string& t : tags)
            if (CheckTags({t}).empty() && p.tags.size() < kMaxTags) p.tags.push_back(t);
        if (!p.tags.empty()) {
            p.tags_at = ts(get("tagsAt"));
            any = true;
        }
    }
    if (const auto* v = get("priority")) {
        int64_t prio = 0;
        if (jsonf::ObjectReader::ToInt(*v, 0, kMaxPriority, &prio) && prio > 0) {
            p.priority = static_cast<int>(prio);
            p.priority_at = ts(get("priorityAt"));
            any = true;
        }
    }
    if (!any) return std::nullopt;
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
    const int64_t at = NextTimestamp(now_ms, r.status_at);
    r.status = s;
    r.status_at = at;
    r.history.push_back({s, at});
    TrimHistory(r.history);
    dirty_.insert(paper);
    return true;
}

bool Progress::SetNote(const std::string& paper, const std::string& text, int64_t now_ms) {
    std::string note = text;
    ReplaceNul(note);
    auto& r = Slot(paper);
    if (r.note == note) return false;
    r.note = std::move(note);
    r.note_at = NextTimestamp(now_ms, r.note_at);
    dirty_.insert(paper);
    return true;
}

bool Progress::SetTags(const std::string& paper, std::vector<std::string> tags, int64_t now_ms) {
    tags = SanitizeTags(std::move(tags));
    auto& r = Slot(paper);
    if (r.tags == tags) return false;
    r.tags = std::move(tags);
    r.tags_at = NextTimestamp(now_ms, r.tags_at);
    dirty_.insert(paper);
    return true;
}

bool Progress::SetPriority(const std::string& paper, int priority, int64_t now_ms) {
    priority = std::clamp(priority, 0, kMaxPriority);
    auto& r = Slot(paper);
    if (r.priority == priority) return false;
    r.priority = priority;
    r.priority_at = NextTimestamp(now_ms, r.priority_at);
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
    // A paper's record found unreadable is saved aside in the same transaction as (or an
    // earlier one than) anything that replaces it.
    for (const std::string& id : out)
        if (const auto it = quarantine_unsaved_.find(id); it != quarantine_unsaved_.end())
            quarantine_dirty_.insert(it->second.begin(), it->second.end());
    return out;
}

bool Progress::AddNoteCopy(const std::string& paper, NoteCopy copy) {
    ReplaceNul(copy.text);
    auto& r = Slot(paper);
    if (copy.text == r.note) return false;
    std::vector<NoteCopy> copies = r.note_copies;
    // While the other window keeps typing, each of its saves that clashes arrives: keep
    // the latest version only. An earlier copy the new one contains is dismissed (not
    // dropped: dismissal sticks when windows merge their copies); a new copy an earlier
    // one already contains adds nothing.
    for (const NoteCopy& c : copies)
        if (!c.dismissed && c.text.find(copy.text) != std::string::npos) return false;
    for (NoteCopy& c : copies)
        if (!c.dismissed && copy.text.find(c.text) != std::string::npos) c.dismissed = true;
    copies.push_back(std::move(copy));
    NormalizeCopies(copies);
    if (copies == r.note_copies) return false;
    r.note_copies = std::move(copies);
    dirty_.insert(paper);
    return true;
}

bool Progress::DismissNoteCopy(const std::string& paper, int64_t at, const std::string& text) {
    const auto it = records_.find(paper);
    if (it == records_.end()) return false;
    for (NoteCopy& c : it->second.note_copies)
        if (c.at == at && c.text == text && !c.dismissed) {
            c.dismissed = true;
            dirty_.insert(paper);
            return true;
        }
    return false;
}

bool Progress::AddQuarantined(QuarantinedRecord q, bool needs_save) {
    utf8::Truncate(q.reason, kMaxQuarantineReasonBytes);
    const std::string id = q.Id();
    const std::string key = q.key;
    const bool added = quarantine_.emplace(id, std::move(q)).second;
    if (needs_save) {
        if (added) {
            quarantine_dirty_.insert(id);
            quarantine_unsaved_[key].insert(id);
        }
    } else {
        // Already in the quarantine store: nothing to save for it.
        quarantine_dirty_.erase(id);
        if (auto it = quarantine_unsaved_.find(key); it != quarantine_unsaved_.end()) {
            it->second.erase(id);
            if (it->second.empty()) quarantine_unsaved_.erase(it);
        }
    }
    return added;
}

bool Progress::HasQuarantined(const std::string& key) const {
    const std::string prefix = "quarantine:" + key + ":";
    const auto it = quarantine_.lower_bound(prefix);
    return it != quarantine_.end() && it->first.compare(0, prefix.size(), prefix) == 0 &&
           it->first.size() == prefix.size() + 16;
}

std::vector<std::string> Progress::TakeDirtyQuarantine() {
    std::vector<std::string> out(quarantine_dirty_.begin(), quarantine_dirty_.end());
    quarantine_dirty_.clear();
    return out;
}

void Progress::MarkQuarantineDirty(const std::vector<std::string>& ids) {
    for (const std::string& id : ids)
        if (quarantine_.count(id)) quarantine_dirty_.insert(id);
}

void Progress::QuarantineSaved(const std::vector<std::string>& ids) {
    for (const std::string& id : ids) {
        const auto q = quarantine_.find(id);
        if (q == quarantine_.end()) continue;
        if (auto it = quarantine_unsaved_.find(q->second.key); it != quarantine_unsaved_.end()) {
            it->second.erase(id);
            if (it->second.empty()) quarantine_unsaved_.erase(it);
        }
    }
}

void Progress::MarkDirty(const std::vector<std::string>& papers) {
    dirty_.insert(papers.begin(), papers.end());
}

} // namespace shelfmark
