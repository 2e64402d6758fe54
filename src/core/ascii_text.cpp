#include "core/ascii_text.h"

namespace shelfmark::ascii {

std::string LowerAscii(std::string_view s) {
    std::string out(s);
    for (char& c : out)
        c = Lower(c);
    return out;
}

std::string Trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && IsSpaceChar(s[b]))
        ++b;
    while (e > b && IsSpaceChar(s[e - 1]))
        --e;
    return std::string(s.substr(b, e - b));
}

std::string CollapseSpaces(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (IsSpaceChar(c)) {
            if (!out.empty() && out.back() != ' ') out += ' ';
        } else {
            out += c;
        }
    }
    while (!out.empty() && out.back() == ' ')
        out.pop_back();
    return out;
}

std::vector<std::string> Words(std::string_view s) {
    std::vector<std::string> out;
    std::string w;
    for (char c : s) {
        if (IsSpaceChar(c)) {
            if (!w.empty()) out.push_back(std::move(w));
            w.clear();
        } else {
            w += c;
        }
    }
    if (!w.empty()) out.push_back(std::move(w));
    return out;
}

bool StartsWithCi(std::string_view s, std::string_view prefix) {
    if (s.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i)
        if (Lower(s[i]) != Lower(prefix[i])) return false;
    return true;
}

} // namespace shelfmark::ascii
