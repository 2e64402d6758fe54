// libFuzzer target (see CMakeLists.txt, SHELFMARK_FUZZ): untrusted input must never crash,
// hang or break the export -> parse -> export round trip.
#include "core/progress_file.h"
#include "core/progress.h"
#include <cstdint>
#include <string>
using namespace shelfmark;
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
  std::string s(reinterpret_cast<const char*>(d), n);
  ProgressFileError e;
  auto f = ParseProgressFile(s, &e);
  if (f) {
    Progress p; UserData u;
    ApplyImport(p, u, *f, ImportMode::Merge);
    std::string out = ExportProgressFile(p, u, 0, "x");
    auto g = ParseProgressFile(out, &e);
    if (!g) __builtin_trap();
    if (ExportProgressFile(*g, 0, "x") != out) __builtin_trap();
  } else {
    (void)e.ToString();
  }
  std::string err; (void)ProgressRecordFromJson(s, &err);
  return 0;
}
