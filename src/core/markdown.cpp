// markdown.cpp: the one place that includes cmark-gfm (see markdown.h).
#include "core/markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include <algorithm>
#include <cstring>
#include <memory>

namespace shelfmark {

namespace {

// ------------------------------------------------------------------ pre-scan

bool IsBlankLine(std::string_view line) {
    return std::all_of(line.begin(), line.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Container markers opening a line: '>' and list bullets or numbers followed by a space.
std::size_t CountLinePrefix(std::string_view line) {
    std::size_t i = 0, n = 0;
    auto at = [&](std::size_t k) { return k < line.size() ? line[k] : '\0'; };
    for (;;) {
        while (at(i) == ' ' || at(i) == '\t')
            ++i;
        const char c = at(i);
        if (c == '>') {
            ++i;
            ++n;
        } else if ((c == '-' || c == '*' || c == '+') && (at(i + 1) == ' ' || at(i + 1) == '\t')) {
            i += 2;
            ++n;
        } else if (c >= '0' && c <= '9') {
            std::size_t k = i;
            while (k < line.size() && k - i < 9 && at(k) >= '0' && at(k) <= '9')
                ++k;
            if ((at(k) == '.' || at(k) == ')') && (at(k + 1) == ' ' || at(k + 1) == '\t')) {
                i = k + 2;
                ++n;
            } else {
                return n;
            }
        } else {
            return n;
        }
    }
}

// A line that may be a GFM table delimiter row ("| --- | :-: |", possibly inside block
// quotes or list items): only pipes, dashes, colons, spaces and container markers, with
// at least one pipe and one dash. Returns its column count (an upper bound), else 0.
std::size_t DelimiterRowColumns(std::string_view line) {
    // Leading and trailing pipes do not start cells.
    std::size_t b = 0, e = line.size();
    while (b < e && (line[b] == ' ' || line[b] == '\t' || line[b] == '>'))
        ++b;
    while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t'))
        --e;
    if (b < e && line[b] == '|') ++b;
    if (e > b && line[e - 1] == '|') --e;
    std::size_t pipes = 0, dashes = 0;
    for (char c : line.substr(b, e - b)) {
        if (c == '|')
            ++pipes;
        else if (c == '-')
            ++dashes;
        else if (!(c == ':' || c == ' ' || c == '\t' || c == '>' || c == '*' || c == '+' || c == '.' ||
                   c == ')' || (c >= '0' && c <= '9')))
            return 0;
    }
    // A row with a single cell needs a pipe somewhere; any table has at least 1 column.
    const bool any_pipe = pipes > 0 || line.find('|') != std::string_view::npos;
    return (any_pipe && dashes > 0) ? pipes + 1 : 0;
}

bool IsAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Work the autolink extension may do on one whitespace-free run: each "www.", "://" and
// "@" makes it scan the run; each ')' may make it rescan a link candidate.
std::size_t AutolinkWork(std::string_view run) {
    std::size_t candidates = 0, parens = 0;
    for (std::size_t i = 0; i < run.size(); ++i) {
        const char c = run[i];
        if (c == '@') {
            ++candidates;
        } else if (c == ')') {
            ++parens;
        } else if (c == 'w' && run.compare(i, 4, "www.") == 0) {
            ++candidates;
        } else if (c == ':' && run.compare(i, 3, "://") == 0) {
            ++candidates;
        }
    }
    if (candidates == 0) return 0;
    // The paren rescans are plain byte loops, about 16 times cheaper than a host scan.
    return run.size() * candidates + run.size() * parens / 16;
}

MarkdownLimitError LimitError(std::size_t line, std::string message) {
    MarkdownLimitError e;
    e.line = line;
    e.message = std::move(message);
    return e;
}

// ------------------------------------------------------------------ cmark-gfm -> MdNode

struct ParserDeleter {
    void operator()(cmark_parser* p) const { cmark_parser_free(p); }
};
struct NodeDeleter {
    void operator()(cmark_node* n) const { cmark_node_free(n); }
};
struct IterDeleter {
    void operator()(cmark_iter* i) const { cmark_iter_free(i); }
};

bool IsLeaf(cmark_node_type t) {
    switch (t) {
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE: return true;
    default: return false;
    }
}

std::string Str(const char* s) { return s ? std::string(s) : std::string(); }

MdKind KindOf(cmark_node* n) {
    const cmark_node_type t = cmark_node_get_type(n);
    switch (t) {
    case CMARK_NODE_DOCUMENT: return MdKind::Document;
    case CMARK_NODE_BLOCK_QUOTE: return MdKind::BlockQuote;
    case CMARK_NODE_LIST: return MdKind::List;
    case CMARK_NODE_ITEM: return MdKind::Item;
    case CMARK_NODE_CODE_BLOCK: return MdKind::CodeBlock;
    case CMARK_NODE_HTML_BLOCK: return MdKind::HtmlBlock;
    case CMARK_NODE_PARAGRAPH: return MdKind::Paragraph;
    case CMARK_NODE_HEADING: return MdKind::Heading;
    case CMARK_NODE_THEMATIC_BREAK: return MdKind::ThematicBreak;
    case CMARK_NODE_FOOTNOTE_DEFINITION: return MdKind::FootnoteDefinition;
    case CMARK_NODE_TEXT: return MdKind::Text;
    case CMARK_NODE_SOFTBREAK: return MdKind::SoftBreak;
    case CMARK_NODE_LINEBREAK: return MdKind::LineBreak;
    case CMARK_NODE_CODE: return MdKind::Code;
    case CMARK_NODE_HTML_INLINE: return MdKind::HtmlInline;
    case CMARK_NODE_EMPH: return MdKind::Emph;
    case CMARK_NODE_STRONG: return MdKind::Strong;
    case CMARK_NODE_LINK: return MdKind::Link;
    case CMARK_NODE_IMAGE: return MdKind::Image;
    case CMARK_NODE_FOOTNOTE_REFERENCE: return MdKind::FootnoteReference;
    default: break;
    }
    // Extension nodes are told apart by their type string.
    const char* ts = cmark_node_get_type_string(n);
    if (!ts) return MdKind::Other;
    if (std::strcmp(ts, "table") == 0) return MdKind::Table;
    if (std::strcmp(ts, "table_row") == 0 || std::strcmp(ts, "table_header") == 0) return MdKind::TableRow;
    if (std::strcmp(ts, "table_cell") == 0) return MdKind::TableCell;
    if (std::strcmp(ts, "strikethrough") == 0) return MdKind::Strikethrough;
    return MdKind::Other;
}

void FillNode(cmark_node* n, MdNode& out) {
    out.kind = KindOf(n);
    out.line = cmark_node_get_start_line(n);
    out.column = cmark_node_get_start_column(n);
    switch (out.kind) {
    case MdKind::Heading: out.level = static_cast<uint8_t>(cmark_node_get_heading_level(n)); break;
    case MdKind::List:
        out.ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        out.tight = cmark_node_get_list_tight(n) != 0;
        out.start = cmark_node_get_list_start(n);
        break;
    case MdKind::Item: {
        const char* ts = cmark_node_get_type_string(n);
        out.task = ts && std::strcmp(ts, "tasklist") == 0;
        out.checked = out.task && cmark_gfm_extensions_get_tasklist_item_checked(n);
        break;
    }
    case MdKind::TableRow: out.header = cmark_gfm_extensions_get_table_row_is_header(n) != 0; break;
    case MdKind::CodeBlock:
        out.info = Str(cmark_node_get_fence_info(n));
        out.text = Str(cmark_node_get_literal(n));
        break;
    case MdKind::Text:
    case MdKind::Code:
    case MdKind::HtmlBlock:
    case MdKind::HtmlInline: out.text = Str(cmark_node_get_literal(n)); break;
    case MdKind::Link:
    case MdKind::Image:
        out.url = Str(cmark_node_get_url(n));
        out.title = Str(cmark_node_get_title(n));
        break;
    default: break;
    }
}

int AddChild(MarkdownDoc& doc, int parent, MdNode node) {
    const int index = static_cast<int>(doc.nodes.size());
    node.parent = parent;
    doc.nodes.push_back(std::move(node));
    if (parent >= 0) {
        MdNode& p = doc.nodes[static_cast<std::size_t>(parent)];
        if (p.last_child >= 0)
            doc.nodes[static_cast<std::size_t>(p.last_child)].next = index;
        else
            p.first_child = index;
        p.last_child = index;
    }
    return index;
}

MarkdownDoc CopyTree(cmark_node* root, const MarkdownLimits& lim) {
    MarkdownDoc doc;
    std::vector<int> open;  // my nodes for the cmark containers entered and not exited
    std::size_t folded = 0; // cmark containers entered below the depth cap, not exited
    int fold_text = -1;     // the Text node collecting folded literals
    std::unique_ptr<cmark_iter, IterDeleter> it(cmark_iter_new(root));
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it.get())) != CMARK_EVENT_DONE) {
        cmark_node* n = cmark_iter_get_node(it.get());
        const bool leaf = IsLeaf(cmark_node_get_type(n));
        if (ev == CMARK_EVENT_EXIT) {
            if (folded > 0) {
                --folded; // back under the same parent: keep appending to fold_text
            } else if (!open.empty()) {
                open.pop_back();
                fold_text = -1;
            }
            continue;
        }
        // ENTER
        const bool too_deep = !open.empty() && (folded > 0 || open.size() >= lim.max_depth);
        if (too_deep || doc.nodes.size() >= lim.max_nodes) {
            doc.truncated = true;
            if (too_deep && doc.nodes.size() < lim.max_nodes) {
                // Keep the words: fold everything below the cap into one Text node.
                MdNode tmp;
                FillNode(n, tmp);
                std::string add;
                if (tmp.kind == MdKind::Text || tmp.kind == MdKind::Code || tmp.kind == MdKind::CodeBlock)
                    add = tmp.text;
                else if (tmp.kind == MdKind::SoftBreak || tmp.kind == MdKind::LineBreak ||
                         tmp.kind == MdKind::Paragraph)
                    add = " ";
                if (!add.empty()) {
                    if (fold_text < 0) {
                        MdNode t;
                        t.kind = MdKind::Text;
                        t.line = tmp.line;
                        fold_text = AddChild(doc, open.back(), std::move(t));
                    }
                    doc.nodes[static_cast<std::size_t>(fold_text)].text += add;
                }
            }
            if (!leaf) ++folded;
            continue;
        }
        MdNode node;
        FillNode(n, node);
        const int index = AddChild(doc, open.empty() ? -1 : open.back(), std::move(node));
        if (!leaf) open.push_back(index);
    }
    if (doc.nodes.empty()) {
        MdNode d;
        d.kind = MdKind::Document;
        doc.nodes.push_back(d);
    }
    return doc;
}

// Byte offsets where each line starts (lines end at \n, \r\n or \r, as in CommonMark).
std::vector<std::size_t> LineStarts(std::string_view text) {
    std::vector<std::size_t> starts = {0};
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        if (text[i] == '\n' || text[i] == '\r') starts.push_back(i + 1);
    }
    return starts;
}

