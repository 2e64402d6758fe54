#include <doctest/doctest.h>

#include <set>

#include "core/markdown.h"
#include "core/markdown_import.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::Contains;
using shelfmark::testing::ReadAll;
using shelfmark::testing::TinyCatalogue;

namespace {

MarkdownDoc MustParse(const std::string& text, const MarkdownLimits& lim = MarkdownLimits{}) {
    std::string err;
    std::optional<MarkdownDoc> doc = ParseMarkdown(text, lim, &err);
    INFO(err);
    REQUIRE(doc.has_value());
    return *doc;
}

std::vector<const MdNode*> NodesOf(const MarkdownDoc& doc, MdKind kind) {
    std::vector<const MdNode*> out;
    for (const MdNode& n : doc.nodes)
        if (n.kind == kind) out.push_back(&n);
    return out;
}

int Index(const MarkdownDoc& doc, const MdNode* n) { return static_cast<int>(n - doc.nodes.data()); }

size_t MaxDepth(const MarkdownDoc& doc) {
    size_t depth = 0, max = 0;
    WalkMarkdown(
        doc, 0,
        [&](const MdNode&) {
            max = std::max(max, ++depth);
            return true;
        },
        [&](const MdNode&) { --depth; });
    return max;
}

std::string Repeat(const std::string& s, size_t bytes) {
    std::string out;
    while (out.size() < bytes)
        out += s;
    out.resize(bytes);
    return out;
}

PaperMatcher TinyMatcher(const Catalogue& cat) {
    PaperMatcher m;
    m.AddCatalogue(cat);
    return m;
}

} // namespace

TEST_CASE("markdown: GFM blocks and inlines become a tree") {
    const MarkdownDoc doc =
        MustParse("# Title\n\nSome *emph*, **strong**, ~~gone~~, `code` and "
                  "[a link](https://example.org \"t\") and www.example.com.\n\n"
                  "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n"
                  "```cpp\nint x;\n```\n\n> quote\n\n1. one\n2. two\n\n<div>\nhtml\n</div>\n");
    const auto headings = NodesOf(doc, MdKind::Heading);
    REQUIRE(headings.size() == 1);
    CHECK(headings[0]->level == 1);
    CHECK(MdPlainText(doc, Index(doc, headings[0])) == "Title");
    CHECK(NodesOf(doc, MdKind::Emph).size() == 1);
    CHECK(NodesOf(doc, MdKind::Strong).size() == 1);
    CHECK(NodesOf(doc, MdKind::Strikethrough).size() == 1);
    const auto links = NodesOf(doc, MdKind::Link);
    REQUIRE(links.size() == 2);
    CHECK(links[0]->url == "https://example.org");
    CHECK(links[0]->title == "t");
    CHECK(links[1]->url == "http://www.example.com"); // autolink extension
    CHECK(NodesOf(doc, MdKind::Table).size() == 1);
    CHECK(NodesOf(doc, MdKind::TableRow).size() == 2);
    CHECK(NodesOf(doc, MdKind::TableRow)[0]->header);
    CHECK(NodesOf(doc, MdKind::TableCell).size() == 4);
    const auto code = NodesOf(doc, MdKind::CodeBlock);
    REQUIRE(code.size() == 1);
    CHECK(code[0]->info == "cpp");
    CHECK(code[0]->text == "int x;\n");
    CHECK(NodesOf(doc, MdKind::BlockQuote).size() == 1);
    const auto lists = NodesOf(doc, MdKind::List);
    REQUIRE(lists.size() == 1);
    CHECK(lists[0]->ordered);
    CHECK(lists[0]->start == 1);
    CHECK(NodesOf(doc, MdKind::HtmlBlock).size() == 1); // kept as text, never rendered as HTML
    CHECK_FALSE(doc.truncated);
    CHECK(headings[0]->line == 1);
    CHECK(NodesOf(doc, MdKind::Table)[0]->line == 5);
}

