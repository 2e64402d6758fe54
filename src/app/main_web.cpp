// main_web.cpp: the browser backend of the app host (host.h). Owns the WebGL2 context and
// the ImGui context, turns html5 input events into ImGui's input events (io.AddKeyEvent
// and friends; ImGui trickles them a frame apart where needed, so quick clicks are never
// lost), sizes the canvas and fonts for devicePixelRatio, draws what AppHost::RunFrame
// produced, mirrors the cursor and the text-input element, and exports the C functions
// the page calls.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/host.h"
#include "core/synthetic.h"
#include "core/utf8.h"
#include "platform/platform.h"

namespace shelfmark::platform {
void SetFrameCallback(void (*fn)());
void SetTickCallback(void (*fn)());
} // namespace shelfmark::platform
extern "C" void sm_page_init(int max_paste_bytes);
extern "C" void sm_page_set_cursor(const char* css);
extern "C" void sm_page_fatal(const char* message);
extern "C" void sm_page_set_text_input(int active, int x, int y);
extern "C" void sm_page_set_text_style(int px, unsigned fg_rgb, unsigned bg_rgb);
extern "C" int sm_page_text_input_active();
extern "C" int sm_page_focus_in_mirror();

namespace shelfmark {
namespace {

constexpr float kBaseFontPx = 15.0f; // for touch scrolling distances
constexpr const char* kCanvas = "#canvas";

struct WebHost {
    AppHost host;
    EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = 0;
    double dpr = 0.0;  // devicePixelRatio the fonts were built for
    double zoom = 1.0; // and the CSS zoom on the page (a user style), taken as browser zoom
    int text_size = 0; // and the text size setting (percent)
    double css_w = 0, css_h = 0;
    ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
    bool text_input = false;  // the page's text-input element has focus for ImGui
    int ime_x = 0, ime_y = 0; // where ImGui's caret is (CSS px)
    // The canvas must be drawn even if ImGui's picture is unchanged (FrameResult::changed):
    // its size (which clears it) or the font texture changed.
    bool must_draw = true;
};

WebHost& Host() {
    static WebHost h;
    return h;
}

void Wake() { Host().host.Wake(); }

// ---------------------------------------------------------------- fonts and scale
// The CSS zoom applied to the canvas (Element.currentCSSZoom; 1 where unsupported).
EM_JS(double, sm_css_zoom, (), {
    var z = Module.canvas && Module.canvas.currentCSSZoom;
    return z > 0 ? z : 1;
});

// Fonts and sizes are drawn at this many pixels per CSS pixel of the layout: the pixel
// ratio, times the page's CSS zoom (which the canvas's size and events do not show).
float UiScale() { return static_cast<float>(Host().dpr * Host().zoom); }

void RebuildFontsAndStyle(double dpr) {
    ImGuiIO& io = ImGui::GetIO();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    io.Fonts->Clear();
    Host().dpr = dpr;
    LoadFonts(Host().host.FontScale(UiScale())); // pixel ratio x zoom x text size
    ImGui_ImplOpenGL3_CreateFontsTexture();
    Host().must_draw = true;
    Host().host.ApplyStyle(UiScale());
    Host().text_size = Host().host.app.ui.text_size_percent;
}

void SyncCanvasSize() {
    WebHost& h = Host();
    double w = 0, hgt = 0;
    emscripten_get_element_css_size(kCanvas, &w, &hgt);
    const double dpr = emscripten_get_device_pixel_ratio();
    const double zoom = sm_css_zoom();
    if (w == h.css_w && hgt == h.css_h && dpr == h.dpr && zoom == h.zoom) return;
    h.css_w = w;
    h.css_h = hgt;
    h.must_draw = true;
    emscripten_set_canvas_element_size(kCanvas, static_cast<int>(std::lround(w * dpr)),
                                       static_cast<int>(std::lround(hgt * dpr)));
    if (dpr != h.dpr || zoom != h.zoom) {
        h.zoom = zoom;
        RebuildFontsAndStyle(dpr);
    }
    h.host.app.probe.scale = static_cast<float>(dpr);
}

// ---------------------------------------------------------------- input
// Before each DOM input event: text the page's text-input element produced for earlier
// keys enters ImGui's queue first, so typing then Backspace in one frame keeps its order.
void BeginInput() {
    AppHost& host = Host().host;
    if (!host.Busy()) host.ProcessPlatformEvents(platform::NowMs());
}

void AddMods(bool ctrl, bool shift, bool alt, bool super) {
    // ImGui drops repeats of an unchanged key state, so sending all four each time is cheap.
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, ctrl);
    io.AddKeyEvent(ImGuiMod_Shift, shift);
    io.AddKeyEvent(ImGuiMod_Alt, alt);
    io.AddKeyEvent(ImGuiMod_Super, super);
}

EM_BOOL OnMouse(int type, const EmscriptenMouseEvent* e, void*) {
    WebHost& h = Host();
    BeginInput();
    ImGuiIO& io = ImGui::GetIO();
    io.AddMousePosEvent(static_cast<float>(e->clientX * h.dpr), static_cast<float>(e->clientY * h.dpr));
    // DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
    const int button = e->button == 1 ? 2 : e->button == 2 ? 1 : e->button;
    if ((type == EMSCRIPTEN_EVENT_MOUSEDOWN || type == EMSCRIPTEN_EVENT_MOUSEUP) && button >= 0 &&
        button < ImGuiMouseButton_COUNT) {
        AddMods(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
        io.AddMouseButtonEvent(button, type == EMSCRIPTEN_EVENT_MOUSEDOWN);
    }
    Wake();
    return type == EMSCRIPTEN_EVENT_MOUSEDOWN; // keep focus handling ours; no text selection
}

EM_BOOL OnWheel(int, const EmscriptenWheelEvent* e, void*) {
    // Ctrl+wheel, and a touchpad's pinch (sent as one), is the browser's zoom: left to it.
    if (e->mouse.ctrlKey) return EM_FALSE;
    // DOM deltas: pixels (mode 0), lines (1) or pages (2), positive = down/right.
    // ImGui: one unit ~ a few lines, positive = up/left.
    double scale = 1.0 / 100.0;
    if (e->deltaMode == DOM_DELTA_LINE) scale = 1.0 / 3.0;
    if (e->deltaMode == DOM_DELTA_PAGE) scale = 3.0;
    BeginInput();
    ImGui::GetIO().AddMouseWheelEvent(static_cast<float>(-e->deltaX * scale),
                                      static_cast<float>(-e->deltaY * scale));
    Wake();
    return EM_TRUE;
}

EM_BOOL OnTouch(int type, const EmscriptenTouchEvent* e, void*) {
    if (e->numTouches < 1) return EM_FALSE;
    WebHost& h = Host();
    const EmscriptenTouchPoint& t = e->touches[0];
    const float x = static_cast<float>(t.clientX * h.dpr), y = static_cast<float>(t.clientY * h.dpr);
    static float last_y = 0, last_x = 0;
    static bool dragging = false;
    // Two fingers: the browser's pinch-zoom (style.css allows it), neither a tap nor a
    // scroll of ours, until every finger has left.
    static bool pinching = false;
    int down = 0;
    for (int i = 0; i < e->numTouches; ++i)
        down += !(type == EMSCRIPTEN_EVENT_TOUCHEND && e->touches[i].isChanged);
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART && down == 1) pinching = false;
    if (down > 1) pinching = true;
    if (pinching) return EM_FALSE;
    BeginInput();
    ImGuiIO& io = ImGui::GetIO();
    if (type == EMSCRIPTEN_EVENT_TOUCHSTART) {
        last_x = x;
        last_y = y;
        dragging = false;
        io.AddMousePosEvent(x, y);
    } else if (type == EMSCRIPTEN_EVENT_TOUCHMOVE) {
        // One finger drags the content: turn it into wheel scrolling.
        const float line = kBaseFontPx * static_cast<float>(h.dpr) * 5.0f;
        if (std::fabs(y - last_y) > 4 * h.dpr || dragging) {
            dragging = true;
            io.AddMouseWheelEvent((x - last_x) / line, (y - last_y) / line);
            last_x = x;
            last_y = y;
        }
    } else if (type == EMSCRIPTEN_EVENT_TOUCHEND) {
        if (!dragging) { // a tap: press and release where the finger was
            io.AddMousePosEvent(last_x, last_y);
            io.AddMouseButtonEvent(ImGuiMouseButton_Left, true);
            io.AddMouseButtonEvent(ImGuiMouseButton_Left, false);
        }
    }
    Wake();
    // Not the touchstart: cancelling it would cancel a pinch that a second finger starts.
    // Cancelling the touchend keeps the browser from sending the tap again as mouse events.
    return type != EMSCRIPTEN_EVENT_TOUCHSTART;
}

// A key that types one character (e.key is "a", "한", "?"; not "Enter" or "Shift").
bool IsSingleCodePoint(const char* s) {
    const std::string_view k = s ? s : "";
    return !k.empty() && utf8::IsValid(k) && utf8::CountCodePoints(k) == 1;
}

// The ImGuiKey of a DOM key event. Letters follow the layout (e.key), as keyCode did, so
// Ctrl+Z is the key labelled Z; other keys come from the physical e.code, then keyCode.
ImGuiKey KeyFromDom(const EmscriptenKeyboardEvent* e) {
    const char* key = e->key;
    if (key[0] && !key[1] && std::isalpha(static_cast<unsigned char>(key[0])))
        return static_cast<ImGuiKey>(ImGuiKey_A + (std::toupper(static_cast<unsigned char>(key[0])) - 'A'));
    const std::string code = e->code;
    if (code.size() == 4 && code.rfind("Key", 0) == 0 && code[3] >= 'A' && code[3] <= 'Z')
        return static_cast<ImGuiKey>(ImGuiKey_A + (code[3] - 'A'));
    if (code.size() == 6 && code.rfind("Digit", 0) == 0 && std::isdigit(static_cast<unsigned char>(code[5])))
        return static_cast<ImGuiKey>(ImGuiKey_0 + (code[5] - '0'));
    if (code.size() == 7 && code.rfind("Numpad", 0) == 0 && std::isdigit(static_cast<unsigned char>(code[6])))
        return static_cast<ImGuiKey>(ImGuiKey_Keypad0 + (code[6] - '0'));
    if (code.size() >= 2 && code.size() <= 3 && code[0] == 'F' &&
        std::isdigit(static_cast<unsigned char>(code[1]))) {
        const int n = std::atoi(code.c_str() + 1);
        if (n >= 1 && n <= 12) return static_cast<ImGuiKey>(ImGuiKey_F1 + (n - 1));
    }
    static const struct {
        const char* code;
        ImGuiKey key;
    } kNamed[] = {{"Tab", ImGuiKey_Tab},
                  {"ArrowLeft", ImGuiKey_LeftArrow},
                  {"ArrowRight", ImGuiKey_RightArrow},
                  {"ArrowUp", ImGuiKey_UpArrow},
                  {"ArrowDown", ImGuiKey_DownArrow},
                  {"PageUp", ImGuiKey_PageUp},
                  {"PageDown", ImGuiKey_PageDown},
                  {"Home", ImGuiKey_Home},
                  {"End", ImGuiKey_End},
                  {"Insert", ImGuiKey_Insert},
                  {"Delete", ImGuiKey_Delete},
                  {"Backspace", ImGuiKey_Backspace},
                  {"Space", ImGuiKey_Space},
                  {"Enter", ImGuiKey_Enter},
                  {"NumpadEnter", ImGuiKey_KeypadEnter},
                  {"Escape", ImGuiKey_Escape},
                  {"ShiftLeft", ImGuiKey_LeftShift},
                  {"ShiftRight", ImGuiKey_RightShift},
                  {"ControlLeft", ImGuiKey_LeftCtrl},
                  {"ControlRight", ImGuiKey_RightCtrl},
                  {"AltLeft", ImGuiKey_LeftAlt},
                  {"AltRight", ImGuiKey_RightAlt},
                  {"MetaLeft", ImGuiKey_LeftSuper},
                  {"MetaRight", ImGuiKey_RightSuper},
                  {"Minus", ImGuiKey_Minus},
                  {"Equal", ImGuiKey_Equal},
                  {"BracketLeft", ImGuiKey_LeftBracket},
                  {"BracketRight", ImGuiKey_RightBracket},
                  {"Backslash", ImGuiKey_Backslash},
                  {"Semicolon", ImGuiKey_Semicolon},
                  {"Quote", ImGuiKey_Apostrophe},
                  {"Backquote", ImGuiKey_GraveAccent},
                  {"Comma", ImGuiKey_Comma},
                  {"Period", ImGuiKey_Period},
                  {"Slash", ImGuiKey_Slash},
                  {"CapsLock", ImGuiKey_CapsLock}};
    for (const auto& k : kNamed)
        if (code == k.code) return k.key;
    // No e.code (old browsers, synthetic events): the keyCode.
    const unsigned long c = e->keyCode;
    if (c >= '0' && c <= '9') return static_cast<ImGuiKey>(ImGuiKey_0 + (c - '0'));
    if (c >= 112 && c <= 123) return static_cast<ImGuiKey>(ImGuiKey_F1 + (c - 112));
    switch (c) {
    case 8: return ImGuiKey_Backspace;
    case 9: return ImGuiKey_Tab;
    case 13: return ImGuiKey_Enter;
    case 27: return ImGuiKey_Escape;
    case 32: return ImGuiKey_Space;
    case 33: return ImGuiKey_PageUp;
    case 34: return ImGuiKey_PageDown;
    case 35: return ImGuiKey_End;
    case 36: return ImGuiKey_Home;
    case 37: return ImGuiKey_LeftArrow;
    case 38: return ImGuiKey_UpArrow;
    case 39: return ImGuiKey_RightArrow;
    case 40: return ImGuiKey_DownArrow;
    case 45: return ImGuiKey_Insert;
    case 46: return ImGuiKey_Delete;
    default: return ImGuiKey_None;
    }
}

EM_BOOL OnKey(int type, const EmscriptenKeyboardEvent* e, void*) {
    const bool down = type == EMSCRIPTEN_EVENT_KEYDOWN;
    // Keys typed in the accessible mirror (web/mirror.js) are its own: ImGui must not also
    // act on them. A key released there after a press on the canvas still reaches ImGui.
    // (F10 there is the mirror's: it focuses the mirror's own menu buttons; on the canvas
    // it is the canvas menu bar's, shortcuts.cpp.)
    if (down && sm_page_focus_in_mirror()) return EM_FALSE;
    // keyCode 229: a key the IME is composing with (its Enter or Backspace edits the
    // composition, not the field): ImGui must not see it.
    const ImGuiKey key = e->keyCode == 229 ? ImGuiKey_None : KeyFromDom(e);
    // Tab and Shift+Tab are the browser's: they move the keyboard focus between the
    // regions and controls of the accessible mirror, in its order (the canvas draws a
    // ring around the widget the focused control stands for).
    if (key == ImGuiKey_Tab && !e->ctrlKey && !e->altKey && !e->metaKey) return EM_FALSE;
    BeginInput();
    ImGuiIO& io = ImGui::GetIO();
    const bool cmd = e->ctrlKey || e->metaKey;
    // Typed characters come from the text-input element while a field is active (so IMEs
    // work: the key must then reach it); otherwise from the key itself (shortcut letters).
    // Such a key's press stays out of ImGui, so that its character is applied in the frame
    // this key wakes (AppHost::AddKey).
    const bool text_element = sm_page_text_input_active() != 0;
    const bool typed_by_text_element = text_element && !cmd && IsSingleCodePoint(e->key);
    AddMods(e->ctrlKey, e->shiftKey, e->altKey, e->metaKey);
    Host().host.AddKey(key, down, typed_by_text_element);
    Wake();
    if (e->keyCode == 229 || typed_by_text_element) return EM_FALSE;
    if (down && !cmd && IsSingleCodePoint(e->key)) io.AddInputCharactersUTF8(e->key);
    // Clipboard shortcuts must reach the browser so that copy/paste events fire.
    if (cmd && (key == ImGuiKey_C || key == ImGuiKey_V || key == ImGuiKey_X)) return EM_FALSE;
    if (cmd && (key == ImGuiKey_S || key == ImGuiKey_O || key == ImGuiKey_F))
        return EM_TRUE; // ours: export, import, search
    if (cmd) return key == ImGuiKey_A || key == ImGuiKey_Z || key == ImGuiKey_Y ? io.WantTextInput : EM_FALSE;
    if (key == ImGuiKey_F10) return EM_TRUE;                        // ours: the menu bar (shortcuts.cpp)
    if (key >= ImGuiKey_F1 && key <= ImGuiKey_F12) return EM_FALSE; // other F keys stay the browser's
    return io.WantCaptureKeyboard || key == ImGuiKey_Backspace || key == ImGuiKey_Space ||
           key == ImGuiKey_PageUp || key == ImGuiKey_PageDown || key == ImGuiKey_Home ||
           key == ImGuiKey_End || key == ImGuiKey_LeftArrow || key == ImGuiKey_RightArrow ||
           key == ImGuiKey_UpArrow || key == ImGuiKey_DownArrow;
}

EM_BOOL OnFocus(int type, const EmscriptenFocusEvent*, void*) {
    BeginInput();
    // Losing focus: ImGui releases every key and button itself, so none sticks.
    ImGui::GetIO().AddFocusEvent(type == EMSCRIPTEN_EVENT_FOCUS);
    Wake();
    return EM_FALSE;
}

EM_BOOL OnResize(int, const EmscriptenUiEvent*, void*) {
    Wake();
    return EM_FALSE;
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

void Tick() { Host().host.Tick(platform::NowMs()); }

void Frame() {
    WebHost& h = Host();
    if (h.host.Busy()) { // called back from inside a frame: draw right after
        platform::RequestFrame();
        return;
    }
    SyncCanvasSize();
    if (GlyphsPending() || h.text_size != h.host.app.ui.text_size_percent) RebuildFontsAndStyle(h.dpr);
    ImGui_ImplOpenGL3_NewFrame();
    const ImVec2 display(static_cast<float>(h.css_w * h.dpr), static_cast<float>(h.css_h * h.dpr));
    const FrameResult r = h.host.RunFrame(platform::NowMs(), display, UiScale());
    // An unchanged picture is not drawn again: the canvas keeps showing it, and the browser
    // then has nothing to commit for it (issue 15: 30-60 ms a commit under software GL).
    if (r.changed || h.must_draw) {
        h.must_draw = false;
        int fb_w = 0, fb_h = 0;
        emscripten_get_canvas_element_size(kCanvas, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    }

    // Route text input through the page's text element while ImGui wants text.
    if (r.want_text_input != h.text_input) {
        h.text_input = r.want_text_input;
        sm_page_set_text_input(h.text_input ? 1 : 0, h.ime_x, h.ime_y);
    }
    if (r.cursor != h.cursor) {
        h.cursor = r.cursor;
        sm_page_set_cursor(CssCursor(r.cursor));
    }
}

} // namespace
} // namespace shelfmark

using shelfmark::Host;

extern "C" {
// The page is being hidden or closed: apply every queued key and click, then write
// pending changes now, synchronously.
EMSCRIPTEN_KEEPALIVE void sm_on_flush() { Host().host.Flush(shelfmark::platform::NowMs()); }

// Read-only view for tests and tools (AppHost::ProbeQuery).
EMSCRIPTEN_KEEPALIVE const char* sm_probe_query(const char* query) {
    static std::string out;
    out = Host().host.ProbeQuery(query ? query : "");
    return out.c_str();
}
}

int main(int argc, char** argv) {
    using namespace shelfmark;
    WebHost& h = Host();
    // Where the time to the first frame goes (scripts/bench.sh reads these marks): the
    // runtime is up (downloads and compilation done), the WebGL context made, fonts built,
    // catalogue loaded.
    platform::MarkOnce("shelfmark:main");
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.minorVersion = 0;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    // No extension is enabled up front: the WebGL 2 core is all the renderer uses, and
    // enabling each of the browser's extensions cost about 60 ms before the first frame.
    attrs.enableExtensionsByDefault = EM_FALSE;
    h.gl = emscripten_webgl_create_context(kCanvas, &attrs);
    if (h.gl <= 0) {
        sm_page_fatal("Shelfmark needs WebGL 2, which this browser does not provide.");
        return 1;
    }
    emscripten_webgl_make_context_current(h.gl);
    platform::MarkOnce("shelfmark:gl");

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    h.host.InitImGui();
    ImGuiIO& io = ImGui::GetIO();
    io.BackendPlatformName = "shelfmark_html5";
    io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
    // Where ImGui's caret is (physical px): the page's text-input element goes there, so
    // an IME's candidate window opens by the text being typed.
    io.SetPlatformImeDataFn = [](ImGuiViewport*, ImGuiPlatformImeData* data) {
        WebHost& hh = Host();
        hh.ime_x = static_cast<int>(data->InputPos.x / hh.dpr);
        hh.ime_y = static_cast<int>(data->InputPos.y / hh.dpr);
        // The composing text is shown there in the field's line height and colours.
        const ImVec4* c = ImGui::GetStyle().Colors;
        const auto rgb = [](const ImVec4& v) {
            const ImU32 u = ImGui::ColorConvertFloat4ToU32(v); // ABGR
            return static_cast<unsigned>(((u & 0xFF) << 16) | (u & 0xFF00) | ((u >> 16) & 0xFF));
        };
        sm_page_set_text_style(static_cast<int>(data->InputLineHeight / hh.dpr + 0.5), rgb(c[ImGuiCol_Text]),
                               rgb(c[ImGuiCol_WindowBg]));
        if (hh.text_input) sm_page_set_text_input(1, hh.ime_x, hh.ime_y);
    };
    ImGui_ImplOpenGL3_Init("#version 300 es");
    SyncCanvasSize();
    platform::MarkOnce("shelfmark:fonts");

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
    // The catalogue is loaded after the first frame (AppHost::LoadAfterFirstFrame): the
    // page shows its shell before the lists are parsed, validated and indexed.
    h.host.LoadAfterFirstFrame([use_synthetic, synthetic](AppState& app) {
        if (use_synthetic) {
            UseCatalogue(app, GenerateSyntheticCatalogue(synthetic));
            app.progress = GenerateSyntheticProgress(synthetic);
            (void)app.progress.TakeDirty(); // generated, not the user's: never written
        } else {
            LoadBundle(app, "/data");
        }
        platform::MarkOnce("shelfmark:catalogue");
    });

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

    platform::SetFrameCallback(Frame);
    platform::SetTickCallback(Tick);
    h.host.Start();
    return 0;
}
