// import_plan.h: one rule for what an imported file is, and each mode planned and applied.
// The app (transfer.cpp) and the CLI (ImportIntoStore) both go through it; the UI test
// tests/ui/test_ui_import.cpp checks the app side of the same table.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/import_plan.h"
#include "core/progress_store.h"
#include "core/utf8.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::Contains;
using shelfmark::testing::ReadAll;
using shelfmark::testing::TempDir;
using shelfmark::testing::TinyCatalogue;
using shelfmark::testing::WriteAll;

namespace {

constexpr int64_t kT = 1700000000000; // 2023-11-14T22:13:20Z
const std::string kMalformedDir = SHELFMARK_SEEDS_DIR "/../malformed";

std::string Utf16(const std::string& ascii, bool big_endian, bool bom) {
    std::string out;
    if (bom) out = big_endian ? "\xFE\xFF" : "\xFF\xFE";
    for (char c : ascii) {
        if (big_endian) out += '\0';
        out += c;
        if (!big_endian) out += '\0';
    }
    return out;
}

// A progress file with gpipe read and one list of the user's.
std::string ProgressFileText() {
    Progress p;
    p.SetStatus("gpipe", Status::Read, kT - 1000);
    p.SetNote("gpipe", "pipelines", kT - 900);
    UserData u;
    UserList ul;
    ul.list.id = "u-from-file";
    ul.list.title = "From the file";
    ul.list.sections = {{"Week 1", "", {{"gpipe", "required"}}}};
    ul.updated_at = kT - 800;
    u.lists.emplace(ul.list.id, ul);
    return ExportProgressFile(p, u, kT, "test");
}

const std::string kChecklist = "# Course\n\n"
                               "- [x] [GPipe](https://proceedings.neurips.cc/paper/2019/file/"
                               "093f65e080a295f8076b1c5722a46aa2-Paper.pdf)\n"
                               "- [ ] How to Read a Paper\n";
const std::string kReadingList = "# My reading\n\n## Compilers\n\n"
                                 "- [TVM](https://arxiv.org/abs/1802.04799)\n"
                                 "- A Paper Nobody Has Catalogued\n";

struct Case {
    const char* what;
    std::string text;
    ImportFormat format;
    const char* error; // part of PlanImport's error, "" when the file is usable
};

std::vector<Case> DetectionTable() {
    const std::string json = ProgressFileText();
    return {
        {"no bytes", "", ImportFormat::Empty, "the file is empty"},
        {"whitespace only", " \n\t\r\n  \f", ImportFormat::Empty, "the file is empty"},
        {"a UTF-8 BOM only", "\xEF\xBB\xBF", ImportFormat::Empty, "the file is empty"},
        {"a UTF-8 BOM and blank lines", "\xEF\xBB\xBF\n\n", ImportFormat::Empty, "the file is empty"},
        {"tests/malformed/empty.json", ReadAll(kMalformedDir + "/empty.json"), ImportFormat::Empty, "empty"},
        {"tests/malformed/whitespace-only.json", ReadAll(kMalformedDir + "/whitespace-only.json"),
         ImportFormat::Empty, "empty"},
        {"UTF-16 LE with BOM (JSON)", Utf16(json, false, true), ImportFormat::Utf16, "UTF-16"},
        {"UTF-16 BE with BOM (JSON)", Utf16(json, true, true), ImportFormat::Utf16, "UTF-16"},
        {"UTF-16 LE without BOM (JSON)", Utf16(json, false, false), ImportFormat::Utf16, "UTF-16"},
        {"UTF-16 BE without BOM (JSON)", Utf16(json, true, false), ImportFormat::Utf16, "UTF-16"},
        {"UTF-16 LE with BOM (Markdown)", Utf16(kChecklist, false, true), ImportFormat::Utf16, "UTF-16"},
        {"UTF-16 LE without BOM (Markdown)", Utf16(kChecklist, false, false), ImportFormat::Utf16, "UTF-16"},
        {"UTF-16 BE without BOM (Markdown)", Utf16(kChecklist, true, false), ImportFormat::Utf16, "UTF-16"},
        {"tests/malformed/utf16.json", ReadAll(kMalformedDir + "/utf16.json"), ImportFormat::Utf16, "UTF-16"},
        {"tests/malformed/utf16be-no-bom.json", ReadAll(kMalformedDir + "/utf16be-no-bom.json"),
         ImportFormat::Utf16, "UTF-16"},
        {"a progress file", json, ImportFormat::Json, ""},
        {"a progress file after a BOM", "\xEF\xBB\xBF" + json, ImportFormat::Json, ""},
        {"a progress file after whitespace", "\n\n   \t" + json, ImportFormat::Json, ""},
        {"a progress file after two BOMs", "\xEF\xBB\xBF\xEF\xBB\xBF" + json, ImportFormat::Json,
         "two byte order marks"},
        {"a progress file with a NUL inside", json.substr(0, 20) + '\0' + json.substr(20), ImportFormat::Json,
         "NUL byte"},
        {"JSON, not a progress file (object)", "{\"hello\": 1}", ImportFormat::Json, "format"},
        {"JSON, not a progress file (array)", "  [1, 2, 3]\n", ImportFormat::Json, "object"},
        {"a Markdown checklist", kChecklist, ImportFormat::Markdown, ""},
        {"a Markdown checklist after a BOM", "\xEF\xBB\xBF" + kChecklist, ImportFormat::Markdown, ""},
        {"a Markdown reading list", kReadingList, ImportFormat::Markdown, ""},
        {"Markdown with no list", "# Notes\n\nJust a paragraph.\n", ImportFormat::Markdown,
         "not usable Markdown"},
        {"binary garbage (a PNG header)",
         std::string("\x89PNG\r\n\x1A\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06", 26), ImportFormat::NotText,
         "not text"},
        {"binary garbage (a stray NUL)", std::string("- [x] GPipe\n\0 and more\n", 23), ImportFormat::NotText,
         "not text (a NUL byte at byte 12)"},
    };
}

} // namespace

