#include "core/progress_file.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/json_fields.h"
#include "core/json_limits.h"

namespace shelfmark {

namespace {

using jsonf::Ptr;
using jsonf::Quote;

// ------------------------------------------------------------------ civil time (UTC)

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const int64_t era = (y >= 0 ? y : y - 399) / 400;
    const unsigned yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

void CivilFromDays(int64_t z, int64_t* y, unsigned* m, unsigned* d) {
    z += 719468;
    const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const unsigned doe = static_cast<unsigned>(z - era * 146097);
    const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = static_cast<int64_t>(yoe) + era * 400 + (*m <= 2);
}

std::string Two(unsigned v) { return std::string(1, char('0' + v / 10 % 10)) + char('0' + v % 10); }

std::string DateOf(int64_t ms) {
    if (ms < 0) ms = 0;
    int64_t y = 0;
    unsigned m = 0, d = 0;
    CivilFromDays(ms / 86400000, &y, &m, &d);
    std::string year = std::to_string(y);
    while (year.size() < 4)
        year = "0" + year;
    return year + "-" + Two(m) + "-" + Two(d);
}

// ------------------------------------------------------------------ writing

std::string Dump(const nlohmann::ordered_json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// "  "key": [\n    item,\n    item\n  ]" with one compact item per line.
void WriteArray(std::string& out, const char* key, const std::vector<std::string>& items, bool last) {
    out += "  \"";
    out += key;
    out += "\": [";
    if (items.empty()) {
        out += "]";
    } else {
        for (size_t i = 0; i < items.size(); ++i) {
            out += i ? ",\n    " : "\n    ";
            out += items[i];
        }
        out += "\n  ]";
    }
    out += last ? "\n" : ",\n";
}

// ------------------------------------------------------------------ reading

ProgressFileError ErrorAt(std::string_view text, const std::string& pointer, std::string message) {
    ProgressFileError e;
    e.pointer = pointer;
    e.message = std::move(message);
    const size_t offset = LocateJsonPointer(text, pointer);
    JsonLineColumn(text, offset, &e.line, &e.column);
    return e;
}

// Skips one JSON value starting at pos (text is known to be valid JSON).
size_t SkipValue(std::string_view t, size_t pos) {
    if (pos >= t.size()) return pos;
    if (t[pos] == '"') {
        for (size_t i = pos + 1; i < t.size(); ++i) {
            if (t[i] == '\\')
                ++i;
            else if (t[i] == '"')
                return i + 1;
        }
        return t.size();
    }
    if (t[pos] == '{' || t[pos] == '[') {
        size_t depth = 0;
        for (size_t i = pos; i < t.size(); ++i) {
            const char c = t[i];
            if (c == '"') {
                i = SkipValue(t, i) - 1;
            } else if (c == '{' || c == '[') {
                ++depth;
            } else if (c == '}' || c == ']') {
                if (--depth == 0) return i + 1;
            }
        }
        return t.size();
    }
    size_t i = pos;
    while (i < t.size() && t[i] != ',' && t[i] != '}' && t[i] != ']' && t[i] != ' ' && t[i] != '\n' &&
           t[i] != '\r' && t[i] != '\t')
        ++i;
    return i;
}

size_t SkipSpace(std::string_view t, size_t pos) {
    while (pos < t.size() && (t[pos] == ' ' || t[pos] == '\n' || t[pos] == '\r' || t[pos] == '\t'))
        ++pos;
    return pos;
}

std::string DecodeJsonString(std::string_view raw_with_quotes) {
    if (raw_with_quotes.find('\\') == std::string_view::npos && raw_with_quotes.size() >= 2)
        return std::string(raw_with_quotes.substr(1, raw_with_quotes.size() - 2));
    const nlohmann::json j = nlohmann::json::parse(raw_with_quotes, nullptr, false);
    return j.is_string() ? j.get_ref<const std::string&>() : std::string();
}

struct Limits {
    static JsonLimits Json() {
        JsonLimits lim;
        lim.max_bytes = kMaxProgressFileBytes;
        lim.max_depth = kMaxProgressFileDepth;
        // A note of \uXXXX escapes, or a quarantined record (every byte may need a \).
        lim.max_string_bytes = std::max(kMaxNoteBytes * 6, kMaxQuarantineRecordBytes * 2) + 16;
        return lim;
    }
};

// Values the user would recognize, for preview conflicts.
struct FieldView {
    const char* name;
    int64_t local_at, file_at;
    bool differ;
};

} // namespace

std::string FormatIsoUtc(int64_t ms) {
    if (ms < 0) ms = 0;
    const int64_t s = ms / 1000;
    const int64_t sod = s % 86400;
    return DateOf(ms) + "T" + Two(static_cast<unsigned>(sod / 3600)) + ":" +
           Two(static_cast<unsigned>(sod / 60 % 60)) + ":" + Two(static_cast<unsigned>(sod % 60)) + "Z";
}

std::optional<int64_t> ParseIsoUtc(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS[.f+]Z
    auto digits = [&](size_t at, size_t n, int64_t* out) {
        if (at + n > s.size()) return false;
        int64_t v = 0;
        for (size_t i = at; i < at + n; ++i) {
            if (s[i] < '0' || s[i] > '9') return false;
            v = v * 10 + (s[i] - '0');
        }
        *out = v;
        return true;
    };
    int64_t y, mo, d, h, mi, se;
    if (s.size() < 20 || !digits(0, 4, &y) || s[4] != '-' || !digits(5, 2, &mo) || s[7] != '-' ||
        !digits(8, 2, &d) || (s[10] != 'T' && s[10] != 't') || !digits(11, 2, &h) || s[13] != ':' ||
        !digits(14, 2, &mi) || s[16] != ':' || !digits(17, 2, &se))
        return std::nullopt;
    size_t i = 19;
    int64_t ms = 0;
    if (i < s.size() && s[i] == '.') {
        size_t k = i + 1;
        int64_t scale = 100;
        while (k < s.size() && s[k] >= '0' && s[k] <= '9') {
            ms += (s[k] - '0') * scale;
            scale /= 10;
            ++k;
        }
        if (k == i + 1 || k - i - 1 > 9) return std::nullopt;
        i = k;
    }
    if (i + 1 != s.size() || (s[i] != 'Z' && s[i] != 'z')) return std::nullopt;
    static const unsigned kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h > 23 || mi > 59 || se > 60) return std::nullopt;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (mo == 2 && d == 29 && !leap) return std::nullopt;
    if (se == 60) se = 59; // a leap second: keep it within the minute
    const int64_t days = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
    return ((days * 24 + h) * 60 + mi) * 60000 + se * 1000 + ms;
}

std::string ProgressFileName(int64_t now_ms) { return "shelfmark-progress-" + DateOf(now_ms) + ".json"; }

std::string ProgressFileError::ToString() const {
    std::string where;
    if (line) where = "line " + std::to_string(line);
    if (line && column && pointer.empty()) where += ", column " + std::to_string(column);
    if (!pointer.empty()) where += (where.empty() ? "" : " ") + std::string("(") + pointer + ")";
    return where.empty() ? message : where + ": " + message;
}

std::string ExportProgressFile(const ProgressFile& file, int64_t exported_at_ms,
                               std::string_view app_version) {
    std::vector<std::string> papers, lists, user_papers;
    std::vector<const PaperProgress*> sorted;
    for (const PaperProgress& p : file.papers)
        sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(),
              [](const PaperProgress* a, const PaperProgress* b) { return a->paper < b->paper; });
    for (const PaperProgress* p : sorted)
        papers.push_back(ProgressRecordToJson(*p));
    for (const auto& [id, l] : file.user.lists)
        lists.push_back(Dump(UserListToValue(l)));
    for (const auto& [id, p] : file.user.papers)
        user_papers.push_back(Dump(UserPaperToValue(p)));
    std::map<std::string, const QuarantinedRecord*> quarantined; // by id: sorted, unique
    for (const QuarantinedRecord& q : file.quarantine)
        if (q.record.size() <= kMaxQuarantineRecordBytes && quarantined.size() < kMaxQuarantinedRecords)
            quarantined.emplace(q.Id(), &q);
    std::vector<std::string> quarantine;
    for (const auto& [id, q] : quarantined) {
        nlohmann::ordered_json j;
        j["key"] = q->key;
        j["reason"] = q->reason;
        j["record"] = q->record;
        quarantine.push_back(Dump(j));
    }
    bool v2 = !quarantine.empty();
    for (const PaperProgress* p : sorted)
        v2 = v2 || !p->note_copies.empty();

