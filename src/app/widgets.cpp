#include "app/widgets.h"

#include "core/note_merge.h"

#include <imgui_internal.h> // FocusNextItem: the nav focus scope

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>
#include <string_view>

namespace shelfmark {

namespace {
// U+2400 SYMBOL FOR NULL: how a NUL shows in a text field. ImGui edits a C string, in
// which a NUL would end the text: everything after it would be invisible, and lost on
// the first edit. (Notes may not contain U+0000; records of older builds still can.)
constexpr char kNulSymbol[] = "\xE2\x90\x80";

void ShowNuls(std::string* s) {
    size_t at = s->find('\0');
    if (at == std::string::npos) return;
    std::string out;
    out.reserve(s->size() + 8);
    size_t from = 0;
    for (; at != std::string::npos; at = s->find('\0', from)) {
        out.append(*s, from, at - from);
        out += kNulSymbol;
        from = at + 1;
    }
    out.append(*s, from, std::string::npos);
    *s = std::move(out);
}

// ImGui edits in place in a fixed buffer; giving it exactly max_bytes + 1 makes ImGui
// itself refuse typing or pasting past the limit (a too-large paste is refused whole).
struct EditRequests {
    bool* caret_to_end = nullptr;
    std::string* replace_with = nullptr;
    std::string base;      // the field's text before this frame's typing
    bool conflict = false; // this frame's typing and the replacement touch the same place
};

// Where the caret goes when the text around it is replaced: it keeps its distance to
// the end when the change is before it, its offset when the change is after it, and
// goes to the end of the changed part otherwise.
int MovedCaret(std::string_view before, std::string_view after, int caret) {
    const size_t limit = std::min(before.size(), after.size());
    size_t p = 0;
    while (p < limit && before[p] == after[p])
        ++p;
    size_t s = 0;
    while (s < limit - p && before[before.size() - 1 - s] == after[after.size() - 1 - s])
        ++s;
    const size_t c = static_cast<size_t>(std::max(caret, 0));
    if (c <= p) return static_cast<int>(c);
    if (c >= before.size() - s) return static_cast<int>(after.size() - (before.size() - c));
    return static_cast<int>(after.size() - s);
}

int EditCallback(ImGuiInputTextCallbackData* data) {
    EditRequests* r = static_cast<EditRequests*>(data->UserData);
    if (r->replace_with && !r->replace_with->empty()) {
        // ImGui has already applied this frame's keys: merge them with the replacement
        // (both changed the text this frame started from) instead of dropping them.
        const std::string_view now(data->Buf, static_cast<size_t>(data->BufTextLen));
        std::optional<std::string> next = *r->replace_with;
        if (now != r->base) next = MergeNoteEdits(r->base, now, *r->replace_with);
        if (!next) {
            r->conflict = true;
        } else if (static_cast<int>(next->size()) < data->BufSize) {
            const int caret = MovedCaret(now, *next, data->CursorPos);
            data->DeleteChars(0, data->BufTextLen);
            data->InsertChars(0, next->data(), next->data() + next->size());
            data->CursorPos = data->SelectionStart = data->SelectionEnd =
                std::clamp(caret, 0, data->BufTextLen);
        }
        r->replace_with->clear();
    }
    if (r->caret_to_end && *r->caret_to_end) {
        data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
        *r->caret_to_end = false;
    }
    return 0;
}

bool Edit(const char* label, const char* hint, std::string* s, size_t max_bytes, ImGuiInputTextFlags flags,
          bool* hit_limit, bool multiline, const ImVec2& size, bool* caret_to_end = nullptr,
          std::string* replace_with = nullptr, bool* replace_conflict = nullptr) {
    ShowNuls(s); // from here on the text has no NUL: ImGui's length is the string's
    const size_t before = s->size();
    // Never cut a text that is already longer than the limit (it can shrink, not grow).
    const size_t capacity = std::max(max_bytes, before) + 1;
    s->resize(capacity, '\0');
    ImGuiInputTextCallback cb = nullptr;
    EditRequests requests{caret_to_end, replace_with, {}, false};
    if (replace_with && !replace_with->empty()) requests.base.assign(s->data(), before);
    if ((caret_to_end && *caret_to_end) || (replace_with && !replace_with->empty())) {
        flags |= ImGuiInputTextFlags_CallbackAlways; // runs only while the field is active
        cb = EditCallback;
    }
    const bool changed =
        multiline
            ? ImGui::InputTextMultiline(label, s->data(), capacity, size, flags, cb, &requests)
            : ImGui::InputTextWithHint(label, hint ? hint : "", s->data(), capacity, flags, cb, &requests);
    // ImGui writes the buffer only when it reports a change; it never types or pastes a
    // NUL, so then the C string's length is the text's.
    s->resize(changed ? std::strlen(s->c_str()) : before);
    if (hit_limit) *hit_limit = s->size() >= max_bytes;
    if (replace_conflict) *replace_conflict = requests.conflict;
    return changed;
}
} // namespace

bool InputString(const char* label, const char* hint, std::string* s, size_t max_bytes,
                 ImGuiInputTextFlags flags, bool* hit_limit) {
    return Edit(label, hint, s, max_bytes, flags, hit_limit, false, ImVec2(0, 0));
}

bool InputStringMultiline(const char* label, std::string* s, const ImVec2& size, size_t max_bytes,
                          bool* hit_limit, bool* caret_to_end, std::string* replace_with,
                          bool* replace_conflict) {
    return Edit(label, nullptr, s, max_bytes, 0, hit_limit, true, size, caret_to_end, replace_with,
                replace_conflict);
}

void FocusNextItem() {
    ImGui::SetKeyboardFocusHere();
    // Dear ImGui 1.90.1 lands the request only on items of the nav focus scope and layer,
    // which stay those of the window that had the keyboard (after a click in the papers
    // table, '/' would never reach the search box in the menu bar, nor 'n' the note
    // editor in the detail panel): take the next item's.
    ImGuiContext& g = *ImGui::GetCurrentContext();
    g.NavFocusScopeId = ImGui::GetCurrentFocusScope();
    g.NavLayer = g.CurrentWindow->DC.NavLayerCurrent;
}

void ProbeLastItem(AppState& s, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.probe.Add(name, a.x, a.y, b.x, b.y);
}

ImVec4 StatusColor(Status st, bool dark) {
    switch (st) {
    case Status::Unread: return dark ? ImVec4(0.80f, 0.80f, 0.82f, 1.0f) : ImVec4(0.28f, 0.28f, 0.31f, 1.0f);
    case Status::Queued: return dark ? ImVec4(0.56f, 0.73f, 1.00f, 1.0f) : ImVec4(0.10f, 0.28f, 0.66f, 1.0f);
    case Status::Reading: return dark ? ImVec4(0.98f, 0.77f, 0.36f, 1.0f) : ImVec4(0.50f, 0.30f, 0.00f, 1.0f);
    case Status::Read: return dark ? ImVec4(0.46f, 0.86f, 0.56f, 1.0f) : ImVec4(0.04f, 0.38f, 0.16f, 1.0f);
    case Status::Skipped: return dark ? ImVec4(0.80f, 0.68f, 0.92f, 1.0f) : ImVec4(0.40f, 0.22f, 0.53f, 1.0f);
    }
    return dark ? ImVec4(1, 1, 1, 1) : ImVec4(0, 0, 0, 1);
}

ImVec4 TaskBoxOutline(bool dark) {
    return dark ? ImVec4(0.62f, 0.64f, 0.70f, 1.0f) : ImVec4(0.42f, 0.43f, 0.47f, 1.0f);
}

ImVec4 ProgressTrackEmpty(bool dark) {
    return dark ? ImVec4(1.0f, 1.0f, 1.0f, 0.16f) : ImVec4(0.0f, 0.0f, 0.0f, 0.13f);
}

void ProgressTrack(AppState& s, Counts c, const char* what, const std::string& probe) {
    if (c.total <= 0) return;
    const bool dark = IsDark(s);
    ImGui::TextDisabled("%d of %d %s", c.read, c.total, what);
    const float em = ImGui::GetFontSize();
    const float h = std::max(3.0f, em * 0.3f);
    const float w = ImGui::GetContentRegionAvail().x;
    const ImVec2 a = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(w, h + em * 0.15f));
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 b(a.x + w, a.y + h);
    dl->AddRectFilled(a, b, ImGui::ColorConvertFloat4ToU32(ProgressTrackEmpty(dark)), h * 0.5f);
    const float f = std::clamp(static_cast<float>(c.read) / static_cast<float>(c.total), 0.0f, 1.0f);
    if (f > 0.0f) {
        const ImVec4 fill =
            c.read >= c.total ? StatusColor(Status::Read, dark) : DefaultButtonFill(dark, false);
        dl->AddRectFilled(a, ImVec2(a.x + std::max(h, w * f), b.y), ImGui::ColorConvertFloat4ToU32(fill),
                          h * 0.5f);
    }
    if (!probe.empty()) s.probe.Add(probe, a.x, a.y, b.x, b.y);
}

