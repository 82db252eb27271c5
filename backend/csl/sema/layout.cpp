// Layout evaluation, code classes and assembly of the FabricProgram.
#include "backend/csl/sema/analyzer_class.h"

#include "backend/csl/diag/spelling.h"

#include <bit>

#include <algorithm>
#include <filesystem>

namespace csl::sema {

namespace fs = std::filesystem;

static constexpr const char* kDirectionNames[] = {"RAMP", "NORTH", "SOUTH", "EAST", "WEST"};

static uint8_t dirMask(Analyzer& a, const Value& v, uint32_t node) {
    auto one = [&](const Value& d) -> uint8_t {
        if (d.k != VK::Handle || d.type->hk != HandleKind::Direction)
            a.fail(node, "expected a direction (RAMP, NORTH, SOUTH, EAST, WEST), found '" +
                             typeName(d.type) + "'");
        return uint8_t(1u << d.i);
    };
    if (v.k == VK::Agg) {
        // The Builtins page: "nameless fields of unique direction values".
        uint8_t m = 0;
        for (const Value& d : *v.elems) {
            const uint8_t bit = one(d);
            if (m & bit)
                a.fail(node, std::string("direction ") + kDirectionNames[d.i] +
                                 " is listed twice in one route");
            m |= bit;
        }
        return m;
    }
    return one(v);
}

// The value of field `field` where the struct `structNode` is written: a `.{ ... }` or
// `T{ ... }` literal, a module-level const of this module initialized with one, or either
// branch of an if-expression giving one; 0 when it is not written so here.
uint32_t Analyzer::fieldValueNode(uint32_t structNode, std::string_view field) {
    if (!structNode)
        return 0;
    const Node& n = N(structNode);
    switch (n.kind) {
    case NK::AnonInit:
    case NK::TypedInit:
        for (uint32_t item : L(structNode))
            if (N(item).kind == NK::FieldInit && ast().tokText(N(item).tok) == field)
                return N(item).a;
        return 0;
    case NK::Ident: {
        const Decl* d = findDecl(fr_->mod, tokId(n.tok));
        const Node* decl = d ? &N(d->node) : nullptr;
        return decl && decl->kind == NK::VarDecl && (decl->flags & kVarConst) &&
                       d->node != structNode
                   ? fieldValueNode(decl->b, field)
                   : 0;
    }
    case NK::If:
        if (const uint32_t inThen = fieldValueNode(n.b, field))
            return inThen;
        return fieldValueNode(n.c, field);
    default:
        return 0;
    }
}

sim::ColorConfig Analyzer::colorConfig(const Value& cfg, uint32_t node) {
    sim::ColorConfig c;
    if (cfg.k != VK::Agg || !cfg.names)
        fail(node, "expected a color configuration struct");
    // A choice given as `.{ .counter = true }` (the field that is true) or an enum value.
    // The first field was taken whatever its value: `.{ .range = false, .counter = true }`
    // made a range filter.
    auto chosen = [&](const Value& v, const std::string& what) -> std::string {
        if (v.k == VK::EnumV)
            return v.s;
        if (v.k != VK::Agg || !v.names)
            return "";
        std::string pick;
        for (size_t k = 0; k < v.names->size(); ++k) {
            if (!asBool((*v.elems)[k], node))
                continue;
            if (!pick.empty())
                fail(node, what + " sets both '" + pick + "' and '" + (*v.names)[k] + "'");
            pick = (*v.names)[k];
        }
        if (pick.empty())
            fail(node, what + " sets no field to true");
        return pick;
    };
    // '.switches.pop_mode', or the Builtins page's deprecated '.routes.pop_mode' (SDK 1.x
    // programs give it there): `.{ .always_pop = true }` or an enum value.
    auto popMode = [&](const Value& sv) {
        const std::string m = chosen(sv, "'.pop_mode'");
        using PM = sim::ColorConfig::PopMode;
        if (m == "no_pop")
            c.popMode = PM::NoPop;
        else if (m == "always_pop")
            c.popMode = PM::AlwaysPop;
        else if (m == "pop_on_advance")
            c.popMode = PM::PopOnAdvance;
        else if (m == "pop_on_advance_nop")
            c.popMode = PM::PopOnAdvanceNop;
        else
            fail(node, "unknown pop mode '" + m + "'");
    };
    for (size_t i = 0; i < cfg.names->size(); ++i) {
        const std::string& f = (*cfg.names)[i];
        const Value& v = (*cfg.elems)[i];
        // Errors about the field point at its value (h-diag8: at the whole call).
        const FieldSiteScope fieldSite(*this, node, node, f);
        const bool nested = f == "routes" || f == "switches" || f == "filter";
        const uint32_t fieldNode = nested ? fieldValueNode(node, f) : 0;
        if (f == "routes" && v.k == VK::Int) {
            // A <directions> bit vector: rx in bits 0..4, tx in bits 5..9.
            if (v.i < 0 || v.i >= 1024)
                fail(node, "'.routes' bit vector " + std::to_string(v.i) + " is out of range");
            c.rx = uint8_t(v.i & 31);
            c.tx = uint8_t(v.i >> 5 & 31);
        } else if (f == "routes") {
            // The Builtins page (@set_color_config): "a user can specify an empty routes
            // field as `.routes = .{}`": no rx and no tx.
            const bool empty = v.k == VK::Agg && (!v.elems || v.elems->empty());
            if (v.k != VK::Agg || (!v.names && !empty))
                fail(node, "'.routes' must be a struct with '.rx' and '.tx'");
            for (size_t j = 0; !empty && j < v.names->size(); ++j) {
                const std::string& rf = (*v.names)[j];
                const Value& rv = (*v.elems)[j];
                const FieldSiteScope routeSite(*this, node, fieldNode, rf);
                if (rf == "rx")
                    c.rx = dirMask(*this, rv, node);
                else if (rf == "tx")
                    c.tx = dirMask(*this, rv, node);
                else if (rf == "color_swap_x" || rf == "color_swap_y") {
                    if (wse3())
                        failOnThisArch(node, "color swap is only available on wse2");
                    (rf == "color_swap_x" ? c.colorSwapX : c.colorSwapY) = asBool(rv, node);
                } else if (rf == "pop_mode")
                    popMode(rv);
                else
                    fail(node, "unknown field '" + rf + "' in '.routes'" +
                                   didYouMean(rf, {"rx", "tx", "color_swap_x", "color_swap_y",
                                                   "pop_mode"}));
            }
        } else if (f == "switches") {
            if (v.k != VK::Agg || !v.names)
                fail(node, "'.switches' must be a struct");
            for (size_t j = 0; j < v.names->size(); ++j) {
                const std::string& sf = (*v.names)[j];
                const Value& sv = (*v.elems)[j];
                const FieldSiteScope switchSite(*this, node, fieldNode, sf);
                if (sf == "pos1" || sf == "pos2" || sf == "pos3") {
                    sim::SwitchPosition& p = c.switchPositions[size_t(sf[3] - '1')];
                    if (sv.k == VK::Int) {
                        if (sv.i < 0 || sv.i >= 1024)
                            fail(node, "switch position bit vector " + std::to_string(sv.i) +
                                           " is out of range");
                        p.rx = uint8_t(sv.i & 31);
                        p.tx = uint8_t(sv.i >> 5 & 31);
                    } else if (sv.k == VK::Agg && sv.names) {
                        // The Builtins page: "an anonymous struct value with only one of
                        // the following fields: rx, tx, invalid".
                        if (sv.names->size() != 1)
                            fail(node, "switch position '." + sf +
                                           "' takes one of '.rx', '.tx' or '.invalid', found " +
                                           std::to_string(sv.names->size()) + " fields");
                        for (size_t k = 0; k < sv.names->size(); ++k) {
                            const std::string& pf = (*sv.names)[k];
                            if (pf == "rx") {
                                p.rx = dirMask(*this, (*sv.elems)[k], node);
                                // The Builtins page: the rx "nested under the pos1, pos2 and
                                // pos3 fields can only have a single direction value".
                                if (std::popcount(unsigned(p.rx)) > 1)
                                    fail(node, "'." + sf + ".rx' takes a single direction");
                            } else if (pf == "tx")
                                p.tx = dirMask(*this, (*sv.elems)[k], node);
                            else if (pf != "invalid")
                                fail(node, "unknown field '" + pf + "' in switch position" +
                                               didYouMean(pf, {"rx", "tx", "invalid"}));
                        }
                        // The Builtins page: an invalid position is one "we can never advance
                        // to", whatever routes it names (they were used).
                        // "The invalid field expects a boolean that must always be true".
                        if (const Value* invalid = sv.field("invalid")) {
                            if (!asBool(*invalid, node))
                                fail(node, "'." + sf +
                                               ".invalid' must be true (leave the "
                                               "position out instead)");
                            p = {};
                        }
                    }
                } else if (sf == "current_switch_pos") {
                    int64_t p = asInt(sv, node, "'.current_switch_pos'");
                    if (p < 0 || p > 3)
                        fail(node,
                             "switch position " + std::to_string(p) + " is out of range (0-3)");
                    c.currentSwitchPosition = uint8_t(p);
                } else if (sf == "ring_mode") {
                    c.ringMode = asBool(sv, node);
                } else if (sf == "pop_mode") {
                    popMode(sv);
                } else {
                    fail(node, "unknown field '" + sf + "' in '.switches'" +
                                   didYouMean(sf, {"pos1", "pos2", "pos3", "current_switch_pos",
                                                   "ring_mode", "pop_mode"}));
                }
            }
        } else if (f == "filter") {
            if (v.k != VK::Agg)
                fail(node, "'.filter' must be a struct, found '" + typeName(v.type) + "'");
            if (!v.names || !v.field("kind"))
                fail(node, "'.filter' needs '.kind' (counter, sparse_counter or range)");
            sim::FilterConfig& fc = c.filter;
            // Counters and indices are 16-bit fields (a wavelet's index is its high half):
            // 65537 acted as 1.
            auto filterField = [&](const Value& fv, const std::string& field) {
                const int64_t x = asInt(fv, node, "a filter field");
                if (x < 0 || x > 0xffff)
                    fail(node, "'.filter." + field + "' = " + std::to_string(x) +
                                   " is out of range (0-65535)");
                return uint16_t(x);
            };
            for (size_t j = 0; j < v.names->size(); ++j) {
                const std::string& ff = (*v.names)[j];
                const Value& fv = (*v.elems)[j];
                const FieldSiteScope filterSite(*this, node, fieldNode, ff);
                if (ff == "kind") {
                    const std::string k = chosen(fv, "the filter's '.kind'");
                    using FK = sim::FilterConfig::Kind;
                    if (k == "counter")
                        fc.kind = FK::Counter;
                    else if (k == "sparse_counter")
                        fc.kind = FK::SparseCounter;
                    else if (k == "range")
                        fc.kind = FK::Range;
                    else
                        fail(node, (k.empty() ? std::string("the filter's '.kind' names no kind")
                                              : "unknown filter kind '" + k + "'") +
                                       "; expected counter, sparse_counter or range");
                } else if (ff == "count_data")
                    fc.countData = asBool(fv, node);
                else if (ff == "count_control")
                    fc.countControl = asBool(fv, node);
                else if (ff == "filter_control")
                    fc.filterControl = asBool(fv, node);
                else if (ff == "init_counter")
                    fc.initCounter = filterField(fv, ff);
                else if (ff == "limit1") {
                    fc.limit1 = filterField(fv, ff);
                    fc.hasLimit1 = true;
                } else if (ff == "limit2") {
                    fc.limit2 = filterField(fv, ff);
                    fc.hasLimit2 = true;
                } else if (ff == "max_counter")
                    fc.maxCounter = filterField(fv, ff);
                else if (ff == "min_idx")
                    fc.minIdx = filterField(fv, ff);
                else if (ff == "max_idx")
                    fc.maxIdx = filterField(fv, ff);
                else if (ff == "fast_mode")
                    // A router timing mode: which wavelets pass does not change, and the
                    // simulator's hop cost does not model it, so it is checked and dropped.
                    (void)asBool(fv, node);
                else
                    fail(node,
                         "unknown field '" + ff + "' in '.filter'" +
                             didYouMean(ff, {"kind", "count_data", "count_control", "init_counter",
                                             "max_counter", "limit1", "limit2", "filter_control",
                                             "min_idx", "max_idx", "fast_mode"}));
            }
            // The Builtins page, "Filter Configuration Semantics": "The kind of the filter
            // will determine the subset of filter fields that are legal for that kind" (a
            // counter's `.limit2` was silently ignored). `fast_mode` is a router timing mode
            // the SDK's own counter filters set.
            if (v.field("kind")) {
                using FK = sim::FilterConfig::Kind;
                static const std::vector<std::string> kCounter = {"count_data",   "count_control",
                                                                  "init_counter", "limit1",
                                                                  "max_counter",  "filter_control"};
                static const std::vector<std::string> kSparseCounter = {
                    "count_data", "count_control", "init_counter",
                    "limit1",     "limit2",        "max_counter"};
                static const std::vector<std::string> kRange = {"min_idx", "max_idx"};
                const auto& [kindName, legal] = fc.kind == FK::Range ? std::pair{"a range", &kRange}
                                                : fc.kind == FK::SparseCounter
                                                    ? std::pair{"a sparse counter", &kSparseCounter}
                                                    : std::pair{"a counter", &kCounter};
                for (const std::string& ff : *v.names) {
                    if (ff == "kind" || ff == "fast_mode" ||
                        std::find(legal->begin(), legal->end(), ff) != legal->end())
                        continue;
                    std::string list;
                    for (const std::string& l : *legal)
                        list += (list.empty() ? "." : ", .") + l;
                    fail(node, "'.filter." + ff + "' is not a field of " + kindName +
                                   " filter (its fields are " + list + ")");
                }
            }
            if (fc.kind == sim::FilterConfig::Kind::Range && fc.minIdx > fc.maxIdx)
                fail(node, "the range filter's '.min_idx' (" + std::to_string(fc.minIdx) +
                               ") is above its '.max_idx' (" + std::to_string(fc.maxIdx) + ")");
        } else if (f == "teardown") {
            c.teardown = asBool(v, node);
        } else {
            fail(node, "unknown field '" + f + "' in color configuration" +
                           didYouMean(f, {"routes", "switches", "filter", "teardown"}));
        }
    }
    // The Builtins page: "a color configuration without a routes field is not allowed".
    if (!cfg.field("routes"))
        fail(node, "a color configuration needs '.routes' (`.routes = .{}` for none)");
    return c;
}

// Whether two values are the same in every part paramsKey shows (so they have the same key);
// false for kinds it does not compare (DSDs, ranges, runtime values) and float NaNs.
bool sameValue(const Value& a, const Value& b) {
    if (a.k != b.k || a.type != b.type)
        return false;
    switch (a.k) {
    case VK::Agg:
        if (a.names != b.names && (!a.names || !b.names || *a.names != *b.names))
            return false;
        if (a.elems == b.elems)
            return true;
        if (!a.elems || !b.elems || a.elems->size() != b.elems->size())
            return false;
        for (size_t i = 0; i < a.elems->size(); ++i) {
            if (!sameValue((*a.elems)[i], (*b.elems)[i]))
                return false;
        }
        return true;
    case VK::Int:
    case VK::Bool:
    case VK::Handle:
    case VK::Ptr:
    case VK::EnumV:
        return a.i == b.i && a.s == b.s;
    case VK::Float:
        return std::memcmp(&a.f, &b.f, sizeof a.f) == 0; // -0.0 shows other than 0.0
    case VK::String:
        return a.s == b.s;
    case VK::Type:
        return a.tv == b.tv;
    case VK::Fn:
        return a.fn == b.fn && a.s == b.s;
    case VK::Module:
        return a.mod == b.mod;
    case VK::Void:
    case VK::Undef:
        return true;
    default:
        return false;
    }
}

// --fabric-dims and --fabric-offsets, or what they default to: the rectangle with the memcpy
// halo, at offsets 4,1.
std::array<uint32_t, 4> Analyzer::fabricGeometry() const {
    const uint32_t ox = opt_.fabricOffsetsGiven ? opt_.offsetX : 4;
    const uint32_t oy = opt_.fabricOffsetsGiven ? opt_.offsetY : 1;
    const uint32_t fw =
        opt_.fabricWidth ? opt_.fabricWidth : width_ + 7 + opt_.widthWestBuf + opt_.widthEastBuf;
    const uint32_t fh = opt_.fabricHeight ? opt_.fabricHeight : height_ + 2;
    return {fw, fh, ox, oy};
}

// The fabric must hold the rectangle at its offsets, and with memcpy its halo too. Checked
// when @set_rectangle gives the rectangle (it was checked after the whole layout, 18 s for a
// large one).
void Analyzer::checkFabricHoldsRectangle() {
    const auto [fw, fh, ox, oy] = fabricGeometry();
    // In 64 bits: offsets and buffer widths from the library API or the IDE's settings are
    // not bounded as the cslc command line bounds them, and must not wrap.
    const uint64_t westNeed = 4 + uint64_t(opt_.widthWestBuf);
    const uint64_t wideNeed = uint64_t(ox) + width_ + 3 + opt_.widthEastBuf;
    const uint64_t tallNeed = uint64_t(oy) + height_ + 1;
    if (opt_.memcpy) {
        if (ox < westNeed || oy < 1)
            diags_.errorNoLoc("--fabric-offsets=" + std::to_string(ox) + "," + std::to_string(oy) +
                              " leaves no room for memcpy: x must be at least " +
                              std::to_string(westNeed) + " and y at least 1");
        if (fw < wideNeed || fh < tallNeed)
            // The offsets may be the slip rather than the dimensions (h-diag8): both named.
            diags_.errorNoLoc("--fabric-dims=" + std::to_string(fw) + "," + std::to_string(fh) +
                              " is too small for a " + std::to_string(width_) + "x" +
                              std::to_string(height_) +
                              " rectangle at --fabric-offsets=" + std::to_string(ox) + "," +
                              std::to_string(oy) + " with memcpy: need at least " +
                              std::to_string(wideNeed) + "," + std::to_string(tallNeed) +
                              (ox > westNeed || oy > 1 ? " (or smaller offsets)" : ""));
    } else if (fw < uint64_t(ox) + width_ || fh < uint64_t(oy) + height_) {
        diags_.errorNoLoc(
            "--fabric-dims=" + std::to_string(fw) + "," + std::to_string(fh) +
            " is too small for the " + std::to_string(width_) + "x" + std::to_string(height_) +
            " rectangle at --fabric-offsets=" + std::to_string(ox) + "," + std::to_string(oy));
    }
}

void Analyzer::layoutBuiltin(const std::string& name, uint32_t node, Value& result) {
    auto args = L(node);
    auto carg = [&](size_t i, const char* what) { return evalComptime(args[i], nullptr, what); };
    result = mkVoid();
    if (name == std::string_view("get_rectangle")) { // sizes compared first
        if (!rectSet_)
            fail(node, "@get_rectangle is used before @set_rectangle");
        // The Builtins page: "a comptime_struct with u16 fields width and height", which also
        // holds the fabric's dimensions and the rectangle's offsets in it.
        const auto [fw, fh, ox, oy] = fabricGeometry();
        const auto size = [&](uint32_t w, uint32_t h) {
            return mkAgg({"width", "height"}, {mkInt(w, types.u16), mkInt(h, types.u16)});
        };
        result = mkAgg(
            {"width", "height", "fabric", "offsets"},
            {mkInt(width_, types.u16), mkInt(height_, types.u16), size(fw, fh), size(ox, oy)});
        return;
    }
    // Modules the layout imports (they have no code class) may configure the layout too,
    // as <collectives_2d/params> does.
    if (!fr_->mod->isLayout && fr_->mod->cls != nullptr)
        fail(node, "@" + name + " is only allowed in the layout block");
    // The Builtins page: @set_rectangle "must appear only in a layout block", and the others
    // only "during the evaluation of a layout block" (in a top-level comptime block of the
    // layout file they were "used before @set_rectangle", or set the rectangle).
    if (!inLayoutBlock_)
        fail(node, "@" + name +
                       " is only allowed during the evaluation of the layout block, "
                       "not in a comptime block");
    // Sizes and coordinates are integers: a color there passed as its number (h-mut7 3).
    const auto integerArg = [&](size_t i, const char* what) {
        const Value v = carg(i, what);
        if (v.k != VK::Int)
            fail(args[i],
                 "@" + name + " expects an integer " + what + ", found '" + typeName(v.type) + "'");
        return v.i;
    };
    if (name == std::string_view("set_rectangle")) {
        if (args.size() != 2)
            fail(node, "@set_rectangle expects 2 arguments, found " + std::to_string(args.size()));
        if (rectSet_)
            fail(node, "@set_rectangle is called more than once");
        const int64_t w = integerArg(0, "width");
        const int64_t h = integerArg(1, "height");
        if (w <= 0 || h <= 0 || w > 1000 || h > 1200)
            fail(node,
                 "rectangle " + std::to_string(w) + "x" + std::to_string(h) + " is out of range");
        width_ = uint32_t(w);
        height_ = uint32_t(h);
        rectSet_ = true;
        tiles_.assign(size_t(w * h), kNoTile);
        tileNodes_.assign(size_t(w * h), 0);
        configuredColors_.assign(size_t(w * h), 0);
        const size_t errorsBefore = diags_.errorCount();
        checkFabricHoldsRectangle();
        if (diags_.errorCount() > errorsBefore)
            throw SemaError{};
        return;
    }
    if (!rectSet_)
        fail(node, "@" + name + " is used before @set_rectangle");
    auto coords = [&](uint32_t& x, uint32_t& y) {
        const int64_t xi = integerArg(0, "x");
        const int64_t yi = integerArg(1, "y");
        if (xi < 0 || yi < 0 || xi >= int64_t(width_) || yi >= int64_t(height_))
            fail(node, "PE (" + std::to_string(xi) + ", " + std::to_string(yi) +
                           ") is outside the rectangle " + std::to_string(width_) + "x" +
                           std::to_string(height_));
        x = uint32_t(xi);
        y = uint32_t(yi);
    };
    if (name == std::string_view("set_tile_code")) {
        if (args.size() < 2 || args.size() > 4)
            fail(node,
                 "@set_tile_code expects 2 to 4 arguments, found " + std::to_string(args.size()));
        uint32_t x, y;
        coords(x, y);
        const size_t pe = size_t(y) * width_ + x;
        if (tiles_[pe] != kNoTile) {
            diags_.error(fr_->mod->fileId, ast().beginOffset(node), ast().endOffset(node),
                         "PE (" + std::to_string(x) + ", " + std::to_string(y) +
                             ") already has code");
            note(fr_->mod, tileNodes_[pe], "first set here");
            throw SemaError{};
        }
        // The Builtins page: "@set_tile_code(0, 0); // Specify to the compiler that *this*
        // file contains code for PE #0,0". Its params are the layout's own.
        std::string file = args.size() == 2
                               ? fs::path(opt_.layoutFile).filename().string()
                               : asString(carg(2, "file name"), args[2], "@set_tile_code");
        Value params = args.size() > 3    ? carg(3, "tile parameters")
                       : args.size() == 2 ? layoutParams(node)
                                          : mkAgg({}, {});
        if (params.k != VK::Agg)
            fail(args[3], "tile parameters must be a struct");
        uint32_t index = kNoTile;
        for (size_t i = 1; i <= recentTiles_.size() && index == kNoTile; ++i) { // newest first
            const RecentTile& r =
                recentTiles_[(recentTileNext_ + recentTiles_.size() - i) % recentTiles_.size()];
            if (r.index != kNoTile && r.file == file && sameValue(r.params, params))
                index = r.index;
        }
        if (index == kNoTile) {
            std::string key = file + "|" + paramsKey(params);
            auto [it, added] =
                tileCodeIndex_.try_emplace(std::move(key), uint32_t(tileCodes_.size()));
            index = it->second;
            recentTiles_[recentTileNext_++ % recentTiles_.size()] = {file, params, index};
            if (added)
                tileCodes_.push_back({std::move(file), params, node, fr_->mod, pe});
        }
        if (TileCode& t = tileCodes_[index]; pe < t.firstPe) {
            // The class is built from the first PE in y-major order, whatever order the
            // layout sets them in (memcpy params differ per column within one key).
            t.params = std::move(params);
            t.node = node;
            t.mod = fr_->mod;
            t.firstPe = pe;
        }
        tiles_[pe] = index;
        tileNodes_[pe] = node;
        return;
    }
    if (name == std::string_view("set_color_config")) {
        if (args.size() != 4)
            fail(node,
                 "@set_color_config expects 4 arguments, found " + std::to_string(args.size()));
        uint32_t x, y;
        coords(x, y);
        Value col = coerce(carg(2, "color"), types.handle(HandleKind::Color), args[2]);
        failUnlessConfigurableColor(int(col.i), args[2]);
        const Value cfgValue = carg(3, "color configuration");
        sim::ColorConfig cfg;
        const RecentColorConfig* known = nullptr;
        for (const RecentColorConfig& r : recentColorConfigs_) {
            if (cfgValue.k == VK::Agg && r.elems && r.elems == cfgValue.elems &&
                r.names == cfgValue.names)
                known = &r;
        }
        // A layout loop's error names the PE it was at.
        const std::string where = "in the configuration of color " + std::to_string(col.i) +
                                  " at PE (" + std::to_string(x) + ", " + std::to_string(y) + ")";
        try {
            if (known) {
                cfg = known->cfg;
            } else {
                cfg = colorConfig(cfgValue, args[3]);
                if (cfgValue.k == VK::Agg && cfgValue.elems)
                    recentColorConfigs_[recentColorConfigNext_++ % recentColorConfigs_.size()] = {
                        cfgValue.elems, cfgValue.names, cfg};
            }
            failUnlessSwitchable(int(col.i), cfg, args[2]);
        } catch (const SemaError&) {
            note(fr_->mod, node, where);
            throw;
        }
        uint32_t& configured = configuredColors_[size_t(y) * width_ + x];
        if (configured >> col.i & 1)
            fail(node, "color " + std::to_string(col.i) + " at PE (" + std::to_string(x) + ", " +
                           std::to_string(y) + ") is configured twice");
        configured |= uint32_t(1) << col.i;
        colorCfgs_.push_back({x, y, int(col.i), cfg});
        return;
    }
    if (name == std::string_view("export_name")) {
        if (args.size() < 2 || args.size() > 3)
            fail(node,
                 "@export_name expects 2 or 3 arguments, found " + std::to_string(args.size()));
        std::string sym = asString(carg(0, "symbol name"), args[0], "@export_name");
        TypeP t = evalType(args[1]);
        sim::HostSymbol hs;
        hs.name = sym;
        hs.id = uint16_t(hostSymbols_.size());
        for (const sim::HostSymbol& h : hostSymbols_) {
            if (h.name == sym)
                fail(args[0], "symbol '" + sym + "' is exported twice");
        }
        if (t->k == TK::Fn) {
            hs.kind = sim::HostSymbol::Kind::Func;
            if (t->params.size() > 15)
                fail(args[1], "exported function '" + sym + "' has more than 15 parameters");
            for (TypeP p : t->params) {
                if (!isRuntimeScalar(p) || p->k == TK::Enum || p->k == TK::Ptr)
                    fail(args[1], "exported function '" + sym + "' has a parameter of type '" +
                                      typeName(p) + "'; only scalar types are allowed");
                failUnlessAbiSized(p, args[1], "exported function '" + sym + "'");
                hs.inputs.push_back(scalarOf(p));
            }
            // The Builtins page: "the same rules apply to the respective function parameter
            // types and return type".
            if (const TypeP r = t->ret; r && r->k != TK::Void) {
                if (!isRuntimeScalar(r) || r->k == TK::Enum || r->k == TK::Ptr)
                    fail(args[1], "exported function '" + sym + "' returns '" + typeName(r) +
                                      "'; only scalar types are allowed");
                failUnlessAbiSized(r, args[1], "exported function '" + sym + "'");
            }
            if (args.size() > 2)
                fail(args[2], "an exported function takes no mutability argument");
        } else if (t->k == TK::Ptr) {
            TypeP e = t->elem;
            while (e->k == TK::Array)
                e = e->elem;
            if (!isRuntimeScalar(e) || e->k == TK::Ptr)
                fail(args[1], "exported pointer '" + sym + "' must point at scalars, found '" +
                                  typeName(t) + "'");
            failUnlessAbiSized(e, args[1], "exported pointer '" + sym + "'");
            hs.kind = sim::HostSymbol::Kind::Var;
            hs.elementType = scalarOf(e);
            hs.mutableFromHost = args.size() > 2 ? asBool(carg(2, "mutability"), args[2]) : false;
        } else if (isRuntimeScalar(t) && t->k != TK::Enum) {
            // The RPC page's scalar form, read by @get_symbol_value: the mutability argument
            // must be given unless the type is a function type.
            if (args.size() < 3)
                fail(node, "@export_name of '" + sym + "' with type '" + typeName(t) +
                               "' needs the mutability argument");
            failUnlessAbiSized(t, args[1], "exported symbol '" + sym + "'");
            hs.kind = sim::HostSymbol::Kind::Var;
            hs.elementType = scalarOf(t);
            hs.scalar = true;
            hs.mutableFromHost = asBool(carg(2, "mutability"), args[2]);
        } else {
            fail(args[1], "@export_name expects a pointer, function or scalar type, found '" +
                              typeName(t) + "'");
        }
        hostSymbols_.push_back(hs);
        hostSymbolTypes_.push_back(t);
        return;
    }
}

// The identifiers in the `comptime` expressions and blocks of a file's function bodies.
static std::set<std::string_view> namesInComptimeCode(const Ast& a) {
    std::set<std::string_view> names;
    auto collect = [&](uint32_t node) {
        if (a.nodes[node].kind == NK::Ident)
            names.insert(a.tokText(a.nodes[node].tok));
    };
    for (uint32_t d : a.list(a.root))
        if (a.nodes[d].kind == NK::FnDecl && a.nodes[d].b)
            forEachNode(a, a.nodes[d].b, [&](uint32_t node) {
                const NK k = a.nodes[node].kind;
                if (k == NK::ComptimeExpr || k == NK::ComptimeBlock)
                    forEachNode(a, a.nodes[node].a, collect);
            });
    return names;
}

void Analyzer::runComptimeBlocks(Module* m) {
    const Ast& a = *m->ast;
    for (uint32_t d : a.list(a.root)) {
        if (a.nodes[d].kind != NK::ComptimeBlock)
            continue;
        ModuleFrame frame(*this, m);
        fr_->topLevelComptimeBlock = true;
        try {
            execBlock(a.nodes[d].a);
        } catch (SemaError&) {
            if (cls())
                cls()->comptimeBlockStopped = true;
        }
    }
}

std::string Analyzer::paramsKey(const Value& params) {
    std::string k;
    if (params.k != VK::Agg || !params.names)
        return k;
    // Built for every PE of the layout (issue 3): the fields are shown into one buffer and
    // ordered by index, not as sorted pairs of strings; the key is the same text as before.
    const std::vector<std::string>& names = *params.names;
    const size_t n = names.size();
    std::string shown;
    std::vector<std::pair<size_t, size_t>> spans(n); // of each field's text in shown
    std::vector<uint32_t> order(n);
    for (size_t i = 0; i < n; ++i) {
        const Value& v = (*params.elems)[i];
        const size_t start = shown.size();
        // memcpy parameters differ per column only in ways the simulator models itself
        // (tested before show(), which would print the whole struct for every PE).
        if (v.k == VK::Agg && v.field("$memcpy_column"))
            shown += "memcpy";
        else
            showTo(shown, v);
        spans[i] = {start, shown.size() - start};
        order[i] = uint32_t(i);
    }
    const std::string_view all(shown);
    auto text = [&](uint32_t i) { return all.substr(spans[i].first, spans[i].second); };
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
        const int c = names[a].compare(names[b]);
        return c != 0 ? c < 0 : text(a) < text(b);
    });
    for (uint32_t i : order) {
        if (!k.empty())
            k += ", ";
        k += names[i];
        k += '=';
        k += text(i);
    }
    return k;
}

