// INTERIM: plain text until the core Markdown parser lands (replaced before landing).
#include <imgui.h>

#include "app/notes_view.h"

namespace shelfmark {
void DrawMarkdown(AppState&, const std::string& text, const std::string&) {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
    ImGui::PopTextWrapPos();
}
} // namespace shelfmark
