// libFuzzer target (see CMakeLists.txt, SHELFMARK_FUZZ): untrusted input must never crash,
// hang or break the export -> parse -> export round trip; a stored record read back and
// written again must not change; the readable fields of any record can be salvaged; and
// the three-way note merge keeps every edit when one side did not change.
#include <cstdint>
#include <string>

#include "core/note_merge.h"
#include "core/progress.h"
#include "core/progress_file.h"

using namespace shelfmark;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
    std::string s(reinterpret_cast<const char*>(d), n);
    ProgressFileError e;
    auto f = ParseProgressFile(s, &e);
    if (f) {
        Progress p;
        UserData u;
        ApplyImport(p, u, *f, ImportMode::Merge);
        std::string out = ExportProgressFile(p, u, 0, "x");
        auto g = ParseProgressFile(out, &e);
        if (!g) __builtin_trap();
        if (ExportProgressFile(*g, 0, "x") != out) __builtin_trap();
    } else {
        (void)e.ToString();
    }
    std::string err;
    if (auto r = ProgressRecordFromJson(s, &err)) { // a stored record: saved back unchanged
        auto again = ProgressRecordFromJson(ProgressRecordToJson(*r), &err);
        if (!again || !(*again == *r)) __builtin_trap();
    } else {
        (void)SalvageProgressRecord(s, "x");
    }
    // base \x01 mine \x01 theirs
    const size_t a = s.find('\x01');
    const size_t b = a == std::string::npos ? a : s.find('\x01', a + 1);
    if (b != std::string::npos) {
        const std::string base = s.substr(0, a), mine = s.substr(a + 1, b - a - 1), theirs = s.substr(b + 1);
        const auto m = MergeNoteEdits(base, mine, theirs);
        if (mine == base && (!m || *m != theirs)) __builtin_trap();
        if (theirs == base && (!m || *m != mine)) __builtin_trap();
    }
    return 0;
}
