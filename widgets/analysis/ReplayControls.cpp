#include "widgets/analysis/ReplayControls.h"

#include "widgets/fabric/FabricPalette.h"

#include <QComboBox>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainter>
#include <QStyle>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace tessera {

ActivityHeatBar::ActivityHeatBar(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("activityHeatBar"));
    setToolTip(tr("Activity over time (instructions and wavelets per cycle); click or drag "
                  "to replay from there"));
    setCursor(Qt::PointingHandCursor);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

void ActivityHeatBar::setRecording(const RunRecording* recording) {
    m_recording = recording;
    m_activity.clear();
    m_peak = 0.0;
    if (recording)
        for (int i = 0; i < recording->size(); ++i) {
            m_activity.push_back(recording->activity(i));
            m_peak = std::max(m_peak, m_activity.back());
        }
    update();
}

void ActivityHeatBar::setPosition(int index) {
    if (index == m_position)
        return;
    m_position = index;
    update();
}

int ActivityHeatBar::frameAt(int x) const {
    const int frames = int(m_activity.size());
    if (frames == 0 || width() <= 0)
        return -1;
    return std::clamp(int(double(x) * frames / width()), 0, frames - 1);
}

void ActivityHeatBar::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), QColor(fabric_palette::Background));
    const int frames = int(m_activity.size());
    if (frames == 0) {
        // Light ink: the palette's placeholder grey is unreadable on the dark strip.
        painter.setPen(QColor(0xc8, 0xcc, 0xd4));
        painter.drawText(rect(), Qt::AlignCenter, tr("No recording yet"));
        return;
    }
    // One column per pixel: the busiest frame that falls on it.
    for (int x = 0; x < width(); ++x) {
        const int first = frameAt(x);
        const int last = std::max(first, frameAt(x + 1) - 1);
        double value = 0.0;
        for (int i = first; i <= last && i < frames; ++i)
            value = std::max(value, m_activity[size_t(i)]);
        const double t = m_peak > 0.0 ? value / m_peak : 0.0;
        painter.fillRect(QRect(x, 0, 1, height()), QColor(fabric_palette::heat(t)));
    }
    if (m_position >= 0 && m_position < frames) {
        const int x0 = int(double(m_position) * width() / frames);
        const int x1 = std::max(x0 + 1, int(double(m_position + 1) * width() / frames));
        painter.setPen(QPen(QColor(fabric_palette::Outline), 2));
        painter.setBrush(Qt::NoBrush);
        painter.drawRect(QRect(x0, 1, x1 - x0, height() - 2));
    }
}

void ActivityHeatBar::mousePressEvent(QMouseEvent* event) {
    if (event->button() == Qt::LeftButton && frameAt(event->position().toPoint().x()) >= 0)
        emit scrubbed(frameAt(event->position().toPoint().x()));
}

void ActivityHeatBar::mouseMoveEvent(QMouseEvent* event) {
    if ((event->buttons() & Qt::LeftButton) && frameAt(event->position().toPoint().x()) >= 0)
        emit scrubbed(frameAt(event->position().toPoint().x()));
}

const std::vector<double>& ReplayControls::speedFactors() {
    static const std::vector<double> factors = {0.25, 0.5, 1.0, 2.0, 4.0, 8.0};
    return factors;
}

ReplayControls::ReplayControls(QWidget* parent)
    : QWidget(parent), m_timer(new QTimer(this)), m_back(new QToolButton(this)),
      m_play(new QToolButton(this)), m_forward(new QToolButton(this)),
      m_live(new QToolButton(this)), m_speed(new QComboBox(this)), m_bar(new ActivityHeatBar(this)),
      m_label(new QLabel(this)) {
    m_back->setObjectName(QStringLiteral("replayBack"));
    m_back->setIcon(style()->standardIcon(QStyle::SP_MediaSeekBackward));
    m_back->setToolTip(tr("Step back one frame"));
    m_play->setObjectName(QStringLiteral("replayPlay"));
    m_play->setToolTip(tr("Play or pause the replay"));
    m_forward->setObjectName(QStringLiteral("replayForward"));
    m_forward->setIcon(style()->standardIcon(QStyle::SP_MediaSeekForward));
    m_forward->setToolTip(tr("Step one frame"));
    m_live->setObjectName(QStringLiteral("replayLive"));
    m_live->setText(tr("Live"));
    m_live->setToolTip(tr("Show the running session again"));
    for (double f : speedFactors())
        m_speed->addItem(tr("%1×").arg(f));
    m_speed->setCurrentIndex(2);
    m_speed->setToolTip(tr("Replay speed"));
    auto* save = new QToolButton(this);
    save->setText(tr("Save…"));
    save->setToolTip(tr("Save the recording to a file"));
    auto* open = new QToolButton(this);
    open->setText(tr("Open…"));
    open->setToolTip(tr("Open a recording saved before"));
    m_label->setObjectName(QStringLiteral("replayLabel"));
    m_label->setMinimumWidth(
        fontMetrics().horizontalAdvance(QStringLiteral("Frame 0000/0000 · cycle 000000000")));

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    for (QWidget* w : {static_cast<QWidget*>(m_back), static_cast<QWidget*>(m_play),
                       static_cast<QWidget*>(m_forward), static_cast<QWidget*>(m_speed),
                       static_cast<QWidget*>(m_live)})
        row->addWidget(w);
    row->addWidget(m_label, 1);
    row->addWidget(open);
    row->addWidget(save);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(row);
    layout->addWidget(m_bar);
    // The strip's colours mean nothing to a new user until said (the tooltip needs a hover).
    auto* legend = new QLabel(tr("Each frame's activity from idle (dark) to the busiest (yellow). "
                                 "Click or drag on the strip to replay from there; Live follows "
                                 "the session again."),
                              this);
    legend->setObjectName(QStringLiteral("replayLegend"));
    legend->setWordWrap(true);
    legend->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(legend);
    layout->addStretch(1); // the bar keeps its height in a tall dock

    connect(m_back, &QToolButton::clicked, this, &ReplayControls::stepBack);
    connect(m_forward, &QToolButton::clicked, this, &ReplayControls::stepForward);
    connect(m_play, &QToolButton::clicked, this, [this] { isPlaying() ? pause() : play(); });
    connect(m_live, &QToolButton::clicked, this, &ReplayControls::goLive);
    connect(m_speed, &QComboBox::currentIndexChanged, this, &ReplayControls::setSpeedIndex);
    connect(m_bar, &ActivityHeatBar::scrubbed, this, &ReplayControls::setPosition);
    connect(m_timer, &QTimer::timeout, this, &ReplayControls::tick);
    connect(save, &QToolButton::clicked, this, &ReplayControls::saveClicked);
    connect(open, &QToolButton::clicked, this, &ReplayControls::loadClicked);
    setSpeedIndex(m_speed->currentIndex());
    updateWidgets();
}

