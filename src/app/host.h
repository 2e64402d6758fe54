// host.h: the app's frame loop, shared by the browser backend (main_web.cpp) and the
// headless UI tests (tests/ui/ui_harness.cpp), so that what the loop does around the
// panels (platform events, theme and deep-link write-back, ready marks, the flush) is
// the same code in both and is tested natively.
//
// Index
//   - AppHost: owns the AppState and the loop's own state (last URL fragment, theme
//     setting written, frames still to draw, the clipboard text).
//   - Start(): the theme, text size and last view settings, storage open; InitImGui(): io settings shared by
//   hosts.
//   - HandlePlatformEvent()/ProcessPlatformEvents(): async results -> the model.
//   - RunFrame(): one frame (events, NewFrame, DrawApp, Render, intents, saves, write-backs).
//   - Tick(), Flush(): the work of a frame without drawing; Flush also applies all input.
//   - ProbeQuery(): the read-only view tests and tools ask for (sm_probe_query).
//   - UpdateMirror(): after a frame, the accessible DOM mirror's description, only when
//     it changed (mirror.h); after a frame whose rows changed, at the Tick right after it
//     (or the next frame); its actions come back as event::MirrorAction.
//
// The backend owns the ImGui context and feeds it input events (io.AddKeyEvent, ...);
// the host only reads ImGui's state. Uses ImGui and platform.h, never the browser.
#pragma once

#include <imgui.h>

#include <cstdint>
#include <functional>
#include <string>

#include "app/app_state.h"
#include "app/mirror.h"
#include "platform/platform.h"

namespace shelfmark {

// What a frame leaves for the backend to mirror on its side.
struct FrameResult {
    bool want_frame = false;      // another frame was requested (platform::RequestFrame)
    bool want_text_input = false; // a text field has the keyboard (route text to it)
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
    // The picture differs from the previous frame's (ImGui's draw data: vertices, indices,
    // commands). An unchanged one need not be drawn again: under software GL the browser's
    // commit of a drawn canvas costs more than the frame (issue 15), and the extra frames
    // drawn after input to let ImGui settle mostly change nothing.
    bool changed = true;
};

class AppHost {
  public:
    // A page without animation frames (hidden) loads its catalogue from Tick() this long
    // after Start().
    static constexpr int64_t kLoadWithoutFrameMs = 200;

    AppState app;

    // Sets the io fields every host wants (no .ini file, clipboard through the host and
    // platform::SetClipboard). Call once after ImGui::CreateContext().
    void InitImGui();
    // After the bundle is loaded: reads the theme setting, opens storage (unless the
    // bundle failed), asks for persistence and for a first frame.
    void Start();
    // Instead of loading the catalogue before Start(): `load` runs at the start of the
    // second frame, so the first frame (the page's shell) is drawn before the catalogue is
    // parsed, validated and indexed. Until then platform events wait in their queue (a deep
    // link is opened in the loaded catalogue; storage opens at Start(), its records wait too). A page that
    // draws no frame (opened in the background: no animation frames) loads it from Tick() after
    // kLoadWithoutFrameMs. Call before Start().
    void LoadAfterFirstFrame(std::function<void(AppState&)> load) { pending_load_ = std::move(load); }
    // The palette for `scale` (device pixels per CSS pixel): after a font rebuild, and by
    // RunFrame when the light/dark choice changes.
    void ApplyStyle(float scale);
    // Pixels per font pixel the backend draws the fonts at for `scale`: the pixel ratio
    // times the text size setting (app.ui.text_size_percent; rebuild when it changes).
    float FontScale(float scale) const {
        return scale * static_cast<float>(app.ui.text_size_percent) / 100.0f;
    }

    // One async result: pasted text (or only its size), typed text, a picked file, the
    // system colour scheme, the URL fragment, or storage (HandleStorageEvent).
    void HandlePlatformEvent(const platform::PlatformEvent& e, int64_t now_ms);
    // Takes every queued platform event; returns how many there were.
    size_t ProcessPlatformEvents(int64_t now_ms);

    // One frame at `display` size (physical px) and `scale`: platform events, NewFrame,
    // DrawApp, Render (the backend draws ImGui::GetDrawData() after), ApplyIntents,
    // PumpSaves, the palette when light/dark changed, the theme setting when it changed,
    // the URL fragment once storage is loaded, the ready mark; requests the next frame
    // (platform::RequestFrame) when one is wanted; none when idle, also in a text field.
    FrameResult RunFrame(int64_t now_ms, ImVec2 display, float scale);
    // The work of a frame without drawing (timers; runs in hidden tabs too).
    void Tick(int64_t now_ms);
    // The page is being hidden or closed: every queued input event and platform event is
    // applied (frames are run, bounded, until ImGui's input queue is empty), then the
    // saver writes everything pending at once.
    void Flush(int64_t now_ms);
    // Something will change the picture (input, resize): draw a few frames.
    void Wake();
    // A key pressed or released on the page, into ImGui's input queue. `typed_by_text_element`:
    // a key that types one character (no Ctrl or Cmd) while a text field has the keyboard, whose
    // character the page's text element delivers (event::Text). Its press is not given to
    // ImGui: ImGui applies text queued after a key change a frame later (its trickling of
    // interleaved keys and text), so the character would be drawn a frame after the one the
    // key woke (issue 15). Nothing reads a printable key's press without Ctrl while typing; a
    // release is always given (ImGui drops one that changes nothing).
    void AddKey(ImGuiKey key, bool down, bool typed_by_text_element);

    // True while RunFrame/Tick/Flush run: platform callbacks must not re-enter them.
    bool Busy() const { return busy_; }
    // Input events ImGui has queued but not applied yet.
    static int PendingInput();

    // Read-only view for tests and tools: "rect NAME", "status ID", "save", "visible",
    // "frames", "query-error", "notice", "import", "record ID", "problems",
    // "quarantined", "note-message", "mirror" (updates and their cost). JSON text ("null" when unknown).
    std::string ProbeQuery(const std::string& query) const;

    // The text ImGui pastes (the page's last paste event).
    const std::string& Clipboard() const { return clipboard_; }

  private:
    // The accessible mirror: sent when what it shows changed (mirror.h).
    void UpdateMirror(int64_t now_ms);
    MirrorState mirror_;
    bool mirror_due_ = false; // a frame left the mirror's update to the next Tick or frame
    std::string clipboard_;
    std::string hash_;                  // URL fragment last read or written
    Theme saved_theme_ = Theme::System; // theme setting last written
    int saved_text_size_ = 100;         // text-size setting last written
    std::string saved_table_;           // table-layout setting last written
    void SaveTableLayout();
    // The opening view: the last list and paper (the setting "view", written as the URL
    // fragment is), reopened once storage has loaded unless the URL named a deep link.
    std::string saved_view_;   // the setting, as read at Start and last written
    bool deep_link_ = false;   // the page was opened with a #fragment: it wins
    bool view_opened_ = false; // the opening view was decided
    bool applied_dark_ = true; // palette currently in ImGui's style
    float scale_ = 1.0f;
    ImVec2 display_{0, 0};
    int extra_frames_ = 0; // frames still to draw after the last change
    uint64_t picture_ = 0; // DrawDataHash of the last frame (FrameResult::changed)
    int64_t last_frame_ms_ = 0;
    bool ready_marked_ = false;
    bool busy_ = false;
    std::function<void(AppState&)> pending_load_; // LoadAfterFirstFrame, until it ran
    int64_t started_ms_ = 0;                      // Start(), for kLoadWithoutFrameMs
    void OpenStorage();
    void RunPendingLoad();
};

} // namespace shelfmark
