// Advice to the operating system about large arrays written once (the outputs of a batch).
#pragma once

#include <cerrno>
#include <cstddef>
#include <cstdint>

#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace ontrack::detail {

/// Arrays at least this large are advised: glibc's malloc gives them their own mapping (its mmap
/// threshold never exceeds 32 MiB on 64-bit systems), which goes back to the system when freed, so the
/// advice never reaches memory the allocator hands out again for something else.
inline constexpr std::size_t huge_page_advice_threshold = std::size_t{32} << 20;

/// Asks the kernel to back the whole 2 MiB pages inside [data, data + bytes) with transparent huge pages
/// before they are first written (Linux with transparent huge pages in `madvise` or `always` mode;
/// elsewhere, and below `huge_page_advice_threshold`, nothing). Writing a fresh 40 MB output then
/// faults in 2 MiB at a time instead of 4 KiB: about half the time of its first touch. Advice only:
/// the contents and every result are the same whether the kernel follows it or not (with another
/// allocator than glibc's the advised pages may be reused for other allocations: more memory, never
/// other numbers).
inline void advise_huge_pages(void* data, std::size_t bytes) noexcept {
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    if (data == nullptr || bytes < huge_page_advice_threshold) return;
    constexpr std::uintptr_t huge = std::uintptr_t{1} << 21;
    const auto start = reinterpret_cast<std::uintptr_t>(data);
    const std::uintptr_t begin = (start + huge - 1) & ~(huge - 1);
    const std::uintptr_t end = (start + bytes) & ~(huge - 1);
    if (end > begin) {
        const int saved = errno;  // a refusal is no error of the caller's
        (void)madvise(reinterpret_cast<void*>(begin), end - begin, MADV_HUGEPAGE);
        errno = saved;
    }
#else
    (void)data;
    (void)bytes;
#endif
}

}  // namespace ontrack::detail
