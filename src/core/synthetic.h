// synthetic.h: deterministic synthetic catalogues and progress for benchmarks.
//
// The same (papers, lists, seed) always gives byte-identical output on every platform,
// so native and browser benchmarks measure the same workload.
//
// The user's own data (GenerateSyntheticUserData) makes the big progress file of the
// budget in docs/progress-file.md: 50,000 papers (touched_percent = 100) and 500 lists
// (user_lists = 500) of a reader who has been at it for years.
#pragma once

#include <cstdint>
#include <string>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/user_data.h"

namespace shelfmark {

struct SyntheticSpec {
    int papers = 1000; // distinct papers
    int lists = 50;    // reading lists; papers are spread over them (some shared)
    uint32_t seed = 1;
    int note_every = 4; // one paper in N gets a note of realistic size (~0.5-4 KB)
    // Papers without a note that get a progress record anyway (status history, tags).
    int touched_percent = 35;
    // The user's own lists (GenerateSyntheticUserData): sections of readings pointing at
    // catalogue papers and, one entry in ten, at the user's own papers (four per list).
    int user_lists = 0;
};

// A valid catalogue (passes the same validation as data/).
Catalogue GenerateSyntheticCatalogue(const SyntheticSpec& spec);
// Progress for the catalogue: statuses with histories, notes, tags.
Progress GenerateSyntheticProgress(const SyntheticSpec& spec);
// The user's own lists and papers: spec.user_lists lists (kind "user", 2-12 sections of
// 5-40 entries, some titles in Korean or Chinese) and 4 user papers per list; empty when
// user_lists is 0. Entries name catalogue papers of the same spec and the user papers.
UserData GenerateSyntheticUserData(const SyntheticSpec& spec);

} // namespace shelfmark
