// LibTorch's unpickler lacks APPEND ('a') and SETITEM ('s'); the fix-up of pickles that use them.
// Byte-level and LibTorch-free, so it costs nothing of the engine's LibTorch compile time.
#include "pickle.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

namespace jitscope {

// Rewriting `item APPEND` as `MARK item APPENDS` needs where the item began, hence a walk that tracks the
// stack.
std::string rewriteAppends(const std::string& in)
{
    struct Item
    {
        size_t start;
        bool mark;
    };
    std::vector<Item> stack;
    std::vector<size_t> markAt;                    // byte offsets where a MARK gets inserted
    std::vector<std::pair<size_t, char>> appendAt; // APPEND → APPENDS, SETITEM → SETITEMS
    auto le = [&](size_t at, int bytes) {
        uint64_t v = 0;
        for (int i = 0; i < bytes && at + i < in.size(); ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
        return static_cast<size_t>(v);
    };
    size_t pos = 0;
    // Skips a length field of `bytes` bytes and the `width`-byte payload it counts; false when that runs
    // past the end (a huge count must not wrap `pos` around).
    auto skipCounted = [&](int width, int bytes) {
        const size_t count = le(pos, bytes);
        if (count > in.size() || pos + static_cast<size_t>(width) + count > in.size())
            return false;
        pos += static_cast<size_t>(width) + count;
        return true;
    };
    auto pop = [&](size_t n) {
        size_t start = std::string::npos;
        for (size_t i = 0; i < n && !stack.empty(); ++i) {
            start = stack.back().start;
            stack.pop_back();
        }
        return start;
    };
    auto popToMark = [&] {
        while (!stack.empty() && !stack.back().mark)
            stack.pop_back();
        const size_t start = stack.empty() ? 0 : stack.back().start;
        if (!stack.empty())
            stack.pop_back();
        return start;
    };
    while (pos < in.size()) {
        const size_t op = pos;
        const unsigned char code = static_cast<unsigned char>(in[pos++]);
        switch (code) {
        case 0x80:
            pos += 1;
            break; // PROTO
        case 0x95:
            pos += 8;
            break; // FRAME
        case '.':
            pos = in.size();
            break; // STOP
        case 'J':
            pos += 4;
            stack.push_back({op, false});
            break; // BININT
        case 'K':
            pos += 1;
            stack.push_back({op, false});
            break; // BININT1
        case 'M':
            pos += 2;
            stack.push_back({op, false});
            break; // BININT2
        case 'G':
            pos += 8;
            stack.push_back({op, false});
            break; // BINFLOAT
        case 0x8a:
            if (!skipCounted(1, 1))
                return in;
            stack.push_back({op, false});
            break; // LONG1
        case 0x8b:
            if (!skipCounted(4, 4))
                return in;
            stack.push_back({op, false});
            break; // LONG4
        case 'X':
        case 'T':
        case 'B':
            if (!skipCounted(4, 4))
                return in;
            stack.push_back({op, false});
            break;
        case 'U':
        case 'C':
        case 0x8c:
            if (!skipCounted(1, 1))
                return in;
            stack.push_back({op, false});
            break;
        case 0x8d:
        case 0x8e:
            if (!skipCounted(8, 8))
                return in;
            stack.push_back({op, false});
            break;
        case 'q':
            pos += 1;
            break; // BINPUT
        case 'r':
            pos += 4;
            break; // LONG_BINPUT
        case 0x94:
            break; // MEMOIZE
        case 'h':
            pos += 1;
            stack.push_back({op, false});
            break; // BINGET
        case 'j':
            pos += 4;
            stack.push_back({op, false});
            break;  // LONG_BINGET
        case 'c': { // GLOBAL: two lines (a missing newline must not send pos back to the start)
            const size_t first = in.find('\n', pos);
            const size_t second = first == std::string::npos ? first : in.find('\n', first + 1);
            if (second == std::string::npos)
                return in;
            pos = second + 1;
            stack.push_back({op, false});
            break;
        }
        case 'N':
        case 0x88:
        case 0x89:
        case ']':
        case '}':
        case ')':
        case 0x8f:
            stack.push_back({op, false});
            break;
        case '(':
            stack.push_back({op, true});
            break; // MARK
        case 't':
        case 0x91:
            stack.push_back({popToMark(), false});
            break; // TUPLE, FROZENSET
        case 'e':
        case 'u':
        case 0x90:
            popToMark();
            break; // APPENDS, SETITEMS, ADDITEMS
        case 0x85:
            stack.push_back({pop(1), false});
            break; // TUPLE1
        case 0x86:
            stack.push_back({pop(2), false});
            break; // TUPLE2
        case 0x87:
            stack.push_back({pop(3), false});
            break; // TUPLE3
        case 'a':
            if (stack.empty()) // APPEND without an item: malformed, leave it to LibTorch's message
                return in;
            markAt.push_back(pop(1));
            appendAt.push_back({op, 'e'});
            break; // APPEND
        case 's':
            if (stack.size() < 2)
                return in;
            markAt.push_back(pop(2));
            appendAt.push_back({op, 'u'});
            break; // SETITEM
        case 'b':
            pop(1);
            break; // BUILD
        case 'R':
        case 0x81:
        case 0x93:
            stack.push_back({pop(2), false});
            break; // REDUCE, NEWOBJ, STACK_GLOBAL
        case 0x92:
            stack.push_back({pop(3), false});
            break; // NEWOBJ_EX
        case 'Q':
            stack.push_back({pop(1), false});
            break; // BINPERSID
        default:
            return in; // unknown: leave it to LibTorch's unpickler and its message
        }
    }
    if (appendAt.empty())
        return in;
    std::sort(markAt.begin(), markAt.end()); // nested one-element lists append outer items last
    std::string out;
    size_t from = 0, m = 0, a = 0;
    while (m < markAt.size() || a < appendAt.size()) {
        const bool mark = a >= appendAt.size() || (m < markAt.size() && markAt[m] <= appendAt[a].first);
        const char replacement = mark ? '(' : appendAt[a].second;
        const size_t at = mark ? markAt[m++] : appendAt[a++].first;
        if (at < from || at >= in.size()) // positions a malformed pickle left out of order: do not guess
            return in;
        out.append(in, from, at - from);
        out += replacement;
        from = mark ? at : at + 1;
    }
    out.append(in, from, std::string::npos);
    return out;
}

namespace {

// Where the argument of the opcode at `pos` ends (the next opcode), or npos for an opcode not known here.
size_t opcodeEnd(const std::string& in, size_t pos)
{
    auto le = [&](size_t at, int bytes) {
        uint64_t v = 0;
        for (int i = 0; i < bytes && at + i < in.size(); ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(in[at + i])) << (8 * i);
        return static_cast<size_t>(v);
    };
    const unsigned char code = static_cast<unsigned char>(in[pos++]);
    switch (code) {
    case 0x80:
    case 'K':
    case 'q':
    case 'h':
        return pos + 1;
    case 'M':
        return pos + 2;
    case 'J':
    case 'r':
    case 'j':
        return pos + 4;
    case 'G':
    case 0x95:
        return pos + 8;
    case 0x8a:
    case 'U':
    case 'C':
    case 0x8c:
        return pos + 1 + le(pos, 1);
    case 0x8b:
    case 'X':
    case 'T':
    case 'B':
        return pos + 4 + le(pos, 4);
    case 0x8d:
    case 0x8e:
        return pos + 8 + le(pos, 8);
    case 'c': {
        const size_t first = in.find('\n', pos);
        const size_t second = first == std::string::npos ? first : in.find('\n', first + 1);
        return second == std::string::npos ? second : second + 1;
    }
    case '.':
    case 0x94:
    case 'N':
    case 0x88:
    case 0x89:
    case ']':
    case '}':
    case ')':
    case 0x8f:
    case '(':
    case 't':
    case 0x91:
    case 'e':
    case 'u':
    case 0x90:
    case 0x85:
    case 0x86:
    case 0x87:
    case 'a':
    case 's':
    case 'b':
    case 'R':
    case 0x81:
    case 0x93:
    case 0x92:
    case 'Q':
    case '0':
        return pos;
    default:
        return std::string::npos;
    }
}

} // namespace

std::string rewriteOrderedDicts(const std::string& in)
{
    static const std::string kGlobal = "ccollections\nOrderedDict\n";
    if (in.find(kGlobal) == std::string::npos)
        return in;
    std::set<size_t> memo; // memo slots holding the OrderedDict class
    std::string out;
    size_t pos = 0;
    auto callsWithNoArguments = [&](size_t at) {
        return at + 1 < in.size() && in[at] == ')' && in[at + 1] == 'R';
    };
    while (pos < in.size()) {
        const size_t end = opcodeEnd(in, pos);
        if (end == std::string::npos || end > in.size())
            return in; // unknown: leave it to LibTorch's unpickler and its message
        const char code = in[pos];
        if (code == '.') {
            out.append(in, pos, std::string::npos);
            break;
        }
        if (in.compare(pos, kGlobal.size(), kGlobal) == 0) {
            out += '}'; // the empty dict OrderedDict() makes, memoized in the class's place
            size_t next = end;
            if (next < in.size() && (in[next] == 'q' || in[next] == 'r')) {
                const size_t putEnd = opcodeEnd(in, next);
                memo.insert(in[next] == 'q'
                                ? static_cast<unsigned char>(in[next + 1])
                                : static_cast<size_t>(static_cast<unsigned char>(in[next + 1])) |
                                      (static_cast<size_t>(static_cast<unsigned char>(in[next + 2])) << 8));
                out.append(in, next, putEnd - next);
                next = putEnd;
            }
            if (!callsWithNoArguments(next))
                return in; // OrderedDict(items): not what torch.save writes
            pos = next + 2;
            continue;
        }
        if ((code == 'h' || code == 'j') && callsWithNoArguments(end)) {
            const size_t slot = code == 'h'
                                    ? static_cast<unsigned char>(in[pos + 1])
                                    : static_cast<size_t>(static_cast<unsigned char>(in[pos + 1])) |
                                          (static_cast<size_t>(static_cast<unsigned char>(in[pos + 2])) << 8);
            if (memo.count(slot)) {
                out += '}';
                pos = end + 2;
                continue;
            }
        }
        if (code == 'b') { // BUILD of an OrderedDict's state (_metadata): pair them, see pickle.h
            out += '\x86';
            pos = end;
            continue;
        }
        out.append(in, pos, end - pos);
        pos = end;
    }
    return out;
}

} // namespace jitscope
