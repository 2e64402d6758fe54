// transfer.cpp: the progress file out (Ctrl+S) and in (Ctrl+O or a dropped file), and
// Markdown in: a checklist's [x] boxes as progress, or a reading list as a new list.
// A file is planned first (import_plan.h, as the CLI does); nothing changes until the user
// applies a mode, and a file that fails validation changes nothing.
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
    OpenImportFile(s, im.file_name, text, true);
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
