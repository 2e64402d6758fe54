// The papers table's rows (src/app/rows.cpp BuildRows) after a keystroke in the search box,
// with a list open: the search over every paper, the open list's rows, and (issue 13) the
// count of matches in all papers and which papers have a row. At 10k and 50k papers, typing
// "pipeline sched" one key at a time; the per-frame line above the table (DescribeScope) too.
#include <benchmark/benchmark.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "workloads.h"

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

// An app with the synthetic catalogue's first list open and one paper selected.
AppState& ListAppOf(int papers) {
    static std::map<int, std::unique_ptr<AppState>> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) {
        auto s = std::make_unique<AppState>();
        UseCatalogue(*s, CatalogueOf(papers)); // opens the first list
        s->progress = GenerateSyntheticProgress(Spec(papers));
        (void)s->progress.TakeDirty();
        Changed(*s, change::Records{});
        UpdateDerived(*s);
        for (const PaperRow& r : s->derived.rows)
            if (r.paper >= 0) {
                s->ui.cursor = s->catalogue.papers[static_cast<size_t>(r.paper)].id;
                s->ui.selected = {s->ui.cursor};
                break;
            }
        it = cache.emplace(papers, std::move(s)).first;
    }
    return *it->second;
}

const std::vector<std::string>& Typed() {
    static const std::vector<std::string> v = [] {
        std::vector<std::string> out;
        const std::string typed = "pipeline sched";
        for (size_t n = 1; n <= typed.size(); ++n)
            if (typed[n - 1] != ' ') out.push_back(typed.substr(0, n));
        return out;
    }();
    return v;
}

// One keystroke = one BuildRows with the query typed so far (cycling through the prefixes).
void BM_RowsKeystrokeInList(benchmark::State& state) {
    AppState& s = ListAppOf(static_cast<int>(state.range(0)));
    const auto& typed = Typed();
    size_t i = 0;
    for (auto _ : state) {
        s.ui.query = typed[i++ % typed.size()];
        BuildRows(s);
        benchmark::DoNotOptimize(s.derived.rows.data());
    }
    state.counters["list_rows"] = static_cast<double>(s.derived.rows.size());
}
BENCHMARK(BM_RowsKeystrokeInList)->Arg(10000)->Arg(50000)->Unit(benchmark::kMicrosecond);

// Every drawn frame: the words of the line above the table (and the mirror's key).
void BM_DescribeScope(benchmark::State& state) {
    AppState& s = ListAppOf(static_cast<int>(state.range(0)));
    s.ui.query = "pipeline sched";
    BuildRows(s);
    size_t n = 0;
    for (auto _ : state) {
        const SearchScope scope = DescribeScope(s);
        n = scope.text.size() + scope.hidden_text.size();
        benchmark::DoNotOptimize(n);
    }
    state.counters["matches_all"] = s.derived.matches_all;
}
BENCHMARK(BM_DescribeScope)->Arg(50000)->Unit(benchmark::kMicrosecond);

// The worst keystrokes (issue 15): "all papers" open, a one-letter query that matches
// nearly everything, then Backspace to the empty query (every paper again), under each
// sort. One iteration = the two BuildRows of "e" then "".
AppState& AllAppOf(int papers) {
    static std::map<int, std::unique_ptr<AppState>> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) {
        auto s = std::make_unique<AppState>();
        UseCatalogue(*s, CatalogueOf(papers));
        s->progress = GenerateSyntheticProgress(Spec(papers));
        (void)s->progress.TakeDirty();
        Changed(*s, change::Records{});
        s->ui.list_id.clear();
        UpdateDerived(*s);
        it = cache.emplace(papers, std::move(s)).first;
    }
    return *it->second;
}

void BM_RowsBroadKeystroke(benchmark::State& state) {
    AppState& s = AllAppOf(static_cast<int>(state.range(0)));
    s.ui.sort_column = static_cast<int>(state.range(1));
    s.ui.sort_descending = false;
    size_t matched = 0;
    for (auto _ : state) {
        s.ui.query = "e";
        BuildRows(s);
        matched = s.derived.rows.size();
        s.ui.query.clear();
        BuildRows(s);
        benchmark::DoNotOptimize(s.derived.rows.data());
    }
    s.ui.sort_column = -1;
    state.counters["rows_e"] = static_cast<double>(matched);
}
// Sort: -1 none (rank / catalogue order), 0 status, 1 title, 2 year+venue, 4 lists.
BENCHMARK(BM_RowsBroadKeystroke)->ArgsProduct({{50000}, {-1, 0, 1, 2, 4}})->Unit(benchmark::kMillisecond);

// An edit of the user's own list at 50k papers (issue 15): add a catalogue paper to it,
// then remove it again, each applied and derived as a frame would (UpdateDerived).
// Second argument 1: as before the change, every edit rebuilds all derived data and the
// whole search index (change::Catalogue), for the ratio in the same run.
void BM_OwnListEdit(benchmark::State& state) {
    AppState& s = AllAppOf(static_cast<int>(state.range(0)));
    const bool whole = state.range(1) != 0;
    s.intents.push_back(intent::CreateList{"Bench", false});
    ApplyIntents(s, 1);
    UpdateDerived(s);
    const std::string list = s.ui.list_id;
    size_t i = 0;
    for (auto _ : state) {
        const std::string paper = s.catalogue.papers[(i++ * 7919) % s.bundled_papers].id;
        s.intents.push_back(intent::AddToList{list, paper});
        ApplyIntents(s, 2);
        if (whole) Changed(s, change::Catalogue{});
        UpdateDerived(s);
        s.intents.push_back(intent::RemoveEntry{list, 0, 0});
        ApplyIntents(s, 3);
        if (whole) Changed(s, change::Catalogue{});
        UpdateDerived(s);
        benchmark::DoNotOptimize(s.derived.rows.data());
    }
    s.intents.push_back(intent::DeleteList{list});
    ApplyIntents(s, 4);
    s.ui.list_id.clear();
    UpdateDerived(s);
}
BENCHMARK(BM_OwnListEdit)->Args({50000, 0})->Args({50000, 1})->Unit(benchmark::kMillisecond);

} // namespace
