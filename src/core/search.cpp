#include "core/search.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <memory>
#include <optional>
#include <utility>

namespace shelfmark {

namespace {

// ------------------------------------------------------------------ UTF-8 and folding

constexpr uint32_t kBadCodePoint = 0xFFFFFFFFu;

// Decodes the code point at s[i] and advances i; invalid bytes give kBadCodePoint and
// advance by one.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
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
        return kBadCodePoint;
    }
    if (i + len > s.size()) {
        ++i;
        return kBadCodePoint;
    }
    for (size_t k = 1; k < len; ++k) {
        const auto cc = static_cast<unsigned char>(s[i + k]);
        if ((cc & 0xC0) != 0x80) {
            ++i;
            return kBadCodePoint;
        }
        cp = (cp << 6) | (cc & 0x3Fu);
    }
    static constexpr uint32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        ++i;
        return kBadCodePoint;
    }
    i += len;
    return cp;
}

// Han, kana, hangul, bopomofo: matched as substrings, one index word per character.
bool IsCjk(uint32_t cp) {
    return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0x3005 && cp <= 0x3007) ||
           (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3100 && cp <= 0x318F) ||
           (cp >= 0x31F0 && cp <= 0x31FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xAC00 && cp <= 0xD7AF) ||
           (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0xFF66 && cp <= 0xFF9F) ||
           (cp >= 0x20000 && cp <= 0x3134F);
}

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
    if (cp == kBadCodePoint) return {Fold::Space, 0, nullptr};
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
constexpr std::array<char, 128> kAsciiFold = MakeAsciiFold();

bool IsSpaceByte(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

// Length of the query whitespace at s[i] (ASCII or U+3000), 0 when none.
size_t SpaceAt(std::string_view s, size_t i) {
    if (IsSpaceByte(s[i])) return 1;
    if (i + 2 < s.size() && s[i] == '\xE3' && s[i + 1] == '\x80' && s[i + 2] == '\x80') return 3;
    return 0;
}

// Cuts a word to kMaxWordBytes on a code point boundary.
std::string_view CutWord(std::string_view w) {
    if (w.size() <= kMaxWordBytes) return w;
    size_t n = kMaxWordBytes;
    while (n > 0 && (static_cast<unsigned char>(w[n]) & 0xC0) == 0x80)
        --n;
    return w.substr(0, n);
}

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
            const uint32_t cp = NextCodePoint(folded, j);
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

bool StartsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.compare(0, p.size(), p) == 0;
}

bool HasCjk(std::string_view folded) {
    for (size_t i = 0; i < folded.size();) {
        if (static_cast<unsigned char>(folded[i]) < 0xE1) {
            ++i;
            continue;
        }
        if (IsCjk(NextCodePoint(folded, i))) return true;
    }
    return false;
}

bool CjkAt(std::string_view s, size_t i) {
    if (i >= s.size() || static_cast<unsigned char>(s[i]) < 0xE1) return false;
    return IsCjk(NextCodePoint(s, i));
}

bool CjkBefore(std::string_view s, size_t i) {
    if (i == 0 || static_cast<unsigned char>(s[i - 1]) < 0x80) return false;
    size_t k = i - 1;
    while (k > 0 && (static_cast<unsigned char>(s[k]) & 0xC0) == 0x80)
        --k;
    return CjkAt(s, k);
}

// Where a query text may sit in folded field text.
struct Boundaries {
    bool start = false; // must start a word
    bool end = false;   // must end a word
};

// `needle` occurs in `hay` at or after `from`, within the boundaries asked.
bool ContainsAt(std::string_view hay, std::string_view needle, Boundaries b, size_t from = 0) {
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

// `needle` occurs in `hay` at the start of a word (hay and needle folded).
bool ContainsAtWordStart(std::string_view hay, std::string_view needle) {
    return ContainsAt(hay, needle, Boundaries{true, false});
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

// Open-addressing table from text to dense ids 0, 1, 2... in order of first insertion.
// The texts are copied into an arena, so callers may pass views of scratch buffers.
class TextTable {
  public:
    static constexpr uint32_t kMissing = std::numeric_limits<uint32_t>::max();

    // Id of `text`, adding it when new.
    uint32_t Intern(std::string_view text) {
        if ((texts_.size() + 1) * 2 > slots_.size()) Grow();
        const uint32_t h = Hash(text);
        for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const uint32_t slot = slots_[i];
            if (slot == 0) {
                const auto id = static_cast<uint32_t>(texts_.size());
                texts_.push_back(Store(text));
                hashes_.push_back(h);
                slots_[i] = id + 1;
                return id;
            }
            if (hashes_[slot - 1] == h && texts_[slot - 1] == text) return slot - 1;
        }
    }
    // Id of `text`, or kMissing.
    uint32_t Find(std::string_view text) const {
        if (slots_.empty()) return kMissing;
        const uint32_t h = Hash(text);
        for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
            const uint32_t slot = slots_[i];
            if (slot == 0) return kMissing;
            if (hashes_[slot - 1] == h && texts_[slot - 1] == text) return slot - 1;
        }
    }
    std::string_view Text(uint32_t id) const { return texts_[id]; }
    size_t size() const { return texts_.size(); }

  private:
    static uint32_t Hash(std::string_view s) {
        uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
        const char* p = s.data();
        size_t n = s.size();
        for (; n >= 8; p += 8, n -= 8) {
            uint64_t v;
            std::memcpy(&v, p, 8);
            h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
            h ^= h >> 29;
        }
        uint64_t v = 0;
        std::memcpy(&v, p, n);
        h = (h ^ v) * 0x94D049BB133111EBull;
        return static_cast<uint32_t>(h ^ (h >> 32));
    }
    void Grow() {
        std::vector<uint32_t> slots(std::max<size_t>(64, slots_.size() * 2), 0);
        for (uint32_t id = 0; id < texts_.size(); ++id) {
            size_t i = hashes_[id] & (slots.size() - 1);
            while (slots[i] != 0)
                i = (i + 1) & (slots.size() - 1);
            slots[i] = id + 1;
        }
        slots_.swap(slots);
    }
    std::string_view Store(std::string_view text) {
        if (chunks_.empty() || chunk_used_ + text.size() > chunk_size_) {
            chunk_size_ = std::max<size_t>(64 * 1024, text.size());
            chunks_.emplace_back(new char[chunk_size_]);
            chunk_used_ = 0;
        }
        char* at = chunks_.back().get() + chunk_used_;
        if (!text.empty()) std::memcpy(at, text.data(), text.size());
        chunk_used_ += text.size();
        return std::string_view(at, text.size());
    }

    std::vector<std::string_view> texts_;
    std::vector<uint32_t> hashes_;
    std::vector<uint32_t> slots_; // id + 1; 0 = empty
    std::vector<std::unique_ptr<char[]>> chunks_;
    size_t chunk_used_ = 0, chunk_size_ = 0;
};

// ------------------------------------------------------------------ typo distance

