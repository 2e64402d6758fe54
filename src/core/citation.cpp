#include "core/citation.h"

#include <algorithm>
#include <cstdint>
#include <optional>

#include "core/ascii_text.h"
#include "core/markdown.h"
#include "core/paper_matcher.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

constexpr std::size_t kMaxInputBytes = 64 * 1024;
constexpr std::size_t kMaxCandidates = 16;
constexpr std::size_t kMaxCandidateBytes = 600;
constexpr std::size_t kMaxAuthors = 100;
constexpr std::size_t kMaxLinks = 20;
constexpr std::size_t kMaxDetailLines = 50;
constexpr std::size_t kMaxSpans = 64; // links, strong, emph and code spans read per item

// ------------------------------------------------------------------ small text helpers

using ascii::CollapseSpaces;
using ascii::CountWords;
using ascii::IsAlpha;
using ascii::IsDigit;
using ascii::IsSpaceChar;
using ascii::IsUpper;
using ascii::Lower;
using ascii::LowerAscii;
using ascii::StartsWithCi;
using ascii::Trim;
using ascii::Words;

bool HasNonAscii(std::string_view s) {
    return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// A title needs two words, or one word of CJK text (which has no spaces).
bool TitleSized(std::string_view s) {
    const std::size_t n = CountWords(s);
    return n >= 2 || (n == 1 && HasNonAscii(s) && utf8::CountCodePoints(s) >= 4);
}

bool IsHttp(std::string_view url) { return StartsWithCi(url, "http://") || StartsWithCi(url, "https://"); }

// Strips a wrapping or unclosed leading bracket, trailing "[ICLR'18]" / "(OSDI20)" style
// notes and trailing punctuation. (Moved from markdown_import.cpp.)
std::string CleanTitle(std::string_view raw) {
    std::string s = CollapseSpaces(utf8::Truncated(raw, 2 * kMaxCandidateBytes));
    while (!s.empty() && (s.front() == '[' || s.front() == '(')) {
        const char open = s.front(), close = open == '[' ? ']' : ')';
        int depth = 0;
        std::size_t match = std::string::npos;
        for (std::size_t i = 0; i < s.size() && match == std::string::npos; ++i) {
            if (s[i] == open) ++depth;
            if (s[i] == close && --depth == 0) match = i;
        }
        if (match == std::string::npos)
            s.erase(0, 1);
        else if (match + 1 == s.size())
            s = s.substr(1, s.size() - 2);
        else
            break;
        s = Trim(s);
    }
    for (int guard = 0; guard < 4; ++guard) {
        while (!s.empty() &&
               (s.back() == ' ' || s.back() == '.' || s.back() == ',' || s.back() == ':' || s.back() == ';'))
            s.pop_back();
        if (s.empty() || (s.back() != ']' && s.back() != ')')) break;
        const char close = s.back(), open = close == ']' ? '[' : '(';
        int depth = 0;
        std::size_t i = s.size();
        while (i > 0) {
            --i;
            if (s[i] == close) ++depth;
            if (s[i] == open && --depth == 0) break;
        }
        if (depth != 0 || i == 0 || s.size() - i > 80) break;
        s.erase(i);
    }
    return Trim(s);
}

// Splits at ". " (sentence ends), keeping pieces with text. (Moved from markdown_import.cpp.)
std::vector<std::string> Sentences(std::string_view s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] == '.' && s[i + 1] == ' ') {
            std::string piece = Trim(s.substr(start, i - start));
            if (!piece.empty()) out.push_back(piece);
            start = i + 2;
        }
    }
    std::string last = Trim(s.substr(std::min(start, s.size())));
    if (!last.empty()) out.push_back(last);
    return out;
}

// ------------------------------------------------------------------ venues and years

struct VenueName {
    std::string_view name; // literals: NUL-terminated, so name.data() is a C string
    bool any_case;         // else only as written (all-caps names that are also words: FAST, MICRO)
};
// Conferences and journals of reading lists in systems, ML, databases, networks, PL,
// architecture, vision and language; canonical spelling.
const VenueName kVenues[] = {
    {"OSDI", true},       {"SOSP", true},    {"NSDI", true},     {"EuroSys", true},     {"ATC", false},
    {"USENIX ATC", true}, {"FAST", false},   {"ASPLOS", true},   {"ISCA", true},        {"MICRO", false},
    {"HPCA", true},       {"SIGMOD", true},  {"PVLDB", true},    {"VLDB", true},        {"ICDE", true},
    {"CIDR", true},       {"PODS", false},   {"NeurIPS", true},  {"NIPS", true},        {"ICML", true},
    {"ICLR", true},       {"CVPR", true},    {"ICCV", true},     {"ECCV", true},        {"ACL", false},
    {"EMNLP", true},      {"NAACL", true},   {"COLING", true},   {"AAAI", true},        {"IJCAI", true},
    {"KDD", true},        {"WWW", false},    {"SIGCOMM", true},  {"MLSys", true},       {"SysML", true},
    {"SoCC", true},       {"SC", false},     {"PPoPP", true},    {"PLDI", true},        {"POPL", true},
    {"OOPSLA", true},     {"CoNEXT", true},  {"MobiCom", true},  {"MobiSys", true},     {"SenSys", true},
    {"HotOS", true},      {"HotNets", true}, {"HotCloud", true}, {"Middleware", false}, {"ICS", false},
    {"IPDPS", true},      {"HPDC", true},    {"DAC", false},     {"TOCS", true},        {"CACM", true},
    {"JMLR", true},       {"TPAMI", true},   {"TACL", true},     {"TMLR", true},        {"ICASSP", true},
    {"SIGIR", true},      {"WSDM", true},    {"RecSys", true},   {"CIKM", true},        {"SIGGRAPH", true},
    {"CoRL", true},       {"ICRA", true},    {"IROS", true},     {"UAI", true},         {"AISTATS", true},
    {"COLT", true},       {"CCS", false},    {"NDSS", true},     {"PODC", true},        {"SPAA", true},
    {"EuroMLSys", true},  {"arXiv", true},   {"Nature", false},  {"Science", false},    {"VLDBJ", true},
    {"USENIX", false},    {"TODS", true},    {"TOG", false},     {"TPDS", true},        {"TKDE", true},
    {"TC", false},        {"TACO", false},   {"TOS", false},     {"JSAC", true},        {"TON", false},
    {"ICDCS", true},      {"ICPP", true},    {"CLUSTER", false}, {"EuroPar", true},     {"ISSCC", true},
    {"FPGA", false},      {"FCCM", true},    {"DATE", false},    {"ICCAD", true},       {"MICCAI", true},
    {"INFOCOM", true},
};

