// test_reliability.cpp: timestamps capped and clamped, salvaging unreadable records, the
// quarantine, note copies and the importer's strict checks (NUL in notes). Concurrent
// note edits (MergeNoteEdits) are in test_note_merge.cpp. Everything here is pure core
// code: no timing, no I/O.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cjk_test_text.h"
#include "core/note_merge.h"
#include "core/progress.h"
#include "core/progress_file.h"
#include "core/user_data.h"
#include "core/utf8.h"
#include "progress_test_support.h"

using namespace shelfmark;
using namespace shelfmark::testing;

namespace {

constexpr int64_t kT = 1700000000000; // 2023-11-14T22:13:20Z

PaperProgress Record(const std::string& paper) {
    PaperProgress p;
    p.paper = paper;
    return p;
}

// A record with every timestamp at the largest accepted value.
PaperProgress RecordAtMax(const std::string& paper) {
    PaperProgress p = Record(paper);
    p.status = Status::Reading;
    p.status_at = kMaxTimestampMs;
    p.history = {{Status::Queued, kMaxTimestampMs - 5}, {Status::Reading, kMaxTimestampMs}};
    p.note = "old note";
    p.note_at = kMaxTimestampMs;
    p.tags = {"alpha"};
    p.tags_at = kMaxTimestampMs;
    p.priority = 1;
    p.priority_at = kMaxTimestampMs;
    return p;
}

ProgressFile ParseOrFail(const std::string& text) {
    ProgressFileError err;
    std::optional<ProgressFile> f = ParseProgressFile(text, &err);
    INFO(err.ToString());
    REQUIRE(f.has_value());
    return *f;
}

std::string ErrorOf(const std::string& text, ProgressFileError* out = nullptr) {
    ProgressFileError err;
    const auto f = ParseProgressFile(text, &err);
    CHECK_FALSE(f.has_value());
    if (out) *out = err;
    return err.ToString();
}

std::string FileWithPapers(int version, const std::string& papers_lines) {
    return "{\n  \"format\": \"shelfmark-progress\",\n  \"version\": " + std::to_string(version) +
           ",\n  \"exportedAt\": \"2023-11-14T22:25:00Z\",\n  \"appVersion\": \"t\",\n  \"papers\": [\n    " +
           papers_lines + "\n  ]\n}\n";
}

bool HasVersion(const std::string& file_text, int v) {
    return Contains(file_text, "\n  \"version\": " + std::to_string(v) + ",\n");
}

QuarantinedRecord Q(const std::string& key, const std::string& record,
                    const std::string& reason = "unreadable") {
    QuarantinedRecord q;
    q.key = key;
    q.record = record;
    q.reason = reason;
    return q;
}

} // namespace

// ---------------------------------------------------------------------------------------
// 1. Timestamps
// ---------------------------------------------------------------------------------------

TEST_CASE("timestamps: NextTimestamp is strictly newer but never past kMaxTimestampMs") {
    CHECK(NextTimestamp(kT, 0) == kT);
    CHECK(NextTimestamp(kT, kT - 1) == kT);
    CHECK(NextTimestamp(kT, kT) == kT + 1);
    CHECK(NextTimestamp(kT, kT + 500) == kT + 501);
    CHECK(NextTimestamp(kMaxTimestampMs - 1, 0) == kMaxTimestampMs - 1);
    CHECK(NextTimestamp(kMaxTimestampMs - 1, kMaxTimestampMs - 1) == kMaxTimestampMs);
    CHECK(NextTimestamp(kT, kMaxTimestampMs) == kMaxTimestampMs);
    CHECK(NextTimestamp(kMaxTimestampMs, kMaxTimestampMs) == kMaxTimestampMs);
    CHECK(NextTimestamp(kMaxTimestampMs + 1000000, 0) == kMaxTimestampMs);
    CHECK(NextTimestamp(INT64_MAX / 2, kT) == kMaxTimestampMs);
}

TEST_CASE("timestamps: edits to a record already at kMaxTimestampMs change the value and stay exportable") {
    Progress p;
    p.MergeStored(RecordAtMax("tvm"));
    (void)p.TakeDirty();

    for (const int64_t now : {kT, kMaxTimestampMs, kMaxTimestampMs + 1000 * kFutureSlackMs}) {
        CAPTURE(now);
        const int round = static_cast<int>(p.Find("tvm")->priority);
        CHECK(p.SetNote("tvm", "new note " + std::to_string(round) + " " + kGa, now));
        CHECK(p.SetStatus("tvm", p.StatusOf("tvm") == Status::Read ? Status::Skipped : Status::Read, now));
        CHECK(p.SetTags("tvm", {"beta", "r" + std::to_string(round)}, now));
        CHECK(p.SetPriority("tvm", round % 3 + 1 == round ? 3 : round % 3 + 1, now));
        const PaperProgress& r = *p.Find("tvm");
        CHECK(r.note == "new note " + std::to_string(round) + " " + kGa);
        CHECK(r.tags == std::vector<std::string>{"beta", "r" + std::to_string(round)});
        CHECK(r.priority != round);
        CHECK(r.note_at == kMaxTimestampMs);
        CHECK(r.status_at == kMaxTimestampMs);
        CHECK(r.tags_at == kMaxTimestampMs);
        CHECK(r.priority_at == kMaxTimestampMs);
        for (const StatusChange& c : r.history)
            CHECK(c.at <= kMaxTimestampMs);
        CHECK(r.history.back().status == r.status);
        CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});

        // A file the app makes is always accepted by its own importer.
        const std::string text = ExportProgressFile(p, UserData{}, now, "t");
        const ProgressFile f = ParseOrFail(text);
        REQUIRE(f.papers.size() == 1);
        CHECK(f.papers[0].note == r.note);
        CHECK(f.papers[0].status == r.status);
        CHECK(f.papers[0].tags == r.tags);
        CHECK(f.papers[0].priority == r.priority);
        CHECK(f.papers[0].note_at == kMaxTimestampMs);
    }
}

