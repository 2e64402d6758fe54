// Tests for loading, validating and printing the catalogue, on small in-memory bundles.
#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"

using shelfmark::Catalogue;
using shelfmark::CatalogueLoad;
using shelfmark::LoadCatalogueFiles;

namespace {

using Files = std::map<std::string, std::string>;

const char* kManifest = R"({"format": "shelfmark-catalog", "version": 1,
 "papers": "papers.json",
 "lists": ["lists/course.json", "lists/topics.json"]})";

const char* kPapers = R"({"format": "shelfmark-papers", "version": 1,
 "papers": [
  {"id": "tvm", "title": "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
   "authors": ["Tianqi Chen", "Thierry Moreau"], "venue": "OSDI", "year": 2018,
   "links": ["https://arxiv.org/abs/1802.04799"], "kind": "paper",
   "aliases": ["tvm-osdi18"], "corrections": ["seed 001: fixed a doubled https://"]},
  {"id": "gpipe", "title": "GPipe: Efficient Training of Giant Neural Networks",
   "authors": ["Yanping Huang"], "venue": "NeurIPS", "year": 2019,
   "links": ["https://arxiv.org/abs/1811.06965"]},
  {"id": "how-to-read", "title": "How to Read a Paper", "kind": "article"}
 ]})";

const char* kCourse = R"({"format": "shelfmark-list", "version": 1,
 "id": "course", "title": "A Course", "kind": "course", "term": "Spring 2022",
 "source": "https://example.org/course/", "corrections": [],
 "sections": [
  {"title": "Week 1", "date": "2022-01-20", "entries": [
    {"paper": "how-to-read", "role": "required"},
    {"paper": "tvm-osdi18", "role": "optional"}]},
  {"title": "Week 2", "entries": [{"paper": "gpipe"}]}
 ]})";

const char* kTopics = R"({"format": "shelfmark-list", "version": 1,
 "id": "topics", "title": "Topic Notes", "kind": "topic-list",
 "sections": [{"title": "Compilers", "entries": [{"paper": "tvm", "role": "required"}]}]})";

Files ValidFiles() {
    return {{"catalog.json", kManifest},
            {"papers.json", kPapers},
            {"lists/course.json", kCourse},
            {"lists/topics.json", kTopics}};
}

bool Contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

std::string AllErrors(const CatalogueLoad& load) {
    std::string out;
    for (const auto& e : load.errors)
        out += e.ToString() + "\n";
    return out;
}

// Replaces the first occurrence of `from` in file `name`; fails the test if absent.
Files With(Files files, const std::string& name, const std::string& from, const std::string& to) {
    std::string& text = files[name];
    std::size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, "fixture lacks: " << from);
    text.replace(at, from.size(), to);
    return files;
}

// Loads and expects exactly one error, in `file` at `where`, whose message has `needle`.
void ExpectOneError(const Files& files, const std::string& file, const std::string& where,
                    const std::string& needle) {
    CatalogueLoad load = LoadCatalogueFiles(files);
    INFO(AllErrors(load));
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].file == file);
    CHECK(load.errors[0].where == where);
    CHECK(Contains(load.errors[0].message, needle));
    CHECK(Contains(load.errors[0].ToString(), file + ": "));
}

} // namespace

TEST_CASE("catalog: a valid catalogue loads") {
    CatalogueLoad load = LoadCatalogueFiles(ValidFiles());
    INFO(AllErrors(load));
    REQUIRE(load.ok());
    const Catalogue& c = load.catalogue;
    REQUIRE(c.lists.size() == 2);
    REQUIRE(c.papers.size() == 3);
    CHECK(c.lists[0].id == "course");
    CHECK(c.lists[0].term == "Spring 2022");
    CHECK(c.lists[0].source == "https://example.org/course/");
    REQUIRE(c.lists[0].sections.size() == 2);
    CHECK(c.lists[0].sections[0].date == "2022-01-20");
    REQUIRE(c.lists[0].sections[0].entries.size() == 2);
    CHECK(c.lists[0].sections[0].entries[0].paper == "how-to-read");
    CHECK(c.lists[0].sections[1].entries[0].role == "required"); // the default
    CHECK(c.lists[1].kind == "topic-list");
    CHECK(c.lists[1].term.empty());

    const shelfmark::Paper* tvm = c.FindPaper("tvm");
    REQUIRE(tvm != nullptr);
    CHECK(tvm->year == 2018);
    CHECK(tvm->venue == "OSDI");
    CHECK(tvm->authors.size() == 2);
    CHECK(c.FindPaper("how-to-read")->kind == "article");
    CHECK(c.FindPaper("how-to-read")->year == 0);
    CHECK(c.FindPaper("nope") == nullptr);
    CHECK(c.FindList("topics") != nullptr);
    CHECK(c.FindList("nope") == nullptr);
}

