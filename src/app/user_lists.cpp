// user_lists.cpp: the user's own reading lists: create, rename, delete, add papers (by
// hand or from the catalogue), remove and reorder entries. They are merged with the
// bundled catalogue into the catalogue the panels show, and saved like progress.
#include <algorithm>

#include "app/app_state.h"
#include "app/fonts.h"

namespace shelfmark {

namespace {
bool IdTaken(const AppState& s, const std::string& id) {
    return s.bundled.FindPaper(id) || s.bundled.FindList(id) || s.user.papers.count(id) || s.user.lists.count(id);
}

void Changed(AppState& s, const std::string& key) {
    s.user_dirty.insert(key);
    if (s.saver.first_dirty_ms == 0) s.saver.first_dirty_ms = 1; // due at once
    s.saver.urgent = true;
    RebuildCatalogue(s);
}

std::string Trimmed(const std::string& t) { return CleanUserTitle(t); }
} // namespace

void RebuildCatalogue(AppState& s) {
    Catalogue c = s.bundled;
    for (const auto& [id, up] : s.user.papers)
        if (!c.FindPaper(id)) c.papers.push_back(up.paper);
    for (const auto& [id, ul] : s.user.lists) {
        ReadingList l = ul.list;
        l.kind = "user";
        c.lists.push_back(std::move(l));
    }
    c.Reindex();
    for (const Paper& p : c.papers) {
        WantGlyphsFor(p.title);
        for (const auto& a : p.authors) WantGlyphsFor(a);
    }
    for (const ReadingList& l : c.lists) WantGlyphsFor(l.title);
    s.catalogue = std::move(c);
    s.index_needs_build = true;
    s.derived.paper_index.clear(); // lists and papers may have changed: rebuild lookups
    if (!s.ui.list_id.empty() && !s.catalogue.FindList(s.ui.list_id)) s.ui.list_id.clear();
    Touch(s);
}

bool ApplyUserListIntent(AppState& s, const Intent& in, int64_t now) {
    using K = Intent::Kind;
    auto list_of = [&](const std::string& id) -> UserList* {
        const auto it = s.user.lists.find(id);
        return it == s.user.lists.end() ? nullptr : &it->second;
    };
    switch (in.kind) {
    case K::CreateList: {
        const std::string title = Trimmed(in.text).empty() ? "My list" : Trimmed(in.text);
        UserList ul;
        ul.list.id = MakeUserId(title, [&](const std::string& id) { return IdTaken(s, id); });
        ul.list.title = title;
        ul.list.kind = "user";
        ul.list.sections.push_back({"Papers", "", {}});
        ul.updated_at = now;
        const std::string id = ul.list.id;
        s.user.lists[id] = std::move(ul);
        Changed(s, "list:" + id);
        s.ui.list_id = id;
        return true;
    }
    case K::RenameList:
        if (UserList* ul = list_of(in.id); ul && !Trimmed(in.text).empty() && ul->list.title != Trimmed(in.text)) {
            ul->list.title = Trimmed(in.text);
            ul->updated_at = now;
            Changed(s, "list:" + in.id);
        }
        return true;
    case K::DeleteList:
        if (s.user.lists.erase(in.id)) Changed(s, "list:" + in.id);
        return true;
    case K::AddToList:
        if (UserList* ul = list_of(in.id); ul && s.catalogue.FindPaper(in.text)) {
            if (ul->list.sections.empty()) ul->list.sections.push_back({"Papers", "", {}});
            for (const Section& sec : ul->list.sections)
                for (const Entry& e : sec.entries)
                    if (e.paper == in.text) return true; // already there
            if (ul->list.sections.back().entries.size() >= kMaxUserEntries) {
                s.notice = "This list is full (" + std::to_string(kMaxUserEntries) + " entries).";
                return true;
            }
            ul->list.sections.back().entries.push_back({in.text, "required"});
            ul->updated_at = now;
            Changed(s, "list:" + in.id);
            s.notice = "Added to " + ul->list.title + ".";
        }
        return true;
    case K::AddPaper: {
        UserList* ul = list_of(in.id);
        Paper p = in.paper;
        p.title = Trimmed(p.title);
        if (!ul || p.title.empty()) return true;
        for (const auto& l : p.links)
            if (!IsHttpLink(l)) {
                s.notice = "Not added: the link must start with http:// or https://.";
                return true;
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
        s.user_dirty.insert("paper:" + p.id);
        Changed(s, "list:" + in.id);
        s.notice = "Added \"" + p.title + "\".";
        return true;
    }
    case K::RemoveEntry:
    case K::MoveEntry: {
        UserList* ul = list_of(in.id);
        if (!ul || in.number < 0 || in.number >= static_cast<int>(ul->list.sections.size())) return true;
        auto& entries = ul->list.sections[in.number].entries;
        const int i = in.number2;
        if (i < 0 || i >= static_cast<int>(entries.size())) return true;
        if (in.kind == K::RemoveEntry) {
            entries.erase(entries.begin() + i);
        } else {
            const int j = in.flag ? i - 1 : i + 1;
            if (j < 0 || j >= static_cast<int>(entries.size())) return true;
            std::swap(entries[i], entries[j]);
        }
        ul->updated_at = now;
        Changed(s, "list:" + in.id);
        return true;
    }
    default: return false;
    }
}

} // namespace shelfmark
