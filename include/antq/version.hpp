#pragma once

/** @file Library version, kept in step with CMakeLists.txt and pyproject.toml. */

/** Major, minor and patch version numbers, for the preprocessor. */
#define ANTQ_VERSION_MAJOR 0
#define ANTQ_VERSION_MINOR 1
#define ANTQ_VERSION_PATCH 0

namespace antq {

/** The library version as "major.minor.patch". */
inline constexpr const char* version_string = "0.1.0";

/** The graph file format version this library reads and writes. */
inline constexpr int graph_format_version = 1;

}  // namespace antq
