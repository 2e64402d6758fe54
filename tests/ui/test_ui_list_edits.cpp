// Edits of the user's own lists at catalogue scale (issue 15): an edit that changes where
// papers appear but not the papers themselves (create, rename, add a catalogue paper,
// remove, delete) updates the lookups and the search index's placements only; adding a
// paper of one's own rebuilds the whole index. At 50,000 papers a whole re-index took
// about 3 s in the browser for each click on "add to list".
#include <doctest/doctest.h>

#include <string>

#include "app/app_state.h"
#include "core/synthetic.h"

namespace shelfmark {
namespace {

AppState MakeApp() {
    SyntheticSpec spec;
    spec.papers = 400;
    spec.lists = 4;
    spec.seed = 3;
    AppState s;
    UseCatalogue(s, GenerateSyntheticCatalogue(spec));
    s.progress = GenerateSyntheticProgress(spec);
    (void)s.progress.TakeDirty();
    Changed(s, change::Records{});
    UpdateDerived(s);
    return s;
}

void Apply(AppState& s, Intent in) {
    s.intents.push_back(std::move(in));
    ApplyIntents(s, 1'700'000'000'000);
    UpdateDerived(s);
}

std::vector<std::string> Hits(AppState& s, const std::string& query) {
    std::vector<std::string> out;
    for (const SearchHit& h : Search(ParseQuery(query), s.search_index, s.progress).hits)
        out.push_back(s.catalogue.papers[h.paper].id);
    return out;
}

TEST_CASE("own lists: an edit of lists only keeps the index and updates where papers appear") {
    AppState s = MakeApp();
    const std::string paper = s.catalogue.papers[17].id;
    // One paper re-indexed alone (a status change): a whole Build would forget it.
    Apply(s, intent::SetStatus{{paper}, Status::Reading});
    REQUIRE(s.search_index.UpdatedPaperCount() == 1);

    Apply(s, intent::CreateList{"Reading group", false});
    const std::string list = s.ui.list_id;
    REQUIRE(s.user.lists.count(list) == 1);
    CHECK(s.search_index.UpdatedPaperCount() == 1); // not re-built
    CHECK(Hits(s, "list:" + list).empty());

    Apply(s, intent::AddToList{list, paper});
    CHECK(s.search_index.UpdatedPaperCount() == 1);
    CHECK(Hits(s, "list:" + list) == std::vector<std::string>{paper});
    CHECK(Hits(s, "list:" + list + " status:reading") == std::vector<std::string>{paper});
    // The lookups follow: the paper now counts one more list.
    const int index = s.derived.paper_index.at(paper);
    bool in_list = false;
    for (int li : s.derived.lists_of_paper[static_cast<size_t>(index)])
        in_list |= s.catalogue.lists[static_cast<size_t>(li)].id == list;
    CHECK(in_list);

    Apply(s, intent::RenameList{list, "Seminar"});
    CHECK(Hits(s, "list:seminar") == std::vector<std::string>{paper}); // list: matches titles too
    CHECK(s.search_index.UpdatedPaperCount() == 1);

    // A paper of one's own: the papers changed, the whole index is built again and finds it.
    Paper mine;
    mine.title = "Zyxwvut Quokka Scheduling";
    mine.year = 2024;
    Apply(s, intent::AddPaper{list, mine});
    CHECK(s.search_index.UpdatedPaperCount() == 0);
    const std::vector<std::string> found = Hits(s, "quokka");
    REQUIRE(found.size() == 1);
    CHECK(s.catalogue.FindPaper(found[0])->title == mine.title);
    CHECK(Hits(s, "list:" + list).size() == 2);

    Apply(s, intent::DeleteList{list});
    CHECK(s.catalogue.FindList(list) == nullptr);
    CHECK(Hits(s, "list:" + list).empty());
}

} // namespace
} // namespace shelfmark