TEST_CASE("import plan: one rule tells what a file is, and the CLI refuses what the app refuses") {
    const Catalogue cat = TinyCatalogue();
    TempDir dir;
    for (const Case& c : DetectionTable()) {
        CAPTURE(c.what);
        CHECK(DetectImportFormat(c.text) == c.format);
        const ImportPlan plan = PlanImport(c.text, "file.txt", Progress{}, UserData{}, &cat, kT);
        CHECK(plan.format == c.format);
        if (*c.error) {
            CHECK(Contains(plan.error, c.error));
        } else {
            CHECK(plan.error.empty());
        }
        // The CLI's `progress import` on the same file: the same verdict, the same words.
        StoreImportOptions opt;
        opt.catalogue = &cat;
        opt.now_ms = kT;
        opt.dry_run = true;
        opt.mode = c.format == ImportFormat::Markdown ? ImportMode::ChecklistProgress : ImportMode::Merge;
        StoreImportReport rep;
        const bool ok = ImportIntoStore(dir / "store.json", c.text, opt, &rep);
        if (!plan.error.empty()) {
            CHECK_FALSE(ok);
            CHECK(rep.error == plan.error);
        }
        CHECK(rep.plan.format == c.format);
    }
}

TEST_CASE("import plan: a progress file offers merge and replace, Markdown the other two") {
    const Catalogue cat = TinyCatalogue();
    const ImportPlan json = PlanImport(ProgressFileText(), "f.json", Progress{}, UserData{}, &cat, kT);
    CHECK(json.Offers(ImportMode::Merge));
    CHECK(json.Offers(ImportMode::Replace));
    CHECK(json.WhyNot(ImportMode::ChecklistProgress) == "this is a progress file, not a Markdown checklist");
    CHECK_FALSE(json.Offers(ImportMode::NewList));
    CHECK_FALSE(json.Offers(static_cast<ImportMode>(9)));

    const ImportPlan checklist = PlanImport(kChecklist, "c.md", Progress{}, UserData{}, &cat, kT);
    CHECK(checklist.WhyNot(ImportMode::Merge) == "this is Markdown, not a Shelfmark progress file");
    CHECK(checklist.Offers(ImportMode::ChecklistProgress));
    CHECK(checklist.Offers(ImportMode::NewList)); // a checklist is a list too

    const ImportPlan list = PlanImport(kReadingList, "l.md", Progress{}, UserData{}, &cat, kT);
    CHECK(Contains(list.WhyNot(ImportMode::ChecklistProgress), "Markdown checklist: no checklist items"));
    CHECK(list.Offers(ImportMode::NewList));
}

