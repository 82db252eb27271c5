#pragma once

#include "widgets/fabric/FabricSnapshot.h"
#include "widgets/inspector/PeModels.h"

#include <QString>

namespace tessera {

// A core dump opened for the inspector: the dump file with the program it belongs to.
// The dump is mapped, not read (sim::CoreDumpReader); views read the PEs they show.
class CoreDumpDocument {
  public:
    // True when the file starts with the Tessera core dump magic.
    static bool looksLikeCoreDump(const QString& path);
    // The artifact directory (holding bin/out_program.pb) of a dump: the dump's own
    // folder (SdkRuntime.stop() writes <out>/corefile.cs1), its parent, or `fallback`.
    static QString findArtifactDir(const QString& corePath, const QString& fallback = {});

    // Opens `corePath` with the program of `artifactDir` (empty: findArtifactDir with
    // `fallbackArtifactDir`). Null and `error` set on failure, naming the file.
    static DumpPtr open(const QString& corePath, const QString& artifactDir,
                        const QString& fallbackArtifactDir, QString* error);

    // The fabric view's snapshot of a dump: the program's classes and routes, plus heat
    // maps of the PEs' instructions, wavelets and stall cycles at the dump's cycle.
    static FabricSnapshot snapshotOf(const debug::DebugUtil& dump);
};

} // namespace tessera
