// Headless UI tests of issue 10's loss paths that live in the model and the saver:
//   1. a stored record this build cannot read is kept byte for byte through edits,
//      exports and imports, and its readable fields are shown;
//   2. timestamps at or past the documented maximum never produce a refused file;
//   3. one note edited in two windows: no typed text is dropped.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "core/progress_file.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::Mods;
using uitest::UiApp;

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::optional<PaperProgress> Stored(const std::string& paper) {
    std::string why;
    return ProgressRecordFromJson(native::StoredRecord(paper), &why);
}

// The quarantine store's copy of `key`'s record, or "" (the record text inside it).
std::string QuarantinedCopy(const std::string& key) {
    for (const auto& [k, v] : native::Stored()) {
        if (k.rfind("meta/quarantine:" + key + ":", 0) != 0) continue;
        const auto j = nlohmann::json::parse(v, nullptr, false);
        if (j.is_object() && j.contains("record")) return j["record"].get<std::string>();
    }
    return {};
}

std::string ExportNow(UiApp& app) {
    const int before = native::Page().downloads;
    app.Press(ImGuiKey_S, Mods{true, false});
    app.Frames(2);
    REQUIRE(native::Page().downloads == before + 1);
    return native::Page().download_text;
}

// The newest write of ours that committed (what another window has taken in by now).
int64_t LastCommittedBatch() {
    int64_t last = -1;
    for (const auto& w : native::Writes())
        if (w.ok) last = w.batch;
    return last;
}

// Another window of this browser committed `rec` (BroadcastChannel -> StorageChanged),
// having taken in our writes up to batch `seen` (-1: none).
void FromOtherWindow(UiApp& app, const PaperProgress& rec, int64_t seen) {
    native::PutStored(rec.paper, ProgressRecordToJson(rec));
    platform::PostPlatformEvent(platform::event::StorageChanged{rec.paper, ProgressRecordToJson(rec), seen});
    app.Frames(3);
}

const char* kNewerStatusRecord =
    R"({"paper":"%s","status":"archived","statusAt":1699000000000,"history":[["archived",1699000000000]],"note":"my words from a newer build","noteAt":1699000000000,"tags":["keep"],"tagsAt":1699000000000,"priority":2,"priorityAt":1699000000000,"shelf":"b"})";

std::string Fill(const char* pattern, const std::string& id) {
    std::string s = pattern;
    s.replace(s.find("%s"), 2, id);
    return s;
}
} // namespace

TEST_CASE("loss path 1: a record with a status from a newer version keeps its note, and survives an edit "
          "byte for byte") {
    UiApp app;
    app.Frames(2);
    const std::string id = app.s.ui.visible_papers.at(1);
    const std::string raw = Fill(kNewerStatusRecord, id);
    native::PutStored(id, raw);
    app.Start();
    // The readable fields are shown: the note is still the reader's note.
    const PaperProgress* rec = app.s.progress.Find(id);
    REQUIRE(rec);
    CHECK(rec->note == "my words from a newer build");
    CHECK(rec->tags == std::vector<std::string>{"keep"});
    CHECK(app.s.progress.HasQuarantined(id));
    // The copy goes aside at once; the paper's own record is untouched until edited.
    app.Frames(3);
    CHECK(QuarantinedCopy(id) == raw);
    CHECK(native::StoredRecord(id) == raw);

    // A status key on that paper: the new record keeps the note, the old one is kept aside.
    app.Click("row:" + id);
    app.Key('4');
    app.Frames(3);
    const auto now = Stored(id);
    REQUIRE(now);
    CHECK(now->status == Status::Read);
    CHECK(now->note == "my words from a newer build");
    CHECK(QuarantinedCopy(id) == raw);

    // Export carries it byte for byte; importing that file into a fresh store brings it back.
    const std::string file = ExportNow(app);
    ProgressFileError err;
    const auto parsed = ParseProgressFile(file, &err);
    REQUIRE_MESSAGE(parsed, err.ToString());
    CHECK(parsed->version == 2);
    REQUIRE(parsed->quarantine.size() == 1);
    CHECK(parsed->quarantine[0].record == raw);
    CHECK(parsed->quarantine[0].key == id);
    Progress fresh;
    UserData user;
    ApplyImport(fresh, user, *parsed, ImportMode::Merge);
    REQUIRE(fresh.Quarantined().size() == 1);
    CHECK(fresh.Quarantined().begin()->second.record == raw);
}