TEST_CASE("import plan: merge and replace preview, then apply, a progress file") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    progress.SetStatus("tvm", Status::Reading, kT - 5000);
    UserData user;
    UserList mine;
    mine.list.id = "u-mine";
    mine.list.title = "Mine";
    mine.updated_at = kT - 4000;
    user.lists.emplace(mine.list.id, mine);
    (void)progress.TakeDirty();

    const ImportPlan plan = PlanImport(ProgressFileText(), "f.json", progress, user, &cat, kT);
    REQUIRE(plan.error.empty());
    CHECK(plan.merge.papers_changed == 1);
    CHECK(plan.merge.notes_added == 1);
    CHECK(plan.merge.lists_new == 1);
    CHECK(plan.replace.papers_removed == 1);
    CHECK(plan.replace.lists_removed == 1);

    SUBCASE("merge") {
        const ImportOutcome out = ApplyPlan(plan, ImportMode::Merge, progress, user, kT);
        CHECK(out.applied);
        CHECK(out.changed);
        CHECK(
            out.summary ==
            "Merged f.json: 1 paper changed (1 new), 1 note added, your lists: 1 new, 0 changed, 0 removed.");
        CHECK(out.user_keys == std::set<std::string>{"list:u-from-file"});
        CHECK(progress.StatusOf("tvm") == Status::Reading);
        CHECK(progress.StatusOf("gpipe") == Status::Read);
        CHECK(user.lists.size() == 2);
        // Merging the same plan again changes nothing.
        CHECK_FALSE(ApplyPlan(plan, ImportMode::Merge, progress, user, kT).changed);
    }
    SUBCASE("replace") {
        const ImportOutcome out = ApplyPlan(plan, ImportMode::Replace, progress, user, kT);
        CHECK(out.changed);
        CHECK(Contains(out.summary, "Replaced with f.json: 1 paper changed (1 new), 1 paper cleared"));
        CHECK(out.user_keys == std::set<std::string>{"list:u-from-file", "list:u-mine"});
        CHECK(progress.Find("tvm") == nullptr);
        CHECK(progress.StatusOf("gpipe") == Status::Read);
        CHECK(user.lists.size() == 1);
    }
    SUBCASE("a mode the file does not offer changes nothing") {
        const ImportOutcome out = ApplyPlan(plan, ImportMode::NewList, progress, user, kT);
        CHECK_FALSE(out.applied);
        CHECK_FALSE(out.changed);
        CHECK(user.lists.size() == 1);
        CHECK_FALSE(progress.HasDirty());
    }
}

TEST_CASE("import plan: a Markdown checklist as progress, a Markdown list as a new list") {
    const Catalogue cat = TinyCatalogue();
    Progress progress;
    UserData user;

    const ImportPlan checklist = PlanImport(kChecklist, "week.md", progress, user, &cat, kT);
    REQUIRE(checklist.checklist);
    CHECK(checklist.checklist_preview.items == 2);
    CHECK(checklist.checklist_preview.will_mark_read == 1);
    ImportOutcome out = ApplyPlan(checklist, ImportMode::ChecklistProgress, progress, user, kT);
    CHECK(out.changed);
    CHECK(out.user_keys.empty());
    CHECK(out.summary == "Marked 1 paper as read from week.md."); // not "1 papers"
    CHECK(progress.StatusOf("gpipe") == Status::Read);
    CHECK(progress.StatusOf("how-to-read") == Status::Unread);

    const ImportPlan list = PlanImport(kReadingList, "dir/reading.md", progress, user, &cat, kT);
    REQUIRE(list.reading_list);
    CHECK(list.reading_list->matched == 1);
    CHECK(list.reading_list->unmatched == 1);
    out = ApplyPlan(list, ImportMode::NewList, progress, user, kT);
    CHECK(out.changed);
    REQUIRE(user.lists.size() == 1);
    CHECK(out.list_id == user.lists.begin()->first);
    CHECK(out.user_keys.count("list:" + out.list_id));
    CHECK(out.user_keys.size() == 2); // the list and the paper made for the unmatched item
    CHECK(out.summary == "Added the list \"My reading\" (1 matched, 1 new paper).");

    // Without a title the list is named after the file.
    const ImportPlan untitled = PlanImport("- GPipe\n", "some/dir/Week 3.md", progress, user, &cat, kT);
    REQUIRE(untitled.reading_list);
    CHECK(untitled.reading_list->list.list.title == "Week 3");
}

