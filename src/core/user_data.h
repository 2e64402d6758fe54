// user_data.h: the user's own reading lists and papers (typed in, or imported from a
// Markdown reading list), kept beside the bundled catalogue and exchanged in the
// progress file.
//
// Index
//   - UserPaper, UserList: a catalogue Paper / ReadingList plus the time of its last edit.
//   - UserKey: one stored record of them ("list:<id>" / "paper:<id>").
//   - UserData: all of them, by id; lookups; which records changed since last saved.
//   - MergeUserData(): newer edit wins per list and per paper; nothing is deleted.
//   - UserPaperToValue() / UserPaperFromValue(), UserListToValue() / UserListFromValue():
//     one record <-> one JSON object (the shapes of data/papers.json and data/lists/*.json
//     plus "updatedAt"; see docs/progress-file.md).
//   - MakeUserId(): a fresh "u-<slug>" id from a title.
//
// Lists and papers merge as a whole (a list is one field): the newer updatedAt wins and
// on equal times the greater JSON text wins, so merging commutes like progress does.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json_fwd.hpp>

#include "core/catalog.h"

namespace shelfmark {

// What an import found about a user's paper beyond Paper's own fields.
struct PaperExtras {
    std::string arxiv;                   // "1802.04799" (no version), "" when unknown
    std::string doi;                     // "10.1145/..." (lowercase), "" when unknown
    std::vector<std::string> link_kinds; // empty, or one per paper.links: "paper", "code", "slides", ...
    // BibTeX: the entry type as "@type", its key as "@key", then every other field as the
    // file gives it (name lowercase), in file order.
    std::vector<std::pair<std::string, std::string>> fields;
};

struct UserPaper {
    Paper paper;            // paper.aliases is unused
    int64_t updated_at = 0; // ms since the epoch
    PaperExtras extras{};   // not yet stored: see issue 14
};

struct UserList {
    ReadingList list; // list.kind is usually "user"
    int64_t updated_at = 0;
};

// Limits for the user's own records (the catalogue's own rules, plus sizes).
constexpr size_t kMaxUserTitleBytes = 1000;
constexpr size_t kMaxUserLinks = 20;
constexpr size_t kMaxUserAuthors = 500;
constexpr size_t kMaxUserSections = 2000;
constexpr size_t kMaxUserEntries = 20000; // per list

// One record of the user's data as it is stored: a list or a paper, by id.
struct UserKey {
    enum class Kind { List, Paper };
    Kind kind = Kind::List;
    std::string id;
    std::string StorageKey() const; // "list:<id>" / "paper:<id>"
    static std::optional<UserKey> Parse(std::string_view storage_key);
    bool operator<(const UserKey& o) const { return kind != o.kind ? kind < o.kind : id < o.id; }
    bool operator==(const UserKey& o) const { return kind == o.kind && id == o.id; }
};

class UserData {
  public:
    std::map<std::string, UserList> lists;   // by ReadingList::id
    std::map<std::string, UserPaper> papers; // by Paper::id

    const Paper* FindPaper(const std::string& id) const;
    const ReadingList* FindList(const std::string& id) const;
    bool Empty() const { return lists.empty() && papers.empty(); }
    // Same lists and papers (what changed since saving does not count).
    bool operator==(const UserData& o) const;

    // Records changed (or removed) since last saved, as Progress tracks its records.
    // Whoever edits `lists` or `papers` marks what it changed.
    void MarkDirty(UserKey key) { dirty_.insert(std::move(key)); }
    void MarkList(const std::string& id) { MarkDirty({UserKey::Kind::List, id}); }
    void MarkPaper(const std::string& id) { MarkDirty({UserKey::Kind::Paper, id}); }
    // Marks every list and paper added, changed or removed since `before`.
    void MarkChangedSince(const UserData& before);
    bool HasDirty() const { return !dirty_.empty(); }
    std::vector<UserKey> TakeDirty();

  private:
    std::set<UserKey> dirty_;
};

// Merge one record / everything; return true when `into` changed.
bool MergeUserList(UserData& into, const UserList& list);
bool MergeUserPaper(UserData& into, const UserPaper& paper);
bool MergeUserData(UserData& into, const UserData& from);

// Same content (compared through the JSON form, so field by field).
bool SameUserList(const UserList& a, const UserList& b);
bool SameUserPaper(const UserPaper& a, const UserPaper& b);

nlohmann::ordered_json UserPaperToValue(const UserPaper& p);
nlohmann::ordered_json UserListToValue(const UserList& l);

// Read one record from a parsed value; strict: unknown keys and nulls are errors. On
// failure *field is a JSON pointer relative to the record and *message says why.
std::optional<UserPaper> UserPaperFromValue(const nlohmann::json& j, bool strict, std::string* field,
                                            std::string* message);
std::optional<UserList> UserListFromValue(const nlohmann::json& j, bool strict, std::string* field,
                                          std::string* message);

// "u-" + a lowercase a-z0-9- slug of the title (at most 48 characters of it), with "-2",
// "-3", ... appended until taken(id) is false.
std::string MakeUserId(std::string_view title, const std::function<bool(const std::string&)>& taken);

// http:// or https:// with a host and no spaces or control characters.
bool IsHttpLink(std::string_view s);

// A title typed by the user (list title, paper title): ASCII whitespace trimmed at both
// ends, then cut to at most kMaxUserTitleBytes without splitting a UTF-8 character.
std::string CleanUserTitle(std::string_view text);

} // namespace shelfmark
