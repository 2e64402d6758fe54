// Issue 13: the Statistics view. It replaces the papers table and the paper pane (no
// floating window), Esc or "Back to papers" returns; its chart's data is the papers
// finished per week, never blank while papers are read.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/mirror.h"
#include "core/reading_stats.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::UiApp;

int BarsShown(const UiApp& app) {
    int n = 0;
    for (int i = 0; i < kStatsWeeks; ++i)
        n += app.Has("stats-bar:" + std::to_string(i));
    return n;
}

void OpenStats(UiApp& app) { // View > Statistics, by keyboard
    app.Press(ImGuiKey_F10);
    app.Press(ImGuiKey_RightArrow);
    app.Press(ImGuiKey_DownArrow);
    app.Frames(1);
    app.Press(ImGuiKey_Enter);
    app.Frames(2);
    REQUIRE(app.s.ui.show_stats);
}

TEST_CASE(
    "stats: seven papers read this week make one bar of 7; the view replaces the table; Esc goes back") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 7);
    for (int i = 0; i < 7; ++i) // as status keys on seven rows do
        app.s.intents.push_back(intent::SetStatus{{v[static_cast<size_t>(i)]}, Status::Read});
    app.Frames(1);
    OpenStats(app);
    CHECK_FALSE(app.Has("papers-table")); // a view in the table's place, not a window on top
    CHECK(app.Has("stats-back"));
    CHECK(app.Has("stats-chart"));
    CHECK(app.s.ui.visible_papers.empty()); // no rows on screen for status keys to act on
    const FinishedPerWeek f = ChartWeeks(app.s.progress, platform::NowMs(), kStatsWeeks);
    CHECK(f.weeks.back() == 7);
    CHECK(BarsShown(app) == 1);
    REQUIRE(app.Has("stats-bar:" + std::to_string(kStatsWeeks - 1)));
    const Probe::Rect chart = app.Rect("stats-chart"),
                      bar = app.Rect("stats-bar:" + std::to_string(kStatsWeeks - 1));
    CHECK(bar.h > chart.h * 0.5f);                   // the tallest bar: most of the chart's height
    CHECK(bar.x + bar.w > chart.x + chart.w * 0.9f); // this week at the right

    // The accessible mirror: a view in the papers' place too, not a dialog.
    const nlohmann::json m = nlohmann::json::parse(BuildMirror(app.s));
    CHECK(m["dialog"].is_null());
    REQUIRE(m["stats"].is_object());
    CHECK(m["stats"]["weeks"].size() == static_cast<size_t>(kStatsWeeks));
    CHECK(m["stats"]["weeks"].back()["label"] == "This week");
    CHECK(m["stats"]["weeks"].back()["count"] == 7);
    CHECK(m["stats"]["chart"].get<std::string>().find("7 papers") != std::string::npos);
    CHECK(m["stats"]["lines"][0] == "7 of " + std::to_string(app.s.derived.all.total) + " papers read.");

    app.Press(ImGuiKey_Escape);
    app.Frames(2);
    CHECK_FALSE(app.s.ui.show_stats);
    CHECK(app.Has("papers-table"));
    CHECK(nlohmann::json::parse(BuildMirror(app.s))["stats"].is_null());

    OpenStats(app);
    app.Click("stats-back");
    CHECK_FALSE(app.s.ui.show_stats);
    CHECK(app.Has("papers-table"));
}

TEST_CASE("stats: on a phone, a pane of its own with a touch-sized way back") {
    UiApp app;
    app.SetDisplay(390, 844, 3.0f);
    app.Start();
    app.s.intents.push_back(intent::ToggleStats{});
    app.Frames(2);
    REQUIRE(app.s.ui.one_pane);
    CHECK(app.Has("stats-chart"));
    CHECK_FALSE(app.Has("list:")); // not beside the lists: in their place
    REQUIRE(app.Has("stats-back"));
    CHECK(app.Rect("stats-back").h >= 44.0f - 0.5f);
    const Probe::Rect chart = app.Rect("stats-chart");
    CHECK(chart.x + chart.w <= 390.0f + 0.5f); // inside the screen
    app.Click("stats-back");
    CHECK_FALSE(app.s.ui.show_stats);
}

// The chart was blank with 7 papers read: they had been read more than 12 weeks before
// (here: stored three years ago, as after an import or on another device).
TEST_CASE("stats: papers read long ago still show, in the weeks up to the last one") {
    UiApp app;
    const int64_t long_ago = native::kStartMs;
    Progress old;
    std::vector<std::string> ids;
    for (int i = 0; i < 7; ++i) {
        ids.push_back(app.s.catalogue.papers[static_cast<size_t>(i)].id);
        old.SetStatus(ids.back(), Status::Read, long_ago - i * kWeekMs / 3);
        native::PutStored(ids.back(), ProgressRecordToJson(*old.Find(ids.back())));
    }
    native::SetNowMs(long_ago + 3 * 365 * kDayMs);
    app.Start();
    REQUIRE(app.s.progress.StatusOf(ids[0]) == Status::Read);
    OpenStats(app);
    int shown = 0;
    const FinishedPerWeek f = ChartWeeks(app.s.progress, platform::NowMs(), kStatsWeeks);
    for (int w : f.weeks)
        shown += w;
    CHECK(shown == 7);           // before: 0 (the last 12 weeks only)
    CHECK(BarsShown(app) >= 2);  // the weeks they were read in
    CHECK(f.end_ms == long_ago); // up to the last finish
}

TEST_CASE(
    "stats: paper keys do nothing while the Statistics view hides the table; / brings the papers back") {
    UiApp app;
    app.Start();
    const std::string paper = app.s.ui.visible_papers.at(0);
    app.s.intents.push_back(intent::SelectPaper{paper});
    app.Frames(1);
    REQUIRE(app.s.ui.selected.count(paper));
    OpenStats(app);
    app.Key('4'); // no row is on screen: the selected paper must not change unseen
    app.Key('j');
    app.Frames(2);
    CHECK(app.s.progress.StatusOf(paper) == Status::Unread);
    CHECK(app.s.ui.cursor == paper);
    CHECK(app.s.ui.show_stats);
    app.Key('/'); // searching shows the papers again
    app.Frames(2);
    CHECK_FALSE(app.s.ui.show_stats);
    CHECK(app.Has("papers-table"));
}

} // namespace
} // namespace shelfmark