TEST_CASE("import plan: the CLI applies the Markdown modes to its store") {
    const Catalogue cat = TinyCatalogue();
    TempDir dir;
    const std::string store = dir / "store.json";
    StoreImportOptions opt;
    opt.catalogue = &cat;
    opt.now_ms = kT;
    opt.mode = ImportMode::ChecklistProgress;
    opt.file_name = "week.md";
    StoreImportReport rep;
    REQUIRE_MESSAGE(ImportIntoStore(store, kChecklist, opt, &rep), rep.error);
    CHECK(rep.changed);
    std::optional<Store> s = LoadStore(store, nullptr);
    REQUIRE(s);
    CHECK(s->progress.StatusOf("gpipe") == Status::Read);

    opt.mode = ImportMode::NewList;
    opt.dry_run = true;
    const std::string before = ReadAll(store);
    StoreImportReport dry;
    REQUIRE(ImportIntoStore(store, kReadingList, opt, &dry));
    CHECK_FALSE(dry.changed);
    CHECK(dry.plan.reading_list);
    CHECK(ReadAll(store) == before);

    opt.dry_run = false;
    StoreImportReport saved;
    REQUIRE(ImportIntoStore(store, kReadingList, opt, &saved));
    CHECK(saved.changed);
    s = LoadStore(store, nullptr);
    REQUIRE(s);
    CHECK(s->user.lists.size() == 1);

    opt.catalogue = nullptr;
    StoreImportReport no_catalogue;
    CHECK_FALSE(ImportIntoStore(store, kChecklist, opt, &no_catalogue));
    CHECK(Contains(no_catalogue.error, "catalogue"));
}

TEST_CASE("import plan: a new list from Markdown with control characters exports and reads back") {
    // Found by tests/fuzz/fuzz_import.cpp: titles taken from the Markdown (or the file
    // name) kept control characters and invalid UTF-8, which the progress file refuses
    // (or writes as U+FFFD, past the size limit): the list saved but its export did not
    // read back.
    const Catalogue cat = TinyCatalogue();
    const std::string long_bad(kMaxUserTitleBytes - 10, '\xFF');
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"the fuzzer's",
         std::string("- GPipe\n- \x01 \xC3\x9Cn \xE2[X]\x80\x94 more\n  - nested [x](http://x.y)\n")},
        {"a heading", "# My \x02list\n\n## Week\x7F 1\n\n- Some \x03 Paper \x04 Nobody Has\n"},
        {"a long invalid title", "# T\n\n- " + long_bad + "\n"},
        {"only control characters", "# T\n\n- \x05\x06\n  - \x07\n"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.first);
        const std::string& text = c.second;
        for (const std::string file : {"dir/list.md", "dir/bad\x01name\xC3.md"}) {
            Progress progress;
            UserData user;
            const ImportPlan plan = PlanImport(text, file, progress, user, &cat, kT);
            REQUIRE_MESSAGE(plan.Offers(ImportMode::NewList), plan.WhyNot(ImportMode::NewList));
            REQUIRE(ApplyPlan(plan, ImportMode::NewList, progress, user, kT).changed);
            const std::string out = ExportProgressFile(progress, user, kT, "test");
            ProgressFileError err;
            const std::optional<ProgressFile> back = ParseProgressFile(out, &err);
            REQUIRE_MESSAGE(back, err.ToString());
            CHECK(back->user == user); // nothing replaced on the way out
        }
    }
    // A file name without a title names the list, cleaned the same way.
    const ImportPlan untitled =
        PlanImport("- A\x01Paper\n", "x/Week\x01\x02 3.md", Progress{}, UserData{}, &cat, kT);
    REQUIRE(untitled.reading_list);
    CHECK(untitled.reading_list->list.list.title == "Week 3");
    REQUIRE(untitled.reading_list->new_papers.size() == 1);
    CHECK(untitled.reading_list->new_papers[0].paper.title == "A Paper");
}

