"""The Python host API (cerebras.sdk.*) against a private appliance, with the fixture
program (tests/appliance/fixture_program.h): a 2x1 rectangle where every PE has
buf: [16]f32 (mutable), ro: [4]f32 (immutable), add_to_all(f32), noop(), take_u16(u16);
MEMCPYH2D_1 is color 2 and MEMCPYD2H_1 color 3."""
import contextlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
import unittest

import grpc
import numpy as np

from cerebras.sdk import _connection
from cerebras.sdk.client import SdkCompiler, SdkLauncher
from cerebras.sdk.debug.debug_util import debug_util, decode_trace
from cerebras.sdk.runtime.sdkruntimepybind import (ApplianceError, MemcpyDataType, MemcpyOrder,
                                                    SdkRuntime, SimfabConfig, get_platform)
from cerebras.sdk.sdk_utils import calculate_cycles, input_array_to_u32, memcpy_view

ROW, COL = MemcpyOrder.ROW_MAJOR, MemcpyOrder.COL_MAJOR
# Budgets in seconds are those of an optimised build; ctest sets the factor for slower
# (sanitizer) builds (cmake/TesseraTests.cmake).
TIME_FACTOR = max(1, int(os.environ.get("TESSERA_TEST_TIME_FACTOR", "1")))
B32 = MemcpyDataType.MEMCPY_32BIT


class Base(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="tessera-pytest-")
        cls.out = os.path.join(cls.tmp, "out")
        subprocess.run([os.environ["TESSERA_MAKE_FIXTURE"], cls.out], check=True)
        cls.cwd = os.getcwd()
        os.chdir(cls.tmp)  # sim.log and cores land here, not in the source tree

    @classmethod
    def tearDownClass(cls):
        os.chdir(cls.cwd)
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def running(self, **kw):
        rt = SdkRuntime(self.out, **kw)
        rt.load()
        rt.run()
        self.addCleanup(rt.close)
        return rt

    def assertStatus(self, code, text, fn, *args, **kw):
        with self.assertRaises(ApplianceError) as ctx:
            fn(*args, **kw)
        self.assertEqual(ctx.exception.code, code, str(ctx.exception))
        self.assertIn(text, ctx.exception.details)


class RuntimeTest(Base):
    def test_first_tutorial_path(self):
        """get_id, load, run, h2d, launch(nonblock=False), d2h ROW_MAJOR 32-bit, stop."""
        rt = self.running()
        buf = rt.get_id("buf")
        data = np.arange(32, dtype=np.float32)
        rt.memcpy_h2d(buf, data, 0, 0, 2, 1, 16, streaming=False, order=ROW, data_type=B32,
                      nonblock=False)
        rt.launch("add_to_all", np.float32(0.5), nonblock=False)
        out = np.zeros(32, dtype=np.float32)
        rt.memcpy_d2h(out, buf, 0, 0, 2, 1, 16, streaming=False, order=ROW, data_type=B32,
                      nonblock=False)
        rt.stop()
        np.testing.assert_array_equal(out, data + 0.5)

    def test_nonblocking_d2h_is_filled_by_stop(self):
        rt = self.running()
        buf = rt.get_id("buf")
        rt.memcpy_h2d(buf, np.ones(32, np.float32), 0, 0, 2, 1, 16, nonblock=True)
        t = rt.launch("add_to_all", 2.0, nonblock=True)
        out = np.zeros((2, 16), dtype=np.float32)
        rt.memcpy_d2h(out, buf, 0, 0, 2, 1, 16, nonblock=True)
        rt.task_wait(t)
        rt.stop()
        np.testing.assert_array_equal(out, np.full((2, 16), 3.0, np.float32))

    def test_col_major_and_is_task_done(self):
        rt = self.running()
        buf = rt.get_id("buf")
        data = np.arange(32, dtype=np.uint32)
        t = rt.memcpy_h2d(buf, data, 0, 0, 2, 1, 16, order=COL, nonblock=True)
        while not rt.is_task_done(t):
            pass
        out = np.zeros(32, dtype=np.uint32)
        rt.memcpy_d2h(out, buf, 0, 0, 2, 1, 16, order=ROW)
        # COL_MAJOR over h=1: element k of PE x is flat[x + 2k].
        self.assertEqual(out[0], 0)
        self.assertEqual(out[1], 2)
        self.assertEqual(out[16], 1)
        back = np.zeros(32, dtype=np.uint32)
        rt.memcpy_d2h(back, buf, 0, 0, 2, 1, 16, order=COL)
        np.testing.assert_array_equal(back, data)
        rt.stop()

    def test_call_read_symbol_dump_core(self):
        rt = self.running()
        rt.call("noop", [], nonblock=False)
        rt.memcpy_h2d(rt.get_id("buf"), np.full(32, 7, np.float32), 0, 0, 2, 1, 16)
        rt.stop()
        got = rt.read_symbol(1, 0, "buf", dtype="float32")
        np.testing.assert_array_equal(got, np.full(16, 7, np.float32))
        core = os.path.join(self.tmp, "corefile.cs1")
        rt.dump_core(core)
        self.assertGreater(os.path.getsize(core), 0)
        self.assertTrue(rt.is_simulator())
        self.assertEqual(rt.coord_logical_to_physical((1, 0)), (5, 1))

    def test_bad_requests_name_the_argument(self):
        rt = self.running()
        buf = rt.get_id("buf")
        c = grpc.StatusCode
        self.assertStatus(c.NOT_FOUND, "unknown symbol 'nope'", rt.get_id, "nope")
        self.assertStatus(c.OUT_OF_RANGE, "lies outside the 2x1 program rectangle",
                          rt.memcpy_h2d, buf, np.zeros(32, np.float32), 1, 0, 2, 1, 16)
        self.assertStatus(c.INVALID_ARGUMENT, "src array has 31 elements, expected 32",
                          rt.memcpy_h2d, buf, np.zeros(31, np.float32), 0, 0, 2, 1, 16)
        self.assertStatus(c.INVALID_ARGUMENT, "src array has dtype float64",
                          rt.memcpy_h2d, buf, np.zeros(32), 0, 0, 2, 1, 16)
        self.assertStatus(c.INVALID_ARGUMENT, "not a streaming color",
                          rt.memcpy_h2d, 7, np.zeros(32, np.float32), 0, 0, 2, 1, 16, streaming=True)
        self.assertStatus(c.INVALID_ARGUMENT, "takes 1 argument(s), got 2",
                          rt.launch, "add_to_all", 1.0, 2.0)
        self.assertStatus(c.INVALID_ARGUMENT, "is a float, not an integer",
                          rt.launch, "take_u16", 2.5)
        self.assertStatus(c.FAILED_PRECONDITION, "second run()", rt.run)
        rt.stop()
        self.assertStatus(c.FAILED_PRECONDITION, "the runtime was stopped",
                          rt.launch, "noop")
        with self.assertRaises(TypeError):
            rt.memcpy_h2d(buf, [1.0] * 32, 0, 0, 2, 1, 16)
        with self.assertRaises(TypeError):
            SdkRuntime(self.out, bogus_keyword=1)

    def test_calls_and_options_are_named_in_errors(self):
        # build/h-host6: the appliance's errors of the broadcast and strided copies said
        # "memcpy_h2d"; a wrong task handle named neither call nor argument; unknown message
        # levels, non-bool trace flags, a string thread count and an unknown target passed.
        rt = self.running()
        buf = rt.get_id("buf")
        self.assertStatus(grpc.StatusCode.INVALID_ARGUMENT, "memcpy_h2d_rowbcast: src array has",
                          rt.memcpy_h2d_rowbcast, buf, np.zeros(3, np.float32), 0, 0, 2, 1, 16)
        with self.assertRaisesRegex(TypeError, "^task_wait: task must be a Task"):
            rt.task_wait(3)
        with self.assertRaisesRegex(TypeError, "^is_task_done: task must be a Task"):
            rt.is_task_done(None)
        with self.assertRaisesRegex(ValueError, "^SdkRuntime: msg_level must be one of"):
            SdkRuntime(self.out, msg_level="LOUD")
        with self.assertRaisesRegex(TypeError, "^SdkRuntime: suppress_simfab_trace must be a bool"):
            SdkRuntime(self.out, suppress_simfab_trace="no")
        with self.assertRaisesRegex(TypeError, "^SimfabConfig: num_threads must be an integer"):
            SimfabConfig(num_threads="2")
        with self.assertRaisesRegex(TypeError, "^get_platform: target must be a SdkTarget"):
            get_platform(None, None, "wse9")

    def test_platform_and_env_join(self):
        platform = get_platform(None, SimfabConfig(num_threads=2), None)
        rt = SdkRuntime(self.out, platform)
        rt.load()
        rt.run()
        rt.launch("noop")
        rt.stop()
        rt.close()
        # A second runtime joins the same appliance through TESSERA_APPLIANCE.
        os.environ["TESSERA_APPLIANCE"] = rt.address
        try:
            rt2 = self.running()
            self.assertEqual(rt2.address, rt.address)
        finally:
            del os.environ["TESSERA_APPLIANCE"]

    def test_version_mismatch(self):
        saved = _connection.PROTOCOL_VERSION
        _connection.PROTOCOL_VERSION = saved + 1
        try:
            self.assertStatus(grpc.StatusCode.FAILED_PRECONDITION, "version mismatch", SdkRuntime, self.out)
            rt = SdkRuntime(self.out, disable_version_check=True)
            rt.close()
        finally:
            _connection.PROTOCOL_VERSION = saved