TEST_CASE("timestamps: a new record edited with a clock past year 9999 exports and imports") {
    Progress p;
    const int64_t far = kMaxTimestampMs + 365LL * 24 * 3600 * 1000 * 100;
    CHECK(p.SetStatus("gpipe", Status::Queued, far));
    CHECK(p.SetNote("gpipe", "far future", far));
    CHECK(p.Find("gpipe")->status_at == kMaxTimestampMs);
    CHECK(p.Find("gpipe")->note_at == kMaxTimestampMs);
    const std::string text = ExportProgressFile(p, UserData{}, far, "t");
    CHECK(Contains(text, "\"exportedAt\": \"9999-12-31T23:59:59Z\""));
    const ProgressFile f = ParseOrFail(text);
    CHECK(f.exported_at == "9999-12-31T23:59:59Z");
    REQUIRE(f.papers.size() == 1);
    CHECK(f.papers[0] == *p.Find("gpipe"));
    // The ProgressFile overload too, and at the largest int64.
    CHECK(ParseProgressFile(ExportProgressFile(f, INT64_MAX, "t"), nullptr).has_value());
}

TEST_CASE("timestamps: ClampTimestamps moves only what lies past now + kFutureSlackMs, to exactly there") {
    const int64_t latest = kT + kFutureSlackMs;
    PaperProgress p = Record("tvm");
    p.status = Status::Read;
    p.status_at = latest + 1;
    p.history = {{Status::Queued, kT - 100}, {Status::Reading, latest}, {Status::Read, latest + 1}};
    p.note = "n";
    p.note_at = latest; // exactly at the limit: kept
    p.tags = {"a"};
    p.tags_at = kT - 5; // in the past: kept
    p.priority = 2;
    p.priority_at = kMaxTimestampMs;
    p.note_copies = {{kT + 1, "copy in range", false}, {kMaxTimestampMs, "copy from the future", true}};

    PaperProgress c = p;
    CHECK(ClampTimestamps(c, kT));
    CHECK(c.status_at == latest);
    CHECK(c.note_at == latest);
    CHECK(c.tags_at == kT - 5);
    CHECK(c.priority_at == latest);
    REQUIRE(c.history.size() == 3);
    CHECK(c.history[0].at == kT - 100);
    CHECK(c.history[0].status == Status::Queued);
    CHECK(c.history[1].at == latest);
    CHECK(c.history[1].status == Status::Reading);
    CHECK(c.history[2].at == latest);
    CHECK(c.history[2].status == Status::Read);
    REQUIRE(c.note_copies.size() == 2);
    CHECK(c.note_copies[0] == NoteCopy{kT + 1, "copy in range", false});
    CHECK(c.note_copies[1] == NoteCopy{latest, "copy from the future", true});
    // Values are untouched.
    CHECK(c.status == Status::Read);
    CHECK(c.note == "n");
    CHECK(c.tags == std::vector<std::string>{"a"});
    CHECK(c.priority == 2);
    // Idempotent.
    PaperProgress again = c;
    CHECK_FALSE(ClampTimestamps(again, kT));
    CHECK(again == c);

    // Nothing in the future: nothing moves.
    PaperProgress past = Record("gpipe");
    past.status = Status::Queued;
    past.status_at = kT;
    past.history = {{Status::Queued, kT}};
    past.note_at = kT + kFutureSlackMs - 1;
    const PaperProgress before = past;
    CHECK_FALSE(ClampTimestamps(past, kT));
    CHECK(past == before);

    // A clock past year 9999 never lets a timestamp above kMaxTimestampMs through.
    PaperProgress at_max = RecordAtMax("x");
    CHECK_FALSE(ClampTimestamps(at_max, kMaxTimestampMs + 5 * kFutureSlackMs));
    CHECK(at_max.status_at == kMaxTimestampMs);
}

TEST_CASE("timestamps: ClampFileTimestamps clamps the records of a file") {
    ProgressFile f;
    PaperProgress a = Record("a"), b = Record("b"), c = Record("c");
    a.note = "future";
    a.note_at = kT + 10 * kFutureSlackMs;
    b.status = Status::Read;
    b.status_at = kT;
    b.history = {{Status::Read, kT}};
    c.tags = {"x"};
    c.tags_at = kMaxTimestampMs;
    c.note_copies = {{kMaxTimestampMs - 1, "copy", false}};
    f.papers = {a, b, c};
    CHECK(ClampFileTimestamps(f, kT) == 2);
    CHECK(f.papers[0].note_at == kT + kFutureSlackMs);
    CHECK(f.papers[1] == b);
    CHECK(f.papers[2].tags_at == kT + kFutureSlackMs);
    REQUIRE(f.papers[2].note_copies.size() == 1);
    CHECK(f.papers[2].note_copies[0].at == kT + kFutureSlackMs);
    CHECK(ClampFileTimestamps(f, kT) == 0);
}