// The text of 1-based line `line`, without its line end.
std::string_view SourceLine(std::string_view text, const std::vector<std::size_t>& starts, int line) {
    if (line < 1 || static_cast<std::size_t>(line) > starts.size()) return {};
    const std::size_t b = starts[static_cast<std::size_t>(line - 1)];
    std::size_t e =
        static_cast<std::size_t>(line) < starts.size() ? starts[static_cast<std::size_t>(line)] : text.size();
    while (e > b && (text[e - 1] == '\n' || text[e - 1] == '\r'))
        --e;
    return text.substr(b, e - b);
}

// cmark-gfm's tasklist extension (0.29.0.gfm.6 and gfm.13) only sees a box right after the first list
// marker of a line (so not "- - [x]" nor "> - [x]"), and decides "checked" by searching
// the whole line for "[x]" ("- [ ] see [x]" comes out ticked). So: read the box of the
// items it found from the source, and take a leading "[ ] "/"[x] " of the others' first
// paragraph as their box.
void FixTaskItems(MarkdownDoc& doc, std::string_view text) {
    auto at = [&](int i) -> MdNode& { return doc.nodes[static_cast<std::size_t>(i)]; };
    std::vector<std::size_t> starts; // made on first use
    for (std::size_t i = 0; i < doc.nodes.size(); ++i) {
        MdNode& item = doc.nodes[i];
        if (item.kind != MdKind::Item) continue;
        if (item.task) {
            if (starts.empty()) starts = LineStarts(text);
            const std::string_view line = SourceLine(text, starts, item.line);
            std::size_t p = item.column > 0 ? static_cast<std::size_t>(item.column - 1) : 0;
            if (p < line.size() && (line[p] == '-' || line[p] == '+' || line[p] == '*')) {
                ++p;
            } else {
                while (p < line.size() && line[p] >= '0' && line[p] <= '9')
                    ++p;
                if (p < line.size() && (line[p] == '.' || line[p] == ')')) ++p;
            }
            while (p < line.size() && (line[p] == ' ' || line[p] == '\t'))
                ++p;
            if (p + 2 < line.size() && line[p] == '[' && line[p + 2] == ']')
                item.checked = line[p + 1] == 'x' || line[p + 1] == 'X';
            continue;
        }
        if (item.first_child < 0) continue;
        const MdNode& para = at(item.first_child);
        if (para.kind != MdKind::Paragraph || para.line != item.line || para.first_child < 0) continue;
        MdNode& t = at(para.first_child);
        if (t.kind != MdKind::Text || t.text.size() < 4 || t.text[0] != '[' || t.text[2] != ']' ||
            (t.text[3] != ' ' && t.text[3] != '\t'))
            continue;
        const char box = t.text[1];
        if (box != ' ' && box != 'x' && box != 'X') continue;
        if (t.text.size() == 4 && t.next < 0) continue; // "- [x]" with nothing after is no task
        item.task = true;
        item.checked = box != ' ';
        t.text.erase(0, 4);
    }
}

} // namespace

