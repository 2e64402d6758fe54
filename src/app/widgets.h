// widgets.h: small ImGui helpers shared by the panels.
#pragma once

#include <imgui.h>

#include <string>

#include "app/app_state.h"

namespace shelfmark {

// InputText / InputTextMultiline over a std::string that grows as needed, up to
// max_bytes (the text is cut there and *hit_limit set).
bool InputString(const char* label, const char* hint, std::string* s, size_t max_bytes,
                 ImGuiInputTextFlags flags = 0, bool* hit_limit = nullptr);
// caret_to_end: when *caret_to_end is true, the caret goes to the end of the text as
// soon as the field is active (then it is set to false).
bool InputStringMultiline(const char* label, std::string* s, const ImVec2& size, size_t max_bytes,
                          bool* hit_limit = nullptr, bool* caret_to_end = nullptr);

// Records the last item's rectangle in the probe under `name`.
void ProbeLastItem(AppState& s, const std::string& name);

// The colour used for a status everywhere.
ImVec4 StatusColor(Status st, bool dark);

// Whether the dark palette is in use (theme setting or the system's preference).
inline bool IsDark(const AppState& s) { return s.ui.theme == 1 || (s.ui.theme == 0 && s.ui.system_dark); }

} // namespace shelfmark
