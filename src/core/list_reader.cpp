// list_reader.cpp: see list_reader.h. Rules of thumb, each learned from real lists (course
// pages, awesome lists, paper-notes READMEs, Chinese and Korean paper tables):
//   - an entry names a paper by a link, an emphasized title or enough words; what hangs
//     below it (sub-items, further paragraphs) describes it;
//   - an item or heading that holds papers without naming one groups them;
//   - course logistics look alike everywhere: dates, "Office hours", form links, grading.
// The tree is cmark-gfm's (markdown.h); its depth is capped there (MarkdownLimits::max_depth),
// which bounds the recursion over nested lists here.
#include "core/list_reader.h"

#include <algorithm>
#include <cstring>

#include "core/ascii_text.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

// ------------------------------------------------------------------ small text helpers

using ascii::CollapseSpaces;
using ascii::CountWords;
using ascii::EndsWith;
using ascii::IsAlpha;
using ascii::IsDigit;
using ascii::IsSpaceChar;
using ascii::Lower;
using ascii::LowerAscii;
using ascii::StartsWith;
using ascii::Trim;
using ascii::Words;
bool Contains(std::string_view s, std::string_view p) { return s.find(p) != std::string_view::npos; }

bool IsHttp(std::string_view url) {
    const std::string l = LowerAscii(url.substr(0, 8));
    return StartsWith(l, "http://") || StartsWith(l, "https://");
}

// Lowercase, without the trailing ':' / '：' and spaces: how labels and headings compare.
std::string LabelKey(std::string_view s) {
    std::string t = LowerAscii(CollapseSpaces(s));
    for (;;) {
        if (!t.empty() && (t.back() == ':' || t.back() == ' ' || t.back() == '.'))
            t.pop_back();
        else if (EndsWith(t, "\xEF\xBC\x9A")) // '：'
            t.erase(t.size() - 3);
        else
            break;
    }
    return t;
}

// A section name from an item or heading text: trailing ':' and spaces dropped.
std::string SectionName(std::string_view s) {
    std::string t = CollapseSpaces(s);
    for (;;) {
        if (!t.empty() && (t.back() == ':' || t.back() == ' '))
            t.pop_back();
        else if (EndsWith(t, "\xEF\xBC\x9A"))
            t.erase(t.size() - 3);
        else
            break;
    }
    return t;
}

bool EndsWithColon(std::string_view s) {
    const std::string t = Trim(s);
    return EndsWith(t, ":") || EndsWith(t, "\xEF\xBC\x9A");
}

// ------------------------------------------------------------------ what words say

// Role of the entries under a heading or label such as "Required reading", "Additional
// Optional Reading", "Extra reading" or "Background"; empty when it names a section.
std::string RoleOf(std::string_view heading) {
    const std::string h = LowerAscii(heading);
    if (CountWords(h) > 4) return {};
    auto has = [&](const char* w) { return h.find(w) != std::string::npos; };
    if (has("optional")) return "optional";
    if (has("require") || has("mandatory")) return "required";
    if (has("background")) return "background";
    if (has("extra") || has("additional") || has("further") || has("supplement") || has("recommended"))
        return "extra";
    // "<role> reading" as written by ExportListMarkdown for other roles.
    const std::string t = CollapseSpaces(h);
    const std::string suffix = " reading";
    if (t.size() > suffix.size() && EndsWith(t, suffix)) {
        std::string role;
        for (char c : t.substr(0, t.size() - suffix.size())) {
            if ((c >= 'a' && c <= 'z') || IsDigit(c) || c == '-')
                role += c;
            else if (c == ' ')
                role += '-';
            else
                return {};
        }
        if (!role.empty() && role.size() <= 40) return role;
    }
    return {};
}

bool OneOf(const std::string& key, std::initializer_list<const char*> words) {
    for (const char* w : words)
        if (key == w) return true;
    return false;
}

// "Readings", "Papers", "论文": a heading or item that says "here is the list" without
// naming a topic; the section stays the enclosing one.
bool IsGenericName(std::string_view text) {
    const std::string k = LabelKey(text);
    return OneOf(k, {"reading",
                     "readings",
                     "paper",
                     "papers",
                     "reading list",
                     "reading lists",
                     "paper list",
                     "papers list",
                     "list of papers",
                     "papers to read",
                     "reading materials",
                     "materials",
                     "references",
                     "resources",
                     "literature",
                     "bibliography",
                     "list",
                     "the list",
                     "related papers",
                     "related work",
                     "publications",
                     "articles",
                     "\xE8\xAE\xBA\xE6\x96\x87",
                     "\xE8\xAE\xBA\xE6\x96\x87\xE5\x88\x97\xE8\xA1\xA8",
                     "\xE9\x98\x85\xE8\xAF\xBB",
                     "\xE9\x98\x85\xE8\xAF\xBB\xE5\x88\x97\xE8\xA1\xA8",
                     "\xE5\x8F\x82\xE8\x80\x83\xE6\x96\x87\xE7\x8C\xAE",
                     "\xEB\x85\xBC\xEB\xAC\xB8",
                     "\xEB\x85\xBC\xEB\xAC\xB8 \xEB\xAA\xA9\xEB\xA1\x9D"});
}

// "Contents", "Table of Contents", "目录", "목차": navigation, not readings.
bool IsTocName(std::string_view text) {
    const std::string k = LabelKey(text);
    return OneOf(k, {"contents", "table of contents", "toc", "content", "outline", "\xE7\x9B\xAE\xE5\xBD\x95",
                     "\xE7\x9B\xAE\xE9\x8C\x84", "\xEB\xAA\xA9\xEC\xB0\xA8"});
}

bool IsMonthOrDay(const std::string& w) {
    static const char* const names[] = {
        "jan",    "january", "feb",      "february",  "mar",   "march",    "apr",   "april",    "may",
        "jun",    "june",    "jul",      "july",      "aug",   "august",   "sep",   "sept",     "september",
        "oct",    "october", "nov",      "november",  "dec",   "december", "mon",   "monday",   "tue",
        "tues",   "tuesday", "wed",      "wednesday", "thu",   "thur",     "thurs", "thursday", "fri",
        "friday", "sat",     "saturday", "sun",       "sunday"};
    for (const char* n : names)
        if (w == n) return true;
    return false;
}

// Strips punctuation around a word: "(Sep" -> "sep", "12," -> "12".
std::string CoreWord(std::string_view w) {
    std::size_t b = 0, e = w.size();
    while (b < e && !IsAlpha(w[b]) && !IsDigit(w[b]))
        ++b;
    while (e > b && !IsAlpha(w[e - 1]) && !IsDigit(w[e - 1]))
        --e;
    return LowerAscii(w.substr(b, e - b));
}

// "9/12", "2024-09-12", "10:30", "12th", "3pm": a date or time written in digits.
bool IsNumericDateOrTime(const std::string& w) {
    if (w.empty() || !IsDigit(w[0])) return false;
    bool sep = false;
    std::size_t digits = 0;
    for (std::size_t i = 0; i < w.size(); ++i) {
        const char c = w[i];
        if (IsDigit(c)) {
            ++digits;
        } else if (c == '/' || c == ':' || c == '-' || c == '.') {
            sep = true;
        } else {
            const std::string rest = w.substr(i);
            return OneOf(rest, {"am", "pm", "st", "nd", "rd", "th", "h"}) && digits <= 4;
        }
    }
    return sep && digits >= 2;
}

