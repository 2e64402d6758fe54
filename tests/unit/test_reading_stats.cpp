// The papers finished per week (core/reading_stats.h), the data of the Statistics chart.
#include <doctest/doctest.h>

#include "core/reading_stats.h"

namespace shelfmark {
namespace {
constexpr int64_t kNow = 1700000000000; // 2023-11-14

TEST_CASE("reading stats: each read paper counts in the week it became read") {
    Progress p;
    p.SetStatus("a", Status::Read, kNow - 1000);             // this week
    p.SetStatus("b", Status::Read, kNow - kWeekMs + 1);      // still this week
    p.SetStatus("c", Status::Read, kNow - kWeekMs);          // last week
    p.SetStatus("d", Status::Read, kNow - 11 * kWeekMs - 5); // the oldest week shown
    p.SetStatus("e", Status::Read, kNow - 12 * kWeekMs - 5); // before
    p.SetStatus("f", Status::Read, kNow + 3 * kWeekMs);      // another device's clock ahead
    p.SetStatus("g", Status::Reading, kNow - 1000);          // not read
    p.SetStatus("h", Status::Read, kNow - 2000);
    p.SetStatus("h", Status::Queued, kNow - 1000); // read, then not any more
    const FinishedPerWeek f = CountFinishedPerWeek(p, kNow, 12);
    REQUIRE(f.weeks.size() == 12);
    CHECK(f.weeks[11] == 3); // a, b, f
    CHECK(f.weeks[10] == 1); // c
    CHECK(f.weeks[0] == 1);  // d
    CHECK(f.earlier == 1);   // e
    CHECK(f.total == 6);
    CHECK(f.Shown() == 5);
}

// Issue 13: "papers finished per week" was blank with 7 papers read: they were read more
// than 12 weeks before (on another device, imported), and the chart said nothing.
TEST_CASE("reading stats: the chart shows the weeks up to the last finish when none is recent") {
    Progress p;
    for (int i = 0; i < 7; ++i)
        p.SetStatus("p" + std::to_string(i), Status::Read, kNow - i * kDayMs);
    const int64_t later = kNow + 3 * 365 * kDayMs; // three years on
    CHECK(CountFinishedPerWeek(p, later, 12).Shown() == 0);
    const FinishedPerWeek f = ChartWeeks(p, later, 12);
    CHECK(f.Shown() == 7);
    CHECK(f.end_ms == kNow);
    CHECK(f.latest_ms == kNow);
    CHECK(f.weeks[11] == 7);
    // Something recent: the last 12 weeks, as they are.
    p.SetStatus("new", Status::Read, later - kDayMs);
    const FinishedPerWeek g = ChartWeeks(p, later, 12);
    CHECK(g.end_ms == later);
    CHECK(g.Shown() == 1);
    CHECK(g.earlier == 7);
    // Nothing read at all: nothing to show, and no other window.
    CHECK(ChartWeeks(Progress{}, later, 12).total == 0);
    CHECK(ChartWeeks(Progress{}, later, 12).end_ms == later);
}

} // namespace
} // namespace shelfmark
