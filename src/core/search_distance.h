// search_distance.h: typo tolerance for the search (internal): letter masks to skip
// words that cannot be close, and a bounded edit distance.
#pragma once

#include <cstdint>
#include <string_view>

namespace shelfmark::search_internal {

// Letters present in an ASCII word, one bit per letter or digit, bit 63 for the rest.
inline uint64_t LetterMask(std::string_view w) {
    uint64_t m = 0;
    for (char ch : w) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 'a' && c <= 'z')
            m |= uint64_t{1} << (c - 'a');
        else if (c >= '0' && c <= '9')
            m |= uint64_t{1} << (26 + c - '0');
        else
            m |= uint64_t{1} << 63;
    }
    return m;
}

inline int PopCount(uint64_t v) {
    int n = 0;
    for (; v; v &= v - 1)
        ++n;
    return n;
}

// Optimal-string-alignment (restricted Damerau-Levenshtein) distance between a and b,
// or k + 1 when above k. With `prefix`, the distance between a and the closest prefix of
// b. Words are at most kMaxWordBytes, so the rows fit on the stack.
int BoundedDistance(std::string_view a, std::string_view b, int k, bool prefix);

} // namespace shelfmark::search_internal
