// Finding a paper from anywhere (issue 13, part A): the line that says a search has
// matches outside the open list and widens to all papers (button, Ctrl+Enter), list:all,
// Down / Enter from the search box into the hits and Esc back, status keys that leave a
// selection the table does not show alone, and the view reopened at the next visit.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "app/mirror.h"
#include "core/progress_file.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::Mods;
using uitest::UiApp;

constexpr char kFirstList[] = "ucb-cs294-ai-sys-sp22"; // the list the app opens on
constexpr char kOrca[] = "orca";                       // only in the SNU list

bool HasRowFor(const AppState& s, const std::string& id) {
    for (const PaperRow& r : s.derived.rows)
        if (r.paper >= 0 && s.catalogue.papers[static_cast<size_t>(r.paper)].id == id) return true;
    return false;
}

void Search(UiApp& app, const std::string& text) {
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Type(text);
    app.Frames(1);
    REQUIRE(app.s.ui.query == text);
}

// Whether the mirror's live region has a line starting with `start`.
bool Announced(const AppState& s, const std::string& start) {
    return std::any_of(s.announcements.begin(), s.announcements.end(),
                       [&](const AppState::Announcement& a) { return a.text.rfind(start, 0) == 0; });
}

Status Stored(const std::string& paper) {
    std::string why;
    const auto rec = ProgressRecordFromJson(native::StoredRecord(paper), &why);
    return rec ? rec->status : Status::Unread;
}

TEST_CASE("search scope: matches outside the open list are said, and one click shows them") {
    UiApp app;
    app.Start();
    REQUIRE(app.s.ui.list_id == kFirstList);
    CHECK_FALSE(app.Has("search-scope")); // nothing to say without a search
    Search(app, "orca");
    CHECK(app.s.derived.matches == 0);
    CHECK(app.s.derived.matches_all == 1);
    REQUIRE(app.Has("search-scope"));
    REQUIRE(app.Has("search-all"));
    const SearchScope scope = DescribeScope(app.s);
    CHECK(scope.text == "0 in UC Berkeley CS294 AI-Sys \xC2\xB7 1 in all papers");
    CHECK(scope.can_widen);
    // The mirror says it too, with the same action.
    const nlohmann::json m = nlohmann::json::parse(BuildMirror(app.s));
    CHECK(m["scope"]["text"] == scope.text);
    CHECK(m["scope"]["widen"] == true);

    app.Click("search-all");
    app.Frames(1);
    CHECK(app.s.ui.list_id.empty()); // all papers
    CHECK(app.s.ui.query == "orca"); // the search stays
    CHECK(HasRowFor(app.s, kOrca));
    CHECK_FALSE(app.Has("search-scope")); // nothing left out now
}

TEST_CASE("search scope: Ctrl+Enter in the search box searches all papers and keeps the box") {
    UiApp app;
    app.Start();
    Search(app, "orca");
    app.Press(ImGuiKey_Enter, Mods{true, false});
    app.Frames(2);
    CHECK(app.s.ui.list_id.empty());
    CHECK(HasRowFor(app.s, kOrca));
    CHECK(app.TextInputActive()); // still typing
    CHECK(app.s.ui.cursor.empty());
}

TEST_CASE("search scope: the mirror's widen action, refused when all papers are open") {
    UiApp app;
    app.Start();
    Search(app, "orca");
    CHECK(ApplyMirrorAction(app.s, R"({"do":"search-all"})"));
    app.Frames(2);
    CHECK(app.s.ui.list_id.empty());
    CHECK(HasRowFor(app.s, kOrca));
    CHECK_FALSE(ApplyMirrorAction(app.s, R"({"do":"search-all"})")); // nothing to widen
}

TEST_CASE("search keys: Enter in the mirror's search box opens the first hit, as on the canvas") {
    UiApp app;
    app.Start();
    CHECK(ApplyMirrorAction(app.s, R"({"do":"query","value":"orca"})"));
    CHECK(ApplyMirrorAction(app.s, R"({"do":"first-hit"})"));
    app.Frames(2);
    CHECK(app.s.ui.list_id.empty());
    CHECK(app.s.ui.cursor == kOrca);
    const nlohmann::json m = nlohmann::json::parse(BuildMirror(app.s));
    CHECK(m["detail"]["id"] == kOrca);
}

TEST_CASE("search scope: on a phone the line wraps in the pane and its button is a touch target") {
    UiApp app;
    app.SetDisplay(390, 844, 3); // a phone, one pane at a time
    app.Start();
    Search(app, "orca");
    REQUIRE(app.s.ui.one_pane);
    REQUIRE(app.Has("search-scope"));
    REQUIRE(app.Has("search-all"));
    const Probe::Rect line = app.Rect("search-scope"), button = app.Rect("search-all");
    CHECK(line.x + line.w <= 390.0f);
    CHECK(button.x + button.w <= 390.0f);
    CHECK(button.h >= 44.0f);
    app.Press(ImGuiKey_Enter); // the keys work there too: the match opens
    app.Frames(1);
    CHECK(app.s.ui.cursor == kOrca);
    CHECK(app.s.ui.pane == Pane::Paper);
}

