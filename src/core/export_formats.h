// export_formats.h: progress out, in the formats other tools read.
//
// Index
//   - PaperLookup: finds a paper in the catalogue or among the user's own.
//   - ExportListMarkdown(): a list as a Markdown checklist in the shape of seed 001
//     ("- - [x] [Title](link)" under section and role headings); reads back through
//     ReadMarkdownChecklist() and ReadMarkdownReadingList().
//   - ExportBibtex(): BibTeX entries with title, author, venue, year, url and the reading
//     status in a "status" field.
//   - ExportCsv(): RFC 4180 CSV (CRLF line ends, quoted where needed), one row per entry.
//   - PapersForExport(): which papers an export without a list covers.
#pragma once

#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/user_data.h"

namespace shelfmark {

// The catalogue first, then the user's own papers and lists.
struct PaperLookup {
    const Catalogue* catalogue = nullptr;
    const UserData* user = nullptr;

    const Paper* FindPaper(const std::string& id) const;
    const ReadingList* FindList(const std::string& id) const;
};

// One paper as exported, with where it sits when exported from a list.
struct ExportRow {
    const Paper* paper = nullptr;    // never null
    std::string list, section, role; // empty when exported without a list
};

// The rows of a list in list order (entries whose paper is unknown are skipped), or,
// with list == nullptr, every catalogue and user paper in id order.
std::vector<ExportRow> PapersForExport(const PaperLookup& lookup, const ReadingList* list);

// "---\ntitle : '...'\n---", "> [source](source)", "# Paper List", "## <section>",
// "### <Role> Reading", "- - [x] [Title](first link)"; [x] when the status is "read".
std::string ExportListMarkdown(const ReadingList& list, const PaperLookup& lookup, const Progress& progress);

// One entry per paper (duplicates in a list are written once), keyed by paper id.
std::string ExportBibtex(const std::vector<ExportRow>& rows, const Progress& progress);

// Header: list,section,role,id,title,authors,venue,year,url,status,status_at,priority,tags,note
// (authors and tags joined with "; ", status_at in ISO 8601 UTC or empty).
std::string ExportCsv(const std::vector<ExportRow>& rows, const Progress& progress);

// Escapes Markdown inline syntax in plain text (for titles in links).
std::string EscapeMarkdownText(const std::string& s);

} // namespace shelfmark
