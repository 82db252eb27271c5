#include "backend/artifact/artifact.h"

#include "tessera/artifact_json.pb.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/json_util.h>
#include <google/protobuf/util/type_resolver_util.h>

#include <filesystem>
#include <sstream>

namespace artifact {
namespace fs = std::filesystem;
namespace pb = tessera::artifact;

namespace {

// A Func symbol's "type" is its return type, as a Var's is its own: the PE function of the
// first class exporting it (every exporter has the @export_name signature; "void" was
// written for every function, also for `fn(u16) u16`).
sim::ScalarType returnTypeOf(const sim::FabricProgram& program, const std::string& name) {
    for (const sim::CodeClass& c : program.classes)
        for (const sim::ClassExport& e : c.exports)
            if (e.isFunction && e.name == name && e.function >= 0 &&
                size_t(e.function) < c.functions.size())
                return c.functions[size_t(e.function)].returnType;
    return sim::ScalarType::Void;
}

} // namespace

std::vector<RpcSymbol> rpcSymbolsOf(const sim::FabricProgram& program) {
    std::vector<RpcSymbol> out;
    for (const auto& h : program.hostSymbols) {
        RpcSymbol s;
        s.id = h.id;
        s.name = h.name;
        if (h.kind == sim::HostSymbol::Kind::Var) {
            s.kind = "Var";
            s.type = (h.scalar ? std::string() : std::string("[*]")) + sim::typeName(h.elementType);
            s.immutable = !h.mutableFromHost;
        } else {
            s.kind = "Func";
            s.type = sim::typeName(returnTypeOf(program, h.name));
            for (size_t i = 0; i < h.inputs.size(); ++i)
                s.inputs.push_back(
                    {i < h.inputNames.size() ? h.inputNames[i] : "arg" + std::to_string(i),
                     sim::typeName(h.inputs[i])});
        }
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

std::string toJson(const google::protobuf::Message& m) {
    google::protobuf::util::JsonPrintOptions options;
    options.add_whitespace = true;
    options.preserve_proto_field_names = true;
    options.always_print_primitive_fields = true;
    // MessageToJsonString prints maps in hash order, which differs between runs; the same
    // compile must give the same out.json, so print from a deterministic (key-sorted) encoding.
    std::string binary;
    {
        google::protobuf::io::StringOutputStream stream(&binary);
        google::protobuf::io::CodedOutputStream coded(&stream);
        coded.SetSerializationDeterministic(true);
        if (!m.SerializeToCodedStream(&coded))
            throw ArtifactError("JSON encoding failed: cannot serialize " + m.GetTypeName());
    }
    constexpr const char* kTypeUrlPrefix = "type.googleapis.com";
    const std::unique_ptr<google::protobuf::util::TypeResolver> resolver(
        google::protobuf::util::NewTypeResolverForDescriptorPool(
            kTypeUrlPrefix, m.GetDescriptor()->file()->pool()));
    std::string text;
    auto status = google::protobuf::util::BinaryToJsonString(
        resolver.get(), std::string(kTypeUrlPrefix) + "/" + m.GetDescriptor()->full_name(), binary,
        &text, options);
    if (!status.ok())
        throw ArtifactError("JSON encoding failed: " + std::string(status.message()));
    return text;
}

void fromJson(const std::string& text, google::protobuf::Message* m, const std::string& what) {
    google::protobuf::util::JsonParseOptions options;
    options.ignore_unknown_fields = true; // the SDK's files carry fields we do not use
    auto status = google::protobuf::util::JsonStringToMessage(text, m, options);
    if (!status.ok())
        throw ArtifactError(what + ": " + std::string(status.message()));
}

} // namespace

namespace {

std::string directionSet(uint8_t mask) {
    static const char* const kNames[] = {"RAMP", "NORTH", "SOUTH", "EAST", "WEST"};
    std::string out = "{";
    for (int d = 0; d < 5; ++d) {
        if (mask & (1u << d))
            out += std::string(out.size() > 1 ? "," : "") + kNames[d];
    }
    return out + "}";
}

} // namespace

std::string routesText(const sim::FabricProgram& program) {
    static const char* const kFilters[] = {"", "counter", "sparse counter", "range"};
    std::ostringstream out;
    for (uint32_t y = 0; y < program.height; ++y) {
        for (uint32_t x = 0; x < program.width; ++x) {
            for (const auto& [color, cfg] : program.pes[size_t(y) * program.width + x].colors) {
                out << "PE(" << x << "," << y << ") color " << int(color) << ": rx "
                    << directionSet(cfg.rx) << " tx " << directionSet(cfg.tx);
                for (size_t k = 0; k < cfg.switchPositions.size(); ++k) {
                    const sim::SwitchPosition& sp = cfg.switchPositions[k];
                    if (sp.rx || sp.tx)
                        out << "; switch position " << k + 1 << ": rx " << directionSet(sp.rx)
                            << " tx " << directionSet(sp.tx);
                }
                if (cfg.ringMode)
                    out << "; ring mode";
                if (cfg.filter.kind != sim::FilterConfig::Kind::None)
                    out << "; " << kFilters[int(cfg.filter.kind)] << " filter";
                if (cfg.teardown)
                    out << "; teardown";
                out << "\n";
            }
        }
    }
    return out.str();
}

std::string outJsonText(const sim::FabricProgram& program, const BuildInfo& info) {
    pb::OutJson j;
    for (const auto& [k, v] : info.params)
        (*j.mutable_params())[k] = v;
    for (const auto& [k, v] : info.colors)
        (*j.mutable_colors())[k] = v;
    j.set_arch(program.arch == sim::Arch::Wse3 ? "wse3" : "wse2");
    j.add_fabric_dims(program.fabricWidth);
    j.add_fabric_dims(program.fabricHeight);
    j.add_fabric_offsets(program.offsetX);
    j.add_fabric_offsets(program.offsetY);
    j.add_rectangle(program.width);
    j.add_rectangle(program.height);
    j.set_memcpy(program.memcpy.enabled);
    j.set_channels(program.memcpy.channels);
    j.set_width_west_buf(program.memcpy.westBuffer);
    j.set_width_east_buf(program.memcpy.eastBuffer);
    j.set_fp16_format(info.fp16Format);
    j.set_program_file(kProgramFile);
    j.set_compiler("tessera cslc");
    for (const auto& a : info.cslcArgs)
        j.add_cslc_args(a);
    return toJson(j);
}

std::string rpcJsonText(const std::vector<RpcSymbol>& symbols) {
    pb::OutRpc j;
    for (const auto& s : symbols) {
        auto* r = j.add_rpc_symbols();
        r->set_id(s.id);
        r->set_name(s.name);
        r->set_type(s.type);
        r->set_kind(s.kind);
        r->set_immutable(s.immutable);
        for (const auto& in : s.inputs) {
            auto* i = r->add_inputs();
            i->set_name(in.name);
            i->set_type(in.type);
        }
    }
    return toJson(j);
}

std::vector<RpcSymbol> parseRpcJson(const std::string& text, const std::string& what) {
    pb::OutRpc j;
    fromJson(text, &j, what);
    std::vector<RpcSymbol> out;
    for (const auto& r : j.rpc_symbols()) {
        RpcSymbol s{r.id(), r.name(), r.type(), r.kind(), r.immutable(), {}};
        if (s.kind != "Var" && s.kind != "Func" && s.kind != "Stream")
            throw ArtifactError(what + ": symbol '" + s.name + "' has kind '" + s.kind +
                                "', expected Var, Func or Stream");
        for (const auto& i : r.inputs())
            s.inputs.push_back({i.name(), i.type()});
        out.push_back(std::move(s));
    }
    return out;
}

namespace {

// Protobuf strings must be UTF-8: a path with a Latin-1 byte was written (with a protobuf
// warning) into a program file the runtime then could not parse.
bool validUtf8(const std::string& s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const int more = c < 0x80           ? 0
                         : (c >> 5) == 0x6  ? 1
                         : (c >> 4) == 0xe  ? 2
                         : (c >> 3) == 0x1e ? 3
                                            : -1;
        if (more < 0 || i + size_t(more) >= s.size() + (more == 0 ? 1 : 0))
            return false;
        for (int k = 1; k <= more; ++k)
            if ((static_cast<unsigned char>(s[i + size_t(k)]) >> 6) != 0x2)
                return false;
        i += size_t(more) + 1;
    }
    return true;
}

void failUnlessUtf8(const std::string& text, const std::string& what) {
    if (validUtf8(text))
        return;
    std::string shown;
    for (const char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7f) {
            shown += ch;
        } else {
            static const char kHex[] = "0123456789abcdef";
            shown += std::string("\\x") + kHex[c >> 4] + kHex[c & 15];
        }
    }
    throw ArtifactError(what + " '" + shown + "' is not valid UTF-8; rename it");
}

} // namespace

