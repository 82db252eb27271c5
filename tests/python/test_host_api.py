"""The SDK host API as its documentation defines it, on a kernel of our own (hostapi/):
copy-mode memcpy in every shape, order and width, nonblocking commands, typed launches,
errors that name the argument at fault, debug_util over a whole rectangle, and SdkLayout's
cslc_prefix. Run with cs_python; $TESSERA_BIN holds cslc (ctest py_host_api)."""
import contextlib
import io
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest

import numpy as np

from cerebras.sdk.debug.debug_util import debug_util
from cerebras.sdk.runtime.sdkruntimepybind import (
    ApplianceError, MemcpyDataType, MemcpyOrder, SdkCompileArtifacts, SdkLayout, SdkRuntime,
    SdkTarget, SimfabConfig, get_platform)
from cerebras.sdk.runtime._sdklayout import LayoutError
from cerebras.sdk.sdk_utils import input_array_to_u32, memcpy_view

HERE = os.path.dirname(os.path.abspath(__file__))
BIN = os.environ.get("TESSERA_BIN", "")
CSLC = os.path.join(BIN, "cslc") if BIN else shutil.which("cslc")
W, H, N = 4, 3, 5
# Budgets in seconds are those of an optimised build; ctest sets the factor for slower
# (sanitizer) builds (cmake/TesseraTests.cmake).
TIME_FACTOR = max(1, int(os.environ.get("TESSERA_TEST_TIME_FACTOR", "1")))
B16, B32 = MemcpyDataType.MEMCPY_16BIT, MemcpyDataType.MEMCPY_32BIT
ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR


def _compile(kernel_dir, out_dir, width, height, n):
    subprocess.run([CSLC, os.path.join(kernel_dir, "layout.csl"),
                    f"--fabric-dims={width + 7},{height + 2}", "--fabric-offsets=4,1",
                    f"--params=W:{width},H:{height},N:{n}", "-o", out_dir, "--memcpy",
                    "--channels=1"], check=True)


@contextlib.contextmanager
def _scratch_program(prefix, layout, pe):
    """A scratch directory, current while the block runs, holding layout.csl and pe.csl
    compiled to out/ on a 9x3 fabric with memcpy."""
    scratch = tempfile.mkdtemp(prefix=prefix)
    old = os.getcwd()
    try:
        os.chdir(scratch)
        for name, text in (("layout.csl", layout), ("pe.csl", pe)):
            with open(name, "w", encoding="utf-8") as f:
                f.write(text)
        subprocess.run([CSLC, "layout.csl", "--fabric-dims=9,3", "--fabric-offsets=4,1",
                        "-o", "out", "--memcpy", "--channels=1"], check=True)
        yield scratch
    finally:
        os.chdir(old)
        shutil.rmtree(scratch, ignore_errors=True)


class _ScratchRuntime(unittest.TestCase):
    """One compile per class (compile_into); each test gets a fresh, running runtime in the
    class's scratch directory (stop() writes sim.log to the current directory)."""

    symbols = ()

    @classmethod
    def compile_into(cls, out_dir):
        raise NotImplementedError

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="tessera-hostapi-")
        cls.out = os.path.join(cls.dir, "out")
        cls.compile_into(cls.out)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def setUp(self):
        self._old = os.getcwd()
        os.chdir(self.dir)
        self.rt = SdkRuntime(self.out)
        self.ids = {n: self.rt.get_id(n) for n in self.symbols}
        self.rt.load()
        self.rt.run()

    def tearDown(self):
        self.rt.close()
        os.chdir(self._old)


class _Kernel(_ScratchRuntime):
    """The hostapi/ kernel."""

    symbols = ("fbuf", "ubuf", "hbuf", "rec", "ro")

    @classmethod
    def compile_into(cls, out_dir):
        _compile(os.path.join(HERE, "hostapi"), out_dir, W, H, N)

    def d2h(self, name, px, py, w, h, n, dtype=np.uint32, **kw):
        out = np.zeros(w * h * n, dtype)
        self.rt.memcpy_d2h(out, self.ids[name], px, py, w, h, n, **kw)
        return out


