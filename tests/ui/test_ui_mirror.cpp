// The accessible mirror (mirror.h) run natively: what the DOM is given (the JSON the host
// sends through platform::MirrorUpdate), that it is sent only when something it shows
// changed, that the DOM's actions act through the same intents as the canvas, the live
// region's lines, and the focus ring drawn for the DOM focus.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/mirror.h"
#include "core/synthetic.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using nlohmann::json;
using uitest::UiApp;

json Mirror() {
    REQUIRE(!native::Page().mirror.empty());
    return json::parse(native::Page().mirror);
}

void Act(UiApp& app, const json& action) {
    platform::PostPlatformEvent(platform::event::MirrorAction{action.dump()});
    app.Frames(3);
}

const json* PaperRowIn(const json& m, const std::string& id) {
    for (const json& r : m["rows"])
        if (r.value("id", "") == id) return &r;
    return nullptr;
}

TEST_CASE("mirror: describes the lists, the table's rows in view, the counts and the save state") {
    UiApp app;
    app.Start();
    app.Frames(2);
    const json m = Mirror();
    CHECK(m["save"]["state"] == "saved");
    REQUIRE(m["lists"].size() == app.s.catalogue.lists.size() + 1);
    CHECK(m["lists"][0]["title"] == "All papers");
    int current = 0;
    for (const json& l : m["lists"])
        current += l["current"].get<bool>() ? 1 : 0;
    CHECK(current == 1);
    CHECK(m["list"]["summary"].get<std::string>().find("of") != std::string::npos);
    CHECK(m["rowTotal"] == app.s.derived.rows.size());
    // Every paper the canvas shows is in the mirror, with its title and status.
    REQUIRE(!app.s.ui.visible_papers.empty());
    for (const std::string& id : app.s.ui.visible_papers) {
        const json* r = PaperRowIn(m, id);
        REQUIRE_MESSAGE(r, id);
        CHECK((*r)["title"] == app.s.catalogue.FindPaper(id)->title);
        CHECK((*r)["status"] == "unread");
    }
    CHECK(m["rows"].size() <= static_cast<size_t>(kMirrorMaxRows));
    CHECK(m["detail"].is_null());
    CHECK(m["dialog"].is_null());
}

TEST_CASE("mirror: sent when the model or the view changes, never on idle frames") {
    UiApp app;
    app.Start();
    app.Frames(3);
    const int before = native::Page().mirror_updates;
    app.Frames(10); // nothing changes
    CHECK(native::Page().mirror_updates == before);

    const std::string id = uitest::FirstPaperRow(app.s);
    app.s.intents.push_back(intent::SetStatus{{id}, Status::Reading}); // as the canvas records it
    app.Frames(3);
    CHECK(native::Page().mirror_updates > before);
    const json after = Mirror();
    const json* r = PaperRowIn(after, id);
    REQUIRE(r);
    CHECK((*r)["status"] == "reading");
}

TEST_CASE("mirror: its actions act through the intents the canvas records") {
    UiApp app;
    app.Start();
    app.Frames(2);
    const std::string id = uitest::FirstPaperRow(app.s);

    Act(app, {{"do", "open"}, {"id", id}});
    CHECK(app.s.ui.cursor == id);
    json m = Mirror();
    REQUIRE(m["detail"].is_object());
    CHECK(m["detail"]["id"] == id);

    Act(app, {{"do", "status"}, {"id", id}, {"value", "read"}});
    CHECK(app.s.progress.StatusOf(id) == Status::Read);
    CHECK(native::StoredRecord(id).find("\"read\"") != std::string::npos); // written at once
    m = Mirror();
    CHECK(m["detail"]["status"] == "read");
    // The live region says what happened.
    bool said = false;
    for (const json& l : m["announce"])
        said |=
            l["text"].get<std::string>().find("Marked read: " + app.s.catalogue.FindPaper(id)->title) == 0;
    CHECK(said);

    Act(app, {{"do", "note"}, {"id", id}, {"value", "# Notes\nfrom the mirror"}});
    app.Frames(30); // the batched save
    CHECK(app.s.progress.Find(id)->note == "# Notes\nfrom the mirror");
    CHECK(native::StoredRecord(id).find("from the mirror") != std::string::npos);

    Act(app, {{"do", "priority"}, {"id", id}, {"value", 3}});
    CHECK(app.s.progress.Find(id)->priority == 3);
    Act(app, {{"do", "tags"}, {"id", id}, {"value", "systems, todo"}});
    CHECK(app.s.progress.Find(id)->tags.size() == 2);

    const std::string list = app.s.catalogue.lists.back().id;
    Act(app, {{"do", "list"}, {"id", list}});
    CHECK(app.s.ui.list_id == list);
    CHECK(Mirror()["list"]["id"] == list);

    Act(app, {{"do", "query"}, {"value", "status:read"}});
    CHECK(app.s.ui.query == "status:read");
    CHECK(app.s.ui.search_buffer == "status:read"); // the canvas search box shows it

    Act(app, {{"do", "help"}});
    CHECK(app.s.ui.show_help);
    CHECK(Mirror()["dialog"]["kind"] == "help");
    Act(app, {{"do", "cancel"}});
    CHECK(!app.s.ui.show_help);
    CHECK(Mirror()["dialog"].is_null());

    Act(app, {{"do", "text-size"}, {"value", 150}});
    CHECK(app.s.ui.text_size_percent == 150);
    CHECK(Mirror()["textSize"] == 150);
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "text-size"}, {"value", 900}}.dump()));

    Act(app, {{"do", "undo"}});
    CHECK(app.s.progress.StatusOf(id) == Status::Unread);
}

