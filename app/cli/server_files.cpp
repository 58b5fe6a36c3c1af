// Worker requests for files on the worker's machine: list_dir, stat, upload and download (docs/protocol.md,
// "Files on the worker's machine"). A window on a laptop browses the GPU box's disk through these, sends it a
// file, or fetches one back (the outputs Save outputs wrote there).
#include "protocol/files.h"
#include "server.h"
#include "sha256.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace jitscope::cli {

namespace fs = std::filesystem;
using namespace jitscope::protocol;

namespace {

std::string homeDirectory()
{
    if (const char* home = std::getenv("HOME"); home && *home)
        return home;
    if (const passwd* pw = getpwuid(getuid()); pw && pw->pw_dir)
        return pw->pw_dir;
    return "/";
}

std::string normalise(const std::string& path)
{
    fs::path p = path.empty() ? fs::path(homeDirectory()) : fs::path(path);
    if (p.is_relative())
        p = fs::path(homeDirectory()) / p; // relative to the worker's home, as ssh's scp does
    std::string text = p.lexically_normal().string();
    if (text.size() > 1 && text.back() == '/')
        text.pop_back();
    return text;
}

Error fileError(const std::string& path, int error)
{
    return {error == ENOENT ? ErrorCode::FileNotFound : ErrorCode::BadRequest,
            path + ": " + std::strerror(error),
            {},
            {}};
}

// ---- uploads ----------------------------------------------------------------------------------------

// Files whose temporary copies must go when the worker ends. A signal handler may only unlink and rmdir,
// so the paths are kept in fixed buffers it can read without allocating.
constexpr int kMaxTracked = 64;
char g_trackedFiles[kMaxTracked][512];
char g_trackedDirs[kMaxTracked + 1][512];
volatile sig_atomic_t g_trackedFileCount = 0;
volatile sig_atomic_t g_trackedDirCount = 0;

void removeTracked()
{
    for (int i = 0; i < g_trackedFileCount; ++i)
        unlink(g_trackedFiles[i]);
    for (int i = g_trackedDirCount - 1; i >= 0; --i)
        rmdir(g_trackedDirs[i]);
}

extern "C" void onFatalSignal(int signal)
{
    removeTracked();
    std::signal(signal, SIG_DFL);
    raise(signal);
}

void track(char (*table)[512], volatile sig_atomic_t& count, int capacity, const std::string& path)
{
    if (count >= capacity || path.size() >= 512)
        return; // still removed at a normal exit
    std::memcpy(table[count], path.c_str(), path.size() + 1);
    count = count + 1;
}

class UploadStore
{
public:
    ~UploadStore()
    {
        // A normal exit (EOF on stdin, shutdown): everything sent in this session goes.
        m_open.clear();
        if (!m_dir.empty()) {
            std::error_code ignored;
            fs::remove_all(m_dir, ignored);
        }
    }

    UploadResult chunk(const UploadRequest& request)
    {
        Pending* pending = nullptr;
        if (request.upload.empty()) {
            if (request.offset != 0)
                throw RequestError(protocol::badRequest("The first chunk of an upload has offset 0."));
            pending = &begin(request);
        } else {
            auto it = m_open.find(request.upload);
            if (it == m_open.end())
                throw RequestError(
                    protocol::badRequest("No upload '" + request.upload + "' is in progress."));
            pending = &it->second;
        }
        if (!request.sha256.empty())
            pending->sha256 = normaliseDigest(*pending, request.sha256);
        const std::string bytes = decodeBase64(request.data);
        if (request.offset != pending->received)
            fail(*pending, "Chunk at offset " + std::to_string(request.offset) + " arrived; expected " +
                               std::to_string(pending->received) + ".");
        if (pending->received + static_cast<int64_t>(bytes.size()) > pending->size)
            fail(*pending, "The upload is longer than the size announced.");
        pending->out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
        pending->hash.add(bytes.data(), bytes.size());
        pending->received += static_cast<int64_t>(bytes.size());
        if (!pending->out)
            fail(*pending, "Cannot write " + pending->path + ": " + std::strerror(errno));

        UploadResult result{pending->token, pending->received, false, {}};
        if (pending->received == pending->size) {
            pending->out.close();
            if (pending->sha256.empty())
                fail(*pending, "The last chunk of an upload needs the file's \"sha256\".");
            const std::string digest = pending->hash.hexDigest();
            if (digest != pending->sha256) {
                const std::string path = pending->path;
                const std::string detail = "sent " + pending->sha256 + ", received " + digest;
                std::remove(path.c_str());
                m_open.erase(result.upload);
                throw RequestError({ErrorCode::Corrupt,
                                    "The file arrived damaged: its SHA-256 differs from the one sent.",
                                    detail,
                                    {}});
            }
            result.complete = true;
            result.path = pending->path;
            m_open.erase(result.upload);
        }
        return result;
    }