// The venue a word names ("osdi" -> "OSDI"), nullptr when none.
const char* VenueOf(std::string_view word) {
    if (word.size() < 2 || word.size() > 10) return nullptr;
    char lower[16];
    for (std::size_t i = 0; i < word.size(); ++i)
        lower[i] = Lower(word[i]);
    const std::string_view lw(lower, word.size());
    for (const VenueName& v : kVenues) {
        if (word.size() != v.name.size()) continue;
        if (v.any_case ? lw == LowerAscii(v.name) : word == v.name) return v.name.data();
    }
    return nullptr;
}

int YearOf2(int yy) { return yy <= 40 ? 2000 + yy : 1900 + yy; }

bool PlausibleYear(int y) { return y >= 1900 && y <= 2100; }

// A venue with its year, found at [begin, end) of a text.
struct VenueHit {
    std::size_t begin = 0, end = 0;
    std::string venue;
    int year = 0;
};

// Reads 2 or 4 digits at s[i]; returns the year and moves i, or 0.
int ReadYearAt(std::string_view s, std::size_t& i) {
    std::size_t k = i;
    while (k < s.size() && IsDigit(s[k]))
        ++k;
    const std::size_t n = k - i;
    if (n != 2 && n != 4) return 0;
    if (k < s.size() && IsAlpha(s[k])) return 0;
    const int v = std::atoi(std::string(s.substr(i, n)).c_str());
    const int y = n == 2 ? YearOf2(v) : v;
    if (!PlausibleYear(y)) return 0;
    i = k;
    return y;
}

// Every "OSDI'22", "OSDI '22", "OSDI 2022", "OSDI22", "NeurIPS-2019", "USENIX ATC 2020"
// in s, and bare venues ("VLDB") when with_bare.
std::vector<VenueHit> FindVenues(std::string_view s, bool with_bare) {
    std::vector<VenueHit> hits;
    std::size_t i = 0;
    while (i < s.size() && hits.size() < 20) {
        if (!IsAlpha(s[i]) || (i > 0 && (IsAlpha(s[i - 1]) || IsDigit(s[i - 1])))) {
            ++i;
            continue;
        }
        std::size_t e = i;
        while (e < s.size() && IsAlpha(s[e]))
            ++e;
        std::string_view word = s.substr(i, e - i);
        std::size_t begin = i;
        const char* venue = VenueOf(word);
        if (venue && std::string_view(venue) == "ATC" && i >= 7 && StartsWithCi(s.substr(i - 7), "USENIX ")) {
            begin = i - 7;
            venue = "USENIX ATC";
        }
        if (!venue) {
            i = e;
            continue;
        }
        std::size_t k = e;
        int year = 0;
        std::size_t y = k;
        if (y < s.size() && IsDigit(s[y])) {
            year = ReadYearAt(s, y);
        } else {
            std::size_t sp = y;
            while (sp < s.size() && (s[sp] == ' ' || s[sp] == '-' || s[sp] == '_') && sp - y < 2)
                ++sp;
            if (sp < s.size() && (s[sp] == '\'' || s.compare(sp, 3, "\xE2\x80\x99") == 0 ||
                                  s.compare(sp, 3, "\xE2\x80\x98") == 0)) {
                sp += s[sp] == '\'' ? 1 : 3;
                std::size_t d = sp;
                year = ReadYearAt(s, d);
                if (year && d - sp == 2)
                    y = d;
                else
                    year = 0;
            } else if (sp < s.size() && IsDigit(s[sp])) {
                std::size_t d = sp;
                year = ReadYearAt(s, d);
                if (year && d - sp == 4)
                    y = d;
                else
                    year = 0;
            }
        }
        if (year) k = y;
        if (year || with_bare) hits.push_back({begin, k, venue, year});
        i = k > i ? k : i + 1;
    }
    return hits;
}

// True when s holds nothing but venues, years, brackets, "In", "Proceedings of" and
// punctuation: "[OSDI'24]", "NeurIPS 2012", "(NSDI '23)", "VLDB 2020".
bool OnlyVenue(std::string_view s, std::string* venue, int* year) {
    const std::vector<VenueHit> hits = FindVenues(s, true);
    std::string rest;
    std::size_t at = 0;
    for (const VenueHit& h : hits) {
        rest.append(s.substr(at, h.begin - at));
        rest += ' ';
        at = h.end;
    }
    rest.append(s.substr(std::min(at, s.size())));
    int bare_year = 0;
    for (const std::string& w : Words(rest)) {
        std::string t;
        for (char c : w)
            if (IsAlpha(c) || IsDigit(c)) t += Lower(c);
        if (t.empty() || t == "in" || t == "proc" || t == "proceedings" || t == "of" || t == "the") continue;
        if (t.size() == 4 && std::all_of(t.begin(), t.end(), IsDigit) &&
            PlausibleYear(std::atoi(t.c_str()))) {
            bare_year = std::atoi(t.c_str());
            continue;
        }
        return false;
    }
    if (hits.empty() && !bare_year) return false;
    if (venue && !hits.empty() && venue->empty()) *venue = hits.front().venue;
    if (year && *year == 0) *year = !hits.empty() && hits.front().year ? hits.front().year : bare_year;
    return true;
}

