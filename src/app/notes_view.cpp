// notes_view.cpp: the note editor of the detail panel.
#include "app/notes_view.h"

#include <algorithm>

#include <imgui.h>
#include <imgui_internal.h>

#include <ctime>

#include "app/fonts.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
// Versions of this note that another window saved and that could not be merged with
// this one: shown until the reader picks, combines or dismisses each.
// Which copies hold no word the note lacks (their whole text is in the note: an earlier
// state of the winning text). Worked out when the note or its copies change, not every
// frame: a substring search over two long notes is not free.
const std::vector<bool>& CopiesInNote(const std::string& paper, const PaperProgress& rec) {
    static std::string key;
    static std::vector<bool> inside;
    std::string now = paper + '\n' + std::to_string(rec.note_at) + '\n' + std::to_string(rec.note.size());
    for (const NoteCopy& c : rec.note_copies)
        now += '\n' + std::to_string(c.at) + ':' + std::to_string(c.text.size());
    if (now != key) {
        key = std::move(now);
        inside.assign(rec.note_copies.size(), false);
        for (size_t i = 0; i < rec.note_copies.size(); ++i)
            inside[i] =
                !rec.note_copies[i].dismissed && rec.note.find(rec.note_copies[i].text) != std::string::npos;
    }
    return inside;
}

void DrawNoteCopies(AppState& s, const std::string& paper, const PaperProgress* rec) {
    if (!rec || rec->note_copies.empty()) return;
    const std::vector<bool>& inside = CopiesInNote(paper, *rec);
    for (size_t i = 0; i < rec->note_copies.size(); ++i) {
        const NoteCopy& c = rec->note_copies[i];
        if (c.dismissed || inside[i]) continue;
        ImGui::PushID(static_cast<int>(i));
        const time_t t = static_cast<time_t>(c.at / 1000);
        char when[40] = "an unknown time";
        if (c.at > 0) std::strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", std::gmtime(&t));
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextColored(
            WarningColor(IsDark(s)),
            "Another window saved a different version of this note (%s) while this one was being "
            "edited. Both are kept: pick one or combine them.",
            when);
        ImGui::PopTextWrapPos();
        ProbeLastItem(s, "note-copy:" + std::to_string(i));
        auto act = [&](const char* label, intent::CopyAction what, const char* probe) {
            if (ImGui::SmallButton(label))
                s.intents.push_back(intent::UseNoteCopy{paper, static_cast<int>(i), what});
            ProbeLastItem(s, std::string(probe) + std::to_string(i));
        };
        act("Use the other version", intent::CopyAction::Replace, "note-copy-use:");
        ImGui::SameLine();
        act("Add it below mine", intent::CopyAction::AppendBelow, "note-copy-append:");
        ImGui::SameLine();
        act("Keep mine only", intent::CopyAction::Dismiss, "note-copy-dismiss:");
        const float h =
            std::min(ImGui::GetTextLineHeightWithSpacing() * 6.0f,
                     ImGui::GetTextLineHeightWithSpacing() *
                         (1.0f + static_cast<float>(std::count(c.text.begin(), c.text.end(), '\n'))));
        ImGui::BeginChild("copy", ImVec2(0, h + ImGui::GetStyle().WindowPadding.y * 2),
                          ImGuiChildFlags_Border);
        ImGui::PushTextWrapPos(0.0f);
        // Long copies: the first 4 KB here; the whole text is applied by the buttons.
        const size_t shown = std::min<size_t>(c.text.size(), 4096);
        ImGui::TextUnformatted(c.text.data(), c.text.data() + shown);
        ImGui::PopTextWrapPos();
        ImGui::EndChild();
        ImGui::PopID();
    }
}
} // namespace

void DrawNoteEditor(AppState& s, const std::string& paper) {
    UiState& ui = s.ui;
    const PaperProgress* rec = s.progress.Find(paper);
    const std::string& stored = rec ? rec->note : std::string();
    const bool switching = ui.note_paper != paper;
    const ImGuiID editor_id = ImGui::GetID("##note");
    const bool editing = ImGui::GetActiveID() == editor_id;
    // Another window's edit was merged into the note being typed in: the editor takes the
    // merged text without being left (ImGui keeps its own copy while active), or its next
    // keystroke would write over the other window's words.
    std::string replacement;
    if (ui.note_reload && ui.note_paper == paper && editing && stored != ui.note_buffer && !stored.empty())
        replacement = stored;
    ui.note_reload = false;
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
    if (!ui.note_message.empty()) ImGui::TextColored(WarningColor(IsDark(s)), "%s", ui.note_message.c_str());
    DrawNoteCopies(s, paper, rec);

    const float avail = ImGui::GetContentRegionAvail().y;
    const float editor_h = std::max(ImGui::GetFontSize() * 6.0f, avail * 0.45f);
    if (ui.focus_note) {
        FocusNextItem();
        ui.focus_note = false;
        ui.note_caret_to_end = true; // 'n' continues the note, it does not prepend
    }
    bool at_limit = false, replace_conflict = false;
    ImGui::PushFont(GetFont(FontKind::Mono));
    const bool changed =
        InputStringMultiline("##note", &ui.note_buffer, ImVec2(-1, editor_h), kMaxNoteBytes, &at_limit,
                             &ui.note_caret_to_end, &replacement, &replace_conflict);
    ImGui::PopFont();
    ui.note_editor_id = ImGui::GetItemID();
    ProbeLastItem(s, "note-editor");
    if (at_limit)
        ui.note_message = "This note reached the 256 KB limit; split it or link to a longer document.";
    if (changed) {
        // replace_conflict: keep the stored (merged) text as a note copy first.
        s.intents.push_back(intent::SetNote{paper, ui.note_buffer, replace_conflict});
    }
    ImGui::Separator();
    ImGui::BeginChild("note-preview", ImVec2(0, 0), ImGuiChildFlags_None);
    DrawMarkdown(s, ui.note_buffer, paper);
    ImGui::EndChild();
}

} // namespace shelfmark