class DamagedArtifactTest(Base):
    """A --name directory whose files are missing, truncated or not ours: the error names
    the file (json's and the appliance's own messages named neither it nor the fix)."""

    def damaged(self, name, path, content):
        bindir = os.path.join(self.tmp, name)
        shutil.copytree(self.out, bindir)
        target = os.path.join(bindir, path)
        if content is None:
            os.remove(target)
        else:
            with open(target, "wb") as f:
                f.write(content)
        return bindir

    def test_errors_name_the_damaged_file(self):
        with open(os.path.join(self.out, "bin", "out_rpc.json"), "rb") as f:
            rpc = f.read()
        with open(os.path.join(self.out, "bin", "out_program.pb"), "rb") as f:
            program = f.read()
        cases = [
            ("trunc_rpc", "bin/out_rpc.json", rpc[:len(rpc) // 2], ValueError,
             "trunc_rpc/bin/out_rpc.json: not a valid out_rpc.json"),
            ("list_rpc", "bin/out_rpc.json", b"[1, 2]", ValueError,
             "list_rpc/bin/out_rpc.json: not a valid out_rpc.json (no 'rpc_symbols' list)"),
            ("binary_rpc", "bin/out_rpc.json", b"\xff\xfe\x00garbage", ValueError,
             "binary_rpc/bin/out_rpc.json: not a valid out_rpc.json"),
            ("no_rpc", "bin/out_rpc.json", None, FileNotFoundError,
             "no_rpc/bin/out_rpc.json: missing"),
            ("trunc_program", "bin/out_program.pb", program[:100], ApplianceError,
             "trunc_program/bin/out_program.pb: open: program: invalid program file"),
            ("empty_program", "bin/out_program.pb", b"", ApplianceError,
             "empty_program/bin/out_program.pb: open: program is empty"),
        ]
        for name, path, content, error, text in cases:
            with self.subTest(name):
                bindir = self.damaged(name, path, content)
                with self.assertRaises(error) as ctx:
                    SdkRuntime(bindir)
                self.assertIn(text, str(ctx.exception))
                self.assertIn(f"cslc -o {bindir}", str(ctx.exception))
        # The intact artifact still opens.
        with SdkRuntime(self.out) as rt:
            self.assertGreaterEqual(rt.get_id("buf"), 0)


class UnfinishedWorkTest(Base):
    def test_closing_with_an_unwaited_d2h_warns(self):
        # The array of a nonblocking D2H that no wait or stop() finished keeps its old
        # contents; closing used to say nothing, and the script read them as the device's.
        rt = self.running()
        dest = np.full(32, 7, np.float32)
        task = rt.memcpy_d2h(dest, rt.get_id("buf"), 0, 0, 2, 1, 16, nonblock=True)
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            rt.close()
        self.assertIn(f"closed with 1 nonblocking memcpy_d2h never waited for (task {task.id})",
                      err.getvalue())
        # A finished one leaves nothing to say.
        rt = self.running()
        rt.memcpy_d2h(dest, rt.get_id("buf"), 0, 0, 2, 1, 16, nonblock=True)
        rt.stop()
        err = io.StringIO()
        with contextlib.redirect_stderr(err):
            rt.close()
        self.assertEqual(err.getvalue(), "")

    def test_16_bit_copy_of_words_with_upper_bits_warns_once(self):
        # f32 values copied with MEMCPY_16BIT lose their upper halves (1.5f arrives as 0):
        # the SDK's behaviour, kept, but no longer silent.
        rt = self.running()
        buf = rt.get_id("buf")
        b16 = MemcpyDataType.MEMCPY_16BIT

        def copy(src):
            err = io.StringIO()
            with contextlib.redirect_stderr(err):
                rt.memcpy_h2d(buf, src, 0, 0, 2, 1, 16, data_type=b16)
            return err.getvalue()

        # Zero-extended and sign-extended 16-bit values are what a 16-bit copy expects, and
        # the SDK's index sentinels in the upper halves of integer words are dropped by design.
        self.assertEqual(copy(np.arange(32, dtype=np.uint32) * 2000), "")
        self.assertEqual(copy(np.full(32, -3, np.int32)), "")
        self.assertEqual(copy(input_array_to_u32(np.arange(32, dtype=np.float16), 1, 16)), "")
        self.assertIn("32 of 32 words of the float32 src array have other upper bits",
                      copy(np.full(32, 1.5, np.float32)))
        self.assertEqual(copy(np.full(32, 2.5, np.float32)), "")  # once per symbol

    def test_names_and_platform_of_the_wrong_type_are_named(self):
        rt = self.running()
        with self.assertRaisesRegex(TypeError, "get_id: name must be a str .*got NoneType"):
            rt.get_id(None)
        with self.assertRaisesRegex(TypeError, "get_id: name must be a str .*got int 5"):
            rt.get_id(5)
        with self.assertRaisesRegex(TypeError, "launch: symbol must be a str"):
            rt.launch(5)
        with self.assertRaisesRegex(TypeError, "call: name must be a str"):
            rt.call(b"noop", [])
        with self.assertRaisesRegex(TypeError, "platform must come from get_platform\\(\\), "
                                    "got str '127.0.0.1:9000'; an appliance address goes in "
                                    "cmaddr="):
            SdkRuntime(self.out, "127.0.0.1:9000")

    def test_read_symbol_names_bad_coordinates(self):
        rt = self.running()
        with self.assertRaisesRegex(ValueError, "read_symbol\\(-1, 0, 'buf'\\): PE \\(-1,0\\) lies "
                                    "outside the 2x1 program rectangle; read_symbol takes "
                                    "rectangle coordinates from \\(0,0\\)"):
            rt.read_symbol(-1, 0, "buf")
        with self.assertRaisesRegex(TypeError, "read_symbol: y must be an integer, got float"):
            rt.read_symbol(0, 0.5, "buf")


class DebugUtilTest(Base):
    def test_symbols_from_the_core_of_a_run(self):
        rt = self.running()
        rt.memcpy_h2d(rt.get_id("buf"), np.arange(32, dtype=np.float32), 0, 0, 2, 1, 16)
        rt.stop()
        dbg = debug_util(self.out)
        # Absolute fabric coordinates: the rectangle starts at (4, 1).
        np.testing.assert_array_equal(dbg.get_symbol(5, 1, "buf", np.float32),
                                      np.arange(16, 32, dtype=np.float32))
        rect = dbg.get_symbol_rect(((4, 1), (2, 1)), "buf", np.float32)
        self.assertEqual(rect.shape, (2, 1, 16))
        self.assertEqual(rect[1][0][0], 16.0)
        with self.assertRaises(ValueError):
            dbg.get_symbol(0, 0, "buf")
        with self.assertRaises(KeyError):
            dbg.get_symbol(4, 1, "nope")
        with self.assertRaises(KeyError):
            dbg.read_trace(4, 1, "times")

    def test_truncated_core_is_named(self):
        # A core cut short (a copy interrupted, a full disk) gave get_symbol [] for a
        # 16-element symbol, or struct errors, instead of saying the file is damaged.
        rt = self.running()
        rt.memcpy_h2d(rt.get_id("buf"), np.arange(32, dtype=np.float32), 0, 0, 2, 1, 16)
        rt.stop()
        core = os.path.join(self.out, "corefile.cs1")
        with open(core, "rb") as f:
            whole = f.read()
        pages_at = debug_util(self.out)._core.table()["sram_offset"].min()  # pylint: disable=protected-access
        for name, size in (("no pages", int(pages_at) + 10), ("no table", 100)):
            with self.subTest(name):
                cut = os.path.join(self.tmp, f"cut-{size}.cs1")
                with open(cut, "wb") as f:
                    f.write(whole[:size])
                with self.assertRaisesRegex(ValueError, re.escape(cut) + ": truncated"):
                    dbg = debug_util(self.out, core=cut)
                    dbg.get_symbol(5, 1, "buf", np.float32)
                with self.assertRaisesRegex(ValueError, re.escape(cut) + ": truncated"):
                    debug_util(self.out, core=cut).get_symbol_rect(((4, 1), (2, 1)), "buf",
                                                                   np.float32)
        # A damaged program file beside the core: protobuf's DecodeError named no file.
        bindir = os.path.join(self.tmp, "damaged-program")
        shutil.copytree(self.out, bindir)
        program = os.path.join(bindir, "bin", "out_program.pb")
        with open(program, "r+b") as f:
            f.truncate(100)
        with self.assertRaisesRegex(ValueError, re.escape(program) + ": not a Tessera program"):
            debug_util(bindir)

    def test_decode_trace(self):
        words = np.array([0x0100 | ord("?"), 0xFF00 | ord("b"), ord("H"), 513, ord("f"),
                          0x0000, 0x3FC0, ord("t"), 1, 2, 3, 0x0300 | ord("s"),
                          ord("h") | ord("i") << 8, ord("!")], dtype=np.uint16)
        self.assertEqual(decode_trace(words),
                         [True, -1, 513, 1.5, 1 | 2 << 16 | 3 << 32, "hi!"])
        with self.assertRaises(ValueError):
            decode_trace(np.array([ord("I"), 1], dtype=np.uint16))
        # A buffer that filled up inside an entry (its tag fitted, its value did not): the
        # entries before it, as a program tracing more than buffer_size words leaves it.
        self.assertEqual(decode_trace(np.array([ord("H"), 7, ord("I"), 1], dtype=np.uint16),
                                      full=True), [7])


class UtilsTest(unittest.TestCase):
    def test_memcpy_view_and_u32(self):
        x = np.array([1, -2, 300], dtype=np.int16)
        words = input_array_to_u32(x, None, 3)
        self.assertEqual(words.dtype, np.uint32)
        self.assertEqual(list(words), [1, 0xFFFE, 300])
        np.testing.assert_array_equal(memcpy_view(words, np.int16), x)
        grid = input_array_to_u32(np.arange(6, dtype=np.int16), None, 3).reshape(2, 3)
        np.testing.assert_array_equal(memcpy_view(grid, np.int16), [[0, 1, 2], [3, 4, 5]])
        tagged = input_array_to_u32(x, 1, 2)
        self.assertEqual(list(tagged >> 16), [0, 1, 0])
        self.assertEqual(calculate_cycles(np.array([0x00020001, 0x00050000, 0x00000003],
                                                   dtype=np.uint32)), 0x30005 - 0x20001)

    def test_damaged_json_files_are_named(self):
        # json's own errors ("Unterminated string starting at ...") named no file.
        from cerebras.sdk.runtime.sdkruntimepybind import SdkCompileArtifacts  # pylint: disable=import-outside-toplevel
        from cerebras.sdk.sdk_utils import get_api_info_dict  # pylint: disable=import-outside-toplevel
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "bin"))
            rpc = os.path.join(d, "bin", "out_rpc.json")
            with open(rpc, "w", encoding="utf-8") as f:
                f.write('{"rpc_symbols": [{"name": "f')
            with self.assertRaisesRegex(ValueError, re.escape(rpc) + ": not a valid out_rpc.json"):
                get_api_info_dict(d)
            with open(rpc, "w", encoding="utf-8") as f:
                f.write('{}')
            self.assertEqual(get_api_info_dict(d), {})
            layout_json = os.path.join(d, "sdklayout.json")
            with open(layout_json, "w", encoding="utf-8") as f:
                f.write('{"streams": ')
            with self.assertRaisesRegex(ValueError, re.escape(layout_json) + ": not valid JSON"):
                SdkCompileArtifacts(d)

    def test_wrong_shape_out_rpc_json_is_named(self):
        """get_api_info_dict on valid JSON of the wrong shape names the file, the entry and
        what is wrong; it was a bare AttributeError, KeyError or TypeError
        (build/h-hostile/NOTES.md 7)."""
        from cerebras.sdk.sdk_utils import get_api_info_dict, parse_host_callable_api  # pylint: disable=import-outside-toplevel
        cases = (
            ({"rpc_symbols": {"a": 1}}, "rpc_symbols must be a list, got dict"),
            ({"rpc_symbols": None}, "rpc_symbols must be a list, got NoneType"),
            ({"rpc_symbols": ["go"]}, "rpc_symbols[0] must be an object, got str 'go'"),
            ({"rpc_symbols": [{"kind": "Func", "inputs": []}]},
             "rpc_symbols[0], a Func, has no 'name' string"),
            ({"rpc_symbols": [{"kind": "Func", "name": 7}]},
             "rpc_symbols[0], a Func, has no 'name' string (got int 7)"),
            ({"rpc_symbols": [{"kind": "Var", "name": "v"}, {"kind": "Func", "name": "go",
                                                             "inputs": [{"name": "k"}]}]},
             "rpc_symbols[1] ('go'): input 0 has no 'type' string"),
            ({"rpc_symbols": [{"kind": "Func", "name": "go", "inputs": {"k": "f32"}}]},
             "rpc_symbols[0] ('go'): 'inputs' must be a list of {name, type} objects, got dict"),
            ({"rpc_symbols": [{"kind": "Func", "name": "go", "inputs": ["f32"]}]},
             "rpc_symbols[0] ('go'): input 0 must be a {name, type} object, got str 'f32'"),
            ({"rpc_symbols": [{"kind": "Func", "name": "go",
                               "inputs": [{"name": None, "type": "f32"}]}]},
             "rpc_symbols[0] ('go'): input 0 has no 'name' string"),
        )
        with tempfile.TemporaryDirectory() as d:
            os.makedirs(os.path.join(d, "bin"))
            rpc = os.path.join(d, "bin", "out_rpc.json")
            for doc, message in cases:
                with self.subTest(doc=doc):
                    with open(rpc, "w", encoding="utf-8") as f:
                        json.dump(doc, f)
                    with self.assertRaises(ValueError) as ctx:
                        get_api_info_dict(d)
                    self.assertTrue(str(ctx.exception).startswith(
                        f"{rpc}: not a valid out_rpc.json ({message}"), str(ctx.exception))
        with self.assertRaisesRegex(ValueError, re.escape(
                "rpc_symbols: not a valid out_rpc.json (rpc_symbols[0] must be an object")):
            parse_host_callable_api([3])

    def test_helpers_match_the_sdk_module(self):
        """cerebras.sdk.sdk_utils as the SDK ships it: cast_uint32 gives the word's bits as
        np.uint32, memcpy_view takes 8-bit views, get_api_info_dict maps each exported
        function to (names, types) for check_rpc_api."""
        from cerebras.sdk import sdk_utils  # pylint: disable=import-outside-toplevel
        self.assertEqual(sdk_utils.cast_uint32(np.float16(1.0)), 0x3C00)
        self.assertEqual(sdk_utils.cast_uint32(np.int16(-1)), 0xFFFF)
        self.assertEqual(sdk_utils.cast_uint32(np.float32(-2.0)), 0xC0000000)
        self.assertEqual(sdk_utils.cast_uint32(1.0), 0x3F800000)
        self.assertIsInstance(sdk_utils.cast_uint32(7), np.uint32)
        with self.assertRaisesRegex(RuntimeError, "type str is not supported"):
            sdk_utils.cast_uint32("7")
        words = np.array([0x11223344, 0x556677F8], np.uint32)
        np.testing.assert_array_equal(memcpy_view(words, np.dtype(np.int8)), [0x44, -8])
        rpc = os.path.join(tempfile.mkdtemp(prefix="tessera-rpc-"), "bin")
        os.makedirs(rpc)
        with open(os.path.join(rpc, "out_rpc.json"), "w", encoding="utf-8") as f:
            f.write('{"rpc_symbols": [{"id": 0, "name": "y", "type": "[*]f32", "kind": "Var",'
                    ' "immutable": false, "inputs": []}, {"id": 1, "name": "go", "type": '
                    '"void", "kind": "Func", "immutable": false, "inputs": [{"name": "a", '
                    '"type": "f32"}, {"name": "n", "type": "u16"}]}]}')
        api = sdk_utils.get_api_info_dict(os.path.dirname(rpc))
        self.assertEqual(api, {"go": (["a", "n"], ["f32", "u16"])})
        self.assertEqual(api, sdk_utils.get_api_info_dict_from_json(
            os.path.join(rpc, "out_rpc.json")))
        self.assertTrue(sdk_utils.check_rpc_api("go", [1.5, 3], api))
        self.assertTrue(sdk_utils.check_rpc_api("go", [np.float32(1.5), np.uint16(3)], api))
        with self.assertRaisesRegex(RuntimeError, "argument 1 \\(n: u16\\) got 70000"):
            sdk_utils.check_rpc_api("go", [1.5, 70000], api)
        with self.assertRaisesRegex(RuntimeError, "takes 2 arguments, 1 given"):
            sdk_utils.check_rpc_api("go", [1.5], api)
        with self.assertRaisesRegex(KeyError, "no exported function 'gone'"):
            sdk_utils.check_rpc_api("gone", [], api)
        self.assertTrue(sdk_utils.is_valid_primitive_type("i16"))
        self.assertFalse(sdk_utils.is_valid_primitive_type("[*]f32"))
        self.assertEqual(sdk_utils.getOutputNameFromCompileOptions(
            ["cslc", "layout.csl", "-o", "build", "--memcpy"]), "build")
        self.assertEqual(sdk_utils.getOutputNameFromCompileOptions(["cslc", "-o=b2"]), "b2")
        self.assertEqual(sdk_utils.getOutputNameFromCompileOptions(["cslc", "x.csl"]), "out")


