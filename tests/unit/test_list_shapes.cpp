// One fixture per shape of reading list (tests/fixtures/lists/, written for these tests:
// real paper titles and links, invented pages around them), read as a reading list and
// matched against the bundled catalogue (data/): entries, sections, roles, matches.
#include <doctest/doctest.h>

#include <cstdlib>
#include <iostream>
#include <set>

#include "core/list_reader.h"
#include "core/markdown_import.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::ReadAll;

namespace {

const std::string kFixtures = SHELFMARK_SEEDS_DIR "/../fixtures/lists/";

const Catalogue& Bundled() {
    static const Catalogue cat = [] {
        const CatalogueLoad load = LoadCatalogueDir(SHELFMARK_DATA_DIR);
        REQUIRE_MESSAGE(load.ok(), (load.errors.empty() ? "" : load.errors.front().ToString()));
        return load.catalogue;
    }();
    return cat;
}

ReadingListImport ReadFixture(const std::string& name) {
    const std::string md = ReadAll(kFixtures + name);
    REQUIRE_FALSE(md.empty());
    PaperMatcher m;
    m.AddCatalogue(Bundled());
    std::set<std::string> ids;
    for (const Paper& p : Bundled().papers)
        ids.insert(p.id);
    std::string err;
    std::optional<ReadingListImport> in = ReadMarkdownReadingList(
        md, m, ReadingListOptions{}, [&](const std::string& id) { return ids.count(id) > 0; }, &err);
    REQUIRE_MESSAGE(in, err);
    return *in;
}

void Dump(const std::string& name, const ReadingListImport& in) {
    std::cout << "== " << name << ": " << in.items.size() << " entries, " << in.list.list.sections.size()
              << " sections, " << in.matched << " matched; title '" << in.list.list.title << "'\n";
    for (const MarkdownItem& i : in.items) {
        std::cout << "  [" << i.section << "] (" << i.role << ") " << i.title << " -> "
                  << (i.by == MatchBy::None ? "new " : "") << i.paper << " line " << i.line << "\n     ";
        for (const std::string& a : i.cite.authors)
            std::cout << a << "; ";
        std::cout << "| " << i.cite.venue << " " << i.cite.year << " | " << i.cite.arxiv << " " << i.cite.doi
                  << " |";
        for (const CitationLink& l : i.cite.links)
            std::cout << " " << l.kind;
        std::cout << "\n";
    }
}

} // namespace

TEST_CASE("list shapes: dump" * doctest::skip(getenv("SHELFMARK_DUMP") == nullptr)) {
    for (const char* f :
         {"jekyll-course.md", "awesome-nested.md", "chinese-table.md", "mixed-table.md", "citation-style.md",
          "toc-numbered.md", "hugo-shortcodes.md", "plain-bullets.md", "paper-notes.md"})
        Dump(f, ReadFixture(f));
}

namespace {

struct Expect {
    std::string section, paper; // paper: a catalogue id, or "new"
};

// Entries in order: section and matched paper ("new" for an unmatched one).
void CheckEntries(const ReadingListImport& in, const std::vector<Expect>& want) {
    REQUIRE(in.items.size() == want.size());
    for (std::size_t i = 0; i < want.size(); ++i) {
        const MarkdownItem& item = in.items[i];
        INFO("entry " << i << " (line " << item.line << "): " << item.text);
        CHECK(item.section == want[i].section);
        if (want[i].paper == "new")
            CHECK(item.by == MatchBy::None);
        else
            CHECK(item.paper == want[i].paper);
    }
}

std::vector<std::string> SectionTitles(const ReadingListImport& in) {
    std::vector<std::string> out;
    for (const Section& s : in.list.list.sections)
        out.push_back(s.title);
    return out;
}

ListShape Shape(const std::string& md) {
    std::string err;
    std::optional<ListShape> s = ReadListShape(md, MarkdownLimits{}, &err);
    REQUIRE_MESSAGE(s, err);
    return *s;
}

} // namespace

