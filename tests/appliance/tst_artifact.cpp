// Artifact round trip with a hand-built program, and cslc's command line.
#include "backend/artifact/artifact.h"
#include "backend/artifact/cslc_args.h"
#include "backend/artifact/program_file.h"
#include "tessera/program.pb.h"

#include <QTemporaryDir>
#include <QTest>

#include <filesystem>
#include <fstream>

namespace {

std::shared_ptr<sim::FabricProgram> sampleProgram() {
    auto p = std::make_shared<sim::FabricProgram>();
    p->arch = sim::Arch::Wse3;
    p->fabricWidth = 9;
    p->fabricHeight = 3;
    p->offsetX = 4;
    p->offsetY = 1;
    p->width = 2;
    p->height = 1;
    sim::CodeClass c;
    c.file = "pe_program.csl";
    c.paramsKey = "M=4";
    sim::Function f;
    f.name = "compute";
    f.numRegs = 3;
    f.numParams = 1;
    f.paramTypes = {sim::ScalarType::U16};
    f.code = {{sim::Op::Imm, sim::ScalarType::I32, 0, sim::kNoReg, sim::kNoReg, -7},
              {sim::Op::Return, sim::ScalarType::Void, sim::kNoReg, 0, sim::kNoReg, 0}};
    f.locs = {{0, 12, 3}, {0, 13, 1}};
    c.functions.push_back(f);
    c.constants = {0xdeadbeefcafef00dull};
    sim::Dsd d;
    d.kind = sim::DsdKind::FabOut;
    d.extent = {4, 0, 0, 0};
    d.strideBytes = {-4, 0, 0, 0};
    d.color = 5;
    d.waveletIndexOffset = -1;
    d.elementBytes = 2;
    d.priority = 1;
    c.dsdConstants.push_back(d);
    sim::DsdOpDesc op;
    op.op = sim::DsdOpKind::Fmacs;
    op.dst = {sim::DsdOperand::Kind::Dsd, 0};
    op.activateTask = 9;
    op.indexReg = 3;
    op.microthreadReg = 4;
    c.dsdOps.push_back(op);
    c.dsdOps.push_back(sim::DsdOpDesc{}); // no `.index`: kNoReg must survive
    c.tasks[9] = {sim::TaskKind::Local, 0, 0, -1, true};
    c.inputQueueColor[2] = 5;
    c.data.push_back({64, {1, 2, 3, 0}});
    c.symbols.push_back({"y", 64, 16, sim::ScalarType::F32, 4});
    c.exports.push_back({"compute", true, 0, 0});
    c.exports.push_back({"buf", false, 64, -1, 96}); // a var pointer at 96, pointing at 64
    c.memoryBytes = 80;
    p->classes.push_back(c);
    sim::ColorConfig cc;
    cc.rx = sim::dirBit(sim::Direction::West);
    cc.tx = sim::dirBit(sim::Direction::Ramp) | sim::dirBit(sim::Direction::East);
    cc.switchPositions[1] = {sim::dirBit(sim::Direction::North), 0};
    cc.popMode = sim::ColorConfig::PopMode::AlwaysPop;
    cc.filter.kind = sim::FilterConfig::Kind::Range;
    cc.filter.maxIdx = 7;
    p->pes = {{0, {{5, cc}}}, {0, {}}};
    p->hostSymbols.push_back({0, "y", sim::HostSymbol::Kind::Var, sim::ScalarType::F32, true, {}});
    p->hostSymbols.push_back({1,
                              "compute",
                              sim::HostSymbol::Kind::Func,
                              sim::ScalarType::Void,
                              false,
                              {sim::ScalarType::F32, sim::ScalarType::U16},
                              false,
                              {"alpha", "count"}});
    sim::HostSymbol count{2, "count", sim::HostSymbol::Kind::Var, sim::ScalarType::I16, true, {}};
    count.scalar = true; // @export_name("count", i16, true)
    p->hostSymbols.push_back(count);
    p->memcpy.enabled = true;
    p->memcpy.h2dColors[0] = 2;
    p->sourceFiles = {"layout.csl", "pe_program.csl"};
    return p;
}

} // namespace

