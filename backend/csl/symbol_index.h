// Declarations of a CSL project for the editor's go to definition and hover: every
// function, task, param, constant, variable, struct field and module import of the
// project's files and of the modules they import, with file:line:col, the declaration's
// first line and the `//` comment right above it. Built from the compiler's own parser
// (front end only: no comptime evaluation), so it works on code that does not compile yet.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace csl {

enum class SymbolKind : uint8_t {
    Function,
    Task,
    Param,     // a module param (`param width: u16;`)
    Constant,  // `const`
    Variable,  // `var`
    Module,    // `const m = @import_module(...)`
    Parameter, // a function parameter
    Field,     // a struct field
    EnumMember,
};

// "function", "task", ... (for hover text and tests).
const char* symbolKindName(SymbolKind kind);

struct SymbolDecl {
    std::string name;
    SymbolKind kind = SymbolKind::Constant;
    std::string file;      // path as read, or "<name>" for a library module written in CSL
    uint32_t line = 0;     // 1-based, of the name
    uint32_t column = 0;   // 1-based, in bytes
    std::string signature; // the declaration up to its body or initializer, one line
    std::string doc;       // the `//` comment lines right above, without the slashes
    std::string container; // enclosing function or struct constant; empty at file scope
    // Byte range of the scope the name is visible in; both 0 = the whole file.
    uint32_t scopeBegin = 0, scopeEnd = 0;
};

struct ModuleImport {
    std::string alias;    // the constant bound to the module
    std::string spec;     // as written: "<memcpy/memcpy>" or "pe_program.csl"
    std::string file;     // the importing file
    std::string resolved; // the indexed file or "<name>"; empty when not found
    bool library = false; // spec in angle brackets
};

using SymbolFileReader = std::function<std::optional<std::string>(const std::string& path)>;

class SymbolIndex {
  public:
    // Indexes `text` as `file` and nothing it imports.
    void addText(const std::string& file, const std::string& text);
    // Indexes files and, transitively, the files and CSL library modules they import
    // (`@import_module`) or place on tiles (`@set_tile_code`). `read` supplies unsaved
    // buffers; a path it does not know is read from disk. Files that cannot be read are
    // listed in missing().
    void addFiles(const std::vector<std::string>& files, const SymbolFileReader& read = {});

    const std::vector<SymbolDecl>& decls() const { return m_decls; }
    const std::vector<ModuleImport>& imports() const { return m_imports; }
    const std::vector<std::string>& files() const { return m_files; }
    const std::vector<std::string>& missing() const { return m_missing; }

    // The declaration `name` refers to at byte `offset` of `file`: the innermost local
    // scope holding the offset, then the file's own top level, then the other project
    // files' top level. Library modules are reached only through resolveMember.
    const SymbolDecl* resolve(std::string_view name, const std::string& file,
                              uint32_t offset) const;
    // `alias.member` in `file`, where alias names an imported module; nullptr when the
    // alias is no module import or the member is not declared in CSL (built-in modules).
    const SymbolDecl* resolveMember(std::string_view alias, std::string_view member,
                                    const std::string& file) const;
    // The import bound to `alias` in `file`.
    const ModuleImport* importOf(std::string_view alias, const std::string& file) const;

  private:
    bool isIndexed(const std::string& file) const;
    void indexText(const std::string& file, const std::string& text, bool library,
                   std::vector<std::string>* follow);

    std::vector<SymbolDecl> m_decls;
    std::vector<ModuleImport> m_imports;
    std::vector<std::string> m_files;
    std::vector<std::string> m_libraryFiles; // "<name>" entries of m_files
    std::vector<std::string> m_missing;
};

} // namespace csl