void ReplayControls::appendFrame(RecordedFrame frame) {
    const int before = m_recording.size();
    m_recording.append(std::move(frame));
    if (m_recording.size() < before && !isLive())
        goLive(); // a new session started over the replayed one
    m_bar->setRecording(&m_recording);
    updateWidgets();
}

void ReplayControls::setRecording(RunRecording recording) {
    pause();
    m_recording = std::move(recording);
    m_bar->setRecording(&m_recording);
    m_position = -1;
    if (!m_recording.isEmpty())
        setPosition(0);
    updateWidgets();
}

bool ReplayControls::saveTo(const QString& path, QString* error) const {
    return m_recording.save(path, error);
}

bool ReplayControls::loadFrom(const QString& path, QString* error) {
    auto loaded = RunRecording::load(path, error);
    if (!loaded)
        return false;
    setRecording(std::move(*loaded));
    return true;
}

bool ReplayControls::isPlaying() const {
    return m_timer->isActive();
}

double ReplayControls::speed() const {
    return speedFactors()[size_t(
        std::clamp(m_speed->currentIndex(), 0, int(speedFactors().size()) - 1))];
}

void ReplayControls::setPosition(int index) {
    if (m_recording.isEmpty())
        return;
    index = std::clamp(index, 0, m_recording.size() - 1);
    if (index == m_position)
        return;
    m_position = index;
    updateWidgets();
    emit positionChanged(index);
}

void ReplayControls::stepForward() {
    if (isLive())
        setPosition(m_recording.size() - 1);
    else
        setPosition(m_position + 1);
}

void ReplayControls::stepBack() {
    if (isLive())
        setPosition(m_recording.size() - 2);
    else
        setPosition(m_position - 1);
}

void ReplayControls::play() {
    if (m_recording.size() < 2)
        return;
    if (isLive() || m_position >= m_recording.size() - 1)
        setPosition(0); // from the start, as a player does at the end
    m_timer->start();
    updateWidgets();
}

void ReplayControls::pause() {
    m_timer->stop();
    updateWidgets();
}

void ReplayControls::goLive() {
    m_timer->stop();
    if (m_position < 0)
        return;
    m_position = -1;
    updateWidgets();
    emit liveRequested();
}

void ReplayControls::setSpeedIndex(int index) {
    index = std::clamp(index, 0, int(speedFactors().size()) - 1);
    if (m_speed->currentIndex() != index)
        m_speed->setCurrentIndex(index);
    m_timer->setInterval(int(std::lround(kBaseIntervalMs / speedFactors()[size_t(index)])));
}

void ReplayControls::tick() {
    if (m_position >= m_recording.size() - 1) {
        pause();
        return;
    }
    setPosition(m_position + 1);
}

void ReplayControls::updateWidgets() {
    const bool playing = isPlaying();
    m_play->setIcon(style()->standardIcon(playing ? QStyle::SP_MediaPause : QStyle::SP_MediaPlay));
    const int frames = m_recording.size();
    m_back->setEnabled(frames > 0 && (isLive() ? frames > 1 : m_position > 0));
    m_forward->setEnabled(frames > 0 && (isLive() || m_position < frames - 1));
    m_play->setEnabled(frames > 1);
    m_live->setEnabled(!isLive());
    m_bar->setPosition(m_position);
    if (frames == 0)
        m_label->setText(tr("No frames recorded"));
    else if (isLive())
        m_label->setText(tr("Live · %n frame(s) recorded", nullptr, frames));
    else
        m_label->setText(tr("Frame %1/%2 · cycle %3")
                             .arg(m_position + 1)
                             .arg(frames)
                             .arg(m_recording.frame(m_position).cycle));
}

void ReplayControls::saveClicked() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Recording"), QString(),
                                                      tr("Tessera recordings (*.tsrec)"));
    if (path.isEmpty())
        return;
    QString error;
    emit message(saveTo(path, &error) ? tr("Recording saved to %1.").arg(path) : error);
}

void ReplayControls::loadClicked() {
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Recording"), QString(),
                                                      tr("Tessera recordings (*.tsrec)"));
    if (path.isEmpty())
        return;
    QString error;
    emit message(
        loadFrom(path, &error)
            ? tr("Recording %1 opened (%n frame(s)).", nullptr, m_recording.size()).arg(path)
            : error);
}

} // namespace tessera
