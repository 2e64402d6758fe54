// libFuzzer target (see CMakeLists.txt, SHELFMARK_FUZZ): untrusted input must never crash,
// hang or break the export -> parse -> export round trip.
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
    return 0;
}
