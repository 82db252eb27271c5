#pragma once

#include <QString>
#include <QtGlobal>

#include <optional>
#include <vector>

namespace tessera {

// Per-PE counters of one Debug frame (cumulative since the session started).
struct RecordedActivity {
    quint64 instructions = 0, wavelets = 0, stallCycles = 0, taskActivations = 0;
    bool operator==(const RecordedActivity&) const = default;
};

// One Debug frame of a run: its cycle and the counters of every rectangle PE (row-major).
struct RecordedFrame {
    quint64 cycle = 0;
    int width = 0, height = 0;
    std::vector<RecordedActivity> pes;
    bool operator==(const RecordedFrame&) const = default;
};

// A recorded run: the frames a session showed, in cycle order, kept in memory and saved to
// a file (a small binary format with a magic, a version and the program's name). Frames
// are cumulative counters, so any interval's activity is the difference of two frames.
class RunRecording {
  public:
    static constexpr quint32 kFileVersion = 1;

    QString programName; // what the run was of (the artifact directory)

    // Appends a frame. A frame at the cycle of the last one replaces it (pause after step);
    // a frame of an earlier cycle (a new session) or another size starts a new recording.
    void append(RecordedFrame frame);
    void clear() { m_frames.clear(); }
    bool isEmpty() const { return m_frames.empty(); }
    int size() const { return int(m_frames.size()); }
    const RecordedFrame& frame(int index) const { return m_frames[size_t(index)]; }
    const std::vector<RecordedFrame>& frames() const { return m_frames; }
    // The last frame at or before `cycle` (0 when cycle precedes every frame); -1 if empty.
    int indexAtCycle(quint64 cycle) const;
    // Activity of the interval ending at frame `index`: instructions plus wavelets of every
    // PE since the previous frame, per cycle (frame 0: since cycle 0).
    double activity(int index) const;

    // Saves with QSaveFile; false and `error` (naming the file) on failure.
    bool save(const QString& path, QString* error) const;
    // Loads a file written by save(); std::nullopt and `error` naming the file and what is
    // wrong (not a recording, a newer version, truncated, inconsistent sizes).
    static std::optional<RunRecording> load(const QString& path, QString* error);

  private:
    std::vector<RecordedFrame> m_frames;
};

} // namespace tessera
