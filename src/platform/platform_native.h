// platform_native.h: the native implementation of platform.h (platform_native.cpp), for
// the headless UI tests and command-line tools: everything the browser would do, held in
// memory, plus the controls a test needs to stage and inspect it.
//
// Index
//   - Reset(): back to an empty platform (no events, no storage, clock at kStartMs).
//   - Clock: NowMs() reads a clock that moves only when told (SetNowMs, AdvanceMs).
//   - Storage: an in-memory IndexedDB. StorageOpen() posts one StorageRecord per stored
//     record, then StorageLoaded; StorageWrite() commits into the map and posts WriteDone,
//     as storage_web.js does. Tests seed records, make the next open or write fail, hold
//     results back (a slow browser), and read what was committed.
//   - Page: RequestFrame/RequestFrameIn/RequestTickIn, OpenUrl, DownloadFile, PickFile,
//     SetClipboard, SetLocationHash, MarkOnce are recorded for assertions; settings live
//     in a map; RasterizeGlyphs() always says "unavailable".
//
// Single-threaded, like the browser's main thread; nothing here is synchronized.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace shelfmark::platform::native {

// ---------------------------------------------------------------- whole platform
// Forgets every queued event, stored record, setting and recorded call; the clock goes
// back to kStartMs; storage results are delivered at once again.
void Reset();

// ---------------------------------------------------------------- clock
constexpr int64_t kStartMs = 1700000000000; // 2023-11-14T22:13:20Z
void SetNowMs(int64_t ms);
void AdvanceMs(int64_t ms);

// ---------------------------------------------------------------- storage
// Committed records: paper id, or "user/<key>" for the user's own lists and papers ->
// the record's JSON text (compact, as JSON.stringify gives it back).
const std::map<std::string, std::string>& Stored();
// The record stored under `key`, or "" when there is none.
std::string StoredRecord(const std::string& key);
// Puts a record in storage as is (it need not be valid JSON: a damaged record), as if
// written by an earlier session. Posts nothing.
void PutStored(const std::string& key, const std::string& text);

// The next StorageOpen() posts StorageFailed with `why` instead of reading.
void FailNextOpen(const std::string& why);
// The next StorageWrite() commits nothing and completes with WriteDone !ok and `why`
// (e.g. "QuotaExceededError: The quota has been exceeded.").
void FailNextWrite(const std::string& why);
// The connection closes (as on a version change or cleared site data): posts
// StorageClosed with `why`; later writes fail with "database closed".
void CloseStorage(const std::string& why);

// While held, storage results (records read by StorageOpen, write completions) wait
// like a slow browser's instead of being queued at once. Releasing does not deliver.
// The database counts as open once its read is delivered; writes before then fail
// ("database closed"), as they would in the browser.
void HoldStorage(bool hold);
// Queues the held storage results, oldest first; returns how many.
size_t DeliverStorage();
// Storage results held back and not yet delivered.
size_t HeldStorageEvents();

// One StorageWrite() call, as the saver issued it.
struct WriteCall {
    int batch = 0;
    std::vector<std::pair<std::string, std::string>> records; // key, JSON ("null": delete)
    bool ok = true;                                           // committed
    std::string error;                                        // why not, when !ok
};
const std::vector<WriteCall>& Writes();
int StorageOpens();
int PersistRequests();

// ---------------------------------------------------------------- page
struct PageCalls {
    int frame_requests = 0;
    std::vector<int> frame_in_ms;   // RequestFrameIn arguments, in order
    std::vector<int> tick_in_ms;    // RequestTickIn arguments, in order
    std::vector<std::string> marks; // MarkOnce names, each once
    int clipboard_sets = 0;
    std::string clipboard;
    int urls_opened = 0;
    std::string opened_url;
    int downloads = 0;
    std::string download_name, download_text, download_mime;
    int file_picks = 0;
    int hash_sets = 0;
    std::string location_hash;
    int mirror_updates = 0;
    std::string mirror; // the last MirrorUpdate JSON
};
const PageCalls& Page();
const std::map<std::string, std::string>& Settings();
// Events queued and not yet taken (TakePlatformEvents).
size_t QueuedEvents();

} // namespace shelfmark::platform::native
