#include "core/bibtex_import.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "core/bibtex_parser.h"
#include "core/utf8.h"
#include "core/wording.h"

namespace shelfmark {

namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string Trim(std::string_view s) {
    size_t a = 0, b = s.size();
    while (a < b && IsSpace(s[a]))
        ++a;
    while (b > a && IsSpace(s[b - 1]))
        --b;
    return std::string(s.substr(a, b - a));
}

// ------------------------------------------------------------------ LaTeX -> text

// Precomposed letters per accent: pairs of (base, composed) code points as UTF-8.
const char* Precomposed(char accent) {
    switch (accent) {
    case '"': return "a\u00e4e\u00ebi\u00efo\u00f6u\u00fcy\u00ffA\u00c4E\u00cbI\u00cfO\u00d6U\u00dcY\u0178";
    case '\'':
        return "a\u00e1e\u00e9i\u00edo\u00f3u\u00fay\u00fdA\u00c1E\u00c9I\u00cdO\u00d3U\u00daY\u00dd"
               "c\u0107C\u0106n\u0144N\u0143s\u015bS\u015az\u017aZ\u0179l\u013aL\u0139r\u0155R\u0154";
    case '`': return "a\u00e0e\u00e8i\u00eco\u00f2u\u00f9A\u00c0E\u00c8I\u00ccO\u00d2U\u00d9";
    case '^':
        return "a\u00e2e\u00eai\u00eeo\u00f4u\u00fbA\u00c2E\u00caI\u00ceO\u00d4U\u00db"
               "c\u0109g\u011dh\u0125j\u0135s\u015dw\u0175y\u0177";
    case '~': return "a\u00e3n\u00f1o\u00f5A\u00c3N\u00d1O\u00d5i\u0129u\u0169";
    case '=': return "a\u0101e\u0113i\u012bo\u014du\u016bA\u0100E\u0112I\u012aO\u014cU\u016a";
    case '.': return "z\u017cZ\u017be\u0117E\u0116c\u010bC\u010ag\u0121I\u0130";
    case 'u': return "a\u0103g\u011fA\u0102G\u011eu\u016d";
    case 'v':
        return "c\u010ds\u0161z\u017eC\u010cS\u0160Z\u017dr\u0159R\u0158e\u011bE\u011an\u0148N\u0147"
               "d\u010fD\u010et\u0165T\u0164";
    case 'H': return "o\u0151u\u0171O\u0150U\u0170";
    case 'c': return "c\u00e7C\u00c7s\u015fS\u015et\u0163T\u0162";
    case 'k': return "a\u0105e\u0119A\u0104E\u0118";
    case 'r': return "a\u00e5u\u016fA\u00c5U\u016e";
    default: return "";
    }
}

uint32_t CombiningMark(char accent) {
    switch (accent) {
    case '"': return 0x308;
    case '\'': return 0x301;
    case '`': return 0x300;
    case '^': return 0x302;
    case '~': return 0x303;
    case '=': return 0x304;
    case '.': return 0x307;
    case 'u': return 0x306;
    case 'v': return 0x30C;
    case 'H': return 0x30B;
    case 'c': return 0x327;
    case 'k': return 0x328;
    case 'r': return 0x30A;
    case 'd': return 0x323;
    case 'b': return 0x331;
    case 't': return 0x361;
    default: return 0;
    }
}

void AppendAccented(std::string& out, char accent, std::string_view base_text) {
    size_t i = 0;
    uint32_t base = base_text.empty() ? 0 : utf8::DecodeNextOr(base_text, i);
    if (base == 0x131) base = 'i'; // \i: the dotless i under an accent
    if (base == 0x237) base = 'j';
    const std::string_view table = Precomposed(accent);
    for (size_t t = 0; t < table.size();) {
        const uint32_t from = utf8::DecodeNextOr(table, t);
        const uint32_t to = utf8::DecodeNextOr(table, t);
        if (from == base) {
            utf8::AppendCodePoint(out, to);
            out.append(base_text.substr(i));
            return;
        }
    }
    if (base) utf8::AppendCodePoint(out, base);
    if (const uint32_t mark = CombiningMark(accent)) utf8::AppendCodePoint(out, mark);
    out.append(base_text.substr(i));
}

const std::map<std::string, std::string>& NamedCommands() {
    static const std::map<std::string, std::string> m = {
        {"ss", "\u00df"},
        {"o", "\u00f8"},
        {"O", "\u00d8"},
        {"ae", "\u00e6"},
        {"AE", "\u00c6"},
        {"oe", "\u0153"},
        {"OE", "\u0152"},
        {"aa", "\u00e5"},
        {"AA", "\u00c5"},
        {"l", "\u0142"},
        {"L", "\u0141"},
        {"i", "\u0131"},
        {"j", "\u0237"},
        {"dh", "\u00f0"},
        {"DH", "\u00d0"},
        {"th", "\u00fe"},
        {"TH", "\u00de"},
        {"ng", "\u014b"},
        {"NG", "\u014a"},
        {"textendash", "\u2013"},
        {"textemdash", "\u2014"},
        {"ldots", "\u2026"},
        {"dots", "\u2026"},
        {"textellipsis", "\u2026"},
        {"textquoteleft", "\u2018"},
        {"textquoteright", "\u2019"},
        {"textquotedblleft", "\u201c"},
        {"textquotedblright", "\u201d"},
        {"textregistered", "\u00ae"},
        {"texttrademark", "\u2122"},
        {"copyright", "\u00a9"},
        {"textcopyright", "\u00a9"},
        {"S", "\u00a7"},
        {"P", "\u00b6"},
        {"pounds", "\u00a3"},
        {"euro", "\u20ac"},
        {"textdegree", "\u00b0"},
        {"LaTeX", "LaTeX"},
        {"TeX", "TeX"},
        {"BibTeX", "BibTeX"},
        {"alpha", "\u03b1"},
        {"beta", "\u03b2"},
        {"gamma", "\u03b3"},
        {"delta", "\u03b4"},
        {"epsilon", "\u03b5"},
        {"lambda", "\u03bb"},
        {"mu", "\u03bc"},
        {"pi", "\u03c0"},
        {"sigma", "\u03c3"},
        {"tau", "\u03c4"},
        {"theta", "\u03b8"},
        {"phi", "\u03c6"},
        {"omega", "\u03c9"},
        {"Delta", "\u0394"},
        {"Sigma", "\u03a3"},
        {"Omega", "\u03a9"},
        {"times", "\u00d7"},
        {"leq", "\u2264"},
        {"geq", "\u2265"},
        {"rightarrow", "\u2192"},
        {"to", "\u2192"},
        {"infty", "\u221e"},
        {"textbackslash", "\\"},
        {"textasciitilde", "~"},
        {"textunderscore", "_"},
        {"slash", "/"},
        {"quad", " "},
        {"qquad", " "},
        {"textbar", "|"},
        {"textless", "<"},
        {"textgreater", ">"},
    };
    return m;
}

bool IsAccentWord(const std::string& w) {
    return w.size() == 1 && std::string_view("uvHckrdbt").find(w[0]) != std::string_view::npos;
}

class Latex {
  public:
    explicit Latex(std::string_view s) : s_(s) {}

