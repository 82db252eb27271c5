#include "sim/coredump.h"

#include "sim/fabric_impl.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <memory>
#include <stdexcept>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace sim {

namespace {

struct FileCloser {
    void operator()(FILE* f) const { std::fclose(f); }
};

bool pageIsZero(const uint8_t* page) {
    static const uint8_t zeros[kCorePageBytes] = {};
    return std::memcmp(page, zeros, kCorePageBytes) == 0;
}

} // namespace

void writeCoreDump(const std::string& path, const CoreHeader& headerIn,
                   const std::vector<CorePeRecord>& pesIn,
                   const std::function<const uint8_t*(uint32_t)>& sram,
                   const std::function<std::vector<uint8_t>(uint32_t)>& extension) {
    std::unique_ptr<FILE, FileCloser> file(std::fopen(path.c_str(), "wb"));
    if (!file)
        throw std::runtime_error("cannot write core dump " + path + ": " + std::strerror(errno));
    CoreHeader header = headerIn;
    std::vector<CorePeRecord> pes = pesIn;
    header.peCount = uint32_t(pes.size());
    header.peRecordBytes = sizeof(CorePeRecord);
    header.peTableOffset = sizeof(CoreHeader);
    header.dataOffset = header.peTableOffset + uint64_t(pes.size()) * sizeof(CorePeRecord);
    // Page-align the data area so readers can map single pages if they want to.
    header.dataOffset = (header.dataOffset + kCorePageBytes - 1) / kCorePageBytes * kCorePageBytes;
    uint64_t offset = header.dataOffset;
    for (uint32_t i = 0; i < pes.size(); ++i) {
        pes[i].sramPageMask = 0;
        pes[i].sramOffset = offset;
        const uint8_t* mem = sram(i);
        if (!mem)
            continue;
        for (uint32_t p = 0; p < kCorePagesPerPe; ++p) {
            if (!pageIsZero(mem + p * kCorePageBytes)) {
                pes[i].sramPageMask |= 1u << p;
                offset += kCorePageBytes;
            }
        }
    }
    // Chunks follow the SRAM pages.
    std::vector<std::vector<uint8_t>> chunks(extension ? pes.size() : 0);
    for (uint32_t i = 0; i < chunks.size(); ++i) {
        chunks[i] = extension(i);
        pes[i].extOffset = chunks[i].empty() ? 0 : offset;
        pes[i].extBytes = uint32_t(chunks[i].size());
        offset += chunks[i].size();
    }
    auto put = [&](const void* data, size_t n) {
        if (std::fwrite(data, 1, n, file.get()) != n)
            throw std::runtime_error("cannot write core dump " + path + ": " +
                                     std::strerror(errno));
    };
    put(&header, sizeof header);
    put(pes.data(), pes.size() * sizeof(CorePeRecord));
    const uint64_t written = sizeof header + pes.size() * sizeof(CorePeRecord);
    std::vector<uint8_t> pad(header.dataOffset - written, 0);
    put(pad.data(), pad.size());
    for (uint32_t i = 0; i < pes.size(); ++i) {
        if (!pes[i].sramPageMask)
            continue;
        const uint8_t* mem = sram(i);
        for (uint32_t p = 0; p < kCorePagesPerPe; ++p)
            if (pes[i].sramPageMask & (1u << p))
                put(mem + p * kCorePageBytes, kCorePageBytes);
    }
    for (const std::vector<uint8_t>& c : chunks)
        put(c.data(), c.size());
    if (std::fflush(file.get()) != 0)
        throw std::runtime_error("cannot write core dump " + path + ": " + std::strerror(errno));
}

