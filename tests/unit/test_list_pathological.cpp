// The list reader (core/list_reader.h) on pathological reading lists: a 20,000-row table,
// lists nested 100 deep, huge HTML blocks, template tags that never close. Each must be
// read completely and correctly. No timing asserts: these run as CTest's
// list_pathological test, whose TIMEOUT catches a quadratic regression (as
// cmark_pathological does for tests/unit/test_cmark_pathological.cpp; see CMakeLists.txt).
#include <doctest/doctest.h>

#include <cstdint>
#include <string>

#include "core/list_reader.h"
#include "core/markdown_import.h"

using namespace shelfmark;

namespace {

// Room for 1 MB inputs; the other limits as they are.
MarkdownLimits Big() {
    MarkdownLimits lim;
    lim.max_bytes = 1024 * 1024;
    return lim;
}

ListShape MustRead(const std::string& md, const MarkdownLimits& lim) {
    std::string err;
    std::optional<ListShape> s = ReadListShape(md, lim, &err);
    REQUIRE_MESSAGE(s, err);
    return *s;
}

std::string Repeat(const std::string& s, std::size_t times) {
    std::string out;
    out.reserve(s.size() * times);
    for (std::size_t i = 0; i < times; ++i)
        out += s;
    return out;
}

} // namespace

TEST_CASE("list pathological: a 20,000-row paper table gives 20,000 entries" *
          doctest::test_suite("list_pathological")) {
    std::string md = "# Big\n\n| Title | Venue |\n|---|---|\n";
    for (int i = 0; i < 20000; ++i)
        md += "| Paper " + std::to_string(i) + " about systems | OSDI |\n";
    REQUIRE(md.size() < Big().max_bytes);
    // The whole import (shape, citations, matching): matched against nothing, 20,000 new
    // papers (the per-list limit); the table's other column is each one's venue.
    PaperMatcher m;
    std::string err;
    const std::optional<ReadingListImport> in =
        ReadMarkdownReadingList(md, m, ReadingListOptions{}, nullptr, &err, Big());
    REQUIRE_MESSAGE(in, err);
    REQUIRE(in->new_papers.size() == 20000);
    CHECK(in->items.back().title == "Paper 19999 about systems");
    CHECK(in->items.back().line == 20004);
    CHECK(in->new_papers.back().paper.venue == "OSDI");
}

TEST_CASE("list pathological: lists nested 100 deep, as details and as groups" *
          doctest::test_suite("list_pathological")) {
    // A paper whose details nest 100 deep: one entry (the depth cap folds the rest into text).
    std::string details = "- [A Paper With Deep Notes](https://example.org/p.pdf)\n";
    for (int d = 1; d <= 100; ++d)
        details += std::string(static_cast<std::size_t>(2 * d), ' ') + "- note " + std::to_string(d) + "\n";
    const ListShape a = MustRead(Repeat(details + "\n", 50), Big());
    CHECK(a.entries.size() == 50);
    CHECK(a.entries[0].text == "A Paper With Deep Notes");
    // Groups 100 deep with a paper at the bottom: one entry, in a group's section.
    std::string groups;
    for (int d = 0; d < 100; ++d)
        groups += std::string(static_cast<std::size_t>(2 * d), ' ') + "- Group " + std::to_string(d) + ":\n";
    groups += std::string(200, ' ') + "- [Bottom Paper Title Here](https://example.org/b.pdf)\n";
    const ListShape b = MustRead(Repeat(groups + "\n", 20), Big());
    for (const ListEntry& e : b.entries)
        CHECK_FALSE(e.section.empty());
    // Block quotes and lists alternating 100 deep.
    std::string mixed;
    for (int d = 0; d < 100; ++d)
        mixed += "> - ";
    mixed += "[Quoted Deep Paper](https://example.org/q.pdf)\n";
    const MarkdownLimits lim = Big();
    std::string err;
    CHECK(ReadListShape(Repeat(mixed, 1000), lim, &err).has_value() == false); // over max_line_prefix
    CHECK(err.find("nested") != std::string::npos);
}

TEST_CASE("list pathological: huge HTML blocks and tags that never close" *
          doctest::test_suite("list_pathological")) {
    // One <div markdown="1"> around 3,000 items (max_brackets_per_block allows 4,000 '['
    // in a block without blank lines): all of them read.
    std::string div = "<div class=\"readings\" markdown=\"1\">\n";
    for (int i = 0; i < 3000; ++i)
        div += "  - [Paper " + std::to_string(i) + " on storage](https://example.org/" + std::to_string(i) +
               ")\n";
    div += "</div>\n";
    CHECK(MustRead(div, Big()).entries.size() == 3000);
    // 20,000 nested <div> lines, then their closes, around one item.
    const std::string nested = Repeat("<div>\n", 20000) +
                               "- [Inside Many Divs Paper](https://example.org/d)\n" +
                               Repeat("</div>\n", 20000);
    CHECK(MustRead(nested, Big()).entries.size() == 1);
    // One line of 300,000 opening tags (an HTML block, not a list): nothing, quickly.
    CHECK(MustRead(Repeat("<div>", 60000), Big()).entries.empty());
    // Template tags and attribute lists that never close, on one line and on many.
    for (const std::string opener : {"{{", "{%", "{:", "{{<"}) {
        INFO(opener);
        const std::string line = Repeat(opener + " x ", 50000);
        CHECK(MustRead(line, Big()).entries.empty());
        const std::string many =
            Repeat(opener + " tag\n- [A Paper Beside Tags](https://example.org/t)\n", 3000);
        const ListShape s = MustRead(many, Big());
        CHECK(s.entries.size() == 3000); // an unclosed tag hides nothing
    }
    // A Liquid comment that never ends is text.
    CHECK(MustRead("{% comment %}\n- [Still A Paper Here](https://example.org/c)\n", Big()).entries.size() ==
          1);
}
