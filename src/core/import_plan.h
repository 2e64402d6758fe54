// import_plan.h: one import pipeline for the app and the command-line tool. A file's text
// is classified once, parsed once and previewed for every mode against the current state;
// nothing changes until a mode is applied. The app keeps the plan while its dialog shows;
// `shelfmark progress import` and `import-md` plan and apply in one go (progress_store.h).
//
// Index
//   - ImportMode (import_mode.h): Merge, Replace, ChecklistProgress, NewList.
//   - ImportFormat, DetectImportFormat(): what a file is; the one rule both front ends use.
//   - ImportPlan, PlanImport(): the parsed file and what each mode would change.
//   - ImportOutcome, ApplyPlan(): apply one mode and say what changed.
//   - Choosing items: a Markdown file's items (PreviewItems), grouped by section, each
//     included unless excluded (SetItemsExcluded); the counts (ItemCounts) and ApplyPlan
//     honour the same selection.
//
// The rule (DetectImportFormat): a UTF-16 byte order mark, or NUL bytes only at even or
// only at odd offsets of the first KiB (ASCII in UTF-16), is UTF-16: refused, because
// both formats are read as UTF-8 and the fix is one "save as UTF-8". Then UTF-8 byte order
// marks are skipped; nothing but whitespace left is Empty; '{' or any other JSON document
// (after whitespace) is Json, read as a progress file; other text with a NUL byte is
// NotText; text whose first thing (after whitespace and '%' comment lines) is an '@'
// entry such as "@article{" is Bibtex (LooksLikeBibtex); the rest is Markdown.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/bibtex_import.h"
#include "core/catalog.h"
#include "core/import_mode.h"
#include "core/markdown_import.h"
#include "core/progress.h"
#include "core/progress_file.h"
#include "core/user_data.h"

namespace shelfmark {

// ------------------------------------------------------------------ what a file is

enum class ImportFormat {
    Empty,    // no bytes, or only whitespace and UTF-8 byte order marks
    Utf16,    // UTF-16 (a UTF-32 LE byte order mark too): refused, "save it as UTF-8"
    NotText,  // NUL bytes, not in a UTF-16 pattern: a binary file
    Json,     // a JSON document: read as a progress file (which may still be invalid)
    Markdown, // any other text: a checklist and/or a reading list
    Bibtex,   // a .bib file: a new list (reading_list), JabRef's readstatus as its progress
};

ImportFormat DetectImportFormat(std::string_view text);

// ------------------------------------------------------------------ plan

// The preview's items in one section: a run of consecutive items, as the new list would
// have it (sections of the list, in order).
struct ImportItemSection {
    std::string title;
    size_t first = 0, count = 0; // items [first, first + count) of PreviewItems()
    size_t excluded = 0;         // how many of them are excluded
};

// What the included items would do; recounted whenever the selection changes, by the same
// rule ApplyPlan applies (a paper made for two items with one title is one new paper).
struct ImportItemCounts {
    size_t items = 0, excluded = 0;
    size_t matched = 0;    // included items that matched a paper you have (catalogue or yours)
    size_t new_papers = 0; // distinct new papers the included items make
    size_t sections = 0;   // sections with at least one included item
};

// One preview item beyond its MarkdownItem: where it goes and what it is.
struct ImportItemInfo {
    size_t section = 0;        // index into ImportPlan::item_sections
    int new_paper = -1;        // index into reading_list->new_papers, -1 when matched
    std::string matched_title; // the matched paper's title ("" when new or unknown)
};

struct ImportPlan {
    std::string file_name;
    ImportFormat format = ImportFormat::Empty;
    std::string error; // set when no mode can be applied: why the file cannot be used

    // Json: the validated file (timestamps clamped, ids canonical) and both previews.
    std::optional<ProgressFile> file;
    ImportPreview merge, replace;

    // Markdown: its [x] boxes as progress, and the whole file as a new list.
    std::optional<ChecklistImport> checklist;
    ChecklistPreview checklist_preview;
    std::string checklist_error;
    std::optional<ReadingListImport> reading_list;
    std::string reading_list_error;

    // Markdown: the items the preview lists (the reading list's, else the checklist's) and
    // which are excluded. Both Markdown modes apply only the included items.
    std::vector<ImportItemInfo> item_info;        // one per PreviewItems() item
    std::vector<ImportItemSection> item_sections; // in order, covering every item once
    std::vector<char> excluded;                   // one per item: 1 = left out
    ImportItemCounts item_counts;                 // what the included items do (NewList)
    const std::vector<MarkdownItem>& PreviewItems() const;
    bool Excluded(size_t item) const { return item < excluded.size() && excluded[item]; }
    // Bibtex: reading_list holds the list; this holds the statuses that NewList applies
    // with it (never lowering one) and what they would change (BibtexProgressLine).
    std::optional<BibtexImport> bibtex; // its .list is moved into reading_list
    BibtexProgressPreview bibtex_progress;

