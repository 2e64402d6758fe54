// search_query.cpp: the query parser (ParseQuery(), syntax in search.h) and
// SearchFieldName().
#include <cctype>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/search.h"
#include "core/search_fold.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

using namespace search_internal;

// ------------------------------------------------------------------ query parsing

std::string AsciiLower(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    return out;
}

// A raw field value and whether it was quoted.
struct RawValue {
    std::string text;
    bool quoted = false;
};

std::optional<int> ParseYearNumber(std::string_view s) {
    if (s.empty() || s.size() > 4) return std::nullopt;
    int v = 0;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        v = v * 10 + (c - '0');
    }
    return v;
}

std::optional<YearRange> ParseYearValue(std::string_view s) {
    YearRange r;
    auto num = [](std::string_view t) { return ParseYearNumber(t); };
    if (StartsWith(s, ">=") || StartsWith(s, "<=")) {
        const auto v = num(s.substr(2));
        if (!v) return std::nullopt;
        (s[0] == '>' ? r.from : r.to) = *v;
        return r;
    }
    if (StartsWith(s, ">") || StartsWith(s, "<")) {
        const auto v = num(s.substr(1));
        if (!v) return std::nullopt;
        if (s[0] == '>')
            r.from = *v + 1;
        else
            r.to = *v - 1;
        return r.from <= r.to ? std::optional<YearRange>(r) : std::nullopt;
    }
    size_t dots = s.find("..");
    size_t sep_len = 2;
    if (dots == std::string_view::npos && s.size() > 1) {
        dots = s.find('-', 1);
        sep_len = 1;
    }
    if (dots == std::string_view::npos) {
        const auto v = num(s);
        if (!v) return std::nullopt;
        r.from = r.to = *v;
        return r;
    }
    const std::string_view lo = s.substr(0, dots), hi = s.substr(dots + sep_len);
    if (lo.empty() && hi.empty()) return std::nullopt;
    if (!lo.empty()) {
        const auto v = num(lo);
        if (!v) return std::nullopt;
        r.from = *v;
    }
    if (!hi.empty()) {
        const auto v = num(hi);
        if (!v) return std::nullopt;
        r.to = *v;
    }
    if (r.from > r.to) return std::nullopt;
    return r;
}

class QueryParser {
  public:
    explicit QueryParser(std::string_view text) : s_(text) {}

    SearchQuery Parse() {
        if (s_.size() > kMaxQueryBytes) {
            s_ = utf8::Truncated(s_, kMaxQueryBytes);
            q_.errors.push_back("query too long: only the first " + std::to_string(kMaxQueryBytes) +
                                " bytes are used");
        }
        const bool ends_open = !s_.empty() && SpaceAt(s_, s_.size() - 1) == 0 &&
                               !(s_.size() >= 3 && SpaceAt(s_, s_.size() - 3) == 3);
        size_t last_token_first_term = 0;
        bool last_token_plain = false;
        while (true) {
            while (i_ < s_.size()) {
                const size_t sp = SpaceAt(s_, i_);
                if (sp == 0) break;
                i_ += sp;
            }
            if (i_ >= s_.size()) break;
            last_token_first_term = q_.terms.size();
            last_token_plain = false;
            bool negated = false;
            if (s_[i_] == '-') {
                ++i_;
                if (i_ >= s_.size() || SpaceAt(s_, i_) != 0) continue; // a lone '-'
                negated = true;
            }
            if (s_[i_] == '"') {
                bool closed = false;
                const std::string phrase = ReadQuoted(&closed);
                AddPhrase(phrase, negated, kAllFields, !closed);
                continue;
            }
            size_t j = i_;
            while (j < s_.size() && (std::isalpha(static_cast<unsigned char>(s_[j])) || s_[j] == '_'))
                ++j;
            if (j > i_ && j < s_.size() && s_[j] == ':') {
                const std::string name = AsciiLower(s_.substr(i_, j - i_));
                i_ = j + 1;
                const std::vector<RawValue> values = ReadValues();
                if (values.empty() && !KnownField(name)) {
                    AddWords(name, negated, kAllFields); // "Alpa: ..." pasted from a title
                    last_token_plain = true;
                    continue;
                }
                last_token_plain = IsTextField(name);
                ApplyField(name, values, negated);
                continue;
            }
            j = i_;
            while (j < s_.size() && SpaceAt(s_, j) == 0 && s_[j] != '"')
                ++j;
            AddWords(s_.substr(i_, j - i_), negated, kAllFields);
            last_token_plain = true;
            i_ = j;
        }
        if (ends_open && last_token_plain && last_token_first_term < q_.terms.size()) {
            QueryTerm& t = q_.terms.back();
            if (!t.phrase && !t.negated) t.open = true;
        }
        return std::move(q_);
    }

