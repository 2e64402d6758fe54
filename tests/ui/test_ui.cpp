// Headless UI tests: the real panels, driven by mouse and keyboard on ImGui's null
// backend, with the native platform as the browser. They assert on what the model
// became (AppState) and on what reached storage (platform_native.h).
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>

#include "core/progress_file.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::Mods;
using uitest::UiApp;

Status StoredStatus(const std::string& paper) {
    std::string why;
    const auto rec = ProgressRecordFromJson(native::StoredRecord(paper), &why);
    REQUIRE_MESSAGE(rec, "stored record of " << paper << ": " << why);
    return rec->status;
}

bool Contains(const std::vector<std::string>& v, const std::string& x) {
    return std::find(v.begin(), v.end(), x) != v.end();
}

TEST_CASE("the app starts: bundle loaded, storage read, table drawn") {
    UiApp app;
    app.Start();
    REQUIRE(app.s.fatal_error.empty());
    CHECK(native::StorageOpens() == 1);
    CHECK(app.s.storage_loaded);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    CHECK(app.s.storage_problems.empty());
    REQUIRE(app.s.ui.visible_papers.size() >= 5);
    CHECK(app.s.ui.visible_papers.front() == uitest::FirstPaperRow(app.s));
    CHECK(app.Has("search"));
    CHECK(app.Has("papers-table"));
    CHECK(app.Has("save-state"));
    CHECK(app.Has("row:" + app.s.ui.visible_papers.front()));
    CHECK(app.Has("status:" + app.s.ui.visible_papers.front()));
    CHECK(native::Writes().empty()); // loading writes nothing
}

TEST_CASE("keyboard: a clicked row takes '4' as read, and the saver writes it") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(1);
    app.Click("row:" + id);
    CHECK(app.s.ui.cursor == id);
    CHECK(app.s.ui.selected == std::set<std::string>{id});
    CHECK(app.Has("detail-status:read")); // the detail panel shows the paper

    app.Key('4');
    CHECK(app.s.progress.StatusOf(id) == Status::Read);
    // A status change is written at once, in one batch with only that paper.
    REQUIRE(native::Writes().size() == 1);
    CHECK(native::Writes()[0].ok);
    REQUIRE(native::Writes()[0].records.size() == 1);
    CHECK(native::Writes()[0].records[0].first == id);
    CHECK(StoredStatus(id) == Status::Read);
    // The commit is confirmed through WriteDone: saved, nothing in flight.
    app.Frames(2);
    CHECK(app.s.saver.inflight.empty());
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    CHECK(native::Writes().size() == 1);
}

TEST_CASE("mouse: the status button's menu sets a status") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(2);
    app.Click("status:" + id);
    CHECK(app.s.ui.cursor == id); // clicking an unselected row's status selects it
    REQUIRE(app.Has("status-option:reading"));
    app.Click("status-option:reading");
    CHECK(app.s.progress.StatusOf(id) == Status::Reading);
    CHECK_FALSE(app.Has("status-option:reading")); // the menu closed
    app.Frames(2);
    CHECK(StoredStatus(id) == Status::Reading);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
}

TEST_CASE("keyboard: j/k and arrows move the cursor; Shift+Down and '2' queue two; Ctrl+Z undoes") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 4);
    CHECK(app.s.ui.cursor.empty());
    app.Key('j');
    CHECK(app.s.ui.cursor == v[0]);
    app.Key('j');
    CHECK(app.s.ui.cursor == v[1]);
    app.Key('j');
    CHECK(app.s.ui.cursor == v[2]);
    app.Key('k');
    CHECK(app.s.ui.cursor == v[1]);
    app.Press(ImGuiKey_DownArrow);
    CHECK(app.s.ui.cursor == v[2]);
    app.Press(ImGuiKey_UpArrow);
    CHECK(app.s.ui.cursor == v[1]);
    CHECK(app.s.ui.selected == std::set<std::string>{v[1]});

    app.Press(ImGuiKey_DownArrow, Mods{false, true});
    CHECK(app.s.ui.cursor == v[2]);
    CHECK(app.s.ui.selected == std::set<std::string>{v[1], v[2]});
    app.Key('2');
    CHECK(app.s.progress.StatusOf(v[1]) == Status::Queued);
    CHECK(app.s.progress.StatusOf(v[2]) == Status::Queued);
    CHECK(app.s.progress.StatusOf(v[0]) == Status::Unread);
    CHECK(app.s.progress.StatusOf(v[3]) == Status::Unread);
    app.Frames(2);
    REQUIRE(native::Writes().size() == 1);
    CHECK(native::Writes()[0].records.size() == 2); // one transaction for both
    CHECK(StoredStatus(v[1]) == Status::Queued);
    CHECK(StoredStatus(v[2]) == Status::Queued);

    app.Press(ImGuiKey_Z, Mods{true, false});
    CHECK(app.s.progress.StatusOf(v[1]) == Status::Unread);
    CHECK(app.s.progress.StatusOf(v[2]) == Status::Unread);
    CHECK(app.s.undo.empty());
    app.Frames(2);
    CHECK(StoredStatus(v[1]) == Status::Unread);
    CHECK(StoredStatus(v[2]) == Status::Unread);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    // A second Ctrl+Z has nothing left to undo.
    const size_t writes = native::Writes().size();
    app.Press(ImGuiKey_Z, Mods{true, false});
    app.Frames(2);
    CHECK(native::Writes().size() == writes);
}