// ---------------------------------------------------------------------------------------
// 2. SalvageProgressRecord
// ---------------------------------------------------------------------------------------

TEST_CASE("salvage: a record with a status a newer build added keeps its note, tags and priority") {
    const std::string text =
        R"({"paper":"tvm","status":"archived","statusAt":1700000000000,"history":[["reading",1690000000000],["archived",1700000000000]],"note":")" +
        kGa + kNa + kDa +
        R"( notes\n- [x] done","noteAt":1700000100000,"tags":["gpu","compilers"],"tagsAt":1700000200000,"priority":3,"priorityAt":1700000300000,"colour":"red"})";
    std::string why;
    CHECK_FALSE(ProgressRecordFromJson(text, &why).has_value());
    CHECK(Contains(why, "archived"));

    const auto s = SalvageProgressRecord(text, "tvm");
    REQUIRE(s.has_value());
    CHECK(s->paper == "tvm");
    CHECK(s->note == kGa + kNa + kDa + " notes\n- [x] done");
    CHECK(s->note_at == 1700000100000);
    CHECK(s->tags == std::vector<std::string>{"compilers", "gpu"});
    CHECK(s->tags_at == 1700000200000);
    CHECK(s->priority == 3);
    CHECK(s->priority_at == 1700000300000);
    CHECK(s->status == Status::Unread);
    CHECK(s->status_at == 0);
    // The readable part of the history is kept.
    REQUIRE(s->history.size() == 1);
    CHECK(s->history[0].status == Status::Reading);
    CHECK(s->history[0].at == 1690000000000);
    // The paper is the one asked for, whatever the record says.
    const auto other = SalvageProgressRecord(text, "gpipe");
    REQUIRE(other.has_value());
    CHECK(other->paper == "gpipe");
}

TEST_CASE("salvage: a timestamp out of range keeps the note, clamped into range") {
    SUBCASE("an integer past year 9999") {
        const std::string text =
            R"({"paper":"tvm","status":"read","statusAt":1700000000000,"note":"keep me","noteAt":10000000000000000})";
        std::string why;
        CHECK_FALSE(ProgressRecordFromJson(text, &why).has_value());
        CHECK(Contains(why, "noteAt"));
        const auto s = SalvageProgressRecord(text, "tvm");
        REQUIRE(s.has_value());
        CHECK(s->note == "keep me");
        CHECK(s->note_at == kMaxTimestampMs);
        CHECK(s->status == Status::Read);
        CHECK(s->status_at == 1700000000000);
    }
    SUBCASE("1e16 written as a float") {
        const std::string text =
            R"({"paper":"tvm","status":"read","statusAt":1,"note":"keep me too","noteAt":1e16})";
        CHECK_FALSE(ProgressRecordFromJson(text, nullptr).has_value());
        const auto s = SalvageProgressRecord(text, "tvm");
        REQUIRE(s.has_value());
        CHECK(s->note == "keep me too");
        CHECK(s->note_at >= 0);
        CHECK(s->note_at <= kMaxTimestampMs);
    }
    SUBCASE("a negative time") {
        const std::string text = R"({"paper":"tvm","status":"read","statusAt":-7,"note":"neg","noteAt":-1})";
        CHECK_FALSE(ProgressRecordFromJson(text, nullptr).has_value());
        const auto s = SalvageProgressRecord(text, "tvm");
        REQUIRE(s.has_value());
        CHECK(s->note == "neg");
        CHECK(s->note_at == 0);
        CHECK(s->status == Status::Read);
        CHECK(s->status_at == 0);
    }
}

TEST_CASE("salvage: fields of the wrong type are skipped, the others kept") {
    SUBCASE("status a number, note an object") {
        const std::string text =
            R"({"paper":"tvm","status":3,"statusAt":5,"note":{"text":"x"},"noteAt":6,"tags":["a","b"],"tagsAt":7,"priority":2,"priorityAt":8})";
        CHECK_FALSE(ProgressRecordFromJson(text, nullptr).has_value());
        const auto s = SalvageProgressRecord(text, "tvm");
        REQUIRE(s.has_value());
        CHECK(s->status == Status::Unread);
        CHECK(s->note.empty());
        CHECK(s->tags == std::vector<std::string>{"a", "b"});
        CHECK(s->tags_at == 7);
        CHECK(s->priority == 2);
        CHECK(s->priority_at == 8);
    }
    SUBCASE("note an array, priority a string, tags a string") {
        const std::string text =
            R"({"paper":"tvm","status":"reading","statusAt":9,"note":["x"],"priority":"high","tags":"a,b"})";
        CHECK_FALSE(ProgressRecordFromJson(text, nullptr).has_value());
        const auto s = SalvageProgressRecord(text, "tvm");
        REQUIRE(s.has_value());
        CHECK(s->status == Status::Reading);
        CHECK(s->status_at == 9);
        CHECK(s->note.empty());
        CHECK(s->priority == 0);
        CHECK(s->tags.empty());
    }
    SUBCASE("priority out of range, note kept") {
        const std::string text =
            R"({"paper":"tvm","status":"read","statusAt":1,"note":"n","noteAt":2,"priority":9})";
        CHECK_FALSE(ProgressRecordFromJson(text, nullptr).has_value());
        const auto s = SalvageProgressRecord(text, "tvm");
        REQUIRE(s.has_value());
        CHECK(s->note == "n");
        CHECK(s->priority == 0);
    }
}

