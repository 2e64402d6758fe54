// transfer.cpp: the progress file out (Ctrl+S) and in (Ctrl+O or a dropped file), and
// Markdown in: a checklist's [x] boxes as progress, or a reading list as a new list.
// A file is planned first (import_plan.h, as the CLI does); nothing changes until the user
// applies a mode, and a file that fails validation changes nothing.
#include <algorithm>

#include "app/app_state.h"
#include "core/wording.h"
#include "platform/platform.h"

namespace shelfmark {

void ExportProgress(AppState& s, int64_t now) {
    const std::string text = ExportProgressFile(s.progress, s.user, now);
    const std::string name = ProgressFileName(now);
    platform::DownloadFile(name, text, "application/json");
    s.notice = "Exported " + CountOf(static_cast<int64_t>(s.progress.Records().size()), "paper") + " to " +
               name + ".";
}

void OpenImportFile(AppState& s, const std::string& name, const std::string& text, bool ok) {
    ImportPlan plan;
    if (ok) {
        const Catalogue bundled = BundledCatalogue(s);
        plan = PlanImport(text, name, s.progress, s.user, &bundled, platform::NowMs());
    } else {
        plan.file_name = name;
        plan.error = text; // why the browser could not read the file
    }
    s.import = PendingImport{std::move(plan), true, ok ? text : std::string(), s.stale.data};
}

void RefreshImportPlan(AppState& s) {
    PendingImport& im = s.import;
    if (!im.open || im.planned_for == s.stale.data || im.text.empty()) return;
    std::string text = std::move(im.text);
    const std::vector<char> excluded = std::move(im.excluded);
    const size_t cursor = im.cursor;
    const uint64_t seq = im.selection_seq;
    OpenImportFile(s, im.file_name, text, true);
    KeepSelection(s.import, excluded, s.progress); // the same text: the same items
    s.import.cursor = std::min(cursor, ImportRowCount(s.import));
    s.import.selection_seq = seq + 1;
}

size_t ImportRowCount(const ImportPlan& plan) {
    return plan.PreviewItems().size() + plan.item_sections.size();
}

ImportRow ImportRowAt(const ImportPlan& plan, size_t row) {
    const std::vector<ImportItemSection>& secs = plan.item_sections;
    if (secs.empty()) return {};
    // Section i's header is row first_i + i; the last header at or before `row`.
    size_t lo = 0, hi = secs.size();
    while (hi - lo > 1) {
        const size_t mid = (lo + hi) / 2;
        if (secs[mid].first + mid <= row)
            lo = mid;
        else
            hi = mid;
    }
    const size_t header = secs[lo].first + lo;
    if (row <= header) return {lo, true, secs[lo].first};
    const size_t item = std::min(secs[lo].first + (row - header - 1), secs[lo].first + secs[lo].count - 1);
    return {lo, false, item};
}

size_t ImportRowOfSection(const ImportPlan& plan, size_t section) {
    return section < plan.item_sections.size() ? plan.item_sections[section].first + section : 0;
}

intent::ExcludeImportItems ImportRowToggle(const ImportPlan& plan, size_t row) {
    const ImportRow r = ImportRowAt(plan, row);
    if (plan.item_sections.empty()) return {};
    if (r.header) {
        const ImportItemSection& sec = plan.item_sections[r.section];
        return {sec.first, sec.count, sec.excluded < sec.count};
    }
    return {r.item, 1, !plan.Excluded(r.item)};
}

void ApplyPendingImport(AppState& s, ImportMode mode, int64_t now) {
    RefreshImportPlan(s); // applied to the data as it is now
    PendingImport& im = s.import;
    if (!im.open || !im.Offers(mode)) return;
    if (mode == ImportMode::Replace) {
        // Keep a copy of what is replaced, as a download, first.
        const std::string backup = ExportProgressFile(s.progress, s.user, now);
        platform::DownloadFile("shelfmark-backup-before-replace-" + ProgressFileName(now).substr(19), backup,
                               "application/json");
    }
    // Marks the progress records and the user's lists and papers that change dirty.
    const ImportOutcome out = ApplyPlan(im, mode, s.progress, s.user, now);
    s.notice = out.summary;
    if (mode == ImportMode::Replace) s.notice += " A backup of the previous state was downloaded.";
    if (mode != ImportMode::ChecklistProgress) RebuildCatalogue(s);
    if (mode == ImportMode::NewList) s.ui.list_id = out.list_id;
    s.import = PendingImport{};
    Changed(s, change::Records{}, Urgency::Now, now);
}

} // namespace shelfmark
