#include "core/user_data.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/json_fields.h"
#include "core/paper_matcher.h"
#include "core/progress.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

using jsonf::ObjectReader;
using Controls = jsonf::ObjectReader::Controls;

const char* const kPaperKinds[] = {"paper", "book-chapter", "article", "talk", "other"};
const char* const kListKinds[] = {"course", "topic-list", "user"};
constexpr size_t kMaxShortText = 300;
constexpr size_t kMaxLinkBytes = 2048;
constexpr size_t kMaxRoleBytes = 40;

template <size_t N> bool OneOf(const std::string& s, const char* const (&names)[N]) {
    return std::any_of(std::begin(names), std::end(names), [&](const char* n) { return s == n; });
}
template <size_t N> std::string Join(const char* const (&names)[N]) {
    std::string out;
    for (const char* n : names)
        out += (out.empty() ? "" : ", ") + std::string(n);
    return out;
}

// Reads key as an array of strings, each checked by `check` (which returns a message).
bool StringArray(ObjectReader& r, const nlohmann::json* v, std::string_view key, size_t max_items,
                 size_t max_bytes, std::vector<std::string>* out,
                 const std::function<std::string(const std::string&)>& check) {
    if (!v) return true;
    if (!v->is_array())
        return r.FailKey(key, "\"" + std::string(key) + "\" must be an array, not " + jsonf::TypeName(*v));
    if (v->size() > max_items)
        return r.FailKey(key, "\"" + std::string(key) + "\" has more than " + std::to_string(max_items) +
                                  " items");
    size_t i = 0;
    for (const auto& e : *v) {
        const std::string where = jsonf::Ptr(jsonf::Ptr(r.Base(), key), i++);
        if (!e.is_string()) return r.Fail(where, std::string("must be a string, not ") + jsonf::TypeName(e));
        const std::string& s = e.get_ref<const std::string&>();
        if (s.size() > max_bytes)
            return r.Fail(where, "longer than the limit of " + std::to_string(max_bytes) + " bytes");
        if (jsonf::HasControl(s, false)) return r.Fail(where, "contains a control character");
        if (const std::string why = check(s); !why.empty()) return r.Fail(where, why);
        out->push_back(s);
    }
    return true;
}

bool ValidArxiv(const std::string& s) {
    return !s.empty() && s.size() <= kMaxUserArxivBytes && ArxivIdOf("arXiv:" + s) == s;
}
bool ValidDoi(const std::string& s) {
    return !s.empty() && s.size() <= kMaxUserDoiBytes && DoiOf("doi:" + s) == s;
}
bool ValidFieldName(std::string_view n) {
    if (n.empty() || n.size() > kMaxUserFieldNameBytes) return false;
    return std::all_of(n.begin(), n.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '@' || c == '_' || c == ':' ||
               c == '.' || c == '+' || c == '-';
    });
}

// "fields": [[name, value], ...] (PaperExtras::fields).
bool FieldPairs(ObjectReader& r, const nlohmann::json* v,
                std::vector<std::pair<std::string, std::string>>* out) {
    if (!v) return true;
    if (!v->is_array())
        return r.FailKey("fields", std::string("\"fields\" must be an array, not ") + jsonf::TypeName(*v));
    if (v->size() > kMaxUserFields)
        return r.FailKey("fields", "\"fields\" has more than " + std::to_string(kMaxUserFields) + " items");
    size_t i = 0, total = 0;
    for (const auto& e : *v) {
        const std::string where = jsonf::Ptr(jsonf::Ptr(r.Base(), "fields"), i++);
        if (!e.is_array() || e.size() != 2 || !e[0].is_string() || !e[1].is_string())
            return r.Fail(where, "must be a pair of strings [name, value]");
        const std::string& name = e[0].get_ref<const std::string&>();
        const std::string& value = e[1].get_ref<const std::string&>();
        if (!ValidFieldName(name))
            return r.Fail(where + "/0", "field name " + jsonf::Quote(name) + " must be 1-" +
                                            std::to_string(kMaxUserFieldNameBytes) +
                                            " bytes of a-z, 0-9, @, _, :, ., + and -");
        if (value.size() > kMaxUserFieldBytes)
            return r.Fail(where + "/1",
                          "longer than the limit of " + std::to_string(kMaxUserFieldBytes) + " bytes");
        if (jsonf::HasControl(value, true)) return r.Fail(where + "/1", "contains a control character");
        total += name.size() + value.size();
        if (total > kMaxUserFieldsBytes)
            return r.FailKey("fields",
                             "\"fields\" hold more than " + std::to_string(kMaxUserFieldsBytes) + " bytes");
        out->emplace_back(name, value);
    }
    return true;
}