TEST_CASE("salvage: an over-long tag is dropped, the other tags kept") {
    const std::string long_tag(70, 'x');
    const std::string text = R"({"paper":"tvm","status":"read","statusAt":1,"tags":["ok",")" + long_tag +
                             R"(","fine",")" + kZhong + kWen + R"("],"tagsAt":4})";
    std::string why;
    CHECK_FALSE(ProgressRecordFromJson(text, &why).has_value());
    CHECK(Contains(why, "64 bytes"));
    const auto s = SalvageProgressRecord(text, "tvm");
    REQUIRE(s.has_value());
    CHECK(s->tags == std::vector<std::string>{"fine", "ok", kZhong + kWen});
    CHECK(s->tags_at == 4);
    CHECK(s->status == Status::Read);
}

TEST_CASE("salvage: a plain JSON string is read as the note; nothing readable gives nullopt") {
    const std::string text = "\"my old note " + kZhong + kWen + "\\nline 2\"";
    CHECK_FALSE(ProgressRecordFromJson(text, nullptr).has_value());
    const auto s = SalvageProgressRecord(text, "gpipe");
    REQUIRE(s.has_value());
    CHECK(s->paper == "gpipe");
    CHECK(s->note == "my old note " + kZhong + kWen + "\nline 2");
    CHECK(s->status == Status::Unread);
    CHECK(s->tags.empty());

    for (const std::string bad : {"not json {", "[]", "{}", "\"\"", "42", "null", "[1,2]",
                                  "{\"paper\":\"tvm\"}", "{\"status\":\"archived\",\"note\":\"\"}", ""}) {
        CAPTURE(bad);
        CHECK_FALSE(SalvageProgressRecord(bad, "tvm").has_value());
    }
    for (const std::string bad : {"not json {", "[]", "\"\"", "42", "null", "[1,2]", ""}) {
        CAPTURE(bad);
        CHECK_FALSE(ProgressRecordFromJson(bad, nullptr).has_value());
    }
}

// ---------------------------------------------------------------------------------------
// 3. Quarantine
// ---------------------------------------------------------------------------------------

