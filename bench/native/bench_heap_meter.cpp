// The global operator new/delete of shelfmark_bench, counting for HeapMeter
// (heap_meter.h). No benchmarks here; named bench_* so the benchmark glob builds it.
#include "heap_meter.h"

#include <atomic>
#include <cstdlib>
#include <new>

#include <malloc.h>

namespace {

std::atomic<bool> g_metering{false};
int64_t g_now = 0, g_peak = 0;

void* Allocate(std::size_t n) {
    void* p = std::malloc(n ? n : 1);
    if (p && g_metering.load(std::memory_order_relaxed)) {
        g_now += static_cast<int64_t>(malloc_usable_size(p));
        if (g_now > g_peak) g_peak = g_now;
    }
    return p;
}

void Release(void* p) noexcept {
    if (p && g_metering.load(std::memory_order_relaxed)) g_now -= static_cast<int64_t>(malloc_usable_size(p));
    std::free(p);
}

} // namespace

namespace shelfmark::bench {

HeapMeter::HeapMeter() {
    g_now = g_peak = 0;
    g_metering.store(true, std::memory_order_relaxed);
}
HeapMeter::~HeapMeter() { g_metering.store(false, std::memory_order_relaxed); }
int64_t HeapMeter::Peak() const { return g_peak; }
int64_t HeapMeter::Now() const { return g_now; }

} // namespace shelfmark::bench

void* operator new(std::size_t n) {
    if (void* p = Allocate(n)) return p;
    throw std::bad_alloc();
}
void* operator new[](std::size_t n) {
    if (void* p = Allocate(n)) return p;
    throw std::bad_alloc();
}
void* operator new(std::size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void* operator new[](std::size_t n, const std::nothrow_t&) noexcept { return Allocate(n); }
void operator delete(void* p) noexcept { Release(p); }
void operator delete[](void* p) noexcept { Release(p); }
void operator delete(void* p, std::size_t) noexcept { Release(p); }
void operator delete[](void* p, std::size_t) noexcept { Release(p); }
void operator delete(void* p, const std::nothrow_t&) noexcept { Release(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { Release(p); }