    // Converts s_[i_..] up to the '}' closing this group (or the end), depth counts groups.
    std::string Run(int depth) {
        std::string out;
        while (i_ < s_.size()) {
            const char c = s_[i_];
            if (c == '}') {
                if (depth > 0) {
                    ++i_;
                    return out;
                }
                ++i_; // stray: dropped
                continue;
            }
            if (c == '{') {
                ++i_;
                out += depth < 200 ? Run(depth + 1) : std::string();
                continue;
            }
            if (c == '\\') {
                Command(out, depth);
                continue;
            }
            if (c == '~') {
                out += ' ';
                ++i_;
                continue;
            }
            if (c == '$') {
                ++i_;
                continue;
            }
            if (c == '-' && s_.compare(i_, 3, "---") == 0) {
                out += "\u2014";
                i_ += 3;
                continue;
            }
            if (c == '-' && s_.compare(i_, 2, "--") == 0) {
                out += "\u2013";
                i_ += 2;
                continue;
            }
            if (c == '`' && s_.compare(i_, 2, "``") == 0) {
                out += "\u201c";
                i_ += 2;
                continue;
            }
            if (c == '\'' && s_.compare(i_, 2, "''") == 0) {
                out += "\u201d";
                i_ += 2;
                continue;
            }
            out += c;
            ++i_;
        }
        return out;
    }