class TestArtifact : public QObject {
    Q_OBJECT
  private slots:
    void programRoundTrip() {
        auto p = sampleProgram();
        auto back = artifact::parseProgram(artifact::serializeProgram(*p), "test");
        QCOMPARE(back->arch, sim::Arch::Wse3);
        QCOMPARE(back->fabricWidth, 9u);
        QCOMPARE(back->pes.size(), size_t(2));
        const auto& c = back->classes.at(0);
        QCOMPARE(c.functions.at(0).code.at(0).imm, -7);
        QCOMPARE(c.functions.at(0).code.at(1).op, sim::Op::Return);
        QCOMPARE(c.functions.at(0).locs.at(0).line, 12u);
        QCOMPARE(c.functions.at(0).paramTypes.at(0), sim::ScalarType::U16);
        QCOMPARE(c.constants.at(0), 0xdeadbeefcafef00dull);
        QCOMPARE(c.dsdConstants.at(0).strideBytes[0], -4);
        QCOMPARE(c.dsdConstants.at(0).waveletIndexOffset, int16_t(-1));
        QCOMPARE(c.dsdConstants.at(0).elementBytes, uint8_t(2));
        QCOMPARE(c.dsdConstants.at(0).priority, int8_t(1));
        QCOMPARE(c.dsdOps.at(0).activateTask, int8_t(9));
        QCOMPARE(c.dsdOps.at(0).unblockTask, int8_t(-1));
        QCOMPARE(c.dsdOps.at(0).indexReg, uint16_t(3));
        QCOMPARE(c.dsdOps.at(1).indexReg, sim::kNoReg);
        QCOMPARE(c.dsdOps.at(0).microthreadReg, uint16_t(4));
        QCOMPARE(c.dsdOps.at(1).microthreadReg, sim::kNoReg);
        QCOMPARE(c.tasks[9].initiallyBlocked, true);
        QCOMPARE(c.tasks[10].kind, sim::TaskKind::None);
        QCOMPARE(c.inputQueueColor[2], int8_t(5));
        QCOMPARE(c.inputQueueColor[3], int8_t(-1));
        QCOMPARE(c.data.at(0).bytes, (std::vector<uint8_t>{1, 2, 3, 0}));
        QCOMPARE(c.exports.at(0).pointerAddress, -1);
        QCOMPARE(c.exports.at(1).pointerAddress, 96);
        QCOMPARE(c.exports.at(1).address, 64u);
        const auto& color = back->pes.at(0).colors.at(0);
        QCOMPARE(color.first, uint8_t(5));
        QCOMPARE(color.second.tx,
                 uint8_t(sim::dirBit(sim::Direction::Ramp) | sim::dirBit(sim::Direction::East)));
        QCOMPARE(color.second.switchPositions[1].rx, sim::dirBit(sim::Direction::North));
        QCOMPARE(color.second.popMode, sim::ColorConfig::PopMode::AlwaysPop);
        QCOMPARE(color.second.filter.maxIdx, uint16_t(7));
        QCOMPARE(back->hostSymbols.at(1).inputs.at(1), sim::ScalarType::U16);
        QCOMPARE(back->hostSymbols.at(1).inputNames, (std::vector<std::string>{"alpha", "count"}));
        QCOMPARE(back->memcpy.h2dColors[0], int8_t(2));
        QCOMPARE(back->memcpy.d2hColors[0], int8_t(-1));
        QCOMPARE(back->sourceFiles.at(1), std::string("pe_program.csl"));
        // Serialising again gives the same bytes: nothing was lost or invented.
        QCOMPARE(artifact::serializeProgram(*back), artifact::serializeProgram(*p));
    }

