// search_index.cpp: SearchIndex (search.h): Build() and UpdatePaper().
#include <algorithm>
#include <memory>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/search.h"
#include "core/search_distance.h"
#include "core/search_fold.h"
#include "core/search_internal.h"
#include "core/search_text_table.h"

namespace shelfmark {

using namespace search_internal;

namespace {

// Calls f(paper index, record, via_alias) for every record of `progress` whose id (or an
// alias) is a catalogue paper, walking the records and the sorted ids side by side.
template <class F>
void JoinRecords(const Progress& progress, const Catalogue& c, const std::vector<uint32_t>& id_order,
                 const std::vector<std::pair<std::string, uint32_t>>& aliases, F&& f) {
    const auto& records = progress.Records();
    auto it = records.begin();
    size_t k = 0, a = 0;
    while (it != records.end()) {
        while (k < id_order.size() && c.papers[id_order[k]].id < it->first)
            ++k;
        if (k < id_order.size() && c.papers[id_order[k]].id == it->first) {
            f(id_order[k], it->second, false);
        } else if (!aliases.empty()) {
            while (a < aliases.size() && aliases[a].first < it->first)
                ++a;
            if (a < aliases.size() && aliases[a].first == it->first) f(aliases[a].second, it->second, true);
        }
        ++it;
    }
}

template <class T> size_t VecBytes(const std::vector<T>& v) { return v.capacity() * sizeof(T); }

// The words of every (paper, field) while the index is built: one per posting (~2 million
// at 50,000 papers with 12,500 notes). Grows by fixed blocks, never moving what it holds: a
// vector doubling would hold up to 1.5x its content again while it copies, and with post_
// allocated beside it the wasm heap's high-water mark (which never comes down) rose by up
// to 3x the postings.
class TokenBuffer {
  public:
    void push_back(uint32_t v) {
        if (used_ == kBlock) {
            blocks_.emplace_back(new uint32_t[kBlock]);
            used_ = 0;
        }
        blocks_.back()[used_++] = v;
        ++size_;
    }
    size_t size() const { return size_; }
    bool empty() const { return size_ == 0; }
    uint32_t operator[](size_t i) const { return blocks_[i / kBlock][i % kBlock]; }

