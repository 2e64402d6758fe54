// The accessible mirror (src/app/mirror.h) at 1k / 10k / 50k papers: building its JSON
// after a change (what the host does when MirrorChanged() says so), and the per-frame key
// check (what every drawn frame costs). The baseline is the same build for the bundled
// catalogue's size (1k): the mirror is virtualised, so 50k should cost about the same.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>

#include "app/app_state.h"
#include "app/mirror.h"
#include "workloads.h"

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

// An app showing all papers, a screenful of rows in view and a paper open.
AppState& AppOf(int papers) {
    static std::map<int, std::unique_ptr<AppState>> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) {
        auto s = std::make_unique<AppState>();
        UseCatalogue(*s, CatalogueOf(papers));
        s->progress = GenerateSyntheticProgress(Spec(papers));
        (void)s->progress.TakeDirty();
        s->ui.list_id = ""; // all papers: the longest table
        Changed(*s, change::View{});
        UpdateDerived(*s);
        const int mid = static_cast<int>(s->derived.rows.size() / 2);
        s->ui.visible_row_first = mid;
        s->ui.visible_row_last = mid + 30;
        for (int r = mid; r < mid + 30; ++r)
            if (s->derived.rows[r].paper >= 0) {
                s->ui.cursor = s->catalogue.papers[s->derived.rows[r].paper].id;
                s->ui.selected = {s->ui.cursor};
                break;
            }
        it = cache.emplace(papers, std::move(s)).first;
    }
    return *it->second;
}

void BM_MirrorBuild(benchmark::State& state) {
    AppState& s = AppOf(static_cast<int>(state.range(0)));
    size_t bytes = 0;
    for (auto _ : state) {
        const std::string json = BuildMirror(s);
        bytes = json.size();
        benchmark::DoNotOptimize(json.data());
    }
    state.counters["json_bytes"] = static_cast<double>(bytes);
    state.counters["rows_total"] = static_cast<double>(s.derived.rows.size());
}
BENCHMARK(BM_MirrorBuild)->Arg(1000)->Arg(10000)->Arg(50000)->Unit(benchmark::kMicrosecond);

void BM_MirrorChangedKey(benchmark::State& state) {
    AppState& s = AppOf(static_cast<int>(state.range(0)));
    MirrorState m;
    (void)MirrorChanged(s, m);
    for (auto _ : state)
        benchmark::DoNotOptimize(MirrorChanged(s, m));
}
BENCHMARK(BM_MirrorChangedKey)->Arg(1000)->Arg(50000)->Unit(benchmark::kMicrosecond);

} // namespace
