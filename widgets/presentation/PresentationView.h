#pragma once

#include "widgets/fabric/FabricRenderer.h"
#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/fabric/FabricViewport.h"

#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include <vector>

namespace tessera {

// Wavelets that left `from` for its neighbour `to` on `color` during one beat (fabric
// coordinates).
struct PresentationHop {
    QPoint from;
    QPoint to;
    int color = 0;
    double wavelets = 0;
};

// What happened between two frames, as the presentation shows it: PEs that ran code
// light up, wavelets move along their routes, and a caption says it in words.
struct PresentationBeat {
    quint64 cycle = 0;
    std::vector<QPoint> activePes; // fabric coordinates
    std::vector<PresentationHop> hops;
    QString caption;
};

// The fabric large for an audience: the program rectangle fills the widget, each beat is
// animated over beatDuration() (dots travel from PE to PE, active PEs glow and fade), a
// caption line below says what happens. Keys: Space pause/resume, Right one step,
// +/- faster/slower, Esc leave; the owner reacts to the signals.
class PresentationView : public QWidget {
    Q_OBJECT
  public:
    explicit PresentationView(QWidget* parent = nullptr);

    void setSnapshot(FabricSnapshotPtr snapshot);
    const FabricSnapshotPtr& snapshot() const { return m_renderer.snapshot(); }
    void setBeat(const PresentationBeat& beat);
    const PresentationBeat& beat() const { return m_beat; }
    void setBeatDuration(int ms) { m_beatMs = ms; }
    int beatDuration() const { return m_beatMs; }
    // The second caption line: state and keys ("paused · Space resumes · …").
    void setStatus(const QString& status);
    QString status() const { return m_status; }
    // Animation progress of the current beat in [0, 1].
    double progress() const;

  signals:
    void pauseToggled();
    void stepRequested();
    void fasterRequested();
    void slowerRequested();
    void leaveRequested();

  protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    void fit();
    QRect fabricArea() const;

    FabricRenderer m_renderer;
    FabricViewport m_viewport;
    PresentationBeat m_beat;
    QString m_status;
    int m_beatMs = 900;
    QElapsedTimer m_clock;
    QTimer m_frameTimer;
};

} // namespace tessera
