// ui_harness.h: the app on Dear ImGui's null backend (examples/example_null), for
// headless UI tests: the app host (host.h) the web build runs, a font atlas built in memory, a 1280x800
// display (or another: SetDisplay) at 60 frames per second, input given to ImGui the way main_web.cpp gives
// it (ImGui's input events: keys as ImGuiKey, modifiers as ImGuiMod_* key events, typed characters as text),
// and the native platform (platform_native.h) as the browser.
//
// One UiApp per test: it owns the ImGui context and resets the native platform.
#pragma once

#include <imgui.h>

#include <string>

#include "app/app_state.h"
#include "app/host.h"

namespace shelfmark::uitest {

// Modifier keys held during a key press or a click.
struct Mods {
    bool ctrl = false;
    bool shift = false;
};

class UiApp {
  public:
    // Resets the native platform, creates the ImGui context with the default font and
    // loads the bundled catalogue (SHELFMARK_DATA_DIR). Storage is not opened yet: stage
    // it first (native::PutStored, HoldStorage...), then Start().
    UiApp();
    ~UiApp();
    UiApp(const UiApp&) = delete;
    UiApp& operator=(const UiApp&) = delete;

    // What main_web.cpp does after loading the bundle (AppHost::Start: theme setting,
    // storage open, persistence), then a few frames (layout settles, storage results
    // arrive).
    void Start();

    // One frame of the app host (AppHost::RunFrame, as the web backend runs it): platform
    // events, NewFrame, DrawApp, Render, ApplyIntents, PumpSaves, write-backs. The clock
    // moves 16 ms after each frame.
    void Frame();
    void Frames(int n);

    // The display: `css_w` x `css_h` CSS pixels at `dpr` device pixels per CSS pixel
    // (default 1280 x 800 at 1). As main_web.cpp does, the font is rebuilt at dpr x the
    // text size setting (ImGui's default font, 13 px at 100%) and the style scaled by dpr.
    void SetDisplay(float css_w, float css_h, float dpr);
    // The font size in physical pixels the font was last built at.
    float FontPx() const { return font_px_; }

    // Named widget rectangles of the last frame (AppState::probe).
    bool Has(const std::string& name) const;
    Probe::Rect Rect(const std::string& name) const; // fails the test when absent

    // Mouse: hover, press, release over the centre of a named widget, then one more frame
    // so that the probe shows the outcome (four frames, more while ImGui holds queued
    // input).
    void Click(const std::string& name, Mods mods = {});
    // A key pressed for one frame, then released (two frames, then more while ImGui still
    // holds queued input). With `ch`, the key also types that character, as a printable
    // key does in the browser (not with Ctrl).
    void Press(ImGuiKey key, Mods mods = {}, char ch = 0);
    // A printable key: its character, and its ImGuiKey for letters and digits.
    void Key(char ch, Mods mods = {});
    // Typed text, one key per frame; '\n' is the Enter key.
    void Type(const std::string& text);
    // Frames until a text field has the keyboard (at most `max_frames`); true when it has.
    bool WaitForTextInput(int max_frames = 6);
    bool TextInputActive() const;

    AppHost host;           // the same loop as the web build's
    FrameResult last_frame; // what the last Frame() returned
    AppState& s = host.app;

  private:
    void SetMods(Mods mods);
    void DrainInput(); // frames until ImGui's input queue is empty (bounded)
    void BuildFont();  // at dpr_ x the text size setting
    ImGuiContext* ctx_ = nullptr;
    ImVec2 display_{1280.0f, 800.0f}; // physical pixels
    float dpr_ = 1.0f;
    float font_px_ = 13.0f;
    int font_text_size_ = 100; // the text size the font was built for
};

// The first paper row of the table (after scope, query and sort), or "".
std::string FirstPaperRow(const AppState& s);

} // namespace shelfmark::uitest