    // A fresh path for a file the worker writes for the client (save_outputs without a path): in its own
    // folder of the session directory, removed with it.
    std::string newFile(const std::string& name)
    {
        const fs::path folder = makeFolder("w" + std::to_string(++m_count));
        const std::string path = (folder / name).string();
        track(g_trackedFiles, g_trackedFileCount, kMaxTracked, path);
        return path;
    }

private:
    struct Pending
    {
        std::string token, path, sha256;
        int64_t size = 0, received = 0;
        std::ofstream out;
        Sha256 hash;
    };

    // A new folder of the session directory, tracked so that it is removed with it.
    fs::path makeFolder(const std::string& leaf)
    {
        const fs::path folder = fs::path(sessionDir()) / leaf;
        std::error_code error;
        fs::create_directory(folder, error);
        if (error)
            throw RequestError(
                {ErrorCode::Internal, "Cannot create " + folder.string() + ": " + error.message(), {}, {}});
        track(g_trackedDirs, g_trackedDirCount, kMaxTracked + 1, folder.string());
        return folder;
    }

    Pending& begin(const UploadRequest& request)
    {
        std::string name = request.name.substr(request.name.find_last_of('/') + 1);
        if (name.empty() || name == "." || name == "..")
            throw RequestError(protocol::badRequest("An upload needs a file name."));
        if (request.size < 0)
            throw RequestError(protocol::badRequest("An upload needs its size."));
        const std::string token = "u" + std::to_string(++m_count);
        // One folder per upload keeps the file's own name (the window shows it) without collisions.
        const fs::path folder = makeFolder(token);
        Pending& pending = m_open[token];
        pending.token = token;
        pending.path = (folder / name).string();
        pending.size = request.size;
        pending.out.open(pending.path, std::ios::binary | std::ios::trunc);
        if (!pending.out) {
            const std::string message = "Cannot create " + pending.path + ": " + std::strerror(errno);
            m_open.erase(token);
            throw RequestError({ErrorCode::Internal, message, {}, {}});
        }
        track(g_trackedFiles, g_trackedFileCount, kMaxTracked, pending.path);
        return pending;
    }

    std::string normaliseDigest(Pending& pending, std::string digest)
    {
        std::transform(digest.begin(), digest.end(), digest.begin(), ::tolower);
        if (digest.size() != 64 || digest.find_first_not_of("0123456789abcdef") != std::string::npos)
            fail(pending, "\"sha256\" must be 64 hex digits.");
        return digest;
    }

    [[noreturn]] void fail(Pending& pending, const std::string& message)
    {
        const std::string path = pending.path;
        m_open.erase(pending.token);
        std::remove(path.c_str());
        throw RequestError(protocol::badRequest(message));
    }

    const std::string& sessionDir()
    {
        if (m_dir.empty()) {
            const char* tmp = std::getenv("TMPDIR");
            std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/jitscope-upload-XXXXXX";
            if (!mkdtemp(pattern.data()))
                throw RequestError({ErrorCode::Internal,
                                    "Cannot create a temporary folder: " + std::string(std::strerror(errno)),
                                    {},
                                    {}});
            m_dir = pattern;
            track(g_trackedDirs, g_trackedDirCount, kMaxTracked + 1, m_dir);
            for (int signal : {SIGHUP, SIGTERM, SIGINT, SIGPIPE})
                std::signal(signal, onFatalSignal);
        }
        return m_dir;
    }

    static std::string decodeBase64(const std::string& text)
    {
        static const auto table = [] {
            std::array<int, 256> t;
            t.fill(-1);
            const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
            for (int i = 0; i < 64; ++i)
                t[static_cast<unsigned char>(alphabet[i])] = i;
            return t;
        }();
        std::string out;
        out.reserve(text.size() / 4 * 3);
        uint32_t accumulator = 0;
        int bits = 0;
        for (char c : text) {
            if (c == '=')
                break;
            const int value = table[static_cast<unsigned char>(c)];
            if (value < 0)
                throw RequestError(protocol::badRequest("'data' is not base64."));
            accumulator = (accumulator << 6) | static_cast<uint32_t>(value);
            bits += 6;
            if (bits >= 8) {
                bits -= 8;
                out += static_cast<char>((accumulator >> bits) & 0xff);
            }
        }
        return out;
    }