    std::string out = "{\n";
    out += "  \"format\": \"" + std::string(kProgressFileFormat) + "\",\n";
    out += "  \"version\": " + std::to_string(v2 ? 2 : 1) + ",\n";
    // A device clock past year 9999 must not make a file this reader refuses.
    out += "  \"exportedAt\": \"" + FormatIsoUtc(std::clamp<int64_t>(exported_at_ms, 0, kMaxTimestampMs)) +
           "\",\n";
    out += "  \"appVersion\": " + Dump(nlohmann::ordered_json(std::string(app_version))) + ",\n";
    WriteArray(out, "papers", papers, false);
    WriteArray(out, "lists", lists, false);
    WriteArray(out, "userPapers", user_papers, quarantine.empty());
    if (!quarantine.empty()) WriteArray(out, "quarantine", quarantine, true);
    out += "}\n";
    return out;
}

std::string ExportProgressFile(const Progress& progress, const UserData& user, int64_t exported_at_ms,
                               std::string_view app_version) {
    ProgressFile f;
    for (const auto& [id, p] : progress.Records())
        f.papers.push_back(p);
    f.user = user;
    for (const auto& [id, q] : progress.Quarantined())
        f.quarantine.push_back(q);
    return ExportProgressFile(f, exported_at_ms, app_version);
}

