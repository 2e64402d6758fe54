// The bundled catalogue (data/) against the seed reading lists it was made from
// (tests/seeds/, verbatim copies of the three seed documents).
//
// Index
//   - Seed readers: a small, independent reading of each seed's Markdown (headings,
//     list items, links, venue codes). They know nothing of data/.
//   - Loading and list metadata.
//   - Sections, entry counts and roles, counted in the seed text.
//   - Entries point at the right paper: links, titles, venues, authors; any difference
//     from the seed text must be recorded in the paper's "corrections".
//   - One work, one id: same-work pairs share an id, similar-named works do not.
//   - Hygiene: links, titles, ids, references, file formatting.
#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/catalog.h"

using shelfmark::Catalogue;
using shelfmark::CatalogueLoad;
using shelfmark::Paper;
using shelfmark::ReadingList;
using shelfmark::Section;

namespace {

const std::string kData = SHELFMARK_DATA_DIR;
const std::string kSeeds = SHELFMARK_SEEDS_DIR;
const std::string kBerkeley = "ucb-cs294-ai-sys-sp22";
const std::string kSnu = "snu-aisys-2023";
const std::string kNotes = "ml-systems-paper-notes";

std::string ReadFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "cannot read " << path);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

std::vector<std::string> Lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);)
        out.push_back(line);
    return out;
}

bool StartsWith(const std::string& s, const std::string& prefix) {
    return s.compare(0, prefix.size(), prefix) == 0;
}

bool Contains(const std::string& s, const std::string& needle) { return s.find(needle) != std::string::npos; }

std::string Trim(const std::string& s) {
    std::size_t b = s.find_first_not_of(" \t");
    std::size_t e = s.find_last_not_of(" \t");
    return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

// Runs of spaces become one space.
std::string CollapseSpaces(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == ' ' && !out.empty() && out.back() == ' ') continue;
        out += c;
    }
    return out;
}

// ------------------------------------------------------------------ seed readers

// One list item of a seed that names a reading.
struct SeedItem {
    int line = 0;     // 1-based line in the seed file
    std::string role; // the role its sub-heading gives
    std::string link; // first Markdown link target, "" when none
    std::string text; // the item's text, continuation lines joined with a space
};

struct SeedSection {
    std::string title;    // heading text
    int agenda_items = 0; // list items that name no reading (SNU sessions without reading)
    std::vector<SeedItem> items;
};

std::string SeedPath(const std::string& file) { return kSeeds + "/" + file; }

// First "](target)" of a Markdown line.
std::string FirstLink(const std::string& line) {
    std::size_t at = line.find("](");
    if (at == std::string::npos) return "";
    std::size_t end = line.find(')', at + 2);
    return end == std::string::npos ? "" : line.substr(at + 2, end - at - 2);
}

// Seed 001: "## N. Topic" weeks, "### Require Reading" / "### Additional Optional Reading",
// items "- - [x] [Title [Venue’YY\]](link)" (one item lacks the checkbox).
std::vector<SeedSection> ReadBerkeleySeed() {
    std::vector<SeedSection> out;
    std::string role;
    bool started = false;
    std::vector<std::string> lines = Lines(ReadFile(SeedPath("001_60cf14e55de5f01d.txt")));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line == "# Paper List") {
            started = true;
            continue;
        }
        if (!started) continue;
        if (StartsWith(line, "## ")) {
            out.push_back({Trim(line.substr(3)), 0, {}});
            role.clear();
            continue;
        }
        if (StartsWith(line, "### ")) {
            role = Contains(line, "Optional") ? "optional" : Contains(line, "Require") ? "required" : "?";
            continue;
        }
        if (StartsWith(line, "- ") && !out.empty()) {
            out.back().items.push_back({static_cast<int>(i + 1), role, FirstLink(line), line});
        }
    }
    return out;
}