TEST_CASE(
    "list shapes: a Jekyll course page keeps its readings inside markdown=\"1\" divs, drops logistics") {
    const ReadingListImport in = ReadFixture("jekyll-course.md");
    CHECK(in.list.list.title == "CS 8803: Systems for Machine Learning");
    // Lecture topics name the sections, not the guest speakers under them; the form
    // links, the date line, "Midterm" and the grading lines are no entries; the Liquid
    // comment block is gone; {{ site.baseurl }} inside a link does not break it.
    CheckEntries(in, {{"Lecture 1: Introduction", "mlsys-frontier"},
                      {"Lecture 2: Frameworks", "tensorflow"},
                      {"Lecture 2: Frameworks", "pytorch"},
                      {"Lecture 3: Parallelism", "gpipe"},
                      {"Lecture 3: Parallelism", "pipedream"},
                      {"Lecture 3: Parallelism", "alpa"},
                      {"Lecture 4: Serving", "clipper"},
                      {"Lecture 4: Serving", "orca"}});
    CHECK(in.items[4].role == "required");
    CHECK(in.items[5].role == "optional"); // "**Optional:**" inside the div
    CHECK(in.new_papers.empty());
    CHECK(SectionTitles(in) == std::vector<std::string>{"Lecture 1: Introduction", "Lecture 2: Frameworks",
                                                        "Lecture 3: Parallelism", "Lecture 4: Serving"});
}

TEST_CASE("list shapes: an awesome list's sub-items are details, its grouping bullets are not sections") {
    const ReadingListImport in = ReadFixture("awesome-nested.md");
    CHECK(in.list.list.title == "Awesome ML Systems"); // the badge's alt text is no part of it
    // 5 papers, not the 17 lines under them; "Reading lists" only groups; the table of
    // contents (anchors) is skipped.
    CheckEntries(in, {{"Training", "parameter-server"},
                      {"Training", "zero"},
                      {"Training", "pollux"},
                      {"Serving", "vllm"},
                      {"Serving", "new"}});
    CHECK(SectionTitles(in) == std::vector<std::string>{"Training", "Serving"});
    REQUIRE(in.new_papers.size() == 1);
    CHECK(in.new_papers[0].paper.title == "An Unlisted Serving Paper About Batching Requests");

    const ListShape shape = Shape(ReadAll(kFixtures + "awesome-nested.md"));
    REQUIRE(shape.entries.size() == 5);
    const ListEntry& ps = shape.entries[0];
    CHECK(ps.input.markdown == "**Scaling Distributed Machine Learning with the Parameter Server**");
    CHECK(ps.input.details == "Mu Li, David G. Andersen, Jun Woo Park, Alexander J. Smola, et al.\n"
                              "OSDI 2014\n"
                              "Summary: a parameter server framework for distributed machine learning.\n"
                              "[\\[Paper\\]](https://www.usenix.org/system/files/conference/osdi14/"
                              "osdi14-paper-li_mu.pdf) [\\[Code\\]](https://github.com/dmlc/ps-lite)");
    // The details' "[Paper]"/"[Code]" links belong to the paper.
    CHECK(ps.links == std::vector<std::string>{
                          "https://www.usenix.org/system/files/conference/osdi14/osdi14-paper-li_mu.pdf",
                          "https://github.com/dmlc/ps-lite"});
    CHECK(shape.entries[4].input.details == "VLDB 2020\nSummary: batches requests adaptively.");
}

TEST_CASE("list shapes: a Chinese paper table gives one entry per row, sections from Chinese headings") {
    const ReadingListImport in = ReadFixture("chinese-table.md");
    CHECK(in.list.list.title == "机器学习系统论文列表");
    // "目录" (contents) is skipped; the 论文 and 题目 columns hold the titles.
    CheckEntries(in, {{"训练系统", "tvm"},
                      {"训练系统", "new"},
                      {"训练系统", "horovod"},
                      {"推理系统", "clockwork"},
                      {"推理系统", "new"}});
    REQUIRE(in.new_papers.size() == 2);
    CHECK(in.new_papers[0].paper.title == "Megatron-LM：用模型并行训练数十亿参数的语言模型");
    CHECK(in.new_papers[0].paper.links == std::vector<std::string>{"https://arxiv.org/abs/1909.08053"});
    CHECK(in.new_papers[1].paper.title == "一篇没有链接的中文论文：分布式推理调度");

    const ListShape shape = Shape(ReadAll(kFixtures + "chinese-table.md"));
    REQUIRE(shape.entries.size() == 5);
    CHECK(shape.entries[0].from_table);
    CHECK(shape.entries[0].input.title_hint ==
          "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning");
    CHECK(shape.entries[0].input.markdown ==
          "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning | OSDI | 2018 | "
          "[PDF](https://arxiv.org/abs/1802.04799)");
    CHECK(shape.entries[0].input.details ==
          "会议: OSDI\n年份: 2018\n链接: [PDF](https://arxiv.org/abs/1802.04799)");
    CHECK(shape.entries[3].input.title_hint == "Clockwork: 自下而上的性能可预测性");
    CHECK(shape.entries[4].input.details == "作者: 张三, 李四\n会议: 系统会议 2023");
}

