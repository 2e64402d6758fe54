// Browser implementation of platform.h (storage and page services); the JS halves
// live in storage_web.js and page_web.js.
#include "platform/platform.h"

#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdlib>
#include <deque>
#include <nlohmann/json.hpp>

extern "C" {
void sm_storage_open();
void sm_storage_write(int batch, const char* json);
void sm_storage_persist();
void sm_storage_taken_in(const char* source, double batch);
void sm_page_mark(const char* name);
void sm_page_set_clipboard(const char* text);
void sm_page_open_url(const char* url);
void sm_page_set_hash(const char* hash);
void sm_page_mirror_update(const char* json);
void sm_page_download(const char* name, const char* text, const char* mime);
void sm_page_pick_file();
int sm_page_rasterize(const uint32_t* cps, int count, int px, int cell_w, int cell_h, int baseline,
                      uint8_t* alpha, float* advances);
char* sm_page_get_setting(const char* key);
void sm_page_set_setting(const char* key, const char* value);
}

namespace shelfmark::platform {
namespace {
std::deque<PlatformEvent>& Queue() {
    static std::deque<PlatformEvent> q;
    return q;
}
int g_next_batch = 1;
bool g_frame_requested = false;
void (*g_frame_callback)() = nullptr;
void (*g_tick_callback)() = nullptr;

EM_BOOL OnAnimationFrame(double, void*) {
    g_frame_requested = false;
    if (g_frame_callback) g_frame_callback();
    return EM_FALSE;
}
} // namespace

void SetFrameCallback(void (*fn)()) { g_frame_callback = fn; }
void SetTickCallback(void (*fn)()) { g_tick_callback = fn; }

std::vector<PlatformEvent> TakePlatformEvents() {
    std::vector<PlatformEvent> out(std::make_move_iterator(Queue().begin()),
                                   std::make_move_iterator(Queue().end()));
    Queue().clear();
    return out;
}

void PostPlatformEvent(PlatformEvent e) {
    Queue().push_back(std::move(e));
    // Handle it now (background tabs throttle timers to 1 s); the tick defers itself if
    // the app is in the middle of a frame.
    if (g_tick_callback) g_tick_callback();
    RequestFrame();
}

void StorageOpen() { sm_storage_open(); }

int StorageWrite(const std::vector<std::pair<std::string, std::string>>& records) {
    // Records are JSON objects already; splice them as values, not strings.
    std::string json = "[";
    for (size_t i = 0; i < records.size(); ++i) {
        if (i) json += ',';
        json += '[';
        json += nlohmann::json(records[i].first).dump();
        json += ',';
        json += records[i].second;
        json += ']';
    }
    json += ']';
    const int batch = g_next_batch++;
    sm_storage_write(batch, json.c_str());
    return batch;
}

void StorageRequestPersist() { sm_storage_persist(); }
void StorageTakenIn(const std::string& source, int64_t batch) {
    sm_storage_taken_in(source.c_str(), static_cast<double>(batch));
}

int64_t NowMs() { return static_cast<int64_t>(emscripten_date_now()); }

void RequestFrame() {
    if (g_frame_requested) return;
    g_frame_requested = true;
    emscripten_request_animation_frame(OnAnimationFrame, nullptr);
}

void RequestFrameIn(int ms) {
    emscripten_set_timeout([](void*) { RequestFrame(); }, ms, nullptr);
}

void RequestTickIn(int ms) {
    emscripten_set_timeout(
        [](void*) {
            if (g_tick_callback) g_tick_callback();
        },
        ms, nullptr);
}

void MarkOnce(const char* name) { sm_page_mark(name); }
void SetClipboard(const std::string& text) { sm_page_set_clipboard(text.c_str()); }
void OpenUrl(const std::string& url) { sm_page_open_url(url.c_str()); }
void DownloadFile(const std::string& name, const std::string& text, const std::string& mime) {
    sm_page_download(name.c_str(), text.c_str(), mime.c_str());
}
void PickFile() { sm_page_pick_file(); }
bool RasterizeGlyphs(const std::vector<uint32_t>& cps, int px, int cell_w, int cell_h, int baseline,
                     std::vector<uint8_t>* alpha, std::vector<float>* advances) {
    alpha->assign(cps.size() * static_cast<size_t>(cell_w) * static_cast<size_t>(cell_h), 0);
    advances->assign(cps.size(), 0.0f);
    if (cps.empty()) return true;
    return sm_page_rasterize(cps.data(), static_cast<int>(cps.size()), px, cell_w, cell_h, baseline,
                             alpha->data(), advances->data()) != 0;
}
void SetLocationHash(const std::string& hash) { sm_page_set_hash(hash.c_str()); }
void MirrorUpdate(const std::string& json) { sm_page_mirror_update(json.c_str()); }
std::string GetSetting(const std::string& key) {
    char* v = sm_page_get_setting(key.c_str());
    std::string out = v ? v : "";
    free(v);
    return out;
}
void SetSetting(const std::string& key, const std::string& value) {
    sm_page_set_setting(key.c_str(), value.c_str());
}

} // namespace shelfmark::platform

