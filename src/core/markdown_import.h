// markdown_import.h: Markdown in. A checklist ("- [x]" / "- [ ]", as in seed 001) becomes
// progress; a whole reading list (headings -> sections, items -> entries) becomes a list
// of the user's own. Items are matched to papers by link, arXiv id or normalized title.
//
// Index
//   - NormalizeLink(), ArxivIdOf(), NormalizeTitle(): the matching keys.
//   - PaperMatcher: papers (catalogue first, then the user's own) looked up by those keys.
//   - MarkdownItem: one list item as read from the Markdown, and the paper it matched.
//   - ReadMarkdownChecklist(), PreviewChecklist(), ApplyChecklist(): checklist -> progress.
//   - ReadMarkdownReadingList(): reading list -> UserList + new UserPapers.
//   - LooksLikeJson(): tells a JSON progress file from Markdown by content.
//
// Parsing goes through markdown.h (cmark-gfm with its input limits).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/citation.h"
#include "core/markdown.h"
#include "core/progress.h"
#include "core/user_data.h"

namespace shelfmark {

// Matching keys. NormalizeLink: no scheme, no "www.", lowercase host, no fragment, no
// trailing '/'. ArxivIdOf: "1802.04799" (no version) from an arXiv URL or "arXiv:..."
// text, else "". NormalizeTitle: lowercase ASCII letters and digits and other
// non-punctuation characters, separated by single spaces.
std::string NormalizeLink(std::string_view url);
std::string ArxivIdOf(std::string_view url_or_text);
std::string NormalizeTitle(std::string_view title);

enum class MatchBy { None, Link, ArxivId, Title };
// "none", "link", "arxiv", "title".
const char* MatchByName(MatchBy by);

class PaperMatcher {
  public:
    // Papers added first win when two share a key: add the catalogue before the user's own.
    void Add(const Paper& p);
    void AddCatalogue(const Catalogue& c);
    void AddUserData(const UserData& u);

    struct Match {
        std::string paper; // Paper::id, empty when nothing matched
        MatchBy by = MatchBy::None;
    };
    // Tries every link (exact, then arXiv id), then every title candidate (whole title,
    // then a known title followed by more words, then short names for 1-3 word candidates).
    Match Find(const std::vector<std::string>& links, const std::vector<std::string>& titles) const;
    bool Knows(const std::string& id) const { return ids_.count(id) != 0; }

  private:
    std::map<std::string, std::string> by_link_, by_arxiv_, by_title_;
    // Short names: the id ("megatron-lm-2019" as "megatron lm 2019") and the part of the
    // title before a colon ("GPipe"), for items that give only a nickname. A name shared
    // by two papers maps to "" (ambiguous).
    std::map<std::string, std::string> by_short_;
    std::map<std::string, bool> ids_;
};

// One list item of the Markdown.
struct MarkdownItem {
    int line = 0; // 1-based line in the Markdown file
    bool task = false, checked = false;
    std::string text;                // the item's own text (without sub-items)
    std::string title;               // best guess at the paper's title
    std::vector<std::string> links;  // http(s) links in the item, in order
    std::vector<std::string> titles; // title candidates tried for matching
    std::string section;             // the heading (or parent item) it sits under
    std::string role = "required";   // from headings like "Optional Reading"
    std::string paper;               // matched Paper::id, empty when unmatched
    MatchBy by = MatchBy::None;
    Citation cite;                   // what the item's text says about its paper (citation.h)
};

// ------------------------------------------------------------------ checklist -> progress

struct ChecklistImport {
    std::vector<MarkdownItem> items; // task items only, in document order
    std::size_t checked = 0, matched = 0, unmatched = 0;
};

// Reads the task items of a Markdown checklist and matches them. Fails (nullopt, *error)
// when the text is over the Markdown limits or has no task item at all.
std::optional<ChecklistImport> ReadMarkdownChecklist(std::string_view markdown, const PaperMatcher& matcher,
                                                     std::string* error,
                                                     const MarkdownLimits& limits = MarkdownLimits{});

struct ChecklistPreview {
    std::size_t items = 0, checked = 0, matched = 0, unmatched = 0;
    std::size_t will_mark_read = 0; // distinct papers that become "read"
    std::size_t already_read = 0;   // distinct ticked papers that are read already
};
ChecklistPreview PreviewChecklist(const ChecklistImport& in, const Progress& progress);

// [x] on a matched paper -> status "read" (unless it is read already); [ ] changes
// nothing (a checklist never downgrades). Returns the papers changed, in id order.
std::vector<std::string> ApplyChecklist(const ChecklistImport& in, Progress& progress, int64_t now_ms);

// ------------------------------------------------------------------ reading list -> user list

struct ReadingListImport {
    UserList list;                     // kind "user", one section per heading with items
    std::vector<UserPaper> new_papers; // made for items that matched nothing
    std::vector<MarkdownItem> items;   // every entry, with how it matched
    std::size_t matched = 0, unmatched = 0;
};

struct ReadingListOptions {
    std::string fallback_title = "Imported list"; // when the Markdown has no title
    int64_t now_ms = 0;                           // updatedAt of the list and new papers
};

// Headings become sections (headings such as "Required reading" or "Optional Reading" set
// the role of the entries under them instead), list items become entries, and items
// without a catalogue match become new papers with "u-..." ids. id_taken(id) must say
// whether an id is in use (catalogue and user data) so that new ids are fresh.
std::optional<ReadingListImport>
ReadMarkdownReadingList(std::string_view markdown, const PaperMatcher& matcher,
                        const ReadingListOptions& options,
                        const std::function<bool(const std::string&)>& id_taken, std::string* error,
                        const MarkdownLimits& limits = MarkdownLimits{});

// True when the text (after a UTF-8 byte order mark and whitespace) starts with '{' or
// is a JSON document of another kind: such files are read as JSON, everything else as
// Markdown.
bool LooksLikeJson(std::string_view text);

} // namespace shelfmark