TEST_CASE("catalog: aliases resolve to the current id") {
    CatalogueLoad load = LoadCatalogueFiles(ValidFiles());
    REQUIRE(load.ok());
    const Catalogue& c = load.catalogue;
    // The entry written with the alias is stored under the canonical id.
    CHECK(c.lists[0].sections[0].entries[1].paper == "tvm");
    CHECK(c.lists[0].sections[0].entries[1].role == "optional");
    REQUIRE(c.FindPaper("tvm-osdi18") != nullptr);
    CHECK(c.FindPaper("tvm-osdi18")->id == "tvm");
    CHECK(c.Canonical("tvm-osdi18") == "tvm");
    CHECK(c.Canonical("tvm") == "tvm");
    CHECK(c.Canonical("unknown") == "unknown");
    CHECK(c.ListsContaining("tvm") == std::vector<std::string>{"course", "topics"});
    CHECK(c.ListsContaining("tvm-osdi18") == std::vector<std::string>{"course", "topics"});
    CHECK(c.ListsContaining("gpipe") == std::vector<std::string>{"course"});
    CHECK(c.ListsContaining("unknown").empty());
}

TEST_CASE("catalog: Reindex after editing by hand") {
    Catalogue c = LoadCatalogueFiles(ValidFiles()).catalogue;
    shelfmark::Paper p;
    p.id = "new-paper";
    p.title = "New";
    p.aliases = {"old-paper"};
    c.papers.push_back(p);
    CHECK(c.FindPaper("new-paper") == nullptr);
    c.Reindex();
    REQUIRE(c.FindPaper("old-paper") != nullptr);
    CHECK(c.FindPaper("old-paper")->id == "new-paper");
}

