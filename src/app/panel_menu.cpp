// panel_menu.cpp: the menu bar: View and Help menus, the search box, and the save state.
#include <imgui.h>

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
} // namespace

void DrawMenuBar(AppState& s) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("File")) {
        if (ImGui::MenuItem("Export progress...", "Ctrl+S")) s.intents.push_back(intent::Export{});
        if (ImGui::MenuItem("Import progress or Markdown...", "Ctrl+O"))
            s.intents.push_back(intent::Import{});
        ImGui::TextDisabled("You can also drop a file on the page.");
        ImGui::Separator();
        if (ImGui::MenuItem("New list of my own")) {
            s.intents.push_back(intent::CreateList{"My list"});
        }
        ImGui::EndMenu();
    }
    ProbeLastItem(s, "menu-file");
    if (ImGui::BeginMenu("View")) {
        if (ImGui::MenuItem("Statistics", nullptr, s.ui.show_stats))
            s.intents.push_back(intent::ToggleStats{});
        ImGui::Separator();
        const std::pair<Theme, const char*> themes[] = {{Theme::System, "Theme: follow the system"},
                                                        {Theme::Dark, "Theme: dark"},
                                                        {Theme::Light, "Theme: light"}};
        for (const auto& [theme, label] : themes)
            if (ImGui::MenuItem(label, nullptr, s.ui.theme == theme))
                s.intents.push_back(intent::SetTheme{theme});
        ImGui::EndMenu();
    }
    if (ImGui::BeginMenu("Help")) {
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
        ImGui::EndMenu();
    }

    // Right side: search box, then the save state.
    const char* label = SaveLabel(s.save);
    const ImGuiStyle& st = ImGui::GetStyle();
    const float em = ImGui::GetFontSize();
    const float save_w = ImGui::CalcTextSize(label).x + st.ItemSpacing.x * 2;
    const float search_w = em * 22.0f;
    const float right = ImGui::GetWindowContentRegionMax().x;
    ImGui::SetCursorPosX(std::max(ImGui::GetCursorPosX(), right - save_w - search_w - st.ItemSpacing.x));
    ImGui::SetNextItemWidth(search_w);
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
    if (ImGui::IsItemHovered() && !ImGui::IsItemActive()) {
        ImGui::SetTooltip(
            "Words match titles, authors, venues, tags and notes (typos in titles are forgiven).\n"
            "Filters: status:read,reading  list:<id>  section:\"Week 3\"  role:required\n"
            "         venue:osdi  year:2019..2021  tag:todo   -status:skipped  \"exact phrase\"");
    }
    const bool bad = s.save.kind == SaveState::Kind::NotSaved || s.save.kind == SaveState::Kind::Unavailable;
    if (bad) ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(IsDark(s)));
    ImGui::TextUnformatted(label);
    if (bad) ImGui::PopStyleColor();
    ProbeLastItem(s, "save-state");
    if (!s.save.why.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.save.why.c_str());
    ImGui::EndMenuBar();
}

} // namespace shelfmark