ImVec4 StatusFillText(bool dark) { return dark ? ImVec4(0.05f, 0.05f, 0.06f, 1.0f) : ImVec4(1, 1, 1, 1); }

ImVec4 StatusChipBg(Status st, bool dark, int state) {
    const ImVec4 base = dark ? ImVec4(0.15f, 0.16f, 0.18f, 1.0f) : ImVec4(0.95f, 0.95f, 0.96f, 1.0f);
    const ImVec4 c = StatusColor(st, dark);
    const float k = (dark ? 0.10f : 0.10f) + 0.06f * static_cast<float>(state);
    return ImVec4(base.x + (c.x - base.x) * k, base.y + (c.y - base.y) * k, base.z + (c.z - base.z) * k,
                  1.0f);
}

void DrawStatusMark(ImDrawList* draw, ImVec2 centre, float r, Status st, ImU32 colour, ImU32 bg) {
    const float t = std::max(1.0f, r * 0.28f); // line thickness
    constexpr float kPi = 3.14159265f;
    switch (st) {
    case Status::Unread: draw->AddCircle(centre, r - t * 0.5f, colour, 0, t); break;
    case Status::Queued:
        draw->AddCircle(centre, r - t * 0.5f, colour, 0, t);
        draw->AddCircleFilled(centre, r * 0.38f, colour);
        break;
    case Status::Reading:
        draw->AddCircle(centre, r - t * 0.5f, colour, 0, t);
        draw->PathArcTo(centre, r - t * 0.5f, -kPi * 0.5f, kPi * 0.5f);
        draw->PathFillConvex(colour);
        break;
    case Status::Read: {
        draw->AddCircleFilled(centre, r, colour);
        const ImVec2 pts[3] = {ImVec2(centre.x - r * 0.48f, centre.y + r * 0.02f),
                               ImVec2(centre.x - r * 0.12f, centre.y + r * 0.38f),
                               ImVec2(centre.x + r * 0.50f, centre.y - r * 0.36f)};
        draw->AddPolyline(pts, 3, bg, ImDrawFlags_None, t);
        break;
    }
    case Status::Skipped: {
        draw->AddCircle(centre, r - t * 0.5f, colour, 0, t);
        const float d = (r - t * 0.5f) * 0.7071f;
        draw->AddLine(ImVec2(centre.x - d, centre.y + d), ImVec2(centre.x + d, centre.y - d), colour, t);
        break;
    }
    }
}