class CopyTest(_Kernel):
    def test_whole_rectangle_orders_offsets_and_single_elements(self):
        rt, ubuf = self.rt, self.ids["ubuf"]
        a = np.arange(W * H * N, dtype=np.uint32) + 1000
        rt.memcpy_h2d(ubuf, a, 0, 0, W, H, N, streaming=False, data_type=B32, order=ROW,
                      nonblock=False)
        np.testing.assert_array_equal(self.d2h("ubuf", 0, 0, W, H, N), a)
        # ROW_MAJOR is [h][w][n]: PE (2, 1) holds block 1 * W + 2.
        np.testing.assert_array_equal(self.d2h("ubuf", 2, 1, 1, 1, N), a[6 * N:7 * N])
        # COL_MAJOR is Fortran order of (h, w, n): the row index runs fastest.
        np.testing.assert_array_equal(self.d2h("ubuf", 0, 0, W, H, N, order=COL),
                                      a.reshape(H, W, N).transpose(2, 1, 0).ravel())
        # A 2x2 ROI inside the rectangle, 3 of the 5 elements.
        sub = np.arange(12, dtype=np.uint32) + 7
        rt.memcpy_h2d(ubuf, sub, 1, 1, 2, 2, 3)
        expected = a.reshape(H, W, N).copy()
        expected[1:3, 1:3, :3] = sub.reshape(2, 2, 3)
        np.testing.assert_array_equal(self.d2h("ubuf", 0, 0, W, H, N).reshape(H, W, N),
                                      expected)
        rt.memcpy_h2d(ubuf, np.array([42], np.uint32), W - 1, H - 1, 1, 1, 1)
        self.assertEqual(self.d2h("ubuf", W - 1, H - 1, 1, 1, 1).tolist(), [42])
        f = np.linspace(-3, 3, W * H * N).astype(np.float32)
        rt.memcpy_h2d(self.ids["fbuf"], f, 0, 0, W, H, N, order=COL)
        np.testing.assert_array_equal(self.d2h("fbuf", 0, 0, W, H, N, np.float32, order=COL), f)
        # Big-endian host arrays carry their values, not their bytes (a .npy from such a
        # machine): both directions, blocking and nonblocking.
        rt.memcpy_h2d(self.ids["fbuf"], f.astype(">f4"), 0, 0, W, H, N)
        np.testing.assert_array_equal(self.d2h("fbuf", 0, 0, W, H, N, np.float32), f)
        np.testing.assert_array_equal(self.d2h("fbuf", 0, 0, W, H, N, ">f4"), f)
        later = np.zeros(W * H * N, ">f4")
        rt.task_wait(rt.memcpy_d2h(later, self.ids["fbuf"], 0, 0, W, H, N, nonblock=True))
        np.testing.assert_array_equal(later, f)

    def test_16_bit_copies_of_odd_counts_leave_neighbours_alone(self):
        rt, hbuf = self.rt, self.ids["hbuf"]
        rt.memcpy_h2d(hbuf, np.full(W * H * N, 0xBEEF, np.uint32), 0, 0, W, H, N, data_type=B16)
        h16 = np.arange(W * H * 3, dtype=np.uint16) + 300
        rt.memcpy_h2d(hbuf, input_array_to_u32(h16, None, 3), 0, 0, W, H, 3, data_type=B16)
        got = self.d2h("hbuf", 0, 0, W, H, N, data_type=B16).reshape(H, W, N)
        np.testing.assert_array_equal(got[:, :, :3].ravel(), h16)
        self.assertTrue((got[:, :, 3:] == 0xBEEF).all())
        self.assertTrue((got >> 16 == 0).all())  # zero-extended into the words
        rt.memcpy_h2d(hbuf, np.array([0x1234], np.uint32), 1, 1, 1, 1, 1, data_type=B16)
        self.assertEqual(self.d2h("hbuf", 1, 1, 1, 1, 2, data_type=B16).tolist(),
                         [0x1234, h16[(W + 1) * 3 + 1]])
        signed = (np.arange(W * H * N) - 20).astype(np.int16)
        rt.memcpy_h2d(hbuf, input_array_to_u32(signed, None, N), 0, 0, W, H, N, data_type=B16,
                      order=COL)
        back = self.d2h("hbuf", 0, 0, W, H, N, data_type=B16, order=COL)
        np.testing.assert_array_equal(memcpy_view(back, np.int16), signed)

    def test_broadcast_and_strided_copies(self):
        rt, ubuf = self.rt, self.ids["ubuf"]
        zero = np.zeros(W * H * N, np.uint32)
        rows = (np.arange(2 * 3, dtype=np.uint32) + 1).reshape(2, 3)  # [h][n]
        rt.memcpy_h2d_rowbcast(ubuf, rows.ravel(), 1, 1, 3, 2, 3)
        got = self.d2h("ubuf", 0, 0, W, H, N).reshape(H, W, N)
        expected = np.zeros((H, W, N), np.uint32)
        expected[1:3, 1:4, :3] = rows[:, None, :]
        np.testing.assert_array_equal(got, expected)
        rt.memcpy_h2d(ubuf, zero, 0, 0, W, H, N)
        cols = (np.arange(3 * 2, dtype=np.uint32) + 10).reshape(3, 2)  # [w][n]
        rt.memcpy_h2d_colbcast(ubuf, cols.ravel(), 0, 1, 3, 2, 2, nonblock=True)
        got = self.d2h("ubuf", 0, 0, W, H, N).reshape(H, W, N)
        expected = np.zeros((H, W, N), np.uint32)
        expected[1:3, 0:3, :2] = cols[None, :, :]
        np.testing.assert_array_equal(got, expected)
        rt.memcpy_h2d(self.ids["hbuf"], zero, 0, 0, W, H, N, data_type=B16)
        per_row = np.array([0x1111, 0x2222, 0x3333], np.uint32)
        rt.memcpy_h2d_rowbcast(self.ids["hbuf"], per_row, 0, 0, W, H, 1, data_type=B16)
        got = self.d2h("hbuf", 0, 0, W, H, 1, data_type=B16).reshape(H, W)
        np.testing.assert_array_equal(got, np.repeat(per_row[:, None], W, axis=1))
        rt.memcpy_h2d(ubuf, zero, 0, 0, W, H, N)
        strided = np.arange(2 * 2 * 2, dtype=np.uint32) + 100  # PEs (0,0) (2,0) (0,2) (2,2)
        rt.memcpy_h2d_stride(ubuf, strided, 0, 0, W, H, 2, 2, 2)
        got = self.d2h("ubuf", 0, 0, W, H, N).reshape(H, W, N)
        expected = np.zeros((H, W, N), np.uint32)
        expected[0:H:2, 0:W:2, :2] = strided.reshape(2, 2, 2)
        np.testing.assert_array_equal(got, expected)
        # A stride past 32 bits selects the first row and column alone, like any stride wider
        # than the region (it was cut to its low 32 bits: 2**32 read as 0).
        rt.memcpy_h2d(ubuf, zero, 0, 0, W, H, N)
        rt.memcpy_h2d_stride(ubuf, np.array([7, 8], np.uint32), 0, 0, W, H, 2, 1 << 32, 1 << 32)
        got = self.d2h("ubuf", 0, 0, W, H, N).reshape(H, W, N)
        expected = np.zeros((H, W, N), np.uint32)
        expected[0, 0, :2] = [7, 8]
        np.testing.assert_array_equal(got, expected)


