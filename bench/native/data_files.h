// data_files.h: a Catalogue written back as the files of a data folder (catalog.json,
// papers.json, lists/<id>.json; format in data/README.md), so that benchmarks and tests
// can feed a generated catalogue to LoadCatalogueFiles() / LoadCatalogueDir().
//
// Header-only on purpose: shared by bench/native and tests/unit/test_synthetic.cpp
// without adding a writer to the core library that only they need.
#pragma once

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/catalog.h"

namespace shelfmark::bench {

// Relative path -> file content. `indent` < 0 writes compact JSON, otherwise the
// canonical layout of data/ (indent 2).
inline std::map<std::string, std::string> CatalogueToDataFiles(const Catalogue& c, int indent = -1) {
    using ojson = nlohmann::ordered_json;
    auto dump = [indent](const ojson& j) {
        return j.dump(indent, ' ', false, ojson::error_handler_t::replace) + "\n";
    };
    std::map<std::string, std::string> files;
    ojson manifest = {{"format", "shelfmark-catalog"}, {"version", 1}, {"papers", "papers.json"}};
    ojson list_paths = ojson::array();
    for (const ReadingList& l : c.lists) {
        const std::string rel = "lists/" + l.id + ".json";
        list_paths.push_back(rel);
        ojson jl = {{"format", "shelfmark-list"}, {"version", 1},   {"id", l.id},
                    {"title", l.title},           {"kind", l.kind}, {"term", l.term},
                    {"source", l.source}};
        jl["corrections"] = ojson::array();
        ojson sections = ojson::array();
        for (const Section& s : l.sections) {
            ojson entries = ojson::array();
            for (const Entry& e : s.entries)
                entries.push_back({{"paper", e.paper}, {"role", e.role}});
            sections.push_back({{"title", s.title}, {"date", s.date}, {"entries", std::move(entries)}});
        }
        jl["sections"] = std::move(sections);
        files[rel] = dump(jl);
    }
    manifest["lists"] = std::move(list_paths);
    files["catalog.json"] = dump(manifest);

    ojson papers = ojson::array();
    for (const Paper& p : c.papers) {
        ojson jp = {{"id", p.id}, {"title", p.title}};
        jp["authors"] = p.authors;
        jp["venue"] = p.venue;
        jp["year"] = p.year;
        jp["links"] = p.links;
        jp["kind"] = p.kind;
        jp["aliases"] = p.aliases;
        jp["corrections"] = ojson::array();
        papers.push_back(std::move(jp));
    }
    ojson jpapers = {{"format", "shelfmark-papers"}, {"version", 1}};
    jpapers["papers"] = std::move(papers);
    files["papers.json"] = dump(jpapers);
    return files;
}

// Writes the files under `dir` (created as needed). Returns false on any I/O error.
inline bool WriteDataFiles(const std::map<std::string, std::string>& files, const std::string& dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    for (const auto& [rel, text] : files) {
        const fs::path path = fs::path(dir) / rel;
        fs::create_directories(path.parent_path(), ec);
        if (ec) return false;
        std::ofstream out(path, std::ios::binary | std::ios::trunc);
        out << text;
        if (!out) return false;
    }
    return true;
}

} // namespace shelfmark::bench
