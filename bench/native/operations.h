// operations.h: the measured operations shared by the native benchmarks (Google
// Benchmark) and the core benchmarks compiled to wasm (bench/wasm), so that both time
// exactly the same code on the same inputs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "workloads.h"

namespace shelfmark::bench {

// Progress records as JSON lines, one stored record per line.
inline std::string ExportJsonLines(const std::vector<PaperProgress>& records) {
    std::string out;
    for (const PaperProgress& p : records) {
        out += ProgressRecordToJson(p);
        out += '\n';
    }
    return out;
}

// JSON lines into a fresh Progress; returns the number of records read.
inline size_t ImportJsonLines(const std::string& text, Progress* progress) {
    size_t start = 0, n = 0;
    std::string error;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        auto rec = ProgressRecordFromJson(std::string_view(text).substr(start, end - start), &error);
        if (rec) {
            progress->MergeStored(*rec);
            ++n;
        }
        start = end + 1;
    }
    return n;
}

// The other device's copy of `mine`: half of the papers got a newer status there (with
// its own history entry), a quarter a newer note.
inline std::vector<PaperProgress> OtherDevice(const std::vector<PaperProgress>& mine) {
    std::vector<PaperProgress> theirs = mine;
    for (size_t i = 0; i < theirs.size(); ++i) {
        PaperProgress& p = theirs[i];
        if (i % 2 == 0) {
            p.status = p.status == Status::Read ? Status::Reading : Status::Read;
            p.status_at += 3600 * 1000;
            p.history.push_back({p.status, p.status_at});
        }
        if (i % 4 == 1) {
            p.note += "\n\nAdded on the laptop: the appendix has the missing ablation.\n";
            p.note_at += 7200 * 1000;
        }
    }
    return theirs;
}

// About ten kilobytes of realistic note text: synthetic notes (0.5-4 KB each) joined.
inline const std::string& Note10k() {
    static const std::string note = [] {
        std::string s;
        for (const PaperProgress& p : RecordsOf(2000)) {
            if (p.note.empty() || s.size() + p.note.size() > 10 * 1024) continue;
            s += p.note + "\n";
            if (s.size() > 10 * 1024 - 600) break;
        }
        return s;
    }();
    return note;
}

// A Progress holding `records` (as loaded from storage: nothing dirty).
inline Progress ProgressFrom(const std::vector<PaperProgress>& records) {
    Progress p;
    for (const PaperProgress& r : records)
        p.MergeStored(r);
    return p;
}

} // namespace shelfmark::bench