// Letters present in an ASCII word, one bit per letter or digit, bit 63 for the rest.
uint64_t LetterMask(std::string_view w) {
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

int PopCount(uint64_t v) {
    int n = 0;
    for (; v; v &= v - 1)
        ++n;
    return n;
}

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

// ------------------------------------------------------------------ scoring

// Match quality of one word, best first; 0 means no match.
constexpr uint8_t kNone = 0;
constexpr uint8_t kFuzzyPrefix2 = 2;
constexpr uint8_t kFuzzyPrefix1 = 3;
constexpr uint8_t kFuzzy2 = 3;
constexpr uint8_t kFuzzy1 = 4;
constexpr uint8_t kInside = 5;
constexpr uint8_t kPrefix = 8;
constexpr uint8_t kExact = 10;

// Field weights in SearchField order: title, authors, tags, venue, notes.
constexpr uint16_t kFieldWeight[kSearchFieldCount] = {10, 7, 6, 5, 3};
constexpr int kMaxTermScore = 10 * 10;

constexpr uint32_t kFieldBits = 3; // posting = paper << 3 | field
constexpr uint32_t kFieldMask = (1u << kFieldBits) - 1;

bool IsUserField(uint32_t f) {
    return f == static_cast<uint32_t>(SearchField::Tags) || f == static_cast<uint32_t>(SearchField::Notes);
}

// Calls f(paper index, record, via_alias) for every record of `progress` whose id (or an
// alias) is a catalogue paper, walking the records and the sorted ids side by side.
template <class F>
void JoinRecords(const Progress& progress, const Catalogue& c, const std::vector<uint32_t>& id_order,
                 const std::vector<std::pair<std::string, uint32_t>>& aliases, F&& f) {
    const auto& records = progress.Records();
    auto it = records.begin();
    size_t k = 0, a = 0;
    while (it != records.end()) {
        while (k < id_order.size() && c.papers[id_order[k]].id < it->first)
            ++k;
        if (k < id_order.size() && c.papers[id_order[k]].id == it->first) {
            f(id_order[k], it->second, false);
        } else if (!aliases.empty()) {
            while (a < aliases.size() && aliases[a].first < it->first)
                ++a;
            if (a < aliases.size() && aliases[a].first == it->first) f(aliases[a].second, it->second, true);
        }
        ++it;
    }
}

template <class T> size_t VecBytes(const std::vector<T>& v) { return v.capacity() * sizeof(T); }

// ------------------------------------------------------------------ query parsing

std::string AsciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// A raw field value and whether it was quoted.
struct RawValue {
    std::string text;
    bool quoted = false;
};

std::optional<int> ParseYearNumber(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<YearRange> ParseYearValue(std::string_view s) {
    YearRange r;
    auto num = [](std::string_view t) { return ParseYearNumber(t); };
    if (StartsWith(s, ">=") || StartsWith(s, "<=")) {
        const auto v = num(s.substr(2));
        if (!v) return std::nullopt;
        (s[0] == '>' ? r.from : r.to) = *v;
        return r;
    }
    if (StartsWith(s, ">") || StartsWith(s, "<")) {
        const auto v = num(s.substr(1));
        if (!v) return std::nullopt;
        if (s[0] == '>')
            r.from = *v + 1;
        else
            r.to = *v - 1;
        return r.from <= r.to ? std::optional<YearRange>(r) : std::nullopt;
    }
    size_t dots = s.find("..");
    size_t sep_len = 2;
    if (dots == std::string_view::npos && s.size() > 1) {
        dots = s.find('-', 1);
        sep_len = 1;
    }
    if (dots == std::string_view::npos) {
        const auto v = num(s);
        if (!v) return std::nullopt;
        r.from = r.to = *v;
        return r;
    }
    const std::string_view lo = s.substr(0, dots), hi = s.substr(dots + sep_len);
    if (lo.empty() && hi.empty()) return std::nullopt;
    if (!lo.empty()) {
        const auto v = num(lo);
        if (!v) return std::nullopt;
        r.from = *v;
    }
    if (!hi.empty()) {
        const auto v = num(hi);
        if (!v) return std::nullopt;
        r.to = *v;
    }
    if (r.from > r.to) return std::nullopt;
    return r;
}

class QueryParser {
  public:
    explicit QueryParser(std::string_view text) : s_(text) {}

    SearchQuery Parse() {
        if (s_.size() > kMaxQueryBytes) {
            size_t n = kMaxQueryBytes;
            while (n > 0 && (static_cast<unsigned char>(s_[n]) & 0xC0) == 0x80)
                --n;
            s_ = s_.substr(0, n);
            q_.errors.push_back("query too long: only the first " + std::to_string(kMaxQueryBytes) +
                                " bytes are used");
        }
        const bool ends_open = !s_.empty() && SpaceAt(s_, s_.size() - 1) == 0 &&
                               !(s_.size() >= 3 && SpaceAt(s_, s_.size() - 3) == 3);
        size_t last_token_first_term = 0;
        bool last_token_plain = false;
        while (true) {
            while (i_ < s_.size()) {
                const size_t sp = SpaceAt(s_, i_);
                if (sp == 0) break;
                i_ += sp;
            }
            if (i_ >= s_.size()) break;
            last_token_first_term = q_.terms.size();
            last_token_plain = false;
            bool negated = false;
            if (s_[i_] == '-') {
                ++i_;
                if (i_ >= s_.size() || SpaceAt(s_, i_) != 0) continue; // a lone '-'
                negated = true;
            }
            if (s_[i_] == '"') {
                bool closed = false;
                const std::string phrase = ReadQuoted(&closed);
                AddPhrase(phrase, negated, kAllFields, !closed);
                continue;
            }
            size_t j = i_;
            while (j < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[j])) || s_[j] == '_'))
                ++j;
            if (j > i_ && j < s_.size() && s_[j] == ':') {
                const std::string name = AsciiLower(s_.substr(i_, j - i_));
                i_ = j + 1;
                const std::vector<RawValue> values = ReadValues();
                if (values.empty() && !KnownField(name)) {
                    AddWords(name, negated, kAllFields); // "Alpa: ..." pasted from a title
                    last_token_plain = true;
                    continue;
                }
                last_token_plain = IsTextField(name);
                ApplyField(name, values, negated);
                continue;
            }
            j = i_;
            while (j < s_.size() && SpaceAt(s_, j) == 0 && s_[j] != '"')
                ++j;
            AddWords(s_.substr(i_, j - i_), negated, kAllFields);
            last_token_plain = true;
            i_ = j;
        }
        if (ends_open && last_token_plain && last_token_first_term < q_.terms.size()) {
            QueryTerm& t = q_.terms.back();
            if (!t.phrase && !t.negated) t.open = true;
        }
        return std::move(q_);
    }

  private:
    static bool IsTextField(const std::string& name) {
        return name == "title" || name == "author" || name == "authors" || name == "by" || name == "note" ||
               name == "notes";
    }
    static bool KnownField(const std::string& name) {
        static const char* const kNames[] = {"status", "list", "lists", "section", "role",
                                             "venue",  "year", "years", "tag",     "tags",
                                             "kind",   "id",   "has",   "priority"};
        for (const char* k : kNames)
            if (name == k) return true;
        return IsTextField(name);
    }

    // Reads "..." from s_[i_] (which is the quote); sets *closed when the quote closes.
    std::string ReadQuoted(bool* closed) {
        ++i_;
        const size_t end = s_.find('"', i_);
        std::string out(s_.substr(i_, end == std::string_view::npos ? std::string_view::npos : end - i_));
        *closed = end != std::string_view::npos;
        i_ = *closed ? end + 1 : s_.size();
        return out;
    }

    // value[,value...] where each value is a bare run or "quoted".
    std::vector<RawValue> ReadValues() {
        std::vector<RawValue> out;
        while (i_ < s_.size() && SpaceAt(s_, i_) == 0) {
            RawValue v;
            if (s_[i_] == '"') {
                bool closed = false;
                v.text = ReadQuoted(&closed);
                v.quoted = true;
            } else {
                size_t j = i_;
                while (j < s_.size() && SpaceAt(s_, j) == 0 && s_[j] != ',')
                    ++j;
                v.text = std::string(s_.substr(i_, j - i_));
                i_ = j;
            }
            if (!v.text.empty()) out.push_back(std::move(v));
            if (i_ < s_.size() && s_[i_] == ',') {
                ++i_;
                continue;
            }
            break;
        }
        // Anything glued after a closing quote belongs to nobody: skip it.
        while (i_ < s_.size() && SpaceAt(s_, i_) == 0)
            ++i_;
        return out;
    }

    bool RoomForTerm() {
        if (q_.terms.size() < kMaxQueryTerms) return true;
        if (!too_many_reported_) {
            q_.errors.push_back("too many words: only the first " + std::to_string(kMaxQueryTerms) +
                                " are used");
            too_many_reported_ = true;
        }
        return false;
    }

    void AddTerm(std::string text, uint8_t fields, bool phrase, bool negated, bool open) {
        if (text.empty() || !RoomForTerm()) return;
        QueryTerm t;
        t.text = std::move(text);
        t.fields = fields;
        t.phrase = phrase;
        t.negated = negated;
        t.open = open;
        q_.terms.push_back(std::move(t));
    }

    void AddPhrase(std::string_view raw, bool negated, uint8_t fields, bool open) {
        AddTerm(FoldedText(raw), fields, true, negated, open);
    }

    // A bare word: folded, split at punctuation and between CJK and other letters.
    // Negated words that split stay together as one phrase (-pipe-dream).
    void AddWords(std::string_view raw, bool negated, uint8_t fields) {
        const std::string folded = FoldedText(raw);
        std::vector<std::string> parts;
        for (size_t i = 0; i < folded.size();) {
            if (folded[i] == ' ') {
                ++i;
                continue;
            }
            const size_t start = i;
            size_t j = i;
            const bool cjk = CjkAt(folded, i);
            while (j < folded.size() && folded[j] != ' ' && CjkAt(folded, j) == cjk) {
                size_t k = j;
                NextCodePoint(folded, k);
                j = k;
            }
            parts.emplace_back(folded.substr(start, j - start));
            i = j;
        }
        if (negated && parts.size() > 1) {
            AddTerm(folded, fields, true, true, false);
            return;
        }
        for (std::string& p : parts) {
            const std::string_view cut = CjkAt(p, 0) ? std::string_view(p) : CutWord(p);
            AddTerm(std::string(cut), fields, false, negated, false);
        }
    }

    void ApplyField(const std::string& name, const std::vector<RawValue>& values, bool negated) {
        if (!KnownField(name)) {
            q_.errors.push_back("unknown field '" + name + "'");
            return;
        }
        if (values.empty()) {
            q_.errors.push_back("'" + name + ":' needs a value");
            return;
        }
        if (IsTextField(name)) {
            const SearchField f = name[0] == 't'   ? SearchField::Title
                                  : name[0] == 'n' ? SearchField::Notes
                                                   : SearchField::Authors;
            for (const RawValue& v : values) {
                if (v.quoted)
                    AddPhrase(v.text, negated, FieldBit(f), false);
                else
                    AddWords(v.text, negated, FieldBit(f));
            }
            return;
        }
        QueryFilter filter;
        filter.negated = negated;
        if (name == "status") {
            filter.field = FilterField::Status;
            for (const RawValue& v : values) {
                const std::string low = AsciiLower(v.text);
                if (const auto s = ParseStatus(low)) {
                    filter.bits = static_cast<uint8_t>(filter.bits | (1u << static_cast<unsigned>(*s)));
                    filter.values.push_back(low);
                } else {
                    q_.errors.push_back("unknown status '" + v.text +
                                        "' (use unread, queued, reading, read or skipped)");
                }
            }
        } else if (name == "year" || name == "years") {
            filter.field = FilterField::Year;
            for (const RawValue& v : values) {
                if (const auto r = ParseYearValue(v.text)) {
                    filter.years.push_back(*r);
                    filter.values.push_back(v.text);
                } else {
                    q_.errors.push_back("bad year '" + v.text + "' (use 2019, 2019..2021, ..2018 or 2020..)");
                }
            }
        } else if (name == "priority") {
            filter.field = FilterField::Priority;
            static const char* const kPriorityNames[kMaxPriority + 1] = {"none", "low", "normal", "high"};
            for (const RawValue& v : values) {
                const std::string low = AsciiLower(v.text);
                int level = -1;
                for (int k = 0; k <= kMaxPriority; ++k)
                    if (low == kPriorityNames[k] || (low.size() == 1 && low[0] == '0' + k)) level = k;
                if (level >= 0) {
                    filter.bits = static_cast<uint8_t>(filter.bits | (1u << level));
                    filter.values.push_back(kPriorityNames[level]);
                } else {
                    q_.errors.push_back("unknown priority '" + v.text +
                                        "' (use none, low, normal, high or 0-3)");
                }
            }
        } else if (name == "has") {
            filter.field = FilterField::Has;
            for (const RawValue& v : values) {
                std::string low = AsciiLower(v.text);
                if (!low.empty() && low.back() == 's') low.pop_back();
                if (low == "note" || low == "tag" || low == "link")
                    filter.values.push_back(low);
                else
                    q_.errors.push_back("unknown has: value '" + v.text + "' (use note, tag or link)");
            }
        } else if (name == "id") {
            filter.field = FilterField::Id;
            for (const RawValue& v : values)
                filter.values.push_back(AsciiLower(v.text));
        } else {
            filter.field = name == "list" || name == "lists" ? FilterField::List
                           : name == "section"               ? FilterField::Section
                           : name == "role"                  ? FilterField::Role
                           : name == "venue"                 ? FilterField::Venue
                           : name == "kind"                  ? FilterField::Kind
                                                             : FilterField::Tag;
            for (const RawValue& v : values) {
                std::string folded = FoldedText(v.text);
                if (!folded.empty()) filter.values.push_back(std::move(folded));
            }
            if (filter.values.empty()) q_.errors.push_back("'" + name + ":' needs a value");
        }
        if (!filter.values.empty()) q_.filters.push_back(std::move(filter));
    }

    std::string_view s_;
    size_t i_ = 0;
    SearchQuery q_;
    bool too_many_reported_ = false;
};

} // namespace