template <typename T>
std::optional<T> Failed(const jsonf::Problem& p, std::string* field, std::string* message) {
    if (field) *field = p.pointer;
    if (message) *message = p.message;
    return std::nullopt;
}

std::string Dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Newer wins; on equal times the greater JSON text wins.
template <typename Record, typename ToValue>
bool MergeRecord(std::map<std::string, Record>& into, const std::string& id, const Record& from,
                 ToValue to_value) {
    auto it = into.find(id);
    if (it == into.end()) {
        into.emplace(id, from);
        return true;
    }
    if (from.updated_at < it->second.updated_at) return false;
    const std::string a = Dump(to_value(it->second)), b = Dump(to_value(from));
    if (a == b) return false;
    if (from.updated_at == it->second.updated_at && b < a) return false;
    it->second = from;
    return true;
}

} // namespace

std::string CleanUserTitle(std::string_view text) {
    auto space = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
    };
    while (!text.empty() && space(text.back()))
        text.remove_suffix(1);
    while (!text.empty() && space(text.front()))
        text.remove_prefix(1);
    return std::string(utf8::Truncated(text, kMaxUserTitleBytes));
}

bool IsHttpLink(std::string_view s) {
    auto starts_with_ci = [&](std::string_view prefix) {
        if (s.size() < prefix.size()) return false;
        for (size_t i = 0; i < prefix.size(); ++i) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i]) return false;
        }
        return true;
    };
    size_t rest = 0;
    if (starts_with_ci("https://"))
        rest = 8;
    else if (starts_with_ci("http://"))
        rest = 7;
    else
        return false;
    for (char c : s)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    size_t host_end = s.find_first_of("/?#", rest);
    if (host_end == std::string_view::npos) host_end = s.size();
    return host_end > rest;
}

const Paper* UserData::FindPaper(const std::string& id) const {
    const auto it = papers.find(id);
    return it == papers.end() ? nullptr : &it->second.paper;
}

const ReadingList* UserData::FindList(const std::string& id) const {
    const auto it = lists.find(id);
    return it == lists.end() ? nullptr : &it->second.list;
}

bool SameUserList(const UserList& a, const UserList& b) { return UserListToValue(a) == UserListToValue(b); }
bool SameUserPaper(const UserPaper& a, const UserPaper& b) {
    return UserPaperToValue(a) == UserPaperToValue(b);
}

std::string UserKey::StorageKey() const { return (kind == Kind::List ? "list:" : "paper:") + id; }

std::optional<UserKey> UserKey::Parse(std::string_view key) {
    if (key.substr(0, 5) == "list:" && key.size() > 5) return UserKey{Kind::List, std::string(key.substr(5))};
    if (key.substr(0, 6) == "paper:" && key.size() > 6)
        return UserKey{Kind::Paper, std::string(key.substr(6))};
    return std::nullopt;
}

void UserData::MarkChangedSince(const UserData& before) {
    for (const auto& [id, l] : lists)
        if (!before.lists.count(id) || !SameUserList(before.lists.at(id), l)) MarkList(id);
    for (const auto& [id, p] : papers)
        if (!before.papers.count(id) || !SameUserPaper(before.papers.at(id), p)) MarkPaper(id);
    for (const auto& [id, l] : before.lists)
        if (!lists.count(id)) MarkList(id);
    for (const auto& [id, p] : before.papers)
        if (!papers.count(id)) MarkPaper(id);
}

std::vector<UserKey> UserData::TakeDirty() {
    std::vector<UserKey> out(dirty_.begin(), dirty_.end());
    dirty_.clear();
    return out;
}

bool UserData::operator==(const UserData& o) const {
    if (lists.size() != o.lists.size() || papers.size() != o.papers.size()) return false;
    for (auto a = lists.begin(), b = o.lists.begin(); a != lists.end(); ++a, ++b)
        if (a->first != b->first || !SameUserList(a->second, b->second)) return false;
    for (auto a = papers.begin(), b = o.papers.begin(); a != papers.end(); ++a, ++b)
        if (a->first != b->first || !SameUserPaper(a->second, b->second)) return false;
    return true;
}

