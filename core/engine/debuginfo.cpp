#include "debuginfo.h"
#include "picklemachine.h"

#include <fstream>

namespace jitscope {

namespace {

using namespace picklemachine;

class DebugRecordCheck
{
public:
    explicit DebugRecordCheck(const std::vector<Node>& nodes) : m_nodes(nodes) {}

    std::string run(int root)
    {
        if (!is(root, Kind::Tuple) || m_nodes[root].items.empty())
            return "it is not a non-empty tuple";
        const std::vector<int>& top = m_nodes[root].items;
        int records = root;
        if (is(top[0], Kind::Str) && m_nodes[top[0]].text == "FORMAT_WITH_STRING_TABLE") {
            if (top.size() < 3 || !is(top[1], Kind::Tuple) || !is(top[2], Kind::Tuple))
                return "its string-table header is malformed";
            for (int text : m_nodes[top[1]].items) {
                if (!is(text, Kind::Str))
                    return "its text table holds something other than text";
                m_table.push_back(&m_nodes[text].text);
            }
            records = top[2];
        }
        for (int record : m_nodes[records].items)
            if (std::string why = checkRecord(record); !why.empty())
                return why;
        return {};
    }

private:
    bool is(int node, Kind kind) const
    {
        return node >= 0 && static_cast<size_t>(node) < m_nodes.size() && m_nodes[node].kind == kind;
    }
    int64_t number(int node) const { return m_nodes[node].number; }
    bool inTable(int node) const
    {
        return is(node, Kind::Int) && number(node) >= 0 &&
               static_cast<uint64_t>(number(node)) < m_table.size();
    }

    // (byte offset, (source, start, end), tag): LibTorch reads items 0 and 1.
    std::string checkRecord(int record) const
    {
        if (!is(record, Kind::Tuple) || m_nodes[record].items.size() < 2)
            return "a record is not an (offset, range, tag) tuple";
        const std::vector<int>& r = m_nodes[record].items;
        if (!is(r[0], Kind::Int))
            return "a record's byte offset is not a number";
        if (!is(r[1], Kind::Tuple) || m_nodes[r[1]].items.size() != 3)
            return "a record's range is not a (source, start, end) tuple";
        const std::vector<int>& range = m_nodes[r[1]].items;
        if (!is(range[1], Kind::Int) || !is(range[2], Kind::Int))
            return "a range's start or end is not a number";
        // Ranges are not checked against their source's length: torch.jit.save itself writes (0, 1) over
        // empty sources, and LibTorch reads those without harm.
        return checkSource(range[0]);
    }

    // With a text table: (build_intlist([line indices]), file index, first line); without: (text, file,
    // line).
    std::string checkSource(int source) const
    {
        if (!is(source, Kind::Tuple) || m_nodes[source].items.size() != 3)
            return "a source is not a 3-tuple";
        const std::vector<int>& s = m_nodes[source].items;
        if (!is(s[2], Kind::Int))
            return "a source's first line is not a number";
        if (m_table.empty()) {
            if (!is(s[0], Kind::Str) || !(is(s[1], Kind::Str) || is(s[1], Kind::None)))
                return "a source is not (text, file name, line)";
            return {};
        }
        const int lines = intList(s[0]);
        if (lines < 0)
            return "a source's lines are not a list of text indices";
        for (int line : m_nodes[lines].items) {
            if (!inTable(line))
                return "a source names text " + std::to_string(is(line, Kind::Int) ? number(line) : -1) +
                       " of a table of " + std::to_string(m_table.size());
        }
        if (!inTable(s[1]))
            return "a source's file name index is outside the text table";
        return {};
    }

    // torch.jit._pickle.build_intlist(([…],)): the list node, or -1.
    int intList(int node) const
    {
        if (!is(node, Kind::Object) || m_nodes[node].text != "torch.jit._pickle.build_intlist" ||
            m_nodes[node].items.size() != 1)
            return -1;
        const int args = m_nodes[node].items[0];
        if (!is(args, Kind::Tuple) || m_nodes[args].items.size() != 1 ||
            !is(m_nodes[args].items[0], Kind::List))
            return -1;
        return m_nodes[args].items[0];
    }

    const std::vector<Node>& m_nodes;
    std::vector<const std::string*> m_table;
};

uint64_t le(const std::string& b, size_t at, int bytes)
{
    uint64_t v = 0;
    for (int i = 0; i < bytes; ++i)
        v |= static_cast<uint64_t>(static_cast<unsigned char>(b[at + static_cast<size_t>(i)])) << (8 * i);
    return v;
}

bool readAt(std::ifstream& in, uint64_t at, size_t n, std::string& out)
{
    out.assign(n, '\0');
    in.seekg(static_cast<std::streamoff>(at));
    in.read(out.data(), static_cast<std::streamsize>(n));
    return static_cast<size_t>(in.gcount()) == n;
}

} // namespace

std::string checkDebugPickle(const std::string& bytes)
{
    PickleScan unused;
    Machine machine(bytes, unused);
    const int root = machine.run();
    if (root < 0)
        return "it is not a readable pickle" +
               (machine.m_failure.empty() ? "" : " (" + machine.m_failure + ")");
    return DebugRecordCheck(machine.nodes).run(root);
}

std::vector<uint64_t> centralDirectoryNameEnds(const std::string& path, const std::set<std::string>& names)
{
    std::ifstream in(path, std::ios::binary);
    in.seekg(0, std::ios::end);
    const uint64_t size = static_cast<uint64_t>(std::max<std::streamoff>(0, in.tellg()));
    const uint64_t tailSize = std::min<uint64_t>(size, 22 + 65535);
    std::string tail;
    if (size < 22 || !readAt(in, size - tailSize, static_cast<size_t>(tailSize), tail))
        return {};
    size_t eocd = std::string::npos;
    for (size_t i = tail.size() - 22 + 1; i-- > 0;)
        if (le(tail, i, 4) == 0x06054b50) {
            eocd = i;
            break;
        }
    if (eocd == std::string::npos)
        return {};
    uint64_t cdSize = le(tail, eocd + 12, 4), cdOffset = le(tail, eocd + 16, 4);
    if ((cdSize == 0xFFFFFFFF || cdOffset == 0xFFFFFFFF) && eocd >= 20 &&
        le(tail, eocd - 20, 4) == 0x07064b50) {
        std::string record; // zip64: the locator points at the zip64 end record, which has the real numbers
        if (!readAt(in, le(tail, eocd - 20 + 8, 8), 56, record) || le(record, 0, 4) != 0x06064b50)
            return {};
        cdSize = le(record, 40, 8);
        cdOffset = le(record, 48, 8);
    }
    std::string cd;
    if (cdOffset > size || cdSize > size - cdOffset || !readAt(in, cdOffset, static_cast<size_t>(cdSize), cd))
        return {};
    std::vector<uint64_t> ends;
    for (size_t at = 0; at + 46 <= cd.size() && le(cd, at, 4) == 0x02014b50;) {
        const size_t nameLength = le(cd, at + 28, 2), extra = le(cd, at + 30, 2),
                     comment = le(cd, at + 32, 2);
        if (at + 46 + nameLength > cd.size())
            break;
        if (nameLength > 0 && names.count(cd.substr(at + 46, nameLength)))
            ends.push_back(cdOffset + at + 46 + nameLength - 1);
        at += 46 + nameLength + extra + comment;
    }
    return ends;
}

} // namespace jitscope
