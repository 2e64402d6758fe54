// search_run.cpp: Search() (search.h): one run of a parsed query over the index:
// word matching (prefix, inside a word, typos), phrases and CJK runs, filters, ranking.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "core/search.h"
#include "core/search_distance.h"
#include "core/search_fold.h"
#include "core/search_internal.h"

namespace shelfmark {

using namespace search_internal;

namespace {

// ------------------------------------------------------------------ scoring

// Match quality of one word, best first; 0 means no match.
constexpr uint8_t kNone = 0;
constexpr uint8_t kFuzzyPrefix2 = 2;
constexpr uint8_t kFuzzyPrefix1 = 3;
constexpr uint8_t kFuzzy2 = 3;
constexpr uint8_t kFuzzy1 = 4;
constexpr uint8_t kInside = 5;
constexpr uint8_t kPrefix = 8;
constexpr uint8_t kExact = 10;

// Field weights in SearchField order: title, authors, tags, venue, notes.
constexpr uint16_t kFieldWeight[kSearchFieldCount] = {10, 7, 6, 5, 3};
constexpr int kMaxTermScore = 10 * 10;

} // namespace

// ------------------------------------------------------------------ Search

// One run of Search(): per-paper scratch arrays and the steps of the query.
class SearchRun {
  public:
    SearchRun(const SearchIndex& ix, const Progress& progress)
        : ix_(ix), progress_(progress), cat_(*ix.catalogue_),
          n_(std::min(ix.PaperCount(), ix.catalogue_->papers.size())),
          base_words_(ix.word_offsets_.empty() ? 0 : static_cast<uint32_t>(ix.word_offsets_.size() - 1)) {}

    SearchResult Run(const SearchQuery& q, size_t limit);

  private:
    // Words that match one query word, and how well.
    struct WordMatches {
        uint32_t lo = 0, hi = 0; // base ids [lo, hi) start with the word (prefix range)
        uint32_t exact = SearchIndex::kNoWord;
        std::vector<std::pair<uint32_t, uint8_t>> others; // (id, quality) outside [lo, hi), by id

        uint8_t QualityOf(uint32_t w) const {
            if (w == exact) return kExact;
            if (w >= lo && w < hi) return kPrefix;
            const auto it = std::lower_bound(others.begin(), others.end(), std::make_pair(w, uint8_t{0}));
            return it != others.end() && it->first == w ? it->second : kNone;
        }
    };

    WordMatches MatchWord(std::string_view w, bool prefix, bool inside, bool fuzzy, bool open) const;
    // Best field score per paper for one plain word, into best_/best_field_.
    void ScoreWord(const QueryTerm& t);
    // Phrases and CJK runs: candidates from their words, then checked in the field text.
    void ScoreSequence(const QueryTerm& t);
    // Applies `m` to every posting of matching words: f(paper, field, quality).
    template <class F> void ForEachPosting(const WordMatches& m, uint8_t fields, F&& f) const;
    bool FieldContains(uint32_t p, SearchField f, std::string_view needle, Boundaries b);
    // Folds `raw` a piece at a time and stops at the first match: a phrase is usually
    // found long before the end of a note.
    bool FoldedContains(std::string_view raw, std::string_view needle, Boundaries b);
    bool ResolveFilters(const SearchQuery& q, std::vector<std::string>& errors);
    bool PassesFilters(uint32_t p) const;

    const SearchIndex& ix_;
    const Progress& progress_;
    const Catalogue& cat_;
    const size_t n_;
    const uint32_t base_words_;

    std::vector<uint16_t> best_;
    std::vector<uint8_t> best_field_;
    std::string scratch_;
    bool needle_ascii_ = false; // the sequence being checked is plain ASCII

