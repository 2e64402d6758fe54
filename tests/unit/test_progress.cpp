#include <doctest/doctest.h>

#include "core/progress.h"

using namespace shelfmark;

TEST_CASE("progress: status names round-trip and unknown names are rejected") {
    for (int i = 0; i < kStatusCount; ++i) {
        const auto s = static_cast<Status>(i);
        CHECK(ParseStatus(StatusName(s)) == s);
    }
    CHECK_FALSE(ParseStatus("done").has_value());
    CHECK_FALSE(ParseStatus("").has_value());
}

TEST_CASE("progress: SetStatus records history, marks dirty, keeps time increasing") {
    Progress p;
    CHECK(p.StatusOf("tvm") == Status::Unread);
    CHECK(p.SetStatus("tvm", Status::Reading, 1000));
    CHECK_FALSE(p.SetStatus("tvm", Status::Reading, 2000));
    CHECK(p.SetStatus("tvm", Status::Read, 1000)); // clock went back: still after
    const auto* r = p.Find("tvm");
    REQUIRE(r);
    CHECK(r->status == Status::Read);
    CHECK(r->status_at == 1001);
    REQUIRE(r->history.size() == 2);
    CHECK(r->history[0].status == Status::Reading);
    CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
    CHECK_FALSE(p.HasDirty());
}

TEST_CASE("progress: record JSON round-trips") {
    PaperProgress a;
    a.paper = "gpipe";
    a.status = Status::Queued;
    a.status_at = 42;
    a.history = {{Status::Reading, 10}, {Status::Queued, 42}};
    a.note = "# Notes\n- [x] read §3 \xE4\xB8\xAD\xE6\x96\x87";
    a.note_at = 40;
    std::string err;
    const auto b = ProgressRecordFromJson(ProgressRecordToJson(a), &err);
    REQUIRE_MESSAGE(b.has_value(), err);
    CHECK(*b == a);
}

TEST_CASE("progress: corrupt records are rejected with a reason") {
    const char* bad[] = {"", "{", "[]", "null", "{\"status\":\"read\"}", "{\"paper\":\"x\",\"status\":\"done\"}",
                         "{\"paper\":\"x\",\"statusAt\":-5}", "{\"paper\":\"x\",\"note\":7}",
                         "{\"paper\":\"x\",\"history\":[[\"read\"]]}", "{\"paper\":\"\"}"};
    for (const char* b : bad) {
        std::string err;
        CHECK_MESSAGE(!ProgressRecordFromJson(b, &err).has_value(), b);
        CHECK_MESSAGE(!err.empty(), b);
    }
}

TEST_CASE("progress: merge is per field, newer wins, idempotent and commutative") {
    PaperProgress x{"p", Status::Read, 200, {{Status::Read, 200}}, "old", 100};
    PaperProgress y{"p", Status::Reading, 150, {{Status::Reading, 150}}, "new", 300};
    PaperProgress xy = x, yx = y;
    CHECK(MergeInto(xy, y));
    CHECK(MergeInto(yx, x));
    CHECK(xy == yx);
    CHECK(xy.status == Status::Read);
    CHECK(xy.note == "new");
    CHECK(xy.history.size() == 2);
    PaperProgress again = xy;
    CHECK_FALSE(MergeInto(again, y));
    CHECK(again == xy);
}

TEST_CASE("progress: MergeStored keeps newer local edits dirty, adopts newer stored ones") {
    Progress p;
    p.SetStatus("a", Status::Read, 500);
    (void)p.TakeDirty();
    PaperProgress stored{"a", Status::Queued, 100, {{Status::Queued, 100}}, "", 0};
    p.MergeStored(stored);
    CHECK(p.StatusOf("a") == Status::Read);
    CHECK(p.TakeDirty() == std::vector<std::string>{"a"}); // local is newer: write back

    PaperProgress newer{"b", Status::Skipped, 900, {{Status::Skipped, 900}}, "", 0};
    CHECK(p.MergeStored(newer));
    CHECK(p.StatusOf("b") == Status::Skipped);
    CHECK_FALSE(p.HasDirty()); // identical to storage: nothing to write
}