// Cuts venue notes glued to a title: "[OSDI'24] Title", "Title OSDI'22", "Title, VLDB
// 2020", "Title (NSDI '23)", "Title - NeurIPS 2019".
std::string StripVenues(std::string s, std::string* venue, int* year) {
    // "ATC / FaaSNet: ...", "OSDI | Title": a venue without a year, then a slash or bar.
    {
        const std::vector<VenueHit> bare = FindVenues(s, true);
        if (!bare.empty() && bare.front().begin == 0) {
            std::size_t e = bare.front().end;
            while (e < s.size() && s[e] == ' ')
                ++e;
            if (e < s.size() && (s[e] == '/' || s[e] == '|') && e + 1 < s.size() && s[e + 1] == ' ') {
                if (venue && venue->empty()) *venue = bare.front().venue;
                if (year && *year == 0) *year = bare.front().year;
                s.erase(0, e + 2);
            }
        }
    }
    // "Title, 2021" / "Title (2021)": a year after a separator.
    {
        std::string t = Trim(s);
        while (!t.empty() && (t.back() == '.' || t.back() == ')' || t.back() == ']'))
            t.pop_back();
        if (t.size() > 6 && IsDigit(t[t.size() - 1]) && IsDigit(t[t.size() - 4]) &&
            std::all_of(t.end() - 4, t.end(), IsDigit) && t[t.size() - 5] == ' ' &&
            !IsDigit(t[t.size() - 6])) {
            std::size_t b = t.size() - 5;
            while (b > 0 && t[b - 1] == ' ')
                --b;
            const int y = std::atoi(t.c_str() + t.size() - 4);
            if (b > 0 && PlausibleYear(y) && (t[b - 1] == ',' || t[b - 1] == '(' || t[b - 1] == '[')) {
                if (year && *year == 0) *year = y;
                s = t.substr(0, b - 1);
            }
        }
    }
    for (int guard = 0; guard < 4; ++guard) {
        s = Trim(s);
        const std::vector<VenueHit> hits = FindVenues(s, false);
        if (hits.empty()) break;
        bool changed = false;
        const VenueHit& last = hits.back();
        std::size_t tail = last.end;
        while (tail < s.size() && std::string_view(" .,;)]}").find(s[tail]) != std::string_view::npos)
            ++tail;
        if (tail == s.size()) {
            std::size_t b = last.begin;
            while (b > 0 && std::string_view(" ,;-|([{").find(s[b - 1]) != std::string_view::npos)
                --b;
            if (b >= 3 && StartsWithCi(s.substr(b - 3), " in")) b -= 3;
            if (b > 0) {
                if (venue && venue->empty()) *venue = last.venue;
                if (year && *year == 0) *year = last.year;
                s.erase(b);
                changed = true;
            }
        }
        const std::vector<VenueHit> again = changed ? FindVenues(s, false) : hits;
        if (!again.empty()) {
            const VenueHit& first = again.front();
            std::size_t lead = 0;
            while (lead < first.begin && std::string_view(" [({*").find(s[lead]) != std::string_view::npos)
                ++lead;
            if (lead == first.begin) {
                std::size_t e = first.end;
                while (e < s.size() && std::string_view(" ]}):,-|*/").find(s[e]) != std::string_view::npos)
                    ++e;
                if (e < s.size()) {
                    if (venue && venue->empty()) *venue = first.venue;
                    if (year && *year == 0) *year = first.year;
                    s.erase(0, e);
                    changed = true;
                }
            }
        }
        if (!changed) break;
    }
    return Trim(s);
}

// "'84" / "\xE2\x80\x9884" after a word ("USENIX '86", "Computer Systems \xE2\x80\x9884"): the last one.
int QuoteYear(std::string_view s) {
    int year = 0;
    for (std::size_t i = 1; i < s.size(); ++i) {
        std::size_t q = 0;
        if (s[i] == '\'')
            q = 1;
        else if (s.compare(i, 3, "\xE2\x80\x98") == 0 || s.compare(i, 3, "\xE2\x80\x99") == 0)
            q = 3;
        if (!q || s[i - 1] != ' ') continue;
        std::size_t d = i + q;
        const std::size_t from = d;
        const int y = ReadYearAt(s, d);
        if (y && d - from == 2 && (d == s.size() || !IsDigit(s[d]))) year = y;
    }
    return year;
}

// "(2012)" anywhere: the year of publication in author-year citations.
int ParenYear(std::string_view s) {
    for (std::size_t p = s.find('('); p != std::string_view::npos; p = s.find('(', p + 1)) {
        std::size_t i = p + 1;
        const int y = ReadYearAt(s, i);
        if (y && i - p - 1 == 4 && i < s.size() && (s[i] == ')' || (s[i] >= 'a' && s[i] <= 'z'))) return y;
    }
    return 0;
}

// The last word of s that is a year alone ("2021", "2021.", "(2021)"), 0 when none.
int BareYear(std::string_view s) {
    int year = 0;
    for (const std::string& w : Words(s)) {
        std::string t;
        for (char c : w)
            if (std::string_view(".,;:()[]|").find(c) == std::string_view::npos) t += c;
        if (t.size() == 4 && std::all_of(t.begin(), t.end(), IsDigit) && PlausibleYear(std::atoi(t.c_str())))
            year = std::atoi(t.c_str());
    }
    return year;
}

// ------------------------------------------------------------------ authors

bool IsInitials(std::string_view w) {
    // "J.", "J.A.", "G.-S.", "J"
    if (w.empty() || w.size() > 8) return false;
    bool letter = false;
    for (char c : w) {
        if (IsUpper(c))
            letter = true;
        else if (c != '.' && c != '-')
            return false;
    }
    return letter && (w.back() == '.' || w.size() == 1);
}

bool IsNameWord(std::string_view w) {
    static const char* const kParticles[] = {"van", "von", "de", "der", "den", "da", "di",
                                             "du",  "la",  "le", "del", "bin", "al"};
    if (w.empty()) return false;
    if (HasNonAscii(w)) return true; // Chinese names, accented Latin names
    for (const char* p : kParticles)
        if (w == p) return true;
    if (!IsUpper(w[0])) return false;
    for (char c : w)
        if (!(IsAlpha(c) || c == '.' || c == '-' || c == '\'')) return false;
    return true;
}

bool IsName(std::string_view piece) {
    const std::vector<std::string> ws = Words(piece);
    if (ws.empty() || ws.size() > 5 || piece.size() > 60) return false;
    if (ws.size() == 1 && HasNonAscii(ws[0])) return utf8::CountCodePoints(ws[0]) <= 12;
    return std::all_of(ws.begin(), ws.end(), [](const std::string& w) { return IsNameWord(w); });
}

bool IsEtAl(std::string_view piece) {
    const std::string p = LowerAscii(Trim(piece));
    return p == "et al" || p == "et al." || p == "others" || p == "etc" || p == "etc." ||
           p == "\xE7\xAD\x89" || p == "\xE7\xAD\x89\xE4\xBA\xBA";
}

// Trailing punctuation off a run of names, keeping the dot of a final initial ("Chen, J.").
std::string TrimAuthorEnd(std::string s) {
    while (!s.empty()) {
        const char c = s.back();
        if (c == '.') {
            const std::size_t n = s.size();
            if (n >= 2 && IsUpper(s[n - 2]) &&
                (n == 2 || s[n - 3] == ' ' || s[n - 3] == '.' || s[n - 3] == '-'))
                break;
        } else if (std::string_view(" ,:;\"-|*[(").find(c) == std::string_view::npos &&
                   s.compare(s.size() >= 3 ? s.size() - 3 : 0, 3, "\xE2\x80\x9C") != 0) {
            break;
        }
        if (static_cast<unsigned char>(c) >= 0x80)
            s.resize(s.size() - 3);
        else
            s.pop_back();
    }
    return s;
}

