#include "core/import_plan.h"

#include <algorithm>

#include "core/wording.h"

namespace shelfmark {

namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr const char* kSpace = " \t\r\n\f\v";
constexpr size_t kUtf16SniffBytes = 1024;

bool HasUtf16Bom(std::string_view text) {
    if (text.size() < 2) return false;
    const auto a = static_cast<unsigned char>(text[0]), b = static_cast<unsigned char>(text[1]);
    return (a == 0xFF && b == 0xFE) || (a == 0xFE && b == 0xFF);
}

// UTF-16 without a byte order mark, as far as it can be told: ASCII characters in UTF-16
// have a NUL byte on one side of each code unit. So: NUL bytes only at even or only at odd
// offsets of the first KiB, in at least a quarter of its code units.
bool LooksLikeUtf16WithoutBom(std::string_view text) {
    const size_t n = std::min(text.size(), kUtf16SniffBytes) & ~size_t{1};
    size_t even = 0, odd = 0;
    for (size_t i = 0; i < n; ++i)
        if (text[i] == '\0') ++(i % 2 ? odd : even);
    return (even == 0) != (odd == 0) && 4 * (even + odd) >= n / 2;
}

// "reading.md" -> "reading", "/some/dir/list" -> "list"; "" when nothing is left.
std::string StemOf(const std::string& file_name) {
    const size_t slash = file_name.find_last_of("/\\");
    std::string base = slash == std::string::npos ? file_name : file_name.substr(slash + 1);
    if (const size_t dot = base.rfind('.'); dot != std::string::npos && dot > 0) base.resize(dot);
    return base;
}

std::string Count(size_t n, const char* one) { return CountOf(static_cast<int64_t>(n), one); }
std::string Num(size_t n) { return std::to_string(n); }

void PlanProgressFile(ImportPlan& plan, std::string_view text, const Progress& progress, const UserData& user,
                      const Catalogue* catalogue, int64_t now_ms) {
    ProgressFileError err;
    std::optional<ProgressFile> file = ParseProgressFile(text, &err);
    if (!file) {
        plan.error = err.ToString();
        return;
    }
    if (now_ms > 0) ClampFileTimestamps(*file, now_ms); // a wrong clock where it was made
    if (catalogue) CanonicalizePaperIds(*file, *catalogue);
    plan.merge = PreviewImport(progress, user, *file, ImportMode::Merge, catalogue);
    plan.replace = PreviewImport(progress, user, *file, ImportMode::Replace, catalogue);
    plan.file = std::move(file);
}

void PlanMarkdown(ImportPlan& plan, std::string_view text, const Progress& progress, const UserData& user,
                  const Catalogue* catalogue, int64_t now_ms) {
    PaperMatcher matcher;
    if (catalogue) matcher.AddCatalogue(*catalogue);
    matcher.AddUserData(user);
    plan.checklist = ReadMarkdownChecklist(text, matcher, &plan.checklist_error);
    if (plan.checklist) plan.checklist_preview = PreviewChecklist(*plan.checklist, progress);

    ReadingListOptions opt;
    opt.now_ms = now_ms;
    const std::string stem = StemOf(plan.file_name);
    if (!stem.empty()) opt.fallback_title = stem;
    const auto taken = [&](const std::string& id) {
        return (catalogue && (catalogue->FindPaper(id) || catalogue->FindList(id))) || user.FindPaper(id) ||
               user.FindList(id);
    };
    plan.reading_list = ReadMarkdownReadingList(text, matcher, opt, taken, &plan.reading_list_error);
    if (!plan.checklist && !plan.reading_list)
        plan.error = "Not a Shelfmark progress file, and not usable Markdown: " + plan.reading_list_error;
}

void PlanBibtex(ImportPlan& plan, std::string_view text, const Progress& progress, const UserData& user,
                const Catalogue* catalogue, int64_t now_ms) {
    PaperMatcher matcher;
    if (catalogue) matcher.AddCatalogue(*catalogue);
    matcher.AddUserData(user);
    ReadingListOptions opt;
    opt.now_ms = now_ms;
    const std::string stem = StemOf(plan.file_name);
    if (!stem.empty()) opt.fallback_title = stem;
    const auto taken = [&](const std::string& id) {
        return (catalogue && (catalogue->FindPaper(id) || catalogue->FindList(id))) || user.FindPaper(id) ||
               user.FindList(id);
    };
    plan.bibtex = ReadBibtexReadingList(text, matcher, opt, taken, &plan.reading_list_error);
    if (!plan.bibtex) {
        plan.error = "Not usable BibTeX: " + plan.reading_list_error;
        return;
    }
    plan.reading_list = std::move(plan.bibtex->list);
    plan.bibtex->list = {};
    plan.bibtex_progress = PreviewBibtexProgress(*plan.bibtex, progress);
}

// The user's lists and papers that differ between before and after (or exist in one only).
std::set<std::string> ChangedUserKeys(const UserData& before, const UserData& after) {
    std::set<std::string> keys;
    for (const auto& [id, l] : after.lists)
        if (!before.lists.count(id) || !SameUserList(before.lists.at(id), l)) keys.insert("list:" + id);
    for (const auto& [id, p] : after.papers)
        if (!before.papers.count(id) || !SameUserPaper(before.papers.at(id), p)) keys.insert("paper:" + id);
    for (const auto& [id, l] : before.lists)
        if (!after.lists.count(id)) keys.insert("list:" + id);
    for (const auto& [id, p] : before.papers)
        if (!after.papers.count(id)) keys.insert("paper:" + id);
    return keys;
}

} // namespace

