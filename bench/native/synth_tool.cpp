// shelfmark_synth: writes a synthetic catalogue (a data folder) and its progress, for
// the benchmarks and for trying the app on a big catalogue.
//
//   shelfmark_synth [--papers N] [--lists N] [--seed N] [--note-every N] [--pretty]
//                   [--out DIR] [--summary] [--all-ids]
//                   [--touched PERCENT] [--user-lists N] [--progress-file PATH]
//
// --out DIR writes DIR/catalog.json, DIR/papers.json, DIR/lists/*.json and
// DIR/progress.jsonl (one stored record per line). --summary prints a JSON object with
// the counts, the file sizes and a few ids; --all-ids adds every paper id (the browser
// benchmarks use them to check that the page really shows the synthetic catalogue).
// --progress-file PATH writes the progress file (docs/progress-file.md) of that progress
// and of --user-lists N lists of the user's own (GenerateSyntheticUserData), exported at a
// fixed time, so the same flags give the same bytes. The budget's file of 50,000 papers
// and 500 lists: --papers 50000 --touched 100 --user-lists 500 --progress-file F.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include <nlohmann/json.hpp>

#include "core/progress_file.h"
#include "core/synthetic.h"
#include "data_files.h"
#include "fingerprint.h"

using namespace shelfmark;

int main(int argc, char** argv) {
    SyntheticSpec spec;
    std::string out, progress_file;
    bool summary = false, all_ids = false;
    int indent = -1;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        auto value = [&]() -> long {
            if (i + 1 >= argc) {
                std::fprintf(stderr, "%s needs a value\n", a.c_str());
                std::exit(2);
            }
            return std::strtol(argv[++i], nullptr, 10);
        };
        if (a == "--papers")
            spec.papers = static_cast<int>(value());
        else if (a == "--lists")
            spec.lists = static_cast<int>(value());
        else if (a == "--seed")
            spec.seed = static_cast<uint32_t>(value());
        else if (a == "--note-every")
            spec.note_every = static_cast<int>(value());
        else if (a == "--touched")
            spec.touched_percent = static_cast<int>(value());
        else if (a == "--user-lists")
            spec.user_lists = static_cast<int>(value());
        else if (a == "--progress-file" && i + 1 < argc)
            progress_file = argv[++i];
        else if (a == "--pretty")
            indent = 2;
        else if (a == "--out" && i + 1 < argc)
            out = argv[++i];
        else if (a == "--summary")
            summary = true;
        else if (a == "--all-ids")
            all_ids = true;
        else {
            std::fprintf(
                stderr, "usage: shelfmark_synth [--papers N] [--lists N] [--seed N] [--note-every N] "
                        "[--pretty] [--out DIR] [--summary] [--all-ids] [--touched PERCENT] [--user-lists N] "
                        "[--progress-file PATH]\n");
            return 2;
        }
    }
    const Catalogue c = GenerateSyntheticCatalogue(spec);
    const Progress progress = GenerateSyntheticProgress(spec);
    const auto files = bench::CatalogueToDataFiles(c, indent);
    std::string jsonl;
    size_t notes = 0, note_bytes = 0;
    for (const auto& [id, rec] : progress.Records()) {
        jsonl += ProgressRecordToJson(rec) + "\n";
        notes += rec.note.empty() ? 0 : 1;
        note_bytes += rec.note.size();
    }
    if (!out.empty()) {
        if (!bench::WriteDataFiles(files, out)) {
            std::fprintf(stderr, "cannot write %s\n", out.c_str());
            return 1;
        }
        std::ofstream(out + "/progress.jsonl", std::ios::binary) << jsonl;
    }
    std::string file_text;
    if (!progress_file.empty()) {
        const UserData user = GenerateSyntheticUserData(spec);
        file_text = ExportProgressFile(progress, user, 1767225600000 /* 2026-01-01T00:00:00Z */, "synthetic");
        if (!(std::ofstream(progress_file, std::ios::binary) << file_text)) {
            std::fprintf(stderr, "cannot write %s\n", progress_file.c_str());
            return 1;
        }
    }
    if (summary) {
        nlohmann::ordered_json j;
        j["fingerprint"] = bench::Fingerprint(c, progress);
        j["papers"] = c.papers.size();
        j["lists"] = c.lists.size();
        size_t entries = 0;
        for (const auto& l : c.lists)
            for (const auto& s : l.sections)
                entries += s.entries.size();
        j["entries"] = entries;
        j["progressRecords"] = progress.Records().size();
        j["notes"] = notes;
        j["noteBytes"] = note_bytes;
        size_t list_bytes = 0;
        for (const auto& [rel, text] : files)
            if (rel.rfind("lists/", 0) == 0) list_bytes += text.size();
        j["papersJsonBytes"] = files.at("papers.json").size();
        j["listsJsonBytes"] = list_bytes;
        j["progressJsonlBytes"] = jsonl.size();
        if (!progress_file.empty()) {
            j["userLists"] = spec.user_lists;
            j["progressFileBytes"] = file_text.size();
        }
        nlohmann::ordered_json lists = nlohmann::ordered_json::array();
        for (const auto& l : c.lists)
            lists.push_back(l.id);
        j["listIds"] = lists;
        nlohmann::ordered_json first = nlohmann::ordered_json::array();
        if (!c.lists.empty())
            for (const auto& s : c.lists.front().sections)
                for (const auto& e : s.entries)
                    if (first.size() < 50) first.push_back(e.paper);
        j["firstListPapers"] = first;
        if (all_ids) {
            nlohmann::ordered_json ids = nlohmann::ordered_json::array();
            for (const auto& p : c.papers)
                ids.push_back(p.id);
            j["paperIds"] = std::move(ids);
        }
        std::printf("%s\n", j.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace).c_str());
    }
    return 0;
}