TEST_CASE("quarantine: ids are stable and follow the record's text") {
    const QuarantinedRecord a = Q("tvm", R"({"paper":"tvm","status":"archived"})");
    const QuarantinedRecord a2 = Q("tvm", R"({"paper":"tvm","status":"archived"})", "another reason");
    const QuarantinedRecord b = Q("tvm", R"({"paper":"tvm","status":"archived2"})");
    const QuarantinedRecord c = Q("gpipe", R"({"paper":"tvm","status":"archived"})");
    CHECK(a.Id() == a.Id());
    CHECK(a.Id() == a2.Id());
    CHECK(a.Id() != b.Id());
    CHECK(a.Id() != c.Id());
    const std::string id = a.Id();
    CHECK(id.rfind("quarantine:tvm:", 0) == 0);
    REQUIRE(id.size() == std::string("quarantine:tvm:").size() + 16);
    for (char ch : id.substr(id.size() - 16))
        CHECK(((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f')));
    // Pinned: ids are stored (IndexedDB keys) and must not change between builds. The hash
    // is FNV-1a 64 (offset basis 14695981039346656037, the standard one).
    CHECK(Q("k", "").Id() == "quarantine:k:cbf29ce484222325");
    CHECK(Q("k", "a").Id() == "quarantine:k:af63dc4c8601ec8c");
}

TEST_CASE("quarantine: what must be saved, and when") {
    const QuarantinedRecord q = Q("tvm", R"({"paper":"tvm","status":"archived","note":"x"})");
    const std::string id = q.Id();

    SUBCASE("a new record is saved once; an edit of its paper re-adds it until the save commits") {
        Progress p;
        CHECK_FALSE(p.HasDirty());
        CHECK(p.AddQuarantined(q, true));
        CHECK_FALSE(p.AddQuarantined(q, true)); // known already
        CHECK(p.HasQuarantined("tvm"));
        CHECK_FALSE(p.HasQuarantined("gpipe"));
        CHECK_FALSE(p.HasQuarantined("tv"));
        CHECK(p.HasDirty()); // only a quarantine id is dirty
        CHECK(p.TakeDirty().empty());
        CHECK(p.TakeDirtyQuarantine() == std::vector<std::string>{id});
        CHECK_FALSE(p.HasDirty());
        CHECK(p.TakeDirtyQuarantine().empty());

        // The save has not committed yet: an edit of tvm must carry the copy again.
        CHECK(p.SetNote("tvm", "my edit", kT));
        CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
        CHECK(p.TakeDirtyQuarantine() == std::vector<std::string>{id});

        // Another paper's edit does not.
        CHECK(p.SetNote("gpipe", "other", kT));
        CHECK(p.TakeDirty() == std::vector<std::string>{"gpipe"});
        CHECK(p.TakeDirtyQuarantine().empty());

        // A failed save puts it back.
        p.MarkQuarantineDirty({id, "quarantine:nope:0000000000000000"});
        CHECK(p.HasDirty());
        CHECK(p.TakeDirtyQuarantine() == std::vector<std::string>{id});

        // Committed: later edits of tvm no longer re-add it.
        p.QuarantineSaved({id});
        CHECK(p.SetNote("tvm", "my second edit", kT + 1));
        CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
        CHECK(p.TakeDirtyQuarantine().empty());
        CHECK(p.HasQuarantined("tvm"));
        CHECK(p.Quarantined().count(id) == 1);
    }
    SUBCASE("found in the quarantine store: nothing to save") {
        Progress p;
        CHECK(p.AddQuarantined(q, false));
        CHECK_FALSE(p.HasDirty());
        CHECK(p.TakeDirtyQuarantine().empty());
        CHECK(p.SetNote("tvm", "edit", kT));
        (void)p.TakeDirty();
        CHECK(p.TakeDirtyQuarantine().empty());
    }
    SUBCASE("a pending record later found in the quarantine store is no longer pending") {
        Progress p;
        CHECK(p.AddQuarantined(q, true));
        CHECK_FALSE(p.AddQuarantined(q, false));
        CHECK_FALSE(p.HasDirty());
        CHECK(p.TakeDirtyQuarantine().empty());
        CHECK(p.SetNote("tvm", "edit", kT));
        CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
        CHECK(p.TakeDirtyQuarantine().empty());
        CHECK(p.HasQuarantined("tvm"));
    }
    SUBCASE("two unsaved copies of one paper both go out with its next write") {
        Progress p;
        const QuarantinedRecord q2 = Q("tvm", R"({"paper":"tvm","status":"archived","note":"y"})");
        CHECK(p.AddQuarantined(q, true));
        CHECK(p.AddQuarantined(q2, true));
        std::vector<std::string> both = {id, q2.Id()};
        std::sort(both.begin(), both.end());
        CHECK(p.TakeDirtyQuarantine() == both);
        p.QuarantineSaved({q2.Id()});
        CHECK(p.SetStatus("tvm", Status::Read, kT));
        (void)p.TakeDirty();
        CHECK(p.TakeDirtyQuarantine() == std::vector<std::string>{id});
    }
}

TEST_CASE("quarantine: exported byte for byte in a version 2 file, and imported back") {
    const std::string rec1 = R"({"paper":"tvm","status":"archived","note":")" + kGa + kNa + kDa +
                             R"( \"quoted\" back\\slash\n","noteAt":1700000000000})";
    const std::string rec2 = std::string("not json at all {\x01\t\n") + kZhong + kWen + " \"\\ / \x7f";
    const std::string rec3 = "\"a bare string\"";
    Progress p;
    CHECK(p.SetStatus("tvm", Status::Reading, kT));
    CHECK(p.AddQuarantined(Q("tvm", rec1, "unknown status \"archived\""), true));
    CHECK(p.AddQuarantined(Q("user/list:u-old", rec2, "not a readable list or paper record"), false));
    CHECK(p.AddQuarantined(Q("gpipe", rec3, "a paper record must be an object, not a string"), true));
    UserData u;

    const std::string text = ExportProgressFile(p, u, kT, "t");
    CHECK(HasVersion(text, 2));
    CHECK(Contains(text, "\n  \"quarantine\": [\n"));
    // The exporter writes each record as one JSON string.
    for (const std::string& r : {rec1, rec2, rec3})
        CHECK(Contains(text, "\"record\":" + nlohmann::json(r).dump()));
    const ProgressFile f = ParseOrFail(text);
    CHECK(f.version == 2);
    REQUIRE(f.quarantine.size() == 3);
    std::map<std::string, QuarantinedRecord> by_id;
    for (const QuarantinedRecord& q : f.quarantine)
        by_id.emplace(q.Id(), q);
    REQUIRE(by_id.size() == 3);
    for (const auto& [id, q] : p.Quarantined()) {
        CAPTURE(id);
        REQUIRE(by_id.count(id) == 1);
        CHECK(by_id.at(id).key == q.key);
        CHECK(by_id.at(id).record == q.record);
        CHECK(by_id.at(id).reason == q.reason);
    }
    // Sorted by id, so the text is deterministic.
    CHECK(f.quarantine[0].key == "gpipe");
    CHECK(f.quarantine[1].key == "tvm");
    CHECK(f.quarantine[2].key == "user/list:u-old");
    // Re-exporting the parsed file gives the same bytes.
    CHECK(ExportProgressFile(f, kT, "t") == text);

    SUBCASE("merge adds them, to be saved") {
        Progress other;
        UserData ou;
        const ImportPreview pv = PreviewImport(other, ou, f, ImportMode::Merge, nullptr);
        CHECK(pv.quarantined_new == 3);
        CHECK(pv.ChangesAnything());
        CHECK(ApplyImport(other, ou, f, ImportMode::Merge));
        CHECK(other.Quarantined().size() == 3);
        for (const auto& [id, q] : p.Quarantined()) {
            REQUIRE(other.Quarantined().count(id) == 1);
            CHECK(other.Quarantined().at(id).record == q.record);
        }
        std::vector<std::string> ids;
        for (const auto& [id, q] : p.Quarantined())
            ids.push_back(id);
        (void)other.TakeDirty();
        CHECK(other.TakeDirtyQuarantine() == ids);
        // Importing again changes nothing.
        CHECK(PreviewImport(other, ou, f, ImportMode::Merge, nullptr).quarantined_new == 0);
        CHECK_FALSE(ApplyImport(other, ou, f, ImportMode::Merge));
        CHECK(other.Quarantined().size() == 3);
    }
    SUBCASE("replace adds them and keeps the ones already there") {
        Progress other;
        UserData ou;
        const QuarantinedRecord mine = Q("how-to-read", "{\"status\":\"archived\"}");
        CHECK(other.AddQuarantined(mine, false));
        CHECK(other.SetNote("how-to-read", "local", kT));
        const ImportPreview pv = PreviewImport(other, ou, f, ImportMode::Replace, nullptr);
        CHECK(pv.quarantined_new == 3);
        CHECK(pv.papers_removed == 1);
        CHECK(ApplyImport(other, ou, f, ImportMode::Replace));
        CHECK(other.Quarantined().size() == 4);
        CHECK(other.Quarantined().count(mine.Id()) == 1);
        CHECK(other.Find("how-to-read") == nullptr);
        CHECK(other.Find("tvm") != nullptr);
    }
}

