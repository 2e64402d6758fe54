// Issue 13: a list of one's own. Its name field takes the keyboard when the list is made;
// "+ paper" opens the form with the title field focused and Enter adds; the year starts
// empty (optional, checked); the rows' move and remove buttons are icons with names.
#include <doctest/doctest.h>

#include <set>
#include <string>

#include "ui_harness.h"

namespace shelfmark {
namespace {
using uitest::UiApp;

const UserList& OnlyList(const UiApp& app) {
    REQUIRE(app.s.user.lists.size() == 1);
    return app.s.user.lists.begin()->second;
}
std::vector<std::string> EntryIds(const UiApp& app) {
    std::vector<std::string> ids;
    for (const Section& sec : OnlyList(app).list.sections)
        for (const Entry& e : sec.entries)
            ids.push_back(e.paper);
    return ids;
}

TEST_CASE("own list: a new list's name field has the keyboard; typing names it") {
    UiApp app;
    app.Start();
    app.Click("new-list");
    app.Frames(2);
    REQUIRE(app.Has("list-name"));
    CHECK(app.TextInputActive()); // before: nothing had the keyboard, typing fired shortcuts
    app.Type("Thesis reading\n"); // the old name was selected: typing replaces it
    app.Frames(2);
    CHECK(OnlyList(app).list.title == "Thesis reading");
}

TEST_CASE("own list: + paper focuses the title, Enter adds, the year starts empty and is checked") {
    UiApp app;
    app.Start();
    app.Click("new-list");
    app.Frames(2);
    app.Press(ImGuiKey_Escape); // leave the name field
    app.Frames(1);
    app.Click("add-paper-toggle");
    app.Frames(1);
    REQUIRE(app.Has("new-paper-year"));
    CHECK(app.s.ui.new_paper_year.empty()); // before: an InputInt showing 0
    CHECK(app.WaitForTextInput());          // the title field has the keyboard
    app.Type("Attention Is All You Need\n");
    app.Frames(2);
    REQUIRE(EntryIds(app).size() == 1);
    const Paper* p = app.s.catalogue.FindPaper(EntryIds(app)[0]);
    REQUIRE(p);
    CHECK(p->title == "Attention Is All You Need");
    CHECK(p->year == 0);           // no year given: none
    CHECK(app.WaitForTextInput()); // ready for the next paper

    // A year that is not one: said, nothing added, what was typed stays.
    app.Type("Second paper");
    app.Click("new-paper-year");
    REQUIRE(app.WaitForTextInput());
    app.Type("999\n");
    app.Frames(2);
    CHECK(EntryIds(app).size() == 1);
    CHECK(app.Has("new-paper-error"));
    CHECK(app.s.ui.new_paper_error.find("four digits") != std::string::npos);
    CHECK(app.s.ui.new_paper.title == "Second paper");
    app.Click("new-paper-year");
    REQUIRE(app.WaitForTextInput());
    app.Press(ImGuiKey_End);
    app.Type("9\n"); // 9999 is not a year either
    app.Frames(2);
    CHECK(EntryIds(app).size() == 1);
    app.Click("new-paper-year");
    REQUIRE(app.WaitForTextInput());
    for (int i = 0; i < 4; ++i)
        app.Press(ImGuiKey_Backspace);
    app.Type("2017\n");
    app.Frames(2);
    REQUIRE(EntryIds(app).size() == 2);
    CHECK(app.s.catalogue.FindPaper(EntryIds(app)[1])->year == 2017);
    CHECK(app.s.ui.new_paper_error.empty());
    CHECK(app.s.ui.new_paper_year.empty());

    // Enter with no title: said, not silently ignored.
    app.Press(ImGuiKey_Enter);
    app.Frames(2);
    CHECK(EntryIds(app).size() == 2);
    CHECK(app.s.ui.new_paper_error == "A title is needed.");
}

TEST_CASE("own list: rows move up and down and are removed with icon buttons") {
    UiApp app;
    app.Start();
    app.Click("new-list");
    app.Frames(2);
    const std::string list = app.s.user.lists.begin()->first;
    for (size_t i = 0; i < 3; ++i)
        app.s.intents.push_back(intent::AddToList{list, app.s.catalogue.papers[i].id});
    app.Frames(2);
    std::vector<std::string> ids = EntryIds(app);
    REQUIRE(ids.size() == 3);
    for (const std::string& id : ids)
        for (const char* what : {"own-up:", "own-down:", "own-remove:"}) {
            CAPTURE(what);
            REQUIRE(app.Has(what + id));
            const Probe::Rect r = app.Rect(what + id);
            CHECK(r.w >= app.FontPx() * 0.99f); // at least a letter square (was "x": 7 px wide)
            CHECK(r.w == doctest::Approx(r.h));
        }
    app.Click("own-up:" + ids[0]); // the first cannot go up: nothing happens
    CHECK(EntryIds(app) == ids);
    app.Click("own-down:" + ids[0]);
    CHECK(EntryIds(app) == std::vector<std::string>{ids[1], ids[0], ids[2]});
    app.Click("own-up:" + ids[2]);
    CHECK(EntryIds(app) == std::vector<std::string>{ids[1], ids[2], ids[0]});
    app.Click("own-remove:" + ids[2]);
    CHECK(EntryIds(app) == std::vector<std::string>{ids[1], ids[0]});
    CHECK(app.s.catalogue.FindPaper(ids[2])); // the paper stays, only the entry goes
}

TEST_CASE("own list on a phone: each row has touch-sized move and remove buttons; the row still opens") {
    UiApp app;
    app.SetDisplay(390, 844, 3); // one pane at a time
    app.Start();
    REQUIRE(app.s.ui.one_pane);
    app.s.intents.push_back(intent::CreateList{"Phone list"});
    app.Frames(2);
    const std::string list = app.s.user.lists.begin()->first;
    for (size_t i = 0; i < 3; ++i)
        app.s.intents.push_back(intent::AddToList{list, app.s.catalogue.papers[i].id});
    app.s.intents.push_back(intent::SelectList{list});
    app.s.intents.push_back(intent::ShowPane{Pane::Papers});
    app.Frames(3);
    std::vector<std::string> ids = EntryIds(app);
    REQUIRE(ids.size() == 3);
    const Probe::Rect row = app.Rect("row:" + ids[1]);
    for (const char* what : {"own-up:", "own-down:", "own-remove:"}) {
        CAPTURE(what);
        REQUIRE(app.Has(what + ids[1]));
        const Probe::Rect r = app.Rect(what + ids[1]);
        CHECK(r.h >= 44.0f * 0.99f); // a touch target (CSS px)
        CHECK(r.y >= row.y - 1.0f);  // inside its row
        CHECK(r.y + r.h <= row.y + row.h + 1.0f);
    }
    // The title keeps clear of the buttons.
    const Probe::Rect title = app.Rect("title:" + ids[1]);
    CHECK(title.x + title.w <= app.Rect("own-up:" + ids[1]).x);
    app.Click("own-down:" + ids[0]);
    CHECK(EntryIds(app) == std::vector<std::string>{ids[1], ids[0], ids[2]});
    CHECK(app.s.ui.pane == Pane::Papers); // a button is not a click on the row
    app.Click("own-remove:" + ids[2]);
    CHECK(EntryIds(app) == std::vector<std::string>{ids[1], ids[0]});
    app.Click("title:" + ids[1]); // the rest of the row opens the paper
    CHECK(app.s.ui.cursor == ids[1]);
    CHECK(app.s.ui.pane == Pane::Paper);
}

// Issue 15: the bundled catalogue is held once, as s.catalogue's first bundled_papers papers
// and bundled_lists lists; each change to the user's lists makes only the user's part again.
TEST_CASE("own lists and the bundled catalogue: the bundle is held once, the user's part follows it") {
    UiApp app;
    app.Start();
    const Catalogue bundled = BundledCatalogue(app.s);
    const size_t np = app.s.bundled_papers, nl = app.s.bundled_lists;
    REQUIRE(np > 1);
    REQUIRE(nl > 0);
    CHECK(bundled.papers.size() == np);
    CHECK(bundled.lists.size() == nl);
    CHECK(app.s.catalogue.papers.size() == np); // no user data yet: the bundle, once
    CHECK(app.s.catalogue.lists.size() == nl);
    const std::string bundled_json = CatalogueToNormalizedJson(bundled);
    const std::string taken_title = app.s.catalogue.papers[0].title;
    for (int round = 0; round < 3; ++round) {
        CAPTURE(round);
        app.s.intents.push_back(intent::CreateList{"Round"});
        app.Frames(1);
        const std::string list = app.s.ui.list_id;
        REQUIRE(app.s.user.lists.count(list));
        Paper p;
        p.title = taken_title; // a bundled paper's title: the new id is still the user's own
        app.s.intents.push_back(intent::AddPaper{list, p});
        app.s.intents.push_back(intent::AddToList{list, app.s.catalogue.papers[1].id});
        app.Frames(1);
        CHECK(app.s.catalogue.papers.size() == np + app.s.user.papers.size());
        CHECK(app.s.catalogue.lists.size() == nl + app.s.user.lists.size());
        app.s.intents.push_back(intent::DeleteList{list});
        app.Frames(1);
        CHECK(app.s.catalogue.lists.size() == nl); // the deleted list is gone, nothing repeated
        CHECK(app.s.catalogue.papers.size() == np + app.s.user.papers.size());
    }
    REQUIRE(app.s.user.papers.size() == 3); // the papers stay when their list goes
    std::set<std::string> ids;
    for (const Paper& p : app.s.catalogue.papers)
        ids.insert(p.id);
    CHECK(ids.size() == app.s.catalogue.papers.size()); // no paper twice
    for (const auto& [id, up] : app.s.user.papers) {
        CHECK_FALSE(bundled.FindPaper(id));
        const Paper* p = app.s.catalogue.FindPaper(id);
        REQUIRE(p);
        CHECK(static_cast<size_t>(p - app.s.catalogue.papers.data()) >= np); // after the bundle
        CHECK(p->title == taken_title);
    }
    // The bundled part is untouched and in place.
    CHECK(app.s.bundled_papers == np);
    CHECK(app.s.bundled_lists == nl);
    CHECK(CatalogueToNormalizedJson(BundledCatalogue(app.s)) == bundled_json);
}

} // namespace
} // namespace shelfmark
