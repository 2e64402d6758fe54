// panel_own_list.cpp: the user's own list in the papers pane: its header (name, the
// add-a-paper form, delete) and each row's move and remove buttons. panel_papers.cpp
// calls these; the intents are applied in user_lists.cpp.
#include <imgui.h>
#include <imgui_internal.h>

#include <algorithm>
#include <string>

#include "app/app_state.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
enum class OwnListIcon { Up, Down, Remove };

// A small button; as tall as a touch target in the one-pane layout.
bool HeaderButton(const AppState& s, const char* label) {
    return s.ui.one_pane ? ImGui::Button(label) : ImGui::SmallButton(label);
}
// A square button with an icon drawn as shapes (no font needed, the same at every size):
// its name as the tooltip; `enabled` false: drawn faint and does nothing. Probe "own-<id>".
bool OwnListIconButton(AppState& s, const std::string& id, OwnListIcon icon, const char* name, float size,
                       bool enabled) {
    ImGui::BeginDisabled(!enabled);
    const bool pressed = ImGui::Button(("##" + id).c_str(), ImVec2(size, size));
    ImGui::EndDisabled();
    ProbeLastItem(s, "own-" + id);
    if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled | ImGuiHoveredFlags_DelayShort))
        ImGui::SetTooltip("%s%s", name, enabled ? "" : " (it is at the end already)");
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const ImVec2 c((a.x + b.x) * 0.5f, (a.y + b.y) * 0.5f);
    const float r = (b.x - a.x) * 0.22f; // the icon's half size
    const float stroke = std::max(1.5f, (b.x - a.x) * 0.09f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = ImGui::GetColorU32(enabled ? ImGuiCol_Text : ImGuiCol_TextDisabled);
    switch (icon) {
    case OwnListIcon::Up:
    case OwnListIcon::Down: { // an arrow: a shaft and a head
        const float d = icon == OwnListIcon::Up ? -1.0f : 1.0f;
        const ImVec2 tip(c.x, c.y + d * r * 1.1f);
        dl->AddLine(ImVec2(c.x, c.y - d * r * 1.1f), ImVec2(c.x, tip.y - d * stroke * 0.5f), col, stroke);
        dl->AddTriangleFilled(tip, ImVec2(c.x - r * 0.95f, tip.y - d * r),
                              ImVec2(c.x + r * 0.95f, tip.y - d * r), col);
        break;
    }
    case OwnListIcon::Remove: // a cross
        dl->AddLine(ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r), col, stroke);
        dl->AddLine(ImVec2(c.x - r, c.y + r), ImVec2(c.x + r, c.y - r), col, stroke);
        break;
    }
    return pressed && enabled;
}

// Why a typed year cannot be used ("" when it can: empty, or four digits 1000-2999).
std::string YearProblem(const std::string& year) {
    if (year.empty()) return {};
    const bool digits = year.find_first_not_of("0123456789") == std::string::npos;
    if (!digits || year.size() != 4 || year[0] == '0' || year[0] > '2')
        return "The year must be four digits, like 2023 (or left empty).";
    return {};
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
    if (ui.focus_list_name) { // a list just made: type its name at once
        FocusNextItem();
        ui.focus_list_name = false;
    }
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
    InputString("##rename", "List name", &ui.rename_buffer, kMaxUserTitleBytes); // focused: all selected
    ProbeLastItem(s, "list-name");
    if (LastFieldExit() == FieldExit::Escape) {
        ui.rename_buffer = list.title; // Esc: the name stays as it was
    } else if (ImGui::IsItemDeactivatedAfterEdit()) {
        s.intents.push_back(intent::RenameList{list.id, ui.rename_buffer});
    }
    ImGui::SameLine();
    if (HeaderButton(s, ui.show_add_paper ? "close form" : "+ paper")) {
        ui.show_add_paper = !ui.show_add_paper;
        ui.focus_new_paper = ui.show_add_paper; // the title field takes the keyboard
    }
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
    if (ui.focus_new_paper) {
        FocusNextItem();
        ui.focus_new_paper = false;
    }
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
    // Optional: empty until typed (a year of 0 is no year).
    InputString("year##np", "optional", &ui.new_paper_year, 8, ImGuiInputTextFlags_CharsDecimal);
    ProbeLastItem(s, "new-paper-year");
    field_exit();
    if (exit == FieldExit::Escape) ui.show_add_paper = false;
    const std::string year_problem = YearProblem(ui.new_paper_year);
    const bool add = DefaultButton("Add to this list", IsDark(s)) || exit == FieldExit::Enter;
    ProbeLastItem(s, "new-paper-add");
    if (add && p.title.find_first_not_of(" \t") == std::string::npos) {
        ui.new_paper_error = "A title is needed.";
        ui.focus_new_paper = true;
    } else if (add && !year_problem.empty()) {
        ui.new_paper_error = year_problem;
    } else if (add) {
        intent::AddPaper in{list.id, p};
        in.paper.year = ui.new_paper_year.empty() ? 0 : std::stoi(ui.new_paper_year);
        if (!ui.new_paper_link.empty()) in.paper.links = {ui.new_paper_link};
        in.paper.authors = SplitCommaList(ui.new_paper_authors);
        s.intents.push_back(std::move(in));
        ui.new_paper = Paper{};
        ui.new_paper_link.clear();
        ui.new_paper_authors.clear();
        ui.new_paper_year.clear();
        ui.new_paper_error.clear();
        ui.focus_new_paper = true; // ready for the next one
    }
    if (!ui.new_paper_error.empty()) {
        ImGui::SameLine();
        ImGui::TextColored(WarningColor(IsDark(s)), "%s", ui.new_paper_error.c_str());
        ProbeLastItem(s, "new-paper-error");
    }
}

void DrawOwnListRowButtons(AppState& s, const ReadingList& list, const PaperRow& row) {
    const int entries = row.list >= 0 && row.section >= 0
                            ? static_cast<int>(list.sections[static_cast<size_t>(row.section)].entries.size())
                            : 0;
    const std::string& paper = s.catalogue.papers[static_cast<size_t>(row.paper)].id;
    // In the table: a row high (narrower when the column is); one-pane: a touch target.
    const float gap = ImGui::GetStyle().ItemInnerSpacing.x * 0.5f;
    const float size =
        s.ui.one_pane
            ? TouchTargetPx(s.probe, ImGui::GetFontSize())
            : std::max(ImGui::GetFontSize(),
                       std::min(ImGui::GetFrameHeight(), (ImGui::GetContentRegionAvail().x - gap * 2) / 3));
    if (OwnListIconButton(s, "up:" + paper, OwnListIcon::Up, "Move up in this list", size, row.entry > 0))
        s.intents.push_back(intent::MoveEntry{list.id, row.section, row.entry, true});
    ImGui::SameLine(0, gap);
    if (OwnListIconButton(s, "down:" + paper, OwnListIcon::Down, "Move down in this list", size,
                          row.entry + 1 < entries))
        s.intents.push_back(intent::MoveEntry{list.id, row.section, row.entry, false});
    ImGui::SameLine(0, gap);
    if (OwnListIconButton(s, "remove:" + paper, OwnListIcon::Remove,
                          "Remove from this list (the paper and its notes stay)", size, true))
        s.intents.push_back(intent::RemoveEntry{list.id, row.section, row.entry});
}

} // namespace shelfmark
