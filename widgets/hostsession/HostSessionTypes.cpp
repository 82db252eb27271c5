#include "widgets/hostsession/HostSessionTypes.h"

#include "backend/hostdata/csv.h"
#include "backend/hostdata/hostexpr.h"
#include "backend/hostdata/npy.h"

#include <QCoreApplication>

namespace tessera {

QString HostCopyRequest::describe() const {
    const QString target =
        streaming ? QCoreApplication::translate("tessera::HostSession", "color %1").arg(color)
                  : symbol;
    return QCoreApplication::translate("tessera::HostSession",
                                       "%1 (%2, %3) %4×%5 × %6 %7, %8, %9-bit")
        .arg(target)
        .arg(x)
        .arg(y)
        .arg(w)
        .arg(h)
        .arg(elements)
        .arg(QString::fromLatin1(hostdata::typeName(type).data()))
        .arg(colMajor ? QStringLiteral("COL_MAJOR") : QStringLiteral("ROW_MAJOR"))
        .arg(bits16 ? 16 : 32);
}

namespace {

std::string expectedShapes(const HostCopyRequest& r) {
    std::string text = hostdata::shapeText({size_t(r.h), size_t(r.w), size_t(r.elements)});
    if (r.elements == 1)
        text += " or " + hostdata::shapeText({size_t(r.h), size_t(r.w)});
    return text + " or " + hostdata::shapeText({r.block().size()});
}

std::vector<double> logicalValues(const HostCopyRequest& r) {
    const size_t expected = r.block().size();
    const std::string what = r.sourceText.toStdString();
    switch (r.source) {
    case HostCopyRequest::Source::NpyFile: {
        hostdata::NpyArray a = hostdata::readNpy(what);
        const std::vector<size_t>& s = a.shape;
        const bool fits =
            (s.size() == 1 && s[0] == expected) ||
            (s.size() == 3 && s[0] == size_t(r.h) && s[1] == size_t(r.w) &&
             s[2] == size_t(r.elements)) ||
            (s.size() == 2 && r.elements == 1 && s[0] == size_t(r.h) && s[1] == size_t(r.w));
        if (!fits)
            throw hostdata::Error(what + ": shape " + hostdata::shapeText(s) +
                                  " does not match the ROI: expected " + expectedShapes(r));
        return std::move(a.values);
    }
    case HostCopyRequest::Source::CsvFile: {
        hostdata::CsvNumbers n = hostdata::readCsv(what);
        if (n.values.size() != expected)
            throw hostdata::Error(what + ": holds " + std::to_string(n.values.size()) +
                                  " numbers in " + std::to_string(n.rows) +
                                  " lines, the ROI needs " + std::to_string(expected) +
                                  " (h × w × elements = " + std::to_string(r.h) + " × " +
                                  std::to_string(r.w) + " × " + std::to_string(r.elements) + ")");
        return std::move(n.values);
    }
    case HostCopyRequest::Source::Expression: {
        std::vector<double> v = hostdata::evaluateExpression(what);
        if (v.size() != expected)
            throw hostdata::Error("the expression gives " + std::to_string(v.size()) +
                                  " values, the ROI needs " + std::to_string(expected) +
                                  " (h × w × elements = " + std::to_string(r.h) + " × " +
                                  std::to_string(r.w) + " × " + std::to_string(r.elements) + ")");
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
    if (request.colMajor)
        words = hostdata::toWords(hostdata::logicalToColMajor(values, request.block()),
                                  request.type, what);
    return words;
}

std::vector<double> d2hValues(const HostCopyRequest& request, const std::vector<uint32_t>& words) {
    std::vector<double> values = hostdata::fromWords(words, request.type);
    return request.colMajor ? hostdata::colMajorToLogical(values, request.block()) : values;
}

} // namespace tessera
