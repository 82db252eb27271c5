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

// One memcpy as the form describes it. Data always travels as the logical host array in
// C order (for a box: (h, w, elements), PE by PE, as the table shows it); `colMajor` only
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
    // H2D only: the copy's shape (memcpy_h2d, _rowbcast, _colbcast, _stride) and, for
    // Strided, every rowStride-th row and colStride-th column of the ROI from its corner.
    // D2H copies are always boxes.
    hostdata::CopyShape shape = hostdata::CopyShape::Box;
    int rowStride = 1, colStride = 1;
    // H2D only: where the values come from (a path or the expression text).
    Source source = Source::Expression;
    QString sourceText;

    hostdata::CopyGeometry geometry() const {
        return {shape, w, h, elements, rowStride, colStride};
    }
    // The host array the copy reads or writes (hostdata::hostBlock: a box's (h, w, elements),
    // a row broadcast's (h, 1, elements), ...). Throws hostdata::Error naming a field that is
    // not positive; HostCopyForm::request() never returns such a request.
    hostdata::Block block() const { return hostdata::hostBlock(geometry()); }
    // The SdkRuntime call that runs it: "memcpy_h2d", "memcpy_h2d_rowbcast", ...,
    // "memcpy_d2h".
    QString call(bool toDevice) const;
    // "x (0, 0) 4×1 × 6 f32, ROW_MAJOR, 32-bit"; other shapes name theirs instead of the
    // order: "x (0, 0) 4×3 × 2 f32, strided (row 2, column 3), 32-bit".
    QString describe() const;
};

// The user's name of a copy shape: "box", "row broadcast", "column broadcast", "strided".
QString shapeName(hostdata::CopyShape shape);
// What host array a copy reads, for the form: "Host array (3, 1, 2): 6 values, one block
// of 2 per row of PEs of the ROI; every PE of a row receives its row's block." Throws
// hostdata::Error as block() does.
QString hostArrayText(const HostCopyRequest& request);
// The .npy shapes an H2D of `request` accepts: "(3, 1, 2), (3, 2) or (6)".
QString npyShapesText(const HostCopyRequest& request);

// Values read back by a D2H copy, in logical order (see HostCopyRequest).
struct HostBlock {
    HostCopyRequest request;
    std::vector<double> values;
};
using HostBlockPtr = std::shared_ptr<const HostBlock>;

// The values an H2D request sends, as memcpy words in the request's wire order: reads the
// .npy or CSV file or evaluates the expression, checks the size against the host array
// (block(): a .npy may have its shape, the shape without its 1-long axes — (h, w) with one
// element, (h, elements) for a row broadcast, (w, elements) for a column broadcast — or
// be flat), converts to the element type. Broadcast and strided copies are ROW_MAJOR on
// the wire whatever `colMajor` says: the client's calls for them take no order.
// Throws hostdata::Error naming the file (line, column, shape) or the expression's column.
// Any thread: the app calls it on its worker.
std::vector<uint32_t> h2dWords(const HostCopyRequest& request);
// The logical values of D2H words received in the request's wire order.
std::vector<double> d2hValues(const HostCopyRequest& request, const std::vector<uint32_t>& words);

} // namespace tessera

Q_DECLARE_METATYPE(tessera::HostBlockPtr)
