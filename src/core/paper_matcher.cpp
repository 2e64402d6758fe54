#include "core/paper_matcher.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <functional>

#include "core/ascii_text.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

using ascii::IsDigit;
using ascii::IsSpaceChar;
using ascii::Lower;
using ascii::LowerAscii;
using ascii::Trim;

// Words of a normalized title (single spaces between them).
std::size_t CountWords(std::string_view n) {
    if (n.empty()) return 0;
    return 1 + static_cast<std::size_t>(std::count(n.begin(), n.end(), ' '));
}

bool IsUnicodePunctuationOrSpace(uint32_t cp) {
    return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF0F) || cp == 0xD7 || cp == 0xF7 ||
           cp == 0xFFFD || cp == 0xFF1A || cp == 0xFF1B || cp == 0xFF1F;
}

// CJK titles have no spaces: six characters or more count as a long title.
bool LongCjk(std::string_view n) {
    return std::any_of(n.begin(), n.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; }) &&
           utf8::CountCodePoints(n) >= 6;
}

// The part before a ':' that may be a nickname ("Parameter Server", "GPipe", "Week 3"),
// not words that say the item is about another paper ("Follow-up to: <title>").
bool IsNickname(std::string_view head) {
    const std::string n = LowerAscii(Trim(head));
    if (n.empty() || std::count(n.begin(), n.end(), ' ') >= 4) return false;
    for (const char* w :
         {"see",      "related",   "follow",  "response", "reply",   "comment",   "critique",   "review",
          "rebuttal", "extension", "extends", "summary",  "notes",   "based on",  "vs",         "versus",
          "compare",  "not ",      "before",  "after",    "instead", "successor", "predecessor"})
        if (n.find(w) != std::string::npos) return false;
    return true;
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

std::string DoiOf(std::string_view s) {
    if (s.size() > 4096) s = s.substr(0, 4096);
    const std::string lower = LowerAscii(Trim(s));
    const bool url = lower.compare(0, 7, "http://") == 0 || lower.compare(0, 8, "https://") == 0;
    std::size_t from = std::string::npos;
    for (const char* marker : {"doi.org/", "doi:", "doi ", "/doi/"}) {
        const auto p = lower.find(marker);
        if (p != std::string::npos && p < from) from = p;
    }
    if (from == std::string::npos) {
        if (!url) return {};                           // free text names a DOI only with "doi"
        from = lower.find('/', lower.find("://") + 3); // a publisher's path: ".../10.1007/..."
        if (from == std::string::npos) return {};
    }
    // "10." + 4-9 digits + "/" within a few characters ("/doi/abs/10.1145/...").
    for (std::size_t at = lower.find("10.", from); at != std::string::npos && at <= from + 24;
         at = lower.find("10.", at + 1)) {
        if (at > 0 && (IsDigit(lower[at - 1]) || lower[at - 1] == '.')) continue;
        std::size_t k = at + 3;
        while (k < lower.size() && IsDigit(lower[k]))
            ++k;
        if (k - at - 3 < 4 || k - at - 3 > 9 || k >= lower.size() || lower[k] != '/') continue;
        std::size_t end = k + 1;
        while (end < lower.size() && !IsSpaceChar(lower[end]) && lower[end] != '"' && lower[end] != '<' &&
               lower[end] != '>' && !(url && (lower[end] == '?' || lower[end] == '#')))
            ++end;
        std::string doi = lower.substr(at, end - at);
        if (url && doi.size() > 4 && doi.compare(doi.size() - 4, 4, ".pdf") == 0) doi.resize(doi.size() - 4);
        while (!doi.empty() && std::string_view(".,;:)]}'").find(doi.back()) != std::string_view::npos)
            doi.pop_back();
        if (doi.size() <= k - at + 1 || doi.size() > 200) return {};
        return doi;
    }
    return {};
}

const char* MatchByName(MatchBy by) {
    switch (by) {
    case MatchBy::Link: return "link";
    case MatchBy::ArxivId: return "arxiv";
    case MatchBy::Doi: return "doi";
    case MatchBy::Title: return "title";
    case MatchBy::None: break;
    }
    return "none";
}

void PaperMatcher::Add(const Paper& p, const PaperExtras* extras) {
    info_.emplace(p.id, Known{p.year, NormalizeTitle(p.venue)});
    for (const std::string& l : p.links) {
        if (const std::string k = NormalizeLink(l); !k.empty()) by_link_.emplace(k, p.id);
        if (const std::string a = ArxivIdOf(l); !a.empty()) by_arxiv_.emplace(a, p.id);
        if (const std::string d = DoiOf(l); !d.empty()) by_doi_.emplace(d, p.id);
    }
    if (extras) {
        if (const std::string a = ArxivIdOf("arXiv:" + extras->arxiv); !a.empty()) by_arxiv_.emplace(a, p.id);
        if (const std::string d = DoiOf("doi:" + extras->doi); !d.empty()) by_doi_.emplace(d, p.id);
    }
    if (const std::string t = NormalizeTitle(p.title); !t.empty()) {
        std::vector<std::string>& ids = by_title_[t];
        if (std::find(ids.begin(), ids.end(), p.id) == ids.end()) ids.push_back(p.id);
    }
    auto add_unique = [&](std::map<std::string, std::string>& to, const std::string& key) {
        if (key.empty()) return;
        const auto [it, inserted] = to.emplace(key, p.id);
        if (!inserted && it->second != p.id) it->second.clear(); // ambiguous
    };
    add_unique(by_short_, NormalizeTitle(p.id));
    std::size_t colon = p.title.find(':');
    if (colon == std::string::npos) colon = p.title.find("\xEF\xBC\x9A"); // full-width colon
    if (colon != std::string::npos) {
        const std::string head = NormalizeTitle(p.title.substr(0, colon));
        // 4-word heads are neither: "Sparsity in Deep Learning" names a tutorial too.
        if (const std::size_t words = CountWords(head); words <= 3)
            add_unique(by_short_, head);
        else if (words >= 5)
            add_unique(by_head_, head);
    }
}

void PaperMatcher::AddCatalogue(const Catalogue& c) {
    for (const Paper& p : c.papers)
        Add(p);
}

void PaperMatcher::AddUserData(const UserData& u) {
    for (const auto& [id, p] : u.papers)
        Add(p.paper, &p.extras);
}

bool PaperMatcher::YearClashes(const std::string& id, const Citation& c) const {
    const auto it = info_.find(id);
    if (it == info_.end() || it->second.year == 0 || c.year == 0) return false;
    // A preprint often comes a year or two before the paper it becomes.
    const bool preprint = it->second.venue == "arxiv" || NormalizeTitle(c.venue) == "arxiv";
    return std::abs(it->second.year - c.year) > (preprint ? 3 : 1);
}

std::string PaperMatcher::ByTitle(const std::string& key, const Citation& c) const {
    const auto it = by_title_.find(key);
    if (key.empty() || it == by_title_.end()) return {};
    std::vector<std::string> fit;
    for (const std::string& id : it->second)
        if (!YearClashes(id, c)) fit.push_back(id);
    auto narrow = [&](const std::function<bool(const Known&)>& keep) {
        std::vector<std::string> kept;
        for (const std::string& id : fit)
            if (keep(info_.at(id))) kept.push_back(id);
        if (!kept.empty()) fit = kept;
    };
    if (fit.size() > 1 && c.year != 0) narrow([&](const Known& k) { return k.year == c.year; });
    if (const std::string v = NormalizeTitle(c.venue); fit.size() > 1 && !v.empty())
        narrow([&](const Known& k) { return k.venue == v; });
    return fit.empty() ? std::string() : fit.front(); // still several: the first added (the catalogue's)
}

PaperMatcher::Match PaperMatcher::Find(const Citation& c) const {
    auto lookup = [](const std::map<std::string, std::string>& m, const std::string& key) -> std::string {
        if (key.empty()) return {};
        const auto it = m.find(key);
        return it == m.end() ? std::string() : it->second;
    };
    if (std::string id = lookup(by_arxiv_, ArxivIdOf("arXiv:" + c.arxiv)); !id.empty())
        return {id, MatchBy::ArxivId};
    if (std::string id = lookup(by_doi_, DoiOf("doi:" + c.doi)); !id.empty()) return {id, MatchBy::Doi};
    // A repository or project page often serves several papers ("[Code]" of a follow-up
    // paper points at the first one's repository): such links are no identity.
    for (const CitationLink& l : c.links)
        if (l.kind != "code" && l.kind != "page")
            if (std::string id = lookup(by_link_, NormalizeLink(l.url)); !id.empty())
                return {id, MatchBy::Link};
    for (const CitationLink& l : c.links) {
        if (std::string id = lookup(by_arxiv_, ArxivIdOf(l.url)); !id.empty()) return {id, MatchBy::ArxivId};
        if (std::string id = lookup(by_doi_, DoiOf(l.url)); !id.empty()) return {id, MatchBy::Doi};
    }

    std::vector<std::string> titles;
    if (!c.title.empty()) titles.push_back(c.title);
    for (const std::string& t : c.titles)
        if (titles.size() < 32 && std::find(titles.begin(), titles.end(), t) == titles.end())
            titles.push_back(t);
    for (const std::string& t : titles)
        if (std::string id = lookup(by_arxiv_, ArxivIdOf(t)); !id.empty()) return {id, MatchBy::ArxivId};

    std::vector<std::string> keys;
    for (const std::string& t : titles)
        keys.push_back(
            NormalizeTitle(t.size() > 2000 ? std::string_view(t).substr(0, 2000) : std::string_view(t)));
    // The whole title.
    for (const std::string& k : keys)
        if (std::string id = ByTitle(k, c); !id.empty()) return {id, MatchBy::Title};
    // "Nickname: <known title>" (the issue's "Parameter Server: Scaling Distributed Machine
    // Learning with the Parameter Server"): the known title must be four words or more.
    for (const std::string& t : titles) {
        std::size_t colon = t.find(':'), skip = 1;
        if (const auto wide = t.find("\xEF\xBC\x9A"); wide != std::string::npos && wide < colon) {
            colon = wide;
            skip = 3;
        }
        if (colon == std::string::npos || colon > 80) continue;
        if (!IsNickname(std::string_view(t).substr(0, colon))) continue;
        const std::string after = NormalizeTitle(std::string_view(t).substr(colon + skip, 2000));
        if (CountWords(after) < 4 && !LongCjk(after)) continue;
        if (std::string id = ByTitle(after, c); !id.empty()) return {id, MatchBy::Title};
    }
    // Only the head of a known "Head: subtitle" title, when the head is long and unique.
    for (const std::string& k : keys) {
        if (CountWords(k) < 4 || by_title_.count(k)) continue;
        if (std::string id = lookup(by_head_, k); !id.empty() && !YearClashes(id, c))
            return {id, MatchBy::Title};
    }
    // A known title of four words or more, then a separator and more text ("Title. Authors.
    // Venue", "Title (NSDI '23)", "Title, VLDB 2020"). Without a separator the words that
    // follow make another title ("Attention Is All You Need In Speech Separation").
    for (const std::string& t : titles) {
        std::size_t tried = 0;
        for (std::size_t i = 1; i + 1 < t.size() && i < 2000 && tried < 40; ++i) {
            const char a = t[i], b = t[i + 1];
            std::size_t cut = std::string::npos;
            if ((a == '.' || a == ',' || a == ';' || a == '?' || a == '!') && b == ' ')
                cut = i + 1;
            else if (a == ' ' &&
                     (b == '(' || b == '[' || b == '|' || b == '-' ||
                      t.compare(i + 1, 3, "\xE2\x80\x93") == 0 || t.compare(i + 1, 3, "\xE2\x80\x94") == 0))
                cut = i;
            if (cut == std::string::npos) continue;
            ++tried;
            const std::string head = NormalizeTitle(std::string_view(t).substr(0, cut));
            if (CountWords(head) < 4) continue;
            if (std::string id = ByTitle(head, c); !id.empty()) return {id, MatchBy::Title};
        }
    }
    // Short names, only when the item's whole title is that short ("[GPipe]"): a
    // nickname inside a longer title may name another paper of the same name.
    // The year must then be the paper's own: "Megatron-LM (SC '21)" is the 2021 paper,
    // not the 2019 one whose title starts with "Megatron-LM:".
    if (!keys.empty() && CountWords(keys.front()) <= 3)
        if (std::string id = lookup(by_short_, keys.front()); !id.empty()) {
            const Known& k = info_.at(id);
            if (c.year == 0 || k.year == 0 || k.year == c.year) return {id, MatchBy::Title};
        }
    return {};
}

PaperMatcher::Match PaperMatcher::Find(const std::vector<std::string>& links,
                                       const std::vector<std::string>& titles) const {
    Citation c;
    for (const std::string& l : links)
        c.links.push_back({l, "other"});
    c.titles = titles;
    return Find(c);
}

} // namespace shelfmark