// ------------------------------------------------------------------ public helpers

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
        const Fold f = FoldCodePoint(NextCodePoint(text, i));
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
            char buf[4];
            size_t n = 0;
            const uint32_t cp = f.cp;
            if (cp < 0x80) {
                buf[n++] = static_cast<char>(cp);
            } else if (cp < 0x800) {
                buf[n++] = static_cast<char>(0xC0 | (cp >> 6));
                buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                buf[n++] = static_cast<char>(0xE0 | (cp >> 12));
                buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
            } else {
                buf[n++] = static_cast<char>(0xF0 | (cp >> 18));
                buf[n++] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
                buf[n++] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
                buf[n++] = static_cast<char>(0x80 | (cp & 0x3F));
            }
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

const char* SearchFieldName(SearchField f) {
    switch (f) {
    case SearchField::Title: return "title";
    case SearchField::Authors: return "authors";
    case SearchField::Tags: return "tags";
    case SearchField::Venue: return "venue";
    case SearchField::Notes: return "notes";
    case SearchField::None: break;
    }
    return "none";
}

SearchQuery ParseQuery(std::string_view text) { return QueryParser(text).Parse(); }

// ------------------------------------------------------------------ SearchIndex

std::string_view SearchIndex::Word(uint32_t id) const {
    const size_t base = word_offsets_.empty() ? 0 : word_offsets_.size() - 1;
    if (id < base)
        return std::string_view(word_chars_)
            .substr(word_offsets_[id], word_offsets_[id + 1] - word_offsets_[id]);
    return extra_words_[id - base];
}

