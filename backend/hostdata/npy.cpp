#include "backend/hostdata/npy.h"

#include "backend/hostdata/filetext.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace hostdata {

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

struct Dtype {
    char kind = 'f'; // f, i, u, b
    size_t size = 4;
    bool bigEndian = false;
};

Dtype parseDescr(const std::string& descr, const std::string& what) {
    auto bad = [&]() -> Error {
        return Error(what + ": dtype '" + descr +
                     "' is not supported (supported: f2 f4 f8 i1 i2 i4 i8 u1 u2 u4 u8 b1, "
                     "little- or big-endian)");
    };
    if (descr.size() != 3)
        throw bad();
    Dtype d;
    switch (descr[0]) {
    case '<':
    case '|':
    case '=':
        d.bigEndian = false;
        break;
    case '>':
        d.bigEndian = true;
        break;
    default:
        throw bad();
    }
    d.kind = descr[1];
    d.size = size_t(descr[2] - '0');
    const bool ok = (d.kind == 'f' && (d.size == 2 || d.size == 4 || d.size == 8)) ||
                    ((d.kind == 'i' || d.kind == 'u') &&
                     (d.size == 1 || d.size == 2 || d.size == 4 || d.size == 8)) ||
                    (d.kind == 'b' && d.size == 1);
    if (!ok)
        throw bad();
    return d;
}

// The header is a Python dict literal: {'descr': '<f4', 'fortran_order': False,
// 'shape': (3, 4), }. Finds the value after `key`.
size_t valueStart(const std::string& header, const std::string& key, const std::string& what) {
    size_t at = header.find("'" + key + "'");
    if (at == std::string::npos)
        at = header.find("\"" + key + "\"");
    if (at == std::string::npos)
        throw Error(what + ": header has no '" + key + "' entry: " + header);
    const size_t colon = header.find(':', at + key.size() + 2);
    if (colon == std::string::npos)
        throw Error(what + ": header entry '" + key + "' has no value: " + header);
    size_t v = colon + 1;
    while (v < header.size() && header[v] == ' ')
        ++v;
    return v;
}

struct Header {
    std::string descr;
    bool fortran = false;
    std::vector<size_t> shape;
};

Header parseHeader(const std::string& header, const std::string& what) {
    Header h;
    size_t v = valueStart(header, "descr", what);
    if (v >= header.size() || (header[v] != '\'' && header[v] != '"'))
        throw Error(what +
                    ": header 'descr' is not a string (structured dtypes are not "
                    "supported): " +
                    header);
    const size_t close = header.find(header[v], v + 1);
    if (close == std::string::npos)
        throw Error(what + ": header 'descr' string is not closed: " + header);
    h.descr = header.substr(v + 1, close - v - 1);

    v = valueStart(header, "fortran_order", what);
    if (header.compare(v, 4, "True") == 0)
        h.fortran = true;
    else if (header.compare(v, 5, "False") != 0)
        throw Error(what + ": header 'fortran_order' is neither True nor False: " + header);

    v = valueStart(header, "shape", what);
    if (v >= header.size() || header[v] != '(')
        throw Error(what + ": header 'shape' is not a tuple: " + header);
    const size_t end = header.find(')', v);
    if (end == std::string::npos)
        throw Error(what + ": header 'shape' tuple is not closed: " + header);
    size_t i = v + 1;
    while (i < end) {
        while (i < end && (header[i] == ' ' || header[i] == ','))
            ++i;
        if (i >= end)
            break;
        size_t n = 0;
        bool digits = false;
        while (i < end && header[i] >= '0' && header[i] <= '9') {
            n = n * 10 + size_t(header[i] - '0');
            ++i;
            digits = true;
        }
        if (i < end && header[i] == 'L') // Python 2 longs
            ++i;
        if (!digits || (i < end && header[i] != ',' && header[i] != ' '))
            throw Error(what + ": header 'shape' holds something other than sizes: " + header);
        h.shape.push_back(n);
    }
    return h;
}

uint64_t loadUnsigned(const unsigned char* p, size_t size, bool bigEndian) {
    uint64_t v = 0;
    for (size_t b = 0; b < size; ++b) {
        const size_t byte = bigEndian ? b : size - 1 - b;
        v = (v << 8) | p[byte];
    }
    return v;
}

double loadValue(const unsigned char* p, const Dtype& d, size_t index, const std::string& what) {
    const uint64_t raw = loadUnsigned(p, d.size, d.bigEndian);
    switch (d.kind) {
    case 'b':
        return raw ? 1.0 : 0.0;
    case 'f':
        if (d.size == 2)
            return doubleFromHalf(uint16_t(raw));
        if (d.size == 4)
            return double(std::bit_cast<float>(uint32_t(raw)));
        return std::bit_cast<double>(raw);
    case 'u':
        if (raw > (uint64_t(1) << 53))
            throw Error(what + ": value " + std::to_string(raw) + " at index " +
                        std::to_string(index) + " is too large for a host session (above 2^53)");
        return double(raw);
    default: { // 'i': sign-extend
        const unsigned shift = unsigned(64 - 8 * d.size);
        const int64_t s = int64_t(raw << shift) >> shift;
        if (s > (int64_t(1) << 53) || s < -(int64_t(1) << 53))
            throw Error(what + ": value " + std::to_string(s) + " at index " +
                        std::to_string(index) + " is too large for a host session (beyond 2^53)");
        return double(s);
    }
    }
}

} // namespace

