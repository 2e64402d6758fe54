// Keyboard only (issue 12): in every dialog and form Enter does the default action (its
// button is marked) and Esc cancels, also from a text field inside it; F10, or Alt pressed
// and released alone, gives the keyboard to the menu bar, whose items then open and act
// with arrows and Enter. The app's own keys keep working around all of this.
#include <doctest/doctest.h>

#include <imgui_internal.h>

#include <string>

#include "app/widgets.h"
#include "core/progress_file.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
using uitest::Mods;
using uitest::UiApp;
namespace native = platform::native;

std::string ImportProbe(ImportMode mode) { return "import-" + std::to_string(static_cast<int>(mode)); }

void OpenFile(UiApp& app, const std::string& name, const std::string& text) {
    platform::PostPlatformEvent(platform::event::FileOpened{name, true, text});
    app.Frames(2);
    REQUIRE(app.s.import.open);
}

// Whether the last frame drew any vertex of colour `col` inside the probe rectangle
// `name`: how the default button's fill is seen.
bool DrawnInside(const UiApp& app, const std::string& name, const ImVec4& col) {
    const Probe::Rect r = app.Rect(name);
    const ImU32 want = ImGui::ColorConvertFloat4ToU32(col);
    const ImDrawData* dd = ImGui::GetDrawData();
    for (int l = 0; dd && l < dd->CmdListsCount; ++l)
        for (const ImDrawVert& v : dd->CmdLists[l]->VtxBuffer)
            if (v.col == want && v.pos.x >= r.x && v.pos.x <= r.x + r.w && v.pos.y >= r.y &&
                v.pos.y <= r.y + r.h)
                return true;
    return false;
}

// A progress file exported by another browser in which `paper` is being read.
std::string ExportedWithReading(std::string* paper) {
    UiApp other;
    other.Start();
    *paper = other.s.ui.visible_papers.at(2);
    other.Click("row:" + *paper);
    other.Key('3');
    other.Press(ImGuiKey_S, Mods{true, false});
    REQUIRE(native::Page().downloads == 1);
    return native::Page().download_text;
}

// Alt alone, as the browser sends it: the key and the modifier, down, then up.
void PressAlt(UiApp& app) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_LeftAlt, true);
    io.AddKeyEvent(ImGuiMod_Alt, true);
    app.Frame();
    io.AddKeyEvent(ImGuiKey_LeftAlt, false);
    io.AddKeyEvent(ImGuiMod_Alt, false);
    app.Frames(3);
}

const ImGuiID kNone = 0;

ImGuiID NavId() { return ImGui::GetCurrentContext()->NavId; }
bool MenuBarHasKeys() { return ImGui::GetCurrentContext()->NavLayer == ImGuiNavLayer_Menu; }
bool KeyboardNavOn() { return (ImGui::GetIO().ConfigFlags & ImGuiConfigFlags_NavEnableKeyboard) != 0; }

// ------------------------------------------------------------------------ the import dialog
TEST_CASE("keys: Enter in the import dialog merges a progress file (the marked default)") {
    std::string paper;
    const std::string file = ExportedWithReading(&paper);
    UiApp app;
    app.Start();
    REQUIRE(app.s.progress.StatusOf(paper) == Status::Unread);
    OpenFile(app, "backup.json", file);
    // Merge is the marked default: filled with the accent; Replace is a plain button.
    const ImVec4 accent = StatusColor(Status::Queued, IsDark(app.s));
    CHECK(DrawnInside(app, ImportProbe(ImportMode::Merge), accent));
    CHECK_FALSE(DrawnInside(app, ImportProbe(ImportMode::Replace), accent));
    CHECK_FALSE(DrawnInside(app, "import-cancel", accent));
    const std::string cursor = app.s.ui.cursor;
    app.Press(ImGuiKey_Enter);
    app.Frames(1);
    CHECK_FALSE(app.s.import.open);
    CHECK(app.s.progress.StatusOf(paper) == Status::Reading); // merged
    CHECK(native::Page().downloads == 0);                     // not Replace (which downloads a backup)
    CHECK(app.s.ui.cursor == cursor);                         // Enter did not also act on the table
}

TEST_CASE("keys: Enter in the import dialog of a Markdown checklist marks the ticked papers read") {
    UiApp app;
    app.Start();
    const std::string md = "# Week\n\n- [x] GPipe\n- [ ] A paper nobody catalogued\n";
    OpenFile(app, "week.md", md);
    CHECK(DrawnInside(app, ImportProbe(ImportMode::ChecklistProgress),
                      StatusColor(Status::Queued, IsDark(app.s))));
    app.Press(ImGuiKey_KeypadEnter);
    app.Frames(1);
    CHECK_FALSE(app.s.import.open);
    CHECK(app.s.progress.StatusOf("gpipe") == Status::Read);
    CHECK(app.s.user.lists.empty()); // not the other action
}

