#include "backend/hostdata/hostexpr.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <numbers>

namespace hostdata {

namespace {

struct Value {
    std::vector<double> values;
    bool scalar = true;
};

class Parser {
  public:
    explicit Parser(std::string_view text) : text_(text) {}

    std::vector<double> run() {
        skipSpace();
        if (pos_ >= text_.size())
            throw ExprError(1, "empty expression (try arange(0, 16), zeros(8) or [1, 2, 3])");
        Value v = expr();
        skipSpace();
        if (pos_ < text_.size())
            throw ExprError(column(), "unexpected '" + std::string(1, text_[pos_]) +
                                          "' after the end of the expression");
        return std::move(v.values);
    }

  private:
    size_t column() const { return pos_ + 1; }

    void skipSpace() {
        while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t' ||
                                       text_[pos_] == '\n' || text_[pos_] == '\r'))
            ++pos_;
    }

    bool accept(char c) {
        skipSpace();
        if (pos_ < text_.size() && text_[pos_] == c) {
            ++pos_;
            return true;
        }
        return false;
    }

    void expect(char c, const char* context) {
        if (!accept(c)) {
            const std::string found =
                pos_ < text_.size() ? "'" + std::string(1, text_[pos_]) + "'" : "the end";
            throw ExprError(column(),
                            std::string("expected '") + c + "' " + context + ", found " + found);
        }
    }

    Value expr() {
        Value left = term();
        for (;;) {
            skipSpace();
            const size_t at = column();
            if (accept('+'))
                left = combine(left, term(), '+', at);
            else if (accept('-'))
                left = combine(left, term(), '-', at);
            else
                return left;
        }
    }

    Value term() {
        Value left = unary();
        for (;;) {
            skipSpace();
            const size_t at = column();
            if (accept('*'))
                left = combine(left, unary(), '*', at);
            else if (accept('/'))
                left = combine(left, unary(), '/', at);
            else
                return left;
        }
    }

    Value unary() {
        if (accept('-')) {
            Value v = unary();
            for (double& x : v.values)
                x = -x;
            return v;
        }
        if (accept('+'))
            return unary();
        return primary();
    }

    Value primary() {
        skipSpace();
        if (pos_ >= text_.size())
            throw ExprError(column(), "expected a number, a list, a function or '(', found the "
                                      "end");
        const char c = text_[pos_];
        if (c == '(') {
            ++pos_;
            Value v = expr();
            expect(')', "to close '('");
            return v;
        }
        if (c == '[') {
            ++pos_;
            Value list;
            list.scalar = false;
            if (!accept(']')) {
                do {
                    Value item = expr();
                    list.values.insert(list.values.end(), item.values.begin(), item.values.end());
                    checkSize(list.values.size(), column());
                } while (accept(','));
                expect(']', "to close the list");
            }
            return list;
        }
        if ((c >= '0' && c <= '9') || c == '.')
            return number();
        if (std::isalpha(static_cast<unsigned char>(c)) || c == '_')
            return call();
        throw ExprError(column(), "unexpected '" + std::string(1, c) +
                                      "' (expected a number, a list, a function or '(')");
    }

    Value number() {
        const size_t start = pos_;
        const char* begin = text_.data() + pos_;
        const char* end = text_.data() + text_.size();
        double v = 0;
        const auto [ptr, ec] = std::from_chars(begin, end, v);
        if (ec != std::errc() || ptr == begin)
            throw ExprError(start + 1, "malformed number");
        pos_ += size_t(ptr - begin);
        return {{v}, true};
    }

    Value call() {
        const size_t start = pos_;
        while (pos_ < text_.size() &&
               (std::isalnum(static_cast<unsigned char>(text_[pos_])) || text_[pos_] == '_'))
            ++pos_;
        const std::string name(text_.substr(start, pos_ - start));
        if (name == "pi")
            return {{std::numbers::pi}, true};
        static const char* const known = "arange, zeros, ones, full, linspace, repeat, tile, pi";
        const bool isKnown = name == "arange" || name == "zeros" || name == "ones" ||
                             name == "full" || name == "linspace" || name == "repeat" ||
                             name == "tile";
        if (!isKnown)
            throw ExprError(start + 1, "unknown name '" + name + "' (known: " + known + ")");
        expect('(', ("after " + name).c_str());
        std::vector<Value> args;
        std::vector<size_t> argColumns;
        if (!accept(')')) {
            do {
                skipSpace();
                argColumns.push_back(column());
                args.push_back(expr());
            } while (accept(','));
            expect(')', ("to close the arguments of " + name).c_str());
        }
        return apply(name, args, argColumns, start + 1);
    }

    static void checkSize(size_t n, size_t at) {
        if (n > kMaxExpressionValues)
            throw ExprError(at, "the result would hold " + std::to_string(n) + " values; at most " +
                                    std::to_string(kMaxExpressionValues) + " are allowed");
    }

    static double scalarArg(const std::string& fn, const std::vector<Value>& args,
                            const std::vector<size_t>& columns, size_t i) {
        if (!args[i].scalar)
            throw ExprError(columns[i], fn + ": argument " + std::to_string(i + 1) +
                                            " must be a number, not an array of " +
                                            std::to_string(args[i].values.size()));
        return args[i].values.front();
    }

