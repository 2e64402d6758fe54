// panel_help.cpp: the keyboard shortcuts overlay (? to open, Esc to close).
#include <imgui.h>

#include "app/app_state.h"

namespace shelfmark {

namespace {
struct Shortcut {
    const char* keys;
    const char* what;
};
constexpr Shortcut kShortcuts[] = {
    {"/  or  Ctrl+F", "search (query syntax: hover the search box)"},
    {"Up/Down  or  j/k", "move through the papers (Shift extends the selection)"},
    {"Enter", "select the paper under the cursor"},
    {"Click, Ctrl+click, Shift+click", "select one, toggle, select a range"},
    {"1 2 3 4 5", "set the status of the selected papers: unread, queued, reading, read, skipped"},
    {"n", "edit the note of the selected paper"},
    {"Esc", "back: close this, leave a text field, clear the search, drop the selection"},
    {"Ctrl+Z", "undo the last status change"},
    {"Ctrl+S", "export your progress (a JSON file)"},
    {"Ctrl+O", "import a progress file or a Markdown list (or drop it on the page)"},
    {"?", "this help"},
};
} // namespace

void DrawHelpOverlay(AppState& s) {
    if (!s.ui.show_help) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowBgAlpha(0.97f);
    bool open = true;
    if (ImGui::Begin("Keyboard shortcuts", &open,
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoCollapse |
                         ImGuiWindowFlags_NoSavedSettings)) {
        ImGui::TextDisabled("Shortcuts are off while you type in a text field (Esc leaves it).");
        if (ImGui::BeginTable("keys", 2, ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit)) {
            for (const Shortcut& k : kShortcuts) {
                ImGui::TableNextRow();
                ImGui::TableSetColumnIndex(0);
                ImGui::TextUnformatted(k.keys);
                ImGui::TableSetColumnIndex(1);
                ImGui::TextUnformatted(k.what);
            }
            ImGui::EndTable();
        }
    }
    ImGui::End();
    if (!open) s.intents.push_back(intent::ToggleHelp{});
}

} // namespace shelfmark
