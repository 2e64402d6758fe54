// json_limits.cpp: the raw-text pre-scan and the non-throwing parse (see json_limits.h).
#include "core/json_limits.h"

#include <set>
#include <vector>

#include "core/utf8.h"

namespace shelfmark {

namespace {

// Longest message text kept from nlohmann (its "last read" token can be huge).
constexpr std::size_t kMaxMessage = 200;

std::string Clip(std::string s) {
    if (s.size() > kMaxMessage) {
        utf8::Truncate(s, kMaxMessage); // never half a UTF-8 sequence at the cut
        s += "...";
    }
    return s;
}

// nlohmann's "last read" token is raw bytes up to where it stopped, possibly inside a
// character (a byte order mark where a comma belongs: "'\"x\"\xEF'"): invalid UTF-8 in
// a message for the user. Each invalid byte becomes U+FFFD.
std::string ValidUtf8(const std::string& s) {
    if (utf8::IsValid(s)) return s;
    std::string out;
    for (std::size_t i = 0; i < s.size();)
        utf8::AppendCodePoint(out, utf8::DecodeNextOr(s, i));
    return out;
}

JsonError MakeError(std::string_view text, std::size_t offset, std::string message) {
    JsonError e;
    e.message = std::move(message);
    e.offset = offset < text.size() ? offset : text.size();
    JsonLineColumn(text, e.offset, &e.line, &e.column);
    return e;
}

// Decodes a raw key (with its quotes) for the duplicate check; nullopt when the escapes
// are invalid, which the grammar check reports later.
std::optional<std::string> DecodeKey(std::string_view quoted) {
    if (quoted.find('\\') == std::string_view::npos) {
        return std::string(quoted.substr(1, quoted.size() - 2));
    }
    nlohmann::json j = nlohmann::json::parse(quoted, nullptr, false);
    if (j.is_discarded() || !j.is_string()) return std::nullopt;
    return j.get_ref<const std::string&>();
}

// nlohmann SAX handler that builds nothing and remembers the first error.
struct SyntaxChecker {
    using json = nlohmann::json;
    bool failed = false;
    std::size_t position = 0; // byte offset of the offending token
    std::string message;

    bool null() { return true; }
    bool boolean(bool) { return true; }
    bool number_integer(json::number_integer_t) { return true; }
    bool number_unsigned(json::number_unsigned_t) { return true; }
    bool number_float(json::number_float_t, const json::string_t&) { return true; }
    bool string(json::string_t&) { return true; }
    bool binary(json::binary_t&) { return true; }
    bool start_object(std::size_t) { return true; }
    bool key(json::string_t&) { return true; }
    bool end_object() { return true; }
    bool start_array(std::size_t) { return true; }
    bool end_array() { return true; }
    bool parse_error(std::size_t pos, const std::string& last_token, const json::exception& ex) {
        failed = true;
        // nlohmann counts the offending character as read: step back onto it. An
        // unexpected string is reported after its closing quote: go to its opening quote.
        position = pos > 0 ? pos - 1 : 0;
        bool whole_string = last_token.size() >= 2 && last_token.front() == '"' && last_token.back() == '"' &&
                            last_token.find("<U+") == std::string::npos;
        if (whole_string && last_token.size() <= pos) position = pos - last_token.size();
        message = ex.what();
        return false;
    }
};

// "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..."
// -> "syntax error ..." (the position is reported separately).
std::string StripNlohmannPrefix(std::string m) {
    if (m.rfind("[json.exception.", 0) == 0) {
        std::size_t close = m.find("] ");
        if (close != std::string::npos) m.erase(0, close + 2);
    }
    if (m.rfind("parse error", 0) == 0) {
        std::size_t colon = m.find(": ");
        if (colon != std::string::npos) m.erase(0, colon + 2);
    }
    return m;
}

std::optional<JsonError> CheckSyntax(std::string_view text) {
    SyntaxChecker checker;
    nlohmann::json::sax_parse(text, &checker);
    if (!checker.failed) return std::nullopt;
    return MakeError(text, checker.position, Clip(ValidUtf8(StripNlohmannPrefix(checker.message))));
}

template <typename Json>
std::optional<Json> ParseChecked(std::string_view text, const JsonLimits& lim, JsonError* error) {
    std::optional<JsonError> problem = ScanJsonText(text, lim);
    if (!problem) problem = CheckSyntax(text);
    if (!problem) {
        Json j = Json::parse(text, nullptr, false);
        if (!j.is_discarded()) return j;
        problem = MakeError(text, 0, "syntax error");
    }
    if (error) *error = std::move(*problem);
    return std::nullopt;
}

} // namespace

std::string JsonError::ToString() const {
    return "line " + std::to_string(line) + ", column " + std::to_string(column) + ": " + message;
}

void JsonLineColumn(std::string_view text, std::size_t offset, std::size_t* line, std::size_t* column) {
    if (offset > text.size()) offset = text.size();
    std::size_t l = 1, c = 1;
    for (std::size_t i = 0; i < offset; ++i) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        if (b == '\n') {
            ++l;
            c = 1;
        } else if (!utf8::IsContinuation(static_cast<char>(b))) {
            ++c; // count code points: skip UTF-8 continuation bytes
        }
    }
    if (line) *line = l;
    if (column) *column = c;
}

