// rows.cpp: the papers table's rows: the selected list (by section) or all papers,
// narrowed by the search query and ordered by the chosen column; and what the rows hide
// (matches outside the open list, selected papers not in the rows).
#include <algorithm>
#include <map>
#include <string_view>

#include "app/app_state.h"

namespace shelfmark {

namespace {
std::string VenueKey(const Paper& p) {
    std::string k = p.venue;
    std::transform(k.begin(), k.end(), k.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return k;
}

// Dense ranks of the papers under `less`: equal papers share a rank (so a stable sort by
// rank keeps their order, as a stable sort by the key would).
template <class Less> std::vector<uint32_t> RanksBy(size_t n, Less less) {
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i)
        order[i] = static_cast<uint32_t>(i);
    std::sort(order.begin(), order.end(), less);
    std::vector<uint32_t> rank(n, 0);
    uint32_t r = 0;
    for (size_t i = 0; i < n; ++i) {
        if (i > 0 && less(order[i - 1], order[i])) ++r;
        rank[order[i]] = r;
    }
    return rank;
}

const std::vector<uint32_t>& TitleRanks(AppState& s) {
    Derived& d = s.derived;
    const auto& papers = s.catalogue.papers;
    if (d.title_rank_for != s.stale.catalogue || d.title_rank.size() != papers.size()) {
        d.title_rank =
            RanksBy(papers.size(), [&](uint32_t a, uint32_t b) { return papers[a].title < papers[b].title; });
        d.title_rank_for = s.stale.catalogue;
    }
    return d.title_rank;
}

const std::vector<uint32_t>& VenueRanks(AppState& s) {
    Derived& d = s.derived;
    const auto& papers = s.catalogue.papers;
    if (d.venue_rank_for != s.stale.catalogue || d.venue_rank.size() != papers.size()) {
        std::vector<std::string> venue(papers.size());
        for (size_t i = 0; i < papers.size(); ++i)
            venue[i] = VenueKey(papers[i]);
        d.venue_rank = RanksBy(papers.size(), [&](uint32_t a, uint32_t b) {
            return papers[a].year != papers[b].year ? papers[a].year < papers[b].year : venue[a] < venue[b];
        });
        d.venue_rank_for = s.stale.catalogue;
    }
    return d.venue_rank;
}

// Orders the rows by the chosen column: one key per row, then a stable counting sort, so
// that a query matching every paper or a click on a header costs linear time at 50,000
// papers (a comparison sort over titles or progress lookups took 0.1-1 s). Descending
// keeps equal rows in their order, as std::stable_sort with the comparison reversed did.
void SortRows(AppState& s, std::vector<PaperRow>& rows) {
    const Catalogue& c = s.catalogue;
    const Derived& d = s.derived;
    std::vector<uint32_t> key(rows.size(), 0);
    switch (s.ui.sort_column) {
    case 0: {
        // The statuses UpdateDerived took with the counts (a map lookup per row otherwise).
        const bool cached = d.status_of_paper.size() == c.papers.size();
        for (size_t i = 0; i < rows.size(); ++i) {
            const auto p = static_cast<size_t>(rows[i].paper);
            key[i] =
                static_cast<uint32_t>(cached ? d.status_of_paper[p] : s.progress.StatusOf(c.papers[p].id));
        }
        break;
    }
    case 1: {
        const auto& rank = TitleRanks(s);
        for (size_t i = 0; i < rows.size(); ++i)
            key[i] = rank[rows[i].paper];
        break;
    }
    case 2: {
        const auto& rank = VenueRanks(s);
        for (size_t i = 0; i < rows.size(); ++i)
            key[i] = rank[rows[i].paper];
        break;
    }
    case 3: {
        // The rows' roles, ranked among themselves ("" for rows outside a list).
        std::map<std::string_view, uint32_t> roles;
        const auto role_of = [&](const PaperRow& r) -> std::string_view {
            return r.list >= 0 ? std::string_view(c.lists[r.list].sections[r.section].entries[r.entry].role)
                               : std::string_view();
        };
        for (const PaperRow& r : rows)
            roles.emplace(role_of(r), 0);
        uint32_t n = 0;
        for (auto& [role, rank] : roles)
            rank = n++;
        for (size_t i = 0; i < rows.size(); ++i)
            key[i] = roles[role_of(rows[i])];
        break;
    }
    case 4:
        for (size_t i = 0; i < rows.size(); ++i)
            key[i] = static_cast<uint32_t>(d.lists_of_paper[rows[i].paper].size());
        break;
    default: return;
    }
    uint32_t top = 0;
    for (uint32_t k : key)
        top = std::max(top, k);
    if (s.ui.sort_descending)
        for (uint32_t& k : key)
            k = top - k;
    std::vector<uint32_t> start(static_cast<size_t>(top) + 2, 0);
    for (uint32_t k : key)
        ++start[k + 1];
    for (size_t i = 1; i < start.size(); ++i)
        start[i] += start[i - 1];
    std::vector<PaperRow> sorted(rows.size());
    for (size_t i = 0; i < rows.size(); ++i)
        sorted[start[key[i]]++] = rows[i];
    rows.swap(sorted);
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
        // The entries' papers as UpdateDerived resolved them (model.cpp), else looked up.
        const bool resolved = static_cast<size_t>(list_index) < d.entry_paper.size() &&
                              d.entry_paper[list_index].size() == list.sections.size();
        for (int si = 0; si < static_cast<int>(list.sections.size()); ++si) {
            const auto& entries = list.sections[si].entries;
            const bool have = resolved && d.entry_paper[list_index][si].size() == entries.size();
            for (int ei = 0; ei < static_cast<int>(entries.size()); ++ei) {
                int paper = -1;
                if (have) {
                    const int p = d.entry_paper[list_index][si][ei];
                    paper = p >= 0 ? p : (p <= -2 ? -2 - p : -1);
                } else if (const auto it = d.paper_index.find(c.Canonical(entries[ei].paper));
                           it != d.paper_index.end()) {
                    paper = it->second;
                }
                if (!include(paper)) continue;
                papers.push_back({paper, list_index, si, ei});
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
        SortRows(s, papers);
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
