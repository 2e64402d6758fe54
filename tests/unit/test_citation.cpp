// ReadCitation(): one CHECK block per shape of reading-list item. The strings are written
// here (paper titles, authors, venues and links are facts); the shapes come from real
// awesome-lists, paper-notes READMEs and course pages.
#include <doctest/doctest.h>

#include "core/citation.h"
#include "core/paper_matcher.h"

using namespace shelfmark;

namespace {

Citation Read(const std::string& md, const std::string& details = "", const std::string& hint = "") {
    CitationInput in;
    in.markdown = md;
    in.details = details;
    in.title_hint = hint;
    return ReadCitation(in);
}

std::vector<std::string> Kinds(const Citation& c) {
    std::vector<std::string> out;
    for (const CitationLink& l : c.links)
        out.push_back(l.kind);
    return out;
}

using Strings = std::vector<std::string>;

} // namespace

TEST_CASE("citation: author-year with a strong title and an emphasized venue") {
    const Citation c =
        Read("Dean, J., et al. (2012). **Large Scale Distributed Deep Networks**. *NeurIPS 2012*.");
    CHECK(c.title == "Large Scale Distributed Deep Networks");
    CHECK(c.authors == Strings{"Dean, J."});
    CHECK(c.venue == "NeurIPS");
    CHECK(c.year == 2012);
    REQUIRE_FALSE(c.titles.empty());
    CHECK(c.titles.front() == c.title);
}

TEST_CASE("citation: several author-initial pairs before the year") {
    const Citation c =
        Read("Abadi, M., Barham, P., and Chen, J. (2016). TensorFlow: A System for Large-Scale "
             "Machine Learning. In OSDI.");
    CHECK(c.title == "TensorFlow: A System for Large-Scale Machine Learning");
    CHECK(c.authors == Strings{"Abadi, M.", "Barham, P.", "Chen, J."});
    CHECK(c.year == 2016);
    CHECK(c.venue == "OSDI");
}

TEST_CASE("citation: quoted title with the authors before it") {
    const Citation c = Read("Gao, Tang, Zhan, et al. \"AIBench: An Industry Standard AI Benchmark Suite\" "
                            "arXiv:1908.08998");
    CHECK(c.title == "AIBench: An Industry Standard AI Benchmark Suite");
    CHECK(c.authors == Strings{"Gao", "Tang", "Zhan"});
    CHECK(c.arxiv == "1908.08998");
    CHECK(c.venue == "arXiv");
}

TEST_CASE("citation: title followed by [[Paper]] and [[Code]] links") {
    const Citation c =
        Read("Efficient Memory Management for Large Language Model Serving with PagedAttention "
             "[[Paper]](https://arxiv.org/abs/2309.06180) [[Code]](https://github.com/vllm-project/vllm)");
    CHECK(c.title == "Efficient Memory Management for Large Language Model Serving with PagedAttention");
    CHECK(Kinds(c) == Strings{"paper", "code"});
    CHECK(c.arxiv == "2309.06180");
    for (const std::string& t : c.titles)
        CHECK(t != "Paper");
}

TEST_CASE("citation: linked title, then authors, then venue and year") {
    const Citation c =
        Read("[Serving DNNs like Clockwork: Performance Predictability from the Bottom Up]"
             "(https://www.usenix.org/conference/osdi20/presentation/gujarati), Arpan Gujarati, Reza Karimi, "
             "Safya Alzayat, OSDI 2020");
    CHECK(c.title == "Serving DNNs like Clockwork: Performance Predictability from the Bottom Up");
    CHECK(c.authors == Strings{"Arpan Gujarati", "Reza Karimi", "Safya Alzayat"});
    CHECK(c.venue == "OSDI");
    CHECK(c.year == 2020);
    CHECK(Kinds(c) == Strings{"paper"});
}

TEST_CASE("citation: a strong venue tag before the title") {
    const Citation c =
        Read("**[OSDI'24]** ServerlessLLM: Low-Latency Serverless Inference for Large Language Models");
    CHECK(c.title == "ServerlessLLM: Low-Latency Serverless Inference for Large Language Models");
    CHECK(c.venue == "OSDI");
    CHECK(c.year == 2024);
    CHECK(c.authors.empty());
}

TEST_CASE("citation: venue in parentheses after the title") {
    const Citation c =
        Read("Zeus: Understanding and Optimizing GPU Energy Consumption of DNN Training (NSDI '23)");
    CHECK(c.title == "Zeus: Understanding and Optimizing GPU Energy Consumption of DNN Training");
    CHECK(c.venue == "NSDI");
    CHECK(c.year == 2023);
}

