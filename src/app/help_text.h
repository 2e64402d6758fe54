// help_text.h: the keyboard shortcuts, shown by the help overlay (panel_help.cpp) and
// by the accessible mirror's help dialog (mirror.cpp).
#pragma once

namespace shelfmark {

struct HelpShortcut {
    const char* keys;
    const char* what;
};
inline constexpr HelpShortcut kHelpShortcuts[] = {
    {"Tab  or  Shift+Tab", "move between the regions and controls (a ring shows where you are)"},
    {"/  or  Ctrl+F", "search (query syntax: hover the search box; list:all looks in every list)"},
    {"Down  or  Enter in the search box",
     "to the first hit, or open it (in all papers if the list has none)"},
    {"Ctrl+Enter", "search all papers, not only the open list"},
    {"Up/Down  or  j/k", "move through the papers (Shift extends the selection)"},
    {"Enter", "select the paper under the cursor"},
    {"Click, Ctrl+click, Shift+click", "select one, toggle, select a range"},
    {"1 2 3 4 5",
     "set the status of the selected papers the table shows: unread, queued, reading, read, skipped"},
    {"n", "edit the note of the selected paper"},
    {"Esc", "back: close this, leave a text field, from the hits to the search box, clear the search, drop "
            "the selection"},
    {"Ctrl+Z", "undo the last status change"},
    {"Ctrl+S", "export your progress (a JSON file)"},
    {"Ctrl+O", "import a progress file or a Markdown list (or drop it on the page)"},
    {"?", "this help"},
};

} // namespace shelfmark
