#include "archive.h"

#include <caffe2/serialize/inline_container.h>
#include <caffe2/serialize/versions.h>

#include <zip.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>
#include <sys/stat.h>
#include <unistd.h>

namespace jitscope {

namespace {

const char* const kExportHint =
    "Export it from Python as TorchScript: torch.jit.save(torch.jit.script(model), \"model.pt\") "
    "(or torch.jit.trace(model, example_inputs) for a traced export).";

std::string firstLine(const std::string& text)
{
    const auto end = text.find('\n');
    return end == std::string::npos ? text : text.substr(0, end);
}

bool startsWith(const std::string& text, const std::string& prefix)
{
    return text.compare(0, prefix.size(), prefix) == 0;
}

// Tells a state_dict from an eagerly pickled nn.Module by the globals its pickle names.
Error checkpointError(const std::string& pickleBytes, bool legacy)
{
    const bool module = pickleBytes.find("torch.nn.modules") != std::string::npos;
    const bool stateDict = !module && pickleBytes.find("OrderedDict") != std::string::npos;
    std::string what = module      ? "an eagerly pickled nn.Module (torch.save(model))"
                       : stateDict ? "a state_dict checkpoint (torch.save(model.state_dict()))"
                                   : "a Python object saved with torch.save()";
    Error error{ErrorCode::Checkpoint,
                "This file is " + what + ", not TorchScript. " + kExportHint,
                std::string(legacy ? "Legacy (pre-1.6) torch.save format. " : "torch.save zip format. ") +
                    "A TorchScript archive holds code/ and constants.pkl; this one holds only pickled data, "
                    "which needs the Python classes that made it.",
                {}};
    return error;
}

Error error(ErrorCode code, std::string message, std::string detail = {})
{
    return Error{code, std::move(message), std::move(detail), {}};
}

} // namespace

Result<ArchiveProbe> probeArchive(const std::string& path)
{
    struct stat st
    {
    };
    if (stat(path.c_str(), &st) != 0) {
        const int why = errno;
        struct stat link
        {
        };
        if (why == ENOENT && lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode))
            return error(ErrorCode::FileNotFound, path + " is a symbolic link to a file that does not exist.");
        if (why == ENOENT)
            return error(ErrorCode::FileNotFound, "No such file: " + path);
        return error(ErrorCode::FileNotFound, "Cannot open " + path + ": " + std::strerror(why) + ".");
    }
    if (S_ISDIR(st.st_mode))
        return error(ErrorCode::FileNotFound, path + " is a folder, not a TorchScript file.");
    // A FIFO would block the first read until someone writes to it, a device may never end (/dev/zero):
    // only regular files are read.
    if (!S_ISREG(st.st_mode)) {
        const char* kind = S_ISFIFO(st.st_mode)  ? "a named pipe (FIFO)"
                           : S_ISCHR(st.st_mode) ? "a character device"
                           : S_ISBLK(st.st_mode) ? "a block device"
                           : S_ISSOCK(st.st_mode) ? "a socket"
                                                  : "not a regular file";
        return error(ErrorCode::NotZip, path + " is " + kind + ", not a TorchScript file.");
    }
    if (access(path.c_str(), R_OK) != 0)
        return error(ErrorCode::FileNotFound, "Cannot read " + path + ": permission denied.");
    ArchiveProbe probe;
    probe.bytes = st.st_size;
    if (probe.bytes == 0)
        return error(ErrorCode::EmptyFile, "The file is empty (0 bytes): " + path);