TEST_CASE("search scope: list:all searches every paper with the list still open") {
    UiApp app;
    app.Start();
    Search(app, "list:all orca");
    CHECK(app.s.ui.list_id == kFirstList); // the list stays chosen
    CHECK(app.s.ui.query_error.empty());   // list:all was an error before
    CHECK(app.s.derived.scope_all);
    CHECK(HasRowFor(app.s, kOrca));
    CHECK(app.s.derived.matches == 1);
    REQUIRE(app.Has("search-scope"));
    CHECK(DescribeScope(app.s).text == "Searching all papers (list:all), not only UC Berkeley CS294 AI-Sys");
    CHECK_FALSE(DescribeScope(app.s).can_widen);
}

TEST_CASE("search keys: Down moves into the hits, Esc goes back to the box, Esc leaves, Esc clears") {
    UiApp app;
    app.Start();
    Search(app, "learning");
    REQUIRE(app.s.derived.matches > 1);
    const std::string first = uitest::FirstPaperRow(app.s);
    app.Press(ImGuiKey_DownArrow);
    app.Frames(1);
    CHECK_FALSE(app.TextInputActive());
    CHECK(app.s.ui.cursor == first);
    CHECK(app.s.ui.selected == std::set<std::string>{first});
    CHECK(app.s.ui.list_id == kFirstList); // it had hits: no widening
    // The arrows now move in the hits.
    app.Press(ImGuiKey_DownArrow);
    app.Frames(1);
    CHECK(app.s.ui.cursor != first);
    CHECK(HasRowFor(app.s, app.s.ui.cursor));

    app.Press(ImGuiKey_Escape); // back to the box, the query as it was
    CHECK(app.WaitForTextInput());
    CHECK(app.s.ui.query == "learning");
    CHECK(app.s.ui.search_buffer == "learning");
    app.Press(ImGuiKey_Escape); // leaves the box; the query stays
    app.Frames(1);
    CHECK_FALSE(app.TextInputActive());
    CHECK(app.s.ui.query == "learning");
    app.Press(ImGuiKey_Escape); // clears the search
    app.Frames(1);
    CHECK(app.s.ui.query.empty());
}

TEST_CASE(
    "search keys: Enter opens the top hit, of all papers when the list has none; '4' and a note follow") {
    UiApp app;
    app.Start();
    Search(app, "orca");
    app.Press(ImGuiKey_Enter);
    app.Frames(1);
    CHECK_FALSE(app.TextInputActive());
    CHECK(app.s.ui.list_id.empty()); // widened: the list had no match
    CHECK(app.s.ui.cursor == kOrca);
    CHECK(app.s.ui.selected == std::set<std::string>{kOrca});
    app.Key('4');
    app.Frames(2);
    CHECK(app.s.progress.StatusOf(kOrca) == Status::Read);
    CHECK(Stored(kOrca) == Status::Read);
    // A note typed next goes into the note: no key is taken as a shortcut.
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Type("2 then 5 and /");
    app.Frames(20);
    CHECK(app.s.progress.StatusOf(kOrca) == Status::Read);
    REQUIRE(app.s.progress.Find(kOrca));
    CHECK(app.s.progress.Find(kOrca)->note == "2 then 5 and /");
    CHECK(app.s.ui.query == "orca");
}

TEST_CASE("search keys: Enter with hits in the list opens the first one there; with none anywhere, stays") {
    UiApp app;
    app.Start();
    Search(app, "learning");
    const std::string first = uitest::FirstPaperRow(app.s);
    app.Press(ImGuiKey_Enter);
    app.Frames(1);
    CHECK(app.s.ui.list_id == kFirstList);
    CHECK(app.s.ui.cursor == first);

    UiApp other;
    other.Start();
    Search(other, "zzqqxxnothing");
    other.Press(ImGuiKey_Enter);
    other.Frames(2);
    CHECK(other.s.ui.cursor.empty());
    CHECK(other.TextInputActive()); // back in the box to fix the query
}

