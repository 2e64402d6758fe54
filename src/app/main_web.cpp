// main_web.cpp: the browser host. Owns the WebGL2 context and the ImGui context,
// turns html5 input events into ImGui input (held one frame apart so quick clicks are
// never lost), and draws a frame only when something asks for one.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <nlohmann/json.hpp>
#include <string>

#include "app/app_state.h"
#include "app/deep_link.h"
#include "app/events.h"
#include "app/fonts.h"
#include "app/overloaded.h"
#include "app/widgets.h"
#include "core/synthetic.h"
#include "platform/platform.h"

namespace shelfmark::platform {
void SetFrameCallback(void (*fn)());
void SetTickCallback(void (*fn)());
}
extern "C" void sm_page_init(int max_paste_bytes);
extern "C" void sm_page_set_cursor(const char* css);
extern "C" void sm_page_fatal(const char* message);
extern "C" void sm_page_set_text_input(int active, int x, int y);
extern "C" int sm_page_text_input_active();

namespace shelfmark {
namespace {

constexpr float kBaseFontPx = 15.0f; // for touch scrolling distances
constexpr const char* kCanvas = "#canvas";

// One input event, applied to ImGui in a later frame.
struct InputEvent {
    enum class Type { MouseMove, MouseButton, Wheel, Key, Text, Focus };
    InputEvent(Type t, float x_ = 0, float y_ = 0, int code_ = 0, bool down_ = false, std::string text_ = {})
        : type(t), x(x_), y(y_), code(code_), down(down_), text(std::move(text_)) {}
    // Modifier keys as they were at this event (applied with it, not when queued).
    int mods = -1; // -1: unknown (keep); else bits 1 ctrl, 2 shift, 4 alt, 8 super
    Type type;
    float x, y;            // physical pixels (MouseMove) or wheel lines (Wheel)
    int code;              // mouse button or key code
    bool down;
    std::string text;      // Text
};

struct WebHost {
    AppState app;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    double dpr = 0.0;       // devicePixelRatio the fonts were built for
    double css_w = 0, css_h = 0;
    std::deque<InputEvent> input;
    std::string clipboard;
    int extra_frames = 0;   // frames still to draw after the last change
    double last_time = 0.0;
    bool ctrl = false, shift = false, alt = false, super = false;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
    bool ready_marked = false;
    bool text_input = false;    // the page's text-input element has focus for ImGui
    int ime_x = 0, ime_y = 0;   // where ImGui's caret is (CSS px)
    bool busy = false;          // inside Frame() or Tick(): callbacks must not re-enter
    bool applied_dark = true;   // palette currently in ImGui's style
    Theme saved_theme = Theme::System; // theme setting last written to the page's storage
    std::string hash;           // URL fragment last written
};

WebHost& Host() {
    static WebHost h;
    return h;
}

void Wake() {
    Host().extra_frames = 3;
    platform::RequestFrame();
}

// ---------------------------------------------------------------- fonts and scale
void RebuildFontsAndStyle(double dpr) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    LoadFonts(static_cast<float>(dpr));
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ApplyTheme(Host().app, static_cast<float>(dpr));
    Host().dpr = dpr;
    Host().applied_dark = IsDark(Host().app);
}

void SyncCanvasSize() {
    WebHost& h = Host();
    double w = 0, hgt = 0;
    emscripten_get_element_css_size(kCanvas, &w, &hgt);
    const double dpr = emscripten_get_device_pixel_ratio();
    if (w == h.css_w && hgt == h.css_h && dpr == h.dpr) return;
    h.css_w = w;
    h.css_h = hgt;
    emscripten_set_canvas_element_size(kCanvas, static_cast<int>(std::lround(w * dpr)),
                                       static_cast<int>(std::lround(hgt * dpr)));
    if (dpr != h.dpr) RebuildFontsAndStyle(dpr);
    h.app.probe.scale = static_cast<float>(dpr);
}

// ---------------------------------------------------------------- input
bool ApplyInput() {
    // Applies queued events up to the first one that would undo a change already made
    // this frame (a press and its release), so ImGui sees both. Returns true when events
    // remain for the next frame.
    WebHost& h = Host();
    ImGuiIO& io = ImGui::GetIO();
    bool button_changed[5] = {};
    bool key_changed = false;
    while (!h.input.empty()) {
        const InputEvent& e = h.input.front();
        if (e.mods >= 0 && (e.type == InputEvent::Type::Key || e.type == InputEvent::Type::MouseButton)) {
            const bool changes = h.ctrl != ((e.mods & 1) != 0) || h.shift != ((e.mods & 2) != 0) ||
                                 h.alt != ((e.mods & 4) != 0) || h.super != ((e.mods & 8) != 0);
            if (changes && key_changed) return true; // let this frame see the old modifiers
            h.ctrl = e.mods & 1;
            h.shift = e.mods & 2;
            h.alt = e.mods & 4;
            h.super = e.mods & 8;
        }
        switch (e.type) {
        case InputEvent::Type::MouseMove:
            if (button_changed[0] || button_changed[1]) return true; // let the click land first
            io.MousePos = ImVec2(e.x, e.y);
            break;
        case InputEvent::Type::MouseButton:
            if (e.code < 0 || e.code >= 5) break;
            if (button_changed[e.code]) return true;
            io.MouseDown[e.code] = e.down;
            button_changed[e.code] = true;
            break;
        case InputEvent::Type::Wheel:
            io.MouseWheel += e.y;
            io.MouseWheelH += e.x;
            break;
        case InputEvent::Type::Key:
            if (key_changed) return true;
            if (e.code >= 0 && e.code < 512) io.KeysDown[e.code] = e.down;
            key_changed = true;
            break;
        case InputEvent::Type::Text:
            io.AddInputCharactersUTF8(e.text.c_str());
            break;
        case InputEvent::Type::Focus:
            if (!e.down) {
                // Losing focus: release everything so no key or button sticks.
                for (bool& k : io.KeysDown) k = false;
                for (bool& b : io.MouseDown) b = false;
                h.ctrl = h.shift = h.alt = h.super = false;
            }
            io.AddFocusEvent(e.down);
            break;
        }
        h.input.pop_front();
    }
    return false;
}

void Queue(InputEvent e) {
    Host().input.push_back(std::move(e));
    Wake();
}

EM_BOOL OnMouse(int type, const EmscriptenMouseEvent* e, void*) {
    WebHost& h = Host();
    const float x = static_cast<float>(e->clientX * h.dpr), y = static_cast<float>(e->clientY * h.dpr);
    const int mods = (e->ctrlKey ? 1 : 0) | (e->shiftKey ? 2 : 0) | (e->altKey ? 4 : 0) | (e->metaKey ? 8 : 0);
    Queue(InputEvent{InputEvent::Type::MouseMove, x, y});
    // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
    const int button = e->button == 1 ? 2 : e->button == 2 ? 1 : e->button;
    if (type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) {
        InputEvent b{InputEvent::Type::MouseButton, 0, 0, button, type == EMSCRIPTEN_EVENT_MOUSEDOWN};
        b.mods = mods;
        Queue(std::move(b));
    }
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN; // keep focus handling ours; no text selection
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*) {
    // DOM deltas: pixels (mode 0), lines (1) or pages (2), positive = down/right.
    // ImGui: one unit ~ a few lines, positive = up/left.
    double scale = 1.0 / 100.0;
    if (e->deltaMode == DOM_DELTA_LINE) scale = 1.0 / 3.0;
    if (e->deltaMode == DOM_DELTA_PAGE) scale = 3.0;
    Queue(InputEvent{InputEvent::Type::Wheel, static_cast<float>(-e->deltaX * scale), static_cast<float>(-e->deltaY * scale)});
    return EM_TRUE;
}

EM_BOOL OnTouch(int type, const EmscriptenTouchEvent* e, void*) {
    if (e->numTouches < 1) return EM_FALSE;
    WebHost& h = Host();
    const EmscriptenTouchPoint& t = e->touches[0];
    const float x = static_cast<float>(t.clientX * h.dpr), y = static_cast<float>(t.clientY * h.dpr);
    static float last_y = 0, last_x = 0;
    static bool dragging = false;
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        last_x = x;
        last_y = y;
        dragging = false;
        Queue(InputEvent{InputEvent::Type::MouseMove, x, y});
    } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        // One finger drags the content: turn it into wheel scrolling.
        const float line = kBaseFontPx * static_cast<float>(h.dpr) * 5.0f;
        if (std::fabs(y - last_y) > 4 * h.dpr || dragging) {
            dragging = true;
            Queue(InputEvent{InputEvent::Type::Wheel, (x - last_x) / line, (y - last_y) / line});
            last_x = x;
            last_y = y;
        }
    } else if (type == EMSCRIPTEN_EVENT_TOUCHEND) {
        if (!dragging) { // a tap: press and release where the finger was
            Queue(InputEvent{InputEvent::Type::MouseMove, last_x, last_y});
            Queue(InputEvent{InputEvent::Type::MouseButton, 0, 0, 0, true});
            Queue(InputEvent{InputEvent::Type::MouseButton, 0, 0, 0, false});
        }
    }
    return EM_TRUE;
}

