// Search with core/search.h: building the index (1k / 10k / 50k papers), one keystroke
// (parse + search of each prefix of a typed query, as the search box does; 10k and 50k),
// and filter-only queries (50k). Compiles to nothing until core/search.h exists.
#if SHELFMARK_BENCH_HAS_SEARCH
#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

#include "core/search.h"
#include "workloads.h"

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

const Progress& ProgressOf(int papers) {
    static std::map<int, Progress> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) it = cache.emplace(papers, GenerateSyntheticProgress(Spec(papers))).first;
    return it->second;
}

const SearchIndex& IndexOf(int papers) {
    static std::map<int, SearchIndex> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) {
        it = cache.emplace(papers, SearchIndex{}).first;
        it->second.Build(CatalogueOf(papers), ProgressOf(papers));
    }
    return it->second;
}

void BM_SearchIndexBuild(benchmark::State& state) {
    const int papers = static_cast<int>(state.range(0));
    const Catalogue& c = CatalogueOf(papers);
    const Progress& p = ProgressOf(papers);
    size_t bytes = 0;
    for (auto _ : state) {
        SearchIndex index;
        index.Build(c, p);
        bytes = index.MemoryBytes();
        benchmark::DoNotOptimize(&index);
    }
    state.counters["papers"] = papers;
    state.counters["index_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_SearchIndexBuild)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMillisecond);

// One keystroke: the text typed so far is parsed and searched again.
void Keystroke(benchmark::State& state, int papers, const std::string& text) {
    const SearchIndex& index = IndexOf(papers);
    const Progress& progress = ProgressOf(papers);
    size_t total = 0;
    for (auto _ : state) {
        SearchResult r = Search(ParseQuery(text), index, progress);
        total = r.total;
        benchmark::DoNotOptimize(r.hits.data());
    }
    state.counters["papers"] = papers;
    state.counters["matches"] = static_cast<double>(total);
}

// Typing "pipeline sched" one key at a time, a typo, notes words, and filters.
const std::vector<std::string>& KeystrokeQueries() {
    static const std::vector<std::string> q = [] {
        std::vector<std::string> v;
        const std::string typed = "pipeline sched";
        for (size_t n = 1; n <= typed.size(); ++n) {
            if (typed[n - 1] != ' ') v.push_back(typed.substr(0, n));
        }
        v.push_back("pipelnie");         // a typo while typing
        v.push_back("bottleneck moves"); // words that occur in notes
        return v;
    }();
    return q;
}

const std::vector<std::string> kFilters = {
    "status:read",
    "status:reading,queued year:2020..",
    "venue:osdi,sosp has:note",
    "role:required -status:read",
    "list:cs-294 role:required",
    "kind:talk,article year:..2010",
};

int RegisterSearchBenchmarks() {
    for (int papers : {10000, 50000}) {
        for (const std::string& q : KeystrokeQueries()) {
            benchmark::RegisterBenchmark(
                ("BM_SearchKeystroke/" + std::to_string(papers) + "/\"" + q + "\"").c_str(),
                [papers, q](benchmark::State& s) { Keystroke(s, papers, q); })
                ->Unit(benchmark::kMicrosecond);
        }
        for (const std::string& q : kFilters) {
            if (papers != 50000) continue;
            benchmark::RegisterBenchmark(
                ("BM_SearchFilter/" + std::to_string(papers) + "/\"" + q + "\"").c_str(),
                [papers, q](benchmark::State& s) { Keystroke(s, papers, q); })
                ->Unit(benchmark::kMicrosecond);
        }
    }
    return 0;
}
const int registered = RegisterSearchBenchmarks();

} // namespace
#endif
