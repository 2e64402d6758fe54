// The app host (host.h) run natively: what the frame loop does around the panels, which
// only the browser exercised before it was shared with the web backend: the theme
// setting, the URL fragment written back, the flush when the page is hidden, and ImGui's
// input event queue.
#include <doctest/doctest.h>

#include <imgui.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "app/deep_link.h"
#include "app/host.h"
#include "core/progress_file.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::UiApp;

std::string Setting(const std::string& key) {
    const auto it = native::Settings().find(key);
    return it == native::Settings().end() ? std::string("(unset)") : it->second;
}

std::string StoredNote(const std::string& paper) {
    std::string why;
    const auto rec = ProgressRecordFromJson(native::StoredRecord(paper), &why);
    REQUIRE_MESSAGE(rec, "stored record of " << paper << ": " << why);
    return rec->note;
}

bool HasMark(const std::string& name) {
    const auto& m = native::Page().marks;
    return std::find(m.begin(), m.end(), name) != m.end();
}

// The window background's brightness (0 black .. 1 white): which palette is applied.
float WindowBrightness() {
    const ImVec4 c = ImGui::GetStyle().Colors[ImGuiCol_WindowBg];
    return (c.x + c.y + c.z) / 3.0f;
}

TEST_CASE("host: a theme change is applied at once and kept in the page's settings") {
    UiApp app;
    app.Start();
    CHECK(Setting("theme") == "(unset)"); // following the system: nothing written
    CHECK(WindowBrightness() < 0.5f);     // the system is dark (the default)

    app.s.intents.push_back(intent::SetTheme{Theme::Light}); // what View > Theme: light records
    app.Frames(2);
    CHECK(app.s.ui.theme == Theme::Light);
    CHECK(Setting("theme") == "2");
    CHECK(WindowBrightness() > 0.5f);

    // The system turning dark does not override a chosen light theme.
    platform::PostPlatformEvent(platform::event::ColorScheme{true});
    app.Frames(2);
    CHECK(WindowBrightness() > 0.5f);

    app.s.intents.push_back(intent::SetTheme{Theme::System}); // back to following the system, which is dark
    app.Frames(2);
    CHECK(Setting("theme") == "0");
    CHECK(WindowBrightness() < 0.5f);
}

TEST_CASE("host: the theme setting of the last session is read at start") {
    UiApp app;
    platform::SetSetting("theme", "2");
    app.Start();
    CHECK(app.s.ui.theme == Theme::Light);
    CHECK(WindowBrightness() > 0.5f);
    // Read, not written again; the only other setting is the view to reopen (test_ui_search.cpp).
    CHECK(native::Settings().at("theme") == "2");
    CHECK(native::Settings().size() == 2);
    CHECK(native::Settings().count("view") == 1);
}

TEST_CASE("host: selecting a paper writes its deep link to the URL, once storage has loaded") {
    UiApp app;
    native::HoldStorage(true);
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(1);
    app.Click("row:" + id);
    CHECK(app.s.ui.cursor == id);
    CHECK(native::Page().hash_sets == 0); // not before the stored state is known

    native::HoldStorage(false);
    native::DeliverStorage();
    app.Frames(2);
    REQUIRE(app.s.storage_loaded);
    CHECK(native::Page().location_hash == CurrentDeepLink(app.s));
    CHECK(native::Page().location_hash.find("paper=" + id) != std::string::npos);
    const int sets = native::Page().hash_sets;

    const std::string other = app.s.ui.visible_papers.at(3);
    app.Click("row:" + other);
    CHECK(native::Page().location_hash.find("paper=" + other) != std::string::npos);
    CHECK(native::Page().hash_sets == sets + 1);
    app.Frames(3);
    CHECK(native::Page().hash_sets == sets + 1); // written once per change, not per frame

    // A link the page navigates to selects its paper and is not written back.
    const std::string link = "#paper=" + id;
    platform::PostPlatformEvent(platform::event::Hash{link});
    app.Frames(3);
    CHECK(app.s.ui.cursor == id);
    CHECK(native::Page().hash_sets == sets + 1 + (CurrentDeepLink(app.s) == link ? 0 : 1));
    CHECK(HasMark("shelfmark:first-frame"));
    CHECK(HasMark("shelfmark:ready"));
}

// Issue 15: the web backend draws the first frame (the shell) before the catalogue is
// loaded (AppHost::LoadAfterFirstFrame).
TEST_CASE("host: a catalogue loaded after the first frame: the shell first, then the lists; a deep link and "
          "storage wait for it") {
    UiApp app;
    UseCatalogue(app.s, Catalogue{}); // as main_web.cpp starts: nothing loaded yet
    int loads = 0;
    app.host.LoadAfterFirstFrame([&loads](AppState& s) {
        ++loads;
        LoadBundle(s, SHELFMARK_DATA_DIR);
    });
    platform::PostPlatformEvent(platform::event::Hash{"#paper=tvm"}); // the page's URL
    app.host.Start();
    CHECK(native::StorageOpens() == 1); // opened at once: its records wait for the load

    app.Frame();
    CHECK(HasMark("shelfmark:first-frame"));
    CHECK(loads == 0);
    CHECK(app.s.catalogue.papers.empty());
    CHECK_FALSE(app.s.storage_loaded);

    app.Frame();
    CHECK(loads == 1);
    CHECK_FALSE(app.s.catalogue.papers.empty());
    app.Frames(4);
    CHECK(loads == 1);
    CHECK(app.s.storage_loaded);
    CHECK(HasMark("shelfmark:ready"));
    CHECK(app.s.ui.cursor == "tvm"); // the deep link, opened in the loaded catalogue
    CHECK(native::Page().location_hash.find("paper=tvm") != std::string::npos);
}

