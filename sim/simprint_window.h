// The simprint lines a Fabric keeps: a sliding window over every line the run printed,
// numbered from 0 in print order. Memory stays bounded however long a run prints: once the
// kept lines pass the window's capacity, the oldest go. A reader that streams the lines
// (the host's sim.log) asks for them by absolute number and learns from firstLine() when
// some left before it fetched them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

class SimprintWindow {
  public:
    // capacityBytes counts each kept line's text plus 4 bytes of bookkeeping; the newest
    // line stays even when it alone is longer.
    explicit SimprintWindow(size_t capacityBytes);

    void append(std::string_view line);

    size_t capacity() const { return capacity_; }
    uint64_t firstLine() const { return firstLine_; }         // oldest line kept
    uint64_t endLine() const { return endLine_; }             // lines appended in all
    size_t bytes() const { return bytes_; }                   // held now, in capacity()'s measure
    uint64_t bytesAppended() const { return bytesAppended_; } // in all, same measure
    // bytesAppended() when line `line` was appended: where it starts in the stream of all
    // lines. Clamped to the kept lines (a line already released counts from firstLine()).
    uint64_t byteOffsetOf(uint64_t line) const;

    // Kept lines from max(first, firstLine()) on: at most maxLines of them, and past the
    // first, no more than maxBytes of text.
    std::vector<std::string> linesFrom(uint64_t first, size_t maxLines,
                                       size_t maxBytes = SIZE_MAX) const;

    // f(std::string_view) for each kept line, oldest first.
    template <typename F> void forEachLine(F&& f) const {
        for (const Chunk& c : chunks_) {
            size_t start = 0;
            for (const uint32_t end : c.ends) {
                f(std::string_view(c.text).substr(start, end - start));
                start = end;
            }
        }
    }

  private:
    // Lines are stored back to back in chunks, so a line costs its text and one offset
    // (a std::string per line cost 32 bytes and a heap block more); whole chunks go.
    struct Chunk {
        uint64_t firstLine = 0;
        uint64_t firstByte = 0; // bytesAppended() before its first line
        std::string text;
        std::vector<uint32_t> ends; // end of each line in text
        size_t bytes() const { return text.size() + ends.size() * sizeof(uint32_t); }
    };
    // The chunk holding `line` (within [firstLine_, endLine_)).
    std::deque<Chunk>::const_iterator chunkOf(uint64_t line) const;

    size_t capacity_;
    size_t chunkBytes_;
    std::deque<Chunk> chunks_;
    uint64_t firstLine_ = 0, endLine_ = 0;
    size_t bytes_ = 0;
    uint64_t bytesAppended_ = 0;
};

} // namespace sim