bool IsScheduleUnitWord(const std::string& w) {
    return OneOf(w, {"lecture", "lec", "week", "wk", "class", "session", "module", "day", "unit", "meeting",
                     "seminar", "part", "chapter", "topic", "tutorial", "lab"});
}

// A heading that is a unit of a schedule: "Lecture 3: ...", "Week 2", "Sep 12: ...",
// "1. Introduction", "第3周" (a leading number or date).
bool IsScheduleHeading(std::string_view text) {
    const std::vector<std::string> w = Words(text);
    if (w.empty()) return false;
    const std::string first = CoreWord(w[0]);
    if (!first.empty() && IsDigit(first[0])) return true;
    if (IsMonthOrDay(first)) return true;
    if (IsScheduleUnitWord(first) && w.size() >= 2) {
        const std::string second = CoreWord(w[1]);
        if (!second.empty() &&
            (IsDigit(second[0]) || OneOf(second, {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x",
                                                  "one", "two", "three"})))
            return true;
    }
    // Chinese "第N周/讲/课" and Korean "N주차".
    if (StartsWith(text, "\xE7\xAC\xAC")) return true;
    return false;
}

bool HasAffiliationWord(std::string_view lower) {
    for (const char* a : {"university", "univ.",  "college",   "institute", "research", "labs",     "lab)",
                          "inc",        "google", "microsoft", "meta",      "facebook", "amazon",   "nvidia",
                          "deepmind",   "openai", "ibm",       "intel",     "apple",    "alibaba",  "tencent",
                          "bytedance",  "baidu",  "mit",       "cmu",       "stanford", "berkeley", "uc ",
                          "ucla",       "ucsd",   "eth",       "epfl",      "tsinghua", "peking"})
        if (Contains(lower, a)) return true;
    return false;
}

// "Ion Stoica (UC Berkeley)", "Jane Doe, Google", "Prof. X": a person, not a topic or paper.
bool LooksLikePerson(std::string_view text) {
    const std::string lower = LowerAscii(text);
    for (const char* k :
         {"guest", "speaker", "invited talk", "talk by", "presenter", "presented by", "lecturer",
          "instructor", "keynote", "host:", "hosted by", "discussion lead", "scribe"})
        if (Contains(lower, k)) return true;
    if (StartsWith(lower, "prof.") || StartsWith(lower, "prof ") || StartsWith(lower, "dr. ")) return true;
    // A name (2-4 capitalized words), then an affiliation.
    std::string name(text);
    std::string after;
    for (const char* sep : {" (", ", ", " - ", " \xE2\x80\x94 ", " \xE2\x80\x93 ", " @ "}) {
        if (const auto at = name.find(sep); at != std::string::npos) {
            after = name.substr(at);
            name.erase(at);
        }
    }
    if (after.empty() || !HasAffiliationWord(LowerAscii(after))) return false;
    const std::vector<std::string> w = Words(name);
    if (w.size() < 2 || w.size() > 4) return false;
    for (const std::string& x : w) {
        if (!(x[0] >= 'A' && x[0] <= 'Z')) return false;
        for (char c : x)
            if (!(IsAlpha(c) || c == '.' || c == '-' || c == '\'')) return false;
    }
    return true;
}

// Links that never point at a paper: forms to fill in and course infrastructure.
bool IsLogisticsLink(std::string_view url) {
    const std::string l = LowerAscii(url);
    for (const char* h : {"docs.google.com/forms",
                          "forms.gle",
                          "goo.gl/forms",
                          "forms.office.com",
                          "typeform.com",
                          "surveymonkey.com",
                          "piazza.com",
                          "gradescope.com",
                          "edstem.org",
                          "zoom.us",
                          "calendar.google.com",
                          "canvas.",
                          "instructure.com",
                          "slack.com",
                          "discord.gg",
                          "discord.com",
                          "hotcrp.com",
                          "sheets.google.com",
                          "docs.google.com/spreadsheets",
                          "signup",
                          "sign-up",
                          "calendly.com"})
        if (Contains(l, h)) return true;
    return false;
}

// Leading words of course logistics lines (compared as whole words, lowercase).
bool StartsWithLogistics(const std::string& key) {
    static const char* const prefixes[] = {"submit",
                                           "sign up",
                                           "signup",
                                           "sign-up",
                                           "due",
                                           "deadline",
                                           "office hours",
                                           "office hour",
                                           "homework",
                                           "hw",
                                           "assignment",
                                           "project proposal",
                                           "project report",
                                           "project presentation",
                                           "final project",
                                           "project due",
                                           "midterm",
                                           "final exam",
                                           "exam",
                                           "quiz",
                                           "no class",
                                           "no lecture",
                                           "holiday",
                                           "spring break",
                                           "fall break",
                                           "thanksgiving",
                                           "lecture slides",
                                           "slides",
                                           "lecture notes",
                                           "recording",
                                           "lecture video",
                                           "video",
                                           "instructor",
                                           "instructors",
                                           "ta",
                                           "tas",
                                           "teaching assistant",
                                           "guest lecture",
                                           "speaker",
                                           "location",
                                           "room",
                                           "time",
                                           "when",
                                           "where",
                                           "grading",
                                           "grades",
                                           "participation",
                                           "attendance",
                                           "late policy",
                                           "course page",
                                           "course website",
                                           "course homepage",
                                           "syllabus",
                                           "schedule",
                                           "calendar",
                                           "announcement",
                                           "announcements",
                                           "tbd",
                                           "tba",
                                           "back to top",
                                           "table of contents",
                                           "toc",
                                           "contents",
                                           "review form",
                                           "paper review form",
                                           "reading response",
                                           "reading responses",
                                           "presentation sign",
                                           "scribe notes",
                                           "lab",
                                           "email",
                                           "contact",
                                           "prerequisites",
                                           "logistics",
                                           "zoom",
                                           "piazza",
                                           "canvas"};
    for (const char* p : prefixes) {
        const std::size_t n = std::strlen(p);
        if (key.size() < n || key.compare(0, n, p) != 0) continue;
        if (key.size() == n) return true;
        const char next = key[n];
        if (!IsAlpha(next) && !IsDigit(next)) return true;
    }
    return false;
}

// "Sep 12", "Mon 9/12 10:30am", "Week 3", "Lecture 4: ...": a line of a schedule (only
// when it has no paper link: "Sep 12: [MapReduce](...)" is a reading).
bool StartsWithScheduleWord(std::string_view text) {
    const std::vector<std::string> w = Words(text);
    if (w.empty()) return false;
    const std::string first = CoreWord(w[0]);
    if (IsMonthOrDay(first) || IsNumericDateOrTime(first)) return true;
    if (IsScheduleUnitWord(first) && w.size() >= 2) {
        const std::string second = CoreWord(w[1]);
        return !second.empty() && IsDigit(second[0]);
    }
    return false;
}

// A grading line: "Paper reviews: 20%".
bool IsGradingLine(std::string_view text) {
    for (std::size_t i = 1; i < text.size(); ++i)
        if (text[i] == '%' && IsDigit(text[i - 1])) return CountWords(text) <= 10;
    return false;
}

