#pragma once

#include "widgets/analysis/RunRecording.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QTimer;
class QToolButton;

namespace tessera {

// A strip of the recording's activity over time (one column per frame, resampled to the
// width, coloured by the heat ramp) with the replay position marked. Clicking or dragging
// scrubs.
class ActivityHeatBar : public QWidget {
    Q_OBJECT
  public:
    explicit ActivityHeatBar(QWidget* parent = nullptr);

    void setRecording(const RunRecording* recording); // not owned; call again when it grows
    void setPosition(int index);                      // -1 = none marked
    int position() const { return m_position; }
    // The frame under a widget x coordinate (-1 without frames).
    int frameAt(int x) const;

    QSize sizeHint() const override { return {400, 28}; }
    QSize minimumSizeHint() const override { return {80, 18}; }

  signals:
    void scrubbed(int index);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

  private:
    const RunRecording* m_recording = nullptr;
    std::vector<double> m_activity;
    double m_peak = 0.0;
    int m_position = -1;
};

// Transport controls for replaying a recorded run: step back, play/pause, step, speed, a
// heat bar to scrub along, and "Live" to follow the running session again. Frames arrive
// with appendFrame while a session runs; the controls own the recording (save and load
// it with saveTo/loadFrom or the buttons). The position is a frame index; -1 = live.
class ReplayControls : public QWidget {
    Q_OBJECT
  public:
    static constexpr int kBaseIntervalMs = 200; // one frame per interval at 1x

    explicit ReplayControls(QWidget* parent = nullptr);

    const RunRecording& recording() const { return m_recording; }
    void appendFrame(RecordedFrame frame);
    // Names the program the recorded frames are of (saved with the recording).
    void setProgramName(const QString& name) { m_recording.programName = name; }
    void setRecording(RunRecording recording);
    bool saveTo(const QString& path, QString* error) const;
    bool loadFrom(const QString& path, QString* error);

    int position() const { return m_position; }
    bool isLive() const { return m_position < 0; }
    bool isPlaying() const;
    double speed() const;

    void setPosition(int index); // clamps; enters replay
    void stepForward();
    void stepBack();
    void play();
    void pause();
    void goLive();
    void setSpeedIndex(int index); // into speedFactors()
    static const std::vector<double>& speedFactors();

    ActivityHeatBar* heatBar() const { return m_bar; }
    QToolButton* playButton() const { return m_play; }

  signals:
    // The replay shows frame `index` (also emitted when play advances).
    void positionChanged(int index);
    // Back to live: show the session's frames again.
    void liveRequested();
    void message(const QString& text);

  private:
    void tick();
    void updateWidgets();
    void saveClicked();
    void loadClicked();

    RunRecording m_recording;
    int m_position = -1;
    QTimer* m_timer;
    QToolButton* m_back;
    QToolButton* m_play;
    QToolButton* m_forward;
    QToolButton* m_live;
    QComboBox* m_speed;
    ActivityHeatBar* m_bar;
    QLabel* m_label;
};

} // namespace tessera