// Seed 002: "### M/D" sessions and "### Coming up", "#### Required reading" /
// "#### Extra reading", items "- [Label](link). Title. Authors. Venue Year." that may wrap.
std::vector<SeedSection> ReadSnuSeed() {
    std::vector<SeedSection> out;
    std::string role;
    bool started = false;
    std::vector<std::string> lines = Lines(ReadFile(SeedPath("002_a5d6b98dd241a196.txt")));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line == "## Reading list") {
            started = true;
            continue;
        }
        if (!started) continue;
        if (StartsWith(line, "### ")) {
            out.push_back({Trim(line.substr(4)), 0, {}});
            role.clear();
            continue;
        }
        if (StartsWith(line, "#### ")) {
            role = Contains(line, "Required") ? "required" : Contains(line, "Extra") ? "extra" : "?";
            continue;
        }
        if (!StartsWith(line, "- ") || out.empty()) continue;
        if (role.empty()) {
            out.back().agenda_items++;
            continue;
        }
        std::string text = line;
        for (std::size_t j = i + 1; j < lines.size() && !Trim(lines[j]).empty() &&
                                    !StartsWith(lines[j], "-") && !StartsWith(lines[j], "#");
             ++j) {
            text += " " + lines[j];
        }
        std::string link = StartsWith(line, "- [") && Contains(line.substr(0, line.find(']') + 2), "](")
                               ? FirstLink(line)
                               : "";
        out.back().items.push_back({static_cast<int>(i + 1), role, link, text});
    }
    return out;
}

