// json_limits.h: parse untrusted JSON without letting it exhaust the stack or memory.
//
// Index
//   - JsonLimits: caps on size, nesting depth and string length.
//   - JsonError: what went wrong and where (byte offset, line, column).
//   - ScanJsonText(): the raw-text pre-scan (limits, UTF-8, duplicate keys), no parsing.
//   - ParseJsonLimited() / ParseJsonLimitedAt() / ParseOrderedJsonLimited(): pre-scan,
//     then a non-throwing nlohmann parse.
//   - ParseJsonStreamingArray(): the same, but the elements of one top-level array are
//     built one at a time and handed over (big files: memory of one element, not a DOM).
//
// Why a pre-scan: nlohmann's parser, copy and dump() recurse once per nesting level, and
// the web build has a fixed 2 MB stack (cmake/web.cmake: -sTOTAL_STACK) and no exceptions
// (JSON_NOEXCEPTION). So the raw text is
// checked first, before nlohmann builds any value, and only the non-throwing API is used.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace shelfmark {

struct JsonLimits {
    std::size_t max_bytes = 8u << 20;        // whole input, in bytes
    std::size_t max_depth = 64;              // nested arrays/objects; 1 = a flat array
    std::size_t max_string_bytes = 1u << 20; // one string or key, raw bytes between quotes
    bool allow_duplicate_keys = false;       // nlohmann would silently keep the last one
};

// A problem in JSON text. line and column are 1-based; column counts characters
// (UTF-8 code points), not bytes.
struct JsonError {
    std::string message;    // the problem, without the position
    std::size_t offset = 0; // byte offset into the text
    std::size_t line = 1;
    std::size_t column = 1;
    // The JSON pointer of the value at fault when known ("/papers/12": an element of a
    // streamed array over its size limit), else "".
    std::string pointer;
    std::string ToString() const; // "line L, column C: message"
};

// Line and column (1-based) of a byte offset; offsets past the end clamp to the end.
void JsonLineColumn(std::string_view text, std::size_t offset, std::size_t* line, std::size_t* column);

// Checks the raw text against the limits, UTF-8 validity and (unless allowed) duplicate
// object keys. Does not check the JSON grammar. Returns the first problem, if any.
std::optional<JsonError> ScanJsonText(std::string_view text, const JsonLimits& lim);

// Pre-scan, then parse. On failure returns nullopt and, when error is non-null, sets it
// to JsonError::ToString(). Never throws.
std::optional<nlohmann::json> ParseJsonLimited(std::string_view text, const JsonLimits& lim,
                                               std::string* error);

// Same, with the structured error.
std::optional<nlohmann::json> ParseJsonLimitedAt(std::string_view text, const JsonLimits& lim,
                                                 JsonError* error);

// Same, keeping object keys in document order.
std::optional<nlohmann::ordered_json> ParseOrderedJsonLimited(std::string_view text, const JsonLimits& lim,
                                                              JsonError* error);

// Pre-scan, then parse a top-level object whose member `array_key` is an array of records,
// without building that array: each element is built alone, passed to `on_element` (its
// index and value; the callee may move from it) and dropped. The returned root holds every
// other member, and `array_key` as an empty array. An element whose values take more than
// `max_element_bytes` (string bytes + 16 per value, roughly what the DOM holds) stops the
// parse with an error at that element (JsonError::pointer names it). The limits are checked on the whole text
// first; the grammar in the same pass as the build, so on a syntax error the elements before it have been
// handed over: the caller drops them (the error is the one ParseJsonLimitedAt() gives). Memory while parsing:
// the text, the root without the array and one element. If the root is not an object or `array_key` is not an
// array, it is built as ParseJsonLimitedAt() builds it (the caller reports the shape).
std::optional<nlohmann::json> ParseJsonStreamingArray(
    std::string_view text, const JsonLimits& lim, std::string_view array_key, std::size_t max_element_bytes,
    const std::function<void(std::size_t, nlohmann::json&)>& on_element, JsonError* error);

} // namespace shelfmark
