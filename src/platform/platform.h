// platform.h: the seam between the app and the browser (or another host).
//
// Index
//   - PlatformEvent / TakePlatformEvents(): async results (storage loads, finished
//     writes, pasted text, flush requests) reach the app through one main-thread queue.
//   - Storage*(): progress records in IndexedDB, one record per paper.
//   - Page*(): clipboard, links, performance marks, frame scheduling.
//
// Implemented by *_web.cpp (+ the --js-library files beside them). Only those files
// include <emscripten.h>.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace shelfmark::platform {

// Async results from the browser, one struct per kind (PlatformEvent below).
namespace event {
struct StorageRecord { // one stored record read during the load
    std::string key, json;
};
struct StorageLoaded { // the load finished
    int64_t records = 0;
    std::string problems; // may be empty
};
struct StorageFailed { // storage cannot be used (private mode, blocked, ...)
    std::string why;
};
struct WriteDone { // a StorageWrite batch committed (ok) or failed
    int batch = 0;
    bool ok = true;
    std::string error; // error name and message when !ok
};
struct StorageChanged { // a record another window committed
    std::string key, json;
    int64_t seen_batch = -1;   // the newest of our write batches that window had taken in (-1: none)
    std::string source = {};   // the window that wrote it ("": unknown)
    int64_t source_batch = -1; // its write batch (-1: unknown)
};
struct StorageClosed { // the connection closed (upgrade, deleted)
    std::string why;
};
struct StorageInfo { // navigator.storage: persistence, usage and quota
    bool persisted = false;
    double usage_bytes = 0, quota_bytes = 0;
};
struct Paste { // pasted text, or a paste the page refused as too large for any field
    std::string text;
    bool refused = false;
    double refused_bytes = 0; // its size in UTF-8 bytes...
    bool size_exact = true;   // ...or, when false, a lower bound (its UTF-16 length)
};
struct Text { // typed or composed text for the active text field
    std::string text;
};
struct ColorScheme { // the system's preference, at start and on change
    bool dark = true;
};
struct Hash { // the URL's #fragment (deep link), at start and on change
    std::string fragment;
};
struct MirrorAction { // the user acted in the accessible DOM mirror (mirror.h): {"do": ...}
    std::string json;
};
struct FileOpened { // a file picked or dropped
    std::string name;
    bool ok = true;   // read as UTF-8 text
    std::string text; // the file's text, or why it could not be read
};
} // namespace event

using PlatformEvent =
    std::variant<event::StorageRecord, event::StorageLoaded, event::StorageFailed, event::WriteDone,
                 event::StorageChanged, event::StorageClosed, event::StorageInfo, event::Paste, event::Text,
                 event::ColorScheme, event::Hash, event::FileOpened, event::MirrorAction>;

// Moves out every event queued since the last call, oldest first.
std::vector<PlatformEvent> TakePlatformEvents();
// Queues an event (used by the platform's callbacks).
void PostPlatformEvent(PlatformEvent e);

// Opens the database and reads every record; results come as event::StorageRecord
// events followed by event::StorageLoaded, or event::StorageFailed.
void StorageOpen();
// Writes records (paper id, record JSON) in one transaction with strict durability.
// Completion (after commit) comes as WriteDone with the returned batch id.
int StorageWrite(const std::vector<std::pair<std::string, std::string>>& records);
// Asks the browser to keep our storage (navigator.storage.persist()).
void StorageRequestPersist();
// This window's text now holds what `source` wrote in `batch` (StorageChanged): our later
// writes tell the other windows so, and their note merges start from that batch. Not
// called when a note clashed (this window kept its own text).
void StorageTakenIn(const std::string& source, int64_t batch);

// Milliseconds since the Unix epoch.
int64_t NowMs();
// Asks for a frame to be drawn soon; frames are drawn only on request.
void RequestFrame();
// After `ms`, request a frame (animations such as the caret; not run in hidden tabs).
void RequestFrameIn(int ms);
// After `ms`, run the app's tick: handle queued events and save what is due. Unlike
// frames, ticks also run while the tab is hidden.
void RequestTickIn(int ms);
// Records a performance mark (e.g. "shelfmark:first-frame") once.
void MarkOnce(const char* name);
// Copies text to the system clipboard.
void SetClipboard(const std::string& text);
// Opens an http(s)/mailto URL in a new tab.
void OpenUrl(const std::string& url);
// Saves `text` as a download named `name` (the browser's download folder).
void DownloadFile(const std::string& name, const std::string& text, const std::string& mime);
// Opens the system file picker (must follow a user action); the chosen file comes back as
// a FileOpened event. Files dropped on the page come back the same way.
void PickFile();
// Draws each code point with the system's fonts (CJK and other scripts our bundled
// fonts lack) into cells of cell_w x cell_h alpha bytes, baseline at `baseline` px from
// the cell top; advances[i] is each glyph's advance in px. False when unavailable.
bool RasterizeGlyphs(const std::vector<uint32_t>& code_points, int px, int cell_w, int cell_h, int baseline,
                     std::vector<uint8_t>* alpha, std::vector<float>* advances);
// Gives the accessible DOM mirror (web/mirror.js) the UI's new description (JSON text,
// mirror.h); called only when it changed.
void MirrorUpdate(const std::string& json);
// Replaces the URL's #fragment without adding a history entry ("" clears it).
void SetLocationHash(const std::string& hash);
// Small per-browser settings (theme); "" when unset or storage is blocked.
std::string GetSetting(const std::string& key);
void SetSetting(const std::string& key, const std::string& value);

} // namespace shelfmark::platform
