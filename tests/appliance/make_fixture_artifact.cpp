// Writes the fixture program (fixture_program.h) as an SDK-shaped out/ directory so
// the Python tests can run without the compiler: make_fixture_artifact DIR
#include "backend/artifact/artifact.h"
#include "fixture_program.h"

#include <iostream>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: make_fixture_artifact DIR\n";
        return 2;
    }
    artifact::BuildInfo info;
    info.params = {{"width", "2"}, {"MEMCPYH2D_DATA_1_ID", "2"}, {"MEMCPYD2H_DATA_1_ID", "3"}};
    artifact::writeArtifact(argv[1], *fixture::program(), info);
    return 0;
}
