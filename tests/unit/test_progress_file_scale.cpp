// The progress file at its budget (docs/progress-file.md, "Size budget"): the file of a
// reader with 50,000 papers and 500 lists of their own round-trips, the limit is exact,
// and one record over the per-record limit is refused where it is. The 50,000-paper cases
// are the test suite progress_scale (their own ctest entry: slow under ASan).
#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "core/import_plan.h"
#include "core/progress_file.h"
#include "core/synthetic.h"
#include "progress_test_support.h"

using namespace shelfmark;
using shelfmark::testing::Contains;
using shelfmark::testing::ReadAll;

namespace {

constexpr int64_t kExportedAt = 1767225600000; // 2026-01-01T00:00:00Z
// "Now" for imports: after every synthetic edit, so no timestamp is clamped.
constexpr int64_t kNow = 1798761600000; // 2027-01-01T00:00:00Z

SyntheticSpec BudgetSpec() {
    SyntheticSpec spec;
    spec.papers = 50000;
    spec.lists = 50;
    spec.touched_percent = 100; // every paper has a record
    spec.user_lists = 500;
    return spec;
}

struct BudgetFile {
    Progress progress;
    UserData user;
    std::string text;
};

const BudgetFile& Budget() {
    static const BudgetFile file = [] {
        BudgetFile f;
        f.progress = GenerateSyntheticProgress(BudgetSpec());
        f.user = GenerateSyntheticUserData(BudgetSpec());
        f.text = ExportProgressFile(f.progress, f.user, kExportedAt, "synthetic");
        return f;
    }();
    return file;
}

const std::string kHead = "{\n  \"format\": \"shelfmark-progress\",\n  \"version\": 2,\n"
                          "  \"exportedAt\": \"2026-01-31T12:00:00Z\",\n  \"appVersion\": \"0.1.0\",\n"
                          "  \"papers\": [\n    ";
const std::string kTail = "\n  ]\n}\n";

std::string NoteCopies(size_t count, size_t bytes) {
    std::string out = "[";
    for (size_t i = 0; i < count; ++i)
        out += std::string(i ? "," : "") + "[" + std::to_string(i + 1) + ",\"" + std::string(bytes, 'c') +
               "\",0]";
    return out + "]";
}

} // namespace

TEST_SUITE("progress_scale") {
    TEST_CASE("progress file: 50,000 papers and 500 lists round-trip within the budget") {
        const BudgetFile& b = Budget();
        CHECK(b.progress.Records().size() == 50000);
        CHECK(b.user.lists.size() == 500);
        CHECK(b.user.papers.size() == 2000);
        // The stated budget: the file fits with headroom (44.3 MiB of 64 MiB).
        CHECK(b.text.size() > (40u << 20));
        CHECK(b.text.size() * 4 < kMaxProgressFileBytes * 3);

        ProgressFileError err;
        const std::optional<ProgressFile> file = ParseProgressFile(b.text, &err);
        REQUIRE_MESSAGE(file.has_value(), err.ToString());
        REQUIRE(file->papers.size() == 50000);
        size_t i = 0;
        bool same = true;
        for (const auto& [id, rec] : b.progress.Records())
            same = same && file->papers[i++] == rec;
        CHECK(same);
        CHECK(file->user == b.user);
        // Korean and Chinese list titles came through as the same UTF-8.
        size_t cjk = 0;
        for (const auto& [id, l] : file->user.lists)
            cjk +=
                Contains(l.list.title, "\xEB\x85\xBC\xEB\xAC\xB8") || Contains(l.list.title, "\xE8\xAF\xBB")
                    ? 1
                    : 0;
        CHECK(cjk > 0);
        // Export -> parse -> export gives the same bytes.
        CHECK(ExportProgressFile(*file, kExportedAt, "synthetic") == b.text);

        // Imported into an empty store (merge), the store holds the same data.
        Progress progress;
        UserData user;
        const ImportPlan plan = PlanImport(b.text, "big.json", progress, user, nullptr, kNow);
        REQUIRE_MESSAGE(plan.error.empty(), plan.error);
        CHECK(plan.merge.papers_new == 50000);
        CHECK(plan.merge.lists_new == 500);
        CHECK(ApplyPlan(plan, ImportMode::Merge, progress, user, kNow).changed);
        CHECK(progress.Records() == b.progress.Records());
        CHECK(user == b.user);
    }

    TEST_CASE("progress file: a file of exactly the limit is read, one byte more is refused and nothing "
              "applied") {
        const BudgetFile& b = Budget();
        REQUIRE(b.text.size() < kMaxProgressFileBytes);
        std::string at_limit = b.text;
        at_limit.append(kMaxProgressFileBytes - at_limit.size(), ' '); // trailing blanks: still valid
        ProgressFileError err;
        CHECK_MESSAGE(ParseProgressFile(at_limit, &err).has_value(), err.ToString());

        const std::string over = at_limit + " ";
        CHECK_FALSE(ParseProgressFile(over, &err).has_value());
        CHECK(err.ToString() == "file too large: " + std::to_string(kMaxProgressFileBytes + 1) +
                                    " bytes, the limit is " + std::to_string(kMaxProgressFileBytes) +
                                    " bytes (64 MiB)");

        // Through the import pipeline: the plan offers nothing, applying changes nothing.
        Progress progress;
        progress.SetStatus("kept", Status::Reading, kExportedAt);
        UserData user;
        const Progress progress_before = progress;
        const ImportPlan plan = PlanImport(over, "big.json", progress, user, nullptr, kExportedAt);
        CHECK(Contains(plan.error, "file too large"));
        CHECK_FALSE(ApplyPlan(plan, ImportMode::Merge, progress, user, kExportedAt).applied);
        CHECK_FALSE(ApplyPlan(plan, ImportMode::Replace, progress, user, kExportedAt).applied);
        CHECK(progress.Records() == progress_before.Records());
        CHECK(user.Empty());
    }
}

