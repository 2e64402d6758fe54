// cjk_test_text.h: Hangul, CJK and accented characters for the tests of multi-byte
// text (note merge, quarantine reasons, tags), spelled as bytes so that the tests do not
// depend on the compiler's source charset.
#pragma once

#include <string>

namespace shelfmark::testing {

inline const std::string kGa = "\xEA\xB0\x80";    // 가 U+AC00
inline const std::string kGak = "\xEA\xB0\x81";   // 각 U+AC01 (shares 2 lead bytes with 가)
inline const std::string kNa = "\xEB\x82\x98";    // 나 U+B098
inline const std::string kNeo = "\xEB\x84\x88";   // 너 U+B108 (shares the lead byte with 나)
inline const std::string kDa = "\xEB\x8B\xA4";    // 다 U+B2E4
inline const std::string kRa = "\xEB\x9D\xBC";    // 라 U+B77C
inline const std::string kBc00 = "\xEB\xB0\x80";  // U+BC00 (shares the 2 trailing bytes with 가)
inline const std::string kZhong = "\xE4\xB8\xAD"; // 中 U+4E2D
inline const std::string kWen = "\xE6\x96\x87";   // 文 U+6587
inline const std::string kYi = "\xE4\xB9\x99";    // 乙 U+4E59 (shares the lead byte with 中)
inline const std::string kGuk = "\xEA\xB5\xAD";   // 국 U+AD6D
inline const std::string kEAcute = "\xC3\xA9";    // é U+00E9

} // namespace shelfmark::testing
