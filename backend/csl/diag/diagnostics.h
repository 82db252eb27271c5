// One diagnostics engine for every phase: sources are registered once, every message
// carries a file/line/column range, and wording stays stable (tests assert it).
#pragma once

#include "backend/csl/compiler.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace csl {

// A source file held in memory with its line starts, so byte offsets map to line:col.
struct SourceFile {
    std::string path; // as shown in diagnostics
    std::string text;
    std::vector<uint32_t> lineStarts;

    SourceFile(std::string p, std::string t);
    // 1-based line and column of a byte offset.
    std::pair<uint32_t, uint32_t> lineCol(uint32_t offset) const;
    std::string_view lineText(uint32_t line) const;
};

class DiagnosticEngine {
  public:
    uint16_t addFile(std::string path, std::string text);
    const SourceFile& file(uint16_t id) const { return *files_[id]; }
    size_t fileCount() const { return files_.size(); }

    void error(uint16_t file, uint32_t begin, uint32_t end, std::string message);
    void warning(uint16_t file, uint32_t begin, uint32_t end, std::string message);
    // An error with one note (a library error and the user's call that led to it): an
    // identical error with the same note is reported once, with another note again.
    void errorWithNote(uint16_t file, uint32_t begin, uint32_t end, std::string message,
                       uint16_t noteFile, uint32_t noteBegin, uint32_t noteEnd, std::string note);
    // A note of its own (what @comptime_print prints), not attached to anything.
    void print(uint16_t file, uint32_t begin, uint32_t end, std::string message);
    // Attaches a note to the most recent error or warning.
    void note(uint16_t file, uint32_t begin, uint32_t end, std::string message);
    // Attaches a note to every error (and, with warningsToo, warning) from
    // diagnostics()[first] on.
    void noteErrorsFrom(size_t first, uint16_t file, uint32_t begin, uint32_t end,
                        const std::string& message, bool warningsToo = false);
    void errorNoLoc(std::string message);
    // Makes the errors of diagnostics()[first, last) warnings, each with the note.
    void demoteErrors(size_t first, size_t last, uint16_t file, uint32_t begin, uint32_t end,
                      const std::string& note);

    bool hasErrors() const { return errorCount_ > 0; }
    size_t errorCount() const { return errorCount_; }
    const std::vector<Diagnostic>& diagnostics() const { return diags_; }
    std::vector<Diagnostic> take() { return std::move(diags_); }
    SourceRange range(uint16_t file, uint32_t begin, uint32_t end) const;
    // Stops collecting after this many errors to keep pathological inputs fast.
    static constexpr size_t kMaxErrors = 200;

  private:
    void noteWhenFull();
    bool reported(Severity severity, const SourceRange& r, const std::string& message,
                  const std::string& firstNote = {});

    std::vector<std::unique_ptr<SourceFile>> files_;
    std::vector<Diagnostic> diags_;
    std::unordered_set<std::string> reportedKeys_;
    size_t errorCount_ = 0;
    bool suppressNotes_ = false;
};

} // namespace csl
