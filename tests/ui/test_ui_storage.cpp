// Headless UI tests of the save pipeline: the saver against the native platform's
// in-memory storage, with the browser's slowness and failures staged by the test.
#include <doctest/doctest.h>

#include <map>

#include "core/utf8.h"
#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::Mods;
using uitest::UiApp;

std::string Record(const std::string& paper, Status st, int64_t at) {
    Progress p;
    p.SetStatus(paper, st, at);
    return ProgressRecordToJson(*p.Find(paper));
}

PaperProgress StoredRecord(const std::string& paper) {
    std::string why;
    auto rec = ProgressRecordFromJson(native::StoredRecord(paper), &why);
    REQUIRE_MESSAGE(rec, "stored record of " << paper << ": " << why);
    return *rec;
}

bool Reported(const AppState& s, const std::string& what) {
    for (const auto& p : s.storage_problems)
        if (p.find(what) != std::string::npos) return true;
    return false;
}

bool HasTick(int ms) {
    for (int t : native::Page().tick_in_ms)
        if (t == ms) return true;
    return false;
}

TEST_CASE("nothing is written before the stored state has loaded; then the edit is") {
    UiApp app;
    // Two papers of the first list have records from an earlier session.
    const std::string& list_id = app.s.ui.list_id;
    REQUIRE_FALSE(list_id.empty());
    app.Frames(2);
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 3);
    const std::string kept = v[0], edited = v[1];
    const std::string kept_text = Record(kept, Status::Reading, native::kStartMs - 60000);
    native::PutStored(kept, kept_text);
    native::PutStored(edited, Record(edited, Status::Queued, native::kStartMs - 60000));

    native::HoldStorage(true); // the browser is slow to open the database
    app.Start();
    CHECK_FALSE(app.s.storage_loaded);
    CHECK(app.s.save.kind == SaveState::Kind::Loading);
    CHECK(native::HeldStorageEvents() > 0);

    app.Click("row:" + edited);
    app.Key('4');
    CHECK(app.s.progress.StatusOf(edited) == Status::Read);
    native::AdvanceMs(2000);
    app.Frames(5);
    CHECK(native::Writes().empty());
    CHECK(app.s.save.kind == SaveState::Kind::Loading);

    native::HoldStorage(false);
    native::DeliverStorage();
    app.Frames(1); // the load arrives; the edit goes out
    CHECK(app.s.storage_loaded);
    CHECK(app.s.progress.StatusOf(kept) == Status::Reading);
    CHECK(app.s.progress.StatusOf(edited) == Status::Read); // the newer edit beat the stored record
    REQUIRE(native::Writes().size() == 1);
    REQUIRE(native::Writes()[0].records.size() == 1);
    CHECK(native::Writes()[0].records[0].first == edited);
    app.Frames(1);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    const PaperProgress e = StoredRecord(edited);
    CHECK(e.status == Status::Read);
    REQUIRE(e.history.size() == 2); // the stored history was merged in, not lost
    CHECK(e.history[0].status == Status::Queued);
    CHECK(native::StoredRecord(kept) == kept_text);
}

TEST_CASE("a failed write (storage full) keeps the data, says so, and is retried") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    native::FailNextWrite("QuotaExceededError: The quota has been exceeded.");
    app.Key('4');
    REQUIRE(native::Writes().size() == 1);
    CHECK_FALSE(native::Writes()[0].ok);
    CHECK(native::StoredRecord(id).empty());
    app.Frames(1);
    CHECK(app.s.save.kind == SaveState::Kind::NotSaved);
    CHECK(app.s.save.why.find("storage is full") != std::string::npos);
    CHECK(app.s.save.why.find("QuotaExceededError") != std::string::npos);
    CHECK(app.s.progress.StatusOf(id) == Status::Read); // kept in memory
    CHECK(app.s.progress.HasDirty());
    CHECK(HasTick(5400)); // a tick is asked for the retry
    CHECK(app.Has("banner"));

    // Not retried at once...
    app.Frames(10);
    CHECK(native::Writes().size() == 1);
    CHECK(app.s.save.kind == SaveState::Kind::NotSaved);
    // ...but a few seconds later.
    native::AdvanceMs(5500);
    app.Frames(1);
    REQUIRE(native::Writes().size() == 2);
    CHECK(native::Writes()[1].ok);
    app.Frames(1);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    CHECK(app.s.save.why.empty());
    CHECK(StoredRecord(id).status == Status::Read);
    app.Frames(1);
    CHECK_FALSE(app.Has("banner"));
}

