// note_merge.h: combining two edits of one note made from the same starting text (two
// windows typing in the same note at once), so that no typed word is dropped.
//
// Line by line first (diff3 over a longest common subsequence of lines): a stretch of
// lines changed on one side only takes that side. A stretch changed on both sides is
// merged within it when each side changed one span of it and the spans are apart (an
// insertion at the other's edge, or two insertions at one place, only when one already
// holds the other). Anything else is a conflict: the caller keeps its own text and saves
// the other one as a copy the reader can pick or combine (NoteCopy in progress.h). Spans
// are cut on UTF-8 character boundaries. Very long notes (over ~1,500 lines changed on
// both sides) are merged as single spans.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shelfmark {

// The text with both edits applied, or nullopt when they touch the same place.
std::optional<std::string> MergeNoteEdits(std::string_view base, std::string_view mine,
                                          std::string_view theirs);

} // namespace shelfmark