// Seed 004: "N. **Topic**:" then "    - *Title* (VENUEYY)" items.
std::vector<SeedSection> ReadNotesSeed() {
    std::vector<SeedSection> out;
    std::vector<std::string> lines = Lines(ReadFile(SeedPath("004_d45c6d844837da83.txt")));
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        std::size_t dot = line.find(". **");
        if (dot != std::string::npos && dot > 0 &&
            std::all_of(line.begin(), line.begin() + static_cast<long>(dot),
                        [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
            std::size_t end = line.find("**", dot + 4);
            REQUIRE(end != std::string::npos);
            out.push_back({line.substr(dot + 4, end - dot - 4), 0, {}});
            continue;
        }
        if (StartsWith(line, "    - ") && !out.empty()) {
            out.back().items.push_back({static_cast<int>(i + 1), "listed", "", line});
        }
    }
    return out;
}

// Seed 004's italic title without the note-taker's leading "(Name) ", spaces collapsed.
std::string NotesTitle(const std::string& item) {
    std::size_t b = item.find('*');
    std::size_t e = item.rfind("* (");
    REQUIRE((b != std::string::npos && e != std::string::npos && e > b));
    std::string t = item.substr(b + 1, e - b - 1);
    if (StartsWith(t, "(")) t = Trim(t.substr(t.find(')') + 1));
    return CollapseSpaces(t);
}

// Seed 004's venue code "(OSDI20)" as venue and year; "(x)" means unknown.
std::pair<std::string, int> NotesVenue(const std::string& item) {
    std::size_t b = item.rfind('(');
    std::size_t e = item.rfind(')');
    std::string code = item.substr(b + 1, e - b - 1);
    if (code == "x") return {"", 0};
    std::string name = code.substr(0, code.size() - 2);
    int year = 2000 + std::stoi(code.substr(code.size() - 2));
    if (name == "arxiv") name = "arXiv";
    if (name == "NIPS") name = "NeurIPS";
    return {name, year};
}

// Seed 001's link text without the trailing "[Venue’YY\]" note and final period.
std::string BerkeleyTitle(const std::string& item) {
    std::size_t open = item.find('[', item.find("] ") + 1); // after the "[x] " checkbox, if any
    if (!StartsWith(item, "- - ")) open = item.find('[');
    std::size_t close = item.find("](");
    REQUIRE((open != std::string::npos && close != std::string::npos && close > open));
    std::string t = item.substr(open + 1, close - open - 1);
    if (t.size() >= 2 && t.compare(t.size() - 2, 2, "\\]") == 0) t = t.substr(0, t.rfind(" ["));
    t = Trim(t);
    while (!t.empty() && t.back() == '.')
        t.pop_back();
    return t;
}

// A doubled scheme ("https://https://host") collapsed to one.
std::string FixDoubledScheme(std::string link) {
    for (const char* s : {"https://https://", "http://http://", "https://http://", "http://https://"}) {
        if (StartsWith(link, s)) link = "https://" + link.substr(std::string(s).size());
    }
    return link;
}

// ------------------------------------------------------------------ the bundle

struct Bundle {
    CatalogueLoad load;
    nlohmann::json raw_papers; // papers.json as written, for "corrections"
};

const Bundle& TheBundle() {
    static const Bundle b = [] {
        Bundle x;
        x.load = shelfmark::LoadCatalogueDir(kData);
        x.raw_papers = nlohmann::json::parse(ReadFile(kData + "/papers.json"), nullptr, false);
        return x;
    }();
    return b;
}

const Catalogue& Cat() { return TheBundle().load.catalogue; }

const ReadingList& List(const std::string& id) {
    const ReadingList* l = Cat().FindList(id);
    REQUIRE_MESSAGE(l != nullptr, "no list " << id);
    return *l;
}

const Section& SectionNamed(const std::string& list, const std::string& title) {
    for (const Section& s : List(list).sections)
        if (s.title == title) return s;
    FAIL("no section '" << title << "' in " << list);
    static Section none;
    return none;
}

// Paper id of the index-th entry of a section (0-based).
std::string Ref(const std::string& list, const std::string& section, std::size_t index) {
    const Section& s = SectionNamed(list, section);
    REQUIRE_MESSAGE(index < s.entries.size(), list << " / " << section << " has no entry " << index);
    return Cat().Canonical(s.entries[index].paper);
}

std::vector<std::string> Corrections(const std::string& paper_id) {
    std::vector<std::string> out;
    const nlohmann::json& papers = TheBundle().raw_papers["papers"];
    for (const auto& p : papers) {
        if (p.value("id", "") != paper_id || !p.contains("corrections")) continue;
        for (const auto& c : p["corrections"])
            out.push_back(c.get<std::string>());
    }
    return out;
}

// Whether some correction of the paper names this seed line ("seed 002 line 23…",
// "seed 002 lines 22-23…").
bool Recorded(const std::string& paper_id, const std::string& seed, std::vector<int> lines) {
    for (const std::string& c : Corrections(paper_id)) {
        for (int l : lines) {
            for (const std::string& form : {"seed " + seed + " line " + std::to_string(l),
                                            "seed " + seed + " lines " + std::to_string(l) + "-"}) {
                std::size_t at = c.find(form);
                if (at == std::string::npos) continue;
                std::size_t after = at + form.size();
                if (after == c.size() || !std::isdigit(static_cast<unsigned char>(c[after]))) return true;
            }
        }
    }
    return false;
}

// Checks that the list's sections and entries mirror the seed: titles, order, counts, roles.
void CheckMirrors(const std::string& list_id, const std::vector<SeedSection>& seed) {
    const ReadingList& list = List(list_id);
    REQUIRE(list.sections.size() == seed.size());
    for (std::size_t i = 0; i < seed.size(); ++i) {
        const Section& s = list.sections[i];
        CAPTURE(list_id);
        CAPTURE(seed[i].title);
        CHECK(s.title == seed[i].title);
        REQUIRE(s.entries.size() == seed[i].items.size());
        for (std::size_t k = 0; k < s.entries.size(); ++k) {
            CAPTURE(seed[i].items[k].line);
            CHECK(s.entries[k].role == seed[i].items[k].role);
        }
    }
}

// The paper of entry k of section i, where the list mirrors `seed` (checked first).
const Paper& EntryPaper(const std::string& list_id, const std::vector<SeedSection>& seed, std::size_t i,
                        std::size_t k) {
    const ReadingList& list = List(list_id);
    REQUIRE(list.sections.size() == seed.size());
    REQUIRE(list.sections[i].entries.size() == seed[i].items.size());
    const Paper* p = Cat().FindPaper(list.sections[i].entries[k].paper);
    REQUIRE_MESSAGE(p != nullptr, list.sections[i].entries[k].paper);
    return *p;
}

std::size_t EntryCount(const ReadingList& l) {
    std::size_t n = 0;
    for (const Section& s : l.sections)
        n += s.entries.size();
    return n;
}

} // namespace

