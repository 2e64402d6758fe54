#include "core/note_merge.h"

#include <algorithm>
#include <cstdint>
#include <vector>

#include "core/utf8.h"

namespace shelfmark {

namespace {
using utf8::IsContinuation;

// ------------------------------------------------------------ one changed span per side
// The span of `base` that `edited` replaced: [begin, end) of base, and the new bytes.
struct Edit {
    size_t begin = 0, end = 0;
    std::string_view text;
};

Edit Diff(std::string_view base, std::string_view edited) {
    const size_t limit = std::min(base.size(), edited.size());
    size_t p = 0;
    while (p < limit && base[p] == edited[p])
        ++p;
    while (p > 0 && p < base.size() && IsContinuation(base[p]))
        --p;
    size_t s = 0;
    while (s < limit - p && base[base.size() - 1 - s] == edited[edited.size() - 1 - s])
        ++s;
    while (s > 0 && IsContinuation(base[base.size() - s]))
        --s;
    return {p, base.size() - s, edited.substr(p, edited.size() - s - p)};
}

// Both edits applied when each is one span and the spans are apart.
std::optional<std::string> MergeSpans(std::string_view base, std::string_view mine, std::string_view theirs) {
    if (mine == theirs || theirs == base) return std::string(mine);
    if (mine == base) return std::string(theirs);
    const Edit m = Diff(base, mine), t = Diff(base, theirs);
    const bool m_insert = m.begin == m.end, t_insert = t.begin == t.end;
    if (m_insert && t_insert && m.begin == t.begin) {
        // Both typed at the same place: fine only when one already holds the other.
        if (t.text.find(m.text) != std::string_view::npos) return std::string(theirs);
        if (m.text.find(t.text) != std::string_view::npos) return std::string(mine);
        return std::nullopt;
    }
    const Edit* first = &m;
    const Edit* second = &t;
    if (t.begin < m.begin || (t.begin == m.begin && t_insert)) std::swap(first, second);
    if (first->end > second->begin) return std::nullopt; // the spans overlap
    if (first->end == second->begin && (m_insert || t_insert)) {
        // An insertion at the edge of the other side's span: which side of it the text
        // belongs on is unknown. Fine only when the larger edit already holds the smaller.
        const Edit& ins = m_insert ? m : t;
        const Edit& span = m_insert ? t : m;
        if (span.text.find(ins.text) != std::string_view::npos) return std::string(m_insert ? theirs : mine);
        return std::nullopt;
    }
    std::string out;
    out.reserve(base.size() + m.text.size() + t.text.size());
    out.append(base.substr(0, first->begin));
    out.append(first->text);
    out.append(base.substr(first->end, second->begin - first->end));
    out.append(second->text);
    out.append(base.substr(second->end));
    return out;
}

// ------------------------------------------------------------ lines and diff3
using Lines = std::vector<std::string_view>;

Lines SplitLines(std::string_view s) {
    Lines out;
    size_t at = 0;
    while (at < s.size()) {
        const size_t nl = s.find('\n', at);
        const size_t end = nl == std::string_view::npos ? s.size() : nl + 1;
        out.push_back(s.substr(at, end - at));
        at = end;
    }
    return out;
}

// Above this many cells the longest-common-subsequence table is not built (the span
// merge still runs): notes are rarely more than a few hundred lines.
constexpr size_t kMaxLcsCells = 2'500'000;

// For each line of `base`, the index of the line of `other` it is matched to (a longest
// common subsequence), or -1. nullopt when the texts are too large to compare by lines.
std::optional<std::vector<long>> MatchLines(const Lines& base, const Lines& other) {
    std::vector<long> match(base.size(), -1);
    size_t pre = 0;
    while (pre < base.size() && pre < other.size() && base[pre] == other[pre]) {
        match[pre] = static_cast<long>(pre);
        ++pre;
    }
    size_t suf = 0;
    while (suf < base.size() - pre && suf < other.size() - pre &&
           base[base.size() - 1 - suf] == other[other.size() - 1 - suf]) {
        match[base.size() - 1 - suf] = static_cast<long>(other.size() - 1 - suf);
        ++suf;
    }
    const size_t n = base.size() - pre - suf, m = other.size() - pre - suf;
    if (n == 0 || m == 0) return match;
    if ((n + 1) * (m + 1) > kMaxLcsCells) return std::nullopt;
    // len[i][j]: LCS length of base[pre+i..] and other[pre+j..].
    std::vector<uint32_t> len((n + 1) * (m + 1), 0);
    auto at = [&](size_t i, size_t j) -> uint32_t& { return len[i * (m + 1) + j]; };
    for (size_t i = n; i-- > 0;)
        for (size_t j = m; j-- > 0;)
            at(i, j) =
                base[pre + i] == other[pre + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
    for (size_t i = 0, j = 0; i < n && j < m;) {
        if (base[pre + i] == other[pre + j]) {
            match[pre + i] = static_cast<long>(pre + j);
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            ++i;
        } else {
            ++j;
        }
    }
    return match;
}

std::string Join(const Lines& lines, size_t from, size_t to) {
    std::string out;
    for (size_t i = from; i < to; ++i)
        out.append(lines[i]);
    return out;
}
} // namespace

std::optional<std::string> MergeNoteEdits(std::string_view base, std::string_view mine,
                                          std::string_view theirs) {
    if (mine == theirs || theirs == base) return std::string(mine);
    if (mine == base) return std::string(theirs);
    // Line by line (diff3): stretches where one side changed take that side; stretches
    // where both changed are merged as spans within the stretch, or conflict.
    const Lines o = SplitLines(base), a = SplitLines(mine), b = SplitLines(theirs);
    const auto ma = MatchLines(o, a), mb = MatchLines(o, b);
    if (!ma || !mb) return MergeSpans(base, mine, theirs);
    std::string out;
    out.reserve(std::max(mine.size(), theirs.size()) + 64);
    size_t io = 0, ia = 0, ib = 0;
    for (;;) {
        if (io < o.size() && (*ma)[io] == static_cast<long>(ia) && (*mb)[io] == static_cast<long>(ib)) {
            out.append(o[io]); // unchanged on both sides
            ++io, ++ia, ++ib;
            continue;
        }
        // The next base line both sides kept ends this unstable stretch.
        size_t eo = io;
        while (eo < o.size() && ((*ma)[eo] < static_cast<long>(ia) || (*mb)[eo] < static_cast<long>(ib)))
            ++eo;
        const size_t ea = eo < o.size() ? static_cast<size_t>((*ma)[eo]) : a.size();
        const size_t eb = eo < o.size() ? static_cast<size_t>((*mb)[eo]) : b.size();
        const std::string so = Join(o, io, eo), sa = Join(a, ia, ea), sb = Join(b, ib, eb);
        if (sa == so)
            out += sb;
        else if (sb == so || sa == sb)
            out += sa;
        else if (auto merged = MergeSpans(so, sa, sb))
            out += *merged;
        else
            return std::nullopt;
        if (eo >= o.size()) break;
        io = eo, ia = ea, ib = eb;
    }
    return out;
}

} // namespace shelfmark
