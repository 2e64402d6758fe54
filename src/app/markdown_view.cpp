// markdown_view.cpp: draws a parsed Markdown note with ImGui: headings, emphasis,
// strikethrough, lists and task lists (clickable), quotes, code in the monospace font,
// tables, links and autolinks. Only http, https and mailto links open; others are
// shown inert. The text is parsed only when it changes (AppState::ui.preview_*).
#include <imgui.h>
#include <imgui_internal.h> // ImTextCharFromUtf8

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "app/fonts.h"
#include "app/notes_view.h"
#include "app/widgets.h"
#include "core/utf8.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {

enum RunStyle : unsigned {
    kBold = 1,
    kItalic = 2,
    kStrike = 4,
    kCode = 8,
    kLink = 16,
};

struct Run {
    std::string text;
    unsigned style = 0;
    std::string url;
};

bool SafeUrl(const std::string& url) {
    auto starts = [&](const char* p) {
        const size_t n = std::strlen(p);
        if (url.size() < n) return false;
        for (size_t i = 0; i < n; ++i)
            if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
        return true;
    };
    return starts("https://") || starts("http://") || starts("mailto:");
}

// Collects the inline runs under `from` (a paragraph, heading or table cell).
std::vector<Run> CollectRuns(const MarkdownDoc& doc, int from) {
    std::vector<Run> runs;
    unsigned style = 0;
    std::vector<std::string> urls;
    std::vector<unsigned> stack;
    WalkMarkdown(
        doc, from,
        [&](const MdNode& n) {
            switch (n.kind) {
            case MdKind::Text: runs.push_back({n.text, style, urls.empty() ? "" : urls.back()}); break;
            case MdKind::HtmlInline: runs.push_back({n.text, style | kCode, ""}); break;
            case MdKind::Code:
                runs.push_back({n.text, style | kCode, urls.empty() ? "" : urls.back()});
                break;
            case MdKind::SoftBreak: runs.push_back({" ", style, ""}); break;
            case MdKind::LineBreak: runs.push_back({"\n", style, ""}); break;
            case MdKind::Emph:
                stack.push_back(style);
                style |= kItalic;
                break;
            case MdKind::Strong:
                stack.push_back(style);
                style |= kBold;
                break;
            case MdKind::Strikethrough:
                stack.push_back(style);
                style |= kStrike;
                break;
            case MdKind::Link:
                stack.push_back(style);
                style |= kLink;
                urls.push_back(n.url);
                break;
            case MdKind::Image:
                runs.push_back({"[image: ", style, ""});
                stack.push_back(style);
                style |= kLink;
                urls.push_back(n.url);
                break;
            case MdKind::List: return false; // nested lists are blocks, drawn by the caller
            default: break;
            }
            return true;
        },
        [&](const MdNode& n) {
            switch (n.kind) {
            case MdKind::Emph:
            case MdKind::Strong:
            case MdKind::Strikethrough:
                style = stack.back();
                stack.pop_back();
                break;
            case MdKind::Link:
                style = stack.back();
                stack.pop_back();
                urls.pop_back();
                break;
            case MdKind::Image:
                style = stack.back();
                stack.pop_back();
                urls.pop_back();
                runs.push_back({"]", style, ""});
                break;
            default: break;
            }
        });
    return runs;
}

// Advance of the character at *s (UTF-8) in `font` at its own size; *next is set past it.
// What CalcTextSizeA adds up, without its per-call overhead ('\r' takes no room there).
float CharAdvance(ImFont* font, const char* s, const char* end, const char** next) {
    const unsigned char c = static_cast<unsigned char>(*s);
    if (c < 0x80) {
        *next = s + 1;
        return c == '\r' ? 0.0f : font->GetCharAdvance(static_cast<ImWchar>(c));
    }
    unsigned int cp = 0;
    const int n = ImTextCharFromUtf8(&cp, s, end);
    *next = s + std::max(n, 1);
    return font->GetCharAdvance(
        static_cast<ImWchar>(cp <= IM_UNICODE_CODEPOINT_MAX ? cp : IM_UNICODE_CODEPOINT_INVALID));
}

