// search_distance.cpp: see search_distance.h.
#include "core/search_distance.h"

#include <algorithm>

#include "core/search.h" // kMaxWordBytes

namespace shelfmark::search_internal {

// Optimal-string-alignment (restricted Damerau-Levenshtein) distance between a and b,
// or k + 1 when above k. With `prefix`, the distance between a and the closest prefix of
// b. Words are at most kMaxWordBytes, so the rows fit on the stack.
int BoundedDistance(std::string_view a, std::string_view b, int k, bool prefix) {
    constexpr size_t kCols = kMaxWordBytes + 8;
    const int n = static_cast<int>(a.size());
    if (prefix && b.size() > a.size() + static_cast<size_t>(k))
        b = b.substr(0, a.size() + static_cast<size_t>(k));
    const int m = static_cast<int>(b.size());
    if (!prefix && (n - m > k || m - n > k)) return k + 1;
    if (a.size() > kMaxWordBytes || b.size() + 1 > kCols) return k + 1;
    int rows[3][kCols];
    int* prev2 = rows[0];
    int* prev = rows[1];
    int* cur = rows[2];
    for (int j = 0; j <= m; ++j)
        prev[j] = j;
    for (int i = 1; i <= n; ++i) {
        cur[0] = i;
        int row_min = i;
        for (int j = 1; j <= m; ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            int v = std::min(std::min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                v = std::min(v, prev2[j - 2] + 1);
            cur[j] = v;
            row_min = std::min(row_min, v);
        }
        if (row_min > k) return k + 1;
        int* t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    if (!prefix) return std::min(prev[m], k + 1);
    int best = k + 1;
    for (int j = std::max(0, n - k); j <= std::min(m, n + k); ++j)
        best = std::min(best, prev[j]);
    return best;
}

} // namespace shelfmark::search_internal
