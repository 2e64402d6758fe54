// PaperExtras on a user's paper: stored as optional keys of the paper record ("arxiv",
// "doi", "linkKinds", "fields"), validated by the strict and lenient readers, kept through
// export -> import, and absent from records that have none (old files load unchanged).
#include <doctest/doctest.h>

#include <functional>

#include <nlohmann/json.hpp>

#include "core/progress_file.h"
#include "core/user_data.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::Contains;

namespace {

constexpr int64_t kT = 1700000000000;

UserPaper Rich() {
    UserPaper u;
    u.paper.id = "u-megatron";
    u.paper.title = "Efficient Large-Scale Language Model Training on GPU Clusters";
    u.paper.authors = {"Deepak Narayanan"};
    u.paper.venue = "SC";
    u.paper.year = 2021;
    u.paper.links = {"https://arxiv.org/abs/2104.04473", "https://github.com/NVIDIA/Megatron-LM"};
    u.extras.arxiv = "2104.04473";
    u.extras.doi = "10.1145/3458817.3476209";
    u.extras.link_kinds = {"paper", "code"};
    // BibTeX fields as a .bib file gives them: a CJK note and a value with newlines.
    u.extras.fields = {{"@type", "inproceedings"},
                       {"@key", "narayanan2021efficient"},
                       {"note", "\xE4\xB8\xAD\xE6\x96\x87 \xEA\xB0\x80"},
                       {"abstract", "Line one.\nLine two."},
                       {"readstatus", "skimmed"}};
    u.updated_at = kT;
    return u;
}

struct ReadResult {
    std::optional<UserPaper> paper;
    std::string field, message;
};

ReadResult ReadBack(const std::string& json_text, bool strict) {
    ReadResult r;
    r.paper = UserPaperFromValue(nlohmann::json::parse(json_text), strict, &r.field, &r.message);
    return r;
}

nlohmann::json Pairs(const std::vector<std::pair<std::string, std::string>>& pairs) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& [name, value] : pairs)
        a.push_back(nlohmann::json::array({name, value}));
    return a;
}

std::string Dump(const UserPaper& u) { return UserPaperToValue(u).dump(); }

} // namespace

TEST_CASE("paper extras: written only when present, read back equal by both readers") {
    UserPaper plain = Rich();
    plain.extras = {};
    const std::string plain_text = Dump(plain);
    for (const char* key : {"arxiv", "doi", "linkKinds", "fields"})
        CHECK_FALSE(Contains(plain_text, std::string("\"") + key + "\""));

    const UserPaper rich = Rich();
    const std::string text = Dump(rich);
    CHECK(Contains(text, "\"arxiv\":\"2104.04473\""));
    CHECK(Contains(text, "\"linkKinds\":[\"paper\",\"code\"]"));
    CHECK(Contains(text, "[\"@type\",\"inproceedings\"]"));
    for (bool strict : {true, false}) {
        const ReadResult r = ReadBack(text, strict);
        REQUIRE_MESSAGE(r.paper, r.field << ": " << r.message);
        CHECK(SameUserPaper(*r.paper, rich));
        CHECK(r.paper->extras.fields == rich.extras.fields);
        CHECK(r.paper->extras.link_kinds == rich.extras.link_kinds);
        CHECK(r.paper->extras.doi == rich.extras.doi);
        // A record of before the extras (no such keys) still loads, with none.
        const ReadResult old = ReadBack(plain_text, strict);
        REQUIRE(old.paper);
        CHECK(old.paper->extras.arxiv.empty());
        CHECK(old.paper->extras.fields.empty());
    }
    // A change of extras alone is a change of the record (saved, merged by updatedAt).
    UserPaper other = rich;
    other.extras.fields.pop_back();
    CHECK_FALSE(SameUserPaper(other, rich));
}

TEST_CASE("paper extras: export -> import -> export keeps them byte for byte") {
    Progress p;
    UserData u;
    const UserPaper rich = Rich();
    u.papers.emplace(rich.paper.id, rich);
    const std::string first = ExportProgressFile(p, u, kT, "test");
    ProgressFileError err;
    const std::optional<ProgressFile> f = ParseProgressFile(first, &err);
    REQUIRE_MESSAGE(f, err.ToString());
    Progress p2;
    UserData u2;
    CHECK(ApplyImport(p2, u2, *f, ImportMode::Merge));
    REQUIRE(u2.papers.count(rich.paper.id));
    CHECK(u2.papers.at(rich.paper.id).extras.fields == rich.extras.fields);
    CHECK(ExportProgressFile(p2, u2, kT, "test") == first);
}

