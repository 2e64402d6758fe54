// The papers table (issue 13): the whole row is the click target, a click on the open
// paper's row keeps the keyboard in its note, fixed columns keep a readable width, column
// widths and order are remembered across reloads.
#include <doctest/doctest.h>

#include <string>

#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::Mods;
using uitest::UiApp;

// Presses the left button at (x, y) (CSS px), moves to (x + dx, y) in steps, releases.
void Drag(UiApp& app, float x, float y, float dx) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(x, y);
    app.Frames(2);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    app.Frames(2);
    constexpr int kSteps = 12;
    for (int i = 1; i <= kSteps; ++i) {
        io.AddMousePosEvent(x + dx * static_cast<float>(i) / kSteps, y);
        app.Frames(2);
    }
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    app.Frames(3);
}

// The y of the table's header row (CSS px).
float HeaderY(const UiApp& app) {
    const Probe::Rect t = app.Rect("papers-table");
    return t.y + ImGui::GetFontSize() * 0.5f + 2.0f;
}

TEST_CASE("row click anywhere: a click on the Venue, Role, Lists or Note cell selects the row") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 8);
    const char* cells[] = {"venue", "role", "lists", "note"};
    for (int i = 0; i < 4; ++i) {
        const std::string& id = v[static_cast<size_t>(i + 1)];
        CAPTURE(cells[i]);
        app.Click(std::string("cell:") + cells[i] + ":" + id);
        CHECK(app.s.ui.cursor == id);
        CHECK(app.s.ui.selected == std::set<std::string>{id});
    }
    // Ctrl+click on a cell adds to the selection, Shift+click selects the range, as on the title.
    app.Click("cell:lists:" + v[6], Mods{true, false});
    CHECK(app.s.ui.selected == std::set<std::string>{v[4], v[6]});
    app.Click("cell:venue:" + v[2]);
    app.Click("cell:role:" + v[4], Mods{false, true});
    CHECK(app.s.ui.selected == std::set<std::string>{v[2], v[3], v[4]});
    // The status chip keeps its own menu.
    app.Click("status:" + v[7]);
    CHECK(app.Has("status-option:read"));
    CHECK(app.s.progress.StatusOf(v[7]) == Status::Unread);
}

TEST_CASE("row click anywhere: a click on the open paper's row keeps typing in its note, not shortcuts") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(1);
    app.Click("row:" + id);
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Type("ab");
    app.Click("cell:venue:" + id);
    app.Frames(2);
    app.Type("4j");
    CHECK(app.s.progress.StatusOf(id) == Status::Unread); // '4' went into the note
    CHECK(app.s.ui.cursor == id);                         // 'j' did not move
    CHECK(app.s.ui.note_buffer == "ab4j");
}

TEST_CASE("table: widening the title does not squash Venue") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    const Probe::Rect venue = app.Rect("cell:venue:" + id);
    Drag(app, venue.x, HeaderY(app), 900.0f); // the Title | Venue border, far to the right
    const Probe::Rect after = app.Rect("cell:venue:" + id);
    CHECK(after.w >= ImGui::GetFontSize() * 4.0f);
}

TEST_CASE("table: column widths and order are remembered across reloads") {
    std::string layout;
    float venue_w = 0, lists_x = 0, venue_x = 0;
    {
        UiApp app;
        app.Start();
        const std::string id = app.s.ui.visible_papers.at(0);
        const Probe::Rect venue = app.Rect("cell:venue:" + id);
        Drag(app, venue.x, HeaderY(app), -80.0f); // Venue 80 px wider
        const Probe::Rect wider = app.Rect("cell:venue:" + id);
        CHECK(wider.w == doctest::Approx(venue.w + 80.0f).epsilon(0.05));
        // Lists dragged by its header to the left of Venue.
        const Probe::Rect lists = app.Rect("cell:lists:" + id);
        Drag(app, lists.x + lists.w * 0.5f, HeaderY(app), -(lists.x - wider.x) - 20.0f);
        venue_w = app.Rect("cell:venue:" + id).w;
        lists_x = app.Rect("cell:lists:" + id).x;
        venue_x = app.Rect("cell:venue:" + id).x;
        CHECK(lists_x < venue_x);
        const auto& settings = native::Settings();
        REQUIRE(settings.count("table-layout"));
        layout = settings.at("table-layout");
    }
    UiApp app;
    platform::SetSetting("table-layout", layout);
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    CHECK(app.Rect("cell:venue:" + id).w == doctest::Approx(venue_w).epsilon(0.01));
    CHECK(app.Rect("cell:lists:" + id).x == doctest::Approx(lists_x).epsilon(0.01));
    CHECK(app.Rect("cell:venue:" + id).x == doctest::Approx(venue_x).epsilon(0.01));
}

