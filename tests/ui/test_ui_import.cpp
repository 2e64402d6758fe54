// The app's import dialog and the CLI's `progress import` read a file the same way
// (import_plan.h): what one refuses the other refuses, in the same words. Before the
// shared plan, a blank or UTF-16 file was "not usable Markdown" in the app and "empty" or
// "not UTF-8" in the CLI.
#include <doctest/doctest.h>

#include <string>

#include "../unit/progress_test_support.h"
#include "core/progress_store.h"
#include "platform/platform.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
using shelfmark::testing::Contains;
using shelfmark::testing::TempDir;
using uitest::UiApp;

std::string Utf16Le(const std::string& ascii, bool bom) {
    std::string out = bom ? std::string("\xFF\xFE", 2) : std::string();
    for (char c : ascii) {
        out += c;
        out += '\0';
    }
    return out;
}

struct Case {
    const char* what;
    std::string text;
    const char* error; // part of the message both give
};

TEST_CASE("import: the app and the CLI refuse blank and UTF-16 files alike") {
    UiApp app;
    app.Start();
    TempDir dir;
    const Case cases[] = {
        {"no bytes", "", "the file is empty"},
        {"whitespace", " \n\t\r\n", "the file is empty"},
        {"a UTF-8 BOM and a newline", "\xEF\xBB\xBF\n", "the file is empty"},
        {"UTF-16 LE JSON with BOM", Utf16Le("{\"format\": \"shelfmark-progress\", \"version\": 1}", true),
         "UTF-16"},
        {"UTF-16 LE checklist with BOM", Utf16Le("- [x] GPipe\n", true), "UTF-16"},
        {"UTF-16 LE checklist without BOM", Utf16Le("- [x] GPipe\n", false), "UTF-16"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.what);
        OpenImportFile(app.s, "file.md", c.text, true);
        const std::string app_error = app.s.import.error;
        StoreImportOptions opt;
        opt.mode = ImportMode::ChecklistProgress;
        opt.catalogue = &app.s.bundled;
        opt.now_ms = 1700000000000;
        StoreImportReport rep;
        CHECK_FALSE(ImportIntoStore(dir / "store.json", c.text, opt, &rep));
        CHECK(Contains(app_error, c.error));
        CHECK(app_error == rep.error);
    }
}

TEST_CASE("import: the dialog's buttons apply the plan's modes") {
    UiApp app;
    app.Start();
    const std::string md = "# Week\n\n- [x] GPipe\n- [ ] A paper nobody catalogued\n";
    platform::PostPlatformEvent(platform::event::FileOpened{"week.md", true, md});
    app.Frames(2);
    REQUIRE(app.s.import.open);
    REQUIRE(app.s.import.checklist);
    REQUIRE(app.s.import.reading_list);
    app.Click("import-" + std::to_string(static_cast<int>(ImportMode::NewList)));
    CHECK_FALSE(app.s.import.open);
    REQUIRE(app.s.user.lists.size() == 1);
    CHECK(app.s.ui.list_id == app.s.user.lists.begin()->first);
    CHECK(Contains(app.s.notice, "Added the list \"Week\""));
}

} // namespace
} // namespace shelfmark