TEST_CASE("search: '/' focuses the box; typing narrows the rows; Esc twice clears") {
    UiApp app;
    app.Start();
    const int before = app.s.derived.matches;
    const size_t rows_before = app.s.derived.rows.size();
    const std::string target = app.s.ui.visible_papers.at(2);
    // The longest plain word of the target's title.
    std::string word, cur;
    for (const char ch : app.s.catalogue.FindPaper(target)->title + " ") {
        if (std::isalpha(static_cast<unsigned char>(ch))) {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        } else {
            if (cur.size() > word.size()) word = cur;
            cur.clear();
        }
    }
    REQUIRE(word.size() >= 5);

    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Type(word);
    app.Frames(1);
    CHECK(app.s.ui.search_buffer == word); // the '/' did not land in the box
    CHECK(app.s.ui.query == word);
    CHECK(app.s.ui.query_error.empty());
    CHECK(app.s.derived.matches > 0);
    CHECK(app.s.derived.matches < before);
    CHECK(app.s.derived.rows.size() < rows_before);
    CHECK(Contains(app.s.ui.visible_papers, target));
    CHECK(static_cast<int>(app.s.ui.visible_papers.size()) == app.s.derived.matches);
    // Shortcut keys type into the box while it has the keyboard.
    CHECK(app.s.ui.cursor.empty());

    app.Press(ImGuiKey_Escape); // leaves the box, keeps the query
    app.Frames(1);
    CHECK_FALSE(app.TextInputActive());
    CHECK(app.s.ui.query == word);
    app.Press(ImGuiKey_Escape); // clears the search
    app.Frames(1);
    CHECK(app.s.ui.query.empty());
    CHECK(app.s.ui.search_buffer.empty());
    CHECK(app.s.derived.matches == before);
}

TEST_CASE("search: a filter query narrows to papers with that status") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    app.Click("row:" + v[0]);
    app.Key('4');
    app.Click("row:" + v[3]);
    app.Key('4');
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Type("status:read");
    app.Frames(1);
    CHECK(app.s.ui.query == "status:read");
    CHECK(app.s.derived.matches == 2);
    CHECK(app.s.ui.visible_papers == std::vector<std::string>{v[0], v[3]});
}

TEST_CASE("notes: 'n' opens the editor; typed Markdown is saved; task boxes render and toggle") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    CHECK_FALSE(app.Has("task:0"));
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    const std::string text = "# Plan\n- [ ] read it\n- [x] skim it";
    app.Type(text);
    app.Frames(1);
    CHECK(app.s.ui.note_buffer == text);
    const PaperProgress* rec = app.s.progress.Find(id);
    REQUIRE(rec);
    CHECK(rec->note == text);
    CHECK(rec->status == Status::Unread); // typing did not trigger shortcuts

    // Notes are batched (~300 ms), then written in one go.
    app.Frames(25);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    std::string why;
    auto stored = ProgressRecordFromJson(native::StoredRecord(id), &why);
    REQUIRE_MESSAGE(stored, why);
    CHECK(stored->note == text);
    CHECK(native::Writes().size() < text.size() / 2); // not one write per key

    // The preview draws the task boxes.
    REQUIRE(app.Has("task:0"));
    REQUIRE(app.Has("task:1"));
    CHECK_FALSE(app.Has("task:2"));
    CHECK(app.Rect("task:0").y > app.Rect("note-editor").y);

    // Esc leaves the editor; a click on the first box ticks it in the note.
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    CHECK_FALSE(app.TextInputActive());
    app.Click("task:0");
    app.Frames(1);
    const std::string ticked = "# Plan\n- [x] read it\n- [x] skim it";
    CHECK(app.s.progress.Find(id)->note == ticked);
    CHECK(app.s.ui.note_buffer == ticked); // the editor follows the stored note
    app.Frames(25);
    stored = ProgressRecordFromJson(native::StoredRecord(id), &why);
    REQUIRE_MESSAGE(stored, why);
    CHECK(stored->note == ticked);
}

