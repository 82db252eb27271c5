"""debug_util: read symbols and <debug> traces from the core dump of a finished run.

Coordinates are absolute fabric coordinates for a program compiled by cslc, as in the SDK:
the program rectangle's (0,0) is (fabric offset x, fabric offset y), e.g. (4,1). For an
SdkLayout program (its directory holds sdklayout.json) they are the layout coordinates that
place(), SdkRuntime.read_symbol and sim.log use: the script never chose the fabric offset
SdkLayout compiles at. Symbols come from the artifact's program file; bytes from the core
dump (docs/coredump.md), which SdkRuntime.stop() writes to <bindir>/corefile.cs1.
"""
import mmap
import os
import struct

import numpy as np
from google.protobuf.message import DecodeError

from cerebras.sdk._args import element_dtype, integer, symbol_name
from tessera import program_pb2

__all__ = ["debug_util"]

_MAGIC = b"TSRCORE\0"
_HEADER = struct.Struct("<8sIIIIIIIIQIIQQ")  # CoreHeader, 72 bytes
_PE_PREFIX = struct.Struct("<IIIiQQiIIIQ")  # CorePeRecord up to sramOffset
_PAGE = 4096
_SUPPORTED_VERSIONS = (1, 2)
_RECORD_BYTES = {1: 208, 2: 224}  # CorePeRecord per version
_ARCH_NAMES = {0: "WSE-2", 1: "WSE-3"}
_SRAM = 48 * 1024
_ELEMENT_BYTES = {0: 0, 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 2, 8: 4, 9: 8, 10: 2, 11: 2, 12: 4}


