// The executable form of a CSL program: what backend/csl emits and sim executes.
//
// This header is the contract between the compiler and the simulator. Changes must
// be additive (new ops, new fields with defaults) and documented here, because the
// artifact writer serialises these structures and both sides rely on their meaning.
//
// One CodeClass per distinct (tile file, param values) pair: PEs that share a class
// share its code. Code is a register bytecode; DSD operations are single macro-ops.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace sim {

constexpr uint32_t kPeMemoryBytes = 48 * 1024;
constexpr int kNumTaskIds = 64;
constexpr int kNumColors = 24;  // routable colors 0..23
constexpr int kNumInputQueues = 8;
constexpr int kNumOutputQueues = 8;  // WSE-2 has 6 (0..5), WSE-3 has 8
constexpr uint16_t kNoReg = 0xffff;

enum class Arch : uint8_t { Wse2, Wse3 };

// Scalar types of registers and memory. Registers hold raw 64-bit values:
// signed integers sign-extended, unsigned zero-extended, bool 0/1, f32 as its IEEE
// bits in the low 32 bits, f16/bf16 as their bits in the low 16 bits.
enum class ScalarType : uint8_t { Void, Bool, I8, I16, I32, I64, U8, U16, U32, U64, F16, BF16, F32 };

uint32_t byteSize(ScalarType t);
bool isFloat(ScalarType t);
bool isSigned(ScalarType t);
const char* typeName(ScalarType t);

enum class Op : uint8_t {
    Nop,
    Imm,    // r[dst] = imm (sign-extended 32-bit), normalised to `type`
    Const,  // r[dst] = constants[imm] (raw 64 bits)
    Mov,    // r[dst] = r[a]
    // Arithmetic in `type`: operands and result are `type`; integers wrap, floats round
    // to nearest even in their own format (f16 math is done in float and rounded back).
    Add, Sub, Mul, Div, Rem, Min, Max,
    Neg, BitNot,      // r[dst] = op r[a]
    LogicalNot,       // r[dst] = !r[a] (bool)
    BitAnd, BitOr, BitXor,
    Shl, Shr,         // Shr: arithmetic for signed types, logical for unsigned
    CmpEq, CmpNe, CmpLt, CmpLe, CmpGt, CmpGe,  // operands of `type`, r[dst] = bool
    Convert,  // r[dst] as `type` = @as(type, r[a] read as ScalarType(imm)); float->int truncates
    Bitcast,  // r[dst] = bits of r[a] reinterpreted as `type` (same size), normalised
    // Memory: SRAM byte addresses. a == kNoReg means the address is imm alone.
    Load,   // r[dst] = *(type*)(r[a] + imm)
    Store,  // *(type*)(r[a] + imm) = r[b]
    // Control flow; imm is an instruction index in the current function.
    Jump,       // pc = imm
    JumpIf,     // if r[a] != 0: pc = imm
    JumpIfNot,  // if r[a] == 0: pc = imm
    Call,          // r[dst] = functions[imm](r[a] .. r[a+b-1]); dst may be kNoReg
    CallIndirect,  // r[dst] = functions[r[a]](r[b] .. r[b+imm-1]); function values are indices
    Return,        // return r[a]; a == kNoReg for void
    Builtin,       // r[dst] = BuiltinId(imm)(r[a] .. r[a+b-1]); see BuiltinId
    // DSDs live in a separate per-frame DSD register file (Function::numDsdRegs).
    DsdConst,   // d[dst] = dsdConstants[imm]
    DsdLoad,    // d[dst] = the DSD stored at SRAM address r[a] + imm (kDsdStorageBytes)
    DsdStore,   // store d[b] at SRAM address r[a] + imm
    DsdMov,     // d[dst] = d[a]
    DsdSet,     // d[dst] = d[a] with field DsdField(imm) set from r[b] (see DsdField)
    DsdExec,    // run dsdOps[imm]; operands name registers (see DsdOpDesc)
    // Added for @map over runtime DSDs: r[dst] (u32) = field DsdField(imm) of d[a]
    // (BaseAddress, Length = extent[0], Stride = strideBytes[0]; OffsetBytes reads as 0).
    DsdGet,
    // Added (session 19) for the DSR operands of a DSD operation. The hardware's operation
    // reads its DSRs itself, so these take no cycles; the simulator keeps each DSR in an SRAM
    // slot of kDsdStorageBytes (docs/simulator.md, "DSRs").
    DsrRead,     // d[dst] = the DSD in the DSR slot at SRAM address imm
    DsrAdvance,  // DSR slot at SRAM address imm = d[a], moved past the operation's elements
                 // of byteSize(type) bytes when it was loaded with save_address
};

