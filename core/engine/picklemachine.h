// The pickle machine behind picklescan.cpp and debugpickle.cpp: builds a graph of plain nodes from a pickle
// (no code runs, nothing is imported). Nodes live in one arena and refer to each other by index, so a
// hostile nesting depth cannot overflow the stack when the graph is torn down. Engine-internal.
#pragma once

#include "picklescan.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace jitscope::picklemachine {

enum class Kind
{
    None,
    Int,
    Float,
    Str,
    Global,
    Tuple,
    List,
    Dict,
    Object,
    Storage,
    Tensor,
    Other
};

struct Node
{
    Kind kind = Kind::Other;
    int64_t number = 0;
    std::string text;       // Str, Global ("module.name")
    std::vector<int> items; // Tuple, List, Dict (key, value, key, value …), Object state
    int storage = -1;       // Tensor: its Storage node
    int64_t offset = 0;     // Tensor
    std::vector<int64_t> sizes, strides;
};

inline int64_t storageItemsize(const std::string& type)
{
    static const std::unordered_map<std::string, int64_t> sizes = {{"DoubleStorage", 8},
                                                                   {"FloatStorage", 4},
                                                                   {"HalfStorage", 2},
                                                                   {"LongStorage", 8},
                                                                   {"IntStorage", 4},
                                                                   {"ShortStorage", 2},
                                                                   {"CharStorage", 1},
                                                                   {"ByteStorage", 1},
                                                                   {"BoolStorage", 1},
                                                                   {"BFloat16Storage", 2},
                                                                   {"ComplexDoubleStorage", 16},
                                                                   {"ComplexFloatStorage", 8},
                                                                   {"QInt8Storage", 1},
                                                                   {"QUInt8Storage", 1},
                                                                   {"QInt32Storage", 4},
                                                                   {"QUInt4x2Storage", 1},
                                                                   {"QUInt2x4Storage", 1}};
    auto it = sizes.find(type);
    return it == sizes.end() ? 0 : it->second;
}

class Machine
{
public:
    Machine(const std::string& in, PickleScan& out) : m_in(in), m_out(out) {}

    // Runs to STOP; returns the root node, or -1 (m_out.complete stays false).
    int run()
    {
        while (m_pos < m_in.size()) {
            const size_t at = m_pos;
            const unsigned char op = static_cast<unsigned char>(m_in[m_pos++]);
            if (op == '.') {
                if (m_stack.empty() || m_stack.back() < 0) {
                    malformed = true;
                    return fail("STOP with an empty stack");
                }
                m_out.complete = true;
                return m_stack.back();
            }
            if (!step(op)) {
                // Not just an opcode this machine does not model: the pickle itself is broken (an operand
                // past the end, a pop from an empty stack, a missing mark or memo entry, a byte that is no
                // pickle opcode). LibTorch's unpickler does not check all of these: it can crash on them.
                const bool unmodelled = !m_failure.empty();
                if (m_failure.empty())
                    m_failure = "instruction " + hexByte(op) + " has operands or a stack that do not fit it";
                m_failure += ", at byte " + std::to_string(at);
                malformed = m_broken || !unmodelled || !isPickleOpcode(op);
                return -1;
            }
        }
        malformed = true;
        return fail("the pickle ends before STOP");
    }

    static std::string hexByte(unsigned char op)
    {
        static const char digits[] = "0123456789abcdef";
        return std::string("0x") + digits[op >> 4] + digits[op & 15];
    }

    static bool isPickleOpcode(unsigned char op)
    {
        static const std::string protocol01 = "(.012FIJKLMNPQRSTUVXabcd}eghijl]opqrstu)GBC";
        return (op >= 0x80 && op <= 0x98) || protocol01.find(static_cast<char>(op)) != std::string::npos;
    }