TEST_CASE("mirror: the user's own lists are edited from the DOM too") {
    UiApp app;
    app.Start();
    app.Frames(2);
    Act(app, {{"do", "newlist"}});
    REQUIRE(app.s.user.lists.size() == 1);
    const std::string list = app.s.user.lists.begin()->first;
    Act(app, {{"do", "list"}, {"id", list}});
    CHECK(Mirror()["list"]["mine"] == true);
    Act(app, {{"do", "rename-list"}, {"list", list}, {"value", "Reading group"}});
    CHECK(app.s.user.lists.at(list).list.title == "Reading group");
    CHECK(app.s.ui.rename_buffer == "Reading group"); // the canvas's name field shows it
    CHECK(Mirror()["rects"]["list-name"].is_array()); // the DOM field can be shown over it
    Act(app, {{"do", "add-paper"},
              {"list", list},
              {"title", "A paper of my own"},
              {"authors", "Ada, Grace"},
              {"year", 2024},
              {"link", "https://example.org/a"}});
    const std::string id = uitest::FirstPaperRow(app.s);
    REQUIRE(!id.empty());
    CHECK(app.s.catalogue.FindPaper(id)->title == "A paper of my own");
    CHECK(app.s.catalogue.FindPaper(id)->authors.size() == 2);
    Act(app, {{"do", "add-to-list"}, {"list", list}, {"id", app.s.catalogue.papers.front().id}});
    json m = Mirror();
    int entries = 0;
    for (const json& r : m["rows"])
        if (r.contains("id")) {
            CHECK(r.contains("e"));
            ++entries;
        }
    CHECK(entries == 2);
    Act(app, {{"do", "move-entry"}, {"list", list}, {"s", 0}, {"e", 1}, {"up", true}});
    CHECK(app.s.user.lists.at(list).list.sections[0].entries[0].paper == app.s.catalogue.papers.front().id);
    Act(app, {{"do", "remove-entry"}, {"list", list}, {"s", 0}, {"e", 0}});
    CHECK(app.s.user.lists.at(list).list.sections[0].entries.size() == 1);
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "rename-list"}, {"list", list}, {"value", ""}}.dump()));
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "delete-list"}, {"list", "cs294"}}.dump())); // not the user's
    Act(app, {{"do", "delete-list"}, {"list", list}});
    CHECK(app.s.user.lists.empty());
}

