// BibTeX in: btparse through bibtex_parser.h, bibtex_import.h, and the import pipeline
// (import_plan.h) on the fixtures in tests/fixtures/bib/ (written for these tests).
// The hostile and huge inputs are the suite "bibtex_pathological": no timing asserts
// here; CTest runs that suite as its own test with a TIMEOUT (CMakeLists.txt), so a
// quadratic regression fails instead of hanging.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/bibtex_import.h"
#include "core/bibtex_parser.h"
#include "core/import_plan.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::TinyCatalogue;

namespace {

const std::string kBibDir = std::string(SHELFMARK_DATA_DIR) + "/../tests/fixtures/bib";

std::string Fixture(const std::string& name) {
    std::ifstream in(kBibDir + "/" + name, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing fixture " << name);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const std::string* Extra(const UserPaper& p, const std::string& name) {
    for (const auto& [k, v] : p.extras.fields)
        if (k == name) return &v;
    return nullptr;
}

const UserPaper* NewPaperTitled(const ReadingListImport& r, const std::string& title) {
    for (const UserPaper& p : r.new_papers)
        if (p.paper.title == title) return &p;
    return nullptr;
}

ImportPlan Plan(const std::string& text, const std::string& name, const Progress& progress,
                const UserData& user, const Catalogue& cat) {
    return PlanImport(text, name, progress, user, &cat, 1'700'000'000'000);
}

} // namespace

TEST_CASE("bibtex: detected by content, Markdown and JSON rules unchanged") {
    CHECK(DetectImportFormat(Fixture("zotero.bib")) == ImportFormat::Bibtex);
    CHECK(DetectImportFormat(Fixture("jabref.bib")) == ImportFormat::Bibtex); // after "% Encoding"
    CHECK(DetectImportFormat(Fixture("macros.bib")) == ImportFormat::Bibtex); // "@preamble" first
    CHECK(DetectImportFormat("\xEF\xBB\xBF\n  @Article ( k, title = {x} )") == ImportFormat::Bibtex);
    CHECK(DetectImportFormat("- [x] @article{not bibtex}\n") == ImportFormat::Markdown);
    CHECK(DetectImportFormat("@someone said hi\n") == ImportFormat::Markdown);
    CHECK(DetectImportFormat("# Reading\n\n@article{k, title={x}}\n") == ImportFormat::Markdown);
    CHECK(DetectImportFormat("{\"format\": \"shelfmark-progress\"}") == ImportFormat::Json);
}

TEST_CASE("bibtex: LaTeX in fields becomes plain UTF-8 text") {
    CHECK(LatexToText("{GPipe}: Efficient {T}raining") == "GPipe: Efficient Training");
    CHECK(LatexToText("M{\\\"u}ller M\\\"{u}ller M\\\"uller") == "M\u00fcller M\u00fcller M\u00fcller");
    CHECK(LatexToText("caf\\'{e} \\c{c} \\v{S}koda \\H{o} \\k{a} \\r{a} \\u{g}") ==
          "caf\u00e9 \u00e7 \u0160koda \u0151 \u0105 \u00e5 \u011f");
    CHECK(LatexToText("na\\\"{\\i}ve Stra\\ss e \\o{} \\AA ngstr\\\"om") ==
          "na\u00efve Stra\u00dfe \u00f8 \u00c5ngstr\u00f6m");
    CHECK(LatexToText("A \\& B 50\\% \\$5 \\#1 a\\_b") == "A & B 50% $5 #1 a_b");
    CHECK(LatexToText("pages 1--2 --- yes~no") == "pages 1\u20132 \u2014 yes no");
    CHECK(LatexToText("``quoted'' \\emph{it} \\textbf{bf} \\unknowncmd{kept}") ==
          "\u201cquoted\u201d it bf kept");
    CHECK(LatexToText("$O(n^2)$ time, \\alpha-test") == "O(n^2) time, \u03b1-test");
    CHECK(LatexToText("\\d{x}") == "x\u0323"); // no precomposed letter: a combining mark
    CHECK(LatexToText("深度学习 {CJK} 标题") == "深度学习 CJK 标题"); // UTF-8 untouched
    CHECK(LatexToText("unbalanced { brace } } and \\") == "unbalanced brace and");
    CHECK(LatexToText(std::string(5000, '{') + "deep" + std::string(5000, '}')) == "deep");
}

TEST_CASE("bibtex: authors split on \"and\"; \"Last, First\" becomes \"First Last\"") {
    CHECK(BibtexAuthors("Huang, Yanping and Cheng, Youlong and others") ==
          std::vector<std::string>{"Yanping Huang", "Youlong Cheng"});
    CHECK(BibtexAuthors("Philipp Moritz AND Robert Nishihara") ==
          std::vector<std::string>{"Philipp Moritz", "Robert Nishihara"});
    CHECK(BibtexAuthors("{Barnes and Noble, Inc.} and von Neumann, Jr, John") ==
          std::vector<std::string>{"Barnes and Noble, Inc.", "John von Neumann, Jr"});
    CHECK(BibtexAuthors("R{\\'e}, Christopher") == std::vector<std::string>{"Christopher R\u00e9"});
    CHECK(BibtexAuthors("张, 三 and 李四") == std::vector<std::string>{"三 张", "李四"});
}

TEST_CASE("bibtex: the btparse wrapper keeps fields, expands @string and #, counts the rest") {
    std::string error;
    const auto f = ParseBibtex(Fixture("macros.bib"), &error);
    REQUIRE_MESSAGE(f, error);
    REQUIRE(f->entries.size() == 1); // the @article inside @comment is not an entry
    const BibEntry& e = f->entries[0];
    CHECK(e.type == "inproceedings");
    CHECK(e.key == "ray");
    CHECK(e.line == 8);
    REQUIRE(e.Find("booktitle"));
    CHECK(*e.Find("booktitle") ==
          "Proceedings of the USENIX Symposium on Operating Systems Design and Implementation (OSDI 2018)");
    CHECK(*e.Find("publisher") == "USENIX Association");
    CHECK(*e.Find("month") == "October");
    CHECK(*e.Find("year") == "2018");
    CHECK(*e.Find("title") == "Ray: A Distributed Framework for Emerging {AI} Applications");
    CHECK(f->strings == 3);
    CHECK(f->preambles == 1);
    CHECK(f->comments.size() == 1);
    CHECK(f->warnings.empty());
}

TEST_CASE("bibtex: a broken file is refused with its line, and btparse is usable afterwards") {
    std::string error;
    CHECK_FALSE(ParseBibtex(Fixture("broken.bib"), &error));
    CHECK(error.find("not valid BibTeX") == 0);
    CHECK(error.find("line 1") != std::string::npos); // the unclosed brace runs to the end: named by btparse
    // Nothing is kept from a parse that failed: the next one starts clean (macros too).
    error.clear();
    CHECK_FALSE(ParseBibtex("@string{x = \"leak\"}\n@article{a, title = {", &error));
    const auto ok = ParseBibtex("@article{b, title = x}", &error);
    REQUIRE(ok);
    CHECK(ok->entries[0].fields[0].value.empty());
    REQUIRE(ok->warnings.size() == 1);
    CHECK(ok->warnings[0] == "line 1: undefined macro \"x\" (left empty)");
}

TEST_CASE("bibtex: btparse's fatal errors end the parse, not the process") {
    // More fields than btparse's parser stack holds: it calls exit() (PCCTS); the hook
    // takes it back to the wrapper, which says so; the next parse works.
    std::string big = "@article{a";
    for (int i = 0; i < 1000; ++i)
        big += ", f" + std::to_string(i) + " = {v}";
    big += "}\n";
    std::string error;
    CHECK_FALSE(ParseBibtex(big, &error));
    CHECK(error == "after line 1: an entry with more fields or `#` pieces than the BibTeX parser can hold");
    const auto again = ParseBibtex(Fixture("zotero.bib"), &error);
    REQUIRE_MESSAGE(again, error);
    CHECK(again->entries.size() == 3);
}

TEST_CASE("bibtex: Zotero's export becomes a list; matches by title and arXiv, new papers keep every field") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;
    const ImportPlan plan = Plan(Fixture("zotero.bib"), "my-library.bib", progress, user, cat);
    REQUIRE_MESSAGE(plan.error.empty(), plan.error);
    CHECK(plan.format == ImportFormat::Bibtex);
    CHECK(plan.Default() == ImportMode::NewList);
    CHECK_FALSE(plan.Offers(ImportMode::ChecklistProgress));
    CHECK(plan.WhyNot(ImportMode::Merge) == "this is BibTeX, not a Shelfmark progress file");
    REQUIRE(plan.reading_list);
    const ReadingListImport& r = *plan.reading_list;
    CHECK(r.list.list.title == "my-library");
    REQUIRE(r.list.list.sections.size() == 1);
    CHECK(r.list.list.sections[0].title == "my-library");
    REQUIRE(r.items.size() == 3);
    CHECK(r.items[0].paper == "tvm");
    CHECK(r.items[0].by == MatchBy::Title);
    CHECK(r.items[0].title == "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning");
    CHECK(r.items[0].cite.authors ==
          std::vector<std::string>{"Tianqi Chen", "Thierry Moreau", "Ziheng Jiang"});
    CHECK(r.items[0].cite.venue ==
          "13th USENIX Symposium on Operating Systems Design and Implementation (OSDI 18)");
    CHECK(r.items[1].paper == "gpipe");
    CHECK(r.items[1].cite.arxiv == "1811.06965");
    CHECK(r.items[1].cite.doi == "10.48550/arxiv.1811.06965");
    CHECK(r.matched == 2);
    CHECK(r.unmatched == 1);
    REQUIRE(r.new_papers.size() == 1);
    const UserPaper& p = r.new_papers[0];
    CHECK(p.paper.title == "Attention Is All You Need");
    CHECK(p.paper.authors == std::vector<std::string>{"Ashish Vaswani", "Noam Shazeer", "Niki Parmar"});
    CHECK(p.paper.venue == "Advances in Neural Information Processing Systems");
    CHECK(p.paper.year == 2017);
    CHECK(p.paper.links ==
          std::vector<std::string>{"https://papers.nips.cc/paper/7181-attention-is-all-you-need"});
    REQUIRE(p.extras.fields.size() >= 4);
    CHECK(p.extras.fields[0] == std::pair<std::string, std::string>{"@type", "article"});
    CHECK(p.extras.fields[1] == std::pair<std::string, std::string>{"@key", "vaswani_attention_2017"});
    REQUIRE(Extra(p, "volume"));
    CHECK(*Extra(p, "volume") == "30");
    REQUIRE(Extra(p, "keywords"));
    CHECK(*Extra(p, "keywords") == "transformers, attention");
    CHECK_FALSE(Extra(p, "title")); // became the paper's own fields
    CHECK_FALSE(Extra(p, "author"));
    CHECK_FALSE(Extra(p, "journal"));
    CHECK_FALSE(Extra(p, "url"));