CoreDumpReader::CoreDumpReader(const std::string& path) : path_(path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        throw std::runtime_error("cannot open core dump " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd, &st) != 0 || st.st_size < off_t(sizeof(CoreHeader))) {
        ::close(fd);
        throw std::runtime_error(path + ": not a Tessera core dump (file too short)");
    }
    size_ = size_t(st.st_size);
    void* map = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
    ::close(fd);
    if (map == MAP_FAILED)
        throw std::runtime_error("cannot map core dump " + path + ": " + std::strerror(errno));
    base_ = static_cast<const uint8_t*>(map);
    std::memcpy(&header_, base_, sizeof header_);
    auto fail = [&](const std::string& why) {
        ::munmap(const_cast<uint8_t*>(base_), size_);
        base_ = nullptr;
        throw std::runtime_error(path + ": " + why);
    };
    if (header_.magic != kCoreMagic)
        fail("not a Tessera core dump (bad magic)");
    if (header_.version < kCoreVersionOldest || header_.version > kCoreVersion)
        fail("unsupported core dump version " + std::to_string(header_.version) +
             " (this build reads versions " + std::to_string(kCoreVersionOldest) + " to " +
             std::to_string(kCoreVersion) + ")");
    const uint32_t recordBytes =
        header_.version == 1 ? kCorePeRecordBytesV1 : uint32_t(sizeof(CorePeRecord));
    if (header_.peRecordBytes != recordBytes ||
        header_.peCount != uint64_t(header_.width) * header_.height ||
        header_.peTableOffset % alignof(CorePeRecord) != 0 || header_.peTableOffset > size_ ||
        uint64_t(header_.peCount) * recordBytes > size_ - header_.peTableOffset)
        fail("corrupt core dump (PE table does not fit the file)");
}

CoreDumpReader::~CoreDumpReader() {
    if (base_)
        ::munmap(const_cast<uint8_t*>(base_), size_);
}

const uint8_t* CoreDumpReader::record(uint32_t x, uint32_t y) const {
    if (x >= header_.width || y >= header_.height)
        throw std::out_of_range("PE(" + std::to_string(x) + "," + std::to_string(y) +
                                ") is outside the " + std::to_string(header_.width) + "x" +
                                std::to_string(header_.height) + " rectangle of " + path_);
    return base_ + header_.peTableOffset +
           (size_t(y) * header_.width + x) * size_t(header_.peRecordBytes);
}

CorePeRecord CoreDumpReader::pe(uint32_t x, uint32_t y) const {
    CorePeRecord rec;
    std::memcpy(&rec, record(x, y), header_.peRecordBytes);
    return rec;
}

uint32_t CoreDumpReader::codeClass(uint32_t x, uint32_t y) const {
    uint32_t cls;
    std::memcpy(&cls, record(x, y) + offsetof(CorePeRecord, codeClass), sizeof cls);
    return cls;
}

std::vector<uint8_t> CoreDumpReader::readSram(uint32_t x, uint32_t y, uint32_t address,
                                              uint32_t size) const {
    std::vector<uint8_t> out(size);
    readSramInto(x, y, address, size, out.data());
    return out;
}

void CoreDumpReader::readSramInto(uint32_t x, uint32_t y, uint32_t address, uint32_t size,
                                  uint8_t* out) const {
    const uint8_t* rec = record(x, y);
    if (uint64_t(address) + size > kCorePagesPerPe * kCorePageBytes)
        throw std::out_of_range("SRAM range " + std::to_string(address) + "+" +
                                std::to_string(size) + " exceeds 48 KB");
    // Only the two fields the pages need, not the whole record.
    uint32_t mask;
    uint64_t sramOffset;
    std::memcpy(&mask, rec + offsetof(CorePeRecord, sramPageMask), sizeof mask);
    std::memcpy(&sramOffset, rec + offsetof(CorePeRecord, sramOffset), sizeof sramOffset);
    for (uint32_t i = 0; i < size;) {
        const uint32_t a = address + i;
        const uint32_t page = a / kCorePageBytes;
        const uint32_t inPage = a % kCorePageBytes;
        const uint32_t n = std::min(size - i, kCorePageBytes - inPage);
        if (mask & (1u << page)) {
            const uint32_t before = std::popcount(mask & ((1u << page) - 1));
            // Checked against the file size before adding, so a corrupt sramOffset cannot
            // wrap around and point back into (or before) the mapping.
            const uint64_t inPe = uint64_t(before) * kCorePageBytes + inPage;
            if (sramOffset > size_ || inPe + n > size_ - sramOffset)
                throw std::runtime_error(path_ + ": truncated core dump (SRAM page missing)");
            std::memcpy(out + i, base_ + sramOffset + inPe, n);
        } else {
            std::memset(out + i, 0, n);
        }
        i += n;
    }
}

