// catalog.cpp: loading, validating and printing the bundled catalogue (see catalog.h and
// data/README.md for the file format).
//
// Loading never stops at the first problem: every file is read, every record checked, and
// each problem becomes one CatalogueError with the file and a JSON pointer (or line and
// column for malformed JSON). Records with a bad id are left out of the result; other bad
// fields fall back to their defaults, so that one mistake does not also make every
// reference to the record dangle. Nothing here throws or uses throwing
// nlohmann accessors: the web build has exceptions disabled.
#include "core/catalog.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/json_limits.h"
#include "core/utf8.h"

namespace shelfmark {

namespace {

using json = nlohmann::json;

constexpr int kFormatVersion = 1;
constexpr const char* kManifestFile = "catalog.json";
constexpr const char* kDefaultPapersFile = "papers.json";
constexpr std::size_t kMaxErrors = 500;
// File budget. The manifest and list files are parsed into a DOM (nlohmann holds about
// 5x the text), so they keep the general JSON limit (8 MiB: a list of ~100,000 entries).
// The papers file is parsed one record at a time (ParseJsonStreamingArray), so while
// loading it the memory is its text, one record and the papers already read: its limit
// follows from the text alone. 32 MiB is ~115,000 papers of the synthetic catalogue's
// size (14 MB at 50,000) and keeps the web build's peak (text + catalogue + index) near
// the 128 MiB heap target at 50,000 papers. One record may hold at most 1 MiB of values
// (a paper with thousands of authors is ~300 KB).
constexpr std::size_t kMaxFileBytes = JsonLimits{}.max_bytes;
constexpr std::size_t kMaxPapersFileBytes = 32u << 20;
constexpr std::size_t kMaxPaperRecordBytes = 1u << 20;

const std::vector<std::string> kPaperKinds = {"paper", "book-chapter", "article", "talk", "other"};
const std::vector<std::string> kListKinds = {"course", "topic-list", "user"};

// ------------------------------------------------------------------ small text helpers

// A value quoted as JSON for messages, cut to a readable length.
std::string Quote(const std::string& s) {
    std::string q = json(s).dump(-1, ' ', false, json::error_handler_t::replace);
    if (q.size() > 80) {
        q = std::string(utf8::Truncated(q, 76)) + "...\"";
    }
    return q;
}

std::string Join(const std::vector<std::string>& items) {
    std::string out;
    for (const std::string& s : items)
        out += (out.empty() ? "" : ", ") + s;
    return out;
}

std::string EscapePointerToken(const std::string& key) {
    std::string out;
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string Ptr(const std::string& base, const std::string& key) {
    return base + "/" + EscapePointerToken(key);
}
std::string Ptr(const std::string& base, std::size_t index) { return base + "/" + std::to_string(index); }

bool IsBlank(const std::string& s) {
    return std::all_of(s.begin(), s.end(),
                       [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; });
}

bool IsValidId(const std::string& s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

// http:// or https:// (scheme in any case), a non-empty host, no spaces or controls.
bool IsHttpUrl(const std::string& s) {
    auto starts_with_ci = [&](const char* prefix) {
        std::size_t n = std::char_traits<char>::length(prefix);
        if (s.size() < n) return false;
        for (std::size_t i = 0; i < n; ++i) {
            char c = s[i];
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            if (c != prefix[i]) return false;
        }
        return true;
    };
    std::size_t rest = 0;
    if (starts_with_ci("https://"))
        rest = 8;
    else if (starts_with_ci("http://"))
        rest = 7;
    else
        return false;
    for (char c : s) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return false;
    }
    std::size_t host_end = s.find_first_of("/?#", rest);
    if (host_end == std::string::npos) host_end = s.size();
    return host_end > rest;
}

bool IsIsoDate(const std::string& s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
        if (s[i] < '0' || s[i] > '9') return false;
    }
    int month = (s[5] - '0') * 10 + (s[6] - '0');
    int day = (s[8] - '0') * 10 + (s[9] - '0');
    return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Manifest paths name files inside the data folder: relative, no "..", no empty parts.
bool IsSafeRelativePath(const std::string& p) {
    if (p.empty() || p.front() == '/' || p.find('\\') != std::string::npos) return false;
    std::size_t start = 0;
    while (start <= p.size()) {
        std::size_t end = p.find('/', start);
        if (end == std::string::npos) end = p.size();
        std::string part = p.substr(start, end - start);
        if (part.empty() || part == "." || part == "..") return false;
        start = end + 1;
    }
    return true;
}

// ------------------------------------------------------------------ file access

struct FileRead {
    enum Status { kOk, kMissing, kTooLarge, kUnreadable } status = kMissing;
    std::string owned;                     // the text, when the reader read it
    const std::string* external = nullptr; // or the caller's text (LoadCatalogueFiles: no copy)
    std::string detail;                    // for kTooLarge / kUnreadable
    std::string_view Text() const { return external ? std::string_view(*external) : std::string_view(owned); }
};

// Reads a file by its path relative to the data folder; files over max_bytes are kTooLarge
// without being read.
using FileReader = std::function<FileRead(const std::string& rel, std::size_t max_bytes)>;
// Turns a relative path into the path shown in errors.
using PathDisplay = std::function<std::string(const std::string& rel)>;

// ------------------------------------------------------------------ the loader

class Loader {
  public:
    Loader(FileReader read, PathDisplay display) : read_(std::move(read)), display_(std::move(display)) {}

    CatalogueLoad Run();

  private:
    enum class Need { kOptional, kRequired };

    // Where the papers file's records sit, for messages that point back at them.
    struct PaperSlot {
        Paper paper;
        std::string ptr;
    };

    void Error(const std::string& file, const std::string& where, const std::string& message);

    // Reads and parses a file; a missing file is reported by the caller (it knows who
    // named it), other problems are reported here. Returns nullopt on any problem.
    std::optional<json> ReadJson(const std::string& rel, bool* missing);
    // The same for the papers file: each element of "papers" goes to on_record as it is
    // parsed; the returned root holds "papers" as an empty array.
    std::optional<json> ReadPapersJson(const std::string& rel, bool* missing,
                                       const std::function<void(std::size_t, json&)>& on_record);
    // Pass 1 of the papers file for one record.
    void ReadPaperRecord(const json& rec, const std::string& file, std::size_t i);
    // Checks "format" and "version"; false means the rest of the file is not read.
    bool CheckHeader(const json& root, const std::string& file, const std::string& format);

    // Field readers: absent or null optional fields leave *out unchanged and return true;
    // a wrong type or a missing required field is reported and returns false.
    bool ReadString(const json& obj, const std::string& file, const std::string& ptr, const char* key,
                    Need need, std::string* out);
    bool ReadStringArray(const json& obj, const std::string& file, const std::string& ptr, const char* key,
                         std::vector<std::string>* out);
    bool ReadYear(const json& obj, const std::string& file, const std::string& ptr, int* out);
    // id or title: required, a non-empty string.
    bool ReadRequiredText(const json& obj, const std::string& file, const std::string& ptr, const char* key,
                          std::string* out);
    bool ReadId(const json& obj, const std::string& file, const std::string& ptr, std::string* out);
    void ReadKind(const json& obj, const std::string& file, const std::string& ptr,
                  const std::vector<std::string>& allowed, std::string* out);
    bool ExpectObject(const json& v, const std::string& file, const std::string& ptr);

    void LoadPapers(const std::string& rel, const std::string& manifest_ptr);
    void LoadList(const std::string& rel, const std::string& manifest_ptr);
    // Canonical id of a reference, or empty when nothing matches.
    std::string Resolve(const std::string& ref) const;

    FileReader read_;
    PathDisplay display_;
    std::vector<CatalogueError> errors_;
    std::vector<PaperSlot> papers_;
    std::map<std::string, std::size_t> paper_by_id_;    // id -> index in papers_
    std::map<std::string, std::size_t> paper_by_alias_; // alias -> index in papers_
    std::vector<ReadingList> lists_;
    std::map<std::string, std::string> list_file_by_id_;
};

void Loader::Error(const std::string& file, const std::string& where, const std::string& message) {
    if (errors_.size() > kMaxErrors) return;
    if (errors_.size() == kMaxErrors) {
        errors_.push_back({file, "", "too many errors; stopping after " + std::to_string(kMaxErrors)});
        return;
    }
    errors_.push_back({file, where, message});
}

std::optional<json> Loader::ReadJson(const std::string& rel, bool* missing) {
    *missing = false;
    const std::string file = display_(rel);
    FileRead fr = read_(rel, kMaxFileBytes);
    switch (fr.status) {
    case FileRead::kMissing: *missing = true; return std::nullopt;
    case FileRead::kTooLarge: Error(file, "", "file too large: " + fr.detail); return std::nullopt;
    case FileRead::kUnreadable: Error(file, "", "cannot read file: " + fr.detail); return std::nullopt;
    case FileRead::kOk: break;
    }
    JsonError err;
    std::optional<json> root = ParseJsonLimitedAt(fr.Text(), JsonLimits{}, &err);
    if (!root) {
        Error(file, "line " + std::to_string(err.line) + ", column " + std::to_string(err.column),
              "malformed JSON: " + err.message);
    }
    return root;
}

std::optional<json> Loader::ReadPapersJson(const std::string& rel, bool* missing,
                                           const std::function<void(std::size_t, json&)>& on_record) {
    *missing = false;
    const std::string file = display_(rel);
    FileRead fr = read_(rel, kMaxPapersFileBytes);
    switch (fr.status) {
    case FileRead::kMissing: *missing = true; return std::nullopt;
    case FileRead::kTooLarge: Error(file, "", "file too large: " + fr.detail); return std::nullopt;
    case FileRead::kUnreadable: Error(file, "", "cannot read file: " + fr.detail); return std::nullopt;
    case FileRead::kOk: break;
    }
    JsonLimits lim;
    lim.max_bytes = kMaxPapersFileBytes;
    JsonError err;
    std::optional<json> root =
        ParseJsonStreamingArray(fr.Text(), lim, "papers", kMaxPaperRecordBytes, on_record, &err);
    if (!root) {
        Error(file, "line " + std::to_string(err.line) + ", column " + std::to_string(err.column),
              "malformed JSON: " + err.message);
    }
    return root;
}

bool Loader::ExpectObject(const json& v, const std::string& file, const std::string& ptr) {
    if (v.is_object()) return true;
    Error(file, ptr, std::string("expected an object, got ") + v.type_name());
    return false;
}

bool Loader::CheckHeader(const json& root, const std::string& file, const std::string& format) {
    if (!ExpectObject(root, file, "")) return false;
    auto f = root.find("format");
    if (f == root.end()) {
        Error(file, "", "missing \"format\" (expected \"" + format + "\")");
        return false;
    }
    if (!f->is_string() || f->get_ref<const std::string&>() != format) {
        Error(file, "/format",
              "wrong format " + (f->is_string() ? Quote(f->get_ref<const std::string&>()) : f->dump()) +
                  ", expected \"" + format + "\"");
        return false;
    }
    auto v = root.find("version");
    if (v == root.end()) {
        Error(file, "", "missing \"version\" (expected " + std::to_string(kFormatVersion) + ")");
        return false;
    }
    if (!v->is_number_integer()) {
        Error(file, "/version", std::string("\"version\" must be an integer, got ") + v->type_name());
        return false;
    }
    bool supported = v->is_number_unsigned() ? v->get<std::uint64_t>() == kFormatVersion
                                             : v->get<std::int64_t>() == kFormatVersion;
    if (!supported) {
        Error(file, "/version",
              "unsupported version " + v->dump() + " (this build reads version " +
                  std::to_string(kFormatVersion) + ")");
        return false;
    }
    return true;
}

bool Loader::ReadString(const json& obj, const std::string& file, const std::string& ptr, const char* key,
                        Need need, std::string* out) {
    auto it = obj.find(key);
    if (it == obj.end() || (it->is_null() && need == Need::kOptional)) {
        if (need == Need::kRequired) {
            Error(file, ptr, std::string("missing required field \"") + key + "\"");
            return false;
        }
        return true;
    }
    if (!it->is_string()) {
        Error(file, Ptr(ptr, key), std::string("\"") + key + "\" must be a string, got " + it->type_name());
        return false;
    }
    *out = it->get_ref<const std::string&>();
    return true;
}

bool Loader::ReadStringArray(const json& obj, const std::string& file, const std::string& ptr,
                             const char* key, std::vector<std::string>* out) {
    auto it = obj.find(key);
    if (it == obj.end() || it->is_null()) return true;
    if (!it->is_array()) {
        Error(file, Ptr(ptr, key),
              std::string("\"") + key + "\" must be an array of strings, got " + it->type_name());
        return false;
    }
    bool ok = true;
    out->clear();
    for (std::size_t i = 0; i < it->size(); ++i) {
        const json& item = (*it)[i];
        if (!item.is_string()) {
            Error(file, Ptr(Ptr(ptr, key), i),
                  std::string("\"") + key + "\" items must be strings, got " + item.type_name());
            ok = false;
            continue;
        }
        out->push_back(item.get_ref<const std::string&>());
    }
    return ok;
}

bool Loader::ReadYear(const json& obj, const std::string& file, const std::string& ptr, int* out) {
    auto it = obj.find("year");
    if (it == obj.end() || it->is_null()) return true;
    if (!it->is_number_integer()) {
        Error(file, Ptr(ptr, "year"), std::string("\"year\" must be an integer, got ") + it->type_name());
        return false;
    }
    bool in_range = false;
    std::int64_t y = 0;
    if (it->is_number_unsigned()) {
        std::uint64_t u = it->get<std::uint64_t>();
        in_range = u <= 9999;
        y = in_range ? static_cast<std::int64_t>(u) : 0;
    } else {
        y = it->get<std::int64_t>();
        in_range = y >= 0 && y <= 9999;
    }
    if (!in_range || (y != 0 && y < 1000)) {
        Error(file, Ptr(ptr, "year"),
              "year " + it->dump() + " is out of range (1000-9999, or 0 for unknown)");
        return false;
    }
    *out = static_cast<int>(y);
    return true;
}

bool Loader::ReadRequiredText(const json& obj, const std::string& file, const std::string& ptr,
                              const char* key, std::string* out) {
    std::string value;
    if (!ReadString(obj, file, ptr, key, Need::kRequired, &value)) return false;
    if (IsBlank(value)) {
        Error(file, Ptr(ptr, key), std::string("empty \"") + key + "\"");
        return false;
    }
    *out = std::move(value);
    return true;
}

bool Loader::ReadId(const json& obj, const std::string& file, const std::string& ptr, std::string* out) {
    std::string id;
    if (!ReadRequiredText(obj, file, ptr, "id", &id)) return false;
    if (!IsValidId(id)) {
        Error(file, Ptr(ptr, "id"), "invalid id " + Quote(id) + ": use only a-z, 0-9 and -");
        return false;
    }
    *out = std::move(id);
    return true;
}

void Loader::ReadKind(const json& obj, const std::string& file, const std::string& ptr,
                      const std::vector<std::string>& allowed, std::string* out) {
    std::string kind = *out;
    if (!ReadString(obj, file, ptr, "kind", Need::kOptional, &kind)) return;
    if (kind.empty()) return; // keep the default
    if (std::find(allowed.begin(), allowed.end(), kind) == allowed.end()) {
        Error(file, Ptr(ptr, "kind"),
              "unknown kind " + Quote(kind) + " (expected one of: " + Join(allowed) + ")");
        return;
    }
    *out = std::move(kind);
}

void Loader::ReadPaperRecord(const json& rec, const std::string& file, std::size_t i) {
    const std::string ptr = Ptr("/papers", i);
    if (!ExpectObject(rec, file, ptr)) return;
    PaperSlot slot;
    slot.ptr = ptr;
    Paper& p = slot.paper;
    bool keep = ReadId(rec, file, ptr, &p.id);
    ReadRequiredText(rec, file, ptr, "title", &p.title);
    ReadStringArray(rec, file, ptr, "authors", &p.authors);
    for (std::size_t a = 0; a < p.authors.size(); ++a) {
        if (IsBlank(p.authors[a])) Error(file, Ptr(Ptr(ptr, "authors"), a), "empty author name");
    }
    ReadString(rec, file, ptr, "venue", Need::kOptional, &p.venue);
    ReadYear(rec, file, ptr, &p.year);
    std::vector<std::string> links;
    ReadStringArray(rec, file, ptr, "links", &links);
    for (std::size_t l = 0; l < links.size(); ++l) {
        if (IsHttpUrl(links[l])) {
            p.links.push_back(links[l]);
        } else {
            Error(file, Ptr(Ptr(ptr, "links"), l), "link " + Quote(links[l]) + " is not an http(s) URL");
        }
    }
    ReadKind(rec, file, ptr, kPaperKinds, &p.kind);
    std::vector<std::string> ignored;
    ReadStringArray(rec, file, ptr, "corrections", &ignored);
    ReadStringArray(rec, file, ptr, "aliases", &p.aliases);
    if (!keep) return;

    auto [it, inserted] = paper_by_id_.emplace(p.id, papers_.size());
    if (!inserted) {
        Error(file, Ptr(ptr, "id"),
              "duplicate paper id " + Quote(p.id) + " (first defined at " + papers_[it->second].ptr + ")");
        return;
    }
    papers_.push_back(std::move(slot));
}

void Loader::LoadPapers(const std::string& rel, const std::string& manifest_ptr) {
    const std::string file = display_(rel);
    bool missing = false;
    // Pass 1 (the records and their ids) runs while the file is parsed, one record at a
    // time. The header is checked once the whole file is read ("format" may come after
    // "papers"): if it is wrong, what pass 1 added and reported is taken back, so the file
    // counts as unread, as when the header is checked first.
    const std::size_t first_paper = papers_.size();
    const std::size_t first_error = errors_.size();
    std::optional<json> root =
        ReadPapersJson(rel, &missing, [&](std::size_t i, json& rec) { ReadPaperRecord(rec, file, i); });
    const auto take_back = [&] {
        for (std::size_t i = first_paper; i < papers_.size(); ++i)
            paper_by_id_.erase(papers_[i].paper.id);
        papers_.resize(first_paper);
        if (errors_.size() > first_error) errors_.resize(first_error);
    };
    if (missing) {
        Error(display_(kManifestFile), manifest_ptr,
              "papers file " + Quote(rel) + " named in the manifest was not found");
        return;
    }
    // Keeps only the errors from `from` on (the file's own problem), dropping the records'.
    const auto keep_errors_from = [&](std::size_t from) {
        std::vector<CatalogueError> own(
            errors_.begin() + static_cast<std::ptrdiff_t>(std::min(from, errors_.size())), errors_.end());
        take_back();
        errors_.insert(errors_.end(), own.begin(), own.end());
    };
    if (!root) { // malformed (reported last); records read before a too-large one are not kept
        keep_errors_from(errors_.size() > first_error ? errors_.size() - 1 : errors_.size());
        return;
    }
    const std::size_t before_header = errors_.size();
    if (!CheckHeader(*root, file, "shelfmark-papers")) {
        keep_errors_from(before_header);
        return;
    }
    auto arr = root->find("papers");
    if (arr == root->end()) {
        Error(file, "", "missing required field \"papers\"");
        return;
    }
    if (!arr->is_array()) {
        Error(file, "/papers", std::string("\"papers\" must be an array, got ") + arr->type_name());
        return;
    }

    // Pass 2: aliases, now that every id is known.
    for (std::size_t i = 0; i < papers_.size(); ++i) {
        Paper& p = papers_[i].paper;
        std::vector<std::string> kept;
        for (std::size_t a = 0; a < p.aliases.size(); ++a) {
            const std::string& alias = p.aliases[a];
            const std::string ptr = Ptr(Ptr(papers_[i].ptr, "aliases"), a);
            if (!IsValidId(alias)) {
                Error(file, ptr, "invalid alias " + Quote(alias) + ": use only a-z, 0-9 and -");
                continue;
            }
            if (alias == p.id) {
                Error(file, ptr, "alias " + Quote(alias) + " repeats the paper's own id");
                continue;
            }
            auto by_id = paper_by_id_.find(alias);
            if (by_id != paper_by_id_.end()) {
                Error(file, ptr,
                      "alias " + Quote(alias) + " collides with the id of another paper (" +
                          papers_[by_id->second].ptr + ")");
                continue;
            }
            auto [it, inserted] = paper_by_alias_.emplace(alias, i);
            if (!inserted) {
                Error(file, ptr,
                      it->second == i
                          ? "alias " + Quote(alias) + " is listed twice"
                          : "alias " + Quote(alias) + " is already an alias of paper " +
                                Quote(papers_[it->second].paper.id) + " (" + papers_[it->second].ptr + ")");
                continue;
            }
            kept.push_back(alias);
        }
        p.aliases = std::move(kept);
    }
}

std::string Loader::Resolve(const std::string& ref) const {
    auto it = paper_by_id_.find(ref);
    if (it != paper_by_id_.end()) return ref;
    auto al = paper_by_alias_.find(ref);
    if (al != paper_by_alias_.end()) return papers_[al->second].paper.id;
    return "";
}

void Loader::LoadList(const std::string& rel, const std::string& manifest_ptr) {
    const std::string file = display_(rel);
    bool missing = false;
    std::optional<json> root = ReadJson(rel, &missing);
    if (missing) {
        Error(display_(kManifestFile), manifest_ptr,
              "list file " + Quote(rel) + " named in the manifest was not found");
        return;
    }
    if (!root || !CheckHeader(*root, file, "shelfmark-list")) return;

    ReadingList list;
    bool keep = ReadId(*root, file, "", &list.id);
    ReadRequiredText(*root, file, "", "title", &list.title);
    ReadKind(*root, file, "", kListKinds, &list.kind);
    ReadString(*root, file, "", "term", Need::kOptional, &list.term);
    std::string source;
    if (ReadString(*root, file, "", "source", Need::kOptional, &source) && !source.empty()) {
        if (IsHttpUrl(source))
            list.source = source;
        else
            Error(file, "/source", "source link " + Quote(source) + " is not an http(s) URL");
    }
    std::vector<std::string> ignored;
    ReadStringArray(*root, file, "", "corrections", &ignored);

    auto sections = root->find("sections");
    if (sections == root->end()) {
        Error(file, "", "missing required field \"sections\"");
        keep = false;
    } else if (!sections->is_array()) {
        Error(file, "/sections", std::string("\"sections\" must be an array, got ") + sections->type_name());
        keep = false;
    } else {
        for (std::size_t s = 0; s < sections->size(); ++s) {
            const json& sec = (*sections)[s];
            const std::string sptr = Ptr("/sections", s);
            if (!ExpectObject(sec, file, sptr)) continue;
            Section section;
            ReadString(sec, file, sptr, "title", Need::kOptional, &section.title);
            std::string date;
            if (ReadString(sec, file, sptr, "date", Need::kOptional, &date) && !date.empty()) {
                if (IsIsoDate(date))
                    section.date = date;
                else
                    Error(file, Ptr(sptr, "date"), "date " + Quote(date) + " is not YYYY-MM-DD");
            }
            auto entries = sec.find("entries");
            if (entries != sec.end() && !entries->is_null() && !entries->is_array()) {
                Error(file, Ptr(sptr, "entries"),
                      std::string("\"entries\" must be an array, got ") + entries->type_name());
            } else if (entries != sec.end() && entries->is_array()) {
                std::map<std::string, std::string> seen; // canonical id -> pointer
                for (std::size_t e = 0; e < entries->size(); ++e) {
                    const json& ent = (*entries)[e];
                    const std::string eptr = Ptr(Ptr(sptr, "entries"), e);
                    if (!ExpectObject(ent, file, eptr)) continue;
                    Entry entry;
                    std::string ref;
                    bool entry_ok = ReadRequiredText(ent, file, eptr, "paper", &ref);
                    std::string role;
                    if (ReadString(ent, file, eptr, "role", Need::kOptional, &role) && !role.empty()) {
                        if (IsValidId(role))
                            entry.role = role;
                        else
                            Error(file, Ptr(eptr, "role"),
                                  "invalid role " + Quote(role) + ": use only a-z, 0-9 and -");
                    }
                    if (!entry_ok) continue;
                    entry.paper = Resolve(ref);
                    if (entry.paper.empty()) {
                        Error(file, Ptr(eptr, "paper"),
                              "unknown paper " + Quote(ref) + ": no paper has this id or alias");
                        continue;
                    }
                    auto [it, inserted] = seen.emplace(entry.paper, eptr);
                    if (!inserted) {
                        Error(file, Ptr(eptr, "paper"),
                              "paper " + Quote(entry.paper) + " is listed twice in this section (also at " +
                                  it->second + ")");
                        continue;
                    }
                    section.entries.push_back(std::move(entry));
                }
            }
            list.sections.push_back(std::move(section));
        }
    }
    if (!keep) return;

    auto [it, inserted] = list_file_by_id_.emplace(list.id, file);
    if (!inserted) {
        Error(file, "/id", "duplicate list id " + Quote(list.id) + " (also in " + it->second + ")");
        return;
    }
    lists_.push_back(std::move(list));
}

CatalogueLoad Loader::Run() {
    CatalogueLoad result;
    const std::string manifest_file = display_(kManifestFile);
    bool missing = false;
    std::optional<json> manifest = ReadJson(kManifestFile, &missing);
    if (missing) Error(manifest_file, "", "manifest not found");

    if (manifest && CheckHeader(*manifest, manifest_file, "shelfmark-catalog")) {
        std::string papers_rel = kDefaultPapersFile;
        ReadString(*manifest, manifest_file, "", "papers", Need::kOptional, &papers_rel);
        if (!IsSafeRelativePath(papers_rel)) {
            Error(manifest_file, "/papers",
                  "path " + Quote(papers_rel) + " must be relative and stay inside the data folder");
        } else {
            LoadPapers(papers_rel, "/papers");
        }

        auto lists = manifest->find("lists");
        if (lists == manifest->end()) {
            Error(manifest_file, "", "missing required field \"lists\"");
        } else if (!lists->is_array()) {
            Error(manifest_file, "/lists",
                  std::string("\"lists\" must be an array, got ") + lists->type_name());
        } else {
            std::set<std::string> named;
            for (std::size_t i = 0; i < lists->size(); ++i) {
                const json& item = (*lists)[i];
                const std::string ptr = Ptr("/lists", i);
                if (!item.is_string()) {
                    Error(manifest_file, ptr,
                          std::string("\"lists\" items must be strings, got ") + item.type_name());
                    continue;
                }
                const std::string& rel = item.get_ref<const std::string&>();
                if (!IsSafeRelativePath(rel)) {
                    Error(manifest_file, ptr,
                          "path " + Quote(rel) + " must be relative and stay inside the data folder");
                    continue;
                }
                if (!named.insert(rel).second) {
                    Error(manifest_file, ptr, "list file " + Quote(rel) + " is named twice");
                    continue;
                }
                LoadList(rel, ptr);
            }
        }
    }

    for (PaperSlot& slot : papers_)
        result.catalogue.papers.push_back(std::move(slot.paper));
    result.catalogue.lists = std::move(lists_);
    result.catalogue.Reindex();
    result.errors = std::move(errors_);
    return result;
}

std::string JoinPath(const std::string& dir, const std::string& rel) {
    if (dir.empty()) return rel;
    return dir.back() == '/' ? dir + rel : dir + "/" + rel;
}

} // namespace

// ------------------------------------------------------------------ CatalogueError

std::string CatalogueError::ToString() const {
    return where.empty() ? file + ": " + message : file + ": " + where + ": " + message;
}

// ------------------------------------------------------------------ Catalogue

const Paper* Catalogue::FindPaper(const std::string& id_or_alias) const {
    auto it = by_id_.find(id_or_alias);
    if (it == by_id_.end()) {
        auto al = alias_to_id_.find(id_or_alias);
        if (al == alias_to_id_.end()) return nullptr;
        it = by_id_.find(al->second);
        if (it == by_id_.end()) return nullptr;
    }
    return it->second < papers.size() ? &papers[it->second] : nullptr;
}

std::string Catalogue::Canonical(const std::string& id_or_alias) const {
    if (by_id_.count(id_or_alias)) return id_or_alias;
    auto al = alias_to_id_.find(id_or_alias);
    return al == alias_to_id_.end() ? id_or_alias : al->second;
}

std::vector<std::string> Catalogue::ListsContaining(const std::string& paper_id) const {
    const std::string id = Canonical(paper_id);
    std::vector<std::string> out;
    for (const ReadingList& list : lists) {
        bool found = false;
        for (const Section& s : list.sections) {
            for (const Entry& e : s.entries) {
                if (e.paper == id || Canonical(e.paper) == id) {
                    found = true;
                    break;
                }
            }
            if (found) break;
        }
        if (found) out.push_back(list.id);
    }
    return out;
}

const ReadingList* Catalogue::FindList(const std::string& list_id) const {
    for (const ReadingList& list : lists) {
        if (list.id == list_id) return &list;
    }
    return nullptr;
}

void Catalogue::Reindex() {
    by_id_.clear();
    alias_to_id_.clear();
    for (std::size_t i = 0; i < papers.size(); ++i)
        by_id_.emplace(papers[i].id, i);
    for (const Paper& p : papers) {
        for (const std::string& alias : p.aliases) {
            if (!by_id_.count(alias)) alias_to_id_.emplace(alias, p.id);
        }
    }
}

// ------------------------------------------------------------------ loading

CatalogueLoad LoadCatalogueFiles(const std::map<std::string, std::string>& files) {
    FileReader read = [&files](const std::string& rel, std::size_t) {
        FileRead fr;
        auto it = files.find(rel);
        if (it == files.end()) return fr;
        fr.status = FileRead::kOk; // the size is checked by the parse (JsonLimits::max_bytes)
        fr.external = &it->second;
        return fr;
    };
    return Loader(read, [](const std::string& rel) { return rel; }).Run();
}

CatalogueLoad LoadCatalogueDir(const std::string& dir) {
    FileReader read = [&dir](const std::string& rel, std::size_t max_bytes) {
        namespace fs = std::filesystem;
        FileRead fr;
        const std::string path = JoinPath(dir, rel);
        std::error_code ec;
        fs::file_status st = fs::status(path, ec);
        if (ec || !fs::exists(st)) return fr; // kMissing
        if (!fs::is_regular_file(st)) {
            fr.status = FileRead::kUnreadable;
            fr.detail = "not a regular file";
            return fr;
        }
        std::uintmax_t size = fs::file_size(path, ec);
        if (!ec && size > max_bytes) {
            fr.status = FileRead::kTooLarge;
            fr.detail = std::to_string(size) + " bytes, the limit is " + std::to_string(max_bytes);
            return fr;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            fr.status = FileRead::kUnreadable;
            fr.detail = "cannot open";
            return fr;
        }
        // Straight into one string of the file's size (a stringstream would hold a second
        // copy: 14 MB more at 50,000 papers). One byte over the limit is read to notice a
        // file that grew since its size was taken.
        fr.owned.resize(ec ? max_bytes + 1 : static_cast<std::size_t>(size) + 1);
        in.read(fr.owned.data(), static_cast<std::streamsize>(fr.owned.size()));
        if (in.bad()) {
            fr.status = FileRead::kUnreadable;
            fr.detail = "read failed";
            return fr;
        }
        fr.owned.resize(static_cast<std::size_t>(in.gcount()));
        if (fr.owned.size() > max_bytes) {
            fr.status = FileRead::kTooLarge;
            fr.detail = "more than " + std::to_string(max_bytes) + " bytes, the limit";
            return fr;
        }
        fr.status = FileRead::kOk;
        return fr;
    };
    return Loader(read, [&dir](const std::string& rel) { return JoinPath(dir, rel); }).Run();
}

// ------------------------------------------------------------------ normalized JSON

std::string CatalogueToNormalizedJson(const Catalogue& c, bool pretty) {
    using ojson = nlohmann::ordered_json;
    ojson root = ojson::object();
    ojson lists = ojson::array();
    for (const ReadingList& l : c.lists) {
        ojson jl = ojson::object();
        jl["id"] = l.id;
        jl["title"] = l.title;
        ojson sections = ojson::array();
        for (const Section& s : l.sections) {
            ojson js = ojson::object();
            js["title"] = s.title;
            ojson entries = ojson::array();
            for (const Entry& e : s.entries) {
                ojson je = ojson::object();
                je["paper"] = e.paper;
                je["role"] = e.role;
                entries.push_back(std::move(je));
            }
            js["entries"] = std::move(entries);
            js["date"] = s.date;
            sections.push_back(std::move(js));
        }
        jl["sections"] = std::move(sections);
        jl["kind"] = l.kind;
        jl["term"] = l.term;
        jl["source"] = l.source;
        lists.push_back(std::move(jl));
    }
    ojson papers = ojson::array();
    for (const Paper& p : c.papers) {
        ojson jp = ojson::object();
        jp["id"] = p.id;
        jp["title"] = p.title;
        jp["authors"] = p.authors;
        jp["venue"] = p.venue;
        jp["year"] = p.year == 0 ? ojson(nullptr) : ojson(p.year);
        jp["links"] = p.links;
        jp["kind"] = p.kind;
        jp["aliases"] = p.aliases;
        papers.push_back(std::move(jp));
    }
    root["lists"] = std::move(lists);
    root["papers"] = std::move(papers);
    // A hand-edited catalogue may hold invalid UTF-8; dump() would throw (abort on web).
    return root.dump(pretty ? 2 : -1, ' ', false, ojson::error_handler_t::replace);
}

} // namespace shelfmark