def _page_ranks():
    """rank[m] = the number of pages set in page mask m (of the 12 pages of 48 KB)."""
    global _RANKS  # pylint: disable=global-statement
    if _RANKS is None:
        _RANKS = np.array([bin(m).count("1") for m in range(1 << (_SRAM // _PAGE))],
                          dtype=np.int64)
    return _RANKS


def _unit(address, length, bases):
    """The widest of 8, 4, 2, 1 bytes that divides the segment's address, its length and
    every PE's data offset in the file (page-aligned), so a segment moves as whole words."""
    for unit in (8, 4, 2):
        if address % unit == 0 and length % unit == 0 and not np.any(bases % unit):
            return unit
    return 1


_RANKS = None


def _arch_name(arch):
    return _ARCH_NAMES.get(arch, f"architecture {arch}")


def _geometry(w, h, ox, oy, fw, fh):
    return f"a {w}x{h} rectangle at ({ox},{oy}) on a {fw}x{fh} fabric"


class _Core:
    def __init__(self, path):
        self.path = path
        if os.path.isdir(path):
            # open()'s "[Errno 21] Is a directory" did not say what was expected instead.
            raise IsADirectoryError(f"{path}: a directory, not a core dump file; pass the file "
                                    "(SdkRuntime.stop() writes <bindir>/corefile.cs1)")
        with open(path, "rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                # mmap's own "cannot mmap an empty file" named no file.
                raise ValueError(f"{path}: empty file, not a Tessera core dump (a dump that "
                                 "failed before its first byte); run the program again to "
                                 "write a new one")
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        size = len(self._map)
        known = min(size, len(_MAGIC))
        if size < _HEADER.size and self._map[:known] == _MAGIC[:known]:
            raise ValueError(f"{path}: truncated core dump: {size} bytes, its header alone has "
                             f"{_HEADER.size}; run the program again to write a new one")
        if size < _HEADER.size or self._map[:8] != _MAGIC:
            raise ValueError(f"{path}: not a Tessera core dump")
        (_, version, self.arch, self.fabric_w, self.fabric_h, self.off_x, self.off_y, self.width,
         self.height, self.cycle, self.pe_count, self.pe_bytes, self.pe_table,
         self.data_offset) = _HEADER.unpack_from(self._map, 0)
        # Version 2 only appends per-PE chunks after the SRAM pages; the PE record prefix
        # this reader needs is the same, and pe_bytes gives the record stride of either.
        if version not in _SUPPORTED_VERSIONS:
            raise ValueError(f"{path}: core dump version {version}; this reader supports 1 and 2")
        if self.pe_count != self.width * self.height or self.pe_bytes != _RECORD_BYTES[version]:
            raise ValueError(f"{path}: damaged core dump: its header counts {self.pe_count} PEs "
                             f"for a {self.width}x{self.height} rectangle, records of "
                             f"{self.pe_bytes} bytes (version {version} has "
                             f"{_RECORD_BYTES[version]}); run the program again to write a "
                             "new one")
        table_end = self.pe_table + self.width * self.height * self.pe_bytes
        if self.pe_bytes < _PE_PREFIX.size or table_end > len(self._map):
            raise ValueError(f"{path}: truncated or damaged core dump (its PE table ends at byte "
                             f"{table_end}, the file has {len(self._map)}); run the program "
                             "again to write a new one")
        self._table = None

    def truncated(self, where, page, end):
        """The error of a read that reaches past the end of the file: names the file, the
        PE and symbol (`where`) and the page (docs/coredump.md, "Reading lazily")."""
        return ValueError(f"{self.path}: truncated core dump: {where}: SRAM page {page} needs "
                          f"bytes up to {end}, the file has {len(self._map)}; run the program "
                          "again to write a new one")

    def _page_bytes(self, start, n, where, page):
        """n bytes of the file from start; a page past the end is an error (a truncated
        file gave short reads, and get_symbol returned [] for a 6-element symbol)."""
        if start + n > len(self._map):
            raise self.truncated(where, page, start + n)
        return self._map[start:start + n]

    def record(self, x, y):
        at = self.pe_table + (y * self.width + x) * self.pe_bytes
        fields = _PE_PREFIX.unpack_from(self._map, at)
        return {"code_class": fields[2], "page_mask": fields[9], "sram_offset": fields[10]}

    def table(self):
        """Every PE's record as a numpy structured array indexed [row][col] (no copy)."""
        if self._table is None:
            fields = np.dtype({"names": ["code_class", "page_mask", "sram_offset"],
                               "formats": ["<u4", "<u4", "<u8"],
                               "offsets": [8, 44, 48], "itemsize": self.pe_bytes})
            self._table = np.frombuffer(self._map, dtype=fields, count=self.width * self.height,
                                        offset=self.pe_table).reshape(self.height, self.width)
        return self._table

    def gather(self, records, addresses, size, where):
        """SRAM bytes [address, address + size) of each PE in `records` (an array from
        table()), addresses per PE: uint8 array of records.shape + (size,). Pages a PE
        never wrote read as zeros. Works a page segment at a time over all PEs that keep
        the symbol at the same address, moving the widest aligned words it can.
        where(i) names the PE at flat index i of `records` and the symbol, for errors."""
        out = np.zeros(records.shape + (size,), dtype=np.uint8)
        if size == 0:
            return out
        if int(addresses.max()) + size > _SRAM:
            i = int(np.argmax(addresses.ravel()))
            raise ValueError(f"{self.path}: {where(i)}: bytes up to "
                             f"{int(addresses.max()) + size} lie beyond 48 KB")
        masks = records["page_mask"].astype(np.int64).ravel()
        offsets = records["sram_offset"].astype(np.int64).ravel()
        addresses = addresses.astype(np.int64).ravel()
        flat = out.reshape(-1, size)
        ranks = _page_ranks()
        for address in np.unique(addresses):
            address = int(address)
            group = np.flatnonzero(addresses == address)
            mask, base = masks[group], offsets[group]
            lo = address
            while lo < address + size:
                page = lo // _PAGE
                hi = min(address + size, (page + 1) * _PAGE)
                unit = _unit(lo, hi - lo, base)
                present = np.flatnonzero((mask >> page) & 1)
                if present.size:
                    # The PE's stored pages are packed in page order: count those before.
                    below = ranks[mask[present] & ((1 << page) - 1)]
                    start = (base[present] + below * _PAGE + lo % _PAGE) // unit
                    ends = start * unit + (hi - lo)
                    # A damaged offset past 2**63 wraps negative in int64: just as far outside.
                    cut = np.flatnonzero((ends > len(self._map)) | (start < 0))
                    if cut.size:
                        first = int(cut[0])
                        more = (f" (and {cut.size - 1} more PE(s) of the rectangle)"
                                if cut.size > 1 else "")
                        raise self.truncated(where(int(group[present[first]])) + more, page,
                                             int(ends[first]))
                    words = np.frombuffer(self._map, dtype=np.dtype(f"<u{unit}"),
                                          count=len(self._map) // unit)
                    seg = words[start[:, None] + np.arange((hi - lo) // unit)]
                    flat[group[present], lo - address:hi - address] = seg.view(np.uint8)
                lo = hi
        return out

    def read(self, x, y, address, size, where):
        return self.read_record(self.record(x, y), address, size, where)

    def read_record(self, rec, address, size, where):
        """SRAM bytes of the PE whose record() is `rec`; only its own pages are touched.
        `where` names the PE and the symbol for errors."""
        if address + size > _SRAM:
            raise ValueError(f"{self.path}: {where}: bytes {address}..{address + size} lie "
                             "beyond 48 KB")
        out = bytearray(size)
        pos = 0
        while pos < size:
            page = (address + pos) // _PAGE
            within = (address + pos) % _PAGE
            n = min(size - pos, _PAGE - within)
            if rec["page_mask"] >> page & 1:
                index = bin(rec["page_mask"] & ((1 << page) - 1)).count("1")
                start = rec["sram_offset"] + index * _PAGE + within
                out[pos:pos + n] = self._page_bytes(start, n, where, page)
            pos += n
        return bytes(out)


class debug_util:  # pylint: disable=invalid-name
    """debug_util(bindir, cmaddr=None, core=None)"""

    def __init__(self, bindir, cmaddr=None, core=None):  # pylint: disable=unused-argument
        self._bindir = os.fspath(bindir)
        program_path = os.path.join(self._bindir, "bin", "out_program.pb")
        if not os.path.isfile(program_path):
            # open()'s "[Errno 2] No such file" did not say what the directory should be.
            raise FileNotFoundError(f"{program_path}: missing; debug_util takes the directory "
                                    f"the program was compiled to (cslc -o DIR, or "
                                    "SdkLayout.compile's out_prefix)")
        with open(program_path, "rb") as f:
            data = f.read()
        try:
            self._program = program_pb2.FabricProgram.FromString(data)
        except DecodeError:
            # protobuf's message named only the message type, not the file.
            raise ValueError(f"{program_path}: not a Tessera program file (truncated or "
                             f"damaged); compile again with Tessera's cslc -o {self._bindir}") from None
        given = core or os.environ.get("TESSERA_CORE")
        core = os.fspath(given) if given else os.path.join(self._bindir, "corefile.cs1")
        if not os.path.exists(core):
            if given:
                raise FileNotFoundError(f"{core}: no such core dump file")
            # A session removes the previous run's core when it loads (SdkRuntime.load), so
            # a script that asks before its own run stopped gets this too.
            raise FileNotFoundError(f"{core}: no core dump yet: SdkRuntime.stop() writes it "
                                    "when the run ends (a session removes the previous run's "
                                    "core when it loads); or pass core=PATH")
        self._core = _Core(core)
        # An SdkLayout program is addressed in layout coordinates (place(), read_symbol,
        # sim.log); the fabric offset it is compiled at is SdkLayout's, not the script's.
        self._sdklayout = os.path.exists(os.path.join(self._bindir, "sdklayout.json"))
        self._ox, self._oy = (0, 0) if self._sdklayout else (self._core.off_x, self._core.off_y)
        self._check_program(program_path)

    def _pe(self, x, y):
        """Rectangle PE (x, y) as the user names it."""
        return f"PE ({x + self._ox},{y + self._oy})"

    def _check_program(self, program_path):
        """The core must come from a run of this program: the same architecture and
        geometry, and only code classes the program has (queries index them)."""
        c, p = self._core, self._program
        differs = []
        if c.arch != p.arch:
            differs.append(f"it was written for {_arch_name(c.arch)}, {self._bindir} is "
                           f"compiled for {_arch_name(p.arch)}")
        core_geometry = (c.width, c.height, c.off_x, c.off_y, c.fabric_w, c.fabric_h)
        program_geometry = (p.width, p.height, p.offset_x, p.offset_y, p.fabric_width,
                            p.fabric_height)
        if core_geometry != program_geometry:
            differs.append(f"it holds {_geometry(*core_geometry)}, {self._bindir} is "
                           f"{_geometry(*program_geometry)}")
        if differs:
            raise ValueError(f"{c.path}: this core dump was written by another program: "
                             + "; ".join(differs) + f" (pass the core of a run of "
                             f"{self._bindir}, or the directory of the program that wrote it)")
        classes = c.table()["code_class"]
        unknown = np.flatnonzero(classes.ravel() >= len(p.classes))
        if unknown.size:
            y, x = divmod(int(unknown[0]), c.width)
            more = f" (and {unknown.size - 1} more PE(s))" if unknown.size > 1 else ""
            raise ValueError(f"{c.path}: {self._pe(x, y)} has code class {int(classes[y, x])}"
                             f"{more}; the program {program_path} has {len(p.classes)} "
                             "classes (the core is damaged, or was written by another "
                             "program)")

    def _local(self, px, py):
        x, y = px - self._ox, py - self._oy
        if not (0 <= x < self._core.width and 0 <= y < self._core.height):
            if self._sdklayout:
                how = ("layout coordinates of this SdkLayout program, as place() and "
                       "read_symbol take them")
            else:
                how = ("coordinates are absolute: the rectangle's (0,0) is fabric "
                       f"({self._ox},{self._oy})")
            raise ValueError(f"PE ({px},{py}) is outside the program rectangle at "
                             f"({self._ox},{self._oy}) of "
                             f"{self._core.width}x{self._core.height} ({how})")
        return x, y

    def _symbol(self, x, y, name, record=None):
        record = record or self._core.record(x, y)
        cls = self._program.classes[record["code_class"]]
        for s in cls.symbols:
            if s.name == name:
                return s
        raise KeyError(f"{self._pe(x, y)} runs {cls.file}, which has no symbol '{name}'")

    def _bytes(self, px, py, name):
        x, y = self._local(px, py)
        s = self._symbol(x, y, name)
        return self._core.read(x, y, s.address, s.size_bytes,
                               f"{self._pe(x, y)}, symbol '{name}'")

    def get_symbol(self, px, py, symbol, dtype=np.float32):
        px, py = integer("get_symbol", "col", px), integer("get_symbol", "row", py)
        symbol = symbol_name(f"get_symbol({px}, {py})", "symbol", symbol)
        dtype = element_dtype(f"get_symbol({px}, {py}, {symbol!r})", dtype)
        raw = self._bytes(px, py, symbol)
        if dtype.itemsize == 0 or len(raw) % dtype.itemsize:
            raise ValueError(f"get_symbol: PE ({px},{py}), symbol '{symbol}' has {len(raw)} "
                             f"bytes, not a whole number of {dtype} elements ({dtype.itemsize} "
                             "bytes each)")
        # SRAM is little-endian; the result has the dtype asked for, either byte order.
        return np.frombuffer(raw, dtype=dtype.newbyteorder("<")).astype(dtype)

    def get_symbol_rect(self, rect, symbol, dtype=np.float32):
        """rect = ((col, row), (width, height)); returns an array indexed [col][row][n].
        Reads the whole rectangle at once with numpy (PE table, page lookups and byte
        gathers are array operations), so a rectangle of the full wafer takes seconds."""
        try:
            (px, py), (w, h) = rect
        except (TypeError, ValueError):
            # Unpacking said only "too many values to unpack" or "cannot unpack non-iterable".
            raise TypeError(f"get_symbol_rect: rect must be ((col, row), (width, height)), got "
                            f"{rect!r}") from None
        px, py = integer("get_symbol_rect", "col", px), integer("get_symbol_rect", "row", py)
        w, h = integer("get_symbol_rect", "width", w), integer("get_symbol_rect", "height", h)
        symbol = symbol_name(f"get_symbol_rect((({px}, {py}), ({w}, {h})))", "symbol", symbol)
        dtype = element_dtype(f"get_symbol_rect((({px}, {py}), ({w}, {h})), {symbol!r})", dtype)
        if w <= 0 or h <= 0:
            raise ValueError(f"get_symbol_rect: width and height must be positive, got {w}x{h}")
        x0, y0 = self._local(px, py)
        self._local(px + w - 1, py + h - 1)
        table = self._core.table()[y0:y0 + h, x0:x0 + w]  # [row][col] records
        unique, first, inverse = np.unique(table["code_class"], return_index=True,
                                           return_inverse=True)
        addresses = np.zeros(unique.size, dtype=np.int64)
        size = None
        for i, cls in enumerate(unique):  # the symbol, looked up once per code class
            dy, dx = divmod(int(first[i]), w)
            s = self._symbol(x0 + dx, y0 + dy, symbol, {"code_class": int(cls)})
            if size is not None and s.size_bytes != size:
                raise ValueError(f"get_symbol_rect: '{symbol}' has {s.size_bytes} bytes on PE "
                                 f"({px + dx},{py + dy}) but {size} elsewhere in the rectangle")
            size = s.size_bytes
            addresses[i] = s.address
        address = addresses[inverse].reshape(table.shape)
        if dtype.itemsize == 0 or size % dtype.itemsize:
            raise ValueError(f"get_symbol_rect: '{symbol}' has {size} bytes, not a whole "
                             f"number of {dtype} elements ({dtype.itemsize} bytes each)")

        def where(i):
            dy, dx = divmod(i, w)
            return f"{self._pe(x0 + dx, y0 + dy)}, symbol '{symbol}'"

        raw = self._core.gather(table, address, size, where)  # [row][col][byte]
        return raw.view(dtype.newbyteorder("<")).transpose(1, 0, 2).astype(dtype)

    def read_trace(self, px, py, key):
        """The values a PE recorded with <debug>'s trace_* calls under `key`, in order."""
        px, py = integer("read_trace", "col", px), integer("read_trace", "row", py)
        key = symbol_name(f"read_trace({px}, {py})", "key", key)
        x, y = self._local(px, py)
        words = None
        count = None
        for prefix in (f"$$csl_debug.{key}.", f"{key}.tr.", f"{key}."):
            try:
                buf = self._symbol(x, y, prefix + "buffer")
                idx = self._symbol(x, y, prefix + "buffer_index")
            except KeyError:
                continue
            words = np.frombuffer(self._core.read(x, y, buf.address, buf.size_bytes,
                                                  f"{self._pe(x, y)}, symbol '{buf.name}'"),
                                  np.uint16)
            raw = self._core.read(x, y, idx.address, idx.size_bytes,
                                  f"{self._pe(x, y)}, symbol '{idx.name}'")
            count = int.from_bytes(raw, "little")
            break
        if words is None:
            raise KeyError(f"PE ({px},{py}) has no <debug> trace buffer for key '{key}'")
        # A full buffer ends where the PE ran out of room, possibly inside an entry whose
        # tag fitted but whose value did not: that entry is dropped, the ones before it
        # are returned.
        try:
            return decode_trace(words[:min(count, len(words))], key, full=count >= len(words))
        except ValueError as e:  # the bytes are the core's: name it and the PE
            raise ValueError(f"{self._core.path}: {self._pe(x, y)}, {e}") from None


def decode_trace(words, key="trace", full=False):
    """Decodes a <debug> trace buffer of u16 words (see the module docstring). With
    full=True (the buffer filled up) a cut-off last entry is dropped; otherwise it is an
    error."""
    out, i, n = [], 0, len(words)

    def fits(k):
        if i + k <= n:
            return True
        if full:
            return False
        raise ValueError(f"trace '{key}': entry at word {i - 1} is cut off")

    while i < n:
        tag = int(words[i])
        code, high = chr(tag & 0xFF), tag >> 8
        i += 1
        if code == "?":
            out.append(bool(high))
        elif code == "b":
            out.append(high - 256 if high > 127 else high)
        elif code == "B":
            out.append(high)
        elif code in "hHe":
            if not fits(1):
                break
            w = np.uint16(words[i])
            out.append(int(w.view(np.int16)) if code == "h" else
                       int(w) if code == "H" else float(w.view(np.float16)))
            i += 1
        elif code in "iIf":
            if not fits(2):
                break
            v = np.uint32(int(words[i]) | int(words[i + 1]) << 16)
            out.append(int(v.view(np.int32)) if code == "i" else
                       int(v) if code == "I" else float(v.view(np.float32)))
            i += 2
        elif code == "t":
            if not fits(3):
                break
            out.append(int(words[i]) | int(words[i + 1]) << 16 | int(words[i + 2]) << 32)
            i += 3
        elif code == "s":
            length = high
            nwords = (length + 1) // 2
            if not fits(nwords):
                break
            raw = np.asarray(words[i:i + nwords], dtype="<u2").tobytes()[:length]
            out.append(raw.decode("utf-8", errors="replace"))
            i += nwords
        else:
            raise ValueError(f"trace '{key}': unknown entry tag 0x{tag:04x} at word {i - 1}")
    return out