  private:
    static constexpr size_t kBlock = size_t{1} << 15;
    std::vector<std::unique_ptr<uint32_t[]>> blocks_;
    size_t used_ = kBlock, size_ = 0;
};

// The id of `key` in `names` (added when new); `map` remembers the ids given.
uint32_t Intern(std::unordered_map<std::string, uint32_t>& map, std::vector<std::string>& names,
                std::string key) {
    const auto it = map.find(key);
    if (it != map.end()) return it->second;
    const auto id = static_cast<uint32_t>(names.size());
    names.push_back(key);
    map.emplace(std::move(key), id);
    return id;
}
} // namespace

// ------------------------------------------------------------------ SearchIndex

std::string_view SearchIndex::Word(uint32_t id) const {
    const size_t base = word_offsets_.empty() ? 0 : word_offsets_.size() - 1;
    if (id < base)
        return std::string_view(word_chars_)
            .substr(word_offsets_[id], word_offsets_[id + 1] - word_offsets_[id]);
    return extra_words_[id - base];
}

uint32_t SearchIndex::FindWord(std::string_view w) const {
    const size_t base = word_offsets_.empty() ? 0 : word_offsets_.size() - 1;
    size_t lo = 0, hi = base;
    while (lo < hi) {
        const size_t mid = (lo + hi) / 2;
        if (Word(static_cast<uint32_t>(mid)) < w)
            lo = mid + 1;
        else
            hi = mid;
    }
    if (lo < base && Word(static_cast<uint32_t>(lo)) == w) return static_cast<uint32_t>(lo);
    const auto it = extra_ids_.find(std::string(w));
    return it == extra_ids_.end() ? kNoWord : it->second;
}

uint32_t SearchIndex::AddExtraWord(std::string_view w) {
    const uint32_t id = FindWord(w);
    if (id != kNoWord) return id;
    const auto next = static_cast<uint32_t>(word_offsets_.size() - 1 + extra_words_.size());
    extra_words_.emplace_back(w);
    extra_ids_.emplace(std::string(w), next);
    return next;
}

uint32_t SearchIndex::InternTag(std::string_view folded) {
    const auto it = tag_lookup_.find(std::string(folded));
    if (it != tag_lookup_.end()) return it->second;
    const auto id = static_cast<uint32_t>(tag_names_.size());
    tag_names_.emplace_back(folded);
    tag_lookup_.emplace(std::string(folded), id);
    return id;
}

std::pair<const uint32_t*, const uint32_t*> SearchIndex::TagsOf(uint32_t paper) const {
    if (overridden_[paper]) {
        const auto it = overrides_.find(paper);
        if (it != overrides_.end())
            return {it->second.tags.data(), it->second.tags.data() + it->second.tags.size()};
    }
    return {tag_ids_.data() + tag_offsets_[paper], tag_ids_.data() + tag_offsets_[paper + 1]};
}

void SearchIndex::Build(const Catalogue& catalogue, const Progress& progress) {
    *this = SearchIndex();
    catalogue_ = &catalogue;
    const auto& papers = catalogue.papers;
    const size_t n = papers.size();

    std::vector<uint32_t> id_order(n); // paper indices sorted by id, to walk beside the records
    for (size_t i = 0; i < n; ++i)
        id_order[i] = static_cast<uint32_t>(i);
    std::sort(id_order.begin(), id_order.end(),
              [&](uint32_t a, uint32_t b) { return papers[a].id < papers[b].id; });
    std::vector<std::pair<std::string, uint32_t>> aliases;
    for (size_t i = 0; i < n; ++i)
        for (const std::string& al : papers[i].aliases)
            aliases.emplace_back(al, static_cast<uint32_t>(i));
    std::sort(aliases.begin(), aliases.end());

    std::vector<const PaperProgress*> record(n, nullptr);
    JoinRecords(progress, catalogue, id_order, aliases,
                [&](uint32_t p, const PaperProgress& r, bool via_alias) {
                    if (!via_alias || !record[p]) record[p] = &r;
                });

    // Pass 1: words of every (paper, field), numbered in order of first appearance.
    TextTable vocabulary;
    std::vector<uint8_t> in_catalog;         // word occurs in a title, author or venue
    std::vector<uint32_t> last_segment;      // dedupes a word within one (paper, field)
    std::vector<uint32_t> seg_code, seg_end; // per segment: paper << 3 | field, end in tokens
    TokenBuffer tokens;
    std::string folded;
    uint32_t segment = 0;
    auto add_text = [&](std::string_view text, uint32_t paper, SearchField field, bool more_to_come) {
        folded.clear();
        FoldText(text, folded);
        const bool catalog_field =
            field == SearchField::Title || field == SearchField::Authors || field == SearchField::Venue;
        ForEachWord(folded, [&](std::string_view w) {
            const uint32_t id = vocabulary.Intern(w);
            if (id == in_catalog.size()) {
                in_catalog.push_back(0);
                last_segment.push_back(std::numeric_limits<uint32_t>::max());
            }
            if (catalog_field) in_catalog[id] = 1;
            if (last_segment[id] == segment) return;
            last_segment[id] = segment;
            tokens.push_back(id);
        });
        if (more_to_come) return;
        if (seg_end.empty() ? !tokens.empty() : seg_end.back() != tokens.size()) {
            seg_code.push_back(paper << kFieldBits | static_cast<uint32_t>(field));
            seg_end.push_back(static_cast<uint32_t>(tokens.size()));
        }
        ++segment;
    };

    std::unordered_map<std::string, uint32_t> venue_ids, kind_ids;

    year_.resize(n);
    venue_.resize(n);
    kind_.resize(n);
    has_note_.assign(n, 0);
    status_.assign(n, static_cast<uint8_t>(Status::Unread));
    priority_.assign(n, 0);
    overridden_.assign(n, 0);
    tag_offsets_.assign(n + 1, 0);
    for (size_t i = 0; i < n; ++i) {
        const Paper& paper = papers[i];
        const auto p = static_cast<uint32_t>(i);
        year_[i] = paper.year;
        venue_[i] = Intern(venue_ids, venues_, FoldedText(paper.venue));
        kind_[i] =
            static_cast<uint8_t>(std::min<uint32_t>(Intern(kind_ids, kinds_, FoldedText(paper.kind)), 255));
        add_text(paper.title, p, SearchField::Title, false);
        for (size_t a = 0; a < paper.authors.size(); ++a)
            add_text(paper.authors[a], p, SearchField::Authors, a + 1 < paper.authors.size());
        add_text(paper.venue, p, SearchField::Venue, false);
        if (const PaperProgress* r = record[i]) {
            status_[i] = static_cast<uint8_t>(r->status);
            priority_[i] = static_cast<uint8_t>(std::clamp(r->priority, 0, kMaxPriority));
            const std::vector<std::string>& tags = r->tags;
            const size_t first_tag = tag_ids_.size();
            for (size_t t = 0; t < tags.size(); ++t) {
                const std::string ft = FoldedText(tags[t]);
                if (!ft.empty()) {
                    const uint32_t tid = InternTag(ft);
                    if (std::find(tag_ids_.begin() + static_cast<std::ptrdiff_t>(first_tag), tag_ids_.end(),
                                  tid) == tag_ids_.end())
                        tag_ids_.push_back(tid);
                }
                add_text(tags[t], p, SearchField::Tags, t + 1 < tags.size());
            }
            add_text(r->note, p, SearchField::Notes, false);
            has_note_[i] = r->note.empty() ? 0 : 1;
        }
        tag_offsets_[i + 1] = static_cast<uint32_t>(tag_ids_.size());
    }

    // Pass 2: sort the vocabulary, then lay postings out word by word (CSR).
    const size_t word_count = vocabulary.size();
    auto words = [&](uint32_t id) { return vocabulary.Text(id); };
    std::vector<uint32_t> order(word_count);
    for (size_t i = 0; i < order.size(); ++i)
        order[i] = static_cast<uint32_t>(i);
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return words(a) < words(b); });
    std::vector<uint32_t> rank(word_count);
    size_t chars = 0;
    for (size_t r = 0; r < order.size(); ++r) {
        rank[order[r]] = static_cast<uint32_t>(r);
        chars += words(order[r]).size();
    }
    word_chars_.reserve(chars);
    word_offsets_.reserve(word_count + 1);
    for (uint32_t w : order) {
        word_offsets_.push_back(static_cast<uint32_t>(word_chars_.size()));
        word_chars_.append(words(w));
    }
    word_offsets_.push_back(static_cast<uint32_t>(word_chars_.size()));

    post_offsets_.assign(word_count + 1, 0);
    for (size_t k = 0; k < tokens.size(); ++k)
        ++post_offsets_[rank[tokens[k]] + 1];
    for (size_t w = 0; w < word_count; ++w)
        post_offsets_[w + 1] += post_offsets_[w];
    post_.resize(tokens.size());
    {
        std::vector<uint32_t> cursor(post_offsets_.begin(), post_offsets_.end() - 1);
        uint32_t begin = 0;
        for (size_t s = 0; s < seg_end.size(); ++s) {
            for (uint32_t k = begin; k < seg_end[s]; ++k)
                post_[cursor[rank[tokens[k]]]++] = seg_code[s];
            begin = seg_end[s];
        }
    }
    tokens = TokenBuffer(); // done: the memberships below need room, not these
    std::vector<uint32_t>().swap(seg_code);
    std::vector<uint32_t>().swap(seg_end);
    for (uint32_t w : order) {
        if (!in_catalog[w]) continue;
        const uint32_t id = rank[w];
        catalog_words_.push_back(id);
        catalog_chars_.push_back('\n');
        catalog_starts_.push_back(static_cast<uint32_t>(catalog_chars_.size()));
        catalog_chars_.append(words(w));
        catalog_masks_.push_back(LetterMask(words(w)));
    }

    BuildPlacements(catalogue);
}