    // Applied: one list and one new paper; no status in a Zotero file.
    UserData after;
    Progress progress_after;
    const ImportOutcome out = ApplyPlan(plan, ImportMode::NewList, progress_after, after, 1'700'000'000'000);
    CHECK(out.applied);
    CHECK(after.lists.size() == 1);
    CHECK(after.papers.size() == 1);
    CHECK(out.statuses_set == 0);
    CHECK(progress_after.StatusOf("tvm") == Status::Unread);
}

TEST_CASE("bibtex: JabRef's readstatus becomes progress (never lowered) and its groups become sections") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;
    const ImportPlan plan = Plan(Fixture("jabref.bib"), "jabref.bib", progress, user, cat);
    REQUIRE_MESSAGE(plan.error.empty(), plan.error);
    const ReadingListImport& r = *plan.reading_list;
    REQUIRE(r.items.size() == 4);
    CHECK(r.items[0].paper == "tvm");
    CHECK(r.items[0].by == MatchBy::Link); // eprint + archivePrefix: https://arxiv.org/abs/1802.04799
    REQUIRE(r.list.list.sections.size() == 3);
    CHECK(r.list.list.sections[0].title == "Compilers");
    CHECK(r.list.list.sections[1].title == "Transformers");
    CHECK(r.list.list.sections[2].title == "Ungrouped");
    CHECK(r.list.list.sections[1].entries.size() == 2); // Vaswani2017, Dao2022 (its first group)
    const UserPaper* flash =
        NewPaperTitled(r, "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness");
    REQUIRE(flash);
    CHECK(flash->paper.authors.back() == "Christopher R\u00e9");
    CHECK(flash->extras.doi == "10.48550/arxiv.2205.14135");
    // arXiv's own DOI (10.48550/arXiv.<id>) names the arXiv id: venue arXiv, the abs link.
    CHECK(flash->extras.arxiv == "2205.14135");
    CHECK(flash->paper.venue == "arXiv");
    CHECK(flash->paper.links == std::vector<std::string>{"https://doi.org/10.48550/arxiv.2205.14135",
                                                         "https://arxiv.org/abs/2205.14135"});
    REQUIRE(Extra(*flash, "readstatus"));
    REQUIRE(Extra(*flash, "groups"));
    const UserPaper* attention = NewPaperTitled(r, "Attention Is All You Need");
    REQUIRE(attention);
    CHECK(*Extra(*attention, "priority") == "prio1");

    REQUIRE(plan.bibtex);
    CHECK(plan.bibtex->statuses.size() == 3);
    CHECK(plan.bibtex_progress.become_read == 1);
    CHECK(plan.bibtex_progress.become_reading == 2);
    CHECK(BibtexProgressLine(plan.bibtex_progress) == "Reading status (JabRef's readstatus): 3 entries; 1 "
                                                      "paper becomes read, 2 become reading (skimmed), 0 "
                                                      "unchanged (already there or further).");

    // Already read or skipped: a "read" replaces skipped, "skimmed" never replaces read.
    Progress p2;
    REQUIRE(p2.SetStatus("tvm", Status::Skipped, 1));
    const ImportOutcome out = ApplyPlan(plan, ImportMode::NewList, p2, user, 1'700'000'000'000);
    CHECK(out.statuses_set == 3);
    CHECK(p2.StatusOf("tvm") == Status::Read);
    CHECK(p2.StatusOf(attention->paper.id) == Status::Reading);
    CHECK(out.summary.find("3 reading statuses set from the file") != std::string::npos);

    Progress p3;
    REQUIRE(p3.SetStatus("tvm", Status::Read, 1));
    UserData u3;
    const ImportPlan again = Plan(Fixture("jabref.bib"), "jabref.bib", p3, u3, cat);
    CHECK(again.bibtex_progress.become_read == 0);
    CHECK(again.bibtex_progress.unchanged == 1);
}