    static size_t countArg(const std::string& fn, const std::vector<Value>& args,
                           const std::vector<size_t>& columns, size_t i) {
        const double n = scalarArg(fn, args, columns, i);
        if (!(n >= 0) || std::trunc(n) != n)
            throw ExprError(columns[i], fn + ": argument " + std::to_string(i + 1) +
                                            " must be a count (a whole number >= 0), got " +
                                            std::to_string(n));
        checkSize(size_t(std::min(n, 1e18)), columns[i]);
        return size_t(n);
    }

    static void arity(const std::string& fn, const std::vector<Value>& args, size_t lo, size_t hi,
                      size_t at, const char* usage) {
        if (args.size() < lo || args.size() > hi)
            throw ExprError(at, fn + " takes " +
                                    (lo == hi ? std::to_string(lo)
                                              : std::to_string(lo) + " to " + std::to_string(hi)) +
                                    " argument(s), got " + std::to_string(args.size()) +
                                    " (usage: " + usage + ")");
    }

    static Value apply(const std::string& fn, const std::vector<Value>& args,
                       const std::vector<size_t>& cols, size_t at) {
        Value out;
        out.scalar = false;
        if (fn == "arange") {
            arity(fn, args, 1, 3, at, "arange(stop), arange(start, stop[, step])");
            double start = 0, stop = 0, step = 1;
            if (args.size() == 1) {
                stop = scalarArg(fn, args, cols, 0);
            } else {
                start = scalarArg(fn, args, cols, 0);
                stop = scalarArg(fn, args, cols, 1);
                if (args.size() == 3)
                    step = scalarArg(fn, args, cols, 2);
            }
            if (step == 0 || !std::isfinite(step))
                throw ExprError(args.size() == 3 ? cols[2] : at, "arange: step must not be 0");
            if (!std::isfinite(start) || !std::isfinite(stop))
                throw ExprError(at, "arange: start and stop must be finite");
            const double n = std::ceil((stop - start) / step);
            const size_t count = n > 0 ? size_t(std::min(n, 1e18)) : 0;
            checkSize(count, at);
            out.values.resize(count);
            for (size_t i = 0; i < count; ++i)
                out.values[i] = start + double(i) * step;
        } else if (fn == "zeros" || fn == "ones") {
            arity(fn, args, 1, 1, at, fn == "zeros" ? "zeros(n)" : "ones(n)");
            out.values.assign(countArg(fn, args, cols, 0), fn == "zeros" ? 0.0 : 1.0);
        } else if (fn == "full") {
            arity(fn, args, 2, 2, at, "full(n, value)");
            const size_t n = countArg(fn, args, cols, 0);
            out.values.assign(n, scalarArg(fn, args, cols, 1));
        } else if (fn == "linspace") {
            arity(fn, args, 3, 3, at, "linspace(start, stop, n)");
            const double start = scalarArg(fn, args, cols, 0);
            const double stop = scalarArg(fn, args, cols, 1);
            const size_t n = countArg(fn, args, cols, 2);
            out.values.resize(n);
            for (size_t i = 0; i < n; ++i)
                out.values[i] = n == 1 ? start : start + (stop - start) * double(i) / double(n - 1);
            if (n > 1)
                out.values.back() = stop;
        } else { // repeat, tile
            arity(fn, args, 2, 2, at, fn == "repeat" ? "repeat(array, n)" : "tile(array, n)");
            const std::vector<double>& base = args[0].values;
            const size_t n = countArg(fn, args, cols, 1);
            checkSize(base.size() * n, at);
            out.values.reserve(base.size() * n);
            if (fn == "repeat") {
                for (double v : base)
                    out.values.insert(out.values.end(), n, v);
            } else {
                for (size_t k = 0; k < n; ++k)
                    out.values.insert(out.values.end(), base.begin(), base.end());
            }
        }
        return out;
    }

    static Value combine(const Value& a, const Value& b, char op, size_t at) {
        if (!a.scalar && !b.scalar && a.values.size() != b.values.size())
            throw ExprError(at, std::string("'") + op + "' needs arrays of the same length, got " +
                                    std::to_string(a.values.size()) + " and " +
                                    std::to_string(b.values.size()));
        Value out;
        out.scalar = a.scalar && b.scalar;
        const size_t n = out.scalar ? 1 : (a.scalar ? b.values.size() : a.values.size());
        out.values.resize(n);
        for (size_t i = 0; i < n; ++i) {
            const double x = a.values[a.scalar ? 0 : i];
            const double y = b.values[b.scalar ? 0 : i];
            switch (op) {
            case '+':
                out.values[i] = x + y;
                break;
            case '-':
                out.values[i] = x - y;
                break;
            case '*':
                out.values[i] = x * y;
                break;
            default:
                out.values[i] = x / y;
                break;
            }
        }
        return out;
    }

    std::string_view text_;
    size_t pos_ = 0;
};

} // namespace

std::vector<double> evaluateExpression(std::string_view text) {
    return Parser(text).run();
}

} // namespace hostdata