class PlatformTest(unittest.TestCase):
    def test_platform_functions_take_the_sdk_names_and_defaults(self):
        # The SDK binds get_platform(addr=None, config=SimfabConfig(), target=WSE3) and the
        # shorthands get_simulator(config, target) and get_system(addr).
        from cerebras.sdk.runtime import sdkruntimepybind as rt  # pylint: disable=import-outside-toplevel
        platform = rt.get_platform(addr=None, config=SimfabConfig(num_threads=2))
        self.assertTrue(platform.is_simulation())
        self.assertEqual(platform.target, rt.SdkTarget.WSE3)
        self.assertEqual(rt.get_simulator(target=rt.SdkTarget.WSE2).target, rt.SdkTarget.WSE2)
        self.assertEqual(rt.get_system("127.0.0.1:9000").cmaddr, "127.0.0.1:9000")
        self.assertEqual([(t.name, int(t)) for t in rt.SdkTarget], [("WSE2", 0), ("WSE3", 1)])

    def test_enums_print_as_the_sdk_enums(self):
        # pybind11 enums print with their class name; they were bare numbers ("0").
        self.assertEqual(str(MemcpyOrder.COL_MAJOR), "MemcpyOrder.COL_MAJOR")
        self.assertEqual(f"{B32}", "MemcpyDataType.MEMCPY_32BIT")
        self.assertEqual((MemcpyOrder(1), B32.name, int(MemcpyDataType.MEMCPY_16BIT)),
                         (COL, "MEMCPY_32BIT", 1))


