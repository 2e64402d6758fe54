// deep_link.h: the URL #fragment <-> what is selected ("#paper=ID", "#list=ID").
#pragma once

#include <string>

#include "app/app_state.h"

namespace shelfmark {

// Records intents selecting what `hash` names; unknown ids are ignored.
void OpenDeepLink(AppState& s, const std::string& hash);
// The fragment for the current view: the paper under the cursor, else the list.
std::string CurrentDeepLink(const AppState& s);

} // namespace shelfmark
