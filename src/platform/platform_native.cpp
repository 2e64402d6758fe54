// Native implementation of platform.h: the browser's services held in memory, for the
// headless UI tests and tools (see platform_native.h). Storage behaves as storage_web.js
// does: records are read back as compact JSON, "null" deletes, a write commits all of
// its records or none, and every result arrives later through the event queue.
#include "platform/platform_native.h"

#include <deque>
#include <nlohmann/json.hpp>

#include "platform/platform.h"

namespace shelfmark::platform {

namespace {
constexpr double kQuotaBytes = 1024.0 * 1024.0 * 1024.0;

struct NativePlatform {
    std::deque<PlatformEvent> queue;
    int64_t now_ms = native::kStartMs;
    // Storage.
    std::map<std::string, std::string> stored;
    bool opened = false;   // the database is open (its first read was delivered)
    bool unusable = false; // the open failed: writes fail with "storage unavailable"
    bool closed = false;   // CloseStorage(): writes fail with "database closed"
    std::string fail_open, fail_write;
    bool hold = false;
    std::deque<PlatformEvent> held;
    std::vector<native::WriteCall> writes;
    int next_batch = 1;
    int opens = 0;
    int persist_requests = 0;
    bool persisted = false;
    // Page.
    native::PageCalls page;
    std::map<std::string, std::string> settings;
};

NativePlatform& P() {
    static NativePlatform p;
    return p;
}

// A storage result reaches the app. The database counts as open from the end of its
// first read, as SM.db is set in storage_web.js: writes before that fail.
void Deliver(PlatformEvent e) {
    if (std::holds_alternative<event::StorageLoaded>(e)) P().opened = true;
    PostPlatformEvent(std::move(e));
}

// A storage result: delivered now, or held back while the test plays a slow browser.
void PostStorageResult(PlatformEvent e) {
    if (P().hold)
        P().held.push_back(std::move(e));
    else
        Deliver(std::move(e));
}

void PostInfo() {
    double usage = 0;
    for (const auto& [k, v] : P().stored)
        usage += static_cast<double>(k.size() + v.size());
    PostStorageResult(event::StorageInfo{P().persisted, usage, static_cast<double>(kQuotaBytes)});
}

// JSON.parse then JSON.stringify: compact, key order kept. False when not JSON.
bool Normalize(const std::string& text, std::string* out) {
    const auto j = nlohmann::ordered_json::parse(text, nullptr, false);
    if (j.is_discarded()) return false;
    *out = j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    return true;
}
} // namespace

// ---------------------------------------------------------------- platform.h
std::vector<PlatformEvent> TakePlatformEvents() {
    std::vector<PlatformEvent> out(std::make_move_iterator(P().queue.begin()),
                                   std::make_move_iterator(P().queue.end()));
    P().queue.clear();
    return out;
}

void PostPlatformEvent(PlatformEvent e) { P().queue.push_back(std::move(e)); }

void StorageOpen() {
    NativePlatform& p = P();
    ++p.opens;
    if (!p.fail_open.empty()) {
        p.unusable = true;
        PostStorageResult(event::StorageFailed{p.fail_open});
        p.fail_open.clear();
        return;
    }
    p.unusable = p.closed = false;
    // The browser reads the "papers" store, then the "user" store ("user/" keys).
    int64_t count = 0;
    for (int pass = 0; pass < 2; ++pass)
        for (const auto& [key, text] : p.stored) {
            if ((key.rfind("user/", 0) == 0) != (pass == 1)) continue;
            ++count;
            PostStorageResult(event::StorageRecord{key, text});
        }
    PostStorageResult(event::StorageLoaded{count, ""});
}

int StorageWrite(const std::vector<std::pair<std::string, std::string>>& records) {
    NativePlatform& p = P();
    native::WriteCall call;
    call.batch = p.next_batch++;
    call.records = records;
    if (!p.opened || p.closed || p.unusable) {
        call.ok = false;
        call.error = p.unusable ? "storage unavailable" : "database closed";
    } else if (!p.fail_write.empty()) {
        call.ok = false;
        call.error = p.fail_write;
        p.fail_write.clear();
    } else {
        // All or nothing, like one IndexedDB transaction.
        std::vector<std::pair<std::string, std::string>> normalized;
        for (const auto& [key, text] : records) {
            std::string value;
            if (!Normalize(text, &value)) {
                call.ok = false;
                call.error = "SyntaxError: the record for \"" + key + "\" is not JSON";
                break;
            }
            normalized.emplace_back(key, std::move(value));
        }
        if (call.ok)
            for (auto& [key, value] : normalized) {
                if (value == "null")
                    p.stored.erase(key);
                else
                    p.stored[key] = std::move(value);
            }
    }
    PostStorageResult(event::WriteDone{call.batch, call.ok, call.error});
    if (call.ok) PostInfo();
    const int batch = call.batch;
    p.writes.push_back(std::move(call));
    return batch;
}

void StorageTakenIn(const std::string&, int64_t) {}

void StorageRequestPersist() {
    ++P().persist_requests;
    P().persisted = true;
    PostInfo();
}

int64_t NowMs() { return P().now_ms; }
void RequestFrame() { ++P().page.frame_requests; }
void RequestFrameIn(int ms) { P().page.frame_in_ms.push_back(ms); }
void RequestTickIn(int ms) { P().page.tick_in_ms.push_back(ms); }

void MarkOnce(const char* name) {
    auto& marks = P().page.marks;
    for (const auto& m : marks)
        if (m == name) return;
    marks.emplace_back(name);
}

void SetClipboard(const std::string& text) {
    ++P().page.clipboard_sets;
    P().page.clipboard = text;
}

void OpenUrl(const std::string& url) {
    ++P().page.urls_opened;
    P().page.opened_url = url;
}

void DownloadFile(const std::string& name, const std::string& text, const std::string& mime) {
    native::PageCalls& page = P().page;
    ++page.downloads;
    page.download_name = name;
    page.download_text = text;
    page.download_mime = mime;
}

void PickFile() { ++P().page.file_picks; }

bool RasterizeGlyphs(const std::vector<uint32_t>& code_points, int, int cell_w, int cell_h, int,
                     std::vector<uint8_t>* alpha, std::vector<float>* advances) {
    // No system fonts to draw with: blank cells, and "unavailable".
    alpha->assign(code_points.size() * static_cast<size_t>(cell_w) * static_cast<size_t>(cell_h), 0);
    advances->assign(code_points.size(), 0.0f);
    return false;
}

void MirrorUpdate(const std::string& json) {
    ++P().page.mirror_updates;
    P().page.mirror = json;
}

void SetLocationHash(const std::string& hash) {
    ++P().page.hash_sets;
    P().page.location_hash = hash;
}

std::string GetSetting(const std::string& key) {
    const auto it = P().settings.find(key);
    return it == P().settings.end() ? std::string() : it->second;
}

void SetSetting(const std::string& key, const std::string& value) { P().settings[key] = value; }

// ---------------------------------------------------------------- platform_native.h
namespace native {

void Reset() { P() = NativePlatform{}; }

void SetNowMs(int64_t ms) { P().now_ms = ms; }
void AdvanceMs(int64_t ms) { P().now_ms += ms; }

const std::map<std::string, std::string>& Stored() { return P().stored; }

std::string StoredRecord(const std::string& key) {
    const auto it = P().stored.find(key);
    return it == P().stored.end() ? std::string() : it->second;
}

void PutStored(const std::string& key, const std::string& text) { P().stored[key] = text; }

void FailNextOpen(const std::string& why) { P().fail_open = why; }
void FailNextWrite(const std::string& why) { P().fail_write = why; }

void CloseStorage(const std::string& why) {
    P().closed = true;
    PostPlatformEvent(event::StorageClosed{why});
}

void HoldStorage(bool hold) { P().hold = hold; }

size_t DeliverStorage() {
    const size_t n = P().held.size();
    while (!P().held.empty()) {
        Deliver(std::move(P().held.front()));
        P().held.pop_front();
    }
    return n;
}

size_t HeldStorageEvents() { return P().held.size(); }

const std::vector<WriteCall>& Writes() { return P().writes; }
int StorageOpens() { return P().opens; }
int PersistRequests() { return P().persist_requests; }
const PageCalls& Page() { return P().page; }
const std::map<std::string, std::string>& Settings() { return P().settings; }
size_t QueuedEvents() { return P().queue.size(); }

} // namespace native
} // namespace shelfmark::platform
