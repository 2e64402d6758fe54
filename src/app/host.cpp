#include "app/host.h"

#include <imgui_internal.h> // ImGuiContext::InputEventsQueue: input not yet applied

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "app/deep_link.h"
#include "app/events.h"
#include "app/overloaded.h"
#include "app/widgets.h"

namespace shelfmark {

namespace {
// "300 KB", "100 MB": a size for messages.
std::string SizeText(size_t bytes) {
    if (bytes < 1024 * 1024) return std::to_string(bytes / 1024) + " KB";
    return std::to_string(bytes / (1024 * 1024)) + " MB";
}

bool WantsText() { return ImGui::GetCurrentContext() && ImGui::GetIO().WantTextInput; }

// The tables' part of ImGui's settings text (column widths, order, shown or hidden), without
// the sort: the sort is the view's (deep links, SetSort), not a layout. Used on what ImGui
// writes and on the stored setting before ImGui reads it: a table whose header does not
// name 1..kMaxTableColumns columns is left out (ImGui sizes its settings by that count, so a
// corrupt "[Table][0x1,2000000000]" would ask for ~24 GB).
constexpr int kMaxTableColumns = 64;
bool TableHeaderOk(const std::string& line) {
    unsigned id = 0;
    int columns = 0;
    char close = 0;
    return std::sscanf(line.c_str(), "[Table][0x%08X,%d%c", &id, &columns, &close) == 3 && close == ']' &&
           columns >= 1 && columns <= kMaxTableColumns;
}
// A fingerprint of what a frame drew (FrameResult::changed): every vertex, index and draw
// command. A word at a time: the table at 50,000 papers draws well under 1 MB of vertices.
uint64_t DrawDataHash(const ImDrawData* d) {
    uint64_t h = 0x9E3779B97F4A7C15ull;
    const auto mix = [&h](uint64_t v) {
        h = (h ^ v) * 0x100000001B3ull;
        h ^= h >> 29;
    };
    const auto bytes = [&mix](const void* p, size_t n) {
        const unsigned char* c = static_cast<const unsigned char*>(p);
        size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            uint64_t w = 0;
            std::memcpy(&w, c + i, 8);
            mix(w);
        }
        uint64_t tail = 0;
        if (i < n) std::memcpy(&tail, c + i, n - i);
        mix(tail ^ n);
    };
    if (!d || !d->Valid) return 0;
    const float frame[] = {d->DisplayPos.x,  d->DisplayPos.y,       d->DisplaySize.x,
                           d->DisplaySize.y, d->FramebufferScale.x, d->FramebufferScale.y};
    bytes(frame, sizeof frame);
    for (int n = 0; n < d->CmdListsCount; ++n) {
        const ImDrawList* list = d->CmdLists[n];
        bytes(list->VtxBuffer.Data, static_cast<size_t>(list->VtxBuffer.Size) * sizeof(ImDrawVert));
        bytes(list->IdxBuffer.Data, static_cast<size_t>(list->IdxBuffer.Size) * sizeof(ImDrawIdx));
        for (const ImDrawCmd& c : list->CmdBuffer) {
            bytes(&c.ClipRect, sizeof c.ClipRect);
            mix(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(c.TextureId)));
            mix(static_cast<uint64_t>(reinterpret_cast<uintptr_t>(c.UserCallback)));
            mix((static_cast<uint64_t>(c.VtxOffset) << 32) ^ c.IdxOffset);
            mix(c.ElemCount);
        }
    }
    return h;
}

std::string TableLayoutOf(const char* ini, size_t n) {
    std::string out;
    bool in_table = false;
    size_t i = 0;
    while (i < n) {
        size_t e = i;
        while (e < n && ini[e] != '\n')
            ++e;
        std::string line(ini + i, e - i);
        i = e + 1;
        if (!line.empty() && line[0] == '[') in_table = TableHeaderOk(line);
        if (!in_table || line.empty()) continue;
        if (const size_t sort = line.find(" Sort="); sort != std::string::npos) {
            const size_t end = line.find(' ', sort + 1);
            line.erase(sort, end == std::string::npos ? std::string::npos : end - sort);
        }
        out += line + "\n";
    }
    return out;
}
} // namespace

