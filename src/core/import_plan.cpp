#include "core/import_plan.h"

#include <algorithm>
#include <functional>
#include <map>
#include <set>

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

// What both list readers (Markdown, BibTeX) need: the matcher over the catalogue and the
// user's papers, the new list's options and which ids are taken.
struct ListReadContext {
    PaperMatcher matcher;
    ReadingListOptions opt;
    std::function<bool(const std::string&)> taken;
};

ListReadContext ListReadContextFor(const ImportPlan& plan, const UserData& user, const Catalogue* catalogue,
                                   int64_t now_ms) {
    ListReadContext c;
    if (catalogue) c.matcher.AddCatalogue(*catalogue);
    c.matcher.AddUserData(user);
    c.opt.now_ms = now_ms;
    const std::string stem = StemOf(plan.file_name);
    if (!stem.empty()) c.opt.fallback_title = stem;
    c.taken = [&user, catalogue](const std::string& id) {
        return (catalogue && (catalogue->FindPaper(id) || catalogue->FindList(id))) || user.FindPaper(id) ||
               user.FindList(id);
    };
    return c;
}

void PlanMarkdown(ImportPlan& plan, std::string_view text, const Progress& progress, const UserData& user,
                  const Catalogue* catalogue, int64_t now_ms) {
    const ListReadContext ctx = ListReadContextFor(plan, user, catalogue, now_ms);
    plan.checklist = ReadMarkdownChecklist(text, ctx.matcher, &plan.checklist_error);
    if (plan.checklist) plan.checklist_preview = PreviewChecklist(*plan.checklist, progress);

    plan.reading_list =
        ReadMarkdownReadingList(text, ctx.matcher, ctx.opt, ctx.taken, &plan.reading_list_error);
    if (!plan.checklist && !plan.reading_list)
        plan.error = "Not a Shelfmark progress file, and not usable Markdown: " + plan.reading_list_error;
}

const std::vector<MarkdownItem> kNoItems;

// The preview's item index, made once per plan: each item's section (the new list's, found
// by walking its entries in step with the items: one entry per item, in order, the reader's
// rule; an item with no entry stays in the section before it), its new paper and the title
// of the paper it matched.
void IndexItems(ImportPlan& plan, const UserData& user, const Catalogue* catalogue) {
    const std::vector<MarkdownItem>& items = plan.PreviewItems();
    plan.item_info.assign(items.size(), ImportItemInfo{});
    plan.excluded.assign(items.size(), 0);
    plan.item_sections.clear();
    if (items.empty()) return;
    std::map<std::string, int> new_index;
    if (plan.reading_list)
        for (size_t i = 0; i < plan.reading_list->new_papers.size(); ++i)
            new_index.emplace(plan.reading_list->new_papers[i].paper.id, static_cast<int>(i));
    size_t k = 0; // the next item to place
    if (plan.reading_list) {
        for (const Section& sec : plan.reading_list->list.list.sections) {
            ImportItemSection is;
            is.title = sec.title;
            is.first = k;
            for (const Entry& e : sec.entries) {
                size_t j = k;
                while (j < items.size() && items[j].paper != e.paper)
                    ++j;
                if (j == items.size()) continue; // no item for it (the reader made it otherwise)
                k = j + 1;
            }
            is.count = k - is.first;
            if (is.count == 0) continue;
            if (!plan.item_sections.empty() && plan.item_sections.back().title == is.title &&
                plan.item_sections.back().first + plan.item_sections.back().count == is.first)
                plan.item_sections.back().count += is.count;
            else
                plan.item_sections.push_back(std::move(is));
        }
        if (k < items.size()) { // items past the last entry: with the last section
            if (plan.item_sections.empty())
                plan.item_sections.push_back({plan.reading_list->list.list.title, 0, 0, 0});
            plan.item_sections.back().count += items.size() - k;
        }
    } else {
        for (size_t i = 0; i < items.size(); ++i) {
            if (plan.item_sections.empty() || plan.item_sections.back().title != items[i].section)
                plan.item_sections.push_back({items[i].section, i, 0, 0});
            ++plan.item_sections.back().count;
        }
    }
    // An item before the first entry's item joins the first section.
    if (!plan.item_sections.empty() && plan.item_sections.front().first > 0) {
        plan.item_sections.front().count += plan.item_sections.front().first;
        plan.item_sections.front().first = 0;
    }
    for (size_t si = 0; si < plan.item_sections.size(); ++si) {
        const ImportItemSection& sec = plan.item_sections[si];
        for (size_t i = sec.first; i < sec.first + sec.count; ++i) {
            ImportItemInfo& info = plan.item_info[i];
            info.section = si;
            const std::string& id = items[i].paper;
            if (const auto it = new_index.find(id); it != new_index.end()) {
                info.new_paper = it->second;
            } else if (!id.empty()) {
                const Paper* p = catalogue ? catalogue->FindPaper(id) : nullptr;
                if (!p) p = user.FindPaper(id);
                if (p) info.matched_title = p->title;
            }
        }
    }
}