TEST_CASE("list shapes: a mixed file keeps its bullets and its table rows; <br> splits a cell") {
    const ReadingListImport in = ReadFixture("mixed-table.md");
    // The grading table (Component | Weight) and the "No class" row give nothing; the
    // schedule's Topic column names the section of its row.
    CheckEntries(in, {{"", "distbelief"},
                      {"", "horovod"},
                      {"Compilers", "ansor"},
                      {"Compilers", "taso"},
                      {"Compilers", "new"},
                      {"Scheduling", "pollux"},
                      {"Scheduling", "gandiva"}});
    CHECK(SectionTitles(in) ==
          std::vector<std::string>{"Distributed Deep Learning Reading List", "Compilers", "Scheduling"});
    REQUIRE(in.new_papers.size() == 1);
    CHECK(in.new_papers[0].paper.title == "A Compiler Paper Not In Any Catalogue");
    const ListShape shape = Shape(ReadAll(kFixtures + "mixed-table.md"));
    REQUIRE(shape.entries.size() == 7);
    CHECK(shape.entries[3].links == std::vector<std::string>{"https://cs.stanford.edu/~padon/taso-sosp19.pdf",
                                                             "https://github.com/jiazhihao/TASO"});
    CHECK(shape.entries[4].input.details == "Authors: Ada Lovelace, Alan Turing\nVenue: PLDI 2021");
    CHECK(shape.entries[5].input.markdown ==
          "[Pollux: Co-adaptive Cluster Scheduling for Goodput-Optimized Deep Learning]"
          "(https://www.usenix.org/system/files/osdi21-qiao.pdf)");
    CHECK(shape.entries[5].line == shape.entries[6].line);
}

TEST_CASE("list shapes: numbered tables of contents and same-page anchors are navigation") {
    const ReadingListImport in = ReadFixture("toc-numbered.md");
    CheckEntries(in, {{"Storage", "lakehouse"}, {"Storage", "delta-lake"}, {"Compute", "spark-sql"}});
    CHECK(SectionTitles(in) == std::vector<std::string>{"Storage", "Compute"}); // no "Table of Contents"
}

TEST_CASE("list shapes: Hugo front matter, shortcodes and <details> blocks") {
    const ReadingListImport in = ReadFixture("hugo-shortcodes.md");
    CHECK(in.list.list.title == "Reading group: GPU clusters"); // TOML front matter
    CheckEntries(in, {{"Cluster scheduling", "tiresias"},
                      {"Cluster scheduling", "hived"},
                      {"Workload studies", "philly"},
                      {"Workload studies", "pai"}});
}

TEST_CASE("list shapes: a clean bullet list reads as before (wrapped titles, Korean text)") {
    const ReadingListImport in = ReadFixture("plain-bullets.md");
    CheckEntries(in, {{"Week 1: Tensor compilers", "tvm"},
                      {"Week 1: Tensor compilers", "halide"},
                      {"Week 1: Tensor compilers", "taco"},
                      {"Week 2: 그래프 최적화", "pet"},
                      {"Week 2: 그래프 최적화", "new"}});
    REQUIRE(in.new_papers.size() == 1);
    CHECK(in.new_papers[0].paper.title == "텐서 프로그램 최적화에 관한 한국어 논문 제목");
}

TEST_CASE("list shapes: citation-style items keep one entry each") {
    const ReadingListImport in = ReadFixture("citation-style.md");
    REQUIRE(in.items.size() == 6);
    for (const MarkdownItem& item : in.items)
        CHECK(item.section == "Classics");
    CHECK(in.items[0].paper == "distbelief");
    CHECK(in.items[2].paper == "rdd");
    CHECK(in.items[5].paper == "learned-index"); // by its arXiv id
    const ListShape shape = Shape(ReadAll(kFixtures + "citation-style.md"));
    CHECK(shape.entries[0].input.markdown == "Dean, J., Corrado, G., Monga, R., et al. (2012). **Large Scale "
                                             "Distributed Deep Networks**. *NeurIPS 2012*.");
}

