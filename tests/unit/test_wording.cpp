// Counts and dates as the user reads them (core/wording.h): "1 paper", not "1 papers";
// section dates written once and unambiguously.
#include <doctest/doctest.h>

#include "core/wording.h"

namespace shelfmark {
namespace {

TEST_CASE("wording: a count and its noun agree") {
    CHECK(CountOf(0, "paper") == "0 papers");
    CHECK(CountOf(1, "paper") == "1 paper");
    CHECK(CountOf(2, "paper") == "2 papers");
    CHECK(CountOf(1, "note") == "1 note");
    CHECK(CountOf(11, "note") == "11 notes");
    CHECK(CountOf(1, "entry", "entries") == "1 entry");
    CHECK(CountOf(3, "entry", "entries") == "3 entries");
}

TEST_CASE("wording: ISO dates read without a month/day guess") {
    CHECK(ReadableDate("2023-05-09") == "Tue 9 May 2023");
    CHECK(ReadableDate("2023-05-09", false) == "Tue 9 May");
    CHECK(ReadableDate("2024-02-29") == "Thu 29 Feb 2024");
    CHECK(ReadableDate("2000-01-01") == "Sat 1 Jan 2000");
    // Not a date: as it was.
    CHECK(ReadableDate("2023-02-29") == "2023-02-29");
    CHECK(ReadableDate("2023-13-01") == "2023-13-01");
    CHECK(ReadableDate("soon") == "soon");
    CHECK(ReadableDate("") == "");
}

TEST_CASE("wording: days of a time, and short labels") {
    CHECK(IsoDateOf(0) == "1970-01-01");
    CHECK(IsoDateOf(1700000000000) == "2023-11-14");
    CHECK(IsoDateOf(951782400000) == "2000-02-29");
    CHECK(IsoDateOf(-1) == "1969-12-31");
    CHECK(DayMonth("2023-11-14") == "14 Nov");
    CHECK(DayMonth("2023-11-14", true) == "14 Nov 2023");
    CHECK(DayMonth("soon") == "soon");
}

TEST_CASE("wording: a section's date is said once") {
    CHECK(SectionName({"5/9", "2023-05-09", {}}) == "Tue 9 May 2023");
    CHECK(SectionName({"05/09", "2023-05-09", {}}) == "Tue 9 May 2023");
    CHECK(SectionName({"9/5", "2023-05-09", {}}) == "Tue 9 May 2023");
    CHECK(SectionName({"4/4", "2023-04-04", {}}, false) == "Tue 4 Apr");
    CHECK(SectionName({"2023-04-04", "2023-04-04", {}}) == "Tue 4 Apr 2023");
    CHECK(SectionName({"", "2023-04-04", {}}) == "Tue 4 Apr 2023");
    CHECK(SectionName({"Week 3", "2023-05-09", {}}) == "Week 3 \xC2\xB7 Tue 9 May 2023");
    CHECK(SectionName({"5/10", "2023-05-09", {}}) == "5/10 \xC2\xB7 Tue 9 May 2023");
    CHECK(SectionName({"Coming up", "", {}}) == "Coming up");
    CHECK(SectionName({"Lecture 1", "TBD", {}}) == "Lecture 1");
}

} // namespace
} // namespace shelfmark