TEST_CASE("markdown: task items, including the forms cmark-gfm's extension misses") {
    const MarkdownDoc doc = MustParse("- [ ] open\n- [x] done\n- [X] done too\n- [ ] see [x] in the text\n"
                                      "- - [x] nested on one line\n\n> - [x] quoted\n\n- [x]\n- plain\n");
    std::vector<std::pair<std::string, bool>> tasks;
    size_t plain = 0;
    for (const MdNode* item : NodesOf(doc, MdKind::Item)) {
        const std::string text = MdPlainText(doc, Index(doc, item), true);
        if (item->task)
            tasks.emplace_back(text, item->checked);
        else if (!text.empty())
            ++plain;
    }
    const std::vector<std::pair<std::string, bool>> want = {{"open", false},
                                                            {"done", true},
                                                            {"done too", true},
                                                            {"see [x] in the text", false},
                                                            {"nested on one line", true},
                                                            {"quoted", true}};
    CHECK(tasks == want);
    CHECK(plain == 2); // "- [x]" with nothing after, and "- plain"
}

TEST_CASE("markdown: walking visits every node once, enter before exit, and can skip") {
    const MarkdownDoc doc = MustParse("- a\n  - b\n    - c\n- d\n");
    size_t enters = 0, exits = 0;
    WalkMarkdown(
        doc, 0,
        [&](const MdNode&) {
            ++enters;
            return true;
        },
        [&](const MdNode&) { ++exits; });
    CHECK(enters == doc.nodes.size());
    CHECK(exits == doc.nodes.size());
    CHECK(MdPlainText(doc, 0) == "a b c d");
    const MdNode* first_item = NodesOf(doc, MdKind::Item)[0];
    CHECK(MdPlainText(doc, Index(doc, first_item), true) == "a");
}

TEST_CASE("markdown: invalid UTF-8 and NUL bytes are replaced, not trusted") {
    const MarkdownDoc doc = MustParse(std::string("caf\xE9 \0 ok\n", 10));
    const std::string text = MdPlainText(doc, 0);
    CHECK(Contains(text, "\xEF\xBF\xBD")); // U+FFFD
    CHECK(Contains(text, "ok"));
}

TEST_CASE("markdown: each input limit rejects with a message and a line") {
    MarkdownLimits lim;
    std::string err;
    SUBCASE("size") {
        CHECK_FALSE(ParseMarkdown(std::string(lim.max_bytes + 1, 'a'), lim, &err));
        CHECK(Contains(err, "Markdown text too large"));
    }
    SUBCASE("table cells, counting the cells GFM fills in") {
        std::string t = "intro\n\n|" + Repeat("a|", 1000) + "\n|" + Repeat("-|", 1000) + "\n";
        for (int i = 0; i < 100; ++i)
            t += "x\n";
        CHECK(CheckMarkdownLimits(t, lim)->line == 4);
        CHECK_FALSE(ParseMarkdown(t, lim, &err));
        CHECK(Contains(err, "line 4: tables too large"));
    }
    SUBCASE("autolink candidates in long unbroken text") {
        CHECK_FALSE(ParseMarkdown("ok\n" + Repeat("www._", 16 * 1024), lim, &err));
        CHECK(Contains(err, "line 2: too many web or e-mail address candidates"));
    }
    SUBCASE("e-mail candidates in one paragraph") {
        CHECK_FALSE(ParseMarkdown("a\n\n" + Repeat("x@y.z ", 60000), lim, &err));
        CHECK(Contains(err, "line 3: too many e-mail address candidates"));
    }
    SUBCASE("brackets in one paragraph") {
        CHECK_FALSE(ParseMarkdown(Repeat("![[]()", 30000), lim, &err));
        CHECK(Contains(err, "line 1: more than 4000 '['"));
    }
    SUBCASE("container markers opening one line") {
        CHECK_FALSE(ParseMarkdown(Repeat("> ", 500) + "a", lim, &err));
        CHECK(Contains(err, "nested quotes or list markers"));
        CHECK_FALSE(ParseMarkdown(Repeat("- ", 500) + "a", lim, &err));
    }
}