size_t LocateJsonPointer(std::string_view t, std::string_view pointer) {
    // Split the pointer into unescaped tokens.
    std::vector<std::string> tokens;
    for (size_t i = 0; i < pointer.size();) {
        if (pointer[i] != '/') break;
        size_t j = pointer.find('/', i + 1);
        if (j == std::string_view::npos) j = pointer.size();
        std::string tok;
        for (size_t k = i + 1; k < j; ++k) {
            if (pointer[k] == '~' && k + 1 < j) {
                tok += pointer[k + 1] == '1' ? '/' : '~';
                ++k;
            } else {
                tok += pointer[k];
            }
        }
        tokens.push_back(tok);
        i = j;
    }
    size_t pos = SkipSpace(t, 0);
    if (t.compare(pos, 3, "\xEF\xBB\xBF") == 0) pos = SkipSpace(t, pos + 3);
    for (const std::string& tok : tokens) {
        if (pos >= t.size()) return t.size();
        const size_t container = pos;
        bool found = false;
        if (t[pos] == '{') {
            pos = SkipSpace(t, pos + 1);
            while (pos < t.size() && t[pos] == '"') {
                const size_t key_end = SkipValue(t, pos);
                const std::string key = DecodeJsonString(t.substr(pos, key_end - pos));
                pos = SkipSpace(t, key_end);
                if (pos < t.size() && t[pos] == ':') pos = SkipSpace(t, pos + 1);
                if (key == tok) {
                    found = true;
                    break;
                }
                pos = SkipSpace(t, SkipValue(t, pos));
                if (pos < t.size() && t[pos] == ',') pos = SkipSpace(t, pos + 1);
            }
        } else if (t[pos] == '[') {
            size_t want = 0;
            for (char c : tok) {
                if (c < '0' || c > '9') return container;
                want = want * 10 + static_cast<size_t>(c - '0');
                if (want > t.size()) return container;
            }
            pos = SkipSpace(t, pos + 1);
            for (size_t i = 0; pos < t.size() && t[pos] != ']'; ++i) {
                if (i == want) {
                    found = true;
                    break;
                }
                pos = SkipSpace(t, SkipValue(t, pos));
                if (pos < t.size() && t[pos] == ',') pos = SkipSpace(t, pos + 1);
            }
        }
        if (!found) return container;
    }
    return pos;
}

