#include <doctest/doctest.h>

#include "core/progress.h"
#include "core/user_data.h"

using namespace shelfmark;

namespace {
PaperProgress Rec(const std::string& paper, Status s, int64_t status_at, std::string note = "",
                  int64_t note_at = 0) {
    PaperProgress p;
    p.paper = paper;
    p.status = s;
    p.status_at = status_at;
    if (status_at > 0) p.history = {{s, status_at}};
    p.note = std::move(note);
    p.note_at = note_at;
    return p;
}
} // namespace

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

TEST_CASE("progress: tags and priority are set, normalized and timestamped") {
    Progress p;
    CHECK(p.SetTags("tvm", {" compilers", "gpu", "compilers", ""}, 100));
    CHECK(p.Find("tvm")->tags == std::vector<std::string>{"compilers", "gpu"});
    CHECK(p.Find("tvm")->tags_at == 100);
    CHECK_FALSE(p.SetTags("tvm", {"gpu", "compilers"}, 200)); // same set
    CHECK(p.SetPriority("tvm", 3, 50));
    CHECK(p.Find("tvm")->priority == 3);
    CHECK(p.Find("tvm")->priority_at == 50);
    CHECK(p.SetPriority("tvm", 1, 55));
    CHECK(p.SetPriority("tvm", 99, 60)); // clamped
    CHECK(p.Find("tvm")->priority == kMaxPriority);
    CHECK_FALSE(p.SetPriority("tvm", kMaxPriority, 70));
    CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
}

TEST_CASE("progress: record JSON round-trips, including tags and priority") {
    PaperProgress a;
    a.paper = "gpipe";
    a.status = Status::Queued;
    a.status_at = 42;
    a.history = {{Status::Reading, 10}, {Status::Queued, 42}};
    a.note = "# Notes\n- [x] read §3 \xE4\xB8\xAD\xE6\x96\x87\x01";
    a.note_at = 40;
    a.tags = {"pipeline", "training"};
    a.tags_at = 41;
    a.priority = 2;
    a.priority_at = 43;
    std::string err;
    const auto b = ProgressRecordFromJson(ProgressRecordToJson(a), &err);
    REQUIRE_MESSAGE(b.has_value(), err);
    CHECK(*b == a);
    CHECK(ProgressRecordToJson(a).find("{\"paper\":\"gpipe\",\"status\":\"queued\",\"statusAt\":42,") == 0);
}

TEST_CASE("progress: records stored by the first version (no tags, no priority) still load") {
    std::string err;
    const auto r = ProgressRecordFromJson(
        R"({"paper":"tvm","status":"read","statusAt":5,"history":[["read",5]],"note":"n","noteAt":4})", &err);
    REQUIRE_MESSAGE(r.has_value(), err);
    CHECK(r->tags.empty());
    CHECK(r->priority == 0);
    CHECK(r->status == Status::Read);
    // Unknown keys from a newer version are ignored in storage (lenient).
    CHECK(ProgressRecordFromJson(R"({"paper":"tvm","rating":5})", &err).has_value());
}

TEST_CASE("progress: corrupt records are rejected with a reason") {
    const char* bad[] = {"",
                         "{",
                         "[]",
                         "null",
                         "{\"status\":\"read\"}",
                         "{\"paper\":\"x\",\"status\":\"done\"}",
                         "{\"paper\":\"x\",\"statusAt\":-5}",
                         "{\"paper\":\"x\",\"note\":7}",
                         "{\"paper\":\"x\",\"history\":[[\"read\"]]}",
                         "{\"paper\":\"\"}",
                         "{\"paper\":\"x\",\"tags\":\"a\"}",
                         "{\"paper\":\"x\",\"priority\":7}",
                         "{\"paper\":\"x\",\"paper\":\"y\"}",
                         "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"};
    for (const char* b : bad) {
        std::string err;
        CHECK_MESSAGE(!ProgressRecordFromJson(b, &err).has_value(), b);
        CHECK_MESSAGE(!err.empty(), b);
    }
}