std::string shapeText(const std::vector<size_t>& shape) {
    std::string text = "(";
    for (size_t i = 0; i < shape.size(); ++i)
        text += (i ? ", " : "") + std::to_string(shape[i]);
    if (shape.size() == 1)
        text += ",";
    return text + ")";
}

NpyArray parseNpy(const std::string& bytes, const std::string& what) {
    if (bytes.size() < kMagicSize + 4 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
        throw Error(what + ": not a .npy file (no \\x93NUMPY magic)");
    const auto* u = reinterpret_cast<const unsigned char*>(bytes.data());
    const int major = u[6];
    size_t headerLength = 0, headerStart = 0;
    if (major == 1) {
        headerLength = size_t(u[8]) | size_t(u[9]) << 8;
        headerStart = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12)
            throw Error(what + ": truncated header");
        headerLength = size_t(u[8]) | size_t(u[9]) << 8 | size_t(u[10]) << 16 | size_t(u[11]) << 24;
        headerStart = 12;
    } else {
        throw Error(what + ": .npy format version " + std::to_string(major) + "." +
                    std::to_string(int(u[7])) + " is not supported (1.0, 2.0, 3.0 are)");
    }
    if (bytes.size() < headerStart + headerLength)
        throw Error(what + ": truncated header (" + std::to_string(headerLength) +
                    " bytes announced)");
    const Header h = parseHeader(bytes.substr(headerStart, headerLength), what);
    const Dtype d = parseDescr(h.descr, what);
    size_t count = 1;
    for (size_t n : h.shape)
        count *= n;
    const size_t dataStart = headerStart + headerLength;
    const size_t available = bytes.size() - dataStart;
    if (available < count * d.size)
        throw Error(what + ": holds " + std::to_string(available) + " data bytes, but shape " +
                    shapeText(h.shape) + " of " + h.descr + " needs " +
                    std::to_string(count * d.size));
    NpyArray a;
    a.descr = h.descr;
    a.shape = h.shape;
    a.values.resize(count);
    const unsigned char* data = u + dataStart;
    if (!h.fortran || h.shape.size() < 2) {
        for (size_t i = 0; i < count; ++i)
            a.values[i] = loadValue(data + i * d.size, d, i, what);
        return a;
    }
    // Fortran order: the first index varies fastest in the file. Walk the file in order and
    // place each value at its C-order position.
    const size_t rank = h.shape.size();
    std::vector<size_t> cStride(rank, 1);
    for (size_t k = rank - 1; k > 0; --k)
        cStride[k - 1] = cStride[k] * h.shape[k];
    std::vector<size_t> index(rank, 0);
    for (size_t i = 0; i < count; ++i) {
        size_t c = 0;
        for (size_t k = 0; k < rank; ++k)
            c += index[k] * cStride[k];
        a.values[c] = loadValue(data + i * d.size, d, i, what);
        for (size_t k = 0; k < rank; ++k) {
            if (++index[k] < h.shape[k])
                break;
            index[k] = 0;
        }
    }
    return a;
}

NpyArray readNpy(const std::string& path) {
    return parseNpy(readFileBytes(path), path);
}

std::string npyDescr(ElementType type) {
    switch (type) {
    case ElementType::F32:
        return "<f4";
    case ElementType::I32:
        return "<i4";
    case ElementType::U32:
        return "<u4";
    case ElementType::F16:
        return "<f2";
    case ElementType::I16:
        return "<i2";
    case ElementType::U16:
        return "<u2";
    }
    return "<f4";
}

std::string npyBytes(const std::vector<size_t>& shape, const std::vector<double>& values,
                     ElementType type, const std::string& what) {
    size_t count = 1;
    for (size_t n : shape)
        count *= n;
    if (count != values.size())
        throw Error(what + ": shape " + shapeText(shape) + " holds " + std::to_string(count) +
                    " values, but " + std::to_string(values.size()) + " were given");
    const std::vector<uint32_t> words = toWords(values, type, what);
    std::string header = "{'descr': '" + npyDescr(type) +
                         "', 'fortran_order': False, 'shape': " + shapeText(shape) + ", }";
    // Magic, version and length take 10 bytes; the header ends with '\n' and pads the
    // whole preamble to a multiple of 64 bytes, as numpy writes it.
    const size_t unpadded = 10 + header.size() + 1;
    header.append((64 - unpadded % 64) % 64, ' ');
    header.push_back('\n');
    std::string out(kMagic, kMagicSize);
    out.push_back(char(1));
    out.push_back(char(0));
    out.push_back(char(header.size() & 0xff));
    out.push_back(char((header.size() >> 8) & 0xff));
    out += header;
    const size_t itemSize = size_t(typeBits(type) / 8);
    out.reserve(out.size() + words.size() * itemSize);
    for (uint32_t w : words)
        for (size_t b = 0; b < itemSize; ++b)
            out.push_back(char((w >> (8 * b)) & 0xff));
    return out;
}

void writeNpy(const std::string& path, const std::vector<size_t>& shape,
              const std::vector<double>& values, ElementType type) {
    writeFileBytes(path, npyBytes(shape, values, type, path));
}

} // namespace hostdata