  private:
    static bool IsTextField(const std::string& name) {
        return name == "title" || name == "author" || name == "authors" || name == "by" || name == "note" ||
               name == "notes";
    }
    static bool KnownField(const std::string& name) {
        static const char* const kNames[] = {"status", "list", "lists", "section", "role",
                                             "venue",  "year", "years", "tag",     "tags",
                                             "kind",   "id",   "has",   "priority"};
        for (const char* k : kNames)
            if (name == k) return true;
        return IsTextField(name);
    }

    // Reads "..." from s_[i_] (which is the quote); sets *closed when the quote closes.
    std::string ReadQuoted(bool* closed) {
        ++i_;
        const size_t end = s_.find('"', i_);
        std::string out(s_.substr(i_, end == std::string_view::npos ? std::string_view::npos : end - i_));
        *closed = end != std::string_view::npos;
        i_ = *closed ? end + 1 : s_.size();
        return out;
    }

    // value[,value...] where each value is a bare run or "quoted".
    std::vector<RawValue> ReadValues() {
        std::vector<RawValue> out;
        while (i_ < s_.size() && SpaceAt(s_, i_) == 0) {
            RawValue v;
            if (s_[i_] == '"') {
                bool closed = false;
                v.text = ReadQuoted(&closed);
                v.quoted = true;
            } else {
                size_t j = i_;
                while (j < s_.size() && SpaceAt(s_, j) == 0 && s_[j] != ',')
                    ++j;
                v.text = std::string(s_.substr(i_, j - i_));
                i_ = j;
            }
            if (!v.text.empty()) out.push_back(std::move(v));
            if (i_ < s_.size() && s_[i_] == ',') {
                ++i_;
                continue;
            }
            break;
        }
        // Anything glued after a closing quote belongs to nobody: skip it.
        while (i_ < s_.size() && SpaceAt(s_, i_) == 0)
            ++i_;
        return out;
    }

    bool RoomForTerm() {
        if (q_.terms.size() < kMaxQueryTerms) return true;
        if (!too_many_reported_) {
            q_.errors.push_back("too many words: only the first " + std::to_string(kMaxQueryTerms) +
                                " are used");
            too_many_reported_ = true;
        }
        return false;
    }

    void AddTerm(std::string text, uint8_t fields, bool phrase, bool negated, bool open) {
        if (text.empty() || !RoomForTerm()) return;
        QueryTerm t;
        t.text = std::move(text);
        t.fields = fields;
        t.phrase = phrase;
        t.negated = negated;
        t.open = open;
        q_.terms.push_back(std::move(t));
    }

    void AddPhrase(std::string_view raw, bool negated, uint8_t fields, bool open) {
        AddTerm(FoldedText(raw), fields, true, negated, open);
    }

    // A bare word: folded, split at punctuation and between CJK and other letters.
    // Negated words that split stay together as one phrase (-pipe-dream).
    void AddWords(std::string_view raw, bool negated, uint8_t fields) {
        const std::string folded = FoldedText(raw);
        std::vector<std::string> parts;
        for (size_t i = 0; i < folded.size();) {
            if (folded[i] == ' ') {
                ++i;
                continue;
            }
            const size_t start = i;
            size_t j = i;
            const bool cjk = CjkAt(folded, i);
            while (j < folded.size() && folded[j] != ' ' && CjkAt(folded, j) == cjk) {
                size_t k = j;
                utf8::DecodeNext(folded, k);
                j = k;
            }
            parts.emplace_back(folded.substr(start, j - start));
            i = j;
        }
        if (negated && parts.size() > 1) {
            AddTerm(folded, fields, true, true, false);
            return;
        }
        for (std::string& p : parts) {
            const std::string_view cut = CjkAt(p, 0) ? std::string_view(p) : CutWord(p);
            AddTerm(std::string(cut), fields, false, negated, false);
        }
    }