TEST_CASE("keys: Esc cancels the import dialog; Enter closes one that shows an error") {
    UiApp app;
    app.Start();
    OpenFile(app, "week.md", "- [x] GPipe\n");
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK_FALSE(app.s.import.open);
    CHECK(app.s.progress.StatusOf("gpipe") == Status::Unread);

    platform::PostPlatformEvent(platform::event::FileOpened{"bad.json", false, "the file is not UTF-8 text"});
    app.Frames(2);
    REQUIRE(app.s.import.open);
    REQUIRE_FALSE(app.s.import.error.empty());
    CHECK(DrawnInside(app, "import-cancel",
                      StatusColor(Status::Queued, IsDark(app.s)))); // Close is the default
    app.Press(ImGuiKey_Enter);
    app.Frames(1);
    CHECK_FALSE(app.s.import.open);
}

// ------------------------------------------------------------------------ the user's lists
void NewOwnList(UiApp& app) {
    app.Click("new-list");
    app.Frames(2);
    REQUIRE(app.s.user.lists.size() == 1);
    REQUIRE(app.Has("list-name"));
}

size_t Entries(const UiApp& app) {
    const auto& l = app.s.user.lists.begin()->second.list;
    return l.sections.empty() ? 0 : l.sections.back().entries.size();
}

TEST_CASE("keys: the add-a-paper form: Enter in a field adds the paper, Esc closes the form") {
    UiApp app;
    app.Start();
    NewOwnList(app);
    app.Click("add-paper-toggle");
    REQUIRE(app.s.ui.show_add_paper);
    CHECK(DrawnInside(app, "new-paper-add", StatusColor(Status::Queued, IsDark(app.s))));
    app.Click("new-paper-title");
    REQUIRE(app.WaitForTextInput());
    app.Type("Typed then Enter\n");
    app.Frames(2);
    CHECK(Entries(app) == 1); // today: Enter only left the field
    CHECK(app.s.ui.new_paper.title.empty());

    app.Click("new-paper-title");
    REQUIRE(app.WaitForTextInput());
    app.Type("Not this one");
    app.Press(ImGuiKey_Escape);
    app.Frames(2);
    CHECK_FALSE(app.s.ui.show_add_paper); // today: the form stayed open
    CHECK(Entries(app) == 1);
    CHECK(app.s.ui.new_paper.title == "Not this one"); // kept for next time
}

TEST_CASE("keys: renaming a list: Enter keeps the new name, Esc keeps the old one") {
    UiApp app;
    app.Start();
    NewOwnList(app);
    const std::string id = app.s.user.lists.begin()->first;
    const std::string before = app.s.user.lists.at(id).list.title;
    app.Click("list-name");
    REQUIRE(app.WaitForTextInput());
    app.Type(" two");
    app.Press(ImGuiKey_Escape);
    app.Frames(2);
    CHECK(app.s.user.lists.at(id).list.title == before); // today: Esc renamed it
    CHECK(app.s.ui.rename_buffer == before);
    app.Click("list-name");
    REQUIRE(app.WaitForTextInput());
    app.Type(" three\n");
    app.Frames(2);
    CHECK(app.s.user.lists.at(id).list.title == before + " three");
}

TEST_CASE("keys: deleting a list: Enter confirms (the marked default), Esc keeps it") {
    UiApp app;
    app.Start();
    NewOwnList(app);
    app.Click("delete-list");
    REQUIRE(app.Has("delete-list-confirm"));
    CHECK(DrawnInside(app, "delete-list-confirm", StatusColor(Status::Queued, IsDark(app.s))));
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK_FALSE(app.Has("delete-list-confirm"));
    CHECK(app.s.user.lists.size() == 1);
    app.Click("delete-list");
    REQUIRE(app.Has("delete-list-confirm"));
    app.Press(ImGuiKey_Enter);
    app.Frames(2);
    CHECK(app.s.user.lists.empty()); // today: Enter did nothing
}

// ------------------------------------------------------------------------ the menu bar
TEST_CASE("keys: F10 gives the menu bar the keyboard; Enter opens File, Enter exports") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    app.Click("row:" + v[0]);
    REQUIRE_FALSE(KeyboardNavOn());
    app.Press(ImGuiKey_F10);
    app.Frames(1);
    CHECK(MenuBarHasKeys());
    CHECK(NavId() != kNone);
    app.Press(ImGuiKey_Enter); // opens File (the first menu)
    app.Frames(1);
    CHECK(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId));
    CHECK(app.s.ui.selected.size() == 1);
    app.Press(ImGuiKey_Enter); // its first item: Export progress...
    app.Frames(2);
    CHECK(native::Page().downloads == 1); // the export, through intent::Export
    CHECK_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
    // The menu bar let go of the keyboard: the app's keys act again.
    CHECK_FALSE(KeyboardNavOn());
    CHECK(app.s.ui.cursor == v[0]);
    app.Key('j');
    CHECK(app.s.ui.cursor == v[1]);
    app.Press(ImGuiKey_DownArrow);
    CHECK(app.s.ui.cursor == v[2]);
}

