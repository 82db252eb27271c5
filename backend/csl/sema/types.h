// Types and comptime values of the CSL semantic analysis.
#pragma once

#include "sim/program.h"

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace csl::sema {

enum class TK : uint8_t {
    Void,
    NoReturn,
    Bool,
    Int,
    Float,
    CInt,
    CFloat,
    String,
    TypeT,
    Array,
    Ptr,
    Struct,
    Enum,
    Fn,
    Handle,
    Dsd,
    Module,
    Range,
    AnyType,
    Undef,
    CStruct,
    DsrT,
    Opaque, // anyopaque (SDK 2.10): what a type-erased pointer points at
};

enum class HandleKind : uint8_t {
    Color,
    DataTaskId,
    LocalTaskId,
    ControlTaskId,
    InputQueue,
    OutputQueue,
    UtId,
    Direction,
    DsrDest,
    DsrSrc0,
    DsrSrc1,
    DsrFifoDest,
    DsrFifoSrc1,
    Filter,
    Xdsr, // an extended DSR (@get_xdsr)
    Sr,   // a stride register (@get_sr, SDK 2.10); keep last: TypeTable makes one type per kind
};
const char* handleName(HandleKind k);

struct Type;
using TypeP = const Type*;

struct Value;

struct FieldInfo {
    std::string name;
    TypeP type = nullptr;
    uint32_t offset = 0;
    // A packed struct's field: its first bit, counted from the struct's lowest bit; the
    // field is a bit field (read by shifting and masking) when packedBitField.
    uint32_t bitOffset = 0;
    bool packedBitField = false;
    int64_t value = 0; // enum member value
    // Struct field default (`x: i16 = 7`), a comptime value; null when the field has none.
    std::shared_ptr<const Value> defaultValue;
};

struct Type {
    TK k = TK::Void;
    uint8_t bits = 0;      // Int/Float
    bool isSigned = false; // Int
    bool cb16 = false;     // Float: cb16 is stored like f16
    bool bf16 = false;
    TypeP elem = nullptr;               // Array, Ptr
    std::vector<uint32_t> dims;         // Array: row-major dims
    bool many = false, isConst = false; // Ptr
    std::vector<FieldInfo> fields;      // Struct fields, Enum members
    uint32_t size = 0, align = 1;       // Struct
    bool packed = false;                // Struct: `packed struct`, fields with no gaps
    uint32_t packedBits = 0;            // Struct (packed): the sum of its fields' widths
    // Struct: the declaration it was made from (its file's syntax tree and node), shared by
    // the instances of one declaration in several module imports or type-function calls.
    const void* originAst = nullptr;
    uint32_t originNode = 0;
    bool bitPacked = false;    // Struct (packed): has bit fields; stored as one packedBits integer
    bool externLayout = false; // Struct: `extern struct` (C layout, export compatible)
    // Struct: a `union` (SDK 2.10), every field at offset 0. A comptime union value is an
    // aggregate holding only its active field.
    bool isUnion = false;
    // Struct: its fields are still being evaluated (a `const Node = struct { next: *Node }`
    // names itself through a pointer); its size is not known yet.
    bool incomplete = false;
    std::vector<TypeP> params; // Fn
    TypeP ret = nullptr;
    bool isTask = false;
    HandleKind hk = HandleKind::Color;
    sim::DsdKind dk = sim::DsdKind::Mem1d;
    TypeP tag = nullptr; // Enum tag type
    std::string name;    // Struct/Enum name for messages
};

class TypeTable {
  public:
    TypeTable();
    TypeP voidT = nullptr, noreturnT = nullptr, boolT = nullptr, cintT = nullptr, cfloatT = nullptr,
          stringT = nullptr, typeT = nullptr, anyT = nullptr, undefT = nullptr, rangeT = nullptr,
          moduleT = nullptr, cstructT = nullptr, anyopaqueT = nullptr;
    TypeP i8 = nullptr, i16 = nullptr, i32 = nullptr, i64 = nullptr, u8 = nullptr, u16 = nullptr,
          u32 = nullptr, u64 = nullptr, f16 = nullptr, bf16 = nullptr, f32 = nullptr,
          cb16 = nullptr;
    TypeP handle(HandleKind k);
    TypeP dsd(sim::DsdKind k);
    // iN/uN for 0 <= N <= kMaxIntBits; one type per width and signedness.
    TypeP intType(int bits, bool isSigned);
    TypeP array(TypeP elem, std::vector<uint32_t> dims);
    TypeP ptr(TypeP elem, bool many, bool isConst);
    TypeP fn(std::vector<TypeP> params, TypeP ret, bool isTask);
    Type* fresh(TK k);

  private:
    std::deque<Type> store_;
    std::vector<TypeP> handles_, dsds_;
    std::vector<TypeP> signedInts_, unsignedInts_; // by width, made on first use
};

// The widest integer type this compiler has: comptime integers are held in 64 bits. The
// SDK's Types page allows widths up to 16777215.
constexpr int kMaxIntBits = 64;

bool sameType(TypeP a, TypeP b);
// Types made by one struct or enum declaration (of any module instance of one file).
bool sameDeclaration(TypeP a, TypeP b);
// Struct types made from one declaration (in two instances of a module) whose fields have
// the same names and types: a value of one is taken as the other.
bool sameStructShape(TypeP a, TypeP b);
bool sameEnumShape(TypeP a, TypeP b);
// The scalar element a pointer points to, through any arrays (`*[4][2]f32` -> f32).
TypeP pointeeElem(TypeP pointer);
std::string typeName(TypeP t);
uint32_t sizeOf(TypeP t);
uint32_t alignOf(TypeP t);
bool isRuntimeScalar(TypeP t); // fits a register
sim::ScalarType scalarOf(TypeP t);
bool isNumeric(TypeP t);
bool isIntLike(TypeP t); // Int or CInt
// The Types page: "Only integer types with bit widths of 16 or 32 are ABI-sized"; others
// cannot be exported, extern or task parameters.
bool isAbiSizedInt(TypeP t);
// An integer type whose width is not one of the machine's 8/16/32/64 (u3, i24): it is held
// in the next wider of those, and runtime arithmetic wraps its results to its own width.
bool isArbitraryWidthInt(TypeP t);
// What keeps a struct or array type out of run-time memory ("its field 'x' is a
// 'comptime_int'"), or empty.
std::string comptimeOnlyPart(TypeP t);
// Types whose values exist only at comptime (comptime_int, type, DSD, range ...): a
// function with such a parameter or result is expanded at each call.
bool isComptimeOnly(TypeP t);
// A bf16 or cb16 type held in t, through arrays and struct fields, other than `allowed`;
// null when there is none.
TypeP halfFloatOtherThan(TypeP t, TypeP allowed);
// u64 (or wider unsigned): its comptime values from 2^63 up are held as their bit pattern
// in an int64_t, so they compare, print and convert as unsigned.
inline bool isU64(TypeP t) {
    return t && t->k == TK::Int && !t->isSigned && t->bits >= 64;
}
// The elements of an array type over all its dimensions (`[4, 5]T`: 20).
int64_t elementCount(TypeP array);
// Arrays and structs of at most this many scalars may be read as a whole at run time (copied
// element by element into registers); larger ones are used through their address.
inline constexpr uint64_t kMaxWholeValueScalars = 256;
// The run-time scalars a value of type t is made of (a struct's fields, an array's
// elements, recursively); 0 for a type that has none or holds a union.
uint64_t scalarLeafCount(TypeP t);
// A struct or array that a run-time function takes or returns by value through the address
// of a copy: plain data (numbers, bools, enums, pointers, function pointers; no unions, no
// handles) of at most kMaxWholeValueScalars scalars. Functions with other aggregate
// parameters or results are expanded at each call.
bool passedByCopy(TypeP t);
// A run-time array or struct of more than kMaxWholeValueScalars scalars: read as a whole, it
// is a memory copy of its own (Value::K::MemAgg, memory_aggregates.cpp).
bool tooLargeForRegisters(TypeP t);

struct FnDef;
struct Module;

// A comptime-known value, or a reference to a runtime register.
struct Value {
    enum class K : uint8_t {
        Void,
        Int,
        Float,
        Bool,
        String,
        Type,
        Agg,
        Fn,
        Module,
        Handle,
        Dsd,
        Ptr,
        Range,
        EnumV,
        Undef,
        Runtime,
        RuntimeDsd,
        Dsr,
        // A run-time aggregate too large for registers (more than kMaxWholeValueScalars
        // scalars), held in a memory copy of its own at r[reg] + i (reg kNoReg: i alone):
        // a snapshot no name of the program writes, so it may be adopted as a home.
        MemAgg,
    };
    K k = K::Void;
    TypeP type = nullptr;
    int64_t i = 0;      // Int, Bool, Handle, Ptr (address), EnumV, Dsr (id)
    double f = 0;       // Float
    std::string s;      // String
    TypeP tv = nullptr; // Type values
    // Agg (struct fields, tuple, array) elements. Shared by copies of the value and never
    // changed in place while shared: ownElems() copies them first (a comptime `var` whose
    // field is assigned), so copying a value is cheap and copies keep their own contents.
    std::shared_ptr<const std::vector<Value>> elems;
    // Agg field names (struct). Immutable, so values may share them: a struct literal
    // evaluated once per PE reuses one names vector (issue 3); build a new one to extend.
    std::shared_ptr<const std::vector<std::string>> names;
    FnDef* fn = nullptr;
    Module* mod = nullptr;
    sim::Dsd dsd;
    uint16_t reg = 0xffff; // Runtime / RuntimeDsd register; MemAgg base address register
    // Dsd / RuntimeDsd: made over memory the program may not write, through a pointer to
    // const (a parameter, a const): no DSD operation may write through it.
    bool readOnlyMemory = false;

    bool isComptime() const { return k != K::Runtime && k != K::RuntimeDsd && k != K::MemAgg; }
    // An aggregate whose fields have names; a tuple's are none or "0", "1", ...
    bool hasNamedFields() const {
        return names && !names->empty() && !(names->front()[0] >= '0' && names->front()[0] <= '9');
    }
    const Value* field(const std::string& n) const;
};

// The Types page: "Two anonymous struct types are the same if they have the same list of
// field names (or both lack field names) and the same list of types." False unless both
// are anonymous struct values.
bool sameAnonStructType(const Value& a, const Value& b);
// `struct { a: comptime_int, b: f32 }` for an anonymous struct value, else its type's name.
std::string anonStructTypeName(const Value& v);

// The elements of an aggregate, to change in place: copied first when another value shares
// them. Elements are always created as a non-const std::vector<Value> (mkAgg, make_shared).
inline std::vector<Value>& ownElems(Value& v) {
    if (v.elems.use_count() != 1)
        v.elems = std::make_shared<std::vector<Value>>(*v.elems);
    return const_cast<std::vector<Value>&>(*v.elems);
}

} // namespace csl::sema