// Labels of detail lines under a paper ("Summary: ...", "Authors: ...", "代码：...").
bool StartsWithDetailLabel(std::string_view text) {
    std::string t(text);
    std::size_t colon = t.find(':');
    const std::size_t wide = t.find("\xEF\xBC\x9A");
    if (wide != std::string::npos && (colon == std::string::npos || wide < colon)) colon = wide;
    if (colon == std::string::npos || colon > 24) return false;
    const std::string k = LabelKey(t.substr(0, colon));
    return OneOf(k, {"summary",
                     "authors",
                     "author",
                     "venue",
                     "conference",
                     "journal",
                     "code",
                     "paper",
                     "pdf",
                     "link",
                     "links",
                     "notes",
                     "note",
                     "tldr",
                     "tl;dr",
                     "abstract",
                     "keywords",
                     "tags",
                     "year",
                     "published",
                     "slides",
                     "video",
                     "project",
                     "github",
                     "website",
                     "arxiv",
                     "doi",
                     "comment",
                     "comments",
                     "why",
                     "takeaway",
                     "takeaways",
                     "key idea",
                     "idea",
                     "problem",
                     "solution",
                     "\xE4\xBD\x9C\xE8\x80\x85",
                     "\xE6\x91\x98\xE8\xA6\x81",
                     "\xE4\xBC\x9A\xE8\xAE\xAE",
                     "\xE4\xBB\xA3\xE7\xA0\x81",
                     "\xE9\x93\xBE\xE6\x8E\xA5",
                     "\xE7\xAC\x94\xE8\xAE\xB0",
                     "\xE6\x80\xBB\xE7\xBB\x93",
                     "\xEC\xA0\x80\xEC\x9E\x90",
                     "\xEC\x9A\x94\xEC\x95\xBD"});
}

// "Matei Zaharia, Mosharaf Chowdhury, Michael J. Franklin" or "... et al.": an author line.
bool LooksLikeAuthors(std::string_view text) {
    const std::string lower = LowerAscii(text);
    if (Contains(lower, "et al")) return CountWords(text) <= 12;
    std::size_t parts = 0, names = 0, start = 0;
    const std::string t(text);
    for (std::size_t i = 0; i <= t.size(); ++i) {
        if (i < t.size() && t[i] != ',' && !(t.compare(i, 5, " and ") == 0)) continue;
        const std::string part = Trim(t.substr(start, i - start));
        start = i + (i < t.size() && t[i] != ',' ? 5 : 1);
        if (i < t.size() && t[i] != ',') i += 4;
        if (part.empty()) continue;
        ++parts;
        const std::vector<std::string> w = Words(part);
        bool cap = w.size() >= 1 && w.size() <= 4;
        for (const std::string& x : w)
            if (!(x[0] >= 'A' && x[0] <= 'Z')) cap = false;
        if (cap) ++names;
    }
    return parts >= 2 && names * 4 >= parts * 3;
}

// Link texts that say what a link is rather than which paper: "[PDF]", "[[Code]]", "论文".
bool IsGenericLinkText(std::string_view text) {
    std::string k = LabelKey(text);
    while (!k.empty() && (k.front() == '[' || k.front() == '('))
        k.erase(0, 1);
    while (!k.empty() && (k.back() == ']' || k.back() == ')'))
        k.pop_back();
    k = Trim(k);
    return k.empty() || CountWords(k) <= 1 ||
           OneOf(k, {"paper link", "project page", "official code", "source code", "arxiv link", "full text",
                     "the paper", "open access", "blog post", "talk video", "slides pdf"});
}

// ------------------------------------------------------------------ PrepareListText

std::vector<std::string> SplitLines(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    for (;;) {
        const std::size_t e = text.find('\n', start);
        if (e == std::string::npos) {
            lines.push_back(text.substr(start));
            break;
        }
        lines.push_back(text.substr(start, e - start));
        start = e + 1;
    }
    return lines;
}

std::string StripCr(std::string s) {
    if (!s.empty() && s.back() == '\r') s.pop_back();
    return s;
}

std::string UnquoteValue(std::string rest) {
    rest = Trim(rest);
    if (rest.size() >= 2 && rest.front() == '\'' && rest.back() == '\'') {
        std::string v;
        for (std::size_t k = 1; k + 1 < rest.size(); ++k) {
            v += rest[k];
            if (rest[k] == '\'' && rest[k + 1] == '\'') ++k; // '' is a quote in YAML
        }
        return Trim(v);
    }
    if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"') {
        std::string v;
        for (std::size_t k = 1; k + 1 < rest.size(); ++k) {
            if (rest[k] == '\\' && k + 2 < rest.size()) ++k;
            v += rest[k];
        }
        return Trim(v);
    }
    return rest;
}

// Front matter: "---" (YAML) or "+++" (TOML) on the first line, up to the same line
// ("..." also ends YAML). Blanks it and returns its title.
std::string TakeFrontMatter(std::vector<std::string>& lines) {
    if (lines.empty()) return {};
    std::string first = StripCr(lines[0]);
    if (StartsWith(first, "\xEF\xBB\xBF")) first.erase(0, 3);
    if (first != "---" && first != "+++") return {};
    const bool toml = first == "+++";
    std::string title;
    for (std::size_t i = 1; i < lines.size(); ++i) {
        const std::string l = StripCr(lines[i]);
        if (l == first || (!toml && l == "...")) {
            for (std::size_t k = 0; k <= i; ++k)
                lines[k].clear();
            return title;
        }
        if (title.empty() && StartsWith(LowerAscii(l), "title")) {
            std::string rest = Trim(std::string_view(l).substr(5));
            const char sep = toml ? '=' : ':';
            if (rest.empty() || rest[0] != sep) continue;
            title = UnquoteValue(rest.substr(1));
        }
    }
    return {}; // no closing line: not front matter
}

// Longest template tag or attribute list looked for on one line: a '{' with no close
// within it is text, so that a stray "{{" costs a bounded search and hides nothing.
constexpr std::size_t kMaxTagBytes = 400;
// Lines a tag that opens a line may run over ({% include x.html\n a=b %}).
constexpr std::size_t kMaxTagLines = 10;
// Wrapper blocks nested deeper than this keep their indentation.
constexpr std::size_t kMaxDedentDepth = 8;

// Removes template tags and kramdown attribute lists from one line, and the text inside
// a Liquid comment block (in_comment carries it across lines; comments_close: the text
// has an "endcomment" at all, else "{% comment %}" is taken as text). Returns the closing
// delimiter when the line's first non-space characters open a tag that does not close on
// this line (the line is cut there and the caller looks for the close below), else "".
std::string StripTemplateTags(std::string& line, bool& in_comment, bool comments_close, bool allow_open) {
    std::string out;
    std::string open;
    const std::size_t first = line.find_first_not_of(" \t");
    std::size_t i = 0;
    while (i < line.size()) {
        if (line[i] == '{' && i + 1 < line.size() &&
            (line[i + 1] == '%' || line[i + 1] == '{' || (line[i + 1] == ':' && i + 2 < line.size()))) {
            const char kind = line[i + 1];
            const std::string close = kind == '%' ? "%}" : kind == '{' ? "}}" : "}";
            const std::string_view window = std::string_view(line).substr(i + 2, kMaxTagBytes);
            const std::size_t found = window.find(close);
            if (found == std::string_view::npos) {
                if (kind != ':' && allow_open && i == first && window.size() < kMaxTagBytes) {
                    open = close; // continues on the next lines
                    break;
                }
                if (!in_comment) out += line[i]; // text
                ++i;
                continue;
            }
            const std::size_t e = i + 2 + found;
            if (kind == '%' && comments_close) {
                const std::string t = LowerAscii(CollapseSpaces(line.substr(i, e + close.size() - i)));
                if (Contains(t, "endcomment"))
                    in_comment = false;
                else if (Contains(t, "comment"))
                    in_comment = true;
            }
            i = e + close.size();
            continue;
        }
        if (!in_comment) out += line[i];
        ++i;
    }
    line = std::move(out);
    return open;
}

