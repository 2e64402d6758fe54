// user_lists.cpp: the user's own reading lists: create, rename, delete, add papers (by
// hand or from the catalogue), remove and reorder entries. They are merged with the
// bundled catalogue into the catalogue the panels show, and saved like progress.
#include <algorithm>

#include "app/app_state.h"
#include "app/fonts.h"

namespace shelfmark {

namespace {
// A paper (id or alias) or list of the bundled catalogue: the part of s.catalogue before
// the user's.
bool InBundled(const AppState& s, const std::string& id) {
    const Catalogue& c = s.catalogue;
    const Paper* p = c.FindPaper(id);
    if (p && static_cast<size_t>(p - c.papers.data()) < s.bundled_papers) return true;
    const ReadingList* l = c.FindList(id);
    return l && static_cast<size_t>(l - c.lists.data()) < s.bundled_lists;
}

bool IdTaken(const AppState& s, const std::string& id) {
    return InBundled(s, id) || s.user.papers.count(id) || s.user.lists.count(id);
}

// A list of the user's changed: the catalogue is rebuilt and the list written at once.
void ListChanged(AppState& s, const std::string& list, int64_t now) {
    s.user.MarkList(list);
    RebuildCatalogue(s, Urgency::Now, now); // says what changed (lists only, or papers too)
}

UserList* ListOf(AppState& s, const std::string& id) {
    const auto it = s.user.lists.find(id);
    return it == s.user.lists.end() ? nullptr : &it->second;
}

std::string Trimmed(const std::string& t) { return CleanUserTitle(t); }
} // namespace

Catalogue BundledCatalogue(const AppState& s) {
    const Catalogue& all = s.catalogue;
    Catalogue c;
    c.papers.assign(all.papers.begin(), all.papers.begin() + static_cast<std::ptrdiff_t>(std::min(
                                                                 s.bundled_papers, all.papers.size())));
    c.lists.assign(all.lists.begin(), all.lists.begin() + static_cast<std::ptrdiff_t>(
                                                              std::min(s.bundled_lists, all.lists.size())));
    c.Reindex();
    return c;
}

void RebuildCatalogue(AppState& s, std::optional<Urgency> save, int64_t now_ms) {
    // The bundled part stays where it is (no copy of 50,000 papers); the user's part after
    // it is made again.
    Catalogue& c = s.catalogue;
    // The user's papers as they were: when they come out the same (an edit of lists only),
    // the derived data keeps its per-paper parts (change::Lists, not a whole re-index).
    std::vector<Paper> before(c.papers.begin() +
                                  static_cast<std::ptrdiff_t>(std::min(c.papers.size(), s.bundled_papers)),
                              c.papers.end());
    c.papers.resize(std::min(c.papers.size(), s.bundled_papers));
    c.lists.resize(std::min(c.lists.size(), s.bundled_lists));
    c.Reindex();
    for (const auto& [id, up] : s.user.papers)
        if (!c.FindPaper(id)) c.papers.push_back(up.paper);
    for (const auto& [id, ul] : s.user.lists) {
        ReadingList l = ul.list;
        l.kind = "user";
        c.lists.push_back(std::move(l));
    }
    c.Reindex();
    // The bundled papers' glyphs were asked for when the catalogue loaded.
    for (size_t i = std::min(c.papers.size(), s.bundled_papers); i < c.papers.size(); ++i) {
        WantGlyphsFor(c.papers[i].title);
        for (const auto& a : c.papers[i].authors)
            WantGlyphsFor(a);
    }
    for (size_t i = std::min(c.lists.size(), s.bundled_lists); i < c.lists.size(); ++i)
        WantGlyphsFor(c.lists[i].title);
    if (!s.ui.list_id.empty() && !s.catalogue.FindList(s.ui.list_id)) s.ui.list_id.clear();
    const bool same_papers = c.papers.size() >= s.bundled_papers &&
                             std::equal(before.begin(), before.end(),
                                        c.papers.begin() + static_cast<std::ptrdiff_t>(s.bundled_papers),
                                        c.papers.end(), [](const Paper& a, const Paper& b) {
                                            return a.id == b.id && a.title == b.title &&
                                                   a.authors == b.authors && a.venue == b.venue &&
                                                   a.year == b.year && a.links == b.links &&
                                                   a.kind == b.kind && a.aliases == b.aliases;
                                        });
    if (same_papers)
        Changed(s, change::Lists{}, save, now_ms); // where papers appear: lookups, index placements, rows
    else
        Changed(s, change::Catalogue{}, save, now_ms); // papers changed too: lookups, the whole index, rows
}

void Apply(AppState& s, const intent::CreateList& in, int64_t now) {
    const std::string title = Trimmed(in.title).empty() ? "My list" : Trimmed(in.title);
    UserList ul;
    ul.list.id = MakeUserId(title, [&](const std::string& id) { return IdTaken(s, id); });
    ul.list.title = title;
    ul.list.kind = "user";
    ul.list.sections.push_back({"Papers", "", {}});
    ul.updated_at = now;
    const std::string id = ul.list.id;
    s.user.lists[id] = std::move(ul);
    ListChanged(s, id, now);
    s.ui.list_id = id;
    s.ui.focus_list_name = in.focus_name; // name it at once (panel_own_list.cpp)
}

void Apply(AppState& s, const intent::RenameList& in, int64_t now) {
    const std::string title = Trimmed(in.title);
    if (UserList* ul = ListOf(s, in.list); ul && !title.empty() && ul->list.title != title) {
        ul->list.title = title;
        ul->updated_at = now;
        ListChanged(s, in.list, now);
    }
}

void Apply(AppState& s, const intent::DeleteList& in, int64_t now) {
    if (s.user.lists.erase(in.list)) ListChanged(s, in.list, now);
}

void Apply(AppState& s, const intent::AddToList& in, int64_t now) {
    UserList* ul = ListOf(s, in.list);
    if (!ul || !s.catalogue.FindPaper(in.paper)) return;
    if (ul->list.sections.empty()) ul->list.sections.push_back({"Papers", "", {}});
    for (const Section& sec : ul->list.sections)
        for (const Entry& e : sec.entries)
            if (e.paper == in.paper) return; // already there
    if (ul->list.sections.back().entries.size() >= kMaxUserEntries) {
        s.notice = "This list is full (" + std::to_string(kMaxUserEntries) + " entries).";
        return;
    }
    ul->list.sections.back().entries.push_back({in.paper, "required"});
    ul->updated_at = now;
    s.notice = "Added to " + ul->list.title + ".";
    ListChanged(s, in.list, now);
}

void Apply(AppState& s, const intent::AddPaper& in, int64_t now) {
    UserList* ul = ListOf(s, in.list);
    Paper p = in.paper;
    p.title = Trimmed(p.title);
    if (!ul || p.title.empty()) return;
    for (const auto& l : p.links)
        if (!IsHttpLink(l)) {
            s.notice = "Not added: the link must start with http:// or https://.";
            return;
        }
    UserPaper up;
    p.id = MakeUserId(p.title, [&](const std::string& id) { return IdTaken(s, id); });
    p.kind = "paper";
    up.paper = p;
    up.updated_at = now;
    s.user.papers[p.id] = up;
    if (ul->list.sections.empty()) ul->list.sections.push_back({"Papers", "", {}});
    ul->list.sections.back().entries.push_back({p.id, "required"});
    ul->updated_at = now;
    s.user.MarkPaper(p.id);
    s.notice = "Added \"" + p.title + "\".";
    ListChanged(s, in.list, now);
}

namespace {
// The entries of one section of a user list, or null when the list or section is gone.
std::vector<Entry>* EntriesOf(AppState& s, const std::string& list, int section) {
    UserList* ul = ListOf(s, list);
    if (!ul || section < 0 || section >= static_cast<int>(ul->list.sections.size())) return nullptr;
    return &ul->list.sections[static_cast<size_t>(section)].entries;
}
} // namespace

void Apply(AppState& s, const intent::RemoveEntry& in, int64_t now) {
    std::vector<Entry>* entries = EntriesOf(s, in.list, in.section);
    if (!entries || in.entry < 0 || in.entry >= static_cast<int>(entries->size())) return;
    entries->erase(entries->begin() + in.entry);
    ListOf(s, in.list)->updated_at = now;
    ListChanged(s, in.list, now);
}

void Apply(AppState& s, const intent::MoveEntry& in, int64_t now) {
    std::vector<Entry>* entries = EntriesOf(s, in.list, in.section);
    const int i = in.entry, j = in.up ? in.entry - 1 : in.entry + 1;
    if (!entries || i < 0 || j < 0 || i >= static_cast<int>(entries->size()) ||
        j >= static_cast<int>(entries->size()))
        return;
    std::swap((*entries)[static_cast<size_t>(i)], (*entries)[static_cast<size_t>(j)]);
    ListOf(s, in.list)->updated_at = now;
    ListChanged(s, in.list, now);
}

} // namespace shelfmark
