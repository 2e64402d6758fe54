// panel_import.cpp: the import preview: what a chosen file would change, before anything
// is applied. JSON progress files: Merge (default) or Replace (after a backup download).
// Markdown: its [x] boxes as progress, or the whole file as a new list of the user's.
// A Markdown file's items are listed by section, each with the paper it matched (or
// "new") and the metadata found, to include or leave out one by one or a section at a
// time before applying; the counts above follow the selection (ImportPlan::item_counts).
// Keys: Enter applies the default action (its button is marked), Esc cancels, Up/Down
// (Page Up/Down, Home/End) move through the items, Space includes or leaves out the one
// under the keyboard (on a section's row: the whole section).
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "app/app_state.h"
#include "app/fonts.h"
#include "app/widgets.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {
// What Enter does: the recommended action of what the file is (ImportPlan::Default(),
// also the accessible mirror's default); nothing applicable: Cancel.
ImportMode DefaultMode(const PendingImport& im, bool* none) {
    const std::optional<ImportMode> d = im.Default();
    *none = !d;
    return d.value_or(ImportMode::Merge);
}

// The preview's lines, worded once in the core (the accessible mirror shows the same).
void PreviewLines(const ImportPreview& p) {
    for (const std::string& line : ImportPreviewLines(p))
        ImGui::BulletText("%s", line.c_str());
}

// The keys of the item list: the cursor moves by row, Space toggles its row.
void ItemKeys(AppState& s, size_t rows, size_t page) {
    const PendingImport& im = s.import;
    const auto key = [](ImGuiKey k) { return ImGui::IsKeyPressed(k, true); };
    const size_t last = rows - 1, at = std::min(im.cursor, last);
    size_t to = at;
    if (key(ImGuiKey_DownArrow)) to = std::min(at + 1, last);
    if (key(ImGuiKey_UpArrow)) to = at ? at - 1 : 0;
    if (key(ImGuiKey_PageDown)) to = std::min(at + page, last);
    if (key(ImGuiKey_PageUp)) to = at > page ? at - page : 0;
    if (key(ImGuiKey_Home)) to = 0;
    if (key(ImGuiKey_End)) to = last;
    if (to != at) s.intents.push_back(intent::SetImportCursor{to});
    if (ImGui::IsKeyPressed(ImGuiKey_Space, false)) s.intents.push_back(ImportRowToggle(im, at));
}