void AppHost::InitImGui() {
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    // Settings (the table's column widths and order) are saved by the host (SaveTableLayout)
    // as soon as a change is done, not after ImGui's timer, which only runs while frames are drawn.
    io.IniSavingRate = 1e9f;
    io.LogFilename = nullptr;
    // A steady caret (issue 15): a blinking one needs a timed frame every half second while a
    // field has the keyboard, each a full redraw that can land between a key and the frame
    // that shows it; a page idle in a text field then draws nothing. Operating systems offer a
    // steady caret as an accessibility setting (GTK stops blinking after 10 s).
    io.ConfigInputTextCursorBlink = false;
    io.ClipboardUserData = this;
    io.GetClipboardTextFn = [](void* self) { return static_cast<AppHost*>(self)->clipboard_.c_str(); };
    io.SetClipboardTextFn = [](void* self, const char* text) {
        AppHost& h = *static_cast<AppHost*>(self);
        h.clipboard_ = text ? text : "";
        platform::SetClipboard(h.clipboard_);
    };
}

void AppHost::Start() {
    const std::string theme = platform::GetSetting("theme");
    app.ui.theme = saved_theme_ = theme == "1" ? Theme::Dark : theme == "2" ? Theme::Light : Theme::System;
    // The text size: a percent; anything else (absent, edited by hand) is 100.
    const std::string size = platform::GetSetting("text-size");
    const int percent = size.empty() || size.size() > 3 ? 0 : std::atoi(size.c_str());
    app.ui.text_size_percent = saved_text_size_ =
        percent >= kMinTextSize && percent <= kMaxTextSize ? percent : 100;
    // The papers table's column widths, order and hidden columns (ImGui's settings text for
    // tables, written by SaveTableLayout). Anything ImGui cannot read in it is ignored.
    saved_table_ = platform::GetSetting("table-layout");
    if (!saved_table_.empty() && saved_table_.size() < 4096 && ImGui::GetCurrentContext()) {
        const std::string layout = TableLayoutOf(saved_table_.data(), saved_table_.size());
        if (!layout.empty()) ImGui::LoadIniSettingsFromMemory(layout.c_str(), layout.size());
    }
    // The last view ("list=ID&paper=ID"), reopened when storage has loaded (RunFrame).
    saved_view_ = platform::GetSetting("view");
    started_ms_ = platform::NowMs();
    // Storage opens now even when the catalogue loads later: its records wait in the
    // event queue until the load ran (the page is ready sooner).
    OpenStorage();
    if (pending_load_)
        platform::RequestTickIn(static_cast<int>(kLoadWithoutFrameMs)); // in case no frame comes
    Wake();
}

void AppHost::RunPendingLoad() {
    const std::function<void(AppState&)> load = std::move(pending_load_);
    pending_load_ = nullptr;
    load(app);
    Wake();
}

void AppHost::OpenStorage() {
    if (!app.fatal_error.empty()) return; // no bundle: nothing is read or written
    platform::StorageOpen();
    platform::StorageRequestPersist();
}

void AppHost::ApplyStyle(float scale) {
    scale_ = scale;
    ApplyTheme(app, scale);
    applied_dark_ = IsDark(app);
}

void AppHost::Wake() {
    extra_frames_ = 3;
    platform::RequestFrame();
}

void AppHost::AddKey(ImGuiKey key, bool down, bool typed_by_text_element) {
    if (key == ImGuiKey_None || !ImGui::GetCurrentContext() || (down && typed_by_text_element)) return;
    ImGui::GetIO().AddKeyEvent(key, down);
}

int AppHost::PendingInput() {
    return ImGui::GetCurrentContext() ? ImGui::GetCurrentContext()->InputEventsQueue.Size : 0;
}

