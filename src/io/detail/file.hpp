#pragma once

// Whole-file reads and all-or-nothing writes, shared by the graph and directive formats. Internal.

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <system_error>

#include <antq/errors.hpp>

namespace antq::detail {

/** The file's bytes. @throws IoError "cannot_read" (missing, unreadable, a directory) */
inline std::string read_file(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw IoError("cannot_read", path.string(), "is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot_read", path.string(), std::error_code(errno, std::generic_category()).message());
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) throw IoError("cannot_read", path.string(), "read failed");
    return std::move(buffer).str();
}

/** Writes `text` to a temporary file beside `path`, then renames it: a failure never leaves half a file. */
inline void write_file(const std::filesystem::path& path, std::string_view text) {
    std::filesystem::path temporary = path;
    temporary += ".tmp";
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        if (!out) throw IoError("cannot_write", path.string(), std::error_code(errno, std::generic_category()).message());
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        out.close();
        if (!out) {
            std::error_code ignored;
            std::filesystem::remove(temporary, ignored);
            throw IoError("cannot_write", path.string(), "write failed");
        }
    }
    std::error_code ec;
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw IoError("cannot_write", path.string(), ec.message());
    }
}

}  // namespace antq::detail
