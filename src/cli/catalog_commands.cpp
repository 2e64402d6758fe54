// catalog_commands.cpp: `shelfmark check` and `shelfmark catalog`.
#include <cstdio>
#include <iostream>

#include "cli/commands.h"
#include "core/catalog.h"

namespace shelfmark::cli {

namespace {

constexpr const char* kCheckUsage = "usage: shelfmark check [DIR]\n"
                                    "  Validate the catalogue in DIR (default: data).\n";
constexpr const char* kCatalogUsage =
    "usage: shelfmark catalog [--json] [--pretty] [--data DIR]\n"
    "  Print the resolved catalogue; --json gives the normalized shape documented in\n"
    "  README.md, --pretty indents it. DIR defaults to data.\n";

void PrintErrors(const CatalogueLoad& load) {
    for (const CatalogueError& e : load.errors)
        std::cerr << e.ToString() << '\n';
}

std::size_t CountEntries(const Catalogue& c) {
    std::size_t n = 0;
    for (const ReadingList& l : c.lists) {
        for (const Section& s : l.sections)
            n += s.entries.size();
    }
    return n;
}

} // namespace

std::string DefaultDataDir() {
#ifdef SHELFMARK_DEFAULT_DATA_DIR
    return SHELFMARK_DEFAULT_DATA_DIR;
#else
    return "data";
#endif
}

int RunCheck(const Args& args) {
    std::string dir;
    for (const std::string& a : args) {
        if (a == "-h" || a == "--help") {
            std::cout << kCheckUsage;
            return kExitOk;
        }
        if (!a.empty() && a[0] == '-') {
            std::cerr << "shelfmark check: unknown option " << a << '\n' << kCheckUsage;
            return kExitUsage;
        }
        if (!dir.empty()) {
            std::cerr << "shelfmark check: only one DIR may be given\n" << kCheckUsage;
            return kExitUsage;
        }
        dir = a;
    }
    if (dir.empty()) dir = DefaultDataDir();

    CatalogueLoad load = LoadCatalogueDir(dir);
    if (!load.ok()) {
        PrintErrors(load);
        std::cerr << load.errors.size() << (load.errors.size() == 1 ? " error" : " errors") << " in " << dir
                  << '\n';
        return kExitFailure;
    }
    std::cout << "ok: " << load.catalogue.lists.size() << " lists, " << load.catalogue.papers.size()
              << " papers, " << CountEntries(load.catalogue) << " entries\n";
    return kExitOk;
}

int RunCatalog(const Args& args) {
    bool as_json = false, pretty = false;
    std::string dir = DefaultDataDir();
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& a = args[i];
        if (a == "-h" || a == "--help") {
            std::cout << kCatalogUsage;
            return kExitOk;
        } else if (a == "--json") {
            as_json = true;
        } else if (a == "--pretty") {
            pretty = true;
        } else if (a == "--data") {
            if (i + 1 >= args.size()) {
                std::cerr << "shelfmark catalog: --data needs a folder\n" << kCatalogUsage;
                return kExitUsage;
            }
            dir = args[++i];
        } else if (a.rfind("--data=", 0) == 0) {
            dir = a.substr(7);
        } else {
            std::cerr << "shelfmark catalog: unexpected argument " << a << '\n' << kCatalogUsage;
            return kExitUsage;
        }
    }

    CatalogueLoad load = LoadCatalogueDir(dir);
    if (!load.ok()) {
        PrintErrors(load);
        return kExitFailure;
    }
    const Catalogue& c = load.catalogue;
    if (as_json) {
        std::cout << CatalogueToNormalizedJson(c, pretty) << '\n';
    } else {
        for (const ReadingList& l : c.lists) {
            std::size_t entries = 0;
            for (const Section& s : l.sections)
                entries += s.entries.size();
            std::cout << l.id << "  " << l.title << "  (" << l.sections.size() << " sections, " << entries
                      << " entries)\n";
        }
        std::cout << c.papers.size() << " papers\n";
    }
    std::cout.flush();
    return std::cout ? kExitOk : kExitFailure;
}

} // namespace shelfmark::cli
