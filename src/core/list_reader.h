// list_reader.h: the shape of a reading list. Finds, in a Markdown file of any of the
// shapes people keep reading lists in, the entries (one per paper) and the section and
// role of each; what each entry says about its paper is read afterwards (citation.h),
// which paper it is is decided by the matcher (markdown_import.h).
//
// Index
//   - PrepareListText(): the text cmark-gfm should see: front matter, template tags and
//     HTML wrapper lines blanked (line numbers kept).
//   - ListEntry, ListShape: what ReadListShape() found.
//   - ReadListShape(): text -> entries with sections and roles.
//
// Shapes read (tests/fixtures/lists/ has one file per shape, tests/unit/test_list_shapes.cpp):
//   - bullet and numbered lists, task lists ("- [x]", "- - [x]"); a paper item's sub-items
//     are its details (authors, venue, "Summary: ...", "[[Code]](url)"), not papers; an item
//     without a title of its own ("Cluster Scheduling:", "Index") whose sub-items are papers
//     groups them and names their section; "Optional:" as such an item sets their role;
//   - GFM tables: the column of titles (by header words in English, Chinese and Korean,
//     else by links and length) gives one entry per row (per "<br>"-separated part of the
//     cell); a "Category"/"分类" column names sections;
//   - HTML blocks that carry Markdown (kramdown's <div markdown="1">, <details>, wrappers
//     with no blank line after them), Jekyll/Hugo front matter (--- YAML, +++ TOML),
//     Liquid and Hugo tags ({% %}, {{ }}, {{< >}}), kramdown attribute lists ({: .x});
//   - headings become sections by what they hold: a heading with no entry under it is
//     none; "Readings"/"Papers" under a topic keep the topic; under a schedule heading
//     ("Lecture 3: ...", "Week 2"), a guest-speaker heading keeps the schedule heading;
//     headings such as "Required reading" or "Optional" set the role instead;
//   - left out: tables of contents ("Contents"/"目录" sections, items whose links are all
//     same-page anchors), schedule and logistics lines (dates, times, "Office hours",
//     "Midterm", grading lines with a percentage), form links (Google Forms, forms.gle),
//     course-infrastructure links (Piazza, Gradescope, Zoom, ...), instructor lines.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/citation.h"
#include "core/markdown.h"

namespace shelfmark {

// Blanks what is not Markdown for a reader (keeping every line break, so that line
// numbers stay right): YAML ("---") or TOML ("+++") front matter at the very start, whose
// title goes to *front_title; template tags ({% ... %}, {{ ... }}, {{< ... >}}, {{% ... %}},
// Liquid comment blocks) and kramdown attribute lists ({: ...}); lines made only of HTML
// wrapper tags (div, section, details, span, ...), whose content is then read as Markdown
// (dedented, so that indented Markdown inside a <div> does not become code). <summary>X</summary>
// and <hN>X</hN> lines become headings. Fenced code blocks are left as they are.
std::string PrepareListText(std::string text, std::string* front_title);

// One entry of the list, as the shape gives it.
struct ListEntry {
    int line = 0; // 1-based line in the Markdown
    bool task = false, checked = false;
    std::string text;               // plain text: the item without sub-items, or a row's cells joined " | "
    CitationInput input;            // its Markdown, details and title hint, for ReadCitation()
    std::vector<std::string> links; // http(s) links (no same-page anchors), in order, title cell's first
    std::vector<std::string> link_texts; // texts of those links and of other links, in order
    std::vector<std::string> emph_texts; // emphasized phrases outside links
    std::string section;                 // "" when the entry is under no section
    std::string role = "required";
    bool from_table = false;
};

struct ListShape {
    std::vector<ListEntry> entries;
    std::string title;  // front matter title or the first level-1 heading before any entry
    std::string source; // first http link outside entries, before the first entry
};

// Parses (markdown.h limits) and reads the shape. Fails (nullopt, *error) only when the
// text is over the limits; a file with no entries gives an empty ListShape.
std::optional<ListShape> ReadListShape(std::string_view markdown, const MarkdownLimits& limits,
                                       std::string* error);

} // namespace shelfmark
