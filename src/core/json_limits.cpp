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
        Capture(pos, last_token, ex);
        return false;
    }
    void Capture(std::size_t pos, const std::string& last_token, const json::exception& ex) {
        failed = true;
        // nlohmann counts the offending character as read: step back onto it. An
        // unexpected string is reported after its closing quote: go to its opening quote.
        position = pos > 0 ? pos - 1 : 0;
        bool whole_string = last_token.size() >= 2 && last_token.front() == '"' && last_token.back() == '"' &&
                            last_token.find("<U+") == std::string::npos;
        if (whole_string && last_token.size() <= pos) position = pos - last_token.size();
        message = ex.what();
    }
    JsonError Error(std::string_view text) const {
        return MakeError(text, position, Clip(ValidUtf8(StripNlohmannPrefix(message))));
    }
};

std::optional<JsonError> CheckSyntax(std::string_view text) {
    SyntaxChecker checker;
    nlohmann::json::sax_parse(text, &checker);
    if (!checker.failed) return std::nullopt;
    return checker.Error(text);
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

// Builds the DOM like nlohmann's json_sax_dom_parser, except the elements of the array at
// root member `key_`: each is built in element_, handed to on_element_ and dropped.
class StreamingDomBuilder {
  public:
    using json = nlohmann::json;
    StreamingDomBuilder(std::string_view key, std::size_t max_element_bytes,
                        const std::function<void(std::size_t, json&)>& on_element)
        : key_(key), max_element_bytes_(max_element_bytes), on_element_(on_element) {}

    json root;
    bool too_large = false; // an element went over max_element_bytes
    std::size_t too_large_index = 0;

    bool null() { return Value(json(nullptr), 16); }
    bool boolean(bool v) { return Value(json(v), 16); }
    bool number_integer(json::number_integer_t v) { return Value(json(v), 16); }
    bool number_unsigned(json::number_unsigned_t v) { return Value(json(v), 16); }
    bool number_float(json::number_float_t v, const json::string_t&) { return Value(json(v), 16); }
    bool string(json::string_t& v) {
        const std::size_t n = 16 + sizeof(json::string_t) + v.size();
        return Value(json(std::move(v)), n);
    }
    bool binary(json::binary_t&) { return Value(json(nullptr), 16); }
    bool start_object(std::size_t) { return Open(json::object()); }
    bool start_array(std::size_t) {
        const bool target = stack_.size() == 1 && stack_.back() == &root && root_key_ == key_ && !streamed_;
        if (!Open(json::array())) return false;
        if (target) {
            streamed_ = true;
            array_ = stack_.back();
        }
        return true;
    }
    bool key(json::string_t& k) {
        if (stack_.size() == 1) root_key_ = k;
        if (!Count(32 + sizeof(json::string_t) + k.size())) return false;
        slot_ = &(*stack_.back())[k];
        return true;
    }
    bool end_object() { return Close(); }
    bool end_array() { return Close(); }
    // The grammar is checked in this same pass (not by a CheckSyntax pass first, which
    // lexed every string twice: ~40% of a progress file's parse): the elements handed
    // over before an error are the caller's to drop, as after a too-large element.
    SyntaxChecker syntax;
    bool parse_error(std::size_t pos, const std::string& last_token, const json::exception& ex) {
        syntax.Capture(pos, last_token, ex);
        return false;
    }

  private:
    // Where a new value goes: the root, an array, the member named by the last key, or
    // (in the streamed array) element_.
    json* Place(json&& v) {
        if (stack_.empty()) {
            root = std::move(v);
            return &root;
        }
        json* top = stack_.back();
        if (top == array_) {
            element_ = std::move(v);
            return &element_;
        }
        if (top->is_array()) {
            top->push_back(std::move(v));
            return &top->back();
        }
        *slot_ = std::move(v);
        return slot_;
    }
    bool Count(std::size_t n) {
        if (array_ == nullptr) return true; // outside the streamed array: no per-element limit
        element_bytes_ += n;
        if (element_bytes_ <= max_element_bytes_) return true;
        too_large = true;
        too_large_index = index_;
        return false;
    }
    bool Value(json&& v, std::size_t bytes) {
        if (!Count(bytes)) return false;
        json* placed = Place(std::move(v));
        if (placed == &element_) Deliver();
        return true;
    }
    bool Open(json&& v) {
        if (!Count(16)) return false;
        stack_.push_back(Place(std::move(v)));
        return true;
    }
    bool Close() {
        json* closed = stack_.back();
        stack_.pop_back();
        if (closed == array_) {
            array_ = nullptr; // done: later values are built as usual
        } else if (closed == &element_) {
            Deliver();
        }
        return true;
    }
    void Deliver() {
        on_element_(index_++, element_);
        element_ = json();
        element_bytes_ = 0;
    }

    std::string_view key_;
    std::size_t max_element_bytes_;
    const std::function<void(std::size_t, json&)>& on_element_;
    std::vector<json*> stack_;
    json* slot_ = nullptr;
    json* array_ = nullptr; // the streamed array while it is open
    bool streamed_ = false;
    std::string root_key_;
    json element_;
    std::size_t element_bytes_ = 0;
    std::size_t index_ = 0;
};

// Byte offset of element `index` of the array at root member `key` (the text is known to
// be valid JSON); the text's size when not found.
std::size_t ElementOffset(std::string_view text, std::string_view key, std::size_t index) {
    std::size_t depth = 0, count = 0, string_start = 0;
    bool in_string = false, escaped = false, in_target = false, expect_element = false;
    std::string_view last_root_key;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char b = text[i];
        if (in_string) {
            if (escaped)
                escaped = false;
            else if (b == '\\')
                escaped = true;
            else if (b == '"') {
                in_string = false;
                if (depth == 1) last_root_key = text.substr(string_start + 1, i - string_start - 1);
            }
            continue;
        }
        if (b == ' ' || b == '\t' || b == '\n' || b == '\r') continue;
        if (in_target && depth == 2 && expect_element && b != ']') {
            if (count == index) return i;
            ++count;
            expect_element = false;
        }
        switch (b) {
        case '"':
            in_string = true;
            string_start = i;
            break;
        case '[':
        case '{':
            ++depth;
            if (depth == 2 && b == '[' && last_root_key == key) in_target = expect_element = true;
            break;
        case ']':
        case '}':
            if (depth == 2) in_target = false;
            if (depth > 0) --depth;
            break;
        case ',':
            if (in_target && depth == 2) expect_element = true;
            if (depth == 1) last_root_key = {};
            break;
        default: break;
        }
    }
    return text.size();
}

} // namespace

std::optional<nlohmann::json> ParseJsonStreamingArray(
    std::string_view text, const JsonLimits& lim, std::string_view array_key, std::size_t max_element_bytes,
    const std::function<void(std::size_t, nlohmann::json&)>& on_element, JsonError* error) {
    std::optional<JsonError> problem = ScanJsonText(text, lim);
    if (!problem) {
        StreamingDomBuilder builder(array_key, max_element_bytes, on_element);
        if (nlohmann::json::sax_parse(text, &builder)) return std::move(builder.root);
        if (builder.too_large) {
            problem = MakeError(text, ElementOffset(text, array_key, builder.too_large_index),
                                "element " + std::to_string(builder.too_large_index) + " of \"" +
                                    std::string(array_key) + "\" is larger than the limit of " +
                                    std::to_string(max_element_bytes) + " bytes");
            std::string escaped;
            for (const char c : array_key)
                escaped += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
            problem->pointer = "/" + escaped + "/" + std::to_string(builder.too_large_index);
        } else if (builder.syntax.failed) {
            problem = builder.syntax.Error(text);
        } else {
            problem = MakeError(text, 0, "syntax error");
        }
    }
    if (error) *error = std::move(*problem);
    return std::nullopt;
}

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