    void ApplyField(const std::string& name, const std::vector<RawValue>& values, bool negated) {
        if (!KnownField(name)) {
            q_.errors.push_back("unknown field '" + name + "'");
            return;
        }
        if (values.empty()) {
            q_.errors.push_back("'" + name + ":' needs a value");
            return;
        }
        if (IsTextField(name)) {
            const SearchField f = name[0] == 't'   ? SearchField::Title
                                  : name[0] == 'n' ? SearchField::Notes
                                                   : SearchField::Authors;
            for (const RawValue& v : values) {
                if (v.quoted)
                    AddPhrase(v.text, negated, FieldBit(f), false);
                else
                    AddWords(v.text, negated, FieldBit(f));
            }
            return;
        }
        QueryFilter filter;
        filter.negated = negated;
        if (name == "status") {
            filter.field = FilterField::Status;
            for (const RawValue& v : values) {
                const std::string low = AsciiLower(v.text);
                if (const auto s = ParseStatus(low)) {
                    filter.bits = static_cast<uint8_t>(filter.bits | (1u << static_cast<unsigned>(*s)));
                    filter.values.push_back(low);
                } else {
                    q_.errors.push_back("unknown status '" + v.text +
                                        "' (use unread, queued, reading, read or skipped)");
                }
            }
        } else if (name == "year" || name == "years") {
            filter.field = FilterField::Year;
            for (const RawValue& v : values) {
                if (const auto r = ParseYearValue(v.text)) {
                    filter.years.push_back(*r);
                    filter.values.push_back(v.text);
                } else {
                    q_.errors.push_back("bad year '" + v.text + "' (use 2019, 2019..2021, ..2018 or 2020..)");
                }
            }
        } else if (name == "priority") {
            filter.field = FilterField::Priority;
            static const char* const kPriorityNames[kMaxPriority + 1] = {"none", "low", "normal", "high"};
            for (const RawValue& v : values) {
                const std::string low = AsciiLower(v.text);
                int level = -1;
                for (int k = 0; k <= kMaxPriority; ++k)
                    if (low == kPriorityNames[k] || (low.size() == 1 && low[0] == '0' + k)) level = k;
                if (level >= 0) {
                    filter.bits = static_cast<uint8_t>(filter.bits | (1u << level));
                    filter.values.push_back(kPriorityNames[level]);
                } else {
                    q_.errors.push_back("unknown priority '" + v.text +
                                        "' (use none, low, normal, high or 0-3)");
                }
            }
        } else if (name == "has") {
            filter.field = FilterField::Has;
            for (const RawValue& v : values) {
                std::string low = AsciiLower(v.text);
                if (!low.empty() && low.back() == 's') low.pop_back();
                if (low == "note" || low == "tag" || low == "link")
                    filter.values.push_back(low);
                else
                    q_.errors.push_back("unknown has: value '" + v.text + "' (use note, tag or link)");
            }
        } else if (name == "id") {
            filter.field = FilterField::Id;
            for (const RawValue& v : values)
                filter.values.push_back(AsciiLower(v.text));
        } else {
            filter.field = name == "list" || name == "lists" ? FilterField::List
                           : name == "section"               ? FilterField::Section
                           : name == "role"                  ? FilterField::Role
                           : name == "venue"                 ? FilterField::Venue
                           : name == "kind"                  ? FilterField::Kind
                                                             : FilterField::Tag;
            bool all = false;
            for (const RawValue& v : values) {
                // list:all (unquoted): every paper, whatever list is open; list:"all" is a name.
                if (filter.field == FilterField::List && !v.quoted && AsciiLower(v.text) == "all") {
                    if (negated)
                        q_.errors.push_back("'-list:all' would exclude every paper: use -list:<id>");
                    else
                        q_.all_lists = true;
                    all = true;
                    continue;
                }
                std::string folded = FoldedText(v.text);
                if (!folded.empty()) filter.values.push_back(std::move(folded));
            }
            if (filter.values.empty() && !all) q_.errors.push_back("'" + name + ":' needs a value");
        }
        if (!filter.values.empty()) q_.filters.push_back(std::move(filter));
    }

    std::string_view s_;
    size_t i_ = 0;
    SearchQuery q_;
    bool too_many_reported_ = false;
};

} // namespace

const char* SearchFieldName(SearchField f) {
    switch (f) {
    case SearchField::Title: return "title";
    case SearchField::Authors: return "authors";
    case SearchField::Tags: return "tags";
    case SearchField::Venue: return "venue";
    case SearchField::Notes: return "notes";
    case SearchField::None: break;
    }
    return "none";
}

SearchQuery ParseQuery(std::string_view text) { return QueryParser(text).Parse(); }

} // namespace shelfmark
