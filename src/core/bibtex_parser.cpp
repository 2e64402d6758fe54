// bibtex_parser.cpp: the one file that uses btparse's C API (see bibtex_parser.h).
//
// How btparse is made safe for untrusted files:
//   - Its error reports and its fatal exits are redirected (btparse_hooks.h): messages are
//     collected here, exit()/abort() longjmp back to Guarded(), which only ever wraps a
//     single btparse call from a frame holding plain C data (no destructor is skipped).
//   - Macros are expanded here, not by btparse: it would store every @string's expansion
//     in its global table and paste `#` pieces without any size bound (a few lines of
//     "@string{b = a # a # a # a}" double and redouble into gigabytes). btparse parses with
//     BTO_MINIMAL (pieces as written) and BTO_NOSTORE (its macro table stays empty); each
//     value is assembled here under max_value_bytes and a budget for the whole file.
//   - Global state (lexer, macro table, error counts, string options) is set up and torn
//     down around every call, under a lock.
//   - Inputs are bounded before btparse sees them (size, NUL bytes, one unbroken token:
//     its lexer grows its buffer by 2,000 bytes at a time, copying each time).
#include "core/bibtex_parser.h"

#include <algorithm>
#include <cctype>
#include <csetjmp>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <mutex>

#define SHELFMARK_BTPARSE_HOOKS_NO_RENAME
#include "core/btparse_hooks.h"

extern "C" {
#include <btparse.h>
// PCCTS's attribute stack pointer (bibtex.c): the parser keeps it balanced, but a parse
// left through exit() leaves it where it was; restored after every parse.
extern int zzasp;
}

namespace {

// ------------------------------------------------------------------ hooks (C side)

std::string* g_messages = nullptr; // btparse's stderr text during a parse
std::jmp_buf* g_escape = nullptr;  // where exit()/abort() go during a guarded call
constexpr std::size_t kMaxMessageBytes = 64u << 10;

} // namespace

extern "C" int shelfmark_btparse_fprintf(FILE* stream, const char* format, ...) {
    va_list args;
    va_start(args, format);
    int n = 0;
    if (stream != stderr || !g_messages) {
        n = std::vfprintf(stream, format, args);
    } else {
        char buf[1200]; // btparse's messages are at most 1,024 bytes (MAX_ERROR)
        n = std::vsnprintf(buf, sizeof buf, format, args);
        if (n > 0 && g_messages->size() < kMaxMessageBytes)
            g_messages->append(buf, std::min<std::size_t>(static_cast<std::size_t>(n), sizeof buf - 1));
    }
    va_end(args);
    return n;
}

extern "C" int shelfmark_btparse_fflush(FILE* stream) { return stream == stderr ? 0 : std::fflush(stream); }

extern "C" void shelfmark_btparse_exit(int) {
    if (g_escape) std::longjmp(*g_escape, 1);
    std::abort();
}

extern "C" void shelfmark_btparse_abort(void) {
    if (g_escape) std::longjmp(*g_escape, 2);
    std::abort();
}

namespace shelfmark {

namespace {

std::mutex g_lock; // btparse is one global parser

// One btparse call with plain arguments, so that a longjmp out of it skips no destructor.
struct Call {
    FILE* in = nullptr;
    AST* entry = nullptr;
    boolean status = TRUE;
};

void CallParseEntry(Call* c) { c->entry = bt_parse_entry(c->in, nullptr, BTO_NOSTORE, &c->status); }
void CallFinish(Call* c) { bt_parse_entry(nullptr, nullptr, 0, &c->status); } // resets its file state
void CallFreeEntry(Call* c) { bt_free_ast(c->entry); }

// Runs fn(c); false when btparse called exit() or abort() inside it.
bool Guarded(void (*fn)(Call*), Call* c) {
    std::jmp_buf env;
    g_escape = &env;
    if (setjmp(env) != 0) {
        g_escape = nullptr;
        return false;
    }
    fn(c);
    g_escape = nullptr;
    return true;
}

std::string Lower(std::string_view s) {
    std::string out(s);
    for (char& ch : out)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return out;
}

// Whitespace runs -> one space, trimmed (what BibTeX does to a value).
std::string Collapse(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    bool space = false;
    for (char ch : s) {
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v') {
            space = !out.empty();
            continue;
        }
        if (space) out += ' ';
        space = false;
        out += ch;
    }
    return out;
}

// The lines btparse reported, split into errors and warnings ("line 3, warning: ..." ->
// "line 3: ..."; "line 7, syntax error: ..." kept whole).
void SplitMessages(const std::string& text, std::vector<std::string>* errors,
                   std::vector<std::string>* warnings) {
    std::size_t start = 0;
    while (start < text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty()) continue;
        const std::size_t w = line.find(", warning: ");
        if (w != std::string::npos) {
            warnings->push_back(line.substr(0, w) + ": " + line.substr(w + 11));
        } else if (line.find("warning: ") == 0) {
            warnings->push_back(line.substr(9));
        } else {
            errors->push_back(line);
        }
    }
}

