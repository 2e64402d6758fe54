// The cmark-gfm CVE shapes (quadratic-time inputs fixed up to 0.29.0.gfm.13, and the GFM
// table that fills in missing cells) through the core Markdown API. Each input must give
// a well-formed tree. No timing asserts here: CTest runs this suite as its own test
// (cmark_pathological) with a TIMEOUT, which is the guard against a quadratic regression
// (with bookworm's 0.29.0.gfm.6 this suite took 25 s, with gfm.13 about 1.5 s, Release).
//
// With the default MarkdownLimits, core's pre-scan already rejects every shape that was
// slow on gfm.6 (size, autolink work, '[' per block, e-mail work, table cells); the
// second test case pins that. The first turns the pre-scan off (all limits but
// max_depth/max_nodes raised) so that cmark-gfm itself sees these inputs.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "core/markdown.h"

using namespace shelfmark;

namespace {

std::string Repeat(const std::string& s, size_t bytes) {
    std::string out;
    while (out.size() < bytes)
        out += s;
    out.resize(bytes);
    return out;
}

// Every limit of the pre-scan raised; max_depth and max_nodes (applied while copying
// cmark's tree) stay as they are.
MarkdownLimits PreScanOff() {
    MarkdownLimits lim;
    lim.max_bytes = 1024 * 1024;
    lim.max_table_cells = SIZE_MAX;
    lim.max_autolink_work = SIZE_MAX;
    lim.max_brackets_per_block = SIZE_MAX;
    lim.max_email_work = SIZE_MAX;
    lim.max_line_prefix = SIZE_MAX;
    return lim;
}

bool ValidUtf8(const std::string& s) {
    size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

// The tree invariants of markdown.h: nodes[0] is the Document; nodes are in document
// order (a parent before its children); each child list runs first_child -> next ... ->
// last_child with parent set; every node but the root is in exactly one child list;
// depth and size stay within max_depth (+2: the folded text and its paragraph) and
// max_nodes; the text is valid UTF-8. Counts the bad links instead of asserting per
// node (these trees have up to 200,000 nodes).
void CheckWellFormed(const MarkdownDoc& doc, const MarkdownLimits& lim) {
    REQUIRE_FALSE(doc.nodes.empty());
    const int n = static_cast<int>(doc.nodes.size());
    CHECK(doc.root().kind == MdKind::Document);
    CHECK(doc.root().parent == -1);
    CHECK(doc.root().next == -1);
    CHECK(doc.nodes.size() <= lim.max_nodes + 1);
    std::vector<int> in_lists(static_cast<size_t>(n), 0);
    size_t bad_links = 0;
    for (int i = 0; i < n; ++i) {
        const MdNode& p = doc.nodes[static_cast<size_t>(i)];
        if (i > 0 && (p.parent < 0 || p.parent >= i)) ++bad_links;
        int last = -1, steps = 0;
        for (int c = p.first_child; c != -1; c = doc.nodes[static_cast<size_t>(c)].next) {
            if (c <= i || c >= n || doc.nodes[static_cast<size_t>(c)].parent != i || ++steps > n) {
                ++bad_links;
                last = p.last_child; // do not report the same list twice
                break;
            }
            ++in_lists[static_cast<size_t>(c)];
            last = c;
        }
        if (last != p.last_child) ++bad_links;
    }
    for (int i = 1; i < n; ++i)
        if (in_lists[static_cast<size_t>(i)] != 1) ++bad_links;
    CHECK(bad_links == 0);

    size_t entered = 0, exited = 0, depth = 0, max_depth = 0;
    WalkMarkdown(
        doc, 0,
        [&](const MdNode&) {
            ++entered;
            max_depth = std::max(max_depth, ++depth);
            return true;
        },
        [&](const MdNode&) {
            ++exited;
            --depth;
        });
    CHECK(entered == doc.nodes.size());
    CHECK(exited == doc.nodes.size());
    CHECK(depth == 0);
    CHECK(max_depth <= lim.max_depth + 2);
    CHECK(ValidUtf8(MdPlainText(doc, 0)));
}

size_t Count(const MarkdownDoc& doc, MdKind kind) {
    return static_cast<size_t>(
        std::count_if(doc.nodes.begin(), doc.nodes.end(), [&](const MdNode& x) { return x.kind == kind; }));
}

struct Shape {
    const char* name;
    std::string text;
};

// 7 KB: a 500-column header and delimiter row, then 2,500 one-cell rows whose 499
// missing cells GFM fills in (1.25 M cells on gfm.6; gfm.13 stops filling at 512 K).
std::string MissingCellsTable() {
    return "|" + Repeat("a|", 1000) + "\n|" + Repeat("-|", 1000) + "\n" + Repeat("x\n", 5000);
}

std::vector<Shape> CveShapes(size_t bytes) {
    return {
        {"www._ runs (autolink)", Repeat("www._", bytes)},
        {"www._ in short words", Repeat("www._ ", bytes)},
        {"e-mail runs", Repeat("a@b.", bytes)},
        {"spaced e-mails", Repeat("a@b.cd ", bytes)},
        {"url with many parens", "http://a.b/" + std::string(bytes - 11, ')')},
        {"_ runs", Repeat("_", bytes)},
        {"_a runs", Repeat("_a", bytes)},
        {"emph closers", Repeat("a_ ", bytes)},
        {"emph openers", Repeat("_a ", bytes)},
        {"mismatched * and _", Repeat("*a_ ", bytes)},
        {"~~ runs", Repeat("~~a ", bytes)},
        {"nested strong/emph", Repeat("*a **a ", bytes / 2) + "b" + Repeat(" a** a*", bytes / 2)},
        {"link closers without openers", Repeat("a]", bytes)},
        {"link openers without closers", Repeat("[a", bytes)},
        {"[ (]( repeated", Repeat("[ (](", bytes)},
        {"![[]() repeated", Repeat("![[]()", bytes)},
        {"nested brackets", std::string(bytes / 2, '[') + "a" + std::string(bytes / 2, ']')},
        {"unclosed links <", Repeat("[a](<b", bytes)},
        {"unclosed links", Repeat("[a](b", bytes)},
        {"<!-- runs", Repeat("<!-- ", bytes)},
        {"block quotes on one line", Repeat("> ", bytes) + "a"},
        {"table with missing cells", MissingCellsTable()},
    };
}

} // namespace

TEST_CASE("cmark pathological: CVE-shaped inputs give well-formed trees with the pre-scan off" *
          doctest::test_suite("cmark_pathological")) {
    const MarkdownLimits lim = PreScanOff();
    for (const Shape& s : CveShapes(160 * 1024)) {
        INFO(s.name << " (" << s.text.size() << " bytes)");
        std::string err;
        const std::optional<MarkdownDoc> doc = ParseMarkdown(s.text, lim, &err);
        INFO(err);
        REQUIRE(doc.has_value());
        CheckWellFormed(*doc, lim);
    }
}

TEST_CASE("cmark pathological: what the parsed trees hold" * doctest::test_suite("cmark_pathological")) {
    const MarkdownLimits lim = PreScanOff();
    std::string err;

    // A line of '_' only is a thematic break, however long.
    const auto rule = ParseMarkdown(Repeat("_", 160 * 1024), lim, &err);
    REQUIRE(rule);
    CHECK(Count(*rule, MdKind::ThematicBreak) == 1);

    // Text without any emphasis partner keeps every byte.
    for (const std::string& text :
         {Repeat("a]", 160 * 1024), Repeat("[a", 160 * 1024), Repeat("~~a ", 4096)}) {
        const auto doc = ParseMarkdown(text, lim, &err);
        REQUIRE(doc);
        CHECK(Count(*doc, MdKind::Link) == 0);
        CHECK(MdPlainText(*doc, 0).size() == text.size() - (text.back() == ' ' ? 1 : 0));
    }

    // Deep emphasis nesting folds into text below max_depth.
    const auto deep = ParseMarkdown(Repeat("*a ", 90000) + Repeat(" a*", 90000), lim, &err);
    REQUIRE(deep);
    CHECK(deep->truncated);
    CheckWellFormed(*deep, lim);

    // The table: one Table; its header row has all 500 columns; every row is a child
    // of the table and every cell a child of a row; the filled-in cells are cut off at
    // max_nodes rather than copied (truncated).
    const auto table = ParseMarkdown(MissingCellsTable(), lim, &err);
    REQUIRE(table);
    CHECK(table->truncated);
    REQUIRE(Count(*table, MdKind::Table) == 1);
    size_t header_cells = 0, misplaced = 0;
    for (const MdNode& x : table->nodes) {
        if (x.kind == MdKind::TableRow && table->nodes[static_cast<size_t>(x.parent)].kind != MdKind::Table)
            ++misplaced;
        if (x.kind == MdKind::TableCell) {
            const MdNode& row = table->nodes[static_cast<size_t>(x.parent)];
            if (row.kind != MdKind::TableRow)
                ++misplaced;
            else if (row.header)
                ++header_cells;
        }
    }
    CHECK(misplaced == 0);
    CHECK(header_cells == 500);

    // "![[]()": the inner "[]()" is an empty link; the "![" before it stays text.
    const auto links = ParseMarkdown(Repeat("![[]()", 6 * 1000), lim, &err);
    REQUIRE(links);
    CHECK(Count(*links, MdKind::Link) == 1000);
    CHECK(Count(*links, MdKind::Image) == 0);
    CHECK(MdPlainText(*links, 0) == Repeat("![", 2 * 1000));
}

TEST_CASE("cmark pathological: the default limits reject the shapes that were slow on gfm.6" *
          doctest::test_suite("cmark_pathological")) {
    const MarkdownLimits lim;
    // 160 KB is over max_bytes (128 KB): every shape at that size is rejected up front.
    for (const Shape& s : CveShapes(160 * 1024)) {
        if (s.text.size() <= lim.max_bytes) continue; // the 7 KB table
        std::string err;
        INFO(s.name);
        CHECK_FALSE(ParseMarkdown(s.text, lim, &err).has_value());
        CHECK(err.find("too large") != std::string::npos);
    }
    // Under max_bytes, the pre-scan still rejects the shapes that took seconds on
    // gfm.6 (www._ runs 16 s, url parens 4.7 s, ![[]() 4 s at 160 KB; the table's 1.25 M
    // cells); the others are parsed, into well-formed trees.
    const std::vector<std::string> rejected = {"www._ runs (autolink)",
                                               "e-mail runs",
                                               "spaced e-mails",
                                               "url with many parens",
                                               "link openers without closers",
                                               "[ (]( repeated",
                                               "![[]() repeated",
                                               "nested brackets",
                                               "unclosed links <",
                                               "unclosed links",
                                               "block quotes on one line",
                                               "table with missing cells"};
    for (const Shape& s : CveShapes(120 * 1024)) {
        const bool expect_rejected = std::find(rejected.begin(), rejected.end(), s.name) != rejected.end();
        std::string err;
        const std::optional<MarkdownDoc> doc = ParseMarkdown(s.text, lim, &err);
        INFO(s.name << ": " << err);
        CHECK(doc.has_value() == !expect_rejected);
        if (doc)
            CheckWellFormed(*doc, lim);
        else
            CHECK_FALSE(err.empty());
    }
}
