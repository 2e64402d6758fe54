#include "core/markdown_import.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

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

bool StartsWithCi(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (Lower(s[i]) != Lower(prefix[i])) return false;
    return true;
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

int IndexOf(const MarkdownDoc& doc, const MdNode& n) { return static_cast<int>(&n - doc.nodes.data()); }

const MdNode& NodeAt(const MarkdownDoc& doc, int i) { return doc.nodes[static_cast<std::size_t>(i)]; }

bool HasChildList(const MarkdownDoc& doc, const MdNode& item) {
    for (int c = item.first_child; c >= 0; c = NodeAt(doc, c).next)
        if (NodeAt(doc, c).kind == MdKind::List) return true;
    return false;
}

bool IsHttp(std::string_view url) { return StartsWithCi(url, "http://") || StartsWithCi(url, "https://"); }

// Links and emphasized texts of an item, not descending into its sub-lists.
void CollectItemParts(const MarkdownDoc& doc, const MdNode& item, std::vector<std::string>* links,
                      std::vector<std::string>* link_texts, std::vector<std::string>* emph_texts) {
    const int from = IndexOf(doc, item);
    int in_link = 0;
    WalkMarkdown(
        doc, from,
        [&](const MdNode& n) {
            if (n.kind == MdKind::List && IndexOf(doc, n) != from) return false;
            if (n.kind == MdKind::Link) {
                ++in_link;
                if (IsHttp(n.url) && std::find(links->begin(), links->end(), n.url) == links->end())
                    links->push_back(n.url);
                link_texts->push_back(MdPlainText(doc, IndexOf(doc, n)));
            } else if ((n.kind == MdKind::Emph || n.kind == MdKind::Strong) && in_link == 0) {
                emph_texts->push_back(MdPlainText(doc, IndexOf(doc, n)));
            }
            return true;
        },
        [&](const MdNode& n) {
            if (n.kind == MdKind::Link) --in_link;
        });
}

// Role of the entries under a heading such as "Required reading", "Additional Optional
// Reading", "Extra reading" or "Background"; empty when the heading names a section.
std::string RoleOfHeading(std::string_view heading) {
    std::string h;
    for (char c : heading)
        h += Lower(c);
    if (CountWords(h) > 4) return {};
    auto has = [&](const char* w) { return h.find(w) != std::string::npos; };
    if (has("optional")) return "optional";
    if (has("require") || has("mandatory")) return "required";
    if (has("background")) return "background";
    if (has("extra") || has("additional") || has("further") || has("supplement")) return "extra";
    // "<role> reading" as written by ExportListMarkdown for other roles.
    const std::string t = CollapseSpaces(h);
    const std::string suffix = " reading";
    if (t.size() > suffix.size() && t.compare(t.size() - suffix.size(), suffix.size(), suffix) == 0) {
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

// YAML front matter ("---" ... "---") at the very start: returns its title and blanks it
// out (keeping the line count, so line numbers stay right).
std::string TakeFrontMatter(std::string& text) {
    auto line_end = [&](std::size_t i) {
        std::size_t e = text.find('\n', i);
        return e == std::string::npos ? text.size() : e;
    };
    auto line_at = [&](std::size_t i) {
        std::string l = text.substr(i, line_end(i) - i);
        if (!l.empty() && l.back() == '\r') l.pop_back();
        return l;
    };
    std::size_t start = 0;
    if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) start = 3;
    if (line_at(start) != "---") return {};
    std::string title;
    for (std::size_t i = line_end(start) + 1; i < text.size(); i = line_end(i) + 1) {
        const std::string l = line_at(i);
        if (l == "---" || l == "...") {
            const std::size_t end = line_end(i);
            for (std::size_t k = 0; k < end; ++k)
                if (text[k] != '\n') text[k] = ' ';
            return title;
        }
        if (title.empty() && StartsWithCi(l, "title")) {
            std::string rest = Trim(std::string_view(l).substr(5));
            if (rest.empty() || rest[0] != ':') continue;
            rest = Trim(std::string_view(rest).substr(1));
            if (rest.size() >= 2 && rest.front() == '\'' && rest.back() == '\'') {
                std::string v;
                for (std::size_t k = 1; k + 1 < rest.size(); ++k) {
                    v += rest[k];
                    if (rest[k] == '\'' && rest[k + 1] == '\'') ++k; // '' is a quote in YAML
                }
                rest = v;
            } else if (rest.size() >= 2 && rest.front() == '"' && rest.back() == '"') {
                std::string v;
                for (std::size_t k = 1; k + 1 < rest.size(); ++k) {
                    if (rest[k] == '\\' && k + 2 < rest.size()) ++k;
                    v += rest[k];
                }
                rest = v;
            }
            title = Trim(rest);
        }
        if (i >= text.size()) break;
    }
    return {}; // no closing line: not front matter
}

// Everything the walk found: items with their sections, the title and the source.
struct Extracted {
    std::vector<MarkdownItem> items;
    std::string title;  // front matter title or the first level-1 heading before any item
    std::string source; // first link outside the items, before the first item
};

Extracted Extract(std::string text, const PaperMatcher& matcher, const MarkdownLimits& limits,
                  std::string* error, bool* ok) {
    Extracted out;
    const std::string front_title = TakeFrontMatter(text);
    std::string parse_error;
    const std::optional<MarkdownDoc> doc = ParseMarkdown(text, limits, &parse_error);
    if (!doc) {
        if (error) *error = parse_error;
        *ok = false;
        return out;
    }
    *ok = true;
    out.title = front_title;

    std::string section, role = "required";
    struct Saved {
        int item;
        std::string section, role;
    };
    std::vector<Saved> saved;
    int item_depth = 0;
    bool seen_item = false;

    WalkMarkdown(
        *doc, 0,
        [&](const MdNode& n) {
            const int idx = IndexOf(*doc, n);
            switch (n.kind) {
            case MdKind::Heading: {
                const std::string h = CollapseSpaces(MdPlainText(*doc, idx));
                if (!seen_item && out.source.empty()) {
                    WalkMarkdown(
                        *doc, idx,
                        [&](const MdNode& c) {
                            if (c.kind == MdKind::Link && out.source.empty() && IsHttp(c.url))
                                out.source = c.url;
                            return true;
                        },
                        [](const MdNode&) {});
                }
                if (n.level == 1 && !seen_item && out.title.empty()) {
                    out.title = h;
                    section.clear();
                } else if (const std::string r = RoleOfHeading(h); !r.empty()) {
                    role = r;
                } else {
                    section = h;
                    role = "required";
                }
                return false;
            }
            case MdKind::Link:
                if (item_depth == 0 && !seen_item && out.source.empty() && IsHttp(n.url)) out.source = n.url;
                return true;
            case MdKind::Item: {
                ++item_depth;
                const std::string own = CollapseSpaces(MdPlainText(*doc, idx, true));
                const bool nested = HasChildList(*doc, n);
                MarkdownItem item;
                std::vector<std::string> link_texts, emph_texts;
                CollectItemParts(*doc, n, &item.links, &link_texts, &emph_texts);
                if (nested && item.links.empty() && !own.empty() && !n.task) {
                    // "1. **Cluster Scheduling**:" with sub-items: a sub-section.
                    saved.push_back({idx, section, role});
                    section = CleanTitle(own);
                    return true;
                }
                if (own.empty()) return nested;
                seen_item = true;
                item.line = n.line;
                item.task = n.task;
                item.checked = n.checked;
                item.text = own;
                item.section = section;
                item.role = role;

                // The title: a link text of three words or more, else an emphasized
                // phrase, else the first sentence after a short link ("[MLSys](u). MLSys: ..."),
                // else the whole text.
                std::string rest = own;
                if (!link_texts.empty()) {
                    const std::string lt = CollapseSpaces(link_texts.front());
                    if (const auto at = rest.find(lt); at != std::string::npos) rest.erase(at, lt.size());
                }
                while (!rest.empty() && (rest.front() == '.' || rest.front() == ' ' || rest.front() == ',' ||
                                         rest.front() == ':' || rest.front() == '-'))
                    rest.erase(0, 1);
                const std::vector<std::string> rest_sentences = Sentences(rest);
                if (!link_texts.empty()) {
                    // "[Title [venue\]](url)": Markdown makes "venue]" the link text; the
                    // title is the text before it.
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
                        if (!v.empty() && v.size() <= kMaxCandidateBytes &&
                            candidates.size() < kMaxCandidates &&
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
                add(own);
                for (const std::string& s : Sentences(own))
                    add(s);
                for (const std::string& s : rest_sentences)
                    add(s);
                item.titles = candidates;

                const PaperMatcher::Match m = matcher.Find(item.links, item.titles);
                item.paper = m.paper;
                item.by = m.by;
                out.items.push_back(std::move(item));
                return nested;
            }
            default: return true;
            }
        },
        [&](const MdNode& n) {
            if (n.kind != MdKind::Item) return;
            --item_depth;
            if (!saved.empty() && saved.back().item == IndexOf(*doc, n)) {
                section = saved.back().section;
                role = saved.back().role;
                saved.pop_back();
            }
        });
    return out;
}

} // namespace

std::optional<ChecklistImport> ReadMarkdownChecklist(std::string_view markdown, const PaperMatcher& matcher,
                                                     std::string* error, const MarkdownLimits& limits) {
    bool ok = false;
    Extracted ex = Extract(std::string(markdown), matcher, limits, error, &ok);
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
    Extracted ex = Extract(std::string(markdown), matcher, limits, error, &ok);
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
