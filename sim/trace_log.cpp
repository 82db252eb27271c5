#include "sim/trace_log.h"

#include "sim/costs.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fcntl.h>
#include <stdexcept>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

namespace sim {

namespace {

uint64_t peKey(uint32_t x, uint32_t y) {
    return uint64_t(x) << 32 | y;
}

// Reads an unsigned decimal number at the front of `s` and drops it.
bool takeNumber(std::string_view& s, uint64_t& value) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), value);
    if (ec != std::errc() || end == s.data())
        return false;
    s.remove_prefix(size_t(end - s.data()));
    return true;
}

bool takePrefix(std::string_view& s, std::string_view prefix) {
    if (!s.starts_with(prefix))
        return false;
    s.remove_prefix(prefix.size());
    return true;
}

[[noreturn]] void malformed(const std::string& line) {
    throw std::runtime_error("malformed trace line: " + line);
}

bool parseColor(std::string_view& s, int& color) {
    uint64_t c = 0;
    if (!takePrefix(s, "C") || !takeNumber(s, c) || c >= 32)
        return false;
    color = int(c);
    return true;
}

// Reads up to `bytes` at `offset` of `fd`; throws naming `path`.
std::string readAt(int fd, const std::string& path, uint64_t offset, uint64_t bytes) {
    std::string buffer(bytes, '\0');
    uint64_t done = 0;
    while (done < bytes) {
        const ssize_t n = ::pread(fd, buffer.data() + done, bytes - done, off_t(offset + done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            throw std::runtime_error("cannot read " + path + ": " + std::strerror(errno));
        }
        if (n == 0)
            break;
        done += uint64_t(n);
    }
    buffer.resize(done);
    return buffer;
}

template <typename Fn> void forEachLine(std::string_view text, Fn&& fn) {
    while (!text.empty()) {
        const size_t end = std::min(text.find('\n'), text.size());
        fn(text.substr(0, end));
        text.remove_prefix(std::min(end + 1, text.size()));
    }
}

} // namespace

bool parseTraceLine(const std::string& line, ParsedTraceLine& out) {
    std::string_view s(line);
    uint64_t cycle = 0, x = 0, y = 0;
    if (!takePrefix(s, "@") || !takeNumber(s, cycle) || !takePrefix(s, " "))
        return false;
    // "P4.1" starts a trace line. Anything else is a simprint line ("@c text", as the SDK's
    // simulator writes them, so "Phase 1 done" starts with a P too) or the header; a line
    // is malformed only once it has begun one of the trace forms below.
    if (!takePrefix(s, "P") || !takeNumber(s, x) || !takePrefix(s, ".") || !takeNumber(s, y))
        return false;
    out = {};
    out.x = uint32_t(x);
    out.y = uint32_t(y);
    TraceEvent& e = out.event;
    e.cycle = cycle;
    if (takePrefix(s, ": [EX OP] ^ ")) {
        // "0x0012: T3 DsdExec fadds recv" / "0x0003: Tlaunch Add main"
        uint64_t pc = 0;
        if (!takePrefix(s, "0x"))
            malformed(line);
        const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), pc, 16);
        if (ec != std::errc())
            malformed(line);
        s.remove_prefix(size_t(end - s.data()));
        if (!takePrefix(s, ": T"))
            malformed(line);
        e.kind = TraceEvent::Kind::Instruction;
        e.pc = uint32_t(pc);
        if (takePrefix(s, "launch"))
            e.task = TraceEvent::kLaunchTask;
        else if (takePrefix(s, "init"))
            e.task = TraceEvent::kInitTask;
        else {
            uint64_t task = 0;
            if (!takeNumber(s, task) || task >= 64)
                malformed(line);
            e.task = int(task);
        }
        while (!s.empty() && s.front() == ' ')
            s.remove_prefix(1);
        if (s.empty())
            malformed(line);
        e.text = std::string(s); // "DsdExec fadds recv": op, DSD op, function
        return true;
    }
    if (takePrefix(s, " (hwtile) landing ")) {
        // "C5 from link N": arrived from the north neighbour, which sent it south.
        if (!parseColor(s, e.color) || !takePrefix(s, " from link ") || s.size() != 1)
            return false; // simprint text ("P2.3 (hwtile) landing soon")
        e.kind = TraceEvent::Kind::WaveletIn;
        e.link = s.front();
        out.hasSender = true;
        out.senderX = out.x;
        out.senderY = out.y;
        switch (e.link) {
        case 'N':
            out.senderY = out.y - 1;
            out.senderLink = 'S';
            break;
        case 'S':
            out.senderY = out.y + 1;
            out.senderLink = 'N';
            break;
        case 'E':
            out.senderX = out.x + 1;
            out.senderLink = 'W';
            break;
        case 'W':
            out.senderX = out.x - 1;
            out.senderLink = 'E';
            break;
        default:
            return false;
        }
        return true;
    }
    if (takePrefix(s, " Backpressure on ")) {
        if (!parseColor(s, e.color))
            return false;
        e.kind = TraceEvent::Kind::Stall;
        e.text = "backpressure on color " + std::to_string(e.color) +
                 (s.find("RAMP") != std::string_view::npos ? " towards the CE" : "");
        return true;
    }
    if (s.find(" stalled at element ") != std::string_view::npos && takePrefix(s, ": ")) {
        // "fadds stalled at element 3/8 (waiting for wavelets or queue room)"
        e.kind = TraceEvent::Kind::Stall;
        e.text = std::string(s.substr(0, std::min(s.find(" ("), s.size())));
        return true;
    }
    // Router lines ("wavelet C5 ctrl=0, ... departing=/E___R/") repeat what the landings
    // show; the timeline reads the landings. Other text is a simprint line.
    return false;
}

