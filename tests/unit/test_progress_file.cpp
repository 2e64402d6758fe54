#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>

#include "core/json_limits.h"
#include "core/progress_file.h"
#include "core/progress_store.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::Contains;
using shelfmark::testing::ReadAll;
using shelfmark::testing::TempDir;
using shelfmark::testing::TinyCatalogue;
using shelfmark::testing::WriteAll;

namespace {

constexpr int64_t kT = 1700000000000; // 2023-11-14T22:13:20Z

const std::string kGoldenDir = SHELFMARK_SEEDS_DIR "/../golden";
const std::string kMalformedDir = SHELFMARK_SEEDS_DIR "/../malformed";

// A user with a bit of everything.
void Fill(Progress& p, UserData& u) {
    p.SetStatus("tvm", Status::Reading, kT);
    p.SetStatus("tvm", Status::Read, kT + 10);
    p.SetNote("tvm", "# TVM\n\n- [x] §2 \"tensor expressions\"\n\xE4\xB8\xAD\xE6\x96\x87", kT + 20);
    p.SetTags("tvm", {"compilers", "gpu"}, kT + 30);
    p.SetPriority("tvm", 3, kT + 40);
    p.SetStatus("gpipe", Status::Queued, kT + 50);
    p.SetStatus("a-paper-from-elsewhere", Status::Skipped, kT + 60);
    UserPaper up;
    up.paper.id = "u-mine";
    up.paper.title = "My paper, with \"quotes\"";
    up.paper.links = {"https://example.org/mine.pdf"};
    up.updated_at = kT + 70;
    u.papers.emplace(up.paper.id, up);
    UserList ul;
    ul.list.id = "u-list";
    ul.list.title = "Mine";
    ul.list.sections = {{"Week 1", "", {{"tvm", "required"}, {"u-mine", "optional"}}}};
    ul.updated_at = kT + 80;
    u.lists.emplace(ul.list.id, ul);
    (void)p.TakeDirty();
}

ProgressFile Parse(const std::string& text) {
    ProgressFileError err;
    std::optional<ProgressFile> f = ParseProgressFile(text, &err);
    INFO(err.ToString());
    REQUIRE(f.has_value());
    return *f;
}

std::string Export(const Progress& p, const UserData& u) { return ExportProgressFile(p, u, kT, "test"); }

// Applies a file's text to a state (merge) and returns the state's export.
std::string MergeText(Progress p, UserData u, const std::string& text) {
    ApplyImport(p, u, Parse(text), ImportMode::Merge);
    return Export(p, u);
}

PaperProgress Rec(const std::string& paper, Status s, int64_t at, const std::string& note = "",
                  int64_t note_at = 0) {
    PaperProgress r;
    r.paper = paper;
    r.status = s;
    r.status_at = at;
    r.history = {{s, at}};
    r.note = note;
    r.note_at = note_at;
    return r;
}

} // namespace

TEST_CASE("progress file: ISO 8601 times format and parse") {
    CHECK(FormatIsoUtc(0) == "1970-01-01T00:00:00Z");
    CHECK(FormatIsoUtc(kT) == "2023-11-14T22:13:20Z");
    CHECK(FormatIsoUtc(951782400000) == "2000-02-29T00:00:00Z");
    CHECK(ParseIsoUtc("2023-11-14T22:13:20Z") == kT);
    CHECK(ParseIsoUtc("2023-11-14T22:13:20.5Z") == kT + 500);
    CHECK(ParseIsoUtc("2000-02-29T00:00:00Z") == 951782400000);
    CHECK_FALSE(ParseIsoUtc("2001-02-29T00:00:00Z"));
    CHECK_FALSE(ParseIsoUtc("2023-11-14 22:13:20Z"));
    CHECK_FALSE(ParseIsoUtc("2023-11-14T22:13:20+01:00"));
    CHECK_FALSE(ParseIsoUtc("2023-13-01T00:00:00Z"));
    CHECK_FALSE(ParseIsoUtc(""));
    CHECK(ProgressFileName(kT) == "shelfmark-progress-2023-11-14.json");
}

