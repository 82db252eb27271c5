#include "widgets/presentation/PresentationView.h"

#include "widgets/fabric/FabricPalette.h"

#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace tessera {

namespace {
constexpr int kCaptionHeight = 96;
constexpr int kFrameMs = 33; // ~30 fps is smooth for dots that move a cell per beat
constexpr int kMaxDotsPerHop = 3;
} // namespace

PresentationView::PresentationView(QWidget* parent) : QWidget(parent) {
    setObjectName(QStringLiteral("presentationView"));
    setFocusPolicy(Qt::StrongFocus);
    setAutoFillBackground(false);
    m_frameTimer.setInterval(kFrameMs);
    connect(&m_frameTimer, &QTimer::timeout, this, [this] {
        update();
        if (progress() >= 1.0)
            m_frameTimer.stop();
    });
    m_clock.start();
}

void PresentationView::setSnapshot(FabricSnapshotPtr snapshot) {
    const bool newSize = !m_renderer.snapshot() || !snapshot ||
                         m_renderer.snapshot()->fabricSize != snapshot->fabricSize ||
                         m_renderer.snapshot()->rectangle() != snapshot->rectangle();
    FabricLayerState layers;
    layers.heatMetric.reset(); // code classes, not heat: the glow shows the activity
    m_renderer.setLayers(layers);
    m_renderer.setSnapshot(std::move(snapshot));
    if (newSize)
        fit();
    update();
}

void PresentationView::setBeat(const PresentationBeat& beat) {
    m_beat = beat;
    m_clock.restart();
    m_frameTimer.start();
    update();
}

void PresentationView::setStatus(const QString& status) {
    m_status = status;
    update();
}

double PresentationView::progress() const {
    return std::clamp(double(m_clock.elapsed()) / double(std::max(1, m_beatMs)), 0.0, 1.0);
}

QRect PresentationView::fabricArea() const {
    return QRect(0, 0, width(), std::max(1, height() - kCaptionHeight));
}

void PresentationView::fit() {
    const QRect area = fabricArea();
    m_viewport.setWidgetSize(area.size());
    const FabricSnapshotPtr& s = m_renderer.snapshot();
    if (!s)
        return;
    m_viewport.setFabricSize(s->fabricSize);
    // The program rectangle and its halo fill the view; the rest of the fabric is context.
    const QRect focus = s->rectangle().adjusted(-1, -1, 1, 1);
    const double scale = std::min(double(area.width()) / std::max(1, focus.width()),
                                  double(area.height()) / std::max(1, focus.height()));
    m_viewport.setScaleAround(QPointF(0, 0), std::min(scale, FabricViewport::kMaxScale));
    m_viewport.centerOn(QRectF(focus).center());
}

void PresentationView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    fit();
}

void PresentationView::paintEvent(QPaintEvent*) {
    QPainter p(this);
    p.fillRect(rect(), QColor::fromRgb(fabric_palette::Background));
    const QRect area = fabricArea();
    const double t = progress();
    if (m_renderer.snapshot()) {
        p.save();
        p.setClipRect(area);
        m_renderer.paint(p, m_viewport, {});
        p.setRenderHint(QPainter::Antialiasing);
        const double cell = m_viewport.scale();
        // Active PEs glow, fading over the beat.
        QColor glow = QColor::fromRgb(fabric_palette::Yellow);
        for (const QPoint& pe : m_beat.activePes) {
            const QRectF r = m_viewport.cellRect(pe);
            glow.setAlphaF(0.85 * (1.0 - 0.6 * t));
            p.setPen(QPen(glow, std::max(2.0, cell * 0.12)));
            glow.setAlphaF(0.35 * (1.0 - 0.6 * t));
            p.setBrush(glow);
            p.drawRoundedRect(r.adjusted(1, 1, -1, -1), cell * 0.15, cell * 0.15);
        }
        // Wavelets travel from PE centre to PE centre.
        const double radius = std::clamp(cell * 0.12, 2.0, 12.0);
        for (const PresentationHop& hop : m_beat.hops) {
            const QPointF a = m_viewport.toWidget(QPointF(hop.from) + QPointF(0.5, 0.5));
            const QPointF b = m_viewport.toWidget(QPointF(hop.to) + QPointF(0.5, 0.5));
            QColor c = QColor::fromRgb(fabric_palette::routeColor(hop.color));
            p.setPen(QPen(c.darker(130), std::max(1.0, cell * 0.04)));
            p.drawLine(a, b);
            const int dots = std::clamp(int(std::ceil(hop.wavelets)), 1, kMaxDotsPerHop);
            p.setPen(QPen(QColor(Qt::white), 1.0));
            p.setBrush(c);
            for (int i = 0; i < dots; ++i) {
                const double s = std::clamp(t - double(i) * 0.18, 0.0, 1.0);
                p.drawEllipse(a + (b - a) * s, radius, radius);
            }
        }
        p.restore();
    }
    // Caption: what happens, then state and keys.
    const QRect caption(0, area.bottom() + 1, width(), kCaptionHeight);
    p.fillRect(caption, QColor(0x10, 0x10, 0x14));
    QFont big = font();
    big.setPixelSize(26);
    p.setFont(big);
    p.setPen(QColor(0xf2, 0xf2, 0xf2));
    p.drawText(caption.adjusted(20, 8, -20, -38), Qt::AlignLeft | Qt::AlignVCenter,
               QFontMetrics(big).elidedText(m_beat.caption, Qt::ElideRight, caption.width() - 40));
    QFont small = font();
    small.setPixelSize(15);
    p.setFont(small);
    p.setPen(QColor(0xa0, 0xa0, 0xa8));
    p.drawText(caption.adjusted(20, caption.height() - 34, -20, -8),
               Qt::AlignLeft | Qt::AlignVCenter, m_status);
}

void PresentationView::keyPressEvent(QKeyEvent* event) {
    switch (event->key()) {
    case Qt::Key_Space:
        emit pauseToggled();
        break;
    case Qt::Key_Right:
        emit stepRequested();
        break;
    case Qt::Key_Plus:
    case Qt::Key_Equal:
        emit fasterRequested();
        break;
    case Qt::Key_Minus:
        emit slowerRequested();
        break;
    case Qt::Key_Escape:
        emit leaveRequested();
        break;
    default:
        QWidget::keyPressEvent(event);
        return;
    }
    event->accept();
}

} // namespace tessera
