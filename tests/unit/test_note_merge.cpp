// test_note_merge.cpp: concurrent note edits (MergeNoteEdits): disjoint edits merge,
// overlapping ones conflict, multi-byte characters are never split. Pure core code.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "cjk_test_text.h"
#include "core/note_merge.h"
#include "core/utf8.h"

using namespace shelfmark;
using namespace shelfmark::testing;

namespace {

// Byte offsets of the character boundaries of a valid UTF-8 string, 0 and size() included.
std::vector<size_t> Boundaries(const std::string& s) {
    std::vector<size_t> out;
    for (size_t i = 0; i < s.size(); ++i)
        if (!utf8::IsContinuation(s[i])) out.push_back(i);
    out.push_back(s.size());
    return out;
}

std::string Insert(std::string s, size_t at, const std::string& what) { return s.insert(at, what); }

// Both argument orders give `expected` (the merge is symmetric for conflict-free edits).
void CheckMerged(const std::string& base, const std::string& mine, const std::string& theirs,
                 const std::string& expected) {
    INFO("base=", base, " mine=", mine, " theirs=", theirs);
    const auto a = MergeNoteEdits(base, mine, theirs);
    REQUIRE(a.has_value());
    CHECK(*a == expected);
    CHECK(utf8::IsValid(*a));
    const auto b = MergeNoteEdits(base, theirs, mine);
    REQUIRE(b.has_value());
    CHECK(*b == expected);
}

void CheckConflict(const std::string& base, const std::string& mine, const std::string& theirs) {
    INFO("base=", base, " mine=", mine, " theirs=", theirs);
    CHECK_FALSE(MergeNoteEdits(base, mine, theirs).has_value());
    CHECK_FALSE(MergeNoteEdits(base, theirs, mine).has_value());
}

} // namespace

TEST_CASE("note merge: disjoint edits in different places are both applied, in order") {
    SUBCASE("insert in the middle, append at the end") {
        CheckMerged("alpha\nbeta\ngamma\n", "alpha\nONE beta\ngamma\n", "alpha\nbeta\ngamma\ndelta\n",
                    "alpha\nONE beta\ngamma\ndelta\n");
    }
    SUBCASE("two replacements of different words") {
        CheckMerged("The quick brown fox jumps", "The slow brown fox jumps", "The quick brown fox sleeps",
                    "The slow brown fox sleeps");
    }
    SUBCASE("insert at the very start, replace at the end") {
        CheckMerged("- [ ] read\n- [ ] summarise", "# Title\n- [ ] read\n- [ ] summarise",
                    "- [ ] read\n- [x] summarise", "# Title\n- [ ] read\n- [x] summarise");
    }
    SUBCASE("adjacent lines edited on each side") {
        CheckMerged("one\ntwo\nthree\nfour\n", "one\nTWO\nthree\nfour\n", "one\ntwo\nthree\nFOUR\n",
                    "one\nTWO\nthree\nFOUR\n");
    }
}

TEST_CASE("note merge: insertions at the same place conflict unless one contains the other") {
    CheckConflict("ab", "aXb", "aYb");
    CheckConflict("note", "note one", "note two");
    CheckConflict("", "abc", "xyz");
    // One insertion holds the other: the larger one wins, whichever side made it.
    CheckMerged("ab", "aXb", "aXYb", "aXYb");
    CheckMerged("note\n", "note\n- a", "note\n- a\n- b", "note\n- a\n- b");
    CheckMerged("x", "x" + kGa + kNa, "x" + kNa, "x" + kGa + kNa);
}

TEST_CASE("note merge: overlapping replacements and deletions conflict") {
    // "quick brown" -> "lazy grey" against "brown fox" -> "red cat".
    CheckConflict("The quick brown fox", "The lazy grey fox", "The quick red cat");
    // The same word replaced differently.
    CheckConflict("The quick brown fox", "The slow brown fox", "The fast brown fox");
    // A deletion that covers the other side's replacement.
    CheckConflict("The quick brown fox", "The brown fox", "The fast brown fox");
    // An insertion inside a span the other side replaced.
    CheckConflict("The quick brown fox", "The qu-ick brown fox", "The slow brown fox");
    // A deletion of the whole note against an edit inside it.
    CheckConflict("abc def", "", "abc DEF");
}