TEST_CASE("progress file: the export is deterministic, sorted, one paper per line") {
    Progress p;
    UserData u;
    Fill(p, u);
    const std::string text = Export(p, u);
    CHECK(text.rfind(
              "{\n  \"format\": \"shelfmark-progress\",\n  \"version\": 1,\n"
              "  \"exportedAt\": \"2023-11-14T22:13:20Z\",\n  \"appVersion\": \"test\",\n  \"papers\": [\n",
              0) == 0);
    const auto a = text.find("{\"paper\":\"a-paper-from-elsewhere\"");
    const auto g = text.find("{\"paper\":\"gpipe\"");
    const auto t = text.find("{\"paper\":\"tvm\"");
    REQUIRE(a != std::string::npos);
    CHECK(a < g);
    CHECK(g < t);
    // Each record is one line: no newline between a record's start and its end.
    CHECK(text.find('\n', t) > text.find("\"priorityAt\"", t));
    CHECK(text == Export(p, u));
    CHECK(text.back() == '\n');
}

TEST_CASE("progress file: export -> import into an empty store -> export is byte-identical") {
    Progress p;
    UserData u;
    Fill(p, u);
    const std::string first = Export(p, u);
    Progress empty;
    UserData empty_user;
    const ProgressFile f = Parse(first);
    const ImportPreview pv = PreviewImport(empty, empty_user, f, ImportMode::Merge, nullptr);
    CHECK(pv.papers_new == 3);
    CHECK(pv.papers_changed == 3);
    CHECK(pv.notes_added == 1);
    CHECK(pv.conflicts == 0);
    CHECK(pv.lists_new == 1);
    CHECK(pv.user_papers_new == 1);
    CHECK(ApplyImport(empty, empty_user, f, ImportMode::Merge));
    CHECK(Export(empty, empty_user) == first);
    CHECK(empty.TakeDirty() == std::vector<std::string>{"a-paper-from-elsewhere", "gpipe", "tvm"});
    // And through Replace as well.
    Progress replaced;
    UserData replaced_user;
    ApplyImport(replaced, replaced_user, f, ImportMode::Replace);
    CHECK(Export(replaced, replaced_user) == first);
}

TEST_CASE("progress file: merge is idempotent") {
    Progress p;
    UserData u;
    Fill(p, u);
    const std::string text = Export(p, u);
    const ProgressFile f = Parse(text);
    Progress q = p;
    UserData qu = u;
    CHECK_FALSE(ApplyImport(q, qu, f, ImportMode::Merge)); // merging yourself changes nothing
    CHECK(Export(q, qu) == text);
    CHECK_FALSE(q.HasDirty());
    const ImportPreview pv = PreviewImport(p, u, f, ImportMode::Merge, nullptr);
    CHECK(pv.papers_changed == 0);
    CHECK(pv.papers_unchanged == 3);
    CHECK_FALSE(pv.ChangesAnything());
}

TEST_CASE("progress file: disjoint edits on two devices commute") {
    Progress base;
    UserData user;
    Fill(base, user);
    Progress laptop = base, tablet = base;
    UserData laptop_user = user, tablet_user = user;
    laptop.SetNote("gpipe", "read on the train", kT + 1000);
    laptop.SetStatus("how-to-read", Status::Read, kT + 1001);
    tablet.SetStatus("tvm", Status::Skipped, kT + 2000);
    tablet.SetTags("gpipe", {"pipeline"}, kT + 2001);
    UserPaper extra;
    extra.paper.id = "u-tablet";
    extra.paper.title = "From the tablet";
    extra.updated_at = kT + 2002;
    MergeUserPaper(tablet_user, extra);

    const std::string a = MergeText(laptop, laptop_user, Export(tablet, tablet_user));
    const std::string b = MergeText(tablet, tablet_user, Export(laptop, laptop_user));
    CHECK(a == b);
    const ProgressFile merged = Parse(a);
    const auto find = [&](const std::string& id) {
        for (const PaperProgress& r : merged.papers)
            if (r.paper == id) return r;
        FAIL("missing " << id);
        return PaperProgress{};
    };
    CHECK(find("gpipe").note == "read on the train");
    CHECK(find("gpipe").tags == std::vector<std::string>{"pipeline"});
    CHECK(find("tvm").status == Status::Skipped);
    CHECK(find("how-to-read").status == Status::Read);
    CHECK(merged.user.papers.count("u-tablet") == 1);
}

