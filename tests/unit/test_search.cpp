// Tests for search: folding, the query syntax, ranking, typo tolerance, filters, CJK and
// incremental updates, on a small hand-built catalogue, plus a 50k synthetic smoke test.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/search.h"
#include "core/synthetic.h"

using namespace shelfmark;

namespace {

Paper MakePaper(std::string id, std::string title, std::vector<std::string> authors, std::string venue,
                int year) {
    Paper p;
    p.id = std::move(id);
    p.title = std::move(title);
    p.authors = std::move(authors);
    p.venue = std::move(venue);
    p.year = year;
    p.links = {"https://example.org/" + p.id};
    return p;
}

Section MakeSection(std::string title, std::string date, std::vector<Entry> entries) {
    Section s;
    s.title = std::move(title);
    s.date = std::move(date);
    s.entries = std::move(entries);
    return s;
}

// Eight papers over two lists. Order matters: it is the catalogue order.
Catalogue SmallCatalogue() {
    Catalogue c;
    c.papers.push_back(MakePaper("pipedream", "PipeDream: Generalized Pipeline Parallelism for DNN Training",
                                 {"Deepak Narayanan", "Aaron Harlap"}, "SOSP", 2019));
    c.papers.push_back(MakePaper("megatron-lm",
                                 "Megatron-LM: Training Multi-Billion Parameter Language Models",
                                 {"Mohammad Shoeybi"}, "arXiv", 2019));
    c.papers.push_back(
        MakePaper("gpipe", "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
                  {"Yanping Huang"}, "NeurIPS", 2019));
    c.papers.push_back(MakePaper("alpa", "Alpa: Automating Inter- and Intra-Operator Parallelism",
                                 {"Lianmin Zheng"}, "OSDI", 2022));
    c.papers.push_back(MakePaper("tvm", "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
                                 {"Tianqi Chen"}, "OSDI", 2018));
    c.papers.push_back(MakePaper("cafe",
                                 "Caf\xC3\xA9 Scheduling: Na\xC3\xAFve Sch\xC3\xA9mas for GPU Clusters",
                                 {"J\xC3\xBCrgen M\xC3\xBCller"}, "EuroSys", 2021));
    c.papers.push_back(
        MakePaper("zh-paper",
                  "\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F\xE8\xAE\xAD\xE7\xBB\x83\xE7\xB3\xBB\xE7\xBB\x9F"
                  " (Distributed Training Systems)",
                  {}, "", 0)); // 分布式训练系统
    c.papers.push_back(MakePaper("mapreduce", "MapReduce: Simplified Data Processing on Large Clusters",
                                 {"Jeffrey Dean", "Sanjay Ghemawat"}, "OSDI", 2004));
    c.papers[1].aliases = {"megatron"};
    c.papers[4].kind = "talk";

    ReadingList course;
    course.id = "ucb-cs294-ai-sys-sp22";
    course.title = "AI-Sys Spring 2022";
    course.sections.push_back(
        MakeSection("Week 1: Big Data", "2022-01-24", {{"mapreduce", "required"}, {"tvm", "optional"}}));
    course.sections.push_back(
        MakeSection("Week 3: Distributed Training", "2022-02-07",
                    {{"pipedream", "required"}, {"gpipe", "optional"}, {"megatron-lm", "extra"}}));
    course.sections.push_back(MakeSection("Week 30: Far Future", "", {{"alpa", "required"}}));
    ReadingList topics;
    topics.id = "ml-systems";
    topics.title = "ML Systems Paper Notes";
    topics.kind = "topic-list";
    topics.sections.push_back(
        MakeSection("Pipeline Parallelism", "", {{"gpipe", "required"}, {"pipedream", "listed"}}));
    topics.sections.push_back(MakeSection("Scheduling", "", {{"cafe", "listed"}, {"zh-paper", "listed"}}));
    c.lists = {course, topics};
    c.Reindex();
    return c;
}

// Ids of the hits, in order.
std::vector<std::string> Ids(const Catalogue& c, const SearchResult& r) {
    std::vector<std::string> out;
    for (const SearchHit& h : r.hits)
        out.push_back(c.papers[h.paper].id);
    return out;
}

// A catalogue, progress and index built together.
struct Fixture {
    Catalogue catalogue = SmallCatalogue();
    Progress progress;
    SearchIndex index;