    std::string m_dir;
    std::map<std::string, Pending> m_open;
    int m_count = 0;
};

// One store per worker process; its destructor (at exit) removes what was uploaded or written for the client.
UploadStore& store()
{
    static UploadStore instance;
    return instance;
}

// ---- downloads ------------------------------------------------------------------------------------------

std::string encodeBase64(const std::string& bytes)
{
    static const char* alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    out.reserve((bytes.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < bytes.size(); i += 3) {
        const uint32_t v = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) |
                           uint32_t(uint8_t(bytes[i + 2]));
        for (int shift : {18, 12, 6, 0})
            out += alphabet[(v >> shift) & 63];
    }
    if (i < bytes.size()) {
        uint32_t v = uint32_t(uint8_t(bytes[i])) << 16;
        if (i + 1 < bytes.size())
            v |= uint32_t(uint8_t(bytes[i + 1])) << 8;
        out += alphabet[(v >> 18) & 63];
        out += alphabet[(v >> 12) & 63];
        out += i + 1 < bytes.size() ? alphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

DownloadResult downloadChunk(const DownloadRequest& request)
{
    if (request.path.empty())
        throw RequestError({ErrorCode::BadRequest, "download needs a \"path\".", {}, {}});
    if (request.length <= 0 || request.length > DownloadRequest::kMaxChunkBytes)
        throw RequestError({ErrorCode::BadRequest,
                            "\"length\" must be between 1 and " + std::to_string(DownloadRequest::kMaxChunkBytes) +
                                " bytes.",
                            {},
                            {}});
    DownloadResult result;
    result.path = normalise(request.path);
    struct stat info
    {
    };
    if (stat(result.path.c_str(), &info) != 0)
        throw RequestError(fileError(result.path, errno));
    if (!S_ISREG(info.st_mode))
        throw RequestError({ErrorCode::BadRequest, result.path + " is not a file.", {}, {}});
    std::ifstream in(result.path, std::ios::binary);
    if (!in)
        throw RequestError(fileError(result.path, errno));
    result.size = static_cast<int64_t>(info.st_size);
    if (request.offset < 0 || request.offset > result.size)
        throw RequestError({ErrorCode::BadRequest,
                            "\"offset\" " + std::to_string(request.offset) + " is outside the file (" +
                                std::to_string(result.size) + " bytes).",
                            {},
                            {}});
    result.offset = request.offset;
    std::vector<char> buffer(1 << 20);
    if (request.offset == 0) {
        // The digest of the whole file, read once more: the client checks what it put together against it.
        Sha256 hash;
        while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0)
            hash.add(buffer.data(), static_cast<size_t>(in.gcount()));
        result.sha256 = hash.hexDigest();
        in.clear();
    }
    const int64_t length = std::min(request.length, result.size - request.offset);
    std::string bytes(static_cast<size_t>(length), '\0');
    in.seekg(request.offset);
    in.read(bytes.data(), static_cast<std::streamsize>(length));
    bytes.resize(static_cast<size_t>(in.gcount())); // shorter if the file shrank meanwhile
    result.data = encodeBase64(bytes);
    return result;
}

} // namespace

std::string newSessionFile(const std::string& name)
{
    return store().newFile(name);
}

void registerFileHandlers(Server& server)
{
    server.on<ListDirRequest>([](const ListDirRequest& request, Server::Context&) {
        ListDirResult result;
        result.path = normalise(request.path);
        result.parent = result.path == "/" ? std::string() : fs::path(result.path).parent_path().string();
        struct stat info
        {
        };
        if (stat(result.path.c_str(), &info) != 0)
            throw RequestError(fileError(result.path, errno));
        if (!S_ISDIR(info.st_mode))
            throw RequestError(protocol::badRequest(result.path + " is not a folder."));
        DIR* dir = opendir(result.path.c_str());
        if (!dir)
            throw RequestError(fileError(result.path, errno));
        while (const dirent* entry = readdir(dir)) {
            const std::string name = entry->d_name;
            if (name == "." || name == ".." || (!request.show_hidden && name[0] == '.'))
                continue;
            const std::string full = (fs::path(result.path) / name).string();
            // Only what this user can read: a folder it cannot list or a file it cannot open is of no use.
            struct stat st
            {
            };
            if (stat(full.c_str(), &st) != 0 || access(full.c_str(), R_OK) != 0)
                continue;
            DirEntry e{name, S_ISDIR(st.st_mode) ? 0 : static_cast<int64_t>(st.st_size),
                       static_cast<int64_t>(st.st_mtime), S_ISDIR(st.st_mode)};
            if (e.is_dir && access(full.c_str(), X_OK) != 0)
                continue;
            if (request.models_only && !e.is_dir && !isModelFileName(name))
                continue;
            result.entries.push_back(std::move(e));
        }
        closedir(dir);
        std::sort(result.entries.begin(), result.entries.end(), [](const DirEntry& a, const DirEntry& b) {
            return a.is_dir != b.is_dir ? a.is_dir : a.name < b.name;
        });
        return result;
    });

    server.on<StatRequest>([](const StatRequest& request, Server::Context&) {
        if (request.path.empty())
            throw RequestError(protocol::badRequest("stat needs a \"path\"."));
        StatResult result;
        result.path = normalise(request.path);
        struct stat info
        {
        };
        if (stat(result.path.c_str(), &info) != 0) {
            if (errno != ENOENT && errno != ENOTDIR)
                throw RequestError(fileError(result.path, errno));
            return result;
        }
        result.exists = true;
        result.is_dir = S_ISDIR(info.st_mode);
        result.readable = access(result.path.c_str(), R_OK) == 0;
        result.size = result.is_dir ? 0 : static_cast<int64_t>(info.st_size);
        result.mtime = static_cast<int64_t>(info.st_mtime);
        return result;
    });

    server.on<UploadRequest>(
        [](const UploadRequest& request, Server::Context&) { return store().chunk(request); });

    server.on<DownloadRequest>(
        [](const DownloadRequest& request, Server::Context&) { return downloadChunk(request); });
}

} // namespace jitscope::cli
