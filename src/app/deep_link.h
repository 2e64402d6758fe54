// deep_link.h: the URL #fragment <-> what is selected ("#paper=ID", "#list=ID").
#pragma once

#include <string>

#include "app/app_state.h"

namespace shelfmark {

// Records intents selecting what `hash` names ("#list=ID&paper=ID", "list=" alone: all
// papers); unknown ids are ignored, a paper whose list is unknown opens in its first list.
void OpenDeepLink(AppState& s, const std::string& hash);
// The fragment for the current view: the paper under the cursor, else the list.
std::string CurrentDeepLink(const AppState& s);
// The view to reopen at the next visit (the setting "view", host.cpp): as the fragment but
// always with its list ("list=" for all papers), without '#'. OpenDeepLink() reads it.
std::string CurrentView(const AppState& s);

} // namespace shelfmark
