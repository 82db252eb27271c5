// <simprint> format functions: fmt(s, .{args}) and fmt_no_nl, with or without the PE's
// coordinates in front. The format string is comptime; each {d} {x} {X} {b} {f} {s} or {}
// takes the next argument ({} chooses by type), {{ and }} are literal braces. Literal text
// and comptime arguments become SimprintString, runtime arguments SimprintValue.
#include "backend/csl/sema/analyzer_class.h"

#include <cstdio>

namespace csl::sema {

namespace {

std::string comptimeText(const Value& v, char spec) {
    if (v.k == VK::Float) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", v.f);
        return buf;
    }
    if (v.k == VK::Bool)
        return v.i ? "1" : "0";
    if (spec == 'x' || spec == 'X' || spec == 'b') {
        uint64_t u = uint64_t(v.i);
        if (spec == 'b') {
            std::string s;
            do {
                s.insert(s.begin(), char('0' + (u & 1)));
                u >>= 1;
            } while (u);
            return s;
        }
        char buf[32];
        std::snprintf(buf, sizeof buf, spec == 'x' ? "%llx" : "%llX", (unsigned long long)u);
        return buf;
    }
    return std::to_string(v.i);
}

} // namespace

Value Analyzer::simprintFmt(const std::string& fn, const std::vector<Value>& args,
                            const std::vector<uint32_t>& argNodes, uint32_t node) {
    if (fn != "fmt" && fn != "fmt_no_nl" && fn != "fmt_with_coords" &&
        fn != "fmt_no_nl_with_coords")
        fail(node, "module '<simprint>' has no member named '" + fn + "'");
    if (args.size() != 2)
        fail(node, "'" + fn + "' expects a format string and a tuple of arguments, found " +
                       std::to_string(args.size()) + " argument" + (args.size() == 1 ? "" : "s"));
    if (!runtime())
        fail(node, "'" + fn + "' must be called at runtime");
    std::string format = asString(args[0], argNodes[0], "format string");
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

    if (fn.find("with_coords") != std::string::npos) {
        text += "(";
        for (sim::BuiltinId coord : {sim::BuiltinId::CoordX, sim::BuiltinId::CoordY}) {
            uint16_t r = newReg(node);
            emit(sim::Op::Builtin, sim::ScalarType::U16, r, kNoReg, 0, int32_t(coord));
            printValue(r, types.u16, 'd');
            text += coord == sim::BuiltinId::CoordX ? ", " : ") ";
        }
    }

    size_t next = 0;
    for (size_t i = 0; i < format.size(); ++i) {
        char c = format[i];
        if ((c == '{' || c == '}') && i + 1 < format.size() && format[i + 1] == c) {
            text += c;
            ++i;
            continue;
        }
        if (c == '}')
            fail(argNodes[0], "unmatched '}' in the format string (write '}}' for a brace)");
        if (c != '{') {
            text += c;
            continue;
        }
        size_t close = format.find('}', i);
        if (close == std::string::npos)
            fail(argNodes[0], "unterminated '{' in the format string (write '{{' for a brace)");
        std::string spec = format.substr(i + 1, close - i - 1);
        i = close;
        if (spec.size() > 1 ||
            (spec.size() == 1 && std::string("dxXbfs").find(spec[0]) == std::string::npos))
            fail(argNodes[0],
                 "unknown format '{" + spec + "}' (use {d}, {x}, {X}, {b}, {f}, {s} or {})");
        if (next >= vals.size())
            fail(argNodes[1], "the format string has more placeholders than the " +
                                  std::to_string(vals.size()) + " argument" +
                                  (vals.size() == 1 ? "" : "s") + " given");
        const Value& v = vals[next++];
        char s = spec.empty() ? '\0' : spec[0];
        TypeP t = v.type;
        bool isString = t->k == TK::String;
        bool isFloat = t->k == TK::Float || t->k == TK::CFloat;
        bool isNumber = isFloat || t->k == TK::Int || t->k == TK::CInt || t->k == TK::Bool;
        if (s == 's' ? !isString : (!isNumber || (s == 'f') != isFloat) && s != '\0')
            fail(argNodes[1], "argument " + std::to_string(next) + " of type '" + typeName(t) +
                                  "' does not fit the format '{" + spec + "}'");
        if (s == '\0' && !isNumber && !isString)
            fail(argNodes[1], "argument " + std::to_string(next) + " of type '" + typeName(t) +
                                  "' cannot be printed");
        if (isString) {
            text += asString(v, argNodes[1], "string argument");
            continue;
        }
        if (s == '\0')
            s = isFloat ? 'f' : 'd';
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