    Fixture() {
        progress.SetStatus("pipedream", Status::Read, 1000);
        progress.SetStatus("gpipe", Status::Reading, 1000);
        progress.SetStatus("alpa", Status::Skipped, 1000);
        progress.SetStatus("tvm", Status::Read, 1000);
        progress.SetNote(
            "tvm", "Compared with **Halide**; the scheduling language is neat. See PipeDream too.", 1000);
        progress.SetNote(
            "mapreduce",
            "\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F\xE8\xAE\xA1\xE7\xAE\x97\xE7\x9A\x84\xE7\xBB\x8F"
            "\xE5\x85\xB8\xE8\xAE\xBA\xE6\x96\x87\xEF\xBC\x8C\xE5\x80\xBC\xE5\xBE\x97\xE9\x87\x8D\xE8\xAF\xBB"
            "\xE3\x80\x82 \xEB\xB6\x84\xEC\x82\xB0 \xEC\x8B\x9C\xEC\x8A\xA4\xED\x85\x9C\xEC\x9D\x98 "
            "\xE5\x8F\xA4\xE5\x85\xB8\xE3\x81\xA7\xE3\x81\x99\xE3\x80\x82",
            1000); // 分布式计算的经典论文，值得重读。 분산 시스템의 古典です。
        progress.SetTags("gpipe", {"todo", "pipeline-parallel"}, 1000);
        progress.SetTags("alpa", {"todo"}, 1000);
        progress.SetPriority("gpipe", 3, 1000);
        index.Build(catalogue, progress);
    }
    SearchResult Run(std::string_view q, size_t limit = 1000) const {
        return Search(ParseQuery(q), index, progress, limit);
    }
    std::vector<std::string> Find(std::string_view q) const { return Ids(catalogue, Run(q)); }
    // Position of a paper among the hits, or -1.
    int Rank(std::string_view q, const std::string& id) const {
        const auto ids = Find(q);
        const auto it = std::find(ids.begin(), ids.end(), id);
        return it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
    }
};

bool Has(const std::vector<std::string>& v, const std::string& s) {
    return std::find(v.begin(), v.end(), s) != v.end();
}

} // namespace

// ------------------------------------------------------------------ folding

TEST_CASE("search: FoldText lowercases, strips diacritics and punctuation, keeps CJK") {
    CHECK(FoldedText("PipeDream: Generalized  Pipeline-Parallelism!") ==
          "pipedream generalized pipeline parallelism");
    CHECK(FoldedText("Caf\xC3\xA9 na\xC3\xAFve \xC3\x86sir Stra\xC3\x9F"
                     "e \xC5\x81\xC3\xB3"
                     "d\xC5\xBA") == "cafe naive aesir strasse lodz");
    CHECK(FoldedText("e\xCC\x81t\xC3\xA9") == "ete");                   // combining acute, precomposed
    CHECK(FoldedText("\xEF\xBC\xA7\xEF\xBC\xB0\xEF\xBC\xB5") == "gpu"); // fullwidth ＧＰＵ
    CHECK(FoldedText("\xD0\x81\xD0\x96 \xCE\x91\xCE\x8A") ==
          "\xD0\xB5\xD0\xB6 \xCE\xB1\xCE\xB9"); // ЁЖ ΑΊ -> еж αι
    CHECK(FoldedText("Ti\xE1\xBA\xBFng Vi\xE1\xBB\x87t") == "tieng viet");
    CHECK(FoldedText("\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F\xE3\x80\x81GPU") ==
          "\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F gpu");
    CHECK(FoldedText("  ---  ") == "");
    CHECK(FoldedText("a\xFF\xFE"
                     "b") == "a b"); // invalid UTF-8 is punctuation
    CHECK(FoldedText("pipe\xC2\xAD"
                     "dream") == "pipedream"); // soft hyphen joins
    std::string out = "keep:";
    FoldText("X", out);
    CHECK(out == "keep:x");
}

// ------------------------------------------------------------------ parsing

TEST_CASE("search: ParseQuery reads every filter field") {
    const SearchQuery q =
        ParseQuery("status:read venue:osdi year:2019..2021 list:ucb-cs294-ai-sys-sp22 "
                   "section:\"Week 3\" role:required tag:todo priority:high kind:talk id:GPipe "
                   "has:notes -status:skipped \"exact phrase\" free words");
    CHECK(q.errors.empty());
    REQUIRE(q.filters.size() == 12);
    CHECK(q.filters[0].field == FilterField::Status);
    CHECK(q.filters[0].bits == (1u << static_cast<int>(Status::Read)));
    CHECK(q.filters[1].field == FilterField::Venue);
    CHECK(q.filters[1].values == std::vector<std::string>{"osdi"});
    CHECK(q.filters[2].field == FilterField::Year);
    REQUIRE(q.filters[2].years.size() == 1);
    CHECK(q.filters[2].years[0].from == 2019);
    CHECK(q.filters[2].years[0].to == 2021);
    CHECK(q.filters[3].field == FilterField::List);
    CHECK(q.filters[3].values == std::vector<std::string>{"ucb cs294 ai sys sp22"});
    CHECK(q.filters[4].field == FilterField::Section);
    CHECK(q.filters[4].values == std::vector<std::string>{"week 3"});
    CHECK(q.filters[5].field == FilterField::Role);
    CHECK(q.filters[6].field == FilterField::Tag);
    CHECK(q.filters[6].values == std::vector<std::string>{"todo"});
    CHECK(q.filters[7].field == FilterField::Priority);
    CHECK(q.filters[7].bits == (1u << 3));
    CHECK(q.filters[8].field == FilterField::Kind);
    CHECK(q.filters[9].field == FilterField::Id);
    CHECK(q.filters[9].values == std::vector<std::string>{"gpipe"});
    CHECK(q.filters[10].field == FilterField::Has);
    CHECK(q.filters[10].values == std::vector<std::string>{"note"});
    CHECK(q.filters[11].field == FilterField::Status);
    CHECK(q.filters[11].negated);
    CHECK_FALSE(q.filters[0].negated);

    REQUIRE(q.terms.size() == 3);
    CHECK(q.terms[0].text == "exact phrase");
    CHECK(q.terms[0].phrase);
    CHECK_FALSE(q.terms[0].open);
    CHECK(q.terms[1].text == "free");
    CHECK(q.terms[2].text == "words");
    CHECK(q.terms[2].open); // still being typed
    CHECK_FALSE(ParseQuery("free words ").terms[1].open);
}

