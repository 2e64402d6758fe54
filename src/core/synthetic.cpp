// synthetic.cpp: deterministic synthetic catalogues and progress (see synthetic.h).
//
// Determinism across platforms: only integer arithmetic on a hand-written PRNG
// (splitmix64), no std::*_distribution (they differ between standard libraries), no
// floating point, no unordered containers, and never two draws in one expression whose
// evaluation order C++ leaves unspecified (`f(r) + g(r)`: g++ and clang differ). Every paper draws from its
// own stream seeded by (seed, index), so the progress generator can name the same papers without building the
// catalogue, and adding papers never changes the earlier ones.
#include "core/synthetic.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace shelfmark {

namespace {

// ------------------------------------------------------------------ randomness

uint64_t Mix(uint64_t z) {
    z += 0x9E3779B97F4A7C15ull;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

class Rng {
  public:
    Rng(uint64_t seed, uint64_t stream, uint64_t index) : state_(Mix(Mix(seed ^ (stream << 48)) + index)) {}

    uint64_t Next() {
        state_ += 0x9E3779B97F4A7C15ull;
        uint64_t z = state_;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n); n > 0. The modulo bias (< n / 2^64) does not matter here.
    uint32_t Below(uint32_t n) { return n == 0 ? 0 : static_cast<uint32_t>(Next() % n); }
    // Uniform in [lo, hi].
    int Between(int lo, int hi) { return lo + static_cast<int>(Below(static_cast<uint32_t>(hi - lo + 1))); }
    // True with probability percent / 100.
    bool Percent(uint32_t percent) { return Below(100) < percent; }
    template <size_t N> std::string_view Pick(const std::array<std::string_view, N>& a) {
        return a[Below(N)];
    }

  private:
    uint64_t state_;
};

// Streams, so that papers, lists, sharing and progress never draw from the same numbers.
enum Stream : uint64_t {
    kPaperStream = 1,
    kListStream,
    kPlaceStream,
    kProgressStream,
    kNoteStream,
    kUserListStream,
    kUserPaperStream
};

// ------------------------------------------------------------------ vocabulary

constexpr std::array<std::string_view, 32> kSysHeads = {
    "Pipe",  "Flex",   "Hydra",  "Tensor", "Swift", "Quill", "Ray",    "Orca",   "Petal", "Zephyr", "Gauss",
    "Kite",  "Lumen",  "Nimbus", "Helix",  "Ember", "Flux",  "Atlas",  "Cinder", "Delta", "Echo",   "Fable",
    "Grove", "Harbor", "Iris",   "Jolt",   "Krait", "Loom",  "Mosaic", "Nova",   "Onyx",  "Prism"};
constexpr std::array<std::string_view, 20> kSysTails = {
    "Dream", "Flow",   "Serve", "Scale", "Shard", "Store", "Tune", "Mesh", "Graph", "Cache",
    "Train", "Stream", "Sched", "DB",    "Net",   "Lite",  "ML",   "Opt",  "Fuse",  "X"};
constexpr std::array<std::string_view, 36> kAdjectives = {"Efficient",
                                                          "Scalable",
                                                          "Adaptive",
                                                          "Elastic",
                                                          "Fault-Tolerant",
                                                          "Low-Latency",
                                                          "Distributed",
                                                          "Decentralized",
                                                          "Heterogeneity-Aware",
                                                          "Memory-Efficient",
                                                          "Energy-Efficient",
                                                          "Robust",
                                                          "Verifiable",
                                                          "Incremental",
                                                          "Speculative",
                                                          "Learned",
                                                          "Sparse",
                                                          "Federated",
                                                          "Secure",
                                                          "Predictable",
                                                          "Interpretable",
                                                          "Automated",
                                                          "Fast",
                                                          "Practical",
                                                          "Lightweight",
                                                          "Serverless",
                                                          "Asynchronous",
                                                          "Consistent",
                                                          "Cost-Effective",
                                                          "Near-Optimal",
                                                          "Differentially Private",
                                                          "Hardware-Accelerated",
                                                          "Tail-Tolerant",
                                                          "Multi-Tenant",
                                                          "Zero-Copy",
                                                          "Online"};
constexpr std::array<std::string_view, 40> kTopics = {"Training",
                                                      "Inference",
                                                      "Serving",
                                                      "Scheduling",
                                                      "Parameter Servers",
                                                      "Model Parallelism",
                                                      "Pipeline Parallelism",
                                                      "Data Loading",
                                                      "Query Optimization",
                                                      "Key-Value Stores",
                                                      "Stream Processing",
                                                      "Graph Processing",
                                                      "Checkpointing",
                                                      "Compilation",
                                                      "Autotuning",
                                                      "Quantization",
                                                      "Pruning",
                                                      "Embedding Tables",
                                                      "Mixture-of-Experts Models",
                                                      "Attention",
                                                      "Language Models",
                                                      "Recommendation Models",
                                                      "Hyperparameter Search",
                                                      "Resource Allocation",
                                                      "Consensus",
                                                      "Replication",
                                                      "Transactions",
                                                      "Caching",
                                                      "Collective Communication",
                                                      "Gradient Compression",
                                                      "Feature Stores",
                                                      "Vector Search",
                                                      "Tensor Programs",
                                                      "Kernel Fusion",
                                                      "Memory Management",
                                                      "Cluster Management",
                                                      "Autoscaling",
                                                      "Data Validation",
                                                      "Model Debugging",
                                                      "Benchmarking"};
constexpr std::array<std::string_view, 24> kDomains = {"Deep Learning",
                                                       "Large Language Models",
                                                       "GPU Clusters",
                                                       "the Datacenter",
                                                       "Edge Devices",
                                                       "Mobile Phones",
                                                       "Shared Clusters",
                                                       "Commodity Hardware",
                                                       "Heterogeneous Accelerators",
                                                       "Production Workloads",
                                                       "the Cloud",
                                                       "Multi-GPU Servers",
                                                       "Recommendation Systems",
                                                       "Scientific Computing",
                                                       "Data Lakes",
                                                       "Microservices",
                                                       "TPU Pods",
                                                       "Spot Instances",
                                                       "Disaggregated Memory",
                                                       "Programmable Switches",
                                                       "Autonomous Vehicles",
                                                       "Genomics",
                                                       "Video Analytics",
                                                       "Web Search"};
constexpr std::array<std::string_view, 20> kTechniques = {"Learned Cost Models",
                                                          "Reinforcement Learning",
                                                          "Program Synthesis",
                                                          "Linear Programming",
                                                          "Speculative Execution",
                                                          "Lazy Evaluation",
                                                          "Hierarchical Partitioning",
                                                          "Gradient Checkpointing",
                                                          "Work Stealing",
                                                          "Operator Fusion",
                                                          "Bayesian Optimization",
                                                          "Kernel Bypass",
                                                          "RDMA",
                                                          "Persistent Memory",
                                                          "Smart NICs",
                                                          "Mixed Precision",
                                                          "Low-Rank Adaptation",
                                                          "Approximate Computing",
                                                          "Randomized Sketches",
                                                          "Static Analysis"};
constexpr std::array<std::string_view, 10> kProperties = {
    "Limits",     "Cost",       "Convergence", "Fairness",   "Stability",
    "Complexity", "Robustness", "Generality",  "Energy Use", "Tail Latency"};
constexpr std::array<std::string_view, 16> kVerbs = {
    "Scaling",        "Accelerating", "Rethinking",  "Taming",      "Understanding", "Optimizing",
    "Characterizing", "Revisiting",   "Automating",  "Simplifying", "Democratizing", "Debugging",
    "Securing",       "Unifying",     "Compressing", "Benchmarking"};
// Latin script only, some with diacritics; the UI font covers Latin-1 and Latin Extended-A.
constexpr std::array<std::string_view, 48> kFirstNames = {
    "Wei",    "Jiahui", "Yuxin",     "Hao",     "Minjae", "Seo-yeon", "Jae-hoon", "Akira",
    "Yuki",   "Priya",  "Arjun",     "Ananya",  "Rohan",  "Maria",    "José",     "Lucía",
    "Matteo", "Giulia", "François",  "Chloé",   "Jürgen", "Lena",     "Łukasz",   "Zoë",
    "Søren",  "Ingrid", "Olúwaseun", "Chidi",   "Amara",  "Fatima",   "Omar",     "Leila",
    "David",  "Sarah",  "Michael",   "Emily",   "James",  "Olivia",   "Daniel",   "Hannah",
    "Ion",    "Matei",  "Tianqi",    "Lianmin", "Deepak", "Kunle",    "Mosharaf", "Ana"};
constexpr std::array<std::string_view, 48> kLastNames = {
    "Zhang",     "Wang",     "Li",        "Chen",     "Liu",        "Kim",      "Park",     "Lee",
    "Tanaka",    "Sato",     "Sharma",    "Patel",    "Gupta",      "Iyer",     "García",   "Fernández",
    "Rossi",     "Bianchi",  "Dubois",    "Lefèvre",  "Müller",     "Schmidt",  "Nowak",    "Kowalski",
    "Jensen",    "Ólafsson", "Adeyemi",   "Okafor",   "Haddad",     "Nasser",   "Smith",    "Johnson",
    "Brown",     "Miller",   "Davis",     "Wilson",   "Taylor",     "Anderson", "Stoica",   "Zaharia",
    "Narayanan", "Olukotun", "Chowdhury", "Gonzalez", "Ousterhout", "Dean",     "Ghemawat", "Nguyen"};
constexpr std::array<std::string_view, 24> kVenues = {
    "OSDI",    "SOSP",   "NSDI", "EuroSys", "ATC",   "MLSys",  "NeurIPS", "ICML",
    "ICLR",    "SIGMOD", "VLDB", "ISCA",    "MICRO", "ASPLOS", "SC",      "PPoPP",
    "SIGCOMM", "KDD",    "CVPR", "ACL",     "SoCC",  "HotOS",  "arXiv",   "arXiv"};
constexpr std::array<std::string_view, 12> kAreas = {"Machine Learning Systems",
                                                     "Distributed Systems",
                                                     "Databases",
                                                     "Computer Architecture",
                                                     "Operating Systems",
                                                     "Networking",
                                                     "Data Engineering",
                                                     "Systems for Large Language Models",
                                                     "Storage Systems",
                                                     "Cloud Computing",
                                                     "Compilers for Machine Learning",
                                                     "Systems Security"};
constexpr std::array<std::string_view, 14> kSchools = {
    "CS 294",  "CS 6787",  "CSE 599", "CS 848",   "EECS 598", "15-849", "6.5840",
    "CS 329S", "COMP 790", "CS 744",  "ECE 1724", "AISYS",    "CS 739", "CSC 2233"};
constexpr std::array<std::string_view, 20> kWords = {
    "system",   "workload",   "throughput", "latency",   "design",    "cluster",     "model",
    "baseline", "evaluation", "bottleneck", "overhead",  "trade-off", "abstraction", "scheduler",
    "memory",   "accuracy",   "cost",       "prototype", "benchmark", "assumption"};
constexpr std::array<std::string_view, 12> kTags = {"to-cite",    "reading-group", "systems",  "llm",
                                                    "scheduling", "favourite",     "reviewed", "thesis",
                                                    "reproduce",  "related-work",  "exam",     "skim-again"};
constexpr std::array<std::string_view, 16> kSentenceStarts = {"The key idea is that",
                                                              "The authors argue that",
                                                              "In practice",
                                                              "Surprisingly",
                                                              "Compared with the baseline",
                                                              "The evaluation shows that",
                                                              "One limitation is that",
                                                              "I am not convinced that",
                                                              "The paper claims that",
                                                              "Their prototype suggests that",
                                                              "It is worth noting that",
                                                              "Unlike prior work",
                                                              "A simpler design would be that",
                                                              "The main insight is that",
                                                              "Section 4 explains why",
                                                              "As the ablation shows"};
constexpr std::array<std::string_view, 16> kSentenceEnds = {
    "the bottleneck moves from compute to the network",
    "most of the gain comes from better batching",
    "a static partitioning wastes a third of the memory",
    "the scheduler needs only a few seconds of profiling",
    "tail latency matters more than the mean for this workload",
    "the approach breaks down when the model does not fit on one device",
    "the overhead stays under five percent at 1,024 workers",
    "the cost model is accurate within ten percent",
    "stragglers dominate at large scale",
    "the abstraction leaks when failures are frequent",
    "recomputation is cheaper than storing activations",
    "the baseline was not tuned as carefully",
    "the results may not hold on commodity hardware",
    "it composes well with existing frameworks",
    "caching the intermediate results is the main win",
    "the same idea applies to inference serving"};

// ------------------------------------------------------------------ small helpers

std::string Lower(std::string_view s) {
    std::string out;
    for (char c : s)
        out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    return out;
}

std::string Pad(int v, int width) {
    std::string s = std::to_string(v);
    while (static_cast<int>(s.size()) < width)
        s.insert(s.begin(), '0');
    return s;
}

// Days since 1970-01-01 -> "YYYY-MM-DD" (Howard Hinnant's civil_from_days).
std::string IsoDate(int64_t days) {
    days += 719468;
    const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
    const int64_t doe = days - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    const int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const int64_t m = mp < 10 ? mp + 3 : mp - 9;
    if (m <= 2) ++y;
    return Pad(static_cast<int>(y), 4) + "-" + Pad(static_cast<int>(m), 2) + "-" +
           Pad(static_cast<int>(d), 2);
}

// Days since 1970-01-01 of a date (days_from_civil).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const int64_t yoe = y - era * 400;
    const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Sizes {
    int papers = 0;
    int lists = 0;
};

Sizes Clamp(const SyntheticSpec& spec) {
    Sizes s;
    s.papers = std::max(0, spec.papers);
    s.lists = std::max(1, spec.lists);
    return s;
}

// ------------------------------------------------------------------ papers

// The system name a paper is known by ("PipeDream"), also the stem of its id.
std::string SystemName(Rng& r) {
    std::string name(r.Pick(kSysHeads));
    name += r.Pick(kSysTails);
    return name;
}

// "2107.01234": an arXiv number of year yy.
std::string ArxivNumber(Rng& r, int yy) {
    const int month = r.Between(1, 12);
    const int number = r.Between(1, 29999);
    return Pad(yy, 2) + Pad(month, 2) + "." + Pad(number, 5);
}

std::string PaperTitle(Rng& r, const std::string& sys) {
    const std::string adj(r.Pick(kAdjectives)), topic(r.Pick(kTopics)), domain(r.Pick(kDomains));
    switch (r.Below(8)) {
    case 0: return sys + ": " + adj + " " + topic + " for " + domain;
    case 1: return sys + ": " + std::string(r.Pick(kVerbs)) + " " + topic + " at Scale";
    case 2: return adj + " " + topic + " with " + std::string(r.Pick(kTechniques));
    case 3: return "Towards " + adj + " " + topic + " on " + domain;
    case 4: return "On the " + std::string(r.Pick(kProperties)) + " of " + adj + " " + topic;
    case 5: return sys + ": " + adj + " and " + std::string(r.Pick(kAdjectives)) + " " + topic;
    case 6: return std::string(r.Pick(kVerbs)) + " " + topic + " in " + domain + " with " + sys;
    default: return "Learning to Optimize " + topic + " for " + domain;
    }
}

Paper MakePaper(uint32_t seed, int index) {
    Rng r(seed, kPaperStream, static_cast<uint64_t>(index));
    Paper p;
    const std::string sys = SystemName(r);
    // The index keeps ids unique; the name keeps them readable ("pipedream-1204").
    p.id = Lower(sys) + "-" + std::to_string(index + 1);
    p.title = PaperTitle(r, sys);
    const int authors = r.Percent(4) ? 0 : r.Between(1, r.Percent(10) ? 14 : 6);
    for (int a = 0; a < authors; ++a) {
        std::string name(r.Pick(kFirstNames));
        if (r.Percent(15)) name += std::string(" ") + static_cast<char>('A' + r.Below(26)) + ".";
        name += " " + std::string(r.Pick(kLastNames));
        p.authors.push_back(std::move(name));
    }
    // Mostly recent work: the square skews the draw towards the present (1996-2025).
    const uint32_t u = r.Below(30);
    p.year = r.Percent(3) ? 0 : 2025 - static_cast<int>(u * u / 30);
    p.venue = r.Percent(5) ? "" : std::string(r.Pick(kVenues));
    const int yy = (p.year == 0 ? 2020 : p.year) % 100;
    if (!r.Percent(8) && (p.year == 0 || p.year >= 2008))
        p.links.push_back("https://arxiv.org/abs/" + ArxivNumber(r, yy));
    if (r.Percent(35) && !p.venue.empty() && p.venue != "arXiv")
        p.links.push_back("https://papers.example.org/" + Lower(p.venue) + Pad(yy, 2) + "/" + p.id + ".pdf");
    const uint32_t k = r.Below(100);
    p.kind = k < 90 ? "paper" : k < 95 ? "article" : k < 97 ? "book-chapter" : k < 99 ? "talk" : "other";
    return p;
}

std::string PaperId(uint32_t seed, int index) {
    Rng r(seed, kPaperStream, static_cast<uint64_t>(index));
    return Lower(SystemName(r)) + "-" + std::to_string(index + 1);
}

// ------------------------------------------------------------------ lists

struct ListPlan {
    ReadingList list;
    uint32_t weight = 1; // share of papers this list receives
    bool course = true;
};

ListPlan MakeList(uint32_t seed, int index, int expected_entries) {
    Rng r(seed, kListStream, static_cast<uint64_t>(index));
    ListPlan plan;
    ReadingList& l = plan.list;
    const std::string area(r.Pick(kAreas));
    plan.course = r.Percent(70);
    const int year = r.Between(2016, 2025);
    if (plan.course) {
        const std::string school(r.Pick(kSchools));
        const bool spring = r.Percent(50);
        l.kind = "course";
        l.title = school + ": " + area;
        l.term = std::string(spring ? "Spring " : "Fall ") + std::to_string(year);
        l.id = Lower(school) + "-" + Pad(index + 1, 2) + "-" + (spring ? "sp" : "fa") + Pad(year % 100, 2);
    } else {
        l.kind = "topic-list";
        l.title = std::string(r.Percent(50) ? "Readings in " : "Papers on ") + area;
        l.id = "topics-" + Pad(index + 1, 2);
        if (r.Percent(60)) l.source = "https://github.com/example/reading-list-" + Pad(index + 1, 2);
    }
    // Ids built from school codes contain spaces and dots: keep only [a-z0-9-].
    std::string clean;
    for (char c : l.id) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            clean += c;
        else if (!clean.empty() && clean.back() != '-')
            clean += '-';
    }
    l.id = clean;
    if (plan.course) l.source = "https://courses.example.edu/" + l.id + "/";

    // About 25 readings per section, between 4 and 400 sections, +-25%.
    int sections = std::clamp(expected_entries / 25, 4, 400);
    sections = std::max(1, sections + r.Between(-sections / 4, sections / 4));
    const int64_t start = DaysFromCivil(year, plan.course && l.term[0] == 'S' ? 1 : 9, r.Between(8, 20));
    // Topics in a fixed rotation from a random start, so titles repeat only after all of
    // them were used (then numbered: "Caching (2)").
    const uint32_t first_topic = r.Below(static_cast<uint32_t>(kTopics.size()));
    for (int s = 0; s < sections; ++s) {
        Section sec;
        const size_t t = (first_topic + static_cast<size_t>(s)) % kTopics.size();
        const int round = s / static_cast<int>(kTopics.size());
        const std::string topic =
            std::string(kTopics[t]) + (round > 0 ? " (" + std::to_string(round + 1) + ")" : "");
        if (plan.course) {
            // Weekly for a term, then daily sessions (a conference program) for big lists.
            const bool weekly = sections <= 16;
            sec.title = (weekly ? "Week " : "Session ") + std::to_string(s + 1) + ": " + topic;
            sec.date = IsoDate(start + (weekly ? 7 * s : s));
        } else {
            sec.title = topic;
        }
        l.sections.push_back(std::move(sec));
    }
    plan.weight = 50 + r.Below(100);
    return plan;
}

// Picks a list by weight.
int PickList(Rng& r, const std::vector<uint32_t>& cumulative) {
    const uint32_t x = r.Below(cumulative.back());
    return static_cast<int>(std::upper_bound(cumulative.begin(), cumulative.end(), x) - cumulative.begin());
}

std::string PickRole(Rng& r, bool course) {
    if (!course) return r.Percent(90) ? "listed" : "background";
    const uint32_t k = r.Below(100);
    return k < 45 ? "required" : k < 75 ? "optional" : k < 92 ? "extra" : "background";
}

// ------------------------------------------------------------------ notes

std::string Sentence(Rng& r) {
    std::string s(r.Pick(kSentenceStarts));
    s += " " + std::string(r.Pick(kSentenceEnds));
    switch (r.Below(6)) {
    case 0: s += ", which matters for the " + std::string(r.Pick(kWords)); break;
    case 1: {
        const std::string head = Lower(r.Pick(kSysHeads));
        s += " (see the `" + head + "_" + std::string(r.Pick(kWords)) + "` flag)";
        break;
    }
    case 2: s += ", at least for **" + Lower(r.Pick(kTopics)) + "**"; break;
    case 3: s += ", but only on *" + std::string(r.Pick(kDomains)) + "*"; break;
    default: break;
    }
    return s + ".";
}

std::string Paragraph(Rng& r) {
    std::string p;
    const int n = r.Between(2, 5);
    for (int i = 0; i < n; ++i)
        p += (i ? " " : "") + Sentence(r);
    return p + "\n\n";
}

// A reading note in GFM Markdown: headings, paragraphs, lists, emphasis, code, links,
// sometimes a table or a fenced block; between 0.5 and 4 KB.
std::string MakeNote(uint32_t seed, int index, const std::string& paper_id) {
    Rng r(seed, kNoteStream, static_cast<uint64_t>(index));
    const size_t target = 512 + r.Below(3584 - 200);
    std::string md = "## Summary\n\n" + Paragraph(r);
    int block = 0;
    while (md.size() < target) {
        switch ((block++ + r.Below(3)) % 6) {
        case 0:
            md += "## Key ideas\n\n";
            for (int i = r.Between(2, 5); i > 0; --i)
                md += "- " + Sentence(r) + "\n";
            md += "\n";
            break;
        case 1: {
            md += "### Questions\n\n";
            const int questions = r.Between(2, 4);
            for (int i = 1; i <= questions; ++i)
                md += std::to_string(i) + ". " + Sentence(r) + "\n";
            md += "\n";
            break;
        }
        case 2:
            md += "| setting | " + std::string(r.Pick(kWords)) + " | vs. baseline |\n| --- | ---: | ---: |\n";
            for (int i = r.Between(2, 4); i > 0; --i) {
                // One draw per statement: the order of evaluation of `a + b` is unspecified.
                const std::string domain(r.Pick(kDomains));
                const int value = r.Between(2, 900);
                const int whole = r.Between(1, 9);
                const int tenth = static_cast<int>(r.Below(10));
                md += "| " + domain + " | " + std::to_string(value) + " | " + std::to_string(whole) + "." +
                      std::to_string(tenth) + "x |\n";
            }
            md += "\n";
            break;
        case 3:
            md += "```python\nfor step, batch in enumerate(loader):\n    loss = model(batch)\n"
                  "    loss.backward()\n    if step % " +
                  std::to_string(r.Between(2, 64)) + " == 0:\n        opt.step()\n```\n\n";
            break;
        case 4:
            md += "> " + Sentence(r) + "\n\n";
            md += Paragraph(r);
            break;
        default: {
            const std::string name(r.Pick(kSysHeads));
            const int yy = r.Between(15, 24);
            md += "Related: [" + name + "](https://arxiv.org/abs/" + ArxivNumber(r, yy) +
                  "), and the discussion in #" + paper_id + ".\n\n";
            md += Paragraph(r);
            break;
        }
        }
    }
    if (md.size() > 4096) {
        // Cut at the last paragraph break that keeps the note within 4 KB.
        const size_t cut = md.rfind("\n\n", 4094);
        md.resize(cut == std::string::npos || cut < 512 ? 4094 : cut);
        md += "\n";
    }
    return md;
}

} // namespace

