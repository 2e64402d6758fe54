// The papers table's sort (issue 15): rows are ordered by per-row keys and a counting sort,
// in linear time. The order must be the one the comparison sort gave: every column, both
// directions, equal keys kept in list (or rank) order, with and without a query, in a list
// and in "all papers". The reference below is the comparison the table used before.
#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "app/app_state.h"
#include "core/synthetic.h"

namespace shelfmark {
namespace {

std::string Lower(std::string s) {
    for (char& ch : s)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
}

// The rows in the order std::stable_sort with the old comparison gives.
std::vector<PaperRow> Reference(const AppState& s, std::vector<PaperRow> rows) {
    const Catalogue& c = s.catalogue;
    const Derived& d = s.derived;
    const int col = s.ui.sort_column;
    const auto key_less = [&](const PaperRow& a, const PaperRow& b) {
        const Paper& pa = c.papers[a.paper];
        const Paper& pb = c.papers[b.paper];
        switch (col) {
        case 0: return s.progress.StatusOf(pa.id) < s.progress.StatusOf(pb.id);
        case 1: return pa.title < pb.title;
        case 2: return pa.year != pb.year ? pa.year < pb.year : Lower(pa.venue) < Lower(pb.venue);
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
    std::stable_sort(rows.begin(), rows.end(), [&](const PaperRow& a, const PaperRow& b) {
        return s.ui.sort_descending ? key_less(b, a) : key_less(a, b);
    });
    return rows;
}

std::vector<std::array<int, 4>> PapersOf(const std::vector<PaperRow>& rows) {
    std::vector<std::array<int, 4>> out;
    for (const PaperRow& r : rows)
        out.push_back({r.paper, r.list, r.section, r.entry});
    return out;
}

TEST_CASE("sorting the table: every column and direction gives the comparison sort's order, ties kept") {
    SyntheticSpec spec;
    spec.papers = 1500;
    spec.lists = 6;
    spec.seed = 7;
    Catalogue c = GenerateSyntheticCatalogue(spec);
    // Ties on purpose: repeated titles, venues that differ only in case, shared years.
    for (size_t i = 0; i < c.papers.size(); i += 7)
        c.papers[i].title = "Same Title";
    for (size_t i = 0; i < c.papers.size(); i += 5)
        c.papers[i].venue = (i % 10) ? "OSDI" : "osdi";
    for (size_t i = 0; i < c.papers.size(); i += 3)
        c.papers[i].year = 2020;
    AppState s;
    UseCatalogue(s, std::move(c));
    s.progress = GenerateSyntheticProgress(spec);
    (void)s.progress.TakeDirty();
    Changed(s, change::Records{});
    UpdateDerived(s);
    REQUIRE(s.catalogue.lists.size() >= 2);

    for (const std::string& list : {std::string(), s.catalogue.lists[1].id}) {
        for (const std::string& query : {std::string(), std::string("e"), std::string("sys")}) {
            s.ui.list_id = list;
            s.ui.query = query;
            s.ui.sort_column = -1;
            BuildRows(s);
            std::vector<PaperRow> unsorted;
            for (const PaperRow& r : s.derived.rows)
                if (r.paper >= 0) unsorted.push_back(r); // the section headings go when sorted
            REQUIRE(unsorted.size() > 10);
            for (int col = 0; col <= 4; ++col)
                for (bool descending : {false, true}) {
                    CAPTURE(list);
                    CAPTURE(query);
                    CAPTURE(col);
                    CAPTURE(descending);
                    s.ui.sort_column = col;
                    s.ui.sort_descending = descending;
                    BuildRows(s);
                    CHECK(PapersOf(s.derived.rows) == PapersOf(Reference(s, unsorted)));
                }
        }
    }
}

TEST_CASE("sorting the table: the title ranks follow a catalogue change") {
    SyntheticSpec spec;
    spec.papers = 200;
    spec.lists = 3;
    AppState s;
    UseCatalogue(s, GenerateSyntheticCatalogue(spec));
    UpdateDerived(s);
    s.ui.list_id.clear();
    s.ui.sort_column = 1;
    BuildRows(s);
    const int first = s.derived.rows.front().paper;
    // A new catalogue where the last paper's title sorts first.
    Catalogue c = s.catalogue;
    c.papers.back().title = "!!! first";
    UseCatalogue(s, std::move(c));
    UpdateDerived(s);
    s.ui.list_id.clear();
    s.ui.sort_column = 1;
    BuildRows(s);
    CHECK(s.derived.rows.front().paper == static_cast<int>(s.catalogue.papers.size()) - 1);
    CHECK(s.derived.rows.front().paper != first);
}

} // namespace
} // namespace shelfmark
