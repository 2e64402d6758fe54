#include "core/reading_stats.h"

namespace shelfmark {

FinishedPerWeek CountFinishedPerWeek(const Progress& progress, int64_t now_ms, int weeks) {
    FinishedPerWeek out;
    out.weeks.assign(static_cast<size_t>(weeks > 0 ? weeks : 0), 0);
    for (const auto& [id, rec] : progress.Records()) {
        if (rec.status != Status::Read) continue;
        ++out.total;
        const int64_t ago = rec.status_at > 0 ? (now_ms - rec.status_at) / kWeekMs : -2;
        if (rec.status_at > 0 && ago < static_cast<int64_t>(out.weeks.size()))
            ++out.weeks[out.weeks.size() - 1 - static_cast<size_t>(ago < 0 ? 0 : ago)];
        else
            ++out.earlier;
    }
    return out;
}

} // namespace shelfmark
