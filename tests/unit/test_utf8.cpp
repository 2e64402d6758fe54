// Tests for the UTF-8 module (core/utf8.h): decoding with replacement, encoding,
// validation, counting, and truncation on a character boundary at every byte limit;
// plus CleanUserTitle() (core/user_data.h), the app's title trimming that uses it.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/user_data.h"
#include "core/utf8.h"

using namespace shelfmark;

namespace {

// Korean, Chinese, Japanese, emoji (with a ZWJ sequence and a variation selector), Latin
// with diacritics, and ASCII mixed in: every sequence length 1..4.
const std::vector<std::string> kSamples = {
    "한국어 읽기 목록",                                   // 3-byte hangul
    "深度学习的分布式训练",                               // 3-byte Han
    "日本語のテキスト",                                   // kana and Han
    "📚🔥👩‍💻✍️",                          // 4-byte emoji, ZWJ, variation selector
    "Über café naïve",                                    // 2-byte Latin
    "a가b中c😀d",                                          // every length, interleaved
    "Ελληνικά и русский",                                 // Greek and Cyrillic
    std::string("\xF0\x9F\x98\x80\xE4\xB8\xAD\xC3\xA9z"), // 4 + 3 + 2 + 1 bytes
};

std::vector<uint32_t> Decode(std::string_view s) {
    std::vector<uint32_t> out;
    for (size_t i = 0; i < s.size();)
        out.push_back(utf8::DecodeNext(s, i));
    return out;
}

std::string Repeat(std::string_view s, size_t n) {
    std::string out;
    for (size_t i = 0; i < n; ++i)
        out += s;
    return out;
}

} // namespace

TEST_CASE("utf8: decodes every sequence length and advances past it") {
    const std::string s = "a\xC3\xA9\xE4\xB8\xAD\xF0\x9F\x98\x80"; // a é 中 😀
    CHECK(Decode(s) == std::vector<uint32_t>{'a', 0xE9, 0x4E2D, 0x1F600});
    size_t i = 1;
    CHECK(utf8::DecodeNext(s, i) == 0xE9);
    CHECK(i == 3);
    CHECK(utf8::DecodeNext(s, i) == 0x4E2D);
    CHECK(i == 6);
    CHECK(utf8::DecodeNext(s, i) == 0x1F600);
    CHECK(i == 10);
}

TEST_CASE(
    "utf8: an invalid byte decodes alone to kInvalid (or the replacement) and the next character survives") {
    const std::vector<std::pair<std::string, std::vector<uint32_t>>> cases = {
        {"\x80z", {utf8::kInvalid, 'z'}},                                   // stray continuation
        {"\xC3z", {utf8::kInvalid, 'z'}},                                   // lead without continuation
        {"\xE4\xB8z", {utf8::kInvalid, utf8::kInvalid, 'z'}},               // truncated 3-byte
        {"\xE4\xB8", {utf8::kInvalid, utf8::kInvalid}},                     // truncated at the end
        {"\xC0\xAF", {utf8::kInvalid, utf8::kInvalid}},                     // overlong '/'
        {"\xE0\x80\xAF", {utf8::kInvalid, utf8::kInvalid, utf8::kInvalid}}, // overlong
        {"\xED\xA0\x80", {utf8::kInvalid, utf8::kInvalid, utf8::kInvalid}}, // surrogate U+D800
        {"\xF4\x90\x80\x80", {utf8::kInvalid, utf8::kInvalid, utf8::kInvalid, utf8::kInvalid}}, // > U+10FFFF
        {"\xFF\xE4\xB8\xAD", {utf8::kInvalid, 0x4E2D}}, // bad lead, then 中
    };
    for (const auto& c : cases) {
        CAPTURE(c.first);
        CHECK(Decode(c.first) == c.second);
        CHECK_FALSE(utf8::IsValid(c.first));
        size_t i = 0;
        CHECK(utf8::DecodeNextOr(c.first, i) ==
              (c.second[0] == utf8::kInvalid ? utf8::kReplacement : c.second[0]));
        i = 0;
        CHECK(utf8::DecodeNextOr(c.first, i, '?') == (c.second[0] == utf8::kInvalid ? '?' : c.second[0]));
    }
}

TEST_CASE("utf8: SequenceLength agrees with DecodeNext on valid and invalid input") {
    std::vector<std::string> inputs = kSamples;
    for (const char* bad :
         {"\x80", "\xC3z", "\xE4\xB8", "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88"})
        inputs.emplace_back(bad);
    for (const std::string& s : inputs) {
        CAPTURE(s);
        for (size_t i = 0; i < s.size(); ++i) {
            size_t j = i;
            const uint32_t cp = utf8::DecodeNext(s, j);
            CHECK(utf8::SequenceLength(s, i) == (cp == utf8::kInvalid ? 0 : j - i));
        }
    }
}