// ------------------------------------------------------------------ public

Catalogue GenerateSyntheticCatalogue(const SyntheticSpec& spec) {
    const Sizes n = Clamp(spec);
    Catalogue c;
    c.papers.reserve(static_cast<size_t>(n.papers));
    for (int i = 0; i < n.papers; ++i)
        c.papers.push_back(MakePaper(spec.seed, i));

    // About 10% of papers also appear in one to three other lists.
    const int expected = static_cast<int>((static_cast<int64_t>(n.papers) * 112 / 100) / n.lists);
    std::vector<ListPlan> plans;
    std::vector<uint32_t> cumulative;
    uint32_t total = 0;
    for (int l = 0; l < n.lists; ++l) {
        plans.push_back(MakeList(spec.seed, l, expected));
        total += plans.back().weight;
        cumulative.push_back(total);
    }
    // Two lists may draw the same school, year and term: make list ids unique regardless.
    for (int l = 0; l < n.lists; ++l) {
        for (int k = 0; k < l; ++k) {
            if (plans[static_cast<size_t>(k)].list.id == plans[static_cast<size_t>(l)].list.id) {
                plans[static_cast<size_t>(l)].list.id += "-" + std::to_string(l + 1);
                break;
            }
        }
    }

    for (int i = 0; i < n.papers; ++i) {
        Rng r(spec.seed, kPlaceStream, static_cast<uint64_t>(i));
        std::vector<int> in_lists = {PickList(r, cumulative)};
        if (n.lists > 1 && r.Percent(10)) {
            for (int extra = r.Between(1, std::min(3, n.lists - 1)); extra > 0; --extra) {
                const int l = PickList(r, cumulative);
                if (std::find(in_lists.begin(), in_lists.end(), l) == in_lists.end()) in_lists.push_back(l);
            }
        }
        for (int l : in_lists) {
            ListPlan& plan = plans[static_cast<size_t>(l)];
            auto& sections = plan.list.sections;
            Section& sec = sections[r.Below(static_cast<uint32_t>(sections.size()))];
            sec.entries.push_back(Entry{c.papers[static_cast<size_t>(i)].id, PickRole(r, plan.course)});
        }
    }
    for (ListPlan& plan : plans)
        c.lists.push_back(std::move(plan.list));
    c.Reindex();
    return c;
}