using shelfmark::platform::PostPlatformEvent;
namespace event = shelfmark::platform::event;

extern "C" {
EMSCRIPTEN_KEEPALIVE void sm_on_storage_record(const char* key, const char* json) {
    PostPlatformEvent(event::StorageRecord{key, json});
}
EMSCRIPTEN_KEEPALIVE void sm_on_storage_loaded(int count, const char* problems) {
    PostPlatformEvent(event::StorageLoaded{count, problems});
}
EMSCRIPTEN_KEEPALIVE void sm_on_storage_failed(const char* why) {
    PostPlatformEvent(event::StorageFailed{why});
}
EMSCRIPTEN_KEEPALIVE void sm_on_storage_closed(const char* why) {
    PostPlatformEvent(event::StorageClosed{why});
}
EMSCRIPTEN_KEEPALIVE void sm_on_write_done(int batch, int ok, const char* why) {
    PostPlatformEvent(event::WriteDone{batch, ok != 0, why});
}
EMSCRIPTEN_KEEPALIVE void sm_on_storage_changed(const char* key, const char* json, int seen_batch,
                                                const char* source, int source_batch) {
    PostPlatformEvent(event::StorageChanged{key, json, seen_batch, source, source_batch});
}
EMSCRIPTEN_KEEPALIVE void sm_on_storage_info(int persisted, double usage, double quota) {
    PostPlatformEvent(event::StorageInfo{persisted != 0, usage, quota});
}
EMSCRIPTEN_KEEPALIVE void sm_on_color_scheme(int dark) { PostPlatformEvent(event::ColorScheme{dark != 0}); }
EMSCRIPTEN_KEEPALIVE void sm_on_hash(const char* hash) { PostPlatformEvent(event::Hash{hash}); }
EMSCRIPTEN_KEEPALIVE void sm_on_file(const char* name, int ok, const char* text) {
    PostPlatformEvent(event::FileOpened{name, ok != 0, text});
}
EMSCRIPTEN_KEEPALIVE void sm_on_text(const char* text) { PostPlatformEvent(event::Text{text}); }
// An action in the accessible DOM mirror (web/mirror.js): {"do": ..., ...}.
EMSCRIPTEN_KEEPALIVE void sm_mirror_action(const char* json) { PostPlatformEvent(event::MirrorAction{json}); }
EMSCRIPTEN_KEEPALIVE void sm_on_paste(const char* text) { PostPlatformEvent(event::Paste{text}); }
// A paste too large for any field, refused by the page before copying it into the heap:
// its size in UTF-8 bytes when `exact`, otherwise a lower bound (its UTF-16 length).
EMSCRIPTEN_KEEPALIVE void sm_on_paste_too_large(double bytes, int exact) {
    PostPlatformEvent(event::Paste{"", true, bytes, exact != 0});
}
}
