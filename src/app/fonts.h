// fonts.h: the fonts the panels use, rebuilt by the host when the pixel ratio changes.
//
// Body and Heading are Inter (fonts-inter) with Fork Awesome icons merged in; Mono is
// JetBrains Mono (fonts-jetbrains-mono) for code in notes.
#pragma once

#include <imgui.h>

#include <string_view>

namespace shelfmark {

enum class FontKind { Body, Heading, Mono };

// The font of that kind (ImGui's default font until fonts are loaded).
ImFont* GetFont(FontKind kind);
// Loads every font at `scale` x the base size into ImGui's atlas and builds it, with the
// extra glyphs asked for so far drawn in by the browser. Files come from the site's
// preloaded /fonts folder. Call with the renderer's font texture destroyed; recreate it
// after.
void LoadFonts(float scale);

// Notes that `text` will be shown: code points our fonts lack (CJK, ...) are queued to be
// drawn into the atlas. Cheap for ASCII. Returns true when new glyphs are waiting.
bool WantGlyphsFor(std::string_view text);
// True when queued glyphs need an atlas rebuild (LoadFonts again).
bool GlyphsPending();

// Icon glyphs (Fork Awesome code points), usable inside any label.
#define SM_ICON_CHECK "\xef\x80\x8c"   // U+F00C
#define SM_ICON_SEARCH "\xef\x80\x82"  // U+F002
#define SM_ICON_LINK "\xef\x82\x8e"    // U+F08E external link
#define SM_ICON_NOTE "\xef\x89\x8a"    // U+F24A sticky note
#define SM_ICON_WARNING "\xef\x81\xb1" // U+F071
#define SM_ICON_SAVE "\xef\x83\x87"    // U+F0C7

} // namespace shelfmark