TEST_CASE("host: a page that draws no frame (opened in the background) still loads its catalogue and opens "
          "storage") {
    UiApp app;
    UseCatalogue(app.s, Catalogue{});
    app.host.LoadAfterFirstFrame([](AppState& s) { LoadBundle(s, SHELFMARK_DATA_DIR); });
    app.host.Start();
    const int64_t t0 = platform::NowMs();
    app.host.Tick(t0 + 10); // too early: a frame may still come
    CHECK(app.s.catalogue.papers.empty());
    CHECK_FALSE(app.s.storage_loaded);
    app.host.Tick(t0 + AppHost::kLoadWithoutFrameMs); // no animation frames: the timer loads
    CHECK_FALSE(app.s.catalogue.papers.empty());
    CHECK(app.s.storage_loaded);
    CHECK(app.s.frames == 0);
}

TEST_CASE("host: a catalogue that fails to load after the first frame: the error is shown, storage is never "
          "opened") {
    UiApp app;
    UseCatalogue(app.s, Catalogue{});
    app.host.LoadAfterFirstFrame([](AppState& s) { LoadBundle(s, "/nonexistent-shelfmark-data"); });
    app.host.Start();
    app.Frames(4);
    CHECK_FALSE(app.s.fatal_error.empty());
    CHECK(HasMark("shelfmark:ready")); // the page is done loading: it shows the error
}

TEST_CASE("host: a flush applies typed input ImGui has not applied yet, then writes the note") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Frames(2);

    // A burst of typing, then the tab is hidden before another frame is drawn: keys (each
    // with its character) in ImGui's queue, and text from the page's text-input element.
    ImGuiIO& io = ImGui::GetIO();
    for (const char ch : std::string("hello")) {
        const ImGuiKey key = static_cast<ImGuiKey>(ImGuiKey_A + (ch - 'a'));
        io.AddKeyEvent(key, true);
        io.AddInputCharacter(static_cast<unsigned>(ch));
        io.AddKeyEvent(key, false);
    }
    platform::PostPlatformEvent(platform::event::Text{" world"});
    REQUIRE(AppHost::PendingInput() > 5);    // ImGui applies them a frame apart
    CHECK(native::StoredRecord(id).empty()); // nothing written yet

    app.host.Flush(platform::NowMs());
    CHECK(AppHost::PendingInput() == 0);
    REQUIRE(app.s.progress.Find(id));
    CHECK(app.s.progress.Find(id)->note == "hello world");
    CHECK(StoredNote(id) == "hello world"); // written by the flush itself, no frame after
}

TEST_CASE("host: a key or a click pressed and released between two frames registers") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 4);
    app.Click("row:" + v[0]);
    REQUIRE(app.s.ui.cursor == v[0]);

    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiKey_DownArrow, true);
    io.AddKeyEvent(ImGuiKey_DownArrow, false);
    app.Frames(3);
    CHECK(app.s.ui.cursor == v[1]);

    const Probe::Rect r = app.Rect("row:" + v[3]);
    io.AddMousePosEvent(r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    app.Frames(4);
    CHECK(app.s.ui.cursor == v[3]);
}

// Issue 15: in the browser a printable key's keydown wakes a frame and its character comes
// from the page's text element (event::Text) before that frame. Both must be applied in it:
// ImGui applies text queued after a key change one frame later, so each key cost two frames
// and its hits were drawn a frame late.
TEST_CASE("host: a key typed into a text field is applied in the frame it wakes; Backspace keeps its order") {
    UiApp app;
    app.Start();
    app.Key('/'); // the search box
    REQUIRE(app.WaitForTextInput());
    app.Frames(2);
    std::string typed;
    for (const char ch : std::string("graph")) {
        const ImGuiKey key = static_cast<ImGuiKey>(ImGuiKey_A + (ch - 'a'));
        app.host.AddKey(key, true, true); // as main_web.cpp's keydown
        platform::PostPlatformEvent(platform::event::Text{std::string(1, ch)});
        app.Frame();
        typed += ch;
        CHECK(app.s.ui.query == typed);
        CHECK(AppHost::PendingInput() == 0);                             // nothing left for a frame after
        const std::vector<std::string>& drawn = app.s.ui.visible_papers; // its rows were drawn
        CHECK((drawn.empty() ? std::string() : drawn.front()) == uitest::FirstPaperRow(app.s));
        app.host.AddKey(key, false, true);
        app.Frame();
        CHECK(app.s.ui.query == typed);
    }
    // A character then Backspace between two frames: the character is deleted, not the "h".
    platform::PostPlatformEvent(platform::event::Text{"s"});
    app.host.ProcessPlatformEvents(platform::NowMs()); // the next key's BeginInput does this
    app.host.AddKey(ImGuiKey_Backspace, true, false);
    app.host.AddKey(ImGuiKey_Backspace, false, false);
    app.Frames(4);
    CHECK(app.s.ui.query == "graph");
    // Backspace then a character between two frames: the "h" goes, then the "s" comes.
    app.host.AddKey(ImGuiKey_Backspace, true, false);
    app.host.AddKey(ImGuiKey_Backspace, false, false);
    app.host.AddKey(ImGuiKey_S, true, true);
    platform::PostPlatformEvent(platform::event::Text{"s"});
    app.Frames(4);
    CHECK(app.s.ui.query == "graps");
}