// "Dean, J., Corrado, G. S., and Ng, A. Y." / "Gao, Tang, Zhan, et al." / "A. Smith and
// B. Jones" -> the names in order; nullopt unless every piece is a name.
// single_ok: one name alone counts (a details line, or text that sits next to a title).
std::optional<std::vector<std::string>> ParseAuthors(std::string_view text, bool single_ok) {
    std::string s = CollapseSpaces(text);
    // Separators: ", ", "; ", " and ", " & ", CJK commas.
    std::vector<std::string> pieces;
    bool et_al = false;
    std::string cur;
    auto flush = [&] {
        std::string p = Trim(cur);
        cur.clear();
        while (!p.empty() && (p.back() == '.' || p.back() == ',') &&
               !IsInitials(Words(p).empty() ? "" : Words(p).back()))
            p.pop_back();
        p = Trim(p);
        if (StartsWithCi(p, "and ")) p = Trim(std::string_view(p).substr(4));
        if (p.empty()) return;
        if (IsEtAl(p)) {
            et_al = true;
            return;
        }
        // "Zhan et al." glued
        const std::string lower = LowerAscii(p);
        if (const auto at = lower.find(" et al"); at != std::string::npos) {
            et_al = true;
            p = Trim(std::string_view(p).substr(0, at));
        }
        if (!p.empty()) pieces.push_back(p);
    };
    for (std::size_t i = 0; i < s.size();) {
        if (s[i] == ',' || s[i] == ';') {
            flush();
            ++i;
        } else if (s.compare(i, 5, " and ") == 0 || s.compare(i, 3, " & ") == 0) {
            flush();
            i += s[i + 1] == '&' ? 3 : 5;
        } else if (s.compare(i, 3, "\xEF\xBC\x8C") == 0 ||
                   s.compare(i, 3, "\xE3\x80\x81") == 0) { // full-width comma, ideographic comma
            flush();
            i += 3;
        } else {
            cur += s[i++];
        }
    }
    flush();
    // "Dean, J." -> one name: a piece of initials joins the piece before it.
    std::vector<std::string> names;
    for (std::string& p : pieces) {
        const std::vector<std::string> ws = Words(p);
        const bool initials = !ws.empty() && std::all_of(ws.begin(), ws.end(),
                                                         [](const std::string& w) { return IsInitials(w); });
        if (initials && !names.empty() && CountWords(names.back()) == 1 && !IsInitials(names.back()))
            names.back() += ", " + p;
        else
            names.push_back(p);
    }
    // "LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton" / "He, Kaiming, et al.": the first
    // author inverted, the others not ("Gao, Tang, Zhan" are three surnames).
    if (names.size() >= 2 && CountWords(names[0]) == 1 && CountWords(names[1]) == 1 &&
        names[0].find(',') == std::string::npos && !IsInitials(names[1]) &&
        ((names.size() == 2 && et_al) ||
         (names.size() > 2 && std::all_of(names.begin() + 2, names.end(), [](const std::string& n) {
              return CountWords(n) >= 2 && n.find(',') == std::string::npos;
          })))) {
        names[0] += ", " + names[1];
        names.erase(names.begin() + 1);
    }
    if (names.empty() || names.size() > kMaxAuthors) return std::nullopt;
    for (const std::string& n : names) {
        const auto comma = n.find(", ");
        if (!IsName(comma == std::string::npos ? n : n.substr(0, comma) + " " + n.substr(comma + 2)))
            return std::nullopt;
    }
    if (names.size() == 1 && !et_al && !single_ok) return std::nullopt;
    return names;
}

// ------------------------------------------------------------------ links

std::string KindWord(std::string_view link_text) {
    std::string t;
    for (char c : link_text)
        if (c != '[' && c != ']' && c != '(' && c != ')' && c != '*' && c != '_') t += Lower(c);
    t = CollapseSpaces(t);
    while (!t.empty() && (t.back() == ':' || t.back() == '.'))
        t.pop_back();
    static const std::pair<const char*, const char*> kWords[] = {
        {"paper", "paper"},
        {"pdf", "paper"},
        {"arxiv", "paper"},
        {"link", "paper"},
        {"doi", "paper"},
        {"acm", "paper"},
        {"ieee", "paper"},
        {"openreview", "paper"},
        {"abs", "paper"},
        {"full paper", "paper"},
        {"preprint", "paper"},
        {"\xE8\xAE\xBA\xE6\x96\x87", "paper"},
        {"code", "code"},
        {"github", "code"},
        {"gitlab", "code"},
        {"repo", "code"},
        {"source", "code"},
        {"source code", "code"},
        {"official code", "code"},
        {"implementation", "code"},
        {"\xE4\xBB\xA3\xE7\xA0\x81", "code"},
        {"slides", "slides"},
        {"slide", "slides"},
        {"ppt", "slides"},
        {"pptx", "slides"},
        {"deck", "slides"},
        {"talk slides", "slides"},
        {"video", "video"},
        {"talk", "video"},
        {"youtube", "video"},
        {"recording", "video"},
        {"bilibili", "video"},
        {"\xE8\xA7\x86\xE9\xA2\x91", "video"},
        {"project", "page"},
        {"project page", "page"},
        {"homepage", "page"},
        {"website", "page"},
        {"web", "page"},
        {"course", "page"},
        {"course page", "page"},
        {"page", "page"},
        {"blog", "other"},
        {"notes", "other"},
        {"note", "other"},
        {"summary", "other"},
        {"review", "other"},
        {"poster", "slides"},
        {"dataset", "other"},
        {"data", "other"},
        {"demo", "page"},
        {"html", "paper"},
        {"bib", "other"},
        {"bibtex", "other"},
        {"lecture note", "other"},
        {"lecture notes", "other"},
        {"faq", "other"},
        {"zhihu", "other"},
        {"\xE7\x9F\xA5\xE4\xB9\x8E", "other"},
        {"\xE7\xAC\x94\xE8\xAE\xB0", "other"},
    };
    for (const auto& [w, k] : kWords)
        if (t == w) return k;
    // "[arxiv, 14.12]", "[PDF, 2MB]": the first word names the kind.
    if (const auto cut = t.find(", "); cut != std::string::npos && CountWords(t) <= 3)
        for (const auto& [w, k] : kWords)
            if (t.compare(0, cut, w) == 0 && std::char_traits<char>::length(w) == cut) return k;
    return {};
}