  private:
    // The argument of an accent: a group, a command (\i), or one character.
    std::string Argument(int depth) {
        while (i_ < s_.size() && s_[i_] == ' ')
            ++i_;
        if (i_ >= s_.size()) return {};
        if (s_[i_] == '{') {
            ++i_;
            return depth < 200 ? Run(depth + 1) : std::string();
        }
        std::string out;
        if (s_[i_] == '\\') {
            Command(out, depth);
            return out;
        }
        const size_t at = i_;
        utf8::DecodeNextOr(s_, i_);
        return std::string(s_.substr(at, i_ - at));
    }

    void Command(std::string& out, int depth) {
        ++i_; // the backslash
        if (i_ >= s_.size()) return;
        const char c = s_[i_];
        if (!IsAlpha(c)) {
            ++i_;
            if (std::string_view("\"'`^~=.").find(c) != std::string_view::npos) {
                AppendAccented(out, c, Argument(depth));
            } else if (c == '\\' || c == ' ' || c == ',' || c == ';' || c == ':') {
                out += ' ';
            } else if (c != '-' && c != '/' && c != '@') { // hyphenation hints and spacing: nothing
                out += c;                                  // \& \% \$ \# \_ \{ \}
            }
            return;
        }
        const size_t start = i_;
        while (i_ < s_.size() && IsAlpha(s_[i_]))
            ++i_;
        const std::string word(s_.substr(start, i_ - start));
        if (IsAccentWord(word)) {
            AppendAccented(out, word[0], Argument(depth));
            return;
        }
        while (i_ < s_.size() && s_[i_] == ' ') // a control word eats the spaces after it
            ++i_;
        const auto& named = NamedCommands();
        if (const auto it = named.find(word); it != named.end()) {
            out += it->second;
            return;
        }
        // \emph{x}, \textbf{x}, \url{x}, unknown commands: the command goes, its argument
        // (a following group) is read as text.
    }

    std::string_view s_;
    size_t i_ = 0;
};

// Text for a title-like field: LaTeX converted, invalid UTF-8 replaced, control
// characters as spaces, whitespace collapsed, cut to max_bytes on a character boundary.
std::string Clean(std::string_view latex, size_t max_bytes) {
    const std::string text = LatexToText(latex);
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size();) {
        const size_t at = i;
        const uint32_t cp = utf8::DecodeNext(text, i);
        if (cp == utf8::kInvalid)
            utf8::AppendCodePoint(out, utf8::kReplacement);
        else if (cp < 0x20 || cp == 0x7F)
            out += ' ';
        else
            out.append(text, at, i - at);
    }
    std::string collapsed;
    bool space = false;
    for (char c : out) {
        if (c == ' ') {
            space = !collapsed.empty();
            continue;
        }
        if (space) collapsed += ' ';
        space = false;
        collapsed += c;
    }
    return std::string(utf8::Truncated(collapsed, max_bytes));
}