float TextWidth(ImFont* font, const char* p, const char* q) {
    float w = 0;
    while (p < q)
        w += CharAdvance(font, p, q, &p);
    return w;
}

// Longest piece measured at once: a word longer than this (a pasted hash, a URL, a line
// of 128 KB without spaces) is laid out in pieces of this size, so that the layout stays
// linear in the text instead of measuring the rest of the word again on every line.
constexpr ptrdiff_t kMaxPiece = 64;

// Lays out runs as wrapped text at the cursor, word by word, with styles drawn on the
// window's draw list; links get an invisible button (the first visible piece of each is
// probed as "note-link:N", N counted by *links over the whole preview, which also keeps
// the buttons' ids unique). Only lines inside the clip rectangle are drawn. Advances the
// cursor past the text.
void FlowRuns(AppState& s, int* links, const std::vector<Run>& runs, ImFont* base, bool dark) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float wrap = std::max(ImGui::GetContentRegionAvail().x, base->FontSize * 4.0f);
    const float line_h = std::max(base->FontSize, GetFont(FontKind::Mono)->FontSize) * 1.25f;
    const float clip_top = dl->GetClipRectMin().y, clip_bottom = dl->GetClipRectMax().y;
    float x = 0, y = 0;
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 link_col = dark ? IM_COL32(110, 170, 255, 255) : IM_COL32(20, 80, 190, 255);
    const ImU32 inert_col = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    const ImU32 code_bg = dark ? IM_COL32(255, 255, 255, 28) : IM_COL32(0, 0, 0, 22);
    const auto is_word = [](char c) { return c != ' ' && c != '\n' && static_cast<unsigned char>(c) < 0xE2; };
    for (const Run& run : runs) {
        ImFont* font = (run.style & kCode) ? GetFont(FontKind::Mono) : base;
        const bool link = (run.style & kLink) && !run.url.empty();
        const bool safe = link && SafeUrl(run.url);
        const ImU32 col = link ? (safe ? link_col : inert_col) : text_col;
        const int link_index = link ? (*links)++ : -1;
        int piece_id = 0;
        bool probed = false;
        bool mid_word = false; // p continues a word whose start is already laid out
        const char* p = run.text.c_str();
        const char* end = p + run.text.size();
        while (p < end) {
            if (*p == '\n') {
                x = 0;
                y += line_h;
                ++p;
                mid_word = false;
                continue;
            }
            // Next piece: a word with its trailing spaces (at most kMaxPiece bytes of the
            // word); CJK characters break anywhere.
            const char* q = p;
            bool cut_word = false; // the piece ends inside a word
            if (static_cast<unsigned char>(*q) >= 0xE2) {
                size_t n = 0;
                utf8::DecodeNext(std::string_view(q, static_cast<size_t>(end - q)), n);
                q += n;
            } else {
                const char* limit = end - p > kMaxPiece ? p + kMaxPiece : end;
                while (q < limit && is_word(*q))
                    ++q;
                if (q == limit && q < end && is_word(*q)) {
                    while (q > p + 1 && utf8::IsContinuation(*q))
                        --q; // whole characters
                    cut_word = true;
                } else {
                    while (q < end && *q == ' ')
                        ++q;
                }
            }
            float w = TextWidth(font, p, q);
            if (!mid_word && x > 0 && x + w > wrap) {
                x = 0;
                y += line_h;
                if (*p == ' ') { // no leading spaces on a new line
                    while (p < q && *p == ' ')
                        ++p;
                    w = TextWidth(font, p, q);
                }
            }
            // Wider than the rest of the line (a long word): cut it by characters there.
            if (x + w > wrap && q - p > 1) {
                const char* cut = p;
                float cw = 0;
                while (cut < q) {
                    const char* nx = cut;
                    const float gw = CharAdvance(font, cut, q, &nx);
                    if (cw + gw > wrap - x && (cut > p || x > 0)) break;
                    cw += gw;
                    cut = nx;
                }
                if (cut == p) { // not even one character fits after x: continue on the next line
                    x = 0;
                    y += line_h;
                    mid_word = true;
                    continue;
                }
                cut_word = cut_word || (cut < q && is_word(*cut));
                q = cut;
                w = cw;
            }
            const ImVec2 pos(origin.x + x, origin.y + y + (line_h - font->FontSize) * 0.5f);
            if (pos.y + line_h >= clip_top && pos.y <= clip_bottom && p < q) {
                if (run.style & kCode)
                    dl->AddRectFilled(ImVec2(pos.x - 1, pos.y - 1),
                                      ImVec2(pos.x + w + 1, pos.y + font->FontSize + 1), code_bg, 2.0f);
                dl->AddText(font, font->FontSize, pos, col, p, q);
                if (run.style & kBold)
                    dl->AddText(font, font->FontSize, ImVec2(pos.x + 0.8f, pos.y), col, p, q);
                if (run.style & kItalic) // no italic face bundled: a faint underline marks emphasis
                    dl->AddLine(ImVec2(pos.x, pos.y + font->FontSize + 1),
                                ImVec2(pos.x + w, pos.y + font->FontSize + 1),
                                (col & 0x00FFFFFF) | 0x50000000, 1.0f);
                if (run.style & kStrike)
                    dl->AddLine(ImVec2(pos.x, pos.y + font->FontSize * 0.55f),
                                ImVec2(pos.x + w, pos.y + font->FontSize * 0.55f), col, 1.0f);
                if (link) {
                    if (safe)
                        dl->AddLine(ImVec2(pos.x, pos.y + font->FontSize),
                                    ImVec2(pos.x + w, pos.y + font->FontSize), col, 1.0f);
                    ImGui::SetCursorScreenPos(pos);
                    // Ids unique over the preview: the same id on two links (say the first
                    // link of two paragraphs) made ImGui drop the click on the second.
                    ImGui::PushID(link_index);
                    ImGui::PushID(piece_id);
                    if (ImGui::InvisibleButton("##link", ImVec2(std::max(w, 1.0f), font->FontSize)) && safe)
                        platform::OpenUrl(run.url);
                    if (!probed) {
                        ProbeLastItem(s, "note-link:" + std::to_string(link_index));
                        probed = true;
                    }
                    if (ImGui::IsItemHovered()) {
                        ImGui::SetMouseCursor(safe ? ImGuiMouseCursor_Hand : ImGuiMouseCursor_NotAllowed);
                        ImGui::SetTooltip(safe ? "%s"
                                               : "%s\n(not opened: only http, https and mailto links open)",
                                          run.url.c_str());
                    }
                    ImGui::PopID();
                    ImGui::PopID();
                }
            }
            ++piece_id;
            x += w;
            p = q;
            mid_word = cut_word;
        }
    }
    ImGui::SetCursorScreenPos(origin);
    ImGui::Dummy(ImVec2(wrap, y + line_h));
}

