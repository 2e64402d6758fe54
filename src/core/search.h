// search.h: instant search over the catalogue and the user's notes and tags.
//
// Index
//   - FoldText(): the normalized form every comparison uses (case, diacritics, punctuation).
//   - SearchField: where a hit matched (title, authors, venue, tags, notes).
//   - SearchQuery, QueryTerm, QueryFilter, ParseQuery(): the power-user query syntax.
//   - SearchIndex: words and filter fields of every paper, built once, updated per paper
//     when the user changes its record (status, priority, note, tags).
//   - SearchHit, SearchResult, Search(): ranked hits for one parsed query.
//
// Query syntax (field names are case-insensitive; values may be "quoted"; `,` = "or"):
//   free words        every word must match somewhere: as a whole word, as a word prefix,
//                     inside a title/author/venue word (3+ letters), or with a typo in a
//                     title/author/venue word (5+ letters: 1 typo, 9+: 2). While the last
//                     word is being typed (no space after it), a typo'd prefix also counts.
//                     CJK (Han, kana, hangul) matches as a substring.
//   "exact phrase"    whole words in this order; while the quote is open the last word
//                     may be a prefix
//   -word, -"phrase"  excludes papers that contain it (no typo tolerance)
//   status:read,reading   unread | queued | reading | read | skipped
//   priority:high     none | low | normal | high, or 0..3
//   list:ID           list id or id prefix, or words of the list title
//   list:all          every paper, whatever list the app has open (SearchQuery::all_lists;
//                     not a filter: Search() ignores it; list:"all" names a list)
//   section:"Week 3"  whole words of a section title ("Week 3" is not "Week 30"), or a
//                     prefix of its date (section:2022-02)
//   role:required     role in that list (prefix: role:opt)
//   venue:osdi        a venue word starting so ("venue:neur" finds NeurIPS)
//   year:2019  year:2019..2021  year:2019-2021  year:..2018  year:2020..  year:>=2020
//   tag:todo          one of the user's tags, whole tag
//   kind:talk  id:gpipe (or an old alias)  has:note|tag|link
//   title:  author:  note:   words or "phrase" in that field only (title:"deep learning")
//   -field:value      negates a filter: -status:skipped, -list:x (in no entry of list x)
// Filters are all required. list:, section: and role: must hold in one list entry
// ("list:x role:required" = required in list x; then -role:/-section: also apply to that
// entry). An unknown field or bad value is reported in SearchQuery::errors and ignored;
// the rest of the query still runs.
//
// Ranking: each word scores its best field weight x match quality (title 10, authors 7,
// tags 6, venue 5, notes 3; exact 10, prefix 8, inside a word 5, one typo 4, two typos
// or a typo'd prefix 2-3); the words' scores add up. Ties, and queries without words,
// keep catalogue order.
//
// Cost: words and postings are precomputed, so a keystroke touches only the postings of
// the matching words plus a few passes over per-paper arrays: well under a millisecond
// for typical queries at 50,000 papers natively. Phrases of 2+ words and CJK runs are
// confirmed in the field text, re-reading the note of every candidate (slow when
// thousands of notes contain all the words: ~30 ms natively at 50,000 papers).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"

