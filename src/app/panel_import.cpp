// panel_import.cpp: the import preview: what a chosen file would change, before anything
// is applied. JSON progress files: Merge (default) or Replace (after a backup download).
// Markdown: its [x] boxes as progress, or the whole file as a new list of the user's.
// Keys: Enter applies the default action (its button is marked), Esc cancels.
#include <imgui.h>

#include "app/app_state.h"
#include "app/widgets.h"

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
    ImGui::SetNextWindowSizeConstraints(ImVec2(ImGui::GetFontSize() * 28, 0),
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
        if (is_default ? DefaultButton(label, dark) || enter : ImGui::Button(label))
            s.intents.push_back(intent::ApplyImport{mode});
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
        if (im.checklist) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
            ImGui::TextWrapped("%s", ChecklistPreviewLine(im.checklist_preview).c_str());
            ImGui::PopTextWrapPos();
            if (ImGui::TreeNode("Items")) {
                for (const MarkdownItem& it : im.checklist->items) {
                    ImGui::TextDisabled("line %d", it.line);
                    ImGui::SameLine();
                    if (it.paper.empty())
                        ImGui::TextColored(WarningColor(dark), "[%s] unmatched: %.80s",
                                           it.checked ? "x" : " ", it.title.c_str());
                    else
                        ImGui::Text("[%s] %s (by %s)", it.checked ? "x" : " ", it.paper.c_str(),
                                    MatchByName(it.by));
                }
                ImGui::TreePop();
            }
            apply("Mark ticked papers as read", ImportMode::ChecklistProgress);
        } else if (!im.bibtex) {
            ImGui::TextDisabled("No checklist boxes to use as progress (%s).", im.checklist_error.c_str());
        }
        ImGui::Separator();
        if (im.reading_list) {
            ImGui::PushTextWrapPos(ImGui::GetFontSize() * 36);
            ImGui::TextWrapped("%s", NewListPreviewLine(*im.reading_list).c_str());
            if (im.bibtex) ImGui::TextWrapped("%s", BibtexProgressLine(im.bibtex_progress).c_str());
            ImGui::PopTextWrapPos();
            apply("Add as a new list", ImportMode::NewList);
        } else {
            ImGui::TextDisabled("Not usable as a list: %s", im.reading_list_error.c_str());
        }
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
