// PaperMatcher against the bundled catalogue (data/): the nickname case matches;
// every near-miss (shared prefixes, shared nicknames, a known title followed by more
// words, a year that does not fit) gives no match, because a wrong match silently marks
// the wrong paper read.
#include <doctest/doctest.h>

#include "core/catalog.h"
#include "core/citation.h"
#include "core/paper_matcher.h"

using namespace shelfmark;

namespace {

const Catalogue* Bundled() {
    static const CatalogueLoad load = LoadCatalogueDir(SHELFMARK_DATA_DIR);
    return load.ok() ? &load.catalogue : nullptr;
}

PaperMatcher::Match FindText(const PaperMatcher& m, const std::string& md, const std::string& details = "") {
    CitationInput in;
    in.markdown = md;
    in.details = details;
    return m.Find(ReadCitation(in));
}

std::string Id(const PaperMatcher& m, const std::string& md, const std::string& details = "") {
    return FindText(m, md, details).paper;
}

UserPaper Mine(const std::string& id, const std::string& title, int year = 0) {
    UserPaper u;
    u.paper.id = id;
    u.paper.title = title;
    u.paper.year = year;
    return u;
}

} // namespace

TEST_CASE("paper matcher: the issue's nickname before a known title matches") {
    const Catalogue* cat = Bundled();
    if (!cat) return; // data/ is checked by `shelfmark check` anyway
    PaperMatcher m;
    m.AddCatalogue(*cat);
    const PaperMatcher::Match hit =
        FindText(m, "- [x] Parameter Server: Scaling Distributed Machine Learning with the Parameter Server");
    CHECK(hit.paper == "parameter-server");
    CHECK(hit.by == MatchBy::Title);
    CHECK(Id(m, "**Parameter Server**: Scaling Distributed Machine Learning with the Parameter Server (OSDI "
                "'14)") == "parameter-server");
    // Also through the old signature (links and title candidates).
    CHECK(m.Find({}, {"Parameter Server: Scaling Distributed Machine Learning with the Parameter Server"})
              .paper == "parameter-server");
    // Not when the words before the colon say the item is about another paper.
    CHECK(Id(m, "Follow-up to: Scaling Distributed Machine Learning with the Parameter Server").empty());
    CHECK(Id(m, "Critique: Scaling Distributed Machine Learning with the Parameter Server").empty());
}

TEST_CASE("paper matcher: the citation shapes find catalogue papers") {
    const Catalogue* cat = Bundled();
    if (!cat) return;
    PaperMatcher m;
    m.AddCatalogue(*cat);
    CHECK(Id(m, "Abadi, M., et al. (2016). **TensorFlow: A System for Large-Scale Machine Learning**. *OSDI "
                "2016*.") == "tensorflow");
    CHECK(
        Id(m,
           "Li, Andersen, Park, et al. \"Scaling Distributed Machine Learning with the Parameter Server\"") ==
        "parameter-server");
    CHECK(Id(m, "PipeDream: Generalized Pipeline Parallelism for DNN Training "
                "[[Paper]](https://example.org/p.pdf) "
                "[[Code]](https://github.com/msr-fiddle/pipedream)") == "pipedream");
    CHECK(Id(m, "**[NeurIPS'19]** GPipe: Efficient Training of Giant Neural Networks using Pipeline "
                "Parallelism") == "gpipe");
    CHECK(Id(m,
             "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism (NeurIPS '19)") ==
          "gpipe");
    CHECK(Id(m, "TensorFlow: A System for Large-Scale Machine Learning. Abadi et al. OSDI 2016.") ==
          "tensorflow");
    CHECK(Id(m, "Large Batch Optimization for Deep Learning") == "lamb"); // the long unique head alone
    CHECK(Id(m, "[GPipe]") == "gpipe");                                   // a short name alone
    // arXiv identity: another link text, another version of the id.
    const PaperMatcher::Match ax = FindText(m, "[the Megatron paper](https://arxiv.org/abs/2104.04473v5)");
    CHECK(ax.paper == "megatron-lm-2021");
    CHECK(ax.by == MatchBy::ArxivId);
    CHECK(Id(m, "Some text. arXiv:2104.04473") == "megatron-lm-2021");
}

