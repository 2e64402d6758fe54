#include "app/fonts.h"

#include <imgui_internal.h>

#include <cmath>
#include <set>
#include <vector>

#include "platform/platform.h"

namespace shelfmark {

namespace {
constexpr float kBodyPx = 15.0f;
constexpr float kHeadingPx = 19.0f;
constexpr float kMonoPx = 14.0f;

constexpr size_t kMaxExtraGlyphs = 6000;

struct Fonts {
    ImFont* body = nullptr;
    ImFont* heading = nullptr;
    ImFont* mono = nullptr;
    std::set<uint32_t> extra;   // code points drawn by the browser, in the atlas
    std::set<uint32_t> pending; // asked for, not yet in the atlas
};
Fonts& Registry() {
    static Fonts f;
    return f;
}

// Latin, Latin-1/Extended, Greek, general punctuation, arrows, math, box drawing.
const ImWchar kTextRanges[] = {0x0020, 0x024F, 0x0370, 0x03FF, 0x0400, 0x052F, 0x2000, 0x206F,
                               0x20A0, 0x20BF, 0x2100, 0x214F, 0x2190, 0x21FF, 0x2200, 0x22FF,
                               0x2500, 0x257F, 0x25A0, 0x25FF, 0x2600, 0x26FF, 0};
// The SM_ICON_* glyphs of fonts.h, and only those.
const ImWchar kIconRanges[] = {0xF002, 0xF002, 0xF00C, 0xF00C, 0xF071, 0xF071, 0xF08E,
                               0xF08E, 0xF0C7, 0xF0C7, 0xF24A, 0xF24A, 0};

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

// True when the bundled text font draws `cp`. The web build ships the fonts subset to the
// code points the UI and the bundled lists use (scripts/subset-fonts.py), so this asks the
// loaded font rather than kTextRanges; before any font is loaded (the native UI tests),
// the ranges.
bool InBundledFont(const Fonts& f, uint32_t cp) {
    if (f.body && f.body->ContainerAtlas && f.body->ContainerAtlas->IsBuilt())
        return f.body->FindGlyphNoFallback(static_cast<ImWchar>(cp)) != nullptr;
    for (const ImWchar* r = kTextRanges; r[0]; r += 2)
        if (cp >= r[0] && cp <= r[1]) return true;
    return false;
}

// Reserves atlas cells for the extra glyphs of one font; returns (rect id, code point).
struct Reserved {
    ImFont* font;
    int px, cell_w, cell_h, baseline;
    std::vector<uint32_t> cps;
    std::vector<int> rects;
};

Reserved Reserve(ImFont* font, float px, const std::set<uint32_t>& cps) {
    Reserved r{font,
               static_cast<int>(px),
               static_cast<int>(std::ceil(px * 1.05f)),
               static_cast<int>(std::ceil(px * 1.25f)),
               static_cast<int>(std::round(px * 0.95f)),
               {},
               {}};
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    for (uint32_t cp : cps) {
        if (cp > 0xFFFF) continue; // ImWchar is 16-bit in this build
        // Advance is fixed up after drawing; wide scripts use about one em.
        r.rects.push_back(atlas->AddCustomRectFontGlyph(font, static_cast<ImWchar>(cp), r.cell_w, r.cell_h,
                                                        static_cast<float>(r.cell_w),
                                                        ImVec2(0, -(r.baseline - px * 0.8f))));
        r.cps.push_back(cp);
    }
    return r;
}

void Paint(const Reserved& r) {
    std::vector<uint8_t> alpha;
    std::vector<float> advances;
    if (!platform::RasterizeGlyphs(r.cps, r.px, r.cell_w, r.cell_h, r.baseline, &alpha, &advances)) return;
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    unsigned char* pixels = nullptr;
    int tw = 0, th = 0;
    atlas->GetTexDataAsAlpha8(&pixels, &tw, &th);
    for (size_t i = 0; i < r.rects.size(); ++i) {
        const ImFontAtlasCustomRect* rect = atlas->GetCustomRectByIndex(r.rects[i]);
        if (!rect || !rect->IsPacked()) continue;
        for (int y = 0; y < r.cell_h; ++y)
            for (int x = 0; x < r.cell_w; ++x)
                pixels[(rect->Y + y) * tw + rect->X + x] = alpha[i * r.cell_w * r.cell_h + y * r.cell_w + x];
        if (ImFontGlyph* g =
                const_cast<ImFontGlyph*>(r.font->FindGlyphNoFallback(static_cast<ImWchar>(r.cps[i]))))
            g->AdvanceX = std::max(1.0f, std::round(advances[i]));
    }
}
} // namespace

ImFont* GetFont(FontKind kind) {
    const Fonts& f = Registry();
    ImFont* font = kind == FontKind::Heading ? f.heading : kind == FontKind::Mono ? f.mono : f.body;
    return font ? font : ImGui::GetFont();
}

bool WantGlyphsFor(std::string_view text) {
    Fonts& f = Registry();
    bool added = false;
    for (size_t i = 0; i < text.size();) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        unsigned int cp = 0;
        const int n = ImTextCharFromUtf8(&cp, text.data() + i, text.data() + text.size());
        i += n > 0 ? static_cast<size_t>(n) : 1;
        if (cp < 0x80 || cp > 0xFFFF || (cp >= 0xF000 && cp <= 0xF3FF)) continue;
        if (f.extra.count(cp) || f.pending.count(cp) || InBundledFont(f, cp)) continue;
        if (f.extra.size() + f.pending.size() >= kMaxExtraGlyphs) break;
        f.pending.insert(cp);
        added = true;
    }
    return added;
}

bool GlyphsPending() { return !Registry().pending.empty(); }

void LoadFonts(float scale) {
    Fonts& f = Registry();
    f.extra.insert(f.pending.begin(), f.pending.end());
    f.pending.clear();
    const float body_px = std::round(kBodyPx * scale), heading_px = std::round(kHeadingPx * scale),
                mono_px = std::round(kMonoPx * scale);
    f.body = Load("/fonts/ui.ttf", body_px, true);
    f.heading = Load("/fonts/ui.ttf", heading_px, true);
    f.mono = Load("/fonts/mono.ttf", mono_px, false);
    std::vector<Reserved> reserved;
    if (!f.extra.empty()) {
        reserved.push_back(Reserve(f.body, body_px, f.extra));
        reserved.push_back(Reserve(f.heading, heading_px, f.extra));
        reserved.push_back(Reserve(f.mono, mono_px, f.extra));
    }
    ImGui::GetIO().Fonts->Build();
    for (const Reserved& r : reserved)
        Paint(r);
}

} // namespace shelfmark