TEST_CASE("citation: venue glued to the title") {
    Citation c = Read("Orca: A Distributed Serving System for Transformer-Based Generative Models OSDI'22");
    CHECK(c.title == "Orca: A Distributed Serving System for Transformer-Based Generative Models");
    CHECK(c.venue == "OSDI");
    CHECK(c.year == 2022);
    c = Read("Cardinality Estimation: An Experimental Survey, VLDB 2020");
    CHECK(c.title == "Cardinality Estimation: An Experimental Survey");
    CHECK(c.venue == "VLDB");
    CHECK(c.year == 2020);
    c = Read("[PipeDream: Generalized Pipeline Parallelism for DNN Training](https://dl.acm.org/doi/10.1145/"
             "3341301.3359646) SOSP 2019");
    CHECK(c.title == "PipeDream: Generalized Pipeline Parallelism for DNN Training");
    CHECK(c.venue == "SOSP");
    CHECK(c.year == 2019);
    CHECK(c.doi == "10.1145/3341301.3359646");
    // A word that is also a venue name, inside a title, stays.
    c = Read("Fast and Accurate Performance Analysis of Synchronization");
    CHECK(c.title == "Fast and Accurate Performance Analysis of Synchronization");
    CHECK(c.venue.empty());
}

TEST_CASE("citation: arXiv ids from text, abs and pdf links") {
    CHECK(Read("Efficient Large-Scale Language Model Training on GPU Clusters, arXiv:2104.04473").arxiv ==
          "2104.04473");
    CHECK(Read("[Megatron](https://arxiv.org/abs/1909.08053v4)").arxiv == "1909.08053");
    CHECK(Read("[PDF](https://arxiv.org/pdf/2205.14135.pdf) FlashAttention").arxiv == "2205.14135");
    CHECK(Read("Some Title. arXiv preprint arXiv:1706.03762, 2017.").arxiv == "1706.03762");
    CHECK(Read("Some Title. arXiv 1706.03762").arxiv == "1706.03762");
    CHECK(Read("Some Title about arXiving").arxiv.empty());
}

TEST_CASE("citation: DOIs from text and links, lowercase") {
    CHECK(Read("Some Title. doi:10.1145/3341301.3359630.").doi == "10.1145/3341301.3359630");
    CHECK(Read("[Some Title](https://doi.org/10.1145/3341301.3359630)").doi == "10.1145/3341301.3359630");
    CHECK(Read("Some Title https://dl.acm.org/doi/pdf/10.1145/3575693.3575703").doi ==
          "10.1145/3575693.3575703");
    CHECK(Read("Title DOI: 10.1109/ISCA.2018.00012").doi == "10.1109/isca.2018.00012");
    CHECK(Read("Version 10.1234/5 of a title").doi.empty()); // no "doi" marker in plain text
}

TEST_CASE("citation: details lines give authors, venue, year and links; a summary is not a title") {
    const Citation c =
        Read("[Learning-based Memory Allocation for C++ Server Workloads](https://dl.acm.org/doi/"
             "10.1145/3373376.3378525)",
             "Martin Maas, David G. Andersen, Michael Isard, Mohammad Mahdi Javanmard\n"
             "ASPLOS 2020\n"
             "Summary: Uses an LSTM to predict object lifetimes.\n"
             "[[GitHub]](https://github.com/google/llama)\n");
    CHECK(c.title == "Learning-based Memory Allocation for C++ Server Workloads");
    CHECK(c.authors ==
          Strings{"Martin Maas", "David G. Andersen", "Michael Isard", "Mohammad Mahdi Javanmard"});
    CHECK(c.venue == "ASPLOS");
    CHECK(c.year == 2020);
    CHECK(Kinds(c) == Strings{"paper", "code"});
    for (const std::string& t : c.titles)
        CHECK(t.find("LSTM") == std::string::npos);

    const Citation d = Read("Summary: a survey of everything");
    CHECK(d.title == "a survey of everything");
}

TEST_CASE("citation: labelled details lines") {
    const Citation c = Read("**Pathways: Asynchronous Distributed Dataflow for ML**",
                            "- Authors: Paul Barham, Aakanksha Chowdhery, Jeff Dean\n"
                            "- Venue: MLSys 2022\n"
                            "- Slides: [link](https://example.org/pathways.pdf)\n");
    CHECK(c.title == "Pathways: Asynchronous Distributed Dataflow for ML");
    CHECK(c.authors == Strings{"Paul Barham", "Aakanksha Chowdhery", "Jeff Dean"});
    CHECK(c.venue == "MLSys");
    CHECK(c.year == 2022);
    CHECK(Kinds(c) == Strings{"slides"});
}