// The items, drawn only where they are in view: a section's header is one checkbox line,
// an item two lines (its checkbox and title; the matched paper or "new" and the metadata),
// so each row's top follows from its section's index and its first item.
void DrawItemList(AppState& s, float width) {
    PendingImport& im = s.import;
    const std::vector<MarkdownItem>& items = im.PreviewItems();
    const size_t rows = ImportRowCount(im);
    if (rows == 0) return;
    const float header_h = ImGui::GetFrameHeightWithSpacing();
    const float item_h = header_h + ImGui::GetTextLineHeightWithSpacing();
    const auto top_of = [&](size_t row) {
        const ImportRow r = ImportRowAt(im, row);
        const float before = static_cast<float>(r.section) * header_h +
                             static_cast<float>(im.item_sections[r.section].first) * item_h;
        return r.header ? before
                        : before + header_h +
                              static_cast<float>(r.item - im.item_sections[r.section].first) * item_h;
    };
    const float total =
        static_cast<float>(im.item_sections.size()) * header_h + static_cast<float>(items.size()) * item_h;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float style_pad = ImGui::GetStyle().WindowPadding.y * 2;
    const float height = std::min(total + style_pad, std::max(header_h + 2 * item_h, vp->WorkSize.y * 0.4f));
    const float view_h = height - style_pad;
    const size_t page = std::max<size_t>(1, static_cast<size_t>(view_h / item_h));
    ItemKeys(s, rows, page);
    const size_t cursor = std::min(im.cursor, rows - 1);
    ImGuiStorage* store = ImGui::GetStateStorage(); // the dialog's: the list's scroll at the last frame
    const ImGuiID scroll_key = ImGui::GetID("import-items-scroll");
    if (im.scroll_to_cursor) { // keep the keyboard's row in view, from this frame on
        const float t = top_of(cursor), h = ImportRowAt(im, cursor).header ? header_h : item_h;
        float y = store->GetFloat(scroll_key, 0);
        if (t < y)
            y = t;
        else if (t + h > y + view_h)
            y = t + h - view_h;
        ImGui::SetNextWindowScroll(ImVec2(0, y));
        im.scroll_to_cursor = false;
    }
    ImGui::BeginChild("import-items", ImVec2(width, height), ImGuiChildFlags_Border);
    store->SetFloat(scroll_key, ImGui::GetScrollY());
    const float scroll = ImGui::GetScrollY();
    // The first row in view: the last section starting at or above the scroll, then its item.
    const auto& secs = im.item_sections;
    size_t lo = 0, hi = secs.size();
    while (hi - lo > 1) {
        const size_t mid = (lo + hi) / 2;
        if (static_cast<float>(mid) * header_h + static_cast<float>(secs[mid].first) * item_h <= scroll)
            lo = mid;
        else
            hi = mid;
    }
    size_t row = ImportRowOfSection(im, lo);
    const float sec_top = static_cast<float>(lo) * header_h + static_cast<float>(secs[lo].first) * item_h;
    if (scroll > sec_top + header_h)
        row += 1 + std::min<size_t>(secs[lo].count - 1,
                                    static_cast<size_t>((scroll - sec_top - header_h) / item_h));
    const bool dark = IsDark(s);
    const ImVec2 origin = ImGui::GetCursorStartPos();
    ImDrawList* draw = ImGui::GetWindowDrawList();
    for (; row < rows; ++row) {
        const float t = top_of(row);
        if (t > scroll + view_h) break;
        const ImportRow r = ImportRowAt(im, row);
        ImGui::SetCursorPos(ImVec2(origin.x, origin.y + t));
        if (row == cursor) { // the keyboard's row
            const ImVec2 a = ImGui::GetCursorScreenPos();
            draw->AddRectFilled(
                ImVec2(a.x - 2, a.y - 1),
                ImVec2(a.x + ImGui::GetContentRegionAvail().x, a.y + (r.header ? header_h : item_h) - 2),
                ImGui::GetColorU32(ImGuiCol_HeaderHovered));
        }
        ImGui::PushID(static_cast<int>(row));
        // Korean, Chinese...: the browser draws the glyphs the atlas lacks, then a frame more.
        const bool glyphs = WantGlyphsFor(r.header ? secs[r.section].title : items[r.item].title) ||
                            (!r.header && WantGlyphsFor(im.item_info[r.item].matched_title));
        if (glyphs) platform::RequestFrame();
        if (r.header) {
            const ImportItemSection& sec = secs[r.section];
            bool on = sec.excluded < sec.count;
            char label[64];
            std::snprintf(label, sizeof label, "%zu of %zu", sec.count - sec.excluded, sec.count);
            if (ImGui::Checkbox("##section", &on)) {
                s.intents.push_back(intent::SetImportCursor{row});
                s.intents.push_back(ImportRowToggle(im, row));
            }
            ProbeLastItem(s, "import-box-" + std::to_string(row));
            ImGui::SameLine();
            ImGui::TextUnformatted(sec.title.empty() ? "(no section)" : sec.title.c_str());
            ImGui::SameLine();
            ImGui::TextDisabled("%s", label);
        } else {
            const MarkdownItem& it = items[r.item];
            const ImportItemInfo& info = im.item_info[r.item];
            bool on = !im.Excluded(r.item);
            ImGui::Indent(ImGui::GetFontSize());
            if (ImGui::Checkbox("##item", &on)) {
                s.intents.push_back(intent::SetImportCursor{row});
                s.intents.push_back(ImportRowToggle(im, row));
            }
            ProbeLastItem(s, "import-box-" + std::to_string(row));
            ImGui::SameLine();
            if (!on) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextUnformatted(it.title.empty() ? "(untitled)" : it.title.c_str());
            if (!on) ImGui::PopStyleColor();
            if (ImGui::IsItemHovered() && !it.text.empty())
                ImGui::SetTooltip("line %d: %s", it.line, it.text.c_str());
            ImGui::Indent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
            const std::string meta = ItemMetadataLine(it);
            if (info.new_paper >= 0) {
                ImGui::TextColored(WarningColor(dark), "new");
            } else if (!it.paper.empty()) {
                const std::string what = "= " + (info.matched_title.empty() ? it.paper : info.matched_title);
                ImGui::TextDisabled("%s", what.c_str());
            } else {
                ImGui::TextColored(WarningColor(dark), "no match");
            }
            if (!meta.empty()) {
                if (WantGlyphsFor(meta)) platform::RequestFrame();
                ImGui::SameLine();
                ImGui::TextDisabled("\xC2\xB7 %s", meta.c_str());
            }
            ImGui::Unindent(ImGui::GetFrameHeight() + ImGui::GetStyle().ItemInnerSpacing.x);
            ImGui::Unindent(ImGui::GetFontSize());
        }
        ImGui::PopID();
        s.probe.Add("import-row-" + std::to_string(row), ImGui::GetWindowPos().x,
                    ImGui::GetWindowPos().y + t - scroll, ImGui::GetWindowPos().x + ImGui::GetWindowWidth(),
                    ImGui::GetWindowPos().y + t - scroll + (r.header ? header_h : item_h));
    }
    ImGui::SetCursorPos(ImVec2(origin.x, origin.y + total));
    ImGui::Dummy(ImVec2(1, 0)); // the scroll range
    ImGui::EndChild();
    ProbeLastItem(s, "import-items");
}
} // namespace

