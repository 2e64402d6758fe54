// libFuzzer target (see CMakeLists.txt, SHELFMARK_FUZZ): the import pipeline
// (import_plan.h) on untrusted bytes, against a small fixed catalogue and local state.
// DetectImportFormat/PlanImport must never crash or hang; a plan with an error offers no
// mode; every message is valid UTF-8; every mode the plan offers applies (on a copy of the
// state), and one it does not offer changes nothing; Merge applied twice changes nothing
// the second time; Replace leaves exactly the file; and after any apply the exported
// progress file parses back and exports to the same text.
#include <cstdint>
#include <map>
#include <string>

#include "core/import_plan.h"
#include "core/utf8.h"

using namespace shelfmark;

namespace {

constexpr int64_t kT = 1700000000000; // 2023-11-14T22:13:20Z
constexpr ImportMode kModes[] = {ImportMode::Merge, ImportMode::Replace, ImportMode::ChecklistProgress,
                                 ImportMode::NewList};

void Check(bool ok) {
    if (!ok) __builtin_trap();
}

// tests/unit/progress_test_support.h's TinyCatalogue: three papers (one alias), one list.
const Catalogue& Cat() {
    static const Catalogue cat = [] {
        const std::map<std::string, std::string> files = {
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
        if (!load.ok()) __builtin_trap();
        return load.catalogue;
    }();
    return cat;
}

// The local state the file is imported into: some progress, one list and one paper of the
// user's (so that merge, replace and fresh ids all have something to meet).
struct State {
    Progress progress;
    UserData user;
};

const State& Base() {
    static const State base = [] {
        State s;
        s.progress.SetStatus("tvm", Status::Reading, kT - 5000);
        s.progress.SetNote("gpipe", "pipelines", kT - 4000);
        s.progress.SetTags("unknown-paper", {"later"}, kT - 3000);
        UserPaper up;
        up.paper.id = "u-paper";
        up.paper.title = "A Paper Of My Own";
        up.paper.links = {"https://example.org/mine.pdf"};
        up.updated_at = kT - 2000;
        s.user.papers.emplace(up.paper.id, up);
        UserList ul;
        ul.list.id = "u-mine";
        ul.list.title = "Mine";
        ul.list.kind = "user";
        ul.list.sections = {{"Week 1", "", {{"gpipe", "required"}, {"u-paper", "optional"}}}};
        ul.updated_at = kT - 1000;
        s.user.lists.emplace(ul.list.id, ul);
        (void)s.progress.TakeDirty();
        return s;
    }();
    return base;
}

std::string Export(const State& s) { return ExportProgressFile(s.progress, s.user, kT, "x"); }

// The exported state parses back and exports to the same bytes.
void CheckRoundTrip(const std::string& out) {
    ProgressFileError e;
    auto g = ParseProgressFile(out, &e);
    Check(g.has_value());
    Check(ExportProgressFile(*g, kT, "x") == out);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
    const std::string s(reinterpret_cast<const char*>(d), n);
    const ImportFormat format = DetectImportFormat(s);
    const State& base = Base();
    const ImportPlan plan = PlanImport(s, "dir/fuzz.md", base.progress, base.user, &Cat(), kT);
    Check(plan.format == format);
    Check(utf8::IsValid(plan.error));
    switch (format) {
    case ImportFormat::Empty:
    case ImportFormat::Utf16:
    case ImportFormat::NotText: Check(!plan.error.empty()); break;
    case ImportFormat::Json: Check(plan.file.has_value() != !plan.error.empty()); break;
    case ImportFormat::Markdown: Check(!plan.file); break;
    }

    const std::string before = Export(base);
    for (const ImportMode mode : kModes) {
        const std::string why = plan.WhyNot(mode);
        Check(utf8::IsValid(why));
        if (!plan.error.empty()) Check(!why.empty()); // an error offers no mode

        State st = base;
        const ImportOutcome out = ApplyPlan(plan, mode, st.progress, st.user, kT);
        Check(out.applied == why.empty());
        const std::string after = Export(st);
        if (!out.applied) { // refused: nothing changed
            Check(!out.changed && after == before && !st.progress.HasDirty());
            continue;
        }
        Check(utf8::IsValid(out.summary));
        CheckRoundTrip(after);
        if (mode == ImportMode::Merge) { // idempotent
            const ImportOutcome again = ApplyPlan(plan, mode, st.progress, st.user, kT);
            Check(again.applied && !again.changed && again.user_keys.empty());
            Check(Export(st) == after);
        }
        if (mode == ImportMode::Replace) { // the local state is the file
            Check(after == ExportProgressFile(*plan.file, kT, "x"));
        }
    }
    return 0;
}