TEST_CASE("progress file: per field the newer timestamp wins; conflicts are counted") {
    Progress local;
    local.MergeStored(Rec("tvm", Status::Read, 500, "local note", 100));
    Progress remote;
    remote.MergeStored(Rec("tvm", Status::Reading, 300, "remote note", 900));
    remote.MergeStored(Rec("gpipe", Status::Queued, 50, "new note", 60));
    const ProgressFile f = Parse(Export(remote, {}));
    const ImportPreview pv = PreviewImport(local, {}, f, ImportMode::Merge, nullptr);
    CHECK(pv.papers_new == 1);
    CHECK(pv.papers_changed == 2);
    CHECK(pv.notes_added == 1);
    CHECK(pv.notes_changed == 1);
    CHECK(pv.conflicts == 2); // status and note of tvm
    REQUIRE(pv.conflict_list.size() == 2);
    CHECK(pv.conflict_list[0].field == "status");
    CHECK_FALSE(pv.conflict_list[0].file_wins);
    CHECK(pv.conflict_list[1].field == "note");
    CHECK(pv.conflict_list[1].file_wins);
    UserData user;
    ApplyImport(local, user, f, ImportMode::Merge);
    CHECK(local.Find("tvm")->status == Status::Read); // local 500 > file 300
    CHECK(local.Find("tvm")->note == "remote note");  // file 900 > local 100
    CHECK(local.Find("tvm")->history.size() == 2);    // histories are united
}

TEST_CASE("progress file: ids unknown to the catalogue are reported and kept; aliases resolve") {
    const Catalogue cat = TinyCatalogue();
    REQUIRE(cat.FindPaper("tvm"));
    Progress remote;
    remote.MergeStored(Rec("not-in-this-catalogue", Status::Read, 10));
    remote.MergeStored(Rec("tvm-osdi18", Status::Reading, 20)); // an old id of tvm
    ProgressFile f = Parse(Export(remote, {}));
    CanonicalizePaperIds(f, cat);
    Progress local;
    UserData user;
    const ImportPreview pv = PreviewImport(local, user, f, ImportMode::Merge, &cat);
    CHECK(pv.unknown_papers == std::vector<std::string>{"not-in-this-catalogue"});
    ApplyImport(local, user, f, ImportMode::Merge);
    CHECK(local.StatusOf("not-in-this-catalogue") == Status::Read);
    CHECK(local.StatusOf("tvm") == Status::Reading);
    CHECK(local.Find("tvm-osdi18") == nullptr);
    // They survive the next export and import too.
    const std::string again = Export(local, user);
    CHECK(Contains(again, "\"paper\":\"not-in-this-catalogue\""));
}

TEST_CASE("progress file: replace makes the local state equal to the file and counts removals") {
    Progress local;
    UserData user;
    Fill(local, user);
    Progress remote;
    remote.MergeStored(Rec("gpipe", Status::Read, 5));
    const ProgressFile f = Parse(Export(remote, {}));
    const ImportPreview pv = PreviewImport(local, user, f, ImportMode::Replace, nullptr);
    CHECK(pv.papers_removed == 2);
    CHECK(pv.papers_changed == 1);
    CHECK(pv.lists_removed == 1);
    CHECK(pv.user_papers_removed == 1);
    CHECK(pv.notes_changed == 1); // tvm's note goes away
    CHECK(ApplyImport(local, user, f, ImportMode::Replace));
    CHECK(Export(local, user) == Export(remote, {}));
    CHECK(local.TakeDirty() == std::vector<std::string>{"a-paper-from-elsewhere", "gpipe", "tvm"});
}