TEST_CASE("bibtex: skimmed never lowers reading or read, and a status is not set twice") {
    const Catalogue cat = TinyCatalogue();
    const std::string bib = "@article{a, title = {GPipe: Efficient Training of Giant Neural Networks using "
                            "Pipeline Parallelism}, readstatus = {skimmed}}\n";
    for (Status before : {Status::Reading, Status::Read, Status::Skipped}) {
        Progress progress;
        REQUIRE(progress.SetStatus("gpipe", before, 1));
        UserData user;
        const ImportPlan plan = Plan(bib, "x.bib", progress, user, cat);
        REQUIRE(plan.error.empty());
        CHECK(plan.bibtex_progress.unchanged == 1);
        ApplyPlan(plan, ImportMode::NewList, progress, user, 2);
        CHECK(progress.StatusOf("gpipe") == before);
    }
}

TEST_CASE("bibtex: accents, CJK titles and Korean names stay UTF-8 clean") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;
    const ImportPlan latex = Plan(Fixture("latex.bib"), "latex.bib", progress, user, cat);
    REQUIRE_MESSAGE(latex.error.empty(), latex.error);
    const UserPaper& p = latex.reading_list->new_papers.at(0);
    CHECK(p.paper.title ==
          "\u00dcber M\u00fcller's na\u00efve caf\u00e9 & Stra\u00dfe: fa\u00e7ade, \u0160koda, "
          "\u00f8l, \u0141\u00f3d\u017a \u2014 pages 1\u20132, really bold");
    CHECK(p.paper.authors == std::vector<std::string>{"J\u00f6rg M\u00fcller", "P\u00e1l Erd\u0151s",
                                                      "Anders \u00c5ngstr\u00f6m", "John von Neumann, Jr"});
    CHECK(p.paper.venue == "Journal of TeXnical \u201cQuotes\u201d");

    const ImportPlan cjk = Plan(Fixture("cjk.bib"), "论文.bib", progress, user, cat);
    REQUIRE_MESSAGE(cjk.error.empty(), cjk.error);
    const ReadingListImport& r = *cjk.reading_list;
    CHECK(r.list.list.title == "论文");
    REQUIRE(r.new_papers.size() == 2);
    CHECK(r.new_papers[0].paper.title == "深度学习编译器综述");
    CHECK(r.new_papers[0].paper.venue == "计算机学报");
    CHECK(r.new_papers[1].paper.title == "GPU 클러스터에서의 분산 학습 스케줄링");
    CHECK(r.new_papers[1].paper.authors == std::vector<std::string>{"Minsu Kim", "영희 이"});
    CHECK(r.new_papers[1].paper.venue == "한국정보과학회 학술발표논문집");
    CHECK(cjk.bibtex_progress.become_read == 1);
    for (const UserPaper& np : r.new_papers)
        CHECK_MESSAGE(!np.paper.id.empty(), np.paper.title);
}

