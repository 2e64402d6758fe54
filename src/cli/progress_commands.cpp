// progress_commands.cpp: `shelfmark progress import|export`, `import-md`, `import-bib`, `export-md`,
// `export-bib` and `export-csv`: the progress file and Markdown/BibTeX/CSV interop on a
// store file (progress_store.h). Imports go through import_plan.h, as the app's do.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <optional>

#include <nlohmann/json.hpp>

#include "cli/commands.h"
#include "core/catalog.h"
#include "core/export_formats.h"
#include "core/import_plan.h"
#include "core/markdown_import.h"
#include "core/progress_file.h"
#include "core/progress_store.h"
#include "core/utf8.h"

namespace shelfmark::cli {

namespace {

constexpr const char* kDefaultStore = "shelfmark-store.json";

constexpr const char* kProgressUsage =
    "usage: shelfmark progress import FILE [--store PATH] [--replace] [--dry-run] [--data DIR]\n"
    "       shelfmark progress export [--store PATH]\n"
    "  import: FILE is a progress file (JSON) or a Markdown checklist (\"- [x]\" items),\n"
    "    told apart by content; UTF-8 only (blank and UTF-16 files are refused). JSON\n"
    "    merges by default (per field the newer change wins, nothing is deleted);\n"
    "    --replace makes the store equal to the file after writing a backup of the store\n"
    "    next to it. A checklist marks its ticked papers read.\n"
    "    --dry-run prints the preview only. Nothing changes when the file is invalid.\n"
    "  export: prints the store as a progress file (JSON) on stdout.\n"
    "  The store defaults to ./shelfmark-store.json; DIR (the catalogue) to data.\n"
    "  SOURCE_DATE_EPOCH, when set, is used as the current time.\n";
constexpr const char* kImportMdUsage =
    "usage: shelfmark import-md FILE.md [--data DIR] [--store PATH] [--save]\n"
    "  Reads a Markdown reading list (headings -> sections, items -> entries), matches its\n"
    "  items to catalogue papers (by link, arXiv id or title) and prints the new list and\n"
    "  the papers made for unmatched items as JSON. --save also adds them to the store.\n";
constexpr const char* kImportBibUsage =
    "usage: shelfmark import-bib FILE.bib [--data DIR] [--store PATH] [--save]\n"
    "  Reads a BibTeX file (Zotero's or JabRef's export, or any .bib) as a list of your own:\n"
    "  one entry per BibTeX entry, matched to catalogue papers (by link, DOI, arXiv id or\n"
    "  title) or made a new paper that keeps every field; JabRef's groups become sections.\n"
    "  Prints the new list and papers as JSON. --save also adds them to the store, with\n"
    "  JabRef's readstatus as reading status (read -> read, skimmed -> reading; a status\n"
    "  is never lowered). The same pipeline as the app's File > Import.\n";
constexpr const char* kExportMdUsage =
    "usage: shelfmark export-md LIST_ID [--data DIR] [--store PATH]\n"
    "  Prints a list as a Markdown checklist; [x] marks papers read in the store.\n";
constexpr const char* kExportBibUsage =
    "usage: shelfmark export-bib [LIST_ID] [--data DIR] [--store PATH]\n"
    "  Prints BibTeX for a list's papers (or every paper) with the reading status in a\n"
    "  \"status\" field.\n";
constexpr const char* kExportCsvUsage =
    "usage: shelfmark export-csv [LIST_ID] [--data DIR] [--store PATH]\n"
    "  Prints CSV (RFC 4180) for a list's entries (or every paper) with reading status.\n";

struct Options {
    std::vector<std::string> positional;
    std::string store = kDefaultStore;
    std::string data = DefaultDataDir();
    bool replace = false, dry_run = false, save = false, help = false;
};

// Parses the shared options; returns false (after printing why) on bad usage.
bool ParseOptions(const char* cmd, const Args& args, const char* usage,
                  std::initializer_list<const char*> flags, Options* o) {
    auto allowed = [&](const std::string& f) {
        for (const char* a : flags)
            if (f == a) return true;
        return false;
    };
    for (size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        std::string* value = nullptr;
        std::string name = a, inline_value;
        bool has_inline = false;
        if (a.rfind("--", 0) == 0 && a.find('=') != std::string::npos) {
            name = a.substr(0, a.find('='));
            inline_value = a.substr(a.find('=') + 1);
            has_inline = true;
        }
        if (a == "-h" || a == "--help") {
            o->help = true;
            continue;
        }
        if (name == "--store") value = &o->store;
        if (name == "--data") value = &o->data;
        if (value) {
            if (has_inline) {
                *value = inline_value;
            } else if (i + 1 < args.size()) {
                *value = args[++i];
            } else {
                std::cerr << "shelfmark " << cmd << ": " << name << " needs a value\n" << usage;
                return false;
            }
            if (value->empty()) {
                std::cerr << "shelfmark " << cmd << ": " << name << " needs a non-empty value\n" << usage;
                return false;
            }
            continue;
        }
        if (!a.empty() && a[0] == '-' && a != "-") {
            if (allowed(a)) {
                if (a == "--replace") o->replace = true;
                if (a == "--dry-run") o->dry_run = true;
                if (a == "--save") o->save = true;
                continue;
            }
            std::cerr << "shelfmark " << cmd << ": unknown option " << a << '\n' << usage;
            return false;
        }
        o->positional.push_back(a);
    }
    return true;
}

int64_t NowMs() {
    if (const char* sde = std::getenv("SOURCE_DATE_EPOCH")) {
        char* end = nullptr;
        const long long s = std::strtoll(sde, &end, 10);
        if (end && *end == '\0' && s >= 0 && s < 253402300799LL) return static_cast<int64_t>(s) * 1000;
    }
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::optional<Catalogue> LoadCatalogue(const char* cmd, const std::string& dir, bool quiet_failure) {
    CatalogueLoad load = LoadCatalogueDir(dir);
    if (!load.ok()) {
        if (quiet_failure) return std::nullopt;
        for (const CatalogueError& e : load.errors)
            std::cerr << e.ToString() << '\n';
        std::cerr << "shelfmark " << cmd << ": cannot load the catalogue in " << dir << '\n';
        return std::nullopt;
    }
    return std::move(load.catalogue);
}

int Flush(const char* cmd) {
    std::cout.flush();
    if (!std::cout) {
        std::cerr << "shelfmark " << cmd << ": cannot write to standard output\n";
        return kExitFailure;
    }
    return kExitOk;
}

std::string Plural(size_t n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

void PrintJsonPreview(const std::string& file, const StoreImportReport& r) {
    const ImportPreview& p = r.preview;
    std::cout << file << ": progress file, " << Plural(p.papers_in_file, "paper", "papers") << " ("
              << p.papers_new << " new, " << p.papers_changed << " changed, " << p.papers_unchanged
              << " unchanged";
    if (p.mode == ImportMode::Replace) std::cout << ", " << p.papers_removed << " removed";
    std::cout << ")\n  notes: " << p.notes_added << " added, " << p.notes_changed << " changed\n";
    if (p.mode == ImportMode::Merge) {
        std::cout << "  conflicts (both sides changed; the newer wins): " << p.conflicts << '\n';
        for (const ImportConflict& c : p.conflict_list)
            std::cout << "    " << c.paper << ": " << c.field << " (" << (c.file_wins ? "file" : "store")
                      << " wins)\n";
        if (p.conflicts > p.conflict_list.size())
            std::cout << "    ... and " << (p.conflicts - p.conflict_list.size()) << " more\n";
    }
    if (!p.unknown_papers.empty()) {
        std::cout << "  not in this catalogue (kept): " << p.unknown_papers.size() << '\n';
        for (size_t i = 0; i < p.unknown_papers.size() && i < 20; ++i)
            std::cout << "    " << p.unknown_papers[i] << '\n';
        if (p.unknown_papers.size() > 20) std::cout << "    ...\n";
    }
    std::cout << "  your lists: " << p.lists_new << " new, " << p.lists_changed << " changed";
    if (p.mode == ImportMode::Replace) std::cout << ", " << p.lists_removed << " removed";
    std::cout << "; your papers: " << p.user_papers_new << " new, " << p.user_papers_changed << " changed";
    if (p.mode == ImportMode::Replace) std::cout << ", " << p.user_papers_removed << " removed";
    std::cout << '\n';
}

void PrintChecklistPreview(const std::string& file, const StoreImportReport& r) {
    const ChecklistPreview& c = r.plan.checklist_preview;
    std::cout << file << ": Markdown checklist, " << Plural(c.items, "item", "items") << " (" << c.checked
              << " ticked): " << c.matched << " matched, " << c.unmatched << " unmatched\n";
    for (const MarkdownItem& item : r.plan.checklist->items) {
        std::cout << "  line " << item.line << "  [" << (item.checked ? 'x' : ' ') << "]  ";
        if (item.paper.empty())
            std::cout << "unmatched       ";
        else
            std::cout << item.paper << " (by " << MatchByName(item.by) << ")  ";
        std::cout << utf8::Abbreviated(item.title, 70) << '\n';
    }
    std::cout << "  ticked papers to mark read: " << c.will_mark_read << " (" << c.already_read
              << " already read); unticked items change nothing\n";
}

int RunProgressImport(const Options& o) {
    if (o.positional.size() != 2) {
        std::cerr << "shelfmark progress import: give exactly one FILE\n" << kProgressUsage;
        return kExitUsage;
    }
    const std::string& path = o.positional[1];
    std::string text, why;
    if (!ReadFileLimited(path, kMaxProgressFileBytes, &text, &why)) {
        std::cerr << "shelfmark progress import: " << why << '\n';
        return kExitFailure;
    }
    const bool markdown = DetectImportFormat(text) == ImportFormat::Markdown;
    if (markdown && o.replace) {
        std::cerr << "shelfmark progress import: " << path
                  << ": --replace applies to JSON progress files, not to Markdown checklists\n"
                  << "nothing was imported; " << o.store << " is unchanged\n";
        return kExitFailure;
    }
    // The catalogue only informs a JSON import (unknown ids, renamed papers); a checklist
    // cannot be matched without it.
    std::optional<Catalogue> catalogue = LoadCatalogue("progress import", o.data, !markdown);
    if (!catalogue && markdown) return kExitFailure;
    if (!catalogue)
        std::cerr << "shelfmark progress import: warning: no catalogue in " << o.data
                  << "; paper ids are not checked\n";

    StoreImportOptions opt;
    opt.mode = markdown ? ImportMode::ChecklistProgress : o.replace ? ImportMode::Replace : ImportMode::Merge;
    opt.dry_run = o.dry_run;
    opt.catalogue = catalogue ? &*catalogue : nullptr;
    opt.now_ms = NowMs();
    opt.file_name = path;
    StoreImportReport report;
    if (!ImportIntoStore(o.store, text, opt, &report)) {
        std::cerr << "shelfmark progress import: " << path << ": " << report.error << '\n'
                  << "nothing was imported; " << o.store << " is unchanged\n";
        if (markdown && report.plan.Offers(ImportMode::NewList))
            std::cerr << "to add it as a list of your own: shelfmark import-md " << path << " --save\n";
        if (report.plan.bibtex)
            std::cerr << "to add it as a list of your own: shelfmark import-bib " << path << " --save\n";
        return kExitFailure;
    }
    if (markdown)
        PrintChecklistPreview(path, report);
    else
        PrintJsonPreview(path, report);
    if (!report.backup_path.empty())
        std::cout << "backup of the previous store: " << report.backup_path << '\n';
    if (o.dry_run)
        std::cout << "dry run: " << o.store << " not written\n";
    else if (report.changed)
        std::cout << (opt.mode == ImportMode::Replace ? "replaced " : "merged into ") << o.store << '\n';
    else
        std::cout << "nothing to change: " << o.store << " is unchanged\n";
    return Flush("progress import");
}

int RunProgressExport(const Options& o) {
    if (o.positional.size() != 1) {
        std::cerr << "shelfmark progress export: unexpected argument " << o.positional[1] << '\n'
                  << kProgressUsage;
        return kExitUsage;
    }
    std::string why;
    std::optional<Store> store = LoadStore(o.store, &why);
    if (!store) {
        std::cerr << "shelfmark progress export: " << why << '\n';
        return kExitFailure;
    }
    std::cout << ExportProgressFile(store->progress, store->user, NowMs());
    return Flush("progress export");
}

// Loads what the export commands need: catalogue and store.
bool LoadForExport(const char* cmd, const Options& o, std::optional<Catalogue>* catalogue,
                   std::optional<Store>* store) {
    *catalogue = LoadCatalogue(cmd, o.data, false);
    if (!*catalogue) return false;
    std::string why;
    *store = LoadStore(o.store, &why);
    if (!*store) {
        std::cerr << "shelfmark " << cmd << ": " << why << '\n';
        return false;
    }
    return true;
}

const ReadingList* FindListOrSay(const char* cmd, const PaperLookup& lookup, const std::string& id) {
    const ReadingList* list = lookup.FindList(id);
    if (!list) {
        std::cerr << "shelfmark " << cmd << ": unknown list " << id << "; lists:";
        for (const ReadingList& l : lookup.catalogue->lists)
            std::cerr << ' ' << l.id;
        for (const auto& [lid, l] : lookup.user->lists)
            std::cerr << ' ' << lid;
        std::cerr << '\n';
    }
    return list;
}

int RunExportRows(const char* cmd, const char* usage, const Args& args, bool csv) {
    Options o;
    if (!ParseOptions(cmd, args, usage, {}, &o)) return kExitUsage;
    if (o.help) {
        std::cout << usage;
        return kExitOk;
    }
    if (o.positional.size() > 1) {
        std::cerr << "shelfmark " << cmd << ": at most one LIST_ID\n" << usage;
        return kExitUsage;
    }
    std::optional<Catalogue> catalogue;
    std::optional<Store> store;
    if (!LoadForExport(cmd, o, &catalogue, &store)) return kExitFailure;
    const PaperLookup lookup{&*catalogue, &store->user};
    const ReadingList* list = nullptr;
    if (!o.positional.empty() && !(list = FindListOrSay(cmd, lookup, o.positional[0]))) return kExitFailure;
    const std::vector<ExportRow> rows = PapersForExport(lookup, list);
    std::cout << (csv ? ExportCsv(rows, store->progress) : ExportBibtex(rows, store->progress));
    return Flush(cmd);
}

} // namespace

int RunProgress(const Args& args) {
    Options o;
    if (!ParseOptions("progress", args, kProgressUsage, {"--replace", "--dry-run"}, &o)) return kExitUsage;
    if (o.help || o.positional.empty()) {
        (o.help ? std::cout : std::cerr) << kProgressUsage;
        return o.help ? kExitOk : kExitUsage;
    }
    const std::string& sub = o.positional[0];
    if (sub == "import") return RunProgressImport(o);
    if (sub == "export") {
        if (o.replace || o.dry_run) {
            std::cerr << "shelfmark progress export: --replace and --dry-run apply to import\n"
                      << kProgressUsage;
            return kExitUsage;
        }
        return RunProgressExport(o);
    }
    std::cerr << "shelfmark progress: unknown subcommand " << sub << '\n' << kProgressUsage;
    return kExitUsage;
}

namespace {

// import-md and import-bib: plan (and with --save apply) the file as a new list.
int RunImportList(const char* cmd, const char* usage, const char* what, const Args& args) {
    Options o;
    if (!ParseOptions(cmd, args, usage, {"--save"}, &o)) return kExitUsage;
    if (o.help) {
        std::cout << usage;
        return kExitOk;
    }
    if (o.positional.size() != 1) {
        std::cerr << "shelfmark " << cmd << ": give exactly one " << what << '\n' << usage;
        return kExitUsage;
    }
    const std::string& path = o.positional[0];
    std::string text, why;
    if (!ReadFileLimited(path, kMaxProgressFileBytes, &text, &why)) {
        std::cerr << "shelfmark " << cmd << ": " << why << '\n';
        return kExitFailure;
    }
    std::optional<Catalogue> catalogue = LoadCatalogue(cmd, o.data, false);
    if (!catalogue) return kExitFailure;
    StoreImportOptions opt;
    opt.mode = ImportMode::NewList;
    opt.dry_run = !o.save;
    opt.catalogue = &*catalogue;
    opt.now_ms = NowMs();
    opt.file_name = path;
    StoreImportReport report;
    if (!ImportIntoStore(o.store, text, opt, &report)) {
        std::cerr << "shelfmark " << cmd << ": " << path << ": " << report.error << '\n';
        return kExitFailure;
    }
    const ReadingListImport& in = *report.plan.reading_list;

    nlohmann::ordered_json out;
    out["list"] = UserListToValue(in.list);
    nlohmann::ordered_json papers = nlohmann::ordered_json::array();
    for (const UserPaper& p : in.new_papers)
        papers.push_back(UserPaperToValue(p));
    out["newPapers"] = std::move(papers);
    out["matched"] = in.matched;
    out["unmatched"] = in.unmatched;
    const std::optional<BibtexImport>& bib = report.plan.bibtex;
    if (bib) {
        nlohmann::ordered_json statuses = nlohmann::ordered_json::array();
        for (const BibtexStatus& st : bib->statuses)
            statuses.push_back({{"paper", st.paper}, {"status", StatusName(st.status)}, {"line", st.line}});
        out["statuses"] = std::move(statuses);
    }
    std::cout << out.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
    std::cerr << path << ": " << Plural(in.items.size(), "item", "items") << ", " << in.matched
              << " matched to the catalogue, " << in.unmatched << " unmatched ("
              << Plural(in.new_papers.size(), "new paper", "new papers") << ")\n";
    if (bib) {
        std::cerr << "  " << BibtexProgressLine(report.plan.bibtex_progress) << '\n';
        for (const std::string& w : bib->warnings)
            std::cerr << "  warning: " << w << '\n';
    }
    for (const MarkdownItem& item : in.items)
        if (item.by == MatchBy::None)
            std::cerr << "  unmatched: line " << item.line << ": " << item.title << '\n';
    if (o.save)
        std::cerr << (report.changed ? "saved list " : "nothing to change: the store already has list ")
                  << in.list.list.id << (report.changed ? " to " : " in ") << o.store << '\n';
    return Flush(cmd);
}

} // namespace

int RunImportMd(const Args& args) { return RunImportList("import-md", kImportMdUsage, "FILE.md", args); }

int RunImportBib(const Args& args) { return RunImportList("import-bib", kImportBibUsage, "FILE.bib", args); }

int RunExportMd(const Args& args) {
    Options o;
    if (!ParseOptions("export-md", args, kExportMdUsage, {}, &o)) return kExitUsage;
    if (o.help) {
        std::cout << kExportMdUsage;
        return kExitOk;
    }
    if (o.positional.size() != 1) {
        std::cerr << "shelfmark export-md: give exactly one LIST_ID\n" << kExportMdUsage;
        return kExitUsage;
    }
    std::optional<Catalogue> catalogue;
    std::optional<Store> store;
    if (!LoadForExport("export-md", o, &catalogue, &store)) return kExitFailure;
    const PaperLookup lookup{&*catalogue, &store->user};
    const ReadingList* list = FindListOrSay("export-md", lookup, o.positional[0]);
    if (!list) return kExitFailure;
    std::cout << ExportListMarkdown(*list, lookup, store->progress);
    return Flush("export-md");
}

int RunExportBib(const Args& args) { return RunExportRows("export-bib", kExportBibUsage, args, false); }

int RunExportCsv(const Args& args) { return RunExportRows("export-csv", kExportCsvUsage, args, true); }

} // namespace shelfmark::cli
