// workloads.h: the inputs every native benchmark shares, generated once per size and
// cached for the whole run (generation is not what is measured).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/catalog.h"
#include "core/progress.h"
#include "core/synthetic.h"
#include "data_files.h"

namespace shelfmark::bench {

inline SyntheticSpec Spec(int papers) {
    SyntheticSpec s;
    s.papers = papers;
    s.lists = 50;
    s.seed = 1;
    s.note_every = 4;
    return s;
}

inline const Catalogue& CatalogueOf(int papers) {
    static std::map<int, Catalogue> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) it = cache.emplace(papers, GenerateSyntheticCatalogue(Spec(papers))).first;
    return it->second;
}

// The catalogue as data-folder files (compact JSON).
inline const std::map<std::string, std::string>& DataFilesOf(int papers) {
    static std::map<int, std::map<std::string, std::string>> cache;
    auto it = cache.find(papers);
    if (it == cache.end()) it = cache.emplace(papers, CatalogueToDataFiles(CatalogueOf(papers))).first;
    return it->second;
}

inline size_t TotalBytes(const std::map<std::string, std::string>& files) {
    size_t n = 0;
    for (const auto& [rel, text] : files)
        n += text.size();
    return n;
}

// Exactly `count` progress records in id order, one in four with a note (0.5-4 KB): the
// progress of someone who has touched `count` papers and written about a quarter of them.
// (The generator gives a note to one paper in four of the catalogue, and notes only go
// to touched papers, so among records about half have one; every other note is dropped.)
inline const std::vector<PaperProgress>& RecordsOf(int count) {
    static std::map<int, std::vector<PaperProgress>> cache;
    auto it = cache.find(count);
    if (it == cache.end()) {
        // About half of the papers get a record: generate twice as many papers.
        int papers = count * 2 + 100;
        std::vector<PaperProgress> out;
        for (;;) {
            const Progress p = GenerateSyntheticProgress(Spec(papers));
            if (static_cast<int>(p.Records().size()) >= count) {
                size_t notes = 0;
                for (const auto& [id, rec] : p.Records()) {
                    if (static_cast<int>(out.size()) == count) break;
                    out.push_back(rec);
                    if (rec.note.empty()) continue;
                    if (notes * 4 < out.size()) {
                        ++notes;
                    } else {
                        out.back().note.clear();
                        out.back().note_at = 0;
                    }
                }
                break;
            }
            papers *= 2;
        }
        it = cache.emplace(count, std::move(out)).first;
    }
    return it->second;
}

} // namespace shelfmark::bench