ImVec4 WarningColor(bool dark) {
    return dark ? ImVec4(1.00f, 0.66f, 0.30f, 1.0f) : ImVec4(0.62f, 0.28f, 0.00f, 1.0f);
}

ImVec4 ErrorColor(bool dark) {
    return dark ? ImVec4(1.00f, 0.52f, 0.46f, 1.0f) : ImVec4(0.72f, 0.09f, 0.05f, 1.0f);
}

ImVec4 DefaultButtonFill(bool dark, bool hovered) {
    // The accent: Queued's blue, under the chosen chip's text colour.
    if (!hovered) return StatusColor(Status::Queued, dark);
    return dark ? ImVec4(0.68f, 0.81f, 1.00f, 1.0f) : ImVec4(0.07f, 0.21f, 0.52f, 1.0f);
}

bool DefaultButton(const char* label, bool dark) {
    const ImVec4 fill = DefaultButtonFill(dark, false);
    const ImVec4 hover = DefaultButtonFill(dark, true);
    ImGui::PushStyleColor(ImGuiCol_Button, fill);
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, hover);
    ImGui::PushStyleColor(ImGuiCol_ButtonActive, hover);
    ImGui::PushStyleColor(ImGuiCol_Text, StatusFillText(dark));
    const bool clicked = ImGui::Button(label);
    ImGui::PopStyleColor(4);
    // A frame around it in the text colour: the mark of the default, also where colour is
    // not seen.
    const float pad = std::max(1.0f, ImGui::GetStyle().FrameBorderSize + ImGui::GetFontSize() * 0.12f);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - pad, a.y - pad), ImVec2(b.x + pad, b.y + pad),
                                        ImGui::GetColorU32(ImGuiCol_Text),
                                        ImGui::GetStyle().FrameRounding + pad, 0, pad);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Enter");
    return clicked;
}