TEST_CASE("a damaged stored record is quarantined and reported; the others load") {
    UiApp app;
    app.Frames(2);
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(v.size() >= 4);
    native::PutStored(v[0], Record(v[0], Status::Reading, native::kStartMs - 1000));
    native::PutStored(v[1], "{\"paper\": \"" + v[1] + "\", \"status\": "); // cut short
    native::PutStored(v[2], Record(v[2], Status::Read, native::kStartMs - 1000));
    native::PutStored(v[3], Record(v[2], Status::Skipped, native::kStartMs - 1000)); // under another key
    native::PutStored("user/list:mine", "not json at all");
    app.Start();
    CHECK(app.s.storage_loaded);
    CHECK(app.s.progress.StatusOf(v[0]) == Status::Reading);
    CHECK(app.s.progress.StatusOf(v[1]) == Status::Unread);
    CHECK(app.s.progress.StatusOf(v[2]) == Status::Read);
    CHECK(app.s.progress.StatusOf(v[3]) == Status::Unread);
    REQUIRE(app.s.storage_problems.size() == 3);
    CHECK(Reported(app.s, "\"" + v[1] + "\" cannot be read by this version"));
    CHECK(Reported(app.s, "\"" + v[3] + "\" cannot be read by this version (the record names another paper"));
    CHECK(Reported(app.s, "\"user/list:mine\" cannot be read by this version"));
    CHECK(app.s.progress.Quarantined().size() == 3);
    app.Frames(3); // the copies are saved aside
    CHECK(app.s.save.kind == SaveState::Kind::Saved);

    // Quarantined records are left as stored, also when other papers are saved.
    const std::string damaged = native::StoredRecord(v[1]);
    app.Click("row:" + v[0]);
    app.Key('5');
    app.Frames(2);
    CHECK(StoredRecord(v[0]).status == Status::Skipped);
    CHECK(native::StoredRecord(v[1]) == damaged);
    CHECK(native::StoredRecord("user/list:mine") == "not json at all");
}

TEST_CASE("damaged records under a long Korean key or id are reported without half a character") {
    UiApp app;
    app.Frames(2);
    const std::vector<std::string> v = app.s.ui.visible_papers;
    REQUIRE(!v.empty());
    std::string korean;
    for (int i = 0; i < 30; ++i)
        korean += "\xEA\xB0\x80"; // 90 bytes of U+AC00: the 80-byte cut falls inside a character
    native::PutStored(korean, "not json at all");
    native::PutStored(v[0], Record(korean, Status::Read, native::kStartMs - 1000)); // names another paper
    app.Start();
    REQUIRE(app.s.storage_problems.size() == 2);
    for (const std::string& p : app.s.storage_problems) {
        CAPTURE(p);
        CHECK(utf8::IsValid(p));
    }
    REQUIRE(app.s.progress.Quarantined().size() == 2);
    for (const auto& [id, q] : app.s.progress.Quarantined()) {
        CAPTURE(q.reason);
        CHECK(utf8::IsValid(q.reason));
    }
}

TEST_CASE("storage that cannot be opened: the app runs from memory and says so") {
    UiApp app;
    native::FailNextOpen("IndexedDB is not available in this browser window");
    app.Start();
    CHECK(app.s.storage_loaded);
    CHECK_FALSE(app.s.storage_usable);
    CHECK(app.s.save.kind == SaveState::Kind::Unavailable);
    CHECK(app.Has("banner"));
    const std::string id = app.s.ui.visible_papers.at(0);
    app.Click("row:" + id);
    app.Key('3');
    app.Frames(3);
    CHECK(app.s.progress.StatusOf(id) == Status::Reading);
    CHECK(native::Writes().empty());
    CHECK(app.s.save.kind == SaveState::Kind::Unavailable);
}