namespace shelfmark {

// ------------------------------------------------------------------ normalized text

// Appends the searchable form of UTF-8 `text` to `out`: ASCII and fullwidth letters
// lowercased, common Latin/Greek/Cyrillic diacritics removed (é->e, ß->ss, ё->е),
// Greek and Cyrillic lowercased, every run of punctuation or space turned into one
// ' ', no leading or trailing space. CJK and other scripts are kept as they are.
// Invalid UTF-8 bytes count as punctuation.
void FoldText(std::string_view text, std::string& out);
// FoldText() into a new string.
std::string FoldedText(std::string_view text);

// ------------------------------------------------------------------ query

// Where a match was found, in ranking order (title ranks highest).
enum class SearchField : uint8_t { Title = 0, Authors, Tags, Venue, Notes, None };
constexpr int kSearchFieldCount = 5;
// "title", "authors", "tags", "venue", "notes", "none".
const char* SearchFieldName(SearchField f);
// Bit of a field in the masks below.
constexpr uint8_t FieldBit(SearchField f) { return static_cast<uint8_t>(1u << static_cast<unsigned>(f)); }
constexpr uint8_t kAllFields = (1u << kSearchFieldCount) - 1;

// One free word, quoted phrase or field-restricted text (title:, author:, note:).
struct QueryTerm {
    std::string text;            // folded (see FoldText); a phrase keeps its spaces
    uint8_t fields = kAllFields; // FieldBit() mask of the fields it may match
    bool phrase = false;         // quoted: whole words in order (last one a prefix while open)
    bool negated = false;        // -word: papers that match are excluded
    bool open = false;           // still being typed (last word, no space after; unclosed quote)
};

enum class FilterField : uint8_t { Status, Priority, List, Section, Role, Venue, Year, Tag, Kind, Id, Has };

// An inclusive year range; 0 / 9999 for open ends.
struct YearRange {
    int from = 0;
    int to = 9999;
};

// One field:value[,value...] filter: the paper passes when any value matches
// (or, negated, when none does).
struct QueryFilter {
    FilterField field = FilterField::Status;
    bool negated = false;
    std::vector<std::string> values; // folded text; status/priority/has: the keyword; id: as typed
    std::vector<YearRange> years;    // year: only
    uint8_t bits = 0;                // status: bit (1 << Status); priority: bit (1 << level)
};

// A parsed query. Parsing never fails: problems go to errors and the rest still runs.
struct SearchQuery {
    std::vector<QueryTerm> terms;
    std::vector<QueryFilter> filters;
    std::vector<std::string> errors; // human-readable, e.g. "unknown field 'foo'"
    bool all_lists = false;          // list:all: the caller's scope (an open list) is lifted
    // True when there is nothing to match or filter: every paper is a hit.
    bool Empty() const { return terms.empty() && filters.empty(); }
};

// Caps on what one query may ask; beyond them the rest is ignored with an error.
constexpr size_t kMaxQueryBytes = 4096;
constexpr size_t kMaxQueryTerms = 32;
constexpr size_t kMaxWordBytes = 64; // longer words are cut (same in index and query)

// Parses the syntax described at the top of this file.
SearchQuery ParseQuery(std::string_view text);

// ------------------------------------------------------------------ index

// Every word of every paper, with where it occurs, plus what the filters look at. Holds a
// pointer to the catalogue: the catalogue must outlive the index and must not change
// (Build again if it does). The user's records are copied in (status, priority, tags,
// note words), so call UpdatePaper() after any change to a record.
class SearchIndex {
  public:
    // Indexes the catalogue's titles, authors and venues and the records in `progress`.
    // Call again after bulk changes (catalogue edit, import, merge). ~0.3 s at 50k papers
    // with 12k notes natively.
    void Build(const Catalogue& catalogue, const Progress& progress);
    // Re-reads one paper's record after the user changed its status, priority, note or
    // tags (nullptr: the paper has no record). Cheap: proportional to the note.
    // Returns false for ids (or aliases) not in the catalogue.
    bool UpdatePaper(const std::string& paper_id, const PaperProgress* record);
    // Re-reads where each paper appears (lists, sections, roles) after the catalogue's lists
    // changed but its papers did not (the same papers, in the same order: a user's list was
    // created, renamed, reordered or got a catalogue paper). Linear in the entries, not a
    // Build. Returns false (and changes nothing) when the papers differ in number.
    bool UpdatePlacements(const Catalogue& catalogue);

    // The indexed catalogue; nullptr before Build().
    const Catalogue* catalogue() const { return catalogue_; }
    // Number of papers indexed (= catalogue()->papers.size()).
    size_t PaperCount() const { return year_.size(); }
    // Distinct words indexed.
    size_t WordCount() const {
        return word_offsets_.empty() ? 0 : word_offsets_.size() - 1 + extra_words_.size();
    }
    // Papers re-indexed by UpdatePaper() since Build(); a large number means Build() is due.
    size_t UpdatedPaperCount() const { return overrides_.size(); }
    // Approximate heap bytes held, for benchmarks.
    size_t MemoryBytes() const;

  private:
    friend class SearchRun; // search_run.cpp

    void BuildPlacements(const Catalogue& catalogue); // list_ids_ .. members_