// Services reached with Op::Builtin. Arguments are registers a..a+b-1 in order.
enum class BuiltinId : uint16_t {
    Activate,          // (task_id)
    Block,             // (task_id)
    Unblock,           // (task_id)
    UnblockCmdStream,  // () memcpy: lets this PE's next host command run
    Assert,            // (cond) fails the run at this instruction when cond == 0
    Random16,          // () -> u16, LFSR x^23+x^18+1 seeded 0xdeadbeef per PE
    SimprintString,    // (string index) appends strings[i] to this PE's simprint line
    SimprintValue,     // (value, ScalarType, format char as u8: 'd' 'x' 'X' 'b' 'f')
    Timestamp,         // (address) writes the 48-bit cycle count as 3 u16 words
    EnableTsc,         // ()
    ResetTsc,          // ()
    CoordX,            // () -> u16, x of this PE in the program rectangle
    CoordY,            // () -> u16, y of this PE in the program rectangle
    FifoPush,          // reserved for FIFO helpers the compiler may need
    QueueFlush,        // (output queue) WSE-3 @queue_flush
                       // Added: (queue, 1) flushes input queue `queue` (its color's CE queue)
    // Added for <tile_config> and @set_teardown_handler: this PE's router configuration of
    // a color that has a color config here, read and changed at runtime.
    ColorConfigGet,  // (color, ColorConfigField) -> value
    ColorConfigSet,  // (color, ColorConfigField, value)
    // Added for <random>.random_f32: advances the generator like Random16 and returns its
    // whole 23-bit state (u32), a finer fraction than the 16 bits Random16 returns.
    Random23,
    // Added for <tile_config>.input_queue_config / .output_queue_config (WSE-3 queue reuse,
    // SDK topic-16-queue-flush): bind queue r[a] to color r[a+1] from now on, replacing the
    // color the code class gave it with @initialize_queue; data task dispatch (input) and
    // fabric DSDs without a color (output) follow the new binding. InputQueueConfigSet's
    // third argument is the SDK's filter_enable flag (the router applies color filters).
    InputQueueConfigSet,   // (queue, color, filter enable)
    OutputQueueConfigSet,  // (queue, color)
    // Added for @get_config/@set_config (and their _unchecked forms): the PE's 16-bit
    // configuration registers by word address (0..0xffff). At least a register file that
    // reads back what was written; addresses the simulator models (queue colors, filters,
    // ...) should act on the machine.
    ConfigGet,  // (address) -> u16
    ConfigSet,  // (address, value)
    // Added for <random>.set_global_prng_seed ("sets the global state of the PRNG to
    // seed"): the generator Random16/Random23 step takes r[a] as its state, masked to its
    // 23 bits as the initial 0xdeadbeef is.
    RandomSeed,  // (state)
    // Added for @set_fifo_read_length / @set_fifo_write_length (SDK DSD page, "Changing FIFO
    // Properties": they "update the read or write length of the input FIFO in-place"):
    // FIFO r[a] (index into CodeClass::fifos) gets read or write length r[a+1] (u16). Both
    // lengths start at zero; docs/simulator.md (FIFOs) says how they count and end ops.
    SetFifoReadLength,   // (fifo, length)
    SetFifoWriteLength,  // (fifo, length)
    // Added for <tile_config>.input_queue_status / .output_queue_status (the Libraries
    // page: "bit mask representing queue-empty status ... queue-full status", one bit per
    // queue): r[a] = 0 for the input queues, 1 for the output queues; returns the empty
    // mask in bits 7..0 and the full mask in bits 15..8. An input queue with no color
    // reads as empty.
    QueueStatus,  // (which) -> u16
    // Added for @set_active_prng (Builtins page: "specifies the active PRNG ID as
    // prng_id % N where N is the total number of PRNGs"): the PE's generator r[a] % kNumPrngs
    // becomes the one Random16, Random23 and RandomSeed use. kNumPrngs is the simulator's
    // choice (the SDK does not give N); every generator starts at 0xdeadbeef.
    SetActivePrng,  // (prng_id)
    // Added for <time>.disable_tsc ("enabled and disabled with enable_tsc/disable_tsc"): the
    // counter stops at its value, and a later EnableTsc continues from there.
    DisableTsc,  // ()
    // Added for WSE-3 @block / @unblock of a ut_id (the microthread page: "the microthread
    // ID and queue ID are independent numbers"): microthread r[a] (0..7) pauses the op it
    // runs, or will run, until UnblockMicrothread; task ids are untouched.
    BlockMicrothread,    // (ut_id)
    UnblockMicrothread,  // (ut_id)
    // Added for <tile_config>.task_priority (the Libraries page: "Sets the task priority
    // associated with task_id"; for tasks wavelets start, the color on WSE-2 or the input
    // queue on WSE-3): id r[a] (0..63: a task id, or the channel's number, which is the
    // id of its data task) becomes HIGH when r[a+1] != 0, else LOW. Among ready tasks the
    // picker takes HIGH ones first; every id starts LOW.
    SetTaskPriority,  // (id, high)
    // Added for `for (@range(T, start, stop, step))` with a run-time step (the Builtins
    // page: "step != 0 is required"): fails the run at this instruction when r[a] == 0.
    CheckRangeStep,  // (step)
    // Added in session 16 for <tile_config>.main_thread_priority's
    // update_main_thread_priority (the Libraries page: MEDIUM_LOW "between low- and
    // medium-priority microthreads", MEDIUM "same priority as medium-priority
    // microthreads", MEDIUM_HIGH between medium and high, HIGH "same priority as
    // high-priority microthreads"): r[a] = 0 MEDIUM_LOW (the default), 1 MEDIUM,
    // 2 MEDIUM_HIGH, 3 HIGH; other values are a fault.
    SetMainThreadPriority,  // (level)
    // Added in session 17 for recursive functions' stack frames, which grow down from the
    // top of PE memory: (depth, limit) faults when the frames in use, depth bytes, pass
    // limit, the bytes above the program's data.
    CheckStack,  // (depth, limit)
};
constexpr uint32_t kNumPrngs = 8;