Progress GenerateSyntheticProgress(const SyntheticSpec& spec) {
    const Sizes n = Clamp(spec);
    Progress progress;
    // Two years of reading, starting 2024-01-01T00:00:00Z.
    constexpr int64_t kStart = 1704067200000;
    constexpr int64_t kSpan = 2LL * 365 * 24 * 3600 * 1000;
    for (int i = 0; i < n.papers; ++i) {
        Rng r(spec.seed, kProgressStream, static_cast<uint64_t>(i));
        const bool noted =
            spec.note_every > 0 && (i + static_cast<int64_t>(spec.seed)) % spec.note_every == 0;
        // Most papers are never touched (35% by default).
        if (!noted && !r.Percent(static_cast<uint32_t>(std::clamp(spec.touched_percent, 0, 100)))) continue;

        PaperProgress p;
        p.paper = PaperId(spec.seed, i);
        // The ladder a reader climbs; skipped ends it early.
        static constexpr Status kLadder[] = {Status::Queued, Status::Reading, Status::Read};
        const uint32_t k = r.Below(100);
        const int steps = k < 30 ? 1 : k < 45 ? 2 : 3;
        int64_t at = kStart + static_cast<int64_t>(r.Next() % static_cast<uint64_t>(kSpan));
        for (int s = 0; s < steps; ++s) {
            p.history.push_back({kLadder[s], at});
            at += 60000 + static_cast<int64_t>(r.Next() % (14ull * 24 * 3600 * 1000));
        }
        if (r.Percent(10)) {
            p.history.push_back({Status::Skipped, at});
            at += 60000;
        }
        p.status = p.history.back().status;
        p.status_at = p.history.back().at;
        if (noted) {
            p.note = MakeNote(spec.seed, i, p.paper);
            p.note_at = p.status_at + 1000 + static_cast<int64_t>(r.Below(3600000));
        }
        if (r.Percent(30)) {
            std::vector<std::string> tags;
            for (int t = r.Between(1, 3); t > 0; --t)
                tags.emplace_back(r.Pick(kTags));
            p.tags = NormalizeTags(std::move(tags));
            p.tags_at = p.status_at + 500 + static_cast<int64_t>(r.Below(600000));
        }
        if (r.Percent(20)) {
            p.priority = r.Between(1, kMaxPriority);
            p.priority_at = p.history.front().at + 1;
        }
        progress.MergeStored(p);
    }
    return progress;
}