TraceLog::TraceLog(const std::string& path) : path_(path) {
    fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd_ < 0)
        throw std::runtime_error("cannot open " + path + ": " + std::strerror(errno));
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
        const std::string reason = std::strerror(errno);
        ::close(fd_);
        throw std::runtime_error("cannot read " + path + ": " + reason);
    }
    fileBytes_ = uint64_t(st.st_size);
    try {
        constexpr uint64_t kChunk = 1 << 20;
        Block block;
        std::string carry; // an unfinished line from the previous chunk
        uint64_t offset = 0;
        ParsedTraceLine parsed;
        auto note = [&](const std::string& line, uint64_t lineStart) {
            ++lines_;
            if (block.bytes == 0)
                block.offset = lineStart;
            block.bytes = lineStart + line.size() + 1 - block.offset;
            bool ok = false;
            try {
                ok = parseTraceLine(line, parsed);
            } catch (const std::runtime_error& e) {
                throw std::runtime_error(path_ + ":" + std::to_string(lines_) + ": " + e.what());
            }
            if (ok) {
                const TraceEvent& e = parsed.event;
                block.minCycle = std::min(block.minCycle, e.cycle);
                block.maxCycle = std::max(block.maxCycle, e.cycle);
                if (!anyEvent_ || e.cycle < firstCycle_)
                    firstCycle_ = e.cycle;
                lastCycle_ = std::max(lastCycle_, e.cycle);
                anyEvent_ = true;
                TracePeLanes& lanes = lanes_[peKey(parsed.x, parsed.y)];
                switch (e.kind) {
                case TraceEvent::Kind::Instruction: {
                    ++lanes.instructions;
                    auto [it, added] = lanes.tasks.try_emplace(e.task);
                    if (added) {
                        // The function is the last word ("DsdExec fadds recv" -> "recv").
                        const size_t space = e.text.rfind(' ');
                        it->second = space == std::string::npos ? e.text : e.text.substr(space + 1);
                    }
                    break;
                }
                case TraceEvent::Kind::WaveletIn: {
                    lanes.colorsIn |= 1u << e.color;
                    ++lanes.waveletsIn;
                    TracePeLanes& sender = lanes_[peKey(parsed.senderX, parsed.senderY)];
                    sender.colorsOut |= 1u << e.color;
                    ++sender.waveletsOut;
                    break;
                }
                case TraceEvent::Kind::Stall:
                    lanes.stalls = true;
                    ++lanes.stallEvents;
                    break;
                case TraceEvent::Kind::WaveletOut:
                    break;
                }
            }
            if (block.bytes >= kBlockBytes) {
                blocks_.push_back(block);
                block = {};
            }
        };
        while (offset < fileBytes_) {
            const std::string chunk =
                readAt(fd_, path_, offset, std::min(kChunk, fileBytes_ - offset));
            if (chunk.empty())
                break;
            std::string_view rest(chunk);
            uint64_t restOffset = offset;
            while (!rest.empty()) {
                const size_t nl = rest.find('\n');
                if (nl == std::string_view::npos) {
                    carry.append(rest);
                    break;
                }
                const uint64_t lineStart = restOffset - carry.size();
                carry.append(rest.substr(0, nl));
                note(carry, lineStart);
                carry.clear();
                rest.remove_prefix(nl + 1);
                restOffset += nl + 1;
            }
            offset += chunk.size();
        }
        if (!carry.empty()) // a last line without a newline
            note(carry, offset - carry.size());
        if (block.bytes > 0)
            blocks_.push_back(block);
    } catch (...) {
        ::close(fd_);
        throw;
    }
}