TEST_CASE("quarantine: a Replace import that only brings quarantined records reports a change") {
    Progress p;
    CHECK(p.SetStatus("tvm", Status::Read, kT));
    CHECK(p.AddQuarantined(Q("gpipe", "{\"status\":\"archived\"}"), false));
    const ProgressFile f = ParseOrFail(ExportProgressFile(p, UserData{}, kT, "t"));

    Progress other; // the same records, no quarantine
    CHECK(other.SetStatus("tvm", Status::Read, kT));
    UserData ou;
    const ImportPreview pv = PreviewImport(other, ou, f, ImportMode::Replace, nullptr);
    CHECK(pv.papers_changed == 0);
    CHECK(pv.quarantined_new == 1);
    CHECK(pv.ChangesAnything());
    // ApplyImport: "Returns true when anything changed" - the quarantined record was added.
    CHECK(ApplyImport(other, ou, f, ImportMode::Replace));
    CHECK(other.Quarantined().size() == 1);
}

TEST_CASE("quarantine: a file without note copies or quarantined records is still version 1") {
    Progress p;
    CHECK(p.SetStatus("tvm", Status::Read, kT));
    CHECK(p.SetNote("tvm", "note " + kGa, kT));
    CHECK(p.SetTags("tvm", {"x"}, kT));
    const std::string text = ExportProgressFile(p, UserData{}, kT, "t");
    CHECK(HasVersion(text, 1));
    CHECK_FALSE(Contains(text, "quarantine"));
    CHECK_FALSE(Contains(text, "noteCopies"));
    CHECK(ParseOrFail(text).version == 1);
    // A record without copies is stored without the key.
    CHECK_FALSE(Contains(ProgressRecordToJson(*p.Find("tvm")), "noteCopies"));

    // Adding a copy makes it version 2; dismissing does not bring it back to 1.
    CHECK(p.AddNoteCopy("tvm", {kT - 1, "other", false}));
    CHECK(HasVersion(ExportProgressFile(p, UserData{}, kT, "t"), 2));
    CHECK(p.DismissNoteCopy("tvm", kT - 1, "other"));
    CHECK(HasVersion(ExportProgressFile(p, UserData{}, kT, "t"), 2));
}

TEST_CASE(
    "quarantine: a long reason cut inside a multi-byte character still exports a file the importer accepts") {
    // Reasons are cut to kMaxQuarantineReasonBytes; Korean text across the cut.
    std::string reason(kMaxQuarantineReasonBytes - 1, 'a');
    reason += kGa + kNa;
    Progress p;
    CHECK(p.AddQuarantined(Q("tvm", "{\"status\":\"archived\"}", reason), false));
    const QuarantinedRecord& kept = p.Quarantined().begin()->second;
    CHECK(kept.reason.size() <= kMaxQuarantineReasonBytes);
    CHECK(utf8::IsValid(kept.reason));
    const std::string text = ExportProgressFile(p, UserData{}, kT, "t");
    ProgressFileError err;
    const auto f = ParseProgressFile(text, &err);
    INFO(err.ToString());
    REQUIRE(f.has_value());
    REQUIRE(f->quarantine.size() == 1);
    CHECK(f->quarantine[0].reason == kept.reason);
}

// ---------------------------------------------------------------------------------------
// 4. Note copies
// ---------------------------------------------------------------------------------------

TEST_CASE("note copies: add and dismiss") {
    Progress p;
    CHECK(p.AddNoteCopy("tvm", {kT + 5, "later", false}));
    CHECK(p.AddNoteCopy("tvm", {kT, "earlier " + kZhong, false}));
    CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
    CHECK_FALSE(p.AddNoteCopy("tvm", {kT + 5, "later", false})); // the same copy
    CHECK_FALSE(p.HasDirty());
    const PaperProgress* r = p.Find("tvm");
    REQUIRE(r != nullptr);
    REQUIRE(r->note_copies.size() == 2);
    CHECK(r->note_copies[0] == NoteCopy{kT, "earlier " + kZhong, false});
    CHECK(r->note_copies[1] == NoteCopy{kT + 5, "later", false});

    CHECK(p.DismissNoteCopy("tvm", kT + 5, "later"));
    CHECK(p.TakeDirty() == std::vector<std::string>{"tvm"});
    CHECK(p.Find("tvm")->note_copies[1].dismissed);
    CHECK_FALSE(p.Find("tvm")->note_copies[0].dismissed);
    CHECK_FALSE(p.DismissNoteCopy("tvm", kT + 5, "later"));   // already
    CHECK_FALSE(p.DismissNoteCopy("tvm", kT + 6, "later"));   // no such copy
    CHECK_FALSE(p.DismissNoteCopy("tvm", kT + 5, "LATER"));   // no such copy
    CHECK_FALSE(p.DismissNoteCopy("gpipe", kT + 5, "later")); // no such paper
    CHECK(p.Find("gpipe") == nullptr);
    CHECK_FALSE(p.HasDirty());
    // Adding a dismissed copy again as not dismissed does not undo the dismissal.
    CHECK_FALSE(p.AddNoteCopy("tvm", {kT + 5, "later", false}));
    CHECK(p.Find("tvm")->note_copies[1].dismissed);
    // The note itself is untouched.
    CHECK(p.Find("tvm")->note.empty());
    CHECK(p.Find("tvm")->note_at == 0);
}

