#include "backend/csl/symbol_index.h"

#include "backend/csl/source_file.h"

#include "backend/csl/lib/library.h"
#include "backend/csl/parse/ast.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace csl {

namespace fs = std::filesystem;

const char* symbolKindName(SymbolKind kind) {
    switch (kind) {
    case SymbolKind::Function:
        return "function";
    case SymbolKind::Task:
        return "task";
    case SymbolKind::Param:
        return "param";
    case SymbolKind::Constant:
        return "constant";
    case SymbolKind::Variable:
        return "variable";
    case SymbolKind::Module:
        return "module";
    case SymbolKind::Parameter:
        return "parameter";
    case SymbolKind::Field:
        return "field";
    case SymbolKind::EnumMember:
        return "enum member";
    }
    return "symbol";
}

namespace {

constexpr size_t kMaxSignature = 160;

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::string unquote(std::string_view literal) {
    if (literal.size() >= 2 && literal.front() == '"' && literal.back() == '"')
        return std::string(literal.substr(1, literal.size() - 2));
    return std::string(literal);
}

// The `//` lines directly above the line holding `offset` (a blank line ends the comment).
std::string docAbove(const std::string& text, uint32_t offset) {
    size_t lineStart = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    if (lineStart == std::string::npos || offset == 0)
        return {};
    std::vector<std::string> lines;
    size_t end = lineStart; // the '\n' ending the previous line
    while (end != std::string::npos && end > 0) {
        const size_t begin = text.rfind('\n', end - 1);
        const size_t from = begin == std::string::npos ? 0 : begin + 1;
        const std::string_view line = trim(std::string_view(text).substr(from, end - from));
        if (line.size() < 2 || line.substr(0, 2) != "//")
            break;
        std::string_view body = line.substr(2);
        while (!body.empty() && body.front() == '/')
            body.remove_prefix(1);
        lines.emplace_back(trim(body));
        if (begin == std::string::npos)
            break;
        end = begin;
    }
    std::reverse(lines.begin(), lines.end());
    std::string doc;
    for (const std::string& line : lines) {
        if (!doc.empty())
            doc += line.empty() ? "\n" : " ";
        doc += line;
    }
    return doc;
}

// A `// ...` comment after the declaration on its own line (`param n: u16; // rows`).
std::string docAfter(const std::string& text, uint32_t offset) {
    const size_t end = std::min(text.find('\n', offset), text.size());
    const std::string_view rest = std::string_view(text).substr(offset, end - offset);
    const size_t slash = rest.find("//");
    if (slash == std::string_view::npos ||
        rest.substr(0, slash).find('"') != std::string_view::npos)
        return {};
    std::string_view body = rest.substr(slash + 2);
    while (!body.empty() && body.front() == '/')
        body.remove_prefix(1);
    return std::string(trim(body));
}

// Source from `begin` up to (not including) the first of `stops` outside brackets, on one
// line with runs of white space folded.
std::string signatureFrom(const std::string& text, uint32_t begin, std::string_view stops) {
    std::string out;
    int depth = 0;
    bool space = false;
    for (size_t i = begin; i < text.size() && out.size() < kMaxSignature; ++i) {
        const char c = text[i];
        if (depth == 0 && stops.find(c) != std::string_view::npos)
            break;
        if (c == '(' || c == '[')
            ++depth;
        else if ((c == ')' || c == ']') && depth > 0)
            --depth;
        if (c == '/' && i + 1 < text.size() && text[i + 1] == '/') { // a trailing comment
            while (i < text.size() && text[i] != '\n')
                ++i;
            space = true;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space && !out.empty())
            out += ' ';
        space = false;
        out += c;
    }
    return out;
}

class Collector {
  public:
    Collector(const Ast& ast, const std::string& file, const std::string& text,
              std::vector<SymbolDecl>& decls, std::vector<ModuleImport>& imports,
              std::vector<std::string>& follow)
        : m_ast(ast), m_file(file), m_text(text), m_decls(decls), m_imports(imports),
          m_follow(follow) {}

    void run() {
        for (uint32_t d : m_ast.list(m_ast.root))
            visit(d, {}, 0, 0);
    }

  private:
    bool valid(uint32_t n) const { return n != 0 && n < m_ast.nodes.size(); }

    void add(uint32_t node, SymbolKind kind, const std::string& container, uint32_t scopeBegin,
             uint32_t scopeEnd, std::string signature) {
        const Node& n = m_ast.node(node);
        if (n.tok >= m_ast.tokens.tokens.size())
            return;
        const Token& name = m_ast.tokens.tokens[n.tok];
        if (name.kind != Tok::Ident)
            return;
        SymbolDecl d;
        d.name = std::string(m_ast.tokText(n.tok));
        d.kind = kind;
        d.file = m_file;
        const auto [line, column] = m_ast.tokens.source->lineCol(name.begin);
        d.line = line;
        d.column = column;
        d.signature = std::move(signature);
        d.doc = docAbove(m_text, m_ast.beginOffset(node));
        if (d.doc.empty() && kind != SymbolKind::Function && kind != SymbolKind::Task)
            d.doc = docAfter(m_text, name.end);
        d.container = container;
        d.scopeBegin = scopeBegin;
        d.scopeEnd = scopeEnd;
        m_decls.push_back(std::move(d));
    }