TEST_CASE("mirror: bad actions change nothing") {
    UiApp app;
    app.Start();
    app.Frames(2);
    const std::string id = uitest::FirstPaperRow(app.s);
    CHECK(!ApplyMirrorAction(app.s, "not json"));
    CHECK(!ApplyMirrorAction(app.s, "[1,2]"));
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "status"}, {"id", id}, {"value", "finished"}}.dump()));
    CHECK(
        !ApplyMirrorAction(app.s, json{{"do", "status"}, {"id", "no-such-paper"}, {"value", "read"}}.dump()));
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "priority"}, {"id", id}, {"value", 9}}.dump()));
    CHECK(!ApplyMirrorAction(
        app.s, json{{"do", "note"}, {"id", id}, {"value", std::string(kMaxNoteBytes + 1, 'x')}}.dump()));
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "dialog"}, {"choice", "merge"}}.dump())); // no import open
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "launch"}}.dump()));
    // Wrong types are refused, not thrown.
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "priority"}, {"id", id}, {"value", "high"}}.dump()));
    CHECK(!ApplyMirrorAction(app.s, json{{"do", "priority"}, {"id", id}, {"value", 1e30}}.dump()));
    CHECK(!ApplyMirrorAction(app.s, json{{"do", 7}, {"id", id}}.dump()));
    CHECK(!ApplyMirrorAction(app.s,
                             json{{"do", "move-entry"}, {"list", "x"}, {"s", "0"}, {"e", nullptr}}.dump()));
    CHECK(app.s.intents.empty());
    app.Frames(3);
    CHECK(app.s.progress.StatusOf(id) == Status::Unread);
    // The refused note says why, in the live region.
    CHECK(Mirror()["announce"].back()["text"].get<std::string>().find("limit") != std::string::npos);
}

TEST_CASE("mirror: the import dialog with its choices; choosing one applies it") {
    UiApp app;
    app.Start();
    app.Frames(2);
    const std::string id = uitest::FirstPaperRow(app.s);
    const std::string md = "# Mine\n\n- [x] " + app.s.catalogue.FindPaper(id)->title + "\n";
    platform::PostPlatformEvent(platform::event::FileOpened{"mine.md", true, md});
    app.Frames(3);
    json d = Mirror()["dialog"];
    REQUIRE(d.is_object());
    CHECK(d["kind"] == "import");
    REQUIRE(!d["choices"].empty());
    CHECK(d["choices"][0]["id"] == "checklist");
    CHECK(d["choices"][0]["default"] == true);
    Act(app, {{"do", "dialog"}, {"choice", "checklist"}});
    CHECK(!app.s.import.open);
    CHECK(app.s.progress.StatusOf(id) == Status::Read);
    CHECK(Mirror()["dialog"].is_null());
}

TEST_CASE("mirror: saves and failures are announced; saving while typing is not repeated") {
    UiApp app;
    app.Start();
    app.Frames(2);
    const std::string id = uitest::FirstPaperRow(app.s);
    native::FailNextWrite("QuotaExceededError: The quota has been exceeded.");
    Act(app, {{"do", "status"}, {"id", id}, {"value", "read"}});
    app.Frames(3);
    json a = Mirror()["announce"];
    bool failure = false;
    for (const json& l : a)
        failure |= l["text"].get<std::string>().find("QuotaExceeded") != std::string::npos;
    CHECK(failure);

    // Many quick saves (typing) say "saved" once.
    native::AdvanceMs(10000);
    app.Frames(60);
    const int64_t seq = app.s.announce_seq;
    for (int i = 0; i < 5; ++i) {
        Act(app, {{"do", "note"}, {"id", id}, {"value", "draft " + std::to_string(i)}});
        app.Frames(25);
    }
    int saved = 0;
    for (const auto& l : app.s.announcements)
        if (l.seq > seq && l.text.find("saved") != std::string::npos) ++saved;
    CHECK(saved <= 1);
}

TEST_CASE("mirror: the canvas draws a focus ring around the widget the DOM focus stands for") {
    UiApp app;
    app.Start();
    app.Frames(2);
    CHECK(!app.Has("focus-ring"));
    Act(app, {{"do", "focus"}, {"name", "search"}});
    REQUIRE(app.Has("focus-ring"));
    const Probe::Rect ring = app.Rect("focus-ring"), search = app.Rect("search");
    CHECK(ring.x < search.x);
    CHECK(ring.x + ring.w > search.x + search.w);
    CHECK(ring.y <= search.y + 2); // kept inside the canvas: the search box is at its top
    CHECK(ring.y + ring.h > search.y + search.h);
    // A canvas text field that had the keyboard lets it go to the DOM.
    Act(app, {{"do", "open"}, {"id", uitest::FirstPaperRow(app.s)}});
    app.Click("tags");
    REQUIRE(app.WaitForTextInput());
    Act(app, {{"do", "focus"}, {"name", "list:"}});
    CHECK(!app.TextInputActive());
    Act(app, {{"do", "focus"}, {"name", ""}});
    CHECK(!app.Has("focus-ring"));
}

} // namespace
} // namespace shelfmark