// ------------------------------------------------------------------ loading, metadata

TEST_CASE("seed catalogue: the bundle in data/ loads without errors") {
    const CatalogueLoad& load = TheBundle().load;
    std::string errors;
    for (const auto& e : load.errors)
        errors += e.ToString() + "\n";
    INFO(errors);
    REQUIRE(load.ok());
    REQUIRE(Cat().lists.size() == 3);
    CHECK(Cat().lists[0].id == kBerkeley);
    CHECK(Cat().lists[1].id == kSnu);
    CHECK(Cat().lists[2].id == kNotes);
    REQUIRE_FALSE(TheBundle().raw_papers.is_discarded());
}

TEST_CASE("seed catalogue: list metadata") {
    const ReadingList& ucb = List(kBerkeley);
    CHECK(ucb.kind == "course");
    CHECK(ucb.term == "Spring 2022");
    CHECK(ucb.source == "https://ucbrise.github.io/cs294-ai-sys-sp22/");
    const ReadingList& snu = List(kSnu);
    CHECK(snu.kind == "course");
    CHECK(snu.term == "Spring 2023");
    CHECK(snu.source == "https://github.com/swsnu/aisys2023/blob/main/papers.md");
    const ReadingList& notes = List(kNotes);
    CHECK(notes.kind == "topic-list");
    CHECK(notes.term.empty());
    CHECK(notes.title == "Individual Paper Notes");
    CHECK(notes.source == "https://github.com/DicardoX/Individual_Paper_Notes");
    for (const ReadingList& l : Cat().lists)
        CHECK_FALSE(Trim(l.title).empty());
}

// ------------------------------------------------------------------ sections and counts

TEST_CASE("seed catalogue: Berkeley weeks, counts and roles equal seed 001") {
    std::vector<SeedSection> seed = ReadBerkeleySeed();
    REQUIRE(seed.size() == 11); // "11 weekly topics"
    CheckMirrors(kBerkeley, seed);
    CHECK(EntryCount(List(kBerkeley)) == 60);
    // The reader's [x] marks are progress, not catalogue data: nothing in the list says "x".
    for (const Section& s : List(kBerkeley).sections)
        for (const auto& e : s.entries)
            CHECK((e.role == "required" || e.role == "optional"));
}

TEST_CASE("seed catalogue: SNU sessions, dates, counts and roles equal seed 002") {
    std::vector<SeedSection> seed = ReadSnuSeed();
    REQUIRE(seed.size() == 19);
    CheckMirrors(kSnu, seed);
    CHECK(EntryCount(List(kSnu)) == 41);
    for (std::size_t i = 0; i < seed.size(); ++i) {
        const Section& s = List(kSnu).sections[i];
        CAPTURE(s.title);
        std::size_t slash = seed[i].title.find('/');
        if (slash == std::string::npos) {
            CHECK(s.title == "Coming up");
            CHECK(s.date.empty());
            continue;
        }
        int month = std::stoi(seed[i].title.substr(0, slash));
        int day = std::stoi(seed[i].title.substr(slash + 1));
        char iso[16];
        std::snprintf(iso, sizeof iso, "2023-%02d-%02d", month, day);
        CHECK(s.date == iso);
        // Sessions with only an agenda line (e.g. "Project proposal") have no entries.
        if (seed[i].agenda_items > 0) CHECK(s.entries.empty());
    }
    CHECK(SectionNamed(kSnu, "Coming up").entries.size() == 9);
}