TEST_CASE("progress: merge is per field, newer wins, idempotent and commutative") {
    PaperProgress x = Rec("p", Status::Read, 200, "old", 100);
    PaperProgress y = Rec("p", Status::Reading, 150, "new", 300);
    y.tags = {"t"};
    y.tags_at = 10;
    x.priority = 1;
    x.priority_at = 20;
    PaperProgress xy = x, yx = y;
    CHECK(MergeInto(xy, y));
    CHECK(MergeInto(yx, x));
    CHECK(xy == yx);
    CHECK(xy.status == Status::Read);
    CHECK(xy.note == "new");
    CHECK(xy.tags == std::vector<std::string>{"t"});
    CHECK(xy.priority == 1);
    CHECK(xy.history.size() == 2);
    PaperProgress again = xy;
    CHECK_FALSE(MergeInto(again, y));
    CHECK(again == xy);
}

TEST_CASE("progress: equal timestamps are decided by value, so merging still commutes") {
    PaperProgress a = Rec("p", Status::Queued, 100, "alpha", 50);
    PaperProgress b = Rec("p", Status::Skipped, 100, "beta", 50);
    PaperProgress ab = a, ba = b;
    MergeInto(ab, b);
    MergeInto(ba, a);
    CHECK(ab == ba);
    CHECK(ab.status == Status::Skipped); // the greater status
    CHECK(ab.note == "beta");            // the greater text
}

TEST_CASE("progress: MergeStored keeps newer local edits dirty, adopts newer stored ones") {
    Progress p;
    p.SetStatus("a", Status::Read, 500);
    (void)p.TakeDirty();
    p.MergeStored(Rec("a", Status::Queued, 100));
    CHECK(p.StatusOf("a") == Status::Read);
    CHECK(p.TakeDirty() == std::vector<std::string>{"a"}); // local is newer: write back

    CHECK(p.MergeStored(Rec("b", Status::Skipped, 900)));
    CHECK(p.StatusOf("b") == Status::Skipped);
    CHECK_FALSE(p.HasDirty()); // identical to storage: nothing to write
}

TEST_CASE("progress: MergeImported marks changed records dirty; ReplaceAll reports removals") {
    Progress p;
    p.SetStatus("a", Status::Read, 500);
    p.SetStatus("b", Status::Reading, 500);
    (void)p.TakeDirty();
    PaperProgress older = Rec("a", Status::Queued, 100);
    older.history.clear();
    CHECK_FALSE(p.MergeImported(older)); // older status, no new history: nothing
    CHECK_FALSE(p.HasDirty());
    CHECK(p.MergeImported(Rec("c", Status::Queued, 100)));
    CHECK(p.TakeDirty() == std::vector<std::string>{"c"});

    const auto removed = p.ReplaceAll({Rec("a", Status::Skipped, 50), Rec("d", Status::Read, 60)});
    CHECK(removed == std::vector<std::string>{"b", "c"});
    CHECK(p.StatusOf("a") == Status::Skipped); // replace ignores timestamps
    CHECK(p.Find("b") == nullptr);
    CHECK(p.TakeDirty() == std::vector<std::string>{"a", "b", "c", "d"});
}

TEST_CASE("UserData tracks its changed records like Progress; UserKey round-trips its storage key") {
    using shelfmark::UserData;
    using shelfmark::UserKey;
    UserData before;
    before.lists["u-a"].list.id = "u-a";
    before.papers["u-p"].paper.id = "u-p";
    UserData after = before;
    after.lists["u-a"].list.title = "renamed";
    after.lists["u-b"].list.id = "u-b";
    after.papers.erase("u-p");
    CHECK_FALSE(after.HasDirty());
    after.MarkChangedSince(before);
    CHECK(after.HasDirty());
    const std::vector<UserKey> dirty = after.TakeDirty();
    REQUIRE(dirty.size() == 3);
    CHECK(dirty[0] == UserKey{UserKey::Kind::List, "u-a"});
    CHECK(dirty[1] == UserKey{UserKey::Kind::List, "u-b"});
    CHECK(dirty[2] == UserKey{UserKey::Kind::Paper, "u-p"});
    CHECK_FALSE(after.HasDirty());
    CHECK(after == after); // dirty state is not part of equality
    for (const UserKey& k : dirty) {
        const auto back = UserKey::Parse(k.StorageKey());
        REQUIRE(back);
        CHECK(*back == k);
    }
    CHECK(dirty[2].StorageKey() == "paper:u-p");
    CHECK_FALSE(UserKey::Parse("list:"));
    CHECK_FALSE(UserKey::Parse("papers:x"));
    CHECK_FALSE(UserKey::Parse(""));
}
