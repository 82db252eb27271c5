// Typed expressions for host data, a small numpy-like language (docs/ide-run.md,
// "Interactive host session"):
//
//   expr    := term (('+' | '-') term)*
//   term    := unary (('*' | '/') unary)*
//   unary   := ('-' | '+') unary | primary
//   primary := NUMBER | 'pi' | '(' expr ')' | '[' [expr (',' expr)*] ']'
//            | NAME '(' [expr (',' expr)*] ')'
//
// A value is a number or a 1-D array. Arithmetic works element-wise: number with array,
// or two arrays of the same length. A list concatenates its items (numbers or arrays).
// Functions: arange(stop) arange(start, stop[, step]) zeros(n) ones(n) full(n, value)
// linspace(start, stop, n) repeat(array, n) tile(array, n). Plain C++ (no Qt).
#pragma once

#include "backend/hostdata/hostarray.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hostdata {

// Results larger than this are refused (a typo like arange(1e12) must not eat the memory).
inline constexpr size_t kMaxExpressionValues = size_t(1) << 24;

class ExprError : public Error {
  public:
    ExprError(size_t column, const std::string& message)
        : Error("column " + std::to_string(column) + ": " + message), column_(column) {}
    size_t column() const { return column_; } // 1-based

  private:
    size_t column_;
};

// The values of `text` (a number gives one value). Throws ExprError naming the column.
std::vector<double> evaluateExpression(std::string_view text);

} // namespace hostdata