TEST_CASE("seed catalogue: topic-list sections and counts equal seed 004") {
    std::vector<SeedSection> seed = ReadNotesSeed();
    REQUIRE(seed.size() == 15); // "15 topics"
    CheckMirrors(kNotes, seed);
    CHECK(EntryCount(List(kNotes)) == 57);
    CHECK(SectionNamed(kNotes, "Cluster Scheduling").entries.size() == 14);
    CHECK(SectionNamed(kNotes, "Performance Modeling").entries.size() == 9);
}

// ------------------------------------------------------------------ entries -> papers

TEST_CASE("seed catalogue: every linked seed entry points at a paper carrying that link") {
    int checked = 0;
    for (const auto& [list_id, seed] : std::vector<std::pair<std::string, std::vector<SeedSection>>>{
             {kBerkeley, ReadBerkeleySeed()}, {kSnu, ReadSnuSeed()}}) {
        const ReadingList& list = List(list_id);
        REQUIRE(list.sections.size() == seed.size());
        for (std::size_t i = 0; i < seed.size(); ++i) {
            REQUIRE(list.sections[i].entries.size() == seed[i].items.size());
            for (std::size_t k = 0; k < seed[i].items.size(); ++k) {
                const SeedItem& item = seed[i].items[k];
                const Paper* p = Cat().FindPaper(list.sections[i].entries[k].paper);
                REQUIRE(p != nullptr);
                if (item.link.empty()) continue;
                CAPTURE(list_id);
                CAPTURE(item.line);
                std::string link = FixDoubledScheme(item.link);
                CHECK(std::find(p->links.begin(), p->links.end(), link) != p->links.end());
                if (link != item.link) CHECK(Recorded(p->id, "002", {item.line}));
                ++checked;
            }
        }
    }
    CHECK(checked ==
          60 + 37); // every Berkeley item; SNU items but [GPipe] [Pipedream] [BytePS] [ByteScheduler]
}

TEST_CASE("seed catalogue: titles equal the seed text unless a correction says why") {
    // Seed 001: the link text.
    std::vector<SeedSection> ucb = ReadBerkeleySeed();
    for (std::size_t i = 0; i < ucb.size(); ++i) {
        for (std::size_t k = 0; k < ucb[i].items.size(); ++k) {
            const Paper* p = &EntryPaper(kBerkeley, ucb, i, k);
            CAPTURE(ucb[i].items[k].line);
            CAPTURE(p->title);
            CHECK((p->title == BerkeleyTitle(ucb[i].items[k].text) ||
                   Recorded(p->id, "001", {ucb[i].items[k].line})));
        }
    }
    // Seed 002: the title is somewhere in the item's text (which may wrap onto the next line).
    std::vector<SeedSection> snu = ReadSnuSeed();
    for (std::size_t i = 0; i < snu.size(); ++i) {
        for (std::size_t k = 0; k < snu[i].items.size(); ++k) {
            const SeedItem& item = snu[i].items[k];
            const Paper* p = &EntryPaper(kSnu, snu, i, k);
            CAPTURE(item.line);
            CAPTURE(p->title);
            CHECK((Contains(CollapseSpaces(item.text), p->title) || Recorded(p->id, "002", {item.line})));
            // Authors too: each is in the text, or a correction names the line.
            for (const std::string& a : p->authors) {
                if (Contains(item.text, a)) continue;
                bool in_other_seed = Contains(ReadFile(SeedPath("001_60cf14e55de5f01d.txt")), a);
                CHECK_MESSAGE((in_other_seed || Recorded(p->id, "002", {item.line, item.line + 1})), a);
            }
        }
    }
    // Seed 004: the italic title without the "(Name) " prefix, and the venue code.
    std::vector<SeedSection> notes = ReadNotesSeed();
    for (std::size_t i = 0; i < notes.size(); ++i) {
        for (std::size_t k = 0; k < notes[i].items.size(); ++k) {
            const SeedItem& item = notes[i].items[k];
            const Paper* p = &EntryPaper(kNotes, notes, i, k);
            CAPTURE(item.line);
            CHECK(p->title == NotesTitle(item.text));
            std::pair<std::string, int> venue = NotesVenue(item.text);
            CHECK(((venue.first == p->venue && venue.second == p->year) ||
                   Recorded(p->id, "004", {item.line})));
        }
    }
}