TEST_CASE("bibtex: a broken file is a clear error and changes nothing") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;
    const ImportPlan plan = Plan(Fixture("broken.bib"), "broken.bib", progress, user, cat);
    CHECK(plan.format == ImportFormat::Bibtex);
    CHECK(plan.error.find("Not usable BibTeX: not valid BibTeX: line") == 0);
    CHECK_FALSE(plan.Offers(ImportMode::NewList));
    const ImportOutcome out = ApplyPlan(plan, ImportMode::NewList, progress, user, 5);
    CHECK_FALSE(out.applied);
    CHECK(user.Empty());
    CHECK_FALSE(progress.HasDirty());

    const ImportPlan empty = Plan("@comment{nothing here}\n", "c.bib", progress, user, cat);
    CHECK(empty.error == "Not usable BibTeX: no BibTeX entries (such as @article{...}) found");
}

TEST_CASE("bibtex: duplicate keys keep the first entry; one title twice is one new paper") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;
    const ImportPlan plan = Plan(Fixture("duplicates.bib"), "dups.bib", progress, user, cat);
    REQUIRE_MESSAGE(plan.error.empty(), plan.error);
    REQUIRE(plan.bibtex);
    CHECK(plan.bibtex->entries == 3);
    CHECK(plan.bibtex->duplicate_keys == 1);
    REQUIRE_FALSE(plan.bibtex->warnings.empty());
    CHECK(plan.bibtex->warnings[0] == "line 6: duplicate key \"same\" (the first entry is kept)");
    const ReadingListImport& r = *plan.reading_list;
    CHECK(r.items.size() == 2);
    CHECK(r.new_papers.size() == 1);
    CHECK(r.items[0].paper == r.items[1].paper);
}