TraceLog::~TraceLog() {
    if (fd_ >= 0)
        ::close(fd_);
}

TracePeLanes TraceLog::lanes(uint32_t x, uint32_t y) const {
    const auto it = lanes_.find(peKey(x, y));
    return it == lanes_.end() ? TracePeLanes{} : it->second;
}

std::vector<std::pair<uint32_t, uint32_t>> TraceLog::pes() const {
    std::vector<std::pair<uint32_t, uint32_t>> out;
    out.reserve(lanes_.size());
    for (const auto& [key, lanes] : lanes_)
        out.emplace_back(uint32_t(key >> 32), uint32_t(key));
    return out;
}

TraceWindow TraceLog::window(uint32_t x, uint32_t y, uint64_t begin, uint64_t end,
                             size_t maxBytes) const {
    TraceWindow w;
    w.begin = begin;
    w.end = end;
    if (end <= begin)
        return w;
    // A wavelet sent at cycle c lands (and is logged) at c + kHopLatency.
    const uint64_t logEnd = end + costs::kHopLatency;
    std::vector<const Block*> overlapping;
    uint64_t bytes = 0;
    for (const Block& b : blocks_)
        if (b.minCycle <= b.maxCycle && b.maxCycle >= begin && b.minCycle < logEnd) {
            overlapping.push_back(&b);
            bytes += b.bytes;
        }
    w.blocksInWindow = overlapping.size();
    std::vector<const Block*> chosen = overlapping;
    if (bytes > maxBytes && !overlapping.empty()) {
        const size_t keep = std::max<size_t>(1, maxBytes / kBlockBytes);
        chosen.clear();
        for (size_t i = 0; i < keep; ++i)
            chosen.push_back(overlapping[i * overlapping.size() / keep]);
        w.sampled = true;
    }
    ParsedTraceLine parsed;
    std::string line;
    for (const Block* b : chosen) {
        const std::string text = readAt(fd_, path_, b->offset, b->bytes);
        ++w.blocksRead;
        forEachLine(text, [&](std::string_view view) {
            line.assign(view);
            if (!parseTraceLine(line, parsed))
                return;
            TraceEvent& e = parsed.event;
            if (parsed.x == x && parsed.y == y) {
                if (e.cycle >= begin && e.cycle < end)
                    w.events.push_back(std::move(e));
                return;
            }
            if (parsed.hasSender && parsed.senderX == x && parsed.senderY == y &&
                e.cycle >= begin + costs::kHopLatency && e.cycle < logEnd) {
                e.kind = TraceEvent::Kind::WaveletOut;
                e.cycle -= costs::kHopLatency;
                e.link = parsed.senderLink;
                w.events.push_back(std::move(e));
            }
        });
    }
    std::stable_sort(w.events.begin(), w.events.end(),
                     [](const TraceEvent& a, const TraceEvent& b) { return a.cycle < b.cycle; });
    return w;
}

} // namespace sim