bool EnterPressed() {
    return ImGui::IsKeyPressed(ImGuiKey_Enter, false) || ImGui::IsKeyPressed(ImGuiKey_KeypadEnter, false);
}

FieldExit LastFieldExit() {
    if (!ImGui::IsItemDeactivated()) return FieldExit::None;
    if (EnterPressed()) return FieldExit::Enter;
    if (ImGui::IsKeyPressed(ImGuiKey_Escape, false)) return FieldExit::Escape;
    return FieldExit::None;
}

namespace {
double Luminance(const ImVec4& c) {
    const auto lin = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * lin(c.x) + 0.7152 * lin(c.y) + 0.0722 * lin(c.z);
}
ImVec4 Over(const ImVec4& top, const ImVec4& under) {
    const float a = top.w;
    return ImVec4(top.x * a + under.x * (1 - a), top.y * a + under.y * (1 - a), top.z * a + under.z * (1 - a),
                  1.0f);
}
} // namespace

double ContrastRatio(const ImVec4& fg, const ImVec4& bg, const ImVec4& base) {
    const ImVec4 b = Over(bg, base);
    const double lf = Luminance(Over(fg, b)), lb = Luminance(b);
    return (std::max(lf, lb) + 0.05) / (std::min(lf, lb) + 0.05);
}

bool TouchSmallButton(const AppState& s, const char* label, float max_w) {
    if (!s.ui.one_pane) return ImGui::SmallButton(label);
    float w = ButtonWidth(label);
    if (max_w > 0.0f) w = std::min(w, max_w);
    return ImGui::Button(label, ImVec2(w, TouchTargetPx(s.probe, ImGui::GetFontSize())));
}

bool SameLineIfFits(const AppState& s, float next_w) {
    if (s.ui.one_pane) {
        const float right = ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + next_w;
        if (right > ImGui::GetContentRegionMaxAbs().x) return false;
    }
    ImGui::SameLine();
    return true;
}

float ButtonWidth(const char* label) {
    return ImGui::CalcTextSize(label, nullptr, true).x + ImGui::GetStyle().FramePadding.x * 2.0f;
}

} // namespace shelfmark