// Flips the task box on `line` (1-based) of `text`; false if no box is there.
bool ToggleTask(std::string& text, int line) {
    size_t pos = 0;
    for (int l = 1; l < line && pos != std::string::npos; ++l) {
        pos = text.find('\n', pos);
        if (pos != std::string::npos) ++pos;
    }
    if (pos == std::string::npos) return false;
    const size_t eol = std::min(text.find('\n', pos), text.size());
    for (size_t i = pos; i + 2 < eol; ++i) {
        if (text[i] == '[' && text[i + 2] == ']' &&
            (text[i + 1] == ' ' || text[i + 1] == 'x' || text[i + 1] == 'X')) {
            text[i + 1] = text[i + 1] == ' ' ? 'x' : ' ';
            return true;
        }
    }
    return false;
}

struct Renderer {
    AppState& s;
    const MarkdownDoc& doc;
    const std::string& text;
    const std::string& paper;
    bool dark;
    int boxes = 0;
    int links = 0;

    void Children(int node) {
        for (int c = doc.nodes[node].first_child; c >= 0; c = doc.nodes[c].next)
            Block(c);
    }

    void Block(int i) {
        const MdNode& n = doc.nodes[i];
        const float em = ImGui::GetFontSize();
        switch (n.kind) {
        case MdKind::Paragraph:
            FlowRuns(s, &links, CollectRuns(doc, i), GetFont(FontKind::Body), dark);
            break;
        case MdKind::Heading: {
            ImFont* f = n.level <= 2 ? GetFont(FontKind::Heading) : GetFont(FontKind::Body);
            std::vector<Run> runs = CollectRuns(doc, i);
            if (n.level > 2)
                for (Run& r : runs)
                    r.style |= kBold;
            if (n.level <= 2) ImGui::Dummy(ImVec2(0, em * 0.2f));
            FlowRuns(s, &links, runs, f, dark);
            if (n.level == 1) ImGui::Separator();
            break;
        }
        case MdKind::ThematicBreak: ImGui::Separator(); break;
        case MdKind::BlockQuote: {
            const ImVec2 top = ImGui::GetCursorScreenPos();
            ImGui::Indent(em);
            Children(i);
            ImGui::Unindent(em);
            const float bottom = ImGui::GetCursorScreenPos().y;
            ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(top.x + em * 0.25f, top.y),
                                                      ImVec2(top.x + em * 0.45f, bottom),
                                                      ImGui::GetColorU32(ImGuiCol_TextDisabled));
            break;
        }
        case MdKind::CodeBlock:
        case MdKind::HtmlBlock: {
            ImGui::PushFont(GetFont(FontKind::Mono));
            const ImVec2 a = ImGui::GetCursorScreenPos();
            const float w = ImGui::GetContentRegionAvail().x;
            std::string body = n.text;
            while (!body.empty() && body.back() == '\n')
                body.pop_back();
            const ImVec2 sz = ImGui::CalcTextSize(body.c_str(), nullptr, false, w - em);
            ImGui::GetWindowDrawList()->AddRectFilled(
                a, ImVec2(a.x + w, a.y + sz.y + em * 0.6f),
                dark ? IM_COL32(255, 255, 255, 20) : IM_COL32(0, 0, 0, 18), 3.0f);
            ImGui::SetCursorScreenPos(ImVec2(a.x + em * 0.4f, a.y + em * 0.3f));
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w - em);
            ImGui::TextUnformatted(body.c_str(), body.c_str() + body.size());
            ImGui::PopTextWrapPos();
            ImGui::PopFont();
            ImGui::Dummy(ImVec2(0, em * 0.3f));
            break;
        }
        case MdKind::List: {
            int number = n.start;
            for (int c = n.first_child; c >= 0; c = doc.nodes[c].next) {
                const MdNode& item = doc.nodes[c];
                ImGui::PushID(c);
                const float indent = em * 1.4f;
                const ImVec2 at = ImGui::GetCursorScreenPos();
                if (item.task) {
                    bool checked = item.checked;
                    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0, 0));
                    // A visible outline: the frame fill alone nearly vanished on the pane.
                    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, std::max(1.0f, em / 10.0f));
                    ImGui::PushStyleColor(ImGuiCol_Border, TaskBoxOutline(IsDark(s)));
                    ImGui::PushStyleColor(ImGuiCol_BorderShadow, ImVec4(0, 0, 0, 0));
                    const bool toggled = ImGui::Checkbox("##task", &checked);
                    ImGui::PopStyleColor(2);
                    ImGui::PopStyleVar();
                    if (toggled && !paper.empty()) {
                        std::string updated = text;
                        if (ToggleTask(updated, item.line)) {
                            s.intents.push_back(intent::SetNote{paper, std::move(updated)});
                        }
                    }
                    ImGui::PopStyleVar();
                    ProbeLastItem(s, "task:" + std::to_string(boxes++));
                } else if (n.ordered) {
                    ImGui::Text("%d.", number);
                } else {
                    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(at.x + em * 0.45f, at.y + em * 0.7f),
                                                                em * 0.16f,
                                                                ImGui::GetColorU32(ImGuiCol_Text));
                }
                ++number;
                ImGui::SetCursorScreenPos(ImVec2(at.x + indent, at.y));
                ImGui::BeginGroup();
                ImGui::PushTextWrapPos(0.0f);
                for (int b = item.first_child; b >= 0; b = doc.nodes[b].next)
                    Block(b);
                ImGui::PopTextWrapPos();
                ImGui::EndGroup();
                ImGui::PopID();
            }
            break;
        }
        case MdKind::Table: {
            int columns = 0;
            for (int r = n.first_child; r >= 0; r = doc.nodes[r].next) {
                int k = 0;
                for (int c = doc.nodes[r].first_child; c >= 0; c = doc.nodes[c].next)
                    ++k;
                columns = std::max(columns, k);
            }
            if (columns <= 0 || columns > 63) break;
            ImGui::PushID(i);
            if (ImGui::BeginTable("##table", columns,
                                  ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_SizingStretchSame)) {
                for (int r = n.first_child; r >= 0; r = doc.nodes[r].next) {
                    ImGui::TableNextRow(doc.nodes[r].header ? ImGuiTableRowFlags_Headers : 0);
                    int col = 0;
                    for (int c = doc.nodes[r].first_child; c >= 0 && col < columns;
                         c = doc.nodes[c].next, ++col) {
                        ImGui::TableSetColumnIndex(col);
                        std::vector<Run> runs = CollectRuns(doc, c);
                        if (doc.nodes[r].header)
                            for (Run& run : runs)
                                run.style |= kBold;
                        FlowRuns(s, &links, runs, GetFont(FontKind::Body), dark);
                    }
                }
                ImGui::EndTable();
            }
            ImGui::PopID();
            break;
        }
        default:
            if (n.first_child >= 0) Children(i);
            break;
        }
    }
};

} // namespace

