#pragma once

// Whole-file reads (regular files only, under a size cap) and all-or-nothing writes, shared by every format.
// Internal.

#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <antq/errors.hpp>
#include <antq/io/read_limits.hpp>

namespace antq::detail {

/**
 * The file's bytes, read only if it is a regular file (a FIFO would block for ever, a device like /dev/zero never
 * end) of at most `max_bytes`: read in blocks and stopped past the cap, since a size on disk can change or lie.
 * @throws IoError "cannot_read" (missing, unreadable, not a regular file), "too_large"
 */
inline std::string read_file(const std::filesystem::path& path, std::uint64_t max_bytes = default_max_file_bytes) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (std::filesystem::is_directory(status)) throw IoError("cannot_read", path.string(), "is a directory, not a file");
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw IoError("cannot_read", path.string(),
                      "is not a regular file (a pipe, a socket or a device); antq reads files only");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw IoError("cannot_read", path.string(), std::error_code(errno, std::generic_category()).message());
    auto too_large = [&] {
        return IoError("too_large", path.string(),
                       "holds more than " + std::to_string(max_bytes) + " bytes, the reader's limit (raise it with "
                       "max_bytes if the file is meant to be this large)");
    };
    if (const auto size = std::filesystem::file_size(path, ec); !ec && size > max_bytes) throw too_large();
    std::string text;
    char block[1 << 16];
    while (in.read(block, sizeof block) || in.gcount() > 0) {
        const auto got = static_cast<std::size_t>(in.gcount());
        if (text.size() + got > max_bytes) throw too_large();
        text.append(block, got);
    }
    if (in.bad()) throw IoError("cannot_read", path.string(), "read failed");
    return text;
}

/** Refuses a text longer than `max_bytes`, naming `source`. @throws IoError "too_large" */
inline void check_size(std::string_view text, const std::string& source, std::uint64_t max_bytes) {
    if (text.size() > max_bytes)
        throw IoError("too_large", source,
                      "holds more than " + std::to_string(max_bytes) + " bytes, the reader's limit (raise it with "
                      "max_bytes if the text is meant to be this large)");
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
