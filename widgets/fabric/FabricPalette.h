#pragma once

#include <QColor>
#include <QRgb>

#include <array>

namespace tessera {

// Colours of the fabric view, chosen to stay distinguishable with the common forms of
// colour blindness: categorical colours are Okabe & Ito's eight; heat maps use a
// viridis-like ramp (monotonic lightness, no red/green axis).
namespace fabric_palette {

// Okabe–Ito.
constexpr QRgb Black = 0xff000000;
constexpr QRgb Orange = 0xffe69f00;
constexpr QRgb SkyBlue = 0xff56b4e9;
constexpr QRgb BluishGreen = 0xff009e73;
constexpr QRgb Yellow = 0xfff0e442;
constexpr QRgb Blue = 0xff0072b2;
constexpr QRgb Vermillion = 0xffd55e00;
constexpr QRgb ReddishPurple = 0xffcc79a7;

// Neutral fills (greys are safe for everyone).
constexpr QRgb Background = 0xff1b1b1f;   // widget background and cell gaps
constexpr QRgb EmptyPe = 0xff35353b;      // a PE outside the program and its memcpy frame
constexpr QRgb UnusedPe = 0xff50505a;     // a rectangle PE without code, or classes hidden
constexpr QRgb Halo = 0xff6a6a72;         // the memcpy halo ring
constexpr QRgb MemcpyColumn = 0xff4d5f78; // the memcpy infrastructure columns
constexpr QRgb Outline = 0xfff2f2f2;      // program rectangle, selection
constexpr QRgb NoSample = 0xff2a2a30;     // heat map PE without a value

// The colour scheme of every fabric view (an app-wide preference, applied with
// FabricView::setPaletteScheme). Standard: Okabe–Ito hues, class fills muted towards grey,
// viridis heat. ColourBlindSafe (added for the analysis views): Paul Tol's "bright" hues
// unmuted for classes and his "vibrant" set for routes (both chosen to stay apart under
// deuteranopia, protanopia and tritanopia), and cividis heat, which reads the same for
// viewers with and without red-green colour blindness.
enum class Scheme : uint8_t { Standard, ColourBlindSafe };
void setScheme(Scheme scheme);
Scheme scheme();

// Fill colour of code class `index`: Okabe–Ito hues first, then lighter and darker
// variants of them so many classes stay apart.
QRgb codeClassColor(int index);
// Line colour of routes on a color (0..31); the same for a color everywhere.
QRgb routeColor(int color);
// Heat ramp at t in [0, 1] (clamped).
QRgb heat(double t);
// 256-entry heat lookup table.
const std::array<QRgb, 256>& heatTable();
// Black or white, whichever reads better on `fill`.
QColor textOn(QRgb fill);

} // namespace fabric_palette
} // namespace tessera