TEST_CASE("keys: in the menu bar, Right moves to View, Down opens it, Down and Enter pick Statistics") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    app.Click("row:" + v[0]);
    REQUIRE_FALSE(app.s.ui.show_stats);
    app.Press(ImGuiKey_F10);
    app.Press(ImGuiKey_RightArrow);
    app.Press(ImGuiKey_DownArrow); // opens View on its first item, Statistics
    app.Frames(1);
    app.Press(ImGuiKey_Enter);
    app.Frames(2);
    CHECK(app.s.ui.show_stats);
    CHECK(app.s.ui.cursor == v[0]); // the arrows moved in the menus, not the table's cursor
    CHECK(native::Page().downloads == 0);
}

TEST_CASE("keys: Esc closes the open menu and leaves the menu bar; nothing under it acts") {
    UiApp app;
    app.Start();
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Type("learning");
    app.Press(ImGuiKey_Escape); // leaves the box (Enter would open the first hit)
    app.Frames(1);
    REQUIRE(app.s.ui.query == "learning");
    app.Press(ImGuiKey_F10); // from anywhere
    app.Press(ImGuiKey_Enter);
    app.Frames(1);
    REQUIRE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK_FALSE(ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel));
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK_FALSE(KeyboardNavOn());
    CHECK_FALSE(MenuBarHasKeys());
    CHECK(app.s.ui.query == "learning"); // Esc did not also clear the search (Back)
    // The bar alone (no menu open): Esc leaves it, and only that.
    app.Press(ImGuiKey_F10);
    REQUIRE(app.s.ui.menu_keys);
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK_FALSE(MenuBarHasKeys());
    CHECK(app.s.ui.query == "learning");
    CHECK(native::Page().downloads == 0);
    // Then Esc is the app's again: it clears the search.
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK(app.s.ui.query.empty());
}

TEST_CASE("keys: Alt pressed and released alone opens the menu bar; Alt as a modifier does not") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    app.Click("row:" + v[0]);
    // Alt+Left (the browser's Back) is not Alt alone.
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_LeftAlt, true);
    io.AddKeyEvent(ImGuiMod_Alt, true);
    app.Frame();
    io.AddKeyEvent(ImGuiKey_LeftArrow, true);
    app.Frame();
    io.AddKeyEvent(ImGuiKey_LeftArrow, false);
    io.AddKeyEvent(ImGuiKey_LeftAlt, false);
    io.AddKeyEvent(ImGuiMod_Alt, false);
    app.Frames(3);
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK_FALSE(MenuBarHasKeys());

    PressAlt(app);
    CHECK(app.s.ui.menu_keys);
    CHECK(MenuBarHasKeys());
    app.Press(ImGuiKey_Enter); // File
    app.Frames(1);
    app.Press(ImGuiKey_Enter); // Export progress...
    app.Frames(2);
    CHECK(native::Page().downloads == 1);
    CHECK_FALSE(app.s.ui.menu_keys);

    // Alt again while in the bar leaves it (ImGui's toggle), without reopening it.
    PressAlt(app);
    REQUIRE(app.s.ui.menu_keys);
    PressAlt(app);
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK_FALSE(MenuBarHasKeys());
    app.Key('j');
    CHECK(app.s.ui.cursor == v[1]);
}

TEST_CASE("keys: Alt while typing in a field stays the field's; F10 from a field opens the bar") {
    UiApp app;
    app.Start();
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    PressAlt(app);
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK(app.TextInputActive());
    app.Press(ImGuiKey_F10);
    app.Frames(1);
    CHECK(app.s.ui.menu_keys);
    CHECK_FALSE(app.TextInputActive());
    app.Press(ImGuiKey_F10); // F10 again leaves the bar
    app.Frames(1);
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK_FALSE(KeyboardNavOn());
}

TEST_CASE("keys: F10 does nothing while the modal import dialog is open") {
    UiApp app;
    app.Start();
    OpenFile(app, "week.md", "- [x] GPipe\n");
    app.Press(ImGuiKey_F10);
    app.Frames(1);
    CHECK_FALSE(app.s.ui.menu_keys);
    CHECK(app.s.import.open);
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK_FALSE(app.s.import.open);
}

} // namespace
} // namespace shelfmark