bool IsSingleCodePoint(const char* s) {
    const size_t n = std::strlen(s);
    if (n == 0 || n > 4) return false;
    const unsigned char c = static_cast<unsigned char>(s[0]);
    const size_t want = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    return want == n;
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    const int code = static_cast<int>(e->keyCode);
    InputEvent k{InputEvent::Type::Key, 0, 0, code, down};
    k.mods = (e->ctrlKey ? 1 : 0) | (e->shiftKey ? 2 : 0) | (e->altKey ? 4 : 0) | (e->metaKey ? 8 : 0);
    Queue(std::move(k));
    const bool cmd = e->ctrlKey || e->metaKey;
    // Typed characters come from the text-input element while a field is active (so IMEs
    // work: the key must then reach it); otherwise from the key itself (shortcut letters).
    const bool text_element = sm_page_text_input_active() != 0;
    if (code == 229 || (text_element && !cmd && IsSingleCodePoint(e->key))) return EM_FALSE;
    if (down && !cmd && IsSingleCodePoint(e->key)) Queue(InputEvent{InputEvent::Type::Text, 0, 0, 0, false, e->key});
    // Clipboard shortcuts must reach the browser so that copy/paste events fire.
    if (cmd && (code == 'C' || code == 'V' || code == 'X')) return EM_FALSE;
    if (cmd && (code == 'S' || code == 'O' || code == 'F')) return EM_TRUE; // ours: export, import, search
    if (cmd) return code == 'A' || code == 'Z' || code == 'Y' ? ImGui::GetIO().WantTextInput : EM_FALSE;
    if (code >= 112 && code <= 123) return EM_FALSE; // F1..F12 stay the browser's
    return ImGui::GetIO().WantCaptureKeyboard || code == 9 || code == 8 || code == 32 || (code >= 33 && code <= 40);
}