std::optional<ProgressFile> ParseProgressFile(std::string_view text, ProgressFileError* error) {
    auto fail = [&](ProgressFileError e) -> std::optional<ProgressFile> {
        if (error) *error = std::move(e);
        return std::nullopt;
    };
    auto fail_whole = [&](std::string message) {
        ProgressFileError e;
        e.message = std::move(message);
        return fail(std::move(e));
    };
    if (text.size() > kMaxProgressFileBytes) {
        return fail_whole("file too large: " + std::to_string(text.size()) + " bytes, the limit is " +
                          std::to_string(kMaxProgressFileBytes) + " bytes (" +
                          std::to_string(kMaxProgressFileBytes >> 20) + " MiB)");
    }
    const bool utf16 =
        text.size() >= 2 &&
        ((static_cast<unsigned char>(text[0]) == 0xFF && static_cast<unsigned char>(text[1]) == 0xFE) ||
         (static_cast<unsigned char>(text[0]) == 0xFE && static_cast<unsigned char>(text[1]) == 0xFF));
    const bool nul = text.substr(0, 4).find('\0') != std::string_view::npos;
    if (utf16 || nul) {
        return fail_whole("the file is not UTF-8 text (it looks like UTF-16 or UTF-32); progress files are "
                          "UTF-8 JSON");
    }
    std::string_view body = text;
    if (body.compare(0, 3, "\xEF\xBB\xBF") == 0) body.remove_prefix(3); // a BOM some editors add
    if (body.compare(0, 3, "\xEF\xBB\xBF") == 0)
        return fail_whole("the file starts with two byte order marks (U+FEFF); remove the second one");
    if (const size_t nul_at = body.find('\0'); nul_at != std::string_view::npos) {
        ProgressFileError e;
        e.line =
            1 + static_cast<size_t>(std::count(body.begin(), body.begin() + static_cast<long>(nul_at), '\n'));
        e.message = "the file contains a NUL byte (at byte " +
                    std::to_string(nul_at + (body.data() - text.data())) + "); progress files are UTF-8 text";
        return fail(std::move(e));
    }
    if (SkipSpace(body, 0) == body.size()) return fail_whole("the file is empty");

    // The papers array is streamed: each record is read as soon as its values are built,
    // and its DOM dropped (memory: the text, the records read, one element). Its problems
    // are kept and reported below in the order the whole-DOM reader used: the file's
    // format and version first, then the first paper at fault.
    std::vector<PaperProgress> records;
    size_t paper_count = 0;
    size_t bad_paper = std::numeric_limits<size_t>::max();
    std::string bad_field, bad_message;
    const auto on_paper = [&](size_t i, nlohmann::json& value) {
        ++paper_count;
        if (bad_paper != std::numeric_limits<size_t>::max() || paper_count > kMaxProgressFilePapers) return;
        std::string field, message;
        std::optional<PaperProgress> p = ProgressRecordFromValue(value, true, &field, &message);
        if (!p) {
            bad_paper = i;
            bad_field = std::move(field);
            bad_message = std::move(message);
            return;
        }
        records.push_back(std::move(*p));
    };
    JsonError jerr;
    const std::optional<nlohmann::json> parsed =
        ParseJsonStreamingArray(body, Limits::Json(), "papers", kMaxProgressRecordBytes, on_paper, &jerr);
    if (!parsed && !jerr.pointer.empty()) { // one record over kMaxProgressRecordBytes
        ProgressFileError e;
        e.pointer = jerr.pointer;
        e.line = jerr.line;
        e.column = jerr.column;
        e.message = "a paper record larger than the limit of " +
                    std::to_string(kMaxProgressRecordBytes >> 20) + " MiB of values (" + jerr.message + ")";
        return fail(std::move(e));
    }
    if (!parsed) {
        ProgressFileError e;
        e.line = jerr.line;
        e.column = jerr.column;
        e.message = jerr.message;
        size_t end = body.size();
        while (end > 0 && (body[end - 1] == ' ' || body[end - 1] == '\n' || body[end - 1] == '\r' ||
                           body[end - 1] == '\t'))
            --end;
        if (jerr.offset >= end && e.message.find("end of input") != std::string::npos)
            e.message = "the file ends too early (truncated?): " + e.message;
        else
            e.message = "not valid JSON: " + e.message;
        return fail(std::move(e));
    }
    const nlohmann::json& root = *parsed;
    if (!root.is_object()) {
        return fail_whole(
            std::string("not a Shelfmark progress file: the top level must be an object, not ") +
            jsonf::TypeName(root));
    }

    jsonf::Problem problem;
    auto fail_problem = [&]() { return fail(ErrorAt(body, problem.pointer, problem.message)); };
    jsonf::ObjectReader r(root, "", true, &problem);

    // Format and version first: a newer file may differ in everything else.
    std::string format;
    const auto fit = root.find("format");
    const nlohmann::json* fv = fit == root.end() ? nullptr : &*fit;
    if (!fv) return fail_whole("not a Shelfmark progress file: \"format\" is missing");
    if (!fv->is_string() || fv->get_ref<const std::string&>() != kProgressFileFormat) {
        return fail(ErrorAt(body, "/format",
                            "not a Shelfmark progress file: \"format\" is " +
                                (fv->is_string() ? Quote(fv->get_ref<const std::string&>())
                                                 : std::string(jsonf::TypeName(*fv))) +
                                ", expected \"" + kProgressFileFormat + "\""));
    }
    const auto vit = root.find("version");
    const nlohmann::json* vv = vit == root.end() ? nullptr : &*vit;
    if (!vv) return fail(ErrorAt(body, "", "missing required field \"version\""));
    int64_t version = 0;
    if (!jsonf::ObjectReader::ToInt(*vv, std::numeric_limits<int64_t>::min(),
                                    std::numeric_limits<int64_t>::max(), &version)) {
        return fail(ErrorAt(body, "/version",
                            "\"version\" must be an integer, not " + jsonf::ObjectReader::Describe(*vv)));
    }
    if (version > kProgressFileVersion) {
        return fail(ErrorAt(body, "/version",
                            "this file was made by a newer Shelfmark (format version " +
                                std::to_string(version) + "; this Shelfmark reads up to version " +
                                std::to_string(kProgressFileVersion) + "): update Shelfmark to import it"));
    }
    if (version < 1)
        return fail(ErrorAt(body, "/version", "unsupported format version " + std::to_string(version)));

    ProgressFile file;
    file.version = static_cast<int>(version);
    if (!r.OnlyKnownKeys({"format", "version", "exportedAt", "appVersion", "papers", "lists", "userPapers",
                          "quarantine"}) ||
        !r.String("exportedAt", &file.exported_at, true, 64) ||
        !r.String("appVersion", &file.app_version, true, kMaxAppVersionBytes))
        return fail_problem();
    if (!ParseIsoUtc(file.exported_at)) {
        return fail(ErrorAt(body, "/exportedAt",
                            "\"exportedAt\" must be an ISO 8601 UTC time like 2026-01-31T12:00:00Z, not " +
                                Quote(file.exported_at)));
    }

    // Papers.
    const nlohmann::json* papers = nullptr;
    if (!r.Required("papers", &papers)) return fail_problem();
    if (!papers->is_array())
        return fail(ErrorAt(body, "/papers",
                            std::string("\"papers\" must be an array, not ") + jsonf::TypeName(*papers)));
    // Streamed: papers (the root's empty copy) is an array, its elements were read above.
    if (paper_count > kMaxProgressFilePapers) {
        return fail(ErrorAt(body, "/papers",
                            "more than " + std::to_string(kMaxProgressFilePapers) + " papers (" +
                                std::to_string(paper_count) + ")"));
    }
    std::map<std::string, size_t> seen;
    for (size_t i = 0; i <= records.size() && i <= bad_paper; ++i) {
        const std::string base = Ptr("/papers", i);
        if (i == bad_paper) return fail(ErrorAt(body, base + bad_field, bad_message));
        if (i == records.size()) break;
        const PaperProgress& p = records[i];
        if (version < 2 && !p.note_copies.empty())
            return fail(ErrorAt(body, base + "/noteCopies",
                                "\"noteCopies\" needs format version 2 (this file says 1)"));
        if (const auto [it, inserted] = seen.emplace(p.paper, i); !inserted) {
            return fail(ErrorAt(body, base + "/paper",
                                "paper " + Quote(p.paper) + " appears twice (also at /papers/" +
                                    std::to_string(it->second) + ")"));
        }
    }
    file.papers = std::move(records);
    std::sort(file.papers.begin(), file.papers.end(),
              [](const PaperProgress& a, const PaperProgress& b) { return a.paper < b.paper; });

    // The user's own lists and papers (optional).
    auto read_records = [&](const char* key, auto from_value, auto add) -> bool {
        const auto found = root.find(key);
        if (found == root.end()) return true;
        const nlohmann::json* arr = &*found;
        if (!arr->is_array()) {
            problem = {Ptr("", key),
                       "\"" + std::string(key) + "\" must be an array, not " + jsonf::TypeName(*arr)};
            return false;
        }
        for (size_t i = 0; i < arr->size(); ++i) {
            std::string field, message;
            auto rec = from_value((*arr)[i], true, &field, &message);
            if (!rec) {
                problem = {Ptr(Ptr("", key), i) + field, message};
                return false;
            }
            if (!add(std::move(*rec))) {
                problem = {Ptr(Ptr("", key), i) + "/id", "id appears twice in \"" + std::string(key) + "\""};
                return false;
            }
        }
        return true;
    };
    if (!read_records(
            "lists",
            // Through lambdas, not bare function names: wasm-ld mis-typed the
            // generic call and trapped (a signature-mismatch link warning).
            [](const nlohmann::json& j, bool strict, std::string* f, std::string* m) {
                return UserListFromValue(j, strict, f, m);
            },
            [&](UserList l) { return file.user.lists.emplace(l.list.id, std::move(l)).second; }) ||
        !read_records(
            "userPapers",
            [](const nlohmann::json& j, bool strict, std::string* f, std::string* m) {
                return UserPaperFromValue(j, strict, f, m);
            },
            [&](UserPaper p) { return file.user.papers.emplace(p.paper.id, std::move(p)).second; }))
        return fail_problem();

    // Records a Shelfmark could not read, carried byte for byte (version 2).
    if (const auto qit = root.find("quarantine"); qit != root.end()) {
        if (version < 2)
            return fail(
                ErrorAt(body, "/quarantine", "\"quarantine\" needs format version 2 (this file says 1)"));
        if (!qit->is_array())
            return fail(
                ErrorAt(body, "/quarantine",
                        std::string("\"quarantine\" must be an array, not ") + jsonf::TypeName(*qit)));
        if (qit->size() > kMaxQuarantinedRecords)
            return fail(
                ErrorAt(body, "/quarantine",
                        "more than " + std::to_string(kMaxQuarantinedRecords) + " quarantined records"));
        for (size_t i = 0; i < qit->size(); ++i) {
            const std::string base = Ptr("/quarantine", i);
            const nlohmann::json& q = (*qit)[i];
            if (!q.is_object())
                return fail(ErrorAt(body, base,
                                    std::string("a quarantined record must be an object, not ") +
                                        jsonf::TypeName(q)));
            jsonf::ObjectReader qr(q, base, true, &problem);
            QuarantinedRecord rec;
            if (!qr.OnlyKnownKeys({"key", "reason", "record"}) || !qr.String("key", &rec.key, true, 256) ||
                !qr.String("reason", &rec.reason, false, kMaxQuarantineReasonBytes,
                           jsonf::ObjectReader::Controls::kNewlines) ||
                !qr.String("record", &rec.record, true, kMaxQuarantineRecordBytes,
                           jsonf::ObjectReader::Controls::kAny))
                return fail_problem();
            if (rec.key.empty()) return fail(ErrorAt(body, base + "/key", "\"key\" must not be empty"));
            file.quarantine.push_back(std::move(rec));
        }
    }
    return file;
}

