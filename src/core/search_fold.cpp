// search_fold.cpp: text folding for the search (case, diacritics, width, punctuation;
// see FoldText() in search.h) and the matching of folded text (search_fold.h).
#include "core/search_fold.h"

#include <string>

namespace shelfmark {

namespace {

// U+00C0..U+00FF and U+0100..U+017F without diacritics. Digits stand for two letters
// (1 ae, 2 th, 3 ss, 4 ij, 5 oe); ' ' is punctuation (x and the division sign).
constexpr char kLatin1[] = "aaaaaa1ceeeeiiiidnooooo ouuuuy23aaaaaa1ceeeeiiiidnooooo ouuuuy2y";
constexpr char kLatinA[] = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii44jjkkklllllll"
                           "lllnnnnnnnnnoooooo55rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
static_assert(sizeof(kLatin1) == 64 + 1, "one letter per code point U+00C0..U+00FF");
static_assert(sizeof(kLatinA) == 128 + 1, "one letter per code point U+0100..U+017F");

// Latin Extended Additional (U+1E00..U+1EFF): ranges of one base letter.
struct LetterRange {
    uint16_t first, last;
    char letter;
};
constexpr LetterRange kLatinAdditional[] = {
    {0x1E00, 0x1E01, 'a'}, {0x1E02, 0x1E07, 'b'}, {0x1E08, 0x1E09, 'c'}, {0x1E0A, 0x1E13, 'd'},
    {0x1E14, 0x1E1D, 'e'}, {0x1E1E, 0x1E1F, 'f'}, {0x1E20, 0x1E21, 'g'}, {0x1E22, 0x1E2B, 'h'},
    {0x1E2C, 0x1E2F, 'i'}, {0x1E30, 0x1E35, 'k'}, {0x1E36, 0x1E3D, 'l'}, {0x1E3E, 0x1E43, 'm'},
    {0x1E44, 0x1E4B, 'n'}, {0x1E4C, 0x1E53, 'o'}, {0x1E54, 0x1E57, 'p'}, {0x1E58, 0x1E5F, 'r'},
    {0x1E60, 0x1E69, 's'}, {0x1E6A, 0x1E71, 't'}, {0x1E72, 0x1E7B, 'u'}, {0x1E7C, 0x1E7F, 'v'},
    {0x1E80, 0x1E89, 'w'}, {0x1E8A, 0x1E8D, 'x'}, {0x1E8E, 0x1E8F, 'y'}, {0x1E90, 0x1E95, 'z'},
    {0x1E96, 0x1E96, 'h'}, {0x1E97, 0x1E97, 't'}, {0x1E98, 0x1E98, 'w'}, {0x1E99, 0x1E99, 'y'},
    {0x1E9A, 0x1E9A, 'a'}, {0x1E9B, 0x1E9B, 's'}, {0x1EA0, 0x1EB7, 'a'}, {0x1EB8, 0x1EC7, 'e'},
    {0x1EC8, 0x1ECB, 'i'}, {0x1ECC, 0x1EE3, 'o'}, {0x1EE4, 0x1EF1, 'u'}, {0x1EF2, 0x1EF9, 'y'},
};

// What one code point becomes in folded text.
struct Fold {
    enum Kind : uint8_t { Skip, Space, Text, CodePoint } kind;
    uint32_t cp = 0;            // CodePoint
    const char* text = nullptr; // Text (ASCII)
};

// The two letters a digit of kLatin1 / kLatinA stands for.
const char* LatinPair(char c) {
    switch (c) {
    case '1': return "ae";
    case '2': return "th";
    case '3': return "ss";
    case '4': return "ij";
    default: return "oe";
    }
}

// One-letter string for 'a'..'z' (NUL-terminated).
const char* OneLetter(char c) {
    static constexpr char kPairs[] =
        "a\0b\0c\0d\0e\0f\0g\0h\0i\0j\0k\0l\0m\0n\0o\0p\0q\0r\0s\0t\0u\0v\0w\0x\0y\0z";
    return kPairs + 2 * (c - 'a');
}

Fold FoldAscii(uint32_t c) {
    if (c >= 'A' && c <= 'Z') return {Fold::CodePoint, c + 32, nullptr};
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return {Fold::CodePoint, c, nullptr};
    return {Fold::Space, 0, nullptr};
}

Fold FoldCodePoint(uint32_t cp) {
    if (cp < 0x80) return FoldAscii(cp);
    if (cp == utf8::kInvalid) return {Fold::Space, 0, nullptr};
    if (cp < 0xC0) return {cp == 0xAD ? Fold::Skip : Fold::Space, 0, nullptr}; // soft hyphen joins
    if (cp < 0x180) {
        const char c = cp < 0x100 ? kLatin1[cp - 0xC0] : kLatinA[cp - 0x100];
        if (c == ' ') return {Fold::Space, 0, nullptr};
        if (c >= 'a' && c <= 'z') return {Fold::Text, 0, OneLetter(c)};
        return {Fold::Text, 0, LatinPair(c)};
    }
    if (cp < 0x250) {
        if (cp >= 0x1CD && cp <= 0x1DC)
            return {Fold::Text, 0, OneLetter("aaiioouuuuuuuuuu"[cp - 0x1CD])}; // pinyin
        switch (cp) {
        case 0x180: return {Fold::Text, 0, "b"};
        case 0x192: return {Fold::Text, 0, "f"};
        case 0x1A0:
        case 0x1A1: return {Fold::Text, 0, "o"};
        case 0x1AF:
        case 0x1B0: return {Fold::Text, 0, "u"};
        case 0x218:
        case 0x219: return {Fold::Text, 0, "s"};
        case 0x21A:
        case 0x21B: return {Fold::Text, 0, "t"};
        default: return {Fold::CodePoint, cp, nullptr};
        }
    }
    if (cp >= 0x300 && cp <= 0x36F) return {Fold::Skip, 0, nullptr}; // combining accents
    if (cp >= 0x370 && cp <= 0x3FF) {                                // Greek
        switch (cp) {
        case 0x37E:
        case 0x387: return {Fold::Space, 0, nullptr};
        case 0x386:
        case 0x3AC: return {Fold::CodePoint, 0x3B1, nullptr};
        case 0x388:
        case 0x3AD: return {Fold::CodePoint, 0x3B5, nullptr};
        case 0x389:
        case 0x3AE: return {Fold::CodePoint, 0x3B7, nullptr};
        case 0x38A:
        case 0x3AF:
        case 0x390:
        case 0x3AA:
        case 0x3CA: return {Fold::CodePoint, 0x3B9, nullptr};
        case 0x38C:
        case 0x3CC: return {Fold::CodePoint, 0x3BF, nullptr};
        case 0x38E:
        case 0x3CD:
        case 0x3B0:
        case 0x3AB:
        case 0x3CB: return {Fold::CodePoint, 0x3C5, nullptr};
        case 0x38F:
        case 0x3CE: return {Fold::CodePoint, 0x3C9, nullptr};
        case 0x3C2: return {Fold::CodePoint, 0x3C3, nullptr};
        default: break;
        }
        if (cp >= 0x391 && cp <= 0x3A9) return {Fold::CodePoint, cp + 0x20, nullptr};
        return {Fold::CodePoint, cp, nullptr};
    }
    if (cp >= 0x400 && cp <= 0x45F) { // Cyrillic
        uint32_t lower = cp;
        if (cp < 0x410)
            lower = cp + 0x50;
        else if (cp < 0x430)
            lower = cp + 0x20;
        if (lower == 0x451) lower = 0x435; // ё -> е
        return {Fold::CodePoint, lower, nullptr};
    }
    if (cp >= 0x1AB0 && cp <= 0x1AFF) return {Fold::Skip, 0, nullptr};
    if (cp >= 0x1DC0 && cp <= 0x1DFF) return {Fold::Skip, 0, nullptr};
    if (cp >= 0x1E00 && cp <= 0x1EFF) {
        if (cp == 0x1E9E) return {Fold::Text, 0, "ss"};
        for (const LetterRange& r : kLatinAdditional)
            if (cp >= r.first && cp <= r.last) return {Fold::Text, 0, OneLetter(r.letter)};
        return {Fold::CodePoint, cp, nullptr};
    }
    if (cp >= 0x2000 && cp <= 0x2BFF) {
        if ((cp >= 0x200B && cp <= 0x200D) || (cp >= 0x2060 && cp <= 0x2064)) return {Fold::Skip, 0, nullptr};
        if (cp >= 0x20D0 && cp <= 0x20FF) return {Fold::Skip, 0, nullptr};
        return {Fold::Space, 0, nullptr}; // punctuation, symbols, arrows, math, shapes
    }
    if (cp >= 0x2E00 && cp <= 0x2E7F) return {Fold::Space, 0, nullptr};
    if (cp >= 0x3000 && cp <= 0x303F) {
        if (cp >= 0x3005 && cp <= 0x3007) return {Fold::CodePoint, cp, nullptr};
        return {Fold::Space, 0, nullptr}; // CJK punctuation and the ideographic space
    }
    if (cp >= 0xFE00 && cp <= 0xFE0F) return {Fold::Skip, 0, nullptr}; // variation selectors
    if (cp >= 0xFE20 && cp <= 0xFE2F) return {Fold::Skip, 0, nullptr};
    if ((cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F)) return {Fold::Space, 0, nullptr};
    if (cp == 0xFEFF) return {Fold::Skip, 0, nullptr};
    if (cp >= 0xFF01 && cp <= 0xFF5E) return FoldAscii(cp - 0xFEE0); // fullwidth ASCII
    if (cp >= 0xFF5F && cp <= 0xFF65) return {Fold::Space, 0, nullptr};
    if (cp >= 0xFFF0 && cp <= 0xFFFF) return {Fold::Space, 0, nullptr};
    if (cp >= 0x1F000 && cp <= 0x1FAFF) return {Fold::Space, 0, nullptr}; // emoji
    if (cp >= 0xE0000 && cp <= 0xE007F) return {Fold::Skip, 0, nullptr};
    return {Fold::CodePoint, cp, nullptr};
}

} // namespace

namespace search_internal {

bool HasCjk(std::string_view folded) {
    for (size_t i = 0; i < folded.size();) {
        if (static_cast<unsigned char>(folded[i]) < 0xE1) {
            ++i;
            continue;
        }
        if (IsCjk(utf8::DecodeNext(folded, i))) return true;
    }
    return false;
}

// `needle` occurs in `hay` at or after `from`, within the boundaries asked.
bool ContainsAt(std::string_view hay, std::string_view needle, Boundaries b, size_t from) {
    if (needle.empty()) return false;
    for (size_t pos = hay.find(needle, from); pos != std::string_view::npos;
         pos = hay.find(needle, pos + 1)) {
        const size_t end = pos + needle.size();
        const bool start_ok = !b.start || pos == 0 || hay[pos - 1] == ' ' || CjkBefore(hay, pos);
        const bool end_ok = !b.end || end == hay.size() || hay[end] == ' ' || CjkAt(hay, end);
        if (start_ok && end_ok) return true;
    }
    return false;
}

// Finds a folded ASCII needle in raw text without folding the text: letters compare
// case-insensitively and a space in the needle matches any run of ASCII punctuation.
// Returns 1 (found), 0 (not found) or -1 at the first non-ASCII byte it needs (the
// caller then folds the text instead).
int FindAsciiFolded(std::string_view raw, std::string_view needle, Boundaries b) {
    auto fold = [](unsigned char c) { return kAsciiFold[c]; };
    const char first = needle[0];
    for (size_t i = 0; i < raw.size(); ++i) {
        const auto c = static_cast<unsigned char>(raw[i]);
        if (c >= 0x80) return -1;
        if (fold(c) != first) continue;
        if (b.start && i > 0) {
            const auto prev = static_cast<unsigned char>(raw[i - 1]);
            if (fold(prev) != 0) continue; // prev < 0x80 here: checked on the way
        }
        size_t k = i, j = 0;
        bool ok = true;
        while (ok && j < needle.size()) {
            if (k >= raw.size()) {
                ok = false;
                break;
            }
            const auto r = static_cast<unsigned char>(raw[k]);
            if (r >= 0x80) return -1;
            if (needle[j] == ' ') {
                ok = fold(r) == 0;
                while (k < raw.size() && static_cast<unsigned char>(raw[k]) < 0x80 &&
                       fold(static_cast<unsigned char>(raw[k])) == 0)
                    ++k;
            } else {
                ok = fold(r) == needle[j];
                ++k;
            }
            ++j;
        }
        if (!ok) continue;
        if (b.end && k < raw.size()) {
            const auto next = static_cast<unsigned char>(raw[k]);
            if (next >= 0x80) return -1;
            if (fold(next) != 0) continue;
        }
        return 1;
    }
    return 0;
}

} // namespace search_internal

// ------------------------------------------------------------------ public helpers

using search_internal::kAsciiFold;

void FoldText(std::string_view text, std::string& out) {
    // Folding never makes text longer (every mapping is at most as long as its UTF-8
    // input, and a space stands for at least one byte), so write into place.
    const size_t start = out.size();
    out.resize(start + text.size());
    char* const begin = &out[0] + start;
    char* w = begin;
    bool pending_space = false;
    auto begin_char = [&]() {
        if (pending_space && w != begin) *w++ = ' ';
        pending_space = false;
    };
    size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            const char f = kAsciiFold[c];
            if (f) {
                begin_char();
                *w++ = f;
            } else {
                pending_space = true;
            }
            continue;
        }
        const Fold f = FoldCodePoint(utf8::DecodeNext(text, i));
        switch (f.kind) {
        case Fold::Skip: break;
        case Fold::Space: pending_space = true; break;
        case Fold::Text:
            begin_char();
            for (const char* t = f.text; *t; ++t)
                *w++ = *t;
            break;
        case Fold::CodePoint: {
            begin_char();
            char buf[utf8::kMaxSequenceBytes];
            const size_t n = utf8::Encode(f.cp, buf);
            for (size_t k = 0; k < n; ++k)
                *w++ = buf[k];
            break;
        }
        }
    }
    out.resize(start + static_cast<size_t>(w - begin));
}

std::string FoldedText(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    FoldText(text, out);
    return out;
}

} // namespace shelfmark
