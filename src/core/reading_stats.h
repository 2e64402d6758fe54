// reading_stats.h: what the Statistics view shows, computed from the progress alone (no
// ImGui), so that it can be tested and shown the same way by the canvas and the mirror.
#pragma once

#include <cstdint>
#include <vector>

#include "core/progress.h"

namespace shelfmark {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kWeekMs = 7 * kDayMs;

// Papers finished (whose status is "read") per week, oldest first: weeks[weeks - 1] is the
// 7 days up to now_ms, weeks[weeks - 2] the 7 before, and so on. A paper counts in the week
// it last became read (its status time). Papers read earlier than the first week, or with
// no known time, are counted in `earlier`; a time after now_ms (another device's clock)
// counts as this week.
struct FinishedPerWeek {
    int64_t end_ms = 0;    // the end of the last week shown
    int64_t latest_ms = 0; // the latest time a paper became read (0: none known)
    std::vector<int> weeks;
    int earlier = 0; // read before the first week shown, or at an unknown time
    int total = 0;   // every paper read
    int Shown() const {
        int n = 0;
        for (int w : weeks)
            n += w;
        return n;
    }
};
FinishedPerWeek CountFinishedPerWeek(const Progress& progress, int64_t now_ms, int weeks);
// The chart's weeks: the last `weeks` up to now_ms; when none of them has a finished paper
// but some paper was finished earlier (read on another device, imported), the `weeks` up
// to that latest finish instead, so the chart is never blank while papers are read.
FinishedPerWeek ChartWeeks(const Progress& progress, int64_t now_ms, int weeks);

} // namespace shelfmark
