#include "sim/simprint_window.h"

#include <algorithm>

namespace sim {

SimprintWindow::SimprintWindow(size_t capacityBytes)
    : capacity_(capacityBytes),
      // Sixteen chunks or more per window: releasing one frees a sixteenth at most, so the
      // window keeps at least fifteen sixteenths of its capacity once it is full.
      chunkBytes_(std::clamp<size_t>(capacityBytes / 16, 256, size_t(1) << 20)) {}

void SimprintWindow::append(std::string_view line) {
    const size_t cost = line.size() + sizeof(uint32_t);
    if (chunks_.empty() ||
        (!chunks_.back().ends.empty() && chunks_.back().bytes() + cost > chunkBytes_)) {
        if (!chunks_.empty())
            chunks_.back().ends.shrink_to_fit();
        Chunk& c = chunks_.emplace_back();
        c.firstLine = endLine_;
        c.firstByte = bytesAppended_;
        c.text.reserve(std::max(chunkBytes_, line.size()));
    }
    Chunk& c = chunks_.back();
    c.text.append(line);
    c.ends.push_back(uint32_t(c.text.size()));
    ++endLine_;
    bytes_ += cost;
    bytesAppended_ += cost;
    while (bytes_ > capacity_ && chunks_.size() > 1) {
        bytes_ -= chunks_.front().bytes();
        chunks_.pop_front();
        firstLine_ = chunks_.front().firstLine;
    }
}

std::deque<SimprintWindow::Chunk>::const_iterator SimprintWindow::chunkOf(uint64_t line) const {
    return std::prev(std::upper_bound(chunks_.begin(), chunks_.end(), line,
                                      [](uint64_t l, const Chunk& c) { return l < c.firstLine; }));
}

uint64_t SimprintWindow::byteOffsetOf(uint64_t line) const {
    if (line >= endLine_)
        return bytesAppended_;
    line = std::max(line, firstLine_);
    const auto c = chunkOf(line);
    const size_t i = size_t(line - c->firstLine);
    return c->firstByte + (i ? c->ends[i - 1] : 0) + i * sizeof(uint32_t);
}

std::vector<std::string> SimprintWindow::linesFrom(uint64_t first, size_t maxLines,
                                                   size_t maxBytes) const {
    std::vector<std::string> out;
    first = std::max(first, firstLine_);
    if (first >= endLine_ || maxLines == 0)
        return out;
    size_t text = 0;
    auto chunk = chunkOf(first);
    size_t i = size_t(first - chunk->firstLine);
    for (; chunk != chunks_.end(); ++chunk, i = 0) {
        for (; i < chunk->ends.size(); ++i) {
            const size_t start = i ? chunk->ends[i - 1] : 0;
            const size_t size = chunk->ends[i] - start;
            if (out.size() == maxLines || (!out.empty() && text + size > maxBytes))
                return out;
            out.emplace_back(chunk->text, start, size);
            text += size;
        }
    }
    return out;
}

} // namespace sim
