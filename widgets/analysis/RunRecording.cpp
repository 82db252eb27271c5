#include "widgets/analysis/RunRecording.h"

#include <QCoreApplication>
#include <QDataStream>
#include <QFile>
#include <QSaveFile>

#include <algorithm>

namespace tessera {

namespace {
constexpr char kMagic[8] = {'T', 'S', 'R', 'E', 'C', 'O', 'R', 'D'};
// A frame larger than a full wafer (750 x 994 PEs) is a corrupt file, not a recording.
constexpr qint64 kMaxPes = 750LL * 994LL;

QString tr(const char* text) {
    return QCoreApplication::translate("tessera::RunRecording", text);
}
} // namespace

void RunRecording::append(RecordedFrame frame) {
    if (!m_frames.empty()) {
        const RecordedFrame& last = m_frames.back();
        if (frame.cycle < last.cycle || frame.width != last.width || frame.height != last.height)
            m_frames.clear();
        else if (frame.cycle == last.cycle)
            m_frames.pop_back();
    }
    m_frames.push_back(std::move(frame));
}

int RunRecording::indexAtCycle(quint64 cycle) const {
    if (m_frames.empty())
        return -1;
    const auto after =
        std::upper_bound(m_frames.begin(), m_frames.end(), cycle,
                         [](quint64 c, const RecordedFrame& f) { return c < f.cycle; });
    return after == m_frames.begin() ? 0 : int(after - m_frames.begin()) - 1;
}

double RunRecording::activity(int index) const {
    if (index < 0 || index >= size())
        return 0.0;
    const RecordedFrame& f = m_frames[size_t(index)];
    const RecordedFrame* prev = index > 0 ? &m_frames[size_t(index) - 1] : nullptr;
    quint64 total = 0;
    for (size_t i = 0; i < f.pes.size(); ++i) {
        const RecordedActivity& a = f.pes[i];
        total += a.instructions + a.wavelets;
        if (prev && i < prev->pes.size())
            total -= std::min(total, prev->pes[i].instructions + prev->pes[i].wavelets);
    }
    const quint64 cycles = f.cycle - (prev ? prev->cycle : 0);
    return cycles ? double(total) / double(cycles) : 0.0;
}

bool RunRecording::save(const QString& path, QString* error) const {
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QDataStream out(&file);
    out.setVersion(QDataStream::Qt_6_4);
    out.writeRawData(kMagic, sizeof kMagic);
    out << kFileVersion << programName << quint64(m_frames.size());
    for (const RecordedFrame& f : m_frames) {
        out << f.cycle << qint32(f.width) << qint32(f.height);
        for (const RecordedActivity& a : f.pes)
            out << a.instructions << a.wavelets << a.stallCycles << a.taskActivations;
    }
    if (out.status() != QDataStream::Ok || !file.commit()) {
        *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

std::optional<RunRecording> RunRecording::load(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = tr("Cannot open %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QDataStream in(&file);
    in.setVersion(QDataStream::Qt_6_4);
    char magic[sizeof kMagic] = {};
    if (in.readRawData(magic, sizeof magic) != int(sizeof magic) ||
        !std::equal(magic, magic + sizeof magic, kMagic)) {
        *error = tr("%1 is not a Tessera run recording").arg(path);
        return std::nullopt;
    }
    quint32 version = 0;
    quint64 count = 0;
    RunRecording recording;
    in >> version;
    if (version != kFileVersion) {
        *error = tr("%1: recording version %2 is not supported (this IDE reads version %3)")
                     .arg(path)
                     .arg(version)
                     .arg(kFileVersion);
        return std::nullopt;
    }
    in >> recording.programName >> count;
    // Each frame takes at least 16 bytes: a count beyond the file's size is corrupt.
    if (in.status() != QDataStream::Ok || count > quint64(file.size()) / 16) {
        *error = tr("%1: the recording is truncated or corrupt").arg(path);
        return std::nullopt;
    }
    quint64 lastCycle = 0;
    for (quint64 i = 0; i < count; ++i) {
        RecordedFrame f;
        qint32 width = 0, height = 0;
        in >> f.cycle >> width >> height;
        if (in.status() != QDataStream::Ok || width < 0 || height < 0 ||
            qint64(width) * height > kMaxPes || (i > 0 && f.cycle < lastCycle)) {
            *error = tr("%1: frame %2 is corrupt (size %3 x %4, cycle %5)")
                         .arg(path)
                         .arg(i)
                         .arg(width)
                         .arg(height)
                         .arg(f.cycle);
            return std::nullopt;
        }
        f.width = width;
        f.height = height;
        f.pes.resize(size_t(width) * size_t(height));
        for (RecordedActivity& a : f.pes)
            in >> a.instructions >> a.wavelets >> a.stallCycles >> a.taskActivations;
        if (in.status() != QDataStream::Ok) {
            *error = tr("%1: the recording is truncated in frame %2").arg(path).arg(i);
            return std::nullopt;
        }
        lastCycle = f.cycle;
        recording.m_frames.push_back(std::move(f));
    }
    return recording;
}

} // namespace tessera
