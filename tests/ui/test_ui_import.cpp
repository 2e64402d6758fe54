// The app's import dialog and the CLI's `progress import` read a file the same way
// (import_plan.h): what one refuses the other refuses, in the same words. Before the
// shared plan, a blank or UTF-16 file was "not usable Markdown" in the app and "empty" or
// "not UTF-8" in the CLI.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "../unit/progress_test_support.h"
#include "app/mirror.h"
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

// ------------------------------------------------------------------ issue 14: the preview's items

namespace shelfmark {
namespace {

// Rows: 0 "Week 1", 1 GPipe, 2 "A paper nobody catalogued", 3 "Week 2", 4, 5.
const std::string kTwoWeeks = "# Course\n\n## Week 1\n\n- GPipe\n- A paper nobody catalogued\n\n"
                              "## Week 2\n\n- Another uncatalogued paper\n- 第三篇论文 (a Chinese title)\n";

void OpenFile(UiApp& app, const std::string& name, const std::string& text) {
    platform::PostPlatformEvent(platform::event::FileOpened{name, true, text});
    app.Frames(2);
    REQUIRE(app.s.import.open);
}

int RowProbes(const UiApp& app) {
    int n = 0;
    for (const auto& [name, rect] : app.s.probe.rects)
        if (name.rfind("import-row-", 0) == 0) ++n;
    return n;
}

} // namespace

TEST_CASE("import preview: items and sections are left out by keyboard, and Enter adds the rest") {
    UiApp app;
    app.Start();
    OpenFile(app, "course.md", kTwoWeeks);
    const PendingImport& im = app.s.import;
    REQUIRE(im.item_sections.size() == 2);
    CHECK(ImportRowCount(im) == 6);
    CHECK(im.cursor == 0);
    CHECK(app.Has("import-row-5"));
    CHECK(ItemSelectionLine(im.item_counts) == "4 items \xC2\xB7 3 new papers \xC2\xB7 1 matched");

    app.Press(ImGuiKey_DownArrow); // GPipe
    CHECK(im.cursor == 1);
    app.Press(ImGuiKey_Space);
    CHECK(im.Excluded(0));
    CHECK(im.item_counts.matched == 0);
    app.Press(ImGuiKey_Space); // back in
    CHECK_FALSE(im.Excluded(0));

    app.Press(ImGuiKey_DownArrow);
    app.Press(ImGuiKey_DownArrow); // Week 2's row
    CHECK(im.cursor == 3);
    app.Press(ImGuiKey_Space); // the whole section
    CHECK(im.item_sections[1].excluded == 2);
    CHECK(ItemSelectionLine(im.item_counts) ==
          "2 of 4 items excluded \xC2\xB7 1 new paper \xC2\xB7 1 matched");
    app.Press(ImGuiKey_DownArrow);
    app.Press(ImGuiKey_Space); // one item of it back: the section is partly in
    CHECK(im.item_sections[1].excluded == 1);
    app.Press(ImGuiKey_UpArrow);
    app.Press(ImGuiKey_Space); // a partly included section: all of it out
    CHECK(im.item_sections[1].excluded == 2);
    app.Press(ImGuiKey_End);
    CHECK(im.cursor == 5);
    app.Press(ImGuiKey_Home);
    CHECK(im.cursor == 0);

    app.Press(ImGuiKey_Enter); // the default: a new list (no task boxes), with week 1 only
    CHECK_FALSE(app.s.import.open);
    REQUIRE(app.s.user.lists.size() == 1);
    const ReadingList& l = app.s.user.lists.begin()->second.list;
    REQUIRE(l.sections.size() == 1);
    CHECK(l.sections[0].title == "Week 1");
    CHECK(l.sections[0].entries.size() == 2);
    CHECK(app.s.user.papers.size() == 1);
    CHECK(Contains(app.s.notice, "(1 matched, 1 new paper)"));
}

TEST_CASE("import preview: leaving every item out offers no new list, and Esc cancels") {
    UiApp app;
    app.Start();
    OpenFile(app, "course.md", kTwoWeeks);
    app.Press(ImGuiKey_Space); // week 1
    app.Press(ImGuiKey_End);
    app.Press(ImGuiKey_UpArrow);
    app.Press(ImGuiKey_UpArrow);
    app.Press(ImGuiKey_Space); // week 2
    CHECK(app.s.import.item_counts.excluded == 4);
    CHECK_FALSE(app.s.import.Offers(ImportMode::NewList));
    app.Press(ImGuiKey_Enter); // nothing to apply: the dialog stays
    CHECK(app.s.import.open);
    CHECK(app.s.user.lists.empty());
    app.Press(ImGuiKey_Escape);
    CHECK_FALSE(app.s.import.open);
    CHECK(app.s.user.lists.empty());
}

TEST_CASE("import preview: a selection made before the data changed is kept") {
    UiApp app;
    app.Start();
    OpenFile(app, "course.md", kTwoWeeks);
    app.Press(ImGuiKey_DownArrow);
    app.Press(ImGuiKey_Space);
    REQUIRE(app.s.import.Excluded(0));
    app.s.progress.SetStatus("gpipe", Status::Read, native::kStartMs); // another window, say
    Changed(app.s, change::Paper{"gpipe"}, Urgency::Now, native::kStartMs);
    app.Frames(2);
    CHECK(app.s.import.planned_for == app.s.stale.data); // planned again
    CHECK(app.s.import.Excluded(0));
    CHECK(app.s.import.item_counts.excluded == 1);
}

TEST_CASE(
    "import preview: 10,000 items draw only the rows in view; the mirror has the same rows near the cursor") {
    UiApp app;
    app.Start();
    std::string md = "# Big\n\n";
    for (int sec = 0; sec < 100; ++sec) {
        md += "## Part " + std::to_string(sec) + "\n\n";
        for (int i = 0; i < 100; ++i)
            md += "- T" + std::to_string(sec * 100 + i) + "\n"; // short: the Markdown limit is 128 KiB
        md += "\n";
    }
    OpenFile(app, "big.md", md);
    const PendingImport& im = app.s.import;
    REQUIRE_MESSAGE(im.error.empty(), im.error);
    REQUIRE(im.item_counts.items == 10000);
    CHECK(ImportRowCount(im) == 10100);
    CHECK(RowProbes(app) > 3);
    CHECK(RowProbes(app) < 60);
    app.Press(ImGuiKey_End);
    CHECK(im.cursor == 10099);
    CHECK(app.Has("import-row-10099")); // scrolled to it
    CHECK_FALSE(app.Has("import-row-0"));
    CHECK(RowProbes(app) < 60);
    app.Press(ImGuiKey_PageUp);
    CHECK(im.cursor < 10099);
    CHECK(app.Has("import-row-" + std::to_string(im.cursor)));

    // The mirror: the rows around the cursor, as checkboxes; its actions toggle the same way.
    const nlohmann::json m = nlohmann::json::parse(BuildMirror(app.s));
    const nlohmann::json& items = m["dialog"]["items"];
    CHECK(items["total"] == 10100);
    CHECK(items["rows"].size() <= 51);
    CHECK(items["summary"] == "10000 items \xC2\xB7 10000 new papers \xC2\xB7 0 matched");
    const int section99 = static_cast<int>(ImportRowOfSection(im, 99));
    REQUIRE(ApplyMirrorAction(app.s, nlohmann::json{{"do", "import-toggle"}, {"row", section99}}.dump()));
    app.Frames(1);
    CHECK(im.item_sections[99].excluded == 100);
    CHECK(im.cursor == static_cast<size_t>(section99));
    CHECK(im.item_counts.new_papers == 9900);
    const nlohmann::json m2 = nlohmann::json::parse(BuildMirror(app.s));
    bool found = false;
    for (const auto& r : m2["dialog"]["items"]["rows"])
        if (r["row"] == section99) {
            found = true;
            CHECK(r["kind"] == "section");
            CHECK(r["checked"] == false);
            CHECK(r["label"] == "Section: Part 99");
        }
    CHECK(found);
    CHECK_FALSE(ApplyMirrorAction(app.s, nlohmann::json{{"do", "import-toggle"}, {"row", 10100}}.dump()));
    CHECK_FALSE(ApplyMirrorAction(app.s, nlohmann::json{{"do", "import-toggle"}, {"row", -1}}.dump()));
}

TEST_CASE("import preview: at phone width the list and the buttons stay on screen") {
    UiApp app;
    app.SetDisplay(390, 844, 3);
    app.Start();
    OpenFile(app, "course.md", kTwoWeeks);
    app.Frames(2);
    const float w = ImGui::GetIO().DisplaySize.x;
    for (const char* name : {"import-items", "import-3", "import-cancel", "import-counts"}) {
        CAPTURE(name);
        const Probe::Rect r = app.Rect(name);
        CHECK(r.x >= 0);
        CHECK(r.x + r.w <= w);
    }
    app.Click("import-box-1"); // GPipe's checkbox, by touch
    CHECK(app.s.import.cursor == 1);
    CHECK(app.s.import.Excluded(0));
}

} // namespace shelfmark
