"""debug_util: read symbols and <debug> traces from the core dump of a finished run.

Coordinates are absolute fabric coordinates, as in the SDK: the program rectangle's
(0,0) is (fabric offset x, fabric offset y), e.g. (4,1). Symbols come from the
artifact's program file; bytes from the core dump (docs/coredump.md), which
SdkRuntime.stop() writes to <bindir>/corefile.cs1.
"""
import mmap
import os
import struct

import numpy as np

from tessera import program_pb2

__all__ = ["debug_util"]

_MAGIC = b"TSRCORE\0"
_HEADER = struct.Struct("<8sIIIIIIIIQIIQQ")  # CoreHeader, 72 bytes
_PE_PREFIX = struct.Struct("<IIIiQQiIIIQ")  # CorePeRecord up to sramOffset
_PAGE = 4096
_SUPPORTED_VERSIONS = (1, 2)
_SRAM = 48 * 1024
_ELEMENT_BYTES = {0: 0, 1: 1, 2: 1, 3: 2, 4: 4, 5: 8, 6: 1, 7: 2, 8: 4, 9: 8, 10: 2, 11: 2, 12: 4}


class _Core:
    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self._map = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        if len(self._map) < _HEADER.size or self._map[:8] != _MAGIC:
            raise ValueError(f"{path}: not a Tessera core dump")
        (_, version, self.arch, self.fabric_w, self.fabric_h, self.off_x, self.off_y, self.width,
         self.height, self.cycle, self.pe_count, self.pe_bytes, self.pe_table,
         self.data_offset) = _HEADER.unpack_from(self._map, 0)
        # Version 2 only appends per-PE chunks after the SRAM pages; the PE record prefix
        # this reader needs is the same, and pe_bytes gives the record stride of either.
        if version not in _SUPPORTED_VERSIONS:
            raise ValueError(f"{path}: core dump version {version}; this reader supports 1 and 2")

    def record(self, x, y):
        at = self.pe_table + (y * self.width + x) * self.pe_bytes
        fields = _PE_PREFIX.unpack_from(self._map, at)
        return {"code_class": fields[2], "page_mask": fields[9], "sram_offset": fields[10]}

    def read(self, x, y, address, size):
        return self.read_record(self.record(x, y), address, size)

    def read_record(self, rec, address, size):
        """SRAM bytes of the PE whose record() is `rec`; only its own pages are touched."""
        if address + size > _SRAM:
            raise ValueError(f"{self.path}: bytes {address}..{address + size} lie beyond 48 KB")
        out = bytearray(size)
        pos = 0
        while pos < size:
            page = (address + pos) // _PAGE
            within = (address + pos) % _PAGE
            n = min(size - pos, _PAGE - within)
            if rec["page_mask"] >> page & 1:
                index = bin(rec["page_mask"] & ((1 << page) - 1)).count("1")
                start = rec["sram_offset"] + index * _PAGE + within
                out[pos:pos + n] = self._map[start:start + n]
            pos += n
        return bytes(out)


