#pragma once

#include "widgets/inspector/TimelineView.h"

#include <QWidget>

class QLabel;
class QToolButton;

namespace tessera {

// The PE inspector's Timeline tab: a Trace switch (tracing on: the app traces the run and
// hands the log over with setTrace), a line saying what is shown, Fit, and the view.
class TimelinePanel : public QWidget {
    Q_OBJECT
  public:
    explicit TimelinePanel(QWidget* parent = nullptr);

    TimelineView* view() const { return m_view; }
    QToolButton* traceButton() const { return m_trace; }
    bool isTracingOn() const;
    void setTracingOn(bool on);
    // The traced run and what it is ("multicast-routes, main, cycles 0–1523"), or none.
    void setTrace(std::shared_ptr<const sim::TraceLog> trace, const QString& description);
    // Tracing in progress, or why it failed (shown in the status line).
    void setStatus(const QString& text);
    QString statusText() const;

  signals:
    void tracingToggled(bool on);

  private:
    void updateStatus();

    TimelineView* m_view;
    QToolButton* m_trace;
    QLabel* m_status;
    QString m_description;
};

} // namespace tessera