// The HTML tags on a line made only of tags (and, for <summary>/<hN>, their text): the
// line's net opening count of wrapper tags and the heading text, if any.
struct TagLine {
    bool wrapper = false;  // only wrapper tags (and at most one summary/hN with text)
    int net_open = 0;      // opening minus closing container tags
    int heading_level = 0; // <summary>: 6, <hN>: N
    std::string heading;   // the text of that tag
};

bool IsWrapperTag(const std::string& name) {
    return OneOf(name,
                 {"div",     "section", "article", "aside",  "main", "header", "footer", "nav",   "center",
                  "details", "span",    "font",    "p",      "br",   "hr",     "a",      "small", "big",
                  "figure",  "tbody",   "picture", "source", "b",    "strong", "i",      "em"});
}
bool IsVoidTag(const std::string& name) { return OneOf(name, {"br", "hr", "source", "img", "meta", "link"}); }

TagLine ReadTagLine(std::string_view line) {
    TagLine out;
    std::size_t i = 0;
    int heading_depth = 0;
    std::string heading_tag;
    bool any = false;
    while (i < line.size()) {
        const char c = line[i];
        if (c == ' ' || c == '\t' || c == '\r') {
            if (heading_depth > 0) out.heading += ' ';
            ++i;
            continue;
        }
        if (c != '<') {
            if (heading_depth == 0) return {};
            out.heading += c;
            ++i;
            continue;
        }
        const std::size_t close = line.find('>', i);
        if (close == std::string_view::npos) return {};
        std::string_view tag = line.substr(i + 1, close - i - 1);
        i = close + 1;
        bool closing = false;
        if (!tag.empty() && tag[0] == '/') {
            closing = true;
            tag.remove_prefix(1);
        }
        std::size_t n = 0;
        while (n < tag.size() && (IsAlpha(tag[n]) || IsDigit(tag[n])))
            ++n;
        const std::string name = LowerAscii(tag.substr(0, n));
        const bool self_closing = !tag.empty() && tag.back() == '/';
        if (name.empty()) return {};
        any = true;
        const bool is_heading =
            name == "summary" || (name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6');
        if (is_heading) {
            if (!closing) {
                if (heading_depth > 0 || !out.heading.empty()) return {}; // one heading per line
                heading_depth = 1;
                heading_tag = name;
                out.heading_level = name == "summary" ? 6 : name[1] - '0';
            } else {
                if (name != heading_tag) return {};
                heading_depth = 0;
            }
            continue;
        }
        if (heading_depth > 0) continue; // inline tags inside the heading text
        if (!IsWrapperTag(name)) return {};
        // An <a> with a link is content; <a name="x"></a> is an anchor.
        if (name == "a" && LowerAscii(tag).find("href") != std::string::npos) return {};
        if (IsVoidTag(name) || self_closing) continue;
        out.net_open += closing ? -1 : 1;
    }
    if (!any || heading_depth > 0) return {};
    out.heading = CollapseSpaces(out.heading);
    out.wrapper = true;
    return out;
}

std::size_t LeadingSpaces(std::string_view s) {
    std::size_t n = 0;
    while (n < s.size() && s[n] == ' ')
        ++n;
    return n;
}

bool IsBlank(std::string_view s) {
    return std::all_of(s.begin(), s.end(), [](char c) { return IsSpaceChar(c); });
}

// ------------------------------------------------------------------ the reader

const MdNode& At(const MarkdownDoc& doc, int i) { return doc.nodes[static_cast<std::size_t>(i)]; }
int IndexOf(const MarkdownDoc& doc, const MdNode& n) { return static_cast<int>(&n - doc.nodes.data()); }

// A subtree's text without images (badges, pictures) and, with skip_lists, without
// nested lists: what a person reads as the item's or heading's words.
std::string TextOf(const MarkdownDoc& doc, int from, bool skip_lists = false) {
    std::string out;
    WalkMarkdown(
        doc, from,
        [&](const MdNode& n) {
            if (n.kind == MdKind::Image) return false;
            if (skip_lists && n.kind == MdKind::List && IndexOf(doc, n) != from) return false;
            switch (n.kind) {
            case MdKind::Text:
            case MdKind::Code: out += n.text; break;
            case MdKind::SoftBreak:
            case MdKind::LineBreak:
            case MdKind::Paragraph:
            case MdKind::TableCell: out += ' '; break;
            default: break;
            }
            return true;
        },
        [](const MdNode&) {});
    return CollapseSpaces(out);
}

// Links and emphasized phrases of a subtree, not descending into nested lists.
struct Parts {
    std::vector<std::string> links;           // http(s), deduplicated, in order
    std::vector<std::string> link_texts;      // every link's text
    std::vector<std::string> http_link_texts; // text of each http link, parallel to first occurrences
    std::vector<std::string> emph_texts;      // emphasized phrases outside links
    std::size_t anchors = 0;                  // same-page links ("#intro")
};

Parts CollectParts(const MarkdownDoc& doc, int from) {
    Parts p;
    int in_link = 0;
    WalkMarkdown(
        doc, from,
        [&](const MdNode& n) {
            if (n.kind == MdKind::List && IndexOf(doc, n) != from) return false;
            if (n.kind == MdKind::Image) return false; // badges and pictures
            if (n.kind == MdKind::Link) {
                ++in_link;
                const std::string text = CollapseSpaces(MdPlainText(doc, IndexOf(doc, n)));
                p.link_texts.push_back(text);
                if (IsHttp(n.url)) {
                    if (std::find(p.links.begin(), p.links.end(), n.url) == p.links.end()) {
                        p.links.push_back(n.url);
                        p.http_link_texts.push_back(text);
                    }
                } else if (StartsWith(n.url, "#")) {
                    ++p.anchors; // a relative link ("notes/raft.md") or none ("()") may still name a paper
                }
            } else if ((n.kind == MdKind::Emph || n.kind == MdKind::Strong) && in_link == 0) {
                p.emph_texts.push_back(CollapseSpaces(MdPlainText(doc, IndexOf(doc, n))));
            }
            return true;
        },
        [&](const MdNode& n) {
            if (n.kind == MdKind::Link) --in_link;
        });
    return p;
}

struct HeadingState {
    int level = 0;
    std::string text;
    bool title = false;    // the list's title: names no section
    bool toc = false;      // "Contents": its items are navigation
    bool generic = false;  // "Readings": keeps the enclosing section
    bool schedule = false; // "Lecture 3: ...", "Week 2"
    bool person = false;   // a guest speaker
    std::string role;      // "Optional reading": a role, no section
    bool paper = false;    // names a paper (its list holds the paper's details)
};

struct Group {
    std::string name; // section name, "" when the group only sets a role or wraps
    std::string role;
};

class Reader {
  public:
    Reader(const MarkdownDoc& doc, ListShape& out) : doc_(doc), out_(out) {}

    void Blocks(int parent) {
        for (int c = At(doc_, parent).first_child; c >= 0; c = At(doc_, c).next) {
            const MdNode& n = At(doc_, c);
            switch (n.kind) {
            case MdKind::Heading: Heading(c); break;
            case MdKind::Paragraph: Paragraph(c); break;
            case MdKind::List:
                if (!HeadingPaper(c)) List(c);
                heading_fresh_ = false;
                break;
            case MdKind::Table:
                Table(c);
                heading_fresh_ = false;
                break;
            case MdKind::BlockQuote: Blocks(c); break;
            default: break;
            }
        }
    }

  private:
    const MarkdownDoc& doc_;
    ListShape& out_;
    std::vector<HeadingState> headings_;
    std::vector<Group> groups_;
    std::string label_role_; // from a paragraph such as "**Optional:**", until the next heading
    bool seen_entry_ = false;
    int heading_node_ = -1;      // the last heading's node
    bool heading_fresh_ = false; // no list or table since the last heading

    void NoteSource(int idx) {
        if (seen_entry_ || !out_.source.empty()) return;
        WalkMarkdown(
            doc_, idx,
            [&](const MdNode& c) {
                if (c.kind == MdKind::Link && out_.source.empty() && IsHttp(c.url)) out_.source = c.url;
                return out_.source.empty();
            },
            [](const MdNode&) {});
    }

    void PushHeading(int level, const std::string& text) {
        while (!headings_.empty() && headings_.back().level >= level)
            headings_.pop_back();
        label_role_.clear();
        HeadingState h;
        h.level = level;
        h.text = SectionName(text);
        if (level == 1 && !seen_entry_ && out_.title.empty()) {
            out_.title = h.text;
            h.title = true;
        } else if (IsTocName(h.text)) {
            h.toc = true;
        } else if (const std::string r = RoleOf(h.text); !r.empty()) {
            h.role = r;
        } else {
            h.generic = IsGenericName(h.text);
            h.schedule = IsScheduleHeading(h.text);
            h.person = !h.schedule && LooksLikePerson(h.text);
        }
        headings_.push_back(std::move(h));
    }

    void Heading(int idx) {
        NoteSource(idx);
        const MdNode& n = At(doc_, idx);
        PushHeading(n.level, TextOf(doc_, idx));
        heading_node_ = idx;
        heading_fresh_ = true;
    }

    // Only detail lines ("Conference: OSDI 2021", "Authors: ...", "[[PDF]](...)", an
    // author list): the list describes the paper its heading names.
    bool IsDetailOnlyList(int list) const {
        std::size_t items = 0, labelled = 0;
        for (int c = At(doc_, list).first_child; c >= 0; c = At(doc_, c).next) {
            if (At(doc_, c).kind != MdKind::Item) continue;
            ++items;
            const std::string own = TextOf(doc_, c, true);
            if (own.empty()) return false;
            if (StartsWithDetailLabel(own)) {
                ++labelled;
                continue;
            }
            if (LooksLikeAuthors(own)) continue;
            const Parts p = CollectParts(doc_, c);
            if (p.links.empty()) return false;
            for (const std::string& t : p.http_link_texts)
                if (!IsGenericLinkText(t)) return false;
        }
        return items >= 2 && labelled >= 1;
    }

    // "## 3. P3: Distributed Deep Graph Learning at Scale" followed by a list of its
    // details (paper-notes READMEs): one entry, named by the heading, which is then no
    // section.
    bool HeadingPaper(int list) {
        if (!heading_fresh_ || heading_node_ < 0 || headings_.empty() || InToc()) return false;
        HeadingState& h = headings_.back();
        if (h.level > 6 || h.title || h.generic || h.person || !h.role.empty()) return false;
        // Of the schedule-like headings only a numbered title ("3. P3: ..."), not "Lecture 3"
        // or "Sep 12" (whose "Slides:", "Video:" lines are the lecture's).
        if (h.schedule && !(IsDigit(h.text[0]) && CountWords(h.text) >= 3)) return false;
        if (!IsDetailOnlyList(list)) return false;
        const Parts own = CollectParts(doc_, heading_node_);
        ListEntry e;
        e.line = At(doc_, heading_node_).line;
        e.text = h.text;
        // Without the heading's own number ("3. ").
        std::string md = MdInlineMarkdown(doc_, heading_node_);
        std::size_t digits = 0;
        while (digits < md.size() && IsDigit(md[digits]))
            ++digits;
        if (digits > 0 && md.compare(digits, 3, "\\. ") == 0) md.erase(0, digits + 3);
        e.input.markdown = md;
        e.links = own.links;
        e.link_texts = own.link_texts;
        e.emph_texts = own.emph_texts;
        std::vector<std::string> lines;
        for (int c = At(doc_, list).first_child; c >= 0; c = At(doc_, c).next) {
            if (At(doc_, c).kind != MdKind::Item) continue;
            if (const std::string line = MdInlineMarkdown(doc_, c, true); !line.empty())
                lines.push_back(line);
            // Its links ("URL: [..](..)", "[[PDF]](..)") are the paper's.
            const Parts p = CollectParts(doc_, c);
            for (const std::string& l : p.links)
                if (!IsLogisticsLink(l) && std::find(e.links.begin(), e.links.end(), l) == e.links.end())
                    e.links.push_back(l);
        }
        for (const std::string& l : lines)
            e.input.details += (e.input.details.empty() ? "" : "\n") + l;
        h.paper = true; // names no section
        e.section = Section();
        e.role = Role();
        seen_entry_ = true;
        out_.entries.push_back(std::move(e));
        return true;
    }

    // A paragraph outside lists: a role label ("Optional:"), a label that works as a
    // heading ("**Distributed training:**"), or text.
    void Paragraph(int idx) {
        NoteSource(idx);
        const std::string text = TextOf(doc_, idx);
        if (text.empty() || CountWords(text) > 8) return;
        const Parts p = CollectParts(doc_, idx);
        if (!p.links.empty()) return;
        if (const std::string r = RoleOf(SectionName(text)); !r.empty() && CountWords(text) <= 4) {
            label_role_ = r;
            return;
        }
        const MdNode& n = At(doc_, idx);
        const bool all_strong = n.first_child >= 0 && n.first_child == n.last_child &&
                                (At(doc_, n.first_child).kind == MdKind::Strong);
        if (all_strong) {
            const std::string keep_role = label_role_;
            PushHeading(7, text); // deeper than any heading; the next heading or label replaces it
            label_role_ = keep_role;
        }
    }

    bool InToc() const {
        return std::any_of(headings_.begin(), headings_.end(), [](const HeadingState& h) { return h.toc; });
    }

    std::string Section() const {
        for (auto it = groups_.rbegin(); it != groups_.rend(); ++it)
            if (!it->name.empty()) return it->name;
        bool schedule_above = false;
        for (const HeadingState& h : headings_)
            schedule_above = schedule_above || h.schedule;
        for (auto it = headings_.rbegin(); it != headings_.rend(); ++it) {
            if (it->title || it->toc || it->generic || it->paper || !it->role.empty()) continue;
            if (it->person) continue; // a guest speaker names no topic
            if (it->level == 7 && schedule_above && LooksLikePerson(it->text)) continue;
            return it->text;
        }
        return {};
    }

    std::string Role() const {
        for (auto it = groups_.rbegin(); it != groups_.rend(); ++it)
            if (!it->role.empty()) return it->role;
        if (!label_role_.empty()) return label_role_;
        for (auto it = headings_.rbegin(); it != headings_.rend(); ++it)
            if (!it->role.empty()) return it->role;
        return "required";
    }

    void List(int idx) {
        for (int c = At(doc_, idx).first_child; c >= 0; c = At(doc_, c).next)
            if (At(doc_, c).kind == MdKind::Item) Item(c);
    }

    std::vector<int> SubItems(int item) const {
        std::vector<int> out;
        for (int c = At(doc_, item).first_child; c >= 0; c = At(doc_, c).next)
            if (At(doc_, c).kind == MdKind::List)
                for (int i = At(doc_, c).first_child; i >= 0; i = At(doc_, i).next)
                    if (At(doc_, i).kind == MdKind::Item) out.push_back(i);
        return out;
    }

    void ChildLists(int item) {
        for (int c = At(doc_, item).first_child; c >= 0; c = At(doc_, c).next)
            if (At(doc_, c).kind == MdKind::List) List(c);
    }

    // Would this sub-item be an entry of its own (a paper), rather than a detail line?
    bool LooksLikePaper(int item) const {
        const std::string own = TextOf(doc_, item, true);
        if (own.empty()) {
            const std::vector<int> subs = SubItems(item);
            return std::any_of(subs.begin(), subs.end(), [&](int s) { return LooksLikePaper(s); });
        }
        if (StartsWithDetailLabel(own) || LooksLikeAuthors(own)) return false;
        const Parts p = CollectParts(doc_, item);
        for (std::size_t i = 0; i < p.links.size(); ++i)
            if (!IsGenericLinkText(p.http_link_texts[i]) && !IsLogisticsLink(p.links[i])) return true;
        for (const std::string& e : p.emph_texts)
            if (CountWords(e) >= 2) return true;
        const std::size_t words = CountWords(own);
        return p.links.empty() && words >= 4 && words <= 25 && own.back() != '.';
    }

    // A sub-item that is a paper, or a group of papers itself ("Training" under "Reading
    // lists", with papers under it).
    bool HoldsPapers(int item) const {
        if (LooksLikePaper(item)) return true;
        const std::vector<int> subs = SubItems(item);
        if (subs.empty()) return false;
        const std::string own = TextOf(doc_, item, true);
        return IsGroup(item, own, CollectParts(doc_, item), subs);
    }

    // An item with sub-items: does it group papers (true) or is it a paper with details?
    bool IsGroup(int item, const std::string& own, const Parts& p, const std::vector<int>& subs) const {
        std::size_t paperlike = 0;
        for (int s : subs)
            if (HoldsPapers(s)) ++paperlike;
        const std::size_t words = CountWords(own);
        if (!p.links.empty()) {
            bool title_link = false;
            for (const std::string& t : p.http_link_texts)
                title_link = title_link || CountWords(t) >= 4;
            return !title_link && words <= 3 && subs.size() >= 2 && paperlike == subs.size();
        }
        if (EndsWithColon(own)) return true;
        for (const std::string& e : p.emph_texts)
            if (CountWords(e) >= 2 && e.size() * 2 >= own.size()) return false; // "**Title**" with details
        if (words >= 5 && paperlike < subs.size()) return false;
        (void)item;
        return paperlike >= 1 && paperlike * 2 >= subs.size();
    }

    // Course logistics and navigation, not readings.
    bool NotAPaper(const std::string& own, const Parts& p) const {
        const std::string key = LowerAscii(own);
        if (StartsWithLogistics(key)) return true;
        // "CS 294 course website", "Class homepage": a course page, not a reading.
        if (CountWords(own) <= 6)
            for (const char* w : {"course website", "course page", "course homepage", "class website",
                                  "class page", "homepage", "syllabus", "lecture slides", "lecture video"})
                if (Contains(key, w)) return true;
        std::size_t paper_links = 0;
        for (const std::string& l : p.links)
            if (!IsLogisticsLink(l)) ++paper_links;
        if (!p.links.empty() && paper_links == 0) return true;
        if (p.links.empty() && p.anchors > 0) return true; // a table of contents
        if (paper_links == 0) {
            if (IsGradingLine(own) || StartsWithScheduleWord(own) || LooksLikePerson(own)) return true;
        }
        return false;
    }

    // Details of an entry: its further paragraphs and its sub-items (depth first), one
    // Markdown line each; links in them that say what they are ("[[Code]](...)", "[PDF]")
    // belong to the paper too.
    // first_para_seen: false skips the item's first paragraph (its own text, written by the caller).
    void Details(int item, std::vector<std::string>& lines, std::vector<std::string>& links,
                 bool first_para_seen) {
        for (int c = At(doc_, item).first_child; c >= 0; c = At(doc_, c).next) {
            const MdNode& n = At(doc_, c);
            if (n.kind == MdKind::Paragraph && !first_para_seen) {
                first_para_seen = true;
                continue;
            }
            if (n.kind == MdKind::List) {
                for (int i = n.first_child; i >= 0; i = At(doc_, i).next) {
                    if (At(doc_, i).kind != MdKind::Item) continue;
                    if (const std::string md = MdInlineMarkdown(doc_, i, true); !md.empty())
                        lines.push_back(md);
                    const Parts p = CollectParts(doc_, i);
                    for (std::size_t k = 0; k < p.links.size(); ++k)
                        if (IsGenericLinkText(p.http_link_texts[k]) && !IsLogisticsLink(p.links[k]) &&
                            std::find(links.begin(), links.end(), p.links[k]) == links.end())
                            links.push_back(p.links[k]);
                    Details(i, lines, links, false); // its own first paragraph is written above
                }
            } else if (n.kind == MdKind::Paragraph || n.kind == MdKind::BlockQuote) {
                if (const std::string md = MdInlineMarkdown(doc_, c); !md.empty()) lines.push_back(md);
            }
        }
    }

    void Item(int idx) {
        if (InToc()) return;
        const MdNode& n = At(doc_, idx);
        const std::string own = TextOf(doc_, idx, true);
        if (own.empty()) { // "- - [x] ...": the inner list is the content
            ChildLists(idx);
            return;
        }
        const Parts p = CollectParts(doc_, idx);
        if (p.links.empty() && p.anchors > 0) return; // table of contents, with its sub-items
        const std::vector<int> subs = SubItems(idx);
        if (!subs.empty() && !n.task) {
            if (p.links.empty()) {
                if (const std::string r = RoleOf(SectionName(own)); !r.empty()) {
                    groups_.push_back({"", r});
                    ChildLists(idx);
                    groups_.pop_back();
                    return;
                }
            }
            if (IsGroup(idx, own, p, subs)) {
                const std::string name = SectionName(own);
                groups_.push_back({IsGenericName(name) || IsTocName(name) ? std::string() : name, ""});
                if (IsTocName(name)) {
                    groups_.pop_back();
                    return;
                }
                ChildLists(idx);
                groups_.pop_back();
                return;
            }
        }
        if (NotAPaper(own, p)) return;

        ListEntry e;
        e.line = n.line;
        e.task = n.task;
        e.checked = n.checked;
        e.text = own;
        e.links = p.links;
        e.link_texts = p.link_texts;
        e.emph_texts = p.emph_texts;
        for (int c = n.first_child; c >= 0; c = At(doc_, c).next)
            if (At(doc_, c).kind == MdKind::Paragraph) {
                e.input.markdown = MdInlineMarkdown(doc_, c);
                break;
            }
        if (e.input.markdown.empty()) e.input.markdown = MdInlineMarkdown(doc_, idx, true);
        std::vector<std::string> lines;
        Details(idx, lines, e.links, false);
        for (const std::string& l : lines)
            e.input.details += (e.input.details.empty() ? "" : "\n") + l;
        e.section = Section();
        e.role = Role();
        seen_entry_ = true;
        out_.entries.push_back(std::move(e));
    }

    // ---------------------------------------------------------------- tables

    struct CellPart {
        std::string markdown, text;
        Parts parts;
    };

    // A cell's content, split at <br> (several papers in one cell).
    std::vector<CellPart> CellParts(int cell) const {
        std::vector<CellPart> out(1);
        for (int c = At(doc_, cell).first_child; c >= 0; c = At(doc_, c).next) {
            const MdNode& n = At(doc_, c);
            if (n.kind == MdKind::HtmlInline && StartsWith(LowerAscii(n.text), "<br")) {
                out.emplace_back();
                continue;
            }
            CellPart& part = out.back();
            part.markdown += MdInlineMarkdown(doc_, c);
            if (n.kind == MdKind::Text || n.kind == MdKind::Code) {
                part.text += n.text; // keeps the spaces between inlines
            } else if (n.kind == MdKind::SoftBreak || n.kind == MdKind::LineBreak) {
                part.markdown += ' ';
                part.text += ' ';
            } else if (n.kind != MdKind::HtmlInline) {
                part.text += MdPlainText(doc_, c);
            }
            const Parts p = CollectParts(doc_, c);
            for (std::size_t k = 0; k < p.links.size(); ++k) {
                if (std::find(part.parts.links.begin(), part.parts.links.end(), p.links[k]) !=
                    part.parts.links.end())
                    continue;
                part.parts.links.push_back(p.links[k]);
                part.parts.http_link_texts.push_back(p.http_link_texts[k]);
            }
            part.parts.link_texts.insert(part.parts.link_texts.end(), p.link_texts.begin(),
                                         p.link_texts.end());
            part.parts.emph_texts.insert(part.parts.emph_texts.end(), p.emph_texts.begin(),
                                         p.emph_texts.end());
            part.parts.anchors += p.anchors;
        }
        for (CellPart& part : out) {
            part.markdown = Trim(part.markdown);
            part.text = CollapseSpaces(part.text);
        }
        return out;
    }

    static int HeaderRank(const std::string& header) {
        const std::string k = LabelKey(header);
        if (OneOf(k,
                  {"title", "paper title", "title of paper", "name", "paper name", "\xE9\xA2\x98\xE7\x9B\xAE",
                   "\xE6\xA0\x87\xE9\xA2\x98", "\xE5\x90\x8D\xE7\xA7\xB0",
                   "\xE8\xAE\xBA\xE6\x96\x87\xE6\xA0\x87\xE9\xA2\x98", "\xE8\xAE\xBA\xE6\x96\x87\xE5\x90\x8D",
                   "\xE8\xAE\xBA\xE6\x96\x87\xE5\x90\x8D\xE7\xA7\xB0", "\xEC\xA0\x9C\xEB\xAA\xA9",
                   "\xEB\x85\xBC\xEB\xAC\xB8 \xEC\xA0\x9C\xEB\xAA\xA9",
                   "\xEB\x85\xBC\xEB\xAC\xB8\xEB\xAA\x85"}))
            return 3;
        if (OneOf(k,
                  {"paper", "papers", "reading", "readings", "required reading", "required readings",
                   "article", "publication", "work", "\xE8\xAE\xBA\xE6\x96\x87", "\xE6\x96\x87\xE7\xAB\xA0",
                   "\xEB\x85\xBC\xEB\xAC\xB8", "\xEC\x9D\xBD\xEC\x9D\x84\xEA\xB1\xB0\xEB\xA6\xAC"}))
            return 2;
        return 0;
    }

    static bool IsCategoryHeader(const std::string& header) {
        const std::string k = LabelKey(header);
        return OneOf(k, {"category", "topic", "area", "field", "section", "theme", "\xE5\x88\x86\xE7\xB1\xBB",
                         "\xE7\xB1\xBB\xE5\x88\xAB", "\xE6\x96\xB9\xE5\x90\x91", "\xE4\xB8\xBB\xE9\xA2\x98",
                         "\xE9\xA2\x86\xE5\x9F\x9F", "\xEB\xB6\x84\xEC\x95\xBC", "\xEC\xA3\xBC\xEC\xA0\x9C"});
    }

    void Table(int idx) {
        if (InToc()) return;
        std::vector<std::string> header;
        std::vector<std::vector<int>> rows; // body rows: cell node indexes
        std::vector<int> row_lines;
        for (int r = At(doc_, idx).first_child; r >= 0; r = At(doc_, r).next) {
            const MdNode& row = At(doc_, r);
            if (row.kind != MdKind::TableRow) continue;
            std::vector<int> cells;
            for (int c = row.first_child; c >= 0; c = At(doc_, c).next)
                if (At(doc_, c).kind == MdKind::TableCell) cells.push_back(c);
            if (row.header) {
                for (int c : cells)
                    header.push_back(TextOf(doc_, c));
            } else {
                rows.push_back(std::move(cells));
                row_lines.push_back(row.line);
            }
        }
        if (rows.empty()) return;
        const std::size_t columns = std::max<std::size_t>(header.size(), 1);

        // The title column: by header words, else the column with the most title links,
        // then the most words.
        int best = -1, best_rank = 0;
        for (std::size_t c = 0; c < header.size(); ++c)
            if (const int r = HeaderRank(header[c]); r > best_rank) {
                best_rank = r;
                best = static_cast<int>(c);
            }
        std::vector<std::size_t> title_links(columns, 0), words(columns, 0), filled(columns, 0);
        for (const std::vector<int>& cells : rows)
            for (std::size_t c = 0; c < cells.size() && c < columns; ++c) {
                const Parts p = CollectParts(doc_, cells[c]);
                for (std::size_t k = 0; k < p.links.size(); ++k)
                    if (!IsGenericLinkText(p.http_link_texts[k])) {
                        ++title_links[c];
                        break;
                    }
                const std::size_t w = CountWords(TextOf(doc_, cells[c]));
                words[c] += w;
                if (w > 0) ++filled[c];
            }
        if (best < 0) {
            for (std::size_t c = 0; c < columns; ++c) {
                if (filled[c] == 0) continue;
                if (best < 0 || title_links[c] > title_links[static_cast<std::size_t>(best)] ||
                    (title_links[c] == title_links[static_cast<std::size_t>(best)] &&
                     words[c] > words[static_cast<std::size_t>(best)]))
                    best = static_cast<int>(c);
            }
            // No header says so: the column must look like titles (links with titles, or
            // three words or more on average), else this is no table of papers.
            if (best < 0) return;
            const std::size_t b = static_cast<std::size_t>(best);
            if (title_links[b] * 2 < filled[b] && words[b] < 3 * filled[b]) return;
        }
        const std::size_t title_col = static_cast<std::size_t>(best);
        int category_col = -1;
        for (std::size_t c = 0; c < header.size(); ++c)
            if (c != title_col && IsCategoryHeader(header[c])) category_col = static_cast<int>(c);

        std::string category;
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const std::vector<int>& cells = rows[r];
            if (title_col >= cells.size()) continue;
            if (category_col >= 0 && static_cast<std::size_t>(category_col) < cells.size()) {
                const std::string cat = TextOf(doc_, cells[static_cast<std::size_t>(category_col)]);
                if (!cat.empty()) category = SectionName(cat);
            }
            // The row as Markdown, and the other columns as details ("Venue: OSDI 2020").
            std::string row_md, row_text, details;
            std::vector<std::string> other_links;
            for (std::size_t c = 0; c < cells.size(); ++c) {
                const std::string md = MdInlineMarkdown(doc_, cells[c]);
                const std::string text = TextOf(doc_, cells[c]);
                row_md += (c ? " | " : "") + md;
                row_text += (c ? " | " : "") + text;
                if (c == title_col || md.empty()) continue;
                details += (details.empty() ? "" : "\n") +
                           (c < header.size() && !header[c].empty() ? header[c] + ": " : "") + md;
                const Parts p = CollectParts(doc_, cells[c]);
                for (const std::string& l : p.links)
                    if (!IsLogisticsLink(l)) other_links.push_back(l);
            }
            const std::vector<CellPart> parts = CellParts(cells[title_col]);
            for (const CellPart& part : parts) {
                const std::string key = LabelKey(part.text);
                if (part.text.empty() || OneOf(key, {"todo", "-", "--", "n/a", "na", "tbd", "tba", "none"}) ||
                    key == "\xE2\x80\x94" || key == "\xE2\x80\x93")
                    continue;
                if (part.parts.links.empty() && part.parts.anchors > 0) continue;
                if (NotAPaper(part.text, part.parts)) continue;
                ListEntry e;
                e.line = row_lines[r];
                e.from_table = true;
                e.text = parts.size() == 1 ? row_text : part.text;
                e.input.markdown = parts.size() == 1 ? row_md : part.markdown;
                e.input.details = details;
                // The hint: the title link's text when the cell has one, else the cell.
                e.input.title_hint = part.text;
                for (std::size_t k = 0; k < part.parts.links.size(); ++k)
                    if (!IsGenericLinkText(part.parts.http_link_texts[k]) &&
                        CountWords(part.parts.http_link_texts[k]) >= 2) {
                        e.input.title_hint = part.parts.http_link_texts[k];
                        break;
                    }
                e.links = part.parts.links;
                for (const std::string& l : other_links)
                    if (std::find(e.links.begin(), e.links.end(), l) == e.links.end()) e.links.push_back(l);
                e.link_texts = part.parts.link_texts;
                e.emph_texts = part.parts.emph_texts;
                e.section = category.empty() ? Section() : category;
                e.role = Role();
                seen_entry_ = true;
                out_.entries.push_back(std::move(e));
            }
        }
    }
};

} // namespace

