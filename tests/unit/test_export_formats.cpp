#include <doctest/doctest.h>

#include "core/export_formats.h"
#include "core/markdown_import.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::Contains;
using shelfmark::testing::TinyCatalogue;

namespace {

// Splits RFC 4180 CSV into rows of fields (enough for the tests: quotes, CRLF).
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1);
    std::string field;
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().push_back(field);
            field.clear();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            rows.back().push_back(field);
            field.clear();
            rows.emplace_back();
            ++i;
        } else {
            field += c;
        }
    }
    if (rows.back().empty() && field.empty()) rows.pop_back();
    return rows;
}

} // namespace

TEST_CASE("export: a list as a Markdown checklist in the shape of seed 001") {
    const Catalogue cat = TinyCatalogue();
    Progress p;
    p.SetStatus("tvm", Status::Read, 10);
    p.SetStatus("gpipe", Status::Reading, 10);
    const PaperLookup lookup{&cat, nullptr};
    const std::string md = ExportListMarkdown(*cat.FindList("course"), lookup, p);
    CHECK(md ==
          "---\n"
          "title           : 'A Course: Systems & ML'\n"
          "---\n"
          "\n"
          "> [https://example.org/course/](https://example.org/course/)\n"
          "\n"
          "# Paper List\n"
          "\n"
          "## Week 1: Intro\n"
          "\n"
          "### Required Reading\n"
          "\n"
          "- - [ ] [How to Read a Paper](https://web.stanford.edu/class/ee384m/Handouts/HowtoReadPaper.pdf)\n"
          "\n"
          "### Optional Reading\n"
          "\n"
          "- - [x] [TVM: An Automated End-to-End Optimizing Compiler for Deep Learning]"
          "(https://arxiv.org/abs/1802.04799)\n"
          "\n"
          "## Week 2\n"
          "\n"
          "### Required Reading\n"
          "\n"
          "- - [ ] [GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism]"
          "(https://proceedings.neurips.cc/paper/2019/file/093f65e080a295f8076b1c5722a46aa2-Paper.pdf)\n");
}

TEST_CASE("export: Markdown out reads back in (progress and list)") {
    const Catalogue cat = TinyCatalogue();
    Progress p;
    p.SetStatus("tvm", Status::Read, 10);
    p.SetStatus("how-to-read", Status::Read, 10);
    const PaperLookup lookup{&cat, nullptr};
    const ReadingList& course = *cat.FindList("course");
    const std::string md = ExportListMarkdown(course, lookup, p);
    PaperMatcher m;
    m.AddCatalogue(cat);
    std::string err;
    const auto checklist = ReadMarkdownChecklist(md, m, &err);
    REQUIRE_MESSAGE(checklist, err);
    Progress back;
    ApplyChecklist(*checklist, back, 99);
    for (const Paper& paper : cat.papers)
        CHECK((back.StatusOf(paper.id) == Status::Read) == (p.StatusOf(paper.id) == Status::Read));

    const auto list = ReadMarkdownReadingList(md, m, {}, nullptr, &err);
    REQUIRE_MESSAGE(list, err);
    CHECK(list->list.list.title == course.title);
    CHECK(list->list.list.source == course.source);
    CHECK(list->new_papers.empty());
    REQUIRE(list->list.list.sections.size() == course.sections.size());
    for (size_t s = 0; s < course.sections.size(); ++s) {
        const Section& a = course.sections[s];
        const Section& b = list->list.list.sections[s];
        CHECK(a.title == b.title);
        REQUIRE(a.entries.size() == b.entries.size());
        for (size_t e = 0; e < a.entries.size(); ++e) {
            CHECK(a.entries[e].paper == b.entries[e].paper);
            CHECK(a.entries[e].role == b.entries[e].role);
        }
    }
}

TEST_CASE("export: titles with Markdown syntax and odd URLs survive the round trip") {
    Catalogue cat;
    Paper odd;
    odd.id = "odd";
    odd.title = "Why `*stars*` & [brackets] <matter> #1 | _really_ \\ ~";
    odd.links = {"https://example.org/a (b).pdf"};
    cat.papers.push_back(odd);
    ReadingList l;
    l.id = "l";
    l.title = "It's a 'list'";
    l.sections = {{"Part [1] *bold*", "", {{"odd", "presentation"}}}};
    cat.lists.push_back(l);
    cat.Reindex();
    Progress p;
    p.SetStatus("odd", Status::Read, 1);
    const PaperLookup lookup{&cat, nullptr};
    const std::string md = ExportListMarkdown(l, lookup, p);
    CHECK(Contains(md, "### Presentation Reading"));
    CHECK(Contains(md, "(https://example.org/a%20%28b%29.pdf)"));
    PaperMatcher m;
    m.AddCatalogue(cat);
    std::string err;
    const auto back = ReadMarkdownReadingList(md, m, {}, nullptr, &err);
    REQUIRE_MESSAGE(back, err);
    CHECK(back->list.list.title == l.title);
    REQUIRE(back->list.list.sections.size() == 1);
    CHECK(back->list.list.sections[0].title == "Part [1] *bold*"); // escaped, so literal
    REQUIRE(back->items.size() == 1);
    CHECK(back->items[0].paper == "odd");
    CHECK(back->items[0].role == "presentation");
    CHECK(back->items[0].task);
    CHECK(back->items[0].checked);
    CHECK(back->items[0].title == odd.title);
}