class AddressTest(Base):
    def test_a_malformed_appliance_address_is_refused_at_once(self):
        """cmaddr (and $TESSERA_APPLIANCE) without a port, with a port past 65535, or of
        another type is refused at once naming the argument; gRPC took them as targets to
        retry, and the runtime waited 30 s for "cannot reach the appliance"
        (build/h-hostile/NOTES.md 9)."""
        cases = (("garbage", ValueError, "cmaddr 'garbage': expected IP:PORT or unix:PATH (no port)"),
                 ("localhost:99999", ValueError,
                  "cmaddr 'localhost:99999': the port '99999' is not a number 1..65535"),
                 ("localhost:0", ValueError, "the port '0' is not a number 1..65535"),
                 (":9000", ValueError, "cmaddr ':9000': expected IP:PORT or unix:PATH (no host)"),
                 ("::1:9000", ValueError, "an IPv6 address goes in brackets"),
                 ("unix:", ValueError, "cmaddr 'unix:': the socket path is empty"),
                 ("http://h:1", ValueError, "expected IP:PORT or unix:PATH"),
                 (9000, TypeError, "cmaddr must be a str (IP:PORT or unix:PATH), got int 9000"))
        for cmaddr, error, message in cases:
            with self.subTest(cmaddr=cmaddr):
                start = time.monotonic()
                with self.assertRaises(error) as ctx:
                    SdkRuntime(self.out, cmaddr=cmaddr)
                self.assertIn(message, str(ctx.exception))
                self.assertLess(time.monotonic() - start, 5 * TIME_FACTOR)
        saved = os.environ.get("TESSERA_APPLIANCE")
        os.environ["TESSERA_APPLIANCE"] = "nohost"
        try:
            with self.assertRaisesRegex(ValueError, re.escape(
                    "$TESSERA_APPLIANCE 'nohost': expected IP:PORT or unix:PATH (no port)")):
                SdkRuntime(self.out)
        finally:
            if saved is None:
                del os.environ["TESSERA_APPLIANCE"]
            else:
                os.environ["TESSERA_APPLIANCE"] = saved

    def test_bindir_must_be_a_path(self):
        """SdkRuntime(None), (123), (b"out") and ("") name SdkRuntime and bindir; os.path
        said "expected str, bytes or os.PathLike object, not NoneType" (h-hostile 9)."""
        for bindir in (None, 123, b"out"):
            with self.subTest(bindir=bindir):
                with self.assertRaisesRegex(TypeError, re.escape(
                        "SdkRuntime: bindir must be the path (str or os.PathLike) of a cslc "
                        f"output directory, got {type(bindir).__name__} {bindir!r}")):
                    SdkRuntime(bindir)
        with self.assertRaisesRegex(ValueError, "SdkRuntime: bindir is empty"):
            SdkRuntime("")


