// mirror.cpp: the accessible DOM mirror's description (BuildMirror), when it changed
// (MirrorChanged), the live region's lines (Announce) and the DOM's actions
// (ApplyMirrorAction). No ImGui here: the mirror is built from the model and the view.
#include "app/mirror.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "app/help_text.h"
#include "core/reading_stats.h"
#include "core/utf8.h"
#include "core/wording.h"
#include "platform/platform.h"

namespace shelfmark {

namespace {

using nlohmann::json;

constexpr size_t kMaxAnnouncements = 8;
constexpr size_t kImportRowsAround =
    25; // the import preview's rows in the mirror: the cursor's, and 25 each side
// The canvas text fields the mirror shows its own field over while it has the focus.
constexpr const char* kFieldRects[] = {"search", "note-editor", "tags", "list-name", "new-paper-title"};
constexpr int64_t kSavedAnnounceGapMs = 4000; // "Saved" at most this often (typing saves often)

bool Dark(const AppState& s) {
    return s.ui.theme == Theme::Dark || (s.ui.theme == Theme::System && s.ui.system_dark);
}

const char* SaveName(SaveState::Kind k) {
    switch (k) {
    case SaveState::Kind::Loading: return "loading";
    case SaveState::Kind::Saved: return "saved";
    case SaveState::Kind::Saving: return "saving";
    case SaveState::Kind::NotSaved: return "notsaved";
    case SaveState::Kind::Unavailable: return "unavailable";
    }
    return "";
}

const char* SaveText(SaveState::Kind k) {
    switch (k) {
    case SaveState::Kind::Loading: return "Loading your saved progress";
    case SaveState::Kind::Saved: return "All changes saved";
    case SaveState::Kind::Saving: return "Saving";
    case SaveState::Kind::NotSaved: return "Not saved";
    case SaveState::Kind::Unavailable: return "Changes are not being saved in this browser";
    }
    return "";
}

std::string Authors(const Paper& p, size_t max) {
    std::string a;
    for (size_t i = 0; i < p.authors.size() && i < max; ++i)
        a += (i ? ", " : "") + p.authors[i];
    if (p.authors.size() > max) a += " et al.";
    return a;
}

// "3 of 12 papers read", "1 of 1 paper read": `what` is the noun for one.
std::string CountsText(Counts c, const std::string& what) {
    return std::to_string(c.read) + " of " + CountOf(c.total, what) + " read";
}

// The rows the mirror renders: what the canvas shows, with a margin on each side.
std::pair<int, int> RowWindow(const AppState& s) {
    const int n = static_cast<int>(s.derived.rows.size());
    int first = s.ui.visible_row_first, last = s.ui.visible_row_last;
    if (first < 0 || last < first || first >= n) {
        const int c = s.ui.cursor.empty() ? -1 : RowIndexOf(s, s.ui.cursor);
        first = last = std::max(0, c);
    }
    first = std::max(0, first - kMirrorRowMargin);
    last = std::min(n - 1, last + kMirrorRowMargin);
    if (last - first + 1 > kMirrorMaxRows) last = first + kMirrorMaxRows - 1;
    return {first, last};
}

json Rect(const AppState& s, const char* name) {
    const auto it = s.probe.rects.find(name);
    if (it == s.probe.rects.end()) return nullptr;
    const Probe::Rect& r = it->second;
    return json::array({std::lround(r.x), std::lround(r.y), std::lround(r.w), std::lround(r.h)});
}

json Lists(const AppState& s) {
    const Derived& d = s.derived;
    json out = json::array();
    out.push_back({{"id", ""},
                   {"title", "All papers"},
                   {"read", d.all.read},
                   {"total", d.all.total},
                   {"current", s.ui.list_id.empty()},
                   {"mine", false}});
    for (size_t li = 0; li < s.catalogue.lists.size(); ++li) {
        const ReadingList& l = s.catalogue.lists[li];
        Counts c;
        if (li < d.list_required.size()) {
            c.read = d.list_required[li].read + d.list_optional[li].read;
            c.total = d.list_required[li].total + d.list_optional[li].total;
        }
        out.push_back({{"id", l.id},
                       {"title", l.title},
                       {"read", c.read},
                       {"total", c.total},
                       {"current", s.ui.list_id == l.id},
                       {"mine", l.kind == "user"}});
    }
    return out;
}

json CurrentList(const AppState& s) {
    const Derived& d = s.derived;
    json l = {{"id", s.ui.list_id}};
    std::string summary;
    const int li = [&] {
        for (size_t i = 0; i < s.catalogue.lists.size(); ++i)
            if (s.catalogue.lists[i].id == s.ui.list_id) return static_cast<int>(i);
        return -1;
    }();
    if (li < 0 || li >= static_cast<int>(d.list_required.size())) {
        l["title"] = "All papers";
        summary = CountsText(d.all, "paper");
    } else {
        const ReadingList& rl = s.catalogue.lists[li];
        l["title"] = rl.title + (rl.term.empty() ? "" : " (" + rl.term + ")");
        l["mine"] = s.user.lists.count(rl.id) > 0; // renamable, deletable, papers can be added
        const Counts req = d.list_required[li], opt = d.list_optional[li];
        summary = CountsText(req, rl.kind == "topic-list" ? "paper" : "required paper");
        if (opt.total)
            summary += "; " + CountsText(opt, d.list_optional_role[li] + " paper"); // the list's word
    }
    if (!s.ui.query.empty())
        summary +=
            ". " + CountOf(d.matches, "paper") + (d.matches == 1 ? " matches" : " match") + " the search";
    l["summary"] = summary;
    return l;
}

json Rows(const AppState& s) {
    const Derived& d = s.derived;
    const Catalogue& c = s.catalogue;
    json rows = json::array();
    if (d.rows.empty()) return rows;
    const auto [first, last] = RowWindow(s);
    for (int r = first; r <= last; ++r) {
        const PaperRow& row = d.rows[static_cast<size_t>(r)];
        if (row.paper < 0) {
            const Section& sec = c.lists[row.list].sections[row.section];
            rows.push_back({{"i", r}, {"section", SectionName(sec)}});
            continue;
        }
        const Paper& p = c.papers[row.paper];
        std::string by = Authors(p, 3);
        if (p.year) by += (by.empty() ? "" : ", ") + std::to_string(p.year);
        std::string role;
        if (row.list >= 0 && row.section >= 0 && row.entry >= 0)
            role = c.lists[row.list].sections[row.section].entries[row.entry].role;
        json j = {{"i", r},   {"id", p.id},   {"title", p.title},
                  {"by", by}, {"role", role}, {"status", StatusName(s.progress.StatusOf(p.id))}};
        if (row.list >= 0 && c.lists[row.list].kind == "user") { // the user's own list: its entries can move
            j["s"] = row.section;
            j["e"] = row.entry;
        }
        if (p.id == s.ui.cursor) j["cursor"] = true;
        if (s.ui.selected.count(p.id)) j["selected"] = true;
        rows.push_back(std::move(j));
    }
    return rows;
}

json Detail(const AppState& s) {
    const Paper* p = s.catalogue.FindPaper(s.ui.cursor);
    if (!p) return nullptr;
    const PaperProgress* rec = s.progress.Find(p->id);
    json links = json::array();
    for (const std::string& url : p->links)
        links.push_back({{"label", url}, {"url", url}});
    std::string venue = p->venue;
    if (p->year) venue += (venue.empty() ? "" : " ") + std::to_string(p->year);
    json appears = json::array();
    const auto it = s.derived.paper_index.find(p->id);
    if (it != s.derived.paper_index.end() && it->second < static_cast<int>(s.derived.lists_of_paper.size()))
        for (int li : s.derived.lists_of_paper[it->second]) {
            const ReadingList& list = s.catalogue.lists[li];
            for (const Section& sec : list.sections)
                for (const Entry& e : sec.entries)
                    if (e.paper == p->id)
                        appears.push_back(list.title + ", " + SectionName(sec) + ", " + e.role);
        }
    std::string tags;
    if (rec)
        for (size_t i = 0; i < rec->tags.size(); ++i)
            tags += (i ? ", " : "") + rec->tags[i];
    return {{"id", p->id},
            {"title", p->title},
            {"authors", Authors(*p, 50)},
            {"venue", venue},
            {"kind", p->kind},
            {"links", links},
            {"status", StatusName(s.progress.StatusOf(p->id))},
            {"priority", rec ? rec->priority : 0},
            {"tags", tags},
            {"appearsIn", appears},
            {"note", rec ? rec->note : std::string()},
            {"noteMessage", s.ui.note_paper == p->id ? s.ui.note_message : std::string()},
            {"quarantined", s.progress.HasQuarantined(p->id)}};
}

void PreviewLines(const ImportPreview& p, json& lines) {
    for (std::string line : ImportPreviewLines(p)) { // the canvas dialog's words, as sentences
        if (!line.empty() && line[0] >= 'a' && line[0] <= 'z')
            line[0] = static_cast<char>(line[0] - 'a' + 'A');
        lines.push_back(line + ".");
    }
}

// The Statistics view (panel_stats.cpp) in the papers' place: what the canvas says, and the
// chart's weeks as a list. null when not shown.
json StatsView(const AppState& s) {
    if (!s.ui.show_stats) return nullptr;
    const Derived& d = s.derived;
    json lines = json::array();
    lines.push_back(CountsText(d.all, "paper") + ".");
    const int64_t now = platform::NowMs();
    const FinishedPerWeek f = ChartWeeks(s.progress, now, kStatsWeeks);
    json weeks = json::array();
    for (size_t i = 0; i < f.weeks.size(); ++i) {
        const int64_t start = f.end_ms - kWeekMs * static_cast<int64_t>(f.weeks.size() - i) + kDayMs;
        const bool this_week = f.end_ms == now && i + 1 == f.weeks.size();
        weeks.push_back({{"label", this_week ? std::string("This week") : "Week from " + IsoDateOf(start)},
                         {"count", f.weeks[i]}});
    }
    std::string chart = "Papers finished per week, ";
    chart += f.end_ms == now ? "the last " + std::to_string(kStatsWeeks) + " weeks"
                             : "nothing in the last " + std::to_string(kStatsWeeks) + " weeks; the " +
                                   std::to_string(kStatsWeeks) + " weeks up to the last paper finished, " +
                                   IsoDateOf(f.latest_ms);
    chart += ": " + CountOf(f.Shown(), "paper") + ".";
    if (f.earlier > 0 && f.end_ms == now)
        chart += " " + CountOf(f.earlier, "paper") + " read before these weeks.";
    for (size_t li = 0; li < s.catalogue.lists.size() && li < d.list_required.size(); ++li) {
        const ReadingList& l = s.catalogue.lists[li];
        const Counts req = d.list_required[li], opt = d.list_optional[li];
        std::string line = l.title + ": ";
        if (req.total) {
            line += CountsText(req, l.kind == "topic-list" ? "paper" : "required paper");
            if (l.kind != "topic-list" && req.total > req.read)
                line += ", " + CountOf(req.total - req.read, "required paper") + " left";
        }
        if (opt.total) line += (req.total ? "; " : "") + CountsText(opt, d.list_optional_role[li] + " paper");
        lines.push_back(line + ".");
    }
    return {{"title", "Statistics"},
            {"lines", lines},
            {"chart", chart},
            {"weeks", weeks},
            {"back", "Back to papers"}};
}

// The import preview's rows near the keyboard's row (ImportRowAt), as the canvas lists them:
// never all of a 10,000-item file. null when the file has no items.
json ImportItems(const PendingImport& im) {
    const size_t rows = ImportRowCount(im);
    if (rows == 0) return nullptr;
    const size_t cursor = std::min(im.cursor, rows - 1);
    const size_t from = cursor > kImportRowsAround ? cursor - kImportRowsAround : 0;
    const size_t to = std::min(rows, cursor + kImportRowsAround + 1);
    const std::vector<MarkdownItem>& items = im.PreviewItems();
    json out = json::array();
    for (size_t row = from; row < to; ++row) {
        const ImportRow r = ImportRowAt(im, row);
        if (r.header) {
            const ImportItemSection& sec = im.item_sections[r.section];
            out.push_back(
                {{"row", row},
                 {"kind", "section"},
                 {"label", "Section: " + (sec.title.empty() ? std::string("(no section)") : sec.title)},
                 {"detail", std::to_string(sec.count - sec.excluded) + " of " +
                                CountOf(static_cast<int64_t>(sec.count), "item") + " included"},
                 {"checked", sec.excluded < sec.count},
                 {"mixed", sec.excluded > 0 && sec.excluded < sec.count}});
            continue;
        }
        const MarkdownItem& it = items[r.item];
        const ImportItemInfo& info = im.item_info[r.item];
        std::string detail = info.new_paper >= 0 ? "new paper"
                             : it.paper.empty()
                                 ? "no match"
                                 : "matches " + (info.matched_title.empty() ? it.paper : info.matched_title);
        if (const std::string meta = ItemMetadataLine(it); !meta.empty()) detail += " \xC2\xB7 " + meta;
        out.push_back({{"row", row},
                       {"kind", "item"},
                       {"label", it.title.empty() ? std::string("(untitled)") : it.title},
                       {"detail", detail},
                       {"checked", !im.Excluded(r.item)},
                       {"mixed", false}});
    }
    return {{"label", "Items to import"},
            {"summary", ItemSelectionLine(im.item_counts)},
            {"total", rows},
            {"cursor", cursor},
            {"rows", out}};
}

json Dialog(const AppState& s) {
    const PendingImport& im = s.import;
    if (im.open) {
        json lines = json::array(), choices = json::array();
        lines.push_back("File: " + im.file_name);
        const std::optional<ImportMode> def = im.Default(); // the canvas dialog's too
        const auto choice = [&](const char* id, const char* label, ImportMode mode) {
            choices.push_back({{"id", id}, {"label", label}, {"default", def == mode}});
        };
        if (!im.error.empty()) {
            lines.push_back("This file cannot be imported; nothing was changed. " + im.error);
        } else if (im.file) {
            lines.push_back("A Shelfmark progress file, exported " + im.file->exported_at + ".");
            lines.push_back("Merge (recommended): per field the newer change wins; nothing is deleted.");
            PreviewLines(im.merge, lines);
            lines.push_back(
                "Replace: make this browser's data equal to the file (a backup is downloaded first).");
            PreviewLines(im.replace, lines);
            choice("merge", "Merge", ImportMode::Merge);
            choice("replace", "Replace", ImportMode::Replace);
        } else {
            if (im.checklist) {
                lines.push_back(ChecklistPreviewLine(im.checklist_preview));
                if (im.Offers(ImportMode::ChecklistProgress))
                    choice("checklist", "Mark ticked papers as read", ImportMode::ChecklistProgress);
            } else if (!im.bibtex) {
                lines.push_back("No checklist boxes to use as progress (" + im.checklist_error + ").");
            }
            if (im.reading_list) {
                lines.push_back(NewListPreviewLine(im));
                if (im.bibtex) lines.push_back(BibtexProgressLine(im.bibtex_progress));
                if (im.Offers(ImportMode::NewList))
                    choice("newlist", "Add as a new list", ImportMode::NewList);
                else
                    lines.push_back("Nothing to add: " + im.WhyNot(ImportMode::NewList) + ".");
            } else {
                lines.push_back("Not usable as a list: " + im.reading_list_error);
            }
        }
        return {{"kind", "import"},   {"title", "Import " + im.file_name},
                {"lines", lines},     {"items", ImportItems(im)},
                {"choices", choices}, {"cancel", im.error.empty() ? "Cancel" : "Close"}};
    }
    if (s.ui.show_help) {
        json lines = json::array();
        for (const HelpShortcut& k : kHelpShortcuts)
            lines.push_back(std::string(k.keys) + ": " + k.what);
        return {{"kind", "help"},
                {"title", "Keyboard shortcuts"},
                {"lines", lines},
                {"choices", json::array()},
                {"cancel", "Close"}};
    }
    return nullptr;
}

std::string Str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}
int Int(const json& j, const char* key, int otherwise) {
    const auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer()) return otherwise;
    const int64_t v = it->get<int64_t>();
    return v < INT32_MIN || v > INT32_MAX ? otherwise : static_cast<int>(v);
}
bool Bool(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_boolean() && it->get<bool>();
}

} // namespace