TEST_CASE("seed catalogue: venues and years parsed from the seeds") {
    auto venue = [](const std::string& id) {
        const Paper* p = Cat().FindPaper(id);
        REQUIRE_MESSAGE(p != nullptr, id);
        return p->venue + " " + std::to_string(p->year);
    };
    CHECK(venue("antman") == "OSDI 2020");         // seed 004 "(OSDI20)"
    CHECK(venue("megatron-lm-2021") == "SC 2021"); // seed 001 "[SC’21, …]", seed 002 "SC 2021"
    CHECK(venue("chimera") == "SC 2021");          // seed 001 "[SC’21, Best Paper finalist]"
    CHECK(venue("pytorch") == "NeurIPS 2019");     // seed 002 "NeurIPS 2019"
    CHECK(venue("gpipe") == "NeurIPS 2019");       // seed 001 "NeurIPS’19", seed 004 "NIPS19"
    CHECK(venue("tensorflow") == "OSDI 2016");
    CHECK(venue("horovod") == "arXiv 2018");
    CHECK(venue("lyra") == "EuroSys 2023");
    CHECK(venue("mpe") == " 0"); // seed 004 "(x)": unknown
    CHECK(venue("bytescheduler") == " 0");
}

TEST_CASE("seed catalogue: recorded corrections of seed errors") {
    const Paper* tf = Cat().FindPaper("tensorflow");
    REQUIRE(tf != nullptr);
    REQUIRE_FALSE(tf->authors.empty());
    CHECK(tf->authors.front() == "Martín Abadi");
    CHECK(Recorded("tensorflow", "002", {23}));
    const Paper* parallax = Cat().FindPaper("parallax");
    REQUIRE(parallax != nullptr);
    REQUIRE(parallax->links.size() == 1);
    CHECK(parallax->links[0] == "https://spl.snu.ac.kr/wp-content/uploads/2012/07/parallax.pdf");
    CHECK(Recorded("parallax", "002", {111}));
    const Paper* clipper = Cat().FindPaper("clipper");
    REQUIRE(clipper != nullptr);
    CHECK(std::find(clipper->authors.begin(), clipper->authors.end(), "Giulio Zhou") !=
          clipper->authors.end());
    // No mojibake left anywhere.
    for (const Paper& p : Cat().papers) {
        CAPTURE(p.id);
        CHECK_FALSE(Contains(p.title, "√"));
        for (const std::string& a : p.authors) {
            CHECK_FALSE(Contains(a, "√"));
            CHECK_FALSE(Contains(a, "*"));
            CHECK(a == Trim(a));
        }
    }
}

// ------------------------------------------------------------------ one work, one id