TEST_CASE("search: ParseQuery takes comma lists, quoted values, negation and text fields") {
    SearchQuery q = ParseQuery("status:read,Reading section:\"Week 3\",\"week 4\" -tag:a,b");
    REQUIRE(q.filters.size() == 3);
    CHECK(q.filters[0].bits ==
          ((1u << static_cast<int>(Status::Read)) | (1u << static_cast<int>(Status::Reading))));
    CHECK(q.filters[1].values == std::vector<std::string>{"week 3", "week 4"});
    CHECK(q.filters[2].negated);
    CHECK(q.filters[2].values == std::vector<std::string>{"a", "b"});

    q = ParseQuery("-gpu -\"deep learning\" -pipe-dream title:\"giant neural\" author:dean NOTE:halide");
    CHECK(q.errors.empty());
    REQUIRE(q.terms.size() == 6);
    CHECK(q.terms[0].negated);
    CHECK_FALSE(q.terms[0].phrase);
    CHECK(q.terms[1].negated);
    CHECK(q.terms[1].phrase);
    CHECK(q.terms[2].text == "pipe dream"); // a negated compound stays one phrase
    CHECK(q.terms[2].phrase);
    CHECK(q.terms[3].fields == FieldBit(SearchField::Title));
    CHECK(q.terms[3].phrase);
    CHECK(q.terms[4].fields == FieldBit(SearchField::Authors));
    CHECK(q.terms[5].fields == FieldBit(SearchField::Notes));
    CHECK(q.terms[5].text == "halide");

    q = ParseQuery("pipe-dream gpt\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F");
    REQUIRE(q.terms.size() == 4); // split at punctuation and between scripts
    CHECK(q.terms[0].text == "pipe");
    CHECK(q.terms[1].text == "dream");
    CHECK(q.terms[2].text == "gpt");
    CHECK(q.terms[3].text == "\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F");

    q = ParseQuery("\"unclosed phr");
    REQUIRE(q.terms.size() == 1);
    CHECK(q.terms[0].phrase);
    CHECK(q.terms[0].open);
    CHECK(q.errors.empty());

    CHECK(ParseQuery("").Empty());
    CHECK(ParseQuery("  - \xE3\x80\x80 ").Empty());
}

TEST_CASE("search: ParseQuery year forms") {
    auto range = [](const char* v) {
        const SearchQuery q = ParseQuery(std::string("year:") + v);
        REQUIRE_MESSAGE(q.errors.empty(), v);
        REQUIRE(q.filters.size() == 1);
        REQUIRE(q.filters[0].years.size() == 1);
        return std::make_pair(q.filters[0].years[0].from, q.filters[0].years[0].to);
    };
    CHECK(range("2019") == std::make_pair(2019, 2019));
    CHECK(range("2019..2021") == std::make_pair(2019, 2021));
    CHECK(range("2019-2021") == std::make_pair(2019, 2021));
    CHECK(range("..2018") == std::make_pair(0, 2018));
    CHECK(range("2020..") == std::make_pair(2020, 9999));
    CHECK(range(">=2020") == std::make_pair(2020, 9999));
    CHECK(range(">2019") == std::make_pair(2020, 9999));
    CHECK(range("<=2018") == std::make_pair(0, 2018));
    CHECK(range("<2018") == std::make_pair(0, 2017));
    const SearchQuery two = ParseQuery("year:2004,2018..2019");
    REQUIRE(two.filters.size() == 1);
    CHECK(two.filters[0].years.size() == 2);
    for (const char* bad : {"abc", "2021..2019", "..", "12345", "20x9", "-5", "<"}) {
        const SearchQuery q = ParseQuery(std::string("year:") + bad + " gpipe");
        REQUIRE_MESSAGE(q.errors.size() == 1, bad);
        CHECK(q.errors[0].find("bad year") == 0);
        CHECK(q.filters.empty());
        CHECK(q.terms.size() == 1); // the rest still runs
    }
}