// The longest run of bytes btparse's lexer would take as one token: between two of
// '{', '}', '"', '@', ',', '=', '#', '(', ')', whitespace. Over the limit, its buffer would
// be regrown (and copied) every 2,000 bytes.
std::size_t LongestToken(std::string_view text) {
    std::size_t best = 0, run = 0;
    for (char ch : text) {
        switch (ch) {
        case '{':
        case '}':
        case '"':
        case '@':
        case ',':
        case '=':
        case '#':
        case '(':
        case ')':
        case ' ':
        case '\t':
        case '\n':
        case '\r': run = 0; break;
        default: best = std::max(best, ++run);
        }
    }
    return best;
}

struct Expander {
    const BibLimits& limits;
    std::map<std::string, std::string> macros;
    std::size_t total = 0; // bytes of every value made so far
    std::size_t total_limit = 0;
    std::string error;

    // A field's pieces (strings, numbers, macro names) joined, macros expanded, whitespace
    // collapsed unless it is a macro's text (its spaces count when it is pasted). False
    // (error set) when a limit is exceeded.
    bool Value(AST* field, int line, bool macro, std::string* out, std::vector<std::string>* warnings) {
        out->clear();
        bt_nodetype type = BTAST_BOGUS;
        char* text = nullptr;
        for (AST* v = bt_next_value(field, nullptr, &type, &text); v;
             v = bt_next_value(field, v, &type, &text)) {
            std::string_view piece = text ? text : "";
            std::string expanded;
            if (type == BTAST_MACRO) {
                const auto it = macros.find(Lower(piece));
                if (it == macros.end()) {
                    if (warnings->size() < 20)
                        warnings->push_back("line " + std::to_string(line) + ": undefined macro \"" +
                                            std::string(piece.substr(0, 80)) + "\" (left empty)");
                    continue;
                }
                piece = it->second;
            }
            if (out->size() + piece.size() > limits.max_value_bytes) {
                error = "line " + std::to_string(line) + ": a value is longer than " +
                        std::to_string(limits.max_value_bytes >> 10) + " KiB";
                return false;
            }
            out->append(piece);
        }
        if (!macro) *out = Collapse(*out);
        total += out->size();
        if (total > total_limit) {
            error = "the file's values add up to more than " + std::to_string(total_limit >> 20) +
                    " MiB (its @string macros repeat too much)";
            return false;
        }
        return true;
    }
};

} // namespace

const std::string* BibEntry::Find(std::string_view name) const {
    for (const BibField& f : fields)
        if (f.name == name) return &f.value;
    return nullptr;
}