// The checklist with the excluded items left out: a checklist item is excluded when the
// preview item on its line with its text is (the same item, read by the other reader).
ChecklistImport IncludedChecklist(const ImportPlan& plan) {
    const ChecklistImport& all = *plan.checklist;
    const bool none = std::find(plan.excluded.begin(), plan.excluded.end(), 1) == plan.excluded.end();
    if (none) return all;
    const std::vector<MarkdownItem>& items = plan.PreviewItems();
    std::multimap<int, size_t> by_line;
    if (&items != &all.items)
        for (size_t i = 0; i < items.size(); ++i)
            by_line.emplace(items[i].line, i);
    ChecklistImport out;
    for (size_t c = 0; c < all.items.size(); ++c) {
        const MarkdownItem& it = all.items[c];
        bool excluded = false;
        if (&items == &all.items) {
            excluded = plan.Excluded(c);
        } else {
            const auto [lo, hi] = by_line.equal_range(it.line);
            for (auto i = lo; i != hi; ++i)
                if (items[i->second].text == it.text) excluded = plan.Excluded(i->second);
        }
        if (excluded) continue;
        out.items.push_back(it);
        if (it.checked) ++out.checked;
        ++(it.paper.empty() ? out.unmatched : out.matched);
    }
    return out;
}

// The reading list with the excluded items' entries left out, empty sections dropped and
// only the new papers an included entry names.
ReadingListImport IncludedReadingList(const ImportPlan& plan) {
    const ReadingListImport& all = *plan.reading_list;
    const bool none = std::find(plan.excluded.begin(), plan.excluded.end(), 1) == plan.excluded.end();
    if (none) return all;
    ReadingListImport out;
    out.list = all.list;
    out.list.list.sections.clear();
    const std::vector<MarkdownItem>& items = all.items;
    std::vector<char> used(all.new_papers.size(), 0);
    std::map<std::string, size_t> new_index;
    for (size_t i = 0; i < all.new_papers.size(); ++i)
        new_index.emplace(all.new_papers[i].paper.id, i);
    size_t k = 0;
    for (const Section& sec : all.list.list.sections) {
        Section kept = sec;
        kept.entries.clear();
        for (const Entry& e : sec.entries) {
            size_t j = k;
            while (j < items.size() && items[j].paper != e.paper)
                ++j;
            if (j < items.size()) {
                k = j + 1;
                if (plan.Excluded(j)) continue;
            }
            kept.entries.push_back(e);
            if (const auto it = new_index.find(e.paper); it != new_index.end()) {
                used[it->second] = 1;
                ++out.unmatched;
            } else {
                ++out.matched;
            }
        }
        if (!kept.entries.empty()) out.list.list.sections.push_back(std::move(kept));
    }
    for (size_t i = 0; i < all.new_papers.size(); ++i)
        if (used[i]) out.new_papers.push_back(all.new_papers[i]);
    for (size_t i = 0; i < items.size(); ++i)
        if (!plan.Excluded(i)) out.items.push_back(items[i]);
    return out;
}

