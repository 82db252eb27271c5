// libFuzzer target for the appliance request handlers, driven in-process: an embedded
// appliance (no listening port), the generated stubs on its in-process channel, and one
// fuzzed request per input. Input: a selector byte (fuzzfix::Request) and the request
// message bytes. A request without a session (job) id is aimed at a freshly opened and
// loaded session of the fixture program (a fresh job), so the handlers get past the
// lookup. Every call must return a status; a crash, hang or leak is a finding.
#include "backend/appliance/appliance.h"
#include "backend/artifact/program_file.h"
#include "fuzz_fixture.h"

#include "tessera/appliance.grpc.pb.h"

#include <grpcpp/grpcpp.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace pb = tessera::appliance;
using fuzzfix::Request;

namespace {

struct Client {
    std::unique_ptr<appliance::Appliance> server;
    std::shared_ptr<grpc::Channel> channel;
    std::unique_ptr<pb::Version::Stub> version;
    std::unique_ptr<pb::Compile::Stub> compile;
    std::unique_ptr<pb::Launcher::Stub> launcher;
    std::unique_ptr<pb::Runtime::Stub> runtime;
    std::unique_ptr<pb::Debug::Stub> debug;
    std::string program = artifact::serializeProgram(*fuzzfix::program());

    Client() {
        // Requests with invalid UTF-8 in string fields are rejected by the parser; its
        // log line per rejection would drown libFuzzer's output.
        google::protobuf::SetLogHandler(nullptr);
        appliance::ApplianceOptions o;
        o.maxUploadBytes = 1 << 20;
        o.commandTimeoutSeconds = 5;
        server = appliance::Appliance::startEmbedded(o);
        channel = server->inProcessChannel();
        version = pb::Version::NewStub(channel);
        compile = pb::Compile::NewStub(channel);
        launcher = pb::Launcher::NewStub(channel);
        runtime = pb::Runtime::NewStub(channel);
        debug = pb::Debug::NewStub(channel);
    }
};

Client& client() {
    static Client c;
    return c;
}

// Bounded: a handler that does not answer within this time is reported as a hang by
// libFuzzer's -timeout rather than blocking the run forever.
struct Ctx : grpc::ClientContext {
    Ctx() { set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(10)); }
};

std::string openLoaded(Client& c) {
    Ctx ctx;
    pb::OpenRequest req;
    req.set_program(c.program);
    pb::OpenReply reply;
    if (!c.runtime->Open(&ctx, req, &reply).ok())
        return {};
    Ctx loadCtx;
    pb::SessionRef ref;
    ref.set_session_id(reply.session_id());
    pb::Empty empty;
    (void)c.runtime->Load(&loadCtx, ref, &empty);
    return reply.session_id();
}

void closeSession(Client& c, const std::string& id) {
    if (id.empty())
        return;
    Ctx ctx;
    pb::SessionRef ref;
    ref.set_session_id(id);
    pb::Empty empty;
    (void)c.runtime->Close(&ctx, ref, &empty);
}

void closeJob(Client& c, const std::string& id) {
    if (id.empty())
        return;
    Ctx ctx;
    pb::JobRef ref;
    ref.set_job_id(id);
    pb::Empty empty;
    (void)c.launcher->CloseJob(&ctx, ref, &empty);
}

template <typename Reply, typename Stub, typename Fn, typename Req>
void unary(Stub& stub, Fn fn, const Req& req) {
    Ctx ctx;
    Reply reply;
    (void)(stub.*fn)(&ctx, req, &reply);
}

template <typename Reply, typename Reader> void drain(Reader reader) {
    Reply r;
    while (reader->Read(&r)) {
    }
    (void)reader->Finish();
}

// Parses the request; fills an empty session id with a loaded session's.
template <typename Req> bool parse(Req& req, const std::string& bytes, const std::string& session) {
    if (!req.ParseFromString(bytes))
        return false;
    if (req.session_id().empty())
        req.set_session_id(session);
    return true;
}

