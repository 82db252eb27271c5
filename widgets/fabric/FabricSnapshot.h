#pragma once

#include <QPoint>
#include <QRect>
#include <QSize>
#include <QString>

#include <cstdint>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace tessera {

// Router directions as bits of a mask. The bit layout is the simulator's
// (`1 << sim::Direction`), so the app can copy rx/tx masks without translation; the
// widgets never include sim/ headers.
namespace fabric_dir {
constexpr uint8_t Ramp = 1u << 0;
constexpr uint8_t North = 1u << 1;
constexpr uint8_t South = 1u << 2;
constexpr uint8_t East = 1u << 3;
constexpr uint8_t West = 1u << 4;
constexpr uint8_t All = Ramp | North | South | East | West;
} // namespace fabric_dir

// A tile file with its param values: one colour in the code-class layer.
struct FabricCodeClass {
    QString tileFile; // as the layout names it, e.g. "pe_program.csl"
    QString params;   // printable param values, e.g. "width=4, is_left=1"
};

// Router configuration of one color at one PE (only configured PEs are listed).
struct FabricRoute {
    QPoint pe;                   // fabric coordinates
    uint8_t rx = 0;              // fabric_dir mask of accepted inputs
    uint8_t tx = 0;              // fabric_dir mask of outputs (Ramp = to the CE)
    uint8_t switchPositions = 0; // how many of switch positions 1..3 are configured
};

struct FabricColorRoutes {
    int color = 0; // 0..31
    std::vector<FabricRoute> pes;
};

// One host memcpy command the view shows over its region of interest.
struct FabricMemcpyRegion {
    enum class Direction : uint8_t { HostToDevice, DeviceToHost };
    enum class State : uint8_t { Pending, Recent };
    Direction direction = Direction::HostToDevice;
    State state = State::Pending;
    QRect roi;               // rectangle coordinates, as memcpy_h2d/d2h take them
    QString symbol;          // copy mode: the exported symbol
    int streamingColor = -1; // streaming mode: the color; -1 in copy mode
    uint32_t elementsPerPe = 1;
    uint64_t elementCount() const {
        return uint64_t(roi.width()) * uint64_t(roi.height()) * elementsPerPe;
    }
};

// Custom (added for the core dump views): per-PE values the app computes (a symbol's
// element, differing symbols per PE, ...), named by FabricSnapshot::customHeatLabel.
// Congestion (added for the analysis views): wavelets a PE's router moved per cycle over
// the last frame interval, so busy links stand out while the run goes on.
enum class FabricHeatMetric : uint8_t {
    Instructions,
    Wavelets,
    Stalls,
    SramUsed,
    Custom,
    Congestion
};
constexpr int kFabricHeatMetricCount = 6;

// Per-PE values of one metric over the program rectangle (row-major, width*height).
// NaN means "no sample" for that PE.
struct FabricHeatMap {
    FabricHeatMetric metric = FabricHeatMetric::Instructions;
    std::vector<float> values;
    // Smallest and largest sampled value ({0, 0} when nothing is sampled).
    std::pair<float, float> range() const;
};

struct FabricWaitingPe {
    QPoint pe;      // fabric coordinates
    QString reason; // from the hang report
};

struct FabricBreakpoint {
    QPoint pe;           // fabric coordinates
    QString description; // e.g. "task 3 activates"
};

// Everything the fabric view shows, as one immutable value. The app builds a new one from
// the simulator or the compile result and swaps it in whole (setSnapshot); the view never
// sees a half-updated state and keeps no pointers into the app.
struct FabricSnapshot {
    static constexpr uint16_t kNoCode = 0xFFFF;
    static constexpr int kMaxColors = 32;

    QSize fabricSize;       // columns x rows of the whole fabric
    QPoint rectangleOffset; // fabric coordinates of the program rectangle's NW PE
    QSize rectangleSize;

    std::vector<FabricCodeClass> classes;
    std::vector<uint16_t> codeClass; // per rectangle PE, row-major; kNoCode = no code

    // The memcpy infrastructure around the rectangle: a one-PE halo, three columns on
    // the west and two on the east, plus the buffer columns cslc was given.
    bool memcpy = false;
    int westBufferColumns = 0;
    int eastBufferColumns = 0;

    std::vector<FabricColorRoutes> routes;
    std::vector<FabricMemcpyRegion> memcpyRegions;
    std::vector<FabricHeatMap> heatMaps;
    // The Custom heat map's name and colour scale limits (unset: the data's range).
    QString customHeatLabel;
    std::optional<std::pair<float, float>> customHeatRange;
    std::vector<FabricWaitingPe> waiting;
    std::vector<FabricBreakpoint> breakpoints;

    QRect fabricRect() const { return QRect(QPoint(0, 0), fabricSize); }
    QRect rectangle() const { return QRect(rectangleOffset, rectangleSize); }
    // The halo ring: the rectangle grown by one PE (clipped to the fabric).
    QRect haloRect() const;
    // The memcpy columns west and east of the halo (empty rects without memcpy).
    QRect westMemcpyColumns() const;
    QRect eastMemcpyColumns() const;

    // Code class of a fabric PE; kNoCode outside the rectangle.
    uint16_t codeClassAt(QPoint fabricPe) const;
    const FabricHeatMap* heatMap(FabricHeatMetric metric) const;
    // A heat map's name (customHeatLabel for Custom) and colour scale range.
    QString heatMapName(const FabricHeatMap& map) const;
    std::pair<float, float> heatRange(const FabricHeatMap& map) const;

    // Empty when consistent; otherwise the first problem, naming the field and PE.
    QString validate() const;
};

using FabricSnapshotPtr = std::shared_ptr<const FabricSnapshot>;

// Translated name of a heat metric ("Instructions executed", ...).
QString fabricHeatMetricName(FabricHeatMetric metric);
// "H2D" or "D2H".
QString fabricMemcpyDirectionName(FabricMemcpyRegion::Direction direction);

} // namespace tessera
