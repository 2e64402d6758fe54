// rows.cpp: the papers table's rows: the selected list (by section) or all papers,
// narrowed by the search query and ordered by the chosen column; and what the rows hide
// (matches outside the open list, selected papers not in the rows).
#include <algorithm>

#include "app/app_state.h"

namespace shelfmark {

namespace {
std::string VenueKey(const Paper& p) {
    std::string k = p.venue;
    std::transform(k.begin(), k.end(), k.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return k;
}
} // namespace

void BuildRows(AppState& s) {
    Derived& d = s.derived;
    const Catalogue& c = s.catalogue;
    d.rows.clear();
    d.matches = 0;
    d.matches_all = -1;
    d.scope_all = false;
    std::vector<PaperRow> papers;
    int list_index = -1;
    for (size_t li = 0; li < c.lists.size(); ++li)
        if (c.lists[li].id == s.ui.list_id) list_index = static_cast<int>(li);

    // The search: a query narrows the rows; with words, "all papers" is ordered by rank.
    std::vector<char> hit;
    std::vector<int> ranked;
    s.ui.query_error.clear();
    const bool searching = !s.ui.query.empty();
    if (searching) {
        const SearchQuery q = ParseQuery(s.ui.query);
        SearchResult res = Search(q, s.search_index, s.progress);
        // The search runs over every paper anyway: how many match outside the open list
        // costs nothing more (the scope hint, panel_search_scope.cpp).
        d.matches_all = static_cast<int>(res.hits.size());
        if (q.all_lists && list_index >= 0) {
            d.scope_all = true;
            list_index = -1; // list:all: the rows of "all papers"
        }
        hit.assign(c.papers.size(), 0);
        for (const SearchHit& h : res.hits) {
            if (h.paper < hit.size()) hit[h.paper] = 1;
            ranked.push_back(static_cast<int>(h.paper));
        }
        for (size_t i = 0; i < res.errors.size(); ++i)
            s.ui.query_error += (i ? "; " : "") + res.errors[i];
    }
    const auto include = [&](int paper) { return paper >= 0 && (!searching || hit[paper]); };
    if (list_index >= 0) {
        const ReadingList& list = c.lists[list_index];
        for (int si = 0; si < static_cast<int>(list.sections.size()); ++si) {
            for (int ei = 0; ei < static_cast<int>(list.sections[si].entries.size()); ++ei) {
                const auto it = d.paper_index.find(c.Canonical(list.sections[si].entries[ei].paper));
                if (it == d.paper_index.end() || !include(it->second)) continue;
                papers.push_back({it->second, list_index, si, ei});
            }
        }
    } else if (searching) {
        for (int i : ranked)
            papers.push_back({i, -1, -1, -1});
    } else {
        for (int i = 0; i < static_cast<int>(c.papers.size()); ++i)
            papers.push_back({i, -1, -1, -1});
    }
    d.matches = static_cast<int>(papers.size());
    d.in_rows.assign(c.papers.size(), 0);
    for (const PaperRow& r : papers)
        d.in_rows[static_cast<size_t>(r.paper)] = 1;

    if (s.ui.sort_column >= 0) {
        const int col = s.ui.sort_column;
        const auto key_less = [&](const PaperRow& a, const PaperRow& b) {
            const Paper& pa = c.papers[a.paper];
            const Paper& pb = c.papers[b.paper];
            switch (col) {
            case 0: return s.progress.StatusOf(pa.id) < s.progress.StatusOf(pb.id);
            case 1: return pa.title < pb.title;
            case 2: return pa.year != pb.year ? pa.year < pb.year : VenueKey(pa) < VenueKey(pb);
            case 3: {
                const std::string ra =
                    a.list >= 0 ? c.lists[a.list].sections[a.section].entries[a.entry].role : "";
                const std::string rb =
                    b.list >= 0 ? c.lists[b.list].sections[b.section].entries[b.entry].role : "";
                return ra < rb;
            }
            case 4: return d.lists_of_paper[a.paper].size() < d.lists_of_paper[b.paper].size();
            default: return false;
            }
        };
        std::stable_sort(papers.begin(), papers.end(), [&](const PaperRow& a, const PaperRow& b) {
            return s.ui.sort_descending ? key_less(b, a) : key_less(a, b);
        });
        d.rows = std::move(papers);
        return;
    }
    // List order, with a heading row before each section that has rows.
    int last_section = -1;
    for (const PaperRow& r : papers) {
        if (r.list >= 0 && r.section != last_section) {
            d.rows.push_back({-1, r.list, r.section, -1});
            last_section = r.section;
        }
        d.rows.push_back(r);
    }
}

bool HasRow(const AppState& s, const std::string& paper) {
    const auto it = s.derived.paper_index.find(paper);
    if (it == s.derived.paper_index.end()) return false;
    const size_t i = static_cast<size_t>(it->second);
    return i < s.derived.in_rows.size() && s.derived.in_rows[i];
}

int HiddenSelected(const AppState& s) {
    int hidden = 0;
    for (const std::string& id : s.ui.selected)
        hidden += s.derived.paper_index.count(id) && !HasRow(s, id); // an unknown id hides nothing
    return hidden;
}

SearchScope DescribeScope(const AppState& s) {
    SearchScope out;
    const Derived& d = s.derived;
    const ReadingList* list = s.catalogue.FindList(s.ui.list_id);
    if (d.matches_all >= 0 && list) {
        if (d.scope_all) {
            out.text = "Searching all papers (list:all), not only " + list->title;
        } else if (d.matches_all > d.matches) {
            out.text = std::to_string(d.matches) + " in " + list->title + " \xC2\xB7 " +
                       std::to_string(d.matches_all) + " in all papers";
            out.can_widen = true;
        }
    }
    out.hidden_selected = HiddenSelected(s);
    if (out.hidden_selected > 0) {
        const bool one = out.hidden_selected == 1;
        out.hidden_text = std::to_string(out.hidden_selected) +
                          (one ? " selected paper" : " selected papers") +
                          (!s.ui.query.empty() ? " hidden by the search \xE2\x80\x94 Esc clears the search"
                                               : (one ? " is not in this list" : " are not in this list"));
    }
    return out;
}

} // namespace shelfmark
