#include "integrity.h"
#include "codecheck.h"
#include "debuginfo.h"
#include "picklescan.h"
#include "types/format.h"

#include <zip.h>

#include <memory>
#include <optional>
#include <set>
#include <tuple>

namespace jitscope {

namespace {

// data.pkl of the largest models is a few MB; anything far beyond is not a TorchScript pickle.
constexpr zip_uint64_t kMaxPickleBytes = 256ull << 20;

struct ZipCloser
{
    void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipCloser>;

std::string belowTop(const std::string& name)
{
    const auto slash = name.find('/');
    return slash == std::string::npos ? name : name.substr(slash + 1);
}

Error corrupt(std::string message, std::string detail = {})
{
    return Error{ErrorCode::Corrupt, std::move(message), std::move(detail), {}};
}

// Reads a whole record; "" and false when it cannot (damage shows up in the CRC pass, not here). `raw`
// skips libzip's CRC check (only for stored records, as torch.jit.save writes them).
bool readRecord(zip_t* archive, zip_uint64_t index, zip_uint64_t size, std::string& out, bool raw = false)
{
    if (size > kMaxPickleBytes)
        return false;
    zip_file_t* file = zip_fopen_index(archive, index, raw ? ZIP_FL_COMPRESSED : 0);
    if (!file)
        return false;
    out.resize(static_cast<size_t>(size));
    const zip_int64_t n = size ? zip_fread(file, out.data(), size) : 0;
    zip_fclose(file);
    return n == static_cast<zip_int64_t>(size);
}

// Storage and tensor checks of one pickle whose storages live under `folder` ("data/", "constants/").
std::optional<Error> checkPickle(const std::string& pickleName, const PickleScan& scan, const std::string& folder,
                                 const std::map<std::string, zip_uint64_t>& sizes, const std::string& label,
                                 ArchiveStructure& out)
{
    if (scan.malformed)
        return corrupt("The archive is corrupt: " + pickleName + " is not a valid pickle (" + scan.problem +
                       "); JitScope refuses to load it (LibTorch's unpickler could crash on it).");
    if (!scan.problem.empty())
        return corrupt("The archive is damaged or hostile: in " + pickleName + ", " + scan.problem +
                       "; JitScope refuses to load it.");
    for (const PickledStorage& s : scan.storages) {
        const std::string record = folder + s.key;
        if (s.numel < 0)
            return corrupt("The archive is damaged: " + pickleName + " gives storage " + record +
                           " a negative size (" + std::to_string(s.numel) + " elements).");
        auto it = sizes.find(record);
        if (s.numel == 0 || s.itemsize == 0 || it == sizes.end())
            continue; // LibTorch reads no record for an empty storage; a missing one it reports itself
        const __int128 need = static_cast<__int128>(s.numel) * s.itemsize;
        const __int128 have = it->second;
        if (need > have)
            return corrupt("The archive is damaged: tensor storage " + record + " claims " +
                               std::to_string(s.numel) + " " + s.type + " elements but its record holds " +
                               std::to_string(it->second) + " bytes; loading it would read past the record.",
                           pickleName + " asks for " + std::to_string(s.numel) + " x " +
                               std::to_string(s.itemsize) + " bytes.");
        if (need < have)
            out.problems.push_back("record " + record + " holds " + std::to_string(it->second) +
                                   " bytes but its storage uses " +
                                   std::to_string(static_cast<int64_t>(need)) + " (" + pickleName + ")");
    }
    for (const PickledTensor& t : scan.tensors) {
        const std::string record = folder + t.key;
        const std::string name = label + (t.path.empty() ? "(unnamed)" : t.path);
        out.tensors_by_record[record].push_back(name);
        if (t.storage_numel < 0)
            continue;
        const int64_t extent = tensorExtent(t);
        if (extent < 0)
            return corrupt("The archive is damaged: tensor " + name + " has an invalid shape, stride or offset.");
        if (extent > t.storage_numel)
            return corrupt("The archive is damaged: tensor " + name + " reaches element " +
                           std::to_string(extent) + " of storage " + record + ", which has " +
                           std::to_string(t.storage_numel) + "; loading it would read past the storage.");
    }
    return std::nullopt;
}

bool endsWith(const std::string& text, const std::string& suffix)
{
    return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool isStored(const zip_stat_t& st)
{
    return (st.valid & ZIP_STAT_COMP_METHOD) && st.comp_method == ZIP_CM_STORE;
}

// A record whose size its entry cannot hold: a stored record is as long as its data, and deflate expands
// at most 1032:1. LibTorch trusts the size: a few KB claiming a GiB make it allocate and parse a GiB.
std::optional<Error> checkRecordSize(const zip_stat_t& st)
{
    if (!(st.valid & ZIP_STAT_COMP_SIZE) || !(st.valid & ZIP_STAT_COMP_METHOD))
        return std::nullopt;
    const bool stored = isStored(st);
    const bool impossible = stored ? st.size != st.comp_size : st.size / 1032 > st.comp_size + 1024;
    if (!impossible)
        return std::nullopt;
    return corrupt("The archive is damaged or hostile: record " + belowTop(st.name) + " claims " +
                       formatBytes(static_cast<int64_t>(st.size)) + " from " +
                       formatBytes(static_cast<int64_t>(st.comp_size)) +
                       (stored ? " stored" : " compressed") + "; JitScope refuses to load it.",
                   stored ? "A stored record holds exactly its own bytes."
                          : "Deflate cannot expand data more than 1032-fold; LibTorch would allocate and read "
                            "the size the entry claims.");
}

// Code LibTorch's importer would crash on is refused; a debug record it could not use safely is listed
// (for Model::open to hide) and reported.
std::optional<Error> checkSourceRecord(zip_t* archive, const zip_stat_t& st, zip_uint64_t index,
                                       ArchiveStructure& out)
{
    const std::string name = st.name;
    const bool code = endsWith(name, ".py") && belowTop(name).rfind("code/", 0) == 0;
    const bool debug = endsWith(name, ".debug_pkl");
    if (!code && !debug)
        return std::nullopt;
    std::string bytes;
    // Code is checked even when its CRC fails (LibTorch never checks CRCs, it would compile it as is).
    const bool stored = isStored(st);
    const bool read = readRecord(archive, index, st.size, bytes) ||
                      (code && stored && readRecord(archive, index, st.size, bytes, /*raw=*/true));
    if (code) {
        const std::string why = read ? findCrashingClassStatement(bytes) : std::string();
        if (!why.empty())
            return corrupt("The archive is damaged: " + belowTop(name) + ", " + why +
                               " (LibTorch 1.13 would crash compiling it); JitScope refuses to load it.",
                           "LibTorch 1.13's importer reads a missing part of this statement without checking "
                           "(ScriptTypeParser::parseClassConstant); torch.jit.save never writes it.");
        return std::nullopt;
    }
    const std::string why = read ? checkDebugPickle(bytes) : "it fails its CRC check or cannot be read";
    if (!why.empty()) {
        out.unusable_debug_records.push_back(name);
        out.problems.push_back("debug record " + belowTop(name) + " is damaged (" + why +
                               "); its code is shown without source locations");
    }
    return std::nullopt;
}

} // namespace

Result<ArchiveStructure> checkStructure(const std::string& path)
{
    int errorCode = 0;
    ZipPtr archive(zip_open(path.c_str(), ZIP_RDONLY, &errorCode));
    if (!archive)
        return corrupt("The archive's table of contents is damaged (libzip error " + std::to_string(errorCode) +
                       ").");
    ArchiveStructure out;
    std::map<std::string, zip_uint64_t> sizes;
    std::map<std::string, zip_uint64_t> index;
    std::set<std::string> reported, stored;
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count; ++i) {
        zip_stat_t st;
        zip_stat_init(&st);
        if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW, &st) != 0 ||
            !(st.valid & ZIP_STAT_NAME) || !(st.valid & ZIP_STAT_SIZE))
            continue;
        const std::string name = belowTop(st.name);
        if (sizes.count(name) && reported.insert(name).second)
            out.problems.push_back("the archive holds two records named " + name +
                                   " (readers may disagree on which one counts)");
        sizes[name] = st.size;
        if (isStored(st))
            stored.insert(name);
        if (!index.count(name))
            index[name] = static_cast<zip_uint64_t>(i);
        if (auto error = checkRecordSize(st))
            return *error;
        if (auto error = checkSourceRecord(archive.get(), st, static_cast<zip_uint64_t>(i), out))
            return *error;
    }
    for (const auto& [pickleName, folder, label] :
         {std::tuple<const char*, const char*, const char*>{"data.pkl", "data/", ""},
          {"constants.pkl", "constants/", "constant "}}) {
        auto it = index.find(pickleName);
        std::string bytes;
        // A pickle whose CRC fails is still what LibTorch will unpickle: scan its stored bytes all the same.
        if (it == index.end() || !(readRecord(archive.get(), it->second, sizes[pickleName], bytes) ||
                                   (stored.count(pickleName) &&
                                    readRecord(archive.get(), it->second, sizes[pickleName], bytes, /*raw=*/true))))
            continue;
        const PickleScan scan = scanTorchPickle(bytes);
        if (auto error = checkPickle(pickleName, scan, folder, sizes, label, out))
            return *error;
    }
    return out;
}