TEST_CASE("markdown: deep nesting is folded into text below the depth cap") {
    std::string s;
    for (int x = 0; x < 200; ++x)
        s += std::string(2 * static_cast<size_t>(x), ' ') + "* level" + std::to_string(x) + "\n";
    MarkdownLimits lim;
    const MarkdownDoc doc = MustParse(s, lim);
    CHECK(doc.truncated);
    CHECK(MaxDepth(doc) <= lim.max_depth + 2);
    const std::string text = MdPlainText(doc, 0);
    CHECK(Contains(text, "level0"));
    CHECK(Contains(text, "level199")); // the words survive the fold

    std::string quotes;
    for (int x = 1; x <= 90; ++x)
        quotes += Repeat("> ", 2 * static_cast<size_t>(x)) + "q\n";
    const MarkdownDoc q = MustParse(quotes, lim);
    CHECK(q.truncated);
    CHECK(MaxDepth(q) <= lim.max_depth + 2);

    MarkdownLimits few;
    few.max_nodes = 10;
    const MarkdownDoc capped = MustParse(Repeat("word *e* ", 2000), few);
    CHECK(capped.truncated);
    CHECK(capped.nodes.size() <= 10 + 1);
}

// The quadratic-time cases of cmark-gfm's CVEs (CVE-2023-22483/22484/22486, -24824,
// -26485, -37463; fixed in 0.29.0.gfm.13) and cmark's own pathological tests. Each is rejected by a limit or
// parsed; none may take long (the limits keep every accepted input fast; timing belongs to the benchmark, not
// here).
TEST_CASE("markdown: pathological inputs are rejected or handled within the limits") {
    struct Case {
        const char* name;
        std::string text;
        bool rejected;
    };
    std::string deep_lists;
    for (int x = 0; x < 250; ++x)
        deep_lists += std::string(2 * static_cast<size_t>(x), ' ') + "* a\n";
    std::string backticks;
    for (int x = 1; backticks.size() < 100000; ++x)
        backticks += "e" + std::string(static_cast<size_t>(x), '`');
    std::string table7k = "|" + Repeat("a|", 500) + "\n|" + Repeat("-|", 500) + "\n" + Repeat("x\n", 3500);
    const Case cases[] = {
        {"160 KB of _ runs", Repeat("_", 160 * 1024), true},
        {"120 KB of _ runs", Repeat("_", 120 * 1024), false},
        {"_ . _", Repeat("_", 60000) + "." + Repeat("_", 60000), false},
        {"many emph closers", Repeat("a_ ", 120000), false},
        {"many emph openers", Repeat("_a ", 120000), false},
        {"mismatched openers and closers", Repeat("*a_ ", 120000), false},
        {"link closers without openers", Repeat("a]", 120000), false},
        {"nested strong emph", Repeat("*a **a ", 60000) + "b" + Repeat(" a** a*", 60000), false},
        {"pattern [ (]( repeated", Repeat("[ (](", 120000), true},
        {"link openers without closers", Repeat("[a", 120000), true},
        {"![[]() quadratic", Repeat("![[]()", 120000), true},
        {"![[]() in small paragraphs", Repeat(Repeat("![[]()", 1500) + "\n\n", 120000), false},
        {"nested brackets", std::string(4000, '[') + "a" + std::string(4000, ']'), false},
        {"nested block quotes on one line", Repeat("> ", 100000) + "a", true},
        {"deeply nested lists", deep_lists, false},
        {"backticks", backticks, false},
        {"unclosed links A", Repeat("[a](<b", 120000), true},
        {"unclosed links B", Repeat("[a](b", 120000), true},
        {"tables with CR and VT", Repeat("aaa\rbbb\n-\v\n", 120000), false},
        {"7 KB table with 500 columns", table7k, true},
        {"many small tables", Repeat("| a | b |\n|---|---|\n| 1 | 2 |\n\n", 120000), false},
        {"www._ runs", Repeat("www._", 120000), true},
        {"www._ in short words", Repeat("www._ ", 120000), false},
        {"e-mail runs", Repeat("a@b.", 120000), true},
        {"spaced e-mails", Repeat("a@b.cd ", 120000), true},
        {"spaced e-mails in short paragraphs", Repeat(Repeat("a@b.cd ", 300) + "\n\n", 120000), false},
        {"url with many parens", "http://a.b/" + std::string(100000, ')'), true},
        {"<!-- runs", Repeat("<!-- ", 120000), false},
        {"many references",
         [] {
             std::string r;
             for (int i = 0; r.size() < 100000; ++i)
                 r += "[" + std::to_string(i) + "]: u\n";
             return r;
         }(),
         true},
    };
    for (const Case& c : cases) {
        std::string err;
        const std::optional<MarkdownDoc> doc = ParseMarkdown(c.text, MarkdownLimits{}, &err);
        INFO(c.name << ": " << err);
        CHECK(doc.has_value() == !c.rejected);
        if (!doc) CHECK_FALSE(err.empty());
    }
}

