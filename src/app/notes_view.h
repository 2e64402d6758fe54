// notes_view.h: the note editor and its live Markdown preview.
#pragma once

#include <string>

#include "app/app_state.h"

namespace shelfmark {

// The editor for `paper`'s note, with a live preview under it. Edits become SetNote
// intents; the preview is parsed only when the text changes.
void DrawNoteEditor(AppState& s, const std::string& paper);

// Draws Markdown (parsed once per distinct text and cached). Task-list boxes are
// clickable when `paper` is given: a click toggles the box in that paper's note.
void DrawMarkdown(AppState& s, const std::string& text, const std::string& paper);

} // namespace shelfmark