TEST_CASE("utf8: Encode is the inverse of DecodeNext at every length boundary") {
    for (uint32_t cp : {0x0u, 0x41u, 0x7Fu, 0x80u, 0x7FFu, 0x800u, 0xAC00u, 0xFFFDu, 0xFFFFu, 0x10000u,
                        0x1F600u, 0x10FFFFu}) {
        CAPTURE(cp);
        std::string s;
        utf8::AppendCodePoint(s, cp);
        CHECK(s.size() == (cp < 0x80 ? 1u : cp < 0x800 ? 2u : cp < 0x10000 ? 3u : 4u));
        CHECK(utf8::IsValid(s));
        size_t i = 0;
        CHECK(utf8::DecodeNext(s, i) == cp);
        CHECK(i == s.size());
    }
    std::string all;
    for (const std::string& s : kSamples) {
        all.clear();
        for (uint32_t cp : Decode(s))
            utf8::AppendCodePoint(all, cp);
        CHECK(all == s);
    }
}

TEST_CASE("utf8: IsValid and CountCodePoints") {
    for (const std::string& s : kSamples) {
        CAPTURE(s);
        CHECK(utf8::IsValid(s));
        CHECK(utf8::CountCodePoints(s) == Decode(s).size());
    }
    CHECK(utf8::IsValid(""));
    CHECK(utf8::CountCodePoints("") == 0);
    CHECK(utf8::CountCodePoints("한국어") == 3);
    CHECK(utf8::CountCodePoints("a😀b") == 3);
}

TEST_CASE("utf8: truncation at every byte limit keeps whole characters (Korean, Chinese, emoji)") {
    for (const std::string& s : kSamples) {
        // Character starts, to know the longest allowed prefix for each limit.
        std::vector<size_t> starts;
        for (size_t i = 0; i < s.size();) {
            starts.push_back(i);
            utf8::DecodeNext(s, i);
        }
        starts.push_back(s.size());
        for (size_t limit = 0; limit <= s.size() + 2; ++limit) {
            CAPTURE(s);
            CAPTURE(limit);
            const std::string_view cut = utf8::Truncated(s, limit);
            size_t want = 0;
            for (size_t b : starts)
                if (b <= limit) want = b;
            CHECK(cut.size() == want); // the longest whole-character prefix that fits
            CHECK(cut.size() <= limit);
            CHECK(utf8::IsValid(cut));
            CHECK(s.compare(0, cut.size(), cut) == 0);
            CHECK(utf8::CutPoint(s, limit) == want);
            std::string owned = s;
            utf8::Truncate(owned, limit);
            CHECK(owned == cut);
        }
    }
}

TEST_CASE("utf8: Abbreviated keeps short text and cuts long text to whole characters and \"...\"") {
    CHECK(utf8::Abbreviated("short", 70) == "short");
    CHECK(utf8::Abbreviated(Repeat("a", 70), 70) == Repeat("a", 70));
    CHECK(utf8::Abbreviated(Repeat("a", 71), 70) == Repeat("a", 67) + "...");
    // The CLI's checklist preview (70 bytes) on a Korean title once printed half a
    // character before the "...".
    const std::string korean = "x분산 학습의 확장성에 관한 연구와 실험 결과 보고서 제이판";
    CHECK(utf8::IsValid(utf8::Abbreviated(korean, 70)));
    for (const std::string& s : kSamples) {
        for (size_t limit = 3; limit <= s.size() + 1; ++limit) {
            CAPTURE(s);
            CAPTURE(limit);
            const std::string a = utf8::Abbreviated(s, limit);
            CHECK(a.size() <= limit);
            CHECK(utf8::IsValid(a));
            if (s.size() <= limit) {
                CHECK(a == s);
            } else {
                CHECK(a == std::string(utf8::Truncated(s, limit - 3)) + "...");
            }
        }
    }
}

TEST_CASE("CleanUserTitle: trims spaces and never cuts a Korean, Chinese or emoji character in half") {
    CHECK(CleanUserTitle("  \t My list \n") == "My list");
    CHECK(CleanUserTitle("   ") == "");
    CHECK(CleanUserTitle(" 읽을 논문 ") == "읽을 논문");
    CHECK(CleanUserTitle(Repeat("a", kMaxUserTitleBytes)) == Repeat("a", kMaxUserTitleBytes));
    CHECK(CleanUserTitle(Repeat("a", kMaxUserTitleBytes + 1)) == Repeat("a", kMaxUserTitleBytes));
    // Every alignment of 3- and 4-byte characters against the byte limit, with leading
    // spaces (trimmed before the cut) and ASCII shifting the characters.
    for (const std::string ch : {"한", "中", "😀", "é"}) {
        for (size_t shift = 0; shift < 4; ++shift) {
            const std::string body = Repeat("x", shift) + Repeat(ch, kMaxUserTitleBytes);
            const std::string title = CleanUserTitle("  " + body + "  ");
            CAPTURE(ch);
            CAPTURE(shift);
            CHECK(title.size() <= kMaxUserTitleBytes);
            CHECK(title.size() + ch.size() > kMaxUserTitleBytes); // nothing more fits
            CHECK(utf8::IsValid(title));
            CHECK(body.compare(0, title.size(), title) == 0);
        }
    }
}
