// <simprint> format functions fmt(s, .{args}), fmt_no_nl and fmt_with_coords. The format
// string is comptime; each {d} {X} {b} {f} takes the next argument, "{{" prints '{' (a '}'
// is printed as it is). Literal text and comptime arguments become SimprintString, runtime
// arguments SimprintValue.
#include "backend/csl/sema/analyzer_class.h"
#include "sim/simprint_format.h"

#include <cstdio>

namespace csl::sema {

namespace {

// A comptime argument printed as the simulator prints a runtime one: of its own type when
// it has one (`const k: i16 = -5` printed its 64 bits), else of the narrowest type the
// documentation allows ({X} and {b} are zero-padded to the width of u16 or u32).
std::string comptimeText(const Value& v, char spec) {
    if (v.k == VK::Float)
        return sim::formatSimprintFloat(v.f, v.type->k == TK::Float ? scalarOf(v.type)
                                                                    : sim::ScalarType::F32);
    if (v.type && v.type->k == TK::Int && isRuntimeScalar(v.type)) {
        const sim::ScalarType t = scalarOf(v.type);
        return sim::formatSimprintValue(sim::normalise(uint64_t(v.i), t), t, spec);
    }
    uint64_t u = uint64_t(v.i);
    int bits = u > 0xffff ? 32 : 16;
    if (spec == 'b') {
        std::string s;
        for (int i = bits - 1; i >= 0; --i)
            s += (u >> i & 1) ? '1' : '0';
        return s;
    }
    if (spec == 'X') {
        char buf[32];
        std::snprintf(buf, sizeof buf, "%0*llX", bits / 4, (unsigned long long)u);
        return buf;
    }
    return std::to_string(v.i);
}

} // namespace

Value Analyzer::simprintFmt(const std::string& fn, const std::vector<Value>& args,
                            const std::vector<uint32_t>& argNodes, uint32_t node) {
    if (fn != "fmt" && fn != "fmt_no_nl" && fn != "fmt_with_coords")
        fail(node, "module '<simprint>' has no member named '" + fn + "'");
    if (args.size() != 2)
        fail(node, "'" + fn + "' expects a format string and a tuple of arguments, found " +
                       std::to_string(args.size()) + " argument" + (args.size() == 1 ? "" : "s"));
    if (!runtime())
        fail(node, "'" + fn + "' must be called at runtime");
    std::string format = asString(args[0], argNodes[0], "format string");
    // As print_string's: "if the string contains a zero (NUL) byte, the output will be
    // truncated at the NUL" (the Libraries page); the text after it was printed.
    format.resize(std::min(format.size(), format.find('\0')));
    const Value& tuple = args[1];
    if (tuple.k != VK::Agg)
        fail(argNodes[1], "'" + fn + "' expects its arguments as a tuple '.{...}', found '" +
                              typeName(tuple.type) + "'");
    const std::vector<Value>& vals = *tuple.elems;

    std::string text;
    auto flushText = [&]() {
        if (text.empty())
            return;
        uint16_t r = toReg(mkInt(stringIndex(text), types.u16), node);
        uint16_t base = newReg(node);
        emit(sim::Op::Mov, sim::ScalarType::U32, base, r, kNoReg, 0);
        setLoc(node);
        emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, 1,
             int32_t(sim::BuiltinId::SimprintString));
        text.clear();
    };
    auto printValue = [&](uint16_t reg, TypeP t, char spec) {
        flushText();
        uint16_t base = newRegs(3);
        emit(sim::Op::Mov, sim::ScalarType::U32, base, reg, kNoReg, 0);
        emit(sim::Op::Imm, sim::ScalarType::U16, uint16_t(base + 1), kNoReg, kNoReg,
             int32_t(scalarOf(t)));
        emit(sim::Op::Imm, sim::ScalarType::U16, uint16_t(base + 2), kNoReg, kNoReg, spec);
        setLoc(node);
        emit(sim::Op::Builtin, sim::ScalarType::Void, kNoReg, base, 3,
             int32_t(sim::BuiltinId::SimprintValue));
    };

    if (fn == "fmt_with_coords") {
        text += "PE(";
        for (sim::BuiltinId coord : {sim::BuiltinId::CoordX, sim::BuiltinId::CoordY}) {
            uint16_t r = newReg(node);
            emit(sim::Op::Builtin, sim::ScalarType::U16, r, kNoReg, 0, int32_t(coord));
            printValue(r, types.u16, 'd');
            text += coord == sim::BuiltinId::CoordX ? "," : "): ";
        }
    }

    size_t next = 0;
    for (size_t i = 0; i < format.size(); ++i) {
        char c = format[i];
        if (c == '{' && i + 1 < format.size() && format[i + 1] == '{') {
            text += c;
            ++i;
            continue;
        }
        if (c != '{') {
            text += c;
            continue;
        }
        size_t close = format.find('}', i);
        if (close == std::string::npos)
            fail(argNodes[0], "unterminated '{' in the format string (write '{{' for a brace)");
        std::string spec = format.substr(i + 1, close - i - 1);
        i = close;
        if (spec.size() != 1 || std::string("dXbf").find(spec[0]) == std::string::npos)
            fail(argNodes[0], "unknown format '{" + spec + "}' (use {d}, {X}, {b} or {f})");
        if (next >= vals.size())
            fail(argNodes[1], "the format string has more placeholders than the " +
                                  std::to_string(vals.size()) + " argument" +
                                  (vals.size() == 1 ? "" : "s") + " given");
        const Value& v = vals[next++];
        char s = spec[0];
        TypeP t = v.type;
        bool isFloat = t->k == TK::Float || t->k == TK::CFloat;
        bool isInt = t->k == TK::Int || t->k == TK::CInt;
        if (s == 'f' ? !isFloat : !isInt)
            fail(argNodes[1], "argument " + std::to_string(next) + " of type '" + typeName(t) +
                                  "' does not fit the format '{" + spec + "}' (" +
                                  (s == 'f' ? "a float" : "an integer") + " is needed)");
        if (v.isComptime()) {
            text += comptimeText(v, s);
            continue;
        }
        printValue(toReg(v, argNodes[1]), t, s);
    }
    if (next != vals.size())
        fail(argNodes[1], "the format string has " + std::to_string(next) + " placeholder" +
                              (next == 1 ? "" : "s") + " but " + std::to_string(vals.size()) +
                              " argument" + (vals.size() == 1 ? " is" : "s are") + " given");
    if (fn.find("no_nl") == std::string::npos)
        text += "\n";
    flushText();
    return mkVoid();
}

} // namespace csl::sema