class LauncherTest(Base):
    def test_stage_run_download(self):
        script = os.path.join(self.tmp, "host.py")
        with open(script, "w", encoding="utf-8") as f:
            f.write(textwrap.dedent("""\
                import argparse, numpy as np
                from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime
                p = argparse.ArgumentParser(); p.add_argument('--name'); p.add_argument('--cmaddr')
                a = p.parse_args()
                rt = SdkRuntime(a.name, cmaddr=a.cmaddr)
                rt.load(); rt.run()
                rt.memcpy_h2d(rt.get_id('buf'), np.zeros(32, np.float32), 0, 0, 2, 1, 16)
                rt.launch('add_to_all', 4.0)
                y = np.zeros(32, np.float32)
                rt.memcpy_d2h(y, rt.get_id('buf'), 0, 0, 2, 1, 16)
                rt.stop()
                np.save('y.npy', y)
                print('SUCCESS!')
                """))
        with SdkLauncher(self.out, simulator=True) as launcher:
            launcher.stage(script)
            output = launcher.run("cs_python host.py --name out --cmaddr %CMADDR%")
            self.assertIn("SUCCESS!", output)
            target = os.path.join(self.tmp, "y.npy")
            launcher.download_artifact("y.npy", target)
            np.testing.assert_array_equal(np.load(target), np.full(32, 4.0, np.float32))
            with self.assertRaises(ApplianceError) as ctx:
                launcher.download_artifact("../../etc/passwd", target)
            self.assertEqual(ctx.exception.code, grpc.StatusCode.PERMISSION_DENIED)
            with self.assertRaises(RuntimeError):
                launcher.run("exit 4")