    std::vector<Node> nodes;
    bool malformed = false; // see run()

private:
    int fail(const std::string& why)
    {
        m_failure = why;
        return -1;
    }
    bool need(size_t n) const { return n <= m_in.size() - m_pos; }
    uint64_t le(int bytes)
    {
        uint64_t v = 0;
        for (int i = 0; i < bytes; ++i)
            v |= static_cast<uint64_t>(static_cast<unsigned char>(m_in[m_pos + i])) << (8 * i);
        m_pos += bytes;
        return v;
    }
    int add(Node node)
    {
        nodes.push_back(std::move(node));
        return static_cast<int>(nodes.size()) - 1;
    }
    void push(int node) { m_stack.push_back(node); }
    int pushNew(Kind kind, int64_t number = 0, std::string text = {})
    {
        Node n;
        n.kind = kind;
        n.number = number;
        n.text = std::move(text);
        push(add(std::move(n)));
        return m_stack.back();
    }
    // Pops one value (never a mark); -1 on underflow.
    int pop()
    {
        if (m_stack.empty() || m_stack.back() < 0)
            return -1;
        const int v = m_stack.back();
        m_stack.pop_back();
        return v;
    }
    // Pops everything above the topmost mark and the mark itself; false without a mark.
    bool popToMark(std::vector<int>& items)
    {
        size_t i = m_stack.size();
        while (i > 0 && m_stack[i - 1] >= 0)
            --i;
        if (i == 0)
            return false;
        items.assign(m_stack.begin() + static_cast<long>(i), m_stack.end());
        m_stack.resize(i - 1);
        return true;
    }
    bool text(size_t length, Kind kind)
    {
        if (!need(length))
            return false;
        pushNew(kind, 0, m_in.substr(m_pos, length));
        m_pos += length;
        return true;
    }
    bool lengthPrefixed(int lengthBytes, Kind kind)
    {
        if (!need(static_cast<size_t>(lengthBytes)))
            return false;
        const uint64_t length = le(lengthBytes);
        return length <= m_in.size() && text(static_cast<size_t>(length), kind);
    }
    bool line(std::string& out)
    {
        const size_t end = m_in.find('\n', m_pos);
        if (end == std::string::npos)
            return false;
        out = m_in.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return true;
    }
    bool memoPut(uint64_t key)
    {
        if (m_stack.empty() || m_stack.back() < 0)
            return false;
        // Memo indices count up from 0, one per PUT: one beyond the pickle's own length is not an index
        // but damage, and LibTorch's unpickler would grow its memo table to it (776 M entries: 12 GB).
        if (key > m_in.size()) {
            m_broken = true;
            fail("memo index " + std::to_string(key) + " is beyond what a pickle of " +
                 std::to_string(m_in.size()) + " bytes can number (LibTorch would allocate room for that many values)");
            return false;
        }
        m_memo[key] = m_stack.back();
        return true;
    }
    bool memoGet(uint64_t key)
    {
        auto it = m_memo.find(key);
        if (it == m_memo.end())
            return false;
        push(it->second);
        return true;
    }
    bool isInt(int node) const { return node >= 0 && nodes[node].kind == Kind::Int; }
    bool ints(int tuple, std::vector<int64_t>& out) const
    {
        if (tuple < 0 || nodes[tuple].kind != Kind::Tuple)
            return false;
        for (int item : nodes[tuple].items) {
            if (!isInt(item))
                return false;
            out.push_back(nodes[item].number);
        }
        return true;
    }