EM_BOOL OnFocus(int type, const EmscriptenFocusEvent*, void*) {
    Queue(InputEvent{InputEvent::Type::Focus, 0, 0, 0, type == EMSCRIPTEN_EVENT_FOCUS});
    return EM_FALSE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void*) {
    Wake();
    return EM_FALSE;
}

// ---------------------------------------------------------------- clipboard
const char* GetClipboard(void*) { return Host().clipboard.c_str(); }
void SetClipboardText(void*, const char* text) {
    Host().clipboard = text ? text : "";
    platform::SetClipboard(Host().clipboard);
}

const char* CssCursor(ImGuiMouseCursor c) {
    switch (c) {
    case ImGuiMouseCursor_TextInput: return "text";
    case ImGuiMouseCursor_Hand: return "pointer";
    case ImGuiMouseCursor_ResizeEW: return "ew-resize";
    case ImGuiMouseCursor_ResizeNS: return "ns-resize";
    case ImGuiMouseCursor_ResizeAll: return "move";
    case ImGuiMouseCursor_ResizeNESW: return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE: return "nwse-resize";
    case ImGuiMouseCursor_NotAllowed: return "not-allowed";
    default: return "default";
    }
}

// ---------------------------------------------------------------- frame
// "300 KB", "100 MB": a size for messages.
std::string SizeText(size_t bytes) {
    if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + " KB";
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

bool io_wants_text() { return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput; }

// Applies async results (storage, paste, theme, deep links) to the model. Runs from a
// timer as well as from frames, so a hidden tab (no animation frames) still merges other
// tabs' changes and saves its own.
void ProcessEvents(WebHost& h, int64_t now) {
    AppState& app = h.app;
    std::vector<platform::PlatformEvent> events = platform::TakePlatformEvents();
    if (!events.empty()) h.extra_frames = std::max(h.extra_frames, 2);
    namespace event = platform::event;
    for (const platform::PlatformEvent& e : events) {
        if (HandleStorageEvent(app, e, now)) continue;
        std::visit(Overloaded{
                       [&](const event::Paste& p) {
                           // A paste the page refused (too large for any field) comes with its
                           // size only; the Ctrl+V that follows must then paste nothing, not the
                           // previous clipboard.
                           const double bytes = p.refused ? p.refused_bytes : static_cast<double>(p.text.size());
                           h.clipboard = p.refused ? std::string() : p.text;
                           if (bytes > static_cast<double>(kMaxNoteBytes) && io_wants_text())
                               app.ui.note_message = "The pasted text (" +
                                                     std::string(p.refused && !p.size_exact ? "at least " : "") +
                                                     SizeText(static_cast<size_t>(bytes)) +
                                                     ") is larger than a note can hold (256 KB); nothing was pasted.";
                       },
                       [&](const event::Text& t) {
                           h.input.push_back(InputEvent{InputEvent::Type::Text, 0, 0, 0, false, t.text});
                       },
                       [&](const event::FileOpened& f) { OpenImportFile(app, f.name, f.text, f.ok); },
                       [&](const event::ColorScheme& c) { app.ui.system_dark = c.dark; },
                       [&](const event::Hash& hh) {
                           if (hh.fragment == h.hash) return;
                           h.hash = hh.fragment;
                           OpenDeepLink(app, hh.fragment);
                       },
                       [](const auto&) {}, // storage events: handled above
                   },
                   e);
    }
}

void Tick() {
    WebHost& h = Host();
    if (h.busy) { // called back from inside a frame: do it right after
        platform::RequestTickIn(0);
        return;
    }
    h.busy = true;
    const int64_t now = platform::NowMs();
    ProcessEvents(h, now);
    const SaveState::Kind before = h.app.save.kind;
    ApplyIntents(h.app, now);
    PumpSaves(h.app, now, false);
    h.busy = false;
    if (h.app.save.kind != before) Wake();
}

void FrameBody();

void Frame() {
    WebHost& h = Host();
    if (h.busy) {
        platform::RequestFrame();
        return;
    }
    h.busy = true;
    FrameBody();
    h.busy = false;
}

void FrameBody() {
    WebHost& h = Host();
    AppState& app = h.app;
    const int64_t now = platform::NowMs();
    ProcessEvents(h, now);
    SyncCanvasSize();
    if (GlyphsPending()) RebuildFontsAndStyle(h.dpr);

    ImGuiIO& io = ImGui::GetIO();
    const double t = emscripten_get_now() / 1000.0;
    io.DeltaTime = static_cast<float>(std::fmax(t - h.last_time, 1e-4));
    if (h.last_time == 0.0 || io.DeltaTime > 0.5f) io.DeltaTime = 1.0f / 60.0f;
    h.last_time = t;
    io.DisplaySize = ImVec2(static_cast<float>(h.css_w * h.dpr), static_cast<float>(h.css_h * h.dpr));
    io.DisplayFramebufferScale = ImVec2(1, 1);
    const bool more_input = ApplyInput();
    io.KeyCtrl = h.ctrl;
    io.KeyShift = h.shift;
    io.KeyAlt = h.alt;
    io.KeySuper = h.super;

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    DrawApp(app);
    ImGui::Render();
    int fb_w = 0, fb_h = 0;
    emscripten_get_canvas_element_size(kCanvas, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    ++app.frames;
    platform::MarkOnce("shelfmark:first-frame");

    const bool had_intents = !app.intents.empty();
    const SaveState::Kind save_before = app.save.kind;
    ApplyIntents(app, now);
    PumpSaves(app, now, false);
    if (IsDark(app) != h.applied_dark) {
        ApplyTheme(app, static_cast<float>(h.dpr));
        h.applied_dark = IsDark(app);
        h.extra_frames = std::max(h.extra_frames, 2);
    }
    if (app.ui.theme != h.saved_theme) {
        h.saved_theme = app.ui.theme;
        platform::SetSetting("theme", std::to_string(static_cast<int>(app.ui.theme)));
    }
    if (const std::string link = CurrentDeepLink(app); link != h.hash && app.storage_loaded) {
        h.hash = link;
        platform::SetLocationHash(link);
    }
    if (had_intents || app.save.kind != save_before) h.extra_frames = std::max(h.extra_frames, 2);
    if (!h.ready_marked && (app.storage_loaded || !app.fatal_error.empty())) {
        h.ready_marked = true;
        platform::MarkOnce("shelfmark:ready");
    }

    // Route text input through the page's text element while ImGui wants text.
    if (io.WantTextInput != h.text_input) {
        h.text_input = io.WantTextInput;
        sm_page_set_text_input(h.text_input ? 1 : 0, h.ime_x, h.ime_y);
    }
    const ImGuiMouseCursor cursor = ImGui::GetMouseCursor();
    if (cursor != h.cursor) {
        h.cursor = cursor;
        sm_page_set_cursor(CssCursor(cursor));
    }
    if (io.WantSetMousePos) io.WantSetMousePos = false;
    if (more_input || !app.intents.empty() || h.extra_frames > 0) {
        if (h.extra_frames > 0) --h.extra_frames;
        platform::RequestFrame();
    } else if (io.WantTextInput) {
        platform::RequestFrameIn(500); // caret blink (drawn only while visible)
    }
}

} // namespace
} // namespace shelfmark