void writeArtifact(const std::string& dir, const sim::FabricProgram& program, const BuildInfo& info,
                   const std::vector<ExtraFile>& extra) {
    for (const std::string& f : program.sourceFiles)
        failUnlessUtf8(f, "source path");
    for (const std::string& a : info.cslcArgs)
        failUnlessUtf8(a, "cslc argument");
    std::error_code ec;
    // The directories this call creates, deepest first, so a failure removes them again.
    std::vector<fs::path> created;
    for (fs::path p = fs::path(dir) / "bin"; !p.empty() && !fs::exists(p, ec);
         p = p.parent_path()) {
        created.push_back(p);
        if (p == p.parent_path())
            break;
    }
    fs::create_directories(fs::path(dir) / "bin", ec);
    if (ec)
        throw ArtifactError(dir + ": cannot create output directory: " + ec.message());
    // All files are written beside their targets first and put in place only when all
    // were written: a failure (disk full, a read-only file, an --output-json path that
    // cannot be written) leaves the previous artifact whole, not a new program beside an
    // old out.json and out_rpc.json, and no new output directory.
    std::vector<ExtraFile> files = {
        {(fs::path(dir) / kProgramFile).string(), serializeProgram(program), ""},
        {(fs::path(dir) / kRpcJson).string(), rpcJsonText(rpcSymbolsOf(program)), ""},
        {(fs::path(dir) / kOutJson).string(), outJsonText(program, info), ""},
    };
    files.insert(files.end(), extra.begin(), extra.end());
    size_t written = 0;
    try {
        for (; written < files.size(); ++written)
            writeTemporaryFile(files[written].path, files[written].bytes);
    } catch (const ArtifactError& e) {
        for (size_t i = 0; i < written; ++i)
            fs::remove(files[i].path + ".tmp", ec);
        for (const fs::path& p : created)
            fs::remove(p, ec); // only if still empty
        const std::string& what = files[written].what;
        if (what.empty())
            throw;
        throw ArtifactError(what + ": " + e.what());
    }
    for (const ExtraFile& f : files)
        replaceWithTemporaryFile(f.path);
}

Artifact loadArtifact(const std::string& dir) {
    if (!fs::is_directory(dir))
        throw ArtifactError(dir + ": not a compile output directory (run cslc -o " + dir + ")");
    Artifact a;
    a.dir = dir;
    const auto programPath = (fs::path(dir) / kProgramFile).string();
    if (!fs::exists(programPath))
        throw ArtifactError(programPath + ": missing; " + dir +
                            " was not written by Tessera's cslc (recompile it)");
    a.program = readProgramFile(programPath);
    const auto rpcPath = (fs::path(dir) / kRpcJson).string();
    a.rpcSymbols = parseRpcJson(readWholeFile(rpcPath), rpcPath);
    const auto outPath = (fs::path(dir) / kOutJson).string();
    pb::OutJson j;
    fromJson(readWholeFile(outPath), &j, outPath);
    a.info.params.insert(j.params().begin(), j.params().end());
    a.info.colors.insert(j.colors().begin(), j.colors().end());
    a.info.fp16Format = j.fp16_format();
    a.info.cslcArgs.assign(j.cslc_args().begin(), j.cslc_args().end());
    return a;
}

} // namespace artifact
