// heap_meter.h: how much heap a piece of code takes natively, at its high-water mark.
// The definitions (bench_heap_meter.cpp) replace the global operator new/delete; while a
// HeapMeter is alive they add and subtract each block's usable size (glibc's
// malloc_usable_size), so `peak` is the most the heap held above what it held when the
// meter started (blocks freed that were made before count too, so it is exact), and
// `now` what it holds at the end. Outside a meter the cost is one relaxed atomic load.
// One meter at a time, on one thread.
#pragma once

#include <cstddef>
#include <cstdint>

namespace shelfmark::bench {

class HeapMeter {
  public:
    HeapMeter();
    ~HeapMeter();
    HeapMeter(const HeapMeter&) = delete;
    HeapMeter& operator=(const HeapMeter&) = delete;
    int64_t Peak() const; // bytes above the start at the high-water mark
    int64_t Now() const;  // bytes above the start now
};

} // namespace shelfmark::bench