void AppHost::HandlePlatformEvent(const platform::PlatformEvent& e, int64_t now_ms) {
    namespace event = platform::event;
    if (HandleStorageEvent(app, e, now_ms)) return; // events.cpp
    std::visit(Overloaded{
                   [&](const event::Paste& p) {
                       // A paste the page refused (too large for any field) comes with its
                       // size only; the Ctrl+V that follows must then paste nothing, not the
                       // previous clipboard.
                       const double bytes = p.refused ? p.refused_bytes : static_cast<double>(p.text.size());
                       clipboard_ = p.refused ? std::string() : p.text;
                       if (bytes > static_cast<double>(kMaxNoteBytes) && WantsText())
                           app.ui.note_message =
                               "The pasted text (" +
                               std::string(p.refused && !p.size_exact ? "at least " : "") +
                               SizeText(static_cast<size_t>(bytes)) +
                               ") is larger than a note can hold (256 KB); nothing was pasted.";
                   },
                   [&](const event::Text& t) {
                       // Into ImGui's input queue, after the keys already queued (the text
                       // element's `input` follows its `keydown`).
                       if (ImGui::GetCurrentContext()) ImGui::GetIO().AddInputCharactersUTF8(t.text.c_str());
                   },
                   [&](const event::FileOpened& f) { OpenImportFile(app, f.name, f.text, f.ok); },
                   [&](const event::MirrorAction& a) {
                       ApplyMirrorAction(app, a.json);
                       // The keyboard is in the DOM now: no canvas text field keeps it.
                       if (!app.ui.dom_focus.empty() && ImGui::GetCurrentContext() && ImGui::GetActiveID())
                           ImGui::ClearActiveID();
                   },
                   [&](const event::ColorScheme& c) { app.ui.system_dark = c.dark; },
                   [&](const event::Hash& h) {
                       if (!h.fragment.empty() && h.fragment != "#") deep_link_ = true;
                       if (h.fragment == hash_) return;
                       hash_ = h.fragment;
                       OpenDeepLink(app, h.fragment);
                   },
                   [](const auto&) {}, // the storage events: handled above
               },
               e);
}

size_t AppHost::ProcessPlatformEvents(int64_t now_ms) {
    if (pending_load_) return 0; // they act on the catalogue: after it is loaded
    const std::vector<platform::PlatformEvent> events = platform::TakePlatformEvents();
    if (!events.empty()) extra_frames_ = std::max(extra_frames_, 2);
    for (const platform::PlatformEvent& e : events)
        HandlePlatformEvent(e, now_ms);
    return events.size();
}