TEST_CASE("progress file: error locations are lines and JSON pointers") {
    const std::string text = "{\n  \"a\": [1,\n    {\"b\": \"x\"}],\n  \"c~/d\": 2\n}";
    auto line_of = [&](const char* ptr) {
        size_t line = 0, col = 0;
        JsonLineColumn(text, LocateJsonPointer(text, ptr), &line, &col);
        return line;
    };
    CHECK(line_of("") == 1);
    CHECK(line_of("/a") == 2);
    CHECK(line_of("/a/1/b") == 3);
    CHECK(line_of("/c~0~1d") == 4);
    CHECK(line_of("/a/7") == 2); // missing: the nearest enclosing value
    CHECK(line_of("/zzz") == 1);
}

TEST_CASE("progress file: every golden file keeps importing") {
    size_t seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kGoldenDir)) {
        if (entry.path().extension() != ".json") continue;
        ++seen;
        INFO(entry.path().string());
        const std::string text = ReadAll(entry.path());
        const ProgressFile f = Parse(text);
        CHECK(f.version >= 1);
        CHECK(f.version <= kProgressFileVersion);
        CHECK_FALSE(f.papers.empty());
    }
    CHECK(seen >= 1);
}

TEST_CASE("progress file: golden v1 has the documented content and is the writer's exact output") {
    const std::string text = ReadAll(kGoldenDir + "/progress-v1.json");
    const ProgressFile f = Parse(text);
    CHECK(f.version == 1);
    CHECK(f.exported_at == "2023-11-14T22:25:00Z");
    CHECK(f.app_version == "0.1.0");
    REQUIRE(f.papers.size() == 4);
    const PaperProgress& gpipe = f.papers[0];
    CHECK(gpipe.paper == "gpipe");
    CHECK(gpipe.status == Status::Reading);
    REQUIRE(gpipe.history.size() == 2);
    CHECK(gpipe.history[0].status == Status::Queued);
    CHECK(Contains(gpipe.note, "\xE4\xB8\xAD\xE6\x96\x87"));
    CHECK(gpipe.tags == std::vector<std::string>{"pipeline", "training"});
    CHECK(gpipe.priority == 2);
    CHECK(f.papers[1].paper == "paper-from-a-newer-catalogue");
    CHECK(f.papers[2].note == "Tensor expressions \xE2\x86\x92 schedules; see \"AutoTVM\".");
    REQUIRE(f.user.lists.count("u-reading-group"));
    const ReadingList& l = f.user.lists.at("u-reading-group").list;
    CHECK(l.term == "Autumn 2023");
    REQUIRE(l.sections.size() == 2);
    CHECK(l.sections[0].entries[1].role == "optional");
    REQUIRE(f.user.papers.count("u-my-notes-paper"));
    CHECK(f.user.papers.at("u-my-notes-paper").paper.title == "My \"notes\" paper");
    // Data without version-2 features is still written as version 1, byte for byte.
    static_assert(kProgressFileVersion == 2, "add progress-vN.json for a new version");
    CHECK(ExportProgressFile(f, *ParseIsoUtc(f.exported_at), f.app_version) == text);
    // And it imports into a store through the CLI's code path.
    const Catalogue cat = TinyCatalogue();
    TempDir dir;
    StoreImportOptions opt;
    opt.catalogue = &cat;
    opt.now_ms = kT;
    StoreImportReport rep;
    REQUIRE_MESSAGE(ImportIntoStore(dir / "store.json", text, opt, &rep), rep.error);
    CHECK(rep.preview.unknown_papers == std::vector<std::string>{"paper-from-a-newer-catalogue"});
}