    // The string argument of @import_module / @set_tile_code, if `init` is such a call.
    void noteBuiltinCall(uint32_t call, const std::string& alias) {
        const Node& n = m_ast.node(call);
        const std::string_view name = m_ast.tokText(n.tok);
        const bool import = name == "@import_module";
        if (!import && name != "@set_tile_code")
            return;
        for (uint32_t arg : m_ast.list(call)) {
            if (!valid(arg) || m_ast.node(arg).kind != NodeKind::StringLit)
                continue;
            const std::string spec = unquote(m_ast.tokText(m_ast.node(arg).tok));
            if (import && !alias.empty()) {
                ModuleImport imp;
                imp.alias = alias;
                imp.spec = spec;
                imp.file = m_file;
                imp.library = spec.size() > 2 && spec.front() == '<' && spec.back() == '>';
                m_imports.push_back(std::move(imp));
            }
            m_follow.push_back(spec);
            return;
        }
    }

    void visit(uint32_t node, const std::string& container, uint32_t scopeBegin,
               uint32_t scopeEnd) {
        if (!valid(node) || ++m_depth > 500) { // deeply nested input: stop, never overflow
            --m_depth;
            return;
        }
        const Node& n = m_ast.node(node);
        switch (n.kind) {
        case NodeKind::VarDecl: {
            const bool isImport = valid(n.b) && m_ast.node(n.b).kind == NodeKind::BuiltinCall &&
                                  m_ast.tokText(m_ast.node(n.b).tok) == "@import_module";
            const SymbolKind kind = isImport                ? SymbolKind::Module
                                    : (n.flags & kVarParam) ? SymbolKind::Param
                                    : (n.flags & kVarVar)   ? SymbolKind::Variable
                                                            : SymbolKind::Constant;
            // A struct or enum constant reads best whole on hover only by its name line.
            add(node, kind, container, scopeBegin, scopeEnd,
                signatureFrom(m_text, m_ast.beginOffset(node), isImport ? ";" : ";{"));
            const std::string name(m_ast.tokText(n.tok));
            if (valid(n.b) && m_ast.node(n.b).kind == NodeKind::BuiltinCall)
                noteBuiltinCall(n.b, name);
            visit(n.a, container, scopeBegin, scopeEnd);
            visit(n.b, container.empty() ? name : container, scopeBegin, scopeEnd);
            break;
        }
        case NodeKind::FnDecl: {
            add(node, (n.flags & kFnTask) ? SymbolKind::Task : SymbolKind::Function, container,
                scopeBegin, scopeEnd, signatureFrom(m_text, m_ast.beginOffset(node), "{;"));
            const std::string name(m_ast.tokText(n.tok));
            // Parameters and locals are visible from the parameter list to the body's end.
            const uint32_t begin = m_ast.beginOffset(node);
            const uint32_t end = m_ast.endOffset(node);
            for (uint32_t p : m_ast.list(node))
                visit(p, name, begin, end);
            visit(n.b, name, begin, end);
            break;
        }
        case NodeKind::ParamDecl:
            add(node, SymbolKind::Parameter, container, scopeBegin, scopeEnd,
                signatureFrom(m_text, m_ast.beginOffset(node), ",)"));
            break;
        case NodeKind::FieldDecl:
            add(node, SymbolKind::Field, container, scopeBegin, scopeEnd,
                signatureFrom(m_text, m_ast.beginOffset(node), ",}"));
            visit(n.b, container, scopeBegin, scopeEnd);
            break;
        case NodeKind::EnumMember:
            add(node, SymbolKind::EnumMember, container, scopeBegin, scopeEnd,
                signatureFrom(m_text, m_ast.beginOffset(node), ",}"));
            break;
        case NodeKind::Block: {
            // Locals of a nested block are visible to its end.
            const bool nested = scopeEnd != 0;
            const uint32_t begin = nested ? m_ast.beginOffset(node) : scopeBegin;
            const uint32_t end = nested ? m_ast.endOffset(node) : scopeEnd;
            for (uint32_t s : m_ast.list(node))
                visit(s, container, begin, end);
            break;
        }
        case NodeKind::BuiltinCall:
            noteBuiltinCall(node, {});
            for (uint32_t arg : m_ast.list(node))
                visit(arg, container, scopeBegin, scopeEnd);
            break;
        case NodeKind::For:
        case NodeKind::TensorAccess: // their lists hold capture tokens, not nodes
            visit(n.a, container, scopeBegin, scopeEnd);
            visit(n.b, container, scopeBegin, scopeEnd);
            break;
        case NodeKind::Error:
            break;
        default:
            visit(n.a, container, scopeBegin, scopeEnd);
            visit(n.b, container, scopeBegin, scopeEnd);
            visit(n.c, container, scopeBegin, scopeEnd);
            for (uint32_t child : m_ast.list(node))
                visit(child, container, scopeBegin, scopeEnd);
            break;
        }
        --m_depth;
    }