std::string MarkdownLimitError::ToString() const {
    return line ? "line " + std::to_string(line) + ": " + message : message;
}

std::optional<MarkdownLimitError> CheckMarkdownLimits(std::string_view text, const MarkdownLimits& lim) {
    if (text.size() > lim.max_bytes) {
        return LimitError(0, "Markdown text too large: " + std::to_string(text.size()) +
                                 " bytes, the limit is " + std::to_string(lim.max_bytes));
    }
    // Split into lines (\n, \r\n or \r, as CommonMark does) and blocks (runs of non-blank
    // lines: no paragraph or table continues across a blank line).
    struct Line {
        std::string_view text;
        std::size_t number;
    };
    std::vector<Line> lines;
    for (std::size_t i = 0, number = 1; i <= text.size(); ++number) {
        std::size_t end = text.find_first_of("\r\n", i);
        if (end == std::string_view::npos) end = text.size();
        lines.push_back({text.substr(i, end - i), number});
        if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
        i = end + 1;
    }

    std::size_t table_cells = 0, autolink_work = 0, email_work = 0;
    for (std::size_t b = 0; b < lines.size();) {
        if (IsBlankLine(lines[b].text)) {
            ++b;
            continue;
        }
        std::size_t e = b;
        while (e < lines.size() && !IsBlankLine(lines[e].text))
            ++e;
        std::size_t brackets = 0, at_signs = 0, block_bytes = 0;
        for (std::size_t k = b; k < e; ++k) {
            const Line& l = lines[k];
            at_signs += static_cast<std::size_t>(std::count(l.text.begin(), l.text.end(), '@'));
            block_bytes += l.text.size() + 1;
            if (CountLinePrefix(l.text) > lim.max_line_prefix) {
                return LimitError(l.number, "more than " + std::to_string(lim.max_line_prefix) +
                                                " nested quotes or list markers on one line");
            }
            brackets += static_cast<std::size_t>(std::count(l.text.begin(), l.text.end(), '['));
            // A table with this delimiter row has at most one row per line of the block
            // from the header on (the delimiter row itself is none), each filled to the
            // column count.
            if (const std::size_t cols = DelimiterRowColumns(l.text); cols > 1) {
                table_cells += cols * (e - k);
                if (table_cells > lim.max_table_cells) {
                    return LimitError(l.number, "tables too large: more than " +
                                                    std::to_string(lim.max_table_cells) + " cells");
                }
            }
        }
        // For each e-mail address it links, the autolink extension copies the rest of
        // the text node: '@' count x text length.
        email_work += at_signs * block_bytes;
        if (email_work > lim.max_email_work) {
            return LimitError(lines[b].number, "too many e-mail address candidates ('@') in one paragraph");
        }
        if (brackets > lim.max_brackets_per_block) {
            return LimitError(lines[b].number, "more than " + std::to_string(lim.max_brackets_per_block) +
                                                   " '[' in one paragraph");
        }
        b = e;
    }

    std::size_t line = 1;
    for (std::size_t i = 0; i < text.size();) {
        if (IsAsciiSpace(text[i])) {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.size() || text[i + 1] != '\n'))) ++line;
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j < text.size() && !IsAsciiSpace(text[j]))
            ++j;
        autolink_work += AutolinkWork(text.substr(i, j - i));
        if (autolink_work > lim.max_autolink_work) {
            return LimitError(line, "too many web or e-mail address candidates in long unbroken text");
        }
        i = j;
    }
    return std::nullopt;
}

