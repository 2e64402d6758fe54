#include "core/wording.h"

#include <cstdio>

namespace shelfmark {

namespace {
struct Ymd {
    int y = 0, m = 0, d = 0;
};

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysIn(int y, int m) {
    static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// YYYY-MM-DD, a real date; else nothing.
bool ParseIso(std::string_view s, Ymd* out) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
    int v[3] = {};
    const size_t starts[] = {0, 5, 8}, lens[] = {4, 2, 2};
    for (int k = 0; k < 3; ++k)
        for (size_t i = 0; i < lens[k]; ++i) {
            const char c = s[starts[k] + i];
            if (c < '0' || c > '9') return false;
            v[k] = v[k] * 10 + (c - '0');
        }
    if (v[0] < 1 || v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > DaysIn(v[0], v[1])) return false;
    *out = {v[0], v[1], v[2]};
    return true;
}

// 0 = Sunday (Sakamoto's method).
int Weekday(Ymd t) {
    static const int kOffset[] = {0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4};
    int y = t.y - (t.m < 3 ? 1 : 0);
    return (y + y / 4 - y / 100 + y / 400 + kOffset[t.m - 1] + t.d) % 7;
}

// "5/9" or "05/09" as a pair of numbers; false for anything else.
bool ParseSlashPair(std::string_view s, int* a, int* b) {
    const size_t slash = s.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= s.size()) return false;
    const auto number = [](std::string_view part, int* out) {
        if (part.size() > 2) return false;
        *out = 0;
        for (char c : part) {
            if (c < '0' || c > '9') return false;
            *out = *out * 10 + (c - '0');
        }
        return true;
    };
    return number(s.substr(0, slash), a) && number(s.substr(slash + 1), b);
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t'))
        s.remove_suffix(1);
    return s;
}
} // namespace

std::string CountOf(int64_t n, std::string_view one, std::string_view many) {
    std::string out = std::to_string(n) + " ";
    if (n == 1 || n == -1)
        out += one;
    else if (!many.empty())
        out += many;
    else
        (out += one) += 's';
    return out;
}

std::string ReadableDate(std::string_view iso, bool with_year) {
    Ymd t;
    if (!ParseIso(iso, &t)) return std::string(iso);
    static const char* const kDay[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* const kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[32];
    if (with_year)
        std::snprintf(buf, sizeof buf, "%s %d %s %d", kDay[Weekday(t)], t.d, kMonth[t.m - 1], t.y);
    else
        std::snprintf(buf, sizeof buf, "%s %d %s", kDay[Weekday(t)], t.d, kMonth[t.m - 1]);
    return buf;
}

std::string IsoDateOf(int64_t ms) {
    // civil_from_days (H. Hinnant), on the days since 1970-01-01.
    const int64_t days = (ms >= 0 ? ms : ms - 86399999) / 86400000;
    const int64_t z = days + 719468, era = (z >= 0 ? z : z - 146096) / 146097, doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100), mp = (5 * doy + 2) / 153;
    const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1),
              m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
    return buf;
}

std::string DayMonth(std::string_view iso, bool with_year) {
    Ymd t;
    if (!ParseIso(iso, &t)) return std::string(iso);
    static const char* const kMonth[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return std::to_string(t.d) + " " + kMonth[t.m - 1] + (with_year ? " " + std::to_string(t.y) : "");
}

std::string SectionName(const Section& sec, bool with_year) {
    Ymd t;
    if (!ParseIso(sec.date, &t)) return sec.title;
    const std::string date = ReadableDate(sec.date, with_year);
    const std::string_view title = Trim(sec.title);
    int a = 0, b = 0;
    const bool restates =
        title.empty() || title == sec.date ||
        (ParseSlashPair(title, &a, &b) && ((a == t.m && b == t.d) || (a == t.d && b == t.m)));
    return restates ? date : sec.title + " \xC2\xB7 " + date; // U+00B7 MIDDLE DOT
}

} // namespace shelfmark