TEST_CASE("search: ParseQuery reports problems and keeps the rest") {
    SearchQuery q = ParseQuery("foo:bar status:done status:read gpipe");
    REQUIRE(q.errors.size() == 2);
    CHECK(q.errors[0] == "unknown field 'foo'");
    CHECK(q.errors[1].find("unknown status 'done'") == 0);
    REQUIRE(q.filters.size() == 1);
    CHECK(q.filters[0].bits == (1u << static_cast<int>(Status::Read)));
    REQUIRE(q.terms.size() == 1);
    CHECK(q.terms[0].text == "gpipe");

    q = ParseQuery("status: read");
    REQUIRE(q.errors.size() == 1);
    CHECK(q.errors[0] == "'status:' needs a value");
    REQUIRE(q.terms.size() == 1); // "read" becomes a word

    CHECK(ParseQuery("has:pdf").errors.at(0).find("unknown has: value 'pdf'") == 0);
    CHECK(ParseQuery("priority:urgent").errors.at(0).find("unknown priority 'urgent'") == 0);
    CHECK(ParseQuery("list:,,").errors.at(0) == "'list:' needs a value");

    // A title pasted with its colon is words, not a field.
    q = ParseQuery("Alpa: Automating");
    CHECK(q.errors.empty());
    CHECK(q.terms.size() == 2);

    std::string many;
    for (int i = 0; i < 40; ++i)
        many += "w" + std::to_string(i) + " ";
    q = ParseQuery(many);
    CHECK(q.terms.size() == kMaxQueryTerms);
    CHECK(q.errors.size() == 1);

    q = ParseQuery(std::string(kMaxQueryBytes + 100, 'a'));
    CHECK(q.errors.size() == 1);
    REQUIRE(q.terms.size() == 1);
    CHECK(q.terms[0].text.size() <= kMaxWordBytes);
}

TEST_CASE("search: list:all lifts the open list's scope and is not a filter") {
    SearchQuery q = ParseQuery("list:all orca");
    CHECK(q.all_lists);
    CHECK(q.errors.empty());
    CHECK(q.filters.empty());
    REQUIRE(q.terms.size() == 1);
    CHECK(q.terms[0].text == "orca");
    CHECK(ParseQuery("LIST:All").all_lists);  // field and value are case-insensitive
    CHECK(ParseQuery("lists:all").all_lists); // the plural the parser already accepts
    CHECK_FALSE(ParseQuery("orca").all_lists);
    // With other lists: the scope is lifted and the named lists still filter.
    q = ParseQuery("list:all,snu");
    CHECK(q.all_lists);
    REQUIRE(q.filters.size() == 1);
    CHECK(q.filters[0].values == std::vector<std::string>{"snu"});
    // Quoted, "all" is words of a list's title, as before.
    q = ParseQuery("list:\"all\"");
    CHECK_FALSE(q.all_lists);
    REQUIRE(q.filters.size() == 1);
    CHECK(q.filters[0].values == std::vector<std::string>{"all"});
    // Negated it would exclude everything: an error, nothing else changes.
    q = ParseQuery("-list:all gpipe");
    CHECK_FALSE(q.all_lists);
    REQUIRE(q.errors.size() == 1);
    CHECK(q.errors[0].find("'-list:all'") == 0);
    CHECK(q.filters.empty());
    CHECK(q.terms.size() == 1);
    // Search() itself ignores it: every paper is in scope already.
    const Fixture f;
    CHECK(f.Find("list:all").size() == f.catalogue.papers.size());
    CHECK(f.Find("list:all gpipe") == f.Find("gpipe"));
}

TEST_CASE("search: ParseQuery survives hostile input") {
    const char* inputs[] = {"\"",
                            "\"\"",
                            "-",
                            "--",
                            "-\"",
                            ":",
                            "a:",
                            ":b",
                            "status:\"",
                            "year:\"..\"",
                            "section:\"a\"b\"c",
                            ",,,",
                            "\xFF\xFE\xFD",
                            "tag:\xF0\x9F",
                            "\xE3\x80",
                            "title:",
                            "-title:\"\"",
                            "list:\"\",\"\"",
                            "a\"b\"c"};
    for (const char* in : inputs) {
        const SearchQuery q = ParseQuery(in);
        CHECK_MESSAGE(q.terms.size() <= kMaxQueryTerms, in);
        for (const QueryTerm& t : q.terms)
            CHECK_MESSAGE(!t.text.empty(), in);
    }
}

// ------------------------------------------------------------------ searching