TEST_CASE("markdown import: matching keys") {
    CHECK(NormalizeLink("HTTPS://www.Example.org/Path/?q=1#frag") == "example.org/Path/?q=1");
    CHECK(NormalizeLink("http://example.org/a/") == "example.org/a");
    CHECK(ArxivIdOf("https://arxiv.org/pdf/1811.06965v3.pdf") == "1811.06965");
    CHECK(ArxivIdOf("https://arxiv.org/abs/1802.04799") == "1802.04799");
    CHECK(ArxivIdOf("see arXiv:2104.04473 for details") == "2104.04473");
    CHECK(ArxivIdOf("https://arxiv.org/abs/cs/0112017v1") == "cs/0112017");
    CHECK(ArxivIdOf("https://example.org/1802.04799") == "");
    CHECK(NormalizeTitle("Interstellar: Using Halide\xE2\x80\x99s Scheduling") ==
          "interstellar using halide s scheduling");
    CHECK(NormalizeTitle("  GPipe -- Efficient!  ") == "gpipe efficient");
}

TEST_CASE("markdown import: a checklist matches by link, arXiv id and title; [ ] never downgrades") {
    const Catalogue cat = TinyCatalogue();
    const PaperMatcher m = TinyMatcher(cat);
    const std::string md =
        "# My list\n\n"
        "- [x] [TVM, the PDF](https://arxiv.org/pdf/1802.04799v3.pdf)\n"
        "- [ ] *GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism* (NeurIPS'19)\n"
        "- - [x] [How to read a paper](https://web.stanford.edu/class/ee384m/Handouts/HowtoReadPaper.pdf)\n"
        "- [x] Something else entirely\n"
        "- not a task: [TVM](https://arxiv.org/abs/1802.04799)\n";
    std::string err;
    const std::optional<ChecklistImport> in = ReadMarkdownChecklist(md, m, &err);
    REQUIRE_MESSAGE(in, err);
    REQUIRE(in->items.size() == 4);
    CHECK(in->items[0].paper == "tvm");
    CHECK(in->items[0].by == MatchBy::ArxivId);
    CHECK(in->items[1].paper == "gpipe");
    CHECK(in->items[1].by == MatchBy::Title);
    CHECK_FALSE(in->items[1].checked);
    CHECK(in->items[2].paper == "how-to-read");
    CHECK(in->items[2].by == MatchBy::Link);
    CHECK(in->items[2].line == 5);
    CHECK(in->items[3].paper.empty());
    CHECK(in->checked == 3);
    CHECK(in->matched == 3);
    CHECK(in->unmatched == 1);

    Progress p;
    p.SetStatus("gpipe", Status::Read, 10); // [ ] must not undo this
    p.SetStatus("how-to-read", Status::Read, 10);
    (void)p.TakeDirty();
    const ChecklistPreview pv = PreviewChecklist(*in, p);
    CHECK(pv.will_mark_read == 1);
    CHECK(pv.already_read == 1);
    CHECK(ApplyChecklist(*in, p, 1000) == std::vector<std::string>{"tvm"});
    CHECK(p.StatusOf("tvm") == Status::Read);
    CHECK(p.StatusOf("gpipe") == Status::Read);
    CHECK(ApplyChecklist(*in, p, 2000).empty()); // idempotent

    CHECK_FALSE(ReadMarkdownChecklist("# nothing\n\n- a\n- b\n", m, &err));
    CHECK(Contains(err, "no checklist items"));
    CHECK_FALSE(ReadMarkdownChecklist(Repeat("www._", 200000), m, &err));
    CHECK(Contains(err, "too large"));
}