uint32_t SearchIndex::FindWord(std::string_view w) const {
    const size_t base = word_offsets_.empty() ? 0 : word_offsets_.size() - 1;
    size_t lo = 0, hi = base;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (Word(static_cast<uint32_t>(mid)) < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < base && Word(static_cast<uint32_t>(lo)) == w) return static_cast<uint32_t>(lo);
    const auto it = extra_ids_.find(std::string(w));
    return it == extra_ids_.end() ? kNoWord : it->second;
}

uint32_t SearchIndex::AddExtraWord(std::string_view w) {
    const uint32_t id = FindWord(w);
    if (id != kNoWord) return id;
    const auto next = static_cast<uint32_t>(word_offsets_.size() - 1 + extra_words_.size());
    extra_words_.emplace_back(w);
    extra_ids_.emplace(std::string(w), next);
    return next;
}

uint32_t SearchIndex::InternTag(std::string_view folded) {
    const auto it = tag_lookup_.find(std::string(folded));
    if (it != tag_lookup_.end()) return it->second;
    const auto id = static_cast<uint32_t>(tag_names_.size());
    tag_names_.emplace_back(folded);
    tag_lookup_.emplace(std::string(folded), id);
    return id;
}

std::pair<const uint32_t*, const uint32_t*> SearchIndex::TagsOf(uint32_t paper) const {
    if (overridden_[paper]) {
        const auto it = overrides_.find(paper);
        if (it != overrides_.end())
            return {it->second.tags.data(), it->second.tags.data() + it->second.tags.size()};
    }
    return {tag_ids_.data() + tag_offsets_[paper], tag_ids_.data() + tag_offsets_[paper + 1]};
}

void SearchIndex::Build(const Catalogue& catalogue, const Progress& progress) {
    *this = SearchIndex();
    catalogue_ = &catalogue;
    const auto& papers = catalogue.papers;
    const size_t n = papers.size();

    std::vector<uint32_t> id_order(n); // paper indices sorted by id, to walk beside the records
    for (size_t i = 0; i < n; ++i)
        id_order[i] = static_cast<uint32_t>(i);
    std::sort(id_order.begin(), id_order.end(),
              [&](uint32_t a, uint32_t b) { return papers[a].id < papers[b].id; });
    std::vector<std::pair<std::string, uint32_t>> aliases;
    for (size_t i = 0; i < n; ++i)
        for (const std::string& al : papers[i].aliases)
            aliases.emplace_back(al, static_cast<uint32_t>(i));
    std::sort(aliases.begin(), aliases.end());

    std::vector<const PaperProgress*> record(n, nullptr);
    JoinRecords(progress, catalogue, id_order, aliases,
                [&](uint32_t p, const PaperProgress& r, bool via_alias) {
                    if (!via_alias || !record[p]) record[p] = &r;
                });

    // Pass 1: words of every (paper, field), numbered in order of first appearance.
    TextTable vocabulary;
    std::vector<uint8_t> in_catalog;         // word occurs in a title, author or venue
    std::vector<uint32_t> last_segment;      // dedupes a word within one (paper, field)
    std::vector<uint32_t> seg_code, seg_end; // per segment: paper << 3 | field, end in tokens
    std::vector<uint32_t> tokens;
    std::string folded;
    uint32_t segment = 0;
    auto add_text = [&](std::string_view text, uint32_t paper, SearchField field, bool more_to_come) {
        folded.clear();
        FoldText(text, folded);
        const bool catalog_field =
            field == SearchField::Title || field == SearchField::Authors || field == SearchField::Venue;
        ForEachWord(folded, [&](std::string_view w) {
            const uint32_t id = vocabulary.Intern(w);
            if (id == in_catalog.size()) {
                in_catalog.push_back(0);
                last_segment.push_back(std::numeric_limits<uint32_t>::max());
            }
            if (catalog_field) in_catalog[id] = 1;
            if (last_segment[id] == segment) return;
            last_segment[id] = segment;
            tokens.push_back(id);
        });
        if (more_to_come) return;
        if (seg_end.empty() ? !tokens.empty() : seg_end.back() != tokens.size()) {
            seg_code.push_back(paper << kFieldBits | static_cast<uint32_t>(field));
            seg_end.push_back(static_cast<uint32_t>(tokens.size()));
        }
        ++segment;
    };

    std::unordered_map<std::string, uint32_t> venue_ids, kind_ids, role_ids;
    auto intern = [](std::unordered_map<std::string, uint32_t>& map, std::vector<std::string>& names,
                     std::string key) {
        const auto it = map.find(key);
        if (it != map.end()) return it->second;
        const auto id = static_cast<uint32_t>(names.size());
        names.push_back(key);
        map.emplace(std::move(key), id);
        return id;
    };

    year_.resize(n);
    venue_.resize(n);
    kind_.resize(n);
    has_note_.assign(n, 0);
    status_.assign(n, static_cast<uint8_t>(Status::Unread));
    priority_.assign(n, 0);
    overridden_.assign(n, 0);
    tag_offsets_.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const Paper& paper = papers[i];
        const auto p = static_cast<uint32_t>(i);
        year_[i] = paper.year;
        venue_[i] = intern(venue_ids, venues_, FoldedText(paper.venue));
        kind_[i] =
            static_cast<uint8_t>(std::min<uint32_t>(intern(kind_ids, kinds_, FoldedText(paper.kind)), 255));
        add_text(paper.title, p, SearchField::Title, false);
        for (size_t a = 0; a < paper.authors.size(); ++a)
            add_text(paper.authors[a], p, SearchField::Authors, a + 1 < paper.authors.size());
        add_text(paper.venue, p, SearchField::Venue, false);
        if (const PaperProgress* r = record[i]) {
            status_[i] = static_cast<uint8_t>(r->status);
            priority_[i] = static_cast<uint8_t>(std::clamp(r->priority, 0, kMaxPriority));
            const std::vector<std::string>& tags = r->tags;
            const size_t first_tag = tag_ids_.size();
            for (size_t t = 0; t < tags.size(); ++t) {
                const std::string ft = FoldedText(tags[t]);
                if (!ft.empty()) {
                    const uint32_t tid = InternTag(ft);
                    if (std::find(tag_ids_.begin() + static_cast<std::ptrdiff_t>(first_tag), tag_ids_.end(),
                                  tid) == tag_ids_.end())
                        tag_ids_.push_back(tid);
                }
                add_text(tags[t], p, SearchField::Tags, t + 1 < tags.size());
            }
            add_text(r->note, p, SearchField::Notes, false);
            has_note_[i] = r->note.empty() ? 0 : 1;
        }
        tag_offsets_[i + 1] = static_cast<uint32_t>(tag_ids_.size());
    }

    // Pass 2: sort the vocabulary, then lay postings out word by word (CSR).
    const size_t word_count = vocabulary.size();
    auto words = [&](uint32_t id) { return vocabulary.Text(id); };
    std::vector<uint32_t> order(word_count);
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<uint32_t>(i);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return words(a) < words(b); });
    std::vector<uint32_t> rank(word_count);
    size_t chars = 0;
    for (size_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = static_cast<uint32_t>(r);
        chars += words(order[r]).size();
    }
    word_chars_.reserve(chars);
    word_offsets_.reserve(word_count + 1);
    for (uint32_t w : order) {
        word_offsets_.push_back(static_cast<uint32_t>(word_chars_.size()));
        word_chars_.append(words(w));
    }
    word_offsets_.push_back(static_cast<uint32_t>(word_chars_.size()));

    post_offsets_.assign(word_count + 1, 0);
    for (uint32_t t : tokens)
        ++post_offsets_[rank[t] + 1];
    for (size_t w = 0; w < word_count; ++w)
        post_offsets_[w + 1] += post_offsets_[w];
    post_.resize(tokens.size());
    {
        std::vector<uint32_t> cursor(post_offsets_.begin(), post_offsets_.end() - 1);
        uint32_t begin = 0;
        for (size_t s = 0; s < seg_end.size(); ++s) {
            for (uint32_t k = begin; k < seg_end[s]; ++k)
                post_[cursor[rank[tokens[k]]]++] = seg_code[s];
            begin = seg_end[s];
        }
    }
    for (uint32_t w : order) {
        if (!in_catalog[w]) continue;
        const uint32_t id = rank[w];
        catalog_words_.push_back(id);
        catalog_chars_.push_back('\n');
        catalog_starts_.push_back(static_cast<uint32_t>(catalog_chars_.size()));
        catalog_chars_.append(words(w));
        catalog_masks_.push_back(LetterMask(words(w)));
    }

    // Where each paper appears: list, section and role.
    TextTable paper_ids;
    std::vector<uint32_t> paper_of_id; // first paper with each id
    for (size_t i = 0; i < n; ++i)
        if (paper_ids.Intern(papers[i].id) == paper_of_id.size())
            paper_of_id.push_back(static_cast<uint32_t>(i));
    std::vector<std::pair<uint32_t, Membership>> placed;
    for (size_t l = 0; l < catalogue.lists.size(); ++l) {
        const ReadingList& list = catalogue.lists[l];
        list_ids_.push_back(FoldedText(list.id));
        list_titles_.push_back(FoldedText(list.title));
        for (const Section& s : list.sections) {
            const auto section = static_cast<uint32_t>(sections_.size());
            sections_.push_back({static_cast<uint32_t>(l), FoldedText(s.title), FoldedText(s.date)});
            for (const Entry& e : s.entries) {
                const uint32_t found = paper_ids.Find(e.paper);
                uint32_t index = found == TextTable::kMissing ? TextTable::kMissing : paper_of_id[found];
                if (index == TextTable::kMissing) { // an alias
                    const Paper* paper = catalogue.FindPaper(e.paper);
                    if (!paper) continue;
                    index = static_cast<uint32_t>(paper - papers.data());
                }
                const uint32_t role = intern(role_ids, roles_, FoldedText(e.role));
                placed.push_back(
                    {index, Membership{section, static_cast<uint16_t>(std::min<size_t>(l, 0xFFFF)),
                                       static_cast<uint16_t>(std::min<uint32_t>(role, 0xFFFF))}});
            }
        }
    }
    member_offsets_.assign(n + 1, 0);
    for (const auto& pm : placed)
        ++member_offsets_[pm.first + 1];
    for (size_t i = 0; i < n; ++i)
        member_offsets_[i + 1] += member_offsets_[i];
    members_.resize(placed.size());
    {
        std::vector<uint32_t> cursor(member_offsets_.begin(), member_offsets_.end() - 1);
        for (const auto& pm : placed)
            members_[cursor[pm.first]++] = pm.second;
    }
}