TEST_CASE("search: an empty query returns everything in catalogue order") {
    const Fixture f;
    const SearchResult r = f.Run("");
    REQUIRE(r.hits.size() == f.catalogue.papers.size());
    CHECK(r.total == f.catalogue.papers.size());
    for (size_t i = 0; i < r.hits.size(); ++i) {
        CHECK(r.hits[i].paper == i);
        CHECK(r.hits[i].score == 0);
        CHECK(r.hits[i].field == SearchField::None);
    }
    CHECK(f.Run("   ").hits.size() == f.catalogue.papers.size());
    // A filter-only query keeps catalogue order too.
    CHECK(f.Find("venue:osdi") == std::vector<std::string>{"alpa", "tvm", "mapreduce"});
}

TEST_CASE("search: words match titles, authors, venues, tags and notes, as prefixes and inside words") {
    const Fixture f;
    CHECK(f.Find("pipedream").at(0) == "pipedream");
    CHECK(f.Find("PIPED").at(0) == "pipedream"); // prefix, any case
    CHECK(Has(f.Find("dream"), "pipedream"));    // inside a word
    CHECK(f.Find("ghemawat") == std::vector<std::string>{"mapreduce"});
    CHECK(f.Find("eurosys") == std::vector<std::string>{"cafe"});
    CHECK(f.Find("halide") == std::vector<std::string>{"tvm"});         // note
    CHECK(f.Find("todo") == std::vector<std::string>{"gpipe", "alpa"}); // tag, catalogue order on ties
    CHECK(f.Find("giant training gpipe") == std::vector<std::string>{"gpipe"}); // every word must match
    CHECK(f.Find("pipeline zzzz").empty());
    const SearchResult r = f.Run("halide");
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].field == SearchField::Notes);
    const SearchResult both = f.Run("gpipe todo");
    REQUIRE(both.hits.size() == 1);
    CHECK(both.hits[0].field == SearchField::Title);
    CHECK(both.hits[0].fields == (FieldBit(SearchField::Title) | FieldBit(SearchField::Tags)));
}

TEST_CASE("search: diacritics-insensitive both ways") {
    const Fixture f;
    CHECK(f.Find("cafe") == std::vector<std::string>{"cafe"});
    CHECK(f.Find("caf\xC3\xA9") == std::vector<std::string>{"cafe"});
    CHECK(f.Find("muller") == std::vector<std::string>{"cafe"});
    CHECK(f.Find("M\xC3\x9CLLER") == std::vector<std::string>{"cafe"});
    CHECK(f.Find("naive schemas") == std::vector<std::string>{"cafe"});
}

TEST_CASE("search: typos in titles are tolerated") {
    const Fixture f;
    CHECK(f.Find("pipedram").at(0) == "pipedream");
    CHECK(f.Find("megatorn").at(0) == "megatron-lm");
    CHECK(f.Find("megatorn lm").at(0) == "megatron-lm");
    CHECK(f.Find("paralelism").size() >= 3);                             // dropped letter
    CHECK(f.Find("automatnig") == std::vector<std::string>{"alpa"});     // swapped letters
    CHECK(f.Find("narayanna") == std::vector<std::string>{"pipedream"}); // authors too
    CHECK(f.Find("pipdrea").at(0) == "pipedream");                       // a typo while still typing
    CHECK(f.Find("pipdrea ").empty());                                   // ... but not once the word is done
    CHECK(f.Find("tcm").empty());                                        // short words must be exact
    const SearchResult r = f.Run("megatorn");
    REQUIRE_FALSE(r.hits.empty());
    CHECK(r.hits[0].field == SearchField::Title);
}

TEST_CASE("search: ranking puts exact before prefix before typo, and title first") {
    // Score = field weight x match quality, so an exact author match beats a title typo.
    Catalogue c;
    c.papers.push_back(MakePaper("in-note", "Unrelated One", {}, "", 2020));
    c.papers.push_back(MakePaper("typo-title", "Megatrom Everywhere", {}, "", 2020));
    c.papers.push_back(MakePaper("in-venue", "Unrelated Two", {}, "Megatron Workshop", 2020));
    c.papers.push_back(MakePaper("in-author", "Unrelated Three", {"Jane Megatron"}, "", 2020));
    c.papers.push_back(MakePaper("prefix-title", "MegatronLM: Serving", {}, "", 2020));
    c.papers.push_back(MakePaper("in-title", "Megatron: Big Models", {}, "", 2020));
    c.Reindex();
    Progress p;
    p.SetNote("in-note", "Compare with megatron.", 1);
    SearchIndex ix;
    ix.Build(c, p);
    const SearchResult r = Search(ParseQuery("megatron"), ix, p);
    CHECK(Ids(c, r) == std::vector<std::string>{"in-title", "prefix-title", "in-author", "in-venue",
                                                "typo-title", "in-note"});
    REQUIRE(r.hits.size() == 6);
    CHECK(r.hits[0].field == SearchField::Title);
    CHECK(r.hits[2].field == SearchField::Authors);
    CHECK(r.hits[3].field == SearchField::Venue);
    CHECK(r.hits[5].field == SearchField::Notes);

    // Exact > prefix > typo within the title.
    Catalogue t;
    t.papers.push_back(MakePaper("fuzzy", "Schedulers Compared", {}, "", 0));
    t.papers.push_back(MakePaper("prefix", "Schedulingplus", {}, "", 0));
    t.papers.push_back(MakePaper("exact", "Scheduling at Scale", {}, "", 0));
    t.Reindex();
    ix.Build(t, Progress());
    const auto ids = Ids(t, Search(ParseQuery("scheduling "), ix, Progress()));
    CHECK(ids == std::vector<std::string>{"exact", "prefix"});
    CHECK(Ids(t, Search(ParseQuery("schedulin"), ix, Progress())) ==
          std::vector<std::string>{"prefix", "exact", "fuzzy"}); // both prefixes tie: catalogue order
    CHECK(Ids(t, Search(ParseQuery("schedulinh "), ix, Progress())) == std::vector<std::string>{"exact"});

    const Fixture f;
    CHECK(f.Find("deep") == std::vector<std::string>{"tvm", "pipedream"}); // title word, then "Deepak"
    CHECK(f.Rank("pipe", "gpipe") < f.Rank("pipe", "tvm"));                // title before note
    const SearchResult all = f.Run("pipeline");
    for (size_t i = 1; i < all.hits.size(); ++i)
        CHECK(all.hits[i - 1].score >= all.hits[i].score);
}

