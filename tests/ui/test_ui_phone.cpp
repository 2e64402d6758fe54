// Phones, zoom and the text size (issue 12): below kOnePaneEm the app shows one pane at a
// time (lists -> papers -> paper) with a back control, touch-sized targets, wrapped titles
// and the save state on screen; the View menu's text size scales the font, is kept in the
// page's settings, and a large text size switches to the one-pane layout too.
#include <doctest/doctest.h>

#include <imgui.h>

#include <cmath>
#include <string>

#include "app/host.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::UiApp;

constexpr float kPhoneW = 390, kPhoneH = 844, kPhoneDpr = 3; // a phone's CSS size and pixel ratio

std::string Setting(const std::string& key) {
    const auto it = native::Settings().find(key);
    return it == native::Settings().end() ? std::string("(unset)") : it->second;
}

// The id of the second bundled list (not the one shown at start).
std::string SecondList(const AppState& s) {
    REQUIRE(s.catalogue.lists.size() >= 2);
    return s.catalogue.lists[1].id;
}

// Checks that a probed widget lies inside a display of css_w x css_h CSS pixels.
void CheckOnScreen(const UiApp& app, const std::string& name, float css_w, float css_h) {
    INFO(name << " at " << css_w << "x" << css_h << " CSS px");
    const Probe::Rect r = app.Rect(name);
    CHECK(r.x >= 0.0f);
    CHECK(r.y >= 0.0f);
    CHECK(r.x + r.w <= css_w + 0.5f);
    CHECK(r.y + r.h <= css_h + 0.5f);
    CHECK(r.w > 0.0f);
}
} // namespace

TEST_CASE("phone: one pane at a time; a list opens its papers, a paper its detail, back returns") {
    UiApp app;
    app.SetDisplay(kPhoneW, kPhoneH, kPhoneDpr);
    app.Start();
    AppState& s = app.s;
    REQUIRE(s.ui.one_pane);
    CHECK(s.ui.pane == Pane::Lists);
    const std::string list = SecondList(s);
    CHECK(app.Has("list:" + list));
    CHECK_FALSE(app.Has("back")); // the first pane has nothing to go back to
    CHECK_FALSE(app.Has("papers-table"));
    CHECK(s.ui.visible_papers.empty());

    app.Click("list:" + list);
    CHECK(s.ui.list_id == list);
    CHECK(s.ui.pane == Pane::Papers);
    CHECK(app.Has("back"));
    CHECK_FALSE(app.Has("list:" + list));
    REQUIRE_FALSE(s.ui.visible_papers.empty());
    const std::string paper = s.ui.visible_papers.front();
    CHECK(app.Has("row:" + paper));

    app.Click("row:" + paper);
    CHECK(s.ui.cursor == paper);
    CHECK(s.ui.pane == Pane::Paper);
    CHECK_FALSE(app.Has("row:" + paper));
    app.Click("detail-status:read"); // the detail pane's status chips work with a tap too
    CHECK(s.progress.StatusOf(paper) == Status::Read);

    app.Click("back"); // "< Papers"
    CHECK(s.ui.pane == Pane::Papers);
    CHECK(app.Has("row:" + paper));
    CHECK(s.ui.visible_row_first >= 0); // the rows in view, for the accessible mirror
    app.Press(ImGuiKey_Escape);         // Esc goes back as the control does
    CHECK(s.ui.pane == Pane::Lists);
    CHECK(app.Has("list:" + list));
    CHECK(s.ui.visible_papers.empty()); // none on screen
    CHECK(s.ui.visible_row_first == -1);
    app.Click("list:" + list); // the list already chosen opens again
    CHECK(s.ui.pane == Pane::Papers);
    app.Click("back"); // "< Lists"
    CHECK(s.ui.pane == Pane::Lists);

    // The keys work too: `/` shows the results, `n` opens the chosen paper's note.
    app.Key('/');
    REQUIRE(app.WaitForTextInput());
    app.Type("tvm");
    CHECK(s.ui.pane == Pane::Papers);
    CHECK(app.Has("row:tvm"));
    app.Press(ImGuiKey_Escape); // leaves the search box
    app.Press(ImGuiKey_Escape); // clears the search
    app.Key('n');
    CHECK(s.ui.pane == Pane::Paper);
    CHECK(app.WaitForTextInput());
    CHECK(app.Has("note-editor"));
}

TEST_CASE("phone: a wide window keeps the three panes, whatever pane was last chosen") {
    UiApp app;
    app.Start();
    CHECK_FALSE(app.s.ui.one_pane);
    app.s.intents.push_back(intent::ShowPane{Pane::Lists});
    app.Frames(2);
    CHECK(app.Has("papers-table"));
    CHECK(app.Has("list:"));
    CHECK(app.Has("menu-file"));
    CHECK_FALSE(app.Has("back"));
}