FrameResult AppHost::RunFrame(int64_t now_ms, ImVec2 display, float scale) {
    busy_ = true;
    display_ = display;
    scale_ = scale;
    if (pending_load_ && app.frames > 0) RunPendingLoad(); // the shell is on screen: now the catalogue
    ProcessPlatformEvents(now_ms);
    // The opening view: a deep link in the URL, else the list and paper of the last visit
    // (its own lists are known only once storage has loaded), else the first list.
    if (!view_opened_ && app.storage_loaded) {
        view_opened_ = true;
        if (!deep_link_ && !saved_view_.empty()) OpenDeepLink(app, saved_view_);
    }

    ImGuiIO& io = ImGui::GetIO();
    float dt = static_cast<float>(now_ms - last_frame_ms_) / 1000.0f;
    if (last_frame_ms_ == 0 || dt > 0.5f) dt = 1.0f / 60.0f; // the first frame, or after a pause
    io.DeltaTime = std::max(dt, 1e-4f);                      // ImGui asserts DeltaTime > 0
    last_frame_ms_ = now_ms;
    io.DisplaySize = display;
    io.DisplayFramebufferScale = ImVec2(1, 1);

    ImGui::NewFrame();
    DrawApp(app);
    ImGui::Render();
    ++app.frames;
    platform::MarkOnce("shelfmark:first-frame");

    const bool had_intents = !app.intents.empty();
    const SaveState::Kind save_before = app.save.kind;
    const uint64_t rows_before = app.stale.rows;
    ApplyIntents(app, now_ms);
    // The query, sort or list changed: draw again now with the new rows rather than a
    // display refresh (~17 ms) later, so a keystroke in the search box shows its hits in
    // the frame that read it (issue 15). Only this frame's draw data is presented.
    if (app.stale.rows != rows_before) {
        io.DeltaTime = 1e-4f;
        ImGui::NewFrame();
        DrawApp(app);
        ImGui::Render();
        ApplyIntents(app, now_ms);
    }
    PumpSaves(app, now_ms, false);
    if (IsDark(app) != applied_dark_) {
        ApplyStyle(scale);
        extra_frames_ = std::max(extra_frames_, 2);
    }
    if (app.ui.theme != saved_theme_) {
        saved_theme_ = app.ui.theme;
        platform::SetSetting("theme", std::to_string(static_cast<int>(app.ui.theme)));
    }
    if (app.ui.text_size_percent != saved_text_size_) {
        saved_text_size_ = app.ui.text_size_percent;
        platform::SetSetting("text-size", std::to_string(saved_text_size_));
        extra_frames_ = std::max(extra_frames_, 2); // the backend rebuilds the fonts next frame
    }
    SaveTableLayout();
    if (const std::string link = CurrentDeepLink(app); link != hash_ && app.storage_loaded) {
        hash_ = link;
        platform::SetLocationHash(link);
    }
    if (view_opened_) {
        if (std::string view = CurrentView(app); view != saved_view_) {
            saved_view_ = std::move(view);
            platform::SetSetting("view", saved_view_);
        }
    }
    if (had_intents || app.save.kind != save_before) extra_frames_ = std::max(extra_frames_, 2);
    if (app.stale.rows != rows_before) {
        // A keystroke in the search box (or a sort, a list): the mirror's rows are sent right
        // after this frame (Tick) or at the next one, whichever comes first, so that the frame
        // that shows the new rows is not held up by building them as DOM (issue 15).
        mirror_due_ = true;
        platform::RequestTickIn(0);
    } else {
        UpdateMirror(now_ms);
    }
    if (!ready_marked_ && (app.storage_loaded || !app.fatal_error.empty())) {
        ready_marked_ = true;
        platform::MarkOnce("shelfmark:ready");
    }
    if (io.WantSetMousePos) io.WantSetMousePos = false;

    FrameResult r;
    const uint64_t picture = DrawDataHash(ImGui::GetDrawData());
    r.changed = picture != picture_;
    picture_ = picture;
    r.want_text_input = io.WantTextInput;
    r.cursor = ImGui::GetMouseCursor();
    // Input ImGui held back (a press and its release a frame apart) needs another frame.
    if (pending_load_) platform::RequestTickIn(0); // the load, also if no frame comes
    if (PendingInput() > 0 || !app.intents.empty() || extra_frames_ > 0 || pending_load_) {
        if (extra_frames_ > 0) --extra_frames_;
        platform::RequestFrame();
        r.want_frame = true;
    }
    busy_ = false;
    return r;
}

void AppHost::SaveTableLayout() {
    ImGuiIO& io = ImGui::GetIO();
    // A column being dragged: saved once it is let go.
    if ((GImGui->SettingsDirtyTimer <= 0.0f && !io.WantSaveIniSettings) ||
        ImGui::IsMouseDown(ImGuiMouseButton_Left))
        return;
    size_t n = 0;
    const char* ini = ImGui::SaveIniSettingsToMemory(&n);
    io.WantSaveIniSettings = false;
    const std::string layout = TableLayoutOf(ini, n);
    if (layout == saved_table_) return;
    saved_table_ = layout;
    platform::SetSetting("table-layout", layout);
}

void AppHost::Tick(int64_t now_ms) {
    if (busy_) { // called back from inside a frame: do it right after
        platform::RequestTickIn(0);
        return;
    }
    busy_ = true;
    if (pending_load_ && (app.frames > 0 || now_ms - started_ms_ >= kLoadWithoutFrameMs)) RunPendingLoad();
    ProcessPlatformEvents(now_ms);
    const SaveState::Kind before = app.save.kind;
    ApplyIntents(app, now_ms);
    PumpSaves(app, now_ms, false);
    if (mirror_due_) UpdateMirror(now_ms);
    busy_ = false;
    if (app.save.kind != before) Wake();
}