TEST_CASE("note merge: one side unchanged, or both the same") {
    const std::string base = "# Notes\n" + kGa + kNa + kDa + "\n";
    const std::string edited = "# Notes\n" + kGa + kNa + kDa + "\n" + kZhong + kWen + "\n";
    CHECK(MergeNoteEdits(base, base, edited) == std::optional<std::string>(edited));
    CHECK(MergeNoteEdits(base, edited, base) == std::optional<std::string>(edited));
    CHECK(MergeNoteEdits(base, edited, edited) == std::optional<std::string>(edited));
    CHECK(MergeNoteEdits(base, base, base) == std::optional<std::string>(base));
    CHECK(MergeNoteEdits(base, "", base) == std::optional<std::string>(""));
    CHECK(MergeNoteEdits(base, base, "") == std::optional<std::string>(""));
    // Identical edits that are not insertions (a replacement made in both windows).
    const std::string replaced = "# Notes\n" + kGa + kRa + kDa + "\n";
    CHECK(MergeNoteEdits(base, replaced, replaced) == std::optional<std::string>(replaced));
}

TEST_CASE("note merge: empty base") {
    CHECK(MergeNoteEdits("", "", "") == std::optional<std::string>(""));
    CHECK(MergeNoteEdits("", "abc", "") == std::optional<std::string>("abc"));
    CHECK(MergeNoteEdits("", "", kZhong + kWen) == std::optional<std::string>(kZhong + kWen));
    CheckConflict("", kGa, kZhong);
    CheckMerged("", kGa, kGa + kNa, kGa + kNa);
    CheckMerged("", kGa + kNa, kNa, kGa + kNa);
}

TEST_CASE("note merge: a deletion on one side and an insertion on the other, in different places") {
    CheckMerged("one two three four", "one three four", "one two three four five", "one three four five");
    CheckMerged("one two three four", "zero one two three four", "one two four", "zero one two four");
    const std::string base = kGa + kNa + kDa + " " + kZhong + kWen + " abc";
    CheckMerged(base, kZhong + kWen + " abc", base + " " + kRa, kZhong + kWen + " abc " + kRa);
    // Deleting a Korean word while a Chinese word is inserted after it.
    CheckMerged(kGa + kNa + " " + kDa, kGa + " " + kDa, kGa + kNa + " " + kDa + kYi, kGa + " " + kDa + kYi);
}