TEST_CASE("catalog: normalized JSON has the documented shape and key order") {
    CatalogueLoad load = LoadCatalogueFiles(ValidFiles());
    REQUIRE(load.ok());
    const std::string text = shelfmark::CatalogueToNormalizedJson(load.catalogue);
    auto j = nlohmann::ordered_json::parse(text, nullptr, false);
    REQUIRE_FALSE(j.is_discarded());

    auto keys = [](const nlohmann::ordered_json& o) {
        std::vector<std::string> k;
        for (auto it = o.begin(); it != o.end(); ++it)
            k.push_back(it.key());
        return k;
    };
    CHECK(keys(j) == std::vector<std::string>{"lists", "papers"});
    const auto& list = j["lists"][0];
    std::vector<std::string> lk = keys(list);
    REQUIRE(lk.size() >= 3);
    CHECK(std::vector<std::string>(lk.begin(), lk.begin() + 3) ==
          std::vector<std::string>{"id", "title", "sections"});
    std::vector<std::string> sk = keys(list["sections"][0]);
    CHECK(std::vector<std::string>(sk.begin(), sk.begin() + 2) ==
          std::vector<std::string>{"title", "entries"});
    CHECK(keys(list["sections"][0]["entries"][0]) == std::vector<std::string>{"paper", "role"});
    std::vector<std::string> pk = keys(j["papers"][0]);
    REQUIRE(pk.size() >= 6);
    CHECK(std::vector<std::string>(pk.begin(), pk.begin() + 6) ==
          std::vector<std::string>{"id", "title", "authors", "venue", "year", "links"});

    // Values: alias canonicalised, year 0 printed as null, empty arrays stay arrays.
    CHECK(list["sections"][0]["entries"][1]["paper"] == "tvm");
    CHECK(j["papers"][0]["year"] == 2018);
    CHECK(j["papers"][2]["year"].is_null());
    CHECK(j["papers"][2]["authors"].is_array());
    CHECK(j["papers"][2]["links"].is_array());
    CHECK(j["papers"][2]["venue"] == "");

    // The exact compact text of one record, so the format cannot drift unnoticed.
    CHECK(Contains(text, R"({"paper":"how-to-read","role":"required"})"));
    CHECK(Contains(text, R"({"id":"gpipe","title":"GPipe: Efficient Training of Giant Neural Networks",)"
                         R"("authors":["Yanping Huang"],"venue":"NeurIPS","year":2019,)"
                         R"("links":["https://arxiv.org/abs/1811.06965"])"));
    CHECK(text.rfind(R"({"lists":[{"id":"course","title":"A Course","sections":[)", 0) == 0);

    // Pretty output is the same document, indented.
    const std::string pretty = shelfmark::CatalogueToNormalizedJson(load.catalogue, true);
    CHECK(Contains(pretty, "\n  \"lists\": ["));
    CHECK(nlohmann::ordered_json::parse(pretty, nullptr, false) == j);
}

TEST_CASE("catalog: normalized JSON of an empty catalogue") {
    CHECK(shelfmark::CatalogueToNormalizedJson(Catalogue{}) == R"({"lists":[],"papers":[]})");
}

TEST_CASE("catalog: malformed JSON names the file, line and column") {
    Files f = With(ValidFiles(), "papers.json", R"("venue": "OSDI",)", R"("venue": "OSDI" "year")");
    CatalogueLoad load = LoadCatalogueFiles(f);
    INFO(AllErrors(load));
    REQUIRE_FALSE(load.ok());
    CHECK(load.errors[0].file == "papers.json");
    CHECK(load.errors[0].where == "line 4, column 66"); // the unexpected "year"
    CHECK(Contains(load.errors[0].message, "malformed JSON"));
    // The papers are gone, so the lists' references dangle too: all errors are collected.
    CHECK(Contains(AllErrors(load), "lists/course.json: /sections/0/entries/0/paper: unknown paper"));
}

TEST_CASE("catalog: a syntax error after every paper record keeps none of them") {
    // The records are read while the file is parsed (one pass, issue 15); an error found
    // after all of them still leaves the file unread: one malformed-JSON error, no paper.
    Files f = ValidFiles();
    f["papers.json"] += "\n,";
    CatalogueLoad load = LoadCatalogueFiles(f);
    INFO(AllErrors(load));
    REQUIRE_FALSE(load.ok());
    CHECK(load.errors[0].file == "papers.json");
    CHECK(Contains(load.errors[0].message, "malformed JSON"));
    CHECK(load.catalogue.papers.empty());
    CHECK(Contains(AllErrors(load), "lists/course.json: /sections/0/entries/0/paper: unknown paper"));
}

TEST_CASE("catalog: too-deep nesting in a file is a malformed-JSON error") {
    Files f = ValidFiles();
    f["lists/topics.json"] = std::string(5000, '[') + std::string(5000, ']');
    ExpectOneError(f, "lists/topics.json", "line 1, column 65", "nesting deeper than the limit");
}

TEST_CASE("catalog: wrong format name") {
    ExpectOneError(With(ValidFiles(), "lists/topics.json", "shelfmark-list", "shelfmark-lists"),
                   "lists/topics.json", "/format",
                   "wrong format \"shelfmark-lists\", expected \"shelfmark-list\"");
    ExpectOneError(With(ValidFiles(), "catalog.json", R"("format": "shelfmark-catalog", )", ""),
                   "catalog.json", "", "missing \"format\"");
}

TEST_CASE("catalog: unsupported version") {
    ExpectOneError(With(ValidFiles(), "lists/topics.json", R"("version": 1)", R"("version": 2)"),
                   "lists/topics.json", "/version", "unsupported version 2");
    ExpectOneError(With(ValidFiles(), "lists/topics.json", R"("version": 1)", R"("version": "1")"),
                   "lists/topics.json", "/version", "\"version\" must be an integer, got string");
}

TEST_CASE("catalog: missing or empty id or title") {
    ExpectOneError(With(ValidFiles(), "papers.json", R"("title": "How to Read a Paper", )", ""),
                   "papers.json", "/papers/2", "missing required field \"title\"");
    ExpectOneError(With(ValidFiles(), "papers.json", R"("title": "How to Read a Paper")", R"("title": "  ")"),
                   "papers.json", "/papers/2/title", "empty \"title\"");
    ExpectOneError(With(ValidFiles(), "lists/topics.json", R"("title": "Topic Notes")", R"("title": "")"),
                   "lists/topics.json", "/title", "empty \"title\"");
    ExpectOneError(With(ValidFiles(), "lists/topics.json", R"("id": "topics", )", ""), "lists/topics.json",
                   "", "missing required field \"id\"");
    // A paper without an id leaves it out, so the entry that names it dangles as well.
    Files f = With(ValidFiles(), "papers.json", R"("id": "gpipe")", R"("id": "")");
    CatalogueLoad load = LoadCatalogueFiles(f);
    INFO(AllErrors(load));
    REQUIRE(load.errors.size() == 2);
    CHECK(load.errors[0].ToString() == "papers.json: /papers/1/id: empty \"id\"");
    CHECK(Contains(load.errors[1].ToString(),
                   "lists/course.json: /sections/1/entries/0/paper: unknown paper \"gpipe\""));
}

TEST_CASE("catalog: wrong field types") {
    ExpectOneError(With(ValidFiles(), "papers.json", R"("year": 2019)", R"("year": "2019")"), "papers.json",
                   "/papers/1/year", "\"year\" must be an integer, got string");
    ExpectOneError(
        With(ValidFiles(), "papers.json", R"("authors": ["Yanping Huang"])", R"("authors": "Yanping Huang")"),
        "papers.json", "/papers/1/authors", "\"authors\" must be an array of strings, got string");
    ExpectOneError(With(ValidFiles(), "papers.json", R"(["Yanping Huang"])", R"(["Yanping Huang", 7])"),
                   "papers.json", "/papers/1/authors/1", "\"authors\" items must be strings, got number");
    ExpectOneError(With(ValidFiles(), "papers.json", R"("venue": "OSDI")", R"("venue": ["OSDI"])"),
                   "papers.json", "/papers/0/venue", "\"venue\" must be a string, got array");
    ExpectOneError(
        With(ValidFiles(), "lists/topics.json",
             R"("sections": [{"title": "Compilers", "entries": [{"paper": "tvm", "role": "required"}]}])",
             R"("sections": {})"),
        "lists/topics.json", "/sections", "\"sections\" must be an array, got object");
    ExpectOneError(With(ValidFiles(), "lists/course.json", R"({"paper": "gpipe"})", R"("gpipe")"),
                   "lists/course.json", "/sections/1/entries/0", "expected an object, got string");
    ExpectOneError(With(ValidFiles(), "lists/course.json", R"({"paper": "gpipe"})", R"({"paper": 3})"),
                   "lists/course.json", "/sections/1/entries/0/paper",
                   "\"paper\" must be a string, got number");
    ExpectOneError(With(ValidFiles(), "papers.json", R"("year": 2019)", R"("year": 19)"), "papers.json",
                   "/papers/1/year", "year 19 is out of range");
    ExpectOneError(With(ValidFiles(), "papers.json", R"("kind": "article")", R"("kind": "blog")"),
                   "papers.json", "/papers/2/kind", "unknown kind \"blog\"");
    ExpectOneError(With(ValidFiles(), "lists/course.json", R"("date": "2022-01-20")", R"("date": "Jan 20")"),
                   "lists/course.json", "/sections/0/date", "date \"Jan 20\" is not YYYY-MM-DD");
}

TEST_CASE("catalog: duplicate paper id") {
    ExpectOneError(With(ValidFiles(), "papers.json", R"({"id": "how-to-read")",
                        R"({"id": "gpipe", "title": "Again"}, {"id": "how-to-read")"),
                   "papers.json", "/papers/2/id",
                   "duplicate paper id \"gpipe\" (first defined at /papers/1)");
}

TEST_CASE("catalog: a paper id colliding with another paper's alias") {
    ExpectOneError(With(ValidFiles(), "papers.json", R"("aliases": ["tvm-osdi18"])",
                        R"("aliases": ["tvm-osdi18", "gpipe"])"),
                   "papers.json", "/papers/0/aliases/1",
                   "alias \"gpipe\" collides with the id of another paper (/papers/1)");
    Files f = With(ValidFiles(), "papers.json", R"("links": ["https://arxiv.org/abs/1811.06965"])",
                   R"("links": ["https://arxiv.org/abs/1811.06965"], "aliases": ["tvm-osdi18"])");
    ExpectOneError(f, "papers.json", "/papers/1/aliases/0",
                   "alias \"tvm-osdi18\" is already an alias of paper \"tvm\" (/papers/0)");
    ExpectOneError(With(ValidFiles(), "papers.json", R"("aliases": ["tvm-osdi18"])",
                        R"("aliases": ["tvm-osdi18", "tvm"])"),
                   "papers.json", "/papers/0/aliases/1", "repeats the paper's own id");
}

TEST_CASE("catalog: duplicate list id") {
    ExpectOneError(With(ValidFiles(), "lists/topics.json", R"("id": "topics")", R"("id": "course")"),
                   "lists/topics.json", "/id", "duplicate list id \"course\" (also in lists/course.json)");
}

TEST_CASE("catalog: dangling entry reference") {
    ExpectOneError(
        With(ValidFiles(), "lists/course.json", R"({"paper": "gpipe"})", R"({"paper": "gpipe-v2"})"),
        "lists/course.json", "/sections/1/entries/0/paper",
        "unknown paper \"gpipe-v2\": no paper has this id or alias");
}

TEST_CASE("catalog: the same paper twice in one section") {
    ExpectOneError(With(ValidFiles(), "lists/course.json", R"({"paper": "tvm-osdi18", "role": "optional"})",
                        R"({"paper": "how-to-read", "role": "optional"})"),
                   "lists/course.json", "/sections/0/entries/1/paper",
                   "paper \"how-to-read\" is listed twice in this section (also at /sections/0/entries/0)");
}

TEST_CASE("catalog: non-http(s) link") {
    ExpectOneError(With(ValidFiles(), "papers.json", "https://arxiv.org/abs/1802.04799", "ftp://arxiv.org/x"),
                   "papers.json", "/papers/0/links/0", "link \"ftp://arxiv.org/x\" is not an http(s) URL");
    ExpectOneError(
        With(ValidFiles(), "papers.json", "https://arxiv.org/abs/1802.04799", "javascript:alert(1)"),
        "papers.json", "/papers/0/links/0", "is not an http(s) URL");
    ExpectOneError(With(ValidFiles(), "papers.json", "https://arxiv.org/abs/1802.04799", "https:///nohost"),
                   "papers.json", "/papers/0/links/0", "is not an http(s) URL");
    ExpectOneError(
        With(ValidFiles(), "lists/course.json", "https://example.org/course/", "example.org/course"),
        "lists/course.json", "/source", "source link \"example.org/course\" is not an http(s) URL");
    // Upper-case schemes are still http(s).
    CHECK(LoadCatalogueFiles(With(ValidFiles(), "papers.json", "https://arxiv", "HTTPS://arxiv")).ok());
}

TEST_CASE("catalog: bad id characters") {
    ExpectOneError(With(ValidFiles(), "papers.json", R"({"id": "how-to-read")",
                        R"({"id": "How To Read", "title": "x"}, {"id": "how-to-read")"),
                   "papers.json", "/papers/2/id", "invalid id \"How To Read\": use only a-z, 0-9 and -");
    ExpectOneError(With(ValidFiles(), "lists/topics.json", R"("id": "topics")", R"("id": "topics_2")"),
                   "lists/topics.json", "/id", "invalid id \"topics_2\"");
    ExpectOneError(With(ValidFiles(), "papers.json", R"("aliases": ["tvm-osdi18"])",
                        R"("aliases": ["tvm-osdi18", "TVM"])"),
                   "papers.json", "/papers/0/aliases/1", "invalid alias \"TVM\"");
}

TEST_CASE("catalog: a list file named in the manifest is missing") {
    Files f = ValidFiles();
    f.erase("lists/topics.json");
    ExpectOneError(f, "catalog.json", "/lists/1",
                   "list file \"lists/topics.json\" named in the manifest was not found");
    Files g = With(ValidFiles(), "catalog.json", R"("lists/topics.json"])",
                   R"("lists/topics.json", "lists/course.json"])");
    ExpectOneError(g, "catalog.json", "/lists/2", "list file \"lists/course.json\" is named twice");
    ExpectOneError(With(ValidFiles(), "catalog.json", R"("lists/topics.json")", R"("../topics.json")"),
                   "catalog.json", "/lists/1", "must be relative and stay inside the data folder");
}

TEST_CASE("catalog: missing manifest or papers file") {
    Files f = ValidFiles();
    f.erase("catalog.json");
    ExpectOneError(f, "catalog.json", "", "manifest not found");
    Files g = ValidFiles();
    g.erase("papers.json");
    CatalogueLoad load = LoadCatalogueFiles(g);
    REQUIRE_FALSE(load.errors.empty());
    CHECK(load.errors[0].ToString() ==
          "catalog.json: /papers: papers file \"papers.json\" named in the manifest was not found");
}

TEST_CASE("catalog: every kind of error has its own message") {
    // One bundle with many problems: all are reported, not just the first.
    Files f = ValidFiles();
    f = With(f, "papers.json", R"({"id": "how-to-read")",
             R"({"id": "gpipe", "title": "Again"}, {"id": "how-to-read")");
    f = With(f, "papers.json", "https://arxiv.org/abs/1802.04799", "ftp://x");
    f = With(f, "lists/course.json", R"({"paper": "gpipe"})", R"({"paper": "missing"})");
    f = With(f, "lists/topics.json", R"("id": "topics")", R"("id": "course")");
    f = With(f, "lists/topics.json", R"("title": "Topic Notes")", R"("title": "")");
    CatalogueLoad load = LoadCatalogueFiles(f);
    const std::string all = AllErrors(load);
    INFO(all);
    CHECK(load.errors.size() == 5);
    CHECK(Contains(all, "papers.json: /papers/2/id: duplicate paper id"));
    CHECK(Contains(all, "papers.json: /papers/0/links/0: link \"ftp://x\""));
    CHECK(Contains(all, "lists/course.json: /sections/1/entries/0/paper: unknown paper \"missing\""));
    CHECK(Contains(all, "lists/topics.json: /title: empty \"title\""));
    CHECK(Contains(all, "lists/topics.json: /id: duplicate list id \"course\""));
}

TEST_CASE("catalog: LoadCatalogueDir reports a missing folder") {
    CatalogueLoad load = shelfmark::LoadCatalogueDir("/nonexistent/shelfmark-data");
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].ToString() == "/nonexistent/shelfmark-data/catalog.json: manifest not found");
}

// ------------------------------------------------------------------ big papers files

namespace {

// A papers file of `n` papers whose titles are `title_bytes` long (ids p0, p1, ...).
std::string BigPapers(std::size_t n, std::size_t title_bytes) {
    std::string out = R"({"format": "shelfmark-papers", "version": 1, "papers": [)";
    const std::string title(title_bytes, 'x');
    for (std::size_t i = 0; i < n; ++i) {
        out += i ? ",\n" : "\n";
        out += R"({"id": "p)" + std::to_string(i) + R"(", "title": "Paper )" + std::to_string(i) + " " +
               title + R"(", "authors": ["A. Author"], "year": 2020})";
    }
    return out + "]}\n";
}