class CompilerTest(Base):
    def test_compile_on_the_appliance_then_run(self):
        code = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples",
                            "host-basics")
        with SdkCompiler(resource_cpu=1, resource_mem=1 << 30) as compiler:
            artifact = compiler.compile(code, "layout.csl",
                                        "--arch=wse2 --fabric-dims=11,3 --fabric-offsets=4,1 "
                                        "--params=width:4,size:6 -o built --memcpy --channels=1",
                                        self.tmp)
            self.assertEqual(artifact, os.path.join(self.tmp, "built"))
            with self.assertRaises(ApplianceError) as ctx:
                compiler.compile(code, "layout.csl", "--memcpy --channels=0", self.tmp)
            self.assertEqual(ctx.exception.code, grpc.StatusCode.INVALID_ARGUMENT)
            self.assertIn("--channels: 0", ctx.exception.details)
            # A misspelled layout is named as the user wrote it (the appliance's error named
            # its workspace copy, /tmp/tessera-private-.../code/layuot.csl).
            with self.assertRaisesRegex(FileNotFoundError, "compile: layout 'layuot.csl' is "
                                        "not a file in codedir '" + re.escape(code)):
                compiler.compile(code, "layuot.csl", "--memcpy --channels=1", self.tmp)
        rt = SdkRuntime(artifact)
        rt.load()
        rt.run()
        values = rt.get_id("values")
        rt.memcpy_h2d(values, np.ones(24, np.float32), 0, 0, 4, 1, 6)
        rt.launch("scale_and_shift", 2.0, 1)
        out = np.zeros(24, np.float32)
        rt.memcpy_d2h(out, values, 0, 0, 4, 1, 6)
        rt.stop()
        rt.close()
        np.testing.assert_array_equal(out.reshape(4, 6)[:, 0], [3, 4, 5, 6])

    def test_appliance_mode_runtime_loads_runs_and_stops_itself(self):
        # As SDK appliance scripts use it: compile(codedir, layout, args) with no outdir,
        # then cerebras.sdk.client.SdkRuntime(artifact, simulator=...) as a context manager
        # that loads and runs on entry and stops on exit; enums from sdk_common_pb2.
        from cerebras.appliance.pb.sdk import sdk_common_pb2  # pylint: disable=import-outside-toplevel
        from cerebras.sdk import client  # pylint: disable=import-outside-toplevel
        code = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples",
                            "host-basics")
        with SdkCompiler() as compiler:
            artifact = compiler.compile(code, "layout.csl",
                                        "--arch wse2 --fabric-dims=11,3 --fabric-offsets=4,1 "
                                        "--params=width:4,size:6 -o appliance_built --memcpy "
                                        "--channels=1")
        self.assertEqual(os.path.abspath(artifact), os.path.join(self.tmp, "appliance_built"))
        out = np.zeros(24, np.float32)
        with client.SdkRuntime(artifact, simulator=True) as runner:
            values = runner.get_id("values")
            runner.memcpy_h2d(values, np.ones(24, np.float32), 0, 0, 4, 1, 6, streaming=False,
                              data_type=sdk_common_pb2.MemcpyDataType.MEMCPY_32BIT,
                              order=sdk_common_pb2.MemcpyOrder.ROW_MAJOR, nonblock=False)
            runner.call("scale_and_shift", [np.float32(2.0).view(np.uint32), 1], nonblock=True)
            runner.memcpy_d2h(out, values, 0, 0, 4, 1, 6, nonblock=True)
        np.testing.assert_array_equal(out.reshape(4, 6)[:, 0], [3, 4, 5, 6])  # filled by stop()
        with self.assertRaisesRegex(RuntimeError, "was closed"):
            runner.get_id("values")
        with client.SdkRuntime(artifact) as runner:
            runner.stop()  # stopped by the script itself: not stopped twice

    def test_compile_takes_files_imported_from_outside_the_code_directory(self):
        # An SDK benchmark compiles ./src whose layout imports ../../benchmark-libs/...;
        # the compile must see those files (it failed with "file ... not found"), also when
        # the imported directory is a symlink (its real path was uploaded; h-var7 3).
        for linked in (False, True):
            with self.subTest(linked=linked):
                self.compile_with_outside_imports(linked)

    def compile_with_outside_imports(self, linked):
        project = os.path.join(self.tmp, f"outside-imports-{int(linked)}")
        src = os.path.join(project, "app", "src")
        shared = os.path.join(project, "shared")
        os.makedirs(src)
        if linked:
            os.makedirs(shared + "-real")
            os.symlink(shared + "-real", shared)
        else:
            os.makedirs(shared)
        examples = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "examples")
        shutil.copy(os.path.join(examples, "host-basics", "pe_program.csl"), shared)
        with open(os.path.join(shared, "dims.csl"), "w", encoding="utf-8") as f:
            f.write("const rows: i16 = 1;\n")
        with open(os.path.join(src, "layout.csl"), "w", encoding="utf-8") as f:
            f.write(textwrap.dedent("""\
                param width: i16;
                param size: i16;
                const dims = @import_module("../../shared/dims.csl");
                const memcpy = @import_module("<memcpy/get_params>", .{ .width = width,
                                                                        .height = dims.rows });
                layout {
                  @set_rectangle(width, dims.rows);
                  for (@range(i16, width)) |x| {
                    @set_tile_code(x, 0, "../../shared/pe_program.csl", .{
                      .memcpy_params = memcpy.get_params(x), .size = size, .column = x });
                  }
                  @export_name("values", [*]f32, true);
                  @export_name("counters", [*]u32, true);
                  @export_name("scale_and_shift", fn(f32, i16)void);
                }
                """))
        with SdkCompiler() as compiler:
            artifact = compiler.compile(src, "layout.csl",
                                        "--arch=wse2 --fabric-dims=9,3 --fabric-offsets=4,1 "
                                        "--params=width:2,size:3 -o outside_built --memcpy "
                                        "--channels=1", project)
        with SdkRuntime(artifact) as rt:
            rt.load()
            rt.run()
            rt.launch("scale_and_shift", 1.0, 5)
            out = np.zeros(6, np.float32)
            rt.memcpy_d2h(out, rt.get_id("values"), 0, 0, 2, 1, 3)
            rt.stop()
        self.assertEqual(out.tolist(), [5.0] * 3 + [6.0] * 3)