// Fields of ColorConfigGet/ColorConfigSet. Rx/Tx and the switch positions are direction
// masks (dirBit); a switch position with rx = tx = 0 is invalid.
enum class ColorConfigField : uint8_t {
    Rx, Tx,
    Switch1Rx, Switch1Tx, Switch2Rx, Switch2Tx, Switch3Rx, Switch3Tx,
    CurrentSwitchPosition,  // 0..3
    Teardown,               // 1 while the color is in teardown mode
    // Added for <tile_config>.switch_config's set_ring_mode / set_pop_mode: ColorConfig's
    // ringMode (0/1) and popMode (ColorConfig::PopMode). Reading Teardown of a color with
    // no configuration at the PE gives 0 (teardown.get_pending reads every color).
    RingMode,
    PopMode,
};

// Fields DsdSet can change; the value comes from a register.
enum class DsdField : uint8_t {
    BaseAddress,   // byte address
    Length,        // extent of dimension 0 (mem1d, fabric length)
    Stride,        // byte stride of dimension 0
    OffsetBytes,   // adds r[b] bytes to the base address (@increment_dsd_offset)
    FifoReadLength, FifoWriteLength,
    // Added for @set_dsd_stride and @map over rebound DSDs: the stride of dimension 0 in
    // elements (strideBytes[0] / elementBytes). DsdSet multiplies r[b] by elementBytes;
    // DsdGet divides. An unknown elementBytes counts as 4 bytes, or 2 for a stride that
    // is not a multiple of 4.
    ElementStride,
    // Added for circbuf_dsd: the head of a circular buffer in elements from its start
    // (Dsd::extent[2]); DsdSet takes r[b] modulo the wraparound.
    CircularHead,
    // Added for `.save_address` of @load_to_dsr / @load_to_dsr_xdsr, a property of the DSR
    // wherever it is used: DsdSet of SaveAddress sets Dsd::saveAddress to r[b] != 0, and
    // DsdSet of AdvanceIfSaved moves a DSD with saveAddress past the elements an operation of
    // r[b]-byte operands covered (mem1d/mem4d: the base address moves extent[0] element
    // strides; circbuf: the head moves extent[0] elements, wrapping); others are unchanged.
    SaveAddress,
    AdvanceIfSaved,
};

