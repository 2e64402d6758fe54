// The core library's heavy operations compiled to wasm with the app's toolchain and
// flags, timed inside headless Chromium: the browser figures for "import / merge of 10k
// entries", catalogue load, Markdown and search, without the app's UI around them.
// The inputs and operations are those of the native benchmarks (bench/native).
// Results go to window.__coreBench (read by bench/browser/run.mjs).
#include <emscripten.h>
#include <malloc.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fingerprint.h"
#include "operations.h"
#if SHELFMARK_BENCH_HAS_MARKDOWN
#include "core/markdown.h"
#endif
#if SHELFMARK_BENCH_HAS_SEARCH
#include "core/search.h"
#endif
#if SHELFMARK_BENCH_HAS_PROGRESS_FILE
#include "core/progress_file.h"
#endif

EM_JS(void, core_bench_done, (const char* json), { window.__coreBench = JSON.parse(UTF8ToString(json)); });
EM_JS(void, core_bench_progress, (const char* name), { console.log('core bench: ' + UTF8ToString(name)); });

using namespace shelfmark;
using namespace shelfmark::bench;
using ojson = nlohmann::ordered_json;

namespace {

// Times `op` (after `setup`, which is not timed) at least 5 times and for at least
// 400 ms (at most 40 runs); a sample repeats `op` enough times to last >= 2 ms, since
// performance.now() is coarse in a page that is not cross-origin isolated.
ojson Time(const std::function<void()>& op, const std::function<void()>& setup = {}) {
    std::vector<double> ms;
    int reps = 1;
    double spent = 0;
    while ((ms.size() < 5 || spent < 400) && ms.size() < 40) {
        if (setup) setup();
        const double t0 = emscripten_get_now();
        for (int i = 0; i < reps; ++i)
            op();
        const double dt = emscripten_get_now() - t0;
        spent += dt;
        if (dt < 2.0 && !setup && reps < (1 << 16)) {
            reps *= 4; // too short to time: batch, and discard this sample
            continue;
        }
        ms.push_back(dt / reps);
    }
    std::sort(ms.begin(), ms.end());
    return {{"medianMs", ms[ms.size() / 2]},
            {"minMs", ms.front()},
            {"maxMs", ms.back()},
            {"samples", ms.size()},
            {"repsPerSample", reps}};
}

// Bytes in use in the wasm heap (dlmalloc) and the heap's high-water mark (what the
// linear memory had to grow to; it never shrinks).
size_t HeapInUse() { return static_cast<size_t>(mallinfo().uordblks); }
size_t HeapPeak() { return static_cast<size_t>(mallinfo().usmblks); }

// Where the bytes of the core's data go at `papers` papers, in wasm (32-bit pointers):
// each part's bytes in use once built, and how far the heap's high-water mark rose while
// building it (temporaries). Runs first, on a fresh heap, so the peaks are this code's.
ojson HeapBreakdown(int papers) {
    ojson parts = ojson::array();
    const auto part = [&](const char* name, const std::function<void()>& build) {
        const size_t used0 = HeapInUse(), peak0 = HeapPeak();
        build();
        const size_t used1 = HeapInUse(), peak1 = HeapPeak();
        parts.push_back({{"part", name},
                         {"bytes", used1 > used0 ? used1 - used0 : 0},
                         {"peakRiseBytes", peak1 > peak0 ? peak1 - peak0 : 0},
                         {"peakBytes", peak1}});
    };
    const SyntheticSpec spec = Spec(papers);
    Catalogue catalogue;
    Progress progress;
    SearchIndex index;
    std::map<std::string, std::string> files;
    part("catalogue (generated)", [&] { catalogue = GenerateSyntheticCatalogue(spec); });
    part("progress and notes (generated)", [&] { progress = GenerateSyntheticProgress(spec); });
#if SHELFMARK_BENCH_HAS_SEARCH
    part("search index", [&] { index.Build(catalogue, progress); });
#endif
    part("catalogue files (text)", [&] { files = CatalogueToDataFiles(catalogue); });
    size_t file_bytes = 0;
    for (const auto& f : files)
        file_bytes += f.second.size();
    part("catalogue loaded from the files", [&] {
        CatalogueLoad load = LoadCatalogueFiles(files);
        catalogue = std::move(load.catalogue); // replaces the generated one
    });
    return {{"papers", papers}, {"fileBytes", file_bytes}, {"parts", parts}, {"heapPeakBytes", HeapPeak()}};
}

} // namespace