bool MergeUserList(UserData& into, const UserList& list) {
    return MergeRecord(into.lists, list.list.id, list, UserListToValue);
}

bool MergeUserPaper(UserData& into, const UserPaper& paper) {
    return MergeRecord(into.papers, paper.paper.id, paper, UserPaperToValue);
}

bool MergeUserData(UserData& into, const UserData& from) {
    bool changed = false;
    for (const auto& [id, l] : from.lists)
        changed |= MergeUserList(into, l);
    for (const auto& [id, p] : from.papers)
        changed |= MergeUserPaper(into, p);
    return changed;
}

nlohmann::ordered_json UserPaperToValue(const UserPaper& u) {
    const Paper& p = u.paper;
    nlohmann::ordered_json j;
    j["id"] = p.id;
    j["title"] = p.title;
    j["authors"] = p.authors;
    j["venue"] = p.venue;
    j["year"] = p.year;
    j["links"] = p.links;
    j["kind"] = p.kind;
    const PaperExtras& x = u.extras;
    if (!x.arxiv.empty()) j["arxiv"] = x.arxiv;
    if (!x.doi.empty()) j["doi"] = x.doi;
    if (!x.link_kinds.empty()) j["linkKinds"] = x.link_kinds;
    if (!x.fields.empty()) {
        nlohmann::ordered_json fields = nlohmann::ordered_json::array();
        for (const auto& [name, value] : x.fields)
            fields.push_back(nlohmann::ordered_json::array({name, value}));
        j["fields"] = std::move(fields);
    }
    j["updatedAt"] = u.updated_at;
    return j;
}

nlohmann::ordered_json UserListToValue(const UserList& u) {
    const ReadingList& l = u.list;
    nlohmann::ordered_json j;
    j["id"] = l.id;
    j["title"] = l.title;
    j["kind"] = l.kind;
    j["term"] = l.term;
    j["source"] = l.source;
    j["updatedAt"] = u.updated_at;
    nlohmann::ordered_json sections = nlohmann::ordered_json::array();
    for (const Section& s : l.sections) {
        nlohmann::ordered_json js;
        js["title"] = s.title;
        js["date"] = s.date;
        nlohmann::ordered_json entries = nlohmann::ordered_json::array();
        for (const Entry& e : s.entries)
            entries.push_back({{"paper", e.paper}, {"role", e.role}});
        js["entries"] = std::move(entries);
        sections.push_back(std::move(js));
    }
    j["sections"] = std::move(sections);
    return j;
}

std::optional<UserPaper> UserPaperFromValue(const nlohmann::json& j, bool strict, std::string* field,
                                            std::string* message) {
    jsonf::Problem problem;
    if (!j.is_object()) {
        problem = {"", std::string("a paper must be an object, not ") + jsonf::TypeName(j)};
        return Failed<UserPaper>(problem, field, message);
    }
    ObjectReader r(j, "", strict, &problem);
    UserPaper u;
    Paper& p = u.paper;
    int64_t year = 0;
    const auto no_check = [](const std::string&) { return std::string(); };
    const bool ok =
        r.OnlyKnownKeys({"id", "title", "authors", "venue", "year", "links", "kind", "arxiv", "doi",
                         "linkKinds", "fields", "updatedAt"}) &&
        r.String("id", &p.id, true, kMaxPaperIdBytes) &&
        (jsonf::IsId(p.id, kMaxPaperIdBytes) ||
         r.FailKey("id",
                   "paper id " + jsonf::Quote(p.id) + " must be non-empty and use only a-z, 0-9 and -")) &&
        r.String("title", &p.title, true, kMaxUserTitleBytes) &&
        (!p.title.empty() || r.FailKey("title", "\"title\" must not be empty")) &&
        StringArray(r, r.Get("authors"), "authors", kMaxUserAuthors, kMaxShortText, &p.authors, no_check) &&
        r.String("venue", &p.venue, false, kMaxShortText) && r.Int("year", &year, false, 0, 9999) &&
        StringArray(r, r.Get("links"), "links", kMaxUserLinks, kMaxLinkBytes, &p.links,
                    [](const std::string& s) {
                        return IsHttpLink(s) ? std::string()
                                             : "link " + jsonf::Quote(s) + " is not an http(s) URL";
                    }) &&
        r.String("kind", &p.kind, false, 40) &&
        (OneOf(p.kind, kPaperKinds) ||
         r.FailKey("kind", "unknown kind " + jsonf::Quote(p.kind) +
                               " (expected one of: " + Join(kPaperKinds) + ")")) &&
        r.String("arxiv", &u.extras.arxiv, false, kMaxUserArxivBytes) &&
        (u.extras.arxiv.empty() || ValidArxiv(u.extras.arxiv) ||
         r.FailKey("arxiv", "arXiv id " + jsonf::Quote(u.extras.arxiv) +
                                " must look like 2104.04473 or cs/0112017 (lowercase, no version)")) &&
        r.String("doi", &u.extras.doi, false, kMaxUserDoiBytes) &&
        (u.extras.doi.empty() || ValidDoi(u.extras.doi) ||
         r.FailKey("doi", "DOI " + jsonf::Quote(u.extras.doi) +
                              " must look like 10.1145/3341301.3359630 (lowercase)")) &&
        StringArray(r, r.Get("linkKinds"), "linkKinds", kMaxUserLinks, 40, &u.extras.link_kinds,
                    [](const std::string& s) {
                        return OneOf(s, kUserLinkKinds)
                                   ? std::string()
                                   : "unknown link kind " + jsonf::Quote(s) +
                                         " (expected one of: " + Join(kUserLinkKinds) + ")";
                    }) &&
        (u.extras.link_kinds.empty() || u.extras.link_kinds.size() == p.links.size() ||
         r.FailKey("linkKinds", "\"linkKinds\" has " + std::to_string(u.extras.link_kinds.size()) +
                                    " items for " + std::to_string(p.links.size()) + " links")) &&
        FieldPairs(r, r.Get("fields"), &u.extras.fields) &&
        r.Int("updatedAt", &u.updated_at, strict, 0, kMaxTimestampMs);
    if (!ok) return Failed<UserPaper>(problem, field, message);
    p.year = static_cast<int>(year);
    return u;
}