// CircBuf (added for circbuf_dsd, SDK 2.10 DSD page "Circular Buffers"): a one-dimensional
// memory vector of extent[0] elements at baseAddress (the buffer's start) that wraps back to
// the start after extent[1] elements (its wraparound); extent[2] is the head, the element
// the next operation starts at (docs/simulator.md "Circular buffers").
enum class DsdKind : uint8_t { Mem1d, Mem4d, FabIn, FabOut, Fifo, CircBuf };

// A data structure descriptor. Memory DSDs address `rank` dimensions, innermost
// first, with byte strides; element size comes from the operation using the DSD.
struct Dsd {
    DsdKind kind = DsdKind::Mem1d;
    uint8_t rank = 1;
    uint32_t baseAddress = 0;
    std::array<uint32_t, 4> extent{0, 0, 0, 0};
    std::array<int32_t, 4> strideBytes{0, 0, 0, 0};
    // Fabric DSDs
    uint8_t color = 0;
    uint8_t queue = 0;         // input queue (FabIn) or output queue (FabOut)
    bool control = false;      // FabOut: send control wavelets
    bool controlTransform = false;
    bool advanceSwitch = false;
    uint8_t simdMode = 0;      // 0 default, 32, 64; 96 (kSimd32Or64, added session 16)
    int16_t waveletIndexOffset = -1;  // -1: none
    // FIFO DSDs
    uint16_t fifo = 0;  // index into CodeClass::fifos
    // Added for DSDs rebound to arrays of another type (the SDK's blas libraries build a
    // DSD over an i16 array, point it at f32 arrays with @set_dsd_base_addr and @map over
    // it): the byte size of the elements the memory DSD was built over (2 or 4). Hardware
    // keeps strides in elements, strideBytes / elementBytes; DSD operations and @map step
    // that many elements of their own operand size. 0: unknown (program files written
    // before the field); sim then doubles the strides of a 32-bit operand whose strides
    // are not multiples of 4 bytes and takes the byte strides as given otherwise.
    uint8_t elementBytes = 0;
    // Added with DsdField::SaveAddress: loaded to a DSR with `.save_address = true`.
    bool saveAddress = false;
    // Added in session 16 for the WSE-3 fabin_dsd `.priority` and @allocate_fifo's
    // `.priority` (the DSDs page, "Microthread Priority"): the priority of the microthread
    // an async op on this DSD runs on, as DsdOpDesc::priority counts it (0 high, 1 medium,
    // 2 low); -1: none given. The compiler also copies a comptime DSD's priority into the
    // op's DsdOpDesc::priority, which the program file carries.
    int8_t priority = -1;
};
// Values of Dsd::simdMode (the DSDs page, "SIMD Mode"; added in session 16 with the
// simulator's model of it, docs/simulator.md): the bits a fabric DSD's (or WSE-2 FIFO's)
// step moves: simd_32 one wavelet of two 16-bit values, simd_64 two wavelets that must both
// be ready, simd_32_or_64 two when ready, else one.
constexpr uint8_t kSimd32 = 32, kSimd64 = 64, kSimd32Or64 = 96;
constexpr uint32_t kDsdStorageBytes = 32;  // bytes a DSD occupies when kept in SRAM
// A DSD in and out of its kDsdStorageBytes bytes of SRAM (DsdLoad/DsdStore, DSR slots, core
// dumps). Moved here from the simulator so the compiler can give a DSR loaded at comptime
// its initial bytes.
Dsd unpackDsd(const uint8_t* bytes);
void packDsd(const Dsd& d, uint8_t* bytes);
// Added with Dsd::elementBytes: the element size the DSD's strides count in (elementBytes,
// or for 0 the fallback DsdField::ElementStride describes).
uint32_t dsdElementBytes(const Dsd& d);

enum class DsdOpKind : uint8_t {
    Add16, Addc16, Sub16, And16, Or16, Xor16, Sll16, Slr16, Sar16, Mov16, Mov32,
    Popcnt, Clz, Ctz,
    Faddh, Fsubh, Fmulh, Fmach, Fnegh, Fabsh, Fmovh, Fnormh, Fscaleh, Fmaxh,
    Fadds, Fsubs, Fmuls, Fmacs, Fnegs, Fabss, Fmovs, Fnorms, Fscales, Fmaxs,
    Faddhs, Fmachs,
    Fh2s, Fs2h, Fs2xp16, Xp162fs, Fh2xp16, Xp162fh,
    Dfilt,
};
const char* dsdOpName(DsdOpKind k);