bool SearchIndex::UpdatePaper(const std::string& paper_id, const PaperProgress* record) {
    if (!catalogue_) return false;
    const Paper* paper = catalogue_->FindPaper(paper_id);
    if (!paper) return false;
    const auto p = static_cast<uint32_t>(paper - catalogue_->papers.data());
    if (p >= PaperCount()) return false;
    UserPart part;
    std::string folded;
    auto add = [&](std::string_view text, SearchField field) {
        folded.clear();
        FoldText(text, folded);
        ForEachWord(folded, [&](std::string_view w) {
            part.postings.push_back(AddExtraWord(w) << kFieldBits | static_cast<uint32_t>(field));
        });
    };
    if (record) {
        for (const std::string& t : record->tags) {
            const std::string ft = FoldedText(t);
            if (ft.empty()) continue;
            const uint32_t tid = InternTag(ft);
            if (std::find(part.tags.begin(), part.tags.end(), tid) == part.tags.end())
                part.tags.push_back(tid);
            add(t, SearchField::Tags);
        }
        add(record->note, SearchField::Notes);
    }
    std::sort(part.postings.begin(), part.postings.end());
    part.postings.erase(std::unique(part.postings.begin(), part.postings.end()), part.postings.end());
    has_note_[p] = record && !record->note.empty() ? 1 : 0;
    status_[p] = static_cast<uint8_t>(record ? record->status : Status::Unread);
    priority_[p] = static_cast<uint8_t>(record ? std::clamp(record->priority, 0, kMaxPriority) : 0);
    overridden_[p] = 1;
    overrides_[p] = std::move(part);
    return true;
}

size_t SearchIndex::MemoryBytes() const {
    size_t b = word_chars_.capacity() + catalog_chars_.capacity() + VecBytes(word_offsets_) +
               VecBytes(post_offsets_) + VecBytes(post_) + VecBytes(catalog_words_) +
               VecBytes(catalog_starts_) + VecBytes(catalog_masks_) + VecBytes(year_) + VecBytes(venue_) +
               VecBytes(member_offsets_) + VecBytes(members_) + VecBytes(has_note_) + VecBytes(status_) +
               VecBytes(priority_) + VecBytes(tag_offsets_) + VecBytes(tag_ids_) + VecBytes(overridden_) +
               VecBytes(kind_);
    for (const auto& w : extra_words_)
        b += w.capacity() + 32;
    for (const auto& o : overrides_)
        b += VecBytes(o.second.postings) + VecBytes(o.second.tags) + 48;
    for (const auto& s : sections_)
        b += s.title.capacity() + s.date.capacity() + sizeof(s);
    for (const auto* v : {&venues_, &roles_, &kinds_, &list_ids_, &list_titles_, &tag_names_})
        for (const auto& s : *v)
            b += s.capacity() + sizeof(s);
    return b;
}

// ------------------------------------------------------------------ Search