TEST_CASE("table: a layout setting it cannot read (edited by hand) gives the default layout") {
    UiApp app;
    platform::SetSetting("table-layout", "[Table][zz]\nColumn 9 Width=-5 Order=77\n[Table][0x1,6]\nColumn 2 "
                                         "Width=-40 Order=9\n\xff\xfe");
    app.Start();
    CHECK(app.Has("papers-table"));
    CHECK(app.Rect("cell:venue:" + app.s.ui.visible_papers.at(0)).w >= ImGui::GetFontSize() * 4.0f);
}

TEST_CASE("table: a layout setting naming absurd column counts is ignored, not allocated") {
    // ImGui sizes a table's settings by the count in its header: 2,000,000,000 columns would
    // ask for ~24 GB (the allocation fails and the page dies); a negative count, a bad size.
    for (const char* bad : {"[Table][0x00000001,2000000000]\nColumn 0 Width=50\n",
                            "[Table][0x00000002,-7]\nColumn 0 Width=50\n"}) {
        CAPTURE(bad);
        UiApp app;
        platform::SetSetting("table-layout", bad);
        app.Start();
        CHECK(app.Has("papers-table"));
        CHECK(app.s.ui.visible_papers.size() >= 5);
    }
}

TEST_CASE("paper pane: Esc or its Close button gives the titles its room; choosing a paper opens it again") {
    UiApp app;
    app.Start();
    const float table_w = app.Rect("papers-table").w; // nothing chosen: no paper pane
    const std::string id = app.s.ui.visible_papers.at(2);
    app.Click("row:" + id);
    REQUIRE(app.Has("detail-close"));
    CHECK(app.Rect("papers-table").w < table_w * 0.8f);
    app.Press(ImGuiKey_Escape);
    app.Frames(2);
    CHECK_FALSE(app.Has("detail-close"));
    CHECK(app.Rect("papers-table").w == doctest::Approx(table_w).epsilon(0.02));
    CHECK(app.s.ui.cursor == id); // the cursor and the selection stay: keys still act on it
    CHECK(app.s.ui.selected == std::set<std::string>{id});
    app.Key('4');
    CHECK(app.s.progress.StatusOf(id) == Status::Read);
    app.Press(ImGuiKey_Enter); // Enter opens the cursor's paper again
    app.Frames(2);
    REQUIRE(app.Has("detail-close"));
    app.Click("detail-close");
    app.Frames(2);
    CHECK_FALSE(app.Has("detail-close"));
    app.Key('n'); // n edits its note: the pane comes back with the editor
    app.Frames(2);
    CHECK(app.Has("detail-close"));
    CHECK(app.WaitForTextInput());
}

TEST_CASE("paper pane: opening or closing it keeps the clicked row where it was on screen") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 14);
    const std::string id = v[12]; // rows above it wrap to two lines once the pane narrows the table
    const float y0 = app.Rect("row:" + id).y;
    app.Click("row:" + id);
    app.Frames(3);
    REQUIRE(app.Has("detail-close"));
    CHECK(app.Rect("row:" + id).y == doctest::Approx(y0).epsilon(0.01)); // before: moved down 100+ px
    app.Press(ImGuiKey_Escape);                                          // closed again: still there
    app.Frames(3);
    REQUIRE_FALSE(app.Has("detail-close"));
    CHECK(app.Rect("row:" + id).y == doctest::Approx(y0).epsilon(0.01));
}

} // namespace
} // namespace shelfmark