TEST_CASE("note copies: MergeInto unites both sides, dismissed sticks, and commutes") {
    PaperProgress a = Record("tvm"), b = Record("tvm");
    a.note = "mine";
    a.note_at = kT + 10;
    a.note_copies = {{kT + 1, "x", false}, {kT + 2, "y", false}};
    b.note = "theirs";
    b.note_at = kT + 20;
    b.note_copies = {{kT + 2, "y", true}, {kT + 3, "z " + kGa, false}};

    PaperProgress ab = a, ba = b;
    CHECK(MergeInto(ab, b));
    CHECK(MergeInto(ba, a));
    CHECK(ab == ba);
    const std::vector<NoteCopy> expected = {
        {kT + 1, "x", false}, {kT + 2, "y", true}, {kT + 3, "z " + kGa, false}};
    CHECK(ab.note_copies == expected);
    CHECK(ab.note == "theirs");
    // Idempotent.
    CHECK_FALSE(MergeInto(ab, b));
    CHECK_FALSE(MergeInto(ab, a));
    CHECK(ab.note_copies == expected);

    // A side without copies keeps the other's.
    PaperProgress none = Record("tvm");
    PaperProgress c = a;
    CHECK_FALSE(MergeInto(c, none));
    CHECK(c.note_copies == a.note_copies);
    PaperProgress d = none;
    CHECK(MergeInto(d, a));
    CHECK(d.note_copies == a.note_copies);

    // Through Progress::MergeStored as well.
    Progress p;
    p.MergeStored(a);
    (void)p.TakeDirty();
    CHECK(p.MergeStored(b));
    CHECK(p.Find("tvm")->note_copies == expected);
}

TEST_CASE("note copies: at most kMaxNoteCopies, dismissed ones dropped first, then the oldest") {
    REQUIRE(kMaxNoteCopies == 8);
    Progress p;
    for (int i = 1; i <= 8; ++i)
        CHECK(p.AddNoteCopy("tvm", {kT + i, "c" + std::to_string(i), false}));
    CHECK(p.DismissNoteCopy("tvm", kT + 3, "c3"));
    CHECK(p.DismissNoteCopy("tvm", kT + 6, "c6"));
    CHECK(p.AddNoteCopy("tvm", {kT + 9, "c9", false}));   // drops dismissed c3
    CHECK(p.AddNoteCopy("tvm", {kT + 10, "c10", false})); // drops dismissed c6
    CHECK(p.AddNoteCopy("tvm", {kT + 11, "c11", false})); // drops the oldest, c1
    std::vector<int64_t> ats;
    for (const NoteCopy& c : p.Find("tvm")->note_copies)
        ats.push_back(c.at - kT);
    CHECK(ats == std::vector<int64_t>{2, 4, 5, 7, 8, 9, 10, 11});
    // An older copy than all kept ones is dropped at once.
    CHECK_FALSE(p.AddNoteCopy("tvm", {kT, "c0", false}));
    CHECK(p.Find("tvm")->note_copies.size() == kMaxNoteCopies);

    // The same limits in MergeInto, in both orders.
    PaperProgress a = Record("tvm"), b = Record("tvm");
    for (int i = 1; i <= 8; ++i)
        a.note_copies.push_back({kT + i, "a" + std::to_string(i), false});
    for (int i = 11; i <= 18; ++i)
        b.note_copies.push_back({kT + i, "b" + std::to_string(i), i == 15});
    PaperProgress ab = a, ba = b;
    MergeInto(ab, b);
    MergeInto(ba, a);
    CHECK(ab == ba);
    ats.clear();
    for (const NoteCopy& c : ab.note_copies)
        ats.push_back(c.at - kT);
    CHECK(ats == std::vector<int64_t>{8, 11, 12, 13, 14, 16, 17, 18});
}

TEST_CASE("note copies: round trip through the stored record and a version 2 file") {
    PaperProgress r = Record("tvm");
    r.status = Status::Reading;
    r.status_at = kT;
    r.history = {{Status::Reading, kT}};
    r.note = "mine " + kGa;
    r.note_at = kT + 10;
    r.note_copies = {{kT + 1, "theirs\n\"quoted\" " + kZhong + kWen, false}, {kT + 2, "", true}};

    const std::string json = ProgressRecordToJson(r);
    CHECK(Contains(json, ",\"noteCopies\":[[1700000000001,"));
    CHECK(Contains(json, "[1700000000002,\"\",1]]"));
    std::string why;
    const auto back = ProgressRecordFromJson(json, &why);
    INFO(why);
    REQUIRE(back.has_value());
    CHECK(*back == r);
    CHECK(back->note_copies == r.note_copies);

    Progress p;
    p.MergeStored(r);
    const std::string text = ExportProgressFile(p, UserData{}, kT, "t");
    CHECK(HasVersion(text, 2));
    const ProgressFile f = ParseOrFail(text);
    REQUIRE(f.papers.size() == 1);
    CHECK(f.papers[0] == r);
    CHECK(ExportProgressFile(f, kT, "t") == text);

    // A version 1 file may not carry note copies.
    std::string v1 = text;
    v1.replace(v1.find("\"version\": 2"), 12, "\"version\": 1");
    CHECK(Contains(ErrorOf(v1), "needs format version 2"));
}