TEST_CASE("citation: link kinds by link text and URL") {
    const Citation c =
        Read("Some Paper Title [pdf](https://example.org/p.pdf) [slides](https://example.org/s.pdf) "
             "[video](https://www.youtube.com/watch?v=x) [code](https://gitlab.com/a/b) "
             "[project page](https://example.org/proj) [blog](https://example.org/blog) "
             "[repo](https://example.org/r)");
    CHECK(Kinds(c) == Strings{"paper", "slides", "video", "code", "page", "other", "code"});
    CHECK(c.title == "Some Paper Title");
    const Citation d = Read("Another Title [link](https://github.com/x/y) [talk](https://vimeo.com/1)");
    CHECK(Kinds(d) == Strings{"paper", "video"});
    const Citation e = Read("[https://github.com/x/y](https://github.com/x/y)");
    CHECK(Kinds(e) == Strings{"code"});
}

TEST_CASE("citation: CJK titles come through intact") {
    // 深度学习编译器综述 (a survey of deep learning compilers), 《...》 quotes.
    const std::string zh =
        "\xE6\xB7\xB1\xE5\xBA\xA6\xE5\xAD\xA6\xE4\xB9\xA0\xE7\xBC\x96\xE8\xAF\x91\xE5\x99\xA8"
        "\xE7\xBB\xBC\xE8\xBF\xB0";
    Citation c = Read("[" + zh + "](https://example.org/a)");
    CHECK(c.title == zh);
    c = Read("\xE5\xBC\xA0\xE4\xB8\x89\xEF\xBC\x8C\xE6\x9D\x8E\xE5\x9B\x9B \xE3\x80\x8A" + zh +
             "\xE3\x80\x8B 2021");
    CHECK(c.title == zh);
    CHECK(c.year == 2021);
    c = Read(zh + " [\xE8\xAE\xBA\xE6\x96\x87](https://example.org/p) "
                  "[\xE4\xBB\xA3\xE7\xA0\x81](https://github.com/x/y)");
    CHECK(c.title == zh);
    CHECK(Kinds(c) == Strings{"paper", "code"});
}

TEST_CASE("citation: a table row's cells and a title hint") {
    const Citation c = Read("2023 | [FlashAttention-2: Faster Attention with Better Parallelism and Work "
                            "Partitioning](https://arxiv.org/abs/2307.08691) | ICLR 2024 | "
                            "[code](https://github.com/Dao-AILab/flash-attention)");
    CHECK(c.title == "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning");
    CHECK(c.venue == "ICLR");
    CHECK(c.year == 2024);
    CHECK(c.arxiv == "2307.08691");
    const Citation h = Read("Anything | here", "", "A Given Title");
    CHECK(h.title == "A Given Title");
}

TEST_CASE("citation: nickname in parentheses, and a short link then the title") {
    Citation c = Read("(Gavel) Heterogeneity-Aware Cluster Scheduling Policies for Deep Learning Workloads");
    CHECK(c.title == "Heterogeneity-Aware Cluster Scheduling Policies for Deep Learning Workloads");
    CHECK(std::find(c.titles.begin(), c.titles.end(), "Gavel") != c.titles.end());
    c = Read("[TVM](https://arxiv.org/abs/1802.04799). TVM: An Automated End-to-End Optimizing Compiler.");
    CHECK(c.title == "TVM: An Automated End-to-End Optimizing Compiler");
    CHECK(c.arxiv == "1802.04799");
}

TEST_CASE("citation: title first, then authors, then venue as sentences") {
    const Citation c = Read("Spark: Cluster Computing with Working Sets. Matei Zaharia, Mosharaf Chowdhury, "
                            "Michael J. Franklin, Scott Shenker, Ion Stoica. HotCloud 2010.");
    CHECK(c.title == "Spark: Cluster Computing with Working Sets");
    CHECK(c.venue == "HotCloud");
    CHECK(c.year == 2010);
    CHECK(c.authors.size() >= 2);
    CHECK(c.authors.front() == "Matei Zaharia");
}