    std::ifstream in(path, std::ios::binary);
    if (!in)
        return error(ErrorCode::FileNotFound, "Cannot read " + path + " (permission denied?).");
    std::string head(4096, '\0');
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));

    if (!startsWith(head, std::string("PK\x03\x04", 4))) {
        // torch.save before PyTorch 1.6 wrote a pickle stream, starting with the PROTO opcode.
        if (!head.empty() && static_cast<unsigned char>(head[0]) == 0x80)
            return checkpointError(head, /*legacy=*/true);
        return error(ErrorCode::NotZip,
                     "This is not a TorchScript file: TorchScript files are zip archives, and this file is "
                     "neither a zip nor a PyTorch pickle.",
                     "First bytes do not match a zip local header (PK\\3\\4).");
    }

    // The top folder is the first entry's name up to '/': a zip local header keeps the name length at
    // offset 26 and the name at 30.
    if (head.size() > 30) {
        const size_t nameLength = static_cast<unsigned char>(head[26]) | static_cast<unsigned char>(head[27])
                                                                             << 8;
        const std::string first = head.substr(30, std::min(nameLength, head.size() - 30));
        probe.archive_name = first.substr(0, first.find('/'));
    }

    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> reader;
    try {
        reader = std::make_unique<caffe2::serialize::PyTorchStreamReader>(path);
    } catch (const std::exception& e) {
        const std::string what = e.what();
        if (what.find("maximum supported version") != std::string::npos) {
            // LibTorch names the file's version ("a PyTorch file with version 99, but …"): say it too.
            std::smatch found;
            const std::string which = std::regex_search(what, found, std::regex("with version ([0-9]+)"))
                                          ? "format version " + found[1].str()
                                          : std::string("a newer format");
            return error(ErrorCode::VersionTooNew,
                         "The archive uses " + which +
                             ", written by a newer PyTorch than this LibTorch can read (it reads format "
                             "versions up to " +
                             std::to_string(caffe2::serialize::kMaxSupportedFileFormatVersion) + ").",
                         what);
        }
        if (what.find("not in a subdirectory") != std::string::npos ||
            what.find("version") != std::string::npos)
            return error(ErrorCode::NotTorchScript,
                         "This zip archive is not a TorchScript file (no PyTorch records inside).", what);
        return error(ErrorCode::Corrupt, "The archive is damaged or truncated: " + firstLine(what), what);
    }

    probe.format_version = static_cast<int64_t>(reader->version());
    try {
        probe.records = reader->getAllRecords();
    } catch (const std::exception& e) {
        return error(ErrorCode::Corrupt, "The archive's table of contents is damaged.", e.what());
    }
    std::sort(probe.records.begin(), probe.records.end());
    bool hasData = false, hasConstants = false, hasCode = false;
    for (const std::string& name : probe.records) {
        hasData |= name == "data.pkl";
        hasConstants |= name == "constants.pkl";
        hasCode |= startsWith(name, "code/");
        if (startsWith(name, "extra/") && name.size() > 6)
            probe.extra_files.push_back(name.substr(6));
        if (name.size() > 10 && name.compare(name.size() - 10, 10, ".debug_pkl") == 0)
            probe.has_debug_info = true;
    }
    if (!hasData)
        return error(ErrorCode::NotTorchScript,
                     "This zip archive is not a TorchScript file (it has no data.pkl).",
                     std::to_string(probe.records.size()) + " records, none of them data.pkl");
    if (!hasCode && !hasConstants) {
        std::string pickle;
        try {
            auto [data, size] = reader->getRecord("data.pkl");
            pickle.assign(static_cast<const char*>(data.get()), size);
        } catch (const std::exception&) {
        }
        return checkpointError(pickle, /*legacy=*/false);
    }
    for (const std::string& name : probe.records) {
        if (!startsWith(name, "code/") || probe.uses_torchvision_ops)
            continue;
        try {
            auto [data, size] = reader->getRecord(name);
            const std::string text(static_cast<const char*>(data.get()), size);
            probe.uses_torchvision_ops = text.find("ops.torchvision.") != std::string::npos;
        } catch (const std::exception& e) {
            return error(ErrorCode::Corrupt, "The archive is damaged: " + name + " cannot be read.",
                         e.what());
        }
    }
    return probe;
}

Result<std::string> readArchiveRecord(const std::string& path, const std::string& name)
{
    struct stat st
    {
    };
    if (stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
        return error(ErrorCode::FileNotFound,
                     path + " no longer exists (deleted or moved since it was opened); the model stays open "
                            "from memory, but " + name + " has to be read from the file.");
    try {
        caffe2::serialize::PyTorchStreamReader reader(path);
        if (!reader.hasRecord(name))
            return error(ErrorCode::NotFound, "The archive has no record " + name + ".");
        auto [data, size] = reader.getRecord(name);
        return std::string(static_cast<const char*>(data.get()), size);
    } catch (const std::exception& e) {
        return error(ErrorCode::Corrupt, "Cannot read " + name + " from the archive.", e.what());
    }
}

Error classifyLoadError(const std::string& what)
{
    static const std::regex unknownOp(
        R"(Unknown builtin op: ([A-Za-z_][A-Za-z0-9_]*::[A-Za-z0-9_.]*[A-Za-z0-9_]))");
    std::smatch match;
    if (std::regex_search(what, match, unknownOp)) {
        const std::string op = match[1];
        const std::string ns = op.substr(0, op.find("::"));
        Error e{ErrorCode::UnknownOp,
                "The model uses the operator " + op +
                    ", which is not registered in this process. Load the "
                    "library that defines the '" +
                    ns +
                    "' ops (jitscope-cli --load-library PATH, "
                    "JITSCOPE_LOAD_LIBRARIES, or Settings › Extension libraries in the window) and open the "
                    "file again.",
                what, op};
        return e;
    }
    if (what.find("PytorchStreamReader failed") != std::string::npos ||
        what.find("CRC") != std::string::npos || what.find("crc") != std::string::npos ||
        what.find("unexpected EOF") != std::string::npos)
        return error(ErrorCode::Corrupt, "The archive is damaged or truncated: " + firstLine(what), what);
    return error(ErrorCode::LoadFailed, "LibTorch could not load this TorchScript file: " + firstLine(what),
                 what);
}

} // namespace jitscope