// Splits at brace depth 0 on `sep` (a word, case-insensitive, between whitespace) or on
// a character.
std::vector<std::string> SplitTopLevelWord(std::string_view s, std::string_view word) {
    std::vector<std::string> parts;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '{') ++depth;
        if (s[i] == '}' && depth > 0) --depth;
        if (depth == 0 && IsSpace(s[i]) && i + word.size() + 1 < s.size() &&
            Lower(s.substr(i + 1, word.size())) == word && IsSpace(s[i + 1 + word.size()])) {
            parts.push_back(Trim(s.substr(start, i - start)));
            i += word.size();
            start = i + 1;
        }
    }
    parts.push_back(Trim(s.substr(start)));
    return parts;
}

std::vector<std::string> SplitTopLevelChar(std::string_view s, char sep) {
    std::vector<std::string> parts;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '{') ++depth;
        if (s[i] == '}' && depth > 0) --depth;
        if (depth == 0 && s[i] == sep) {
            parts.push_back(Trim(s.substr(start, i - start)));
            start = i + 1;
        }
    }
    parts.push_back(Trim(s.substr(start)));
    return parts;
}

int YearOf(std::string_view s) {
    for (size_t i = 0; i + 4 <= s.size(); ++i) {
        if (!std::isdigit(static_cast<unsigned char>(s[i]))) continue;
        size_t j = i;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])))
            ++j;
        if (j - i == 4) {
            const int y = std::stoi(std::string(s.substr(i, 4)));
            if (y >= 1000 && y <= 9999) return y;
        }
        i = j;
    }
    return 0;
}