TEST_CASE("progress file: a paper record over the per-record limit is refused at its position") {
    const std::string ok = "{\"paper\":\"ok\",\"status\":\"read\",\"statusAt\":1}";
    // 20 copies of 256 KiB: 5 MiB of values in one record (the limit is 4 MiB).
    const std::string big =
        "{\"paper\":\"big\",\"status\":\"read\",\"statusAt\":1,\"noteCopies\":" + NoteCopies(20, 256 * 1024) +
        "}";
    const std::string text = kHead + ok + ",\n    " + big + kTail;
    ProgressFileError err;
    CHECK_FALSE(ParseProgressFile(text, &err).has_value());
    CHECK(err.pointer == "/papers/1");
    CHECK(err.line == 8);
    CHECK(Contains(err.ToString(), "line 8 (/papers/1): a paper record larger than the limit of 4 MiB"));

    // Nothing is applied from it.
    Progress progress;
    UserData user;
    const ImportPlan plan = PlanImport(text, "f.json", progress, user, nullptr, kExportedAt);
    CHECK(Contains(plan.error, "(/papers/1): a paper record larger than the limit"));
    CHECK_FALSE(ApplyPlan(plan, ImportMode::Merge, progress, user, kExportedAt).applied);
    CHECK(progress.Records().empty());
}

TEST_CASE("progress file: the largest valid paper record fits the per-record limit") {
    // A 256 KiB note, 8 note copies of 256 KiB, 1,000 history entries and 32 tags of 64 bytes.
    ProgressFile f;
    PaperProgress p;
    p.paper = "big";
    for (int i = 0; i < static_cast<int>(kMaxHistory); ++i)
        p.history.push_back({i % 2 ? Status::Read : Status::Reading, 1000 + i});
    p.status = p.history.back().status;
    p.status_at = p.history.back().at;
    p.note = std::string(kMaxNoteBytes, 'n');
    p.note_at = 5000;
    for (size_t i = 0; i < kMaxNoteCopies; ++i)
        p.note_copies.push_back({static_cast<int64_t>(100 + i), std::string(kMaxNoteBytes, 'c'), false});
    for (int i = 0; i < static_cast<int>(kMaxTags); ++i)
        p.tags.push_back(std::string(kMaxTagBytes - 3, 't') + std::to_string(100 + i));
    p.tags_at = 5000;
    f.papers.push_back(p);
    const std::string text = ExportProgressFile(f, kExportedAt);
    ProgressFileError err;
    const std::optional<ProgressFile> file = ParseProgressFile(text, &err);
    REQUIRE_MESSAGE(file.has_value(), err.ToString());
    CHECK(file->papers.front() == p);
}

TEST_CASE("progress file: the page's file limit is the core's") {
    // src/platform/page_web.js cannot include the header: its copy must agree.
    const std::string js = ReadAll(SHELFMARK_SEEDS_DIR "/../../src/platform/page_web.js");
    std::smatch m;
    REQUIRE(std::regex_search(js, m, std::regex(R"(maxBytes:\s*(\d+)\s*\*\s*1024\s*\*\s*1024)")));
    CHECK((std::stoull(m[1].str()) << 20) == kMaxProgressFileBytes);
}

TEST_CASE("synthetic: the user's own lists are deterministic and point at papers that exist") {
    SyntheticSpec spec;
    spec.papers = 1000;
    CHECK(GenerateSyntheticUserData(spec).Empty()); // user_lists = 0 by default
    spec.user_lists = 20;
    const UserData a = GenerateSyntheticUserData(spec), b = GenerateSyntheticUserData(spec);
    CHECK(a == b);
    CHECK(a.lists.size() == 20);
    CHECK(a.papers.size() == 80);
    const Catalogue catalogue = GenerateSyntheticCatalogue(spec);
    size_t entries = 0, own = 0;
    for (const auto& [id, l] : a.lists) {
        CHECK(l.list.kind == "user");
        for (const Section& s : l.list.sections)
            for (const Entry& e : s.entries) {
                ++entries;
                own += a.papers.count(e.paper);
                CHECK_MESSAGE((catalogue.FindPaper(e.paper) || a.papers.count(e.paper)), e.paper);
            }
    }
    CHECK(entries > 20 * 2 * 5 / 2);
    CHECK(own > 0);
    CHECK(own < entries / 4);
}
