// wording.h: how counts and dates read to the user, in one place for the app, the
// accessible mirror, import summaries and the command-line tool.
//
//   - CountOf(): "1 paper", "3 papers" (never "1 papers").
//   - ReadableDate(): an ISO date written so it cannot be misread ("Tue 9 May 2023"),
//     never as "5/9", which reads as 5 September or "5 of 9".
//   - SectionName(): a section's title and date, the date said once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/catalog.h"

namespace shelfmark {

// `n` and the noun in the right number: CountOf(1, "paper") == "1 paper",
// CountOf(0, "paper") == "0 papers". `many` is the plural when it is not one + "s"
// (CountOf(2, "entry", "entries")).
std::string CountOf(int64_t n, std::string_view one, std::string_view many = {});

// "2023-05-09" -> "Tue 9 May 2023"; with_year false: "Tue 9 May". Anything that is not a
// valid YYYY-MM-DD date comes back unchanged.
std::string ReadableDate(std::string_view iso, bool with_year = true);

// The UTC day of a time in ms since the epoch, as "2023-11-14".
std::string IsoDateOf(int64_t ms);
// "2023-11-14" -> "14 Nov" (with_year: "14 Nov 2023"), for chart labels; not a date: as is.
std::string DayMonth(std::string_view iso, bool with_year = false);

// A section as the user reads it: a title that only restates the date ("5/9", "05/09",
// "9/5" for 2023-05-09, or the ISO date itself) gives way to the readable date; another
// title keeps it and the date follows ("Week 3 - Tue 9 May 2023"); no date: the title.
std::string SectionName(const Section& sec, bool with_year = true);

} // namespace shelfmark
