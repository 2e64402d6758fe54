// Markdown parse of a 10 KB note: cmark-gfm alone with the GFM extensions the app
// enables, and core/markdown.h's ParseMarkdown() (pre-scan + parse + copy into its own
// tree, what the app does when a note changes) when that header is present.
#include <benchmark/benchmark.h>

#include <string>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "operations.h"
#if SHELFMARK_BENCH_HAS_MARKDOWN
#include "core/markdown.h"
#endif

using namespace shelfmark;
using namespace shelfmark::bench;

namespace {

void BM_MarkdownParse10K_cmark(benchmark::State& state) {
    const std::string& note = Note10k();
    cmark_gfm_core_extensions_ensure_registered();
    for (auto _ : state) {
        cmark_parser* parser = cmark_parser_new(CMARK_OPT_DEFAULT);
        for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
            if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
                cmark_parser_attach_syntax_extension(parser, ext);
        }
        cmark_parser_feed(parser, note.data(), note.size());
        cmark_node* doc = cmark_parser_finish(parser);
        benchmark::DoNotOptimize(doc);
        cmark_node_free(doc);
        cmark_parser_free(parser);
    }
    state.counters["input_bytes"] = static_cast<double>(note.size());
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(note.size()));
}
BENCHMARK(BM_MarkdownParse10K_cmark)->Unit(benchmark::kMicrosecond);

#if SHELFMARK_BENCH_HAS_MARKDOWN
// The app's path: limits pre-scan, cmark-gfm parse, copy into a MarkdownDoc.
void BM_MarkdownParse10K(benchmark::State& state) {
    const std::string& note = Note10k();
    size_t nodes = 0;
    for (auto _ : state) {
        std::string error;
        auto doc = ParseMarkdown(note, MarkdownLimits{}, &error);
        if (!doc) {
            state.SkipWithError(error.c_str());
            break;
        }
        nodes = doc->nodes.size();
        benchmark::DoNotOptimize(doc->nodes.data());
    }
    state.counters["input_bytes"] = static_cast<double>(note.size());
    state.counters["nodes"] = static_cast<double>(nodes);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(note.size()));
}
BENCHMARK(BM_MarkdownParse10K)->Unit(benchmark::kMicrosecond);
#endif

} // namespace
