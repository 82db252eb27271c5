#include "sim/program.h"

#include <algorithm>
#include <cstring>

namespace sim {

uint32_t dsdElementBytes(const Dsd& d) {
    if (d.elementBytes != 0)
        return d.elementBytes;
    return d.strideBytes[0] % 4 != 0 ? 2 : 4;
}

uint32_t byteSize(ScalarType t) {
    switch (t) {
    case ScalarType::Void:
        return 0;
    case ScalarType::Bool:
    case ScalarType::I8:
    case ScalarType::U8:
        return 1;
    case ScalarType::I16:
    case ScalarType::U16:
    case ScalarType::F16:
    case ScalarType::BF16:
        return 2;
    case ScalarType::I32:
    case ScalarType::U32:
    case ScalarType::F32:
        return 4;
    case ScalarType::I64:
    case ScalarType::U64:
        return 8;
    }
    return 0;
}

bool isFloat(ScalarType t) {
    return t == ScalarType::F16 || t == ScalarType::BF16 || t == ScalarType::F32;
}

bool isSigned(ScalarType t) {
    return t == ScalarType::I8 || t == ScalarType::I16 || t == ScalarType::I32 ||
           t == ScalarType::I64 || isFloat(t);
}

const char* typeName(ScalarType t) {
    switch (t) {
    case ScalarType::Void:
        return "void";
    case ScalarType::Bool:
        return "bool";
    case ScalarType::I8:
        return "i8";
    case ScalarType::I16:
        return "i16";
    case ScalarType::I32:
        return "i32";
    case ScalarType::I64:
        return "i64";
    case ScalarType::U8:
        return "u8";
    case ScalarType::U16:
        return "u16";
    case ScalarType::U32:
        return "u32";
    case ScalarType::U64:
        return "u64";
    case ScalarType::F16:
        return "f16";
    case ScalarType::BF16:
        return "bf16";
    case ScalarType::F32:
        return "f32";
    }
    return "?";
}

const char* dsdOpName(DsdOpKind k) {
    switch (k) {
    case DsdOpKind::Add16:
        return "@add16";
    case DsdOpKind::Addc16:
        return "@addc16";
    case DsdOpKind::Sub16:
        return "@sub16";
    case DsdOpKind::And16:
        return "@and16";
    case DsdOpKind::Or16:
        return "@or16";
    case DsdOpKind::Xor16:
        return "@xor16";
    case DsdOpKind::Sll16:
        return "@sll16";
    case DsdOpKind::Slr16:
        return "@slr16";
    case DsdOpKind::Sar16:
        return "@sar16";
    case DsdOpKind::Mov16:
        return "@mov16";
    case DsdOpKind::Mov32:
        return "@mov32";
    case DsdOpKind::Popcnt:
        return "@popcnt";
    case DsdOpKind::Clz:
        return "@clz";
    case DsdOpKind::Ctz:
        return "@ctz";
    case DsdOpKind::Faddh:
        return "@faddh";
    case DsdOpKind::Fsubh:
        return "@fsubh";
    case DsdOpKind::Fmulh:
        return "@fmulh";
    case DsdOpKind::Fmach:
        return "@fmach";
    case DsdOpKind::Fnegh:
        return "@fnegh";
    case DsdOpKind::Fabsh:
        return "@fabsh";
    case DsdOpKind::Fmovh:
        return "@fmovh";
    case DsdOpKind::Fnormh:
        return "@fnormh";
    case DsdOpKind::Fscaleh:
        return "@fscaleh";
    case DsdOpKind::Fmaxh:
        return "@fmaxh";
    case DsdOpKind::Fadds:
        return "@fadds";
    case DsdOpKind::Fsubs:
        return "@fsubs";
    case DsdOpKind::Fmuls:
        return "@fmuls";
    case DsdOpKind::Fmacs:
        return "@fmacs";
    case DsdOpKind::Fnegs:
        return "@fnegs";
    case DsdOpKind::Fabss:
        return "@fabss";
    case DsdOpKind::Fmovs:
        return "@fmovs";
    case DsdOpKind::Fnorms:
        return "@fnorms";
    case DsdOpKind::Fscales:
        return "@fscales";
    case DsdOpKind::Fmaxs:
        return "@fmaxs";
    case DsdOpKind::Faddhs:
        return "@faddhs";
    case DsdOpKind::Fmachs:
        return "@fmachs";
    case DsdOpKind::Fh2s:
        return "@fh2s";
    case DsdOpKind::Fs2h:
        return "@fs2h";
    case DsdOpKind::Fs2xp16:
        return "@fs2xp16";
    case DsdOpKind::Xp162fs:
        return "@xp162fs";
    case DsdOpKind::Fh2xp16:
        return "@fh2xp16";
    case DsdOpKind::Xp162fh:
        return "@xp162fh";
    case DsdOpKind::Dfilt:
        return "@dfilt";
    }
    return "@?";
}

Dsd unpackDsd(const uint8_t* b) {
    Dsd d;
    d.kind = DsdKind(b[0] % (uint8_t(DsdKind::CircBuf) + 1));
    d.rank = uint8_t(std::clamp<int>(b[1], 1, 4));
    d.color = b[2];
    d.queue = b[3];
    d.control = b[4] & 1;
    d.controlTransform = b[4] & 2;
    d.advanceSwitch = b[4] & 4;
    d.saveAddress = b[4] & 8;
    d.simdMode = b[5];
    std::memcpy(&d.fifo, b + 6, 2);
    std::memcpy(&d.baseAddress, b + 8, 4);
    for (int i = 0; i < 4; ++i) {
        uint16_t e;
        int16_t s;
        std::memcpy(&e, b + 12 + 2 * i, 2);
        std::memcpy(&s, b + 20 + 2 * i, 2);
        d.extent[size_t(i)] = e;
        d.strideBytes[size_t(i)] = s;
    }
    std::memcpy(&d.waveletIndexOffset, b + 28, 2);
    d.elementBytes = b[30];
    d.priority = int8_t(int(b[31]) - 1); // 0: none (-1)
    return d;
}

void packDsd(const Dsd& d, uint8_t* b) {
    std::memset(b, 0, kDsdStorageBytes);
    b[0] = uint8_t(d.kind);
    b[1] = d.rank;
    b[2] = d.color;
    b[3] = d.queue;
    b[4] = uint8_t((d.control ? 1 : 0) | (d.controlTransform ? 2 : 0) | (d.advanceSwitch ? 4 : 0) |
                   (d.saveAddress ? 8 : 0));
    b[5] = d.simdMode;
    std::memcpy(b + 6, &d.fifo, 2);
    std::memcpy(b + 8, &d.baseAddress, 4);
    for (int i = 0; i < 4; ++i) {
        const uint16_t e = uint16_t(d.extent[size_t(i)]);
        const int16_t s = int16_t(d.strideBytes[size_t(i)]);
        std::memcpy(b + 12 + 2 * i, &e, 2);
        std::memcpy(b + 20 + 2 * i, &s, 2);
    }
    std::memcpy(b + 28, &d.waveletIndexOffset, 2);
    b[30] = d.elementBytes;
    b[31] = uint8_t(d.priority + 1);
}

} // namespace sim