TEST_CASE(
    "loss path 1: each kind of unreadable record is kept, and never written over before it is saved aside") {
    UiApp app;
    app.Frames(2);
    const auto& v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 5);
    const std::vector<std::string> raws = {
        R"({"paper":")" + v[0] +
            R"(","status":"read","statusAt":99999999999999999,"note":"far future","noteAt":1})",
        R"({"paper":")" + v[1] + R"(","status":3,"note":"status is a number","noteAt":1699000000000})",
        R"({"paper":")" + v[2] + R"(","status":"read","statusAt":1,"tags":[")" + std::string(80, 't') +
            R"(","short"],"note":"long tag","noteAt":1699000000000})",
        R"("a plain string note")",
        R"({"paper":")" + v[4] +
            R"(","note":{"text":"wrong type"},"status":"queued","statusAt":1699000000000})",
    };
    for (size_t i = 0; i < raws.size(); ++i)
        native::PutStored(v[i], raws[i]);
    native::HoldStorage(true);
    app.Start();
    native::DeliverStorage();
    app.Frames(1); // loaded; the copies' write is held (not committed)
    for (size_t i = 0; i < raws.size(); ++i)
        CHECK(app.s.progress.HasQuarantined(v[i]));
    CHECK(app.s.progress.Find(v[0])->note == "far future");
    CHECK(app.s.progress.Find(v[1])->note == "status is a number");
    CHECK(app.s.progress.Find(v[2])->tags == std::vector<std::string>{"short"});
    CHECK(app.s.progress.Find(v[3])->note == "a plain string note");
    CHECK(app.s.progress.StatusOf(v[4]) == Status::Queued);
    // The first write fails (disk full): nothing is lost, the copies go out again with
    // the edit that replaces their records.
    native::HoldStorage(false);
    native::FailNextWrite("QuotaExceededError: The quota has been exceeded.");
    native::DeliverStorage();
    app.Frames(2);
    for (size_t i = 0; i < raws.size(); ++i)
        CHECK(native::StoredRecord(v[i]) == raws[i]);
    for (const std::string& id : v) {
        if (&id - &v[0] >= static_cast<long>(raws.size())) break;
        app.Click("row:" + id);
        app.Key('3');
    }
    native::AdvanceMs(6000);
    app.Frames(4);
    for (size_t i = 0; i < raws.size(); ++i) {
        CAPTURE(i);
        CHECK(QuarantinedCopy(v[i]) == raws[i]);
        const auto now = Stored(v[i]);
        REQUIRE(now);
        CHECK(now->status == Status::Reading);
    }
    CHECK(Stored(v[0])->note == "far future");
    CHECK(Stored(v[3])->note == "a plain string note");
}

TEST_CASE(
    "loss path 2: timestamps at the documented maximum: typing never makes a file the importer refuses") {
    UiApp app;
    app.Frames(2);
    const std::string id = app.s.ui.visible_papers.at(0);
    PaperProgress far;
    far.paper = id;
    far.status = Status::Reading;
    far.status_at = kMaxTimestampMs;
    far.history = {{Status::Reading, kMaxTimestampMs}};
    far.note = "from a device whose clock said 9999";
    far.note_at = kMaxTimestampMs;
    far.tags = {"x"};
    far.tags_at = kMaxTimestampMs;
    native::PutStored(id, ProgressRecordToJson(far));
    app.Start();
    const PaperProgress* rec = app.s.progress.Find(id);
    REQUIRE(rec);
    CHECK(rec->note == far.note);
    // Clamped on the way in to a day past this device's clock.
    CHECK(rec->note_at > native::kStartMs + kFutureSlackMs - 1);
    CHECK(rec->note_at < native::kStartMs + kFutureSlackMs + 60000);
    CHECK_FALSE(app.s.progress.HasQuarantined(id));
    // Edit everything, a few times, then export and import the file.
    app.Click("row:" + id);
    for (char k : std::string("4321"))
        app.Key(k);
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Type(" more");
    app.Press(ImGuiKey_Escape);
    app.Frames(30);
    rec = app.s.progress.Find(id);
    CHECK(Contains(rec->note, "9999 more"));
    CHECK(rec->note_at <= kMaxTimestampMs);
    CHECK(rec->status == Status::Unread);
    const std::string file = ExportNow(app);
    ProgressFileError err;
    CHECK_MESSAGE(ParseProgressFile(file, &err), err.ToString());
    // After a reload the stored record is readable (not quarantined).
    const auto stored = Stored(id);
    REQUIRE(stored);
    CHECK(Contains(stored->note, "more"));
}