TEST_CASE("seed catalogue: the same work in several lists is one paper") {
    const std::vector<std::pair<std::string, std::vector<std::string>>> same = {
        {"tvm",
         {Ref(kBerkeley, "7. Machine Learning Frameworks and Automatic Differentiation", 2),
          Ref(kSnu, "4/4", 0)}},
        {"tensorflow",
         {Ref(kBerkeley, "7. Machine Learning Frameworks and Automatic Differentiation", 1),
          Ref(kSnu, "3/14", 0)}},
        {"mlsys-frontier", {Ref(kBerkeley, "1. Introduction and Course Overview", 0), Ref(kSnu, "3/7", 0)}},
        {"mlperf-training",
         {Ref(kBerkeley, "10. Benchmarking Machine Learning Workloads", 0), Ref(kSnu, "3/9", 0)}},
        {"mlperf-inference",
         {Ref(kBerkeley, "10. Benchmarking Machine Learning Workloads", 1), Ref(kSnu, "3/9", 1)}},
        {"megatron-lm-2021",
         {Ref(kBerkeley, "4. Distributed deep learning, Part I: Systems", 1), Ref(kSnu, "Coming up", 0)}},
        {"zero-infinity",
         {Ref(kBerkeley, "4. Distributed deep learning, Part I: Systems", 2), Ref(kSnu, "Coming up", 1)}},
        {"gpipe",
         {Ref(kBerkeley, "4. Distributed deep learning, Part I: Systems", 5), Ref(kSnu, "Coming up", 2),
          Ref(kNotes, "Pipeline", 1)}},
        {"pipedream",
         {Ref(kBerkeley, "4. Distributed deep learning, Part I: Systems", 6), Ref(kSnu, "Coming up", 3),
          Ref(kNotes, "Pipeline", 2)}},
        {"distbelief",
         {Ref(kBerkeley, "4. Distributed deep learning, Part I: Systems", 4),
          Ref(kNotes, "Training Hyperparameters", 0)}},
        {"pollux",
         {Ref(kBerkeley, "9. Fundamentals of Machine Learning in the Cloud, the Modern Data Stack", 2),
          Ref(kNotes, "Cluster Scheduling", 10)}},
        {"taso", {Ref(kSnu, "4/11", 0), Ref(kNotes, "Graph Optimization", 2)}},
        {"horovod", {Ref(kSnu, "5/11", 1), Ref(kNotes, "Data Parallelism", 1)}},
        {"parameter-server", {Ref(kSnu, "5/11", 2), Ref(kNotes, "Data Parallelism", 2)}},
        {"unity", {Ref(kSnu, "Coming up", 4), Ref(kNotes, "Graph Optimization", 4)}},
        {"alpa", {Ref(kSnu, "Coming up", 5), Ref(kNotes, "Hybrid Parallelism", 0)}},
        {"gspmd", {Ref(kSnu, "Coming up", 6), Ref(kNotes, "Tensor Parallelism", 0)}},
        {"byteps", {Ref(kSnu, "Coming up", 7), Ref(kNotes, "Data Parallelism", 0)}},
    };
    std::set<std::string> expected_shared;
    for (const auto& [id, refs] : same) {
        CAPTURE(id);
        for (const std::string& r : refs)
            CHECK(r == id);
        CHECK(Cat().ListsContaining(id).size() == refs.size());
        expected_shared.insert(id);
    }
    // No other paper is in more than one list, and the bundle has 138 distinct papers.
    std::set<std::string> shared;
    for (const Paper& p : Cat().papers)
        if (Cat().ListsContaining(p.id).size() > 1) shared.insert(p.id);
    CHECK(shared == expected_shared);
    CHECK(Cat().papers.size() == 138);
    // Entries without a link in seed 002 still resolve, and take the link from another list.
    for (std::size_t i : {2u, 3u}) {
        const Paper* p = Cat().FindPaper(Ref(kSnu, "Coming up", i));
        REQUIRE(p != nullptr);
        CHECK_FALSE(p->links.empty());
    }
    CHECK(Ref(kSnu, "Coming up", 8) == "bytescheduler");
}

