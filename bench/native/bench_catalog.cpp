// Catalogue load: LoadCatalogueFiles() on in-memory data-folder files and
// LoadCatalogueDir() on the same files written to disk, at 1k, 10k and 50k papers over
// 50 lists. Also the generator itself (the app's ?synthetic= mode runs it at start-up).
#include <benchmark/benchmark.h>

#include <filesystem>
#include <string>

#include "workloads.h"

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

void Counters(benchmark::State& state, int papers, const std::map<std::string, std::string>& files) {
    state.counters["papers"] = papers;
    state.counters["input_bytes"] = static_cast<double>(TotalBytes(files));
    state.counters["papers_json_bytes"] = static_cast<double>(files.at("papers.json").size());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) *
                            static_cast<int64_t>(TotalBytes(files)));
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * papers);
}

void BM_LoadCatalogueFiles(benchmark::State& state) {
    const int papers = static_cast<int>(state.range(0));
    const auto& files = DataFilesOf(papers);
    for (auto _ : state) {
        CatalogueLoad load = LoadCatalogueFiles(files);
        if (!load.ok()) {
            state.SkipWithError(load.errors.front().ToString().c_str());
            break;
        }
        benchmark::DoNotOptimize(load.catalogue.papers.data());
    }
    Counters(state, papers, files);
}
BENCHMARK(BM_LoadCatalogueFiles)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

void BM_LoadCatalogueDir(benchmark::State& state) {
    const int papers = static_cast<int>(state.range(0));
    const auto& files = DataFilesOf(papers);
    const std::string dir =
        (std::filesystem::temp_directory_path() / ("shelfmark-bench-" + std::to_string(papers))).string();
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
    if (!WriteDataFiles(files, dir)) {
        state.SkipWithError(("cannot write " + dir).c_str());
        return;
    }
    for (auto _ : state) {
        CatalogueLoad load = LoadCatalogueDir(dir);
        if (!load.ok()) {
            state.SkipWithError(load.errors.front().ToString().c_str());
            break;
        }
        benchmark::DoNotOptimize(load.catalogue.papers.data());
    }
    std::filesystem::remove_all(dir, ec);
    Counters(state, papers, files);
}
BENCHMARK(BM_LoadCatalogueDir)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

void BM_GenerateSynthetic(benchmark::State& state) {
    const int papers = static_cast<int>(state.range(0));
    for (auto _ : state) {
        Catalogue c = GenerateSyntheticCatalogue(Spec(papers));
        Progress p = GenerateSyntheticProgress(Spec(papers));
        benchmark::DoNotOptimize(c.papers.data());
        benchmark::DoNotOptimize(&p);
    }
    state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * papers);
}
BENCHMARK(BM_GenerateSynthetic)->Arg(50000)->Unit(benchmark::kMillisecond);

} // namespace