    // serializeProgram writes the message piece by piece: the bytes must be exactly those
    // of one FabricProgram message (what the generated parser reads and writes back), also
    // for an empty PE and a PE config longer than 127 bytes (a two-byte length). Equal PE
    // configurations are stored once (format version 2).
    void streamedProgramIsOneMessage() {
        auto p = sampleProgram();
        p->width = 5;
        sim::PeConfig many;
        many.codeClass = 0;
        for (uint8_t color = 0; color < 12; ++color)
            many.colors.push_back({color, p->pes.at(0).colors.at(0).second});
        p->pes.push_back(many);
        p->pes.push_back({});
        p->pes.push_back(p->pes.at(0));
        const std::string bytes = artifact::serializeProgram(*p);
        tessera::program::FabricProgram message;
        QVERIFY(message.ParseFromString(bytes));
        QCOMPARE(message.format_version(), artifact::kProgramFileVersion);
        QCOMPARE(message.pes_size(), 0);
        QCOMPARE(message.pe_configs_size(), 3); // PE 0 = PE 4, PE 1 = PE 3
        QVERIFY(message.pe_configs(2).ByteSizeLong() > 127);
        QCOMPARE(message.pe_configs(2).colors_size(), 12);
        QCOMPARE(message.pe_configs(1).colors_size(), 0);
        QCOMPARE(
            std::vector<uint32_t>(message.pe_config_of().begin(), message.pe_config_of().end()),
            (std::vector<uint32_t>{0, 1, 2, 1, 0}));
        QCOMPARE(message.SerializeAsString(), bytes);
        const auto back = artifact::parseProgram(bytes, "test");
        QCOMPARE(back->pes.size(), size_t(5));
        QCOMPARE(back->pes.at(2).colors.size(), size_t(12));
        QCOMPARE(back->pes.at(4).colors.at(0).second.filter.maxIdx, uint16_t(7));
        QVERIFY(back->pes.at(3).colors.empty());
    }

    // A full row of PEs that alternate between two configurations, over many rows, with a
    // few unique ones: stored as the distinct ones plus one small index per PE.
    void peTableStoresEachConfigurationOnce() {
        auto p = sampleProgram();
        p->width = 40;
        p->height = 30;
        p->pes.clear();
        for (uint32_t y = 0; y < p->height; ++y)
            for (uint32_t x = 0; x < p->width; ++x) {
                sim::PeConfig pe;
                sim::ColorConfig cc;
                cc.rx = uint8_t(1u << (x % 2));
                cc.tx = sim::dirBit(sim::Direction::Ramp);
                if (x == 7 && y % 10 == 3)
                    cc.filter.maxIdx = uint16_t(y); // three unique PEs
                pe.colors.push_back({uint8_t(x % 3 == 0 ? 1 : 2), cc});
                p->pes.push_back(pe);
            }
        const std::string bytes = artifact::serializeProgram(*p);
        tessera::program::FabricProgram message;
        QVERIFY(message.ParseFromString(bytes));
        // (x%2, x%3==0) gives 4 combinations, plus the 3 unique ones.
        QCOMPARE(message.pe_configs_size(), 7);
        QCOMPARE(message.pe_config_of_size(), 1200);
        const auto back = artifact::parseProgram(bytes, "test");
        QCOMPARE(back->pes.size(), p->pes.size());
        for (size_t i = 0; i < p->pes.size(); ++i) {
            const auto& a = p->pes[i].colors.at(0);
            const auto& b = back->pes[i].colors.at(0);
            QCOMPARE(b.first, a.first);
            QCOMPARE(b.second.rx, a.second.rx);
            QCOMPARE(b.second.filter.maxIdx, a.second.filter.maxIdx);
        }
        QCOMPARE(artifact::serializeProgram(*back), bytes);
    }

    // Programs written before the PE table (format version 1, a message per PE) still load.
    void readsVersion1Files() {
        auto p = sampleProgram();
        tessera::program::FabricProgram message;
        QVERIFY(message.ParseFromString(artifact::serializeProgram(*p)));
        message.set_format_version(1);
        for (uint32_t index : message.pe_config_of())
            *message.add_pes() = message.pe_configs(int(index));
        message.clear_pe_configs();
        message.clear_pe_config_of();
        const auto back = artifact::parseProgram(message.SerializeAsString(), "old.pb");
        QCOMPARE(back->pes.size(), size_t(2));
        QCOMPARE(back->pes.at(0).colors.at(0).first, uint8_t(5));
        QCOMPARE(back->pes.at(0).colors.at(0).second.filter.maxIdx, uint16_t(7));
        QVERIFY(back->pes.at(1).colors.empty());
        QCOMPARE(artifact::serializeProgram(*back), artifact::serializeProgram(*p));
    }