void Announce(AppState& s, std::string text) {
    s.announcements.push_back({++s.announce_seq, std::move(text)});
    if (s.announcements.size() > kMaxAnnouncements) s.announcements.erase(s.announcements.begin());
}

void AnnounceTransitions(AppState& s, MirrorState& m, int64_t now_ms) {
    const SaveState::Kind k = s.save.kind;
    if (k != m.last_save) {
        using K = SaveState::Kind;
        if (k == K::NotSaved || k == K::Unavailable) {
            Announce(s, std::string(SaveText(k)) + (s.save.why.empty() ? "" : ": " + s.save.why));
        } else if (k == K::Saved && m.last_save != K::Loading) {
            // Typing saves every few hundred ms: say "saved" after a failure, or at most
            // every few seconds, so the live region does not talk over the typing.
            if (m.last_save == K::NotSaved || now_ms - m.last_saved_announce_ms >= kSavedAnnounceGapMs) {
                Announce(s, "All changes saved.");
                m.last_saved_announce_ms = now_ms;
            }
        }
        m.last_save = k;
    }
    if (s.notice != m.last_notice) {
        if (!s.notice.empty()) Announce(s, s.notice);
        m.last_notice = s.notice;
    }
}

bool MirrorChanged(const AppState& s, MirrorState& m) {
    const Stale& st = s.stale;
    std::string key;
    key.reserve(256);
    const auto add = [&](const std::string& v) {
        key += v;
        key += '\x1f';
    };
    const auto num = [&](int64_t v) { add(std::to_string(v)); };
    num(static_cast<int64_t>(st.data));
    num(static_cast<int64_t>(st.rows));
    num(static_cast<int64_t>(st.catalogue));
    num(static_cast<int64_t>(s.derived.rows.size()));
    num(s.ui.visible_row_first);
    num(s.ui.visible_row_last);
    add(s.ui.cursor);
    num(static_cast<int64_t>(s.ui.selected.size()));
    add(s.ui.list_id);
    add(s.ui.query);
    add(s.ui.query_error);
    num(s.derived.matches_all);
    num(HiddenSelected(s)); // the scope line (DescribeScope)
    num(s.ui.status_refused);
    num(static_cast<int>(s.save.kind));
    add(s.save.why);
    add(s.notice);
    num(static_cast<int64_t>(s.storage_problems.size()));
    add(s.fatal_error);
    num(s.import.open);
    add(s.import.file_name);
    num(static_cast<int64_t>(s.import.selection_seq)); // the import preview's items
    num(static_cast<int64_t>(s.import.cursor));
    num(s.ui.show_help);
    num(s.ui.show_stats);
    num(Dark(s));
    num(static_cast<int>(s.ui.theme));
    num(s.ui.text_size_percent);
    num(s.announce_seq);
    add(s.ui.note_message);
    num(static_cast<int64_t>(s.user.lists.size()));
    for (const char* r : kFieldRects)
        add(Rect(s, r).dump());
    if (key == m.key) return false;
    m.key = std::move(key);
    return true;
}