TEST_CASE("note merge: multi-byte characters at the edit boundaries are never split") {
    const std::string base = kGa + kNa + kDa; // 가나다

    SUBCASE("insertion next to a character with the same lead bytes") {
        // 라 inserted between 나 and 다 (all start with 0xEB); 中文 at the start.
        CheckMerged(base, kGa + kNa + kRa + kDa, kZhong + kWen + base, kZhong + kWen + kGa + kNa + kRa + kDa);
        // 각 (EA B0 81) inserted before 가 (EA B0 80): the common byte prefix ends inside a character.
        CheckMerged(base, kGak + base, base + kZhong, kGak + base + kZhong);
    }
    SUBCASE("replacement of a character sharing its lead bytes") {
        // 나 -> 너 (EB 82 98 -> EB 84 88), and 中 appended.
        CheckMerged(base, kGa + kNeo + kDa, base + kZhong, kGa + kNeo + kDa + kZhong);
        // 가 -> 각 at the start, 다 -> 라 at the end: both spans start inside a shared prefix.
        CheckMerged(base, kGak + kNa + kDa, kGa + kNa + kRa, kGak + kNa + kRa);
    }
    SUBCASE("replacement of a character sharing its trailing bytes") {
        // 가 (EA B0 80) -> U+BC00 (EB B0 80): the common byte suffix starts inside a character.
        CheckMerged(base, kBc00 + kNa + kDa, kGa + kNa + kRa, kBc00 + kNa + kRa);
        CheckMerged(kZhong + kWen, kZhong + kWen + kEAcute, kYi + kWen, kYi + kWen + kEAcute);
    }
    SUBCASE("every pair of insertion points in a mixed string") {
        const std::string mixed = kGa + "a" + kNa + kZhong + kWen + kEAcute + kDa + "z";
        const std::vector<size_t> at = Boundaries(mixed);
        const std::vector<std::pair<std::string, std::string>> inserts = {
            {kGak, kYi}, {kGuk, kEAcute + kEAcute}, {kYi + kGak, "-"}, {kNeo, kBc00}};
        for (const auto& [x, y] : inserts) {
            for (size_t i = 0; i < at.size(); ++i) {
                for (size_t j = i + 1; j < at.size(); ++j) {
                    const std::string mine = Insert(mixed, at[i], x);
                    const std::string theirs = Insert(mixed, at[j], y);
                    const std::string expected = Insert(Insert(mixed, at[j], y), at[i], x);
                    CAPTURE(i);
                    CAPTURE(j);
                    CheckMerged(mixed, mine, theirs, expected);
                }
            }
        }
    }
    SUBCASE("every pair of replaced characters") {
        const std::string mixed = kGa + kNa + kZhong + kDa + kWen + kGa;
        const std::vector<size_t> at = Boundaries(mixed);
        const size_t n = at.size() - 1; // characters
        for (size_t i = 0; i < n; ++i) {
            for (size_t j = i + 1; j < n; ++j) {
                std::string mine = mixed, theirs = mixed, expected = mixed;
                mine.replace(at[i], at[i + 1] - at[i], kGak);
                theirs.replace(at[j], at[j + 1] - at[j], kYi);
                expected.replace(at[j], at[j + 1] - at[j], kYi);
                expected.replace(at[i], at[i + 1] - at[i], kGak);
                CAPTURE(i);
                CAPTURE(j);
                CheckMerged(mixed, mine, theirs, expected);
            }
        }
    }
    SUBCASE("any result of conflicting-looking edits is valid UTF-8 and holds both edits") {
        // Replacements touching neighbouring characters: merged or refused, never split.
        const std::string mine = kGak + kNa + kDa;   // first character changed
        const std::string theirs = kGa + kNeo + kDa; // second character changed
        const auto r = MergeNoteEdits(base, mine, theirs);
        REQUIRE(r.has_value());
        CHECK(utf8::IsValid(*r));
        CHECK(*r == kGak + kNeo + kDa);
    }
}

TEST_CASE("note merge: an insertion at the edge of the other side's span never duplicates text") {
    // Seen in two real windows: a stale base made one side a whole-text replacement that
    // already held the other side's insertion; applying both doubled "BBB ".
    const std::string c0 = "first line\nsecond line";
    const std::string mine = "BBB " + c0 + " AAA";
    const std::string theirs = "BBB " + c0;
    const auto m = MergeNoteEdits(c0, mine, theirs);
    REQUIRE(m.has_value());
    CHECK(*m == mine);
    const auto r = MergeNoteEdits(c0, theirs, mine);
    REQUIRE(r.has_value());
    CHECK(*r == mine);
    // Not contained: a conflict, not a guess.
    CHECK_FALSE(MergeNoteEdits("abc", "XYZ", "Qabc").has_value());
}

TEST_CASE("note merge: several edited paragraphs on each side merge line by line") {
    const std::string base = "# Title\n\npara one\n\npara two\n\npara three\n";
    const std::string mine = "# Title (read twice)\n\npara one\n\npara two\n\npara three, with my remark\n";
    const std::string theirs =
        "# Title\n\npara one and a correction\n\npara two\n\npara three\n\nnew closing line\n";
    const auto m = MergeNoteEdits(base, mine, theirs);
    REQUIRE(m.has_value());
    CHECK(*m == "# Title (read twice)\n\npara one and a correction\n\npara two\n\npara three, with my "
                "remark\n\nnew closing line\n");
    // The same line changed differently on both sides: a conflict.
    CHECK_FALSE(MergeNoteEdits(base, "# Mine\n" + base.substr(8), "# Theirs\n" + base.substr(8)).has_value());
    // The same line changed in two places of it: merged within the line.
    const auto w = MergeNoteEdits("alpha beta gamma\n", "ALPHA beta gamma\n", "alpha beta GAMMA\n");
    REQUIRE(w.has_value());
    CHECK(*w == "ALPHA beta GAMMA\n");
}