TEST_CASE("search: phrases") {
    const Fixture f;
    CHECK(f.Find("\"pipeline parallelism\"") == std::vector<std::string>{"pipedream", "gpipe"});
    CHECK(f.Find("\"parallelism pipeline\"").empty());
    const SearchResult closed = f.Run("\"pipeline parallel\""); // closed: whole words, so only the tag
    REQUIRE(closed.hits.size() == 1);
    CHECK(closed.hits[0].field == SearchField::Tags);
    CHECK(f.Find("\"pipeline parallel") == std::vector<std::string>{"pipedream", "gpipe"}); // typing
    CHECK(f.Find("\"inter and intra\"") == std::vector<std::string>{"alpa"});    // punctuation-insensitive
    CHECK(f.Find("\"scheduling language\"") == std::vector<std::string>{"tvm"}); // in a note
    CHECK(f.Find("osdi -\"deep learning\"") == std::vector<std::string>{"alpa", "mapreduce"});
    CHECK(f.Find("title:\"giant neural\"") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("note:pipedream") == std::vector<std::string>{"tvm"});
    CHECK(f.Find("author:dean") == std::vector<std::string>{"mapreduce"});
    CHECK(f.Find("-title:pipeline training") == std::vector<std::string>{"megatron-lm", "zh-paper"});
}

TEST_CASE("search: negated words exclude") {
    const Fixture f;
    CHECK(f.Find("training -gpipe") == std::vector<std::string>{"pipedream", "megatron-lm", "zh-paper"});
    CHECK(f.Find("-osdi").size() == f.catalogue.papers.size() - 3);
    CHECK(f.Find("-pipe-dream").size() == f.catalogue.papers.size()); // phrase "pipe dream" is nowhere
}

TEST_CASE("search: filters") {
    const Fixture f;
    CHECK(f.Find("status:read") == std::vector<std::string>{"pipedream", "tvm"});
    CHECK(f.Find("status:read,reading") == std::vector<std::string>{"pipedream", "gpipe", "tvm"});
    CHECK(f.Find("status:unread") ==
          std::vector<std::string>{"megatron-lm", "cafe", "zh-paper", "mapreduce"});
    CHECK(f.Find("-status:skipped").size() == f.catalogue.papers.size() - 1);
    CHECK(f.Find("status:read venue:osdi") == std::vector<std::string>{"tvm"});
    CHECK(f.Find("venue:neur") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("venue:sdi").empty()); // venue words match from their start
    CHECK(f.Find("year:2019") == std::vector<std::string>{"pipedream", "megatron-lm", "gpipe"});
    CHECK(f.Find("year:2019..2021") == std::vector<std::string>{"pipedream", "megatron-lm", "gpipe", "cafe"});
    CHECK(f.Find("year:..2018") ==
          std::vector<std::string>{"tvm", "mapreduce"}); // unknown year never matches
    CHECK(f.Find("-year:2019").size() == 5);
    CHECK(f.Find("year:2004,2022") == std::vector<std::string>{"alpa", "mapreduce"});
    CHECK(f.Find("list:ucb-cs294-ai-sys-sp22").size() == 6);
    CHECK(f.Find("list:ucb").size() == 6);             // id prefix
    CHECK(f.Find("list:\"paper notes\"").size() == 4); // title words
    CHECK(f.Find("-list:ml-systems").size() == 4);
    CHECK(f.Find("section:\"Week 3\"") == std::vector<std::string>{"pipedream", "megatron-lm", "gpipe"});
    CHECK(f.Find("section:2022-01") == std::vector<std::string>{"tvm", "mapreduce"}); // date prefix
    CHECK(f.Find("role:required") == std::vector<std::string>{"pipedream", "gpipe", "alpa", "mapreduce"});
    CHECK(f.Find("role:opt") == std::vector<std::string>{"gpipe", "tvm"});
    CHECK(f.Find("tag:todo") == std::vector<std::string>{"gpipe", "alpa"});
    CHECK(f.Find("tag:pipeline-parallel") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("tag:pipeline").empty()); // tags match whole
    CHECK(f.Find("-tag:todo").size() == f.catalogue.papers.size() - 2);
    CHECK(f.Find("priority:high") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("priority:0").size() == f.catalogue.papers.size() - 1);
    CHECK(f.Find("kind:talk") == std::vector<std::string>{"tvm"});
    CHECK(f.Find("id:gpipe,megatron") == std::vector<std::string>{"megatron-lm", "gpipe"}); // alias too
    CHECK(f.Find("has:note") == std::vector<std::string>{"tvm", "mapreduce"});
    CHECK(f.Find("has:tag") == std::vector<std::string>{"gpipe", "alpa"});
    CHECK(f.Find("-has:link").empty());
    CHECK(f.Find("status:read training") == std::vector<std::string>{"pipedream"});
}