ImportFormat DetectImportFormat(std::string_view text) {
    if (HasUtf16Bom(text) || LooksLikeUtf16WithoutBom(text)) return ImportFormat::Utf16;
    std::string_view body = text;
    while (body.compare(0, kUtf8Bom.size(), kUtf8Bom) == 0) // a second BOM: the parser says so
        body.remove_prefix(kUtf8Bom.size());
    if (body.find_first_not_of(kSpace) == std::string_view::npos) return ImportFormat::Empty;
    if (LooksLikeJson(body)) return ImportFormat::Json;
    if (body.find('\0') != std::string_view::npos) return ImportFormat::NotText;
    if (LooksLikeBibtex(body)) return ImportFormat::Bibtex;
    return ImportFormat::Markdown;
}

std::string ImportPlan::WhyNot(ImportMode mode) const {
    if (!error.empty()) return error;
    switch (mode) {
    case ImportMode::Merge:
    case ImportMode::Replace:
        if (file) return "";
        return bibtex ? "this is BibTeX, not a Shelfmark progress file"
                      : "this is Markdown, not a Shelfmark progress file";
    case ImportMode::ChecklistProgress:
        if (checklist) return "";
        if (bibtex) return "this is BibTeX, not a Markdown checklist";
        return file ? "this is a progress file, not a Markdown checklist"
                    : "Markdown checklist: " + checklist_error;
    case ImportMode::NewList:
        if (reading_list) return "";
        return file ? "this is a progress file, not a Markdown reading list"
                    : "Markdown reading list: " + reading_list_error;
    }
    return "unknown import mode " + std::to_string(static_cast<int>(mode));
}

ImportPlan PlanImport(std::string_view text, const std::string& file_name, const Progress& progress,
                      const UserData& user, const Catalogue* catalogue, int64_t now_ms) {
    ImportPlan plan;
    plan.file_name = file_name;
    plan.format = DetectImportFormat(text);
    switch (plan.format) {
    case ImportFormat::Empty: plan.error = "the file is empty"; break;
    case ImportFormat::Utf16:
        plan.error = "the file is not UTF-8 text (it looks like UTF-16 or UTF-32): save it as UTF-8";
        break;
    case ImportFormat::NotText:
        plan.error = "the file is not text (a NUL byte at byte " + std::to_string(text.find('\0')) +
                     "): import a progress file (.json), Markdown (.md) or BibTeX (.bib)";
        break;
    case ImportFormat::Json: PlanProgressFile(plan, text, progress, user, catalogue, now_ms); break;
    case ImportFormat::Markdown: PlanMarkdown(plan, text, progress, user, catalogue, now_ms); break;
    case ImportFormat::Bibtex: PlanBibtex(plan, text, progress, user, catalogue, now_ms); break;
    }
    return plan;
}

std::vector<std::string> ImportPreviewLines(const ImportPreview& p) {
    std::vector<std::string> lines;
    lines.push_back(Count(p.papers_in_file, "paper") + " in the file: " + Num(p.papers_changed) +
                    " would change (" + Num(p.papers_new) + " new here), " + Num(p.papers_unchanged) +
                    " unchanged");
    lines.push_back("notes: " + Num(p.notes_added) + " added, " + Num(p.notes_changed) + " changed");
    if (p.mode == ImportMode::Merge)
        lines.push_back("conflicts (both sides changed; the newer wins): " + Num(p.conflicts));
    if (p.mode == ImportMode::Replace)
        lines.push_back("papers with progress here but not in the file (cleared): " + Num(p.papers_removed));
    if (p.lists_new || p.lists_changed || p.lists_removed)
        lines.push_back("your lists: " + Num(p.lists_new) + " new, " + Num(p.lists_changed) + " changed, " +
                        Num(p.lists_removed) + " removed");
    if (p.user_papers_new || p.user_papers_changed || p.user_papers_removed)
        lines.push_back("your papers: " + Num(p.user_papers_new) + " new, " + Num(p.user_papers_changed) +
                        " changed, " + Num(p.user_papers_removed) + " removed");
    if (!p.unknown_papers.empty())
        lines.push_back(Count(p.unknown_papers.size(), "paper") + " unknown to this catalogue (kept as " +
                        (p.unknown_papers.size() == 1 ? "it is)" : "they are)"));
    return lines;
}