size_t ClampFileTimestamps(ProgressFile& file, int64_t now_ms) {
    size_t n = 0;
    for (PaperProgress& p : file.papers)
        n += ClampTimestamps(p, now_ms) ? 1 : 0;
    return n;
}

void CanonicalizePaperIds(ProgressFile& file, const Catalogue& catalogue) {
    std::map<std::string, PaperProgress> merged;
    for (PaperProgress& p : file.papers) {
        p.paper = catalogue.Canonical(p.paper);
        auto [it, inserted] = merged.emplace(p.paper, p);
        if (!inserted) MergeInto(it->second, p);
    }
    file.papers.clear();
    for (auto& [id, p] : merged)
        file.papers.push_back(std::move(p));
    for (auto& [id, l] : file.user.lists)
        for (Section& s : l.list.sections)
            for (Entry& e : s.entries)
                e.paper = catalogue.Canonical(e.paper);
}

ImportPreview CountImportChanges(const Progress& before, const UserData& user_before, const Progress& after,
                                 const UserData& user_after, const ProgressFile& file, ImportMode mode) {
    ImportPreview pv;
    pv.mode = mode;
    pv.papers_in_file = file.papers.size();
    std::set<std::string> in_file;
    for (const PaperProgress& rec : file.papers)
        in_file.insert(rec.paper);
    const auto note_moved = [&](const std::string& was, const std::string& now) {
        if (was == now) return;
        if (was.empty())
            ++pv.notes_added;
        else
            ++pv.notes_changed; // new text, or the note goes away
    };
    for (const auto& [id, rec] : after.Records()) {
        const PaperProgress* old = before.Find(id);
        if (!old) ++pv.papers_new;
        if (!old || !(rec == *old))
            ++pv.papers_changed;
        else if (in_file.count(id))
            ++pv.papers_unchanged;
        note_moved(old ? old->note : std::string(), rec.note);
    }
    for (const auto& [id, rec] : before.Records())
        if (!after.Find(id)) {
            ++pv.papers_removed;
            note_moved(rec.note, std::string());
        }
    const auto count = [](const auto& was, const auto& now, auto same, size_t* added, size_t* changed,
                          size_t* removed) {
        for (const auto& [id, v] : now) {
            const auto it = was.find(id);
            if (it == was.end())
                ++*added;
            else if (!same(it->second, v))
                ++*changed;
        }
        for (const auto& [id, v] : was)
            if (!now.count(id)) ++*removed;
    };
    count(user_before.lists, user_after.lists, SameUserList, &pv.lists_new, &pv.lists_changed,
          &pv.lists_removed);
    count(user_before.papers, user_after.papers, SameUserPaper, &pv.user_papers_new, &pv.user_papers_changed,
          &pv.user_papers_removed);
    for (const auto& [id, q] : after.Quarantined())
        if (!before.Quarantined().count(id)) ++pv.quarantined_new;
    return pv;
}

