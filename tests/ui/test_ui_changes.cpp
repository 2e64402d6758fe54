// Headless UI tests of the path of a change: typed intents applied once per frame,
// Changed() turning a change into stale derived data and a save schedule (the Saver's
// urgency), and UserData tracking which of the user's records to write.
#include <doctest/doctest.h>

#include "platform/platform.h"
#include "platform/platform_native.h"
#include "ui_harness.h"

namespace shelfmark {
namespace {
namespace native = platform::native;
using uitest::UiApp;

size_t WritesWith(const std::string& key) {
    size_t n = 0;
    for (const auto& w : native::Writes())
        for (const auto& [k, v] : w.records)
            n += k == key;
    return n;
}

TEST_CASE("urgency: typing waits for the batch, a status change is written at once") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    const size_t before = native::Writes().size();
    app.s.intents.push_back(intent::SetNote{id, "first words"});
    app.Frames(1);
    CHECK(native::Writes().size() == before); // batched: not yet
    CHECK(app.s.saver.Scheduled());
    app.Frames(Saver::kSaveDelayMs / 16 + 2);
    CHECK(native::Writes().size() == before + 1);
    app.s.intents.push_back(intent::SetStatus{{id}, Status::Read});
    app.Frames(1);
    CHECK(native::Writes().size() == before + 2); // at once
    CHECK(WritesWith(id) == 2);
}

TEST_CASE("a failed write is retried later; typing meanwhile does not retry early, a status change does") {
    UiApp app;
    app.Start();
    const std::string id = app.s.ui.visible_papers.at(0);
    native::FailNextWrite("QuotaExceededError: full");
    app.s.intents.push_back(intent::SetStatus{{id}, Status::Reading});
    app.Frames(1);
    REQUIRE(native::Writes().size() == 1);
    app.Frames(1);
    REQUIRE(app.s.save.kind == SaveState::Kind::NotSaved);
    app.s.intents.push_back(intent::SetNote{id, "typed while the disk is full"});
    app.Frames(40); // 640 ms: past a batch, well before the retry
    CHECK(native::Writes().size() == 1);
    app.s.intents.push_back(intent::SetPriority{id, 2});
    app.Frames(1);
    REQUIRE(native::Writes().size() == 2);
    CHECK(native::Writes()[1].ok);
    app.Frames(1);
    CHECK(app.s.save.kind == SaveState::Kind::Saved);
    const PaperProgress* p = app.s.progress.Find(id);
    REQUIRE(p);
    CHECK(p->status == Status::Reading);
    CHECK(p->note == "typed while the disk is full");
}

TEST_CASE("Changed(): a view change rebuilds the rows only; a record change the counts and its index entry") {
    UiApp app;
    app.Start();
    AppState& s = app.s;
    UpdateDerived(s);
    const uint64_t data = s.derived.built_for, rows = s.derived.rows_built_for;
    Changed(s, change::View{});
    UpdateDerived(s);
    CHECK(s.derived.built_for == data);
    CHECK(s.derived.rows_built_for != rows);
    const std::string id = s.ui.visible_papers.at(0);
    const int read_before = s.derived.all.read;
    s.progress.SetStatus(id, Status::Read, 1000);
    Changed(s, change::Paper{id});
    CHECK(s.stale.papers.count(id) == 1);
    UpdateDerived(s);
    CHECK(s.derived.built_for != data);
    CHECK(s.derived.all.read == read_before + 1);
    CHECK(s.stale.papers.empty());
    const bool save_asked = s.saver.Scheduled();
    CHECK_FALSE(save_asked); // Changed() without an urgency schedules no write
}

TEST_CASE(
    "the user's lists: each changed list is one dirty record, written as user/list:<id>; deleted as null") {
    UiApp app;
    app.Start();
    app.s.intents.push_back(intent::CreateList{"  Reading group  "});
    app.Frames(1);
    const std::string list = app.s.ui.list_id;
    REQUIRE(app.s.user.lists.count(list));
    CHECK(app.s.user.lists.at(list).list.title == "Reading group");
    CHECK(WritesWith("user/list:" + list) == 1); // urgent: at once
    CHECK_FALSE(app.s.user.HasDirty());
    app.Frames(1);
    app.s.intents.push_back(intent::DeleteList{list});
    app.Frames(2);
    REQUIRE(WritesWith("user/list:" + list) == 2);
    CHECK(native::StoredRecord("user/list:" + list).empty());
    CHECK(app.s.ui.list_id.empty());
}

} // namespace
} // namespace shelfmark
