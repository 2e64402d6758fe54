// libFuzzer target (see CMakeLists.txt, SHELFMARK_FUZZ): BibTeX in, on untrusted bytes.
// btparse (through bibtex_parser.cpp, its fatal errors caught) and bibtex_import.cpp must
// never crash or hang; parsing the same bytes twice gives the same answer (btparse's
// global state is reset between calls); every title, author and venue of the list is
// valid UTF-8 with no control characters; LaTeX text and author names too.
#include <cstdint>
#include <string>

#include "core/bibtex_import.h"
#include "core/bibtex_parser.h"
#include "core/utf8.h"

using namespace shelfmark;

namespace {

void Check(bool ok) {
    if (!ok) __builtin_trap();
}

bool CleanText(const std::string& s) {
    if (!utf8::IsValid(s)) return false;
    for (char c : s)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
    return true;
}

std::string Fingerprint(const std::optional<BibFile>& f, const std::string& error) {
    if (!f) return "error:" + error;
    std::string out;
    for (const BibEntry& e : f->entries) {
        out += e.type + "|" + e.key + "|" + std::to_string(e.line) + "\n";
        for (const BibField& fl : e.fields)
            out += fl.name + "=" + fl.value + "\n";
    }
    return out;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string e1, e2;
    const std::optional<BibFile> a = ParseBibtex(text, &e1);
    const std::optional<BibFile> b = ParseBibtex(text, &e2);
    Check(Fingerprint(a, e1) == Fingerprint(b, e2));

    (void)utf8::IsValid(LatexToText(text.substr(0, 4096)));
    for (const std::string& name : BibtexAuthors(text.substr(0, 4096)))
        Check(CleanText(name));

    PaperMatcher matcher;
    ReadingListOptions opt;
    std::string error;
    const auto r = ReadBibtexReadingList(text, matcher, opt, nullptr, &error);
    if (r) {
        Check(CleanText(r->list.list.list.title));
        for (const UserPaper& p : r->list.new_papers) {
            Check(!p.paper.id.empty() && CleanText(p.paper.title) && CleanText(p.paper.venue));
            for (const std::string& a : p.paper.authors)
                Check(CleanText(a));
            for (const std::string& l : p.paper.links)
                Check(IsHttpLink(l));
        }
        for (const Section& s : r->list.list.list.sections)
            Check(CleanText(s.title));
    }
    return 0;
}
