// panel_menu.cpp: the menu bar: File, View (theme, text size) and Help menus (one "Menu" in
// the one-pane layout), the search box, and the save state, which always stays on screen.
#include <imgui.h>
#include <imgui_internal.h> // ClearActiveID: Down leaves the search box

#include <algorithm>
#include <string>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {

const char* SaveLabel(const SaveState& s) {
    switch (s.kind) {
    case SaveState::Kind::Loading: return "Loading...";
    case SaveState::Kind::Saved: return SM_ICON_CHECK " Saved";
    case SaveState::Kind::Saving: return SM_ICON_SAVE " Saving...";
    case SaveState::Kind::NotSaved: return SM_ICON_WARNING " Not saved";
    case SaveState::Kind::Unavailable: return SM_ICON_WARNING " Not being saved";
    }
    return "";
}

void FileItems(AppState& s) {
    if (ImGui::MenuItem("Export progress...", "Ctrl+S")) s.intents.push_back(intent::Export{});
    if (ImGui::MenuItem("Import progress or Markdown...", "Ctrl+O")) s.intents.push_back(intent::Import{});
    ImGui::TextDisabled("You can also drop a file on the page.");
    ImGui::Separator();
    if (ImGui::MenuItem("New list of my own")) {
        s.intents.push_back(intent::CreateList{"My list", true});
    }
}

void ViewItems(AppState& s) {
    if (ImGui::MenuItem("Statistics", nullptr, s.ui.show_stats)) s.intents.push_back(intent::ToggleStats{});
    ImGui::Separator();
    const std::pair<Theme, const char*> themes[] = {{Theme::System, "Theme: follow the system"},
                                                    {Theme::Dark, "Theme: dark"},
                                                    {Theme::Light, "Theme: light"}};
    for (const auto& [theme, label] : themes)
        if (ImGui::MenuItem(label, nullptr, s.ui.theme == theme))
            s.intents.push_back(intent::SetTheme{theme});
    ImGui::Separator();
    // Browser zoom (Ctrl+= / Ctrl+-) stays the browser's; this scales the text alone.
    for (const int percent : kTextSizes) {
        const std::string label = "Text size: " + std::to_string(percent) + "%";
        if (ImGui::MenuItem(label.c_str(), nullptr, s.ui.text_size_percent == percent))
            s.intents.push_back(intent::SetTextSize{percent});
        ProbeLastItem(s, "text-size:" + std::to_string(percent));
    }
}

void HelpItems(AppState& s) {
    if (ImGui::MenuItem("Keyboard shortcuts", "?")) s.intents.push_back(intent::ToggleHelp{});
    ImGui::Separator();
    ImGui::TextDisabled("Shelfmark " SHELFMARK_VERSION);
    ImGui::TextDisabled("Your progress stays in this browser (IndexedDB).");
    const StorageInfo& si = s.storage_info;
    if (si.persisted >= 0)
        ImGui::TextDisabled("Storage: %s; %.1f MB used of %.0f MB available",
                            si.persisted ? "persistent"
                                         : "best-effort (the browser may evict it: export regularly)",
                            si.usage_bytes / 1e6, si.quota_bytes / 1e6);
}
} // namespace