TEST_CASE("bibtex: hostile input is refused or bounded" * doctest::test_suite("bibtex_pathological")) {
    std::string error;
    // "Billion laughs": each @string four times the one before; 4^20 copies if expanded.
    std::string laughs = "@string{s0 = \"laugh laugh laugh laugh \"}\n";
    for (int i = 1; i <= 20; ++i)
        laughs += "@string{s" + std::to_string(i) + " = s" + std::to_string(i - 1) + " # s" +
                  std::to_string(i - 1) + " # s" + std::to_string(i - 1) + " # s" + std::to_string(i - 1) +
                  "}\n";
    laughs += "@article{k, title = s20}\n";
    CHECK_FALSE(ParseBibtex(laughs, &error));
    CHECK(error.find("longer than 64 KiB") != std::string::npos);

    // One value of 1 MiB without a break: refused before btparse regrows its buffer 500 times.
    CHECK_FALSE(ParseBibtex("@article{k, title = {" + std::string(1 << 20, 'x') + "}}", &error));
    CHECK(error.find("without a break") != std::string::npos);

    // Braces nested 30,000 deep, and a value of 60,000 # pieces.
    const auto deep =
        ParseBibtex("@article{k, title = " + std::string(30000, '{') + std::string(30000, '}') + "}", &error);
    REQUIRE_MESSAGE(deep, error);
    CHECK(LatexToText(deep->entries[0].fields[0].value).empty());
    std::string pieces = "@article{k, title = \"a\"";
    for (int i = 0; i < 60000; ++i)
        pieces += " # \"b\"";
    const auto pasted = ParseBibtex(pieces + "}", &error);
    REQUIRE_MESSAGE(pasted, error);
    CHECK(pasted->entries[0].fields[0].value == "a" + std::string(60000, 'b'));

    CHECK_FALSE(ParseBibtex(std::string("@article{k, title = {a\0b}}", 26), &error));
    CHECK(error.find("NUL") != std::string::npos);
    CHECK_FALSE(ParseBibtex(std::string((8u << 20) + 1, ' '), &error));
}

TEST_CASE("bibtex: a huge library (20,000 entries) plans" * doctest::test_suite("bibtex_pathological")) {
    std::string big;
    for (int i = 0; i < 20000; ++i)
        big += "@article{key" + std::to_string(i) + ",\n  title = {Paper Number " + std::to_string(i) +
               " on M{\\\"u}ller's {GPU} Pipelines},\n  author = {Doe, Jane and Roe, Richard},\n  journal = "
               "{Journal " +
               std::to_string(i % 50) + "},\n  year = {" + std::to_string(1990 + i % 30) +
               "},\n  readstatus = {read},\n}\n\n";
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;
    const ImportPlan plan = Plan(big, "big.bib", progress, user, cat);
    REQUIRE_MESSAGE(plan.error.empty(), plan.error);
    CHECK(plan.reading_list->items.size() == 20000);
    CHECK(plan.bibtex_progress.become_read == 20000);
    std::string error;
    CHECK_FALSE(ParseBibtex(big + "@article{one-more, title = {x}}", &error,
                            BibLimits{8u << 20, 20000, 200, 64u << 10}));
    CHECK(error == "more than 20000 entries");
}