using shelfmark::Host;

extern "C" {
// The page is being hidden or closed: write pending changes now, synchronously.
EMSCRIPTEN_KEEPALIVE void sm_on_flush() {
    using namespace shelfmark;
    WebHost& h = Host();
    if (!h.busy) {
        // Every key and click the page received counts, however many are still queued (a
        // burst of typing, then the tab closes). ImGui 1.86 has no input queue, so queued
        // input is applied as usual, a frame at a time; each frame applies at least one
        // queued event, which bounds the loop by the queue's length. Text typed into the
        // page's text element may still be a platform event: take those first.
        h.busy = true;
        ProcessEvents(h, platform::NowMs());
        h.busy = false;
        const size_t bound = h.input.size() + 8;
        for (size_t i = 0; i < bound && (!h.input.empty() || !h.app.intents.empty()); ++i) Frame();
    }
    PumpSaves(h.app, platform::NowMs(), true);
}

// Read-only view for tests and tools: "rect NAME", "status ID", "save", "visible", "frames".
EMSCRIPTEN_KEEPALIVE const char* sm_probe_query(const char* query) {
    static std::string out;
    const std::string q = query ? query : "";
    const auto& app = Host().app;
    nlohmann::json j;
    if (q.rfind("rect ", 0) == 0) {
        const auto it = app.probe.rects.find(q.substr(5));
        if (it != app.probe.rects.end())
            j = {{"x", it->second.x}, {"y", it->second.y}, {"w", it->second.w}, {"h", it->second.h}};
    } else if (q.rfind("status ", 0) == 0) {
        j = shelfmark::StatusName(app.progress.StatusOf(q.substr(7)));
    } else if (q == "save") {
        using K = shelfmark::SaveState::Kind;
        switch (app.save.kind) {
        case K::Loading: j = "loading"; break;
        case K::Saved: j = "saved"; break;
        case K::Saving: j = "saving"; break;
        case K::NotSaved: j = "unsaved: " + app.save.why; break;
        case K::Unavailable: j = "unsaved: " + app.save.why; break;
        }
    } else if (q == "visible") {
        j = app.ui.visible_papers;
    } else if (q == "frames") {
        j = app.frames;
    } else if (q == "query-error") {
        j = app.ui.query_error;
    } else if (q == "notice") {
        j = app.notice;
    } else if (q == "import") {
        j = {{"open", app.import.open}, {"error", app.import.error}, {"file", app.import.file_name}};
    } else if (q.rfind("record ", 0) == 0) {
        if (const shelfmark::PaperProgress* p = app.progress.Find(q.substr(7)))
            j = shelfmark::ProgressRecordToValue(*p);
    } else if (q == "problems") {
        j = app.storage_problems;
    } else if (q == "quarantined") {
        j = nlohmann::json::array();
        for (const auto& [id, rec] : app.progress.Quarantined()) j.push_back(rec.key);
    } else if (q == "note-message") {
        j = app.ui.note_message;
    }
    out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    return out.c_str();
}
}

