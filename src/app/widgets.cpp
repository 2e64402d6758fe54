#include "app/widgets.h"

#include <cstring>

namespace shelfmark {

namespace {
// ImGui edits in place in a fixed buffer; giving it exactly max_bytes + 1 makes ImGui
// itself refuse typing or pasting past the limit (a too-large paste is refused whole).
int CaretToEnd(ImGuiInputTextCallbackData* data) {
    bool* pending = static_cast<bool*>(data->UserData);
    if (*pending) {
        data->CursorPos = data->SelectionStart = data->SelectionEnd = data->BufTextLen;
        *pending = false;
    }
    return 0;
}

bool Edit(const char* label, const char* hint, std::string* s, size_t max_bytes, ImGuiInputTextFlags flags,
          bool* hit_limit, bool multiline, const ImVec2& size, bool* caret_to_end = nullptr) {
    if (s->size() > max_bytes) s->resize(max_bytes);
    s->resize(max_bytes + 1, '\0');
    ImGuiInputTextCallback cb = nullptr;
    if (caret_to_end && *caret_to_end) {
        flags |= ImGuiInputTextFlags_CallbackAlways;
        cb = CaretToEnd;
    }
    const bool changed =
        multiline ? ImGui::InputTextMultiline(label, s->data(), max_bytes + 1, size, flags, cb, caret_to_end)
                  : ImGui::InputTextWithHint(label, hint ? hint : "", s->data(), max_bytes + 1, flags, cb, caret_to_end);
    s->resize(std::strlen(s->c_str()));
    if (hit_limit) *hit_limit = s->size() >= max_bytes;
    return changed;
}
} // namespace

bool InputString(const char* label, const char* hint, std::string* s, size_t max_bytes, ImGuiInputTextFlags flags,
                 bool* hit_limit) {
    return Edit(label, hint, s, max_bytes, flags, hit_limit, false, ImVec2(0, 0));
}

bool InputStringMultiline(const char* label, std::string* s, const ImVec2& size, size_t max_bytes, bool* hit_limit,
                          bool* caret_to_end) {
    return Edit(label, nullptr, s, max_bytes, 0, hit_limit, true, size, caret_to_end);
}

void ProbeLastItem(AppState& s, const std::string& name) {
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    s.probe.Add(name, a.x, a.y, b.x, b.y);
}

ImVec4 StatusColor(Status st, bool dark) {
    const float k = dark ? 1.0f : 0.75f;
    switch (st) {
    case Status::Unread: return dark ? ImVec4(0.60f, 0.60f, 0.63f, 1.0f) : ImVec4(0.40f, 0.40f, 0.43f, 1.0f);
    case Status::Queued: return ImVec4(0.40f * k, 0.60f * k, 0.95f * k, 1.0f);
    case Status::Reading: return ImVec4(0.95f * k, 0.70f * k, 0.25f * k, 1.0f);
    case Status::Read: return ImVec4(0.35f * k, 0.80f * k, 0.45f * k, 1.0f);
    case Status::Skipped: return ImVec4(0.65f * k, 0.50f * k, 0.75f * k, 1.0f);
    }
    return ImVec4(1, 1, 1, 1);
}

} // namespace shelfmark
