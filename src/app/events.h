// events.h: applies the platform's async results (storage) to the app state.
#pragma once

#include "app/app_state.h"
#include "platform/platform.h"

namespace shelfmark {

// Storage load, write completion, other-tab changes, closed connections.
void HandleStorageEvent(AppState& s, const platform::PlatformEvent& e, int64_t now_ms);

} // namespace shelfmark