// ---------------------------------------------------------------------------------------
// 5. Strict import checks: NUL in notes
// ---------------------------------------------------------------------------------------

TEST_CASE("strict import: a note with NUL is refused with the byte named; storage reading keeps it") {
    const std::string rec = R"({"paper":"tvm","status":"read","statusAt":1,"note":"ab\u0000cd","noteAt":2})";

    ProgressFileError err;
    const std::string msg = ErrorOf(FileWithPapers(1, rec), &err);
    CHECK(err.pointer == "/papers/0/note");
    CHECK(err.line == 7);
    CHECK(Contains(msg, "NUL"));
    CHECK(Contains(msg, "U+0000"));
    CHECK(Contains(msg, "at byte 2"));

    // The same in a note copy.
    const std::string with_copy =
        R"({"paper":"tvm","status":"read","statusAt":1,"note":"fine","noteAt":2,"noteCopies":[[3,"x\u0000",0]]})";
    ErrorOf(FileWithPapers(2, with_copy), &err);
    CHECK(err.pointer == "/papers/0/noteCopies/0/1");
    CHECK(Contains(err.message, "at byte 1"));

    // ProgressRecordFromValue directly.
    const nlohmann::json j = nlohmann::json::parse(rec);
    std::string field, message;
    CHECK_FALSE(ProgressRecordFromValue(j, true, &field, &message).has_value());
    CHECK(field == "/note");
    CHECK(Contains(message, "U+0000"));
    const auto lax = ProgressRecordFromValue(j, false, &field, &message);
    REQUIRE(lax.has_value());
    CHECK(lax->note == "ab\xE2\x90\x80"
                       "cd"); // shown as U+2400, nothing after it lost

    // Storage (non-strict) keeps every other byte; each NUL an older build may have stored
    // becomes U+2400 SYMBOL FOR NULL (visible, and accepted by the importer).
    const std::string stored =
        R"({"paper":"tvm","status":"read","statusAt":1,"note":"\u0000ab\u0000\u0001 )" + kGa +
        R"(\u0000","noteAt":2,"noteCopies":[[3,"y\u0000z",1]]})";
    std::string why;
    const auto p = ProgressRecordFromJson(stored, &why);
    INFO(why);
    REQUIRE(p.has_value());
    const std::string sym = "\xE2\x90\x80";
    CHECK(p->note == sym + "ab" + sym + "\x01 " + kGa + sym);
    CHECK(p->note.size() == 16);
    REQUIRE(p->note_copies.size() == 1);
    CHECK(p->note_copies[0].text == "y" + sym + "z");
    // And stores it back unchanged.
    const auto again = ProgressRecordFromJson(ProgressRecordToJson(*p), &why);
    REQUIRE(again.has_value());
    CHECK(*again == *p);

    // A raw NUL byte in the file is refused before parsing, with its offset.
    std::string raw =
        FileWithPapers(1, R"({"paper":"tvm","status":"read","statusAt":1,"note":"abXcd","noteAt":2})");
    const size_t x = raw.find("abXcd") + 2;
    raw[x] = '\0';
    CHECK(Contains(ErrorOf(raw), "NUL byte (at byte " + std::to_string(x) + ")"));
}

TEST_CASE("strict import: a stored note with NUL exports to a file the app's own importer accepts") {
    // A NUL note read from storage (accepted there, see above) and then exported: the
    // backup or transfer file must import again, like any file the app makes.
    std::string why;
    const auto rec = ProgressRecordFromJson(
        R"({"paper":"tvm","status":"read","statusAt":1,"note":"ab\u0000cd","noteAt":2})", &why);
    REQUIRE(rec.has_value());
    Progress p;
    p.MergeStored(*rec);
    const std::string text = ExportProgressFile(p, UserData{}, kT, "t");
    ProgressFileError err;
    const auto f = ParseProgressFile(text, &err);
    INFO(err.ToString());
    CHECK(f.has_value());
}

TEST_CASE("strict import: tags accepted by Progress::SetTags read back from storage and from an export") {
    // SetTags normalizes (trims, sorts, dedupes) but does not run CheckTags; the record
    // reader (storage, non-strict) and the importer do. A tag the editor let through must
    // not turn the record unreadable on the next load (it would be quarantined).
    const std::vector<std::vector<std::string>> cases = {
        {"ok", "rtl\xE2\x80\x8F"
               "mark"},               // U+200F, common in copied right-to-left text
        {"ok", "a,b"},                // a comma
        {"ok", std::string(70, 'x')}, // over kMaxTagBytes
    };
    for (const auto& tags : cases) {
        CAPTURE(tags.back());
        Progress p;
        p.SetTags("tvm", tags, kT);
        const PaperProgress* r = p.Find("tvm");
        REQUIRE(r != nullptr);
        std::string why;
        const auto back = ProgressRecordFromJson(ProgressRecordToJson(*r), &why);
        INFO(why);
        CHECK(back.has_value());
        ProgressFileError err;
        const auto f = ParseProgressFile(ExportProgressFile(p, UserData{}, kT, "t"), &err);
        INFO(err.ToString());
        CHECK(f.has_value());
    }
}
