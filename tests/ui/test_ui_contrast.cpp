// Contrast of the palette (WCAG 2.1 1.4.3: 4.5:1 for text), computed from the colours the
// app really draws with, in both themes: the status chips (coloured text on a chip, the
// chosen chip filled with its colour), secondary text, and status counts.
#include <doctest/doctest.h>

#include "app/widgets.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
using uitest::UiApp;

constexpr double kText = 4.5;

TEST_CASE("contrast: the ratio itself") {
    CHECK(ContrastRatio(ImVec4(1, 1, 1, 1), ImVec4(0, 0, 0, 1)) == doctest::Approx(21.0));
    CHECK(ContrastRatio(ImVec4(0.4667f, 0.4667f, 0.4667f, 1), ImVec4(1, 1, 1, 1)) ==
          doctest::Approx(4.48).epsilon(0.01)); // #777 on white
    // Alpha is composited: half-transparent black over white is mid grey.
    CHECK(ContrastRatio(ImVec4(0, 0, 0, 0.5f), ImVec4(1, 1, 1, 1)) == doctest::Approx(4.0).epsilon(0.05));
}

TEST_CASE("contrast: status chips, secondary text and counts reach 4.5:1 in both themes") {
    UiApp app;
    for (const Theme theme : {Theme::Dark, Theme::Light}) {
        app.s.ui.theme = theme;
        ApplyTheme(app.s, 1.0f);
        const bool dark = theme == Theme::Dark;
        const ImVec4* c = ImGui::GetStyle().Colors;
        const ImVec4 win = c[ImGuiCol_WindowBg];
        CAPTURE(dark);
        for (int i = 0; i < kStatusCount; ++i) {
            const Status st = static_cast<Status>(i);
            CAPTURE(StatusName(st));
            const ImVec4 text = StatusColor(st, dark);
            for (const ImGuiCol chip : {ImGuiCol_Button, ImGuiCol_ButtonHovered, ImGuiCol_ButtonActive}) {
                CAPTURE(chip);
                CHECK(ContrastRatio(text, c[chip], win) >= kText);
            }
            CHECK(ContrastRatio(StatusFillText(dark), text, win) >= kText); // the chosen chip
            // The table's chip: tinted with the status's colour (plain, hovered, pressed); its
            // name and mark in that colour, the read mark's tick in the tint.
            for (int state = 0; state < 3; ++state) {
                CAPTURE(state);
                CHECK(ContrastRatio(text, StatusChipBg(st, dark, state), win) >= kText);
            }
            CHECK(ContrastRatio(text, win, win) >= kText);                 // counts in the sidebar
            CHECK(ContrastRatio(text, c[ImGuiCol_PopupBg], win) >= kText); // the status menu
        }
        CHECK(ContrastRatio(c[ImGuiCol_Text], win, win) >= kText);
        // Menus and popups are opaque (the Help menu showed the table through it).
        CHECK(c[ImGuiCol_PopupBg].w == 1.0f);
        for (const ImGuiCol bg : {ImGuiCol_WindowBg, ImGuiCol_MenuBarBg, ImGuiCol_PopupBg}) {
            CAPTURE(bg);
            CHECK(ContrastRatio(c[ImGuiCol_TextDisabled], c[bg], win) >= kText);
        }
    }
}

// Issue 13: an unticked task box in a note was nearly invisible (its frame fill alone:
// 1.3:1 on the dark pane). Its outline reaches 3:1 (non-text contrast) against the pane
// and against the box's own fill, in both themes.
TEST_CASE("contrast: a Markdown task box's outline reaches 3:1 in both themes") {
    UiApp app;
    for (const Theme theme : {Theme::Dark, Theme::Light}) {
        app.s.ui.theme = theme;
        ApplyTheme(app.s, 1.0f);
        const bool dark = theme == Theme::Dark;
        const ImVec4* c = ImGui::GetStyle().Colors;
        const ImVec4 win = c[ImGuiCol_WindowBg];
        CAPTURE(dark);
        CHECK(ContrastRatio(c[ImGuiCol_FrameBg], win, win) < 3.0); // the fill alone does not do
        for (const ImGuiCol bg :
             {ImGuiCol_WindowBg, ImGuiCol_ChildBg, ImGuiCol_FrameBg, ImGuiCol_FrameBgHovered}) {
            CAPTURE(bg);
            CHECK(ContrastRatio(TaskBoxOutline(dark), c[bg], win) >= 3.0);
        }
    }
}

TEST_CASE("contrast: warnings, errors and the default button reach 4.5:1 in both themes") {
    UiApp app;
    for (const Theme theme : {Theme::Dark, Theme::Light}) {
        app.s.ui.theme = theme;
        ApplyTheme(app.s, 1.0f);
        const bool dark = theme == Theme::Dark;
        const ImVec4* c = ImGui::GetStyle().Colors;
        const ImVec4 win = c[ImGuiCol_WindowBg];
        CAPTURE(dark);
        // Banners and panels (window), "Not saved" (menu bar), the import dialog (popup),
        // the detail pane's notices (a child window over the window).
        for (const ImGuiCol bg :
             {ImGuiCol_WindowBg, ImGuiCol_MenuBarBg, ImGuiCol_PopupBg, ImGuiCol_ChildBg}) {
            CAPTURE(bg);
            CHECK(ContrastRatio(WarningColor(dark), c[bg], win) >= kText);
            CHECK(ContrastRatio(ErrorColor(dark), c[bg], win) >= kText);
        }
        // Warning and error differ from the normal text and from each other (not only by
        // lightness: they are hues), so they read as warnings.
        CHECK(WarningColor(dark).x != WarningColor(dark).z);
        CHECK(ErrorColor(dark).x > ErrorColor(dark).y);
        // The default button of a dialog: its label on its fill, plain and hovered; its
        // frame (the text colour) at least 3:1 on the dialog (WCAG 1.4.11).
        for (const bool hovered : {false, true}) {
            CAPTURE(hovered);
            CHECK(ContrastRatio(StatusFillText(dark), DefaultButtonFill(dark, hovered), win) >= kText);
        }
        CHECK(ContrastRatio(c[ImGuiCol_Text], c[ImGuiCol_PopupBg], win) >= 3.0);
    }
}

} // namespace
} // namespace shelfmark