std::optional<UserList> UserListFromValue(const nlohmann::json& j, bool strict, std::string* field,
                                          std::string* message) {
    jsonf::Problem problem;
    if (!j.is_object()) {
        problem = {"", std::string("a list must be an object, not ") + jsonf::TypeName(j)};
        return Failed<UserList>(problem, field, message);
    }
    ObjectReader r(j, "", strict, &problem);
    UserList u;
    ReadingList& l = u.list;
    l.kind = "user";
    const nlohmann::json* sections = nullptr;
    bool ok = r.OnlyKnownKeys({"id", "title", "kind", "term", "source", "updatedAt", "sections"}) &&
              r.String("id", &l.id, true, kMaxPaperIdBytes) &&
              (jsonf::IsId(l.id, kMaxPaperIdBytes) ||
               r.FailKey("id", "list id " + jsonf::Quote(l.id) +
                                   " must be non-empty and use only a-z, 0-9 and -")) &&
              r.String("title", &l.title, true, kMaxUserTitleBytes) &&
              (!l.title.empty() || r.FailKey("title", "\"title\" must not be empty")) &&
              r.String("kind", &l.kind, false, 40) &&
              (OneOf(l.kind, kListKinds) ||
               r.FailKey("kind", "unknown kind " + jsonf::Quote(l.kind) +
                                     " (expected one of: " + Join(kListKinds) + ")")) &&
              r.String("term", &l.term, false, kMaxShortText) &&
              r.String("source", &l.source, false, kMaxLinkBytes) &&
              (l.source.empty() || IsHttpLink(l.source) ||
               r.FailKey("source", "source " + jsonf::Quote(l.source) + " is not an http(s) URL")) &&
              r.Int("updatedAt", &u.updated_at, strict, 0, kMaxTimestampMs) &&
              r.Required("sections", &sections);
    if (ok && !sections->is_array())
        ok = r.FailKey("sections",
                       std::string("\"sections\" must be an array, not ") + jsonf::TypeName(*sections));
    if (ok && sections->size() > kMaxUserSections)
        ok = r.FailKey("sections", "more than " + std::to_string(kMaxUserSections) + " sections");
    size_t total_entries = 0;
    for (size_t si = 0; ok && si < sections->size(); ++si) {
        const nlohmann::json& js = (*sections)[si];
        const std::string sp = jsonf::Ptr("/sections", si);
        if (!js.is_object()) {
            ok = r.Fail(sp, std::string("a section must be an object, not ") + jsonf::TypeName(js));
            break;
        }
        ObjectReader rs(js, sp, strict, &problem);
        Section s;
        const nlohmann::json* entries = nullptr;
        ok = rs.OnlyKnownKeys({"title", "date", "entries"}) &&
             rs.String("title", &s.title, true, kMaxUserTitleBytes) &&
             rs.String("date", &s.date, false, 40) && rs.Required("entries", &entries);
        if (ok && !entries->is_array())
            ok = rs.FailKey("entries",
                            std::string("\"entries\" must be an array, not ") + jsonf::TypeName(*entries));
        for (size_t ei = 0; ok && ei < entries->size(); ++ei) {
            const nlohmann::json& je = (*entries)[ei];
            const std::string ep = jsonf::Ptr(jsonf::Ptr(sp, "entries"), ei);
            if (++total_entries > kMaxUserEntries) {
                ok = r.Fail(ep, "more than " + std::to_string(kMaxUserEntries) + " entries in one list");
                break;
            }
            if (!je.is_object()) {
                ok = r.Fail(ep, std::string("an entry must be an object, not ") + jsonf::TypeName(je));
                break;
            }
            ObjectReader re(je, ep, strict, &problem);
            Entry e;
            ok = re.OnlyKnownKeys({"paper", "role"}) &&
                 re.String("paper", &e.paper, true, kMaxPaperIdBytes) &&
                 (jsonf::IsId(e.paper, kMaxPaperIdBytes) ||
                  re.FailKey("paper",
                             "paper id " + jsonf::Quote(e.paper) + " must use only a-z, 0-9 and -")) &&
                 re.String("role", &e.role, false, kMaxRoleBytes) &&
                 (jsonf::IsId(e.role, kMaxRoleBytes) ||
                  re.FailKey("role", "role " + jsonf::Quote(e.role) + " must use only a-z, 0-9 and -"));
            if (ok) s.entries.push_back(std::move(e));
        }
        if (ok) l.sections.push_back(std::move(s));
    }
    if (!ok) return Failed<UserList>(problem, field, message);
    return u;
}

