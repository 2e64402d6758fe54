// Tests for the limited JSON parser: limits are enforced on the raw text before nlohmann
// builds anything, and every error carries a line and column.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/json_limits.h"

using shelfmark::JsonError;
using shelfmark::JsonLimits;
using shelfmark::ParseJsonLimited;
using shelfmark::ParseJsonLimitedAt;

namespace {

bool Contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

} // namespace

TEST_CASE("json_limits: valid input parses") {
    std::string err;
    auto j = ParseJsonLimited(R"({"a": [1, 2, {"b": "caf\u00e9"}], "c": "é"})", JsonLimits{}, &err);
    REQUIRE(j.has_value());
    CHECK(err.empty());
    CHECK((*j)["a"][2]["b"] == "café");
    CHECK((*j)["c"] == "é");
}

TEST_CASE("json_limits: ordered variant keeps key order") {
    JsonError e;
    auto j = shelfmark::ParseOrderedJsonLimited(R"({"z": 1, "a": 2})", JsonLimits{}, &e);
    REQUIRE(j.has_value());
    CHECK(j->dump() == R"({"z":1,"a":2})");
}

TEST_CASE("json_limits: nesting 10000 deep is rejected without crashing") {
    for (char open : {'[', '{'}) {
        std::string text;
        if (open == '[') {
            text = std::string(10000, '[') + std::string(10000, ']');
        } else {
            for (int i = 0; i < 10000; ++i)
                text += "{\"k\":";
            text += "1" + std::string(10000, '}');
        }
        JsonError e;
        auto j = ParseJsonLimitedAt(text, JsonLimits{}, &e);
        CHECK_FALSE(j.has_value());
        CHECK(Contains(e.message, "nesting deeper than the limit of 64"));
        CHECK(e.line == 1);
        // The 65th opening bracket is where the limit is crossed.
        CHECK(e.offset == (open == '[' ? 64u : 64u * 5u));
    }
}