std::optional<MarkdownDoc> ParseMarkdown(std::string_view text, const MarkdownLimits& lim,
                                         std::string* error) {
    if (auto problem = CheckMarkdownLimits(text, lim)) {
        if (error) *error = problem->ToString();
        return std::nullopt;
    }
    static const bool registered = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return true;
    }();
    (void)registered;

    std::unique_ptr<cmark_parser, ParserDeleter> parser(
        cmark_parser_new(CMARK_OPT_VALIDATE_UTF8 | CMARK_OPT_SOURCEPOS));
    for (const char* name : {"table", "strikethrough", "autolink", "tasklist"}) {
        if (cmark_syntax_extension* ext = cmark_find_syntax_extension(name))
            cmark_parser_attach_syntax_extension(parser.get(), ext);
    }
    cmark_parser_feed(parser.get(), text.data(), text.size());
    std::unique_ptr<cmark_node, NodeDeleter> root(cmark_parser_finish(parser.get()));
    if (!root) {
        if (error) *error = "the Markdown parser failed";
        return std::nullopt;
    }
    MarkdownDoc doc = CopyTree(root.get(), lim);
    FixTaskItems(doc, text);
    return doc;
}

void WalkMarkdown(const MarkdownDoc& doc, int from, const std::function<bool(const MdNode&)>& enter,
                  const std::function<void(const MdNode&)>& exit) {
    if (from < 0 || static_cast<std::size_t>(from) >= doc.nodes.size()) return;
    auto node = [&](int i) -> const MdNode& { return doc.nodes[static_cast<std::size_t>(i)]; };
    int cur = from;
    for (;;) {
        const MdNode& n = node(cur);
        if (enter(n) && n.first_child >= 0) {
            cur = n.first_child;
            continue;
        }
        // Leave this node and every ancestor that has no next sibling.
        for (;;) {
            const MdNode& done = node(cur);
            exit(done);
            if (cur == from) return;
            if (done.next >= 0) {
                cur = done.next;
                break;
            }
            cur = done.parent;
        }
    }
}

