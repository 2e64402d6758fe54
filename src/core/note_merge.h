// note_merge.h: combining two edits of one note made from the same starting text (two
// windows typing in the same note at once), so that no typed word is dropped.
//
// Each side's edit is seen as one changed span of the base (from its first to its last
// difference). When the spans do not overlap, both are applied; when both sides only
// inserted at the same place and one insertion contains the other, the larger wins.
// Anything else is a conflict: the caller keeps its own text and saves the other one as a
// copy the reader can pick or combine (NoteCopy in progress.h). Spans are cut on UTF-8
// character boundaries.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace shelfmark {

// The text with both edits applied, or nullopt when they touch the same place.
std::optional<std::string> MergeNoteEdits(std::string_view base, std::string_view mine, std::string_view theirs);

} // namespace shelfmark
