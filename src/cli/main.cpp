// main.cpp: the `shelfmark` command-line tool; parses the command name and dispatches.
// The commands themselves live in cli/*.cpp (see commands.h).
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"

namespace {

using shelfmark::cli::Args;

struct Command {
    std::string name;
    std::string synopsis; // arguments, as shown in the usage text
    std::string summary;
    int (*run)(const Args& args);
};

const std::vector<Command>& Commands() {
    static const std::vector<Command> commands = {
        {"check", "[DIR]", "validate a data folder (default: data)", shelfmark::cli::RunCheck},
        {"catalog", "[--json] [--pretty] [--data DIR]", "print the resolved catalogue",
         shelfmark::cli::RunCatalog},
        {"progress", "import FILE [--store PATH] [--replace] [--dry-run] | export [--store PATH]",
         "import (merge/replace) or export the progress file", shelfmark::cli::RunProgress},
        {"import-md", "FILE.md [--data DIR] [--store PATH] [--save]",
         "read a Markdown reading list as a list of your own (JSON)", shelfmark::cli::RunImportMd},
        {"import-bib", "FILE.bib [--data DIR] [--store PATH] [--save]",
         "read a BibTeX file as a list of your own (JSON; JabRef's readstatus as progress)",
         shelfmark::cli::RunImportBib},
        {"export-md", "LIST_ID [--data DIR] [--store PATH]", "print a list as a Markdown checklist",
         shelfmark::cli::RunExportMd},
        {"export-bib", "[LIST_ID] [--data DIR] [--store PATH]", "print BibTeX with reading status",
         shelfmark::cli::RunExportBib},
        {"export-csv", "[LIST_ID] [--data DIR] [--store PATH]", "print CSV (RFC 4180) with reading status",
         shelfmark::cli::RunExportCsv},
    };
    return commands;
}

void PrintUsage(std::ostream& out) {
    out << "usage: shelfmark <command> [options]\n"
           "       shelfmark --help | --version\n\n"
           "commands:\n";
    std::size_t width = 0;
    for (const Command& c : Commands())
        width = std::max(width, c.name.size() + 1 + c.synopsis.size());
    for (const Command& c : Commands()) {
        std::string head = c.name + " " + c.synopsis;
        out << "  " << head << std::string(width - head.size() + 2, ' ') << c.summary << '\n';
    }
    out << "\nRun `shelfmark <command> --help` for a command's options.\n";
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        PrintUsage(std::cerr);
        return shelfmark::cli::kExitUsage;
    }
    const std::string name = argv[1];
    if (name == "-h" || name == "--help" || name == "help") {
        PrintUsage(std::cout);
        return shelfmark::cli::kExitOk;
    }
    if (name == "--version" || name == "version") {
        std::cout << "shelfmark " << SHELFMARK_VERSION << '\n';
        return shelfmark::cli::kExitOk;
    }
    const Args args(argv + 2, argv + argc);
    for (const Command& c : Commands()) {
        if (name == c.name) return c.run(args);
    }
    std::cerr << "shelfmark: unknown command '" << name << "'\n\n";
    PrintUsage(std::cerr);
    return shelfmark::cli::kExitUsage;
}