void SearchIndex::BuildPlacements(const Catalogue& catalogue) {
    const auto& papers = catalogue.papers;
    const size_t n = papers.size();
    list_ids_.clear();
    list_titles_.clear();
    sections_.clear();
    roles_.clear();
    std::unordered_map<std::string, uint32_t> role_ids;
    // Where each paper appears: list, section and role.
    TextTable paper_ids;
    std::vector<uint32_t> paper_of_id; // first paper with each id
    for (size_t i = 0; i < n; ++i)
        if (paper_ids.Intern(papers[i].id) == paper_of_id.size())
            paper_of_id.push_back(static_cast<uint32_t>(i));
    std::vector<std::pair<uint32_t, Membership>> placed;
    for (size_t l = 0; l < catalogue.lists.size(); ++l) {
        const ReadingList& list = catalogue.lists[l];
        list_ids_.push_back(FoldedText(list.id));
        list_titles_.push_back(FoldedText(list.title));
        for (const Section& s : list.sections) {
            const auto section = static_cast<uint32_t>(sections_.size());
            sections_.push_back({static_cast<uint32_t>(l), FoldedText(s.title), FoldedText(s.date)});
            for (const Entry& e : s.entries) {
                const uint32_t found = paper_ids.Find(e.paper);
                uint32_t index = found == TextTable::kMissing ? TextTable::kMissing : paper_of_id[found];
                if (index == TextTable::kMissing) { // an alias
                    const Paper* paper = catalogue.FindPaper(e.paper);
                    if (!paper) continue;
                    index = static_cast<uint32_t>(paper - papers.data());
                }
                const uint32_t role = Intern(role_ids, roles_, FoldedText(e.role));
                placed.push_back(
                    {index, Membership{section, static_cast<uint16_t>(std::min<size_t>(l, 0xFFFF)),
                                       static_cast<uint16_t>(std::min<uint32_t>(role, 0xFFFF))}});
            }
        }
    }
    member_offsets_.assign(n + 1, 0);
    for (const auto& pm : placed)
        ++member_offsets_[pm.first + 1];
    for (size_t i = 0; i < n; ++i)
        member_offsets_[i + 1] += member_offsets_[i];
    members_.resize(placed.size());
    {
        std::vector<uint32_t> cursor(member_offsets_.begin(), member_offsets_.end() - 1);
        for (const auto& pm : placed)
            members_[cursor[pm.first]++] = pm.second;
    }
}

