// utf8.h: the one UTF-8 reader and writer of the tree (core, CLI and app).
//
//   - IsContinuation(): a 10xxxxxx byte.
//   - SequenceLength(): length of the valid sequence at a position, 0 when invalid.
//   - DecodeNext(): the code point at a position (kInvalid on a bad byte), advancing.
//   - Encode(), AppendCodePoint(): a code point as UTF-8.
//   - IsValid(), CountCodePoints().
//   - CutPoint(), Truncated(), Truncate(), Abbreviated(): at most N bytes, never half a
//     character.
//
// "Valid" is the strict definition of RFC 3629: no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF. An invalid byte decodes to kInvalid (or the
// replacement the caller chooses) and is skipped alone, so decoding always advances and
// the next valid character after garbage is read as it is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace shelfmark::utf8 {

// What DecodeNext() returns for an invalid byte (not a code point).
constexpr uint32_t kInvalid = 0xFFFFFFFFu;
// U+FFFD REPLACEMENT CHARACTER.
constexpr uint32_t kReplacement = 0xFFFD;
// Longest UTF-8 sequence.
constexpr size_t kMaxSequenceBytes = 4;

// True for a continuation byte (10xxxxxx): never the first byte of a character.
constexpr bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Length (1..4) of the valid UTF-8 sequence starting at s[i], or 0 when the bytes there
// are not one (a continuation byte, a bad lead byte, a truncated sequence, an overlong
// form, a surrogate, a code point above U+10FFFF). i must be < s.size().
size_t SequenceLength(std::string_view s, size_t i);

// Decodes the code point at s[i] (i < s.size()) and advances i past it; an invalid byte
// gives kInvalid and advances i by one. Inline: the search folds every character with it.
inline uint32_t DecodeNext(std::string_view s, size_t& i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
        ++i;
        return c;
    }
    size_t len = 0;
    uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
        len = 2;
        cp = c & 0x1Fu;
    } else if ((c & 0xF0) == 0xE0) {
        len = 3;
        cp = c & 0x0Fu;
    } else if ((c & 0xF8) == 0xF0) {
        len = 4;
        cp = c & 0x07u;
    } else {
        ++i;
        return kInvalid;
    }
    if (i + len > s.size()) {
        ++i;
        return kInvalid;
    }
    for (size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return kInvalid;
        }
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kInvalid;
    }
    i += len;
    return cp;
}

// DecodeNext() with `replacement` (default U+FFFD) for an invalid byte.
inline uint32_t DecodeNextOr(std::string_view s, size_t& i, uint32_t replacement = kReplacement) {
    const uint32_t cp = DecodeNext(s, i);
    return cp == kInvalid ? replacement : cp;
}

// Writes `cp` (at most U+10FFFF; surrogates are written as they are) to out[0..3];
// returns the number of bytes (1..4).
inline size_t Encode(uint32_t cp, char out[kMaxSequenceBytes]) {
    if (cp < 0x80) {
        out[0] = static_cast<char>(cp);
        return 1;
    }
    if (cp < 0x800) {
        out[0] = static_cast<char>(0xC0 | (cp >> 6));
        out[1] = static_cast<char>(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = static_cast<char>(0xE0 | (cp >> 12));
        out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out[2] = static_cast<char>(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = static_cast<char>(0xF0 | (cp >> 18));
    out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[3] = static_cast<char>(0x80 | (cp & 0x3F));
    return 4;
}
// Appends Encode(cp) to `out`.
void AppendCodePoint(std::string& out, uint32_t cp);

// True when all of `s` is valid UTF-8.
bool IsValid(std::string_view s);
// Number of characters: bytes that are not continuation bytes (each invalid lead byte
// counts as one; stray continuation bytes count as none).
size_t CountCodePoints(std::string_view s);

// The largest n <= max_bytes such that s[0, n) does not end inside a character: n is
// s.size() when that fits, else the start of the character that max_bytes falls in.
size_t CutPoint(std::string_view s, size_t max_bytes);
// The first CutPoint(s, max_bytes) bytes of `s`.
inline std::string_view Truncated(std::string_view s, size_t max_bytes) {
    return s.substr(0, CutPoint(s, max_bytes));
}
// Cuts `s` in place to CutPoint(s, max_bytes) bytes.
inline void Truncate(std::string& s, size_t max_bytes) { s.resize(CutPoint(s, max_bytes)); }
// For display: `s` when it fits in max_bytes, else its first whole characters and "..."
// in at most max_bytes (max_bytes >= 3).
std::string Abbreviated(std::string_view s, size_t max_bytes);

} // namespace shelfmark::utf8