namespace {

template <typename T>
void putChunk(std::vector<uint8_t>& out, uint32_t tag, const T* items, size_t count) {
    if (count == 0)
        return;
    const CoreChunkHeader h{tag, uint32_t(count * sizeof(T))};
    const size_t at = out.size();
    out.resize(at + sizeof h + h.bytes + (8 - h.bytes % 8) % 8, 0);
    std::memcpy(out.data() + at, &h, sizeof h);
    std::memcpy(out.data() + at + sizeof h, items, h.bytes);
}

template <typename T> std::vector<T> items(const uint8_t* data, uint32_t bytes) {
    std::vector<T> out(bytes / sizeof(T));
    if (!out.empty())
        std::memcpy(out.data(), data, out.size() * sizeof(T));
    return out;
}

} // namespace

Dsd decodeCoreDsd(const CoreDsdRegister& reg) {
    return unpackDsd(reg.bytes.data());
}

namespace {

// encodeCoreChunks with the SPRT chunk's text given ('\n' after each line) instead of
// details.simprint: a dump joins a PE's lines straight from the simprint window.
std::vector<uint8_t> encodeChunks(const CorePeDetails& d, std::string_view simprintText) {
    const auto bytes = [](const auto& v) { return v.size() * sizeof(v[0]); };
    std::vector<uint8_t> out;
    // Reserved to the size: a window's worth of simprint text must not double the vector
    // when a small chunk follows it.
    constexpr size_t kChunkOverhead = sizeof(CoreChunkHeader) + 8;
    out.reserve(bytes(d.tasks) + bytes(d.queued) + bytes(d.frames) + bytes(d.dsdRegisters) +
                bytes(d.dsdOps) + simprintText.size() + d.simprintPartial.size() +
                sizeof(CoreThreadState) + bytes(d.fifos) + 9 * kChunkOverhead);
    putChunk(out, kChunkTaskProfile, d.tasks.data(), d.tasks.size());
    putChunk(out, kChunkQueued, d.queued.data(), d.queued.size());
    putChunk(out, kChunkFrames, d.frames.data(), d.frames.size());
    putChunk(out, kChunkDsdRegisters, d.dsdRegisters.data(), d.dsdRegisters.size());
    putChunk(out, kChunkDsdOps, d.dsdOps.data(), d.dsdOps.size());
    putChunk(out, kChunkSimprint, simprintText.data(), simprintText.size());
    putChunk(out, kChunkSimprintPartial, d.simprintPartial.data(), d.simprintPartial.size());
    if (d.threads)
        putChunk(out, kChunkThreadState, &*d.threads, 1);
    putChunk(out, kChunkFifos, d.fifos.data(), d.fifos.size());
    return out;
}

} // namespace

std::vector<uint8_t> encodeCoreChunks(const CorePeDetails& d) {
    std::string text;
    for (const std::string& line : d.simprint)
        text.append(line).push_back('\n');
    return encodeChunks(d, text);
}

CorePeDetails CoreDumpReader::details(uint32_t x, uint32_t y) const {
    const CorePeRecord rec = pe(x, y);
    CorePeDetails d;
    if (rec.extBytes == 0)
        return d;
    const std::string where = path_ + ": PE(" + std::to_string(x) + "," + std::to_string(y) + ")";
    if (rec.extOffset > size_ || rec.extBytes > size_ - rec.extOffset)
        throw std::runtime_error(where + ": chunks do not fit the file");
    const uint8_t* p = base_ + rec.extOffset;
    uint64_t at = 0;
    while (at < rec.extBytes) {
        CoreChunkHeader h;
        if (rec.extBytes - at < sizeof h)
            throw std::runtime_error(where + ": truncated chunk header at byte " +
                                     std::to_string(at));
        std::memcpy(&h, p + at, sizeof h);
        at += sizeof h;
        if (h.bytes > rec.extBytes - at)
            throw std::runtime_error(where + ": chunk of " + std::to_string(h.bytes) +
                                     " bytes does not fit");
        const uint8_t* body = p + at;
        switch (h.tag) {
        case kChunkTaskProfile:
            d.tasks = items<CoreTaskProfile>(body, h.bytes);
            break;
        case kChunkQueued:
            d.queued = items<CoreQueuedWavelet>(body, h.bytes);
            break;
        case kChunkFrames:
            d.frames = items<CoreFrame>(body, h.bytes);
            break;
        case kChunkDsdRegisters:
            d.dsdRegisters = items<CoreDsdRegister>(body, h.bytes);
            break;
        case kChunkDsdOps:
            d.dsdOps = items<CoreDsdOp>(body, h.bytes);
            break;
        case kChunkSimprint: {
            const std::string text(reinterpret_cast<const char*>(body), h.bytes);
            size_t start = 0, nl;
            while ((nl = text.find('\n', start)) != std::string::npos) {
                d.simprint.push_back(text.substr(start, nl - start));
                start = nl + 1;
            }
            break;
        }
        case kChunkSimprintPartial:
            d.simprintPartial.assign(reinterpret_cast<const char*>(body), h.bytes);
            break;
        case kChunkThreadState:
            if (h.bytes >= sizeof(CoreThreadState)) {
                d.threads.emplace();
                std::memcpy(&*d.threads, body, sizeof(CoreThreadState));
            }
            break;
        case kChunkFifos:
            d.fifos = items<CoreFifo>(body, h.bytes);
            break;
        default:
            break; // a newer writer's chunk: skipped
        }
        at += h.bytes + (8 - h.bytes % 8) % 8;
    }
    return d;
}