std::string BuildMirror(const AppState& s) {
    json m;
    m["v"] = 1;
    m["theme"] = Dark(s) ? "dark" : "light";
    m["themeSetting"] = s.ui.theme == Theme::Dark ? "dark" : s.ui.theme == Theme::Light ? "light" : "system";
    m["textSize"] = s.ui.text_size_percent;
    m["save"] = {{"state", SaveName(s.save.kind)}, {"text", SaveText(s.save.kind)}, {"why", s.save.why}};
    std::string banner = s.fatal_error;
    if (s.save.kind == SaveState::Kind::NotSaved || s.save.kind == SaveState::Kind::Unavailable)
        banner += (banner.empty() ? "" : " ") +
                  std::string("Your changes are not being saved in this browser: ") + s.save.why +
                  ". Export your progress (Ctrl+S) to keep your work.";
    if (!s.storage_problems.empty())
        banner += (banner.empty() ? "" : " ") +
                  std::string("Some saved data could not be read by this version; it is kept unchanged and "
                              "included in exports.");
    m["banner"] = banner;
    m["notice"] = s.notice;
    m["lists"] = Lists(s);
    json mine = json::array();
    for (const auto& [id, ul] : s.user.lists)
        mine.push_back({{"id", id}, {"title", ul.list.title}});
    m["myLists"] = mine;
    m["list"] = CurrentList(s);
    m["query"] = s.ui.query;
    m["queryError"] = s.ui.query_error;
    const SearchScope scope = DescribeScope(s); // the line above the canvas's table
    m["scope"] = {{"text", scope.text},
                  {"widen", scope.can_widen},
                  {"hidden", scope.hidden_text},
                  {"refused", s.ui.status_refused}};
    m["rowTotal"] = s.derived.rows.size();
    m["rows"] = Rows(s);
    m["detail"] = Detail(s);
    m["dialog"] = Dialog(s);
    m["stats"] = StatsView(s);
    json announce = json::array();
    for (const auto& a : s.announcements)
        announce.push_back({{"seq", a.seq}, {"text", a.text}});
    m["announce"] = announce;
    json rects = json::object();
    for (const char* r : kFieldRects)
        rects[r] = Rect(s, r);
    m["rects"] = rects;
    return m.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool ApplyMirrorAction(AppState& s, const std::string& text) {
    const json a = json::parse(text, nullptr, false);
    if (!a.is_object()) return false;
    const std::string what = Str(a, "do"), id = Str(a, "id"), value = Str(a, "value");
    auto& in = s.intents;
    const auto paper_known = [&] { return s.catalogue.FindPaper(id) != nullptr; };
    if (what == "focus") {
        s.ui.dom_focus = Str(a, "name");
    } else if (what == "list") {
        in.push_back(intent::SelectList{id});
    } else if (what == "open" || what == "focus-row") {
        if (!paper_known()) return false;
        in.push_back(intent::SelectPaper{id, intent::SelectMode::Replace});
        s.ui.scroll_to_cursor = true;
    } else if (what == "status") {
        const auto st = ParseStatus(value);
        if (!st || !paper_known()) return false;
        in.push_back(intent::SetStatus{{id}, *st});
    } else if (what == "note") {
        if (!paper_known()) return false;
        if (value.size() > kMaxNoteBytes) {
            Announce(s, "This note is longer than the limit of " + std::to_string(kMaxNoteBytes / 1024) +
                            " KB; the last change was not saved.");
            return false;
        }
        in.push_back(intent::SetNote{id, value, false});
    } else if (what == "tags") {
        if (!paper_known()) return false;
        in.push_back(intent::SetTags{id, value});
    } else if (what == "priority") {
        int p = Int(a, "value", -1);
        if (!value.empty()) p = value.size() == 1 && value[0] >= '0' && value[0] <= '9' ? value[0] - '0' : -1;
        if (!paper_known() || p < 0 || p > kMaxPriority) return false;
        in.push_back(intent::SetPriority{id, p});
    } else if (what == "query") {
        if (value.size() > kMaxQueryBytes) return false;
        s.ui.search_buffer = value;
        in.push_back(intent::SetQuery{value});
    } else if (what == "first-hit") {
        in.push_back(intent::GoToHit{true});
    } else if (what == "search-all") {
        if (s.ui.list_id.empty()) return false;
        in.push_back(intent::SearchAllPapers{});
    } else if (what == "export") {
        in.push_back(intent::Export{});
    } else if (what == "import") {
        in.push_back(intent::Import{});
    } else if (what == "help") {
        if (!s.ui.show_help) in.push_back(intent::ToggleHelp{});
    } else if (what == "stats") {
        if (!s.ui.show_stats) in.push_back(intent::ToggleStats{});
    } else if (what == "undo") {
        in.push_back(intent::Undo{});
    } else if (what == "newlist") {
        in.push_back(intent::CreateList{"My list"});
    } else if (what == "add-to-list") {
        const std::string list = Str(a, "list");
        if (!paper_known() || !s.user.lists.count(list)) return false;
        in.push_back(intent::AddToList{list, id});
    } else if (what == "rename-list" || what == "delete-list" || what == "add-paper" ||
               what == "remove-entry" || what == "move-entry") {
        const std::string list = Str(a, "list");
        if (!s.user.lists.count(list)) return false;
        const int sec = Int(a, "s", -1), ent = Int(a, "e", -1);
        if (what == "rename-list") {
            if (value.empty() || value.size() > kMaxUserTitleBytes) return false;
            in.push_back(intent::RenameList{list, value});
        } else if (what == "delete-list") {
            in.push_back(intent::DeleteList{list});
        } else if (what == "add-paper") {
            Paper p;
            p.title = Str(a, "title");
            if (p.title.empty() || p.title.size() > kMaxUserTitleBytes) return false;
            p.authors = SplitCommaList(Str(a, "authors"));
            p.venue = Str(a, "venue");
            const int year = Int(a, "year", 0);
            p.year = year >= 1000 && year <= 9999 ? year : 0;
            if (const std::string link = Str(a, "link"); !link.empty()) p.links = {link};
            in.push_back(intent::AddPaper{list, std::move(p)});
        } else if (sec < 0 || ent < 0) {
            return false;
        } else if (what == "remove-entry") {
            in.push_back(intent::RemoveEntry{list, sec, ent});
        } else {
            in.push_back(intent::MoveEntry{list, sec, ent, Bool(a, "up")});
        }
    } else if (what == "text-size") {
        const int pct = Int(a, "value", 0);
        if (pct < kMinTextSize || pct > kMaxTextSize) return false;
        in.push_back(intent::SetTextSize{pct});
    } else if (what == "theme") {
        const Theme t = value == "dark" ? Theme::Dark : value == "light" ? Theme::Light : Theme::System;
        in.push_back(intent::SetTheme{t});
    } else if (what == "dialog") {
        const std::string c = Str(a, "choice");
        if (!s.import.open) return false;
        const ImportMode mode = c == "replace"     ? ImportMode::Replace
                                : c == "checklist" ? ImportMode::ChecklistProgress
                                : c == "newlist"   ? ImportMode::NewList
                                                   : ImportMode::Merge;
        if (!s.import.Offers(mode)) return false;
        in.push_back(intent::ApplyImport{mode});
    } else if (what == "import-toggle" || what == "import-cursor") { // the preview's rows
        const int row = Int(a, "row", -1);
        if (!s.import.open || row < 0 || static_cast<size_t>(row) >= ImportRowCount(s.import)) return false;
        in.push_back(intent::SetImportCursor{static_cast<size_t>(row)});
        if (what == "import-toggle") in.push_back(ImportRowToggle(s.import, static_cast<size_t>(row)));
    } else if (what == "cancel") {
        if (s.import.open)
            in.push_back(intent::CancelImport{});
        else if (s.ui.show_help)
            in.push_back(intent::ToggleHelp{});
        else if (s.ui.show_stats)
            in.push_back(intent::ToggleStats{});
    } else {
        return false;
    }
    return true;
}

} // namespace shelfmark