    void unknownVersionsAndBadTablesAreRejected() {
        const auto failure = [](const tessera::program::FabricProgram& message) {
            try {
                artifact::parseProgram(message.SerializeAsString(), "out/bin/out_program.pb");
            } catch (const artifact::ArtifactError& e) {
                return std::string(e.what());
            }
            return std::string("(accepted)");
        };
        tessera::program::FabricProgram good;
        QVERIFY(good.ParseFromString(artifact::serializeProgram(*sampleProgram())));
        auto newer = good;
        newer.set_format_version(3);
        QCOMPARE(failure(newer), std::string("out/bin/out_program.pb: invalid program file: "
                                             "format_version 3 is not one this build reads (1 "
                                             "to 2); recompile with this cslc"));
        auto missing = good;
        missing.clear_format_version();
        QCOMPARE(failure(missing),
                 std::string("out/bin/out_program.pb: invalid program file: format_version is "
                             "missing"));
        auto badIndex = good;
        badIndex.set_pe_config_of(1, 9);
        QCOMPARE(failure(badIndex), std::string("out/bin/out_program.pb: invalid program file: PE "
                                                "(1,0) names PE configuration 9 of 2"));
        auto shortTable = good;
        shortTable.mutable_pe_config_of()->RemoveLast();
        QCOMPARE(failure(shortTable),
                 std::string("out/bin/out_program.pb: invalid program file: 1 PE configuration "
                             "indices for a 2x1 rectangle"));
        auto mixed = good;
        *mixed.add_pes() = good.pe_configs(0);
        QCOMPARE(failure(mixed), std::string("out/bin/out_program.pb: invalid program file: a "
                                             "format_version 2 file has per-PE configurations "
                                             "(field pes)"));
    }

    void everyOpRoundTrips() {
        // The reader checks enum ranges: an op added to sim/program.h (DsdGet) must be
        // accepted, or every program using it fails to load.
        auto p = sampleProgram();
        auto& code = p->classes.at(0).functions.at(0).code;
        code.at(1).op = sim::Op::DsdGet;
        auto back = artifact::parseProgram(artifact::serializeProgram(*p), "test");
        QCOMPARE(back->classes.at(0).functions.at(0).code.at(1).op, sim::Op::DsdGet);
    }

    void damagedProgramIsRejected() {
        QVERIFY_THROWS_EXCEPTION(artifact::ArtifactError,
                                 artifact::parseProgram("garbage\xff", "x.pb"));
        auto p = sampleProgram();
        p->pes.pop_back(); // 1 PE config for a 2x1 rectangle
        try {
            artifact::parseProgram(artifact::serializeProgram(*p), "out/bin/out_program.pb");
            QFAIL("expected ArtifactError");
        } catch (const artifact::ArtifactError& e) {
            QVERIFY2(std::string(e.what()).find("out/bin/out_program.pb") != std::string::npos,
                     e.what());
            QVERIFY2(std::string(e.what()).find("2x1 rectangle") != std::string::npos, e.what());
        }
    }

    void artifactDirectoryRoundTrip() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/out";
        artifact::BuildInfo info;
        info.params = {{"M", "4"}, {"N", "6"}};
        info.colors = {{"x_in", "1"}};
        info.cslcArgs = {"--arch=wse3", "layout.csl"};
        artifact::writeArtifact(dir, *sampleProgram(), info);
        // run.py reads compile_data['params']['M'] as a string.
        const std::string outJson = artifact::readWholeFile(dir + "/out.json");
        QVERIFY2(outJson.find("\"M\": \"4\"") != std::string::npos, outJson.c_str());
        QVERIFY(outJson.find("\"arch\": \"wse3\"") != std::string::npos);
        const std::string rpc = artifact::readWholeFile(dir + "/bin/out_rpc.json");
        QVERIFY2(rpc.find("\"rpc_symbols\"") != std::string::npos, rpc.c_str());
        QVERIFY(rpc.find("\"kind\": \"Func\"") != std::string::npos);
        QVERIFY(rpc.find("\"type\": \"[*]f32\"") != std::string::npos);
        QVERIFY2(rpc.find("\"type\": \"i16\"") != std::string::npos, rpc.c_str());

