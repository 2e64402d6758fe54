// progress_test_support.h: small helpers shared by the progress, Markdown and export tests.
#pragma once

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "core/catalog.h"

namespace shelfmark::testing {

inline bool Contains(const std::string& haystack, const std::string& needle) {
    return haystack.find(needle) != std::string::npos;
}

inline std::string ReadAll(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

inline void WriteAll(const std::filesystem::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary);
    out << text;
}

// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
  public:
    TempDir() {
        std::string tmpl = (std::filesystem::temp_directory_path() / "shelfmark-test-XXXXXX").string();
        if (char* made = mkdtemp(tmpl.data())) path_ = made;
    }
    ~TempDir() {
        std::error_code ec;
        if (!path_.empty()) std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }
    std::string operator/(const std::string& name) const { return (path_ / name).string(); }
    // Names of the files in the folder, sorted.
    std::vector<std::string> Files() const {
        std::vector<std::string> out;
        for (const auto& e : std::filesystem::directory_iterator(path_))
            out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }

  private:
    std::filesystem::path path_;
};

// A three-paper catalogue: tvm (alias tvm-osdi18), gpipe, how-to-read; one list.
inline Catalogue TinyCatalogue() {
    std::map<std::string, std::string> files = {
        {"catalog.json", R"({"format": "shelfmark-catalog", "version": 1, "papers": "papers.json",
                             "lists": ["lists/course.json"]})"},
        {"papers.json", R"({"format": "shelfmark-papers", "version": 1, "papers": [
  {"id": "tvm", "title": "TVM: An Automated End-to-End Optimizing Compiler for Deep Learning",
   "authors": ["Tianqi Chen", "Thierry Moreau"], "venue": "OSDI", "year": 2018,
   "links": ["https://arxiv.org/abs/1802.04799"], "kind": "paper", "aliases": ["tvm-osdi18"]},
  {"id": "gpipe", "title": "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism",
   "authors": ["Yanping Huang"], "venue": "NeurIPS", "year": 2019,
   "links": ["https://proceedings.neurips.cc/paper/2019/file/093f65e080a295f8076b1c5722a46aa2-Paper.pdf"]},
  {"id": "how-to-read", "title": "How to Read a Paper", "kind": "article",
   "links": ["https://web.stanford.edu/class/ee384m/Handouts/HowtoReadPaper.pdf"]}]})"},
        {"lists/course.json", R"({"format": "shelfmark-list", "version": 1, "id": "course",
  "title": "A Course: Systems & ML", "kind": "course", "term": "Spring 2022",
  "source": "https://example.org/course/", "sections": [
   {"title": "Week 1: Intro", "entries": [{"paper": "how-to-read", "role": "required"},
                                          {"paper": "tvm", "role": "optional"}]},
   {"title": "Week 2", "entries": [{"paper": "gpipe"}]}]})"},
    };
    CatalogueLoad load = LoadCatalogueFiles(files);
    return load.catalogue;
}

} // namespace shelfmark::testing
