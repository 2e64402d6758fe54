#include "core/reading_stats.h"

namespace shelfmark {

FinishedPerWeek CountFinishedPerWeek(const Progress& progress, int64_t now_ms, int weeks) {
    FinishedPerWeek out;
    out.end_ms = now_ms;
    out.weeks.assign(static_cast<size_t>(weeks > 0 ? weeks : 0), 0);
    for (const auto& [id, rec] : progress.Records()) {
        if (rec.status != Status::Read) continue;
        ++out.total;
        if (rec.status_at > out.latest_ms) out.latest_ms = rec.status_at;
        const int64_t ago = rec.status_at > 0 ? (now_ms - rec.status_at) / kWeekMs : -2;
        if (rec.status_at > 0 && ago < static_cast<int64_t>(out.weeks.size()))
            ++out.weeks[out.weeks.size() - 1 - static_cast<size_t>(ago < 0 ? 0 : ago)];
        else
            ++out.earlier;
    }
    return out;
}

FinishedPerWeek ChartWeeks(const Progress& progress, int64_t now_ms, int weeks) {
    FinishedPerWeek f = CountFinishedPerWeek(progress, now_ms, weeks);
    if (f.Shown() == 0 && f.latest_ms > 0 && f.latest_ms < now_ms)
        f = CountFinishedPerWeek(progress, f.latest_ms, weeks);
    return f;
}

} // namespace shelfmark
