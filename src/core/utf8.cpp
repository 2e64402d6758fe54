// utf8.cpp: see utf8.h.
#include "core/utf8.h"

namespace shelfmark::utf8 {

size_t SequenceLength(std::string_view s, size_t i) {
    auto at = [&](size_t k) -> unsigned {
        return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0x100u;
    };
    auto cont = [&](size_t k, unsigned lo = 0x80, unsigned hi = 0xBF) {
        const unsigned c = at(k);
        return c >= lo && c <= hi;
    };
    const unsigned c = at(0);
    if (c < 0x80) return 1;
    if (c >= 0xC2 && c <= 0xDF) return cont(1) ? 2 : 0;
    if (c == 0xE0) return cont(1, 0xA0, 0xBF) && cont(2) ? 3 : 0;
    if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) return cont(1) && cont(2) ? 3 : 0;
    if (c == 0xED) return cont(1, 0x80, 0x9F) && cont(2) ? 3 : 0; // no surrogates
    if (c == 0xF0) return cont(1, 0x90, 0xBF) && cont(2) && cont(3) ? 4 : 0;
    if (c >= 0xF1 && c <= 0xF3) return cont(1) && cont(2) && cont(3) ? 4 : 0;
    if (c == 0xF4) return cont(1, 0x80, 0x8F) && cont(2) && cont(3) ? 4 : 0; // <= U+10FFFF
    return 0;
}

void AppendCodePoint(std::string& out, uint32_t cp) {
    char buf[kMaxSequenceBytes];
    out.append(buf, Encode(cp, buf));
}

bool IsValid(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        if (static_cast<unsigned char>(s[i]) < 0x80) {
            ++i;
            continue;
        }
        const size_t n = SequenceLength(s, i);
        if (n == 0) return false;
        i += n;
    }
    return true;
}

size_t CountCodePoints(std::string_view s) {
    size_t n = 0;
    for (char c : s)
        n += IsContinuation(c) ? 0 : 1;
    return n;
}

size_t CutPoint(std::string_view s, size_t max_bytes) {
    if (s.size() <= max_bytes) return s.size();
    size_t n = max_bytes;
    while (n > 0 && IsContinuation(s[n]))
        --n;
    return n;
}

std::string Abbreviated(std::string_view s, size_t max_bytes) {
    if (s.size() <= max_bytes) return std::string(s);
    return std::string(Truncated(s, max_bytes < 3 ? 0 : max_bytes - 3)) + "...";
}

} // namespace shelfmark::utf8
