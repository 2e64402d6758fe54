// rows.cpp: the papers table's rows: the selected list (by section) or all papers,
// narrowed by the search query and ordered by the chosen column.
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

} // namespace shelfmark