struct DsdOperand {
    enum class Kind : uint8_t { None, Dsd, Scalar, Pointer };
    Kind kind = Kind::None;  // Dsd: d[reg]; Scalar: r[reg]; Pointer: scalar at SRAM r[reg]
    uint16_t reg = kNoReg;
};

// Control wavelets, in the hardware layout that SDK code builds by hand (25-pt-stencil's
// switches, cholesky's `(5 << 22) | (4 << 25)`, <memcpy/memcpy_switches>) and that
// <control>'s encode_single_payload produces. Changed in session 2 from a private layout
// (opcode in bits 31..30, multi-command bit 28); see docs/simulator.md.
//   bits 21..16  control task entrypoint (the CE starts the control task bound to it)
//   bits 15..0   16-bit data for the control task (overlaps commands 2..7)
//   commands     8 switch commands of 3 bits (bits 1..0 opcode, bit 2 ce_ignore), laid out
//                in the 24-bit sequence of payload bits 22..29 then 0..15: command 0 is
//                bits 22..24, command 1 bits 25..27, command 2 bits 28, 29 and 0,
//                command 3 bits 1..3, ... command 7 bits 13..15.
// Each router executes command 0 and delivers the wavelet to its CE (when its tx has
// RAMP) unless command 0's ce_ignore is set. A router whose pop mode pops shifts the
// sequence by one command (command 1 becomes command 0; command 7 becomes NOP).
// Bits 31..30 are not interpreted.
enum class ControlOpcode : uint8_t { Nop = 0, SwitchAdvance = 1, SwitchReset = 2, Teardown = 3 };
struct ControlCommand {
    ControlOpcode op = ControlOpcode::Nop;
    bool ceIgnore = false;
};
// The 24 command bits as one number (command k in bits 3k+2..3k) and back.
constexpr uint32_t controlCommandBits(uint32_t payload) {
    return ((payload >> 22) & 0xff) | ((payload & 0xffff) << 8);
}
constexpr uint32_t withControlCommandBits(uint32_t payload, uint32_t bits) {
    return (payload & 0xc03f0000u) | ((bits & 0xff) << 22) | ((bits >> 8) & 0xffff);
}
constexpr uint32_t encodeControlCommands(const ControlCommand* cmds, int count,
                                         uint8_t entrypoint = 0) {
    uint32_t bits = 0;
    for (int k = 0; k < count && k < 8; ++k)
        bits |= (uint32_t(cmds[k].op) | (cmds[k].ceIgnore ? 4u : 0u)) << (3 * k);
    return withControlCommandBits(uint32_t(entrypoint & 63) << 16, bits);
}
// One command plus an entrypoint and 16-bit data (<control>'s encode_single_payload).
constexpr uint32_t encodeControlPayload(ControlOpcode op, bool ceIgnore, uint8_t entrypoint,
                                        uint16_t data) {
    return (uint32_t(op) << 22) | (ceIgnore ? 1u << 24 : 0u) | (uint32_t(entrypoint & 63) << 16) |
           data;
}
constexpr ControlOpcode controlOpcode(uint32_t payload) {
    return ControlOpcode((payload >> 22) & 3);
}
constexpr bool controlCeIgnore(uint32_t payload) { return (payload >> 24) & 1; }
constexpr uint8_t controlEntrypoint(uint32_t payload) { return (payload >> 16) & 63; }
// The entrypoint a payload with no control task carries (the SDK's allreduce: "31=0x1f = no
// entrypoint"; <control> with `{}`, <memcpy/memcpy_switches>).
constexpr uint8_t kNoControlEntrypoint = 31;
// The payload after a router popped its current command.
// A popping router shifts the commands down by one. **Choice:** the command shifted in at
// the end is a NOP with ce_ignore, so a wavelet popped past all eight of its commands is
// ignored by every CE further on (the SDK's fft-1d-2d sends its sentinel of eight
// ce_ignore commands through 15 popping routers for Nz = 16; with a NOP that reached the
// CE, receivers took it for data). Until session 10 it was a NOP without ce_ignore.
constexpr uint32_t controlPop(uint32_t payload) {
    return withControlCommandBits(payload, (controlCommandBits(payload) >> 3) | (4u << 21));
}
constexpr int kTeardownTaskId = 29;  // local task activated by a teardown wavelet / @queue_flush