TEST_CASE("loss path 2: a device clock past the year 9999 still exports a file its importer takes") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    native::SetNowMs(kMaxTimestampMs + 1000000);
    app.Click("row:" + id);
    app.Key('4');
    app.Frames(2);
    CHECK(app.s.progress.Find(id)->status_at <= kMaxTimestampMs);
    const std::string file = ExportNow(app);
    ProgressFileError err;
    CHECK_MESSAGE(ParseProgressFile(file, &err), err.ToString());
}

TEST_CASE("loss path 3: one note typed in two windows: edits in different places merge, the same place keeps "
          "both") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Type("first line\nsecond line");
    app.Frames(30); // saved
    REQUIRE(Stored(id));
    CHECK(Stored(id)->note == "first line\nsecond line");

    // This window keeps typing at the end; the other window (same stored text) changes
    // the first line. Both edits must survive.
    app.Type(" mine");
    PaperProgress theirs = *Stored(id);
    theirs.note = "FIRST line\nsecond line";
    theirs.note_at = native::kStartMs + 100000;
    FromOtherWindow(app, theirs, LastCommittedBatch());
    CHECK(app.s.progress.Find(id)->note == "FIRST line\nsecond line mine");
    // The editor took the merged text: typing goes on without undoing the other edit.
    REQUIRE(app.WaitForTextInput());
    app.Type("!");
    app.Frames(30);
    CHECK(Contains(app.s.progress.Find(id)->note, "FIRST line"));
    CHECK(Contains(app.s.progress.Find(id)->note, "mine"));
    CHECK(Contains(Stored(id)->note, "FIRST line"));
    CHECK(Contains(Stored(id)->note, "mine"));

    // Now both windows change the same place: this window keeps its text, the other's
    // is kept as a copy the reader can use.
    const std::string before = app.s.progress.Find(id)->note;
    app.Type(" X");
    PaperProgress clash = *Stored(id);
    clash.note = before + " Y from the other window";
    clash.note_at = app.s.progress.Find(id)->note_at + 5000;
    FromOtherWindow(app, clash, LastCommittedBatch());
    const PaperProgress* rec = app.s.progress.Find(id);
    CHECK(Contains(rec->note, " X"));
    REQUIRE(rec->note_copies.size() == 1);
    CHECK(rec->note_copies[0].text == clash.note);
    app.Frames(30);
    REQUIRE(Stored(id));
    CHECK(Stored(id)->note_copies.size() == 1);
    CHECK(app.Has("note-copy:0"));
    // "Add it below mine": both texts in the note; the copy is dismissed.
    app.Press(ImGuiKey_Escape);
    app.Click("note-copy-append:0");
    app.Frames(30);
    rec = app.s.progress.Find(id);
    CHECK(Contains(rec->note, " X"));
    CHECK(Contains(rec->note, "Y from the other window"));
    CHECK(rec->note_copies.at(0).dismissed);
    CHECK_FALSE(app.Has("note-copy:0"));
}

TEST_CASE("loss path 3: a window that had not yet taken in our newest text does not undo it") {
    // The other window merged an older version of ours (it had taken in batch k only);
    // our newer text (batch k+1) must not read as deleted by it.
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    app.Key('n');
    REQUIRE(app.WaitForTextInput());
    app.Type("one");
    app.Frames(30);
    const int64_t seen = LastCommittedBatch();
    REQUIRE(seen >= 0);
    app.Type(" two");
    app.Frames(30); // "one two" committed in a later batch
    REQUIRE(LastCommittedBatch() > seen);
    PaperProgress theirs = *Stored(id);
    theirs.note = "zero one"; // made from "one", before "one two" reached it
    theirs.note_at = app.s.progress.Find(id)->note_at + 2000;
    FromOtherWindow(app, theirs, seen);
    CHECK(app.s.progress.Find(id)->note == "zero one two");
    app.Frames(30);
    CHECK(Stored(id)->note == "zero one two");
}

} // namespace shelfmark