TEST_CASE("mouse: Shift+click selects a range; the status menu of a selected row acts on all of it") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 5);
    app.Click("row:" + v[1]);
    app.Click("row:" + v[3], Mods{false, true});
    CHECK(app.s.ui.cursor == v[3]);
    CHECK(app.s.ui.selected == std::set<std::string>{v[1], v[2], v[3]});
    app.Click("row:" + v[4], Mods{true, false}); // Ctrl+click adds one
    CHECK(app.s.ui.selected.size() == 4);
    app.Click("row:" + v[2], Mods{true, false}); // and removes one
    CHECK(app.s.ui.selected == std::set<std::string>{v[1], v[3], v[4]});

    app.Click("status:" + v[3]);
    CHECK(app.s.ui.selected.size() == 3); // a selected row's status keeps the selection
    REQUIRE(app.Has("status-option:skipped"));
    app.Click("status-option:skipped");
    for (const std::string& id : {v[1], v[3], v[4]})
        CHECK(app.s.progress.StatusOf(id) == Status::Skipped);
    CHECK(app.s.progress.StatusOf(v[2]) == Status::Unread);
    CHECK(app.s.undo.size() == 1); // one undo step for the whole selection
    app.Frames(2);
    REQUIRE(native::Writes().size() == 1);
    CHECK(native::Writes()[0].records.size() == 3);
}

TEST_CASE("lists panel: all papers, then another list; '?' and Esc show and hide the help") {
    UiApp app;
    app.Start();
    const std::string first = app.s.ui.list_id;
    REQUIRE_FALSE(first.empty());
    app.Click("list:");
    CHECK(app.s.ui.list_id.empty());
    CHECK(app.s.derived.matches == static_cast<int>(app.s.catalogue.papers.size()));
    const std::string other = app.s.catalogue.lists.back().id;
    REQUIRE(other != first);
    app.Click("list:" + other);
    CHECK(app.s.ui.list_id == other);
    CHECK(app.s.ui.visible_papers.front() == uitest::FirstPaperRow(app.s));

    app.Key('?');
    CHECK(app.s.ui.show_help);
    app.Press(ImGuiKey_Escape);
    CHECK_FALSE(app.s.ui.show_help);
    CHECK(app.s.ui.list_id == other); // Esc only closed the overlay
}

TEST_CASE("Ctrl+S downloads the progress file; Ctrl+O asks for a file and previews it") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    app.Key('3');
    app.Press(ImGuiKey_S, Mods{true, false});
    const auto& page = native::Page();
    REQUIRE(page.downloads == 1);
    CHECK(page.download_name == ProgressFileName(platform::NowMs()));
    CHECK(page.download_mime == "application/json");
    ProgressFileError err;
    const auto file = ParseProgressFile(page.download_text, &err);
    REQUIRE_MESSAGE(file, err.ToString());
    REQUIRE(file->papers.size() == 1);
    CHECK(file->papers[0].paper == id);
    CHECK(file->papers[0].status == Status::Reading);
    CHECK(app.s.notice.find("Exported 1 paper to") != std::string::npos);

    // The picked file comes back through the event queue and opens the preview.
    app.Press(ImGuiKey_O, Mods{true, false});
    CHECK(page.file_picks == 1);
    platform::PostPlatformEvent(platform::event::FileOpened{"backup.json", true, page.download_text});
    app.Frames(2);
    CHECK(app.s.import.open);
    CHECK(app.s.import.file_name == "backup.json");
    CHECK(app.s.import.error.empty());
    CHECK(app.s.import.file.has_value());
    app.Press(ImGuiKey_Escape); // the dialog's Cancel
    app.Frames(1);
    CHECK_FALSE(app.s.import.open);
    CHECK(app.s.progress.StatusOf(id) == Status::Reading);
}

} // namespace
} // namespace shelfmark
