// citation.h: what one reading-list item says about its paper, read from its own text:
// the title, authors, venue, year, arXiv id, DOI and its links by kind. Used by every
// reader of lists (Markdown items and table rows, BibTeX entries) so that a new paper
// keeps what the text held, and by PaperMatcher to find the paper it names.
//
// Index
//   - CitationLink: one http(s) link and what it points at.
//   - Citation: the fields found (empty / 0 when the text does not hold them).
//   - CitationInput: an item as the list reader hands it over.
//   - ReadCitation(): text -> Citation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace shelfmark {

struct CitationLink {
    std::string url;  // http(s) only
    std::string kind; // "paper", "code", "slides", "video", "page" (a project or course page), "other"
};

struct Citation {
    std::string title;                // best guess at the paper's title, "" when none
    std::vector<std::string> titles;  // title candidates for matching, best first (title first)
    std::vector<std::string> authors; // as written, in order ("et al." dropped)
    std::string venue;                // "OSDI", "NeurIPS", "VLDB", "arXiv", ... or ""
    int year = 0;                     // 0 when unknown
    std::string arxiv;                // "1802.04799" (no version), "" when none
    std::string doi;                  // "10.1145/3341301.3359630" (lowercase), "" when none
    std::vector<CitationLink> links;  // in the order the text gives them
};

struct CitationInput {
    std::string markdown;   // the item's own Markdown: its first paragraph, or a table row's cells joined by " | "
    std::string details;    // Markdown of its sub-items and further paragraphs, one per line; "" when none
    std::string title_hint; // the title when the shape says so (a table's title column), else ""
};

// Never throws; reads at most the first 64 KiB of each input field.
Citation ReadCitation(const CitationInput& in);

} // namespace shelfmark