    // Words and postings of one paper's note and tags after UpdatePaper().
    struct UserPart {
        std::vector<uint32_t> postings; // word << 3 | field, sorted
        std::vector<uint32_t> tags;     // tag ids
    };
    struct Membership {
        uint32_t section; // index into sections_
        uint16_t list;    // index into Catalogue::lists
        uint16_t role;    // index into roles_
    };
    struct SectionInfo {
        uint32_t list;
        std::string title; // folded
        std::string date;  // folded ("2022 02 07")
    };

    uint32_t FindWord(std::string_view w) const; // word id, or kNoWord
    uint32_t AddExtraWord(std::string_view w);
    uint32_t InternTag(std::string_view folded);
    std::string_view Word(uint32_t id) const;
    std::pair<const uint32_t*, const uint32_t*> TagsOf(uint32_t paper) const;

    static constexpr uint32_t kNoWord = std::numeric_limits<uint32_t>::max();

    const Catalogue* catalogue_ = nullptr;

    // Vocabulary: words sorted bytewise, stored back to back.
    std::string word_chars_;
    std::vector<uint32_t> word_offsets_; // word i = word_chars_[off[i], off[i+1])
    std::vector<uint32_t> post_offsets_; // postings of word i = post_[off[i], off[i+1])
    std::vector<uint32_t> post_;         // paper << 3 | field, in paper order
    // Words that occur in a title, author or venue: substring and typo matching scan only
    // these (notes would make it slow), each as '\n' + word in catalog_chars_.
    std::vector<uint32_t> catalog_words_;  // word ids, sorted (= sorted by text)
    std::vector<uint32_t> catalog_starts_; // offset of each word in catalog_chars_
    std::string catalog_chars_;
    std::vector<uint64_t> catalog_masks_; // letters present, for the typo filter

    // Words first seen in UpdatePaper() (ids from word_offsets_.size() - 1 on).
    std::vector<std::string> extra_words_;
    std::unordered_map<std::string, uint32_t> extra_ids_;

    // Per paper.
    std::vector<int32_t> year_;
    std::vector<uint32_t> venue_;          // index into venues_
    std::vector<uint32_t> member_offsets_; // memberships of paper i: members_[off[i], off[i+1])
    std::vector<Membership> members_;
    std::vector<uint8_t> has_note_;
    std::vector<uint8_t> status_;       // Status, from the record
    std::vector<uint8_t> priority_;     // 0..kMaxPriority
    std::vector<uint32_t> tag_offsets_; // tags at Build(): tag_ids_[off[i], off[i+1])
    std::vector<uint32_t> tag_ids_;
    std::vector<uint8_t> overridden_; // 1: note/tags come from overrides_
    std::unordered_map<uint32_t, UserPart> overrides_;

    // Interned catalogue and user values, folded.
    std::vector<std::string> venues_;
    std::vector<std::string> roles_;
    std::vector<std::string> kinds_;
    std::vector<uint8_t> kind_; // per paper, index into kinds_
    std::vector<SectionInfo> sections_;
    std::vector<std::string> list_ids_;    // folded list ids
    std::vector<std::string> list_titles_; // folded list titles
    std::vector<std::string> tag_names_;
    std::unordered_map<std::string, uint32_t> tag_lookup_;
};

// ------------------------------------------------------------------ search

// One matching paper.
struct SearchHit {
    uint32_t paper = 0;                    // index into Catalogue::papers
    int32_t score = 0;                     // higher is better; 0 when the query has no words
    SearchField field = SearchField::None; // highest-ranked field where a word matched
    uint8_t fields = 0;                    // FieldBit() mask of every field where a word matched
};

struct SearchResult {
    std::vector<SearchHit> hits;     // best first, ties in catalogue order; at most `limit`
    size_t total = 0;                // number of matches before the limit
    std::vector<std::string> errors; // the query's errors, plus filters that name nothing
                                     // in this catalogue ("no list matches 'x'")
};

// Runs a parsed query. Filters and word lookups read the index; `progress` is read only to
// check phrases and CJK words against the current note text (the index keeps words, not
// text). An empty query returns every paper in catalogue order.
SearchResult Search(const SearchQuery& query, const SearchIndex& index, const Progress& progress,
                    size_t limit = std::numeric_limits<size_t>::max());

} // namespace shelfmark