TEST_CASE("paper extras: bad values are refused with where and why, by strict and lenient readers") {
    struct Case {
        std::string name;
        std::function<void(nlohmann::json&)> spoil;
        std::string field;
        std::string message;
    };
    const std::vector<Case> cases = {
        {"arXiv id with a version", [](nlohmann::json& j) { j["arxiv"] = "2104.04473v2"; }, "/arxiv",
         "arXiv id"},
        {"arXiv id not a string", [](nlohmann::json& j) { j["arxiv"] = 2104.04473; }, "/arxiv",
         "must be a string"},
        {"DOI in upper case", [](nlohmann::json& j) { j["doi"] = "10.1109/ISCA.2018.00012"; }, "/doi", "DOI"},
        {"DOI without a prefix", [](nlohmann::json& j) { j["doi"] = "3458817.3476209"; }, "/doi", "DOI"},
        {"one link kind for two links", [](nlohmann::json& j) { j["linkKinds"] = {"paper"}; }, "/linkKinds",
         "1 items for 2 links"},
        {"unknown link kind",
         [](nlohmann::json& j) {
             j["linkKinds"] = {"paper", "tweet"};
         },
         "/linkKinds/1", "unknown link kind"},
        {"a field that is not a pair", [](nlohmann::json& j) { j["fields"] = {{"note"}}; }, "/fields/0",
         "pair of strings"},
        {"a field name with a space",
         [](nlohmann::json& j) {
             j["fields"] = Pairs({{"my note", "x"}});
         },
         "/fields/0/0", "field name"},
        {"a field name in upper case",
         [](nlohmann::json& j) {
             j["fields"] = Pairs({{"Title", "x"}});
         },
         "/fields/0/0", "field name"},
        {"a control character in a value",
         [](nlohmann::json& j) {
             j["fields"] = Pairs({{"note", "a\x01z"}});
         },
         "/fields/0/1", "control"},
        {"a value over the limit",
         [](nlohmann::json& j) {
             j["fields"] = Pairs({{"abstract", std::string(kMaxUserFieldBytes + 1, 'a')}});
         },
         "/fields/0/1", "limit"},
        {"too many fields",
         [](nlohmann::json& j) {
             nlohmann::json a = nlohmann::json::array();
             for (size_t i = 0; i <= kMaxUserFields; ++i)
                 a.push_back(nlohmann::json::array({"f", "v"}));
             j["fields"] = a;
         },
         "/fields", "more than"},
        {"fields over the total size",
         [](nlohmann::json& j) {
             nlohmann::json a = nlohmann::json::array();
             for (size_t i = 0; i < 5; ++i)
                 a.push_back(nlohmann::json::array({"f", std::string(kMaxUserFieldBytes, 'v')}));
             j["fields"] = a;
         },
         "/fields", "bytes"},
        {"fields not an array", [](nlohmann::json& j) { j["fields"] = "x"; }, "/fields", "must be an array"},
    };
    for (const Case& c : cases) {
        nlohmann::json j = nlohmann::json::parse(Dump(Rich()));
        c.spoil(j);
        for (bool strict : {true, false}) {
            INFO(c.name << std::string(strict ? " (strict)" : " (lenient)"));
            std::string field, message;
            CHECK_FALSE(UserPaperFromValue(j, strict, &field, &message));
            INFO(message);
            CHECK(field == c.field);
            CHECK(Contains(message, c.message));
        }
    }
    // Nulls: the lenient reader takes them as absent, the strict one refuses them.
    nlohmann::json j = nlohmann::json::parse(Dump(Rich()));
    j["doi"] = nullptr;
    std::string field, message;
    CHECK_FALSE(UserPaperFromValue(j, true, &field, &message));
    const std::optional<UserPaper> lenient = UserPaperFromValue(j, false, &field, &message);
    REQUIRE(lenient);
    CHECK(lenient->extras.doi.empty());
}

TEST_CASE("paper extras: a whole file with a bad extra is refused and names the line") {
    Progress p;
    UserData u;
    const UserPaper rich = Rich();
    u.papers.emplace(rich.paper.id, rich);
    std::string text = ExportProgressFile(p, u, kT, "test");
    const auto at = text.find("\"code\"]");
    REQUIRE(at != std::string::npos);
    text.replace(at, 6, "\"blog\"");
    ProgressFileError err;
    CHECK_FALSE(ParseProgressFile(text, &err));
    CHECK(Contains(err.ToString(), "/userPapers/0/linkKinds/1"));
    CHECK(Contains(err.message, "unknown link kind \"blog\""));
}

TEST_CASE("paper extras: FitPaperExtras makes what an import found storable") {
    PaperExtras e;
    e.arxiv = "2104.04473v3";
    e.doi = "10.1145/3458817.3476209";
    e.link_kinds = {"paper", "code", "slides"}; // three kinds for two links
    e.fields = {{"title", std::string(kMaxUserFieldBytes + 10, 'x')},
                {"Bad Name", "dropped"},
                {"note", "a\x01"
                         "b\xFF"}};
    CHECK(FitPaperExtras(e, 2));
    CHECK(e.arxiv.empty());
    CHECK(e.doi == "10.1145/3458817.3476209");
    CHECK(e.link_kinds.empty());
    REQUIRE(e.fields.size() == 2);
    CHECK(e.fields[0].second.size() == kMaxUserFieldBytes);
    CHECK(e.fields[1] == std::pair<std::string, std::string>{"note", "a b\xEF\xBF\xBD"});
    CHECK_FALSE(FitPaperExtras(e, 2)); // already storable

    // Whatever FitPaperExtras leaves reads back.
    UserPaper u = Rich();
    u.extras = e;
    std::string field, message;
    const std::optional<UserPaper> back =
        UserPaperFromValue(nlohmann::json::parse(Dump(u)), true, &field, &message);
    REQUIRE_MESSAGE(back, field << ": " << message);
    CHECK(SameUserPaper(*back, u));
}