void DrawMarkdown(AppState& s, const std::string& text, const std::string& paper) {
    UiState& ui = s.ui;
    if (!ui.preview_doc || ui.preview_text != text) {
        ui.preview_text = text;
        ui.preview_error.clear();
        MarkdownLimits lim; // its size cap (128 KB) keeps every parse fast; longer notes show as text
        if (text.size() > lim.max_bytes)
            ui.preview_doc.reset(), ui.preview_error = "too long";
        else
            ui.preview_doc = ParseMarkdown(text, lim, &ui.preview_error);
        if (WantGlyphsFor(text)) platform::RequestFrame();
    }
    if (!ui.preview_doc && ui.preview_error == "too long") {
        ImGui::TextDisabled("This note is longer than 128 KB: shown as plain text.");
        // Laid out like a paragraph (only the visible lines drawn): ImGui's own wrapped
        // text measures and walks all of it twice a frame (~25 ms at 256 KB in the browser).
        int links = 0;
        FlowRuns(s, &links, {Run{text, 0, {}}}, ImGui::GetFont(), IsDark(s));
        return;
    }
    if (!ui.preview_doc) {
        ImGui::TextColored(WarningColor(IsDark(s)), "Preview unavailable: %s", ui.preview_error.c_str());
        ImGui::TextDisabled("The note itself is kept as written.");
        return;
    }
    if (text.empty()) {
        ImGui::TextDisabled(
            "No note yet. Press n (or click above) and write Markdown: # headings, **bold**,");
        ImGui::TextDisabled("- [ ] task lists, `code`, tables, links.");
        return;
    }
    Renderer r{s, *ui.preview_doc, ui.preview_text, paper, IsDark(s)};
    r.Children(0);
    if (ui.preview_doc->truncated) ImGui::TextDisabled("(the note is too deeply nested to show in full)");
}

} // namespace shelfmark