std::string MdPlainText(const MarkdownDoc& doc, int from, bool skip_lists) {
    std::string out;
    auto gap = [&] {
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
    };
    WalkMarkdown(
        doc, from,
        [&](const MdNode& n) {
            if (skip_lists && n.kind == MdKind::List && &n != &doc.nodes[static_cast<std::size_t>(from)])
                return false;
            switch (n.kind) {
            case MdKind::Text:
            case MdKind::Code: out += n.text; break;
            case MdKind::CodeBlock:
                gap();
                out += n.text;
                break;
            case MdKind::SoftBreak: out += ' '; break;
            case MdKind::LineBreak: out += '\n'; break;
            case MdKind::Paragraph:
            case MdKind::Heading:
            case MdKind::TableCell: gap(); break;
            default: break;
            }
            return true;
        },
        [](const MdNode&) {});
    // Trim.
    const auto b = out.find_first_not_of(" \n");
    if (b == std::string::npos) return {};
    const auto e = out.find_last_not_of(" \n");
    return out.substr(b, e - b + 1);
}

namespace {

// Text as Markdown that reads back as the same text: ASCII punctuation that could open
// an inline (emphasis, code, link, HTML, strikethrough, an entity) is escaped.
void AppendEscaped(std::string& out, std::string_view text) {
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool entity = c == '&' && i + 1 < text.size() &&
                            (text[i + 1] == '#' || (text[i + 1] >= 'a' && text[i + 1] <= 'z') ||
                             (text[i + 1] >= 'A' && text[i + 1] <= 'Z'));
        if (entity || (c != '\0' && std::strchr("\\`*_[]<>~!", c) != nullptr)) out += '\\';
        out += c;
    }
}