// One run of Search(): per-paper scratch arrays and the steps of the query.
class SearchRun {
  public:
    SearchRun(const SearchIndex& ix, const Progress& progress)
        : ix_(ix), progress_(progress), cat_(*ix.catalogue_),
          n_(std::min(ix.PaperCount(), ix.catalogue_->papers.size())),
          base_words_(ix.word_offsets_.empty() ? 0 : static_cast<uint32_t>(ix.word_offsets_.size() - 1)) {}

    SearchResult Run(const SearchQuery& q, size_t limit);

  private:
    // Words that match one query word, and how well.
    struct WordMatches {
        uint32_t lo = 0, hi = 0; // base ids [lo, hi) start with the word (prefix range)
        uint32_t exact = SearchIndex::kNoWord;
        std::vector<std::pair<uint32_t, uint8_t>> others; // (id, quality) outside [lo, hi), by id

        uint8_t QualityOf(uint32_t w) const {
            if (w == exact) return kExact;
            if (w >= lo && w < hi) return kPrefix;
            const auto it = std::lower_bound(others.begin(), others.end(), std::make_pair(w, uint8_t{0}));
            return it != others.end() && it->first == w ? it->second : kNone;
        }
    };

    WordMatches MatchWord(std::string_view w, bool prefix, bool inside, bool fuzzy, bool open) const;
    // Best field score per paper for one plain word, into best_/best_field_.
    void ScoreWord(const QueryTerm& t);
    // Phrases and CJK runs: candidates from their words, then checked in the field text.
    void ScoreSequence(const QueryTerm& t);
    // Applies `m` to every posting of matching words: f(paper, field, quality).
    template <class F> void ForEachPosting(const WordMatches& m, uint8_t fields, F&& f) const;
    bool FieldContains(uint32_t p, SearchField f, std::string_view needle, Boundaries b);
    // Folds `raw` a piece at a time and stops at the first match: a phrase is usually
    // found long before the end of a note.
    bool FoldedContains(std::string_view raw, std::string_view needle, Boundaries b);
    bool ResolveFilters(const SearchQuery& q, std::vector<std::string>& errors);
    bool PassesFilters(uint32_t p) const;

    const SearchIndex& ix_;
    const Progress& progress_;
    const Catalogue& cat_;
    const size_t n_;
    const uint32_t base_words_;

    std::vector<uint16_t> best_;
    std::vector<uint8_t> best_field_;
    std::string scratch_;
    bool needle_ascii_ = false; // the sequence being checked is plain ASCII

    struct Resolved {
        FilterField field;
        bool negated;
        std::vector<uint8_t> set; // by list / section / role / venue / tag / kind / paper index
        std::vector<YearRange> years;
        uint8_t bits = 0; // status / priority levels
        uint8_t has = 0;  // 1 note, 2 tag, 4 link
    };
    std::vector<Resolved> filters_;
    bool placement_positive_ = false;
};

template <class F> void SearchRun::ForEachPosting(const WordMatches& m, uint8_t fields, F&& f) const {
    const bool any_override = !ix_.overrides_.empty();
    auto walk = [&](uint32_t w, uint8_t quality) {
        if (w >= base_words_) return;
        const uint32_t* post = ix_.post_.data();
        for (uint32_t k = ix_.post_offsets_[w], e = ix_.post_offsets_[w + 1]; k < e; ++k) {
            const uint32_t v = post[k];
            const uint32_t field = v & kFieldMask;
            if (!((fields >> field) & 1u)) continue;
            const uint32_t p = v >> kFieldBits;
            if (any_override && IsUserField(field) && ix_.overridden_[p]) continue;
            f(p, field, quality);
        }
    };
    if (m.exact != SearchIndex::kNoWord) walk(m.exact, kExact);
    for (uint32_t w = m.lo; w < m.hi; ++w)
        if (w != m.exact) walk(w, kPrefix);
    for (const auto& o : m.others)
        walk(o.first, o.second);
    if (!any_override) return;
    for (const auto& entry : ix_.overrides_) {
        if (entry.first >= n_) continue;
        for (uint32_t v : entry.second.postings) {
            const uint32_t field = v & kFieldMask;
            if (!((fields >> field) & 1u)) continue;
            const uint8_t q = m.QualityOf(v >> kFieldBits);
            if (q != kNone) f(entry.first, field, q);
        }
    }
}