class debug_util:  # pylint: disable=invalid-name
    """debug_util(bindir, cmaddr=None, core=None)"""

    def __init__(self, bindir, cmaddr=None, core=None):  # pylint: disable=unused-argument
        self._bindir = os.fspath(bindir)
        with open(os.path.join(self._bindir, "bin", "out_program.pb"), "rb") as f:
            self._program = program_pb2.FabricProgram.FromString(f.read())
        core = core or os.environ.get("TESSERA_CORE") or os.path.join(self._bindir, "corefile.cs1")
        if not os.path.exists(core):
            raise FileNotFoundError(f"{core}: no core dump; run the program with SdkRuntime and "
                                    "stop() it first (or pass core=PATH)")
        self._core = _Core(core)

    def _local(self, px, py):
        x, y = px - self._core.off_x, py - self._core.off_y
        if not (0 <= x < self._core.width and 0 <= y < self._core.height):
            raise ValueError(f"PE ({px},{py}) is outside the program rectangle at "
                             f"({self._core.off_x},{self._core.off_y}) of "
                             f"{self._core.width}x{self._core.height} (coordinates are absolute)")
        return x, y

    def _symbol(self, x, y, name, record=None):
        record = record or self._core.record(x, y)
        cls = self._program.classes[record["code_class"]]
        for s in cls.symbols:
            if s.name == name:
                return s
        raise KeyError(f"PE ({x + self._core.off_x},{y + self._core.off_y}) runs {cls.file}, "
                       f"which has no symbol '{name}'")

    def _bytes(self, px, py, name):
        x, y = self._local(px, py)
        s = self._symbol(x, y, name)
        return self._core.read(x, y, s.address, s.size_bytes)

    def get_symbol(self, px, py, symbol, dtype=np.float32):
        return np.frombuffer(self._bytes(px, py, symbol), dtype=np.dtype(dtype)).copy()

    def get_symbol_rect(self, rect, symbol, dtype=np.float32):
        """rect = ((col, row), (width, height)); returns an array indexed [col][row][n]."""
        (px, py), (w, h) = rect
        dtype = np.dtype(dtype)
        by_class = {}  # the symbol, looked up once per code class rather than once per PE
        columns = []
        for dx in range(w):
            column = []
            for dy in range(h):
                x, y = self._local(px + dx, py + dy)
                rec = self._core.record(x, y)
                s = by_class.get(rec["code_class"])
                if s is None:
                    s = by_class[rec["code_class"]] = self._symbol(x, y, symbol, rec)
                raw = self._core.read_record(rec, s.address, s.size_bytes)
                column.append(np.frombuffer(raw, dtype=dtype))
            columns.append(column)
        return np.array(columns)

    def read_trace(self, px, py, key):
        """The values a PE recorded with <debug>'s trace_* calls under `key`, in order."""
        x, y = self._local(px, py)
        words = None
        count = None
        for prefix in (f"$$csl_debug.{key}.", f"{key}.tr.", f"{key}."):
            try:
                buf = self._symbol(x, y, prefix + "buffer")
                idx = self._symbol(x, y, prefix + "buffer_index")
            except KeyError:
                continue
            words = np.frombuffer(self._core.read(x, y, buf.address, buf.size_bytes), np.uint16)
            raw = self._core.read(x, y, idx.address, idx.size_bytes)
            count = int.from_bytes(raw, "little")
            break
        if words is None:
            raise KeyError(f"PE ({px},{py}) has no <debug> trace buffer for key '{key}'")
        return decode_trace(words[:min(count, len(words))], key)


def decode_trace(words, key="trace"):
    """Decodes a <debug> trace buffer of u16 words (see the module docstring)."""
    out, i, n = [], 0, len(words)

    def need(k):
        if i + k > n:
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
            need(1)
            w = np.uint16(words[i])
            out.append(int(w.view(np.int16)) if code == "h" else
                       int(w) if code == "H" else float(w.view(np.float16)))
            i += 1
        elif code in "iIf":
            need(2)
            v = np.uint32(int(words[i]) | int(words[i + 1]) << 16)
            out.append(int(v.view(np.int32)) if code == "i" else
                       int(v) if code == "I" else float(v.view(np.float32)))
            i += 2
        elif code == "t":
            need(3)
            out.append(int(words[i]) | int(words[i + 1]) << 16 | int(words[i + 2]) << 32)
            i += 3
        elif code == "s":
            length = high
            nwords = (length + 1) // 2
            need(nwords)
            raw = np.asarray(words[i:i + nwords], dtype="<u2").tobytes()[:length]
            out.append(raw.decode("utf-8", errors="replace"))
            i += nwords
        else:
            raise ValueError(f"trace '{key}': unknown entry tag 0x{tag:04x} at word {i - 1}")
    return out
