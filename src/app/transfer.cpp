// transfer.cpp: the progress file out (Ctrl+S) and in (Ctrl+O or a dropped file), and
// Markdown in: a checklist's [x] boxes as progress, or a reading list as a new list.
// A file is parsed and previewed first; nothing changes until the user applies it, and a
// file that fails validation changes nothing.
#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
void AfterBulkChange(AppState& s, int64_t now) { Changed(s, change::Records{}, Urgency::Now, now); }
} // namespace

void ExportProgress(AppState& s, int64_t now) {
    const std::string text = ExportProgressFile(s.progress, s.user, now);
    const std::string name = ProgressFileName(now);
    platform::DownloadFile(name, text, "application/json");
    s.notice = "Exported " + std::to_string(s.progress.Records().size()) + " papers to " + name + ".";
}

void OpenImportFile(AppState& s, const std::string& name, const std::string& text, bool ok) {
    PendingImport im;
    im.open = true;
    im.file_name = name;
    if (!ok) {
        im.error = text;
        s.import = std::move(im);
        return;
    }
    if (LooksLikeJson(text)) {
        ProgressFileError err;
        std::optional<ProgressFile> file = ParseProgressFile(text, &err);
        if (!file) {
            im.error = err.ToString();
        } else {
            ClampFileTimestamps(*file, platform::NowMs()); // a wrong clock where it was made
            CanonicalizePaperIds(*file, s.bundled);
            im.merge = PreviewImport(s.progress, s.user, *file, ImportMode::Merge, &s.catalogue);
            im.replace = PreviewImport(s.progress, s.user, *file, ImportMode::Replace, &s.catalogue);
            im.file = std::move(file);
        }
    } else {
        PaperMatcher matcher;
        matcher.AddCatalogue(s.bundled);
        matcher.AddUserData(s.user);
        im.checklist = ReadMarkdownChecklist(text, matcher, &im.checklist_error);
        if (im.checklist) im.checklist_preview = PreviewChecklist(*im.checklist, s.progress);
        ReadingListOptions opt;
        opt.now_ms = platform::NowMs();
        std::string base = name;
        if (const size_t dot = base.rfind('.'); dot != std::string::npos && dot > 0) base.resize(dot);
        opt.fallback_title = base.empty() ? "Imported list" : base;
        const auto taken = [&](const std::string& id) {
            return s.bundled.FindPaper(id) || s.bundled.FindList(id) || s.user.papers.count(id) || s.user.lists.count(id);
        };
        im.reading_list = ReadMarkdownReadingList(text, matcher, opt, taken, &im.reading_list_error);
        if (!im.checklist && !im.reading_list)
            im.error = "Not a Shelfmark progress file, and not usable Markdown: " + im.reading_list_error;
    }
    s.import = std::move(im);
}

void ApplyPendingImport(AppState& s, intent::ImportAction action, int64_t now) {
    using A = intent::ImportAction;
    const int mode = action == A::MergeFile ? 0 : action == A::ReplaceWithFile ? 1 : action == A::ChecklistAsProgress ? 2 : 3;
    PendingImport& im = s.import;
    if (!im.open) return;
    std::string done;
    if ((mode == 0 || mode == 1) && im.file) {
        if (mode == 1) {
            // Replace: keep a copy of what is replaced, as a download, first.
            const std::string backup = ExportProgressFile(s.progress, s.user, now);
            platform::DownloadFile("shelfmark-backup-before-replace-" + ProgressFileName(now).substr(19), backup,
                                   "application/json");
        }
        const UserData before = s.user;
        ApplyImport(s.progress, s.user, *im.file, mode == 1 ? ImportMode::Replace : ImportMode::Merge);
        // The user's lists and papers that changed (or went away) are saved too.
        s.user.MarkChangedSince(before);
        const ImportPreview& pv = mode == 1 ? im.replace : im.merge;
        done = (mode == 1 ? "Replaced with " : "Merged ") + im.file_name + ": " + std::to_string(pv.papers_changed) +
               " papers changed, " + std::to_string(pv.notes_added) + " notes added, " +
               std::to_string(pv.notes_changed) + " notes changed" +
               (mode == 1 ? "; a backup of the previous state was downloaded." : ".");
        RebuildCatalogue(s);
    } else if (mode == 2 && im.checklist) {
        const auto changed = ApplyChecklist(*im.checklist, s.progress, now);
        done = "Marked " + std::to_string(changed.size()) + " papers as read from " + im.file_name + ".";
    } else if (mode == 3 && im.reading_list) {
        for (const UserPaper& p : im.reading_list->new_papers)
            if (MergeUserPaper(s.user, p)) s.user.MarkPaper(p.paper.id);
        if (MergeUserList(s.user, im.reading_list->list)) s.user.MarkList(im.reading_list->list.list.id);
        done = "Added the list \"" + im.reading_list->list.list.title + "\" (" +
               std::to_string(im.reading_list->matched) + " entries matched the catalogue, " +
               std::to_string(im.reading_list->unmatched) + " added as new papers).";
        RebuildCatalogue(s);
        s.ui.list_id = im.reading_list->list.list.id;
    } else {
        return;
    }
    s.notice = done;
    s.import = PendingImport{};
    AfterBulkChange(s, now);
}

} // namespace shelfmark
