#include "ui_harness.h"

#include <doctest/doctest.h>

#include <imgui_internal.h> // ImGuiContext::InputEventsQueue

#include <cctype>
#include <cmath>

#include "platform/platform.h"
#include "platform/platform_native.h"

namespace shelfmark::uitest {

namespace {
constexpr int64_t kFrameMs = 16;
} // namespace

UiApp::UiApp() {
    platform::native::Reset();
    IMGUI_CHECKVERSION();
    ctx_ = ImGui::CreateContext();
    host.InitImGui();
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = display_;
    // The fonts of the web build are files of the site (/fonts/...), which ImGui (1.90.1
    // too) asserts on when missing: the default font stands in (GetFont() falls back to it).
    BuildFont();
    LoadBundle(s, SHELFMARK_DATA_DIR);
    host.ApplyStyle(1.0f);
}

UiApp::~UiApp() { ImGui::DestroyContext(ctx_); }

void UiApp::Start() {
    host.Start();
    Frames(3);
}

void UiApp::BuildFont() {
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();
    ImFontConfig cfg;
    cfg.SizePixels = std::round(13.0f * host.FontScale(dpr_));
    io.Fonts->AddFontDefault(&cfg);
    io.Fonts->Build();
    font_px_ = cfg.SizePixels;
    font_text_size_ = s.ui.text_size_percent;
}

void UiApp::SetDisplay(float css_w, float css_h, float dpr) {
    display_ = ImVec2(css_w * dpr, css_h * dpr);
    dpr_ = dpr;
    s.probe.scale = dpr;
    BuildFont();
    host.ApplyStyle(dpr);
}

void UiApp::Frame() {
    if (font_text_size_ != s.ui.text_size_percent) BuildFont(); // as main_web.cpp's Frame()
    last_frame = host.RunFrame(platform::NowMs(), display_, dpr_);
    platform::native::AdvanceMs(kFrameMs);
}

void UiApp::Frames(int n) {
    for (int i = 0; i < n; ++i)
        Frame();
}

bool UiApp::Has(const std::string& name) const { return s.probe.rects.count(name) > 0; }

Probe::Rect UiApp::Rect(const std::string& name) const {
    const auto it = s.probe.rects.find(name);
    if (it == s.probe.rects.end()) {
        FAIL("no widget named \"" << name << "\" in the last frame");
        return {0, 0, 0, 0};
    }
    return it->second;
}

void UiApp::SetMods(Mods mods) {
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, mods.ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, mods.shift);
}

void UiApp::DrainInput() {
    ImGuiContext& g = *ImGui::GetCurrentContext();
    for (int bound = g.InputEventsQueue.Size + 2; bound > 0 && g.InputEventsQueue.Size > 0; --bound)
        Frame();
}

void UiApp::Click(const std::string& name, Mods mods) {
    const Probe::Rect r = Rect(name);
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent((r.x + r.w * 0.5f) * dpr_, (r.y + r.h * 0.5f) * dpr_); // CSS px -> physical
    Frame();
    SetMods(mods);
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
    Frame();
    io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
    SetMods({});
    Frame();
    Frame(); // what the click did is drawn (and probed)
    DrainInput();
}

void UiApp::Press(ImGuiKey key, Mods mods, char ch) {
    ImGuiIO& io = ImGui::GetIO();
    SetMods(mods);
    if (key != ImGuiKey_None) io.AddKeyEvent(key, true);
    if (ch && !mods.ctrl) io.AddInputCharacter(static_cast<unsigned char>(ch));
    Frame();
    if (key != ImGuiKey_None) io.AddKeyEvent(key, false);
    SetMods({});
    Frame();
    DrainInput();
}

void UiApp::Key(char ch, Mods mods) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const ImGuiKey key = std::isalpha(c)   ? static_cast<ImGuiKey>(ImGuiKey_A + (std::toupper(c) - 'A'))
                         : std::isdigit(c) ? static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'))
                                           : ImGuiKey_None;
    Press(key, mods, ch);
}

void UiApp::Type(const std::string& text) {
    for (const char ch : text) {
        if (ch == '\n')
            Press(ImGuiKey_Enter);
        else
            Key(ch, {false, std::isupper(static_cast<unsigned char>(ch)) != 0});
    }
}

bool UiApp::TextInputActive() const { return ImGui::GetIO().WantTextInput; }

bool UiApp::WaitForTextInput(int max_frames) {
    for (int i = 0; i < max_frames && !TextInputActive(); ++i)
        Frame();
    return TextInputActive();
}

std::string FirstPaperRow(const AppState& s) {
    for (const PaperRow& r : s.derived.rows)
        if (r.paper >= 0) return s.catalogue.papers[r.paper].id;
    return {};
}

} // namespace shelfmark::uitest