TEST_CASE("selection you can see: a status key leaves a paper the search hides alone, and says why") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() > 4);
    app.Click("row:" + v[0]);
    REQUIRE(app.s.ui.cursor == v[0]);
    CHECK_FALSE(app.Has("hidden-selection"));
    Search(app, "id:" + v[3]);
    CHECK_FALSE(HasRowFor(app.s, v[0]));
    app.Press(ImGuiKey_Escape); // leave the box; the query stays
    app.Frames(1);
    REQUIRE(app.s.ui.query == "id:" + v[3]);
    REQUIRE(app.Has("hidden-selection"));
    CHECK(DescribeScope(app.s).hidden_text ==
          "1 selected paper hidden by the search \xE2\x80\x94 Esc clears the search");
    const size_t writes = native::Writes().size();
    app.Key('4');
    app.Frames(2);
    CHECK(app.s.progress.StatusOf(v[0]) == Status::Unread); // refused
    CHECK(native::Writes().size() == writes);
    CHECK(app.s.ui.status_refused);
    CHECK(Announced(app.s, "Status not changed: 1 selected paper hidden by the search"));
    const nlohmann::json m = nlohmann::json::parse(BuildMirror(app.s));
    CHECK(m["scope"]["refused"] == true);
    CHECK(m["scope"]["hidden"] == DescribeScope(app.s).hidden_text);

    app.Press(ImGuiKey_Escape); // clears the search: the row is back, and so are the keys
    app.Frames(1);
    CHECK(app.s.ui.query.empty());
    CHECK_FALSE(app.Has("hidden-selection"));
    app.Key('4');
    app.Frames(2);
    CHECK(app.s.progress.StatusOf(v[0]) == Status::Read);
}

TEST_CASE("selection you can see: of a range partly hidden, only the rows shown change") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() > 4);
    app.Click("row:" + v[1]);
    app.Click("row:" + v[2], Mods{true, false}); // Ctrl+click: both selected
    REQUIRE(app.s.ui.selected.size() == 2);
    Search(app, "id:" + v[2]);
    app.Press(ImGuiKey_Escape);
    app.Frames(1);
    app.Key('3');
    app.Frames(2);
    CHECK(app.s.progress.StatusOf(v[2]) == Status::Reading);
    CHECK(app.s.progress.StatusOf(v[1]) == Status::Unread);
    CHECK(Announced(app.s, "1 selected paper without a row in the table left as it was"));
}

TEST_CASE("opening view: the last list and paper come back; a deep link in the URL wins") {
    std::string saved;
    {
        UiApp app;
        app.Start();
        app.Click("list:snu-aisys-2023");
        app.Frames(2);
        REQUIRE(app.s.ui.list_id == "snu-aisys-2023");
        app.s.intents.push_back(intent::SelectPaper{kOrca}); // far down the list: off screen
        app.Frames(2);
        saved = platform::GetSetting("view");
        CHECK(saved == "list=snu-aisys-2023&paper=orca");
    }
    {
        UiApp app; // a new visit: the platform (settings too) starts empty
        platform::SetSetting("view", saved);
        app.Start();
        app.Frames(2);
        CHECK(app.s.ui.list_id == "snu-aisys-2023");
        CHECK(app.s.ui.cursor == kOrca);
    }
    {
        UiApp app; // the URL names a paper: it wins over the saved view
        platform::SetSetting("view", saved);
        platform::PostPlatformEvent(platform::event::Hash{"#paper=tvm"});
        app.Start();
        app.Frames(2);
        CHECK(app.s.ui.cursor == "tvm");
        CHECK(app.s.ui.list_id != "snu-aisys-2023");
    }
    {
        UiApp app; // all papers is a view too ("list=" with no id)
        platform::SetSetting("view", "list=&paper=orca");
        app.Start();
        app.Frames(2);
        CHECK(app.s.ui.list_id.empty());
        CHECK(app.s.ui.cursor == kOrca);
    }
    {
        UiApp app; // a first visit: the first list, nothing selected
        app.Start();
        CHECK(app.s.ui.list_id == kFirstList);
        CHECK(app.s.ui.cursor.empty());
    }
}

} // namespace
} // namespace shelfmark

namespace shelfmark {
namespace {

TEST_CASE("search keys: the frame that reads a keystroke draws the rows of the new query") {
    // Before, the rows of a new query were drawn one frame (a display refresh, ~17 ms)
    // after the frame that read the key: the table drew the old rows first (issue 15).
    UiApp app;
    app.Start();
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Frames(2);
    REQUIRE(app.s.ui.query.empty());
    const std::vector<std::string> before = app.s.ui.visible_papers; // the open list's rows
    REQUIRE_FALSE(before.empty());
    ImGui::GetIO().AddInputCharacter('v');
    app.Frame(); // one frame: the key is read, the query applied and the rows drawn
    REQUIRE(app.s.ui.query == "v");
    CHECK(app.s.ui.visible_papers != before);
    for (const std::string& id : app.s.ui.visible_papers)
        CHECK_MESSAGE(HasRowFor(app.s, id), id << " is drawn but has no row for the query 'v'");
    // The drawn rows are the first rows of the new query, in order.
    std::vector<std::string> first;
    for (const PaperRow& r : app.s.derived.rows)
        if (r.paper >= 0 && first.size() < app.s.ui.visible_papers.size())
            first.push_back(app.s.catalogue.papers[static_cast<size_t>(r.paper)].id);
    CHECK(app.s.ui.visible_papers == first);
}

} // namespace
} // namespace shelfmark