std::string KindOfUrl(std::string_view url) {
    const std::string u = LowerAscii(url);
    auto has = [&](const char* s) { return u.find(s) != std::string::npos; };
    if (has("github.com") || has("gitlab.com") || has("bitbucket.org") || has("gitee.com")) return "code";
    if (has("youtube.com") || has("youtu.be") || has("vimeo.com") || has("bilibili.com")) return "video";
    if (has("slideshare.net") || has("speakerdeck.com") || has("slides") || has(".ppt")) return "slides";
    if (has("arxiv.org") || has("doi.org") || has("dl.acm.org") || has("openreview.net") ||
        has("proceedings.") || has("papers.nips.cc") || has("aclanthology.org") || has("ieeexplore") ||
        has("/system/files/") || has("semanticscholar.org") || has("link.springer.com") || has(".pdf"))
        return "paper";
    return {};
}

// ------------------------------------------------------------------ the item's Markdown

struct Span {
    std::size_t begin = 0, end = 0; // in Flat::text
    std::string url;                // Link
};

// The item's Markdown as plain text, with where its links, strong/emph and code are.
struct Flat {
    std::string text;
    std::vector<Span> links, strong, emph, code;
};

Flat Flatten(std::string_view markdown) {
    Flat f;
    std::string err;
    MarkdownLimits lim;
    lim.max_bytes = kMaxInputBytes + 1024;
    const std::optional<MarkdownDoc> doc = ParseMarkdown(markdown, lim, &err);
    if (!doc) {
        f.text = CollapseSpaces(utf8::Truncated(markdown, kMaxInputBytes));
        return f;
    }
    struct Open {
        MdKind kind;
        std::size_t begin;
        std::string url;
    };
    std::vector<Open> open;
    int in_image = 0;
    bool block_started = false;
    WalkMarkdown(
        *doc, 0,
        [&](const MdNode& n) {
            switch (n.kind) {
            case MdKind::Image: ++in_image; return true;
            case MdKind::Paragraph:
            case MdKind::Heading:
            case MdKind::TableCell:
            case MdKind::Item:
                if (block_started && !f.text.empty() && f.text.back() != ' ') f.text += ' ';
                block_started = true;
                return true;
            case MdKind::Text:
            case MdKind::Code:
                if (!in_image) {
                    const std::size_t b = f.text.size();
                    f.text += n.text;
                    if (n.kind == MdKind::Code) f.code.push_back({b, f.text.size(), {}});
                }
                return true;
            case MdKind::SoftBreak:
            case MdKind::LineBreak:
                if (!in_image) f.text += ' ';
                return true;
            case MdKind::Link:
            case MdKind::Strong:
            case MdKind::Emph: open.push_back({n.kind, f.text.size(), n.url}); return true;
            default: return true;
            }
        },
        [&](const MdNode& n) {
            if (n.kind == MdKind::Image) --in_image;
            if (n.kind != MdKind::Link && n.kind != MdKind::Strong && n.kind != MdKind::Emph) return;
            if (open.empty()) return;
            const Open o = open.back();
            open.pop_back();
            const Span sp{o.begin, f.text.size(), o.url};
            if (n.kind == MdKind::Link)
                f.links.push_back(sp);
            else if (n.kind == MdKind::Strong)
                f.strong.push_back(sp);
            else
                f.emph.push_back(sp);
        });
    // Newlines inside text nodes (table cells joined, code) become spaces.
    for (char& c : f.text)
        if (c == '\n' || c == '\t' || c == '\r') c = ' ';
    std::sort(f.links.begin(), f.links.end(), [](const Span& a, const Span& b) { return a.begin < b.begin; });
    // A title is among the first few; thousands of spans are not a citation.
    for (std::vector<Span>* spans : {&f.links, &f.strong, &f.emph, &f.code})
        if (spans->size() > kMaxSpans) spans->resize(kMaxSpans);
    return f;
}

std::string SpanText(const Flat& f, const Span& s) {
    return CollapseSpaces(f.text.substr(s.begin, s.end - s.begin));
}

bool InsideLink(const Flat& f, const Span& s) {
    return std::any_of(f.links.begin(), f.links.end(), [&](const Span& l) {
        return l.begin <= s.begin && s.end <= l.end && !(l.begin == s.begin && l.end == s.end);
    });
}

// Quoted phrases: ASCII double quotes, curly double quotes, CJK title marks and corner brackets.
std::vector<std::string> Quoted(std::string_view s) {
    std::vector<std::string> out;
    const std::pair<std::string_view, std::string_view> kQuotes[] = {{"\"", "\""},
                                                                     {"\xE2\x80\x9C", "\xE2\x80\x9D"},
                                                                     {"\xE3\x80\x8A", "\xE3\x80\x8B"},
                                                                     {"\xE3\x80\x8C", "\xE3\x80\x8D"}};
    for (const auto& [open, close] : kQuotes) {
        std::size_t at = 0;
        while (out.size() < 4) {
            const std::size_t b = s.find(open, at);
            if (b == std::string_view::npos) break;
            const std::size_t e = s.find(close, b + open.size());
            if (e == std::string_view::npos) break;
            std::string q = Trim(s.substr(b + open.size(), e - b - open.size()));
            while (!q.empty() && (q.back() == ',' || q.back() == '.'))
                q.pop_back();
            if (TitleSized(q) && q.size() <= kMaxCandidateBytes) out.push_back(q);
            at = e + close.size();
        }
    }
    return out;
}

// A details line's label ("Summary:", "Authors:", "**Venue**:"), lowercase, and the rest.
std::pair<std::string, std::string> Label(std::string_view line) {
    std::size_t colon = line.find(':');
    std::size_t skip = 1;
    if (const auto wide = line.find("\xEF\xBC\x9A"); wide != std::string_view::npos && wide < colon) {
        colon = wide;
        skip = 3;
    }
    if (colon == std::string_view::npos || colon > 24) return {};
    std::string label;
    for (char c : line.substr(0, colon))
        if (c != '*' && c != '_') label += Lower(c);
    label = CollapseSpaces(label);
    if (CountWords(label) > 3) return {};
    return {label, Trim(line.substr(colon + skip))};
}