TEST_CASE("seed catalogue: different works with similar names stay apart") {
    const std::string part1 = "4. Distributed deep learning, Part I: Systems";
    CHECK(Ref(kBerkeley, part1, 1) == "megatron-lm-2021");
    CHECK(Ref(kNotes, "Hybrid Parallelism", 1) == "megatron-lm-2019");
    CHECK(Ref(kBerkeley, part1, 2) != Ref(kNotes, "Memory/Cache Storage", 0)); // ZeRO-Infinity vs ZeRO
    CHECK(Ref(kNotes, "Memory/Cache Storage", 0) == "zero");
    CHECK(Ref(kBerkeley, "10. Benchmarking Machine Learning Workloads", 0) !=
          Ref(kBerkeley, "10. Benchmarking Machine Learning Workloads", 1)); // MLPerf Training vs Inference
    CHECK(Ref(kSnu, "3/9", 0) != Ref(kSnu, "3/9", 1));
    CHECK(Ref(kBerkeley, "3. Hardware for Machine Learning", 3) !=
          Ref(kNotes, "Memory/Cache Storage", 1));                                  // Gemmini vs Gemini
    CHECK(Ref(kNotes, "Cluster Scheduling", 9) != Ref(kNotes, "Communication", 0)); // Optimus vs Optimus-CC
    CHECK(Ref(kSnu, "3/14", 0) != Ref(kSnu, "3/21", 2)); // TensorFlow vs TensorFlow Eager
    CHECK(Ref(kSnu, "3/14", 0) != Ref(kSnu, "3/14", 1)); // TensorFlow vs its dynamic control flow
    CHECK(Cat().ListsContaining("megatron-lm-2019") == std::vector<std::string>{kNotes});
    CHECK(Cat().ListsContaining("zero") == std::vector<std::string>{kNotes});
}

// ------------------------------------------------------------------ hygiene

TEST_CASE("seed catalogue: links, titles, ids, kinds and references are sound") {
    std::set<std::string> referenced;
    for (const ReadingList& l : Cat().lists)
        for (const Section& s : l.sections)
            for (const auto& e : s.entries) {
                const Paper* p = Cat().FindPaper(e.paper);
                REQUIRE_MESSAGE(p != nullptr, e.paper);
                referenced.insert(p->id);
            }
    const std::set<std::string> kinds = {"paper", "book-chapter", "article", "talk", "other"};
    std::set<std::string> ids;
    for (const Paper& p : Cat().papers) {
        CAPTURE(p.id);
        CHECK(referenced.count(p.id) == 1);
        CHECK_FALSE(Trim(p.title).empty());
        CHECK(p.title == Trim(p.title));
        CHECK_FALSE(Contains(p.title, "  "));
        CHECK(kinds.count(p.kind) == 1);
        CHECK(ids.insert(p.id).second);
        CHECK_FALSE(p.id.empty());
        CHECK(std::all_of(p.id.begin(), p.id.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
        }));
        CHECK((p.year == 0 || (p.year >= 1950 && p.year <= 2100)));
        for (const std::string& link : p.links) {
            CAPTURE(link);
            CHECK((StartsWith(link, "http://") || StartsWith(link, "https://")));
            CHECK(link.find("://") == link.rfind("://")); // no doubled scheme
            CHECK(link.find(' ') == std::string::npos);
        }
        for (const std::string& alias : p.aliases)
            CHECK(Cat().Canonical(alias) == p.id);
    }
    CHECK(referenced.size() == Cat().papers.size());
    // Non-paper readings keep their kind.
    CHECK(Cat().FindPaper("principles-csd-ch1")->kind == "book-chapter");
    CHECK(Cat().FindPaper("how-to-read-a-paper")->kind == "article");
    CHECK(Cat().FindPaper("deepspeed-moe-blog")->kind == "article");
}

TEST_CASE("seed catalogue: files are UTF-8 JSON, 2-space indented, in a stable order") {
    std::vector<std::string> files = {"catalog.json", "papers.json"};
    for (const ReadingList& l : Cat().lists)
        files.push_back("lists/" + l.id + ".json");
    for (const std::string& f : files) {
        CAPTURE(f);
        std::string text = ReadFile(kData + "/" + f);
        nlohmann::ordered_json j = nlohmann::ordered_json::parse(text, nullptr, false);
        REQUIRE_FALSE(j.is_discarded());
        CHECK(j.dump(2) + "\n" == text); // the canonical form: re-dumping changes nothing
    }
    // Papers sorted by id, so additions do not reorder the file.
    const nlohmann::json& papers = TheBundle().raw_papers["papers"];
    std::vector<std::string> ids;
    for (const auto& p : papers)
        ids.push_back(p.value("id", ""));
    CHECK(std::is_sorted(ids.begin(), ids.end()));
}