TEST_CASE("json_limits: depth exactly at the limit is accepted") {
    JsonLimits lim;
    lim.max_depth = 3;
    std::string err;
    CHECK(ParseJsonLimited("[[[1]]]", lim, &err).has_value());
    CHECK_FALSE(ParseJsonLimited("[[[[1]]]]", lim, &err).has_value());
    CHECK(Contains(err, "line 1, column 4: nesting deeper than the limit of 3"));
    // Brackets inside strings do not count.
    CHECK(ParseJsonLimited(R"(["[[[[[[", "{{{{{{"])", lim, &err).has_value());
}

TEST_CASE("json_limits: huge string is rejected") {
    JsonLimits lim;
    lim.max_string_bytes = 1000;
    std::string text = "{\n  \"title\": \"" + std::string(5000, 'x') + "\"}";
    std::string err;
    CHECK_FALSE(ParseJsonLimited(text, lim, &err).has_value());
    CHECK(Contains(err, "line 2, column 12: string longer than the limit of 1000 bytes"));

    // Keys count too, and the default limit is enforced without any setting.
    std::string big_key = "{\"" + std::string((2u << 20), 'k') + "\": 1}";
    JsonError e;
    CHECK_FALSE(ParseJsonLimitedAt(big_key, JsonLimits{}, &e).has_value());
    CHECK(Contains(e.message, "string longer than the limit"));

    // At the limit is fine.
    CHECK(ParseJsonLimited("\"" + std::string(1000, 'y') + "\"", lim, &err).has_value());
}

TEST_CASE("json_limits: oversized input is rejected before parsing") {
    JsonLimits lim;
    lim.max_bytes = 100;
    std::string err;
    CHECK_FALSE(ParseJsonLimited("[" + std::string(200, ' ') + "]", lim, &err).has_value());
    CHECK(Contains(err, "input too large: 202 bytes, the limit is 100"));
}

TEST_CASE("json_limits: invalid UTF-8 is rejected") {
    const char* bad[] = {
        "[\"a\xff\"]",            // never valid
        "[\"\xc0\xaf\"]",         // overlong '/'
        "[\"\xed\xa0\x80\"]",     // UTF-16 surrogate
        "[\"\xf4\x90\x80\x80\"]", // above U+10FFFF
        "[\"\xe2\x82\"]",         // truncated sequence
    };
    for (const char* text : bad) {
        JsonError e;
        CHECK_FALSE(ParseJsonLimitedAt(text, JsonLimits{}, &e).has_value());
        CHECK(Contains(e.message, "invalid UTF-8"));
    }
    JsonError e;
    CHECK_FALSE(ParseJsonLimitedAt("{\n \"a\": \"ok\",\n \"b\": \"x\x80\"}", JsonLimits{}, &e).has_value());
    CHECK(e.line == 3);
    CHECK(e.column == 9);
    // Valid multi-byte text is accepted: 2, 3 and 4-byte sequences.
    std::string err;
    CHECK(ParseJsonLimited("[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x93\x9a\"]", JsonLimits{}, &err).has_value());
}

TEST_CASE("json_limits: truncated input gives line and column") {
    std::string err;
    CHECK_FALSE(ParseJsonLimited("{\n  \"a\": [1,\n  2", JsonLimits{}, &err).has_value());
    CHECK(Contains(err, "line 3, column 4:"));
    CHECK(Contains(err, "unexpected end of input"));

    JsonError e;
    CHECK_FALSE(ParseJsonLimitedAt("{\"a\": \"unterminated", JsonLimits{}, &e).has_value());
    CHECK(e.line == 1);
    CHECK(e.column == 20);
    CHECK_FALSE(ParseJsonLimitedAt("", JsonLimits{}, &e).has_value());
    CHECK(e.line == 1);
    CHECK(e.column == 1);
}

TEST_CASE("json_limits: syntax errors point at the offending character") {
    JsonError e;
    CHECK_FALSE(ParseJsonLimitedAt("{\"a\": 1,\n \"b\": tru}", JsonLimits{}, &e).has_value());
    CHECK(e.line == 2);
    CHECK(Contains(e.message, "syntax error"));
    CHECK_FALSE(ParseJsonLimitedAt("[1, 2] x", JsonLimits{}, &e).has_value());
    CHECK(e.line == 1);
    CHECK(e.column == 8);
    CHECK_FALSE(ParseJsonLimitedAt("[1e999]", JsonLimits{}, &e).has_value());
    CHECK_FALSE(e.message.empty());
    // nlohmann's own "[json.exception...] parse error at line..." prefix is not repeated.
    CHECK_FALSE(Contains(e.ToString(), "json.exception"));
}

TEST_CASE("json_limits: duplicate keys are rejected unless allowed") {
    JsonError e;
    CHECK_FALSE(ParseJsonLimitedAt("{\"id\": \"a\",\n \"id\": \"b\"}", JsonLimits{}, &e).has_value());
    CHECK(Contains(e.message, "duplicate key \"id\""));
    CHECK(e.line == 2);
    CHECK(e.column == 2);
    // Escaped spellings of the same key are the same key.
    CHECK_FALSE(ParseJsonLimitedAt(R"({"id": 1, "\u0069d": 2})", JsonLimits{}, &e).has_value());
    // Same key in sibling or nested objects is fine.
    std::string err;
    CHECK(ParseJsonLimited(R"([{"id": 1}, {"id": 2, "x": {"id": 3}}])", JsonLimits{}, &err).has_value());
    JsonLimits lim;
    lim.allow_duplicate_keys = true;
    auto j = ParseJsonLimited(R"({"id": 1, "id": 2})", lim, &err);
    REQUIRE(j.has_value());
}

TEST_CASE("json_limits: line and column count code points") {
    std::size_t line = 0, col = 0;
    shelfmark::JsonLineColumn("ab\ncé d", 7, &line, &col);
    CHECK(line == 2);
    CHECK(col == 4);
    shelfmark::JsonLineColumn("ab", 99, &line, &col);
    CHECK(line == 1);
    CHECK(col == 3);
}

// ------------------------------------------------------------------ streamed array

TEST_CASE("json_limits: ParseJsonStreamingArray hands over each element and keeps the rest") {
    const std::string text = R"({"a": 1, "items": [{"x": [1, {"y": 2}]}, 3, "s", [4, 5], {}],
 "b": {"items": [9]}, "c": [6]})";
    std::vector<nlohmann::json> got;
    std::vector<std::size_t> at;
    JsonError err;
    auto root = shelfmark::ParseJsonStreamingArray(
        text, JsonLimits{}, "items", 1000,
        [&](std::size_t i, nlohmann::json& v) {
            at.push_back(i);
            got.push_back(std::move(v));
        },
        &err);
    REQUIRE(root.has_value());
    REQUIRE(got.size() == 5);
    CHECK(at == std::vector<std::size_t>{0, 1, 2, 3, 4});
    CHECK(got[0] == nlohmann::json::parse(R"({"x": [1, {"y": 2}]})"));
    CHECK(got[1] == 3);
    CHECK(got[2] == "s");
    CHECK(got[3] == nlohmann::json::parse("[4, 5]"));
    CHECK(got[4] == nlohmann::json::object());
    // Everything else as ParseJsonLimitedAt() builds it; "items" of an inner object is not streamed.
    CHECK(*root == nlohmann::json::parse(R"({"a": 1, "items": [], "b": {"items": [9]}, "c": [6]})"));
}

TEST_CASE("json_limits: ParseJsonStreamingArray: other shapes are built whole") {
    int calls = 0;
    const auto count = [&](std::size_t, nlohmann::json&) { ++calls; };
    auto a = shelfmark::ParseJsonStreamingArray(R"([{"items": [1]}])", JsonLimits{}, "items", 1000, count,
                                                nullptr);
    REQUIRE(a.has_value());
    CHECK((*a)[0]["items"] == nlohmann::json::parse("[1]"));
    auto b = shelfmark::ParseJsonStreamingArray(R"({"items": {"k": 1}})", JsonLimits{}, "items", 1000, count,
                                                nullptr);
    REQUIRE(b.has_value());
    CHECK((*b)["items"]["k"] == 1);
    CHECK(calls == 0);
}

TEST_CASE("json_limits: ParseJsonStreamingArray refuses a too-large element, bad text before any element") {
    int calls = 0;
    const auto count = [&](std::size_t, nlohmann::json&) { ++calls; };
    JsonError err;
    const std::string big = R"({"items": [1,
 ")" + std::string(500, 'z') +
                            R"("]})";
    CHECK_FALSE(shelfmark::ParseJsonStreamingArray(big, JsonLimits{}, "items", 200, count, &err).has_value());
    CHECK(calls == 1); // the first element was handed over before the second was found too large
    CHECK(err.line == 2);
    CHECK(err.column == 2);
    CHECK(Contains(err.message, "element 1 of \"items\" is larger than the limit of 200 bytes"));

    // The grammar is checked in the same pass (issue 15: one lexing of the text, not two):
    // the elements before the error were handed over (the callers drop them), and the error
    // is the one a whole-text check gives, at the same place.
    calls = 0;
    const std::string bad = R"({"items": [1, 2, 3], "x": })";
    CHECK_FALSE(
        shelfmark::ParseJsonStreamingArray(bad, JsonLimits{}, "items", 1000, count, &err).has_value());
    CHECK(calls == 3);
    JsonError whole;
    CHECK_FALSE(shelfmark::ParseJsonLimitedAt(bad, JsonLimits{}, &whole).has_value());
    CHECK(err.line == 1);
    CHECK(err.offset == whole.offset);
    CHECK(err.column == whole.column);
    CHECK(err.message == whole.message);
    CHECK(Contains(err.message, "unexpected '}'"));
    // The limits are checked on the whole text first: nothing is handed over.
    calls = 0;
    JsonLimits small;
    small.max_bytes = 10;
    CHECK_FALSE(
        shelfmark::ParseJsonStreamingArray(R"({"items": [1, 2, 3]})", small, "items", 1000, count, &err)
            .has_value());
    CHECK(calls == 0);
    CHECK(Contains(err.message, "input too large"));
}