TEST_CASE("list shapes: the text is prepared for cmark-gfm line by line") {
    std::string title;
    const std::string in =
        "+++\ntitle = \"T \\\"q\\\"\"\n+++\n"
        "{% if x %}\n<div class=\"a\" markdown=\"1\">\n    - [P](https://e.org/{{ v }}x)\n</div>\n"
        "```\n{% keep %}\n<div>\n```\n<summary>Part <b>1</b></summary>\n";
    const std::string out = PrepareListText(in, &title);
    CHECK(title == "T \"q\"");
    CHECK(std::count(out.begin(), out.end(), '\n') == std::count(in.begin(), in.end(), '\n'));
    CHECK(out == "\n\n\n\n\n- [P](https://e.org/x)\n\n```\n{% keep %}\n<div>\n```\n###### Part 1\n");
}

TEST_CASE("list shapes: logistics, schedule and people are left out; papers beside them stay") {
    const ListShape s = Shape(
        "## Week 3: Consensus\n\n"
        "- Mon 9/12 10:30am\n- Sep 14\n- Office hours: Tue 2-3pm\n"
        "- Submit your review: [form](https://forms.gle/x)\n"
        "- Ion Stoica (UC Berkeley)\n- Project proposal due\n- Reviews: 20%\n"
        "- [CS 294 course website](https://example.edu/cs294/)\n"
        "- Sep 16: [In Search of an Understandable Consensus Algorithm](https://raft.github.io/raft.pdf)\n"
        "- Paxos Made Simple\n- Raft\n");
    REQUIRE(s.entries.size() == 3);
    CHECK(s.entries[0].text == "Sep 16: In Search of an Understandable Consensus Algorithm");
    CHECK(s.entries[1].text == "Paxos Made Simple");
    CHECK(s.entries[2].text == "Raft");
    for (const ListEntry& e : s.entries)
        CHECK(e.section == "Week 3: Consensus");
}

TEST_CASE("list shapes: an unlinked item is a group or a paper by what its sub-items are") {
    const ListShape s =
        Shape("- Index\n"
              "  - SuRF: Practical Range Query Filtering with Fast Succinct Tries\n"
              "  - The Case for Learned Index Structures\n"
              "- Dremel\n  - VLDB 2010\n  - [[PDF]](https://research.google/pubs/pub36632/)\n"
              "- Optional:\n  - [Spanner: Google's Globally-Distributed Database](https://e.org/s.pdf)\n");
    REQUIRE(s.entries.size() == 4);
    CHECK(s.entries[0].section == "Index");
    CHECK(s.entries[1].section == "Index");
    CHECK(s.entries[2].text == "Dremel");
    CHECK(s.entries[2].links == std::vector<std::string>{"https://research.google/pubs/pub36632/"});
    CHECK(s.entries[2].input.details == "VLDB 2010\n[\\[PDF\\]](https://research.google/pubs/pub36632/)");
    CHECK(s.entries[3].role == "optional");
    CHECK(s.entries[3].section == "");
}

TEST_CASE("list shapes: an entry's Markdown, written back from the tree, parses to the same text") {
    const std::string item = "Why `*stars*` \\& [brackets\\] \\<matter\\> #1 | \\_really\\_ \\\\ ~ &amp; "
                             "[a (b)](<https://example.org/a (b).pdf> \"t \\\"q\\\"\") **bold** *it*";
    const MarkdownDoc doc = *ParseMarkdown(item, MarkdownLimits{}, nullptr);
    const std::string md = MdInlineMarkdown(doc, 0);
    const MarkdownDoc back = *ParseMarkdown(md, MarkdownLimits{}, nullptr);
    CHECK(MdPlainText(back, 0) == MdPlainText(doc, 0));
    CHECK(MdInlineMarkdown(back, 0) == md);
    // Block syntax at the start stays text: "2019. Title", "# 1", "- x".
    for (const std::string text : {"2019\\. A Title", "\\# 1 Title", "\\- x", "\\+ y", "\\| z"}) {
        const MarkdownDoc d = *ParseMarkdown(text, MarkdownLimits{}, nullptr);
        const std::string m = MdInlineMarkdown(d, 0);
        const MarkdownDoc b = *ParseMarkdown(m, MarkdownLimits{}, nullptr);
        INFO(text << " -> " << m);
        REQUIRE(b.root().first_child >= 0);
        CHECK(b.nodes[static_cast<std::size_t>(b.root().first_child)].kind == MdKind::Paragraph);
        CHECK(MdPlainText(b, 0) == MdPlainText(d, 0));
    }
}

