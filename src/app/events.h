// events.h: applies the platform's async results (storage) to the app state.
#pragma once

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

// Storage load, write completion, other windows' changes, closed connections, usage.
void Handle(AppState& s, const platform::event::StorageRecord& e, int64_t now_ms);
void Handle(AppState& s, const platform::event::StorageLoaded& e, int64_t now_ms);
void Handle(AppState& s, const platform::event::StorageFailed& e, int64_t now_ms);
void Handle(AppState& s, const platform::event::StorageClosed& e, int64_t now_ms);
void Handle(AppState& s, const platform::event::WriteDone& e, int64_t now_ms);
void Handle(AppState& s, const platform::event::StorageChanged& e, int64_t now_ms);
void Handle(AppState& s, const platform::event::StorageInfo& e, int64_t now_ms);
// Calls the Handle() above for a storage event; false for any other kind of event.
bool HandleStorageEvent(AppState& s, const platform::PlatformEvent& e, int64_t now_ms);

} // namespace shelfmark