std::optional<JsonError> ScanJsonText(std::string_view text, const JsonLimits& lim) {
    if (text.size() > lim.max_bytes) {
        return MakeError(text, lim.max_bytes,
                         "input too large: " + std::to_string(text.size()) + " bytes, the limit is " +
                             std::to_string(lim.max_bytes));
    }

    struct Frame {
        bool object = false;
        bool expect_key = false;
        std::set<std::string> keys;
    };
    std::vector<Frame> stack;
    bool in_string = false, escaped = false;
    std::size_t string_start = 0;

    for (std::size_t i = 0; i < text.size();) {
        unsigned char b = static_cast<unsigned char>(text[i]);
        if (b >= 0x80) {
            std::size_t n = utf8::SequenceLength(text, i); // 0: overlong, surrogate, ...
            if (n == 0) return MakeError(text, i, "invalid UTF-8 byte sequence");
            i += n;
            escaped = false;
        } else if (in_string) {
            if (escaped) {
                escaped = false;
            } else if (b == '\\') {
                escaped = true;
            } else if (b == '"') {
                in_string = false;
                if (!stack.empty() && stack.back().object && stack.back().expect_key) {
                    Frame& f = stack.back();
                    f.expect_key = false;
                    if (!lim.allow_duplicate_keys) {
                        std::optional<std::string> key =
                            DecodeKey(text.substr(string_start, i + 1 - string_start));
                        if (key && !f.keys.insert(*key).second) {
                            return MakeError(
                                text, string_start,
                                "duplicate key " +
                                    Clip(nlohmann::json(*key).dump(
                                        -1, ' ', false, nlohmann::json::error_handler_t::replace)));
                        }
                    }
                }
            }
            ++i;
        } else {
            switch (b) {
            case '"':
                in_string = true;
                string_start = i;
                break;
            case '[':
            case '{':
                if (stack.size() >= lim.max_depth) {
                    return MakeError(text, i,
                                     "nesting deeper than the limit of " + std::to_string(lim.max_depth) +
                                         " levels");
                }
                stack.emplace_back();
                stack.back().object = b == '{';
                stack.back().expect_key = b == '{';
                break;
            case ']':
            case '}':
                if (!stack.empty()) stack.pop_back();
                break;
            case ',':
                if (!stack.empty() && stack.back().object) stack.back().expect_key = true;
                break;
            default: break;
            }
            ++i;
        }
        // Raw bytes between the quotes; checked as the string grows so a huge one stops early.
        if (in_string && i - string_start - 1 > lim.max_string_bytes) {
            return MakeError(text, string_start,
                             "string longer than the limit of " + std::to_string(lim.max_string_bytes) +
                                 " bytes");
        }
    }
    return std::nullopt;
}

std::optional<nlohmann::json> ParseJsonLimitedAt(std::string_view text, const JsonLimits& lim,
                                                 JsonError* error) {
    return ParseChecked<nlohmann::json>(text, lim, error);
}

std::optional<nlohmann::ordered_json> ParseOrderedJsonLimited(std::string_view text, const JsonLimits& lim,
                                                              JsonError* error) {
    return ParseChecked<nlohmann::ordered_json>(text, lim, error);
}

std::optional<nlohmann::json> ParseJsonLimited(std::string_view text, const JsonLimits& lim,
                                               std::string* error) {
    JsonError e;
    std::optional<nlohmann::json> j = ParseChecked<nlohmann::json>(text, lim, &e);
    if (!j && error) *error = e.ToString();
    return j;
}

} // namespace shelfmark
