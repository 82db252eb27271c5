#pragma once

#include "widgets/fabric/FabricSnapshot.h"

#include <QList>
#include <QPair>

namespace sim {
struct FabricProgram;
}
namespace tessera::client {
struct Frame;
}

namespace tessera {

// Turns the compiled program (code classes, rectangle, memcpy columns, routes per color)
// into what the fabric view shows.
FabricSnapshot snapshotFromProgram(const sim::FabricProgram& program);

// A copy of `base` with the heat maps (instructions, wavelets, stalls) of a Debug frame.
// A frame of another rectangle size leaves the heat maps out.
FabricSnapshot withFrame(const FabricSnapshot& base, const client::Frame& frame);

// The waiting PEs named in a simulator hang report ("  PE(x,y) reason" lines), in
// fabric coordinates.
std::vector<FabricWaitingPe> waitingPesFromReport(const QString& report);

} // namespace tessera
