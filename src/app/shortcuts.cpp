// shortcuts.cpp: global keyboard shortcuts, turned into intents. Inactive while a text
// field has the keyboard (except Esc, which leaves it).
#include <imgui.h>
#include <imgui_internal.h>

#include "app/app_state.h"

namespace shelfmark {

namespace {
bool Pressed(ImGuiKey key) { return ImGui::IsKeyPressed(key, true); }
} // namespace

void HandleShortcuts(AppState& s) {
    ImGuiIO& io = ImGui::GetIO();
    const bool typing = io.WantTextInput;
    const bool cmd = io.KeyCtrl || io.KeySuper;
    // A menu or dialog is open: it has the keys (Esc closes a menu; the import dialog
    // handles its own Esc; the status menu takes 1-5).
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel)) {
        if (Pressed(ImGuiKey_Escape) && !s.import.open) ImGui::ClosePopupToLevel(0, true);
        return;
    }
    if (Pressed(ImGuiKey_Escape)) {
        if (typing)
            ImGui::ClearActiveID();
        else
            s.intents.push_back(intent::Back{});
    }
    if (cmd && Pressed(ImGuiKey_F)) s.intents.push_back(intent::FocusSearch{});
    if (cmd && Pressed(ImGuiKey_S)) s.intents.push_back(intent::Export{});
    if (cmd && Pressed(ImGuiKey_O)) s.intents.push_back(intent::Import{});
    if (typing) return;
    if (cmd && Pressed(ImGuiKey_Z)) s.intents.push_back(intent::Undo{});
    if (cmd) return;
    const auto move = [&](int delta) { s.intents.push_back(intent::MoveCursor{delta, io.KeyShift}); };
    if (Pressed(ImGuiKey_DownArrow)) move(1);
    if (Pressed(ImGuiKey_UpArrow)) move(-1);
    if (Pressed(ImGuiKey_PageDown)) move(15);
    if (Pressed(ImGuiKey_PageUp)) move(-15);
    if (Pressed(ImGuiKey_Enter) && !s.ui.cursor.empty())
        s.intents.push_back(intent::SelectPaper{s.ui.cursor});
    // Printable keys arrive as characters (layout-aware: '?' on any keyboard).
    for (const ImWchar ch : io.InputQueueCharacters) {
        switch (ch) {
        case '/': s.intents.push_back(intent::FocusSearch{}); break;
        case '?': s.intents.push_back(intent::ToggleHelp{}); break;
        case 'j': move(1); break;
        case 'k': move(-1); break;
        case 'J': move(1); break;
        case 'K': move(-1); break;
        case 'n':
            if (!s.ui.cursor.empty()) s.intents.push_back(intent::EditNote{});
            break;
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
            if (!s.ui.selected.empty()) {
                s.intents.push_back(intent::SetStatus{{}, static_cast<Status>(ch - '1')}); // the selection
            }
            break;
        default: break;
        }
    }
    // Characters typed outside a text field are consumed here, not left for a field
    // that gets focus later in this frame (e.g. '/' must not land in the search box).
    io.InputQueueCharacters.resize(0);
}

} // namespace shelfmark
