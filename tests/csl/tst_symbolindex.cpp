// csl::SymbolIndex: declarations with file:line:col, signatures and doc comments across a
// layout, the tile files it places and the modules they import; scope-aware resolution
// of locals, parameters and module members; broken and missing files.
#include "backend/csl/symbol_index.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace csl;

namespace {

const char* kLayout = R"(// The layout of the test project.
param width: u16 = 4;

const helpers = @import_module("helpers.csl");

layout {
  @set_rectangle(width, 1);
  for (@range(u16, width)) |x| {
    @set_tile_code(x, 0, "pe.csl", .{ .n = helpers.rows });
  }
}
)";

const char* kPe = R"(param n: u16; // rows per PE

const sys_mod = @import_module("<memcpy/memcpy>", .{});
const math = @import_module("<math>");

// Running sum of the row.
// Reset by start().
var sum: f32 = 0.0;

const Pair = struct {
  left: i16,
  right: i16,
};

/// Adds x to the sum and returns the new value.
fn accumulate(x: f32) f32 {
  const scaled = x * 2.0;
  sum += math.abs(scaled);
  return sum;
}

task on_data(value: f32) void {
  const scaled = value;
  _ = accumulate(scaled);
}

fn start() void {
  sum = 0.0;
  sys_mod.unblock_cmd_stream();
}
)";

const char* kHelpers = R"(// Rows of the test matrix.
const rows: u16 = 8;
)";

const SymbolDecl* findDecl(const SymbolIndex& index, const std::string& name,
                           const std::string& file = {}) {
    for (const SymbolDecl& d : index.decls())
        if (d.name == name && (file.empty() || d.file == file))
            return &d;
    return nullptr;
}

uint32_t offsetOf(const char* text, const char* needle) {
    return uint32_t(std::string(text).find(needle));
}

} // namespace

