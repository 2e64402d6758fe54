// Tests for the synthetic catalogue and progress generator used by the benchmarks.
#include <doctest/doctest.h>

#include <map>
#include <set>
#include <string>

#include "../../bench/native/data_files.h"
#include "../../bench/native/fingerprint.h"
#include "core/catalog.h"
#include "core/progress.h"
#include "core/synthetic.h"

using namespace shelfmark;

namespace {

// Everything generated for a spec, as one string: the normalized catalogue and every
// progress record.
std::string Fingerprint(const SyntheticSpec& spec) {
    std::string out = CatalogueToNormalizedJson(GenerateSyntheticCatalogue(spec));
    const Progress progress = GenerateSyntheticProgress(spec);
    for (const auto& [id, rec] : progress.Records())
        out += "\n" + ProgressRecordToJson(rec);
    return out;
}

size_t EntryCount(const Catalogue& c) {
    size_t n = 0;
    for (const ReadingList& l : c.lists)
        for (const Section& s : l.sections)
            n += s.entries.size();
    return n;
}

} // namespace

TEST_CASE("synthetic: the same spec gives identical output") {
    SyntheticSpec spec;
    spec.papers = 1500;
    spec.lists = 12;
    spec.seed = 7;
    const std::string a = Fingerprint(spec);
    const std::string b = Fingerprint(spec);
    CHECK(a.size() > 100000);
    CHECK(a == b);
}

// The generator promises the same bytes on every platform and compiler (g++ here, clang,
// emcc in the browser). This pins them: a change to the generator changes this value on
// purpose, a compiler that evaluates something differently changes it by accident.
TEST_CASE("synthetic: golden fingerprint") {
    SyntheticSpec spec;
    spec.papers = 400;
    spec.lists = 7;
    spec.seed = 42;
    spec.note_every = 3;
    const Catalogue c = GenerateSyntheticCatalogue(spec);
    const Progress p = GenerateSyntheticProgress(spec);
    CHECK(c.papers.front().id == "echostore-1");
    CHECK(bench::Fingerprint(c, p) == "e3da73de65e922b5");
}

TEST_CASE("synthetic: a different seed gives a different catalogue") {
    SyntheticSpec a, b;
    a.papers = b.papers = 500;
    a.seed = 1;
    b.seed = 2;
    CHECK(Fingerprint(a) != Fingerprint(b));
}

TEST_CASE("synthetic: earlier papers do not change when more are generated") {
    SyntheticSpec small, big;
    small.papers = 100;
    big.papers = 1000;
    const Catalogue a = GenerateSyntheticCatalogue(small);
    const Catalogue b = GenerateSyntheticCatalogue(big);
    REQUIRE(a.papers.size() == 100);
    REQUIRE(b.papers.size() == 1000);
    for (size_t i = 0; i < a.papers.size(); ++i) {
        CHECK(a.papers[i].id == b.papers[i].id);
        CHECK(a.papers[i].title == b.papers[i].title);
    }
}

TEST_CASE("synthetic: the catalogue is valid and every paper is referenced") {
    SyntheticSpec spec;
    spec.papers = 5000;
    spec.lists = 50;
    const Catalogue c = GenerateSyntheticCatalogue(spec);
    CHECK(c.papers.size() == 5000);
    CHECK(c.lists.size() == 50);

    std::set<std::string> ids;
    for (const Paper& p : c.papers) {
        CHECK_MESSAGE(ids.insert(p.id).second, "duplicate paper id " << p.id);
        CHECK(!p.title.empty());
    }
    std::set<std::string> list_ids, referenced;
    for (const ReadingList& l : c.lists) {
        CHECK_MESSAGE(list_ids.insert(l.id).second, "duplicate list id " << l.id);
        CHECK(!l.sections.empty());
        for (const Section& s : l.sections) {
            std::set<std::string> in_section;
            for (const Entry& e : s.entries) {
                CHECK_MESSAGE(ids.count(e.paper) == 1, "entry names unknown paper " << e.paper);
                CHECK(in_section.insert(e.paper).second);
                referenced.insert(e.paper);
            }
        }
    }
    CHECK(referenced.size() == ids.size());
    // Some papers are shared between lists.
    const size_t entries = EntryCount(c);
    CHECK(entries > c.papers.size() * 105 / 100);
    CHECK(entries < c.papers.size() * 125 / 100);

    // Written as a data folder, it loads without a single validation error and
    // round-trips to the same normalized JSON.
    const CatalogueLoad load = LoadCatalogueFiles(bench::CatalogueToDataFiles(c));
    std::string errors;
    for (size_t i = 0; i < load.errors.size() && i < 5; ++i)
        errors += load.errors[i].ToString() + "\n";
    CHECK_MESSAGE(load.ok(), load.errors.size() << " errors, first: " << errors);
    const bool same = CatalogueToNormalizedJson(load.catalogue) == CatalogueToNormalizedJson(c);
    CHECK(same);
}

TEST_CASE("synthetic: progress names known papers; notes have realistic sizes") {
    SyntheticSpec spec;
    spec.papers = 2000;
    spec.note_every = 4;
    const Catalogue c = GenerateSyntheticCatalogue(spec);
    const Progress progress = GenerateSyntheticProgress(spec);
    size_t notes = 0;
    for (const auto& [id, rec] : progress.Records()) {
        CHECK_MESSAGE(c.FindPaper(id) != nullptr, "progress for unknown paper " << id);
        CHECK(rec.status != Status::Unread);
        REQUIRE(!rec.history.empty());
        CHECK(rec.history.back().status == rec.status);
        CHECK(rec.history.back().at == rec.status_at);
        for (size_t i = 1; i < rec.history.size(); ++i)
            CHECK(rec.history[i - 1].at < rec.history[i].at);
        if (!rec.note.empty()) {
            ++notes;
            CHECK(rec.note.size() >= 500);
            CHECK(rec.note.size() <= 4096);
            CHECK(rec.note_at > 0);
        }
        // Every record survives the storage format.
        std::string error;
        const auto back = ProgressRecordFromJson(ProgressRecordToJson(rec), &error);
        REQUIRE_MESSAGE(back.has_value(), error);
        CHECK(*back == rec);
    }
    CHECK(notes == 500); // exactly one paper in note_every
    CHECK(progress.Records().size() > 500);
    CHECK(progress.Records().size() < 2000);
}

TEST_CASE("synthetic: degenerate specs") {
    SyntheticSpec none;
    none.papers = 0;
    CHECK(GenerateSyntheticCatalogue(none).papers.empty());
    CHECK(GenerateSyntheticProgress(none).Records().empty());

    SyntheticSpec one_list;
    one_list.papers = 30;
    one_list.lists = 0; // treated as one list
    one_list.note_every = 0;
    const Catalogue c = GenerateSyntheticCatalogue(one_list);
    CHECK(c.lists.size() == 1);
    CHECK(LoadCatalogueFiles(bench::CatalogueToDataFiles(c)).ok());
    const Progress progress = GenerateSyntheticProgress(one_list);
    for (const auto& [id, rec] : progress.Records())
        CHECK(rec.note.empty());
}