// The tile file is checked whole, but the SDK's cslc analyses only what is used (Zig's lazy
// analysis: a `const ut0 = @get_ut_id(0);` that only WSE-3 branches use compiles for WSE-2).
// A declaration or function nothing compiled uses whose errors are all about the architecture
// (failOnThisArch) gets them as warnings; other mistakes in unused code stay errors. Only when
// nothing else fails: a failed declaration in use must stop the build wherever it was first
// reported, and after another error (a comptime block that stopped before its exports) code
// may look unused that is not.
void Analyzer::demoteArchErrorsOfUnusedCode(const ClassCtx& c,
                                            const std::vector<UnusedCheck>& checks,
                                            size_t classFirstDiagnostic) {
    const auto isError = [&](size_t i) {
        return diags_.diagnostics()[i].severity == csl::Severity::Error;
    };
    const auto demotable = [&](const UnusedCheck& u) {
        if (u.decl->referenced || !u.mod->ast)
            return false;
        for (size_t i = u.first; i < u.last; ++i)
            if (isError(i) && !archErrors_.count(i))
                return false;
        return true;
    };
    size_t otherErrors = 0;
    for (size_t i = classFirstDiagnostic; i < diags_.diagnostics().size(); ++i)
        otherErrors += isError(i);
    for (const UnusedCheck& u : checks)
        if (demotable(u))
            for (size_t i = u.first; i < u.last; ++i)
                otherErrors -= isError(i);
    if (otherErrors > 0)
        return;
    for (Module* mm : c.modules)
        for (const auto& [name, d] : mm->decls)
            if (d.failed && d.referenced)
                return;
    for (const UnusedCheck& u : checks)
        if (demotable(u))
            diags_.demoteErrors(u.first, u.last, u.mod->fileId,
                                u.mod->ast->beginOffset(u.decl->node),
                                u.mod->ast->endOffset(u.decl->node),
                                "'" + u.decl->name +
                                    "' is not used, so the SDK's compiler does not analyse it "
                                    "(Tessera checks the whole tile file)");
}