TEST_CASE("import plan: a JSON syntax error stopped inside a character is still valid UTF-8") {
    // Found by tests/fuzz/fuzz_import.cpp: nlohmann's "last read" token ends where it
    // stopped reading, here after the first byte of a byte order mark, and the message
    // quoted it: invalid UTF-8 in the error shown to the user.
    const std::string text = "{\"format\": \"shelfmark-progress\"\xEF\xBB\xBF, \"version\": 1}";
    const ImportPlan plan = PlanImport(text, "f.json", Progress{}, UserData{}, nullptr, kT);
    CHECK(plan.format == ImportFormat::Json);
    CHECK(Contains(plan.error, "not valid JSON"));
    CHECK(utf8::IsValid(plan.error));
    CHECK(Contains(plan.error, "\xEF\xBF\xBD")); // U+FFFD for the byte it stopped after
    ProgressFileError err;
    CHECK_FALSE(ParseProgressFile(text, &err));
    CHECK(utf8::IsValid(err.ToString()));
}

// ------------------------------------------------------------------ issue 14: choosing items

namespace {

// Two items with one unmatched title make one new paper; so do two items titled "Paper".
const std::string kDuplicates = "# Dupes\n\n## Week 1\n\n"
                                "- A Paper Nobody Has Catalogued\n"
                                "- [Paper](https://example.org/a.pdf)\n\n"
                                "## Week 2\n\n"
                                "- A Paper Nobody Has Catalogued\n"
                                "- [TVM](https://arxiv.org/abs/1802.04799)\n"
                                "- [Paper](https://example.org/b.pdf)\n";

// What ApplyPlan(NewList) did, counted from the user's data afterwards.
struct Applied {
    size_t new_papers = 0, entries = 0, matched = 0, sections = 0;
};
Applied ApplyNewList(const ImportPlan& plan, const Catalogue& cat) {
    Progress progress;
    UserData user;
    const ImportOutcome out = ApplyPlan(plan, ImportMode::NewList, progress, user, kT);
    Applied a;
    if (!out.applied) return a;
    a.new_papers = user.papers.size();
    const UserList& l = user.lists.at(out.list_id);
    a.sections = l.list.sections.size();
    for (const Section& s : l.list.sections)
        for (const Entry& e : s.entries) {
            ++a.entries;
            if (cat.FindPaper(e.paper)) ++a.matched;
        }
    CHECK(out.new_papers == a.new_papers);
    CHECK(out.matched == a.matched);
    return a;
}

} // namespace

TEST_CASE("import plan: the preview counts the new papers applying makes, not the unmatched items") {
    // Issue 14: the dialog announced one new paper per unmatched item ("4 become new
    // papers") while applying made one per distinct title (2): 39 announced, 18 created.
    const Catalogue cat = TinyCatalogue();
    const ImportPlan plan = PlanImport(kDuplicates, "dupes.md", Progress{}, UserData{}, &cat, kT);
    REQUIRE(plan.reading_list);
    REQUIRE(plan.reading_list->items.size() == 5);
    CHECK(plan.item_counts.items == 5);
    CHECK(plan.item_counts.excluded == 0);
    CHECK(plan.item_counts.matched == 1);
    CHECK(plan.item_counts.new_papers == 2);
    CHECK(plan.item_counts.sections == 2);
    CHECK(NewListPreviewLine(plan) == "As a new list \"Dupes\": 2 sections, 1 matched, 2 new papers.");
    CHECK(ItemSelectionLine(plan.item_counts) == "5 items \xC2\xB7 2 new papers \xC2\xB7 1 matched");

    const Applied a = ApplyNewList(plan, cat);
    CHECK(a.new_papers == plan.item_counts.new_papers);
    CHECK(a.matched == plan.item_counts.matched);
    CHECK(a.sections == plan.item_counts.sections);
    CHECK(a.entries == 5);
    Progress progress;
    UserData user;
    CHECK(ApplyPlan(plan, ImportMode::NewList, progress, user, kT).summary ==
          "Added the list \"Dupes\" (1 matched, 2 new papers).");
}

TEST_CASE("import plan: the preview lists items by section, with the paper each matched") {
    const Catalogue cat = TinyCatalogue();
    const ImportPlan plan = PlanImport(kDuplicates, "dupes.md", Progress{}, UserData{}, &cat, kT);
    REQUIRE(plan.item_sections.size() == 2);
    CHECK(plan.item_sections[0].title == "Week 1");
    CHECK(plan.item_sections[0].first == 0);
    CHECK(plan.item_sections[0].count == 2);
    CHECK(plan.item_sections[1].title == "Week 2");
    CHECK(plan.item_sections[1].first == 2);
    CHECK(plan.item_sections[1].count == 3);
    REQUIRE(plan.item_info.size() == 5);
    CHECK(plan.item_info[3].section == 1);
    CHECK(plan.item_info[3].new_paper == -1);
    CHECK(plan.item_info[3].matched_title ==
          "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning");
    CHECK(plan.item_info[0].new_paper >= 0);
    CHECK(plan.item_info[2].new_paper == plan.item_info[0].new_paper); // one paper for both
    CHECK(plan.item_info[0].matched_title.empty());
}

