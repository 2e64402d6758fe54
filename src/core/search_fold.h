// search_fold.h: the folded text search compares (internal to the search; the public
// FoldText() and FoldedText() are declared in search.h and defined in search_fold.cpp).
//   - IsCjk(), CjkAt(), CjkBefore(), HasCjk(): Han, kana and hangul, matched as substrings.
//   - kAsciiFold, IsSpaceByte(), SpaceAt(): ASCII folding and query whitespace.
//   - ForEachWord(), CutWord(): the index words of folded text.
//   - Boundaries, ContainsAt(), ContainsAtWordStart(), FindAsciiFolded(): a folded
//     needle in folded (or raw ASCII) text, at word boundaries or not.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/search.h"
#include "core/utf8.h"

namespace shelfmark::search_internal {

// Han, kana, hangul, bopomofo: matched as substrings, one index word per character.
inline bool IsCjk(uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3005 && cp <= 0x3007) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3100 && cp <= 0x318F) ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

// ASCII folding: letters and digits to lowercase, everything else to 0 (punctuation).
constexpr std::array<char, 128> MakeAsciiFold() {
    std::array<char, 128> t{};
    for (int c = '0'; c <= '9'; ++c)
        t[static_cast<size_t>(c)] = static_cast<char>(c);
    for (int c = 'a'; c <= 'z'; ++c)
        t[static_cast<size_t>(c)] = static_cast<char>(c);
    for (int c = 'A'; c <= 'Z'; ++c)
        t[static_cast<size_t>(c)] = static_cast<char>(c + 32);
    return t;
}
inline constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

inline bool IsSpaceByte(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Length of the query whitespace at s[i] (ASCII or U+3000), 0 when none.
inline size_t SpaceAt(std::string_view s, size_t i) {
    if (IsSpaceByte(s[i])) return 1;
    if (i + 2 < s.size() && s[i] == '\xE3' && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
    return 0;
}

// Cuts a word to kMaxWordBytes on a code point boundary.
inline std::string_view CutWord(std::string_view w) { return utf8::Truncated(w, kMaxWordBytes); }

// Calls f(word) for every index word of folded text: space-separated runs, with every
// CJK character a word of its own.
template <class F> void ForEachWord(std::string_view folded, F&& f) {
    const size_t n = folded.size();
    size_t i = 0;
    while (i < n) {
        if (folded[i] == ' ') {
            ++i;
            continue;
        }
        size_t start = i;
        while (i < n && folded[i] != ' ') {
            if (static_cast<unsigned char>(folded[i]) < 0xE1) {
                ++i;
                continue;
            }
            size_t j = i;
            const uint32_t cp = utf8::DecodeNext(folded, j);
            if (!IsCjk(cp)) {
                i = j;
                continue;
            }
            if (i > start) f(CutWord(folded.substr(start, i - start)));
            f(folded.substr(i, j - i));
            i = j;
            start = j;
        }
        if (i > start) f(CutWord(folded.substr(start, i - start)));
    }
}

inline bool StartsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

inline bool CjkAt(std::string_view s, size_t i) {
    if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0xE1) return false;
    return IsCjk(utf8::DecodeNext(s, i));
}

inline bool CjkBefore(std::string_view s, size_t i) {
    if (i == 0 || static_cast<unsigned char>(s[i - 1]) < 0x80) return false;
    size_t k = i - 1;
    while (k > 0 && utf8::IsContinuation(s[k]))
        --k;
    return CjkAt(s, k);
}

// Where a query text may sit in folded field text.
struct Boundaries {
    bool start = false; // must start a word
    bool end = false;   // must end a word
};

// `needle` occurs in `hay` at or after `from`, within the boundaries asked.
bool ContainsAt(std::string_view hay, std::string_view needle, Boundaries b, size_t from = 0);

// `needle` occurs in `hay` at the start of a word (hay and needle folded).
inline bool ContainsAtWordStart(std::string_view hay, std::string_view needle) {
    return ContainsAt(hay, needle, Boundaries{true, false});
}

// Finds a folded ASCII needle in raw text without folding the text: letters compare
// case-insensitively and a space in the needle matches any run of ASCII punctuation.
// Returns 1 (found), 0 (not found) or -1 at the first non-ASCII byte it needs (the
// caller then folds the text instead).
int FindAsciiFolded(std::string_view raw, std::string_view needle, Boundaries b);

// True when folded text holds a CJK character.
bool HasCjk(std::string_view folded);

} // namespace shelfmark::search_internal
