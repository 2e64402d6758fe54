#include "core/note_merge.h"

#include <algorithm>

namespace shelfmark {

namespace {
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The span of `base` that `edited` replaced: [begin, end) of base, and the new bytes.
struct Edit {
    size_t begin = 0, end = 0;
    std::string_view text;
};

Edit Diff(std::string_view base, std::string_view edited) {
    const size_t limit = std::min(base.size(), edited.size());
    size_t p = 0;
    while (p < limit && base[p] == edited[p]) ++p;
    while (p > 0 && p < base.size() && IsContinuation(base[p])) --p;
    size_t s = 0;
    while (s < limit - p && base[base.size() - 1 - s] == edited[edited.size() - 1 - s]) ++s;
    while (s > 0 && IsContinuation(base[base.size() - s])) --s;
    return {p, base.size() - s, edited.substr(p, edited.size() - s - p)};
}
} // namespace

std::optional<std::string> MergeNoteEdits(std::string_view base, std::string_view mine, std::string_view theirs) {
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
    if (first->end == second->begin && first->begin == first->end && second->begin == second->end)
        return std::nullopt;
    std::string out;
    out.reserve(base.size() + m.text.size() + t.text.size());
    out.append(base.substr(0, first->begin));
    out.append(first->text);
    out.append(base.substr(first->end, second->begin - first->end));
    out.append(second->text);
    out.append(base.substr(second->end));
    return out;
}

} // namespace shelfmark
