// fonts.h: the fonts the panels use, rebuilt by the host when the pixel ratio changes.
//
// Body and Heading are Inter (fonts-inter) with Fork Awesome icons merged in; Mono is
// JetBrains Mono (fonts-jetbrains-mono) for code in notes.
#pragma once

#include <imgui.h>

namespace shelfmark {

enum class FontKind { Body, Heading, Mono };

// The font of that kind (ImGui's default font until fonts are loaded).
ImFont* GetFont(FontKind kind);
// Loads every font at `scale` x the base size into ImGui's atlas (call before building
// the atlas texture). Files come from the site's preloaded /fonts folder.
void LoadFonts(float scale);

// Icon glyphs (Fork Awesome code points), usable inside any label.
#define SM_ICON_CHECK "\xef\x80\x8c"        // U+F00C
#define SM_ICON_SEARCH "\xef\x80\x82"       // U+F002
#define SM_ICON_BOOK "\xef\x80\xad"         // U+F02D
#define SM_ICON_PENCIL "\xef\x81\x80"       // U+F040
#define SM_ICON_LINK "\xef\x82\x8e"         // U+F08E external link
#define SM_ICON_NOTE "\xef\x89\x8a"         // U+F24A sticky note
#define SM_ICON_WARNING "\xef\x81\xb1"      // U+F071
#define SM_ICON_SAVE "\xef\x83\x87"         // U+F0C7
#define SM_ICON_CLOCK "\xef\x80\x97"        // U+F017

} // namespace shelfmark