Files BigBundle(const std::string& papers) {
    return {{"catalog.json",
             R"({"format": "shelfmark-catalog", "version": 1, "papers": "papers.json", "lists": []})"},
            {"papers.json", papers}};
}

} // namespace

TEST_CASE("catalog: a papers file over 8 MB loads (its records are parsed one at a time)") {
    // 30,000 papers, 10 MB: the 50,000-paper synthetic catalogue is 14 MB. Before, every
    // file over 8 MB was refused ("input too large").
    const std::string papers = BigPapers(30000, 300);
    REQUIRE(papers.size() > (9u << 20));
    CatalogueLoad load = LoadCatalogueFiles(BigBundle(papers));
    INFO(AllErrors(load).substr(0, 500));
    REQUIRE(load.ok());
    REQUIRE(load.catalogue.papers.size() == 30000);
    CHECK(load.catalogue.papers[29999].id == "p29999");
    CHECK(Contains(load.catalogue.papers[12].title, "Paper 12 xxx"));
    CHECK(load.catalogue.papers[7].authors == std::vector<std::string>{"A. Author"});
    CHECK(load.catalogue.papers[7].year == 2020);
}

TEST_CASE("catalog: a papers file over the papers-file limit (32 MiB) is refused") {
    const std::string papers = BigPapers(2, (33u << 20) / 2);
    CatalogueLoad load = LoadCatalogueFiles(BigBundle(papers));
    INFO(AllErrors(load).substr(0, 500));
    REQUIRE(load.errors.size() == 1);
    CHECK(load.errors[0].file == "papers.json");
    CHECK(Contains(load.errors[0].message, "input too large"));
    CHECK(Contains(load.errors[0].message, "the limit is 33554432"));
    CHECK(load.catalogue.papers.empty());
}

