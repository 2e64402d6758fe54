// json_limits.h: parse untrusted JSON without letting it exhaust the stack or memory.
//
// Index
//   - JsonLimits: caps on size, nesting depth and string length.
//   - JsonError: what went wrong and where (byte offset, line, column).
//   - ScanJsonText(): the raw-text pre-scan (limits, UTF-8, duplicate keys), no parsing.
//   - ParseJsonLimited() / ParseJsonLimitedAt() / ParseOrderedJsonLimited(): pre-scan,
//     then a non-throwing nlohmann parse.
//
// Why a pre-scan: nlohmann's parser, copy and dump() recurse once per nesting level, and
// the web build has a fixed 2 MB stack (cmake/web.cmake: -sTOTAL_STACK) and no exceptions
// (JSON_NOEXCEPTION). So the raw text is
// checked first, before nlohmann builds any value, and only the non-throwing API is used.
#pragma once

#include <cstddef>
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

} // namespace shelfmark
