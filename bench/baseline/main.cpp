// The benchmark baseline: the smallest usual Dear ImGui web page. One window, default
// font, redrawn every animation frame by emscripten_set_main_loop (what most ImGui web
// apps do). Its figures (bytes, first frame, idle CPU) are what the app is compared to.
#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cmath>

EM_JS(void, baseline_mark_first_frame, (), { performance.mark('baseline:first-frame'); });

namespace {

int g_frames = 0;
double g_last = 0.0;
double g_css_w = 0, g_css_h = 0, g_dpr = 0;

void Frame() {
    double w = 0, h = 0;
    emscripten_get_element_css_size("#canvas", &w, &h);
    const double dpr = emscripten_get_device_pixel_ratio();
    if (w != g_css_w || h != g_css_h || dpr != g_dpr) {
        g_css_w = w;
        g_css_h = h;
        g_dpr = dpr;
        emscripten_set_canvas_element_size("#canvas", static_cast<int>(std::lround(w * dpr)),
                                           static_cast<int>(std::lround(h * dpr)));
    }
    ImGuiIO& io = ImGui::GetIO();
    const double t = emscripten_get_now() / 1000.0;
    io.DeltaTime = g_last == 0.0 ? 1.0f / 60.0f : static_cast<float>(std::fmax(t - g_last, 1e-4));
    g_last = t;
    io.DisplaySize = ImVec2(static_cast<float>(w * dpr), static_cast<float>(h * dpr));

    ImGui_ImplOpenGL3_NewFrame();
    ImGui::NewFrame();
    ImGui::SetNextWindowPos(ImVec2(20, 20), ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(360, 140), ImGuiCond_FirstUseEver);
    ImGui::Begin("Baseline");
    ImGui::Text("Dear ImGui %s", IMGUI_VERSION);
    ImGui::Text("%.1f frames per second", static_cast<double>(io.Framerate));
    ImGui::End();
    ImGui::Render();
    glViewport(0, 0, static_cast<int>(io.DisplaySize.x), static_cast<int>(io.DisplaySize.y));
    glClearColor(0.08f, 0.08f, 0.09f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    if (++g_frames == 1) baseline_mark_first_frame();
}

} // namespace

extern "C" EMSCRIPTEN_KEEPALIVE int baseline_frames() { return g_frames; }

int main() {
    EmscriptenWebGLContextAttributes attrs;
    emscripten_webgl_init_context_attributes(&attrs);
    attrs.majorVersion = 2;
    attrs.alpha = EM_FALSE;
    attrs.antialias = EM_FALSE;
    attrs.depth = EM_FALSE;
    attrs.stencil = EM_FALSE;
    const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE gl = emscripten_webgl_create_context("#canvas", &attrs);
    if (gl <= 0) return 1;
    emscripten_webgl_make_context_current(gl);
    ImGui::CreateContext();
    ImGui::GetIO().IniFilename = nullptr;
    ImGui::StyleColorsDark();
    ImGui_ImplOpenGL3_Init("#version 300 es");
    emscripten_set_main_loop(Frame, 0, false);
    return 0;
}