TEST_CASE("catalog: one paper record over 1 MiB is refused at that record, and no paper is kept") {
    // Each author name is under the 1 MiB string limit, but together they are 1.5 MiB.
    std::string authors;
    for (int i = 0; i < 3; ++i)
        authors += (i ? ", \"" : "\"") + std::string(512u << 10, 'a') + "\"";
    const std::string papers = R"({"format": "shelfmark-papers", "version": 1, "papers": [
{"id": "ok", "title": "Fine", "venue": 7},
{"id": "huge", "title": "Huge", "authors": [)" +
                               authors + "]}]}";
    CatalogueLoad load = LoadCatalogueFiles(BigBundle(papers));
    INFO(AllErrors(load).substr(0, 500));
    REQUIRE(load.errors.size() == 1); // not the first record's bad venue: the file is refused
    CHECK(load.errors[0].file == "papers.json");
    CHECK(load.errors[0].where == "line 3, column 1");
    CHECK(Contains(load.errors[0].message,
                   "element 1 of \"papers\" is larger than the limit of 1048576 bytes"));
    CHECK(load.catalogue.papers.empty());
}

TEST_CASE("catalog: a wrong header after the papers array is the only error, as if checked first") {
    Files f = BigBundle(R"({"papers": [{"id": "a", "title": "A", "venue": 3}, {"id": "b", "title": "B"}],
 "format": "shelfmark-list", "version": 1})");
    ExpectOneError(f, "papers.json", "/format",
                   "wrong format \"shelfmark-list\", expected \"shelfmark-papers\"");
    CatalogueLoad load = LoadCatalogueFiles(f);
    CHECK(load.catalogue.papers.empty());
    // Header last and right: the records count, with their errors.
    Files g = BigBundle(R"({"papers": [{"id": "a", "title": "A", "venue": 3}, {"id": "b", "title": "B"}],
 "format": "shelfmark-papers", "version": 1})");
    ExpectOneError(g, "papers.json", "/papers/0/venue", "\"venue\" must be a string");
}

TEST_CASE("catalog: LoadCatalogueDir reads a papers file over 8 MB, and refuses one over 32 MiB unread") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / ("shelfmark-big-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name, std::ios::binary) << text;
    };
    write("catalog.json",
          R"({"format": "shelfmark-catalog", "version": 1, "papers": "papers.json", "lists": []})");
    write("papers.json", BigPapers(30000, 300));
    CatalogueLoad load = shelfmark::LoadCatalogueDir(dir.string());
    CHECK(load.ok());
    CHECK(load.catalogue.papers.size() == 30000);
    write("papers.json", BigPapers(2, (33u << 20) / 2));
    load = shelfmark::LoadCatalogueDir(dir.string());
    REQUIRE(load.errors.size() == 1);
    CHECK(Contains(load.errors[0].message, "file too large"));
    CHECK(Contains(load.errors[0].message, "the limit is 33554432"));
    fs::remove_all(dir);
}
