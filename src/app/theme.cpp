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
    } else {
        ImGui::StyleColorsLight(&style);
        style.Colors[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.96f, 1.0f);
        style.Colors[ImGuiCol_MenuBarBg] = ImVec4(0.90f, 0.90f, 0.89f, 1.0f);
        style.Colors[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.035f);
    }
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