class CommandTest(_Kernel):
    def test_many_nonblocking_copies_then_one_wait(self):
        rt, ubuf = self.rt, self.ids["ubuf"]
        tasks = [rt.memcpy_h2d(ubuf, np.full(W * H * N, k, np.uint32), 0, 0, W, H, N,
                               nonblock=True) for k in range(20)]
        outs = [np.zeros(N, np.uint32) for _ in range(W)]
        tasks += [rt.memcpy_d2h(o, ubuf, x, 0, 1, 1, N, nonblock=True)
                  for x, o in enumerate(outs)]
        rt.task_wait(tasks[-1])
        # Commands run in order: waiting for the last filled every earlier D2H array.
        for o in outs:
            self.assertEqual(o.tolist(), [19] * N)
        self.assertTrue(all(rt.is_task_done(t) for t in tasks))
        early = np.zeros(N, np.uint32)
        rt.memcpy_d2h(early, ubuf, 0, 0, 1, 1, N, nonblock=True)
        rt.launch("bump", nonblock=False)  # a later blocking command settles it too
        self.assertEqual(early.tolist(), [19] * N)
        t = rt.launch("bump", nonblock=True)
        while not rt.is_task_done(t):
            pass
        self.assertEqual(self.d2h("ubuf", 0, 0, 1, 1, 1).tolist(), [21])

    def test_a_later_copy_into_the_same_array_wins(self):
        # Commands run in order, so two nonblocking D2H copies into one array leave the
        # later one's words there once it is waited for; the earlier copy was filled
        # last, over them, before (and into overlapping views of one array likewise).
        rt, ubuf = self.rt, self.ids["ubuf"]
        same = np.zeros(N, np.uint32)
        rt.memcpy_h2d(ubuf, np.full(W * H * N, 1, np.uint32), 0, 0, W, H, N, nonblock=True)
        rt.memcpy_d2h(same, ubuf, 0, 0, 1, 1, N, nonblock=True)
        rt.memcpy_h2d(ubuf, np.full(W * H * N, 2, np.uint32), 0, 0, W, H, N, nonblock=True)
        rt.task_wait(rt.memcpy_d2h(same, ubuf, 0, 0, 1, 1, N, nonblock=True))
        self.assertEqual(same.tolist(), [2] * N)
        whole = np.zeros(2 * N, np.uint32)
        rt.memcpy_d2h(whole[:N], ubuf, 0, 0, 1, 1, N, nonblock=True)
        rt.memcpy_h2d(ubuf, np.full(W * H * N, 3, np.uint32), 0, 0, W, H, N, nonblock=True)
        last = rt.memcpy_d2h(whole[N // 2:N // 2 + N], ubuf, 1, 0, 1, 1, N, nonblock=True)
        while not rt.is_task_done(last):
            pass
        self.assertEqual(whole.tolist(), [2] * (N // 2) + [3] * N + [0] * (N - N // 2))

    def test_an_h2d_sends_what_an_earlier_nonblocking_d2h_brings(self):
        # Commands run in order: an H2D from (a view of) the array a pending nonblocking
        # D2H fills sends the words that D2H brings; it sent the array's old contents.
        rt, ubuf = self.rt, self.ids["ubuf"]
        start = np.arange(W * H * N, dtype=np.uint32).reshape(H, W, N)
        rt.memcpy_h2d(ubuf, start, 0, 0, W, H, N)
        tmp = np.zeros((H, W, N), np.uint32)
        rt.memcpy_d2h(tmp, ubuf, 0, 0, W, H, N, nonblock=True)
        rt.memcpy_h2d(ubuf, tmp[:, ::-1, :], 0, 0, W, H, N, nonblock=True)
        np.testing.assert_array_equal(self.d2h("ubuf", 0, 0, W, H, N).reshape(H, W, N),
                                      start[:, ::-1, :])
        # call() with packed words that a pending D2H fills (into a view), likewise
        words = np.full(6, 45, np.uint32)
        rt.memcpy_h2d(ubuf, np.arange(N, dtype=np.uint32) + 40, 0, 0, 1, 1, N)
        rt.memcpy_d2h(words[:N], ubuf, 0, 0, 1, 1, N, nonblock=True)
        rt.call("record", words, nonblock=False)
        self.assertEqual(self.d2h("rec", 0, 0, 1, 1, 6).tolist(), [40, 41, 42, 1, 44, 45])

    def test_launch_with_arguments_of_every_type(self):
        rt = self.rt
        rt.launch("record", np.int16(-5), np.float32(2.5), np.uint32(0xFFFFFFFF), True,
                  np.int32(-7), np.uint16(65535), nonblock=False)
        rec = self.d2h("rec", 0, 0, W, H, 8).reshape(H, W, 8)
        self.assertEqual(rec[0, 0, :6].tolist(),
                         [0xFFFFFFFB, 0x40200000, 0xFFFFFFFF, 1, 0xFFFFFFF9, 65535])
        self.assertEqual(rec[:, :, 6].tolist(),
                         [[x * 100 + y for x in range(W)] for y in range(H)])
        rt.task_wait(rt.launch("record", 1, 1.0, 2, False, 3, 4, nonblock=True))
        self.assertEqual(self.d2h("rec", 1, 2, 1, 1, 8)[:6].tolist(), [1, 0x3F800000, 2, 0, 3, 4])
        rt.call("bump", [], nonblock=False)

    def assertRefused(self, code, words, fn, *args, **kw):  # pylint: disable=invalid-name
        with self.assertRaises(ApplianceError) as caught:
            fn(*args, **kw)
        self.assertEqual(caught.exception.code.name, code, caught.exception.details)
        for w in words:
            self.assertIn(w, caught.exception.details)

    def test_errors_name_the_argument(self):
        rt, ubuf = self.rt, self.ids["ubuf"]
        words = np.zeros(N, np.uint32)
        self.assertRefused("NOT_FOUND", ["'nope'"], rt.get_id, "nope")
        self.assertRefused("OUT_OF_RANGE", ["px=3", "w=2", "4x3"], rt.memcpy_h2d, ubuf,
                           np.zeros(2 * N, np.uint32), 3, 0, 2, 1, N)
        self.assertRefused("OUT_OF_RANGE", ["py=-1"], rt.memcpy_d2h, words, ubuf, 0, -1, 1, 1, N)
        self.assertRefused("INVALID_ARGUMENT", ["float64"], rt.memcpy_h2d, ubuf,
                           np.zeros(N, np.float64), 0, 0, 1, 1, N)
        self.assertRefused("INVALID_ARGUMENT", ["dest", "uint16"], rt.memcpy_d2h,
                           np.zeros(N, np.uint16), ubuf, 0, 0, 1, 1, N)
        self.assertRefused("INVALID_ARGUMENT", ["src", "4 elements, expected 5"], rt.memcpy_h2d,
                           ubuf, np.zeros(N - 1, np.uint32), 0, 0, 1, 1, N)
        self.assertRefused("INVALID_ARGUMENT", ["elem_per_pe"], rt.memcpy_h2d, ubuf,
                           np.zeros(0, np.uint32), 0, 0, 1, 1, 0)
        self.assertRefused("NOT_FOUND", ["12345"], rt.memcpy_h2d, 12345, words, 0, 0, 1, 1, N)
        self.assertRefused("INVALID_ARGUMENT", ["'ro'", "immutable"], rt.memcpy_h2d,
                           self.ids["ro"], np.zeros(1, np.uint32), 0, 0, 1, 1, 1)
        self.assertRefused("INVALID_ARGUMENT", ["record", "6 argument"], rt.launch, "record", 1)
        self.assertRefused("INVALID_ARGUMENT", ["argument 0", "70000", "i16"], rt.launch,
                           "record", 70000, 1.0, 2, False, 3, 4)
        self.assertRefused("INVALID_ARGUMENT", ["argument 5", "u16"], rt.launch, "record", 1,
                           1.0, 2, False, 3, -4)
        self.assertRefused("NOT_FOUND", ["'nofn'"], rt.launch, "nofn")
        with self.assertRaisesRegex(ValueError, "launch\\('record'\\): argument 2 \\(" + str(1 << 70)):
            rt.launch("record", 1, 1.0, 1 << 70, False, 3, 4)
        # Arguments the SDK's binding would not convert are refused by name, never truncated
        # (px=1.5) or read as another enum value (data_type=7).
        with self.assertRaisesRegex(ValueError, "memcpy_h2d: data_type 7 is not a MemcpyDataType"):
            rt.memcpy_h2d(ubuf, words, 0, 0, 1, 1, N, data_type=7)
        with self.assertRaisesRegex(ValueError, "memcpy_d2h: order 3 is not a MemcpyOrder"):
            rt.memcpy_d2h(words, ubuf, 0, 0, 1, 1, N, order=3)
        # A member of the other enum is refused by type (COL_MAJOR is 1, MEMCPY_16BIT too:
        # it made a silent 16-bit copy).
        with self.assertRaisesRegex(TypeError, "memcpy_h2d: data_type must be a MemcpyDataType, "
                                               "got MemcpyOrder"):
            rt.memcpy_h2d(ubuf, words, 0, 0, 1, 1, N, data_type=COL)
        with self.assertRaisesRegex(TypeError, "memcpy_d2h: order must be a MemcpyOrder"):
            rt.memcpy_d2h(words, ubuf, 0, 0, 1, 1, N, order=B16)
        with self.assertRaisesRegex(TypeError, "memcpy_h2d: px must be an integer, got float 1.5"):
            rt.memcpy_h2d(ubuf, words, 1.5, 0, 1, 1, N)
        with self.assertRaisesRegex(TypeError, "memcpy_d2h: elem_per_pe must be an integer"):
            rt.memcpy_d2h(words, ubuf, 0, 0, 1, 1, "5")
        with self.assertRaisesRegex(TypeError, "memcpy_h2d: dest must be an integer, got NoneType"):
            rt.memcpy_h2d(None, words, 0, 0, 1, 1, N)
        # Past 64 bits (protobuf said only "Value out of range"), a NUL in a name (the
        # appliance's message ended at it, naming 'ubuf', which exists), a float thread count.
        with self.assertRaisesRegex(ValueError, "memcpy_h2d: px 18446744073709551616 does not "
                                                "fit 64 bits"):
            rt.memcpy_h2d(ubuf, words, 1 << 64, 0, 1, 1, N)
        with self.assertRaisesRegex(ValueError, "get_id: name 'ubuf\\\\x00' contains a NUL"):
            rt.get_id("ubuf\x00")
        with self.assertRaisesRegex(TypeError, "SdkRuntime: simfab_numthreads must be an integer, "
                                               "got float 2.5"):
            SdkRuntime(self.out, simfab_numthreads=2.5)
        with self.assertRaisesRegex(ValueError, "memcpy_d2h: src -1 is neither a symbol id"):
            rt.memcpy_d2h(words, -1, 0, 0, 1, 1, N)
        with self.assertRaisesRegex(TypeError, "memcpy_h2d: nonblock must be a bool"):
            rt.memcpy_h2d(ubuf, words, 0, 0, 1, 1, N, nonblock="yes")
        with self.assertRaisesRegex(TypeError, "call\\('bump'\\): args\\[0\\] must be an integer"):
            rt.call("bump", ["x"])
        with self.assertRaisesRegex(TypeError, "src must be a numpy array"):
            rt.memcpy_h2d(ubuf, [0] * N, 0, 0, 1, 1, N)
        # args not a list: "'int' object is not iterable"; the broadcast and strided copies
        # named themselves memcpy_h2d (build/h-hostile/NOTES.md 9).
        with self.assertRaisesRegex(TypeError, "call\\('bump'\\): args must be a list of "
                                               "integers .* got int 0"):
            rt.call("bump", 0)
        with self.assertRaisesRegex(TypeError, "memcpy_h2d_rowbcast: src must be a numpy array"):
            rt.memcpy_h2d_rowbcast(ubuf, None, 0, 0, 1, 1, N)
        with self.assertRaisesRegex(TypeError, "memcpy_h2d_colbcast: px must be an integer"):
            rt.memcpy_h2d_colbcast(ubuf, words, 0.5, 0, 1, 1, N)
        with self.assertRaisesRegex(TypeError, "memcpy_h2d_stride: row_stride must be an integer"):
            rt.memcpy_h2d_stride(ubuf, words, 0, 0, 1, 1, N, 1.5, 1)
        with self.assertRaisesRegex(ValueError, "memcpy_h2d_stride: dest -1 is neither"):
            rt.memcpy_h2d_stride(-1, words, 0, 0, 1, 1, N, 1, 1)
        with self.assertRaisesRegex(TypeError, "launch\\('bump'\\): argument 0"):
            rt.launch("bump", "text")
        with self.assertRaisesRegex(ValueError, "dest must be a writeable"):
            rt.memcpy_d2h(np.frombuffer(bytes(4 * N), np.uint32), ubuf, 0, 0, 1, 1, N)
        self.assertEqual(self.d2h("ro", 0, 0, 1, 1, 2).tolist(), [7, 9])
        with SdkRuntime(self.out) as other:
            other.load()
            other.run()
            theirs = other.launch("bump", nonblock=True)
            # Task ids count per session: the same number here is another command.
            with self.assertRaisesRegex(ValueError, "belongs to another SdkRuntime"):
                rt.task_wait(theirs)
            with self.assertRaisesRegex(ValueError, "belongs to another SdkRuntime"):
                rt.is_task_done(theirs)
            other.task_wait(theirs)
        rt.stop()
        self.assertRefused("FAILED_PRECONDITION", ["memcpy_h2d", "stopped"], rt.memcpy_h2d,
                           ubuf, words, 0, 0, 1, 1, N)
        self.assertRefused("FAILED_PRECONDITION", ["launch", "stopped"], rt.launch, "bump")
        self.assertRefused("FAILED_PRECONDITION", ["stop"], rt.stop)

    def test_read_symbol_takes_the_sdk_keywords(self):
        # The SDK binds read_symbol(x, y, symbol_name, dtype='uint8').
        words = np.arange(N, dtype=np.uint32) + 70000
        self.rt.memcpy_h2d(self.ids["ubuf"], words, 1, 2, 1, 1, N)
        got = self.rt.read_symbol(x=1, y=2, symbol_name="ubuf", dtype="uint32")
        self.assertEqual(got.tolist(), words.tolist())
        self.assertEqual(self.rt.read_symbol(1, 2, "ubuf")[:4].tolist(), [0x70, 0x11, 1, 0])

    def test_stop_needs_a_run(self):
        # The SDK refuses stop() of a runtime that was never run() ("Cannot call stop() ...
        # if run() has not been called"); it used to succeed, and the session was over.
        with SdkRuntime(self.out) as fresh:
            self.assertRefused("FAILED_PRECONDITION", ["stop", "load() and run()"], fresh.stop)
            fresh.load()
            self.assertRefused("FAILED_PRECONDITION", ["stop", "run() first"], fresh.stop)
            fresh.run()
            fresh.launch("bump")
            fresh.stop()
        with self.assertRaisesRegex(RuntimeError, "this SdkRuntime was closed"):
            fresh.get_id("ubuf")

    def test_debug_util_reads_a_rectangle_as_pe_by_pe(self):
        rt, ubuf = self.rt, self.ids["ubuf"]
        a = np.arange(W * H * N, dtype=np.uint32) * 3
        rt.memcpy_h2d(ubuf, a, 0, 0, W, H, N)
        rt.memcpy_h2d(self.ids["hbuf"], a & 0xFFFF, 0, 0, W, H, N, data_type=B16)
        rt.launch("record", 1, 1.0, 2, False, 3, 4)
        rt.stop()
        dbg = debug_util(self.out)
        for name, dtype in (("ubuf", np.uint32), ("hbuf", np.uint16), ("rec", np.uint32),
                            ("ro", np.uint32), ("fbuf", np.float32)):
            for (px, py), (w, h) in (((4, 1), (W, H)), ((5, 2), (2, 2)), ((7, 3), (1, 1))):
                rect = dbg.get_symbol_rect(((px, py), (w, h)), name, dtype)
                pes = np.array([[dbg.get_symbol(px + dx, py + dy, name, dtype)
                                 for dy in range(h)] for dx in range(w)])
                self.assertEqual(rect.dtype, np.dtype(dtype))
                np.testing.assert_array_equal(rect, pes)
        for dtype in (np.uint32, ">u4"):
            np.testing.assert_array_equal(dbg.get_symbol_rect(((4, 1), (W, H)), "ubuf", dtype),
                                          a.reshape(H, W, N).transpose(1, 0, 2))
            np.testing.assert_array_equal(dbg.get_symbol(5, 1, "ubuf", dtype), a[N:2 * N])
            np.testing.assert_array_equal(rt.read_symbol(1, 0, "ubuf", dtype), a[N:2 * N])
        with self.assertRaisesRegex(ValueError, "PE \\(8,3\\) is outside"):
            dbg.get_symbol_rect(((5, 1), (W, H)), "ubuf", np.uint32)
        with self.assertRaisesRegex(KeyError, "no symbol 'nope'"):
            dbg.get_symbol_rect(((4, 1), (W, H)), "nope", np.uint32)
        # hbuf holds 5 u16 (10 bytes): no whole number of u32 elements.
        with self.assertRaisesRegex(ValueError, "'hbuf' has 10 bytes, not a whole number"):
            dbg.get_symbol(4, 1, "hbuf", np.uint32)
        with self.assertRaisesRegex(ValueError, "'hbuf' has 10 bytes, not a whole number"):
            dbg.get_symbol_rect(((4, 1), (W, H)), "hbuf", np.uint32)


class SimLogTest(_Kernel):
    def setUp(self):
        super().setUp()
        self.rt.close()  # each test opens its own runtime

    def run_and_read_log(self, **kw):
        with open("sim.log", "w", encoding="utf-8") as f:
            f.write("a stale log of an earlier run\n")
        with SdkRuntime(self.out, **kw) as rt:
            rt.load()
            rt.run()
            rt.launch("bump")
            rt.stop()
        with open("sim.log", encoding="utf-8") as f:
            return f.read()

    def test_suppress_simfab_trace_false_writes_the_traced_log(self):
        # The SDK's default is False: sim.log then holds the instruction trace. (It was
        # written into the appliance's workspace and deleted with the session.)
        log = self.run_and_read_log(suppress_simfab_trace=False)
        self.assertIn("@0 Architecture is: wse2", log)
        self.assertIn("P4.1: [EX OP]", log)
        self.assertIn("bump", log)
        # Tessera's default suppresses it; the log is rewritten (empty: no simprint here).
        self.assertEqual(self.run_and_read_log(), "")
        platform = get_platform(None, SimfabConfig(suppress_trace=False), SdkTarget.WSE2)
        self.assertIn("[EX OP]", self.run_and_read_log(platform=platform))


class AbortedRunLogTest(unittest.TestCase):
    """A run that stops (hang) before stop(): sim.log still gets the simprint output, which
    is how a stalled program is debugged (the script usually dies on the error)."""

    # PE 1's go() never unblocks the command stream: a launch of it hangs.
    LAYOUT = ('const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, '
              '.height = 1 });\n'
              'layout {\n  @set_rectangle(2, 1);\n'
              '  for (@range(u16, 2)) |x| { @set_tile_code(x, 0, "pe.csl", '
              '.{ .memcpy_params = memcpy.get_params(x), .px = x }); }\n'
              '  @export_name("go", fn() void);\n}\n')
    PE = ('param memcpy_params;\nparam px: u16;\n'
          'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
          'const prt = @import_module("<simprint>");\n'
          'fn go() void {\n  prt.print_string("go started on ");\n'
          '  prt.print_u16_decimal(px);\n  prt.print_string("\\n");\n'
          '  if (px == 0) sys_mod.unblock_cmd_stream();\n}\n'
          'comptime { @export_symbol(go); }\n')

    def test_simprint_lines_of_a_hung_run_reach_sim_log(self):
        with _scratch_program("tessera-hostapi-hang-", self.LAYOUT, self.PE):
            with open("sim.log", "w", encoding="utf-8") as f:
                f.write("a stale log of an earlier run\n")
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                with self.assertRaises(ApplianceError) as caught:
                    rt.launch("go")  # PE 1 never unblocks: a hang
                self.assertEqual(caught.exception.code.name, "ABORTED")
            with open("sim.log", encoding="utf-8") as f:
                log = f.read()
            self.assertIn("go started on 0", log)
            self.assertIn("go started on 1", log)
            self.assertNotIn("stale", log)
            # As the SDK's simulator writes them: "@<cycle> <text>", no PE of its own.
            self.assertRegex(log, r"(?m)^@\d+ go started on 1$")

    def test_stop_that_meets_the_hang_writes_the_core(self):
        # build/h-host6 F2: when stop() was the call that met the hang, it raised without
        # writing out/corefile.cs1, so debug_util had nothing to read after the script's one
        # stop() (a second stop() wrote it).
        with _scratch_program("tessera-hostapi-hang-stop-", self.LAYOUT, self.PE):
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                rt.launch("go", nonblock=True)
                with self.assertRaises(ApplianceError) as caught:
                    rt.stop()
                self.assertEqual(caught.exception.code.name, "ABORTED")
            self.assertTrue(os.path.exists(os.path.join("out", "corefile.cs1")))
            with open("sim.log", encoding="utf-8") as f:
                self.assertIn("go started on 1", f.read())


class SimLogAsItGoesTest(unittest.TestCase):
    """sim.log grows while a blocking launch prints, as the SDK's simulator writes it
    (build/h-hostile/NOTES.md 17): it appeared only at stop(), so an endless printing loop
    stopped by Ctrl-C left none. A watcher thread reads the file during the launch."""

    def test_lines_reach_sim_log_before_the_launch_returns(self):
        layout = ('const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, '
                  '.height = 1 });\n'
                  'layout {\n  @set_rectangle(1, 1);\n'
                  '  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });\n'
                  '  @export_name("chatter", fn(u32) void);\n}\n')
        pe = ('param memcpy_params;\n'
              'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
              'const prt = @import_module("<simprint>");\n'
              'fn chatter(n: u32) void {\n  var i: u32 = 0;\n'
              '  while (i < n) : (i += 1) { prt.fmt("line {d}", .{ i }); }\n'
              '  sys_mod.unblock_cmd_stream();\n}\n'
              'comptime { @export_symbol(chatter); }\n')
        with _scratch_program("tessera-hostapi-simlog-", layout, pe):
            with open("sim.log", "w", encoding="utf-8") as f:
                f.write("a stale log of an earlier run\n")
            seen_while_running = []
            running = threading.Event()

            def watch():
                while running.is_set():
                    try:
                        with open("sim.log", encoding="utf-8") as f:
                            seen_while_running.append(f.readline())
                    except OSError:
                        pass
                    time.sleep(0.1)

            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                with open("sim.log", encoding="utf-8") as f:
                    self.assertEqual(f.read(), "", "run() starts the log afresh")
                running.set()
                watcher = threading.Thread(target=watch)
                watcher.start()
                try:
                    rt.launch("chatter", np.uint32(1500000), nonblock=False)
                finally:
                    running.clear()
                    watcher.join()
                rt.stop()
            self.assertRegex("".join(seen_while_running), r"^@\d+ line 0\n",
                             "no line in sim.log while the launch ran")
            with open("sim.log", encoding="utf-8") as f:
                lines = f.read().splitlines()
            self.assertEqual(len(lines), 1500000)
            self.assertEqual([l.split(" ", 1)[1] for l in lines[::299999]],
                             [f"line {i}" for i in range(0, 1500000, 299999)])


class SimLogPastTheWindowTest(unittest.TestCase):
    """The appliance keeps a window of a session's newest 64 MiB of simprint lines
    (docs/appliance.md); sim.log used to stop at 64 MiB with a note ("N more simprint lines
    were dropped"). The runtime streams the lines as the run goes, and the run waits for it
    before lines it has not fetched leave the window, so sim.log gets all ~70 MB of 70,000
    1000-character lines, in order, with stop() and without (a script that ends otherwise).
    tests/python/test_simlog.py does the same through a small window."""

    LAYOUT = ('const memcpy = @import_module("<memcpy/get_params>", .{ .width = 1, '
              '.height = 1 });\n'
              'layout {\n  @set_rectangle(1, 1);\n'
              '  @set_tile_code(0, 0, "pe.csl", .{ .memcpy_params = memcpy.get_params(0) });\n'
              '  @export_name("chatter", fn(u32) void);\n}\n')
    PE = ('param memcpy_params;\n'
          'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
          'const prt = @import_module("<simprint>");\n'
          'fn chatter(n: u32) void {\n  var i: u32 = 0;\n'
          '  while (i < n) : (i += 1) { prt.fmt("line {d} ' + "y" * 1000 + '", .{ i }); }\n'
          '  sys_mod.unblock_cmd_stream();\n}\n'
          'comptime { @export_symbol(chatter); }\n')
    LINES = 70000

    def check_log(self):
        size = os.path.getsize("sim.log")
        self.assertGreater(size, 64 << 20)
        with open("sim.log", encoding="utf-8") as f:
            lines = f.read().splitlines()
        self.assertEqual(len(lines), self.LINES)
        self.assertEqual([l.split(" ", 3)[1:3] for l in lines],
                         [["line", str(i)] for i in range(self.LINES)])
        cycles = [int(l.split(" ", 1)[0][1:]) for l in lines]
        self.assertEqual(cycles, sorted(cycles))

    def test_sim_log_has_every_line_past_the_window(self):
        with _scratch_program("tessera-hostapi-simwindow-", self.LAYOUT, self.PE):
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                rt.launch("chatter", np.uint32(self.LINES), nonblock=False)
                rt.stop()
            self.check_log()
            # A script that ends without stop() (Ctrl-C, an exception) gets them too.
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                rt.launch("chatter", np.uint32(self.LINES), nonblock=False)
            self.check_log()


class PersistentKernelStopTest(unittest.TestCase):
    """A kernel that never goes idle: a task re-activates itself to poll a mailbox that the
    host fills with copy-mode H2D. stop() drains the host commands and returns; it used to
    run the fabric until idle, that is for ever."""

    def test_stop_returns_while_a_polling_task_runs(self):
        layout = ('const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, '
                  '.height = 1 });\n'
                  'layout {\n  @set_rectangle(2, 1);\n'
                  '  for (@range(u16, 2)) |x| { @set_tile_code(x, 0, "pe.csl", '
                  '.{ .memcpy_params = memcpy.get_params(x) }); }\n'
                  '  @export_name("mailbox", [*]u32, true);\n'
                  '  @export_name("results", [*]u32, true);\n}\n')
        pe = ('param memcpy_params;\n'
              'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
              'const poll_id: local_task_id = @get_local_task_id(10);\n'
              'var box = @zeros([2]u32);\nvar res = @zeros([2]u32);\n'
              'var mailbox: [*]u32 = &box;\nvar results: [*]u32 = &res;\n'
              'task poll() void {\n'
              '  if (box[0] != res[0]) { res[1] += box[1]; res[0] = box[0]; }\n'
              '  @activate(poll_id);\n}\n'
              'comptime {\n  @bind_local_task(poll, poll_id);\n  @activate(poll_id);\n'
              '  @export_symbol(mailbox, "mailbox");\n'
              '  @export_symbol(results, "results");\n}\n')
        with _scratch_program("tessera-hostapi-poll-", layout, pe):
            with SdkRuntime("out") as rt:
                mailbox, results = rt.get_id("mailbox"), rt.get_id("results")
                rt.load()
                rt.run()
                for seq in (1, 2, 3):
                    rt.memcpy_h2d(mailbox, np.array([seq, 10 * seq] * 2, np.uint32),
                                  0, 0, 2, 1, 2, data_type=B32)
                    seen = np.zeros(4, np.uint32)
                    for _ in range(50):  # each D2H runs the fabric on until it is done
                        rt.memcpy_d2h(seen, results, 0, 0, 2, 1, 2, data_type=B32)
                        if seen[0] == seq and seen[2] == seq:
                            break
                    np.testing.assert_array_equal(seen, [seq, 5 * seq * (seq + 1)] * 2)
                # In a thread, so a stop() that never returns fails the test (leaving the
                # with-block closes the session, which ends that stop()).
                stopper = threading.Thread(target=rt.stop, daemon=True)
                stopper.start()
                stopper.join(30 * TIME_FACTOR)
                self.assertFalse(stopper.is_alive(), "stop() did not return")


class UndeliveredWaveletsTest(unittest.TestCase):
    """Wavelets a kernel never received (here: PE 1's route of the color accepts NORTH,
    the sender is WEST of it) are named by stop() on stderr instead of vanishing."""

    def test_stop_names_wavelets_left_at_a_router(self):
        layout = ('const memcpy = @import_module("<memcpy/get_params>", .{ .width = 2, '
                  '.height = 1 });\n'
                  'layout {\n  @set_rectangle(2, 1);\n'
                  '  for (@range(u16, 2)) |x| { @set_tile_code(x, 0, "pe.csl", '
                  '.{ .memcpy_params = memcpy.get_params(x), .px = x }); }\n'
                  '  @set_color_config(0, 0, @get_color(1), .{ .routes = .{ .rx = .{RAMP}, '
                  '.tx = .{EAST} } });\n'
                  '  @set_color_config(1, 0, @get_color(1), .{ .routes = .{ .rx = .{NORTH}, '
                  '.tx = .{RAMP} } });\n'
                  '  @export_name("go", fn() void);\n}\n')
        pe = ('param memcpy_params;\nparam px: u16;\n'
              'const sys_mod = @import_module("<memcpy/memcpy>", memcpy_params);\n'
              'const out = @get_dsd(fabout_dsd, .{ .extent = 3, .fabric_color = '
              '@get_color(1), .output_queue = @get_output_queue(2) });\n'
              'var buf = [3]u32{ 1, 2, 3 };\n'
              'const src = @get_dsd(mem1d_dsd, .{ .tensor_access = |i|{3} -> buf[i] });\n'
              'fn go() void {\n  if (px == 0) @mov32(out, src);\n'
              '  sys_mod.unblock_cmd_stream();\n}\n'
              'comptime { @export_symbol(go); }\n')
        with _scratch_program("tessera-hostapi-undelivered-", layout, pe):
            with SdkRuntime("out") as rt:
                rt.load()
                rt.run()
                rt.launch("go", nonblock=False)
                err = io.StringIO()
                with contextlib.redirect_stderr(err):
                    rt.stop()
            self.assertRegex(err.getvalue(),
                             r"warning: stop\(\): wavelets never delivered at cycle \d+:\n  "
                             r"PE\(5,1\) 3 wavelet\(s\) on color 1 from WEST wait at port WEST: "
                             r"no rx of the color")


class StreamingTest(_ScratchRuntime):
    """Streaming mode on the bundled streaming-io kernel: each PE of a 4x1 row sums the f32
    values it receives on color 4 and streams the running sums back on color 5."""

    @classmethod
    def compile_into(cls, out_dir):
        kernel = os.path.join(HERE, "..", "..", "resources", "examples", "streaming-io")
        subprocess.run([CSLC, os.path.join(kernel, "layout.csl"), "--arch=wse2",
                        "--fabric-dims=11,3", "--fabric-offsets=4,1",
                        "--params=width:4,samples:6,MEMCPYH2D_DATA_1_ID:4,MEMCPYD2H_DATA_1_ID:5",
                        "-o", out_dir, "--memcpy", "--channels=1"],
                       check=True)

    def setUp(self):
        super().setUp()
        self.data = (np.arange(4 * 6, dtype=np.float32) + 1).reshape(4, 6)  # [PE][sample]

    def test_orders_pieces_and_sub_rectangles(self):
        rt, data = self.rt, self.data
        sums = np.zeros(4 * 6, np.float32)
        # COL_MAJOR: the PE index runs fastest; the stream arrives in two pieces.
        wire = data.T.copy()
        rt.memcpy_h2d(4, wire[:3].ravel(), 0, 0, 4, 1, 3, streaming=True, order=COL)
        rt.memcpy_h2d(4, wire[3:].ravel(), 0, 0, 4, 1, 3, streaming=True, order=COL,
                      nonblock=True)
        rt.memcpy_d2h(sums, 5, 0, 0, 4, 1, 6, streaming=True, order=COL)
        np.testing.assert_array_equal(sums.reshape(6, 4).T, np.cumsum(data, axis=1))
        rt.stop()

    def test_sub_rectangle_and_errors(self):
        rt, data = self.rt, self.data
        sums = np.zeros(2 * 6, np.float32)
        rt.memcpy_h2d(4, data[1:3].ravel(), 1, 0, 2, 1, 6, streaming=True, nonblock=True)
        rt.memcpy_d2h(sums, 5, 1, 0, 2, 1, 6, streaming=True)
        np.testing.assert_array_equal(sums.reshape(2, 6), np.cumsum(data[1:3], axis=1))
        with self.assertRaisesRegex(ApplianceError, "color 5 is not a streaming color .*"
                                                    "MEMCPYH2D colors: 4"):
            rt.memcpy_h2d(5, data.ravel(), 0, 0, 4, 1, 6, streaming=True)
        # PE 0 receives 3 of its 6 samples, so it never sends: the blocking D2H is a hang,
        # reported with the PEs that wait, not a script that waits forever.
        rt.memcpy_h2d(4, data[0, :3].copy(), 0, 0, 1, 1, 3, streaming=True)
        with self.assertRaises(ApplianceError) as caught:
            rt.memcpy_d2h(np.zeros(6, np.float32), 5, 0, 0, 1, 1, 6, streaming=True)
        self.assertEqual(caught.exception.code.name, "ABORTED")
        self.assertIn("memcpy_d2h streaming from color 5 received 0/6", caught.exception.details)


class LargeRectangleTest(unittest.TestCase):
    """get_symbol_rect over 80x60 PEs of 4,800 code classes in one numpy gather."""

    def test_large_rectangle(self):
        width, height, n = 80, 60, 4
        scratch = tempfile.mkdtemp(prefix="tessera-hostapi-large-")
        old = os.getcwd()
        try:
            os.chdir(scratch)
            _compile(os.path.join(HERE, "hostapi"), "out", width, height, n)
            with SdkRuntime("out") as rt:
                ubuf = rt.get_id("ubuf")
                rt.load()
                rt.run()
                a = np.arange(width * height * n, dtype=np.uint32)
                rt.memcpy_h2d(ubuf, a, 0, 0, width, height, n, order=COL)
                rt.stop()
            dbg = debug_util("out")
            start = time.perf_counter()
            rect = dbg.get_symbol_rect(((4, 1), (width, height)), "ubuf", np.uint32)
            seconds = time.perf_counter() - start
            print(f"get_symbol_rect {width}x{height}x{n}: {seconds * 1000:.0f} ms")
            np.testing.assert_array_equal(rect, a.reshape(n, width, height).transpose(1, 2, 0))
        finally:
            os.chdir(old)
            shutil.rmtree(scratch, ignore_errors=True)


class CslcPrefixTest(unittest.TestCase):
    """SdkLayout.compile(cslc_prefix=...) runs the compiler it names."""

    def setUp(self):
        self._old = os.getcwd()
        self._dir = tempfile.mkdtemp(prefix="tessera-cslc-prefix-")
        shutil.copy(os.path.join(HERE, "sdklayout", "table.csl"), self._dir)
        os.chdir(self._dir)

    def tearDown(self):
        os.chdir(self._old)
        shutil.rmtree(self._dir, ignore_errors=True)

    def layout(self):
        platform = get_platform(None, SimfabConfig(), SdkTarget.WSE2)
        layout = SdkLayout(platform)
        table = layout.create_code_region("table.csl", "table", 2, 1)
        table.set_param_all("bias", 40)
        return platform, layout

    def test_a_named_compiler_compiles_and_runs(self):
        # A wrapper in <prefix>/bin/cslc-driver proves the named compiler ran.
        prefix = os.path.join(self._dir, "sdk")
        os.makedirs(os.path.join(prefix, "bin"))
        driver = os.path.join(prefix, "bin", "cslc-driver")
        with open(driver, "w", encoding="utf-8") as f:
            f.write(f"#!/bin/sh\necho ran >> {self._dir}/driver.log\nexec {CSLC} \"$@\"\n")
        os.chmod(driver, 0o755)
        platform, layout = self.layout()
        artifacts = layout.compile(out_prefix="out", cslc_prefix=prefix)
        with open("driver.log", encoding="utf-8") as f:
            self.assertEqual(f.read(), "ran\n")
        self.assertTrue(platform.is_simulation())
        self.assertFalse(platform.is_system())
        # SdkCompileArtifacts(path), as documented, reopens a compiled directory.
        reopened = SdkCompileArtifacts("out")
        self.assertEqual(reopened.colors, artifacts.colors)
        self.assertEqual(reopened.streams, {})
        rt = SdkRuntime(reopened, platform)
        rt.load()
        rt.run()
        rt.stop()
        self.assertEqual(rt.read_symbol(1, 0, "sum", dtype="uint32").tolist(), [40])
        rt.close()
        # The executable itself may be named too.
        _, layout = self.layout()
        layout.compile(out_prefix="out2", cslc_prefix=CSLC)
        self.assertTrue(os.path.exists(os.path.join("out2", "bin", "out_program.pb")))

    def test_a_prefix_without_a_compiler_is_refused(self):
        _, layout = self.layout()
        with self.assertRaisesRegex(LayoutError, "cslc_prefix '/nonexistent/sdk' holds no "
                                                 "compiler: tried /nonexistent/sdk/bin/cslc-driver"):
            layout.compile(out_prefix="out", cslc_prefix="/nonexistent/sdk")
        _, layout = self.layout()
        layout._regions[0].set_symbol_all(  # pylint: disable=protected-access
            "table", np.arange(4, dtype=np.uint32).reshape(1, 4), 4, 1)
        with self.assertRaisesRegex(LayoutError, "host streams or set_symbol_all"):
            layout.compile(out_prefix="out", cslc_prefix=CSLC)


if __name__ == "__main__":
    unittest.main()