// Operand element types of DSD operations (sim's reading, see docs/simulator.md):
//   16-bit integer ops and f16 ops: all operands 16-bit; Mov32 and f32 ops: 32-bit;
//   Fscaleh/Fscales: src1 is an i16 exponent; Faddhs: dst f32 = src0 f32 + src1 f16;
//   Fmachs: dst f32 = src0 f32 + src1 f16 * src2 f16; Fh2s/Fs2h/Fs2xp16/Xp162fs/Fh2xp16/
//   Xp162fh convert src0 (xp16 = signed 16-bit integer, rounded to nearest even and
//   saturated); Dfilt: dst is a FabIn DSD, its extent counts control wavelets.

struct DsdOpDesc {
    DsdOpKind op = DsdOpKind::Mov32;
    DsdOperand dst, src0, src1, src2;  // src2: the scalar factor of fmac*
    bool async = false;
    int8_t activateTask = -1;  // task id activated on completion
    int8_t unblockTask = -1;   // task id unblocked on completion
    enum class OnControl : uint8_t { None, Terminate, Activate, Unblock } onControl = OnControl::None;
    int8_t onControlTask = -1;
    int8_t microthread = -1;  // WSE-3 ut_id; -1: derived from the fabric queue (WSE-2)
    // Microthread priority of an async op: 0 high, 1 medium, 2 low; -1: none given (the
    // operands' Dsd::priority, else low, the DSDs page's default). Orders the op against the
    // main thread's DSD operations (docs/simulator.md "Datapath"; modelled since session 16).
    int8_t priority = -1;
    // Added for `.index` (additive): register holding the u16 index of the op. A memory
    // operand whose DSD has waveletIndexOffset >= 0 starts `index` 16-bit words further
    // on (hardware address units: an f32 column step is 2).
    // kNoReg: no `.index` given.
    uint16_t indexReg = kNoReg;
    // Added for a run-time `.ut_id` (WSE-3 builtins page: @get_ut_id of a run-time u16):
    // register holding the microthread ID, used instead of `microthread`. kNoReg: none.
    uint16_t microthreadReg = kNoReg;
    // Added for FIFO full/empty actions (SDK 2.10 DSD page, FIFOs): register that receives
    // the operation's bool result (1: ran to its end or was terminated by a FIFO's
    // `terminate` action; 0: a synchronous operation ended early on an empty or full FIFO
    // under `test_or_suspend`). kNoReg: the result is not used.
    uint16_t resultReg = kNoReg;
};

struct Instr {
    Op op = Op::Nop;
    ScalarType type = ScalarType::Void;
    uint16_t dst = kNoReg;
    uint16_t a = kNoReg;
    uint16_t b = kNoReg;
    int32_t imm = 0;
};

struct SourceLoc {
    uint16_t file = 0;  // index into FabricProgram::sourceFiles
    uint32_t line = 0;  // 1-based; 0 = unknown
    uint16_t column = 0;
};

// The name of the function that runs a class's run-time global initializers before its
// first task (added by the IDE, additive): views show it as "global initializers".
inline constexpr const char* kGlobalInitFunctionName = "$init";

struct Function {
    std::string name;
    uint16_t numParams = 0;  // parameters arrive in r[0..numParams-1]
    // Added by sim (additive): the types of the parameters, used to normalise values
    // that arrive from outside the code (data-task wavelet payloads, launch
    // arguments). Empty: payload halves / launch words arrive zero-extended.
    std::vector<ScalarType> paramTypes;
    uint16_t numRegs = 0;
    uint16_t numDsdRegs = 0;
    ScalarType returnType = ScalarType::Void;
    std::vector<Instr> code;
    std::vector<SourceLoc> locs;  // parallel to code
};

enum class TaskKind : uint8_t { None, Data, Local, Control };

struct TaskBinding {
    TaskKind kind = TaskKind::None;
    int32_t function = -1;
    // Data tasks: the wavelet payload is split over the task's parameters
    // (one 32-bit or two 16-bit parameters); the color (WSE-2) or input queue (WSE-3).
    uint8_t color = 0;
    int8_t inputQueue = -1;
    bool initiallyBlocked = false;
};

