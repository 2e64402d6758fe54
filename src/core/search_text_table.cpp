// search_text_table.cpp: see search_text_table.h.
#include "core/search_text_table.h"

#include <algorithm>
#include <cstring>

namespace shelfmark::search_internal {

uint32_t TextTable::Intern(std::string_view text) {
    if ((texts_.size() + 1) * 2 > slots_.size()) Grow();
    const uint32_t h = Hash(text);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
        const uint32_t slot = slots_[i];
        if (slot == 0) {
            const auto id = static_cast<uint32_t>(texts_.size());
            texts_.push_back(Store(text));
            hashes_.push_back(h);
            slots_[i] = id + 1;
            return id;
        }
        if (hashes_[slot - 1] == h && texts_[slot - 1] == text) return slot - 1;
    }
}

uint32_t TextTable::Find(std::string_view text) const {
    if (slots_.empty()) return kMissing;
    const uint32_t h = Hash(text);
    for (size_t i = h & (slots_.size() - 1);; i = (i + 1) & (slots_.size() - 1)) {
        const uint32_t slot = slots_[i];
        if (slot == 0) return kMissing;
        if (hashes_[slot - 1] == h && texts_[slot - 1] == text) return slot - 1;
    }
}

uint32_t TextTable::Hash(std::string_view s) {
    uint64_t h = 0x9E3779B97F4A7C15ull ^ s.size();
    const char* p = s.data();
    size_t n = s.size();
    for (; n >= 8; p += 8, n -= 8) {
        uint64_t v;
        std::memcpy(&v, p, 8);
        h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
        h ^= h >> 29;
    }
    uint64_t v = 0;
    std::memcpy(&v, p, n);
    h = (h ^ v) * 0x94D049BB133111EBull;
    return static_cast<uint32_t>(h ^ (h >> 32));
}

void TextTable::Grow() {
    std::vector<uint32_t> slots(std::max<size_t>(64, slots_.size() * 2), 0);
    for (uint32_t id = 0; id < texts_.size(); ++id) {
        size_t i = hashes_[id] & (slots.size() - 1);
        while (slots[i] != 0)
            i = (i + 1) & (slots.size() - 1);
        slots[i] = id + 1;
    }
    slots_.swap(slots);
}

std::string_view TextTable::Store(std::string_view text) {
    if (chunks_.empty() || chunk_used_ + text.size() > chunk_size_) {
        chunk_size_ = std::max<size_t>(64 * 1024, text.size());
        chunks_.emplace_back(new char[chunk_size_]);
        chunk_used_ = 0;
    }
    char* at = chunks_.back().get() + chunk_used_;
    if (!text.empty()) std::memcpy(at, text.data(), text.size());
    chunk_used_ += text.size();
    return std::string_view(at, text.size());
}

} // namespace shelfmark::search_internal
