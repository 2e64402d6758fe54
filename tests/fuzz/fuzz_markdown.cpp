// libFuzzer target (see CMakeLists.txt, SHELFMARK_FUZZ): untrusted input must never crash,
// hang or break the export -> parse -> export round trip.
#include "core/citation.h"
#include "core/markdown.h"
#include "core/markdown_import.h"
#include <cstdint>
#include <string>
using namespace shelfmark;
extern "C" int LLVMFuzzerTestOneInput(const uint8_t* d, size_t n) {
    std::string s(reinterpret_cast<const char*>(d), n);
    std::string err;
    auto doc = ParseMarkdown(s, MarkdownLimits{}, &err);
    if (doc) {
        (void)MdPlainText(*doc, 0);
        (void)MdInlineMarkdown(*doc, 0);
    }
    static PaperMatcher m = [] {
        PaperMatcher m;
        Paper p;
        p.id = "tvm";
        p.title = "TVM: A Compiler";
        p.links = {"https://arxiv.org/abs/1802.04799"};
        m.Add(p);
        return m;
    }();
    (void)ReadMarkdownChecklist(s, m, &err);
    ReadingListOptions o;
    (void)ReadMarkdownReadingList(s, m, o, nullptr, &err);
    // One item as the list readers hand it over: its text, the rest as details, a hint.
    CitationInput in;
    const std::size_t nl = s.find('\n');
    in.markdown = s.substr(0, nl);
    if (nl != std::string::npos) in.details = s.substr(nl + 1);
    in.title_hint = s.size() > 4 && s[0] == '|' ? s.substr(1, 40) : std::string();
    const Citation c = ReadCitation(in);
    if (c.titles.size() > 16 || c.title.size() > 600 || c.links.size() > 20) __builtin_trap();
    for (const CitationLink& l : c.links)
        if (l.url.size() < 7 || (l.url[0] | 0x20) != 'h' || (l.url[1] | 0x20) != 't' ||
            (l.url[2] | 0x20) != 't' || (l.url[3] | 0x20) != 'p')
            __builtin_trap(); // http(s) only
    (void)m.Find(c);
    return 0;
}
