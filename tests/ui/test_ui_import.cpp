// The app's import dialog and the CLI's `progress import` read a file the same way
// (import_plan.h): what one refuses the other refuses, in the same words. Before the
// shared plan, a blank or UTF-16 file was "not usable Markdown" in the app and "empty" or
// "not UTF-8" in the CLI.
#include <doctest/doctest.h>

#include <string>

#include "../unit/progress_test_support.h"
#include "core/progress_store.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
using shelfmark::testing::Contains;
using shelfmark::testing::TempDir;
using uitest::UiApp;
namespace native = platform::native;

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
        const Catalogue bundled = BundledCatalogue(app.s);
        opt.catalogue = &bundled;
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

// Issue 13: the preview said one count of changed papers, the notice after Merge another,
// for the same file. The plan was made once, when the file was opened, and the notice
// repeated the plan's numbers: when the data changed while the dialog was open (here the
// stored progress finishing its load; as well another window or the mirror), both were
// wrong. Now the plan follows the data and the notice counts what applying did, with the
// code the preview counts with (CountImportChanges).
TEST_CASE(
    "import: the preview and the notice after Merge count the same, even when the data changed between") {
    UiApp app;
    const int64_t t0 = native::kStartMs - 3600 * 1000;
    const std::string a = app.s.catalogue.papers[0].id, b = app.s.catalogue.papers[1].id,
                      c = app.s.catalogue.papers[2].id;
    Progress in_file;
    for (const std::string& id : {a, b, c})
        in_file.SetStatus(id, Status::Read, t0);
    const std::string text = ExportProgressFile(in_file, UserData{}, t0);
    native::PutStored(a, ProgressRecordToJson(*in_file.Find(a))); // paper a: as in the file
    native::HoldStorage(true);                                    // a slow browser
    app.Start();
    platform::PostPlatformEvent(platform::event::FileOpened{"progress.json", true, text});
    app.Frames(2);
    REQUIRE(app.s.import.open);
    CHECK(app.s.import.merge.papers_changed == 3); // nothing loaded yet: all three are new

    native::HoldStorage(false);
    native::DeliverStorage();
    app.Frames(2);
    REQUIRE(app.s.storage_loaded);
    REQUIRE(app.s.progress.Find(a));
    // Paper a is here now, as in the file: the preview says so (it said 3 before the fix).
    CHECK(app.s.import.merge.papers_changed == 2);
    CHECK(app.s.import.merge.papers_unchanged == 1);
    CHECK(ImportPreviewLines(app.s.import.merge)[0] ==
          "3 papers in the file: 2 would change (2 new here), 1 unchanged");

    const Progress before = app.s.progress;
    app.Click("import-" + std::to_string(static_cast<int>(ImportMode::Merge)));
    REQUIRE_FALSE(app.s.import.open);
    int changed = 0;
    for (const std::string& id : {a, b, c})
        changed += !before.Find(id) || !(*before.Find(id) == *app.s.progress.Find(id));
    CHECK(changed == 2);
    CHECK(Contains(app.s.notice, "Merged progress.json: 2 papers changed (2 new)")); // it said 3
}

// Every count the preview shows is what applying then does, for both modes, over states
// where the file and the data overlap in every way (same, older, newer, absent, notes).
TEST_CASE("import: every count of the preview is what applying does") {
    UiApp app;
    app.Start();
    const auto& papers = app.s.catalogue.papers;
    REQUIRE(papers.size() >= 8);
    const int64_t t0 = native::kStartMs - 86400 * 1000;
    Progress file_side;
    for (int i = 0; i < 6; ++i) {
        file_side.SetStatus(papers[i].id, static_cast<Status>(i % kStatusCount), t0 + i);
        if (i % 2) file_side.SetNote(papers[i].id, "from the file " + std::to_string(i), t0 + i);
    }
    const std::string text = ExportProgressFile(file_side, UserData{}, t0 + 100);
    for (const ImportMode mode : {ImportMode::Merge, ImportMode::Replace}) {
        CAPTURE(static_cast<int>(mode));
        UiApp fresh;
        fresh.Start();
        Progress& p = fresh.s.progress;
        p.SetStatus(papers[0].id, Status::Read, t0 - 10);    // older than the file
        p.SetStatus(papers[1].id, Status::Reading, t0 + 50); // newer
        p.SetNote(papers[1].id, "mine", t0 + 50);
        p.MergeImported(*file_side.Find(papers[2].id)); // the same
        p.SetNote(papers[6].id, "only here", t0);       // not in the file
        p.SetStatus(papers[7].id, Status::Queued, t0);
        Changed(fresh.s, change::Records{});
        fresh.Frames(1);
        OpenImportFile(fresh.s, "f.json", text, true);
        const ImportPreview pv = mode == ImportMode::Merge ? fresh.s.import.merge : fresh.s.import.replace;
        const Progress before = p;
        const ProgressFile file = *fresh.s.import.file;
        ApplyPendingImport(fresh.s, mode, platform::NowMs());
        const ImportPreview done = CountImportChanges(before, UserData{}, p, fresh.s.user, file, mode);
        CHECK(pv.papers_changed == done.papers_changed);
        CHECK(pv.papers_new == done.papers_new);
        CHECK(pv.papers_unchanged == done.papers_unchanged);
        CHECK(pv.papers_removed == done.papers_removed);
        CHECK(pv.notes_added == done.notes_added);
        CHECK(pv.notes_changed == done.notes_changed);
        CHECK(Contains(fresh.s.notice, ImportChangesText(pv)));
    }
}

} // namespace
} // namespace shelfmark
