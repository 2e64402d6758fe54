#include "app/deep_link.h"

#include <optional>

namespace shelfmark {

void OpenDeepLink(AppState& s, const std::string& hash) {
    std::string h = hash;
    if (!h.empty() && h[0] == '#') h.erase(0, 1);
    const auto value = [&](const std::string& key) -> std::optional<std::string> {
        for (size_t pos = 0; pos < h.size();) {
            const size_t end = std::min(h.find('&', pos), h.size());
            const std::string part = h.substr(pos, end - pos);
            if (part.rfind(key + "=", 0) == 0) return part.substr(key.size() + 1);
            pos = end + 1;
        }
        return std::nullopt;
    };
    const std::optional<std::string> list = value("list");
    const std::string paper = value("paper").value_or("");
    // "list=" with no id: all papers (the saved view says so; the URL leaves it out).
    const bool list_known = list && (list->empty() || s.catalogue.FindList(*list));
    if (list_known) s.intents.push_back(intent::SelectList{*list});
    if (const Paper* p = paper.empty() ? nullptr : s.catalogue.FindPaper(paper)) {
        if (!list_known) {
            // No list, or one that is gone (a deleted list of one's own): show it in the
            // first list that contains it, else among all papers.
            const auto lists = s.catalogue.ListsContaining(p->id);
            s.intents.push_back(intent::SelectList{lists.empty() ? "" : lists.front()});
        }
        s.intents.push_back(intent::SelectPaper{p->id});
        s.ui.scroll_to_cursor = true;
    }
}

std::string CurrentDeepLink(const AppState& s) {
    std::string h;
    if (!s.ui.list_id.empty()) h = "list=" + s.ui.list_id;
    if (!s.ui.cursor.empty()) h += (h.empty() ? "" : "&") + std::string("paper=") + s.ui.cursor;
    return h.empty() ? "" : "#" + h;
}

std::string CurrentView(const AppState& s) {
    std::string v = "list=" + s.ui.list_id; // "list=": all papers
    if (!s.ui.cursor.empty()) v += "&paper=" + s.ui.cursor;
    return v;
}

} // namespace shelfmark