void Analyzer::buildClass(const TileCode& t, ClassCtx& c) {
    stepBudgetStart_ = comptimeSteps_;
    c.cc.file = t.file;
    c.cc.paramsKey = paramsKey(t.params);
    Frame* save = fr_;
    Module* m = nullptr;
    {
        FrameRestore restore{fr_, save};
        Frame lf;
        lf.mod = layout_;
        lf.comptime = true;
        lf.scopes.emplace_back();
        fr_ = &lf;
        try {
            m = loadModule(t.file, layout_->dir, t.params, layout_, t.node, &c, "");
        } catch (SemaError&) {
            return;
        }
    }
    // What the tile file's check resolved or lowered with errors (demoteArchErrorsOfUnusedCode).
    std::vector<UnusedCheck> unusedChecks;
    const size_t classFirstDiagnostic = diags_.diagnostics().size();
    // While checkingUnusedCode_ is set (FlagForScope below), what only the check resolves or
    // lowers references nothing (Decl::referenced).
    const auto checked = [&](const Decl& d, Module* mod, size_t first) {
        if (diags_.diagnostics().size() > first)
            unusedChecks.push_back({&d, mod, first, diags_.diagnostics().size()});
    };
    // Params without a value are an error at their declaration.
    std::set<Module*> ran;
    size_t before = 0;
    for (;;) {
        std::vector<Module*> todo;
        // The class's own modules (scanning every module of every class made this loop
        // quadratic in the number of code classes: per-PE params).
        for (Module* mm : c.modules) {
            if (mm->ast && !ran.count(mm))
                todo.push_back(mm);
        }
        if (todo.empty() || todo.size() == before)
            break;
        for (Module* mm : todo) {
            ran.insert(mm);
            runComptimeBlocks(mm);
            // Imported modules are analysed lazily, as cslc does: a declaration nobody
            // references is neither checked nor given memory (library modules often hold
            // declarations that only some configurations use). The tile file itself is
            // checked completely, so its mistakes show up even before they are used.
            if (mm != m)
                continue;
            for (const std::string& dn : mm->declOrder) {
                Decl& d = mm->decls[dn];
                ModuleFrame frame(*this, mm);
                // Like cslc, a param nobody uses needs no value.
                bool unsetParam = d.isParam && !mm->params.count(dn) && !mm->ast->nodes[d.node].b;
                const size_t first = diags_.diagnostics().size();
                try {
                    if (unsetParam)
                        continue;
                    {
                        const FlagForScope only(checkingUnusedCode_, true);
                        resolveDecl(mm, d, d.node);
                    }
                    const Node& dn2 = mm->ast->nodes[d.node];
                    if (d.isFn && dn2.kind == NK::FnDecl && (dn2.flags & (kFnExport | kFnExtern))) {
                        // An export or extern fn's parameter and result types must be
                        // export compatible (the Storage Classes page; void results are).
                        const std::string kind = (dn2.flags & kFnExport) ? "export" : "extern";
                        for (uint32_t param : mm->ast->list(d.node))
                            failUnlessExportCompatible(evalType(N(param).a), param,
                                                       "a parameter of " + kind + " fn '" + dn +
                                                           "'");
                        if (dn2.a)
                            if (TypeP rt = evalType(dn2.a); rt->k != TK::Void)
                                failUnlessExportCompatible(
                                    rt, dn2.a, "the result of " + kind + " fn '" + dn + "'");
                    }
                } catch (SemaError&) {
                }
                checked(d, mm, first);
            }
            // Then its functions that no run-time code has used yet, once every declaration
            // has run: one that only comptime code calls is left alone (the Comptime page:
            // such a call "is implicitly comptime"; a `var` may size an array there). An
            // extern declaration (no body) matters only when called: the call then reports
            // that it has no definition here.
            // A function named in a `comptime` expression or block of a function's body
            // counts as called at comptime even before that body is lowered (it may come
            // later in the file).
            const std::set<std::string_view> comptimeNamed = namesInComptimeCode(*mm->ast);
            for (const std::string& dn : mm->declOrder) {
                Decl& d = mm->decls[dn];
                FnDef* def = d.isFn && d.state == Decl::State::Done ? d.value.fn : nullptr;
                if (!def || def->generic || def->calledAtComptime || comptimeNamed.count(dn) ||
                    !mm->ast->nodes[def->node].b || def->index >= 0)
                    continue;
                ModuleFrame frame(*this, mm);
                const size_t first = diags_.diagnostics().size();
                try {
                    const FlagForScope only(checkingUnusedCode_, true);
                    def->loweredForChecking = true;
                    lowerFunction(def, d.node);
                } catch (SemaError&) {
                }
                checked(d, mm, first);
            }
        }
    }
    finishRpcSymbols(c, m);
    // Finish the class.
    if (c.initFn >= 0) {
        Frame f;
        f.mod = m;
        f.fn = &c.funcs[size_t(c.initFn)];
        fr_ = &f;
        emit(sim::Op::Return, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        fr_ = save;
        c.cc.initFunction = c.initFn;
    }
    if (c.teardownFn >= 0) {
        Frame f;
        f.mod = m;
        f.fn = &c.funcs[size_t(c.teardownFn)];
        fr_ = &f;
        emit(sim::Op::Return, sim::ScalarType::Void, kNoReg, kNoReg, kNoReg, 0);
        fr_ = save;
    }
    applyLateDsrConfigs(c);
    for (auto& [fc, opIndex, fn, node, mod, field] : activateFixups_) {
        // Skip other classes' fixups, and those of an operation that failed after its
        // fixup was recorded (its error is reported; the operation was never added).
        const bool onFifo = field == TaskField::FifoPush || field == TaskField::FifoPop;
        if (fc != &c || opIndex >= (onFifo ? c.cc.fifos.size() : c.cc.dsdOps.size()))
            continue;
        sim::DsdOpDesc* op = onFifo ? nullptr : &c.cc.dsdOps[opIndex];
        // '.unblock' takes any bound task; '.activate' and the FIFO's wake a local task.
        const bool isUnblock =
            field == TaskField::Unblock ||
            (field == TaskField::OnControl && op->onControl == sim::DsdOpDesc::OnControl::Unblock);
        const std::string what = field == TaskField::OnControl  ? "'.on_control'"
                                 : field == TaskField::FifoPush ? "'.activate_push'"
                                 : field == TaskField::FifoPop  ? "'.activate_pop'"
                                 : isUnblock                    ? "'.unblock'"
                                                                : "'.activate'";
        int found = -1;
        for (int id = 0; id < sim::kNumTaskIds; ++id) {
            sim::TaskKind k = c.cc.tasks[size_t(id)].kind;
            if ((isUnblock ? k != sim::TaskKind::None : k == sim::TaskKind::Local) &&
                c.cc.tasks[size_t(id)].function == fn->index)
                found = id;
        }
        if (found < 0) {
            // `.activate` wakes a local task; a task bound otherwise is named as such.
            bool boundOtherwise = false;
            for (const sim::TaskBinding& t : c.cc.tasks)
                boundOtherwise =
                    boundOtherwise || (t.kind != sim::TaskKind::None && t.function == fn->index);
            diags_.error(mod->fileId, mod->ast->beginOffset(node), mod->ast->endOffset(node),
                         "task '" + fn->name + "' used in " + what + " " +
                             (boundOtherwise ? "is not bound as a local task"
                                             : "is not bound to a task ID"));
            continue;
        }
        int8_t& target = field == TaskField::FifoPush    ? c.cc.fifos[opIndex].activatePush
                         : field == TaskField::FifoPop   ? c.cc.fifos[opIndex].activatePop
                         : field == TaskField::OnControl ? op->onControlTask
                         : isUnblock                     ? op->unblockTask
                                                         : op->activateTask;
        target = int8_t(found);
    }
    // Only where run-time code can reach: a task that this PE never binds (lowered only to
    // check the file) may activate a task that only the PEs binding it bind too. Not after
    // a top-level comptime block stopped at an error: its later binds never ran (h-rand6:
    // "no task is bound" followed an @initialize_queue error).
    const std::vector<bool> reachable = reachableFunctions(c);
    for (const ClassCtx::Activation& a : c.activations) {
        if (!c.comptimeBlockStopped && a.id >= 0 && a.id < sim::kNumTaskIds &&
            c.cc.tasks[size_t(a.id)].kind == sim::TaskKind::None &&
            (a.function < 0 || reachable[size_t(a.function)]))
            diags_.error(a.mod->fileId, a.mod->ast->beginOffset(a.node),
                         a.mod->ast->endOffset(a.node),
                         "local task ID " + std::to_string(a.id) +
                             " is activated here but no task is bound to it");
    }
    // Done with this class's fixups: a later class may be built at the same address (the
    // class vector grows), and a stale entry would then patch an op of that class.
    std::erase_if(activateFixups_, [&](const auto& fixup) { return std::get<0>(fixup) == &c; });
    // A fabin DSD built before its queue's @initialize_queue ran takes the queue's color.
    for (sim::Dsd& d : c.cc.dsdConstants) {
        if (d.kind == sim::DsdKind::FabIn && d.color == 0 && c.cc.inputQueueColor[d.queue] > 0)
            d.color = uint8_t(c.cc.inputQueueColor[d.queue]);
    }
    // WSE-2: a queue that no @initialize_queue binds but whose fabin DSDs all name one color
    // holds that color's wavelets from the start, as it would once the first receive runs
    // (so <tile_config> input_queue_status sees them before any receive).
    if (!wse3()) {
        std::map<int, int> colorOfQueue; // -1: fabin DSDs name several colors
        for (const sim::Dsd& d : c.cc.dsdConstants) {
            if (d.kind != sim::DsdKind::FabIn || c.cc.inputQueueColor[d.queue] >= 0)
                continue;
            const auto [it, fresh] = colorOfQueue.try_emplace(d.queue, d.color);
            if (!fresh && it->second != d.color)
                it->second = -1;
        }
        for (const auto& [queue, color] : colorOfQueue) {
            if (color >= 0)
                c.cc.inputQueueColor[size_t(queue)] = int8_t(color);
        }
    }
    // The DSRs page, @load_to_dsr: "When using a fabin_dsd loaded to a DSR, the input queue
    // used by the fabin_dsd must be explicitly initialized with the associated color via
    // @initialize_queue", and "On WSE-3, when using a fabout_dsd loaded to a DSR, the output
    // queue" likewise.
    for (const ClassCtx::FabricQueueDsd& load : c.fabricDsrLoads) {
        if (!c.initializedQueues.count({load.input, load.queue}) && !c.comptimeBlockStopped &&
            load.mod->ast)
            diags_.error(load.mod->fileId, load.mod->ast->beginOffset(load.node),
                         load.mod->ast->endOffset(load.node),
                         std::string(load.input ? "this fabin_dsd" : "this fabout_dsd") +
                             " is loaded to a DSR, so its " + (load.input ? "input" : "output") +
                             " queue " + std::to_string(load.queue) +
                             " must be initialized with @initialize_queue");
    }
    for (const ClassCtx::NamedFabricColor& named : c.namedFabricColors) {
        const int bound = named.input ? c.cc.inputQueueColor[size_t(named.queue)]
                                      : c.cc.outputQueueColor[size_t(named.queue)];
        if (bound >= 0 && bound != named.color && named.mod->ast)
            diags_.warning(named.mod->fileId, named.mod->ast->beginOffset(named.node),
                           named.mod->ast->endOffset(named.node),
                           "this DSD names color " + std::to_string(named.color) + ", but its " +
                               (named.input ? "input" : "output") + " queue " +
                               std::to_string(named.queue) + " is bound to color " +
                               std::to_string(bound) +
                               " by @initialize_queue; on WSE-3 the queue's color is used");
    }
    // On WSE-3 a fabric DSD's queue implies its color ("the queue implies it"): one that no
    // @initialize_queue binds sends on color 0 or receives nothing, unless <tile_config>
    // binds it at run time, so a warning, not an error.
    for (const auto& [use, where] : c.fabricQueueUses) {
        const bool input = use.first;
        const int queue = use.second;
        const bool loadedToDsr = std::any_of(c.fabricDsrLoads.begin(), c.fabricDsrLoads.end(),
                                             [&](const ClassCtx::FabricQueueDsd& l) {
                                                 return l.input == input && l.queue == queue;
                                             });
        // A comptime block that stopped at an error may not have reached its queues' setup.
        if (!c.initializedQueues.count({input, queue}) && !loadedToDsr && !c.comptimeBlockStopped &&
            where.mod->ast)
            diags_.warning(where.mod->fileId, where.mod->ast->beginOffset(where.node),
                           where.mod->ast->endOffset(where.node),
                           where.what + " uses " + (input ? "input" : "output") + " queue " +
                               std::to_string(queue) +
                               ", which no @initialize_queue in this tile binds to a color; on "
                               "WSE-3 the queue gives it its color");
    }
    placeControlTasks(c);
    for (int id : c.blockedIds)
        c.cc.tasks[size_t(id)].initiallyBlocked = true;
    // The Task IDs page, "Control Tasks": a channel (a color on WSE-2, an input queue on
    // WSE-3) starts blocked unless a data task is bound to it, so control wavelets on it
    // wait for an @unblock.
    const int channels = wse3() ? sim::kNumInputQueues : sim::kNumColors;
    for (int id = 0; id < channels; ++id)
        if (c.cc.tasks[size_t(id)].kind == sim::TaskKind::None && !c.unblockedIds.count(id))
            c.cc.tasks[size_t(id)].initiallyBlocked = true;
    checkRecursion(c);
    demoteArchErrorsOfUnusedCode(c, unusedChecks, classFirstDiagnostic);
    for (const sim::ClassExport& e : c.cc.exports) {
        const auto host = std::find_if(hostSymbols_.begin(), hostSymbols_.end(),
                                       [&](const sim::HostSymbol& h) { return h.name == e.name; });
        if (host == hostSymbols_.end()) {
            diags_.error(m->fileId, 0, 0,
                         "symbol '" + e.name + "' is exported by '" + t.file +
                             "' but not declared with @export_name in the layout");
            continue;
        }
        // out_rpc.json names a function's parameters as the first PE program exporting it
        // does, as the SDK's parse_host_callable_api shows.
        const FnDef* f = e.isFunction && e.function >= 0 && size_t(e.function) < c.fnOfIndex.size()
                             ? c.fnOfIndex[size_t(e.function)]
                             : nullptr;
        if (f && host->inputNames.empty()) {
            for (uint32_t param : f->mod->ast->list(f->node))
                host->inputNames.emplace_back(f->mod->ast->tokText(N2(f->mod, param).tok));
        }
    }
    c.cc.memoryBytes = std::max(c.nextAddress, c.fixedEnd); // fixed link sections included
    setStackLimits(c);
    if (c.nextAddress > sim::kPeMemoryBytes) {
        std::vector<sim::Symbol> syms = c.cc.symbols;
        std::sort(syms.begin(), syms.end(), [](const sim::Symbol& a, const sim::Symbol& b) {
            return a.sizeBytes > b.sizeBytes;
        });
        std::string largest;
        for (size_t i = 0; i < syms.size() && i < 3; ++i)
            largest += (i ? ", " : "") + syms[i].name + " (" + std::to_string(syms[i].sizeBytes) +
                       " bytes)";
        // At the largest symbol's declaration when it is one of this file's globals.
        uint32_t begin = 0, end = 0;
        for (const auto& [name, d] : m->decls) {
            if (d.hasStorage && !syms.empty() && d.address == syms[0].address && m->ast) {
                begin = m->ast->beginOffset(d.node);
                end = m->ast->endOffset(d.node);
            }
        }
        diags_.error(
            m->fileId, begin, end,
            "'" + t.file + "' needs " + std::to_string(c.nextAddress) +
                " bytes of PE memory, more than the 49152 available; largest symbols: " + largest);
    }
    for (sim::Function& f : c.funcs)
        c.cc.functions.push_back(std::move(f));
    c.funcs.clear();
}

void Analyzer::pollCancelled() const {
    if (opt_.cancelled && opt_.cancelled())
        throw CompileCancelled{};
}

// Whether --params or --colors gives layout param `name`.
bool Analyzer::givenOnCommandLine(const std::string& name) const {
    const auto named = [&](const auto& p) { return p.first == name; };
    return std::any_of(opt_.params.begin(), opt_.params.end(), named) ||
           std::any_of(opt_.colors.begin(), opt_.colors.end(), named);
}

// The layout's params that have values (--params, --colors or a default), as the tile
// parameters of the layout file used as a PE program.
Value Analyzer::layoutParams(uint32_t node) {
    std::vector<std::string> names;
    std::vector<Value> values;
    for (const std::string& dn : layout_->declOrder) {
        Decl& d = layout_->decls[dn];
        if (d.isParam && (givenOnCommandLine(dn) || layout_->ast->nodes[d.node].b)) {
            names.push_back(dn);
            values.push_back(resolveDecl(layout_, d, node));
        }
    }
    return mkAgg(std::move(names), std::move(values));
}

CompileResult Analyzer::run() {
    CompileResult res;
    if (opt_.layoutFile.empty()) {
        diags_.errorNoLoc("no input file");
        res.diagnostics = diags_.take();
        return res;
    }
    if (opt_.memcpy && opt_.channels == 0)
        diags_.errorNoLoc(
            "--channels must be between 1 and 16 (0 selects the unsupported legacy runner)");
    try {
        pollCancelled();
        modules_.emplace_back();
        layout_ = &modules_.back();
        layout_->isLayout = true;
        fs::path lp(opt_.layoutFile);
        layout_->path = opt_.layoutFile;
        layout_->dir = lp.parent_path().string();
        layout_->ast = loadAst(lp.lexically_normal().string(), opt_.layoutFile, layout_->fileId);
        if (!layout_->ast) {
            diags_.errorNoLoc("cannot read file '" + opt_.layoutFile + "': " + readError_);
            res.diagnostics = diags_.take();
            return res;
        }
        indexDecls(layout_);
        std::vector<std::string_view> layoutParams;
        for (const auto& [name, decl] : layout_->decls)
            if (decl.isParam)
                layoutParams.push_back(name);
        // --colors binds params as --params does (h-diag8: a misspelt one was ignored).
        for (const auto& [flag, given] :
             {std::pair{"--params", &opt_.params}, std::pair{"--colors", &opt_.colors}}) {
            for (const auto& [pn, pv] : *given) {
                Decl* d = findDecl(layout_, pn);
                if (!d || !d->isParam)
                    diags_.errorNoLoc(std::string(flag) + ": the layout has no param named '" + pn +
                                      "'" + didYouMean(pn, layoutParams));
            }
        }
        if (diags_.hasErrors()) {
            res.diagnostics = diags_.take();
            return res;
        }
        // The layout block.
        const Ast& a = *layout_->ast;
        std::vector<uint32_t> layouts;
        for (uint32_t d : a.list(a.root)) {
            if (a.nodes[d].kind == NK::LayoutBlock)
                layouts.push_back(d);
        }
        if (layouts.empty())
            diags_.error(layout_->fileId, 0, 0, "'" + opt_.layoutFile + "' has no layout block");
        for (size_t i = 1; i < layouts.size(); ++i)
            diags_.error(layout_->fileId, a.beginOffset(layouts[i]), a.endOffset(layouts[i]),
                         "only one layout block is allowed");
        for (uint32_t i = 0; i < a.nodes.size() && !layoutIsTileCode_; ++i)
            layoutIsTileCode_ = a.nodes[i].kind == NK::BuiltinCall &&
                                a.tokText(a.nodes[i].tok) == "@set_tile_code" &&
                                a.list(i).size() == 2;
        if (!layoutIsTileCode_)
            runComptimeBlocks(layout_);
        if (!layouts.empty()) {
            Frame f;
            f.mod = layout_;
            f.comptime = true;
            f.scopes.emplace_back();
            fr_ = &f;
            try {
                const FlagForScope evaluating(inLayoutBlock_, true);
                execBlock(a.nodes[layouts[0]].a);
            } catch (SemaError&) {
            }
            fr_ = nullptr;
            if (!rectSet_ && !diags_.hasErrors())
                diags_.error(layout_->fileId, a.beginOffset(layouts[0]), a.endOffset(layouts[0]),
                             "the layout block does not call @set_rectangle");
        }
        pollCancelled();
        // Check all layout declarations (params, consts) even when unused; a layout that is
        // also a PE program has them checked as that.
        for (const std::string& dn :
             layoutIsTileCode_ ? std::vector<std::string>{} : layout_->declOrder) {
            Frame f;
            f.mod = layout_;
            f.comptime = true;
            f.scopes.emplace_back();
            fr_ = &f;
            Decl& d = layout_->decls[dn];
            try {
                if (!d.isParam || givenOnCommandLine(dn) || layout_->ast->nodes[d.node].b)
                    resolveDecl(layout_, d, d.node);
            } catch (SemaError&) {
            }
            fr_ = nullptr;
        }
        if (diags_.hasErrors()) {
            res.diagnostics = diags_.take();
            return res;
        }
        for (uint32_t y = 0; y < height_; ++y) {
            for (uint32_t x = 0; x < width_; ++x) {
                if (tiles_[y * width_ + x] == kNoTile)
                    diags_.error(
                        layout_->fileId, a.beginOffset(layouts[0]), a.beginOffset(layouts[0]) + 6,
                        "PE (" + std::to_string(x) + ", " + std::to_string(y) +
                            ") has no code; every PE of the rectangle needs @set_tile_code");
            }
        }
        if (diags_.hasErrors()) {
            res.diagnostics = diags_.take();
            return res;
        }
        auto prog = std::make_shared<sim::FabricProgram>();
        prog->arch = opt_.arch;
        prog->fp16Format = opt_.fp16Format == "bf16"   ? sim::Fp16Format::Bf16
                           : opt_.fp16Format == "cb16" ? sim::Fp16Format::Cb16
                                                       : sim::Fp16Format::F16;
        prog->width = width_;
        prog->height = height_;
        // Code classes are numbered in y-major order of their first PE.
        std::vector<uint32_t> classOfTile(tileCodes_.size(), kNoTile);
        prog->pes.resize(size_t(width_) * height_);
        // A file built with several params: its errors name the PE whose params showed them.
        std::map<std::string, int> classesOfFile;
        for (const TileCode& t : tileCodes_)
            ++classesOfFile[t.file];
        for (uint32_t y = 0; y < height_; ++y) {
            pollCancelled(); // per row: a row is at most 1,000 PEs
            for (uint32_t x = 0; x < width_; ++x) {
                const uint32_t tile = tiles_[size_t(y) * width_ + x];
                uint32_t& cls = classOfTile[tile];
                if (cls == kNoTile) {
                    classes_.emplace_back();
                    const size_t firstDiagnostic = diags_.diagnostics().size();
                    buildClass(tileCodes_[tile], classes_.back());
                    if (const TileCode& t = tileCodes_[tile];
                        classesOfFile[t.file] > 1 && t.mod && t.mod->ast)
                        diags_.noteErrorsFrom(
                            firstDiagnostic, t.mod->fileId, t.mod->ast->beginOffset(t.node),
                            t.mod->ast->endOffset(t.node),
                            "in the code of PE (" + std::to_string(x) + ", " + std::to_string(y) +
                                ") with the params this @set_tile_code gives it",
                            true);
                    cls = uint32_t(classes_.size() - 1);
                }
                prog->pes[size_t(y) * width_ + x].codeClass = cls;
            }
        }
        pollCancelled();
        for (const ColorCfg& cc : colorCfgs_)
            prog->pes[cc.y * width_ + cc.x].colors.push_back({uint8_t(cc.color), cc.cfg});
        pollCancelled();
        for (sim::PeConfig& pe : prog->pes) {
            for (auto& [col, cfg] : classes_[pe.codeClass].localColors) {
                bool replaced = false;
                for (auto& [pc, pcfg] : pe.colors) {
                    if (pc == col) {
                        pcfg = cfg;
                        replaced = true;
                    }
                }
                if (!replaced)
                    pe.colors.push_back({uint8_t(col), cfg});
            }
        }
        // SDK-NOTES (the router pages): a WSE-2 router has 6 filters, one per filtered color.
        if (!wse3()) {
            constexpr size_t kWse2RouterFilters = 6;
            for (size_t i = 0; i < prog->pes.size(); ++i) {
                std::string filtered;
                size_t count = 0;
                for (const auto& [col, cfg] : prog->pes[i].colors)
                    if (cfg.filter.kind != sim::FilterConfig::Kind::None) {
                        filtered += (count++ ? ", " : "") + std::to_string(col);
                    }
                if (count > kWse2RouterFilters)
                    diags_.errorNoLoc("PE (" + std::to_string(i % width_) + ", " +
                                      std::to_string(i / width_) + ") configures filters on " +
                                      std::to_string(count) + " colors (" + filtered +
                                      "); a WSE-2 router has " +
                                      std::to_string(kWse2RouterFilters) + " filters");
            }
        }
        const auto [fw, fh, ox, oy] = fabricGeometry();
        prog->fabricWidth = fw;
        prog->fabricHeight = fh;
        prog->offsetX = ox;
        prog->offsetY = oy;
        prog->hostSymbols = hostSymbols_;
        prog->memcpy.enabled = opt_.memcpy;
        prog->memcpy.channels = opt_.channels;
        prog->memcpy.westBuffer = opt_.widthWestBuf;
        prog->memcpy.eastBuffer = opt_.widthEastBuf;
        for (const Module& m : modules_) {
            if (m.lib != "memcpy/get_params")
                continue;
            // memcpy serves the program rectangle: other dimensions gave PEs the params of
            // columns that do not exist, or none.
            for (const auto& [field, size] : {std::pair("width", width_), {"height", height_}}) {
                const Value* v = m.libParams.field(field);
                if (v && v->i != int64_t(size) && m.importer && m.importer->ast)
                    diags_.error(m.importer->fileId, m.importer->ast->beginOffset(m.importNode),
                                 m.importer->ast->endOffset(m.importNode),
                                 std::string("<memcpy/get_params> '.") + field + "' is " +
                                     std::to_string(v->i) + ", but the rectangle's " + field +
                                     " is " + std::to_string(size));
            }
            for (const auto& [key, color] : memcpyStreamColors(m)) {
                const bool d2h = key.rfind("MEMCPYD2H_", 0) == 0;
                (d2h ? prog->memcpy.d2hColors : prog->memcpy.h2dColors)[size_t(key.back() - '1')] =
                    int8_t(color);
            }
        }
        for (ClassCtx& c : classes_)
            prog->classes.push_back(std::move(c.cc));
        for (size_t i = 0; i < diags_.fileCount(); ++i)
            prog->sourceFiles.push_back(diags_.file(uint16_t(i)).path);
        pollCancelled();
        res.program = prog;
    } catch (SemaError&) {
    } catch (CompileCancelled&) {
        // What was reported before the cancel stays; the cancel itself is the last error.
        res.cancelled = true;
        diags_.errorNoLoc("compile cancelled");
    } catch (const std::bad_alloc&) {
        diags_.errorNoLoc("out of memory while compiling" + whereNow() +
                          " (a comptime value too large to build?)");
    } catch (const std::exception& e) {
        diags_.errorNoLoc(std::string("internal compiler error: ") + e.what() + whereNow());
    }
    res.ok = !diags_.hasErrors() && res.program;
    if (!res.ok)
        res.program.reset();
    res.paramValues = paramValues_;
    res.diagnostics = diags_.take();
    return res;
}

CompileResult compileProgram(const CompileOptions& options) {
    DiagnosticEngine diags;
    Analyzer a(options, diags);
    return a.run();
}

// The streaming colors a <memcpy/get_params> import names (MEMCPYH2D_1..4, MEMCPYD2H_1..4),
// by parameter name.
std::vector<std::pair<std::string, int>> Analyzer::memcpyStreamColors(const Module& getParams) {
    std::vector<std::pair<std::string, int>> colors;
    for (const char* dir : {"MEMCPYH2D_", "MEMCPYD2H_"})
        for (int i = 1; i <= 4; ++i) {
            const std::string key = dir + std::to_string(i);
            if (const Value* v = getParams.libParams.field(key);
                v && (v->k == VK::Int || v->k == VK::Handle))
                colors.emplace_back(key, int(v->i));
        }
    return colors;
}

// memcpy routes its streams' colors itself (the tensor-streaming page); a route of the
// program's own on one of them made the stream's wavelets go astray: silently wrong
// results or a hang (the SDK's histogram-torus with MEMCPYD2H_DATA_1_ID:0, whose colors
// 0..7 it routes itself).
// The colors @set_color_config and @set_local_color_config may configure: routable, not
// memcpy's (the local form took 21-23 and replaced memcpy's routes at its PEs).
void Analyzer::failUnlessConfigurableColor(int color, uint32_t node) {
    if (color > 23)
        fail(node,
             "color " + std::to_string(color) + " cannot be routed (routable colors are 0-23)");
    if (opt_.memcpy && color >= 21)
        fail(node, "color " + std::to_string(color) + " is reserved by memcpy");
    failIfMemcpyStreamColor(color, node);
}

// SDK-NOTES: on WSE-3 only some colors have switches; a start position, ring mode or pop
// mode is a switch setting too (they were accepted alone).
void Analyzer::failUnlessSwitchable(int color, const sim::ColorConfig& cfg, uint32_t node) {
    const bool switches = std::any_of(cfg.switchPositions.begin(), cfg.switchPositions.end(),
                                      [](const sim::SwitchPosition& p) { return p.rx || p.tx; }) ||
                          cfg.currentSwitchPosition != 0 || cfg.ringMode ||
                          cfg.popMode != sim::ColorConfig::PopMode::NoPop;
    if (switches && !sim::colorHasSwitches(opt_.arch, color))
        failOnThisArch(node,
                       "color " + std::to_string(color) + " does not support switches on wse3");
}

void Analyzer::failIfMemcpyStreamColor(int color, uint32_t node) {
    if (!opt_.memcpy)
        return;
    for (const auto& [key, streamColor] : memcpyStreams_)
        if (streamColor == color)
            fail(node, "color " + std::to_string(color) + " is the " + key +
                           " stream's, which memcpy routes; give the stream or this route "
                           "another color");
}

// Two streams of one <memcpy/get_params> import on one color, or one on a color memcpy
// keeps for itself, mix or lose their data.
void Analyzer::checkMemcpyParams(const Module& getParams) {
    // The memcpy page's parameters of <memcpy/get_params>: a misspelt one, a width of 0 or a
    // string passed silently (h-mut7 2).
    const Value& params = getParams.libParams;
    for (size_t i = 0; params.k == VK::Agg && params.names && i < params.names->size(); ++i) {
        const std::string& name = (*params.names)[i];
        const Value& v = (*params.elems)[i];
        const bool stream =
            name.size() == 11 &&
            (name.rfind("MEMCPYH2D_", 0) == 0 || name.rfind("MEMCPYD2H_", 0) == 0) &&
            name[10] >= '1' && name[10] <= '4';
        if (name == "width" || name == "height") {
            if (v.k != VK::Int || v.i < 1 || v.i > 0xffff)
                fail(getParams.importer, getParams.importNode,
                     "<memcpy/get_params> '." + name + "' must be a comptime integer 1-65535" +
                         (v.k == VK::Int ? ", found " + std::to_string(v.i)
                                         : ", found '" + typeName(v.type) + "'"));
        } else if (stream || name == "LAUNCH") { // LAUNCH: the SDK 1.0 @rpc color
            if (v.k != VK::Int && v.k != VK::Handle)
                fail(getParams.importer, getParams.importNode,
                     "<memcpy/get_params> '." + name + "' must be a color, found '" +
                         typeName(v.type) + "'");
        } else {
            fail(getParams.importer, getParams.importNode,
                 "<memcpy/get_params> has no parameter '." + name +
                     "' (it takes width, height, MEMCPYH2D_1..4, MEMCPYD2H_1..4 and LAUNCH)");
        }
    }
    const auto colors = memcpyStreamColors(getParams);
    memcpyStreams_.insert(memcpyStreams_.end(), colors.begin(), colors.end());
    for (size_t i = 0; i < colors.size(); ++i) {
        const auto& [key, color] = colors[i];
        std::string problem;
        if (color < 0 || color >= 21)
            problem = key + " is color " + std::to_string(color) +
                      ", which is not a color for streams (0-20; memcpy keeps 21-23)";
        for (size_t j = 0; j < i && problem.empty(); ++j)
            if (colors[j].second == color)
                problem = key + " and " + colors[j].first + " are both color " +
                          std::to_string(color) + "; each stream needs its own color";
        if (!problem.empty())
            fail(getParams.importer, getParams.importNode, problem);
    }
}

} // namespace csl::sema