SearchRun::WordMatches SearchRun::MatchWord(std::string_view w, bool prefix, bool inside, bool fuzzy,
                                            bool open) const {
    WordMatches m;
    // Prefix range over the sorted base vocabulary.
    uint32_t lo = 0, hi = base_words_;
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2;
        if (ix_.Word(mid) < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    m.lo = lo;
    if (lo < base_words_ && ix_.Word(lo) == w) m.exact = lo;
    if (prefix) {
        hi = base_words_;
        uint32_t a = lo;
        while (a < hi) {
            const uint32_t mid = a + (hi - a) / 2;
            if (StartsWith(ix_.Word(mid), w))
                a = mid + 1;
            else
                hi = mid;
        }
        m.hi = a;
    } else {
        m.hi = m.exact != SearchIndex::kNoWord ? lo + 1 : lo;
    }

    // Inside catalogue words ("dream" in "pipedream").
    if (inside && w.size() >= 3) {
        const std::string_view chars(ix_.catalog_chars_);
        uint32_t last = SearchIndex::kNoWord;
        for (size_t pos = chars.find(w); pos != std::string_view::npos; pos = chars.find(w, pos + 1)) {
            const auto k =
                static_cast<size_t>(std::upper_bound(ix_.catalog_starts_.begin(), ix_.catalog_starts_.end(),
                                                     static_cast<uint32_t>(pos)) -
                                    ix_.catalog_starts_.begin());
            if (k == 0) continue;
            const uint32_t id = ix_.catalog_words_[k - 1];
            if (id == last || (id >= m.lo && id < m.hi)) continue;
            last = id;
            m.others.emplace_back(id, kInside);
        }
    }

    // Typos, in catalogue words only, for plain ASCII words of 5 letters or more.
    const bool ascii =
        std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (fuzzy && ascii && w.size() >= 5) {
        const int k = w.size() >= 9 ? 2 : 1;
        const auto ks = static_cast<size_t>(k);
        const uint64_t mask = LetterMask(w);
        const size_t inside_count = m.others.size();
        const std::string_view chars(ix_.catalog_chars_);
        for (size_t c = 0; c < ix_.catalog_words_.size(); ++c) {
            const uint32_t id = ix_.catalog_words_[c];
            const size_t start = ix_.catalog_starts_[c];
            const size_t end =
                c + 1 < ix_.catalog_starts_.size() ? ix_.catalog_starts_[c + 1] - 1 : chars.size();
            const size_t len = end - start;
            const bool full_ok = len + ks >= w.size() && len <= w.size() + ks &&
                                 PopCount(mask ^ ix_.catalog_masks_[c]) <= 2 * k;
            const bool prefix_ok = open && len + ks >= w.size() && chars[start] == w[0];
            if (!full_ok && !prefix_ok) continue;
            if (id >= m.lo && id < m.hi) continue;
            if (std::binary_search(m.others.begin(), m.others.begin() + static_cast<long>(inside_count),
                                   std::make_pair(id, uint8_t{kInside})))
                continue;
            const std::string_view word = chars.substr(start, len);
            if (full_ok) {
                const int d = BoundedDistance(w, word, k, false);
                if (d <= k) {
                    m.others.emplace_back(id, d == 1 ? kFuzzy1 : kFuzzy2);
                    continue;
                }
            }
            if (prefix_ok) {
                const uint64_t pm = LetterMask(word.substr(0, std::min(len, w.size() + ks)));
                if (PopCount(mask & ~pm) > k) continue;
                const int d = BoundedDistance(w, word, k, true);
                if (d <= k) m.others.emplace_back(id, d == 1 ? kFuzzyPrefix1 : kFuzzyPrefix2);
            }
        }
        std::sort(m.others.begin(), m.others.end());
    }

    // Words first seen after Build() (edited notes and tags; like other note words, only
    // whole or as a prefix).
    for (size_t e = 0; e < ix_.extra_words_.size(); ++e) {
        const std::string_view x = ix_.extra_words_[e];
        const uint8_t q = x == w ? kExact : prefix && StartsWith(x, w) ? kPrefix : kNone;
        if (q != kNone) m.others.emplace_back(base_words_ + static_cast<uint32_t>(e), q);
    }
    return m;
}

void SearchRun::ScoreWord(const QueryTerm& t) {
    const WordMatches m = MatchWord(t.text, true, true, !t.negated, t.open);
    ForEachPosting(m, t.fields, [&](uint32_t p, uint32_t field, uint8_t quality) {
        const auto s = static_cast<uint16_t>(kFieldWeight[field] * quality);
        if (s > best_[p]) {
            best_[p] = s;
            best_field_[p] = static_cast<uint8_t>(field);
        }
    });
}

bool SearchRun::FoldedContains(std::string_view raw, std::string_view needle, Boundaries b) {
    if (needle_ascii_) {
        const int found = FindAsciiFolded(raw, needle, b);
        if (found >= 0) return found == 1;
    }
    constexpr size_t kPiece = 512;
    scratch_.clear();
    size_t pos = 0, checked = 0;
    while (pos < raw.size()) {
        // Pieces end at ASCII whitespace, so the folded pieces join with one space.
        size_t end = std::min(raw.size(), pos + kPiece);
        while (end < raw.size() && !IsSpaceByte(raw[end]))
            ++end;
        const size_t before = scratch_.size();
        if (before) scratch_.push_back(' ');
        FoldText(raw.substr(pos, end - pos), scratch_);
        if (before && scratch_.size() == before + 1) scratch_.pop_back();
        pos = end;
        if (ContainsAt(scratch_, needle, b, checked > needle.size() ? checked - needle.size() : 0))
            return true;
        checked = scratch_.size();
    }
    return false;
}

bool SearchRun::FieldContains(uint32_t p, SearchField f, std::string_view needle, Boundaries b) {
    const Paper& paper = cat_.papers[p];
    auto folded = [&](std::string_view text) { return FoldedContains(text, needle, b); };
    switch (f) {
    case SearchField::Title: return folded(paper.title);
    case SearchField::Authors:
        for (const std::string& a : paper.authors)
            if (folded(a)) return true;
        return false;
    case SearchField::Venue: return ContainsAt(ix_.venues_[ix_.venue_[p]], needle, b);
    case SearchField::Tags: {
        const auto tags = ix_.TagsOf(p);
        for (const uint32_t* t = tags.first; t != tags.second; ++t)
            if (ContainsAt(ix_.tag_names_[*t], needle, b)) return true;
        return false;
    }
    case SearchField::Notes: {
        const PaperProgress* r = progress_.Find(paper.id);
        return r && folded(r->note);
    }
    case SearchField::None: break;
    }
    return false;
}

void SearchRun::ScoreSequence(const QueryTerm& t) {
    std::vector<std::string_view> words;
    ForEachWord(t.text, [&](std::string_view w) { words.push_back(w); });
    if (words.empty()) return;
    std::vector<uint8_t> acc(n_, 0), cur(n_, 0);
    for (size_t k = 0; k < words.size(); ++k) {
        const bool last = k + 1 == words.size();
        const WordMatches m = MatchWord(words[k], last && t.open, false, false, false);
        std::vector<uint8_t>& into = k == 0 ? acc : cur;
        if (k > 0) std::fill(cur.begin(), cur.end(), 0);
        ForEachPosting(m, t.fields, [&](uint32_t p, uint32_t field, uint8_t) {
            into[p] = static_cast<uint8_t>(into[p] | (1u << field));
        });
        if (k > 0)
            for (size_t p = 0; p < n_; ++p)
                acc[p] &= cur[p];
    }
    if (words.size() == 1) { // one word or CJK character: the postings are exact
        for (size_t p = 0; p < n_; ++p) {
            for (int f = 0; f < kSearchFieldCount && acc[p]; ++f) {
                if (!((acc[p] >> f) & 1u)) continue;
                best_[p] = static_cast<uint16_t>(kFieldWeight[f] * kExact);
                best_field_[p] = static_cast<uint8_t>(f);
                break;
            }
        }
        return;
    }
    needle_ascii_ = std::all_of(t.text.begin(), t.text.end(),
                                [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const bool cjk_first = CjkAt(t.text, 0);
    const bool cjk_last = CjkBefore(t.text, t.text.size());
    const Boundaries b{t.phrase && !cjk_first, t.phrase && !t.open && !cjk_last};
    for (size_t p = 0; p < n_; ++p) {
        const uint8_t fields = acc[p];
        if (!fields) continue;
        for (int f = 0; f < kSearchFieldCount; ++f) {
            if (!((fields >> f) & 1u)) continue;
            const auto s = static_cast<uint16_t>(kFieldWeight[f] * kExact);
            if (s <= best_[p]) continue;
            if (FieldContains(static_cast<uint32_t>(p), static_cast<SearchField>(f), t.text, b)) {
                best_[p] = s;
                best_field_[p] = static_cast<uint8_t>(f);
                break; // fields are in ranking order: the first hit is the best
            }
        }
    }
}

bool SearchRun::ResolveFilters(const SearchQuery& q, std::vector<std::string>& errors) {
    for (const QueryFilter& f : q.filters) {
        Resolved r{f.field, f.negated, {}, f.years, f.bits, 0};
        auto resolve = [&](size_t count, const char* what, auto&& matches) {
            r.set.assign(count, 0);
            for (const std::string& v : f.values) {
                bool any = false;
                for (size_t i = 0; i < count; ++i)
                    if (matches(i, v)) r.set[i] = 1, any = true;
                if (!any && what) errors.push_back(std::string("no ") + what + " matches '" + v + "'");
            }
        };
        switch (f.field) {
        case FilterField::Status:
        case FilterField::Priority: break;
        case FilterField::Year: break;
        case FilterField::List:
            resolve(ix_.list_ids_.size(), "list", [&](size_t i, const std::string& v) {
                return StartsWith(ix_.list_ids_[i], v) || ContainsAtWordStart(ix_.list_titles_[i], v);
            });
            break;
        case FilterField::Section:
            resolve(ix_.sections_.size(), "section", [&](size_t i, const std::string& v) {
                const auto& s = ix_.sections_[i];
                return ContainsAt(s.title, v, Boundaries{true, true}) ||
                       (!s.date.empty() && StartsWith(s.date, v));
            });
            break;
        case FilterField::Role:
            resolve(ix_.roles_.size(), "role",
                    [&](size_t i, const std::string& v) { return StartsWith(ix_.roles_[i], v); });
            break;
        case FilterField::Venue:
            resolve(ix_.venues_.size(), nullptr,
                    [&](size_t i, const std::string& v) { return ContainsAtWordStart(ix_.venues_[i], v); });
            break;
        case FilterField::Kind:
            resolve(ix_.kinds_.size(), nullptr,
                    [&](size_t i, const std::string& v) { return StartsWith(ix_.kinds_[i], v); });
            break;
        case FilterField::Tag:
            resolve(ix_.tag_names_.size(), nullptr,
                    [&](size_t i, const std::string& v) { return ix_.tag_names_[i] == v; });
            break;
        case FilterField::Id:
            r.set.assign(n_, 0);
            for (const std::string& v : f.values) {
                const Paper* paper = cat_.FindPaper(v);
                const size_t p = paper ? static_cast<size_t>(paper - cat_.papers.data()) : n_;
                if (p < n_) r.set[p] = 1;
            }
            break;
        case FilterField::Has:
            for (const std::string& v : f.values)
                r.has = static_cast<uint8_t>(r.has | (v == "note" ? 1 : v == "tag" ? 2 : 4));
            break;
        }
        if (!f.negated &&
            (f.field == FilterField::List || f.field == FilterField::Section || f.field == FilterField::Role))
            placement_positive_ = true;
        filters_.push_back(std::move(r));
    }
    return !filters_.empty();
}

bool SearchRun::PassesFilters(uint32_t p) const {
    const SearchIndex::Membership* mb = ix_.members_.data() + ix_.member_offsets_[p];
    const SearchIndex::Membership* me = ix_.members_.data() + ix_.member_offsets_[p + 1];
    auto in_set = [](const std::vector<uint8_t>& set, size_t i) { return i < set.size() && set[i]; };
    auto placement_hit = [&](const Resolved& r, const SearchIndex::Membership& m) {
        switch (r.field) {
        case FilterField::List: return in_set(r.set, m.list);
        case FilterField::Section: return in_set(r.set, m.section);
        case FilterField::Role: return in_set(r.set, m.role);
        default: return false;
        }
    };
    for (const Resolved& r : filters_) {
        bool hit = false;
        switch (r.field) {
        case FilterField::Status: hit = (r.bits >> ix_.status_[p]) & 1u; break;
        case FilterField::Priority: hit = (r.bits >> ix_.priority_[p]) & 1u; break;
        case FilterField::Year:
            for (const YearRange& y : r.years)
                if (ix_.year_[p] != 0 && ix_.year_[p] >= y.from && ix_.year_[p] <= y.to) hit = true;
            break;
        case FilterField::Venue: hit = !cat_.papers[p].venue.empty() && in_set(r.set, ix_.venue_[p]); break;
        case FilterField::Kind: hit = in_set(r.set, ix_.kind_[p]); break;
        case FilterField::Id: hit = in_set(r.set, p); break;
        case FilterField::Tag: {
            const auto tags = ix_.TagsOf(p);
            for (const uint32_t* t = tags.first; t != tags.second && !hit; ++t)
                hit = in_set(r.set, *t);
            break;
        }
        case FilterField::Has: {
            const auto tags = ix_.TagsOf(p);
            hit = ((r.has & 1) && ix_.has_note_[p]) || ((r.has & 2) && tags.first != tags.second) ||
                  ((r.has & 4) && !cat_.papers[p].links.empty());
            break;
        }
        case FilterField::List:
        case FilterField::Section:
        case FilterField::Role:
            if (placement_positive_ && !(r.negated && r.field == FilterField::List))
                continue; // judged per entry below
            for (const auto* m = mb; m != me && !hit; ++m)
                hit = placement_hit(r, *m);
            break;
        }
        if (hit == r.negated) return false;
    }
    if (!placement_positive_) return true;
    // One entry must satisfy every positive list/section/role filter and no negated
    // section/role filter.
    for (const auto* m = mb; m != me; ++m) {
        bool ok = true;
        for (const Resolved& r : filters_) {
            if (r.field != FilterField::List && r.field != FilterField::Section &&
                r.field != FilterField::Role)
                continue;
            if (r.negated && r.field == FilterField::List) continue;
            if (placement_hit(r, *m) == r.negated) {
                ok = false;
                break;
            }
        }
        if (ok) return true;
    }
    return false;
}

SearchResult SearchRun::Run(const SearchQuery& q, size_t limit) {
    SearchResult out;
    out.errors = q.errors;
    const bool filtering = ResolveFilters(q, out.errors);

    size_t positive = 0;
    for (const QueryTerm& t : q.terms)
        positive += t.negated ? 0 : 1;
    std::vector<int32_t> total(positive ? n_ : 0, 0);
    std::vector<uint8_t> matched(positive ? n_ : 0, 0), fields(positive ? n_ : 0, 0);
    std::vector<uint8_t> excluded;
    best_.assign(n_, 0);
    best_field_.assign(n_, 0);
    for (const QueryTerm& t : q.terms) {
        const bool sequence = t.phrase || HasCjk(t.text) || t.text.find(' ') != std::string::npos;
        if (sequence)
            ScoreSequence(t);
        else
            ScoreWord(t);
        if (t.negated) {
            if (excluded.empty()) excluded.assign(n_, 0);
            for (size_t p = 0; p < n_; ++p)
                if (best_[p]) excluded[p] = 1, best_[p] = 0;
            continue;
        }
        for (size_t p = 0; p < n_; ++p) {
            if (!best_[p]) continue;
            total[p] += best_[p];
            ++matched[p];
            fields[p] = static_cast<uint8_t>(fields[p] | (1u << best_field_[p]));
            best_[p] = 0;
        }
    }

    std::vector<SearchHit> hits;
    for (size_t i = 0; i < n_; ++i) {
        const auto p = static_cast<uint32_t>(i);
        if (positive && matched[p] != positive) continue;
        if (!excluded.empty() && excluded[p]) continue;
        if (filtering && !PassesFilters(p)) continue;
        SearchHit h;
        h.paper = p;
        if (positive) {
            h.score = total[p];
            h.fields = fields[p];
            for (int f = 0; f < kSearchFieldCount; ++f)
                if ((h.fields >> f) & 1u) {
                    h.field = static_cast<SearchField>(f);
                    break;
                }
        }
        hits.push_back(h);
    }
    out.total = hits.size();

    // Stable counting sort by score, best first (scores are small integers).
    if (positive && hits.size() > 1) {
        const size_t max_score = positive * kMaxTermScore;
        std::vector<uint32_t> start(max_score + 2, 0);
        for (const SearchHit& h : hits)
            ++start[max_score - static_cast<size_t>(h.score) + 1];
        for (size_t s = 1; s < start.size(); ++s)
            start[s] += start[s - 1];
        std::vector<SearchHit> sorted(hits.size());
        for (const SearchHit& h : hits)
            sorted[start[max_score - static_cast<size_t>(h.score)]++] = h;
        hits.swap(sorted);
    }
    if (hits.size() > limit) hits.resize(limit);
    out.hits = std::move(hits);
    return out;
}

SearchResult Search(const SearchQuery& query, const SearchIndex& index, const Progress& progress,
                    size_t limit) {
    if (!index.catalogue()) {
        SearchResult r;
        r.errors = query.errors;
        return r;
    }
    return SearchRun(index, progress).Run(query, limit);
}

} // namespace shelfmark
