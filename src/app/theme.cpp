// theme.cpp: the dark and light palettes, scaled to the pixel ratio.
#include <imgui.h>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

void ApplyTheme(const AppState& s, float scale) {
    ImGuiStyle style;
    if (IsDark(s)) {
        ImGui::StyleColorsDark(&style);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.08f, 0.08f, 0.09f, 1.0f);
        style.Colors[ImGuiCol_ChildBg] = ImVec4(0.0f, 0.0f, 0.0f, 0.0f);
        style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.12f, 0.13f, 0.15f, 1.0f);
        // Neutral buttons, so the status chips' coloured text reads at 4.5:1 or more.
        style.Colors[ImGuiCol_Button] = ImVec4(0.17f, 0.18f, 0.21f, 1.0f);
        style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.23f, 0.25f, 0.30f, 1.0f);
        style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.25f, 0.28f, 0.34f, 1.0f);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.62f, 0.62f, 0.65f, 1.0f);
    } else {
        ImGui::StyleColorsLight(&style);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
        style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.90f, 0.90f, 0.89f, 1.0f);
        style.Colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
        style.Colors[ImGuiCol_Button] = ImVec4(0.88f, 0.89f, 0.92f, 1.0f);
        style.Colors[ImGuiCol_ButtonHovered] = ImVec4(0.82f, 0.85f, 0.90f, 1.0f);
        style.Colors[ImGuiCol_ButtonActive] = ImVec4(0.79f, 0.82f, 0.89f, 1.0f);
        style.Colors[ImGuiCol_TextDisabled] = ImVec4(0.38f, 0.38f, 0.40f, 1.0f); // 5.8:1 (was 2.7:1)
    }
    // Menus, popups and tooltips opaque: nothing of the table shows through them.
    style.Colors[ImGuiCol_PopupBg].w = 1.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.ScrollbarRounding = 3.0f;
    style.WindowRounding = 4.0f;
    style.PopupRounding = 3.0f;
    style.ScrollbarSize = 16.0f; // wide enough for a finger on a tablet
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

} // namespace shelfmark
