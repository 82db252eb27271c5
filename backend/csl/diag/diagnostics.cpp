#include "backend/csl/diag/diagnostics.h"

#include <algorithm>

namespace csl {

SourceFile::SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)) {
    // A UTF-8 byte order mark (the lexer skips it) is no column of line 1.
    lineStarts.push_back(text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0);
    for (uint32_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n')
            lineStarts.push_back(i + 1);
    }
}

std::pair<uint32_t, uint32_t> SourceFile::lineCol(uint32_t offset) const {
    auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
    if (it == lineStarts.begin())
        return {1, 1}; // inside the byte order mark
    uint32_t line = uint32_t(it - lineStarts.begin());
    return {line, offset - lineStarts[line - 1] + 1};
}

std::string_view SourceFile::lineText(uint32_t line) const {
    if (line == 0 || line > lineStarts.size())
        return {};
    uint32_t b = lineStarts[line - 1];
    uint32_t e = line < lineStarts.size() ? lineStarts[line] : uint32_t(text.size());
    std::string_view s(text.data() + b, e - b);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

uint16_t DiagnosticEngine::addFile(std::string path, std::string text) {
    files_.push_back(std::make_unique<SourceFile>(std::move(path), std::move(text)));
    return uint16_t(files_.size() - 1);
}

SourceRange DiagnosticEngine::range(uint16_t file, uint32_t begin, uint32_t end) const {
    SourceRange r;
    if (file >= files_.size())
        return r;
    const SourceFile& f = *files_[file];
    r.file = f.path;
    auto [l, c] = f.lineCol(begin);
    auto [el, ec] = f.lineCol(std::max(begin, end));
    r.line = l;
    r.column = c;
    r.endLine = el;
    r.endColumn = ec;
    return r;
}

void DiagnosticEngine::error(uint16_t file, uint32_t begin, uint32_t end, std::string message) {
    if (errorCount_ >= kMaxErrors)
        return;
    SourceRange r = range(file, begin, end);
    if (reported(Severity::Error, r, message))
        return;
    ++errorCount_;
    diags_.push_back({Severity::Error, r, std::move(message), {}});
    noteWhenFull();
}

// The last error the engine keeps says that more were left out (h-diag8: the list just
// stopped at 200).
void DiagnosticEngine::noteWhenFull() {
    if (errorCount_ == kMaxErrors)
        diags_.back().notes.push_back(
            {Severity::Note,
             SourceRange{},
             "too many errors: stopping after " + std::to_string(kMaxErrors),
             {}});
}

// The same tile file compiled for several code classes (every PE its own with
// <collectives_2d>) reports each problem once; a repeat's notes are dropped with it. A set,
// not a scan of every diagnostic: a 400x400 layout with a different warning per class took
// minutes.
bool DiagnosticEngine::reported(Severity severity, const SourceRange& r, const std::string& message,
                                const std::string& firstNote) {
    std::string key = std::to_string(int(severity)) + '\0' + r.file + '\0' +
                      std::to_string(r.line) + ':' + std::to_string(r.column) + '\0' + message +
                      '\0' + firstNote;
    suppressNotes_ = !reportedKeys_.insert(std::move(key)).second;
    return suppressNotes_;
}

void DiagnosticEngine::errorWithNote(uint16_t file, uint32_t begin, uint32_t end,
                                     std::string message, uint16_t noteFile, uint32_t noteBegin,
                                     uint32_t noteEnd, std::string note) {
    if (errorCount_ >= kMaxErrors)
        return;
    SourceRange r = range(file, begin, end);
    SourceRange nr = range(noteFile, noteBegin, noteEnd);
    if (reported(Severity::Error, r, message,
                 nr.file + ':' + std::to_string(nr.line) + ':' + std::to_string(nr.column) + ' ' +
                     note))
        return;
    ++errorCount_;
    diags_.push_back({Severity::Error, r, std::move(message), {}});
    diags_.back().notes.push_back({Severity::Note, nr, std::move(note), {}});
    noteWhenFull();
}

void DiagnosticEngine::warning(uint16_t file, uint32_t begin, uint32_t end, std::string message) {
    SourceRange r = range(file, begin, end);
    if (!reported(Severity::Warning, r, message))
        diags_.push_back({Severity::Warning, r, std::move(message), {}});
}

void DiagnosticEngine::print(uint16_t file, uint32_t begin, uint32_t end, std::string message) {
    diags_.push_back({Severity::Note, range(file, begin, end), std::move(message), {}});
}

void DiagnosticEngine::note(uint16_t file, uint32_t begin, uint32_t end, std::string message) {
    if (diags_.empty() || suppressNotes_)
        return;
    diags_.back().notes.push_back(
        {Severity::Note, range(file, begin, end), std::move(message), {}});
}

void DiagnosticEngine::noteErrorsFrom(size_t first, uint16_t file, uint32_t begin, uint32_t end,
                                      const std::string& message, bool warningsToo) {
    // A deep chain of calls (a recursive expansion) notes every level: the first few say it.
    constexpr size_t kMaxNotes = 8;
    for (size_t i = first; i < diags_.size(); ++i) {
        std::vector<Diagnostic>& notes = diags_[i].notes;
        const bool noted = diags_[i].severity == Severity::Error ||
                           (warningsToo && diags_[i].severity == Severity::Warning);
        if (!noted || notes.size() > kMaxNotes)
            continue;
        if (notes.size() == kMaxNotes)
            notes.push_back({Severity::Note, {}, "(further notes of this error left out)", {}});
        else
            notes.push_back({Severity::Note, range(file, begin, end), message, {}});
    }
}

void DiagnosticEngine::demoteErrors(size_t first, size_t last, uint16_t file, uint32_t begin,
                                    uint32_t end, const std::string& note) {
    for (size_t i = first; i < last && i < diags_.size(); ++i) {
        if (diags_[i].severity != Severity::Error)
            continue;
        diags_[i].severity = Severity::Warning;
        diags_[i].notes.push_back({Severity::Note, range(file, begin, end), note, {}});
        --errorCount_;
    }
}

void DiagnosticEngine::errorNoLoc(std::string message) {
    ++errorCount_;
    diags_.push_back({Severity::Error, {}, std::move(message), {}});
}

static const char* severityName(Severity s) {
    switch (s) {
    case Severity::Note:
        return "note";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "error";
}

std::string formatDiagnostic(const Diagnostic& d, const std::string& sourceLine) {
    std::string out;
    if (!d.range.file.empty()) {
        out += d.range.file + ":" + std::to_string(d.range.line) + ":" +
               std::to_string(d.range.column) + ": ";
    }
    out += severityName(d.severity);
    out += ": " + d.message + "\n";
    if (!sourceLine.empty() && d.range.column > 0) {
        out += sourceLine + "\n";
        std::string caret;
        for (uint32_t i = 0; i + 1 < d.range.column && i < sourceLine.size(); ++i)
            caret += sourceLine[i] == '\t' ? '\t' : ' ';
        caret += '^';
        if (d.range.endLine == d.range.line && d.range.endColumn > d.range.column + 1)
            caret.append(d.range.endColumn - d.range.column - 1, '~');
        out += caret + "\n";
    }
    for (const Diagnostic& n : d.notes)
        out += formatDiagnostic(n);
    return out;
}

} // namespace csl
