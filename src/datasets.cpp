#include <string_view>

#include <antq/io/datasets.hpp>
#include <antq/io/json.hpp>

// The dataset file is linked into the library as read-only bytes, so no path lookup can fail at run time.
// ANTQ_HAI_DUONG_2024_PATH is set by CMake to the absolute path of data/hai_duong_2024.json, as a string literal.

__asm__(".section .rodata\n"
        ".balign 16\n"
        "antq_hai_duong_2024_begin:\n"
        ".incbin \"" ANTQ_HAI_DUONG_2024_PATH "\"\n"
        "antq_hai_duong_2024_end:\n"
        ".byte 0\n"
        ".previous\n");

extern "C" {
extern const char antq_hai_duong_2024_begin[] __asm__("antq_hai_duong_2024_begin");
extern const char antq_hai_duong_2024_end[] __asm__("antq_hai_duong_2024_end");
}

namespace antq::datasets {

std::string_view hai_duong_2024_json() noexcept {
    return {antq_hai_duong_2024_begin, static_cast<std::size_t>(antq_hai_duong_2024_end - antq_hai_duong_2024_begin)};
}

OrgGraph hai_duong_2024() { return parse_graph(hai_duong_2024_json(), "hai_duong_2024"); }

}  // namespace antq::datasets
