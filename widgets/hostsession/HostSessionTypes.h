// Plain values the host session panel and the app exchange: what the loaded program
// exports (from out_rpc.json), a memcpy request as the form describes it, and a block of
// values read back. No gRPC, no sim/ headers.
#pragma once

#include "backend/hostdata/hostarray.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QVariant>

#include <memory>
#include <vector>

namespace tessera {

struct HostArgument {
    QString name; // "arg0" as out_rpc.json names it
    QString type; // "f32", "u16", "bool", ...
};

struct HostSymbolInfo {
    quint32 id = 0;
    QString name;
    bool function = false;
    QString type;          // Var: "[*]f32"; Func: the return type
    bool writable = false; // Var exported mutable: H2D may write it
    QList<HostArgument> inputs;
};

struct HostProgramInfo {
    QString artifactDir;
    int width = 0, height = 0; // the program rectangle: ROIs lie inside it
    QList<HostSymbolInfo> symbols;
    QList<int> h2dColors, d2hColors; // streaming colors (MEMCPYH2D_*, MEMCPYD2H_*)
};

// One memcpy as the form describes it. Data always travels as the logical
// (h, w, elements) array in C order (PE by PE, as the table shows it); `colMajor` only
// chooses the wire order memcpy uses, and the app converts.
struct HostCopyRequest {
    enum class Source { NpyFile, CsvFile, Expression };
    QString symbol; // empty when streaming
    bool streaming = false;
    int color = -1; // streaming only
    int x = 0, y = 0, w = 1, h = 1, elements = 1;
    hostdata::ElementType type = hostdata::ElementType::F32;
    bool bits16 = false;
    bool colMajor = false;
    // H2D only: where the values come from (a path or the expression text).
    Source source = Source::Expression;
    QString sourceText;

    hostdata::Block block() const { return {w, h, elements}; }
    // "x (0, 0) 4×1 × 6 f32, ROW_MAJOR, 32-bit"
    QString describe() const;
};

// Values read back by a D2H copy, in logical order (see HostCopyRequest).
struct HostBlock {
    HostCopyRequest request;
    std::vector<double> values;
};
using HostBlockPtr = std::shared_ptr<const HostBlock>;

// The values an H2D request sends, as memcpy words in the request's wire order: reads the
// .npy or CSV file or evaluates the expression, checks the size against the ROI (a .npy
// may be (h, w, elements), (h, w) with one element, or flat), converts to the element type.
// Throws hostdata::Error naming the file (line, column, shape) or the expression's column.
// Any thread: the app calls it on its worker.
std::vector<uint32_t> h2dWords(const HostCopyRequest& request);
// The logical values of D2H words received in the request's wire order.
std::vector<double> d2hValues(const HostCopyRequest& request, const std::vector<uint32_t>& words);

} // namespace tessera

Q_DECLARE_METATYPE(tessera::HostBlockPtr)
