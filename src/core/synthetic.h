// synthetic.h: deterministic synthetic catalogues and progress for benchmarks.
//
// The same (papers, lists, seed) always gives byte-identical output on every platform,
// so native and browser benchmarks measure the same workload.
#pragma once

#include <cstdint>
#include <string>

#include "core/catalog.h"
#include "core/progress.h"

namespace shelfmark {

struct SyntheticSpec {
    int papers = 1000; // distinct papers
    int lists = 50;    // reading lists; papers are spread over them (some shared)
    uint32_t seed = 1;
    int note_every = 4; // one paper in N gets a note of realistic size (~0.5-4 KB)
};

// A valid catalogue (passes the same validation as data/).
Catalogue GenerateSyntheticCatalogue(const SyntheticSpec& spec);
// Progress for the catalogue: statuses with histories, notes, tags.
Progress GenerateSyntheticProgress(const SyntheticSpec& spec);

} // namespace shelfmark