    // ('storage', torch.FloatStorage, key, location, numel)
    bool persistentId()
    {
        const int id = pop();
        if (id < 0)
            return false;
        Node storage;
        storage.kind = Kind::Storage;
        storage.number = -1; // unknown numel: the tensors on it are not checked
        const Node& tuple = nodes[id];
        if (tuple.kind == Kind::Tuple && tuple.items.size() >= 5) {
            const Node& type = nodes[tuple.items[1]];
            const Node& key = nodes[tuple.items[2]];
            const Node& numel = nodes[tuple.items[4]];
            if (type.kind == Kind::Global && key.kind == Kind::Str && numel.kind == Kind::Int) {
                PickledStorage s;
                s.type = type.text.substr(type.text.rfind('.') + 1);
                s.itemsize = storageItemsize(s.type);
                s.key = key.text;
                s.numel = numel.number;
                storage.text = s.key;
                storage.number = s.numel;
                m_out.storages.push_back(std::move(s));
            }
        }
        push(add(std::move(storage)));
        return true;
    }

    bool reduce()
    {
        const int args = pop(), callable = pop();
        if (args < 0 || callable < 0)
            return false;
        const std::string& name = nodes[callable].text;
        Node result;
        result.kind = Kind::Object;
        if (name == "collections.OrderedDict") {
            result.kind = Kind::Dict;
        } else if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_qtensor") {
            const std::vector<int>& a = nodes[args].items;
            if (nodes[args].kind == Kind::Tuple && a.size() >= 4 && nodes[a[0]].kind == Kind::Storage &&
                isInt(a[1]) && ints(a[2], result.sizes) && ints(a[3], result.strides)) {
                result.kind = Kind::Tensor;
                result.storage = a[0];
                result.offset = nodes[a[1]].number;
            }
        } else {
            result.text = name; // e.g. torch.jit._pickle.build_intlist
            result.items.push_back(args);
        }
        push(add(std::move(result)));
        return true;
    }

    bool step(unsigned char op)
    {
        std::vector<int> items;
        switch (op) {
        case 0x80: // PROTO
            return need(1) && (le(1), true);
        case 0x95: // FRAME
            return need(8) && (le(8), true);
        case '(':
            push(-1);
            return true;
        case '0': // POP
            return pop() >= 0;
        case '1': // POP_MARK
            return popToMark(items);
        case '2': // DUP
            if (m_stack.empty() || m_stack.back() < 0)
                return false;
            push(m_stack.back());
            return true;
        case 'N':
            pushNew(Kind::None);
            return true;
        case 0x88:
        case 0x89:
            pushNew(Kind::Int, op == 0x88);
            return true;
        case 'J':
            if (!need(4))
                return false;
            pushNew(Kind::Int, static_cast<int32_t>(le(4)));
            return true;
        case 'K':
            if (!need(1))
                return false;
            pushNew(Kind::Int, static_cast<int64_t>(le(1)));
            return true;
        case 'M':
            if (!need(2))
                return false;
            pushNew(Kind::Int, static_cast<int64_t>(le(2)));
            return true;
        case 0x8a: { // LONG1
            if (!need(1))
                return false;
            const int n = static_cast<int>(le(1));
            if (!need(static_cast<size_t>(n)))
                return false;
            if (n > 8) {
                m_pos += static_cast<size_t>(n);
                pushNew(Kind::Other);
                return true;
            }
            uint64_t v = n ? le(n) : 0;
            if (n > 0 && n < 8 && (v >> (8 * n - 1)) & 1) // sign-extend
                v |= ~uint64_t(0) << (8 * n);
            pushNew(Kind::Int, static_cast<int64_t>(v));
            return true;
        }
        case 'G':
            if (!need(8))
                return false;
            le(8);
            pushNew(Kind::Float);
            return true;
        case 'X':
            return lengthPrefixed(4, Kind::Str);
        case 0x8c:
            return lengthPrefixed(1, Kind::Str);
        case 0x8d:
            return lengthPrefixed(8, Kind::Str);
        case 'T':
        case 'B':
            return lengthPrefixed(4, Kind::Other);
        case 'U':
        case 'C':
            return lengthPrefixed(1, Kind::Other);
        case 0x8e:
        case 0x96:
            return lengthPrefixed(8, Kind::Other);
        case 'c': { // GLOBAL
            std::string module, name;
            if (!line(module) || !line(name))
                return false;
            pushNew(Kind::Global, 0, module + "." + name);
            return true;
        }
        case 0x93: { // STACK_GLOBAL
            const int name = pop(), module = pop();
            if (name < 0 || module < 0)
                return false;
            pushNew(Kind::Global, 0, nodes[module].text + "." + nodes[name].text);
            return true;
        }
        case ')':
            pushNew(Kind::Tuple);
            return true;
        case ']':
            pushNew(Kind::List);
            return true;
        case '}':
            pushNew(Kind::Dict);
            return true;
        case 0x8f: // EMPTY_SET
            pushNew(Kind::List);
            return true;
        case 't':
        case 'l':
        case 'd':
        case 0x91: { // TUPLE, LIST, DICT, FROZENSET
            if (!popToMark(items))
                return false;
            const int n = pushNew(op == 't' ? Kind::Tuple : op == 'd' ? Kind::Dict : Kind::List);
            nodes[n].items = std::move(items);
            return true;
        }
        case 0x85:
        case 0x86:
        case 0x87: { // TUPLE1..3
            items.resize(op - 0x84);
            for (size_t i = items.size(); i-- > 0;)
                if ((items[i] = pop()) < 0)
                    return false;
            const int n = pushNew(Kind::Tuple);
            nodes[n].items = std::move(items);
            return true;
        }
        case 'a':
        case 's': { // APPEND, SETITEM
            const int count = op == 'a' ? 1 : 2;
            items.resize(count);
            for (int i = count; i-- > 0;)
                if ((items[i] = pop()) < 0)
                    return false;
            if (m_stack.empty() || m_stack.back() < 0)
                return false;
            auto& target = nodes[m_stack.back()].items;
            target.insert(target.end(), items.begin(), items.end());
            return true;
        }
        case 'e':
        case 'u':
        case 0x90: { // APPENDS, SETITEMS, ADDITEMS
            if (!popToMark(items) || m_stack.empty() || m_stack.back() < 0)
                return false;
            auto& target = nodes[m_stack.back()].items;
            target.insert(target.end(), items.begin(), items.end());
            return true;
        }
        case 'q':
            return need(1) && memoPut(le(1));
        case 'r':
            return need(4) && memoPut(le(4));
        case 0x94:
            return memoPut(m_memo.size());
        case 'h':
            return need(1) && memoGet(le(1));
        case 'j':
            return need(4) && memoGet(le(4));
        case 'R':
            return reduce();
        case 0x81: { // NEWOBJ
            const int args = pop(), cls = pop();
            if (args < 0 || cls < 0)
                return false;
            pushNew(Kind::Object, 0, nodes[cls].text);
            return true;
        }
        case 0x92: { // NEWOBJ_EX
            const int kwargs = pop(), args = pop(), cls = pop();
            if (kwargs < 0 || args < 0 || cls < 0)
                return false;
            pushNew(Kind::Object, 0, nodes[cls].text);
            return true;
        }
        case 'b': { // BUILD: the object keeps its state as its only item
            const int state = pop();
            if (state < 0 || m_stack.empty() || m_stack.back() < 0)
                return false;
            nodes[m_stack.back()].items.push_back(state);
            return true;
        }
        case 'Q':
            return persistentId();
        default:
            // Said for the user: the refusal text quotes it ("data.pkl is not a valid pickle (…)").
            m_failure = isPickleOpcode(op) ? "instruction " + hexByte(op) + " is not one JitScope checks"
                                           : hexByte(op) + " is not a pickle instruction";
            return false;
        }
    }

    const std::string& m_in;
    PickleScan& m_out;
    size_t m_pos = 0;
    std::vector<int> m_stack; // node indices; -1 is a MARK
    std::unordered_map<uint64_t, int> m_memo;
    bool m_broken = false; // a modelled instruction whose operand no pickle writer produces

public:
    std::string m_failure;
};

} // namespace jitscope::picklemachine
