#include "ui_harness.h"

#include <doctest/doctest.h>

#include <cctype>

#include "app/deep_link.h"
#include "app/events.h"
#include "app/overloaded.h"
#include "platform/platform.h"
#include "platform/platform_native.h"

namespace shelfmark::uitest {

namespace {
constexpr float kDisplayW = 1280.0f, kDisplayH = 800.0f;
constexpr int64_t kFrameMs = 16;
} // namespace

UiApp::UiApp() {
    platform::native::Reset();
    IMGUI_CHECKVERSION();
    ctx_ = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.LogFilename = nullptr;
    io.DisplaySize = ImVec2(kDisplayW, kDisplayH);
    // The fonts of the web build are files of the site (/fonts/...), which ImGui 1.86
    // asserts on when missing: the default font stands in (GetFont() falls back to it).
    io.Fonts->AddFontDefault();
    io.Fonts->Build();
    const int keys[][2] = {{ImGuiKey_Tab, 9},
                           {ImGuiKey_LeftArrow, kLeft},
                           {ImGuiKey_RightArrow, kRight},
                           {ImGuiKey_UpArrow, kUp},
                           {ImGuiKey_DownArrow, kDown},
                           {ImGuiKey_PageUp, kPageUp},
                           {ImGuiKey_PageDown, kPageDown},
                           {ImGuiKey_Home, 36},
                           {ImGuiKey_End, 35},
                           {ImGuiKey_Insert, 45},
                           {ImGuiKey_Delete, 46},
                           {ImGuiKey_Backspace, 8},
                           {ImGuiKey_Space, 32},
                           {ImGuiKey_Enter, kEnter},
                           {ImGuiKey_Escape, kEscape},
                           {ImGuiKey_KeyPadEnter, kEnter},
                           {ImGuiKey_A, 'A'},
                           {ImGuiKey_C, 'C'},
                           {ImGuiKey_V, 'V'},
                           {ImGuiKey_X, 'X'},
                           {ImGuiKey_Y, 'Y'},
                           {ImGuiKey_Z, 'Z'}};
    for (const auto& k : keys)
        io.KeyMap[k[0]] = k[1];
    LoadBundle(s, SHELFMARK_DATA_DIR);
    ApplyTheme(s, 1.0f);
}

UiApp::~UiApp() { ImGui::DestroyContext(ctx_); }

void UiApp::Start() {
    if (s.fatal_error.empty()) {
        platform::StorageOpen();
        platform::StorageRequestPersist();
    }
    Frames(3);
}

void UiApp::ProcessEvents(int64_t now) {
    // As main_web.cpp's ProcessEvents, minus the page-only parts (clipboard, theme).
    namespace event = platform::event;
    for (const platform::PlatformEvent& e : platform::TakePlatformEvents()) {
        if (HandleStorageEvent(s, e, now)) continue;
        std::visit(Overloaded{
                       [&](const event::Text& t) { ImGui::GetIO().AddInputCharactersUTF8(t.text.c_str()); },
                       [&](const event::FileOpened& f) { OpenImportFile(s, f.name, f.text, f.ok); },
                       [&](const event::ColorScheme& c) { s.ui.system_dark = c.dark; },
                       [&](const event::Hash& h) { OpenDeepLink(s, h.fragment); },
                       [](const auto&) {},
                   },
                   e);
    }
}

void UiApp::Frame() {
    const int64_t now = platform::NowMs();
    ProcessEvents(now);
    ImGuiIO& io = ImGui::GetIO();
    io.DisplaySize = ImVec2(kDisplayW, kDisplayH);
    io.DeltaTime = 1.0f / 60.0f;
    io.KeyCtrl = mods_.ctrl;
    io.KeyShift = mods_.shift;
    io.KeyAlt = io.KeySuper = false;
    ImGui::NewFrame();
    DrawApp(s);
    ImGui::Render();
    ++s.frames;
    ApplyIntents(s, now);
    PumpSaves(s, now, false);
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

void UiApp::Click(const std::string& name, Mods mods) {
    const Probe::Rect r = Rect(name);
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    Frame();
    mods_ = mods;
    io.MouseDown[0] = true;
    Frame();
    io.MouseDown[0] = false;
    Frame();
    mods_ = {};
    Frame(); // what the click did is drawn (and probed)
}

void UiApp::Press(int key_code, Mods mods, char ch) {
    ImGuiIO& io = ImGui::GetIO();
    mods_ = mods;
    if (key_code > 0 && key_code < 512) io.KeysDown[key_code] = true;
    if (ch && !mods.ctrl) io.AddInputCharacter(static_cast<unsigned char>(ch));
    Frame();
    if (key_code > 0 && key_code < 512) io.KeysDown[key_code] = false;
    Frame();
    mods_ = {};
}

void UiApp::Key(char ch, Mods mods) {
    const unsigned char c = static_cast<unsigned char>(ch);
    const int code = std::isalpha(c) ? std::toupper(c) : std::isdigit(c) ? c : 0; // keyCode: 'A'.., '0'..
    Press(code, mods, ch);
}

void UiApp::Type(const std::string& text) {
    for (const char ch : text) {
        if (ch == '\n')
            Press(kEnter);
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
