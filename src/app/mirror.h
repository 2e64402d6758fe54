// mirror.h: the accessible mirror of the UI. The canvas is pixels; screen readers,
// keyboard users and browser tools read and act on a DOM built from this description
// (web/mirror.js renders it). The host asks MirrorChanged() after each frame and sends
// BuildMirror()'s JSON only when something the mirror shows changed, never per frame;
// what the user does in the DOM comes back as ApplyMirrorAction(), which records the
// same intents the canvas records.
//
// Index
//   - Announce() (declared in app_state.h): a line for the live region.
//   - MirrorState: what the mirror was last built from, and its cost.
//   - MirrorChanged(): cheap key of everything the mirror shows; true when it moved.
//   - BuildMirror(): the JSON (contract in docs/accessibility.md).
//   - ApplyMirrorAction(): one action from the DOM ({"do": ..., ...}) -> intents.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/app_state.h"

namespace shelfmark {

// Rows of the papers table the mirror renders on each side of what the canvas shows
// (the DOM table is virtualised too).
constexpr int kMirrorRowMargin = 25;
constexpr int kMirrorMaxRows = 160;
constexpr size_t kMirrorSamples = 256;

struct MirrorState {
    std::string key; // MirrorChanged()'s key at the last build
    SaveState::Kind last_save = SaveState::Kind::Loading;
    std::string last_notice;
    int64_t last_saved_announce_ms = -1'000'000;
    // Measurements, shown by the probe "mirror".
    int64_t updates = 0;
    double last_build_ms = 0, last_send_ms = 0, max_build_ms = 0;
    size_t last_bytes = 0;
    std::vector<double> build_ms, send_ms; // the last kMirrorSamples updates, for benchmarks
};

// Turns save-state and notice transitions into announcements (called once a frame).
void AnnounceTransitions(AppState& s, MirrorState& m, int64_t now_ms);
// True (and remembers the new key) when something the mirror shows changed since the
// last call that returned true.
bool MirrorChanged(const AppState& s, MirrorState& m);
// The mirror's JSON text. Call after UpdateDerived().
std::string BuildMirror(const AppState& s);
// One action from the DOM; unknown or malformed actions are ignored (returns false).
bool ApplyMirrorAction(AppState& s, const std::string& json);

} // namespace shelfmark
