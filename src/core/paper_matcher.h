// paper_matcher.h: which known paper (catalogue first, then the user's own) an item of a
// reading list names, by link, arXiv id, DOI or title. A wrong match silently marks the
// wrong paper read, so every rule here prefers "no match" (a new paper) when unsure.
//
// Index
//   - NormalizeLink(), ArxivIdOf(), DoiOf(), NormalizeTitle(): the matching keys.
//   - MatchBy, MatchByName(): how a match was made.
//   - PaperMatcher: papers looked up by those keys; Find(const Citation&).
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/catalog.h"
#include "core/citation.h"
#include "core/user_data.h"

namespace shelfmark {

// Matching keys. NormalizeLink: no scheme, no "www.", lowercase host, no fragment, no
// trailing '/'. ArxivIdOf: "1802.04799" (no version) from an arXiv URL or "arXiv:..."
// text, else "". DoiOf: "10.1145/3341301.3359630" (lowercase) from a doi.org or
// publisher URL holding "/doi/" or "10.NNNN/" in its path, or text with "doi:", else "".
// NormalizeTitle: lowercase ASCII letters and digits and other non-punctuation
// characters, separated by single spaces.
std::string NormalizeLink(std::string_view url);
std::string ArxivIdOf(std::string_view url_or_text);
std::string DoiOf(std::string_view url_or_text);
std::string NormalizeTitle(std::string_view title);

enum class MatchBy { None, Link, ArxivId, Doi, Title };
// "none", "link", "arxiv", "doi", "title".
const char* MatchByName(MatchBy by);

class PaperMatcher {
  public:
    // Papers added first win when two share a key: add the catalogue before the user's own.
    // extras (a user's paper): its arXiv id and DOI are keys too.
    void Add(const Paper& p, const PaperExtras* extras = nullptr);
    void AddCatalogue(const Catalogue& c);
    void AddUserData(const UserData& u);

    struct Match {
        std::string paper; // Paper::id, empty when nothing matched
        MatchBy by = MatchBy::None;
    };
    // In order: the arXiv id and DOI, every link (exact, then its arXiv id / DOI), then
    // every title candidate: the whole title; a known title of four words or more after a
    // nickname of at most four ("Parameter Server: <known title>", not "Follow-up to:
    // <known title>"); a known title's unique head of five words or more before its ':'
    // (the item gives only that); a known title followed by a separator and more text
    // ("Title. Authors. Venue", never "Title and more words": that is another paper);
    // short names (the id, a head of 1-3 words before ':') only when the item's whole
    // title is that short, and then with the paper's own year if the item gives one. A
    // title match whose paper has a year more than one off the citation's (three for a
    // preprint) is refused; when one title names several papers, year and venue pick one.
    Match Find(const Citation& c) const;
    // The same for an item known only by its links and title candidates (best first).
    Match Find(const std::vector<std::string>& links, const std::vector<std::string>& titles) const;
    bool Knows(const std::string& id) const { return info_.count(id) != 0; }

  private:
    struct Known {
        int year = 0;
        std::string venue; // NormalizeTitle of Paper::venue
    };
    // One title key; "" when the key is refused for this citation.
    std::string ByTitle(const std::string& key, const Citation& c) const;
    bool YearClashes(const std::string& id, const Citation& c) const;

    std::map<std::string, std::string> by_link_, by_arxiv_, by_doi_;
    std::map<std::string, std::vector<std::string>> by_title_; // papers in the order added
    // A title's part before ':' when it has five words or more ("the head"): an item may
    // give only that. A head shared by two papers, or equal to another's whole title,
    // maps to "" (ambiguous).
    std::map<std::string, std::string> by_head_;
    // Short names: the id ("megatron-lm-2019" as "megatron lm 2019") and a head of 1-3
    // words ("GPipe"), for items that give only a nickname. Shared -> "" (ambiguous).
    std::map<std::string, std::string> by_short_;
    std::map<std::string, Known> info_;
};

} // namespace shelfmark