        auto a = artifact::loadArtifact(dir);
        QCOMPARE(a.info.params.at("N"), std::string("6"));
        QCOMPARE(a.info.colors.at("x_in"), std::string("1"));
        QVERIFY(outJson.find("\"colors\"") != std::string::npos);
        QCOMPARE(a.info.cslcArgs.size(), size_t(2));
        QCOMPARE(a.rpcSymbols.size(), size_t(3));
        QVERIFY(a.program->hostSymbols.at(2).scalar && !a.program->hostSymbols.at(0).scalar);
        QCOMPARE(a.rpcSymbols[0].immutable, false);
        QCOMPARE(a.rpcSymbols[1].inputs.at(1).type, std::string("u16"));
        // The SDK's parse_host_callable_api: out_rpc.json names the PE function's parameters.
        QCOMPARE(a.rpcSymbols[1].inputs.at(1).name, std::string("count"));
        QCOMPARE(a.program->classes.at(0).file, std::string("pe_program.csl"));
    }

    // A path with a Latin-1 byte was written into a program file protobuf could not parse
    // again ("not a Tessera program"), after cslc exited 0.
    void nonUtf8PathsAreRefused() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/out";
        auto program = sampleProgram();
        program->sourceFiles.push_back("/tmp/caf\xe9/layout.csl");
        try {
            artifact::writeArtifact(dir, *program, {});
            QFAIL("expected ArtifactError");
        } catch (const artifact::ArtifactError& e) {
            QCOMPARE(std::string(e.what()),
                     std::string("source path '/tmp/caf\\xe9/layout.csl' is not valid UTF-8; "
                                 "rename it"));
        }
        QVERIFY(!std::filesystem::exists(dir + "/bin/out_program.pb"));
        program->sourceFiles.back() = "/tmp/caf\xc3\xa9/layout.csl"; // UTF-8
        artifact::writeArtifact(dir, *program, {});
        QVERIFY(std::filesystem::exists(dir + "/bin/out_program.pb"));
    }
    void failedWriteKeepsThePreviousArtifactWhole() {
        // A write that fails part-way (here out.json: its temporary's path is taken by a
        // directory; a full disk or a read-only file fail the same way) used to leave the
        // new program beside the old out.json and out_rpc.json, and the error gave no reason.
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/out";
        artifact::BuildInfo before;
        before.params = {{"M", "4"}};
        artifact::writeArtifact(dir, *sampleProgram(), before);
        const std::string program = artifact::readWholeFile(dir + "/bin/out_program.pb");
        const std::string rpc = artifact::readWholeFile(dir + "/bin/out_rpc.json");
        const std::string outJson = artifact::readWholeFile(dir + "/out.json");

        auto changed = sampleProgram();
        changed->classes.at(0).file = "changed.csl";
        changed->hostSymbols.pop_back();
        QVERIFY(std::filesystem::create_directory(dir + "/out.json.tmp"));
        artifact::BuildInfo after;
        after.params = {{"M", "8"}};
        try {
            artifact::writeArtifact(dir, *changed, after);
            QFAIL("expected ArtifactError");
        } catch (const artifact::ArtifactError& e) {
            QVERIFY2(std::string(e.what()).find("out.json: cannot open for writing: Is a "
                                                "directory") != std::string::npos,
                     e.what());
        }
        QCOMPARE(artifact::readWholeFile(dir + "/bin/out_program.pb"), program);
        QCOMPARE(artifact::readWholeFile(dir + "/bin/out_rpc.json"), rpc);
        QCOMPARE(artifact::readWholeFile(dir + "/out.json"), outJson);
        QVERIFY(!std::filesystem::exists(dir + "/bin/out_program.pb.tmp"));
        QVERIFY(!std::filesystem::exists(dir + "/bin/out_rpc.json.tmp"));

        std::filesystem::remove(dir + "/out.json.tmp");
        artifact::writeArtifact(dir, *changed, after);
        QCOMPARE(artifact::loadArtifact(dir).info.params.at("M"), std::string("8"));
    }

    // cslc --output-json into a path that cannot be written wrote the whole output directory
    // first and then failed (build/h-hostile/NOTES.md 6); every other refusal writes nothing.
    void failedExtraFileWritesNothing() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString() + "/new/out";
        const std::string json = tmp.path().toStdString() + "/no-such-dir/out.json";
        try {
            artifact::writeArtifact(dir, *sampleProgram(), {}, {{json, "{}", "--output-json"}});
            QFAIL("expected ArtifactError");
        } catch (const artifact::ArtifactError& e) {
            QCOMPARE(std::string(e.what()), "--output-json: " + json +
                                                ": cannot open for writing: No such file or "
                                                "directory");
        }
        // Neither the files nor the directories this call created are left.
        QVERIFY(!std::filesystem::exists(tmp.path().toStdString() + "/new"));
        // A directory that was there before stays, with its previous artifact whole.
        const std::string kept = tmp.path().toStdString() + "/kept";
        artifact::writeArtifact(kept, *sampleProgram(), {});
        const std::string program = artifact::readWholeFile(kept + "/bin/out_program.pb");
        auto changed = sampleProgram();
        changed->classes.at(0).file = "changed.csl";
        QVERIFY_THROWS_EXCEPTION(
            artifact::ArtifactError,
            artifact::writeArtifact(kept, *changed, {}, {{json, "{}", "--output-json"}}));
        QCOMPARE(artifact::readWholeFile(kept + "/bin/out_program.pb"), program);
        QVERIFY(!std::filesystem::exists(kept + "/bin/out_program.pb.tmp"));
        // Written with the artifact when it can be, also inside the new output directory.
        const std::string inside = tmp.path().toStdString() + "/fresh/params.json";
        artifact::writeArtifact(tmp.path().toStdString() + "/fresh", *sampleProgram(), {},
                                {{inside, "{\"a\": 1}", "--output-json"}});
        QCOMPARE(artifact::readWholeFile(inside), std::string("{\"a\": 1}"));
    }

    // out_rpc.json's "type" of an exported function is its return type; it was "void" for
    // every function, also for one declared `fn(u16) u16` (build/h-randhost/NOTES.md).
    void exportedFunctionTypeIsItsReturnType() {
        auto program = sampleProgram();
        QCOMPARE(artifact::rpcSymbolsOf(*program).at(1).type, std::string("void"));
        program->classes.at(0).functions.at(0).returnType = sim::ScalarType::U16;
        const auto symbols = artifact::rpcSymbolsOf(*program);
        QCOMPARE(symbols.at(1).kind, std::string("Func"));
        QCOMPARE(symbols.at(1).type, std::string("u16"));
        QCOMPARE(symbols.at(0).type, std::string("[*]f32"));
        const std::string text = artifact::rpcJsonText(symbols);
        QCOMPARE(artifact::parseRpcJson(text, "out_rpc.json").at(1).type, std::string("u16"));
    }

    void outJsonIsReproducible() {
        // Protobuf's map printing follows a per-process hash order: with enough keys two
        // writes (or two cslc runs) came out in different orders.
        artifact::BuildInfo info;
        for (int i = 0; i < 64; ++i)
            info.params["param" + std::to_string(1000 + i * 7 % 64)] = std::to_string(i);
        info.colors = {{"b_color", "2"}, {"a_color", "1"}};
        const auto program = sampleProgram();
        const std::string first = artifact::outJsonText(*program, info);
        QCOMPARE(artifact::outJsonText(*program, info), first);
        size_t previous = 0;
        for (const auto& [key, value] : info.params) {
            const size_t at = first.find("\"" + key + "\"");
            QVERIFY2(at != std::string::npos && at > previous, key.c_str());
            previous = at;
        }
        QVERIFY(first.find("\"a_color\"") < first.find("\"b_color\""));
    }

    void loadNamesTheMissingFile() {
        QTemporaryDir tmp;
        const std::string dir = tmp.path().toStdString();
        std::filesystem::create_directories(dir + "/bin");
        try {
            artifact::loadArtifact(dir);
            QFAIL("expected ArtifactError");
        } catch (const artifact::ArtifactError& e) {
            QVERIFY2(std::string(e.what()).find("out_program.pb: missing") != std::string::npos,
                     e.what());
        }
        QVERIFY_THROWS_EXCEPTION(artifact::ArtifactError, artifact::loadArtifact(dir + "/nope"));
    }

    // cslc --out-routes (the SDK 2.10 compiler page: "Print an ASCII table of per-PE color
    // and routing information"): one line per configured color of each PE.
    void routesTable() {
        QVERIFY(artifact::parseCslcArgs({"l.csl", "--out-routes"}).outRoutes);
        sim::FabricProgram p;
        p.width = 2;
        p.height = 1;
        p.pes.resize(2);
        sim::ColorConfig fwd;
        fwd.rx = 1u << int(sim::Direction::Ramp);
        fwd.tx = (1u << int(sim::Direction::East)) | (1u << int(sim::Direction::Ramp));
        fwd.switchPositions[0] = {uint8_t(1u << int(sim::Direction::West)),
                                  uint8_t(1u << int(sim::Direction::Ramp))};
        fwd.ringMode = true;
        sim::ColorConfig sink;
        sink.rx = 1u << int(sim::Direction::West);
        sink.tx = 1u << int(sim::Direction::Ramp);
        sink.filter.kind = sim::FilterConfig::Kind::Range;
        p.pes[0].colors.push_back({3, fwd});
        p.pes[1].colors.push_back({3, sink});
        QCOMPARE(artifact::routesText(p),
                 std::string("PE(0,0) color 3: rx {RAMP} tx {RAMP,EAST}; switch position 1: rx "
                             "{WEST} tx {RAMP}; ring mode\n"
                             "PE(1,0) color 3: rx {WEST} tx {RAMP}; range filter\n"));
    }
    void cslcCommandLine() {
        auto cmd = artifact::parseCslcArgs(
            {"--arch=wse3", "./layout.csl", "--fabric-dims=8,3", "--fabric-offsets", "4,1",
             "--params=M:4,N:6", "--params", "width:2", "-o", "build_out", "--memcpy", "--channels",
             "1", "--colors=x_in:1", "-g0", "--import-path=lib", "--width-west-buf=2"});
        QCOMPARE(cmd.options.layoutFile, std::string("./layout.csl"));
        QCOMPARE(cmd.options.arch, sim::Arch::Wse3);
        QCOMPARE(cmd.options.fabricWidth, 8u);
        QCOMPARE(cmd.options.offsetY, 1u);
        QVERIFY(cmd.options.fabricOffsetsGiven);
        QCOMPARE(cmd.options.params.size(), size_t(3));
        QCOMPARE(cmd.options.params[2].first, std::string("width"));
        QCOMPARE(cmd.options.colors.at(0).second, std::string("1"));
        QCOMPARE(cmd.outDir, std::string("build_out"));
        QVERIFY(cmd.options.memcpy);
        QVERIFY(!cmd.debugInfo);
        QCOMPARE(cmd.options.widthWestBuf, 2u);
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "--channels=4"}).options.channels, 4u);
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "-o=out"}).outDir, std::string("out"));
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "-oout2"}).outDir, std::string("out2"));
        // The same value twice is no conflict (scripts repeat a flag they build up).
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "--params=M:4", "--params=M:4,N:2"})
                     .options.params.size(),
                 size_t(3));
        const auto sections =
            artifact::parseCslcArgs(
                {"l.csl", "--link-section-start-address-bytes=.own_values:20960,.buf.b:40960"})
                .options.linkSectionStartBytes;
        QCOMPARE(sections.size(), size_t(2));
        QCOMPARE(sections[0].first, std::string(".own_values"));
        QCOMPARE(sections[0].second, 20960u);
        QCOMPARE(sections[1].first, std::string(".buf.b"));
        QCOMPARE(sections[1].second, 40960u);
        // The SDK 2.10 compiler page: --output-json[=PATH] and --comptime-func-depth-limit N.
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "--output-json"}).outputJsonPath,
                 std::optional<std::string>(""));
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "--output-json=p.json"}).outputJsonPath,
                 std::optional<std::string>("p.json"));
        QVERIFY(!artifact::parseCslcArgs({"l.csl"}).outputJsonPath);
        QCOMPARE(artifact::parseCslcArgs({"l.csl", "--comptime-func-depth-limit", "100"})
                     .options.comptimeFuncDepthLimit,
                 100u);
    }

    void cslcCommandLineErrors_data() {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("message");
        QTest::newRow("channels 0")
            << QStringList{"l.csl", "--channels", "0"} << "--channels: 0 selects";
        QTest::newRow("channels=0")
            << QStringList{"l.csl", "--channels=0"} << "--channels: 0 selects";
        QTest::newRow("channels 17") << QStringList{"l.csl", "--channels=17"} << "more than 16";
        QTest::newRow("typo") << QStringList{"l.csl", "--chanels=1"} << "did you mean '--channels'";
        QTest::newRow("unknown") << QStringList{"l.csl", "--frobnicate"}
                                 << "unknown flag '--frobnicate'";
        QTest::newRow("arch") << QStringList{"l.csl", "--arch=wse9"} << "--arch: 'wse9'";
        QTest::newRow("dims") << QStringList{"l.csl", "--fabric-dims=8"}
                              << "--fabric-dims: expected two";
        QTest::newRow("dims three") << QStringList{"l.csl", "--fabric-dims=11,3,4"}
                                    << "--fabric-dims: expected two integers 'A,B', got '11,3,4'";
        QTest::newRow("dims split by a space")
            << QStringList{"l.csl", "--fabric-dims=11,", "3"}
            << "--fabric-dims: expected two integers 'A,B', got '11,'";
        QTest::newRow("offsets first empty") << QStringList{"l.csl", "--fabric-offsets=,1"}
                                             << "--fabric-offsets: expected two integers";
        QTest::newRow("offsets that wrap")
            << QStringList{"l.csl", "--fabric-offsets=4294967290,1"}
            << "--fabric-offsets: 4294967290 is more than 1000000 PEs";
        QTest::newRow("dims too large") << QStringList{"l.csl", "--fabric-dims=11,1000001"}
                                        << "--fabric-dims: 1000001 is more than 1000000 PEs";
        QTest::newRow("east buffer too large")
            << QStringList{"l.csl", "--width-east-buf=4000000000"}
            << "--width-east-buf: 4000000000 is more than 1000000 PEs";
        QTest::newRow("param twice") << QStringList{"l.csl", "--params=width:4,size:6,width:5"}
                                     << "--params: 'width' is given twice, as 4 and as 5";
        QTest::newRow("param twice in two flags")
            << QStringList{"l.csl", "--params=M:4", "--params=M:6"}
            << "--params: 'M' is given twice, as 4 and as 6";
        QTest::newRow("color twice") << QStringList{"l.csl", "--colors=c:1,c:2"}
                                     << "--colors: 'c' is given twice, as 1 and as 2";
        QTest::newRow("param and color of one name")
            << QStringList{"l.csl", "--params=p:1", "--colors=p:2"}
            << "'p' is given twice, as --params p:1 and as --colors p:2";
        QTest::newRow("params") << QStringList{"l.csl", "--params=M4"}
                                << "--params: expected 'name:value'";
        QTest::newRow("param name")
            << QStringList{"l.csl", "--params=1M:4"} << "'1M' is not a valid name";
        QTest::newRow("missing value") << QStringList{"l.csl", "-o"} << "-o needs a value";
        QTest::newRow("no layout") << QStringList{"--memcpy"} << "no layout file";
        QTest::newRow("two layouts") << QStringList{"a.csl", "b.csl"} << "more than one layout";
        QTest::newRow("flag value")
            << QStringList{"a.csl", "--memcpy=1"} << "--memcpy takes no value";
        QTest::newRow("fp16") << QStringList{"a.csl", "--fp16-format=f8"} << "--fp16-format";
        QTest::newRow("output json empty")
            << QStringList{"a.csl", "--output-json="} << "--output-json=: the file name is empty";
        QTest::newRow("call depth 0") << QStringList{"a.csl", "--comptime-func-depth-limit=0"}
                                      << "--comptime-func-depth-limit: 0 is outside 1..256";
        QTest::newRow("call depth too deep")
            << QStringList{"a.csl", "--comptime-func-depth-limit=100000"}
            << "--comptime-func-depth-limit: 100000 is outside 1..256";
        QTest::newRow("section name")
            << QStringList{"a.csl", "--link-section-start-address-bytes=buf:40960"}
            << "--link-section-start-address-bytes: 'buf' is not a valid name";
        QTest::newRow("section address")
            << QStringList{"a.csl", "--link-section-start-address-bytes=.buf:4k"}
            << "--link-section-start-address-bytes: '4k' is not a non-negative integer";
    }
    void cslcCommandLineErrors() {
        QFETCH(QStringList, args);
        QFETCH(QString, message);
        std::vector<std::string> v;
        for (const auto& a : args)
            v.push_back(a.toStdString());
        try {
            artifact::parseCslcArgs(v);
            QFAIL("expected UsageError");
        } catch (const artifact::UsageError& e) {
            QVERIFY2(std::string(e.what()).find(message.toStdString()) != std::string::npos,
                     e.what());
        }
    }

    void splitArgs() {
        auto v = artifact::splitArgs(R"(--arch=wse2  'a b.csl' "--params=M:4" x\ y -o"out dir")");
        QCOMPARE(v.size(), size_t(5));
        QCOMPARE(v[1], std::string("a b.csl"));
        QCOMPARE(v[3], std::string("x y"));
        QCOMPARE(v[4], std::string("-oout dir"));
        QVERIFY_THROWS_EXCEPTION(artifact::UsageError, artifact::splitArgs("'open"));
    }
};

QTEST_GUILESS_MAIN(TestArtifact)
#include "tst_artifact.moc"