// Added for @allocate_fifo's `.empty_action` / `.full_action` (SDK 2.10 DSD page): what a
// DSD operation does when it reads from an empty FIFO or writes to a full one.
enum class FifoAction : uint8_t { TestOrSuspend, Terminate, Suspend, Fault };

struct FifoDesc {
    uint32_t baseAddress = 0;
    uint32_t capacityBytes = 0;
    uint32_t elementBytes = 4;
    int8_t activatePush = -1;
    int8_t activatePop = -1;
    FifoAction emptyAction = FifoAction::TestOrSuspend;
    FifoAction fullAction = FifoAction::TestOrSuspend;
};

struct Symbol {
    std::string name;  // module symbols are "mod.sym", as in the SDK's ELF
    uint32_t address = 0;
    uint32_t sizeBytes = 0;
    ScalarType elementType = ScalarType::U8;
    uint32_t elementCount = 0;
};

// What the host can reach on a class: exported variables (address of the data the
// exported pointer points at) and exported functions (index into functions).
struct ClassExport {
    std::string name;
    bool isFunction = false;
    uint32_t address = 0;
    int32_t function = -1;
    // Added for run-time pointers (additive): an exported `var` pointer's own SRAM address,
    // or -1. A copy reads the data's address there when it starts, as the SDK's memcpy
    // follows the pointer's value at run time (a program may re-point it, e.g. to swap
    // buffers); `address` is then the pointer's initial value.
    int32_t pointerAddress = -1;
};

struct DataInit {
    uint32_t address = 0;
    std::vector<uint8_t> bytes;
};

// Added for @set_control_task_table (WSE-3 builtins page: it "will decouple control tasks
// from data and local tasks by creating a separate task table that is dedicated to control
// tasks"): when `separate`, control tasks live in `functions` (by control task ID) and
// CodeClass::tasks holds no Control bindings. A control wavelet with entrypoint e arriving
// through input queue q starts entry (queueTable[q] * stride + e) % kNumTaskIds, queueTable
// being the queues' `.ctrl_table_id` (the simulator's reading of "stride - in number of
// entry points - per input queue's local control table index"; docs/simulator.md).
struct ControlTaskTable {
    bool separate = false;
    uint8_t stride = 1;
    std::array<uint8_t, 8> queueTable{};  // .ctrl_table_id of each input queue
    std::array<int32_t, 64> functions;    // -1: no control task at that entry
    ControlTaskTable() { functions.fill(-1); }
};

// Added for @bind_rotating_tasks (WSE-3): "Every time task main starts, a counter is
// compared against limit. If the counter equals limit then task alt starts instead of main
// and the counter resets to zero." `dataTask` is main's data task ID; `altFunction` is alt,
// which is also bound to control task ID 0 (of the table of main's input queue).
struct RotatingTasks {
    uint8_t dataTask = 0;
    int32_t altFunction = -1;
    uint16_t limit = 0;
    uint16_t init = 0;
};

struct CodeClass {
    std::string file;       // the tile file, relative to the layout file
    std::string paramsKey;  // printable param values that made this class
    std::vector<Function> functions;
    std::vector<uint64_t> constants;
    std::vector<Dsd> dsdConstants;
    std::vector<DsdOpDesc> dsdOps;
    std::vector<std::string> strings;
    std::vector<FifoDesc> fifos;
    std::array<TaskBinding, kNumTaskIds> tasks{};
    std::array<int8_t, kNumInputQueues> inputQueueColor{-1, -1, -1, -1, -1, -1, -1, -1};
    std::array<int8_t, kNumOutputQueues> outputQueueColor{-1, -1, -1, -1, -1, -1, -1, -1};
    std::vector<DataInit> data;  // initial SRAM contents; everything else starts zero
    ControlTaskTable controlTable;            // added for @set_control_task_table
    std::vector<RotatingTasks> rotatingTasks;  // added for @bind_rotating_tasks (at most 2)
    std::vector<Symbol> symbols;
    std::vector<ClassExport> exports;
    uint32_t memoryBytes = 0;  // highest SRAM byte used
    int32_t initFunction = -1;  // run once at load, before any host command (may be -1)
};

enum class Direction : uint8_t { Ramp = 0, North = 1, South = 2, East = 3, West = 4 };
constexpr uint8_t dirBit(Direction d) { return uint8_t(1u << uint8_t(d)); }