TEST_CASE("list shapes: new papers keep the metadata their item, details or row held") {
    using Strings = std::vector<std::string>;
    {
        const ReadingListImport in = ReadFixture("awesome-nested.md");
        REQUIRE(in.new_papers.size() == 1);
        const UserPaper& p = in.new_papers[0];
        CHECK(p.paper.venue == "VLDB"); // from the "VLDB 2020" detail line
        CHECK(p.paper.year == 2020);
        // Matched papers keep the catalogue's record; their citation is still read.
        CHECK(in.items[0].cite.authors ==
              Strings{"Mu Li", "David G. Andersen", "Jun Woo Park", "Alexander J. Smola"});
        CHECK(in.items[1].cite.arxiv == "1910.02054");
    }
    {
        const ReadingListImport in = ReadFixture("mixed-table.md");
        REQUIRE(in.new_papers.size() == 1);
        const UserPaper& p = in.new_papers[0];
        CHECK(p.paper.authors == Strings{"Ada Lovelace", "Alan Turing"}); // the Authors column
        CHECK(p.paper.venue == "PLDI");
        CHECK(p.paper.year == 2021);
    }
    {
        const ReadingListImport in = ReadFixture("chinese-table.md");
        REQUIRE(in.new_papers.size() == 2);
        CHECK(in.new_papers[0].paper.venue == "arXiv");
        CHECK(in.new_papers[0].paper.year == 2019);
        CHECK(in.new_papers[0].extras.arxiv == "1909.08053");
        CHECK(in.new_papers[0].extras.link_kinds == Strings{"paper"});
        CHECK(in.new_papers[1].paper.authors == Strings{"张三", "李四"});
        CHECK(in.new_papers[1].paper.year == 2023);
    }
    {
        const ReadingListImport in = ReadFixture("citation-style.md");
        REQUIRE(in.items.size() == 6);
        CHECK(in.items[4].paper == "parameter-server"); // a nickname before the known title
        REQUIRE(in.new_papers.size() == 2);
        const UserPaper& aibench = in.new_papers[0];
        CHECK(aibench.paper.title == "AIBench: An Industry Standard Internet Service AI Benchmark Suite");
        CHECK(aibench.paper.authors == Strings{"Gao", "Tang", "Zhan"});
        CHECK(aibench.paper.year == 2019);
        CHECK(aibench.extras.arxiv == "1908.08998");
        const UserPaper& osdi = in.new_papers[1];
        CHECK(osdi.paper.title == "An Imaginary Operating Systems Paper About Page Tables");
        CHECK(osdi.paper.venue == "OSDI");
        CHECK(osdi.paper.year == 2024);
        CHECK(osdi.paper.links == Strings{"https://example.org/osdi24-page-tables.pdf"});
        CHECK(osdi.extras.link_kinds == Strings{"paper"});
    }
}

TEST_CASE("list shapes: paper notes, one heading per paper with its details listed under it") {
    const ReadingListImport in = ReadFixture("paper-notes.md");
    // The numbered headings are the papers (their lists are details), "Pipelines" is the
    // section; under "Lecture 5" the Slides/Video lines are logistics, the paper stays.
    CheckEntries(in,
                 {{"Pipelines", "pipedream"}, {"Pipelines", "new"}, {"Lecture 5: Memory", "zero-infinity"}});
    CHECK(SectionTitles(in) == std::vector<std::string>{"Pipelines", "Lecture 5: Memory"});
    REQUIRE(in.new_papers.size() == 1);
    const UserPaper& p = in.new_papers[0];
    CHECK(p.paper.title == "An Unpublished Pipeline Scheduler For Tiny Clusters");
    CHECK(p.paper.authors == std::vector<std::string>{"Grace Hopper", "Edsger Dijkstra"});
    CHECK(p.paper.venue == "EuroSys");
    CHECK(p.paper.year == 2025);
    CHECK(p.paper.links == std::vector<std::string>{"https://github.com/example/tiny-pipelines"});
    CHECK(p.extras.link_kinds == std::vector<std::string>{"code"});
}

TEST_CASE(
    "list shapes: only same-page anchors are navigation; an empty or relative link still names a paper") {
    const ListShape s =
        Shape("- [Storage](#storage)\n  - [LSM](#lsm)\n"
              "- [ ] [On Optimistic Methods for Concurrency Control, TODS, 1981]()\n"
              "- [Raft: In Search of an Understandable Consensus Algorithm](notes/raft.md)\n");
    REQUIRE(s.entries.size() == 2);
    CHECK(s.entries[0].text == "On Optimistic Methods for Concurrency Control, TODS, 1981");
    CHECK(s.entries[0].task);
    CHECK(s.entries[1].links.empty());
}
