// CompileOptions::maxComptimeSteps: a caller's cap on comptime evaluation (the fuzzer uses
// 20,000) stops a runaway comptime loop with an error at that loop instead of running into
// the default limit of 50 M steps, and leaves programs that fit the budget alone.
#include "backend/csl/compiler.h"

#include <QTest>

#include <map>
#include <optional>
#include <string>

namespace {

csl::CompileResult compileWithBudget(const std::string& layout, uint64_t budget) {
    const std::map<std::string, std::string> files = {
        {"layout.csl", layout},
        {"pe.csl", "fn f() void {}\n"},
    };
    csl::CompileOptions o;
    o.layoutFile = "layout.csl";
    o.maxComptimeSteps = budget;
    o.readFile = [files](const std::string& f) -> std::optional<std::string> {
        const auto it = files.find(f.rfind("./", 0) == 0 ? f.substr(2) : f);
        if (it == files.end())
            return std::nullopt;
        return it->second;
    };
    return csl::compile(o);
}

// Errors only, as "line:col: message".
std::string errors(const csl::CompileResult& r) {
    std::string s;
    for (const csl::Diagnostic& d : r.diagnostics) {
        if (d.severity != csl::Severity::Error)
            continue;
        s += d.range.file + ":" + std::to_string(d.range.line) + ":" +
             std::to_string(d.range.column) + ": " + d.message + "\n";
    }
    return s;
}

// Ends only through the step budget: the inner loop runs forever at line 7.
const char* const kRunaway = R"(layout {
  @set_rectangle(2, 2);
  var i: u32 = 0;
  while (i < 10) {
    i += 1;
    var j: u32 = 0;
    while (j < 100) {
      j += 0;
    }
  }
}
)";

// 4 x 3 PEs set one by one: a few hundred steps.
const char* const kSmallLayout = R"(layout {
  @set_rectangle(4, 3);
  for (@range(u16, 4)) |x| {
    for (@range(u16, 3)) |y| {
      @set_tile_code(x, y, "pe.csl", .{});
    }
  }
}
)";

} // namespace

class TstCslComptimeBudget : public QObject {
    Q_OBJECT
  private slots:
    void runawayLoopStopsAtItsBudget() {
        const csl::CompileResult r = compileWithBudget(kRunaway, 20'000);
        QVERIFY(!r.ok);
        QVERIFY(!r.cancelled);
        QCOMPARE(QString::fromStdString(errors(r)),
                 QString("layout.csl:7:5: comptime evaluation exceeded the step budget of 20000 "
                         "steps given to the compiler in this loop; does it never end?\n"));
    }

    void budgetCountsEveryExpression() {
        // The small layout compiles within a generous budget and fails within a tiny one: the
        // budget is what stops it, at the innermost loop running when it ran out.
        QVERIFY2(compileWithBudget(kSmallLayout, 20'000).ok,
                 errors(compileWithBudget(kSmallLayout, 20'000)).c_str());
        const csl::CompileResult r = compileWithBudget(kSmallLayout, 30);
        QVERIFY(!r.ok);
        QCOMPARE(QString::fromStdString(errors(r)),
                 QString("layout.csl:4:5: comptime evaluation exceeded the step budget of 30 "
                         "steps given to the compiler in this loop; does it never end?\n"));
    }

    void outsideLoopsTheExpressionIsNamed() {
        const csl::CompileResult r = compileWithBudget(kSmallLayout, 2);
        QVERIFY(!r.ok);
        QCOMPARE(QString::fromStdString(errors(r)),
                 QString("layout.csl:2:21: comptime evaluation exceeded the step budget of 2 "
                         "steps given to the compiler\n"));
    }

    void zeroKeepsTheDefaultLimit() {
        const csl::CompileResult r = compileWithBudget(kSmallLayout, 0);
        QVERIFY2(r.ok, errors(r).c_str());
        QCOMPARE(r.program->width, 4u);
    }
};

QTEST_GUILESS_MAIN(TstCslComptimeBudget)
#include "tst_csl_comptime_budget.moc"