    bool Offers(ImportMode mode) const { return WhyNot(mode).empty(); }
    // The recommended mode (the import dialog's default, Enter): Merge for a progress
    // file; for Markdown its checklist as progress, else the file as a new list; none
    // when nothing applies.
    std::optional<ImportMode> Default() const {
        if (!error.empty()) return std::nullopt;
        if (file) return ImportMode::Merge;
        if (checklist) return ImportMode::ChecklistProgress;
        if (reading_list) return ImportMode::NewList;
        return std::nullopt;
    }
    // Why `mode` cannot be applied to this file, "" when it can.
    std::string WhyNot(ImportMode mode) const;
};

// Classifies and parses `text` and previews every mode against progress and user.
// catalogue (the bundled one, may be null) renames aliases, matches Markdown items to
// papers and keeps new ids fresh; file_name gives a list without a title its name.
// now_ms clamps the file's future timestamps and dates a new list. Never throws.
ImportPlan PlanImport(std::string_view text, const std::string& file_name, const Progress& progress,
                      const UserData& user, const Catalogue* catalogue, int64_t now_ms);

// ------------------------------------------------------------------ apply

struct ImportOutcome {
    bool applied = false;            // false: the plan does not offer the mode; nothing changed
    bool changed = false;            // progress or the user's data changed
    std::set<std::string> user_keys; // "list:<id>" / "paper:<id>" added, changed or removed
    std::string list_id;             // NewList: the new list's id
    std::string summary;             // one sentence for the user, e.g. "Merged x.json: ..."
    // Merge, Replace: what applying changed, counted as the preview counts it
    // (CountImportChanges), so the summary and the preview agree on the same state.
    ImportPreview counts;
    size_t marked_read = 0; // ChecklistProgress: the papers that became read
    // NewList: the included entries that matched a paper you have, and the new papers added.
    size_t matched = 0, new_papers = 0;
    size_t statuses_set = 0; // NewList of a .bib file: papers whose status its readstatus raised
};

// ------------------------------------------------------------------ wording
// The preview's lines for a progress file's mode (the dialog and the accessible mirror
// show the same): "3 papers in the file: 2 would change (1 new here), 1 unchanged", ...
std::vector<std::string> ImportPreviewLines(const ImportPreview& p);
// The changes in one phrase, for the notice after applying: "2 papers changed (1 new),
// 1 note added" (only what is not zero; "nothing changed" when nothing did).
std::string ImportChangesText(const ImportPreview& c);
// The Markdown modes' lines (dialog and mirror).
std::string ChecklistPreviewLine(const ChecklistPreview& p);
// "As a new list "T": 2 sections, 18 matched, 30 new papers." (the included items).
std::string NewListPreviewLine(const ImportPlan& plan);
// The selection in one line: "12 of 60 items excluded · 30 new papers · 18 matched"
// ("60 items · ..." when none is excluded).
std::string ItemSelectionLine(const ImportItemCounts& c);
// One item's metadata as found in its text: "A. Author, B. Author · NeurIPS 2019 ·
// arXiv:1802.04799 · doi:10.1/x · links: paper, code"; "" when nothing was found.
std::string ItemMetadataLine(const MarkdownItem& item);

// ------------------------------------------------------------------ choosing items
// Includes or excludes items [first, first + count) of PreviewItems() (clamped to the
// items) and recounts item_counts and checklist_preview (against progress). The NewList
// mode is not offered while every item is excluded.
void SetItemsExcluded(ImportPlan& plan, size_t first, size_t count, bool exclude, const Progress& progress);
// Carries a selection over to a plan made again from the same text (the data changed while
// the dialog was open): kept when the plan has as many items, else dropped.
void KeepSelection(ImportPlan& plan, const std::vector<char>& excluded, const Progress& progress);

// Applies one mode of the plan. Progress records that change are marked dirty in
// `progress`; the user's lists and papers that change are marked dirty in `user` and
// named in user_keys. Replace
// does not back anything up: callers save a backup first. now_ms stamps checklist changes.
ImportOutcome ApplyPlan(const ImportPlan& plan, ImportMode mode, Progress& progress, UserData& user,
                        int64_t now_ms);

} // namespace shelfmark
