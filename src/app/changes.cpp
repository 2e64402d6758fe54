// changes.cpp: the one place a model change becomes stale derived data and a save
// schedule. Whatever changes the model (an intent, a stored record, another window, an
// import) says what changed with Changed(); UpdateDerived() (model.cpp) rebuilds what is
// stale before the next frame draws, and PumpSaves() (saver.cpp) writes the records
// Progress and UserData marked dirty when the Saver says they are due.
#include <algorithm>

#include "app/app_state.h"
#include "app/overloaded.h"

namespace shelfmark {

void Saver::Schedule(Urgency u, int64_t now_ms) {
    if (u == Urgency::Now) {
        due_ms_ = std::min(due_ms_, now_ms);
    } else if (due_ms_ == kNever) {
        // Keystrokes that follow join the write already due; so does a change made while
        // a failed write waits to be retried (no retry storm while the disk is full).
        due_ms_ = now_ms + kSaveDelayMs;
    }
}

void Changed(AppState& s, const Change& c, std::optional<Urgency> save, int64_t now_ms) {
    Stale& st = s.stale;
    std::visit(Overloaded{
                   [&](const change::Paper& p) {
                       st.papers.insert(p.paper); // re-indexed alone
                       ++st.data;
                   },
                   [&](const change::Records&) {
                       ++st.index; // many records: the index is rebuilt once
                       ++st.data;
                   },
                   [&](const change::Catalogue&) {
                       ++st.catalogue;
                       ++st.data;
                   },
                   [&](const change::Lists&) {
                       ++st.lists;
                       ++st.data;
                   },
                   [&](const change::View&) { ++st.rows; },
               },
               c);
    if (save) s.saver.Schedule(*save, now_ms);
}

} // namespace shelfmark
