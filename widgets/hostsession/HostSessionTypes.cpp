#include "widgets/hostsession/HostSessionTypes.h"

#include "backend/hostdata/csv.h"
#include "backend/hostdata/hostexpr.h"
#include "backend/hostdata/npy.h"

#include <QCoreApplication>
#include <QStringList>

#include <algorithm>

namespace tessera {

QString shapeName(hostdata::CopyShape shape) {
    switch (shape) {
    case hostdata::CopyShape::Box:
        return QCoreApplication::translate("tessera::HostSession", "box");
    case hostdata::CopyShape::RowBroadcast:
        return QCoreApplication::translate("tessera::HostSession", "row broadcast");
    case hostdata::CopyShape::ColBroadcast:
        return QCoreApplication::translate("tessera::HostSession", "column broadcast");
    case hostdata::CopyShape::Strided:
        return QCoreApplication::translate("tessera::HostSession", "strided");
    }
    return {};
}

QString HostCopyRequest::call(bool toDevice) const {
    if (!toDevice)
        return QStringLiteral("memcpy_d2h");
    switch (shape) {
    case hostdata::CopyShape::Box:
        break;
    case hostdata::CopyShape::RowBroadcast:
        return QStringLiteral("memcpy_h2d_rowbcast");
    case hostdata::CopyShape::ColBroadcast:
        return QStringLiteral("memcpy_h2d_colbcast");
    case hostdata::CopyShape::Strided:
        return QStringLiteral("memcpy_h2d_stride");
    }
    return QStringLiteral("memcpy_h2d");
}

QString HostCopyRequest::describe() const {
    const QString target =
        streaming ? QCoreApplication::translate("tessera::HostSession", "color %1").arg(color)
                  : symbol;
    QString layout = colMajor ? QStringLiteral("COL_MAJOR") : QStringLiteral("ROW_MAJOR");
    if (shape == hostdata::CopyShape::Strided)
        layout = QCoreApplication::translate("tessera::HostSession", "strided (row %1, column %2)")
                     .arg(rowStride)
                     .arg(colStride);
    else if (shape != hostdata::CopyShape::Box)
        layout = shapeName(shape);
    return QCoreApplication::translate("tessera::HostSession",
                                       "%1 (%2, %3) %4×%5 × %6 %7, %8, %9-bit")
        .arg(target)
        .arg(x)
        .arg(y)
        .arg(w)
        .arg(h)
        .arg(elements)
        .arg(QString::fromLatin1(hostdata::typeName(type).data()))
        .arg(layout)
        .arg(bits16 ? 16 : 32);
}

namespace {

// The ROI rows (or columns) a strided copy reaches: "0, 2, 4" or "0, 2, 4, …, 98".
QString strideIndices(int count, int stride) {
    QStringList shown;
    for (int i = 0; i < std::min(count, 3); ++i)
        shown << QString::number(i * stride);
    if (count > 4)
        shown << QStringLiteral("…");
    if (count > 3)
        shown << QString::number((count - 1) * stride);
    return shown.join(QStringLiteral(", "));
}

} // namespace

QString hostArrayText(const HostCopyRequest& r) {
    const hostdata::Block b = r.block();
    // Placeholders in order: arg() fills the lowest first.
    const QString array = b.size() == 1
                              ? QCoreApplication::translate("tessera::HostSession",
                                                            "Host array (%1, %2, %3): 1 value")
                                    .arg(b.h)
                                    .arg(b.w)
                                    .arg(b.elements)
                              : QCoreApplication::translate("tessera::HostSession",
                                                            "Host array (%1, %2, %3): %4 values")
                                    .arg(b.h)
                                    .arg(b.w)
                                    .arg(b.elements)
                                    .arg(b.size());
    QString what;
    switch (r.shape) {
    case hostdata::CopyShape::Box:
        what = QCoreApplication::translate("tessera::HostSession",
                                           "one block of %1 per PE of the ROI, row by row.")
                   .arg(r.elements);
        break;
    case hostdata::CopyShape::RowBroadcast:
        what = QCoreApplication::translate(
                   "tessera::HostSession",
                   "one block of %1 per row of PEs of the ROI; every PE of a row "
                   "receives its row's block.")
                   .arg(r.elements);
        break;
    case hostdata::CopyShape::ColBroadcast:
        what = QCoreApplication::translate(
                   "tessera::HostSession",
                   "one block of %1 per column of PEs of the ROI; every PE of a column "
                   "receives its column's block.")
                   .arg(r.elements);
        break;
    case hostdata::CopyShape::Strided:
        what = QCoreApplication::translate(
                   "tessera::HostSession",
                   "one block of %1 per PE in rows %2 and columns %3 of the ROI (%4 × %5 PEs); "
                   "the other PEs keep their values.")
                   .arg(r.elements)
                   .arg(strideIndices(b.h, r.rowStride), strideIndices(b.w, r.colStride))
                   .arg(b.h)
                   .arg(b.w);
        break;
    }
    return QStringLiteral("%1, %2").arg(array, what);
}

namespace {

// The .npy shapes that fit the host array (h, w, elements): itself, (h, w) when there is
// one element, itself without its 1-long axes ((h, elements) for a row broadcast), flat.
std::vector<std::vector<size_t>> acceptedShapes(const HostCopyRequest& r) {
    const hostdata::Block b = r.block();
    const std::vector<size_t> full{size_t(b.h), size_t(b.w), size_t(b.elements)};
    std::vector<std::vector<size_t>> shapes{full};
    auto add = [&shapes](std::vector<size_t> shape) {
        if (!shape.empty() && std::find(shapes.begin(), shapes.end(), shape) == shapes.end())
            shapes.push_back(std::move(shape));
    };
    if (b.elements == 1)
        add({size_t(b.h), size_t(b.w)});
    std::vector<size_t> squeezed;
    for (size_t n : full)
        if (n != 1)
            squeezed.push_back(n);
    add(squeezed);
    add({b.size()});
    return shapes;
}

std::string expectedShapes(const HostCopyRequest& r) {
    std::string text;
    for (const std::vector<size_t>& shape : acceptedShapes(r))
        text += (text.empty() ? "" : " or ") + hostdata::shapeText(shape);
    return text;
}

// What the copy needs the values for: "the ROI needs 24 (h × w × elements = 1 × 4 × 6)"
// or "memcpy_h2d_rowbcast needs 6 (its host array (3, 1, 2))".
std::string needsText(const HostCopyRequest& r) {
    const std::string count = std::to_string(r.block().size());
    if (r.shape == hostdata::CopyShape::Box)
        return "the ROI needs " + count + " (h × w × elements = " + std::to_string(r.h) + " × " +
               std::to_string(r.w) + " × " + std::to_string(r.elements) + ")";
    const hostdata::Block b = r.block();
    return r.call(true).toStdString() + " needs " + count + " (its host array " +
           hostdata::shapeText({size_t(b.h), size_t(b.w), size_t(b.elements)}) + ")";
}

} // namespace

QString npyShapesText(const HostCopyRequest& r) {
    QStringList shapes;
    for (const std::vector<size_t>& shape : acceptedShapes(r))
        shapes << QString::fromStdString(hostdata::shapeText(shape));
    const QString last = shapes.takeLast();
    return shapes.isEmpty() ? last
                            : QCoreApplication::translate("tessera::HostSession", "%1 or %2")
                                  .arg(shapes.join(QStringLiteral(", ")), last);
}

namespace {

std::vector<double> logicalValues(const HostCopyRequest& r) {
    const size_t expected = r.block().size();
    const std::string what = r.sourceText.toStdString();
    switch (r.source) {
    case HostCopyRequest::Source::NpyFile: {
        hostdata::NpyArray a = hostdata::readNpy(what);
        const std::vector<std::vector<size_t>> shapes = acceptedShapes(r);
        if (std::find(shapes.begin(), shapes.end(), a.shape) == shapes.end())
            throw hostdata::Error(
                what + ": shape " + hostdata::shapeText(a.shape) + " does not match the " +
                (r.shape == hostdata::CopyShape::Box ? std::string("ROI")
                                                     : r.call(true).toStdString() + " host array") +
                ": expected " + expectedShapes(r));
        return std::move(a.values);
    }
    case HostCopyRequest::Source::CsvFile: {
        hostdata::CsvNumbers n = hostdata::readCsv(what);
        if (n.values.size() != expected)
            throw hostdata::Error(what + ": holds " + std::to_string(n.values.size()) +
                                  " numbers in " + std::to_string(n.rows) + " lines, " +
                                  needsText(r));
        return std::move(n.values);
    }
    case HostCopyRequest::Source::Expression: {
        std::vector<double> v = hostdata::evaluateExpression(what);
        if (v.size() != expected)
            throw hostdata::Error("the expression gives " + std::to_string(v.size()) + " values, " +
                                  needsText(r));
        return v;
    }
    }
    return {};
}

} // namespace

std::vector<uint32_t> h2dWords(const HostCopyRequest& request) {
    const std::vector<double> values = logicalValues(request);
    const std::string what = request.source == HostCopyRequest::Source::Expression
                                 ? std::string("the expression")
                                 : request.sourceText.toStdString();
    // Converted in logical order first, so an error names the index the user sees.
    std::vector<uint32_t> words = hostdata::toWords(values, request.type, what);
    // The broadcast and strided calls take no order and send ROW_MAJOR, the logical order.
    if (request.colMajor && request.shape == hostdata::CopyShape::Box)
        words = hostdata::toWords(hostdata::logicalToColMajor(values, request.block()),
                                  request.type, what);
    return words;
}

std::vector<double> d2hValues(const HostCopyRequest& request, const std::vector<uint32_t>& words) {
    std::vector<double> values = hostdata::fromWords(words, request.type);
    return request.colMajor ? hostdata::colMajorToLogical(values, request.block()) : values;
}

} // namespace tessera
