#include "sim/program.h"

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

} // namespace sim