class TestSymbolIndex : public QObject {
    Q_OBJECT
  private slots:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        write(QStringLiteral("layout.csl"), kLayout);
        write(QStringLiteral("pe.csl"), kPe);
        write(QStringLiteral("helpers.csl"), kHelpers);
        m_layout = m_dir.filePath(QStringLiteral("layout.csl")).toStdString();
        m_pe = m_dir.filePath(QStringLiteral("pe.csl")).toStdString();
        m_helpers = m_dir.filePath(QStringLiteral("helpers.csl")).toStdString();
        m_index.addFiles({m_layout});
    }

    void followsTileCodeAndImports() {
        const auto& files = m_index.files();
        auto has = [&](const std::string& f) {
            return std::find(files.begin(), files.end(), f) != files.end();
        };
        QVERIFY(has(m_layout));
        QVERIFY(has(m_pe));      // placed by @set_tile_code
        QVERIFY(has(m_helpers)); // imported by the layout
        QVERIFY(has("<math>"));  // a library written in CSL
        QVERIFY(has("<memcpy/memcpy>"));
        QVERIFY(m_index.missing().empty());
    }

    // An import naming a directory or a device is missing, not an empty file, and never
    // read (a FIFO or /dev/zero would never end).
    void directoriesAndDevicesAreMissing() {
        csl::SymbolIndex index;
        const std::string dir = m_dir.path().toStdString();
        index.addFiles({dir, "/dev/zero"});
        QCOMPARE(index.missing(), (std::vector<std::string>{dir, "/dev/zero"}));
        QVERIFY(index.decls().empty());
    }

    void declarationsWithPositionsAndDocs() {
        const SymbolDecl* sum = findDecl(m_index, "sum");
        QVERIFY(sum);
        QCOMPARE(sum->kind, SymbolKind::Variable);
        QCOMPARE(sum->file, m_pe);
        QCOMPARE(sum->line, 8u);
        QCOMPARE(sum->column, 5u);
        QCOMPARE(sum->doc, std::string("Running sum of the row. Reset by start()."));
        QCOMPARE(sum->signature, std::string("var sum: f32 = 0.0"));
        QCOMPARE(findDecl(m_index, "Pair")->signature, std::string("const Pair = struct"));

        const SymbolDecl* accumulate = findDecl(m_index, "accumulate");
        QVERIFY(accumulate);
        QCOMPARE(accumulate->kind, SymbolKind::Function);
        QCOMPARE(accumulate->signature, std::string("fn accumulate(x: f32) f32"));
        QCOMPARE(accumulate->doc, std::string("Adds x to the sum and returns the new value."));
        QCOMPARE(accumulate->line, 16u);

        const SymbolDecl* task = findDecl(m_index, "on_data");
        QVERIFY(task);
        QCOMPARE(task->kind, SymbolKind::Task);

        const SymbolDecl* n = findDecl(m_index, "n", m_pe);
        QVERIFY(n);
        QCOMPARE(n->kind, SymbolKind::Param);
        QCOMPARE(n->doc, std::string("rows per PE")); // the comment after it

        const SymbolDecl* right = findDecl(m_index, "right");
        QVERIFY(right);
        QCOMPARE(right->kind, SymbolKind::Field);
        QCOMPARE(right->container, std::string("Pair"));

        const SymbolDecl* rows = findDecl(m_index, "rows");
        QVERIFY(rows);
        QCOMPARE(rows->file, m_helpers);
        QCOMPARE(rows->doc, std::string("Rows of the test matrix."));

        const SymbolDecl* mathMod = findDecl(m_index, "math");
        QVERIFY(mathMod);
        QCOMPARE(mathMod->kind, SymbolKind::Module);
        QCOMPARE(std::string(symbolKindName(mathMod->kind)), std::string("module"));
    }

    void resolvesByScope() {
        // `scaled` is declared twice; each use resolves to its own function's local.
        const uint32_t inAccumulate = offsetOf(kPe, "math.abs(scaled)");
        const SymbolDecl* first = m_index.resolve("scaled", m_pe, inAccumulate);
        QVERIFY(first);
        QCOMPARE(first->container, std::string("accumulate"));
        QCOMPARE(first->line, 17u);
        const uint32_t inTask = offsetOf(kPe, "accumulate(scaled)");
        const SymbolDecl* second = m_index.resolve("scaled", m_pe, inTask);
        QVERIFY(second);
        QCOMPARE(second->container, std::string("on_data"));
        QCOMPARE(second->line, 23u);
        // Outside both functions it is not visible.
        QVERIFY(!m_index.resolve("scaled", m_pe, offsetOf(kPe, "fn start")));

        const SymbolDecl* x = m_index.resolve("x", m_pe, inAccumulate);
        QVERIFY(x);
        QCOMPARE(x->kind, SymbolKind::Parameter);
        QCOMPARE(x->signature, std::string("x: f32"));

        // A top-level name of another project file.
        const SymbolDecl* rows = m_index.resolve("rows", m_pe, 0);
        QVERIFY(rows);
        QCOMPARE(rows->file, m_helpers);
        // Library declarations are reached only through their module.
        QVERIFY(!m_index.resolve("abs", m_pe, inAccumulate));
    }

    void resolvesModuleMembers() {
        const SymbolDecl* abs = m_index.resolveMember("math", "abs", m_pe);
        QVERIFY(abs);
        QCOMPARE(abs->file, std::string("<math>"));
        QCOMPARE(abs->kind, SymbolKind::Function);
        QVERIFY(abs->signature.starts_with("fn abs(x: anytype)"));

        const ModuleImport* sys = m_index.importOf("sys_mod", m_pe);
        QVERIFY(sys);
        QVERIFY(sys->library);
        QCOMPARE(sys->resolved, std::string("<memcpy/memcpy>"));
        // A built-in module has no CSL declarations to jump to.
        QVERIFY(!m_index.resolveMember("sys_mod", "unblock_cmd_stream", m_pe));
        QVERIFY(!m_index.resolveMember("nothing", "abs", m_pe));

        const ModuleImport* helpers = m_index.importOf("helpers", m_layout);
        QVERIFY(helpers);
        QCOMPARE(helpers->resolved, m_helpers);
        QVERIFY(m_index.resolveMember("helpers", "rows", m_layout));
    }

    void brokenAndMissingFiles() {
        SymbolIndex index;
        // A syntax error leaves the declarations before and after it.
        index.addText("broken.csl", "const a = 1;\nfn broken( {\n}\nvar b: u16 = 2;\n"
                                    "const c = @import_module(\"gone.csl\");\n");
        QVERIFY(findDecl(index, "a"));
        const ModuleImport* gone = index.importOf("c", "broken.csl");
        QVERIFY(gone);
        QCOMPARE(gone->spec, std::string("gone.csl"));

        SymbolIndex missing;
        missing.addFiles({m_dir.filePath(QStringLiteral("nope.csl")).toStdString()});
        QCOMPARE(missing.missing().size(), size_t(1));
        QVERIFY(missing.decls().empty());
    }

    void unsavedBuffersComeFromTheReader() {
        SymbolIndex index;
        index.addFiles({m_pe}, [&](const std::string& path) -> std::optional<std::string> {
            if (path == m_pe)
                return std::string("// Edited, not saved.\nfn fresh() void {}\n");
            return std::nullopt;
        });
        const SymbolDecl* fresh = findDecl(index, "fresh");
        QVERIFY(fresh);
        QCOMPARE(fresh->doc, std::string("Edited, not saved."));
        QVERIFY(!findDecl(index, "accumulate"));
    }

    void deepNestingDoesNotOverflow() {
        std::string text = "const x = ";
        for (int i = 0; i < 3000; ++i)
            text += "(";
        text += "1";
        for (int i = 0; i < 3000; ++i)
            text += ")";
        text += ";\n";
        SymbolIndex index;
        index.addText("deep.csl", text);
        QCOMPARE(index.files(), std::vector<std::string>{"deep.csl"});
    }

  private:
    void write(const QString& name, const char* text) {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(text);
    }

    QTemporaryDir m_dir;
    std::string m_layout, m_pe, m_helpers;
    SymbolIndex m_index;
};

QTEST_GUILESS_MAIN(TestSymbolIndex)
#include "tst_symbolindex.moc"