// Issue 15: the caret does not blink, so a page idle in a text field asks for no frame (a
// timed frame every 500 ms was a full redraw that could land between a key and its result).
TEST_CASE("host: a page idle with a text field focused asks for no frames") {
    UiApp app;
    app.Start();
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Type("gr");
    app.Frames(8); // what the keys asked for is drawn
    const auto requests = native::Page().frame_requests;
    const size_t timed = native::Page().frame_in_ms.size();
    app.Frames(3); // as if a frame came anyway
    CHECK(app.TextInputActive());
    CHECK(native::Page().frame_requests == requests);
    CHECK(native::Page().frame_in_ms.size() == timed);
    CHECK_FALSE(ImGui::GetIO().ConfigInputTextCursorBlink);
}

// Issue 15: the web backend draws the canvas only when the picture changed (a drawn canvas
// costs the browser a commit of 30-60 ms under software GL; frames after input mostly
// change nothing).
TEST_CASE("host: a frame says whether its picture changed") {
    UiApp app;
    app.Start();
    app.Frames(4);
    CHECK_FALSE(app.last_frame.changed); // nothing happened
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 2);
    const Probe::Rect r = app.Rect("row:" + v[1]);
    ImGui::GetIO().AddMousePosEvent(r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    app.Frame();
    CHECK(app.last_frame.changed); // the row under the mouse is highlighted
    app.Frames(2);
    CHECK_FALSE(app.last_frame.changed);
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Frames(2);
    CHECK_FALSE(app.last_frame.changed);
    app.host.AddKey(ImGuiKey_G, true, true);
    platform::PostPlatformEvent(platform::event::Text{"g"});
    app.Frame();
    CHECK(app.last_frame.changed); // the character and the rows it finds
    app.Frames(3);                 // the table's scroll bar went: its columns widen a frame later
    app.host.AddKey(ImGuiKey_G, false, true);
    app.Frame();
    CHECK_FALSE(app.last_frame.changed); // the release changes nothing
    app.SetDisplay(1000, 700, 1);
    app.Frame();
    CHECK(app.last_frame.changed);
}

// Issue 15: the frame that shows a keystroke's rows is not held up by building the mirror's
// DOM; the mirror follows at the tick right after that frame (or the next frame).
TEST_CASE("host: after a frame whose rows changed, the mirror is sent by the tick that follows") {
    UiApp app;
    app.Start();
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Frames(4);
    const int updates = native::Page().mirror_updates;
    const size_t ticks = native::Page().tick_in_ms.size();
    app.host.AddKey(ImGuiKey_G, true, true);
    platform::PostPlatformEvent(platform::event::Text{"g"});
    app.Frame();
    REQUIRE(app.s.ui.query == "g");
    CHECK(native::Page().mirror_updates == updates); // not in the frame
    REQUIRE(native::Page().tick_in_ms.size() > ticks);
    CHECK(native::Page().tick_in_ms.back() == 0);
    app.host.Tick(platform::NowMs());
    CHECK(native::Page().mirror_updates == updates + 1);
    const nlohmann::json m = nlohmann::json::parse(native::Page().mirror);
    CHECK(m.value("query", std::string()) == "g");
    app.Frames(3); // nothing new to send
    CHECK(native::Page().mirror_updates == updates + 1);
}

TEST_CASE("host: a paste too large for a note is refused with a message; the probe reads the model") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    // The page refused a 3 MB paste (only its size came); the clipboard is emptied.
    platform::PostPlatformEvent(platform::event::Paste{"", true, 3 * 1024 * 1024, true});
    app.Frames(1);
    CHECK(app.host.Clipboard().empty());
    CHECK(app.s.ui.note_message.find("3 MB") != std::string::npos);
    CHECK(app.host.ProbeQuery("note-message").find("3 MB") != std::string::npos);

    CHECK(app.host.ProbeQuery("status " + id) == "\"unread\"");
    CHECK(app.host.ProbeQuery("save") == "\"saved\"");
    CHECK(app.host.ProbeQuery("rect no-such-widget") == "null");
    CHECK(app.host.ProbeQuery("rect row:" + id).find("\"w\":") != std::string::npos);
}

} // namespace
} // namespace shelfmark