void AppHost::Flush(int64_t now_ms) {
    if (!busy_) {
        // Every key and click the page received counts, however many are still queued (a
        // burst of typing, then the tab closes). ImGui keeps input it has not applied yet
        // in its own queue (ImGuiContext::InputEventsQueue) and applies it a frame at a
        // time; each frame applies at least one queued event, which bounds the loop by the
        // queue's length. Text typed into the page's text element may still be a platform
        // event: take those first.
        busy_ = true;
        ProcessPlatformEvents(now_ms);
        busy_ = false;
        const int bound = PendingInput() + 8;
        for (int i = 0; i < bound && (PendingInput() > 0 || !app.intents.empty()); ++i)
            RunFrame(now_ms, display_, scale_);
    }
    if (mirror_due_ && !busy_) UpdateMirror(now_ms);
    PumpSaves(app, now_ms, true);
}

void AppHost::UpdateMirror(int64_t now_ms) {
    mirror_due_ = false;
    AnnounceTransitions(app, mirror_, now_ms);
    UpdateDerived(app); // intents applied after the draw: the mirror shows their result
    if (!MirrorChanged(app, mirror_)) return;
    using Clock = std::chrono::steady_clock;
    const auto t0 = Clock::now();
    const std::string json = BuildMirror(app);
    const auto t1 = Clock::now();
    platform::MirrorUpdate(json);
    const auto t2 = Clock::now();
    const auto ms = [](auto d) { return std::chrono::duration<double, std::milli>(d).count(); };
    ++mirror_.updates;
    mirror_.last_build_ms = ms(t1 - t0);
    mirror_.last_send_ms = ms(t2 - t1);
    mirror_.max_build_ms = std::max(mirror_.max_build_ms, mirror_.last_build_ms);
    mirror_.last_bytes = json.size();
    if (mirror_.build_ms.size() >= kMirrorSamples) {
        mirror_.build_ms.erase(mirror_.build_ms.begin());
        mirror_.send_ms.erase(mirror_.send_ms.begin());
    }
    mirror_.build_ms.push_back(mirror_.last_build_ms);
    mirror_.send_ms.push_back(mirror_.last_send_ms);
}

std::string AppHost::ProbeQuery(const std::string& q) const {
    nlohmann::json j;
    if (q.rfind("rect ", 0) == 0) {
        const auto it = app.probe.rects.find(q.substr(5));
        if (it != app.probe.rects.end())
            j = {{"x", it->second.x}, {"y", it->second.y}, {"w", it->second.w}, {"h", it->second.h}};
    } else if (q.rfind("status ", 0) == 0) {
        j = StatusName(app.progress.StatusOf(q.substr(7)));
    } else if (q == "save") {
        using K = SaveState::Kind;
        switch (app.save.kind) {
        case K::Loading: j = "loading"; break;
        case K::Saved: j = "saved"; break;
        case K::Saving: j = "saving"; break;
        case K::NotSaved: j = "unsaved: " + app.save.why; break;
        case K::Unavailable: j = "unsaved: " + app.save.why; break;
        }
    } else if (q == "visible") {
        j = app.ui.visible_papers;
    } else if (q == "titles") {
        j = {{"shown", app.ui.titles_shown}, {"cut", app.ui.titles_cut}};
    } else if (q == "frames") {
        j = app.frames;
    } else if (q == "query-error") {
        j = app.ui.query_error;
    } else if (q == "notice") {
        j = app.notice;
    } else if (q == "import") {
        j = {{"open", app.import.open}, {"error", app.import.error}, {"file", app.import.file_name}};
    } else if (q.rfind("record ", 0) == 0) {
        if (const PaperProgress* p = app.progress.Find(q.substr(7))) j = ProgressRecordToValue(*p);
    } else if (q == "problems") {
        j = app.storage_problems;
    } else if (q == "quarantined") {
        j = nlohmann::json::array();
        for (const auto& [id, rec] : app.progress.Quarantined())
            j.push_back(rec.key);
    } else if (q == "note-message") {
        j = app.ui.note_message;
    } else if (q == "mirror") {
        j = {{"updates", mirror_.updates},     {"buildMs", mirror_.last_build_ms},
             {"sendMs", mirror_.last_send_ms}, {"maxBuildMs", mirror_.max_build_ms},
             {"bytes", mirror_.last_bytes},    {"buildSamples", mirror_.build_ms},
             {"sendSamples", mirror_.send_ms}, {"focus", app.ui.dom_focus}};
    }
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace shelfmark