bool IsProseLabel(const std::string& l) {
    static const char* const kProse[] = {"summary",
                                         "tl;dr",
                                         "tldr",
                                         "abstract",
                                         "note",
                                         "notes",
                                         "comment",
                                         "comments",
                                         "why",
                                         "key idea",
                                         "key ideas",
                                         "idea",
                                         "takeaway",
                                         "takeaways",
                                         "contribution",
                                         "contributions",
                                         "description",
                                         "keywords",
                                         "tags",
                                         "\xE6\x91\x98\xE8\xA6\x81",
                                         "\xE6\x80\xBB\xE7\xBB\x93",
                                         "\xE7\xAE\x80\xE4\xBB\x8B",
                                         "\xE7\xAC\x94\xE8\xAE\xB0",
                                         "\xE5\x85\xB3\xE9\x94\xAE\xE8\xAF\x8D"};
    return std::any_of(std::begin(kProse), std::end(kProse), [&](const char* p) { return l == p; });
}

class Reader {
  public:
    explicit Reader(const CitationInput& in) : in_(in) {}

    Citation Read() {
        const Flat f = Flatten(utf8::Truncated(in_.markdown, kMaxInputBytes));
        TakeLinks(f, "");
        TakeIds(f.text);

        std::string title = CollapseSpaces(utf8::Truncated(in_.title_hint, kMaxInputBytes));
        std::string venue_only_venue;
        int venue_only_year = 0;
        // Strong text: "**Title**" (not "**[OSDI'24]**", not a label).
        for (const Span& s : f.strong) {
            const std::string t = SpanText(f, s);
            if (InsideLink(f, s)) continue;
            if (OnlyVenue(t, &venue_only_venue, &venue_only_year)) continue;
            if (title.empty() && TitleSized(CleanTitle(t)) && !LooksLikeLabel(t)) title = t;
        }
        if (title.empty())
            for (const std::string& q : Quoted(f.text))
                if (title.empty()) title = q;
        // A link whose text is a title: three words or more, and not "[Paper]".
        const Span* title_link = nullptr;
        for (const Span& l : f.links) {
            const std::string t = SpanText(f, l);
            if (!KindWord(t).empty() || OnlyVenue(t, nullptr, nullptr)) continue;
            if (title.empty() && CountWords(CleanTitle(t)) >= 3) {
                title = ClosedLinkTitle(f, l);
                title_link = &l;
            }
        }
        // The text around the links: "Title [[Paper]](u) [[Code]](u)", "[MLSys](u). MLSys:
        // ...", "Dean, J., et al. (2012). Title. NeurIPS 2012.".
        const std::string rest = Residual(f, title_link);
        if (title.empty()) title = FromSentences(rest);
        for (const Span& s : f.emph) {
            const std::string t = SpanText(f, s);
            if (InsideLink(f, s)) continue;
            if (OnlyVenue(t, &venue_only_venue, &venue_only_year)) continue;
            if (title.empty() && TitleSized(CleanTitle(t))) title = t;
        }
        for (const Span& l : f.links) {
            const std::string t = SpanText(f, l);
            if (title.empty() && KindWord(t).empty() && !OnlyVenue(t, nullptr, nullptr) &&
                !CleanTitle(t).empty())
                title = t;
        }
        if (title.empty()) title = StripLabels(f.text);
        title = StripLabels(CutTypeMarker(title));

        // Venue and year glued to the title come off it.
        std::string glued_venue;
        int glued_year = 0;
        std::string clean = CleanTitle(StripVenues(title, &glued_venue, &glued_year));
        // "(Gavel) Heterogeneity-Aware ...": a leading nickname in parentheses.
        std::string nickname;
        if (!clean.empty() && clean.front() == '(') {
            if (const auto close = clean.find(')'); close != std::string::npos && close < 60) {
                const std::string after = Trim(std::string_view(clean).substr(close + 1));
                if (TitleSized(after)) {
                    nickname = clean.substr(1, close - 1);
                    clean = after;
                }
            }
        }
        if (clean.empty()) clean = CleanTitle(title);
        out_.title = std::string(utf8::Truncated(clean, kMaxCandidateBytes));

        // Venue and year: a venue note anywhere outside the title, then the glued one.
        std::string text_wo_title = f.text;
        if (const auto at = text_wo_title.find(clean); !clean.empty() && at != std::string::npos)
            text_wo_title.erase(at, clean.size());
        for (const VenueHit& h : FindVenues(text_wo_title, false))
            if (out_.venue.empty()) {
                out_.venue = h.venue;
                out_.year = h.year;
            }
        if (out_.venue.empty() && !venue_only_venue.empty()) out_.venue = venue_only_venue;
        if (out_.year == 0) out_.year = venue_only_year;
        if (out_.venue.empty()) out_.venue = glued_venue;
        if (out_.year == 0) out_.year = glued_year;
        if (out_.year == 0) out_.year = ParenYear(f.text);
        if (out_.year == 0) out_.year = BareYear(text_wo_title);
        if (out_.year == 0) out_.year = QuoteYear(text_wo_title);
        if (out_.venue.empty())
            for (const VenueHit& h : FindVenues(text_wo_title, true))
                if (out_.venue.empty() && h.venue != std::string("arXiv")) {
                    // A bare venue only in a venue-like spot: ", OSDI." / "In SOSP".
                    std::string v;
                    int y = 0;
                    if (TrailingVenue(text_wo_title, h, &v, &y)) out_.venue = v;
                }
        if (out_.venue.empty() && !out_.arxiv.empty() &&
            LowerAscii(f.text).find("arxiv") != std::string::npos)
            out_.venue = "arXiv";

        // Authors: before the title ("Dean, J., et al. (2012).", `Gao, Tang, Zhan, et al.`)
        // or after it ("[Title](u), A. Smith, B. Jones, OSDI 2020", "Title. A, B. Venue.").
        TakeAuthors(f, rest, clean);

        Details();

        // Candidates for matching, best first.
        AddCandidate(out_.title);
        AddCandidate(title);
        if (!nickname.empty()) AddCandidate(nickname);
        for (const Span& l : f.links)
            if (KindWord(SpanText(f, l)).empty()) AddCandidate(SpanText(f, l));
        for (const Span& s : f.strong)
            if (!OnlyVenue(SpanText(f, s), nullptr, nullptr)) AddCandidate(SpanText(f, s));
        for (const Span& s : f.emph)
            if (!OnlyVenue(SpanText(f, s), nullptr, nullptr)) AddCandidate(SpanText(f, s));
        for (const std::string& q : Quoted(f.text))
            AddCandidate(q);
        AddCandidate(f.text);
        for (const std::string& s : Sentences(f.text))
            AddCandidate(s);
        for (const std::string& s : Sentences(rest))
            AddCandidate(s);
        return std::move(out_);
    }

