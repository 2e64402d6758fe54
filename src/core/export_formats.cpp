#include "core/export_formats.h"

#include <algorithm>
#include <set>

#include "core/markdown_import.h"
#include "core/progress_file.h"

namespace shelfmark {

namespace {

std::string LowerAscii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

// Percent-encodes what would end or break a Markdown link destination.
std::string MarkdownUrl(const std::string& url) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    for (char ch : url) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c == 0x7F || c == '(' || c == ')' || c == '<' || c == '>' || c == '\\') {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += ch;
        }
    }
    return out;
}

std::string OneLine(const std::string& s) {
    std::string out;
    for (char c : s)
        out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

std::string RoleHeading(const std::string& role) {
    if (role == "required") return "Required Reading";
    if (role == "optional") return "Optional Reading";
    if (role == "extra") return "Extra Reading";
    if (role == "background") return "Background Reading";
    std::string r = role;
    std::replace(r.begin(), r.end(), '-', ' ');
    if (!r.empty() && r[0] >= 'a' && r[0] <= 'z') r[0] = static_cast<char>(r[0] - 'a' + 'A');
    return r + " Reading";
}

std::string BibEscape(const std::string& s) {
    std::string out;
    for (char c : OneLine(s)) {
        switch (c) {
        case '\\': out += "\\textbackslash{}"; break;
        case '{': out += "\\{"; break;
        case '}': out += "\\}"; break;
        case '&':
        case '%':
        case '$':
        case '#':
        case '_':
            out += '\\';
            out += c;
            break;
        case '~': out += "\\textasciitilde{}"; break;
        case '^': out += "\\textasciicircum{}"; break;
        default: out += c;
        }
    }
    return out;
}

// Braces would unbalance the entry: percent-encode them; the rest stays verbatim.
std::string BibUrl(const std::string& url) {
    std::string out;
    for (char c : OneLine(url)) {
        if (c == '{')
            out += "%7B";
        else if (c == '}')
            out += "%7D";
        else if (c == '\\')
            out += "%5C";
        else
            out += c;
    }
    return out;
}

std::string CsvField(const std::string& s) {
    const bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                       (!s.empty() && (s.front() == ' ' || s.back() == ' '));
    if (!quote) return s;
    std::string out = "\"";
    for (char c : s) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string Join(const std::vector<std::string>& v, const std::string& sep) {
    std::string out;
    for (const std::string& s : v)
        out += (out.empty() ? "" : sep) + s;
    return out;
}

} // namespace

const Paper* PaperLookup::FindPaper(const std::string& id) const {
    if (catalogue)
        if (const Paper* p = catalogue->FindPaper(id)) return p;
    return user ? user->FindPaper(id) : nullptr;
}

const ReadingList* PaperLookup::FindList(const std::string& id) const {
    if (catalogue)
        if (const ReadingList* l = catalogue->FindList(id)) return l;
    return user ? user->FindList(id) : nullptr;
}

std::vector<ExportRow> PapersForExport(const PaperLookup& lookup, const ReadingList* list) {
    std::vector<ExportRow> rows;
    if (list) {
        for (const Section& s : list->sections)
            for (const Entry& e : s.entries)
                if (const Paper* p = lookup.FindPaper(e.paper))
                    rows.push_back({p, list->id, s.title, e.role});
        return rows;
    }
    std::map<std::string, const Paper*> all;
    if (lookup.catalogue)
        for (const Paper& p : lookup.catalogue->papers)
            all.emplace(p.id, &p);
    if (lookup.user)
        for (const auto& [id, up] : lookup.user->papers)
            all.emplace(id, &up.paper);
    for (const auto& [id, p] : all)
        rows.push_back({p, "", "", ""});
    return rows;
}

std::string EscapeMarkdownText(const std::string& s) {
    std::string out;
    for (char c : OneLine(s)) {
        if (std::string_view("\\`*_[]<>&!~|#").find(c) != std::string_view::npos) out += '\\';
        out += c;
    }
    return out;
}

std::string ExportListMarkdown(const ReadingList& list, const PaperLookup& lookup, const Progress& progress) {
    std::string out;
    std::string title;
    for (char c : OneLine(list.title)) {
        title += c;
        if (c == '\'') title += '\''; // YAML single-quoted: '' is a quote
    }
    out += "---\ntitle           : '" + title + "'\n---\n\n";
    if (!list.source.empty())
        out += "> [" + EscapeMarkdownText(list.source) + "](" + MarkdownUrl(list.source) + ")\n\n";
    out += "# Paper List\n";
    for (const Section& s : list.sections) {
        out += "\n## " + (s.title.empty() ? std::string("Untitled") : EscapeMarkdownText(s.title)) + "\n";
        std::string role;
        for (const Entry& e : s.entries) {
            const Paper* p = lookup.FindPaper(e.paper);
            if (e.role != role) {
                role = e.role;
                out += "\n### " + RoleHeading(role) + "\n\n";
            }
            const bool read = progress.StatusOf(p ? p->id : e.paper) == Status::Read;
            out += read ? "- - [x] " : "- - [ ] ";
            const std::string text = EscapeMarkdownText(p ? p->title : e.paper);
            if (p && !p->links.empty())
                out += "[" + text + "](" + MarkdownUrl(p->links.front()) + ")\n";
            else
                out += text + "\n";
        }
    }
    return out;
}

std::string ExportBibtex(const std::vector<ExportRow>& rows, const Progress& progress) {
    std::string out;
    std::set<std::string> done;
    for (const ExportRow& r : rows) {
        const Paper& p = *r.paper;
        if (!done.insert(p.id).second) continue;
        const bool arxiv = LowerAscii(p.venue) == "arxiv";
        std::string type = "misc", venue_field;
        if (p.kind == "book-chapter") {
            type = "incollection";
            venue_field = "booktitle";
        } else if (p.kind == "paper" && !p.venue.empty() && !arxiv) {
            type = "inproceedings";
            venue_field = "booktitle";
        } else if (!p.venue.empty()) {
            venue_field = "howpublished";
        }
        std::vector<std::pair<std::string, std::string>> fields;
        fields.emplace_back("title", "{" + BibEscape(p.title) + "}");
        if (!p.authors.empty()) {
            std::vector<std::string> names;
            for (const std::string& a : p.authors) {
                std::string e = BibEscape(a);
                // " and " inside one name would split it: keep it whole.
                if (LowerAscii(e).find(" and ") != std::string::npos) e = "{" + e + "}";
                names.push_back(e);
            }
            fields.emplace_back("author", Join(names, " and "));
        }
        if (!venue_field.empty()) fields.emplace_back(venue_field, BibEscape(p.venue));
        if (p.year > 0) fields.emplace_back("year", std::to_string(p.year));
        if (!p.links.empty()) fields.emplace_back("url", BibUrl(p.links.front()));
        for (const std::string& l : p.links) {
            if (const std::string a = ArxivIdOf(l); !a.empty()) {
                fields.emplace_back("eprint", a);
                fields.emplace_back("archiveprefix", "arXiv");
                break;
            }
        }
        const PaperProgress* pp = progress.Find(p.id);
        fields.emplace_back("status", StatusName(pp ? pp->status : Status::Unread));
        if (pp && !pp->tags.empty()) fields.emplace_back("keywords", BibEscape(Join(pp->tags, ", ")));
        out += "@" + type + "{" + p.id + ",\n";
        for (const auto& [k, v] : fields)
            out += "  " + k + " = {" + v + "},\n";
        out += "}\n\n";
    }
    return out;
}

std::string ExportCsv(const std::vector<ExportRow>& rows, const Progress& progress) {
    std::string out =
        "list,section,role,id,title,authors,venue,year,url,status,status_at,priority,tags,note\r\n";
    for (const ExportRow& r : rows) {
        const Paper& p = *r.paper;
        const PaperProgress* pp = progress.Find(p.id);
        const std::vector<std::string> cells = {
            r.list,
            r.section,
            r.role,
            p.id,
            p.title,
            Join(p.authors, "; "),
            p.venue,
            p.year > 0 ? std::to_string(p.year) : "",
            p.links.empty() ? "" : p.links.front(),
            StatusName(pp ? pp->status : Status::Unread),
            pp && pp->status_at > 0 ? FormatIsoUtc(pp->status_at) : "",
            pp ? std::to_string(pp->priority) : "0",
            pp ? Join(pp->tags, "; ") : "",
            pp ? pp->note : "",
        };
        for (std::size_t i = 0; i < cells.size(); ++i)
            out += (i ? "," : "") + CsvField(cells[i]);
        out += "\r\n";
    }
    return out;
}

} // namespace shelfmark