TEST_CASE("progress file: golden v2 (note copies, quarantine) has the documented content and is the writer's "
          "exact output") {
    const std::string text = ReadAll(kGoldenDir + "/progress-v2.json");
    const ProgressFile f = Parse(text);
    CHECK(f.version == 2);
    CHECK(f.exported_at == "2026-11-29T05:00:00Z");
    CHECK(f.app_version == "0.2.0");
    REQUIRE(f.papers.size() == 2);
    const PaperProgress& gpipe = f.papers[0];
    CHECK(gpipe.paper == "gpipe");
    CHECK(gpipe.status == Status::Reading);
    CHECK(gpipe.note == "# GPipe\n\n- [x] \xC2\xA7"
                        "3 micro-batches\n- \xEA\xB0\x80\xEB\x82\x98\xEB\x8B\xA4 from the desktop");
    CHECK(gpipe.note_at == 1764392000000);
    REQUIRE(gpipe.note_copies.size() == 2);
    CHECK(gpipe.note_copies[0].at == 1764391000000);
    CHECK(gpipe.note_copies[0].text == "# GPipe\n\n- [x] \xC2\xA7"
                                       "3 micro-batches\n- \xE4\xB8\xAD\xE6\x96\x87 notes from the laptop");
    CHECK_FALSE(gpipe.note_copies[0].dismissed);
    CHECK(gpipe.note_copies[1].at == 1764391500000);
    CHECK(gpipe.note_copies[1].text == "an older draft, \"dismissed\"");
    CHECK(gpipe.note_copies[1].dismissed);
    CHECK(f.papers[1].paper == "tvm");
    CHECK(f.papers[1].note_copies.empty());
    REQUIRE(f.user.lists.count("u-reading-group"));
    CHECK(f.user.lists.at("u-reading-group").list.sections.at(0).entries.at(1).paper ==
          "paper-from-a-newer-build");
    CHECK(f.user.papers.empty());
    REQUIRE(f.quarantine.size() == 2);
    const QuarantinedRecord& q0 = f.quarantine[0];
    CHECK(q0.key == "paper-from-a-newer-build");
    CHECK(q0.reason == "unknown status \"archived\" (expected unread, queued, reading, read or skipped)");
    CHECK(q0.record ==
          "{\"paper\":\"paper-from-a-newer-build\",\"status\":\"archived\",\"statusAt\":1764000000000,"
          "\"note\":\"kept by a newer Shelfmark: "
          "\xE4\xB8\xAD\xE6\x96\x87\",\"noteAt\":1764000000000,\"shelf\":\"attic\"}");
    // This build cannot read it (a status it does not know), but can salvage its note.
    CHECK_FALSE(ProgressRecordFromJson(q0.record, nullptr).has_value());
    const auto salvaged = SalvageProgressRecord(q0.record, q0.key);
    REQUIRE(salvaged.has_value());
    CHECK(salvaged->note == "kept by a newer Shelfmark: \xE4\xB8\xAD\xE6\x96\x87");
    CHECK(f.quarantine[1].key == "user/list:u-old-list");
    CHECK(f.quarantine[1].record == "{\"id\":\"u-old-list\",\"title\":\"cut off\n");
    // The writer reproduces the file byte for byte.
    CHECK(ExportProgressFile(f, *ParseIsoUtc(f.exported_at), f.app_version) == text);
    // Imported, the copies and the quarantined records arrive; exported again, the same bytes.
    Progress p;
    UserData u;
    CHECK(PreviewImport(p, u, f, ImportMode::Merge, nullptr).quarantined_new == 2);
    CHECK(ApplyImport(p, u, f, ImportMode::Merge));
    CHECK(p.Quarantined().size() == 2);
    REQUIRE(p.Find("gpipe") != nullptr);
    CHECK(p.Find("gpipe")->note_copies == gpipe.note_copies);
    CHECK(ExportProgressFile(p, u, *ParseIsoUtc(f.exported_at), f.app_version) == text);
}