  private:
    static bool LooksLikeLabel(const std::string& t) {
        std::string l = LowerAscii(CleanTitle(t));
        while (!l.empty() && (l.back() == ':' || l.back() == ' '))
            l.pop_back();
        return IsProseLabel(l) || !KindWord(l).empty() || l == "authors" || l == "venue" || l == "new" ||
               l == "required" || l == "optional";
    }

    // "[Title [venue\]](url)": Markdown makes "venue]" the link text; the title is the
    // text before it. Otherwise the link text.
    static std::string ClosedLinkTitle(const Flat& f, const Span& l) {
        const std::string lt = SpanText(f, l);
        if (std::count(lt.begin(), lt.end(), ']') > std::count(lt.begin(), lt.end(), '[')) {
            const std::string before = CleanTitle(f.text.substr(0, l.begin));
            if (CountWords(before) >= 2) return before;
        }
        return lt;
    }

    // The item's text without its kind links ("[Paper]") and without the title link.
    static std::string Residual(const Flat& f, const Span* title_link) {
        std::string out;
        std::size_t at = 0;
        for (const Span& l : f.links) {
            const bool drop = &l == title_link || !KindWord(SpanText(f, l)).empty();
            if (!drop || l.begin < at) continue;
            out.append(f.text, at, l.begin - at);
            out += ' ';
            at = l.end;
        }
        out.append(f.text, std::min(at, f.text.size()), std::string::npos);
        // Brackets left around removed links: "Title [ ] [ ]".
        std::string s;
        for (std::size_t i = 0; i < out.size(); ++i) {
            if ((out[i] == '[' || out[i] == '(')) {
                std::size_t k = i + 1;
                while (k < out.size() && out[k] == ' ')
                    ++k;
                if (k < out.size() && (out[k] == ']' || out[k] == ')')) {
                    i = k;
                    s += ' ';
                    continue;
                }
            }
            s += out[i];
        }
        s = CollapseSpaces(s);
        while (!s.empty() && std::string_view(".,:;-|/ ").find(s.front()) != std::string_view::npos)
            s.erase(0, 1);
        while (!s.empty() && std::string_view(",:;-|/ ").find(s.back()) != std::string_view::npos)
            s.pop_back();
        return s;
    }

    // The first sentence that is neither authors, a year, a venue nor a label.
    std::string FromSentences(const std::string& rest) const {
        // A table row: the first cell that holds a title (not a number, venue, year,
        // author list or link word).
        if (rest.find(" | ") != std::string::npos) {
            std::size_t at = 0;
            while (at <= rest.size()) {
                std::size_t end = rest.find(" | ", at);
                if (end == std::string::npos) end = rest.size();
                const std::string cell = Trim(std::string_view(rest).substr(at, end - at));
                at = end + 3;
                if (cell.empty() || cell.find(" | ") != std::string::npos) continue;
                if (const std::string t = FromSentences(cell); !t.empty() && TitleSized(CleanTitle(t)))
                    return t;
            }
            return {};
        }
        const std::vector<std::string> sentences = Sentences(rest);
        std::size_t tried = 0;
        for (const std::string& raw : sentences) {
            if (++tried > 64) break; // a title comes early; long prose is not read further
            std::string s = raw;
            if (const int y = ParenYear(s); y) {
                // "Dean, J., et al. (2012)" or "(2012)" alone.
                const auto p = s.find('(');
                s = Trim(std::string_view(s).substr(0, p)) + " " +
                    Trim(std::string_view(s).substr(s.find(')', p) + 1));
                s = Trim(s);
            }
            if (s.empty()) continue;
            if (OnlyVenue(s, nullptr, nullptr)) continue;
            if (ParseAuthors(s, false)) continue;
            if (!Label(s).first.empty() && IsProseLabel(Label(s).first)) continue;
            const std::string c = CleanTitle(StripVenues(s, nullptr, nullptr));
            if (!TitleSized(c) && sentences.size() > 1) continue;
            if (c.empty()) continue;
            return s;
        }
        return {};
    }

    // "Title[C]//2009 IEEE conference ..." / "Title[J]. Journal": GB/T 7714 citations end
    // the title with a document type in brackets.
    static std::string CutTypeMarker(const std::string& text) {
        for (const char* m : {"[C]", "[J]", "[M]", "[D]", "[A]", "[R]", "[P]", "[S]", "[N]", "[Z]", "[EB/OL]",
                              "[J/OL]", "[C]//", "[OL]"}) {
            const auto at = text.find(m);
            if (at != std::string::npos && at > 0) return Trim(std::string_view(text).substr(0, at));
        }
        return text;
    }

    // "Summary: x", "Paper: x", "Preparation: Read x": the words after the label.
    static std::string StripLabels(const std::string& text) {
        static const char* const kReading[] = {"paper",
                                               "title",
                                               "preparation",
                                               "read",
                                               "reading",
                                               "readings",
                                               "required",
                                               "optional",
                                               "required reading",
                                               "optional reading",
                                               "pre-read",
                                               "assigned reading",
                                               "\xE8\xAE\xBA\xE6\x96\x87"};
        const std::pair<std::string, std::string> lv = Label(text);
        const std::string& label = lv.first;
        const std::string& value = lv.second;
        if (label.empty() || value.empty()) return text;
        if (!IsProseLabel(label) &&
            std::none_of(std::begin(kReading), std::end(kReading), [&](const char* r) { return label == r; }))
            return text;
        if (StartsWithCi(value, "read ") && value.size() > 5 && (IsUpper(value[5]) || value[5] == '"'))
            return value.substr(5);
        return value;
    }

    static bool TrailingVenue(const std::string& s, const VenueHit& h, std::string* v, int* y) {
        std::size_t b = h.begin;
        while (b > 0 && s[b - 1] == ' ')
            --b;
        const bool after_sep = b == 0 ||
                               std::string_view(",.([;|").find(s[b - 1]) != std::string_view::npos ||
                               (b >= 2 && StartsWithCi(s.substr(b - 2), "in"));
        std::size_t e = h.end;
        while (e < s.size() && std::string_view(" .,)];|").find(s[e]) != std::string_view::npos)
            ++e;
        if (!after_sep || !(e == s.size() || IsDigit(s[e]))) return false;
        *v = h.venue;
        (void)y;
        return true;
    }

