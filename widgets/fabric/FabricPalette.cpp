#include "widgets/fabric/FabricPalette.h"

#include <algorithm>
#include <cmath>

namespace tessera::fabric_palette {

namespace {
constexpr std::array<QRgb, 7> kClassHues = {SkyBlue, Orange, BluishGreen, ReddishPurple,
                                            Yellow,  Blue,   Vermillion};
// Routes use the strongest hues first: vermillion and blue stand out on every class fill.
constexpr std::array<QRgb, 8> kRouteHues = {Vermillion, Yellow, SkyBlue,       BluishGreen,
                                            Orange,     Blue,   ReddishPurple, 0xffffffff};

// Control points of matplotlib's viridis (public domain data), evenly spaced in t.
constexpr std::array<QRgb, 9> kViridis = {0xff440154, 0xff472d7b, 0xff3b528b,
                                          0xff2c728e, 0xff21918c, 0xff28ae80,
                                          0xff5ec962, 0xffaddc30, 0xfffde725};

QRgb mix(QRgb a, QRgb b, double t) {
    auto channel = [t](int x, int y) { return int(std::lround(x + (y - x) * t)); };
    return qRgb(channel(qRed(a), qRed(b)), channel(qGreen(a), qGreen(b)),
                channel(qBlue(a), qBlue(b)));
}

std::array<QRgb, 256> buildHeatTable() {
    std::array<QRgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const double position = i / 255.0 * double(kViridis.size() - 1);
        const int segment = std::min(int(position), int(kViridis.size()) - 2);
        table[size_t(i)] =
            mix(kViridis[size_t(segment)], kViridis[size_t(segment) + 1], position - segment);
    }
    return table;
}
} // namespace

QRgb codeClassColor(int index) {
    const int hues = int(kClassHues.size());
    const QRgb base = kClassHues[size_t(index % hues)];
    // Fills are muted towards the background so saturated route lines stay visible on them.
    switch ((index / hues) % 3) {
    case 0:
        return mix(base, EmptyPe, 0.35);
    case 1:
        return mix(base, 0xffffffff, 0.3);
    default:
        return mix(base, EmptyPe, 0.65);
    }
}

QRgb routeColor(int color) {
    return kRouteHues[size_t(color) % kRouteHues.size()];
}

const std::array<QRgb, 256>& heatTable() {
    static const std::array<QRgb, 256> table = buildHeatTable();
    return table;
}

QRgb heat(double t) {
    if (!(t >= 0.0))
        t = 0.0;
    return heatTable()[size_t(std::lround(std::min(t, 1.0) * 255.0))];
}

QColor textOn(QRgb fill) {
    const double luminance = 0.299 * qRed(fill) + 0.587 * qGreen(fill) + 0.114 * qBlue(fill);
    return luminance > 140.0 ? QColor(Qt::black) : QColor(Qt::white);
}

} // namespace tessera::fabric_palette