TEST_CASE("progress file: each malformed file is rejected with its message and the store stays unchanged") {
    // name -> expected substrings
    std::map<std::string, std::vector<std::string>> expected;
    {
        std::ifstream in(kMalformedDir + "/EXPECTED.tsv");
        std::string line;
        while (std::getline(in, line)) {
            if (line.empty() || line[0] == '#') continue;
            const auto tab = line.find('\t');
            REQUIRE(tab != std::string::npos);
            expected[line.substr(0, tab)].push_back(line.substr(tab + 1));
        }
    }
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(kMalformedDir)) {
        const std::string name = entry.path().filename().string();
        if (name == "EXPECTED.tsv" || name == "README.md") continue;
        ++files;
        CHECK_MESSAGE(expected.count(name) == 1, name << " has no row in EXPECTED.tsv");
    }
    CHECK(files >= 30);
    CHECK(expected.size() == files);

    const Catalogue cat = TinyCatalogue();
    TempDir dir;
    const std::string store = dir / "store.json";
    Progress p;
    UserData u;
    Fill(p, u);
    WriteAll(store, Export(p, u));
    const std::string before = ReadAll(store);
    for (const auto& row : expected) {
        const std::string& name = row.first;
        const std::vector<std::string>& needles = row.second;
        const std::string text = ReadAll(kMalformedDir + "/" + name);
        for (ImportMode mode : {ImportMode::Merge, ImportMode::Replace}) {
            StoreImportOptions opt;
            opt.mode = mode;
            opt.catalogue = &cat;
            opt.now_ms = kT + 1;
            StoreImportReport rep;
            const bool ok = ImportIntoStore(store, text, opt, &rep);
            INFO(name << ": " << rep.error);
            CHECK_FALSE(ok);
            for (const std::string& needle : needles)
                CHECK_MESSAGE(Contains(rep.error, needle), needle);
            CHECK(ReadAll(store) == before);
            CHECK(rep.backup_path.empty());
        }
    }
    CHECK(dir.Files() == std::vector<std::string>{"store.json"}); // no temp or backup files left
}

TEST_CASE("progress file: limits too large to keep as files are rejected with a message") {
    const std::string head = "{\n  \"format\": \"shelfmark-progress\",\n  \"version\": 1,\n"
                             "  \"exportedAt\": \"2026-01-31T12:00:00Z\",\n  \"appVersion\": \"0.1.0\",\n"
                             "  \"papers\": [\n    ";
    const std::string tail = "\n  ]\n}\n";
    auto error_of = [](const std::string& text) {
        ProgressFileError err;
        CHECK_FALSE(ParseProgressFile(text, &err).has_value());
        return err.ToString();
    };
    SUBCASE("a file over 32 MB") {
        std::string big = head + "{\"paper\":\"x\",\"status\":\"read\",\"statusAt\":1,\"note\":\"";
        big.append(kMaxProgressFileBytes, 'a');
        big += "\"}" + tail;
        CHECK(Contains(error_of(big), "file too large"));
    }
    SUBCASE("a string over the raw string limit") {
        const std::string big = head + "{\"paper\":\"x\",\"status\":\"read\",\"statusAt\":1,\"note\":\"" +
                                std::string(kMaxQuarantineRecordBytes * 2 + 100, 'a') + "\"}" + tail;
        CHECK(Contains(error_of(big), "string longer than the limit"));
    }
    SUBCASE("a note over the note limit") {
        const std::string big = head + "{\"paper\":\"x\",\"status\":\"read\",\"statusAt\":1,\"note\":\"" +
                                std::string(kMaxNoteBytes + 1, 'a') + "\"}" + tail;
        const std::string e = error_of(big);
        CHECK(Contains(e, "(/papers/0/note): \"note\" is longer than the limit of 262144 bytes"));
        CHECK(Contains(e, "line 7"));
    }
    SUBCASE("history over the limit") {
        std::string h;
        for (size_t i = 0; i <= kMaxHistory; ++i)
            h += (i ? ",[\"read\"," : "[\"read\",") + std::to_string(i + 1) + "]";
        const std::string big =
            head + "{\"paper\":\"x\",\"status\":\"read\",\"statusAt\":1,\"history\":[" + h + "]}" + tail;
        CHECK(Contains(error_of(big), "\"history\" has more than 1000 entries"));
    }
}

