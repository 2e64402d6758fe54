// bibtex_parser.h: BibTeX text -> entries and fields, through btparse (the C library from
// Debian's libtext-bibtex-perl sources; bibtex_parser.cpp is the only file that sees its
// API). Values come back as BibTeX gives them after its own rules: @string macros expanded
// (the months jan..dec predefined, as BibTeX's standard styles do), `#` pieces pasted,
// whitespace collapsed, the outer braces or quotes removed; inner braces and LaTeX are
// kept (bibtex_import.h turns them into text).
//
// Index
//   - BibField, BibEntry: one regular entry (@article, @inproceedings, ...).
//   - BibFile: the regular entries in file order, and what else the file held.
//   - BibLimits: what is refused before btparse sees it.
//   - ParseBibtex(): text -> BibFile, or an error that names lines.
//
// btparse keeps global state (the macro table, the lexer, error counts); ParseBibtex
// resets it around each call and holds a lock while it runs. Its error reports are
// collected (btparse_hooks.h), not printed, and its fatal errors end the parse with an
// error instead of ending the process.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace shelfmark {

struct BibField {
    std::string name;  // lowercase
    std::string value; // after macros and pasting; braces and LaTeX kept
};

struct BibEntry {
    int line = 0;     // 1-based line of its '@'
    std::string type; // lowercase: "article", "inproceedings", ...
    std::string key;  // as written; "" when the entry has none
    std::vector<BibField> fields;
    // The first field named `name` (lowercase), nullptr when absent.
    const std::string* Find(std::string_view name) const;
};

struct BibFile {
    std::vector<BibEntry> entries;     // regular entries, in file order
    std::size_t strings = 0;           // @string definitions
    std::size_t preambles = 0;         // @preamble entries
    std::vector<std::string> comments; // @comment texts (JabRef's "jabref-meta: ..."), in order
    std::vector<std::string> warnings; // btparse's warnings ("line 3: undefined macro \"foo\""), at most 20
};

struct BibLimits {
    std::size_t max_bytes = 8u << 20;        // the whole file
    std::size_t max_entries = 20000;         // regular entries (kMaxUserEntries)
    std::size_t max_fields = 200;            // per entry
    std::size_t max_value_bytes = 64u << 10; // per field value, and per unbroken token
};

// Parses BibTeX. Fails (nullopt, *error) on a lexical or syntax error anywhere, naming up
// to three of them by line ("line 7: syntax error: found \"}\", expected ..."), and when
// a limit is exceeded. Never throws; never prints.
std::optional<BibFile> ParseBibtex(std::string_view text, std::string* error,
                                   const BibLimits& limits = BibLimits{});

} // namespace shelfmark
