// search_internal.h: what the search index (search_index.cpp) and the run of a query
// (search_run.cpp) share: the layout of a posting. The search is split by responsibility:
//   search.h              the public API
//   utf8.h                decoding (one UTF-8 module for the whole tree)
//   search_fold.h/.cpp    text folding (case, diacritics, width) and folded-text matching
//   search_text_table.h   the arena hash table that numbers words while indexing
//   search_distance.h     typo distance
//   search_query.cpp      the query parser (ParseQuery)
//   search_index.cpp      SearchIndex: Build, UpdatePaper
//   search_run.cpp        Search(): scoring, phrases, filters, ranking
#pragma once

#include <cstdint>

#include "core/search.h"

namespace shelfmark::search_internal {

constexpr uint32_t kFieldBits = 3; // posting = paper << 3 | field
constexpr uint32_t kFieldMask = (1u << kFieldBits) - 1;

// Tags and notes: the fields UpdatePaper() replaces.
inline bool IsUserField(uint32_t f) {
    return f == static_cast<uint32_t>(SearchField::Tags) || f == static_cast<uint32_t>(SearchField::Notes);
}

} // namespace shelfmark::search_internal