    const Ast& m_ast;
    const std::string& m_file;
    const std::string& m_text;
    std::vector<SymbolDecl>& m_decls;
    std::vector<ModuleImport>& m_imports;
    std::vector<std::string>& m_follow;
    int m_depth = 0;
};

} // namespace

bool SymbolIndex::isIndexed(const std::string& file) const {
    return std::find(m_files.begin(), m_files.end(), file) != m_files.end();
}

void SymbolIndex::indexText(const std::string& file, const std::string& text, bool library,
                            std::vector<std::string>* follow) {
    DiagnosticEngine diags; // the editor shows syntax errors; the index only skips them
    const uint16_t id = diags.addFile(file, text);
    const Ast ast = parse(diags, id);
    std::vector<std::string> specs;
    const size_t firstImport = m_imports.size();
    Collector(ast, file, text, m_decls, m_imports, specs).run();
    m_files.push_back(file);
    if (library)
        m_libraryFiles.push_back(file);
    // Resolve this file's imports and queue what they name.
    const fs::path dir = library ? fs::path() : fs::path(file).parent_path();
    auto resolveSpec = [&](const std::string& spec) -> std::string {
        if (spec.size() > 2 && spec.front() == '<' && spec.back() == '>') {
            const lib::LibraryInfo* info = lib::findLibrary(spec.substr(1, spec.size() - 2));
            return info ? spec : std::string();
        }
        if (library)
            return {};
        return (dir / spec).lexically_normal().string();
    };
    for (size_t i = firstImport; i < m_imports.size(); ++i)
        m_imports[i].resolved = resolveSpec(m_imports[i].spec);
    if (follow)
        for (const std::string& spec : specs)
            if (std::string resolved = resolveSpec(spec); !resolved.empty())
                follow->push_back(resolved);
}

void SymbolIndex::addText(const std::string& file, const std::string& text) {
    indexText(file, text, false, nullptr);
}

void SymbolIndex::addFiles(const std::vector<std::string>& files, const SymbolFileReader& read) {
    std::vector<std::string> queue(files.begin(), files.end());
    for (size_t i = 0; i < queue.size(); ++i) {
        const std::string file = queue[i];
        if (isIndexed(file))
            continue;
        if (file.size() > 2 && file.front() == '<' && file.back() == '>') {
            const lib::LibraryInfo* info = lib::findLibrary(file.substr(1, file.size() - 2));
            if (info && info->source) {
                std::string text = info->source;
                if (info->prelude)
                    text += info->prelude;
                indexText(file, text, true, &queue);
            } else {
                m_files.push_back(file); // built in: members are not CSL declarations
                m_libraryFiles.push_back(file);
            }
            continue;
        }
        std::optional<std::string> text = read ? read(file) : std::nullopt;
        if (!text)
            text = readSourceFile(file);
        if (!text) {
            if (std::find(m_missing.begin(), m_missing.end(), file) == m_missing.end())
                m_missing.push_back(file);
            continue;
        }
        indexText(file, *text, false, &queue);
    }
}

const SymbolDecl* SymbolIndex::resolve(std::string_view name, const std::string& file,
                                       uint32_t offset) const {
    const SymbolDecl* best = nullptr;
    uint32_t bestSpan = UINT32_MAX;
    const SymbolDecl* fileLevel = nullptr;
    const SymbolDecl* projectLevel = nullptr;
    for (const SymbolDecl& d : m_decls) {
        if (d.name != name || d.kind == SymbolKind::Field || d.kind == SymbolKind::EnumMember)
            continue;
        const bool library =
            std::find(m_libraryFiles.begin(), m_libraryFiles.end(), d.file) != m_libraryFiles.end();
        if (library)
            continue;
        const bool local = d.scopeEnd != 0;
        if (d.file == file) {
            if (local && offset >= d.scopeBegin && offset <= d.scopeEnd &&
                d.scopeEnd - d.scopeBegin < bestSpan) {
                best = &d;
                bestSpan = d.scopeEnd - d.scopeBegin;
            } else if (!local && !fileLevel) {
                fileLevel = &d;
            }
        } else if (!local && !projectLevel) {
            projectLevel = &d;
        }
    }
    return best ? best : fileLevel ? fileLevel : projectLevel;
}

const ModuleImport* SymbolIndex::importOf(std::string_view alias, const std::string& file) const {
    for (const ModuleImport& imp : m_imports)
        if (imp.alias == alias && imp.file == file)
            return &imp;
    return nullptr;
}

const SymbolDecl* SymbolIndex::resolveMember(std::string_view alias, std::string_view member,
                                             const std::string& file) const {
    const ModuleImport* imp = importOf(alias, file);
    if (!imp || imp->resolved.empty())
        return nullptr;
    for (const SymbolDecl& d : m_decls)
        if (d.file == imp->resolved && d.name == member && d.scopeEnd == 0 && d.container.empty())
            return &d;
    return nullptr;
}

} // namespace csl
