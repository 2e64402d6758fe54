// search_text_table.h: an arena hash table from text to dense ids, for building the
// search index (internal to the search).
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <string_view>
#include <vector>

namespace shelfmark::search_internal {

// Open-addressing table from text to dense ids 0, 1, 2... in order of first insertion.
// The texts are copied into an arena, so callers may pass views of scratch buffers.
class TextTable {
  public:
    static constexpr uint32_t kMissing = std::numeric_limits<uint32_t>::max();

    // Id of `text`, adding it when new.
    uint32_t Intern(std::string_view text);
    // Id of `text`, or kMissing.
    uint32_t Find(std::string_view text) const;
    std::string_view Text(uint32_t id) const { return texts_[id]; }
    size_t size() const { return texts_.size(); }

  private:
    static uint32_t Hash(std::string_view s);
    void Grow();
    std::string_view Store(std::string_view text);

    std::vector<std::string_view> texts_;
    std::vector<uint32_t> hashes_;
    std::vector<uint32_t> slots_; // id + 1; 0 = empty
    std::vector<std::unique_ptr<char[]>> chunks_;
    size_t chunk_used_ = 0, chunk_size_ = 0;
};

} // namespace shelfmark::search_internal
