// shortcuts.cpp: global keyboard shortcuts, turned into intents. Inactive while a text
// field has the keyboard (except Esc, which leaves it), and while the menu bar has it.
//
// The menu bar by keyboard: F10, or Alt pressed and released alone, gives the keyboard to
// the menu bar (File first); Left/Right move between menus, Down or Enter opens one, Up and
// Down move in it, Enter activates, Esc closes (and a second Esc, F10 or Alt leaves the bar).
// That is Dear ImGui's keyboard navigation in the menu layer; it is on only while the menu
// bar has the keyboard, because elsewhere arrows, Enter and Space are the app's own keys.
#include <imgui.h>
#include <imgui_internal.h>

#include "app/app_state.h"

namespace shelfmark {

namespace {
bool Pressed(ImGuiKey key) { return ImGui::IsKeyPressed(key, true); }

constexpr char kMainWindow[] = "Shelfmark"; // app.cpp's window: it has the menu bar

// A key other than Alt is down (keyboard or mouse): Alt is then a modifier, not a key of its own.
bool OtherKeyDown() {
    for (int k = ImGuiKey_NamedKey_BEGIN; k < ImGuiKey_NamedKey_END; ++k) {
        const ImGuiKey key = static_cast<ImGuiKey>(k);
        if (key == ImGuiKey_LeftAlt || key == ImGuiKey_RightAlt || key == ImGuiKey_ReservedForModAlt)
            continue;
        if (ImGui::IsKeyDown(key)) return true;
    }
    return false;
}

void OpenMenuBar(AppState& s) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGuiWindow* w = ImGui::FindWindowByName(kMainWindow);
    if (!w) return;
    ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    s.ui.menu_keys = true;
    ImGui::ClearActiveID(); // F10 from a text field leaves it
    if (ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel))
        ImGui::ClosePopupToLevel(0, false);
    ImGuiWindow* before = g.NavWindow;
    if (before != w) ImGui::FocusWindow(w);
    if (before && before != w && before->RootWindow == w)
        w->NavLastChildNavWindow = before; // Esc goes back there
    // As ImGui's own Alt toggle does (NavRestoreLayer): the menu layer, from its first item.
    g.NavLayer = ImGuiNavLayer_Menu;
    w->NavLastIds[ImGuiNavLayer_Menu] = 0;
    ImGui::NavInitWindow(w, true);
    ImGui::NavRestoreHighlightAfterMove();
}

void CloseMenuBar(AppState& s) {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImGui::GetIO().ConfigFlags &= ~ImGuiConfigFlags_NavEnableKeyboard;
    s.ui.menu_keys = false;
    if (g.NavLayer == ImGuiNavLayer_Menu) {
        ImGuiWindow* w = ImGui::FindWindowByName(kMainWindow);
        ImGuiWindow* back = w ? w->NavLastChildNavWindow : nullptr;
        g.NavLayer = ImGuiNavLayer_Main;
        if (back && back->WasActive && back != g.NavWindow) ImGui::FocusWindow(back);
    }
    g.NavDisableHighlight = true;
}

// F10 and Alt: returns true when the menu bar has the keyboard this frame (the app's
// shortcuts then stay quiet).
bool MenuBarKeys(AppState& s, bool typing) {
    ImGuiIO& io = ImGui::GetIO();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    const bool had_keys = s.ui.menu_keys;
    const bool f10 = ImGui::IsKeyPressed(ImGuiKey_F10, false);
    const bool modal = ImGui::GetTopMostPopupModal() != nullptr; // a dialog has the keys
    // Alt pressed and released with nothing else in between (not while typing: Alt may
    // belong to an IME or AltGr there; not after the window lost focus: no release then).
    bool alt_alone = false;
    if (ImGui::IsKeyPressed(ImGuiMod_Alt, false)) s.ui.alt_alone = !typing && !modal;
    if (s.ui.alt_alone &&
        (io.InputQueueCharacters.Size > 0 || io.KeyCtrl || io.KeyShift || io.KeySuper || OtherKeyDown()))
        s.ui.alt_alone = false;
    if (s.ui.alt_alone && !ImGui::IsKeyDown(ImGuiMod_Alt)) {
        alt_alone = ImGui::IsKeyReleased(ImGuiMod_Alt);
        s.ui.alt_alone = false;
    }
    if (had_keys) {
        ImGuiWindow* w = ImGui::FindWindowByName(kMainWindow);
        const bool in_bar = w && g.NavWindow == w && g.NavLayer == ImGuiNavLayer_Menu;
        const bool menu_open =
            ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
        // Left by Esc, Alt (ImGui's toggle), an activated item, a click elsewhere; or F10 again.
        if (f10 || modal || (!in_bar && !menu_open)) {
            if (f10 && menu_open && !modal) ImGui::ClosePopupToLevel(0, true);
            CloseMenuBar(s);
        }
    } else if ((f10 || alt_alone) && !modal) {
        OpenMenuBar(s);
    }
    if (!had_keys && !s.ui.menu_keys) return false;
    io.InputQueueCharacters.resize(0); // no shortcut letters while the menu bar has the keys
    return true;
}
} // namespace

void HandleShortcuts(AppState& s) {
    ImGuiIO& io = ImGui::GetIO();
    const bool typing = io.WantTextInput;
    const bool cmd = io.KeyCtrl || io.KeySuper;
    if (MenuBarKeys(s, typing)) return;
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
    if (typing) return; // (Ctrl+Enter in the search box: DrawSearchBox)
    if (cmd && Pressed(ImGuiKey_Z)) s.intents.push_back(intent::Undo{});
    if (cmd && (Pressed(ImGuiKey_Enter) || Pressed(ImGuiKey_KeypadEnter)))
        s.intents.push_back(intent::SearchAllPapers{});
    if (cmd) return;
    // The Statistics view hides the table: keys that act on papers would act unseen.
    const bool papers_shown = !s.ui.show_stats;
    const auto move = [&](int delta) {
        if (papers_shown) s.intents.push_back(intent::MoveCursor{delta, io.KeyShift});
    };
    if (Pressed(ImGuiKey_DownArrow)) move(1);
    if (Pressed(ImGuiKey_UpArrow)) move(-1);
    if (Pressed(ImGuiKey_PageDown)) move(15);
    if (Pressed(ImGuiKey_PageUp)) move(-15);
    if (Pressed(ImGuiKey_Enter) && papers_shown && !s.ui.cursor.empty())
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
            if (papers_shown && !s.ui.cursor.empty()) s.intents.push_back(intent::EditNote{});
            break;
        case '1':
        case '2':
        case '3':
        case '4':
        case '5':
            // The selection, as far as the table shows it (the model leaves hidden ones alone).
            if (papers_shown && !s.ui.selected.empty()) {
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
