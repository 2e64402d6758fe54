// commands.h: the `shelfmark` subcommands, one function each, dispatched by main.cpp.
//
// Each command receives the arguments after its name and returns the process exit code:
// 0 success, 1 the input is invalid or an operation failed, 2 bad usage.
// To add a command: declare it here, implement it in its own cli/<topic>.cpp, and add a
// row to Commands() in main.cpp.
#pragma once

#include <string>
#include <vector>

namespace shelfmark::cli {

using Args = std::vector<std::string>;

// Exit codes shared by every command.
constexpr int kExitOk = 0;
constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

// The data folder used when --data is not given.
std::string DefaultDataDir();

// `shelfmark check [DIR]`: validate a data folder (cli/catalog_commands.cpp).
int RunCheck(const Args& args);
// `shelfmark catalog [--json] [--pretty] [--data DIR]`: print the resolved catalogue.
int RunCatalog(const Args& args);

// The progress file and Markdown/BibTeX/CSV interop (cli/progress_commands.cpp); each
// takes --store PATH (default ./shelfmark-store.json) and --data DIR.
// `shelfmark progress import FILE [--replace] [--dry-run]` / `shelfmark progress export`.
int RunProgress(const Args& args);
// `shelfmark import-md FILE.md [--save]`: a Markdown reading list as a user list (JSON).
int RunImportMd(const Args& args);
// `shelfmark import-bib FILE.bib [--save]`: a BibTeX file as a user list (JSON), with
// JabRef's readstatus as reading status when saved.
int RunImportBib(const Args& args);
// `shelfmark export-md LIST_ID`: a list as a Markdown checklist.
int RunExportMd(const Args& args);
// `shelfmark export-bib [LIST_ID]` / `shelfmark export-csv [LIST_ID]`.
int RunExportBib(const Args& args);
int RunExportCsv(const Args& args);

} // namespace shelfmark::cli