void DrawImportDialog(AppState& s) {
    PendingImport& im = s.import;
    if (!im.open) return;
    RefreshImportPlan(s); // the data changed while the dialog was open: preview it again
    if (!ImGui::IsPopupOpen("Import")) ImGui::OpenPopup("Import");
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSizeConstraints(
        ImVec2(std::min(ImGui::GetFontSize() * 28, vp->WorkSize.x * 0.95f), 0),
        ImVec2(vp->WorkSize.x * 0.9f, vp->WorkSize.y * 0.8f));
    if (!ImGui::BeginPopupModal("Import", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("File: %s", im.file_name.c_str());
    ImGui::Separator();
    const bool dark = IsDark(s);
    bool no_default = false;
    const ImportMode default_mode = DefaultMode(im, &no_default);
    const bool cancel_is_default = !im.error.empty() || no_default;
    const bool enter = EnterPressed();
    // Probes "import-0" .. "import-3", in the order of ImportMode.
    const auto apply = [&](const char* label, ImportMode mode) {
        const bool is_default = !cancel_is_default && mode == default_mode;
        const bool offered = im.Offers(mode); // not while every item is left out
        ImGui::BeginDisabled(!offered);
        if ((is_default ? DefaultButton(label, dark) || enter : ImGui::Button(label)) && offered)
            s.intents.push_back(intent::ApplyImport{mode});
        ImGui::EndDisabled();
        s.probe.Add(std::string("import-") + std::to_string(static_cast<int>(mode)),
                    ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y, ImGui::GetItemRectMax().x,
                    ImGui::GetItemRectMax().y);
    };
    if (!im.error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ErrorColor(dark));
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
        ImGui::TextWrapped("This file cannot be imported; nothing was changed.\n%s", im.error.c_str());
        ImGui::PopTextWrapPos();
        ImGui::PopStyleColor();
    } else if (im.file) {
        ImGui::Text("A Shelfmark progress file (version %d, exported %s by %s).", im.file->version,
                    im.file->exported_at.c_str(), im.file->app_version.c_str());
        ImGui::TextDisabled("Merge (recommended): per field the newer change wins; nothing is deleted.");
        PreviewLines(im.merge);
        apply("Merge", ImportMode::Merge);
        ImGui::Separator();
        ImGui::TextDisabled(
            "Replace: make this browser's data equal to the file (a backup is downloaded first).");
        PreviewLines(im.replace);
        apply("Replace", ImportMode::Replace);
    } else {
        const float wrap = std::min(ImGui::GetFontSize() * 36, vp->WorkSize.x * 0.9f - 40);
        ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
        if (im.checklist)
            ImGui::TextWrapped("%s", ChecklistPreviewLine(im.checklist_preview).c_str());
        else if (!im.bibtex)
            ImGui::TextDisabled("No checklist boxes to use as progress (%s).", im.checklist_error.c_str());
        if (im.reading_list) {
            ImGui::TextWrapped("%s", NewListPreviewLine(im).c_str());
            if (im.bibtex) ImGui::TextWrapped("%s", BibtexProgressLine(im.bibtex_progress).c_str());
        } else
            ImGui::TextDisabled("Not usable as a list: %s", im.reading_list_error.c_str());
        ImGui::PopTextWrapPos();
        if (ImportRowCount(im) > 0) {
            ImGui::Text("%s", ItemSelectionLine(im.item_counts).c_str());
            ProbeLastItem(s, "import-counts");
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + wrap);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
            ImGui::TextWrapped("Up/Down, Space: include or leave out (a section's row: all of it)");
            ImGui::PopStyleColor();
            ImGui::PopTextWrapPos();
            DrawItemList(s, wrap);
        }
        if (im.checklist) {
            apply("Mark ticked papers as read", ImportMode::ChecklistProgress);
            if (im.reading_list) ImGui::SameLine();
        }
        if (im.reading_list) {
            if (im.checklist &&
                ImGui::GetCursorPosX() + ImGui::CalcTextSize("Add as a new list").x + 20 > wrap)
                ImGui::NewLine();
            apply("Add as a new list", ImportMode::NewList);
        }
        if (!im.WhyNot(ImportMode::NewList).empty() && im.reading_list)
            ImGui::TextColored(WarningColor(dark), "Nothing to add: %s.",
                               im.WhyNot(ImportMode::NewList).c_str());
    }
    ImGui::Separator();
    const char* close = im.error.empty() ? "Cancel" : "Close";
    const bool clicked = cancel_is_default ? DefaultButton(close, dark) || enter : ImGui::Button(close);
    if (clicked || ImGui::IsKeyPressed(ImGuiKey_Escape, false)) {
        s.intents.push_back(intent::CancelImport{});
        ImGui::CloseCurrentPopup();
    }
    s.probe.Add("import-cancel", ImGui::GetItemRectMin().x, ImGui::GetItemRectMin().y,
                ImGui::GetItemRectMax().x, ImGui::GetItemRectMax().y);
    if (!im.open) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
}

} // namespace shelfmark
