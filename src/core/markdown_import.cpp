#include "core/markdown_import.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/list_reader.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsSpaceChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string Trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && IsSpaceChar(s[b]))
        ++b;
    while (e > b && IsSpaceChar(s[e - 1]))
        --e;
    return std::string(s.substr(b, e - b));
}

std::string CollapseSpaces(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (IsSpaceChar(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::size_t CountWords(std::string_view s) {
    std::size_t n = 0;
    bool in_word = false;
    for (char c : s) {
        const bool sp = IsSpaceChar(c);
        if (!sp && !in_word) ++n;
        in_word = !sp;
    }
    return n;
}

bool IsUnicodePunctuationOrSpace(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xD7 || cp == 0xF7 ||
           cp == 0xFFFD;
}

// Title candidates tried per item, and their longest accepted length.
constexpr std::size_t kMaxCandidates = 16;
constexpr std::size_t kMaxCandidateBytes = 600;

// Strips trailing "[ICLR'18]" / "(OSDI20)" style notes and trailing punctuation.
std::string CleanTitle(std::string_view raw) {
    std::string s = CollapseSpaces(utf8::Truncated(raw, 2 * kMaxCandidateBytes));
    // A leading bracket that is never closed ("[Title [venue]" after Markdown ate the
    // inner brackets), or one that wraps everything.
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

// Splits at ". " (sentence ends), keeping pieces with text.
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

// Everything the reader found: items with their sections, the title and the source.
struct Extracted {
    std::vector<MarkdownItem> items;
    std::string title;  // front matter title or the first level-1 heading before any item
    std::string source; // first link outside the items, before the first item
};

// The title guess and the candidates tried for matching, from the entry's own text.
void GuessTitle(const ListEntry& entry, MarkdownItem& item) {
    const std::string& own = entry.text;
    const std::vector<std::string>& link_texts = entry.link_texts;
    const std::vector<std::string>& emph_texts = entry.emph_texts;
    // A table's title column says which text is the title.
    if (!entry.input.title_hint.empty()) item.title = CleanTitle(entry.input.title_hint);

    // The title: a link text of three words or more, else an emphasized phrase, else the
    // first sentence after a short link ("[MLSys](u). MLSys: ..."), else the whole text.
    std::string rest = own;
    if (!link_texts.empty()) {
        const std::string lt = CollapseSpaces(link_texts.front());
        if (const auto at = rest.find(lt); at != std::string::npos) rest.erase(at, lt.size());
    }
    while (!rest.empty() && (rest.front() == '.' || rest.front() == ' ' || rest.front() == ',' ||
                             rest.front() == ':' || rest.front() == '-'))
        rest.erase(0, 1);
    const std::vector<std::string> rest_sentences = Sentences(rest);
    if (item.title.empty() && !link_texts.empty()) {
        // "[Title [venue\]](url)": Markdown makes "venue]" the link text; the title is the
        // text before it.
        const std::string lt = CollapseSpaces(link_texts.front());
        if (std::count(lt.begin(), lt.end(), ']') > std::count(lt.begin(), lt.end(), '[')) {
            const auto at = own.find(lt);
            if (at != std::string::npos && CountWords(CleanTitle(own.substr(0, at))) >= 2)
                item.title = CleanTitle(own.substr(0, at));
        }
    }
    for (const std::string& lt : link_texts)
        if (item.title.empty() && CountWords(CleanTitle(lt)) >= 3) item.title = CleanTitle(lt);
    for (const std::string& et : emph_texts)
        if (item.title.empty() && CountWords(CleanTitle(et)) >= 2) item.title = CleanTitle(et);
    if (item.title.empty() && !link_texts.empty() && !rest_sentences.empty() &&
        CountWords(rest_sentences.front()) >= 3)
        item.title = CleanTitle(rest_sentences.front());
    if (item.title.empty() && !link_texts.empty()) item.title = CleanTitle(link_texts.front());
    if (item.title.empty()) item.title = CleanTitle(own);
    if (item.title.empty()) item.title = own;

    std::vector<std::string> candidates;
    // Few and short: a title is not a paragraph, and matching stays linear.
    auto add = [&](const std::string& c) {
        if (c.size() > kMaxCandidateBytes * 2 || candidates.size() >= kMaxCandidates) return;
        for (const std::string& v : {CollapseSpaces(c), CleanTitle(c)})
            if (!v.empty() && v.size() <= kMaxCandidateBytes && candidates.size() < kMaxCandidates &&
                std::find(candidates.begin(), candidates.end(), v) == candidates.end())
                candidates.push_back(v);
    };
    // "(Gavel) Heterogeneity-Aware ...": the nickname and the rest on their own.
    if (!own.empty() && own.front() == '(') {
        if (const auto close = own.find(')'); close != std::string::npos && close < 60) {
            add(own.substr(1, close - 1));
            add(own.substr(close + 1));
        }
    }
    add(item.title);
    for (const std::string& lt : link_texts)
        add(lt);
    for (const std::string& et : emph_texts)
        add(et);
    if (!entry.from_table) {
        add(own);
        for (const std::string& s : Sentences(own))
            add(s);
        for (const std::string& s : rest_sentences)
            add(s);
    }
    item.titles = candidates;
}

Extracted Extract(std::string_view text, const PaperMatcher& matcher, const MarkdownLimits& limits,
                  std::string* error, bool* ok) {
    Extracted out;
    std::optional<ListShape> shape = ReadListShape(text, limits, error);
    *ok = shape.has_value();
    if (!shape) return out;
    out.title = std::move(shape->title);
    out.source = std::move(shape->source);
    for (ListEntry& entry : shape->entries) {
        MarkdownItem item;
        item.line = entry.line;
        item.task = entry.task;
        item.checked = entry.checked;
        item.text = entry.text;
        item.section = entry.section;
        item.role = entry.role;
        item.links = entry.links;
        GuessTitle(entry, item);
        const PaperMatcher::Match m = matcher.Find(item.links, item.titles);
        item.paper = m.paper;
        item.by = m.by;
        out.items.push_back(std::move(item));
    }
    return out;
}

} // namespace

std::string NormalizeLink(std::string_view url) {
    std::string s = Trim(url);
    std::size_t start = 0;
    if (const auto scheme = s.find("://"); scheme != std::string::npos && scheme < 10) start = scheme + 3;
    std::string rest = s.substr(start);
    if (const auto hash = rest.find('#'); hash != std::string::npos) rest.erase(hash);
    std::size_t host_end = rest.find_first_of("/?");
    if (host_end == std::string::npos) host_end = rest.size();
    for (std::size_t i = 0; i < host_end; ++i)
        rest[i] = Lower(rest[i]);
    if (rest.compare(0, 4, "www.") == 0) rest.erase(0, 4);
    if (rest.find('?') == std::string::npos)
        while (!rest.empty() && rest.back() == '/')
            rest.pop_back();
    return rest;
}

std::string ArxivIdOf(std::string_view s) {
    std::string lower;
    for (char c : s)
        lower += Lower(c);
    std::size_t at = std::string::npos, skip = 0;
    for (const char* marker : {"arxiv.org/abs/", "arxiv.org/pdf/", "arxiv:"}) {
        const auto p = lower.find(marker);
        if (p != std::string::npos && p < at) {
            at = p;
            skip = std::char_traits<char>::length(marker);
        }
    }
    if (at == std::string::npos) return {};
    const std::string rest = lower.substr(at + skip);
    std::size_t i = 0;
    // New style: 4 digits, '.', 4 or 5 digits.
    while (i < rest.size() && IsDigit(rest[i]))
        ++i;
    if (i == 4 && i < rest.size() && rest[i] == '.') {
        std::size_t k = i + 1;
        while (k < rest.size() && IsDigit(rest[k]))
            ++k;
        if (k - i - 1 >= 4 && k - i - 1 <= 5) return rest.substr(0, k);
        return {};
    }
    // Old style: archive(.XX)/7 digits, e.g. cs/0112017 or math.gt/0309136.
    i = 0;
    while (i < rest.size() && ((rest[i] >= 'a' && rest[i] <= 'z') || rest[i] == '-' || rest[i] == '.'))
        ++i;
    if (i == 0 || i >= rest.size() || rest[i] != '/') return {};
    std::size_t k = i + 1;
    while (k < rest.size() && IsDigit(rest[k]))
        ++k;
    if (k - i - 1 != 7) return {};
    return rest.substr(0, k);
}

std::string NormalizeTitle(std::string_view title) {
    std::string out;
    bool space = false;
    for (std::size_t i = 0; i < title.size();) {
        std::size_t next = i;
        const uint32_t cp = utf8::DecodeNextOr(title, next); // invalid: U+FFFD, punctuation
        const std::size_t n = next - i;
        const bool keep =
            cp >= 0x80 ? !IsUnicodePunctuationOrSpace(cp)
                       : ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9'));
        if (keep) {
            if (space && !out.empty()) out += ' ';
            space = false;
            if (cp < 0x80)
                out += Lower(static_cast<char>(cp));
            else
                out.append(title.substr(i, n));
        } else {
            space = true;
        }
        i += n;
    }
    return out;
}

const char* MatchByName(MatchBy by) {
    switch (by) {
    case MatchBy::Link: return "link";
    case MatchBy::ArxivId: return "arxiv";
    case MatchBy::Title: return "title";
    case MatchBy::None: break;
    }
    return "none";
}

void PaperMatcher::Add(const Paper& p) {
    ids_.emplace(p.id, true);
    for (const std::string& l : p.links) {
        if (const std::string k = NormalizeLink(l); !k.empty()) by_link_.emplace(k, p.id);
        if (const std::string a = ArxivIdOf(l); !a.empty()) by_arxiv_.emplace(a, p.id);
    }
    if (const std::string t = NormalizeTitle(p.title); !t.empty()) by_title_.emplace(t, p.id);
    auto add_short = [&](const std::string& key) {
        if (key.empty()) return;
        const auto [it, inserted] = by_short_.emplace(key, p.id);
        if (!inserted && it->second != p.id) it->second.clear(); // ambiguous
    };
    add_short(NormalizeTitle(p.id));
    if (const auto colon = p.title.find(':'); colon != std::string::npos) {
        const std::string head = NormalizeTitle(p.title.substr(0, colon));
        if (CountWords(head) <= 3) add_short(head);
    }
}

void PaperMatcher::AddCatalogue(const Catalogue& c) {
    for (const Paper& p : c.papers)
        Add(p);
}

void PaperMatcher::AddUserData(const UserData& u) {
    for (const auto& [id, p] : u.papers)
        Add(p.paper);
}

PaperMatcher::Match PaperMatcher::Find(const std::vector<std::string>& links,
                                       const std::vector<std::string>& titles) const {
    for (const std::string& l : links)
        if (const auto it = by_link_.find(NormalizeLink(l)); it != by_link_.end())
            return {it->second, MatchBy::Link};
    for (const std::string& l : links) {
        const std::string a = ArxivIdOf(l);
        if (const auto it = by_arxiv_.find(a); !a.empty() && it != by_arxiv_.end())
            return {it->second, MatchBy::ArxivId};
    }
    for (const std::string& t : titles) {
        const std::string a = ArxivIdOf(t);
        if (const auto it = by_arxiv_.find(a); !a.empty() && it != by_arxiv_.end())
            return {it->second, MatchBy::ArxivId};
    }
    for (const std::string& t : titles)
        if (const auto it = by_title_.find(NormalizeTitle(t)); it != by_title_.end())
            return {it->second, MatchBy::Title};
    // A known title of four words or more followed by more text ("Title. Authors. Venue").
    for (const std::string& t : titles) {
        const std::string n = NormalizeTitle(t);
        std::size_t words = 0;
        for (std::size_t i = 0; i < n.size(); ++i) {
            if (n[i] != ' ') continue;
            if (++words < 4) continue;
            if (words > 40) break; // no title is that long
            if (const auto it = by_title_.find(n.substr(0, i)); it != by_title_.end())
                return {it->second, MatchBy::Title};
        }
    }
    for (const std::string& t : titles) {
        const std::string n = NormalizeTitle(t);
        if (CountWords(n) > 3) continue;
        if (const auto it = by_short_.find(n); it != by_short_.end() && !it->second.empty())
            return {it->second, MatchBy::Title};
    }
    return {};
}

std::optional<ChecklistImport> ReadMarkdownChecklist(std::string_view markdown, const PaperMatcher& matcher,
                                                     std::string* error, const MarkdownLimits& limits) {
    bool ok = false;
    Extracted ex = Extract(markdown, matcher, limits, error, &ok);
    if (!ok) return std::nullopt;
    ChecklistImport out;
    for (MarkdownItem& item : ex.items) {
        if (!item.task) continue;
        if (item.checked) ++out.checked;
        if (item.paper.empty())
            ++out.unmatched;
        else
            ++out.matched;
        out.items.push_back(std::move(item));
    }
    if (out.items.empty()) {
        if (error) *error = "no checklist items (\"- [x]\" or \"- [ ]\") found";
        return std::nullopt;
    }
    return out;
}

ChecklistPreview PreviewChecklist(const ChecklistImport& in, const Progress& progress) {
    ChecklistPreview p;
    p.items = in.items.size();
    p.checked = in.checked;
    p.matched = in.matched;
    p.unmatched = in.unmatched;
    std::set<std::string> seen;
    for (const MarkdownItem& item : in.items) {
        if (!item.checked || item.paper.empty() || !seen.insert(item.paper).second) continue;
        if (progress.StatusOf(item.paper) == Status::Read)
            ++p.already_read;
        else
            ++p.will_mark_read;
    }
    return p;
}

std::vector<std::string> ApplyChecklist(const ChecklistImport& in, Progress& progress, int64_t now_ms) {
    std::set<std::string> changed;
    for (const MarkdownItem& item : in.items) {
        if (!item.checked || item.paper.empty()) continue;
        if (progress.StatusOf(item.paper) == Status::Read) continue;
        if (progress.SetStatus(item.paper, Status::Read, now_ms)) changed.insert(item.paper);
    }
    return {changed.begin(), changed.end()};
}

namespace {

// Text from the Markdown that becomes a title of the user's (the list, its sections, a
// new paper): what a progress file accepts, so that the list saves and exports and the
// export reads back. Invalid UTF-8 -> U+FFFD (the exporter would write that anyway, in
// three bytes per invalid byte: past the size limit), control characters -> a space
// (refused by the file's validation), spaces collapsed, cut to kMaxUserTitleBytes on a
// character boundary.
std::string UserTitle(std::string_view raw) {
    std::string s;
    s.reserve(std::min(raw.size(), kMaxUserTitleBytes));
    for (std::size_t i = 0; i < raw.size() && s.size() <= 2 * kMaxUserTitleBytes;) { // spaces collapse
        const std::size_t at = i;
        const uint32_t cp = utf8::DecodeNext(raw, i);
        if (cp == utf8::kInvalid)
            utf8::AppendCodePoint(s, utf8::kReplacement);
        else if (cp < 0x20 || cp == 0x7F)
            s += ' ';
        else
            s.append(raw.substr(at, i - at));
    }
    return std::string(utf8::Truncated(CollapseSpaces(s), kMaxUserTitleBytes));
}

} // namespace

std::optional<ReadingListImport>
ReadMarkdownReadingList(std::string_view markdown, const PaperMatcher& matcher,
                        const ReadingListOptions& options,
                        const std::function<bool(const std::string&)>& id_taken, std::string* error,
                        const MarkdownLimits& limits) {
    bool ok = false;
    Extracted ex = Extract(markdown, matcher, limits, error, &ok);
    if (!ok) return std::nullopt;
    if (ex.items.empty()) {
        if (error) *error = "no list items found: a reading list needs \"- \" items";
        return std::nullopt;
    }
    if (ex.items.size() > kMaxUserEntries) {
        if (error) *error = "more than " + std::to_string(kMaxUserEntries) + " list items";
        return std::nullopt;
    }
    ReadingListImport out;
    std::set<std::string> new_ids;
    auto taken = [&](const std::string& id) { return new_ids.count(id) || (id_taken && id_taken(id)); };

    ReadingList& l = out.list.list;
    l.title = UserTitle(ex.title.empty() ? options.fallback_title : ex.title);
    if (l.title.empty()) l.title = "Imported list";
    l.id = MakeUserId(l.title, taken);
    new_ids.insert(l.id);
    l.kind = "user";
    if (IsHttpLink(ex.source) && ex.source.size() <= 2048) l.source = ex.source;
    out.list.updated_at = options.now_ms;

    // Same unmatched title twice in one file -> one new paper.
    std::map<std::string, std::string> made_by_title;
    for (MarkdownItem& item : ex.items) {
        if (item.paper.empty()) {
            const std::string key = NormalizeTitle(item.title);
            if (const auto it = made_by_title.find(key); it != made_by_title.end()) {
                item.paper = it->second;
            } else {
                UserPaper up;
                up.paper.title = UserTitle(item.title);
                if (up.paper.title.empty()) up.paper.title = "Untitled";
                up.paper.id = MakeUserId(up.paper.title, taken);
                for (const std::string& link : item.links)
                    if (IsHttpLink(link) && link.size() <= 2048 && up.paper.links.size() < kMaxUserLinks)
                        up.paper.links.push_back(link);
                up.updated_at = options.now_ms;
                new_ids.insert(up.paper.id);
                item.paper = up.paper.id;
                made_by_title.emplace(key, up.paper.id);
                out.new_papers.push_back(std::move(up));
            }
            ++out.unmatched;
        } else {
            ++out.matched;
        }
        std::string section = UserTitle(item.section);
        if (section.empty()) section = l.title;
        if (l.sections.empty() || l.sections.back().title != section) {
            Section s;
            s.title = section;
            l.sections.push_back(std::move(s));
        }
        Entry e;
        e.paper = item.paper;
        e.role = item.role;
        l.sections.back().entries.push_back(std::move(e));
    }
    if (l.sections.size() > kMaxUserSections) {
        if (error) *error = "more than " + std::to_string(kMaxUserSections) + " sections";
        return std::nullopt;
    }
    out.items = std::move(ex.items);
    return out;
}

bool LooksLikeJson(std::string_view text) {
    std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (i < text.size() && IsSpaceChar(text[i]))
        ++i;
    if (i < text.size() && text[i] == '{') return true;
    // Any other JSON document ("[...]", "null") is a JSON file too, just not a progress
    // file; accept() builds nothing and never throws.
    return i < text.size() && text.size() <= (64u << 20) && nlohmann::json::accept(text.substr(i));
}

} // namespace shelfmark
