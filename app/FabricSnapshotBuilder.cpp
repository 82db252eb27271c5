#include "app/FabricSnapshotBuilder.h"

#include "backend/client/client.h"
#include "sim/program.h"

#include <QRegularExpression>

#include <bit>

namespace tessera {

FabricSnapshot snapshotFromProgram(const sim::FabricProgram& program) {
    FabricSnapshot s;
    // cslc derives the fabric when --fabric-dims is absent: the rectangle plus the halo
    // and the memcpy columns east of it.
    const int eastExtra = program.memcpy.enabled ? 3 + int(program.memcpy.eastBuffer) : 1;
    const int fabricWidth = program.fabricWidth ? int(program.fabricWidth)
                                                : int(program.offsetX + program.width) + eastExtra;
    const int fabricHeight = program.fabricHeight ? int(program.fabricHeight)
                                                  : int(program.offsetY + program.height) + 1;
    s.fabricSize = QSize(fabricWidth, fabricHeight);
    s.rectangleOffset = QPoint(int(program.offsetX), int(program.offsetY));
    s.rectangleSize = QSize(int(program.width), int(program.height));
    for (const sim::CodeClass& c : program.classes)
        s.classes.push_back({QString::fromStdString(c.file), QString::fromStdString(c.paramsKey)});
    s.codeClass.resize(program.pes.size(), FabricSnapshot::kNoCode);
    std::vector<FabricColorRoutes> byColor(FabricSnapshot::kMaxColors);
    for (int color = 0; color < FabricSnapshot::kMaxColors; ++color)
        byColor[color].color = color;
    for (size_t i = 0; i < program.pes.size(); ++i) {
        const sim::PeConfig& pe = program.pes[i];
        if (pe.codeClass < program.classes.size())
            s.codeClass[i] = uint16_t(pe.codeClass);
        const QPoint at(int(program.offsetX + i % program.width),
                        int(program.offsetY + i / program.width));
        for (const auto& [color, config] : pe.colors) {
            if (color >= FabricSnapshot::kMaxColors)
                continue;
            FabricRoute r;
            r.pe = at;
            r.rx = config.rx;
            r.tx = config.tx;
            for (const sim::SwitchPosition& p : config.switchPositions)
                r.switchPositions += p.rx != 0 || p.tx != 0 ? 1 : 0;
            byColor[color].pes.push_back(r);
        }
    }
    for (FabricColorRoutes& c : byColor)
        if (!c.pes.empty())
            s.routes.push_back(std::move(c));
    s.memcpy = program.memcpy.enabled;
    s.westBufferColumns = int(program.memcpy.westBuffer);
    s.eastBufferColumns = int(program.memcpy.eastBuffer);
    return s;
}

FabricSnapshot withFrame(const FabricSnapshot& base, const client::Frame& frame) {
    FabricSnapshot s = base;
    s.heatMaps.clear();
    s.memcpyRegions.clear();
    for (const client::FrameMemcpy& copy : frame.memcpy) {
        FabricMemcpyRegion region;
        region.direction = copy.toDevice ? FabricMemcpyRegion::Direction::HostToDevice
                                         : FabricMemcpyRegion::Direction::DeviceToHost;
        region.state =
            copy.done ? FabricMemcpyRegion::State::Recent : FabricMemcpyRegion::State::Pending;
        region.roi = QRect(int(copy.x), int(copy.y), int(copy.w), int(copy.h));
        if (copy.streaming)
            region.streamingColor = copy.color;
        else
            region.symbol = QString::fromStdString(copy.symbol);
        region.elementsPerPe = copy.elementsPerPe;
        s.memcpyRegions.push_back(std::move(region));
    }
    const size_t count = size_t(base.rectangleSize.width()) * size_t(base.rectangleSize.height());
    if (frame.pes.size() != count || int(frame.width) != base.rectangleSize.width())
        return s;
    const FabricHeatMetric metrics[] = {FabricHeatMetric::Instructions, FabricHeatMetric::Wavelets,
                                        FabricHeatMetric::Stalls};
    for (FabricHeatMetric metric : metrics) {
        FabricHeatMap map;
        map.metric = metric;
        map.values.reserve(count);
        for (const client::PeActivity& pe : frame.pes)
            map.values.push_back(float(metric == FabricHeatMetric::Instructions ? pe.instructions
                                       : metric == FabricHeatMetric::Wavelets   ? pe.wavelets
                                                                                : pe.stallCycles));
        s.heatMaps.push_back(std::move(map));
    }
    return s;
}

std::vector<FabricWaitingPe> waitingPesFromReport(const QString& report) {
    static const QRegularExpression line(QStringLiteral(R"(^\s+PE\((\d+),(\d+)\)\s+(.*)$)"),
                                         QRegularExpression::MultilineOption);
    std::vector<FabricWaitingPe> out;
    for (auto it = line.globalMatch(report); it.hasNext();) {
        const auto m = it.next();
        out.push_back({QPoint(m.captured(1).toInt(), m.captured(2).toInt()), m.captured(3)});
    }
    return out;
}

} // namespace tessera