TEST_CASE("progress store: replace writes a backup first; merge and dry runs do not") {
    const Catalogue cat = TinyCatalogue();
    TempDir dir;
    const std::string store = dir / "store.json";
    Progress p;
    UserData u;
    Fill(p, u);
    WriteAll(store, Export(p, u));
    const std::string before = ReadAll(store);

    Progress other;
    other.MergeStored(Rec("gpipe", Status::Read, kT + 5000));
    const std::string file = Export(other, {});

    StoreImportOptions opt;
    opt.catalogue = &cat;
    opt.now_ms = kT + 9000;
    opt.dry_run = true;
    StoreImportReport dry;
    REQUIRE(ImportIntoStore(store, file, opt, &dry));
    CHECK(dry.preview.papers_changed == 1);
    CHECK(ReadAll(store) == before);

    opt.dry_run = false;
    opt.mode = ImportMode::Replace;
    StoreImportReport rep;
    REQUIRE_MESSAGE(ImportIntoStore(store, file, opt, &rep), rep.error);
    CHECK(rep.changed);
    CHECK(rep.backup_path == dir / "store.backup-20231114T221329Z.json");
    CHECK(ReadAll(rep.backup_path) == before); // the backup is the old store, byte for byte
    std::optional<Store> after = LoadStore(store, nullptr);
    REQUIRE(after);
    CHECK(after->progress.Records().size() == 1);
    CHECK(after->progress.StatusOf("gpipe") == Status::Read);
    CHECK(after->user.Empty());

    // Merging the same file again changes nothing and rewrites nothing.
    const std::string replaced = ReadAll(store);
    opt.mode = ImportMode::Merge;
    opt.now_ms += 1000;
    StoreImportReport again;
    REQUIRE(ImportIntoStore(store, file, opt, &again));
    CHECK_FALSE(again.changed);
    CHECK(ReadAll(store) == replaced);
}

TEST_CASE("progress store: a missing store is empty, a damaged one is refused and left alone") {
    TempDir dir;
    std::string err;
    std::optional<Store> s = LoadStore(dir / "none.json", &err);
    REQUIRE(s);
    CHECK_FALSE(s->existed);
    WriteAll(dir / "bad.json", "{\"format\": \"shelfmark-progress\", \"version\": 1");
    CHECK_FALSE(LoadStore(dir / "bad.json", &err));
    CHECK(Contains(err, "is damaged"));
    StoreImportOptions opt;
    StoreImportReport rep;
    CHECK_FALSE(ImportIntoStore(dir / "bad.json", Export(Progress{}, {}), opt, &rep));
    CHECK(ReadAll(dir / "bad.json") == "{\"format\": \"shelfmark-progress\", \"version\": 1");
}

TEST_CASE("progress store: atomic write fails cleanly when the folder is missing") {
    TempDir dir;
    std::string err;
    CHECK_FALSE(WriteFileAtomic(dir / "no-such-folder/store.json", "x", &err));
    CHECK(Contains(err, "cannot create a temporary file"));
    CHECK(WriteFileAtomic(dir / "ok.json", "hello", &err));
    CHECK(ReadAll(dir / "ok.json") == "hello");
    CHECK(dir.Files() == std::vector<std::string>{"ok.json"});
    std::string out;
    CHECK_FALSE(ReadFileLimited(dir / "ok.json", 3, &out, &err));
    CHECK(Contains(err, "larger than the limit"));
    CHECK(ReadFileLimited(dir / "ok.json", 5, &out, &err));
    CHECK(out == "hello");
}