// A link destination: in <...> when it holds spaces, parentheses or angle brackets.
void AppendUrl(std::string& out, std::string_view url) {
    if (!url.empty() && url.find_first_of(" ()<>\\") == std::string_view::npos) {
        out += url;
        return;
    }
    out += '<';
    for (char c : url) {
        if (c == '<' || c == '>' || c == '\\') out += '\\';
        out += c;
    }
    out += '>';
}

} // namespace

std::string MdInlineMarkdown(const MarkdownDoc& doc, int from, bool skip_lists) {
    std::string out;
    auto gap = [&] {
        if (!out.empty() && out.back() != ' ') out += ' ';
    };
    WalkMarkdown(
        doc, from,
        [&](const MdNode& n) {
            if (skip_lists && n.kind == MdKind::List && &n != &doc.nodes[static_cast<std::size_t>(from)])
                return false;
            switch (n.kind) {
            case MdKind::Text: AppendEscaped(out, n.text); break;
            case MdKind::Code: {
                const std::string ticks = n.text.find('`') == std::string::npos ? "`" : "`` ";
                out += ticks + n.text + (ticks.size() > 1 ? " ``" : "`");
                break;
            }
            case MdKind::HtmlInline: out += n.text; break;
            case MdKind::SoftBreak:
            case MdKind::LineBreak: out += ' '; break;
            case MdKind::Emph: out += '*'; break;
            case MdKind::Strong: out += "**"; break;
            case MdKind::Strikethrough: out += "~~"; break;
            case MdKind::Link: out += '['; break;
            case MdKind::Image: out += "!["; break;
            case MdKind::Paragraph:
            case MdKind::Heading:
            case MdKind::TableCell:
            case MdKind::CodeBlock: gap(); break;
            default: break;
            }
            if (n.kind == MdKind::CodeBlock) out += n.text;
            return true;
        },
        [&](const MdNode& n) {
            switch (n.kind) {
            case MdKind::Emph: out += '*'; break;
            case MdKind::Strong: out += "**"; break;
            case MdKind::Strikethrough: out += "~~"; break;
            case MdKind::Link:
            case MdKind::Image:
                out += "](";
                AppendUrl(out, n.url);
                if (!n.title.empty()) {
                    out += " \"";
                    for (char c : n.title) {
                        if (c == '"' || c == '\\') out += '\\';
                        out += c;
                    }
                    out += '"';
                }
                out += ')';
                break;
            default: break;
            }
        });
    const auto b = out.find_first_not_of(" \n");
    if (b == std::string::npos) return {};
    const auto e = out.find_last_not_of(" \n");
    std::string md = out.substr(b, e - b + 1);
    // What would open a block at the start of a line: "#", "-", "+", "1." / "1)", "|", "=".
    std::size_t digits = 0;
    while (digits < md.size() && md[digits] >= '0' && md[digits] <= '9')
        ++digits;
    if (digits > 0 && digits < md.size() && (md[digits] == '.' || md[digits] == ')'))
        md.insert(digits, 1, '\\');
    else if (std::strchr("#-+|=", md[0]) != nullptr)
        md.insert(0, 1, '\\');
    return md;
}

} // namespace shelfmark