std::string PrepareListText(std::string text, std::string* front_title) {
    std::vector<std::string> lines = SplitLines(text);
    const std::string title = TakeFrontMatter(lines);
    if (front_title) *front_title = title;

    std::string fence;       // the open code fence ("```", "~~~~"), "" outside
    bool in_comment = false; // inside {% comment %} ... {% endcomment %}
    const bool comments_close = Contains(LowerAscii(text), "endcomment");
    std::size_t skip_until = 0; // lines before it belong to a tag that opened above
    std::vector<std::pair<std::size_t, int>> open_wrappers;   // first content line, tags still open
    std::vector<std::pair<std::size_t, std::size_t>> regions; // wrapper content, [first, last)
    for (std::size_t i = 0; i < lines.size(); ++i) {
        std::string& line = lines[i];
        if (i < skip_until) {
            line.clear();
            continue;
        }
        const std::string trimmed = Trim(line);
        if (!fence.empty()) {
            if (StartsWith(trimmed, fence)) {
                const std::size_t rest = trimmed.find_first_not_of(fence[0]);
                if (rest == std::string::npos || IsBlank(trimmed.substr(rest))) fence.clear();
            }
            continue;
        }
        if (StartsWith(trimmed, "```") || StartsWith(trimmed, "~~~")) {
            std::size_t n = 0;
            while (n < trimmed.size() && trimmed[n] == trimmed[0])
                ++n;
            fence = trimmed.substr(0, n);
            continue;
        }
        const bool was_blank = IsBlank(line);
        // A Hugo shortcode that opens a titled block ({{< details title="X" >}}) names a
        // part of the list, as <summary> does.
        std::string shortcode_title;
        if (!in_comment && (StartsWith(trimmed, "{{<") || StartsWith(trimmed, "{{%")) &&
            EndsWith(trimmed, "}}") && trimmed.find("}}") == trimmed.size() - 2) {
            const std::string lower = LowerAscii(trimmed);
            if (const auto t = lower.find("title=\""); t != std::string::npos) {
                const std::size_t b = t + 7, e = trimmed.find('"', b);
                if (e != std::string::npos) shortcode_title = CollapseSpaces(trimmed.substr(b, e - b));
            }
        }
        const std::string original = line;
        if (const std::string close = StripTemplateTags(line, in_comment, comments_close, true);
            !close.empty()) {
            // A tag opening this line: blank it through its close, a few lines below at
            // most; without a close it is text.
            bool closed = false;
            for (std::size_t j = i + 1; j < lines.size() && j <= i + kMaxTagLines && !closed; ++j) {
                const std::size_t e = lines[j].find(close);
                if (e == std::string::npos) continue;
                lines[j].erase(0, e + close.size());
                if (IsBlank(lines[j])) lines[j].clear();
                skip_until = j; // lines i+1 .. j-1 are inside the tag; line j goes on
                closed = true;
            }
            if (!closed) {
                line = original;
                StripTemplateTags(line, in_comment, comments_close, false);
            }
        }
        if (!shortcode_title.empty()) {
            line = "###### " + shortcode_title;
            continue;
        }
        if (!was_blank && IsBlank(line)) {
            line.clear();
            continue;
        }
        const TagLine tags = ReadTagLine(Trim(line));
        if (!tags.wrapper) continue;
        line.clear();
        if (tags.heading_level > 0 && !tags.heading.empty())
            line = std::string(static_cast<std::size_t>(tags.heading_level), '#') + " " + tags.heading;
        if (tags.net_open > 0) open_wrappers.push_back({i + 1, tags.net_open});
        for (int k = 0; k > tags.net_open && !open_wrappers.empty(); --k) {
            if (--open_wrappers.back().second > 0) continue;
            // Nested deeper than a few wrappers: no dedent (bounds the work at a few
            // passes over the text).
            if (open_wrappers.size() <= kMaxDedentDepth) regions.emplace_back(open_wrappers.back().first, i);
            open_wrappers.pop_back();
        }
    }
    // Dedent each wrapper's content (innermost first) by its smallest indentation.
    for (const auto& [first, last] : regions) {
        std::size_t min_indent = std::string::npos;
        for (std::size_t k = first; k < last; ++k)
            if (!IsBlank(lines[k])) min_indent = std::min(min_indent, LeadingSpaces(lines[k]));
        if (min_indent == std::string::npos || min_indent == 0) continue;
        for (std::size_t k = first; k < last; ++k)
            lines[k].erase(0, std::min(min_indent, LeadingSpaces(lines[k])));
    }
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        if (i) out += '\n';
        out += lines[i];
    }
    return out;
}

std::optional<ListShape> ReadListShape(std::string_view markdown, const MarkdownLimits& limits,
                                       std::string* error) {
    if (markdown.size() > limits.max_bytes) { // before copying it around
        if (auto problem = CheckMarkdownLimits(markdown, limits)) {
            if (error) *error = problem->ToString();
            return std::nullopt;
        }
    }
    std::string front_title;
    const std::string text = PrepareListText(std::string(markdown), &front_title);
    std::string parse_error;
    const std::optional<MarkdownDoc> doc = ParseMarkdown(text, limits, &parse_error);
    if (!doc) {
        if (error) *error = parse_error;
        return std::nullopt;
    }
    ListShape out;
    out.title = front_title;
    Reader reader(*doc, out);
    reader.Blocks(0);
    return out;
}

} // namespace shelfmark
