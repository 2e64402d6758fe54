// Entry point of shelfmark_bench; records which optional core headers were present so
// that the report can say "not yet available" instead of silently dropping a figure.
#include <benchmark/benchmark.h>

int main(int argc, char** argv) {
    benchmark::AddCustomContext("has_search_h",
#if SHELFMARK_BENCH_HAS_SEARCH
                                "1"
#else
                                "0"
#endif
    );
    benchmark::AddCustomContext("has_progress_file_h",
#if SHELFMARK_BENCH_HAS_PROGRESS_FILE
                                "1"
#else
                                "0"
#endif
    );
    benchmark::AddCustomContext("has_markdown_h",
#if SHELFMARK_BENCH_HAS_MARKDOWN
                                "1"
#else
                                "0"
#endif
    );
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
