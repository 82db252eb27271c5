// Damages one PE's section of a core dump on disk, the way a bad disk or a cut copy
// would (layout: docs/coredump.md), for the tests of the views that must survive it.
#pragma once

#include "sim/coredump.h"

#include <QFile>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <stdexcept>

namespace corruptdump {

namespace detail {
inline void overwrite(const QString& path, uint64_t offset, const void* bytes, qint64 size) {
    QFile file(path);
    if (!file.open(QIODevice::ReadWrite) || !file.seek(qint64(offset)) ||
        file.write(static_cast<const char*>(bytes), size) != size)
        throw std::runtime_error("cannot patch " + path.toStdString());
}
} // namespace detail

// Copies `from` to `to` and makes the first chunk of PE (x,y) (rectangle coordinates)
// claim more bytes than the PE's chunk list holds: CoreDumpReader::details throws.
inline void corruptChunks(const QString& from, const QString& to, uint32_t x, uint32_t y) {
    QFile::remove(to);
    if (!QFile::copy(from, to))
        throw std::runtime_error("cannot copy " + from.toStdString());
    uint64_t chunkOffset = 0;
    {
        const sim::CoreDumpReader reader(to.toStdString());
        const sim::CorePeRecord rec = reader.pe(x, y);
        if (rec.extBytes == 0)
            throw std::runtime_error("the PE has no chunks to corrupt");
        chunkOffset = rec.extOffset;
    }
    const uint32_t huge = 0xfffffff0u;
    detail::overwrite(to, chunkOffset + offsetof(sim::CoreChunkHeader, bytes), &huge, sizeof huge);
}

// Copies `from` to `to` and points PE (x,y)'s stored SRAM pages past the end of the file:
// CoreDumpReader::readSram throws for that PE.
inline void corruptSram(const QString& from, const QString& to, uint32_t x, uint32_t y) {
    QFile::remove(to);
    if (!QFile::copy(from, to))
        throw std::runtime_error("cannot copy " + from.toStdString());
    uint64_t recordOffset = 0;
    {
        const sim::CoreDumpReader reader(to.toStdString());
        const sim::CoreHeader& h = reader.header();
        if (reader.pe(x, y).sramPageMask == 0)
            throw std::runtime_error("the PE stores no SRAM pages to corrupt");
        recordOffset = h.peTableOffset + (uint64_t(y) * h.width + x) * h.peRecordBytes;
    }
    const uint64_t pastTheEnd = uint64_t(QFile(to).size());
    detail::overwrite(to, recordOffset + offsetof(sim::CorePeRecord, sramOffset), &pastTheEnd,
                      sizeof pastTheEnd);
}

} // namespace corruptdump
