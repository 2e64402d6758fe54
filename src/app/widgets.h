// widgets.h: small ImGui helpers shared by the panels.
#pragma once

#include <imgui.h>

#include <string>

#include "app/app_state.h"

namespace shelfmark {

// InputText / InputTextMultiline over a std::string that grows as needed, up to
// max_bytes (typing or pasting stops there and *hit_limit is set; a text already longer
// is never cut, it can only shrink). A NUL cannot be edited by ImGui: each one is replaced
// by U+2400 (SYMBOL FOR NULL) in *s before the field is drawn, so nothing after it is lost;
// the caller sees the replacement, and writes it back only when the field reports an edit.
bool InputString(const char* label, const char* hint, std::string* s, size_t max_bytes,
                 ImGuiInputTextFlags flags = 0, bool* hit_limit = nullptr);
// replace_with: when not null and not empty, and the field is being typed in, its whole
// text becomes *replace_with (cleared once done) without leaving the field: the caret
// keeps its place relative to the text around it, and keys typed in the same frame are
// merged in (MergeNoteEdits). When they touch the same place, *replace_conflict is set
// and the field keeps the typed text.
// caret_to_end: when *caret_to_end is true, the caret goes to the end of the text as
// soon as the field is active (then it is set to false).
bool InputStringMultiline(const char* label, std::string* s, const ImVec2& size, size_t max_bytes,
                          bool* hit_limit = nullptr, bool* caret_to_end = nullptr,
                          std::string* replace_with = nullptr, bool* replace_conflict = nullptr);

// Gives the keyboard to the next item (a text field: typing goes there), whichever window
// or focus scope had it before: ImGui::SetKeyboardFocusHere() as in ImGui 1.86.
void FocusNextItem();

// Records the last item's rectangle in the probe under `name`.
void ProbeLastItem(AppState& s, const std::string& name);

// A small button; in the one-pane layout a full button as tall as a touch target
// (TouchTargetPx), at most `max_w` wide when max_w > 0 (the label is clipped beyond).
bool TouchSmallButton(const AppState& s, const char* label, float max_w = 0.0f);
// Puts the next item, `next_w` wide, on the line of the last item: always in the wide
// layout; in the one-pane layout only when it fits there, else it starts the next line.
// True when it stays on the same line.
bool SameLineIfFits(const AppState& s, float next_w);
// The width of a button (or a combo's preview, without its arrow) showing `label`.
float ButtonWidth(const char* label);

// Progress as a bar that reads as one: "5 of 23 <what>" (what: e.g. "required read"), and
// under it a thin rounded track, filled in the accent (all read: the Read colour) as far as
// read / total; an empty track is a faint line, never a box like an input field.
// `probe`: the track's probe name ("" = none). Nothing when total is 0.
void ProgressTrack(AppState& s, Counts c, const char* what, const std::string& probe = "");
// The track's colours: the fill (accent or Read) and the empty part, per theme.
ImVec4 ProgressTrackEmpty(bool dark);

// The outline of a Markdown task box ("- [ ]" in a note): at least 3:1 against the pane
// (WCAG 1.4.11, tests/ui/test_ui_contrast.cpp), so an unticked box is seen.
ImVec4 TaskBoxOutline(bool dark);

// The colour used for a status everywhere.
// A status's colour: as text on a chip (ImGuiCol_Button and its hovered and pressed
// shades), and as the fill of the chosen chip under StatusFillText(). Every pair is at
// least 4.5:1 (WCAG 1.4.3) in both themes (tests/ui/test_ui_contrast.cpp).
ImVec4 StatusColor(Status st, bool dark);
ImVec4 StatusFillText(bool dark);
// The status chip of a table row: a neutral chip tinted with the status's colour (plain,
// hovered, pressed), the status's colour on it at least 4.5:1 (tests/ui/test_ui_contrast.cpp).
ImVec4 StatusChipBg(Status st, bool dark, int state /* 0 plain, 1 hovered, 2 pressed */);
// A status's mark, in the manner of issue trackers: unread an open ring, queued a ring with
// a dot, reading a half-filled disc, read a filled disc with a tick, skipped a ring struck
// through. Drawn in `colour` around `centre`, `r` the radius; `bg` cuts the tick.
void DrawStatusMark(ImDrawList* draw, ImVec2 centre, float r, Status st, ImU32 colour, ImU32 bg);
// Text about a problem, per theme: a warning (something was skipped or not understood: an
// unknown search field, an unmatched line, a note at its size limit, unreadable saved data)
// and an error (changes not saved, a file that cannot be imported). Both at least 4.5:1 on
// the window, menu bar and popup backgrounds of their theme (tests/ui/test_ui_contrast.cpp).
ImVec4 WarningColor(bool dark);
ImVec4 ErrorColor(bool dark);

// Dialogs and forms (Enter = the default action, Esc = cancel, also from a text field).
// The default button of a dialog or form: filled with the accent colour and framed, so it
// is visibly the one Enter triggers. True when clicked.
bool DefaultButton(const char* label, bool dark);
// Its fill (hovered or pressed: a deeper shade), under StatusFillText().
ImVec4 DefaultButtonFill(bool dark, bool hovered);
// Enter (or the keypad's Enter) pressed this frame, not a repeat.
bool EnterPressed();
// How the last item (a text field) was left this frame: by Enter (a single-line field
// ends on Enter: submit), by Esc (cancel), or not at all.
enum class FieldExit { None, Enter, Escape };
FieldExit LastFieldExit();

// WCAG contrast ratio of `fg` over `bg` (1..21); alpha is composited over `base` first.
double ContrastRatio(const ImVec4& fg, const ImVec4& bg, const ImVec4& base = ImVec4(0, 0, 0, 1));

// Whether the dark palette is in use (theme setting or the system's preference).
inline bool IsDark(const AppState& s) {
    return s.ui.theme == Theme::Dark || (s.ui.theme == Theme::System && s.ui.system_dark);
}

} // namespace shelfmark
