// Issue 10, "Never lose a word": the note editor and the preview with unusual notes.
// Written as bug repros first (each failed before its fix):
//   - a stored note with a NUL (U+0000, from an older build) lost everything after the NUL
//     on the first edit; the editor now shows it as U+2400 and keeps the rest;
//   - a link in the preview did not open when clicked.
#include <doctest/doctest.h>

#include <string>

#include "app/widgets.h"
#include "core/progress.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::UiApp;

// A stored record (as an older build wrote it) whose note is `note_json` (a JSON string
// body, escapes allowed).
std::string RecordWithNote(const std::string& paper, const std::string& note_json) {
    return "{\"paper\":\"" + paper + "\",\"status\":\"unread\",\"statusAt\":0,\"history\":[],\"note\":\"" +
           note_json +
           "\",\"noteAt\":1700000000000,\"tags\":[],\"tagsAt\":0,\"priority\":0,\"priorityAt\":0}";
}

std::string StoredNote(const std::string& paper) {
    std::string why;
    auto rec = ProgressRecordFromJson(native::StoredRecord(paper), &why);
    REQUIRE_MESSAGE(rec, "stored record of " << paper << ": " << why);
    return rec->note;
}

const std::string kNul("abc\0def", 7);
const std::string kSymbolForNull = "\xE2\x90\x80"; // U+2400

TEST_CASE("input: a stored note with a NUL keeps everything after it when edited") {
    UiApp app;
    app.Frames(2);
    const std::string id = app.s.ui.visible_papers.at(0);
    native::PutStored(id, RecordWithNote(id, "abc\\u0000def"));
    app.Start();
    // The model may keep the NUL or show it as U+2400 already (the core's choice).
    const std::string shown = "abc" + kSymbolForNull + "def";
    REQUIRE(app.s.progress.Find(id));
    const std::string loaded = app.s.progress.Find(id)->note;
    REQUIRE((loaded == kNul || loaded == shown));

    // Showing the note (editor and preview) does not change it.
    app.Click("row:" + id);
    app.Frames(25);
    CHECK(app.s.progress.Find(id)->note == loaded);
    CHECK(app.s.ui.note_buffer == shown); // the editor shows the whole note

    // One typed character: the note keeps "def" (the NUL shows as U+2400 and is written
    // back as that, since the user edited the text around it).
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Type("X");
    app.Frames(25);
    const std::string want = "abc" + kSymbolForNull + "defX";
    CHECK(app.s.progress.Find(id)->note == want); // before the fix: "abcX"
    CHECK(StoredNote(id) == want);
}

TEST_CASE("input: the text widgets never cut a string at a NUL") {
    UiApp app;
    app.Frames(1);
    // A field that is not being edited leaves the text alone apart from the visible
    // replacement of NULs; nothing after a NUL is dropped.
    std::string single("a\0b\0c", 5), multi("x\0\0y", 4);
    ImGui::NewFrame();
    ImGui::Begin("widgets-test");
    const bool c1 = InputString("##single", "", &single, 64);
    const bool c2 = InputStringMultiline("##multi", &multi, ImVec2(200, 100), 64);
    ImGui::End();
    ImGui::Render();
    CHECK_FALSE(c1);
    CHECK_FALSE(c2);
    CHECK(single == "a" + kSymbolForNull + "b" + kSymbolForNull + "c");
    CHECK(multi == "x" + kSymbolForNull + kSymbolForNull + "y");
}

TEST_CASE("input: a link in the note's preview opens when clicked") {
    UiApp app;
    app.Frames(2);
    const std::string id = app.s.ui.visible_papers.at(1);
    native::PutStored(id, RecordWithNote(id, "see [GPipe](https://arxiv.org/abs/1811.06965)"));
    app.Start();
    app.Click("row:" + id);
    app.Frames(2);
    REQUIRE(app.Has("note-link:0"));
    CHECK_FALSE(app.Has("note-link:1"));
    app.Click("note-link:0");
    CHECK(native::Page().urls_opened == 1); // before the fix: 0
    CHECK(native::Page().opened_url == "https://arxiv.org/abs/1811.06965");
}

TEST_CASE("input: every link of a note's preview opens, not only the first paragraph's") {
    UiApp app;
    app.Frames(2);
    const std::string id = app.s.ui.visible_papers.at(1);
    native::PutStored(
        id, RecordWithNote(
                id, "Pipelines: see [GPipe](https://arxiv.org/abs/1811.06965).\\n\\n"
                    "Also [PipeDream](https://arxiv.org/abs/1806.03377), and\\n\\n"
                    "| a | b |\\n|---|---|\\n| [x](https://x.example/) | [y](https://y.example/) |\\n"));
    app.Start();
    app.Click("row:" + id);
    app.Frames(2);
    const std::pair<std::string, std::string> links[] = {{"note-link:0", "https://arxiv.org/abs/1811.06965"},
                                                         {"note-link:1", "https://arxiv.org/abs/1806.03377"},
                                                         {"note-link:2", "https://x.example/"},
                                                         {"note-link:3", "https://y.example/"}};
    REQUIRE(app.s.progress.Find(id));
    int opened = 0;
    for (const auto& [name, url] : links) {
        REQUIRE_MESSAGE(app.Has(name), name);
        app.Click(name);
        CHECK_MESSAGE(native::Page().urls_opened == ++opened,
                      name); // before the fix: only note-link:0 opened
        CHECK(native::Page().opened_url == url);
        opened = native::Page().urls_opened;
    }
}

TEST_CASE("input: an unsafe link in the preview does not open") {
    UiApp app;
    app.Frames(2);
    const std::string id = app.s.ui.visible_papers.at(1);
    native::PutStored(id, RecordWithNote(id, "see [x](javascript:alert(1))"));
    app.Start();
    app.Click("row:" + id);
    app.Frames(2);
    REQUIRE(app.Has("note-link:0"));
    app.Click("note-link:0");
    CHECK(native::Page().urls_opened == 0);
}

TEST_CASE("input: a note of one long line without spaces is drawn, edited and saved") {
    // 128 KB: the longest note the preview parses as Markdown; 256 KB: the size limit
    // (previewed as plain text).
    for (const size_t bytes : {size_t{128 * 1024}, kMaxNoteBytes - 16}) {
        CAPTURE(bytes);
        UiApp app;
        app.Frames(2);
        const std::string id = app.s.ui.visible_papers.at(2);
        const std::string line(bytes, 'a');
        native::PutStored(id, RecordWithNote(id, line));
        app.Start();
        REQUIRE(app.s.progress.Find(id)->note == line);
        app.Click("row:" + id);
        app.Key('n');
        REQUIRE(app.WaitForTextInput());
        app.Type("Z");
        app.Frames(25);
        CHECK(app.s.progress.Find(id)->note == line + "Z");
        CHECK(StoredNote(id) == line + "Z");
    }
}

} // namespace
} // namespace shelfmark