TEST_CASE("export: every bundled list round-trips through Markdown") {
    const CatalogueLoad load = LoadCatalogueDir(SHELFMARK_DATA_DIR);
    if (!load.ok()) {
        MESSAGE("data/ does not load yet: " << load.errors.front().ToString());
        return;
    }
    const Catalogue& cat = load.catalogue;
    PaperMatcher m;
    m.AddCatalogue(cat);
    const PaperLookup lookup{&cat, nullptr};
    for (const ReadingList& l : cat.lists) {
        INFO(l.id);
        Progress p;
        const std::string md = ExportListMarkdown(l, lookup, p);
        std::string err;
        const auto back = ReadMarkdownReadingList(md, m, {}, nullptr, &err);
        REQUIRE_MESSAGE(back, err);
        CHECK(back->new_papers.empty());
        std::vector<std::string> want, got;
        for (const Section& s : l.sections)
            for (const Entry& e : s.entries)
                if (cat.FindPaper(e.paper)) want.push_back(cat.Canonical(e.paper) + "/" + e.role);
        for (const Section& s : back->list.list.sections)
            for (const Entry& e : s.entries)
                got.push_back(e.paper + "/" + e.role);
        CHECK(want == got);
    }
}

TEST_CASE("export: BibTeX has the fields, the status, and escapes TeX specials") {
    const Catalogue cat = TinyCatalogue();
    Paper special;
    special.id = "u-special";
    special.title = "100% of {braces} & under_scores #1 $5 ~ ^";
    special.authors = {"Barnes and Noble", "Jane Doe"};
    special.venue = "arXiv";
    special.year = 2021;
    special.links = {"https://arxiv.org/abs/2101.00001"};
    UserData u;
    u.papers["u-special"] = {special, 1};
    Progress p;
    p.SetStatus("tvm", Status::Read, 1);
    p.SetTags("tvm", {"compilers", "gpu"}, 1);
    const PaperLookup lookup{&cat, &u};
    const std::string bib = ExportBibtex(PapersForExport(lookup, cat.FindList("course")), p);
    CHECK(Contains(bib, "@inproceedings{tvm,\n"
                        "  title = {{TVM: An Automated End-to-End Optimizing Compiler for Deep Learning}},\n"
                        "  author = {Tianqi Chen and Thierry Moreau},\n"
                        "  booktitle = {OSDI},\n"
                        "  year = {2018},\n"
                        "  url = {https://arxiv.org/abs/1802.04799},\n"
                        "  eprint = {1802.04799},\n"
                        "  archiveprefix = {arXiv},\n"
                        "  status = {read},\n"
                        "  keywords = {compilers, gpu},\n"
                        "}\n"));
    CHECK(Contains(bib, "@misc{how-to-read,\n"));
    CHECK(Contains(bib, "  status = {unread},\n"));
    const std::string all = ExportBibtex(PapersForExport(lookup, nullptr), p);
    CHECK(Contains(all, "@misc{u-special,\n"
                        "  title = {{100\\% of \\{braces\\} \\& under\\_scores \\#1 \\$5 \\textasciitilde{} "
                        "\\textasciicircum{}}},\n"
                        "  author = {{Barnes and Noble} and Jane Doe},\n"
                        "  howpublished = {arXiv},\n"));
    // Braces stay balanced in every entry.
    int depth = 0;
    for (size_t i = 0; i < all.size(); ++i) {
        if (all[i] == '\\') {
            ++i;
            continue;
        }
        if (all[i] == '{') ++depth;
        if (all[i] == '}') --depth;
        CHECK(depth >= 0);
    }
    CHECK(depth == 0);
}

TEST_CASE("export: CSV is RFC 4180 with CRLF and quoting") {
    const Catalogue cat = TinyCatalogue();
    Progress p;
    p.SetStatus("tvm", Status::Read, 1700000000000);
    p.SetNote("tvm", "line one, with comma\nline \"two\"", 5);
    p.SetPriority("tvm", 2, 6);
    const PaperLookup lookup{&cat, nullptr};
    const std::string csv = ExportCsv(PapersForExport(lookup, cat.FindList("course")), p);
    CHECK(
        csv.rfind("list,section,role,id,title,authors,venue,year,url,status,status_at,priority,tags,note\r\n",
                  0) == 0);
    const auto rows = ParseCsv(csv);
    REQUIRE(rows.size() == 4);
    for (const auto& r : rows)
        CHECK(r.size() == 14);
    CHECK(rows[1][0] == "course");
    CHECK(rows[1][1] == "Week 1: Intro");
    CHECK(rows[1][3] == "how-to-read");
    CHECK(rows[1][9] == "unread");
    CHECK(rows[2][3] == "tvm");
    CHECK(rows[2][5] == "Tianqi Chen; Thierry Moreau");
    CHECK(rows[2][9] == "read");
    CHECK(rows[2][10] == "2023-11-14T22:13:20Z");
    CHECK(rows[2][11] == "2");
    CHECK(rows[2][13] == "line one, with comma\nline \"two\"");
    CHECK(Contains(csv, "\"line one, with comma\nline \"\"two\"\"\""));
    CHECK(rows[3][2] == "required");
    // Without a list: every paper once, in id order.
    const auto all = ParseCsv(ExportCsv(PapersForExport(lookup, nullptr), p));
    REQUIRE(all.size() == 4);
    CHECK(all[1][3] == "gpipe");
    CHECK(all[2][3] == "how-to-read");
    CHECK(all[3][3] == "tvm");
    CHECK(all[3][0].empty());
}
