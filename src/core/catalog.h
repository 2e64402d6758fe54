// catalog.h: the bundled reading lists and the papers they reference.
//
// Index
//   - Paper, Entry, Section, ReadingList, Catalogue: the in-memory model.
//   - LoadCatalogueDir(): read and validate a data/ folder (see data/README.md).
//   - CatalogueToNormalizedJson(): the stable shape printed by `shelfmark catalog --json`.
//
// The catalogue is immutable after loading; progress is keyed by Paper::id, and ids
// that were renamed or merged stay resolvable through Paper::aliases.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace shelfmark {

// One work: a paper, a book chapter, an article or a talk.
struct Paper {
    std::string id; // stable, lowercase [a-z0-9-]; progress is keyed by it
    std::string title;
    std::vector<std::string> authors; // as the seeds give them, in order
    std::string venue;                // "OSDI", "NeurIPS", "arXiv", ... or empty
    int year = 0;                     // 0 when unknown
    std::vector<std::string> links;   // http(s) only
    std::string kind = "paper";       // paper | book-chapter | article | talk | other
    std::vector<std::string> aliases; // older ids that resolve to this paper
};

// One reading in a section: which paper and in what role.
struct Entry {
    std::string paper;             // Paper::id
    std::string role = "required"; // required | optional | extra | background | ...
};

// A week, a session date or a topic.
struct Section {
    std::string title;
    std::string date; // ISO date when the seed gives one, else empty
    std::vector<Entry> entries;
};

struct ReadingList {
    std::string id;
    std::string title;
    std::string kind = "course"; // course | topic-list | user
    std::string term;            // e.g. "Spring 2022"; empty for topic lists
    std::string source;          // URL of the original list, may be empty
    std::vector<Section> sections;
};

// A validation problem, located as precisely as the input allows.
struct CatalogueError {
    std::string file;  // path as given to the loader
    std::string where; // JSON pointer or "line N" inside the file
    std::string message;
    std::string ToString() const; // "file: where: message"
};

class Catalogue {
  public:
    std::vector<ReadingList> lists;
    std::vector<Paper> papers;

    // Finds a paper by id or alias; nullptr when unknown.
    const Paper* FindPaper(const std::string& id_or_alias) const;
    // Resolves an alias to the current id; returns the input when it is not an alias.
    std::string Canonical(const std::string& id_or_alias) const;
    // Ids of the lists that contain the paper, in catalogue order.
    std::vector<std::string> ListsContaining(const std::string& paper_id) const;
    const ReadingList* FindList(const std::string& list_id) const;

    // Rebuilds the lookup tables; call after changing lists/papers by hand.
    void Reindex();

  private:
    std::map<std::string, size_t> by_id_;
    std::map<std::string, std::string> alias_to_id_;
};

struct CatalogueLoad {
    Catalogue catalogue;
    std::vector<CatalogueError> errors; // empty means valid
    bool ok() const { return errors.empty(); }
};

// Reads dir/catalog.json (the manifest naming the papers file and list files) and
// everything it names, validates it, and returns the catalogue with every error found.
// Never throws; input size and nesting are limited (see json_limits.h).
CatalogueLoad LoadCatalogueDir(const std::string& dir);

// Same from in-memory file contents, keyed by path relative to the data folder
// ("catalog.json", "papers.json", "lists/x.json"). Used by tests.
CatalogueLoad LoadCatalogueFiles(const std::map<std::string, std::string>& files);

// The normalized shape documented in README.md; keys in a fixed order.
std::string CatalogueToNormalizedJson(const Catalogue& c, bool pretty = false);

} // namespace shelfmark