std::string ImportChangesText(const ImportPreview& c) {
    std::vector<std::string> parts;
    if (c.papers_changed)
        parts.push_back(Count(c.papers_changed, "paper") + " changed" +
                        (c.papers_new ? " (" + Num(c.papers_new) + " new)" : std::string()));
    if (c.papers_removed) parts.push_back(Count(c.papers_removed, "paper") + " cleared");
    if (c.notes_added) parts.push_back(Count(c.notes_added, "note") + " added");
    if (c.notes_changed) parts.push_back(Count(c.notes_changed, "note") + " changed");
    if (c.lists_new || c.lists_changed || c.lists_removed)
        parts.push_back("your lists: " + Num(c.lists_new) + " new, " + Num(c.lists_changed) + " changed, " +
                        Num(c.lists_removed) + " removed");
    if (c.user_papers_new || c.user_papers_changed || c.user_papers_removed)
        parts.push_back("your papers: " + Num(c.user_papers_new) + " new, " + Num(c.user_papers_changed) +
                        " changed, " + Num(c.user_papers_removed) + " removed");
    if (c.quarantined_new) parts.push_back(Count(c.quarantined_new, "unreadable record") + " kept aside");
    if (parts.empty()) return "nothing changed";
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? ", " : "") + parts[i];
    return out;
}

std::string ChecklistPreviewLine(const ChecklistPreview& p) {
    return "As progress: " + Count(p.items, "checklist item") + ", " + Num(p.checked) + " ticked; " +
           Num(p.matched) + " matched a paper, " + Num(p.unmatched) + " did not. " +
           Count(p.will_mark_read, "paper") + (p.will_mark_read == 1 ? " becomes" : " become") + " read (" +
           Num(p.already_read) + " read already); unticked items change nothing.";
}

std::string NewListPreviewLine(const ReadingListImport& r) {
    return "As a new list \"" + r.list.list.title + "\": " + Count(r.list.list.sections.size(), "section") +
           ", " + CountOf(static_cast<int64_t>(r.matched), "entry", "entries") + " matched the catalogue, " +
           Num(r.unmatched) + (r.unmatched == 1 ? " becomes a new paper." : " become new papers.");
}

ImportOutcome ApplyPlan(const ImportPlan& plan, ImportMode mode, Progress& progress, UserData& user,
                        int64_t now_ms) {
    ImportOutcome out;
    if (!plan.Offers(mode)) return out;
    out.applied = true;
    switch (mode) {
    case ImportMode::Merge:
    case ImportMode::Replace: {
        const Progress progress_before = progress;
        const UserData before = user;
        out.changed = ApplyImport(progress, user, *plan.file, mode);
        out.user_keys = ChangedUserKeys(before, user);
        // What it did, counted as the preview counted what it would do.
        out.counts = CountImportChanges(progress_before, before, progress, user, *plan.file, mode);
        out.summary = (mode == ImportMode::Replace ? "Replaced with " : "Merged ") + plan.file_name + ": " +
                      ImportChangesText(out.counts) + ".";
        break;
    }
    case ImportMode::ChecklistProgress: {
        const std::vector<std::string> read = ApplyChecklist(*plan.checklist, progress, now_ms);
        out.changed = !read.empty();
        out.marked_read = read.size();
        out.summary = "Marked " + Count(read.size(), "paper") + " as read from " + plan.file_name + ".";
        break;
    }
    case ImportMode::NewList: {
        const ReadingListImport& r = *plan.reading_list;
        for (const UserPaper& p : r.new_papers)
            if (MergeUserPaper(user, p)) out.user_keys.insert("paper:" + p.paper.id);
        if (MergeUserList(user, r.list)) out.user_keys.insert("list:" + r.list.list.id);
        if (plan.bibtex) out.statuses_set = ApplyBibtexProgress(*plan.bibtex, progress, now_ms).size();
        out.changed = !out.user_keys.empty() || out.statuses_set > 0;
        out.list_id = r.list.list.id;
        out.summary =
            "Added the list \"" + r.list.list.title + "\" (" +
            CountOf(static_cast<int64_t>(r.matched), "entry", "entries") + " matched the catalogue, " +
            Num(r.unmatched) + " added as new " + (r.unmatched == 1 ? "paper" : "papers") + ")" +
            (plan.bibtex
                 ? "; " +
                       CountOf(static_cast<int64_t>(out.statuses_set), "reading status", "reading statuses") +
                       " set from the file"
                 : std::string()) +
            ".";
        break;
    }
    }
    for (const std::string& k : out.user_keys)
        if (auto key = UserKey::Parse(k)) user.MarkDirty(*key); // saved like progress records
    return out;
}

} // namespace shelfmark
