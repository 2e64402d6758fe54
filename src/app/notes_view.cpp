// notes_view.cpp: the note editor of the detail panel.
#include "app/notes_view.h"

#include <imgui.h>
#include <imgui_internal.h>

#include "app/fonts.h"
#include "app/widgets.h"

namespace shelfmark {

void DrawNoteEditor(AppState& s, const std::string& paper) {
    UiState& ui = s.ui;
    const PaperProgress* rec = s.progress.Find(paper);
    const std::string& stored = rec ? rec->note : std::string();
    const bool switching = ui.note_paper != paper;
    const ImGuiID editor_id = ImGui::GetID("##note");
    const bool editing = ImGui::GetActiveID() == editor_id;
    // Take the stored note when the paper changes, or when another tab (or an undo)
    // changed it while this editor is not being typed in.
    if (switching || (!editing && stored != ui.note_buffer)) {
        ui.note_paper = paper;
        ui.note_buffer = stored;
        ui.note_message.clear();
    }
    ImGui::TextUnformatted("Note");
    ImGui::SameLine();
    ImGui::TextDisabled("Markdown; saved as you type (n to edit, Esc to leave)");
    if (!ui.note_message.empty()) ImGui::TextColored(ImVec4(1.0f, 0.55f, 0.35f, 1.0f), "%s", ui.note_message.c_str());

    const float avail = ImGui::GetContentRegionAvail().y;
    const float editor_h = std::max(ImGui::GetFontSize() * 6.0f, avail * 0.45f);
    if (ui.focus_note) {
        ImGui::SetKeyboardFocusHere();
        ui.focus_note = false;
        ui.note_caret_to_end = true; // 'n' continues the note, it does not prepend
    }
    bool at_limit = false;
    ImGui::PushFont(GetFont(FontKind::Mono));
    const bool changed = InputStringMultiline("##note", &ui.note_buffer, ImVec2(-1, editor_h), kMaxNoteBytes, &at_limit,
                                              &ui.note_caret_to_end);
    ImGui::PopFont();
    ProbeLastItem(s, "note-editor");
    if (at_limit)
        ui.note_message = "This note reached the 256 KB limit; split it or link to a longer document.";
    if (changed) {
        Intent in{Intent::Kind::SetNote, paper};
        in.text = ui.note_buffer;
        s.intents.push_back(std::move(in));
    }
    ImGui::Separator();
    ImGui::BeginChild("note-preview", ImVec2(0, 0), false);
    DrawMarkdown(s, ui.note_buffer, paper);
    ImGui::EndChild();
}

} // namespace shelfmark