TEST_CASE("markdown import: a reading list becomes sections, roles, entries and new papers") {
    const Catalogue cat = TinyCatalogue();
    const PaperMatcher m = TinyMatcher(cat);
    const std::string md =
        "---\ntitle : 'Systems ''n'' ML'\nimage: x.png\n---\n\n"
        "> [https://example.org/src](https://example.org/src)\n\n"
        "# Paper List\n\n## Week 1: Compilers\n\n### Required reading\n\n"
        "- [TVM](https://arxiv.org/abs/1802.04799). TVM: An Automated End-to-End Optimizing Compiler.\n"
        "- [Halide](https://people.csail.mit.edu/jrk/halide-pldi13.pdf). Halide: A Language and "
        "Compiler for Optimizing Parallelism. PLDI 2013.\n\n"
        "### Additional Optional Reading\n\n- [GPipe]\n\n"
        "## Week 2\n\n1. **Scheduling**:\n    - *Some Unknown Scheduler Paper* (OSDI20)\n"
        "    - *Some Unknown Scheduler Paper* (again)\n";
    std::set<std::string> taken = {"tvm", "gpipe", "how-to-read", "course"};
    ReadingListOptions opt;
    opt.now_ms = 77;
    std::string err;
    const std::optional<ReadingListImport> in = ReadMarkdownReadingList(
        md, m, opt, [&](const std::string& id) { return taken.count(id) > 0; }, &err);
    REQUIRE_MESSAGE(in, err);
    const ReadingList& l = in->list.list;
    CHECK(l.title == "Systems 'n' ML");
    CHECK(l.id == "u-systems-n-ml");
    CHECK(l.kind == "user");
    CHECK(l.source == "https://example.org/src");
    CHECK(in->list.updated_at == 77);
    REQUIRE(l.sections.size() == 2);
    CHECK(l.sections[0].title == "Week 1: Compilers");
    REQUIRE(l.sections[0].entries.size() == 3);
    CHECK(l.sections[0].entries[0].paper == "tvm");
    CHECK(l.sections[0].entries[0].role == "required");
    CHECK(l.sections[0].entries[1].paper == "u-halide-a-language-and-compiler-for-optimizing-pa");
    CHECK(l.sections[0].entries[2].paper == "gpipe"); // "[GPipe]": a short name
    CHECK(l.sections[0].entries[2].role == "optional");
    CHECK(l.sections[1].title == "Scheduling");
    REQUIRE(l.sections[1].entries.size() == 2);
    CHECK(l.sections[1].entries[0].paper == l.sections[1].entries[1].paper); // one new paper, used twice
    REQUIRE(in->new_papers.size() == 2);
    CHECK(in->new_papers[0].paper.title == "Halide: A Language and Compiler for Optimizing Parallelism");
    CHECK(in->new_papers[0].paper.links ==
          std::vector<std::string>{"https://people.csail.mit.edu/jrk/halide-pldi13.pdf"});
    CHECK(in->new_papers[1].paper.title == "Some Unknown Scheduler Paper");
    CHECK(in->matched == 2);
    CHECK(in->unmatched == 3);
}

TEST_CASE("markdown import: seed 001's ticked items match papers of the bundled catalogue") {
    const std::string seed = ReadAll(SHELFMARK_SEEDS_DIR "/001_60cf14e55de5f01d.txt");
    REQUIRE_FALSE(seed.empty());
    const CatalogueLoad load = LoadCatalogueDir(SHELFMARK_DATA_DIR);
    if (!load.ok()) {
        // data/ is curated in parallel; the bundle is checked by `shelfmark check` anyway.
        MESSAGE("data/ does not load yet: " << load.errors.front().ToString());
        return;
    }
    PaperMatcher m;
    m.AddCatalogue(load.catalogue);
    std::string err;
    const std::optional<ChecklistImport> in = ReadMarkdownChecklist(seed, m, &err);
    REQUIRE_MESSAGE(in, err);
    // The seed's reader ticked 14 items in the first three weeks.
    CHECK(in->checked == 14);
    std::set<std::string> ticked;
    for (const MarkdownItem& item : in->items) {
        if (!item.checked) continue;
        INFO("line " << item.line << ": " << item.text);
        CHECK_FALSE(item.paper.empty());
        ticked.insert(item.paper);
    }
    CHECK(ticked.size() == 14);                    // fourteen different papers
    CHECK(in->unmatched * 10 <= in->items.size()); // nearly every item is in the catalogue
    Progress p;
    CHECK(ApplyChecklist(*in, p, 1000).size() == 14);
    for (const std::string& id : ticked)
        CHECK(p.StatusOf(id) == Status::Read);
    // Unticked items stay as they were.
    for (const MarkdownItem& item : in->items)
        if (!item.checked && !item.paper.empty() && !ticked.count(item.paper))
            CHECK(p.StatusOf(item.paper) == Status::Unread);
}