// The .bib statuses of the included entries only (what NewList applies and previews).
BibtexImport IncludedBibtexStatuses(const ImportPlan& plan) {
    BibtexImport b;
    std::set<std::string> kept;
    const ReadingListImport r = IncludedReadingList(plan);
    for (const Section& sec : r.list.list.sections)
        for (const Entry& e : sec.entries)
            kept.insert(e.paper);
    for (const BibtexStatus& st : plan.bibtex->statuses)
        if (kept.count(st.paper)) b.statuses.push_back(st);
    return b;
}

void Recount(ImportPlan& plan, const Progress& progress) {
    const std::vector<MarkdownItem>& items = plan.PreviewItems();
    ImportItemCounts c;
    c.items = items.size();
    std::vector<char> seen(plan.reading_list ? plan.reading_list->new_papers.size() : 0, 0);
    for (ImportItemSection& sec : plan.item_sections) {
        sec.excluded = 0;
        for (size_t i = sec.first; i < sec.first + sec.count; ++i) {
            if (plan.Excluded(i)) {
                ++sec.excluded;
                continue;
            }
            const ImportItemInfo& info = plan.item_info[i];
            if (info.new_paper >= 0) {
                if (!seen[static_cast<size_t>(info.new_paper)]) ++c.new_papers;
                seen[static_cast<size_t>(info.new_paper)] = 1;
            } else if (!items[i].paper.empty()) {
                ++c.matched;
            }
        }
        c.excluded += sec.excluded;
        if (sec.excluded < sec.count) ++c.sections;
    }
    plan.item_counts = c;
    if (plan.checklist) plan.checklist_preview = PreviewChecklist(IncludedChecklist(plan), progress);
    if (plan.bibtex && plan.reading_list)
        plan.bibtex_progress = PreviewBibtexProgress(IncludedBibtexStatuses(plan), progress);
}

void PlanBibtex(ImportPlan& plan, std::string_view text, const Progress& progress, const UserData& user,
                const Catalogue* catalogue, int64_t now_ms) {
    const ListReadContext ctx = ListReadContextFor(plan, user, catalogue, now_ms);
    plan.bibtex = ReadBibtexReadingList(text, ctx.matcher, ctx.opt, ctx.taken, &plan.reading_list_error);
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
        if (checklist && item_counts.excluded == item_counts.items && item_counts.items > 0)
            return "every item is excluded";
        if (checklist) return "";
        if (bibtex) return "this is BibTeX, not a Markdown checklist";
        return file ? "this is a progress file, not a Markdown checklist"
                    : "Markdown checklist: " + checklist_error;
    case ImportMode::NewList:
        if (reading_list && item_counts.excluded == item_counts.items && item_counts.items > 0)
            return "every item is excluded";
        if (reading_list) return "";
        return file ? "this is a progress file, not a Markdown reading list"
                    : "Markdown reading list: " + reading_list_error;
    }
    return "unknown import mode " + std::to_string(static_cast<int>(mode));
}