std::vector<std::string> findCrcMismatches(const std::string& path, const std::atomic<bool>* stop)
{
    int errorCode = 0;
    ZipPtr archive(zip_open(path.c_str(), ZIP_RDONLY, &errorCode));
    if (!archive)
        return {"(central directory)"};
    std::vector<std::string> bad;
    std::vector<char> buffer(1 << 18);
    const zip_int64_t count = zip_get_num_entries(archive.get(), 0);
    for (zip_int64_t i = 0; i < count && !(stop && stop->load()); ++i) {
        zip_file_t* file = zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0);
        bool ok = file != nullptr;
        zip_int64_t n = 0;
        while (ok && (n = zip_fread(file, buffer.data(), buffer.size())) > 0) {
            if (stop && stop->load())
                break;
        }
        ok = ok && n == 0; // libzip reports a CRC mismatch as a read error at the end of the entry
        if (file)
            zip_fclose(file);
        if (!ok && !(stop && stop->load())) {
            const char* name = zip_get_name(archive.get(), static_cast<zip_uint64_t>(i), ZIP_FL_ENC_RAW);
            bad.push_back(name ? belowTop(name) : "#" + std::to_string(i));
        }
    }
    return bad;
}

IntegrityReport makeIntegrityReport(const ArchiveStructure& structure, const std::vector<std::string>& badRecords)
{
    IntegrityReport report;
    report.checked = true;
    report.bad_records = badRecords;
    report.problems = structure.problems;
    for (const std::string& record : badRecords) {
        auto it = structure.tensors_by_record.find(record);
        if (it != structure.tensors_by_record.end())
            report.damaged_tensors.insert(report.damaged_tensors.end(), it->second.begin(), it->second.end());
    }
    report.ok = report.bad_records.empty() && report.problems.empty();
    return report;
}

std::string describeRecord(const ArchiveStructure& structure, const std::string& record)
{
    auto it = structure.tensors_by_record.find(record);
    if (it == structure.tensors_by_record.end() || it->second.empty())
        return record;
    std::string names;
    for (size_t i = 0; i < it->second.size() && i < 3; ++i)
        names += (i ? ", " : "") + it->second[i];
    if (it->second.size() > 3)
        names += ", …";
    return record + " (" + names + ")";
}

} // namespace jitscope
