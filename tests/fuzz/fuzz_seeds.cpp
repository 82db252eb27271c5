// Writes the seed corpora of the reliability fuzzers with the project's own writers:
//   <dir>/coredump/   core dumps (sim::writeCoreDump) of the fuzz fixture program
//   <dir>/artifact/   'P' + program file, 'R' + out_rpc.json, 'O' + out.json
//   <dir>/appliance/  request selector byte + serialized request (see fuzz_appliance.cpp)
#include "backend/artifact/artifact.h"
#include "backend/artifact/program_file.h"
#include "fuzz_fixture.h"
#include "sim/coredump.h"
#include "tessera/appliance.pb.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

void put(const fs::path& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path.string());
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A 2x1 dump: PE 0 stores page 0 (buf, ro and a 3-entry trace), PE 1 stores nothing.
void writeCoreSeeds(const fs::path& dir, const sim::FabricProgram& program) {
    sim::CoreHeader h = sim::coreHeaderOf(program);
    h.cycle = 1234;
    h.peCount = h.width * h.height;
    h.peRecordBytes = sizeof(sim::CorePeRecord);
    h.peTableOffset = sizeof(sim::CoreHeader);
    h.dataOffset = h.peTableOffset + uint64_t(h.peCount) * sizeof(sim::CorePeRecord);
    std::vector<sim::CorePeRecord> pes(h.peCount);
    for (uint32_t i = 0; i < h.peCount; ++i) {
        pes[i].x = i % h.width;
        pes[i].y = i / h.width;
    }
    pes[0].sramPageMask = 1;
    pes[0].sramOffset = h.dataOffset;
    pes[0].currentTask = 3;
    std::vector<uint8_t> sram(sim::kCorePagesPerPe * sim::kCorePageBytes, 0);
    for (uint32_t i = 0; i < 16; ++i) {
        const float v = float(i) * 1.5f;
        std::memcpy(sram.data() + i * 4, &v, 4);
    }
    // trace: 'b' 7 (tag only), 'H' 0x1234 (tag + word), 's' "hi" (tag + 1 word)
    const uint16_t trace[] = {uint16_t('b' | (7 << 8)), uint16_t('H'), 0x1234,
                              uint16_t('s' | (2 << 8)), uint16_t('h' | ('i' << 8))};
    std::memcpy(sram.data() + 256, trace, sizeof trace);
    const uint32_t words = sizeof trace / 2;
    std::memcpy(sram.data() + 384, &words, 4);
    const auto path = dir / "dump_2x1.core";
    sim::writeCoreDump(path.string(), h, pes, [&](uint32_t i) -> const uint8_t* {
        return i == 0 ? sram.data() : nullptr;
    });
    // A chunk of every kind on PE 1 (details(), dump_inspect), without SRAM pages so the
    // file stays under the fuzzers' -max_len=8192.
    sim::CorePeDetails details;
    details.tasks = {{3, 0, 2, 40, 15, 25}, {-3, 0, 1, 9, 9, 9}};
    details.queued = {{sim::CoreQueuedWavelet::InputQueue, 5, 5, 0, 42},
                      {sim::CoreQueuedWavelet::Router, 2, 2, 1, 7}};
    details.frames = {{0, 3}, {1, 0}};
    sim::CoreDsdRegister reg;
    reg.frame = 1;
    reg.bytes[0] = 16;
    details.dsdRegisters = {reg};
    details.dsdOps = {{255, 1, 0, 0, 0, 16, 4, 12, 0, 3, 1200}};
    details.simprint = {"@100 hello", "@200 x = 3"};
    details.simprintPartial = "partial";
    pes[1].currentTask = -3;
    pes[1].function = 1;
    pes[1].frameDepth = 2;
    pes[1].inputQueueWavelets[5] = 1;
    pes[1].routerWavelets[2] = 1;
    const std::vector<uint8_t> chunks = sim::encodeCoreChunks(details);
    sim::writeCoreDump((dir / "dump_2x1_chunks.core").string(), h, pes,
                       [](uint32_t) -> const uint8_t* { return nullptr; },
                       [&](uint32_t i) { return i == 1 ? chunks : std::vector<uint8_t>{}; });
    // The same dump with no SRAM pages: the smallest valid file.
    pes[0].sramPageMask = 0;
    sim::writeCoreDump((dir / "dump_2x1_nosram.core").string(), h, pes,
                       [](uint32_t) -> const uint8_t* { return nullptr; });
}