TEST_CASE("phone: the save state and the search box stay on screen at 320 and 390 CSS px, large text too") {
    for (const float w : {320.0f, 390.0f})
        for (const int percent : {100, 200}) {
            INFO(w << " CSS px wide, text size " << percent << "%");
            UiApp app;
            platform::SetSetting("text-size", std::to_string(percent));
            app.SetDisplay(w, kPhoneH, kPhoneDpr);
            app.Start();
            REQUIRE(app.s.ui.one_pane);
            CheckOnScreen(app, "save-state", w, kPhoneH);
            CheckOnScreen(app, "menu", w, kPhoneH);
            app.s.intents.push_back(intent::SelectList{SecondList(app.s)});
            app.Frames(2);
            CheckOnScreen(app, "save-state", w, kPhoneH);
            CheckOnScreen(app, "search", w, kPhoneH); // in the menu bar, or above the papers
            CheckOnScreen(app, "back", w, kPhoneH);
            const std::string paper = app.s.ui.visible_papers.at(0);
            CheckOnScreen(app, "row:" + paper, w, kPhoneH);
            CheckOnScreen(app, "title:" + paper, w, kPhoneH);
        }
}

TEST_CASE("phone: rows, lists, the back control, status chips and menu items are 44 CSS px tall or more") {
    UiApp app;
    app.SetDisplay(kPhoneW, kPhoneH, kPhoneDpr);
    app.Start();
    AppState& s = app.s;
    CHECK(app.Rect("list:").h >= 44.0f);
    CHECK(app.Rect("list:" + SecondList(s)).h >= 44.0f);
    CHECK(app.Rect("new-list").h >= 44.0f);
    CHECK(app.Rect("menu").h >= 44.0f);
    app.Click("menu");
    CHECK(app.Rect("text-size:150").h >= 44.0f);
    app.Press(ImGuiKey_Escape);

    app.Click("list:" + SecondList(s));
    CHECK(app.Rect("back").h >= 44.0f);
    CHECK(app.Rect("back").w >= 44.0f);
    CHECK(app.Rect("list-source").h >= 44.0f);
    int rows = 0;
    for (const std::string& id : s.ui.visible_papers) {
        INFO("row of " << id);
        CHECK(app.Rect("row:" + id).h >= 44.0f);
        ++rows;
    }
    CHECK(rows >= 5);
    app.Click("row:" + s.ui.visible_papers.at(0));
    for (const char* st : {"unread", "queued", "reading", "read", "skipped"}) {
        INFO("status chip " << st);
        const Probe::Rect r = app.Rect(std::string("detail-status:") + st);
        CHECK(r.h >= 44.0f);
        CHECK(r.w >= 44.0f);
    }
}

// A paper with links that appears in a list, the one with the longest link.
std::string PaperWithLinks(const AppState& s) {
    std::string best;
    size_t longest = 0;
    for (const Paper& p : s.catalogue.papers) {
        const auto it = s.derived.paper_index.find(p.id);
        if (p.links.empty() || it == s.derived.paper_index.end() ||
            s.derived.lists_of_paper[it->second].empty())
            continue;
        if (p.links[0].size() > longest) {
            longest = p.links[0].size();
            best = p.id;
        }
    }
    REQUIRE_FALSE(best.empty());
    return best;
}

TEST_CASE("phone: the paper pane fits 320 and 390 CSS px; its chips and buttons are touch-sized") {
    for (const float w : {320.0f, 390.0f}) {
        INFO(w << " CSS px wide");
        UiApp app;
        app.SetDisplay(w, kPhoneH, kPhoneDpr);
        app.Start();
        AppState& s = app.s;
        REQUIRE(s.ui.one_pane);
        const std::string paper = PaperWithLinks(s);
        s.intents.push_back(intent::SelectPaper{paper});
        s.intents.push_back(intent::SetStatus{{paper}, Status::Reading});
        s.intents.push_back(intent::SetStatus{{paper}, Status::Read});
        s.intents.push_back(intent::ShowPane{Pane::Paper});
        app.Frames(3);
        REQUIRE(s.ui.pane == Pane::Paper);
        REQUIRE(s.ui.cursor == paper);
        const auto fits = [&](const std::string& name, float min_h) {
            INFO(name);
            REQUIRE(app.Has(name));
            const Probe::Rect r = app.Rect(name);
            CHECK(r.x >= 0.0f);
            CHECK(r.x + r.w <= w + 0.5f);
            CHECK(r.w > 0.0f);
            CHECK(r.h >= min_h);
        };
        for (const char* st : {"unread", "queued", "reading", "read", "skipped"})
            fits(std::string("detail-status:") + st, 44.0f);
        fits("changes", 1.0f); // "(2 changes)"
        fits("priority", 24.0f);
        fits("tags", 24.0f);
        fits("note-editor", 24.0f);
        const Paper* p = s.catalogue.FindPaper(paper);
        for (size_t i = 0; i < p->links.size(); ++i) {
            fits("link:" + std::to_string(i), 44.0f);
            fits("link-url:" + std::to_string(i), 1.0f); // wrapped, not cut
        }
        fits("appears:0", 44.0f);
        fits("appears-where:0", 1.0f);
    }
}

