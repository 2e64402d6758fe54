#include "core/markdown_import.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

#include "core/ascii_text.h"
#include "core/list_reader.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

using ascii::CollapseSpaces;
using ascii::IsSpaceChar;

// Everything the reader found: items with their sections, the title and the source.
struct Extracted {
    std::vector<MarkdownItem> items;
    std::string title;  // front matter title or the first level-1 heading before any item
    std::string source; // first link outside the items, before the first item
};

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
        item.cite = ReadCitation(entry.input);
        item.title = item.cite.title.empty() ? CollapseSpaces(entry.text) : item.cite.title;
        item.titles = item.cite.titles;
        // Matched by the links the shape gives the entry (its own, and its details'
        // "[PDF]"/"[Code]" links): a link in a details line that names another paper
        // ("Related: [TVM](...)") must not make this entry that paper.
        Citation key = item.cite;
        key.links.erase(std::remove_if(key.links.begin(), key.links.end(),
                                       [&](const CitationLink& l) {
                                           return std::find(entry.links.begin(), entry.links.end(), l.url) ==
                                                  entry.links.end();
                                       }),
                        key.links.end());
        for (const std::string& l : entry.links)
            if (std::none_of(key.links.begin(), key.links.end(),
                             [&](const CitationLink& k) { return k.url == l; }))
                key.links.push_back({l, "other"});
        const PaperMatcher::Match m = matcher.Find(key);
        item.paper = m.paper;
        item.by = m.by;
        out.items.push_back(std::move(item));
    }
    return out;
}

} // namespace

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

// An author, venue or identifier: as UserTitle, cut to what a stored paper's short
// fields accept (user_data.cpp reads them with at most 300 bytes).
constexpr std::size_t kMaxShortUserText = 300;
std::string ShortUserText(std::string_view raw) {
    return std::string(utf8::Truncated(UserTitle(raw), kMaxShortUserText));
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
                // What the item's text says about its paper (citation.h), within what a
                // progress file accepts.
                const Citation& c = item.cite;
                for (const std::string& a : c.authors)
                    if (const std::string name = ShortUserText(a);
                        !name.empty() && up.paper.authors.size() < kMaxUserAuthors)
                        up.paper.authors.push_back(name);
                up.paper.venue = ShortUserText(c.venue);
                if (c.year > 0 && c.year <= 9999) up.paper.year = c.year;
                up.extras.arxiv = ShortUserText(c.arxiv);
                up.extras.doi = ShortUserText(c.doi);
                bool any_kind = false;
                for (const std::string& link : up.paper.links) {
                    std::string kind = "other";
                    for (const CitationLink& cl : c.links)
                        if (cl.url == link && !cl.kind.empty()) kind = cl.kind;
                    any_kind = any_kind || kind != "other";
                    up.extras.link_kinds.push_back(kind);
                }
                if (!any_kind) up.extras.link_kinds.clear();
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
