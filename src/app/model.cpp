// model.cpp: loading the bundle and applying intents: the only place the UI's
// requests change the model.
#include "app/app_state.h"

namespace shelfmark {

void LoadBundle(AppState& s, const std::string& data_dir) {
    CatalogueLoad load = LoadCatalogueDir(data_dir);
    if (!load.ok()) {
        s.fatal_error = "The bundled reading lists are invalid:\n";
        for (size_t i = 0; i < load.errors.size() && i < 20; ++i)
            s.fatal_error += load.errors[i].ToString() + "\n";
        return;
    }
    s.catalogue = std::move(load.catalogue);
    if (!s.catalogue.lists.empty()) s.ui.list_id = s.catalogue.lists.front().id;
    RebuildRows(s);
}

void RebuildRows(AppState& s) {
    s.ui.rows.clear();
    const ReadingList* list = s.catalogue.FindList(s.ui.list_id);
    if (!list) return;
    for (int si = 0; si < static_cast<int>(list->sections.size()); ++si) {
        s.ui.rows.push_back({si, -1});
        for (int ei = 0; ei < static_cast<int>(list->sections[si].entries.size()); ++ei)
            s.ui.rows.push_back({si, ei});
    }
}

void ApplyIntents(AppState& s, int64_t now_ms) {
    for (const Intent& in : s.intents) {
        switch (in.kind) {
        case Intent::Kind::SetStatus:
            if (s.progress.SetStatus(in.id, in.status, now_ms) && s.saver.first_dirty_ms == 0)
                s.saver.first_dirty_ms = now_ms;
            break;
        case Intent::Kind::SelectList:
            if (s.catalogue.FindList(in.id) && s.ui.list_id != in.id) {
                s.ui.list_id = in.id;
                RebuildRows(s);
            }
            break;
        case Intent::Kind::SelectPaper:
            s.ui.paper_id = in.id;
            break;
        }
    }
    s.intents.clear();
}

} // namespace shelfmark
