// Progress of 10k papers: export (records -> JSON lines), import (JSON lines -> records
// merged into an empty Progress) and merge (another device's copy into ours), with the
// per-record API of core/progress.h. When core/progress_file.h is present, the same
// three through its whole-file API as well.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "operations.h"
#if SHELFMARK_BENCH_HAS_PROGRESS_FILE
#include "core/progress_file.h"
#endif

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

constexpr int kRecords = 10000;

void BM_ProgressExportRecords(benchmark::State& state) {
    const auto& records = RecordsOf(kRecords);
    size_t bytes = 0;
    for (auto _ : state) {
        std::string out = ExportJsonLines(records);
        bytes = out.size();
        benchmark::DoNotOptimize(out.data());
    }
    state.counters["records"] = kRecords;
    state.counters["output_bytes"] = static_cast<double>(bytes);
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRecords);
}
BENCHMARK(BM_ProgressExportRecords)->Unit(benchmark::kMillisecond);

void BM_ProgressImportRecords(benchmark::State& state) {
    const std::string text = ExportJsonLines(RecordsOf(kRecords));
    for (auto _ : state) {
        Progress progress;
        ImportJsonLines(text, &progress);
        benchmark::DoNotOptimize(&progress);
    }
    state.counters["records"] = kRecords;
    state.counters["input_bytes"] = static_cast<double>(text.size());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ProgressImportRecords)->Unit(benchmark::kMillisecond);

void BM_ProgressMergeRecords(benchmark::State& state) {
    const auto& mine = RecordsOf(kRecords);
    const std::vector<PaperProgress> theirs = OtherDevice(mine);
    const Progress base = ProgressFrom(mine);
    for (auto _ : state) {
        state.PauseTiming();
        Progress progress = base;
        state.ResumeTiming();
        for (const PaperProgress& p : theirs)
            progress.MergeStored(p);
        benchmark::DoNotOptimize(&progress);
    }
    state.counters["records"] = kRecords;
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * kRecords);
}
BENCHMARK(BM_ProgressMergeRecords)->Unit(benchmark::kMillisecond);

#if SHELFMARK_BENCH_HAS_PROGRESS_FILE
// The progress file (core/progress_file.h): what Export / Import in the app run.
constexpr int64_t kExportedAt = 1767225600000; // 2026-01-01T00:00:00Z

void BM_ProgressFileExport(benchmark::State& state) {
    const Progress progress = ProgressFrom(RecordsOf(kRecords));
    const UserData user;
    size_t bytes = 0;
    for (auto _ : state) {
        std::string text = ExportProgressFile(progress, user, kExportedAt);
        bytes = text.size();
        benchmark::DoNotOptimize(text.data());
    }
    state.counters["records"] = kRecords;
    state.counters["file_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ProgressFileExport)->Unit(benchmark::kMillisecond);

void BM_ProgressFileParse(benchmark::State& state) {
    const std::string text = ExportProgressFile(ProgressFrom(RecordsOf(kRecords)), UserData{}, kExportedAt);
    for (auto _ : state) {
        ProgressFileError error;
        auto file = ParseProgressFile(text, &error);
        if (!file) {
            state.SkipWithError(error.ToString().c_str());
            break;
        }
        benchmark::DoNotOptimize(file->papers.data());
    }
    state.counters["records"] = kRecords;
    state.counters["file_bytes"] = static_cast<double>(text.size());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ProgressFileParse)->Unit(benchmark::kMillisecond);

// Import in Merge mode of the other device's file into ours: parse, preview (the dialog
// shows it), apply. The whole user-visible import of 10k entries.
void BM_ProgressFileImportMerge(benchmark::State& state) {
    const auto& mine = RecordsOf(kRecords);
    const Progress base = ProgressFrom(mine);
    const std::string text = ExportProgressFile(ProgressFrom(OtherDevice(mine)), UserData{}, kExportedAt);
    const Catalogue& catalogue = CatalogueOf(kRecords * 2 + 100);
    for (auto _ : state) {
        state.PauseTiming();
        Progress progress = base;
        UserData user;
        state.ResumeTiming();
        ProgressFileError error;
        auto file = ParseProgressFile(text, &error);
        if (!file) {
            state.SkipWithError(error.ToString().c_str());
            break;
        }
        ImportPreview preview = PreviewImport(progress, user, *file, ImportMode::Merge, &catalogue);
        benchmark::DoNotOptimize(preview.papers_changed);
        ApplyImport(progress, user, *file, ImportMode::Merge);
        benchmark::DoNotOptimize(&progress);
    }
    state.counters["records"] = kRecords;
    state.counters["file_bytes"] = static_cast<double>(text.size());
}
BENCHMARK(BM_ProgressFileImportMerge)->Unit(benchmark::kMillisecond);

// ApplyImport alone (Merge), on an already parsed file.
void BM_ProgressFileApplyMerge(benchmark::State& state) {
    const auto& mine = RecordsOf(kRecords);
    const Progress base = ProgressFrom(mine);
    ProgressFileError error;
    const auto file = ParseProgressFile(
        ExportProgressFile(ProgressFrom(OtherDevice(mine)), UserData{}, kExportedAt), &error);
    if (!file) {
        state.SkipWithError(error.ToString().c_str());
        return;
    }
    for (auto _ : state) {
        state.PauseTiming();
        Progress progress = base;
        UserData user;
        state.ResumeTiming();
        ApplyImport(progress, user, *file, ImportMode::Merge);
        benchmark::DoNotOptimize(&progress);
    }
    state.counters["records"] = kRecords;
}
BENCHMARK(BM_ProgressFileApplyMerge)->Unit(benchmark::kMillisecond);
#endif

} // namespace
