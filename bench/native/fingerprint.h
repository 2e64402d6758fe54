// fingerprint.h: a short, stable digest of generated data (FNV-1a 64 of the normalized
// catalogue JSON and every progress record), to check that the generator gives the same
// bytes under g++, clang and emcc (unit test, shelfmark_synth, the wasm core benchmark).
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/catalog.h"
#include "core/progress.h"

namespace shelfmark::bench {

inline uint64_t Fnv1a64(std::string_view s, uint64_t h = 0xcbf29ce484222325ull) {
    for (unsigned char c : s) {
        h ^= c;
        h *= 0x100000001b3ull;
    }
    return h;
}

// 16 hex digits.
inline std::string Fingerprint(const Catalogue& c, const Progress& p) {
    uint64_t h = Fnv1a64(CatalogueToNormalizedJson(c));
    for (const auto& [id, rec] : p.Records())
        h = Fnv1a64("\n" + ProgressRecordToJson(rec), h);
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
    return buf;
}

} // namespace shelfmark::bench