    void TakeLinks(const Flat& f, const std::string& label_kind) {
        for (const Span& l : f.links) {
            if (!IsHttp(l.url) || out_.links.size() >= kMaxLinks) continue;
            if (std::any_of(out_.links.begin(), out_.links.end(),
                            [&](const CitationLink& c) { return c.url == l.url; }))
                continue;
            const std::string text = SpanText(f, l);
            std::string kind = label_kind.empty() ? KindWord(text) : label_kind;
            if (kind == "paper" && KindOfUrl(l.url) == "slides" && LowerAscii(text) == "pdf") kind = "slides";
            if (kind.empty()) kind = KindOfUrl(l.url);
            // A title link: the paper (or its page).
            if (kind.empty() && CountWords(text) >= 2) kind = "paper";
            if (kind.empty()) kind = "other";
            out_.links.push_back({l.url, kind});
            if (out_.arxiv.empty()) out_.arxiv = ArxivIdOf(l.url);
            if (out_.doi.empty()) out_.doi = DoiOf(l.url);
        }
    }

    void TakeIds(const std::string& text) {
        if (out_.arxiv.empty()) {
            out_.arxiv = ArxivIdOf(text);
            // "arXiv 2104.04473" / "arXiv preprint 2104.04473"
            if (out_.arxiv.empty()) {
                const std::string lower = LowerAscii(text);
                if (const auto at = lower.find("arxiv"); at != std::string::npos) {
                    std::size_t i = at + 5;
                    while (i < lower.size() && (lower[i] == ' ' || IsAlpha(lower[i])) && i < at + 20)
                        ++i;
                    out_.arxiv = ArxivIdOf("arxiv:" + lower.substr(i, 12));
                }
            }
        }
        if (out_.doi.empty()) out_.doi = DoiOf(text);
    }

    void TakeAuthors(const Flat& f, const std::string& rest, const std::string& title) {
        if (title.empty()) return;
        const std::string& text = f.text;
        const auto at = text.find(title);
        if (at == std::string::npos) {
            // The title came from a hint; authors may be anywhere in the text.
            for (const std::string& s : Sentences(rest))
                if (auto a = ParseAuthors(StripVenues(s, nullptr, nullptr), false); a && out_.authors.empty())
                    out_.authors = *a;
            return;
        }
        std::string before = text.substr(0, at);
        // Drop "(2012)", quotes, links of kind words and venue notes before the title.
        if (const int y = ParenYear(before); y) {
            const auto p = before.rfind('(');
            before.erase(p);
        }
        before = TrimAuthorEnd(StripVenues(before, nullptr, nullptr));
        if (!before.empty()) {
            if (auto a = ParseAuthors(before, true); a) {
                out_.authors = *a;
                return;
            }
        }
        std::string after = text.substr(at + title.size());
        // Cut off kind links' text ("[Paper]") and what follows them.
        for (const Span& l : f.links)
            if (l.begin >= at + title.size() && !KindWord(SpanText(f, l)).empty()) {
                after.erase(std::min(after.size(), l.begin - at - title.size()));
                break;
            }
        while (!after.empty() &&
               std::string_view(" .,:;\"\xE2\x80\x9D-|*]").find(after.front()) != std::string_view::npos)
            after.erase(0, 1);
        for (std::string s : Sentences(after)) {
            if (ParenYear(s)) {
                const auto p = s.find('(');
                s.erase(p);
            }
            s = TrimAuthorEnd(StripVenues(s, nullptr, nullptr));
            if (s.empty()) continue;
            if (auto a = ParseAuthors(s, true); a) {
                out_.authors = *a;
                return;
            }
            break; // the first sentence after the title holds them, if anything does
        }
    }

    void Details() {
        const std::string_view details = utf8::Truncated(in_.details, kMaxInputBytes);
        std::size_t lines = 0;
        for (std::size_t start = 0; start < details.size() && lines < kMaxDetailLines; ++lines) {
            std::size_t end = details.find('\n', start);
            if (end == std::string_view::npos) end = details.size();
            const std::string line = Trim(details.substr(start, end - start));
            start = end + 1;
            if (line.empty()) continue;
            const Flat f = Flatten(line);
            const auto [label, value] = Label(f.text);
            std::string label_kind = KindWord(label);
            TakeLinks(f, label_kind);
            TakeIds(f.text);
            if (!label.empty() && IsProseLabel(label)) continue;
            const std::string body = label.empty() ? f.text : value;
            if (label == "authors" || label == "author" || label == "\xE4\xBD\x9C\xE8\x80\x85" ||
                label == "by") {
                if (auto a = ParseAuthors(body, true); a && out_.authors.empty()) out_.authors = *a;
                continue;
            }
            if (label == "year") {
                std::size_t i = 0;
                const std::string b = Trim(body);
                if (const int y = ReadYearAt(b, i); y && out_.year == 0) out_.year = y;
                continue;
            }
            std::string v;
            int y = 0;
            if (OnlyVenue(body, &v, &y)) {
                if (out_.venue.empty()) out_.venue = v;
                if (out_.year == 0) out_.year = y;
                continue;
            }
            if (label == "venue" || label == "conference" || label == "published in" ||
                label == "\xE5\x8F\x91\xE8\xA1\xA8") {
                for (const VenueHit& h : FindVenues(body, true))
                    if (out_.venue.empty()) {
                        out_.venue = h.venue;
                        if (out_.year == 0) out_.year = h.year;
                    }
                continue;
            }
            if (out_.authors.empty() && f.links.empty())
                if (auto a = ParseAuthors(StripVenues(body, &v, &y), false); a) out_.authors = *a;
        }
    }

    void AddCandidate(const std::string& c) {
        if (c.size() > kMaxCandidateBytes * 2 || out_.titles.size() >= kMaxCandidates) return;
        for (const std::string& v :
             {CollapseSpaces(c), CleanTitle(c), CleanTitle(StripVenues(c, nullptr, nullptr))})
            if (!v.empty() && v.size() <= kMaxCandidateBytes && out_.titles.size() < kMaxCandidates &&
                !OnlyVenue(v, nullptr, nullptr) && KindWord(v).empty() &&
                std::find(out_.titles.begin(), out_.titles.end(), v) == out_.titles.end())
                out_.titles.push_back(v);
    }

    const CitationInput& in_;
    Citation out_;
};

} // namespace

Citation ReadCitation(const CitationInput& in) { return Reader(in).Read(); }

} // namespace shelfmark
