/* btparse_hooks.h: forced into every btparse source file (CMakeLists.txt, `-include`), so
 * that the library's error reports reach bibtex_parser.cpp instead of the process:
 * btparse has no API to replace its error handlers (a static table of print_error,
 * which writes to stderr) nor its actions (exit(1) on a usage error, abort() on an
 * internal one), and the PCCTS parser code it includes prints syntax errors and calls
 * exit() when its stacks overflow. stdio.h and stdlib.h are included first, so these
 * names change only in btparse's own code. Defined in bibtex_parser.cpp:
 *   shelfmark_btparse_fprintf/fflush: text for stderr is collected for the caller
 *     (other streams are written as fprintf would).
 *   shelfmark_btparse_exit/abort: leave the parse (longjmp back to the wrapper), which
 *     then fails with the collected message; outside a parse they call abort(). */
#ifndef SHELFMARK_BTPARSE_HOOKS_H
#define SHELFMARK_BTPARSE_HOOKS_H

#include <stdio.h>
#include <stdlib.h>

#ifdef __cplusplus
extern "C" {
#endif
int shelfmark_btparse_fprintf(FILE* stream, const char* format, ...);
int shelfmark_btparse_fflush(FILE* stream);
void shelfmark_btparse_exit(int status) __attribute__((noreturn));
void shelfmark_btparse_abort(void) __attribute__((noreturn));
#ifdef __cplusplus
}
#endif

#ifndef SHELFMARK_BTPARSE_HOOKS_NO_RENAME
#define fprintf shelfmark_btparse_fprintf
#define fflush shelfmark_btparse_fflush
#define exit shelfmark_btparse_exit
#define abort shelfmark_btparse_abort
#endif

#endif
