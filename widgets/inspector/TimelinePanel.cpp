#include "widgets/inspector/TimelinePanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QScrollArea>
#include <QToolButton>
#include <QVBoxLayout>

namespace tessera {

TimelinePanel::TimelinePanel(QWidget* parent)
    : QWidget(parent), m_view(new TimelineView(this)), m_trace(new QToolButton(this)),
      m_status(new QLabel(this)) {
    setObjectName(QStringLiteral("timelinePanel"));
    m_trace->setObjectName(QStringLiteral("timelineTrace"));
    m_trace->setText(tr("Trace"));
    m_trace->setCheckable(true);
    m_trace->setToolTip(tr("Trace the run: record every instruction, wavelet and stall of the "
                           "session's program up to the cycle it is at"));
    auto* fit = new QToolButton(this);
    fit->setObjectName(QStringLiteral("timelineFit"));
    fit->setText(tr("Fit"));
    fit->setToolTip(tr("Show the whole traced run (Home)"));
    m_status->setObjectName(QStringLiteral("timelineStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_trace);
    bar->addWidget(fit);
    bar->addWidget(m_status, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addLayout(bar);
    // Many lanes scroll vertically (the wheel over the view zooms; the scroll bar scrolls).
    auto* scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("timelineScroll"));
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(m_view);
    layout->addWidget(scroll, 1);
    connect(m_trace, &QToolButton::toggled, this, [this](bool on) {
        updateStatus();
        emit tracingToggled(on);
    });
    connect(fit, &QToolButton::clicked, m_view, &TimelineView::fit);
    connect(m_view, &TimelineView::windowLoaded, this, &TimelinePanel::updateStatus);
    updateStatus();
}

bool TimelinePanel::isTracingOn() const {
    return m_trace->isChecked();
}

void TimelinePanel::setTracingOn(bool on) {
    m_trace->setChecked(on);
}

void TimelinePanel::setTrace(std::shared_ptr<const sim::TraceLog> trace,
                             const QString& description) {
    m_description = trace ? description : QString();
    m_view->setTrace(std::move(trace));
    m_status->clear();
    updateStatus();
}

void TimelinePanel::setStatus(const QString& text) {
    m_status->setText(text);
}

QString TimelinePanel::statusText() const {
    return m_status->text();
}

void TimelinePanel::updateStatus() {
    const auto& trace = m_view->trace();
    if (!trace) {
        m_status->setText(isTracingOn() ? tr("Tracing is on: the trace comes at the next pause.")
                                        : tr("Tracing is off."));
        return;
    }
    const QLocale locale;
    QString text = tr("%1 · %2 trace lines (%3)")
                       .arg(m_description, locale.toString(qulonglong(trace->lineCount())),
                            locale.formattedDataSize(qint64(trace->fileBytes())));
    const sim::TraceWindow& w = m_view->loadedWindow();
    if (w.sampled)
        text += tr(" · sampled: %1 of %2 blocks read, zoom in for every event")
                    .arg(w.blocksRead)
                    .arg(w.blocksInWindow);
    m_status->setText(text);
}

} // namespace tessera