ImportPreview PreviewImport(const Progress& progress, const UserData& user, const ProgressFile& file,
                            ImportMode mode, const Catalogue* catalogue) {
    // What would change is what applying it to a copy changes, counted as ApplyPlan counts
    // what applying it did: one count, so the preview and the outcome cannot disagree.
    Progress trial = progress;
    UserData trial_user = user;
    ApplyImport(trial, trial_user, file, mode);
    ImportPreview pv = CountImportChanges(progress, user, trial, trial_user, file, mode);
    for (const PaperProgress& rec : file.papers) {
        const PaperProgress* local = progress.Find(rec.paper);
        if (local && mode == ImportMode::Merge) {
            const FieldView fields[] = {
                {"status", local->status_at, rec.status_at, local->status != rec.status},
                {"note", local->note_at, rec.note_at, local->note != rec.note},
                {"tags", local->tags_at, rec.tags_at, local->tags != rec.tags},
                {"priority", local->priority_at, rec.priority_at, local->priority != rec.priority},
            };
            for (const FieldView& f : fields) {
                if (f.local_at <= 0 || f.file_at <= 0 || !f.differ) continue;
                ++pv.conflicts;
                if (pv.conflict_list.size() < kMaxConflictsListed) {
                    // Which side MergeInto keeps, ties included.
                    PaperProgress probe = *local;
                    MergeInto(probe, rec);
                    bool file_wins = false;
                    const std::string name = f.name;
                    if (name == "status") file_wins = probe.status == rec.status;
                    if (name == "note") file_wins = probe.note == rec.note;
                    if (name == "tags") file_wins = probe.tags == rec.tags;
                    if (name == "priority") file_wins = probe.priority == rec.priority;
                    pv.conflict_list.push_back({rec.paper, name, file_wins});
                }
            }
        }
        if (catalogue && !catalogue->FindPaper(rec.paper) && !user.FindPaper(rec.paper) &&
            !file.user.FindPaper(rec.paper))
            pv.unknown_papers.push_back(rec.paper);
    }
    return pv;
}

bool ApplyImport(Progress& progress, UserData& user, const ProgressFile& file, ImportMode mode) {
    bool changed = false;
    bool quarantined = false;
    for (const QuarantinedRecord& q : file.quarantine)
        quarantined |= progress.AddQuarantined(q, true);
    changed = quarantined;
    if (mode == ImportMode::Replace) {
        std::vector<PaperProgress> records = file.papers;
        const auto before = progress.Records();
        progress.ReplaceAll(std::move(records));
        changed =
            quarantined || !(before.size() == progress.Records().size() &&
                             std::equal(before.begin(), before.end(), progress.Records().begin(),
                                        [](const auto& a, const auto& b) { return a.second == b.second; }));
        if (!(user == file.user)) {
            user = file.user;
            changed = true;
        }
        return changed;
    }
    for (const PaperProgress& rec : file.papers)
        changed |= progress.MergeImported(rec);
    changed |= MergeUserData(user, file.user);
    return changed;
}

} // namespace shelfmark
