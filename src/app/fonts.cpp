#include "app/fonts.h"

#include <cmath>

namespace shelfmark {

namespace {
constexpr float kBodyPx = 15.0f;
constexpr float kHeadingPx = 19.0f;
constexpr float kMonoPx = 14.0f;

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* mono = nullptr;
};
Fonts& Registry() {
    static Fonts f;
    return f;
}

// Latin, Latin-1/Extended, Greek, general punctuation, arrows, math, box drawing.
const ImWchar kTextRanges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x2000, 0x206F, 0x20A0, 0x20BF, 0x2100, 0x214F,
                               0x2190, 0x21FF, 0x2200, 0x22FF, 0x2500, 0x257F, 0x25A0, 0x25FF, 0x2600, 0x26FF, 0};
const ImWchar kIconRanges[] = {0xF002, 0xF002, 0xF00C, 0xF00C, 0xF017, 0xF017, 0xF02D, 0xF02D, 0xF040, 0xF040,
                               0xF071, 0xF071, 0xF08E, 0xF08E, 0xF0C7, 0xF0C7, 0xF24A, 0xF24A, 0};

ImFont* Load(const char* file, float px, bool with_icons) {
    ImGuiIO& io = ImGui::GetIO();
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    cfg.OversampleV = 1;
    cfg.PixelSnapH = false;
    ImFont* f = io.Fonts->AddFontFromFileTTF(file, px, &cfg, kTextRanges);
    if (!f) {
        ImFontConfig d;
        d.SizePixels = std::round(px);
        return io.Fonts->AddFontDefault(&d);
    }
    if (with_icons) {
        ImFontConfig icons;
        icons.MergeMode = true;
        icons.PixelSnapH = true;
        icons.GlyphMinAdvanceX = px;
        io.Fonts->AddFontFromFileTTF("/fonts/icons.ttf", px * 0.9f, &icons, kIconRanges);
    }
    return f;
}
} // namespace

ImFont* GetFont(FontKind kind) {
    const Fonts& f = Registry();
    ImFont* font = kind == FontKind::Heading ? f.heading : kind == FontKind::Mono ? f.mono : f.body;
    return font ? font : ImGui::GetFont();
}

void LoadFonts(float scale) {
    Fonts& f = Registry();
    f.body = Load("/fonts/ui.otf", std::round(kBodyPx * scale), true);
    f.heading = Load("/fonts/ui.otf", std::round(kHeadingPx * scale), true);
    f.mono = Load("/fonts/mono.ttf", std::round(kMonoPx * scale), false);
}

} // namespace shelfmark