class ApplianceLifecycleTest(Base):
    """Shared memory copies, sessions of vanished scripts, a crashed private daemon."""

    def test_shared_memory_copies_match_the_message_path(self):
        from cerebras.sdk import _shm
        saved = _shm._MIN_BYTES
        _shm._MIN_BYTES = 0  # the fixture's copies are small; send them through shm anyway
        self.addCleanup(setattr, _shm, "_MIN_BYTES", saved)
        results = []
        for use_shm in (True, False):
            rt = self.running()
            rt._use_shm = use_shm
            buf = rt.get_id("buf")
            rt.memcpy_h2d(buf, np.arange(32, dtype=np.float32), 0, 0, 2, 1, 16,
                          streaming=False, data_type=B32, order=ROW, nonblock=False)
            rt.launch("add_to_all", np.float32(0.5), nonblock=False)
            out = np.zeros(32, dtype=np.float32)
            rt.memcpy_d2h(out, buf, 0, 0, 2, 1, 16, streaming=False, data_type=B32, order=ROW,
                          nonblock=False)
            self.assertEqual(rt._shm is not None, use_shm)
            path = "/dev/shm" + rt._shm.name if use_shm else None
            rt.close()
            if path:
                self.assertFalse(os.path.exists(path), "the segment outlived its runtime")
            results.append(out)
        np.testing.assert_array_equal(results[0], np.arange(32, dtype=np.float32) + 0.5)
        np.testing.assert_array_equal(results[0], results[1])

    def _sessions(self, address):
        from tessera import appliance_pb2 as pb
        conn = _connection.Connection(address)
        try:
            return {s.session_id: s for s in conn.call(conn.debug.ListSessions, pb.Empty()).sessions}
        finally:
            conn.close()

    def test_session_of_a_vanished_script_is_closed(self):
        rt = self.running()  # makes sure the private appliance runs; its address is shared
        script = textwrap.dedent(f"""
            import os, sys
            from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime
            rt = SdkRuntime({self.out!r})
            print(rt._session, flush=True)
            os._exit(0)  # no close(): the appliance must notice on its own
        """)
        env = dict(os.environ, TESSERA_APPLIANCE=rt.address)
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=60 * TIME_FACTOR, check=True)
        session = done.stdout.strip()
        self.assertTrue(session)
        deadline = time.monotonic() + 5 * TIME_FACTOR
        while session in self._sessions(rt.address) and time.monotonic() < deadline:
            time.sleep(0.05)
        sessions = self._sessions(rt.address)
        self.assertNotIn(session, sessions)
        mine = sessions[rt._session]
        self.assertEqual(mine.client_pid, os.getpid())
        self.assertTrue(mine.client_label.startswith("cs_python "), mine.client_label)
        self.assertEqual(mine.state, "running")

    def test_crashed_private_daemon_is_named(self):
        script = textwrap.dedent(f"""
            import os
            from cerebras.sdk import _connection
            from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime, ApplianceError
            rt = SdkRuntime({self.out!r})
            _connection._private.proc.kill()
            _connection._private.proc.wait()
            try:
                rt.load()
            except ApplianceError as e:
                print(e.details, flush=True)
            os._exit(0)
        """)
        env = {k: v for k, v in os.environ.items() if k != "TESSERA_APPLIANCE"}
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=60 * TIME_FACTOR, check=True)
        self.assertRegex(done.stdout, r"the private appliance \S*tessera-appliance \(pid \d+\) "
                                      r"was killed by signal 9 \(SIGKILL\); the call failed")


