#pragma once

// Whole-file reads (regular files only, under a size cap) and all-or-nothing writes, shared by every format.
// Internal.

#include <atomic>
#include <cerrno>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

/**
 * Where a write to `path` lands: `path`, or the file its symbolic links lead to (a link is kept, its file updated).
 * @throws IoError "cannot_write" for a link loop
 */
inline std::filesystem::path write_target(const std::filesystem::path& path) {
    std::filesystem::path target = path;
    for (int hops = 0; hops < 40; ++hops) {
        std::error_code ec;
        if (!std::filesystem::is_symlink(std::filesystem::symlink_status(target, ec))) return target;
        const std::filesystem::path next = std::filesystem::read_symlink(target, ec);
        if (ec) throw IoError("cannot_write", path.string(), ec.message());
        target = next.is_absolute() ? next : target.parent_path() / next;
    }
    throw IoError("cannot_write", path.string(), "too many levels of symbolic links");
}

/**
 * Writes `text` to a new temporary file beside the target, synced, then renames it over the target: a failure never
 * leaves half a file, and no other file is touched (the temporary's name is unique, made with O_EXCL). The file keeps
 * its permission bits. A symbolic link is followed, so the file it names is updated and the link stays; a hard link
 * is not (the name written gets the new file, other names keep the old one). A target that exists but is not a
 * regular file (a device, a pipe, a directory) is refused: renaming over it would replace it.
 * @throws IoError "cannot_write"
 */
inline void write_file(const std::filesystem::path& path, std::string_view text) {
    const std::filesystem::path target = write_target(path);
    std::error_code ec;
    const auto status = std::filesystem::status(target, ec);
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw IoError("cannot_write", path.string(),
                      std::filesystem::is_directory(status)
                          ? "is a directory, not a file"
                          : "is not a regular file (a device, a pipe or a socket); antq writes regular files only");
    auto failed = [&](int error) { return IoError("cannot_write", path.string(), std::generic_category().message(error)); };
    static std::atomic<unsigned> written{0};
    std::filesystem::path temporary;
    int fd = -1;
    for (int attempt = 0; fd < 0; ++attempt) {
        temporary = target;
        temporary += "." + std::to_string(::getpid()) + "-" + std::to_string(written++) + ".tmp";
        fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && (errno != EEXIST || attempt == 100)) throw failed(errno);
    }
    auto discard = [&](int error) {
        ::close(fd);
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        return failed(error);
    };
    // The file keeps its permissions (a private 0600 file stays private); a new one gets 0666 less the umask.
    struct stat existing {};
    if (::stat(target.c_str(), &existing) == 0 && ::fchmod(fd, existing.st_mode & 07777) != 0) throw discard(errno);
    for (std::size_t done = 0; done < text.size();) {
        const ::ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) throw discard(n < 0 ? errno : EIO);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) throw discard(errno);  // on disk before the rename makes it the file
    if (::close(fd) != 0) {
        const int error = errno;
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw failed(error);
    }
    std::filesystem::rename(temporary, target, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temporary, ignored);
        throw IoError("cannot_write", path.string(), ec.message());
    }
}

}  // namespace antq::detail