TEST_CASE("a write in flight when the page is flushed, and a record from another tab") {
    UiApp app;
    app.Start();
    const std::vector<std::string> v = app.s.ui.visible_papers;
    native::HoldStorage(true); // commits take a while
    app.Click("row:" + v[0]);
    app.Key('4');
    REQUIRE(native::Writes().size() == 1);
    CHECK(app.s.saver.inflight.size() == 1);
    CHECK(app.s.save.kind == SaveState::Kind::Saving);
    // Another change waits for the transaction in flight...
    app.Click("row:" + v[1]);
    app.Key('3');
    app.Frames(3);
    CHECK(native::Writes().size() == 1);
    // ...unless the page is being hidden: a flush writes it at once.
    PumpSaves(app.s, platform::NowMs(), true);
    CHECK(native::Writes().size() == 2);
    CHECK(app.s.saver.inflight.size() == 2);
    native::HoldStorage(false);
    native::DeliverStorage();
    app.Frames(1);
    CHECK(app.s.saver.inflight.empty());
    CHECK(app.s.save.kind == SaveState::Kind::Saved);

    // Another tab marks v[2] read: merged, shown, not written back.
    platform::PostPlatformEvent(
        platform::event::StorageChanged{v[2], Record(v[2], Status::Read, platform::NowMs())});
    app.Frames(2);
    CHECK(app.s.progress.StatusOf(v[2]) == Status::Read);
    CHECK(native::Writes().size() == 2);
}

TEST_CASE("own lists: created, renamed and filled in the UI, saved, and back in the next session") {
    std::map<std::string, std::string> stored;
    std::string list_id, paper_id;
    {
        UiApp app;
        app.Start();
        app.Click("new-list");
        REQUIRE(app.s.user.lists.size() == 1);
        list_id = app.s.user.lists.begin()->first;
        CHECK(app.s.ui.list_id == list_id);
        REQUIRE(app.Has("list-name"));

        // Rename: select the name, type over it, Enter.
        app.Click("list-name");
        REQUIRE(app.WaitForTextInput());
        app.Press(ImGuiKey_A, Mods{true, false});
        app.Type("Reading group\n");
        app.Frames(1);
        CHECK(app.s.user.lists.at(list_id).list.title == "Reading group");

        // Add a paper by hand.
        app.Click("add-paper-toggle");
        REQUIRE(app.Has("new-paper-title"));
        app.Click("new-paper-title");
        REQUIRE(app.WaitForTextInput());
        app.Type("Notes on my own paper");
        app.Click("new-paper-add");
        REQUIRE(app.s.user.papers.size() == 1);
        paper_id = app.s.user.papers.begin()->first;
        const auto& entries = app.s.user.lists.at(list_id).list.sections.at(0).entries;
        REQUIRE(entries.size() == 1);
        CHECK(entries[0].paper == paper_id);
        CHECK(app.s.ui.visible_papers == std::vector<std::string>{paper_id});

        app.Click("row:" + paper_id);
        app.Key('4');
        app.Frames(2);
        CHECK(app.s.save.kind == SaveState::Kind::Saved);
        CHECK_FALSE(native::StoredRecord("user/list:" + list_id).empty());
        CHECK_FALSE(native::StoredRecord("user/paper:" + paper_id).empty());
        CHECK_FALSE(native::StoredRecord(paper_id).empty());
        stored = native::Stored();
    }
    UiApp app; // the next visit: same storage
    for (const auto& [k, v] : stored)
        native::PutStored(k, v);
    app.Start();
    CHECK(app.s.storage_problems.empty());
    REQUIRE(app.s.user.lists.count(list_id) == 1);
    CHECK(app.s.user.lists.at(list_id).list.title == "Reading group");
    REQUIRE(app.s.catalogue.FindPaper(paper_id));
    CHECK(app.s.catalogue.FindPaper(paper_id)->title == "Notes on my own paper");
    CHECK(app.s.progress.StatusOf(paper_id) == Status::Read);
    app.Frames(2);
    REQUIRE(app.Has("list:" + list_id));
    app.Click("list:" + list_id);
    CHECK(app.s.ui.visible_papers == std::vector<std::string>{paper_id});
    CHECK(native::Writes().empty()); // loading wrote nothing back
}

} // namespace
} // namespace shelfmark