namespace {

CoreDsdOp opOf(const OpState& op, uint8_t slot) {
    CoreDsdOp o;
    o.slot = slot;
    o.waiting = op.waiting;
    o.async = op.async;
    o.opIndex = op.opIndex;
    o.total = op.total;
    o.done = op.done;
    o.line = op.loc.line;
    o.file = op.loc.file;
    o.column = op.loc.column;
    o.waitingSince = op.waitingSince;
    return o;
}

CorePeDetails machineDetails(const Pe& p) {
    CorePeDetails d;
    if (p.profile) {
        std::vector<const TaskProfile*> started;
        for (const TaskProfile& t : p.profile->entries)
            started.push_back(&t);
        std::sort(started.begin(), started.end(),
                  [](const TaskProfile* a, const TaskProfile* b) { return a->slot < b->slot; });
        for (const TaskProfile* t : started) {
            if (t->activations == 0)
                continue;
            CoreTaskProfile c;
            c.task = t->slot == kProfileLaunchSlot ? kTaskLaunch
                     : t->slot == kProfileInitSlot ? kTaskInit
                                                   : t->slot;
            c.activations = t->activations;
            c.cycles = t->cycles;
            c.minCycles = t->minCycles;
            c.maxCycles = t->maxCycles;
            d.tasks.push_back(c);
        }
    }
    auto queue = [&](const Ring<Wavelet>& q, uint8_t where, uint8_t index) {
        for (uint32_t i = 0; i < q.size(); ++i)
            d.queued.push_back(
                {where, index, q.at(i).color, uint8_t(q.at(i).control), q.at(i).payload});
    };
    for (int c = 0; c < kNumColors; ++c)
        queue(p.rampQ[size_t(c)], CoreQueuedWavelet::InputQueue, uint8_t(c));
    for (int q = 0; q < kNumOutputQueues; ++q)
        queue(p.outQ[size_t(q)], CoreQueuedWavelet::OutputQueue, uint8_t(q));
    for (int c = 0; c < kNumColors; ++c) {
        const Ring<RouterEntry>& r = p.routerBuf[size_t(c)];
        for (uint32_t i = 0; i < r.size(); ++i)
            d.queued.push_back({CoreQueuedWavelet::Router, uint8_t(c), r.at(i).w.color,
                                uint8_t(r.at(i).w.control), r.at(i).w.payload});
    }
    for (uint32_t f = 0; f < p.frames.size(); ++f) {
        const Frame& fr = p.frames[f];
        d.frames.push_back({fr.func, fr.pc});
        const Function& fn = p.cls->functions[size_t(fr.func)];
        for (uint32_t r = 0; r < fn.numDsdRegs && fr.dsdBase + r < p.dsds.size(); ++r) {
            CoreDsdRegister reg;
            reg.frame = f;
            reg.reg = r;
            packDsd(p.dsds[fr.dsdBase + r], reg.bytes.data());
            d.dsdRegisters.push_back(reg);
        }
    }
    if (p.mainOp.active)
        d.dsdOps.push_back(opOf(p.mainOp, 255));
    for (size_t i = 0; i < p.uts.size(); ++i)
        if (p.uts[i].active)
            d.dsdOps.push_back(opOf(p.uts[i], uint8_t(i)));
    d.simprintPartial = p.simprintLine;
    if (p.highPriority || p.blockedUts)
        d.threads = CoreThreadState{p.highPriority, p.blockedUts, {}};
    for (uint32_t i = 0; i < p.fifos.size(); ++i) {
        const FifoState& f = p.fifos[i];
        if (f.count || f.emptyEvent || f.fullEvent || f.readLength || f.writeLength)
            d.fifos.push_back({i,
                               f.head,
                               f.count,
                               f.readLength,
                               f.writeLength,
                               uint8_t(f.emptyEvent),
                               uint8_t(f.fullEvent),
                               {}});
    }
    return d;
}

} // namespace

