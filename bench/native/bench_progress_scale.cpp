// The progress file at its budget (docs/progress-file.md, "Size budget"): the file of a
// reader with 50,000 papers (every one with a record, a 0.5-4 KB note on one in four) and
// 500 lists of their own, 44.3 MiB. Parse (streamed: ParseProgressFile), the same text
// parsed whole into a DOM and then read (how the reader worked before streaming, when a
// file this size was refused at 32 MiB: the baseline), and the app's import in Merge mode
// (parse, preview, apply) into a store holding another device's copy. Each row also
// reports the heap: its high-water mark above the start and what is kept at the end
// (HeapMeter, one extra untimed run), in MiB and as a multiple of the file's size.
#include <benchmark/benchmark.h>

#include <nlohmann/json.hpp>

#include "core/json_limits.h"
#include "core/progress_file.h"
#include "core/synthetic.h"
#include "heap_meter.h"
#include "operations.h"
#include "workloads.h"

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

constexpr int64_t kExportedAt = 1767225600000; // 2026-01-01T00:00:00Z
constexpr double kMiB = 1024.0 * 1024.0;

SyntheticSpec BudgetSpec() {
    SyntheticSpec s = Spec(50000);
    s.touched_percent = 100;
    s.user_lists = 500;
    return s;
}

struct Budget {
    std::vector<PaperProgress> records;
    UserData user;
    std::string text;
};

const Budget& BudgetFile() {
    static const Budget b = [] {
        Budget out;
        const Progress p = GenerateSyntheticProgress(BudgetSpec());
        for (const auto& [id, rec] : p.Records())
            out.records.push_back(rec);
        out.user = GenerateSyntheticUserData(BudgetSpec());
        out.text = ExportProgressFile(p, out.user, kExportedAt, "synthetic");
        return out;
    }();
    return b;
}

void HeapCounters(benchmark::State& state, const HeapMeter& m, size_t file_bytes) {
    state.counters["file_mib"] = static_cast<double>(file_bytes) / kMiB;
    state.counters["heap_peak_mib"] = static_cast<double>(m.Peak()) / kMiB;
    state.counters["heap_kept_mib"] = static_cast<double>(m.Now()) / kMiB;
    state.counters["peak_per_file_byte"] = static_cast<double>(m.Peak()) / static_cast<double>(file_bytes);
}

// The reader before streaming: a DOM of the whole file, then every record read from it.
bool ParseWhole(const std::string& text, std::vector<PaperProgress>* papers, UserData* user) {
    JsonLimits lim;
    lim.max_bytes = text.size();
    lim.max_depth = kMaxProgressFileDepth;
    lim.max_string_bytes = 4u << 20;
    JsonError jerr;
    const std::optional<nlohmann::json> root = ParseJsonLimitedAt(text, lim, &jerr);
    if (!root) return false;
    std::string field, message;
    for (const nlohmann::json& j : root->at("papers")) {
        std::optional<PaperProgress> p = ProgressRecordFromValue(j, true, &field, &message);
        if (!p) return false;
        papers->push_back(std::move(*p));
    }
    for (const nlohmann::json& j : root->at("lists")) {
        std::optional<UserList> l = UserListFromValue(j, true, &field, &message);
        if (!l) return false;
        user->lists.emplace(l->list.id, std::move(*l));
    }
    for (const nlohmann::json& j : root->at("userPapers")) {
        std::optional<UserPaper> p = UserPaperFromValue(j, true, &field, &message);
        if (!p) return false;
        user->papers.emplace(p->paper.id, std::move(*p));
    }
    return true;
}

void BM_ProgressFile50kDomBaseline(benchmark::State& state) {
    const std::string& text = BudgetFile().text;
    {
        HeapMeter m;
        {
            std::vector<PaperProgress> papers;
            UserData user;
            if (!ParseWhole(text, &papers, &user)) {
                state.SkipWithError("the DOM parse failed");
                return;
            }
            HeapCounters(state, m, text.size());
        }
    }
    for (auto _ : state) {
        std::vector<PaperProgress> papers;
        UserData user;
        ParseWhole(text, &papers, &user);
        benchmark::DoNotOptimize(papers.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ProgressFile50kDomBaseline)->Unit(benchmark::kMillisecond)->Iterations(3);

void BM_ProgressFile50kParse(benchmark::State& state) {
    const std::string& text = BudgetFile().text;
    {
        HeapMeter m;
        ProgressFileError error;
        const std::optional<ProgressFile> file = ParseProgressFile(text, &error);
        if (!file) {
            state.SkipWithError(error.ToString().c_str());
            return;
        }
        HeapCounters(state, m, text.size());
        state.counters["papers"] = static_cast<double>(file->papers.size());
        state.counters["lists"] = static_cast<double>(file->user.lists.size());
    }
    for (auto _ : state) {
        ProgressFileError error;
        auto file = ParseProgressFile(text, &error);
        benchmark::DoNotOptimize(file->papers.data());
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ProgressFile50kParse)->Unit(benchmark::kMillisecond)->Iterations(3);

// The whole user-visible import: parse, preview (the dialog), apply (Merge) into a store
// that holds the other device's version of every record and the same lists.
void BM_ProgressFile50kImportMerge(benchmark::State& state) {
    const Budget& b = BudgetFile();
    const Progress base = ProgressFrom(OtherDevice(b.records));
    const Catalogue& catalogue = CatalogueOf(50000);
    const auto import = [&](Progress& progress, UserData& user) {
        ProgressFileError error;
        auto file = ParseProgressFile(b.text, &error);
        if (!file) return false;
        ImportPreview preview = PreviewImport(progress, user, *file, ImportMode::Merge, &catalogue);
        benchmark::DoNotOptimize(preview.papers_changed);
        ApplyImport(progress, user, *file, ImportMode::Merge);
        return true;
    };
    {
        Progress progress = base;
        UserData user = b.user;
        HeapMeter m;
        if (!import(progress, user)) {
            state.SkipWithError("the file did not parse");
            return;
        }
        HeapCounters(state, m, b.text.size());
    }
    for (auto _ : state) {
        state.PauseTiming();
        Progress progress = base;
        UserData user = b.user;
        state.ResumeTiming();
        import(progress, user);
        benchmark::DoNotOptimize(&progress);
    }
}
BENCHMARK(BM_ProgressFile50kImportMerge)->Unit(benchmark::kMillisecond)->Iterations(3);

} // namespace
