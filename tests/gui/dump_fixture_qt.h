// The grid-reduce dumps of dump_fixture.h, opened once per test program.
#pragma once

#include "backend/debug/debug_util.h"
#include "dump_fixture.h"

#include <QTemporaryDir>

namespace dumpfixture {

struct GridReduceDumps {
    QTemporaryDir dir;
    QString out; // artifact directory; out/corefile.cs1 is the finished run (alpha 1.5)
    std::shared_ptr<sim::FabricProgram> program;
    std::shared_ptr<const debug::DebugUtil> finished, otherAlpha, paused;

    GridReduceDumps() {
        out = dir.filePath(QStringLiteral("out"));
        program = buildGridReduce(out);
        runGridReduce(program, out + QStringLiteral("/corefile.cs1"), 1.5f);
        runGridReduce(program, dir.filePath(QStringLiteral("alpha2.core")), 2.0f);
        runGridReduce(program, dir.filePath(QStringLiteral("paused.core")), 1.5f, 150);
        finished = std::make_shared<debug::DebugUtil>(out.toStdString());
        otherAlpha = std::make_shared<debug::DebugUtil>(
            program, dir.filePath(QStringLiteral("alpha2.core")).toStdString());
        paused = std::make_shared<debug::DebugUtil>(
            program, dir.filePath(QStringLiteral("paused.core")).toStdString());
    }
};

} // namespace dumpfixture