TEST_CASE("paper matcher: near-misses against the bundled catalogue give no match") {
    const Catalogue* cat = Bundled();
    if (!cat) return;
    PaperMatcher m;
    m.AddCatalogue(*cat);
    const char* const misses[] = {
        // Shares the first words of "Scaling Distributed Machine Learning with the Parameter Server".
        "Scaling Distributed Machine Learning with System and Algorithm Co-design",
        // A known title followed by more words is another paper.
        "TensorFlow: A System for Large-Scale Machine Learning on Heterogeneous Distributed Systems",
        "TensorFlow: Large-Scale Machine Learning on Heterogeneous Distributed Systems",
        "Large Batch Optimization for Deep Learning Using Second-Order Methods",
        "PipeDream-2BW: Memory-Efficient Pipeline-Parallel DNN Training",
        // A 4-word head is not enough ("Sparsity in Deep Learning" is also a tutorial).
        "Sparsity in Deep Learning",
        // A short name inside a longer title names something else.
        "GPipe for Recommendation Models",
        "Pathways: Asynchronous Distributed Dataflow for ML",
        // The head's paper, but the year is another paper's.
        "Megatron-LM (SC '21)",
        // A known title with a year far off.
        "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism (NeurIPS 2012)",
        // A nickname only.
        "Spark",
        "Horovod 2",
    };
    for (const char* text : misses) {
        INFO(text);
        const PaperMatcher::Match r = FindText(m, text);
        CHECK(r.paper == "");
        CHECK(r.by == MatchBy::None);
    }
}

TEST_CASE("paper matcher: a title that starts with a known title is another paper") {
    PaperMatcher m;
    Paper attention;
    attention.id = "attention";
    attention.title = "Attention Is All You Need";
    attention.year = 2017;
    m.Add(attention);
    CHECK(Id(m, "Attention Is All You Need").size() > 0);
    CHECK(Id(m, "[Attention Is All You Need](https://example.org/a) Vaswani et al., NeurIPS 2017") ==
          "attention");
    CHECK(Id(m, "Attention Is All You Need. Vaswani, Shazeer, Parmar. NeurIPS 2017.") == "attention");
    CHECK(Id(m, "Attention Is All You Need In Speech Separation").empty());
    CHECK(Id(m, "Attention Is All You Need for Chinese Word Segmentation").empty());
    CHECK(Id(m, "Attention Is Not All You Need").empty());
    CHECK(Id(m, "Is Attention All You Need?").empty());
    CHECK(m.Find({}, {"Attention Is All You Need In Speech Separation"}).paper.empty());
}

TEST_CASE("paper matcher: one nickname for two papers matches neither") {
    const Catalogue* cat = Bundled();
    if (!cat) return;
    PaperMatcher m;
    m.AddCatalogue(*cat);
    UserData u;
    u.papers.emplace("u-gpipe-study", Mine("u-gpipe-study", "GPipe: A Reimplementation Study", 2021));
    m.AddUserData(u);
    CHECK(Id(m, "[GPipe]").empty());
    CHECK(Id(m, "GPipe").empty());
    // The whole titles still match their own paper.
    CHECK(Id(m, "GPipe: A Reimplementation Study") == "u-gpipe-study");
    CHECK(Id(m, "GPipe: Efficient Training of Giant Neural Networks using Pipeline Parallelism") == "gpipe");
}

TEST_CASE("paper matcher: DOI identity, and year and venue pick among papers of one title") {
    PaperMatcher m;
    UserData u;
    UserPaper a = Mine("u-survey-2019", "A Survey of Deep Learning Compilers", 2019);
    a.paper.venue = "arXiv";
    UserPaper b = Mine("u-survey-2020", "A Survey of Deep Learning Compilers", 2021);
    b.paper.venue = "TPDS";
    b.extras.doi = "10.1109/tpds.2020.3030548";
    u.papers.emplace(a.paper.id, a);
    u.papers.emplace(b.paper.id, b);
    m.AddUserData(u);
    const PaperMatcher::Match d = FindText(m, "Some title, doi:10.1109/TPDS.2020.3030548");
    CHECK(d.paper == "u-survey-2020");
    CHECK(d.by == MatchBy::Doi);
    CHECK(Id(m, "A Survey of Deep Learning Compilers, TPDS 2021") == "u-survey-2020");
    CHECK(Id(m, "A Survey of Deep Learning Compilers (arXiv 2019)") == "u-survey-2019");
    CHECK(Id(m, "A Survey of Deep Learning Compilers") == "u-survey-2019"); // no hint: the first added
    CHECK(Id(m, "A Survey of Deep Learning Compilers (2012)").empty());     // neither year fits
}

TEST_CASE("paper matcher: CJK titles match by their characters, full-width colons included") {
    PaperMatcher m;
    Paper p;
    p.id = "zh-survey";
    // 深度学习编译器综述
    p.title =
        "\xE6\xB7\xB1\xE5\xBA\xA6\xE5\xAD\xA6\xE4\xB9\xA0\xE7\xBC\x96\xE8\xAF\x91\xE5\x99\xA8\xE7\xBB\xBC"
        "\xE8\xBF\xB0";
    m.Add(p);
    CHECK(Id(m, "\xE3\x80\x8A" + p.title + "\xE3\x80\x8B 2021") == "zh-survey");
    // "TVM：" + the title (a nickname and a full-width colon).
    CHECK(Id(m, "TVM\xEF\xBC\x9A" + p.title) == "zh-survey");
    // One character more is another title.
    CHECK(Id(m, p.title + "\xE4\xBA\x8C").empty());
}
