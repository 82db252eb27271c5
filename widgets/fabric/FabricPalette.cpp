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

// Colour-blind-safe scheme: Paul Tol's "bright" (classes) and "vibrant" (routes) sets and
// control points of cividis (Nuñez, Anderton & Renslow 2018), evenly spaced in t.
constexpr std::array<QRgb, 7> kTolBright = {0xff4477aa, 0xffee6677, 0xff228833, 0xffccbb44,
                                            0xff66ccee, 0xffaa3377, 0xffbbbbbb};
constexpr std::array<QRgb, 8> kTolVibrant = {0xffee7733, 0xff33bbee, 0xffee3377, 0xff009988,
                                             0xffcc3311, 0xff0077bb, 0xffbbbbbb, 0xffffffff};
constexpr std::array<QRgb, 9> kCividis = {0xff00224e, 0xff123570, 0xff3b496c,
                                          0xff575d6d, 0xff707173, 0xff8a8779,
                                          0xffa69d75, 0xffc4b56c, 0xfffee838};

Scheme g_scheme = Scheme::Standard;

std::array<QRgb, 256> buildHeatTable(const std::array<QRgb, 9>& points) {
    std::array<QRgb, 256> table{};
    for (int i = 0; i < 256; ++i) {
        const double position = i / 255.0 * double(points.size() - 1);
        const int segment = std::min(int(position), int(points.size()) - 2);
        table[size_t(i)] =
            mix(points[size_t(segment)], points[size_t(segment) + 1], position - segment);
    }
    return table;
}
} // namespace

void setScheme(Scheme scheme) {
    g_scheme = scheme;
}

Scheme scheme() {
    return g_scheme;
}

QRgb codeClassColor(int index) {
    if (g_scheme == Scheme::ColourBlindSafe) {
        // Unmuted: mixing towards grey would bring hues together that these viewers
        // already see as close. Repeats go lighter, then darker.
        const int hues = int(kTolBright.size());
        const QRgb base = kTolBright[size_t(index % hues)];
        const int round = (index / hues) % 3;
        return round == 0 ? base : mix(base, round == 1 ? 0xffffffff : 0xff000000, 0.4);
    }
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
    if (g_scheme == Scheme::ColourBlindSafe)
        return kTolVibrant[size_t(color) % kTolVibrant.size()];
    return kRouteHues[size_t(color) % kRouteHues.size()];
}

const std::array<QRgb, 256>& heatTable() {
    static const std::array<QRgb, 256> viridis = buildHeatTable(kViridis);
    static const std::array<QRgb, 256> cividis = buildHeatTable(kCividis);
    return g_scheme == Scheme::ColourBlindSafe ? cividis : viridis;
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
