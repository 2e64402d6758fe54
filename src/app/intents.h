// intents.h: what the user asked for in a frame. Panels record intents; ApplyIntents()
// (model.cpp) acts on them once per frame, after the frame is drawn. One struct per
// request, each with the fields it needs; choices are enums, not numbers.
#pragma once

#include <cstddef>
#include <string>
#include <variant>
#include <vector>

#include "core/catalog.h"
#include "core/import_mode.h"
#include "core/progress.h"

namespace shelfmark {

// The app's colour theme (persisted as the setting "theme": 0, 1, 2).
enum class Theme { System = 0, Dark = 1, Light = 2 };

// The text size setting (persisted as "text-size", a percent), offered in the View menu.
inline constexpr int kTextSizes[] = {100, 125, 150, 175, 200};
inline constexpr int kMinTextSize = 100, kMaxTextSize = 200;

// The pane shown when there is room for only one (phones, large text): lists, then the
// papers of a list, then one paper.
enum class Pane { Lists, Papers, Paper };

namespace intent {

// Progress of papers.
struct SetStatus {
    std::vector<std::string> papers; // empty: the selection
    Status status = Status::Unread;
};
struct SetNote {
    std::string paper;
    std::string text;                 // the whole note
    bool keep_stored_as_copy = false; // keep the stored note as a note copy first
};
enum class CopyAction { Replace, AppendBelow, Dismiss };
struct UseNoteCopy {
    std::string paper;
    int copy = 0; // index into the record's note copies
    CopyAction action = CopyAction::Replace;
};
struct SetTags {
    std::string paper;
    std::string text; // comma-separated
};
struct SetPriority {
    std::string paper;
    int priority = 0; // 0 none .. kMaxPriority high
};
struct Undo {}; // the last status change

// The view.
struct SelectList {
    std::string list; // "" = all papers
};
enum class SelectMode { Replace, Toggle, Range }; // click, Ctrl+click, Shift+click
struct SelectPaper {
    std::string paper;
    SelectMode mode = SelectMode::Replace;
};
struct MoveCursor {
    int rows = 0;        // + down
    bool extend = false; // extend the selection (Shift)
};
struct SetQuery {
    std::string text;
};
struct SetSort {
    int column = -1; // -1: list order
    bool descending = false;
};
struct SetTheme {
    Theme theme = Theme::System;
};
struct SetTextSize {
    int percent = 100; // kMinTextSize..kMaxTextSize
};
struct ShowPane { // the back controls of the one-pane layout
    Pane pane = Pane::Lists;
};
struct FocusSearch {};
// Down or Enter in the search box: the keyboard goes to the first paper row (the open
// list's; when it has none, all papers' if the search matches there). `open`: Enter, the
// paper is opened (the one-pane layout shows it).
struct GoToHit {
    bool open = false;
};
struct SearchAllPapers {}; // Ctrl+Enter or the scope line's button: the search, over all papers
struct EditNote {};
struct Back {};        // Esc: close overlays, leave fields, clear the search, close the paper pane
struct CloseDetail {}; // the paper pane's close button: the papers take its room
struct ToggleHelp {};
struct ToggleStats {};

// Files.
struct Export {}; // download the progress file
struct Import {}; // pick a file (JSON progress file or Markdown)
struct ApplyImport {
    ImportMode mode = ImportMode::Merge;
};
struct CancelImport {};
// The import preview's items (panel_import.cpp, the mirror): include or leave out items
// [first, first + count) of ImportPlan::PreviewItems(), one item or a whole section.
struct ExcludeImportItems {
    size_t first = 0, count = 0;
    bool exclude = true;
};
struct SetImportCursor { // the preview row under the keyboard (ImportRowAt)
    size_t row = 0;
};

// The user's own lists (user_lists.cpp).
struct CreateList {
    std::string title;
    bool focus_name = false; // the canvas's name field takes the keyboard (not from the mirror)
};
struct RenameList {
    std::string list, title;
};
struct DeleteList {
    std::string list;
};
struct AddToList {
    std::string list, paper;
};
struct AddPaper {
    std::string list;
    Paper paper; // its id is made when applied
};
struct RemoveEntry {
    std::string list;
    int section = 0, entry = 0;
};
struct MoveEntry {
    std::string list;
    int section = 0, entry = 0;
    bool up = false;
};

} // namespace intent

using Intent =
    std::variant<intent::SetStatus, intent::SetNote, intent::UseNoteCopy, intent::SetTags,
                 intent::SetPriority, intent::Undo, intent::SelectList, intent::SelectPaper,
                 intent::MoveCursor, intent::SetQuery, intent::SetSort, intent::SetTheme, intent::SetTextSize,
                 intent::ShowPane, intent::FocusSearch, intent::GoToHit, intent::SearchAllPapers,
                 intent::EditNote, intent::Back, intent::CloseDetail, intent::ToggleHelp, intent::ToggleStats,
                 intent::Export, intent::Import, intent::ApplyImport, intent::CancelImport,
                 intent::ExcludeImportItems, intent::SetImportCursor, intent::CreateList, intent::RenameList,
                 intent::DeleteList, intent::AddToList, intent::AddPaper, intent::RemoveEntry,
                 intent::MoveEntry>;

} // namespace shelfmark
