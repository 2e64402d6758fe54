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

void PreviewLines(const ImportPreview& p) {
    ImGui::BulletText("%zu papers in the file: %zu would change (%zu new here), %zu unchanged",
                      p.papers_in_file, p.papers_changed, p.papers_new, p.papers_unchanged);
    ImGui::BulletText("notes: %zu added, %zu changed", p.notes_added, p.notes_changed);
    if (p.mode == ImportMode::Merge)
        ImGui::BulletText("conflicts (both sides changed; the newer wins): %zu", p.conflicts);
    if (p.mode == ImportMode::Replace)
        ImGui::BulletText("papers with progress here but not in the file (cleared): %zu", p.papers_removed);
    if (p.lists_new || p.lists_changed || p.lists_removed)
        ImGui::BulletText("your lists: %zu new, %zu changed, %zu removed", p.lists_new, p.lists_changed,
                          p.lists_removed);
    if (p.user_papers_new || p.user_papers_changed || p.user_papers_removed)
        ImGui::BulletText("your papers: %zu new, %zu changed, %zu removed", p.user_papers_new,
                          p.user_papers_changed, p.user_papers_removed);
    if (!p.unknown_papers.empty())
        ImGui::BulletText("%zu papers unknown to this catalogue (kept as they are)", p.unknown_papers.size());
}
} // namespace

void DrawImportDialog(AppState& s) {
    PendingImport& im = s.import;
    if (!im.open) return;
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
            const ChecklistPreview& p = im.checklist_preview;
            ImGui::Text("As progress: %zu checklist items, %zu ticked; %zu matched a paper, %zu did not.",
                        p.items, p.checked, p.matched, p.unmatched);
            ImGui::BulletText("%zu papers become read (%zu are read already); unticked items change nothing",
                              p.will_mark_read, p.already_read);
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
        } else {
            ImGui::TextDisabled("No checklist boxes to use as progress (%s).", im.checklist_error.c_str());
        }
        ImGui::Separator();
        if (im.reading_list) {
            const ReadingListImport& r = *im.reading_list;
            ImGui::Text("As a new list \"%s\": %zu sections, %zu entries matched the catalogue, %zu become "
                        "new papers.",
                        r.list.list.title.c_str(), r.list.list.sections.size(), r.matched, r.unmatched);
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
