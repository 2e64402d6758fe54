// panel_own_list.cpp: the user's own list in the papers pane: its header (name, the
// add-a-paper form, delete) and each row's move and remove buttons. panel_papers.cpp
// calls these; the intents are applied in user_lists.cpp.
#include <imgui.h>
#include <imgui_internal.h>

#include <string>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
// A small button; as tall as a touch target in the one-pane layout.
bool HeaderButton(const AppState& s, const char* label) {
    return s.ui.one_pane ? ImGui::Button(label) : ImGui::SmallButton(label);
}
} // namespace

// Title (renamable), delete, and a form to add a paper by hand.
void DrawOwnListHeader(AppState& s, const ReadingList& list) {
    UiState& ui = s.ui;
    // The field follows the list's name unless it is being edited (a rename from the
    // accessible mirror or another window shows at once).
    if (ui.rename_list != list.id ||
        (ImGui::GetActiveID() != ImGui::GetID("##rename") && ui.rename_buffer != list.title)) {
        ui.rename_list = list.id;
        ui.rename_buffer = list.title;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    InputString("##rename", "List name", &ui.rename_buffer, kMaxUserTitleBytes);
    ProbeLastItem(s, "list-name");
    if (LastFieldExit() == FieldExit::Escape) {
        ui.rename_buffer = list.title; // Esc: the name stays as it was
    } else if (ImGui::IsItemDeactivatedAfterEdit()) {
        s.intents.push_back(intent::RenameList{list.id, ui.rename_buffer});
    }
    ImGui::SameLine();
    if (HeaderButton(s, ui.show_add_paper ? "close form" : "+ paper")) ui.show_add_paper = !ui.show_add_paper;
    ProbeLastItem(s, "add-paper-toggle");
    ImGui::SameLine();
    if (HeaderButton(s, "delete list")) ImGui::OpenPopup("delete-list");
    ProbeLastItem(s, "delete-list");
    if (ImGui::BeginPopup("delete-list")) {
        ImGui::Text("Delete \"%s\"? Papers and notes stay; only the list goes.", list.title.c_str());
        if (DefaultButton("Delete", IsDark(s)) || EnterPressed()) { // Esc: Keep (shortcuts.cpp)
            s.intents.push_back(intent::DeleteList{list.id});
            ImGui::CloseCurrentPopup();
        }
        ProbeLastItem(s, "delete-list-confirm");
        ImGui::SameLine();
        if (ImGui::Button("Keep")) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
    }
    if (!ui.show_add_paper) return;
    Paper& p = ui.new_paper;
    const float w = ImGui::GetFontSize() * 22;
    // Enter in any field adds the paper (the marked button); Esc in one closes the form
    // (what was typed stays for next time).
    FieldExit exit = FieldExit::None;
    const auto field_exit = [&] {
        if (const FieldExit e = LastFieldExit(); e != FieldExit::None) exit = e;
    };
    ImGui::SetNextItemWidth(w);
    InputString("title##np", "Title (required)", &p.title, kMaxUserTitleBytes);
    ProbeLastItem(s, "new-paper-title");
    field_exit();
    ImGui::SetNextItemWidth(w);
    InputString("link##np", "https://...", &ui.new_paper_link, 2000);
    field_exit();
    ImGui::SetNextItemWidth(w);
    InputString("authors##np", "Authors, comma separated", &ui.new_paper_authors, 4000);
    field_exit();
    ImGui::SetNextItemWidth(w * 0.6f);
    InputString("venue##np", "e.g. OSDI", &p.venue, 200);
    field_exit();
    ImGui::SameLine();
    ImGui::SetNextItemWidth(w * 0.3f);
    ImGui::InputInt("year##np", &p.year, 0, 0);
    field_exit();
    if (exit == FieldExit::Escape) ui.show_add_paper = false;
    if ((DefaultButton("Add to this list", IsDark(s)) || exit == FieldExit::Enter) && !p.title.empty()) {
        intent::AddPaper in{list.id, p};
        in.paper.year = (p.year >= 1000 && p.year <= 9999) ? p.year : 0;
        if (!ui.new_paper_link.empty()) in.paper.links = {ui.new_paper_link};
        in.paper.authors = SplitCommaList(ui.new_paper_authors);
        s.intents.push_back(std::move(in));
        ui.new_paper = Paper{};
        ui.new_paper_link.clear();
        ui.new_paper_authors.clear();
    }
    ProbeLastItem(s, "new-paper-add");
}

void DrawOwnListRowButtons(AppState& s, const ReadingList& list, const PaperRow& row) {
    if (ImGui::SmallButton("up"))
        s.intents.push_back(intent::MoveEntry{list.id, row.section, row.entry, true});
    ImGui::SameLine(0, 2);
    if (ImGui::SmallButton("dn"))
        s.intents.push_back(intent::MoveEntry{list.id, row.section, row.entry, false});
    ImGui::SameLine(0, 2);
    if (ImGui::SmallButton("x")) s.intents.push_back(intent::RemoveEntry{list.id, row.section, row.entry});
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Remove from this list (the paper and its notes stay)");
}

} // namespace shelfmark