int main(int argc, char** argv) {
    using namespace shelfmark;
    WebHost& h = Host();
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    h.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (h.gl <= 0) {
        sm_page_fatal("Shelfmark needs WebGL 2, which this browser does not provide.");
        return 1;
    }
    emscripten_webgl_make_context_current(h.gl);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.BackendPlatformName = "shelfmark_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    io.ImeSetInputScreenPosFn = [](int x, int y) {
        WebHost& hh = Host();
        hh.ime_x = static_cast<int>(x / hh.dpr);
        hh.ime_y = static_cast<int>(y / hh.dpr);
        if (hh.text_input) sm_page_set_text_input(1, hh.ime_x, hh.ime_y);
    };
    io.GetClipboardTextFn = GetClipboard;
    io.SetClipboardTextFn = SetClipboardText;
    const int keys[][2] = {{ImGuiKey_Tab, 9},       {ImGuiKey_LeftArrow, 37}, {ImGuiKey_RightArrow, 39},
                           {ImGuiKey_UpArrow, 38},  {ImGuiKey_DownArrow, 40}, {ImGuiKey_PageUp, 33},
                           {ImGuiKey_PageDown, 34}, {ImGuiKey_Home, 36},      {ImGuiKey_End, 35},
                           {ImGuiKey_Insert, 45},   {ImGuiKey_Delete, 46},    {ImGuiKey_Backspace, 8},
                           {ImGuiKey_Space, 32},    {ImGuiKey_Enter, 13},     {ImGuiKey_Escape, 27},
                           {ImGuiKey_KeyPadEnter, 13}, {ImGuiKey_A, 'A'},     {ImGuiKey_C, 'C'},
                           {ImGuiKey_V, 'V'},       {ImGuiKey_X, 'X'},        {ImGuiKey_Y, 'Y'},
                           {ImGuiKey_Z, 'Z'}};
    for (const auto& k : keys) io.KeyMap[k[0]] = k[1];
    ImGui_ImplOpenGL3_Init("#version 300 es");
    SyncCanvasSize();

    // ?synthetic=N (see web/main.js): a generated catalogue and progress for benchmarks.
    SyntheticSpec synthetic;
    bool use_synthetic = false;
    for (int i = 1; i + 1 < argc; i += 2) {
        const std::string k = argv[i];
        const int v = std::atoi(argv[i + 1]);
        if (k == "--synthetic" && v > 0) {
            use_synthetic = true;
            synthetic.papers = std::min(v, 200000);
        } else if (k == "--lists" && v > 0) {
            synthetic.lists = std::min(v, 1000);
        } else if (k == "--seed" && v > 0) {
            synthetic.seed = static_cast<uint32_t>(v);
        }
    }
    if (use_synthetic) {
        UseCatalogue(h.app, GenerateSyntheticCatalogue(synthetic));
        h.app.progress = GenerateSyntheticProgress(synthetic);
        (void)h.app.progress.TakeDirty(); // generated, not the user's: never written
    } else {
        LoadBundle(h.app, "/data");
    }

    emscripten_set_mousedown_callback(kCanvas, nullptr, EM_FALSE, OnMouse);
    emscripten_set_mouseup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnMouse);
    emscripten_set_mousemove_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnMouse);
    emscripten_set_wheel_callback(kCanvas, nullptr, EM_FALSE, OnWheel);
    emscripten_set_touchstart_callback(kCanvas, nullptr, EM_FALSE, OnTouch);
    emscripten_set_touchmove_callback(kCanvas, nullptr, EM_FALSE, OnTouch);
    emscripten_set_touchend_callback(kCanvas, nullptr, EM_FALSE, OnTouch);
    emscripten_set_keydown_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnKey);
    emscripten_set_keyup_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnKey);
    emscripten_set_focus_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnFocus);
    emscripten_set_blur_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnFocus);
    emscripten_set_resize_callback(EMSCRIPTEN_EVENT_TARGET_WINDOW, nullptr, EM_FALSE, OnResize);
    sm_page_init(static_cast<int>(kMaxNoteBytes));

    const std::string theme = platform::GetSetting("theme");
    h.app.ui.theme = h.saved_theme = theme == "1" ? Theme::Dark : theme == "2" ? Theme::Light : Theme::System;
    platform::SetFrameCallback(Frame);
    platform::SetTickCallback(Tick);
    if (h.app.fatal_error.empty()) {
        platform::StorageOpen();
        platform::StorageRequestPersist();
    }
    Wake();
    return 0;
}
