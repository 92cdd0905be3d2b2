#pragma once

/**
 * @file
 * How much a reader reads: the size cap every file reader applies (overridable per call).
 */

#include <cstdint>

namespace antq {

/** The largest file a reader accepts unless told otherwise: 1 GiB (a national graph file is about 100 MB). */
inline constexpr std::uint64_t default_max_file_bytes = std::uint64_t{1} << 30;

/** Limits a file reader enforces before parsing, so hostile input fails fast instead of exhausting the machine. */
struct ReadLimits {
    /** The largest file accepted, in bytes; a larger one is refused with IoError "too_large". */
    std::uint64_t max_bytes = default_max_file_bytes;
};

}  // namespace antq