TEST_CASE("citation: never throws on odd input") {
    for (const std::string& s :
         {std::string(""), std::string("[]()"), std::string("**"), std::string("\"\""),
          std::string(70000, '['), std::string("\xFF\xFE title"), std::string("(2012)"), std::string("OSDI'"),
          std::string("doi:10."), std::string("arXiv:")}) {
        const Citation c = Read(s, s, s.substr(0, 10));
        CHECK(c.title.size() <= 600);
        CHECK(c.titles.size() <= 16);
    }
}

// Shapes seen in real lists (found with the search tool; the strings below are ours).
TEST_CASE("citation: MLA-style, first author inverted, quoted title, journal and year") {
    const Citation c =
        Read("LeCun, Yann, Yoshua Bengio, and Geoffrey Hinton. \"Deep learning.\" Nature 521.7553 "
             "(2015): 436-444.");
    CHECK(c.title == "Deep learning");
    CHECK(c.authors == Strings{"LeCun, Yann", "Yoshua Bengio", "Geoffrey Hinton"});
    CHECK(c.year == 2015);
    const Citation d =
        Read("He, Kaiming, et al. \"Deep residual learning for image recognition.\" arXiv preprint "
             "arXiv:1512.03385 (2015). [pdf]");
    CHECK(d.title == "Deep residual learning for image recognition");
    CHECK(d.authors == Strings{"He, Kaiming"});
    CHECK(d.arxiv == "1512.03385");
    CHECK(d.venue == "arXiv");
}

TEST_CASE("citation: GB/T 7714 style with a document type marker") {
    const Citation c =
        Read("Deng J, Dong W, Socher R, et al. Imagenet: A large-scale hierarchical image "
             "database[C]//2009 IEEE conference on computer vision and pattern recognition. Ieee, "
             "2009: 248-255.");
    CHECK(c.title == "Imagenet: A large-scale hierarchical image database");
    CHECK(c.authors == Strings{"Deng J", "Dong W", "Socher R"});
    CHECK(c.year == 2009);
}

TEST_CASE("citation: venue before a slash, venue glued in parentheses after a link") {
    Citation c = Read("ATC / SOCK: Rapid Task Provisioning with Serverless-Optimized Containers");
    CHECK(c.title == "SOCK: Rapid Task Provisioning with Serverless-Optimized Containers");
    CHECK(c.venue == "ATC");
    c = Read("OSDI '20 / Caladan: Mitigating Interference at Microsecond Timescales");
    CHECK(c.title == "Caladan: Mitigating Interference at Microsecond Timescales");
    CHECK(c.venue == "OSDI");
    CHECK(c.year == 2020);
    c = Read("[Going deeper with convolutions](https://example.org/cvpr15.html)(CVPR2015)");
    CHECK(c.title == "Going deeper with convolutions");
    CHECK(c.venue == "CVPR");
    CHECK(c.year == 2015);
}

TEST_CASE("citation: emphasized title with an [arxiv, yy.mm] link; a 'Paper:' label in a link") {
    Citation c = Read("*Striving for Simplicity: The All Convolutional Net* [[arxiv, "
                      "14.12]](http://arxiv.org/abs/1412.6806)");
    CHECK(c.title == "Striving for Simplicity: The All Convolutional Net");
    CHECK(c.arxiv == "1412.6806");
    CHECK(Kinds(c) == Strings{"paper"});
    c = Read("**AlexNet** [`code`](https://github.com/x/alexnet) [Paper: ImageNet Classification with Deep "
             "Convolutional Neural Networks](https://example.org/alexnet.pdf)");
    CHECK(c.title == "ImageNet Classification with Deep Convolutional Neural Networks");
    CHECK(Kinds(c) == Strings{"code", "paper"});
}

TEST_CASE("citation: table rows: the title cell, venue and year cells, a curly-quoted year") {
    Citation c =
        Read("1 | ImageNet Classification with Deep Convolutional Neural Networks | Training Systems | "
             "NeurIPS | 2012 | [PDF](https://example.org/alexnet.pdf) | [notes](https://example.org/n)");
    CHECK(c.title == "ImageNet Classification with Deep Convolutional Neural Networks");
    CHECK(c.venue == "NeurIPS");
    CHECK(c.year == 2012);
    CHECK(Kinds(c) == Strings{"paper", "other"});
    c = Read("[FFS: A Fast File System for UNIX](ffs.md) | ACM Transactions on Computer Systems \xE2\x80\x98"
             "84");
    CHECK(c.title == "FFS: A Fast File System for UNIX");
    CHECK(c.year == 1984);
    c = Read("[NFS: Sun's Network File System](nfs.md) | USENIX '86");
    CHECK(c.venue == "USENIX");
    CHECK(c.year == 1986);
}