std::optional<BibFile> ParseBibtex(std::string_view text, std::string* error, const BibLimits& limits) {
    auto fail = [&](std::string why) {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    if (text.size() > limits.max_bytes)
        return fail("the file is larger than " + std::to_string(limits.max_bytes >> 20) + " MiB");
    if (const std::size_t nul = text.find('\0'); nul != std::string_view::npos)
        return fail("a NUL byte at byte " + std::to_string(nul) + ": not a text file");
    if (LongestToken(text) > limits.max_value_bytes)
        return fail("a word or value longer than " + std::to_string(limits.max_value_bytes >> 10) +
                    " KiB without a break");

    std::lock_guard<std::mutex> hold(g_lock);
    std::string buffer(text); // fmemopen wants a mutable buffer
    FILE* in = buffer.empty() ? nullptr : fmemopen(buffer.data(), buffer.size(), "r");
    if (!in) return fail(buffer.empty() ? "the file is empty" : "cannot read the text (fmemopen failed)");

    std::string messages;
    g_messages = &messages;
    const int attribute_stack = zzasp;
    bt_initialize();
    bt_reset_error_counts();
    bt_set_stringopts(BTE_REGULAR, BTO_MINIMAL);
    bt_set_stringopts(BTE_MACRODEF, BTO_MINIMAL);
    bt_set_stringopts(BTE_COMMENT, BTO_MINIMAL);
    bt_set_stringopts(BTE_PREAMBLE, BTO_MINIMAL);

    BibFile out;
    Expander ex{limits, {}, 0, std::max<std::size_t>(64u << 20, 4 * text.size()), {}};
    static const char* const kMonths[12][2] = {{"jan", "January"}, {"feb", "February"}, {"mar", "March"},
                                               {"apr", "April"},   {"may", "May"},      {"jun", "June"},
                                               {"jul", "July"},    {"aug", "August"},   {"sep", "September"},
                                               {"oct", "October"}, {"nov", "November"}, {"dec", "December"}};
    for (const auto& m : kMonths)
        ex.macros[m[0]] = m[1];

    bool crashed = false, bad = false;
    std::size_t regular = 0;
    int last_line = 1; // of the last entry read
    for (;;) {
        Call c;
        c.in = in;
        if (!Guarded(CallParseEntry, &c)) {
            crashed = true;
            break;
        }
        if (!c.status) bad = true;
        if (!c.entry) break;
        AST* entry = c.entry;
        const int line = entry->line;
        last_line = line;
        switch (bt_entry_metatype(entry)) {
        case BTE_REGULAR: {
            if (++regular > limits.max_entries) {
                ex.error = "more than " + std::to_string(limits.max_entries) + " entries";
                break;
            }
            BibEntry e;
            e.line = line;
            e.type = Lower(bt_entry_type(entry) ? bt_entry_type(entry) : "");
            e.key = bt_entry_key(entry) ? bt_entry_key(entry) : "";
            char* name = nullptr;
            for (AST* f = bt_next_field(entry, nullptr, &name); f && ex.error.empty();
                 f = bt_next_field(entry, f, &name)) {
                if (e.fields.size() >= limits.max_fields) {
                    ex.error = "line " + std::to_string(line) + ": an entry with more than " +
                               std::to_string(limits.max_fields) + " fields";
                    break;
                }
                BibField field;
                field.name = Lower(name ? name : "");
                if (ex.Value(f, f->line, false, &field.value, &out.warnings))
                    e.fields.push_back(std::move(field));
            }
            if (ex.error.empty()) out.entries.push_back(std::move(e));
            break;
        }
        case BTE_MACRODEF: {
            char* name = nullptr;
            for (AST* f = bt_next_macro(entry, nullptr, &name); f && ex.error.empty();
                 f = bt_next_macro(entry, f, &name)) {
                std::string value;
                if (ex.Value(f, f->line, true, &value, &out.warnings))
                    ex.macros[Lower(name ? name : "")] = value;
                ++out.strings;
            }
            break;
        }
        case BTE_PREAMBLE: ++out.preambles; break;
        case BTE_COMMENT: {
            std::string comment;
            bt_nodetype type = BTAST_BOGUS;
            char* piece = nullptr;
            for (AST* v = bt_next_value(entry, nullptr, &type, &piece); v;
                 v = bt_next_value(entry, v, &type, &piece))
                if (piece && comment.size() < limits.max_value_bytes) comment += piece;
            if (out.comments.size() < 1000) out.comments.push_back(Collapse(comment));
            break;
        }
        default: break;
        }
        Guarded(CallFreeEntry, &c);
        if (!ex.error.empty()) break;
    }
    Call finish;
    if (!Guarded(CallFinish, &finish)) crashed = true;
    const int serious = bt_get_error_count(BTERR_LEXERR) + bt_get_error_count(BTERR_SYNTAX) +
                        bt_get_error_count(BTERR_USAGEERR) + bt_get_error_count(BTERR_INTERNAL);
    bt_cleanup();
    zzasp = attribute_stack;
    g_messages = nullptr;
    std::fclose(in);

    std::vector<std::string> errors, warnings;
    SplitMessages(messages, &errors, &warnings);
    for (std::string& w : warnings)
        if (out.warnings.size() < 20) out.warnings.push_back(std::move(w));
    if (!ex.error.empty()) return fail(ex.error);
    if (crashed && messages.find("stack overflow") != std::string::npos)
        return fail("after line " + std::to_string(last_line) +
                    ": an entry with more fields or `#` pieces than the BibTeX parser can hold");
    if (crashed || bad || serious > 0) {
        std::string why = crashed ? "the BibTeX parser gave up after line " + std::to_string(last_line)
                                  : "not valid BibTeX";
        for (std::size_t i = 0; i < errors.size() && i < 3; ++i)
            why += (i ? "; " : ": ") + errors[i];
        if (errors.size() > 3) why += " (and " + std::to_string(errors.size() - 3) + " more)";
        return fail(why);
    }
    return out;
}

} // namespace shelfmark