bool SearchIndex::UpdatePlacements(const Catalogue& catalogue) {
    if (catalogue_ != &catalogue || catalogue.papers.size() != PaperCount()) return false;
    BuildPlacements(catalogue);
    return true;
}

bool SearchIndex::UpdatePaper(const std::string& paper_id, const PaperProgress* record) {
    if (!catalogue_) return false;
    const Paper* paper = catalogue_->FindPaper(paper_id);
    if (!paper) return false;
    const auto p = static_cast<uint32_t>(paper - catalogue_->papers.data());
    if (p >= PaperCount()) return false;
    UserPart part;
    std::string folded;
    auto add = [&](std::string_view text, SearchField field) {
        folded.clear();
        FoldText(text, folded);
        ForEachWord(folded, [&](std::string_view w) {
            part.postings.push_back(AddExtraWord(w) << kFieldBits | static_cast<uint32_t>(field));
        });
    };
    if (record) {
        for (const std::string& t : record->tags) {
            const std::string ft = FoldedText(t);
            if (ft.empty()) continue;
            const uint32_t tid = InternTag(ft);
            if (std::find(part.tags.begin(), part.tags.end(), tid) == part.tags.end())
                part.tags.push_back(tid);
            add(t, SearchField::Tags);
        }
        add(record->note, SearchField::Notes);
    }
    std::sort(part.postings.begin(), part.postings.end());
    part.postings.erase(std::unique(part.postings.begin(), part.postings.end()), part.postings.end());
    has_note_[p] = record && !record->note.empty() ? 1 : 0;
    status_[p] = static_cast<uint8_t>(record ? record->status : Status::Unread);
    priority_[p] = static_cast<uint8_t>(record ? std::clamp(record->priority, 0, kMaxPriority) : 0);
    overridden_[p] = 1;
    overrides_[p] = std::move(part);
    return true;
}

size_t SearchIndex::MemoryBytes() const {
    size_t b = word_chars_.capacity() + catalog_chars_.capacity() + VecBytes(word_offsets_) +
               VecBytes(post_offsets_) + VecBytes(post_) + VecBytes(catalog_words_) +
               VecBytes(catalog_starts_) + VecBytes(catalog_masks_) + VecBytes(year_) + VecBytes(venue_) +
               VecBytes(member_offsets_) + VecBytes(members_) + VecBytes(has_note_) + VecBytes(status_) +
               VecBytes(priority_) + VecBytes(tag_offsets_) + VecBytes(tag_ids_) + VecBytes(overridden_) +
               VecBytes(kind_);
    for (const auto& w : extra_words_)
        b += w.capacity() + 32;
    for (const auto& o : overrides_)
        b += VecBytes(o.second.postings) + VecBytes(o.second.tags) + 48;
    for (const auto& s : sections_)
        b += s.title.capacity() + s.date.capacity() + sizeof(s);
    for (const auto* v : {&venues_, &roles_, &kinds_, &list_ids_, &list_titles_, &tag_names_})
        for (const auto& s : *v)
            b += s.capacity() + sizeof(s);
    return b;
}

} // namespace shelfmark