void writeArtifactSeeds(const fs::path& dir, const sim::FabricProgram& program) {
    const fs::path out = dir / "out";
    artifact::BuildInfo info;
    info.params = {{"width", "2"}, {"n", "16"}};
    info.colors = {{"c", "5"}};
    info.cslcArgs = {"layout.csl", "--arch=wse2", "-o", "out"};
    artifact::writeArtifact(out.string(), program, info);
    put(dir / "program.seed", "P" + readAll(out / artifact::kProgramFile));
    put(dir / "rpc.seed", "R" + readAll(out / artifact::kRpcJson));
    put(dir / "out.seed", "O" + readAll(out / artifact::kOutJson));
    fs::remove_all(out);
}

void writeApplianceSeeds(const fs::path& dir, const sim::FabricProgram& program) {
    namespace pb = tessera::appliance;
    using R = fuzzfix::Request;
    auto seed = [&](const char* name, R which, const google::protobuf::Message& m) {
        put(dir / name, std::string(1, char(which)) + m.SerializeAsString());
    };
    pb::HandshakeRequest hs;
    hs.set_protocol_version(1);
    hs.set_client_version("fuzz");
    seed("handshake", R::Handshake, hs);
    pb::OpenRequest open;
    open.set_program(artifact::serializeProgram(program));
    seed("open", R::Open, open);
    pb::SessionRef ref; // empty session id: the fuzzer's own loaded session
    seed("start", R::Start, ref);
    seed("stop", R::Stop, ref);
    seed("dumpcore", R::DumpCore, ref);
    seed("pause", R::Pause, ref);
    pb::GetIdRequest getId;
    getId.set_name("buf");
    seed("getid", R::GetId, getId);
    pb::LaunchRequest launch;
    launch.set_symbol("add_to_all");
    launch.add_args()->set_f(2.5);
    seed("launch", R::Launch, launch);
    pb::CallRequest call;
    call.set_symbol("take_u16");
    call.add_args(7);
    seed("call", R::Call, call);
    pb::MemcpyRequest h2d;
    h2d.set_to_device(true);
    h2d.set_target(0);
    h2d.set_w(2);
    h2d.set_h(1);
    h2d.set_elem_per_pe(16);
    h2d.set_data(std::string(2 * 16 * 4, '\x01'));
    h2d.set_host_dtype("float32");
    h2d.set_host_elements(32);
    seed("memcpy_h2d", R::Memcpy, h2d);
    pb::MemcpyRequest d2h = h2d;
    d2h.set_to_device(false);
    d2h.clear_data();
    seed("memcpy_d2h", R::Memcpy, d2h);
    pb::TaskRequest task;
    task.set_task_id(1);
    task.set_wait(true);
    seed("task", R::Task, task);
    pb::ReadSymbolRequest read;
    read.set_x(1);
    read.set_name("buf");
    seed("readsymbol", R::ReadSymbol, read);
    pb::StepRequest step;
    step.set_cycles(100);
    seed("step", R::Step, step);
    pb::BreakpointsRequest bps;
    auto* bp = bps.add_breakpoints();
    bp->set_kind("task");
    bp->set_any_pe(true);
    bp->set_value(3);
    seed("breakpoints", R::SetBreakpoints, bps);
    pb::FramesRequest frames;
    frames.set_max_frames(2);
    seed("frames", R::Frames, frames);
    pb::CreateJobRequest job;
    job.set_artifact_name("out");
    auto* f = job.add_artifact_files();
    f->set_path("bin/out_program.pb");
    f->set_data(artifact::serializeProgram(program));
    seed("createjob", R::CreateJob, job);
    pb::StageRequest stage;
    auto* s = stage.add_files();
    s->set_path("run.py");
    s->set_data("print('hi')\n");
    seed("stage", R::Stage, stage);
    pb::DownloadRequest download;
    download.set_path("out/bin/out_program.pb");
    seed("download", R::Download, download);
    pb::CompileRequest compile;
    auto* code = compile.add_code_files();
    code->set_path("layout.csl");
    code->set_data("layout { @set_rectangle(1, 1); @set_tile_code(0, 0, \"pe.csl\", .{}); }\n");
    auto* pe = compile.add_code_files();
    pe->set_path("pe.csl");
    pe->set_data("var x: i16 = 1;\n");
    compile.set_layout("layout.csl");
    compile.set_args("--arch=wse2 --fabric-dims=8,3 --fabric-offsets=4,1 -o out");
    seed("compile", R::Compile, compile);
}

} // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds <output dir>\n");
        return 2;
    }
    try {
        const fs::path root = argv[1];
        for (const char* sub : {"coredump", "artifact", "appliance"})
            fs::create_directories(root / sub);
        const auto program = fuzzfix::program();
        writeCoreSeeds(root / "coredump", *program);
        writeArtifactSeeds(root / "artifact", *program);
        writeApplianceSeeds(root / "appliance", *fuzzfix::program());
    } catch (const std::exception& e) {
        std::fprintf(stderr, "fuzz_seeds: %s\n", e.what());
        return 1;
    }
    return 0;
}
