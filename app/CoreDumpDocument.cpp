#include "app/CoreDumpDocument.h"

#include "app/FabricSnapshotBuilder.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstring>

namespace tessera {

bool CoreDumpDocument::looksLikeCoreDump(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QByteArray magic = file.read(qint64(sim::kCoreMagic.size()));
    return magic.size() == qsizetype(sim::kCoreMagic.size()) &&
           std::memcmp(magic.constData(), sim::kCoreMagic.data(), sim::kCoreMagic.size()) == 0;
}

QString CoreDumpDocument::findArtifactDir(const QString& corePath, const QString& fallback) {
    const QDir dir = QFileInfo(corePath).absoluteDir();
    const QString program = QStringLiteral("bin/out_program.pb");
    if (QFileInfo::exists(dir.filePath(program)))
        return dir.absolutePath();
    QDir parent = dir;
    if (parent.cdUp() && QFileInfo::exists(parent.filePath(program)))
        return parent.absolutePath();
    // <code>/corefile next to <code>/out: the usual output folder name.
    if (QFileInfo::exists(dir.filePath(QStringLiteral("out/") + program)))
        return dir.filePath(QStringLiteral("out"));
    return fallback;
}

DumpPtr CoreDumpDocument::open(const QString& corePath, const QString& artifactDir,
                               const QString& fallbackArtifactDir, QString* error) {
    const QString artifact =
        artifactDir.isEmpty() ? findArtifactDir(corePath, fallbackArtifactDir) : artifactDir;
    if (artifact.isEmpty()) {
        *error = QObject::tr("%1: no compiled program found next to the dump; build the "
                             "project that produced it first")
                     .arg(QDir::toNativeSeparators(corePath));
        return {};
    }
    try {
        return std::make_shared<debug::DebugUtil>(artifact.toStdString(), corePath.toStdString());
    } catch (const std::exception& e) {
        *error = QString::fromUtf8(e.what());
        return {};
    }
}

FabricSnapshot CoreDumpDocument::snapshotOf(const debug::DebugUtil& dump) {
    FabricSnapshot s = snapshotFromProgram(dump.program());
    const sim::CoreHeader& h = dump.header();
    const size_t n = size_t(h.width) * h.height;
    FabricHeatMap instructions{FabricHeatMetric::Instructions, std::vector<float>(n)};
    FabricHeatMap wavelets{FabricHeatMetric::Wavelets, std::vector<float>(n)};
    FabricHeatMap stalls{FabricHeatMetric::Stalls, std::vector<float>(n)};
    for (uint32_t y = 0; y < h.height; ++y)
        for (uint32_t x = 0; x < h.width; ++x) {
            const sim::CorePeRecord r = dump.core().pe(x, y);
            const size_t i = size_t(y) * h.width + x;
            instructions.values[i] = float(r.instructions);
            wavelets.values[i] = float(r.wavelets);
            stalls.values[i] = float(r.stallCycles);
        }
    s.heatMaps = {std::move(instructions), std::move(wavelets), std::move(stalls)};
    return s;
}

} // namespace tessera
