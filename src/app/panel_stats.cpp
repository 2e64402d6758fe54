// panel_stats.cpp: the statistics window: overall and per-list progress, papers
// finished per week, required readings left.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <vector>

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
constexpr int64_t kWeekMs = 7LL * 24 * 3600 * 1000;
constexpr int kWeeksShown = 12;
} // namespace

void DrawStatsWindow(AppState& s) {
    if (!s.ui.show_stats) return;
    const float em = ImGui::GetFontSize();
    ImGui::SetNextWindowSize(ImVec2(em * 34, em * 30), ImGuiCond_FirstUseEver);
    bool open = true;
    if (ImGui::Begin("Statistics", &open, ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoCollapse)) {
        const Derived& d = s.derived;
        int by_status[kStatusCount] = {};
        for (const Paper& p : s.catalogue.papers)
            ++by_status[static_cast<int>(s.progress.StatusOf(p.id))];
        ImGui::Text("%d papers: %d read, %d reading, %d queued, %d skipped, %d unread", d.all.total,
                    by_status[3], by_status[2], by_status[1], by_status[4], by_status[0]);
        ImGui::ProgressBar(d.all.total ? float(d.all.read) / float(d.all.total) : 0.0f, ImVec2(-1, 0));
        ImGui::Separator();
        if (ImGui::BeginTable("lists", 3, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp)) {
            ImGui::TableSetupColumn("List", 0, 3.0f);
            ImGui::TableSetupColumn("Required read", 0, 2.0f);
            ImGui::TableSetupColumn("Required left", 0, 1.2f);
            ImGui::TableHeadersRow();
            for (size_t li = 0; li < s.catalogue.lists.size() && li < d.list_required.size(); ++li) {
                const Counts c = d.list_required[li];
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(s.catalogue.lists[li].title.c_str());
                ImGui::TableSetColumnIndex(1);
                char overlay[32];
                std::snprintf(overlay, sizeof overlay, "%d/%d", c.read, c.total);
                ImGui::ProgressBar(c.total ? float(c.read) / float(c.total) : 0.0f, ImVec2(-1, 0), overlay);
                ImGui::TableSetColumnIndex(2);
                ImGui::Text("%d", c.total - c.read);
            }
            ImGui::EndTable();
        }
        ImGui::Separator();
        // Papers finished per week: the time each paper last became "read".
        const int64_t now = platform::NowMs();
        std::vector<int64_t> finished;
        for (const auto& [id, rec] : s.progress.Records())
            if (rec.status == Status::Read && rec.status_at > 0) finished.push_back(rec.status_at);
        float weeks[kWeeksShown] = {};
        float top = 1.0f;
        for (int64_t t : finished) {
            const int64_t ago = (now - t) / kWeekMs;
            if (ago >= 0 && ago < kWeeksShown) {
                float& w = weeks[kWeeksShown - 1 - ago];
                w += 1.0f;
                top = std::max(top, w);
            }
        }
        ImGui::Text("Papers finished per week, the last %d weeks (this week on the right)", kWeeksShown);
        ImGui::PlotHistogram("##weeks", weeks, kWeeksShown, 0, nullptr, 0.0f, top, ImVec2(-1, em * 6));
    }
    ImGui::End();
    if (!open) s.intents.push_back(intent::ToggleStats{});
}

} // namespace shelfmark
