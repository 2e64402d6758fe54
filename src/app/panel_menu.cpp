// panel_menu.cpp: the menu bar, with the save state at its right end.
#include <imgui.h>

#include "app/app_state.h"

namespace shelfmark {

namespace {
const char* SaveLabel(const SaveState& s) {
    switch (s.kind) {
    case SaveState::Kind::Loading: return "Loading saved progress...";
    case SaveState::Kind::Saved: return "Saved";
    case SaveState::Kind::Saving: return "Saving...";
    case SaveState::Kind::NotSaved: return "Not saved";
    case SaveState::Kind::Unavailable: return "Not being saved";
    }
    return "";
}
} // namespace

void DrawMenuBar(AppState& s) {
    if (!ImGui::BeginMenuBar()) return;
    if (ImGui::BeginMenu("Help")) {
        ImGui::TextUnformatted("Shelfmark " SHELFMARK_VERSION);
        ImGui::TextUnformatted("Your progress stays in this browser (IndexedDB).");
        const StorageInfo& si = s.storage_info;
        if (si.persisted >= 0) {
            ImGui::Text("Storage: %s; %.1f MB used of %.0f MB available", si.persisted ? "persistent" :
                        "best-effort (the browser may evict it under pressure: export regularly)",
                        si.usage_bytes / 1e6, si.quota_bytes / 1e6);
        }
        ImGui::EndMenu();
    }
    const char* label = SaveLabel(s.save);
    const float w = ImGui::CalcTextSize(label).x + ImGui::GetStyle().ItemSpacing.x * 2;
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - w);
    const bool bad = s.save.kind == SaveState::Kind::NotSaved || s.save.kind == SaveState::Kind::Unavailable;
    if (bad) ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1.0f, 0.45f, 0.35f, 1.0f));
    ImGui::TextUnformatted(label);
    if (bad) ImGui::PopStyleColor();
    if (!s.save.why.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.save.why.c_str());
    ImGui::EndMenuBar();
}

} // namespace shelfmark