TEST_CASE("import plan: excluded items and sections are left out, and the counts say what applying does") {
    const Catalogue cat = TinyCatalogue();
    ImportPlan plan = PlanImport(kDuplicates, "dupes.md", Progress{}, UserData{}, &cat, kT);
    REQUIRE(plan.excluded.size() == 5);

    SUBCASE("a section") {
        SetItemsExcluded(plan, 2, 3, true, Progress{});
        CHECK(plan.item_sections[1].excluded == 3);
        CHECK(plan.item_counts.excluded == 3);
        CHECK(plan.item_counts.matched == 0);
        CHECK(plan.item_counts.new_papers == 2);
        CHECK(plan.item_counts.sections == 1);
        CHECK(ItemSelectionLine(plan.item_counts) ==
              "3 of 5 items excluded \xC2\xB7 2 new papers \xC2\xB7 0 matched");
        const Applied a = ApplyNewList(plan, cat);
        CHECK(a.sections == 1);
        CHECK(a.entries == 2);
        CHECK(a.new_papers == 2);
    }
    SUBCASE("an item whose paper another included item still names") {
        SetItemsExcluded(plan, 0, 1, true, Progress{}); // week 1's "A Paper Nobody..."
        CHECK(plan.item_counts.new_papers == 2);        // week 2 names it too
        const Applied a = ApplyNewList(plan, cat);
        CHECK(a.new_papers == 2);
        CHECK(a.entries == 4);
        CHECK(a.sections == 2);
    }
    SUBCASE("both items of a paper") {
        SetItemsExcluded(plan, 0, 1, true, Progress{});
        SetItemsExcluded(plan, 2, 1, true, Progress{});
        CHECK(plan.item_counts.new_papers == 1);
        CHECK(plan.item_counts.excluded == 2);
        const Applied a = ApplyNewList(plan, cat);
        CHECK(a.new_papers == 1);
        CHECK(a.entries == 3);
    }
    SUBCASE("included again") {
        SetItemsExcluded(plan, 0, 5, true, Progress{});
        SetItemsExcluded(plan, 1, 2, false, Progress{});
        CHECK(plan.item_counts.excluded == 3);
        CHECK(plan.item_sections[0].excluded == 1);
        CHECK(plan.item_sections[1].excluded == 2);
        const Applied a = ApplyNewList(plan, cat);
        CHECK(a.entries == 2);
        CHECK(a.new_papers == 2);
    }
    SUBCASE("a range past the end is cut to the items") {
        SetItemsExcluded(plan, 4, 1000, true, Progress{});
        CHECK(plan.item_counts.excluded == 1);
        SetItemsExcluded(plan, 9, 1, true, Progress{});
        CHECK(plan.item_counts.excluded == 1);
    }
    SUBCASE("everything: nothing to add, and nothing is changed") {
        SetItemsExcluded(plan, 0, 5, true, Progress{});
        CHECK_FALSE(plan.Offers(ImportMode::NewList));
        CHECK(plan.WhyNot(ImportMode::NewList) == "every item is excluded");
        Progress progress;
        UserData user;
        CHECK_FALSE(ApplyPlan(plan, ImportMode::NewList, progress, user, kT).applied);
        CHECK(user.lists.empty());
        CHECK(user.papers.empty());
    }
}