std::string MakeUserId(std::string_view title, const std::function<bool(const std::string&)>& taken) {
    std::string slug;
    for (char ch : title) {
        char c = ch;
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        const bool keep = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
        if (keep)
            slug += c;
        else if (!slug.empty() && slug.back() != '-')
            slug += '-';
        if (slug.size() >= 48) break;
    }
    while (!slug.empty() && slug.back() == '-')
        slug.pop_back();
    if (slug.empty()) slug = "untitled";
    const std::string base = "u-" + slug;
    std::string id = base;
    for (int n = 2; taken(id); ++n)
        id = base + "-" + std::to_string(n);
    return id;
}

bool FitPaperExtras(PaperExtras& e, size_t links) {
    const PaperExtras before = e;
    if (!e.arxiv.empty() && !ValidArxiv(e.arxiv)) e.arxiv.clear();
    if (!e.doi.empty() && !ValidDoi(e.doi)) e.doi.clear();
    if (e.link_kinds.size() != links || links > kMaxUserLinks ||
        !std::all_of(e.link_kinds.begin(), e.link_kinds.end(),
                     [](const std::string& k) { return OneOf(k, kUserLinkKinds); }))
        e.link_kinds.clear();
    std::vector<std::pair<std::string, std::string>> fields;
    size_t total = 0;
    for (auto& [name, value] : e.fields) {
        if (fields.size() >= kMaxUserFields) break;
        if (!ValidFieldName(name)) continue;
        std::string v; // invalid UTF-8 -> U+FFFD, control characters other than newlines and tabs -> ' '
        for (size_t i = 0; i < value.size() && v.size() <= kMaxUserFieldBytes;) {
            const size_t at = i;
            const uint32_t cp = utf8::DecodeNext(value, i);
            if (cp == utf8::kInvalid)
                utf8::AppendCodePoint(v, utf8::kReplacement);
            else if ((cp < 0x20 && cp != '\n' && cp != '\r' && cp != '\t') || cp == 0x7F)
                v += ' ';
            else
                v.append(value, at, i - at);
        }
        utf8::Truncate(v, kMaxUserFieldBytes);
        if (total + name.size() + v.size() > kMaxUserFieldsBytes) break;
        total += name.size() + v.size();
        fields.emplace_back(name, std::move(v));
    }
    e.fields = std::move(fields);
    return e.arxiv != before.arxiv || e.doi != before.doi || e.link_kinds != before.link_kinds ||
           e.fields != before.fields;
}

} // namespace shelfmark