int main() {
    ojson out = ojson::object();
    out["flags"] = "same compile and link flags as the app (Release, -O3 by CMake)";
    core_bench_progress("heap");
    out["heap50000"] = HeapBreakdown(50000);
    // The generator must give the same bytes here as natively (shelfmark_synth --summary).
    {
        const SyntheticSpec spec = Spec(50000);
        out["syntheticFingerprint50000"] =
            bench::Fingerprint(GenerateSyntheticCatalogue(spec), GenerateSyntheticProgress(spec));
    }

    core_bench_progress("progress");
    const auto& records = RecordsOf(10000);
    const std::string text = ExportJsonLines(records);
    const std::vector<PaperProgress> theirs = OtherDevice(records);
    const Progress base = ProgressFrom(records);
    out["progressRecords"] = records.size();
    out["progressJsonLinesBytes"] = text.size();
    out["progressImportRecords10k"] = Time([&] {
        Progress p;
        ImportJsonLines(text, &p);
    });
    Progress scratch;
    out["progressMergeRecords10k"] = Time(
        [&] {
            for (const PaperProgress& p : theirs)
                scratch.MergeStored(p);
        },
        [&] { scratch = base; });
    out["progressExportRecords10k"] = Time([&] {
        std::string s = ExportJsonLines(records);
        (void)s.size();
    });

#if SHELFMARK_BENCH_HAS_PROGRESS_FILE
    {
        core_bench_progress("progress file");
        constexpr int64_t kExportedAt = 1767225600000;
        const std::string file_text = ExportProgressFile(ProgressFrom(theirs), UserData{}, kExportedAt);
        out["progressFileBytes"] = file_text.size();
        out["progressFileExport10k"] =
            Time([&] { (void)ExportProgressFile(base, UserData{}, kExportedAt).size(); });
        out["progressFileParse10k"] = Time([&] {
            ProgressFileError error;
            (void)ParseProgressFile(file_text, &error).has_value();
        });
        // The whole import the user waits for: parse, preview, apply (Merge).
        const Catalogue& catalogue = CatalogueOf(20100);
        Progress local;
        UserData user;
        out["progressFileImportMerge10k"] = Time(
            [&] {
                ProgressFileError error;
                auto file = ParseProgressFile(file_text, &error);
                if (!file) return;
                (void)PreviewImport(local, user, *file, ImportMode::Merge, &catalogue).papers_changed;
                ApplyImport(local, user, *file, ImportMode::Merge);
            },
            [&] {
                local = base;
                user = UserData{};
            });

        // The progress file of the budget (docs/progress-file.md): 50,000 papers with a
        // record each and 500 lists of the user's own, 44.3 MiB, parsed in wasm. The
        // high-water rise is how far it pushed the linear memory past what earlier parts
        // (heap50000) had already grown it to.
        core_bench_progress("progress file 50k/500");
        SyntheticSpec spec = Spec(50000);
        spec.touched_percent = 100;
        spec.user_lists = 500;
        const std::string big = ExportProgressFile(GenerateSyntheticProgress(spec),
                                                   GenerateSyntheticUserData(spec), kExportedAt, "synthetic");
        out["progressFile50kBytes"] = big.size();
        const size_t used0 = HeapInUse(), peak0 = HeapPeak();
        {
            ProgressFileError error;
            const auto parsed = ParseProgressFile(big, &error);
            out["progressFile50kOk"] = parsed.has_value();
            out["progressFile50kKeptBytes"] = HeapInUse() > used0 ? HeapInUse() - used0 : 0;
        }
        out["progressFile50kPeakRiseBytes"] = HeapPeak() > peak0 ? HeapPeak() - peak0 : 0;
        out["progressFile50kHeapPeakBytes"] = HeapPeak();
        out["progressFileParse50k"] = Time([&] {
            ProgressFileError error;
            (void)ParseProgressFile(big, &error).has_value();
        });
    }
#endif

    core_bench_progress("catalogue");
    for (int papers : {1000, 10000, 50000}) {
        const auto& files = DataFilesOf(papers);
        out["catalogueLoad" + std::to_string(papers)] = Time([&] { (void)LoadCatalogueFiles(files).ok(); });
    }

#if SHELFMARK_BENCH_HAS_MARKDOWN
    core_bench_progress("markdown");
    out["markdownParse10K"] = Time([&] {
        std::string error;
        (void)ParseMarkdown(Note10k(), MarkdownLimits{}, &error).has_value();
    });
#endif

#if SHELFMARK_BENCH_HAS_SEARCH
    core_bench_progress("search");
    {
        const int papers = 50000;
        const Catalogue& c = CatalogueOf(papers);
        const Progress progress = GenerateSyntheticProgress(Spec(papers));
        SearchIndex index;
        out["searchIndexBuild50000"] = Time([&] { index.Build(c, progress); });
        ojson keys = ojson::array();
        std::vector<double> medians;
        const std::string typed = "pipeline sched";
        for (size_t n = 1; n <= typed.size(); ++n) {
            if (typed[n - 1] == ' ') continue;
            const std::string q = typed.substr(0, n);
            ojson t = Time([&] { (void)Search(ParseQuery(q), index, progress).total; });
            medians.push_back(t["medianMs"].get<double>());
            keys.push_back({{"query", q}, {"medianMs", t["medianMs"]}});
        }
        std::sort(medians.begin(), medians.end());
        out["searchKeystroke50000"] = {
            {"keystrokes", keys}, {"medianMs", medians[medians.size() / 2]}, {"maxMs", medians.back()}};
    }
#endif
    core_bench_done(out.dump(-1, ' ', false, ojson::error_handler_t::replace).c_str());
    return 0;
}
