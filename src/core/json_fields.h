// json_fields.h (internal to src/core): reading fields out of parsed, untrusted JSON
// objects with messages that name the field by JSON pointer.
//
// Only the non-throwing nlohmann API is used (the web build has JSON_NOEXCEPTION): every
// value's type is checked before it is read.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace shelfmark::jsonf {

// Where a value is wrong and why.
struct Problem {
    std::string pointer; // RFC 6901 JSON pointer, "" for the document itself
    std::string message;
};

// base + "/" + key, with "~" and "/" escaped as RFC 6901 requires.
inline std::string Ptr(const std::string& base, std::string_view key) {
    std::string out = base + "/";
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
inline std::string Ptr(const std::string& base, std::size_t index) {
    return base + "/" + std::to_string(index);
}

// A short, JSON-quoted rendering of untrusted text for messages.
inline std::string Quote(std::string_view s, std::size_t max_bytes = 60) {
    // Do not cut a UTF-8 sequence in half.
    const std::string clipped(utf8::Truncated(s, max_bytes));
    std::string q = nlohmann::json(clipped).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (s.size() > max_bytes) q.insert(q.size() - 1, "...");
    return q;
}

// "string", "number", ... as a user would name the JSON type.
inline const char* TypeName(const nlohmann::json& v) {
    switch (v.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    case nlohmann::json::value_t::number_float: return "a fractional number";
    default: return "an unsupported value";
    }
}

// True when s contains a C0 control character other than tab, newline and CR, or DEL.
inline bool HasControl(std::string_view s, bool allow_newlines) {
    for (char ch : s) {
        const unsigned char c = static_cast<unsigned char>(ch);
        if (c == 0x7F) return true;
        if (c < 0x20) {
            if (allow_newlines && (c == '\n' || c == '\r' || c == '\t')) continue;
            return true;
        }
    }
    return false;
}

// Lowercase letters, digits and '-', 1..max_bytes long: the id alphabet of the catalogue.
inline bool IsId(std::string_view s, std::size_t max_bytes) {
    if (s.empty() || s.size() > max_bytes) return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
    return true;
}

// Reads the fields of one JSON object, stopping at the first problem.
//   strict: null counts as a wrong type and unknown keys are errors (files);
//   lenient: null counts as absent and unknown keys are ignored (stored records).
class ObjectReader {
  public:
    ObjectReader(const nlohmann::json& obj, std::string base, bool strict, Problem* problem)
        : obj_(obj), base_(std::move(base)), strict_(strict), problem_(problem) {}

    bool Fail(const std::string& pointer, std::string message) {
        if (problem_) *problem_ = {pointer, std::move(message)};
        return false;
    }
    bool FailKey(std::string_view key, std::string message) {
        return Fail(Ptr(base_, key), std::move(message));
    }
    const std::string& Base() const { return base_; }

    // The value under key; nullptr when absent (or null when lenient).
    const nlohmann::json* Get(std::string_view key) const {
        const auto it = obj_.find(key);
        if (it == obj_.end()) return nullptr;
        if (it->is_null() && !strict_) return nullptr;
        return &*it;
    }

    bool Required(std::string_view key, const nlohmann::json** out) {
        *out = Get(key);
        if (!*out) return FailKey(key, "missing required field \"" + std::string(key) + "\"");
        return true;
    }

    // Which control characters a string may hold.
    enum class Controls { kNone, kNewlines, kAny };

    bool String(std::string_view key, std::string* out, bool required, std::size_t max_bytes,
                Controls controls = Controls::kNone) {
        const nlohmann::json* v = Get(key);
        if (!v) return required ? FailKey(key, "missing required field \"" + std::string(key) + "\"") : true;
        if (!v->is_string())
            return FailKey(key, "\"" + std::string(key) + "\" must be a string, not " + TypeName(*v));
        const std::string& s = v->get_ref<const std::string&>();
        if (s.size() > max_bytes)
            return FailKey(key, "\"" + std::string(key) + "\" is longer than the limit of " +
                                    std::to_string(max_bytes) + " bytes (" + std::to_string(s.size()) + ")");
        if (controls != Controls::kAny && HasControl(s, controls == Controls::kNewlines))
            return FailKey(key, "\"" + std::string(key) + "\" contains a control character");
        *out = s;
        return true;
    }

    bool Int(std::string_view key, int64_t* out, bool required, int64_t min, int64_t max) {
        const nlohmann::json* v = Get(key);
        if (!v) return required ? FailKey(key, "missing required field \"" + std::string(key) + "\"") : true;
        int64_t value = 0;
        if (!ToInt(*v, min, max, &value)) {
            return FailKey(key, "\"" + std::string(key) + "\" must be an integer from " +
                                    std::to_string(min) + " to " + std::to_string(max) + ", not " +
                                    Describe(*v));
        }
        *out = value;
        return true;
    }

    // Rejects keys not in `known` (strict readers only).
    bool OnlyKnownKeys(std::initializer_list<std::string_view> known) {
        if (!strict_) return true;
        for (auto it = obj_.begin(); it != obj_.end(); ++it) {
            bool ok = false;
            for (std::string_view k : known)
                ok = ok || it.key() == k;
            if (!ok) return FailKey(it.key(), "unknown field " + Quote(it.key()));
        }
        return true;
    }

    static bool ToInt(const nlohmann::json& v, int64_t min, int64_t max, int64_t* out) {
        if (v.is_number_unsigned()) {
            const auto u = v.get<nlohmann::json::number_unsigned_t>();
            if (u > static_cast<uint64_t>(max)) return false;
            *out = static_cast<int64_t>(u);
        } else if (v.is_number_integer()) {
            *out = v.get<nlohmann::json::number_integer_t>();
        } else {
            return false;
        }
        return *out >= min && *out <= max;
    }

    static std::string Describe(const nlohmann::json& v) {
        if (v.is_number()) return v.dump();
        return TypeName(v);
    }

  private:
    const nlohmann::json& obj_;
    std::string base_;
    bool strict_;
    Problem* problem_;
};

} // namespace shelfmark::jsonf