TEST_CASE("search: list, section and role hold in the same entry") {
    const Fixture f;
    // gpipe is optional in the course but required in the topic list.
    CHECK(f.Find("list:ucb role:required") == std::vector<std::string>{"pipedream", "alpa", "mapreduce"});
    CHECK(f.Find("list:ml-systems role:required") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("list:ucb -role:optional") ==
          std::vector<std::string>{"pipedream", "megatron-lm", "alpa", "mapreduce"});
    CHECK(f.Find("-role:optional") ==
          std::vector<std::string>{"pipedream", "megatron-lm", "alpa", "cafe", "zh-paper", "mapreduce"});
    CHECK(f.Find("section:\"week 3\" role:optional") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("section:\"week 3\" -list:ml-systems") == std::vector<std::string>{"megatron-lm"});
}

TEST_CASE("search: filters that name nothing say so") {
    const Fixture f;
    const SearchResult r = f.Run("list:nope section:\"week 99\" role:mandatory foo:bar gpipe");
    CHECK(r.hits.empty());
    REQUIRE(r.errors.size() == 4);
    CHECK(r.errors[0] == "unknown field 'foo'");
    CHECK(r.errors[1] == "no list matches 'nope'");
    CHECK(r.errors[2] == "no section matches 'week 99'");
    CHECK(r.errors[3] == "no role matches 'mandatory'");
    CHECK(f.Run("venue:nowhere").errors.empty()); // an open set: no match is no error
}

TEST_CASE("search: CJK text matches as substrings, in notes and titles") {
    const Fixture f;
    const char* kDistributed = "\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F";                  // 分布式
    CHECK(f.Find(kDistributed) == std::vector<std::string>{"zh-paper", "mapreduce"});   // title beats note
    CHECK(f.Find("\xE5\xB8\x83") == std::vector<std::string>{"zh-paper", "mapreduce"}); // one character: 布
    CHECK(f.Find("\xE7\xBB\x8F\xE5\x85\xB8\xE8\xAE\xBA\xE6\x96\x87") ==
          std::vector<std::string>{"mapreduce"}); // 经典论文
    // 计算论文: every character is in the note, but not together.
    CHECK(f.Find("\xE8\xAE\xA1\xE7\xAE\x97\xE8\xAE\xBA\xE6\x96\x87").empty());
    CHECK(f.Find("\xEC\x8B\x9C\xEC\x8A\xA4\xED\x85\x9C") ==
          std::vector<std::string>{"mapreduce"}); // 시스템 inside 시스템의
    CHECK(f.Find("\xE5\x8F\xA4\xE5\x85\xB8\xE3\x81\xA7\xE3\x81\x99") ==
          std::vector<std::string>{"mapreduce"}); // 古典です
    CHECK(f.Find("note:\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F") == std::vector<std::string>{"mapreduce"});
    CHECK(f.Find("\xE5\x88\x86\xE5\xB8\x83\xE5\xBC\x8F training") == std::vector<std::string>{"zh-paper"});
    const SearchResult r = f.Run("\xE8\xAE\xAD\xE7\xBB\x83\xE7\xB3\xBB\xE7\xBB\x9F"); // 训练系统
    REQUIRE(r.hits.size() == 1);
    CHECK(r.hits[0].field == SearchField::Title);
}