void DrawSearchBox(AppState& s, float width) {
    ImGui::SetNextItemWidth(width);
    if (s.ui.focus_search) {
        FocusNextItem();
        s.ui.focus_search = false;
    }
    if (InputString("##search", SM_ICON_SEARCH "  Search ( / )   e.g. status:read venue:osdi",
                    &s.ui.search_buffer, kMaxQueryBytes)) {
        WantGlyphsFor(s.ui.search_buffer);
        s.intents.push_back(intent::SetQuery{s.ui.search_buffer});
    }
    ProbeLastItem(s, "search");
    // From the box into the hits: Down puts the cursor on the first one, Enter opens it
    // (both go to all papers when only they have matches), Ctrl+Enter searches all papers
    // and stays here; Esc leaves the box (the query stays) back to the cursor's row.
    const ImGuiIO& io = ImGui::GetIO();
    const FieldExit exit = LastFieldExit();
    if (exit == FieldExit::Enter) {
        if (io.KeyCtrl || io.KeySuper) {
            s.intents.push_back(intent::SearchAllPapers{});
            s.ui.focus_search = true;
        } else {
            s.intents.push_back(intent::GoToHit{true});
        }
    } else if (exit == FieldExit::Escape) {
        s.ui.scroll_to_cursor = true;
    } else if (ImGui::IsItemActive() && ImGui::IsKeyPressed(ImGuiKey_DownArrow) &&
               (s.derived.matches > 0 || s.derived.matches_all > 0)) {
        ImGui::ClearActiveID();
        s.intents.push_back(intent::GoToHit{false});
    }
    if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
        ImGui::SetTooltip(
            "Words match titles, authors, venues, tags and notes (typos in titles are forgiven).\n"
            "Filters: status:read,reading  list:<id>  list:all  section:\"Week 3\"  role:required\n"
            "         venue:osdi  year:2019..2021  tag:todo   -status:skipped  \"exact phrase\"\n"
            "Down: to the first hit   Enter: open it   Ctrl+Enter: search all papers   Esc: leave");
    }
}

void DrawMenuBar(AppState& s) {
    const ImGuiStyle& st = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    const bool one_pane = s.ui.one_pane;
    // Menu items as tall as a touch target in the one-pane layout (the item's hit box is
    // its text plus the item spacing).
    if (one_pane)
        ImGui::PushStyleVar(
            ImGuiStyleVar_ItemSpacing,
            ImVec2(st.ItemSpacing.x, std::max(st.ItemSpacing.y, TouchTargetPx(s.probe, em) - em)));
    if (!ImGui::BeginMenuBar()) {
        if (one_pane) ImGui::PopStyleVar();
        return;
    }
    if (one_pane) {
        // One menu, its parts under headings: no submenus to aim at with a finger. It
        // scrolls when it is taller than the window (large text).
        const ImVec2 display = ImGui::GetMainViewport()->WorkSize;
        ImGui::SetNextWindowSizeConstraints(ImVec2(0, 0),
                                            ImVec2(display.x, display.y - ImGui::GetFrameHeight()));
        if (ImGui::BeginMenu("Menu")) {
            ImGui::SeparatorText("File");
            FileItems(s);
            ImGui::SeparatorText("View");
            ViewItems(s);
            ImGui::SeparatorText("Help");
            HelpItems(s);
            ImGui::EndMenu();
        }
        ProbeLastItem(s, "menu");
    } else {
        if (ImGui::BeginMenu("File")) {
            FileItems(s);
            ImGui::EndMenu();
        }
        ProbeLastItem(s, "menu-file");
        if (ImGui::BeginMenu("View")) {
            ViewItems(s);
            ImGui::EndMenu();
        }
        ProbeLastItem(s, "menu-view");
        if (ImGui::BeginMenu("Help")) {
            HelpItems(s);
            ImGui::EndMenu();
        }
    }

    // Right side: search box, then the save state, which stays on screen: when the bar is
    // too narrow for both, the search box moves to the top of the papers pane.
    const char* label = SaveLabel(s.save);
    const float save_w = ImGui::CalcTextSize(label).x + st.ItemSpacing.x * 2;
    const float right = ImGui::GetWindowContentRegionMax().x;
    const float room = right - ImGui::GetCursorPosX() - save_w - st.ItemSpacing.x;
    const float search_w = one_pane ? std::min(em * 22.0f, room) : em * 22.0f;
    s.ui.search_in_menu_bar = !one_pane || search_w >= em * 7.0f;
    if (s.ui.search_in_menu_bar) {
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - save_w - search_w - st.ItemSpacing.x));
        DrawSearchBox(s, search_w);
    } else {
        ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - save_w));
    }
    const bool bad = s.save.kind == SaveState::Kind::NotSaved || s.save.kind == SaveState::Kind::Unavailable;
    if (bad) ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(IsDark(s)));
    ImGui::TextUnformatted(label);
    if (bad) ImGui::PopStyleColor();
    ProbeLastItem(s, "save-state");
    if (!s.save.why.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.save.why.c_str());
    ImGui::EndMenuBar();
    if (one_pane) ImGui::PopStyleVar();
}

} // namespace shelfmark