struct SwitchPosition {
    uint8_t rx = 0;  // direction mask; 0 = invalid (keep the base route)
    uint8_t tx = 0;
};

struct FilterConfig {
    enum class Kind : uint8_t { None, Counter, SparseCounter, Range } kind = Kind::None;
    bool countData = false, countControl = false, filterControl = false;
    uint16_t initCounter = 0, limit1 = 0, limit2 = 0, maxCounter = 0;
    uint16_t minIdx = 0, maxIdx = 0;
    // Added for the sparse counter filter, whose phases depend on which limits the layout
    // gives (the Builtins page: "when the limit2 field is specified ..."; with no limit1 it
    // filters nothing).
    bool hasLimit1 = false, hasLimit2 = false;
};

// Router configuration of one color at one PE.
struct ColorConfig {
    uint8_t rx = 0;  // direction mask of accepted inputs
    uint8_t tx = 0;  // direction mask of outputs (Ramp = deliver to the CE)
    std::array<SwitchPosition, 3> switchPositions{};  // positions 1..3; position 0 = rx/tx
    uint8_t currentSwitchPosition = 0;
    bool ringMode = false;
    enum class PopMode : uint8_t { NoPop, AlwaysPop, PopOnAdvance, PopOnAdvanceNop } popMode = PopMode::NoPop;
    bool colorSwapX = false, colorSwapY = false;
    bool teardown = false;
    FilterConfig filter;
};

// SDK-NOTES: on WSE-3 only colors 0-9, 12, 13, 16, 17, 20 and 21 have switches; on WSE-2
// every routable color has them.
inline bool colorHasSwitches(Arch arch, int color) {
    if (arch == Arch::Wse2)
        return true;
    return color < 10 || color == 12 || color == 13 || color == 16 || color == 17 ||
           color == 20 || color == 21;
}

struct PeConfig {
    uint32_t codeClass = 0;
    std::vector<std::pair<uint8_t, ColorConfig>> colors;  // only the colors configured
};

// A host-visible symbol as out_rpc.json lists it (from @export_name in the layout).
struct HostSymbol {
    uint16_t id = 0;
    std::string name;
    enum class Kind : uint8_t { Var, Func } kind = Kind::Var;
    ScalarType elementType = ScalarType::F32;   // Var: element type of the pointer
    bool mutableFromHost = false;
    std::vector<ScalarType> inputs;  // Func: parameter types
    // Added for the RPC page's scalar exports (additive): a Var exported with a scalar
    // type (`@export_name("n", i16, true)`) rather than a pointer; out_rpc.json names it so.
    bool scalar = false;
    // Added (additive): Func parameter names from the exporting PE program's function, for
    // out_rpc.json (empty: unnamed, written as arg0, arg1, ...).
    std::vector<std::string> inputNames = {};
};

struct MemcpyConfig {
    bool enabled = false;
    uint32_t channels = 1;
    uint32_t westBuffer = 0, eastBuffer = 0;
    // Streaming colors by their memcpy names; -1 = not configured.
    std::array<int8_t, 4> h2dColors{-1, -1, -1, -1};  // MEMCPYH2D_1..4
    std::array<int8_t, 4> d2hColors{-1, -1, -1, -1};  // MEMCPYD2H_1..4
};

// Added for --fp16-format: the 16-bit float format of `@fp16()` at run time, which the
// fp16 DSD operations (@faddh, @fh2s, ...) read and write. cb16 runs as f16 (not modelled).
enum class Fp16Format : uint8_t { F16, Bf16, Cb16 };

struct FabricProgram {
    static constexpr uint32_t kFormatVersion = 1;
    Arch arch = Arch::Wse2;
    Fp16Format fp16Format = Fp16Format::F16;
    uint32_t fabricWidth = 0, fabricHeight = 0;  // --fabric-dims
    uint32_t offsetX = 0, offsetY = 0;           // --fabric-offsets: rectangle origin
    uint32_t width = 0, height = 0;              // @set_rectangle
    std::vector<CodeClass> classes;
    std::vector<PeConfig> pes;  // width*height, index y*width + x (rectangle coordinates)
    std::vector<HostSymbol> hostSymbols;
    MemcpyConfig memcpy;
    std::vector<std::string> sourceFiles;
};

}  // namespace sim
