// ascii_text.h: the small text helpers the list readers share (citation.cpp, list_reader.cpp,
// paper_matcher.cpp, markdown_import.cpp): ASCII case, spaces and words. Bytes >= 0x80 (UTF-8)
// pass through untouched and count as word characters; Unicode-aware code is in utf8.h.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace shelfmark::ascii {

inline char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }
inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
inline bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || IsUpper(c); }
// Space, tab, newline, carriage return.
inline bool IsSpaceChar(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string LowerAscii(std::string_view s);
// Without leading and trailing IsSpaceChar.
std::string Trim(std::string_view s);
// Runs of IsSpaceChar -> one ' ', none at either end.
std::string CollapseSpaces(std::string_view s);
// Split at runs of IsSpaceChar.
std::vector<std::string> Words(std::string_view s);
inline std::size_t CountWords(std::string_view s) { return Words(s).size(); }

inline bool StartsWith(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }
inline bool EndsWith(std::string_view s, std::string_view p) {
    return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}
bool StartsWithCi(std::string_view s, std::string_view prefix);

} // namespace shelfmark::ascii