// "10.1145/x" from a doi field (a bare DOI, unlike paper_matcher.h's DoiOf) that may be a URL or have a
// "doi:" prefix; "" when it is not a DOI.
std::string DoiFieldOf(std::string_view field) {
    std::string d = Trim(field);
    for (const char* prefix :
         {"https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "DOI:"})
        if (d.rfind(prefix, 0) == 0) d = d.substr(std::string_view(prefix).size());
    if (d.rfind("10.", 0) != 0 || d.find('/') == std::string::npos || d.size() > 300) return {};
    for (char c : d)
        if (IsSpace(c) || static_cast<unsigned char>(c) < 0x21 || c == '"' || c == '<' || c == '>') return {};
    return Lower(d);
}

std::string FirstUrl(std::string_view field) {
    std::string u = Trim(field);
    if (const size_t sp = u.find_first_of(" \t\n"); sp != std::string::npos) u.resize(sp);
    // \_ and \% in URLs written for LaTeX
    std::string out;
    for (size_t i = 0; i < u.size(); ++i) {
        if (u[i] == '\\' && i + 1 < u.size() &&
            (u[i + 1] == '_' || u[i + 1] == '%' || u[i + 1] == '&' || u[i + 1] == '#'))
            continue;
        out += u[i];
    }
    return IsHttpLink(out) && out.size() <= 2048 ? out : std::string();
}

std::optional<Status> ReadStatusOf(std::string_view value) {
    const std::string v = Lower(Trim(value));
    if (v == "read") return Status::Read;
    if (v == "skimmed") return Status::Reading;
    return std::nullopt;
}

// The order statuses climb in: a file's status replaces only a lower one. Skipped is a
// decision, left alone by "skimmed"; a paper read after all becomes read.
int Rank(Status s) {
    switch (s) {
    case Status::Unread: return 0;
    case Status::Queued: return 1;
    case Status::Reading: return 2;
    case Status::Skipped: return 2;
    case Status::Read: return 3;
    }
    return 0;
}

// The user's-paper limits (user_data.h): a new paper must save and export.
constexpr size_t kMaxFieldBytes = 16u << 10;
constexpr size_t kMaxExtraFields = 100;
constexpr size_t kMaxShort = 300;

} // namespace

bool LooksLikeBibtex(std::string_view text) {
    size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    for (;;) {
        while (i < text.size() && IsSpace(text[i]))
            ++i;
        if (i < text.size() && text[i] == '%') { // a comment line
            while (i < text.size() && text[i] != '\n')
                ++i;
            continue;
        }
        break;
    }
    if (i >= text.size() || text[i] != '@') return false;
    ++i;
    const size_t start = i;
    while (i < text.size() && IsAlpha(text[i]))
        ++i;
    if (i == start || i - start > 40) return false;
    while (i < text.size() && IsSpace(text[i]))
        ++i;
    return i < text.size() && (text[i] == '{' || text[i] == '(');
}

std::string LatexToText(std::string_view latex) {
    Latex l(latex);
    std::string out = l.Run(0);
    std::string collapsed;
    bool space = false;
    for (char c : out) {
        if (IsSpace(c)) {
            space = !collapsed.empty();
            continue;
        }
        if (space) collapsed += ' ';
        space = false;
        collapsed += c;
    }
    return collapsed;
}

std::vector<std::string> BibtexAuthors(std::string_view field) {
    std::vector<std::string> out;
    for (const std::string& raw : SplitTopLevelWord(field, "and")) {
        if (raw.empty() || Lower(raw) == "others") continue;
        const std::vector<std::string> parts = SplitTopLevelChar(raw, ',');
        std::string name;
        if (parts.size() == 2)
            name = parts[1] + " " + parts[0]; // Last, First
        else if (parts.size() >= 3)
            name = parts[2] + " " + parts[0] + ", " + parts[1]; // von Last, Jr, First
        else
            name = raw;
        std::string text = Clean(name, kMaxShort);
        if (!text.empty()) out.push_back(std::move(text));
        if (out.size() >= kMaxUserAuthors) break;
    }
    return out;
}

std::optional<BibtexImport> ReadBibtexReadingList(std::string_view text, const PaperMatcher& matcher,
                                                  const ReadingListOptions& options,
                                                  const std::function<bool(const std::string&)>& id_taken,
                                                  std::string* error) {
    std::optional<BibFile> file = ParseBibtex(text, error);
    if (!file) return std::nullopt;
    if (file->entries.empty()) {
        if (error) *error = "no BibTeX entries (such as @article{...}) found";
        return std::nullopt;
    }
    BibtexImport out;
    out.warnings = file->warnings;
    ReadingListImport& r = out.list;
    std::set<std::string> new_ids;
    auto taken = [&](const std::string& id) { return new_ids.count(id) || (id_taken && id_taken(id)); };

    ReadingList& l = r.list.list;
    l.title = Clean(options.fallback_title, kMaxUserTitleBytes);
    if (l.title.empty()) l.title = "Imported list";
    l.id = MakeUserId(l.title, taken);
    new_ids.insert(l.id);
    l.kind = "user";
    r.list.updated_at = options.now_ms;

    bool any_groups = false;
    for (const BibEntry& e : file->entries)
        if (const std::string* g = e.Find("groups"); g && !Trim(*g).empty()) any_groups = true;

    std::set<std::string> keys;
    std::map<std::string, std::string> made_by_title;
    std::map<std::string, size_t> section_of; // title -> index in l.sections
    for (const BibEntry& e : file->entries) {
        ++out.entries;
        if (!e.key.empty() && !keys.insert(e.key).second) {
            ++out.duplicate_keys;
            if (out.warnings.size() < 40)
                out.warnings.push_back("line " + std::to_string(e.line) + ": duplicate key \"" +
                                       std::string(utf8::Truncated(e.key, 80)) +
                                       "\" (the first entry is kept)");
            continue;
        }
        if (r.items.size() >= kMaxUserEntries) {
            if (error) *error = "more than " + std::to_string(kMaxUserEntries) + " entries";
            return std::nullopt;
        }
        std::set<std::string> used; // fields that became Paper fields or extras' own
        auto field = [&](std::string_view name) -> const std::string* {
            const std::string* v = e.Find(name);
            return v && !Trim(*v).empty() ? v : nullptr;
        };

        Citation cite;
        if (const std::string* t = field("title")) {
            cite.title = Clean(*t, kMaxUserTitleBytes);
            used.insert("title");
        }
        if (const std::string* a = field("author")) {
            cite.authors = BibtexAuthors(*a);
            used.insert("author");
        } else if (const std::string* ed = field("editor")) {
            cite.authors = BibtexAuthors(*ed); // kept as a field too: they are editors
        }
        if (const std::string* y = field("year"); y && YearOf(*y)) {
            cite.year = YearOf(*y);
            if (Trim(*y) == std::to_string(cite.year)) used.insert("year");
        } else if (const std::string* d = field("date")) {
            cite.year = YearOf(*d);
        }
        if (const std::string* d = field("doi")) {
            cite.doi = DoiFieldOf(*d);
            if (!cite.doi.empty()) used.insert("doi");
        }
        const std::string* eprint = field("eprint");
        const std::string* prefix = field("archiveprefix");
        if (!prefix) prefix = field("eprinttype");
        if (eprint && (!prefix || Lower(Trim(*prefix)) == "arxiv")) {
            cite.arxiv = ArxivIdOf("arXiv:" + Trim(*eprint));
            if (cite.arxiv.empty()) cite.arxiv = ArxivIdOf(*eprint);
            if (!cite.arxiv.empty()) {
                used.insert("eprint");
                if (prefix) used.insert(e.Find("archiveprefix") ? "archiveprefix" : "eprinttype");
            }
        }
        std::string url;
        if (const std::string* u = field("url")) {
            url = FirstUrl(*u);
            if (!url.empty() && Trim(*u) == url) used.insert("url");
        }
        if (cite.arxiv.empty() && !url.empty()) cite.arxiv = ArxivIdOf(url);
        if (cite.arxiv.empty() && cite.doi.rfind("10.48550/arxiv.", 0) == 0) // arXiv's own DOIs
            cite.arxiv = ArxivIdOf("arXiv:" + cite.doi.substr(15));
        if (cite.arxiv.empty())
            if (const std::string* j = field("journal"))
                cite.arxiv = ArxivIdOf(*j); // "arXiv preprint arXiv:..."
        if (const std::string* j = field("journal")) {
            cite.venue = Clean(*j, kMaxShort);
            used.insert("journal");
        } else if (const std::string* b = field("booktitle")) {
            cite.venue = Clean(*b, kMaxShort);
            used.insert("booktitle");
        } else if (!cite.arxiv.empty()) {
            cite.venue = "arXiv";
        }
        if (!url.empty()) cite.links.push_back({url, "paper"});
        if (!cite.doi.empty()) cite.links.push_back({"https://doi.org/" + cite.doi, "paper"});
        if (!cite.arxiv.empty()) {
            const std::string abs = "https://arxiv.org/abs/" + cite.arxiv;
            if (NormalizeLink(url) != NormalizeLink(abs)) cite.links.push_back({abs, "paper"});
        }
        if (cite.title.empty()) cite.title = Clean(e.key, kMaxUserTitleBytes);
        if (!cite.title.empty()) cite.titles.push_back(cite.title);

        MarkdownItem item;
        item.line = e.line;
        item.text = "@" + e.type + "{" + e.key + "}";
        item.title = cite.title;
        for (const CitationLink& link : cite.links)
            item.links.push_back(link.url);
        item.titles = cite.titles;
        if (any_groups) {
            const std::string* g = field("groups");
            item.section = g ? Clean(SplitTopLevelChar(*g, ',').front(), kMaxUserTitleBytes) : "Ungrouped";
            if (item.section.empty()) item.section = "Ungrouped";
        }
        const PaperMatcher::Match m = matcher.Find(item.links, item.titles);
        item.paper = m.paper;
        item.by = m.by;

        if (item.paper.empty()) {
            const std::string key = NormalizeTitle(cite.title);
            if (const auto it = made_by_title.find(key); !key.empty() && it != made_by_title.end()) {
                item.paper = it->second;
            } else {
                UserPaper up;
                up.paper.title = cite.title.empty() ? "Untitled" : cite.title;
                up.paper.id = MakeUserId(up.paper.title, taken);
                up.paper.authors = cite.authors;
                up.paper.venue = cite.venue;
                up.paper.year = cite.year;
                for (const CitationLink& link : cite.links)
                    if (up.paper.links.size() < kMaxUserLinks) {
                        up.paper.links.push_back(link.url);
                        up.extras.link_kinds.push_back(link.kind);
                    }
                up.extras.arxiv = cite.arxiv;
                up.extras.doi = cite.doi;
                up.extras.fields.emplace_back("@type", e.type);
                up.extras.fields.emplace_back("@key", e.key);
                for (const BibField& f : e.fields) {
                    if (used.count(f.name) || up.extras.fields.size() >= kMaxExtraFields + 2) continue;
                    up.extras.fields.emplace_back(f.name,
                                                  std::string(utf8::Truncated(f.value, kMaxFieldBytes)));
                }
                up.updated_at = options.now_ms;
                new_ids.insert(up.paper.id);
                item.paper = up.paper.id;
                if (!key.empty()) made_by_title.emplace(key, up.paper.id);
                r.new_papers.push_back(std::move(up));
            }
            ++r.unmatched;
        } else {
            ++r.matched;
        }
        if (const std::string* rs = field("readstatus"))
            if (const std::optional<Status> st = ReadStatusOf(*rs))
                out.statuses.push_back({item.paper, *st, e.line});

        const std::string section = item.section.empty() ? l.title : item.section;
        auto [it, fresh] = section_of.emplace(section, l.sections.size());
        if (fresh) {
            if (l.sections.size() >= kMaxUserSections) {
                if (error) *error = "more than " + std::to_string(kMaxUserSections) + " groups";
                return std::nullopt;
            }
            Section s;
            s.title = section;
            l.sections.push_back(std::move(s));
        }
        Entry entry;
        entry.paper = item.paper;
        entry.role = item.role;
        l.sections[it->second].entries.push_back(std::move(entry));
        item.cite = std::move(cite);
        r.items.push_back(std::move(item));
    }
    return out;
}

BibtexProgressPreview PreviewBibtexProgress(const BibtexImport& in, const Progress& progress) {
    BibtexProgressPreview p;
    p.with_status = in.statuses.size();
    std::map<std::string, Status> best; // one paper twice: the higher status
    for (const BibtexStatus& s : in.statuses) {
        auto [it, fresh] = best.emplace(s.paper, s.status);
        if (!fresh && Rank(s.status) > Rank(it->second)) it->second = s.status;
    }
    for (const auto& [paper, status] : best) {
        if (Rank(status) <= Rank(progress.StatusOf(paper)))
            ++p.unchanged;
        else if (status == Status::Read)
            ++p.become_read;
        else
            ++p.become_reading;
    }
    return p;
}

std::string BibtexProgressLine(const BibtexProgressPreview& p) {
    return "Reading status (JabRef's readstatus): " +
           CountOf(static_cast<int64_t>(p.with_status), "entry", "entries") + "; " +
           CountOf(static_cast<int64_t>(p.become_read), "paper") +
           (p.become_read == 1 ? " becomes" : " become") + " read, " + std::to_string(p.become_reading) +
           (p.become_reading == 1 ? " becomes" : " become") + " reading (skimmed), " +
           std::to_string(p.unchanged) + " unchanged (already there or further).";
}

std::vector<std::string> ApplyBibtexProgress(const BibtexImport& in, Progress& progress, int64_t now_ms) {
    std::set<std::string> changed;
    for (const BibtexStatus& s : in.statuses) {
        if (Rank(s.status) <= Rank(progress.StatusOf(s.paper))) continue;
        if (progress.SetStatus(s.paper, s.status, now_ms)) changed.insert(s.paper);
    }
    return {changed.begin(), changed.end()};
}

} // namespace shelfmark