TEST_CASE("import plan: for every selection of a larger list, the counts are what applying does") {
    // Sections of papers with repeated titles, catalogue hits and new ones mixed.
    const Catalogue cat = TinyCatalogue();
    std::string md = "# Many\n\n";
    for (int s = 0; s < 6; ++s) {
        md += "## Part " + std::to_string(s) + "\n\n";
        for (int i = 0; i < 7; ++i) {
            const int k = (s * 7 + i) % 11;
            if (k == 0)
                md += "- [TVM](https://arxiv.org/abs/1802.04799)\n";
            else if (k == 1)
                md += "- GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism\n";
            else
                md += "- Uncatalogued paper number " + std::to_string(k % 5) + "\n";
        }
        md += "\n";
    }
    ImportPlan plan = PlanImport(md, "many.md", Progress{}, UserData{}, &cat, kT);
    REQUIRE(plan.item_counts.items == 42);
    uint32_t seed = 12345;
    for (int round = 0; round < 40; ++round) {
        CAPTURE(round);
        seed = seed * 1103515245u + 12345u;
        const size_t first = (seed >> 8) % 42, count = 1 + (seed >> 16) % 9;
        SetItemsExcluded(plan, first, count, (seed >> 4) % 3 != 0, Progress{});
        if (!plan.Offers(ImportMode::NewList)) continue;
        const Applied a = ApplyNewList(plan, cat);
        CHECK(a.new_papers == plan.item_counts.new_papers);
        CHECK(a.matched == plan.item_counts.matched);
        CHECK(a.sections == plan.item_counts.sections);
        CHECK(a.entries == plan.item_counts.items - plan.item_counts.excluded);
    }
}

TEST_CASE("import plan: a checklist applies only its included ticked items") {
    const Catalogue cat = TinyCatalogue();
    const std::string md = "# Course\n\n- [x] GPipe\n- [x] [TVM](https://arxiv.org/abs/1802.04799)\n"
                           "- [ ] How to Read a Paper\n";
    ImportPlan plan = PlanImport(md, "week.md", Progress{}, UserData{}, &cat, kT);
    REQUIRE(plan.checklist);
    REQUIRE(plan.reading_list); // the preview lists the reading list's items
    CHECK(plan.checklist_preview.will_mark_read == 2);
    Progress progress;
    SetItemsExcluded(plan, 0, 1, true, progress);
    CHECK(plan.checklist_preview.will_mark_read == 1);
    CHECK(plan.checklist_preview.items == 2);
    UserData user;
    const ImportOutcome out = ApplyPlan(plan, ImportMode::ChecklistProgress, progress, user, kT);
    CHECK(out.marked_read == 1);
    CHECK(progress.StatusOf("gpipe") == Status::Unread);
    CHECK(progress.StatusOf("tvm") == Status::Read);
    SetItemsExcluded(plan, 0, 3, true, progress);
    CHECK_FALSE(plan.Offers(ImportMode::ChecklistProgress));
}

TEST_CASE("import plan: the selection survives planning the same file again") {
    const Catalogue cat = TinyCatalogue();
    ImportPlan plan = PlanImport(kDuplicates, "dupes.md", Progress{}, UserData{}, &cat, kT);
    SetItemsExcluded(plan, 3, 2, true, Progress{});
    ImportPlan again = PlanImport(kDuplicates, "dupes.md", Progress{}, UserData{}, &cat, kT);
    KeepSelection(again, plan.excluded, Progress{});
    CHECK(again.item_counts.excluded == 2);
    CHECK(again.Excluded(3));
    CHECK(again.Excluded(4));
    ImportPlan other = PlanImport(kReadingList, "r.md", Progress{}, UserData{}, &cat, kT);
    KeepSelection(other, plan.excluded, Progress{}); // another number of items: dropped
    CHECK(other.item_counts.excluded == 0);
}

TEST_CASE("import plan: an item's metadata in one line, UTF-8 kept") {
    MarkdownItem item;
    CHECK(ItemMetadataLine(item).empty());
    item.cite.authors = {"Jeffrey Dean", "Greg Corrado", "Rajat Monga", "Kai Chen"};
    item.cite.venue = "NeurIPS";
    item.cite.year = 2012;
    item.cite.arxiv = "1802.04799";
    item.cite.doi = "10.1145/3341301.3359630";
    item.cite.links = {{"https://a.example/p.pdf", "paper"},
                       {"https://github.com/x/y", "code"},
                       {"https://b.example/q.pdf", "paper"}};
    CHECK(ItemMetadataLine(item) ==
          "Jeffrey Dean, Greg Corrado, Rajat Monga et al. \xC2\xB7 NeurIPS 2012 \xC2\xB7 "
          "arXiv:1802.04799 \xC2\xB7 doi:10.1145/3341301.3359630 \xC2\xB7 links: paper, code");
    MarkdownItem korean;
    korean.cite.authors = {"김철수"};
    korean.cite.year = 2023;
    CHECK(ItemMetadataLine(korean) == "김철수 \xC2\xB7 2023");
    CHECK(utf8::IsValid(ItemMetadataLine(korean)));
}