CoreHeader coreHeaderOf(const FabricProgram& program) {
    CoreHeader h;
    h.arch = program.arch == Arch::Wse2 ? 0 : 1;
    h.fabricWidth = program.fabricWidth;
    h.fabricHeight = program.fabricHeight;
    h.offsetX = program.offsetX;
    h.offsetY = program.offsetY;
    h.width = program.width;
    h.height = program.height;
    return h;
}

void writeMachineCore(const std::string& path, const FabricProgram& prog, uint64_t cycle,
                      const std::vector<Pe>& pes, const SimprintWindow& simprint) {
    CoreHeader h = coreHeaderOf(prog);
    h.cycle = cycle;
    std::vector<CorePeRecord> recs(pes.size());
    for (size_t i = 0; i < pes.size(); ++i) {
        const Pe& p = pes[i];
        CorePeRecord& r = recs[i];
        r.x = p.x;
        r.y = p.y;
        r.codeClass = p.classIndex;
        r.currentTask = p.frames.empty() ? -1 : p.currentTask;
        r.activatedTasks = p.activated;
        r.blockedTasks = p.blocked;
        if (!p.frames.empty()) {
            r.function = p.frames.back().func;
            r.pc = p.frames.back().pc;
        }
        r.frameDepth = uint32_t(p.frames.size());
        for (int c = 0; c < kNumColors; ++c) {
            r.inputQueueWavelets[size_t(c)] = uint16_t(p.rampQ[size_t(c)].size());
            r.routerWavelets[size_t(c)] = uint16_t(p.routerBuf[size_t(c)].size());
        }
        for (int q = 0; q < kNumOutputQueues; ++q)
            r.outputQueueWavelets[size_t(q)] = uint16_t(p.outQ[size_t(q)].size());
        r.pendingCommands = uint32_t(p.cmds.size() + p.d2hStreams.size());
        r.instructions = p.stats.instructions;
        r.wavelets = p.stats.wavelets;
        r.stallCycles = p.stats.stallCycles;
        r.taskActivations = p.stats.taskActivations;
    }
    // Simprint lines are "@cycle PE(x,y): text" (rectangle coordinates): each PE's chunk
    // keeps its own, as "@cycle text", joined straight from the window, its size counted
    // first: a copy of the window's lines as strings, and a text grown by appending, each
    // cost a window's size again at the dump.
    const auto visit = [&](auto&& f) {
        simprint.forEachLine([&](std::string_view view) {
            const std::string line(view);
            unsigned x = 0, y = 0;
            int textAt = 0;
            if (std::sscanf(line.c_str(), "@%*u PE(%u,%u): %n", &x, &y, &textAt) < 2 ||
                textAt == 0 || x >= prog.width || y >= prog.height)
                return;
            f(size_t(y) * prog.width + x, std::string_view(line).substr(0, line.find(' ') + 1),
              std::string_view(line).substr(size_t(textAt)));
        });
    };
    std::vector<size_t> textBytes(pes.size());
    visit([&](size_t pe, std::string_view cycle, std::string_view text) {
        textBytes[pe] += cycle.size() + text.size() + 1;
    });
    std::vector<std::string> textOf(pes.size());
    for (size_t i = 0; i < pes.size(); ++i)
        textOf[i].reserve(textBytes[i]);
    visit([&](size_t pe, std::string_view cycle, std::string_view text) {
        textOf[pe].append(cycle).append(text).push_back('\n');
    });
    writeCoreDump(
        path, h, recs, [&](uint32_t i) -> const uint8_t* { return pes[i].mem; },
        [&](uint32_t i) {
            const std::string text = std::move(textOf[i]);
            return encodeChunks(machineDetails(pes[i]), text);
        });
}

} // namespace sim