TEST_CASE("phone: the priority combo is as wide as its longest choice") {
    UiApp app;
    app.SetDisplay(kPhoneW, kPhoneH, kPhoneDpr);
    app.Start();
    AppState& s = app.s;
    s.intents.push_back(intent::SelectPaper{PaperWithLinks(s)});
    s.intents.push_back(intent::ShowPane{Pane::Paper});
    app.Frames(3);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float text = ImGui::CalcTextSize("no priority").x / kPhoneDpr;
    // The label, the padding before it and the arrow button (a frame-tall square, 44 px).
    CHECK(app.Rect("priority").w >= text + st.FramePadding.x / kPhoneDpr + 44.0f);
}

TEST_CASE("phone: titles wrap in the one-pane list instead of being cut") {
    UiApp app;
    app.SetDisplay(kPhoneW, kPhoneH, kPhoneDpr);
    app.Start();
    AppState& s = app.s;
    app.s.intents.push_back(intent::SelectList{""}); // all papers: some titles are long
    app.Frames(2);
    const float line = app.FontPx() / kPhoneDpr; // CSS px
    int wrapped = 0;
    for (const std::string& id : s.ui.visible_papers) {
        const Paper* p = s.catalogue.FindPaper(id);
        REQUIRE(p);
        const Probe::Rect title = app.Rect("title:" + id), row = app.Rect("row:" + id);
        INFO(p->title);
        CHECK(title.x + title.w <= row.x + row.w); // inside its row, never cut at the edge
        CHECK(title.y + title.h <= row.y + row.h);
        const float one_line = ImGui::CalcTextSize(p->title.c_str()).x / kPhoneDpr;
        if (one_line > row.w) {
            CHECK(title.h >= line * 1.9f); // two lines or more
            ++wrapped;
        }
    }
    CHECK(wrapped >= 1);
}

TEST_CASE("text size: the View menu's setting scales the font, is kept, and is read at start") {
    {
        UiApp app;
        app.Start();
        CHECK(app.s.ui.text_size_percent == 100);
        CHECK(ImGui::GetFontSize() == doctest::Approx(13.0f));
        app.Click("menu-view");
        app.Click("text-size:150");
        CHECK(app.s.ui.text_size_percent == 150);
        CHECK(Setting("text-size") == "150");
        app.Frames(2);
        CHECK(app.FontPx() == doctest::Approx(std::round(13.0f * 1.5f)));
        CHECK(ImGui::GetFontSize() == doctest::Approx(std::round(13.0f * 1.5f)));
        CHECK_FALSE(app.s.ui.one_pane); // 1280 px is still wide enough at 150%
    }
    {
        UiApp app; // the next visit
        platform::SetSetting("text-size", "150");
        app.Start();
        CHECK(app.s.ui.text_size_percent == 150);
        CHECK(ImGui::GetFontSize() == doctest::Approx(std::round(13.0f * 1.5f)));
    }
    {
        UiApp app; // a value edited by hand is not used
        platform::SetSetting("text-size", "900");
        app.Start();
        CHECK(app.s.ui.text_size_percent == 100);
    }
}

TEST_CASE("text size: 200% text in a 1024 px window switches to one pane, 100% switches back") {
    UiApp app;
    app.SetDisplay(1024, 768, 1);
    app.Start();
    CHECK_FALSE(app.s.ui.one_pane);
    app.s.intents.push_back(intent::SetTextSize{200});
    app.Frames(3);
    CHECK(app.s.ui.one_pane);
    CHECK(app.Has("menu"));
    app.s.intents.push_back(intent::SetTextSize{100});
    app.Frames(3);
    CHECK_FALSE(app.s.ui.one_pane);
    CHECK(app.Has("papers-table"));
}

TEST_CASE("zoom: 200% browser zoom of 1280x800 (640x400 CSS px at pixel ratio 2) reflows to one pane") {
    UiApp app;
    app.SetDisplay(640, 400, 2);
    app.Start();
    CHECK(app.s.ui.one_pane);
    app.Click("list:" + app.s.catalogue.lists.at(0).id); // the one in view
    CheckOnScreen(app, "save-state", 640, 400);
    const std::string paper = app.s.ui.visible_papers.at(0);
    CHECK(app.Rect("title:" + paper).w > 150.0f); // room for the title, not a few characters
}

} // namespace shelfmark
