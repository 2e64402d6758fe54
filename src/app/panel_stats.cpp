// panel_stats.cpp: the Statistics view (View > Statistics). It takes the place of the
// papers table and the paper pane (the lists stay at the left; one pane at a time on
// phones) until "Back to papers" or Esc: overall and per-list progress, and the papers
// finished per week (core/reading_stats.h), drawn as labelled bars.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/widgets.h"
#include "core/reading_stats.h"
#include "core/wording.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
// A thin filled track with "n of m read" after it (the sidebar's bars too, ProgressTrack()).
void ListProgress(AppState& s, const char* name, Counts c, const char* what) {
    ImGui::TextUnformatted(name);
    ProgressTrack(s, c, what);
}

// The weekly bars: each week a column with its count above and its first day below; the
// current week at the right. Probes "stats-chart" and "stats-bar:<i>" (a bar's filled part).
void WeeklyChart(AppState& s, const FinishedPerWeek& f, bool recent) {
    const int64_t now = f.end_ms;
    const float em = ImGui::GetFontSize();
    const int n = static_cast<int>(f.weeks.size());
    const int top = std::max(1, *std::max_element(f.weeks.begin(), f.weeks.end()));
    const float w = std::max(em * 12.0f, ImGui::GetContentRegionAvail().x);
    const float label_h = ImGui::GetTextLineHeight();
    const float plot_h = em * 7.0f;
    const ImVec2 at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, plot_h + label_h * 2.0f + em * 0.5f));
    s.probe.Add("stats-chart", at.x, at.y, at.x + w, at.y + plot_h + label_h * 2.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const bool dark = IsDark(s);
    const ImU32 bar = ImGui::ColorConvertFloat4ToU32(StatusColor(Status::Read, dark));
    const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 text = ImGui::GetColorU32(ImGuiCol_Text);
    const float slot = w / static_cast<float>(n);
    const float base_y = at.y + label_h + plot_h;
    dl->AddLine(ImVec2(at.x, base_y), ImVec2(at.x + w, base_y), axis, std::max(1.0f, em / 13.0f));
    for (int i = 0; i < n; ++i) {
        const float x0 = at.x + slot * i + slot * 0.18f, x1 = at.x + slot * (i + 1) - slot * 0.18f;
        const float h = plot_h * static_cast<float>(f.weeks[i]) / static_cast<float>(top);
        if (f.weeks[i] > 0) {
            dl->AddRectFilled(ImVec2(x0, base_y - h), ImVec2(x1, base_y), bar, em * 0.15f,
                              ImDrawFlags_RoundCornersTop);
            s.probe.Add("stats-bar:" + std::to_string(i), x0, base_y - h, x1, base_y);
            const std::string count = std::to_string(f.weeks[i]);
            const float tw = ImGui::CalcTextSize(count.c_str()).x;
            dl->AddText(ImVec2((x0 + x1 - tw) * 0.5f, base_y - h - label_h), text, count.c_str());
        }
        // Every other week's first day (all of them when there is room), and "this week".
        const bool last = i == n - 1;
        const std::string day =
            last && recent ? "this week" : DayMonth(IsoDateOf(now - kWeekMs * (n - i) + kDayMs));
        const float dw = ImGui::CalcTextSize(day.c_str()).x;
        const bool room = slot > ImGui::CalcTextSize("30 Sep ").x;
        if (last || ((room || (n - 1 - i) % 2 == 0) && !(slot * 1.5f < dw && n - 1 - i == 1)))
            dl->AddText(ImVec2(std::min(at.x + w - dw, (x0 + x1 - dw) * 0.5f), base_y + em * 0.2f), axis,
                        day.c_str());
    }
}
} // namespace

void DrawStatsPanel(AppState& s) {
    const float em = ImGui::GetFontSize();
    if (TouchSmallButton(s, "< Back to papers")) s.intents.push_back(intent::ToggleStats{});
    ProbeLastItem(s, "stats-back");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the papers (Esc)");
    ImGui::SameLine();
    ImGui::TextDisabled("Esc");
    // A column of reading width (bars across a 1920 px screen read badly), scrolling.
    ImGui::BeginChild("stats-body", ImVec2(std::min(ImGui::GetContentRegionAvail().x, em * 50.0f), 0),
                      ImGuiChildFlags_None);
    ImGui::PushFont(GetFont(FontKind::Heading));
    ImGui::TextUnformatted("Statistics");
    ImGui::PopFont();
    const Derived& d = s.derived;
    int by_status[kStatusCount] = {};
    for (const Paper& p : s.catalogue.papers)
        ++by_status[static_cast<int>(s.progress.StatusOf(p.id))];
    const std::string summary = CountOf(d.all.total, "paper") + ": " + std::to_string(by_status[3]) +
                                " read, " + std::to_string(by_status[2]) + " reading, " +
                                std::to_string(by_status[1]) + " queued, " + std::to_string(by_status[4]) +
                                " skipped, " + std::to_string(by_status[0]) + " unread";
    ImGui::TextWrapped("%s", summary.c_str());
    ProgressTrack(s, d.all, "read");
    ImGui::Dummy(ImVec2(0, em * 0.5f));

    // Papers finished per week.
    const int64_t now = platform::NowMs();
    const FinishedPerWeek f = ChartWeeks(s.progress, now, kStatsWeeks);
    const bool recent = f.end_ms == now;
    ImGui::PushFont(GetFont(FontKind::Heading));
    ImGui::TextUnformatted("Papers finished per week");
    ImGui::PopFont();
    if (recent)
        ImGui::TextDisabled("The last %d weeks, this week at the right: %s.", kStatsWeeks,
                            CountOf(f.Shown(), "paper").c_str());
    else // nothing lately: the weeks up to the last paper finished, said so
        ImGui::TextWrapped("Nothing finished in the last %d weeks. The %d weeks up to the last paper you "
                           "finished (%s): %s.",
                           kStatsWeeks, kStatsWeeks, DayMonth(IsoDateOf(f.latest_ms), true).c_str(),
                           CountOf(f.Shown(), "paper").c_str());
    WeeklyChart(s, f, recent);
    if (f.total == 0)
        ImGui::TextDisabled("No paper is marked read yet: press 4 on a paper when you finish it.");
    else if (f.earlier > 0)
        ImGui::TextDisabled("%s read before these weeks.", CountOf(f.earlier, "paper").c_str());
    ImGui::Dummy(ImVec2(0, em * 0.5f));

    // Per list: its required papers (a topic list: all of them), then the others.
    ImGui::PushFont(GetFont(FontKind::Heading));
    ImGui::TextUnformatted("Lists");
    ImGui::PopFont();
    for (size_t li = 0; li < s.catalogue.lists.size() && li < d.list_required.size(); ++li) {
        const ReadingList& l = s.catalogue.lists[li];
        ImGui::PushID(static_cast<int>(li));
        const Counts req = d.list_required[li], opt = d.list_optional[li];
        ListProgress(s, l.title.c_str(), req.total ? req : opt,
                     req.total ? (l.kind == "topic-list" ? "read" : "required read") : "read");
        if (req.total && opt.total) ProgressTrack(s, opt, (d.list_optional_role[li] + " read").c_str());
        if (req.total > req.read && l.kind != "topic-list")
            ImGui::TextDisabled("%s left", CountOf(req.total - req.read, "required paper").c_str());
        ImGui::Dummy(ImVec2(0, em * 0.3f));
        ImGui::PopID();
    }
    ImGui::EndChild();
}

} // namespace shelfmark
