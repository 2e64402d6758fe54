// bibtex_import.h: a .bib file (Zotero's or JabRef's export, or any BibTeX) in, as a
// reading list of the user's own plus JabRef's reading status as progress. Parsing is
// btparse's (bibtex_parser.h); this file decides what the fields mean.
//
// Index
//   - LooksLikeBibtex(): the content rule for ImportFormat::Bibtex.
//   - LatexToText(): a field's LaTeX ({\"u}, \&, --, ~, \emph{..}) -> plain UTF-8 text.
//   - BibtexAuthors(): "Last, First and Other, A. and others" -> {"First Last", "A. Other"}.
//   - BibtexImport, ReadBibtexReadingList(): entries -> ReadingListImport + statuses.
//   - PreviewBibtexProgress(), ApplyBibtexProgress(): readstatus -> progress, never down.
//
// What becomes what (one entry -> one list entry; a paper of the catalogue or of the
// user's when PaperMatcher finds one by link, DOI, arXiv id or title, else a new paper):
//   title -> title (LaTeX to text); the key when there is no title
//   author (else editor) -> authors, split on " and "; "Last, First" becomes "First Last"
//     (the catalogue writes names that way); "others" is dropped
//   journal, else booktitle (else "arXiv" for an arXiv preprint) -> venue
//   year (else the year of biblatex's date) -> year
//   url, doi (as https://doi.org/...), eprint with archivePrefix/eprinttype arXiv (as
//     https://arxiv.org/abs/...; also read from an arXiv URL, arXiv's DOI 10.48550/arXiv.*
//     or a journal "arXiv preprint arXiv:...") -> links; doi and the arXiv id -> extras
//   "@type", "@key", then every other field as the file gives it -> extras.fields
//   JabRef's groups field -> the section (its first group); without groups in the file,
//     one section named after the list. keywords stay a field (they are tags, many per
//     entry, not a place in a list).
//   JabRef's readstatus: read -> read, skimmed -> reading (looked through, not finished;
//     the closest of unread/queued/reading/read/skipped). Never lowers a status: read
//     replaces anything but read; reading replaces only unread and queued.
// Entries with a key seen before in the file are left out (BibTeX itself keeps the first).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/markdown_import.h"
#include "core/progress.h"

namespace shelfmark {

// True when the text, after a UTF-8 byte order mark, whitespace and '%' comment lines,
// starts with '@' followed by an entry type name (letters) and then '{' or '('.
bool LooksLikeBibtex(std::string_view text);

// LaTeX as BibTeX fields use it -> text: accents ({\"u}, \'{e}, \c c, \v{s}, ...) and
// named letters (\ss, \o, \ae, \l, ...) become their UTF-8 characters, \& \% \$ \# \_
// the character, -- and --- en and em dashes, ~ a space, `` and '' quotes, text-style
// commands (\emph{x}, \textbf{x}, ...) their argument, other commands are dropped, math
// $...$ keeps its text, braces go. Whitespace collapses. UTF-8 passes through.
std::string LatexToText(std::string_view latex);

// An author field -> names, each "First von Last, Jr" as text ("others" dropped).
std::vector<std::string> BibtexAuthors(std::string_view field);

struct BibtexStatus {
    std::string paper; // the entry's paper (matched or new)
    Status status = Status::Unread;
    int line = 0;
};

struct BibtexImport {
    ReadingListImport list;             // as a Markdown reading list gives it
    std::vector<BibtexStatus> statuses; // one per entry with a readstatus we use
    std::size_t entries = 0;            // regular entries read (duplicates included)
    std::size_t duplicate_keys = 0;     // entries left out: key seen before
    std::vector<std::string> warnings;  // btparse's and ours ("line 9: duplicate key ...")
};

// Reads the file. Fails (nullopt, *error) when the text is not valid BibTeX (btparse's
// messages, by line) or holds no entry. id_taken says which ids are in use.
std::optional<BibtexImport> ReadBibtexReadingList(std::string_view text, const PaperMatcher& matcher,
                                                  const ReadingListOptions& options,
                                                  const std::function<bool(const std::string&)>& id_taken,
                                                  std::string* error);

struct BibtexProgressPreview {
    std::size_t with_status = 0; // entries with a readstatus we use
    std::size_t become_read = 0, become_reading = 0;
    std::size_t unchanged = 0; // already there or further (never lowered)
};
BibtexProgressPreview PreviewBibtexProgress(const BibtexImport& in, const Progress& progress);
// "Reading status (JabRef's readstatus): 3 entries; 2 papers become read, 1 becomes
// reading, 0 unchanged (already there or further)."
std::string BibtexProgressLine(const BibtexProgressPreview& p);

// Applies the statuses (never lowering one); returns the papers changed, in id order.
std::vector<std::string> ApplyBibtexProgress(const BibtexImport& in, Progress& progress, int64_t now_ms);

} // namespace shelfmark