    struct Resolved {
        FilterField field;
        bool negated;
        std::vector<uint8_t> set; // by list / section / role / venue / tag / kind / paper index
        std::vector<YearRange> years;
        uint8_t bits = 0; // status / priority levels
        uint8_t has = 0;  // 1 note, 2 tag, 4 link
    };
    std::vector<Resolved> filters_;
    bool placement_positive_ = false;
};

template <class F> void SearchRun::ForEachPosting(const WordMatches& m, uint8_t fields, F&& f) const {
    const bool any_override = !ix_.overrides_.empty();
    auto walk = [&](uint32_t w, uint8_t quality) {
        if (w >= base_words_) return;
        const uint32_t* post = ix_.post_.data();
        for (uint32_t k = ix_.post_offsets_[w], e = ix_.post_offsets_[w + 1]; k < e; ++k) {
            const uint32_t v = post[k];
            const uint32_t field = v & kFieldMask;
            if (!((fields >> field) & 1u)) continue;
            const uint32_t p = v >> kFieldBits;
            if (any_override && IsUserField(field) && ix_.overridden_[p]) continue;
            f(p, field, quality);
        }
    };
    if (m.exact != SearchIndex::kNoWord) walk(m.exact, kExact);
    for (uint32_t w = m.lo; w < m.hi; ++w)
        if (w != m.exact) walk(w, kPrefix);
    for (const auto& o : m.others)
        walk(o.first, o.second);
    if (!any_override) return;
    for (const auto& entry : ix_.overrides_) {
        if (entry.first >= n_) continue;
        for (uint32_t v : entry.second.postings) {
            const uint32_t field = v & kFieldMask;
            if (!((fields >> field) & 1u)) continue;
            const uint8_t q = m.QualityOf(v >> kFieldBits);
            if (q != kNone) f(entry.first, field, q);
        }
    }
}

SearchRun::WordMatches SearchRun::MatchWord(std::string_view w, bool prefix, bool inside, bool fuzzy,
                                            bool open) const {
    WordMatches m;
    // Prefix range over the sorted base vocabulary.
    uint32_t lo = 0, hi = base_words_;
    while (lo < hi) {
        const uint32_t mid = lo + (hi - lo) / 2;
        if (ix_.Word(mid) < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    m.lo = lo;
    if (lo < base_words_ && ix_.Word(lo) == w) m.exact = lo;
    if (prefix) {
        hi = base_words_;
        uint32_t a = lo;
        while (a < hi) {
            const uint32_t mid = a + (hi - a) / 2;
            if (StartsWith(ix_.Word(mid), w))
                a = mid + 1;
            else
                hi = mid;
        }
        m.hi = a;
    } else {
        m.hi = m.exact != SearchIndex::kNoWord ? lo + 1 : lo;
    }

    // Inside catalogue words ("dream" in "pipedream").
    if (inside && w.size() >= 3) {
        const std::string_view chars(ix_.catalog_chars_);
        uint32_t last = SearchIndex::kNoWord;
        for (size_t pos = chars.find(w); pos != std::string_view::npos; pos = chars.find(w, pos + 1)) {
            const auto k =
                static_cast<size_t>(std::upper_bound(ix_.catalog_starts_.begin(), ix_.catalog_starts_.end(),
                                                     static_cast<uint32_t>(pos)) -
                                    ix_.catalog_starts_.begin());
            if (k == 0) continue;
            const uint32_t id = ix_.catalog_words_[k - 1];
            if (id == last || (id >= m.lo && id < m.hi)) continue;
            last = id;
            m.others.emplace_back(id, kInside);
        }
    }

    // Typos, in catalogue words only, for plain ASCII words of 5 letters or more.
    const bool ascii =
        std::all_of(w.begin(), w.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    if (fuzzy && ascii && w.size() >= 5) {
        const int k = w.size() >= 9 ? 2 : 1;
        const auto ks = static_cast<size_t>(k);
        const uint64_t mask = LetterMask(w);
        const size_t inside_count = m.others.size();
        const std::string_view chars(ix_.catalog_chars_);
        for (size_t c = 0; c < ix_.catalog_words_.size(); ++c) {
            const uint32_t id = ix_.catalog_words_[c];
            const size_t start = ix_.catalog_starts_[c];
            const size_t end =
                c + 1 < ix_.catalog_starts_.size() ? ix_.catalog_starts_[c + 1] - 1 : chars.size();
            const size_t len = end - start;
            const bool full_ok = len + ks >= w.size() && len <= w.size() + ks &&
                                 PopCount(mask ^ ix_.catalog_masks_[c]) <= 2 * k;
            const bool prefix_ok = open && len + ks >= w.size() && chars[start] == w[0];
            if (!full_ok && !prefix_ok) continue;
            if (id >= m.lo && id < m.hi) continue;
            if (std::binary_search(m.others.begin(), m.others.begin() + static_cast<long>(inside_count),
                                   std::make_pair(id, uint8_t{kInside})))
                continue;
            const std::string_view word = chars.substr(start, len);
            if (full_ok) {
                const int d = BoundedDistance(w, word, k, false);
                if (d <= k) {
                    m.others.emplace_back(id, d == 1 ? kFuzzy1 : kFuzzy2);
                    continue;
                }
            }
            if (prefix_ok) {
                const uint64_t pm = LetterMask(word.substr(0, std::min(len, w.size() + ks)));
                if (PopCount(mask & ~pm) > k) continue;
                const int d = BoundedDistance(w, word, k, true);
                if (d <= k) m.others.emplace_back(id, d == 1 ? kFuzzyPrefix1 : kFuzzyPrefix2);
            }
        }
        std::sort(m.others.begin(), m.others.end());
    }

    // Words first seen after Build() (edited notes and tags; like other note words, only
    // whole or as a prefix).
    for (size_t e = 0; e < ix_.extra_words_.size(); ++e) {
        const std::string_view x = ix_.extra_words_[e];
        const uint8_t q = x == w ? kExact : prefix && StartsWith(x, w) ? kPrefix : kNone;
        if (q != kNone) m.others.emplace_back(base_words_ + static_cast<uint32_t>(e), q);
    }
    return m;
}

void SearchRun::ScoreWord(const QueryTerm& t) {
    const WordMatches m = MatchWord(t.text, true, true, !t.negated, t.open);
    ForEachPosting(m, t.fields, [&](uint32_t p, uint32_t field, uint8_t quality) {
        const auto s = static_cast<uint16_t>(kFieldWeight[field] * quality);
        if (s > best_[p]) {
            best_[p] = s;
            best_field_[p] = static_cast<uint8_t>(field);
        }
    });
}

bool SearchRun::FoldedContains(std::string_view raw, std::string_view needle, Boundaries b) {
    if (needle_ascii_) {
        const int found = FindAsciiFolded(raw, needle, b);
        if (found >= 0) return found == 1;
    }
    constexpr size_t kPiece = 512;
    scratch_.clear();
    size_t pos = 0, checked = 0;
    while (pos < raw.size()) {
        // Pieces end at ASCII whitespace, so the folded pieces join with one space.
        size_t end = std::min(raw.size(), pos + kPiece);
        while (end < raw.size() && !IsSpaceByte(raw[end]))
            ++end;
        const size_t before = scratch_.size();
        if (before) scratch_.push_back(' ');
        FoldText(raw.substr(pos, end - pos), scratch_);
        if (before && scratch_.size() == before + 1) scratch_.pop_back();
        pos = end;
        if (ContainsAt(scratch_, needle, b, checked > needle.size() ? checked - needle.size() : 0))
            return true;
        checked = scratch_.size();
    }
    return false;
}

bool SearchRun::FieldContains(uint32_t p, SearchField f, std::string_view needle, Boundaries b) {
    const Paper& paper = cat_.papers[p];
    auto folded = [&](std::string_view text) { return FoldedContains(text, needle, b); };
    switch (f) {
    case SearchField::Title: return folded(paper.title);
    case SearchField::Authors:
        for (const std::string& a : paper.authors)
            if (folded(a)) return true;
        return false;
    case SearchField::Venue: return ContainsAt(ix_.venues_[ix_.venue_[p]], needle, b);
    case SearchField::Tags: {
        const auto tags = ix_.TagsOf(p);
        for (const uint32_t* t = tags.first; t != tags.second; ++t)
            if (ContainsAt(ix_.tag_names_[*t], needle, b)) return true;
        return false;
    }
    case SearchField::Notes: {
        const PaperProgress* r = progress_.Find(paper.id);
        return r && folded(r->note);
    }
    case SearchField::None: break;
    }
    return false;
}

void SearchRun::ScoreSequence(const QueryTerm& t) {
    std::vector<std::string_view> words;
    ForEachWord(t.text, [&](std::string_view w) { words.push_back(w); });
    if (words.empty()) return;
    std::vector<uint8_t> acc(n_, 0), cur(n_, 0);
    for (size_t k = 0; k < words.size(); ++k) {
        const bool last = k + 1 == words.size();
        const WordMatches m = MatchWord(words[k], last && t.open, false, false, false);
        std::vector<uint8_t>& into = k == 0 ? acc : cur;
        if (k > 0) std::fill(cur.begin(), cur.end(), 0);
        ForEachPosting(m, t.fields, [&](uint32_t p, uint32_t field, uint8_t) {
            into[p] = static_cast<uint8_t>(into[p] | (1u << field));
        });
        if (k > 0)
            for (size_t p = 0; p < n_; ++p)
                acc[p] &= cur[p];
    }
    if (words.size() == 1) { // one word or CJK character: the postings are exact
        for (size_t p = 0; p < n_; ++p) {
            for (int f = 0; f < kSearchFieldCount && acc[p]; ++f) {
                if (!((acc[p] >> f) & 1u)) continue;
                best_[p] = static_cast<uint16_t>(kFieldWeight[f] * kExact);
                best_field_[p] = static_cast<uint8_t>(f);
                break;
            }
        }
        return;
    }
    needle_ascii_ = std::all_of(t.text.begin(), t.text.end(),
                                [](char c) { return static_cast<unsigned char>(c) < 0x80; });
    const bool cjk_first = CjkAt(t.text, 0);
    const bool cjk_last = CjkBefore(t.text, t.text.size());
    const Boundaries b{t.phrase && !cjk_first, t.phrase && !t.open && !cjk_last};
    for (size_t p = 0; p < n_; ++p) {
        const uint8_t fields = acc[p];
        if (!fields) continue;
        for (int f = 0; f < kSearchFieldCount; ++f) {
            if (!((fields >> f) & 1u)) continue;
            const auto s = static_cast<uint16_t>(kFieldWeight[f] * kExact);
            if (s <= best_[p]) continue;
            if (FieldContains(static_cast<uint32_t>(p), static_cast<SearchField>(f), t.text, b)) {
                best_[p] = s;
                best_field_[p] = static_cast<uint8_t>(f);
                break; // fields are in ranking order: the first hit is the best
            }
        }
    }
}

bool SearchRun::ResolveFilters(const SearchQuery& q, std::vector<std::string>& errors) {
    for (const QueryFilter& f : q.filters) {
        Resolved r{f.field, f.negated, {}, f.years, f.bits, 0};
        auto resolve = [&](size_t count, const char* what, auto&& matches) {
            r.set.assign(count, 0);
            for (const std::string& v : f.values) {
                bool any = false;
                for (size_t i = 0; i < count; ++i)
                    if (matches(i, v)) r.set[i] = 1, any = true;
                if (!any && what) errors.push_back(std::string("no ") + what + " matches '" + v + "'");
            }
        };
        switch (f.field) {
        case FilterField::Status:
        case FilterField::Priority: break;
        case FilterField::Year: break;
        case FilterField::List:
            resolve(ix_.list_ids_.size(), "list", [&](size_t i, const std::string& v) {
                return StartsWith(ix_.list_ids_[i], v) || ContainsAtWordStart(ix_.list_titles_[i], v);
            });
            break;
        case FilterField::Section:
            resolve(ix_.sections_.size(), "section", [&](size_t i, const std::string& v) {
                const auto& s = ix_.sections_[i];
                return ContainsAt(s.title, v, Boundaries{true, true}) ||
                       (!s.date.empty() && StartsWith(s.date, v));
            });
            break;
        case FilterField::Role:
            resolve(ix_.roles_.size(), "role",
                    [&](size_t i, const std::string& v) { return StartsWith(ix_.roles_[i], v); });
            break;
        case FilterField::Venue:
            resolve(ix_.venues_.size(), nullptr,
                    [&](size_t i, const std::string& v) { return ContainsAtWordStart(ix_.venues_[i], v); });
            break;
        case FilterField::Kind:
            resolve(ix_.kinds_.size(), nullptr,
                    [&](size_t i, const std::string& v) { return StartsWith(ix_.kinds_[i], v); });
            break;
        case FilterField::Tag:
            resolve(ix_.tag_names_.size(), nullptr,
                    [&](size_t i, const std::string& v) { return ix_.tag_names_[i] == v; });
            break;
        case FilterField::Id:
            r.set.assign(n_, 0);
            for (const std::string& v : f.values) {
                const Paper* paper = cat_.FindPaper(v);
                const size_t p = paper ? static_cast<size_t>(paper - cat_.papers.data()) : n_;
                if (p < n_) r.set[p] = 1;
            }
            break;
        case FilterField::Has:
            for (const std::string& v : f.values)
                r.has = static_cast<uint8_t>(r.has | (v == "note" ? 1 : v == "tag" ? 2 : 4));
            break;
        }
        if (!f.negated &&
            (f.field == FilterField::List || f.field == FilterField::Section || f.field == FilterField::Role))
            placement_positive_ = true;
        filters_.push_back(std::move(r));
    }
    return !filters_.empty();
}

bool SearchRun::PassesFilters(uint32_t p) const {
    const SearchIndex::Membership* mb = ix_.members_.data() + ix_.member_offsets_[p];
    const SearchIndex::Membership* me = ix_.members_.data() + ix_.member_offsets_[p + 1];
    auto in_set = [](const std::vector<uint8_t>& set, size_t i) { return i < set.size() && set[i]; };
    auto placement_hit = [&](const Resolved& r, const SearchIndex::Membership& m) {
        switch (r.field) {
        case FilterField::List: return in_set(r.set, m.list);
        case FilterField::Section: return in_set(r.set, m.section);
        case FilterField::Role: return in_set(r.set, m.role);
        default: return false;
        }
    };
    for (const Resolved& r : filters_) {
        bool hit = false;
        switch (r.field) {
        case FilterField::Status: hit = (r.bits >> ix_.status_[p]) & 1u; break;
        case FilterField::Priority: hit = (r.bits >> ix_.priority_[p]) & 1u; break;
        case FilterField::Year:
            for (const YearRange& y : r.years)
                if (ix_.year_[p] != 0 && ix_.year_[p] >= y.from && ix_.year_[p] <= y.to) hit = true;
            break;
        case FilterField::Venue: hit = !cat_.papers[p].venue.empty() && in_set(r.set, ix_.venue_[p]); break;
        case FilterField::Kind: hit = in_set(r.set, ix_.kind_[p]); break;
        case FilterField::Id: hit = in_set(r.set, p); break;
        case FilterField::Tag: {
            const auto tags = ix_.TagsOf(p);
            for (const uint32_t* t = tags.first; t != tags.second && !hit; ++t)
                hit = in_set(r.set, *t);
            break;
        }
        case FilterField::Has: {
            const auto tags = ix_.TagsOf(p);
            hit = ((r.has & 1) && ix_.has_note_[p]) || ((r.has & 2) && tags.first != tags.second) ||
                  ((r.has & 4) && !cat_.papers[p].links.empty());
            break;
        }
        case FilterField::List:
        case FilterField::Section:
        case FilterField::Role:
            if (placement_positive_ && !(r.negated && r.field == FilterField::List))
                continue; // judged per entry below
            for (const auto* m = mb; m != me && !hit; ++m)
                hit = placement_hit(r, *m);
            break;
        }
        if (hit == r.negated) return false;
    }
    if (!placement_positive_) return true;
    // One entry must satisfy every positive list/section/role filter and no negated
    // section/role filter.
    for (const auto* m = mb; m != me; ++m) {
        bool ok = true;
        for (const Resolved& r : filters_) {
            if (r.field != FilterField::List && r.field != FilterField::Section &&
                r.field != FilterField::Role)
                continue;
            if (r.negated && r.field == FilterField::List) continue;
            if (placement_hit(r, *m) == r.negated) {
                ok = false;
                break;
            }
        }
        if (ok) return true;
    }
    return false;
}

SearchResult SearchRun::Run(const SearchQuery& q, size_t limit) {
    SearchResult out;
    out.errors = q.errors;
    const bool filtering = ResolveFilters(q, out.errors);

    size_t positive = 0;
    for (const QueryTerm& t : q.terms)
        positive += t.negated ? 0 : 1;
    std::vector<int32_t> total(positive ? n_ : 0, 0);
    std::vector<uint8_t> matched(positive ? n_ : 0, 0), fields(positive ? n_ : 0, 0);
    std::vector<uint8_t> excluded;
    best_.assign(n_, 0);
    best_field_.assign(n_, 0);
    for (const QueryTerm& t : q.terms) {
        const bool sequence = t.phrase || HasCjk(t.text) || t.text.find(' ') != std::string::npos;
        if (sequence)
            ScoreSequence(t);
        else
            ScoreWord(t);
        if (t.negated) {
            if (excluded.empty()) excluded.assign(n_, 0);
            for (size_t p = 0; p < n_; ++p)
                if (best_[p]) excluded[p] = 1, best_[p] = 0;
            continue;
        }
        for (size_t p = 0; p < n_; ++p) {
            if (!best_[p]) continue;
            total[p] += best_[p];
            ++matched[p];
            fields[p] = static_cast<uint8_t>(fields[p] | (1u << best_field_[p]));
            best_[p] = 0;
        }
    }

    std::vector<SearchHit> hits;
    for (size_t i = 0; i < n_; ++i) {
        const auto p = static_cast<uint32_t>(i);
        if (positive && matched[p] != positive) continue;
        if (!excluded.empty() && excluded[p]) continue;
        if (filtering && !PassesFilters(p)) continue;
        SearchHit h;
        h.paper = p;
        if (positive) {
            h.score = total[p];
            h.fields = fields[p];
            for (int f = 0; f < kSearchFieldCount; ++f)
                if ((h.fields >> f) & 1u) {
                    h.field = static_cast<SearchField>(f);
                    break;
                }
        }
        hits.push_back(h);
    }
    out.total = hits.size();

    // Stable counting sort by score, best first (scores are small integers).
    if (positive && hits.size() > 1) {
        const size_t max_score = positive * kMaxTermScore;
        std::vector<uint32_t> start(max_score + 2, 0);
        for (const SearchHit& h : hits)
            ++start[max_score - static_cast<size_t>(h.score) + 1];
        for (size_t s = 1; s < start.size(); ++s)
            start[s] += start[s - 1];
        std::vector<SearchHit> sorted(hits.size());
        for (const SearchHit& h : hits)
            sorted[start[max_score - static_cast<size_t>(h.score)]++] = h;
        hits.swap(sorted);
    }
    if (hits.size() > limit) hits.resize(limit);
    out.hits = std::move(hits);
    return out;
}

SearchResult Search(const SearchQuery& query, const SearchIndex& index, const Progress& progress,
                    size_t limit) {
    if (!index.catalogue()) {
        SearchResult r;
        r.errors = query.errors;
        return r;
    }
    return SearchRun(index, progress).Run(query, limit);
}

} // namespace shelfmark
