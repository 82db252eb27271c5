// Writes the fixture program (fixture_program.h) as an SDK-shaped out/ directory so
// the Python tests can run without the compiler: make_fixture_artifact DIR [W H N]
// (W x H PEs with N f32 each; default 2 1 16).
#include "backend/artifact/artifact.h"
#include "fixture_program.h"

#include <iostream>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2 && argc != 5) {
        std::cerr << "usage: make_fixture_artifact DIR [W H N]\n";
        return 2;
    }
    const uint32_t w = argc == 5 ? uint32_t(std::stoul(argv[2])) : 2;
    const uint32_t h = argc == 5 ? uint32_t(std::stoul(argv[3])) : 1;
    const uint32_t n = argc == 5 ? uint32_t(std::stoul(argv[4])) : 16;
    artifact::BuildInfo info;
    info.params = {{"width", "2"}, {"MEMCPYH2D_DATA_1_ID", "2"}, {"MEMCPYD2H_DATA_1_ID", "3"}};
    artifact::writeArtifact(argv[1], *fixture::program(w, h, n), info);
    return 0;
}