TEST_CASE("search: UpdatePaper re-reads one record") {
    Fixture f;
    CHECK(f.Find("zorblax").empty());
    f.progress.SetNote("gpipe", "Zorblax micro-batches; \xE6\xB5\x81\xE6\xB0\xB4\xE7\xBA\xBF bubbles.",
                       2000); // 流水线
    f.progress.SetTags("gpipe", {"favourite"}, 2000);
    f.progress.SetStatus("gpipe", Status::Read, 2000);
    CHECK(f.index.UpdatePaper("gpipe", f.progress.Find("gpipe")));
    CHECK(f.index.UpdatedPaperCount() == 1);
    CHECK(f.Find("zorblax") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("zorb") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("bubbles") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("\xE6\xB5\x81\xE6\xB0\xB4\xE7\xBA\xBF") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("tag:todo") == std::vector<std::string>{"alpa"});
    CHECK(f.Find("tag:favourite") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("favourite") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("status:read") == std::vector<std::string>{"pipedream", "gpipe", "tvm"});
    CHECK(f.Find("has:note") == std::vector<std::string>{"gpipe", "tvm", "mapreduce"});
    CHECK(f.Find("gpipe").at(0) == "gpipe"); // catalogue words unchanged

    // Through an alias, and back to no record at all.
    CHECK(f.index.UpdatePaper("megatron", nullptr));
    CHECK(f.index.UpdatePaper("gpipe", nullptr));
    CHECK(f.Find("zorblax").empty());
    CHECK(f.Find("has:tag") == std::vector<std::string>{"alpa"});
    CHECK(f.Find("status:unread").size() == 5);
    CHECK_FALSE(f.index.UpdatePaper("no-such-paper", nullptr));

    // A rebuild gives the same answers as the updates.
    f.index.Build(f.catalogue, f.progress);
    CHECK(f.index.UpdatedPaperCount() == 0);
    CHECK(f.Find("zorblax") == std::vector<std::string>{"gpipe"});
    CHECK(f.Find("tag:favourite") == std::vector<std::string>{"gpipe"});
}

TEST_CASE("search: limit keeps the best hits and reports the total") {
    const Fixture f;
    const SearchResult all = f.Run("training");
    const SearchResult two = f.Run("training", 2);
    CHECK(two.total == all.total);
    REQUIRE(two.hits.size() == 2);
    CHECK(two.hits[0].paper == all.hits[0].paper);
    CHECK(two.hits[1].paper == all.hits[1].paper);
    CHECK(f.Run("", 0).hits.empty());
    CHECK(f.Run("", 0).total == f.catalogue.papers.size());
}

TEST_CASE("search: an index that was never built finds nothing") {
    const SearchIndex ix;
    const Progress p;
    const SearchResult r = Search(ParseQuery("foo:bar gpipe"), ix, p);
    CHECK(r.hits.empty());
    CHECK(r.errors.size() == 1);
    SearchIndex mutable_ix;
    CHECK_FALSE(mutable_ix.UpdatePaper("gpipe", nullptr));
}

TEST_CASE("search: 50,000 synthetic papers (smoke test, no timing)") {
    SyntheticSpec spec;
    spec.papers = 50000;
    spec.lists = 50;
    spec.note_every = 16;
    const Catalogue c = GenerateSyntheticCatalogue(spec);
    const Progress p = GenerateSyntheticProgress(spec);
    SearchIndex ix;
    ix.Build(c, p);
    CHECK(ix.PaperCount() == 50000);
    CHECK(ix.WordCount() > 1000);

    const SearchResult everything = Search(ParseQuery(""), ix, p);
    CHECK(everything.total == 50000);
    CHECK(everything.hits.back().paper == 49999);

    // Every paper can be found by its own title, and ranks first or ties the best.
    for (size_t i : {size_t{0}, size_t{12345}, size_t{49999}}) {
        const SearchResult r = Search(ParseQuery("\"" + c.papers[i].title + "\""), ix, p, 50);
        REQUIRE_FALSE(r.hits.empty());
        bool found = false;
        for (const SearchHit& h : r.hits)
            found = found || h.paper == i;
        CHECK(found);
    }
    const char* queries[] = {"p",
                             "pi",
                             "pip",
                             "pipe",
                             "pipel",
                             "pipeline",
                             "pipeline parall",
                             "shced",
                             "status:read",
                             "status:read venue:osdi",
                             "year:2019..2021 training",
                             "-status:unread flow",
                             "tag:x",
                             "loss backward",
                             "\"key ideas\"",
                             "has:note e"};
    for (const char* q : queries) {
        const SearchResult r = Search(ParseQuery(q), ix, p, 100);
        CHECK_MESSAGE(r.errors.empty(), q);
        CHECK(r.hits.size() <= 100);
        CHECK(r.total >= r.hits.size());
        for (size_t i = 1; i < r.hits.size(); ++i) {
            CHECK(r.hits[i - 1].score >= r.hits[i].score);
            if (r.hits[i - 1].score == r.hits[i].score) CHECK(r.hits[i - 1].paper < r.hits[i].paper);
        }
    }
    CHECK(Search(ParseQuery("pipeline"), ix, p).total > 0);
    CHECK(Search(ParseQuery("status:read"), ix, p).total > 0);
}