void runtimeOrDebug(Client& c, Request which, const std::string& bytes) {
    const std::string session = openLoaded(c);
    switch (which) {
    case Request::Load:
    case Request::Start:
    case Request::Stop:
    case Request::Close:
    case Request::DumpCore:
    case Request::Pause:
    case Request::Resume: {
        pb::SessionRef req;
        if (!parse(req, bytes, session))
            break;
        using S = pb::Runtime::Stub;
        if (which == Request::Load)
            unary<pb::Empty>(*c.runtime, &S::Load, req);
        else if (which == Request::Start)
            unary<pb::Empty>(*c.runtime, &S::Start, req);
        else if (which == Request::Stop)
            unary<pb::StopReply>(*c.runtime, &S::Stop, req);
        else if (which == Request::Close)
            unary<pb::Empty>(*c.runtime, &S::Close, req);
        else if (which == Request::DumpCore) {
            Ctx ctx;
            drain<pb::Bytes>(c.runtime->DumpCore(&ctx, req));
        } else if (which == Request::Pause)
            unary<pb::Frame>(*c.debug, &pb::Debug::Stub::Pause, req);
        else
            unary<pb::Frame>(*c.debug, &pb::Debug::Stub::Resume, req);
        break;
    }
    case Request::GetId: {
        pb::GetIdRequest req;
        if (parse(req, bytes, session))
            unary<pb::GetIdReply>(*c.runtime, &pb::Runtime::Stub::GetId, req);
        break;
    }
    case Request::Launch: {
        pb::LaunchRequest req;
        if (parse(req, bytes, session))
            unary<pb::TaskReply>(*c.runtime, &pb::Runtime::Stub::Launch, req);
        break;
    }
    case Request::Call: {
        pb::CallRequest req;
        if (parse(req, bytes, session))
            unary<pb::TaskReply>(*c.runtime, &pb::Runtime::Stub::Call, req);
        break;
    }
    case Request::Memcpy: {
        pb::MemcpyRequest req;
        if (parse(req, bytes, session))
            unary<pb::TaskReply>(*c.runtime, &pb::Runtime::Stub::Memcpy, req);
        break;
    }
    case Request::Task: {
        pb::TaskRequest req;
        if (parse(req, bytes, session))
            unary<pb::TaskReply>(*c.runtime, &pb::Runtime::Stub::Task, req);
        break;
    }
    case Request::ReadSymbol: {
        pb::ReadSymbolRequest req;
        if (parse(req, bytes, session))
            unary<pb::Bytes>(*c.runtime, &pb::Runtime::Stub::ReadSymbol, req);
        break;
    }
    case Request::Step: {
        pb::StepRequest req;
        if (parse(req, bytes, session))
            unary<pb::Frame>(*c.debug, &pb::Debug::Stub::Step, req);
        break;
    }
    case Request::SetBreakpoints: {
        pb::BreakpointsRequest req;
        if (parse(req, bytes, session))
            unary<pb::Empty>(*c.debug, &pb::Debug::Stub::SetBreakpoints, req);
        break;
    }
    case Request::Frames: {
        pb::FramesRequest req;
        if (parse(req, bytes, session)) {
            // max_frames 0 streams until the client cancels (by design): end it early.
            Ctx ctx;
            ctx.set_deadline(std::chrono::system_clock::now() + std::chrono::milliseconds(200));
            drain<pb::Frame>(c.debug->Frames(&ctx, req));
        }
        break;
    }
    default:
        break;
    }
    closeSession(c, session);
}

void launcher(Client& c, Request which, const std::string& bytes) {
    // A job with the fixture artifact staged, for requests that name none.
    std::string job;
    {
        Ctx ctx;
        pb::CreateJobRequest req;
        req.set_artifact_name("out");
        auto* f = req.add_artifact_files();
        f->set_path("bin/out_program.pb");
        f->set_data(c.program);
        pb::JobReply reply;
        if (c.launcher->CreateJob(&ctx, req, &reply).ok())
            job = reply.job_id();
    }
    if (which == Request::Stage) {
        pb::StageRequest req;
        if (req.ParseFromString(bytes)) {
            if (req.job_id().empty())
                req.set_job_id(job);
            unary<pb::Empty>(*c.launcher, &pb::Launcher::Stub::Stage, req);
        }
    } else if (which == Request::Download) {
        pb::DownloadRequest req;
        if (req.ParseFromString(bytes)) {
            if (req.job_id().empty())
                req.set_job_id(job);
            unary<pb::FileEntry>(*c.launcher, &pb::Launcher::Stub::Download, req);
        }
    } else if (which == Request::CloseJob) {
        pb::JobRef req;
        if (req.ParseFromString(bytes)) {
            if (req.job_id().empty())
                req.set_job_id(job);
            unary<pb::Empty>(*c.launcher, &pb::Launcher::Stub::CloseJob, req);
        }
    } else if (which == Request::CreateJob) {
        pb::CreateJobRequest req;
        if (req.ParseFromString(bytes)) {
            Ctx ctx;
            pb::JobReply reply;
            if (c.launcher->CreateJob(&ctx, req, &reply).ok())
                closeJob(c, reply.job_id());
        }
    }
    closeJob(c, job);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size == 0 || data[0] >= uint8_t(Request::Count))
        return 0;
    Client& c = client();
    const auto which = Request(data[0]);
    const std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
    switch (which) {
    case Request::Handshake: {
        pb::HandshakeRequest req;
        if (req.ParseFromString(bytes))
            unary<pb::HandshakeReply>(*c.version, &pb::Version::Stub::Handshake, req);
        break;
    }
    case Request::Compile: {
        pb::CompileRequest req;
        if (req.ParseFromString(bytes)) {
            Ctx ctx;
            drain<pb::CompileEvent>(c.compile->Compile(&ctx, req));
        }
        break;
    }
    case Request::Open: {
        pb::OpenRequest req;
        if (req.ParseFromString(bytes)) {
            Ctx ctx;
            pb::OpenReply reply;
            if (c.runtime->Open(&ctx, req, &reply).ok()) {
                // An accepted upload is loaded into the simulator, as a host would next.
                pb::SessionRef ref;
                ref.set_session_id(reply.session_id());
                unary<pb::Empty>(*c.runtime, &pb::Runtime::Stub::Load, ref);
                closeSession(c, reply.session_id());
            }
        }
        break;
    }
    case Request::CreateJob:
    case Request::Stage:
    case Request::Download:
    case Request::CloseJob:
        launcher(c, which, bytes);
        break;
    default:
        runtimeOrDebug(c, which, bytes);
        break;
    }
    return 0;
}