class ForkTest(Base):
    """A script that forks while its session is open (build/h-hostile/NOTES.md 21): the
    child's exit waited for ever in the atexit handler, closing the parent's session over
    a channel gRPC cannot use after fork(); once that returned, the destructor of the
    inherited Hold() stream cancelled it on the socket the child shares with its parent,
    and the appliance closed the parent's session. Each script runs in its own process with
    a private appliance, as a user's script does."""

    def _run(self, body):
        script = textwrap.dedent(f"""
            import os, sys, time
            import numpy as np
            from cerebras.sdk.runtime.sdkruntimepybind import (
                MemcpyDataType, MemcpyOrder, SdkRuntime)
            OUT = {self.out!r}
            TIME_FACTOR = {TIME_FACTOR}
            rt = SdkRuntime(OUT)
            rt.load()
            rt.run()

            def first_words():
                got = np.zeros(2, np.float32)
                rt.memcpy_d2h(got, rt.get_id("buf"), 0, 0, 2, 1, 1, streaming=False,
                              data_type=MemcpyDataType.MEMCPY_32BIT,
                              order=MemcpyOrder.ROW_MAJOR, nonblock=False)
                return got

            def parent_still_works():
                before = first_words()
                rt.launch("add_to_all", np.float32(2.0), nonblock=False)
                assert (first_words() == before + 2).all(), (before, first_words())
        """) + textwrap.dedent(body)
        env = {k: v for k, v in os.environ.items() if k != "TESSERA_APPLIANCE"}
        start = time.monotonic()
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=60 * TIME_FACTOR)
        return done, time.monotonic() - start

    def test_a_child_that_exits_leaves_the_parents_session_alone(self):
        done, _ = self._run("""
            for how in ("exit", "raise"):
                pid = os.fork()
                if pid == 0:
                    try:
                        rt.launch("noop", nonblock=False)
                    except RuntimeError as e:
                        print("child:", e, flush=True)
                    if how == "raise":
                        raise ValueError("the child's own error")
                    sys.exit(0)
                print(how, "status", os.waitpid(pid, 0)[1], flush=True)
                parent_still_works()
            rt.stop()
            print("parent ok", flush=True)
        """)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        lines = done.stdout.splitlines()
        self.assertEqual([line for line in lines if not line.startswith("child:")],
                         ["exit status 0", "raise status 256", "parent ok"], done.stdout)
        refusal = (r"child: this SdkRuntime belongs to process \d+, which forked this one "
                   r"\(\d+\): a forked child cannot use its parent's session; open a new "
                   r"SdkRuntime in the child")
        self.assertEqual(len([line for line in lines if re.fullmatch(refusal, line)]), 2,
                         done.stdout)
        self.assertIn("ValueError: the child's own error", done.stderr)

    def test_a_child_cannot_connect_and_says_why(self):
        # gRPC does not work after fork(): a new connection waited 30 s and said only
        # "cannot reach the appliance".
        done, took = self._run("""
            pid = os.fork()
            if pid == 0:
                try:
                    SdkRuntime(OUT)
                except RuntimeError as e:
                    print("child:", e, flush=True)
                sys.exit(0)
            print("status", os.waitpid(pid, 0)[1], flush=True)
            parent_still_works()
            rt.stop()
            print("parent ok", flush=True)
        """)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertRegex(done.stdout, r"^child: cannot connect to the appliance from process "
                                      r"\d+, forked \(os.fork\(\), multiprocessing's 'fork' "
                                      r"start method\) from process \d+ after that one had "
                                      r"connected: gRPC does not work in such a child. .*\n"
                                      r"status 0\nparent ok\n$")
        self.assertLess(took, 20)

    def test_a_long_lived_child_does_not_hold_the_private_appliance(self):
        # The child inherits the pipe whose end tells the private appliance to exit; held
        # open by a child that outlives the parent, the parent's exit waited 120 s for the
        # appliance, killed it and failed.
        done, took = self._run("""
            pid = os.fork()
            if pid == 0:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, 1)
                os.dup2(devnull, 2)
                time.sleep(60 * TIME_FACTOR)
                os._exit(0)
            rt.stop()
            print("parent ok", pid, flush=True)
        """)
        child = int(done.stdout.split()[-1])
        os.kill(child, 9)
        self.assertEqual(done.returncode, 0, done.stdout + done.stderr)
        self.assertNotIn("error:", done.stderr)
        self.assertLess(took, 45 * TIME_FACTOR)


class PrivateDaemonExitTest(Base):
    """A private daemon that ends abnormally fails the script that started it, with the
    daemon's exit status and log path: so a sanitizer report in the daemon (ASan exits 1,
    LSan 23) fails the example and Python tests. The daemon is wrapped by a shell script
    that runs the real one and then ends as the case needs."""

    def _run_script(self, wrapper_tail, exit_timeout=None):
        real = os.environ.get("TESSERA_APPLIANCE_BIN") or shutil.which("tessera-appliance")
        tmp = tempfile.mkdtemp(prefix="daemon-exit-", dir=self.tmp)
        wrapper = os.path.join(tmp, "appliance-wrapper")
        with open(wrapper, "w") as f:
            f.write(f'#!/bin/sh\n"{real}" "$@"\n{wrapper_tail}\n')
        os.chmod(wrapper, 0o755)
        setting = (f"_connection._PrivateAppliance.EXIT_TIMEOUT = {exit_timeout}"
                   if exit_timeout else "")
        script = textwrap.dedent(f"""
            import numpy as np
            from cerebras.sdk import _connection
            from cerebras.sdk.runtime.sdkruntimepybind import SdkRuntime
            {setting}
            rt = SdkRuntime({self.out!r})
            rt.load()
            rt.run()
            rt.launch("add_to_all", np.float32(1.0), nonblock=False)
            rt.stop()
            print("the script ran to its end", flush=True)
        """)
        env = {k: v for k, v in os.environ.items() if k != "TESSERA_APPLIANCE"}
        env.update(TESSERA_APPLIANCE_BIN=wrapper, TMPDIR=tmp)
        done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True,
                              text=True, timeout=240 * TIME_FACTOR)
        self.assertIn("the script ran to its end", done.stdout, done.stderr)
        return done, tmp

    def _assert_fails_with(self, done, why):
        self.assertEqual(done.returncode, 1, done.stderr)
        match = re.search(r"error: the private appliance \S*appliance-wrapper \(pid \d+\) "
                          + why + r"; its log: (\S+)\n", done.stderr)
        self.assertTrue(match, done.stderr)
        self.assertTrue(os.path.isfile(match.group(1)), "the daemon's log was not kept")
        return match.group(1)

    def test_normal_exit_passes_and_leaves_nothing(self):
        done, tmp = self._run_script("")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertNotIn("error:", done.stderr)
        self.assertEqual([d for d in os.listdir(tmp) if d.startswith("tessera-private-")], [])

    def test_nonzero_status_fails_the_script_and_keeps_the_log(self):
        done, _ = self._run_script(
            'echo "==4242==ERROR: AddressSanitizer: heap-use-after-free (a stand-in)" >&2\n'
            'exit 23')
        log = self._assert_fails_with(done, "exited with status 23")
        with open(log) as f:
            self.assertIn("heap-use-after-free (a stand-in)", f.read())
        self.assertIn("  ==4242==ERROR: AddressSanitizer: heap-use-after-free (a stand-in)",
                      done.stderr, "the end of the log is shown")

    def test_killed_by_a_signal_fails_the_script(self):
        done, _ = self._run_script("kill -KILL $$")
        self._assert_fails_with(done, r"was killed by signal 9 \(SIGKILL\)")

    def test_daemon_that_does_not_exit_is_killed_and_fails_the_script(self):
        done, _ = self._run_script("exec sleep 60", exit_timeout=1)
        self._assert_fails_with(done, r"did not exit within 1 s after its client closed its "
                                      r"stdin and was killed")


if __name__ == "__main__":
    unittest.main()
