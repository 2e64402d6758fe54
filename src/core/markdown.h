// markdown.h: GitHub-flavoured Markdown (cmark-gfm with the table, strikethrough,
// autolink and tasklist extensions) parsed into a small tree that owns its text.
// markdown.cpp is the only file that includes cmark-gfm; no cmark type leaves it.
//
// Index
//   - MarkdownLimits: caps checked on the raw text before cmark-gfm sees it.
//   - CheckMarkdownLimits(): that pre-scan on its own (what is too large, and where).
//   - MdKind, MdNode, MarkdownDoc: the parsed tree, flat, linked by index.
//   - ParseMarkdown(): pre-scan, parse, copy into a MarkdownDoc.
//   - WalkMarkdown(): ENTER/EXIT walk without recursion; MdPlainText(): a subtree's text;
//     MdInlineMarkdown(): a subtree's inlines as Markdown again.
//
// Why the pre-scan: cmark-gfm up to 0.29.0.gfm.6 (Debian bookworm's) has inputs that take
// quadratic time (runs of "www._", emphasis and bracket patterns, e-mail autolinks); we
// build 0.29.0.gfm.13, which fixed those, and keep the limits as a second line (see
// tests/unit/test_cmark_pathological.cpp). GFM tables still fill in missing cells (a
// 5 KB table can cost 180 MB even on gfm.13). Each limit below bounds
// one of those costs, so a parse of accepted input stays fast; input over a limit is
// rejected with a message naming the line, before any parsing. Raw HTML is kept as
// text (CMARK_OPT_UNSAFE is never set; the tree never renders HTML anyway).
//
// Task items: the tasklist extension of this cmark-gfm version misses boxes that do not
// follow the first list marker of a line ("- - [x]" as in seed 001, "> - [x]") and ticks
// "- [ ] see [x]" (it searches the whole line). ParseMarkdown reads every box itself, so
// MdNode::task/checked are right for all of them.
//
// Parse when the text changes and keep the MarkdownDoc; walking it is cheap.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace shelfmark {

struct MarkdownLimits {
    std::size_t max_bytes = 128 * 1024;        // whole input
    std::size_t max_table_cells = 50000;       // rows x columns over all tables, filled-in cells included
    std::size_t max_autolink_work = 2000000;   // sum over whitespace-free runs of length x (www./://@) count
    std::size_t max_brackets_per_block = 4000; // '[' in one paragraph-like block (no blank line)
    std::size_t max_email_work = 50000000;     // sum over blocks of '@' count x block bytes
    std::size_t max_line_prefix = 100;         // container markers ('>', list bullets) opening one line
    std::size_t max_depth = 32;                // deeper nodes are folded into text (MarkdownDoc::truncated)
    std::size_t max_nodes = 200000;            // further nodes are dropped (MarkdownDoc::truncated)
};

// Why the text is not parsed, with its 1-based line; nullopt when it is within limits.
struct MarkdownLimitError {
    std::size_t line = 0; // 0: the whole input
    std::string message;
    std::string ToString() const; // "line N: message" or "message"
};
std::optional<MarkdownLimitError> CheckMarkdownLimits(std::string_view text, const MarkdownLimits& lim);

enum class MdKind : uint8_t {
    Document,
    // blocks
    BlockQuote,
    List,
    Item,
    CodeBlock,
    HtmlBlock,
    Paragraph,
    Heading,
    ThematicBreak,
    Table,
    TableRow,
    TableCell,
    FootnoteDefinition,
    // inlines
    Text,
    SoftBreak,
    LineBreak,
    Code,
    HtmlInline,
    Emph,
    Strong,
    Strikethrough,
    Link,
    Image,
    FootnoteReference,
    Other,
};

struct MdNode {
    MdKind kind = MdKind::Other;
    int parent = -1, first_child = -1, last_child = -1, next = -1; // indexes into MarkdownDoc::nodes
    int line = 0;           // 1-based source line where the node starts (0 unknown)
    int column = 0;         // 1-based byte column where the node starts (0 unknown)
    uint8_t level = 0;      // Heading: 1..6
    bool ordered = false;   // List: numbered
    bool tight = false;     // List: no blank lines between items
    int start = 0;          // List: first number when ordered
    bool task = false;      // Item: has a [ ] / [x] / [X] box (also "- - [x]" and "> - [x]")
    bool checked = false;   // Item: the box is ticked (read from the box itself)
    bool header = false;    // TableRow: the header row
    std::string text;       // Text, Code, CodeBlock, HtmlBlock, HtmlInline: the literal
    std::string url, title; // Link, Image (title: the optional link title)
    std::string info;       // CodeBlock: fence info string
};

struct MarkdownDoc {
    std::vector<MdNode> nodes; // nodes[0] is the Document; children in document order
    bool truncated = false;    // max_depth or max_nodes folded or dropped something

    const MdNode& root() const { return nodes.front(); }
};

// Pre-scan, then parse. On failure returns nullopt and sets *error. Never throws;
// invalid UTF-8 is replaced by U+FFFD, NUL bytes likewise.
std::optional<MarkdownDoc> ParseMarkdown(std::string_view text, const MarkdownLimits& lim,
                                         std::string* error);

// Visits node `from` and its subtree in document order: enter(node) before the children,
// exit(node) after them. Return false from enter to skip that node's children (exit is
// still called). No recursion.
void WalkMarkdown(const MarkdownDoc& doc, int from, const std::function<bool(const MdNode&)>& enter,
                  const std::function<void(const MdNode&)>& exit);

// The text of a subtree: literals concatenated, soft/hard breaks as spaces/newlines.
// skip_lists: leave out nested List nodes (an item's own text without its sub-items).
std::string MdPlainText(const MarkdownDoc& doc, int from, bool skip_lists = false);

// The Markdown of a subtree's inlines, written back from the tree so that it parses to
// the same inlines: emphasis as *x* and **x**, links as [text](url), code as `x`, breaks
// as spaces, text with its Markdown punctuation escaped; blocks (paragraphs, table cells)
// separated by one space. Used to hand
// one list item or table cell to a reader of its own (citation.h) without the source.
// skip_lists as in MdPlainText.
std::string MdInlineMarkdown(const MarkdownDoc& doc, int from, bool skip_lists = false);

} // namespace shelfmark