UserData GenerateSyntheticUserData(const SyntheticSpec& spec) {
    const Sizes n = Clamp(spec);
    UserData user;
    const int lists = std::max(0, spec.user_lists);
    if (lists == 0) return user;
    // Edited over the same two years as the progress.
    constexpr int64_t kStart = 1704067200000;
    constexpr int64_t kSpan = 2LL * 365 * 24 * 3600 * 1000;
    // The user's papers: made as catalogue papers past the catalogue's end, with "u-" ids.
    const int user_papers = lists * 4;
    std::vector<std::string> user_ids;
    for (int j = 0; j < user_papers; ++j) {
        Rng r(spec.seed, kUserPaperStream, static_cast<uint64_t>(j));
        UserPaper u;
        u.paper = MakePaper(spec.seed, n.papers + j);
        u.paper.id = "u-" + u.paper.id;
        u.updated_at = kStart + static_cast<int64_t>(r.Next() % static_cast<uint64_t>(kSpan));
        user_ids.push_back(u.paper.id);
        user.papers.emplace(u.paper.id, std::move(u));
    }
    static constexpr std::array<std::string_view, 6> kOwnTitles = {
        "Thesis background: ", "Reading group: ", "To read this summer: ",
        "논문 읽기: ",         "读书会：",        "Survey notes: "};
    static constexpr std::array<std::string_view, 4> kRoles = {"required", "optional", "background", "extra"};
    for (int i = 0; i < lists; ++i) {
        Rng r(spec.seed, kUserListStream, static_cast<uint64_t>(i));
        UserList u;
        ReadingList& l = u.list;
        const std::string prefix(r.Pick(kOwnTitles));
        const std::string area(r.Pick(kAreas));
        l.kind = "user";
        l.title = prefix + area;
        l.id = "u-list-" + std::to_string(i + 1);
        const uint32_t first_topic = r.Below(static_cast<uint32_t>(kTopics.size()));
        const int sections = r.Between(2, 12);
        std::vector<std::string> taken;
        for (int s = 0; s < sections; ++s) {
            Section sec;
            sec.title = std::string(kTopics[(first_topic + static_cast<size_t>(s)) % kTopics.size()]);
            if (r.Percent(30)) sec.date = IsoDate(19000 + static_cast<int64_t>(r.Below(1200)));
            for (int e = r.Between(5, 40); e > 0; --e) {
                const bool own = n.papers == 0 || r.Percent(10);
                const uint32_t pick = r.Below(static_cast<uint32_t>(own ? user_papers : n.papers));
                std::string id = own ? user_ids[pick] : PaperId(spec.seed, static_cast<int>(pick));
                if (std::find(taken.begin(), taken.end(), id) != taken.end()) continue; // once per list
                taken.push_back(id);
                sec.entries.push_back(Entry{std::move(id), std::string(r.Pick(kRoles))});
            }
            l.sections.push_back(std::move(sec));
        }
        u.updated_at = kStart + static_cast<int64_t>(r.Next() % static_cast<uint64_t>(kSpan));
        user.lists.emplace(l.id, std::move(u));
    }
    return user;
}

} // namespace shelfmark