const std::vector<MarkdownItem>& ImportPlan::PreviewItems() const {
    if (reading_list) return reading_list->items;
    if (checklist) return checklist->items;
    return kNoItems;
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
    case ImportFormat::Markdown:
        PlanMarkdown(plan, text, progress, user, catalogue, now_ms);
        IndexItems(plan, user, catalogue);
        Recount(plan, progress);
        break;
    case ImportFormat::Bibtex:
        PlanBibtex(plan, text, progress, user, catalogue, now_ms);
        if (plan.reading_list) {
            IndexItems(plan, user, catalogue);
            Recount(plan, progress);
        }
        break;
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

std::string NewListPreviewLine(const ImportPlan& plan) {
    const ImportItemCounts& c = plan.item_counts;
    const std::string title = plan.reading_list ? plan.reading_list->list.list.title : std::string();
    return "As a new list \"" + title + "\": " + Count(c.sections, "section") + ", " + Num(c.matched) +
           " matched, " + Count(c.new_papers, "new paper") + ".";
}

std::string ItemSelectionLine(const ImportItemCounts& c) {
    std::string out =
        c.excluded ? Num(c.excluded) + " of " + Count(c.items, "item") + " excluded" : Count(c.items, "item");
    return out + " \xC2\xB7 " + Count(c.new_papers, "new paper") + " \xC2\xB7 " + Num(c.matched) + " matched";
}

std::string ItemMetadataLine(const MarkdownItem& item) {
    const Citation& c = item.cite;
    std::vector<std::string> parts;
    if (!c.authors.empty()) {
        std::string a;
        for (size_t i = 0; i < c.authors.size() && i < 3; ++i)
            a += (i ? ", " : "") + c.authors[i];
        if (c.authors.size() > 3) a += " et al.";
        parts.push_back(a);
    }
    std::string where = c.venue;
    if (c.year > 0) where += (where.empty() ? "" : " ") + std::to_string(c.year);
    if (!where.empty()) parts.push_back(where);
    if (!c.arxiv.empty()) parts.push_back("arXiv:" + c.arxiv);
    if (!c.doi.empty()) parts.push_back("doi:" + c.doi);
    std::vector<std::string> kinds;
    for (const CitationLink& l : c.links)
        if (std::find(kinds.begin(), kinds.end(), l.kind) == kinds.end()) kinds.push_back(l.kind);
    if (!kinds.empty()) {
        std::string k = "links: ";
        for (size_t i = 0; i < kinds.size(); ++i)
            k += (i ? ", " : "") + kinds[i];
        parts.push_back(k);
    }
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i)
        out += (i ? " \xC2\xB7 " : "") + parts[i];
    return out;
}

void SetItemsExcluded(ImportPlan& plan, size_t first, size_t count, bool exclude, const Progress& progress) {
    const size_t n = plan.excluded.size();
    if (first >= n) return;
    const size_t last = count > n - first ? n : first + count;
    for (size_t i = first; i < last; ++i)
        plan.excluded[i] = exclude ? 1 : 0;
    Recount(plan, progress);
}

void KeepSelection(ImportPlan& plan, const std::vector<char>& excluded, const Progress& progress) {
    if (excluded.size() != plan.excluded.size()) return;
    plan.excluded = excluded;
    Recount(plan, progress);
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
        const std::vector<std::string> read = ApplyChecklist(IncludedChecklist(plan), progress, now_ms);
        out.changed = !read.empty();
        out.marked_read = read.size();
        out.summary = "Marked " + Count(read.size(), "paper") + " as read from " + plan.file_name + ".";
        break;
    }
    case ImportMode::NewList: {
        // Only the included items; counted as they were added, so that the notice says what
        // happened (the preview counts the same with item_counts).
        const ReadingListImport r = IncludedReadingList(plan);
        size_t added = 0;
        for (const UserPaper& p : r.new_papers)
            if (MergeUserPaper(user, p)) {
                out.user_keys.insert("paper:" + p.paper.id);
                ++added;
            }
        if (MergeUserList(user, r.list)) out.user_keys.insert("list:" + r.list.list.id);
        if (plan.bibtex)
            out.statuses_set = ApplyBibtexProgress(IncludedBibtexStatuses(plan), progress, now_ms).size();
        out.changed = !out.user_keys.empty() || out.statuses_set > 0;
        out.list_id = r.list.list.id;
        out.new_papers = added;
        out.matched = r.matched;
        out.summary = "Added the list \"" + r.list.list.title + "\" (" + Num(r.matched) + " matched, " +
                      Count(added, "new paper") + ")" +
                      (plan.bibtex ? "; " +
                                         CountOf(static_cast<int64_t>(out.statuses_set), "reading status",
                                                 "reading statuses") +
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
