"""SdkLayout: planning (placement, colors, routes, errors) and end-to-end runs of our own
kernels (tests/python/sdklayout) on both architectures through a private appliance."""
import contextlib
import io
import json
import os
import shutil
import tempfile
import unittest

import numpy as np

from cerebras.geometry.geometry import IntRectangle, IntVector
from cerebras.sdk.runtime import _sdklayout
from cerebras.sdk.runtime.sdkruntimepybind import (
    Color, Edge, Route, RoutingPosition, SdkLayout, SdkRuntime, SdkTarget, SimfabConfig,
    get_edge_routing, get_platform)

HERE = os.path.dirname(os.path.abspath(__file__))
KERNELS = os.path.join(HERE, "sdklayout")


def _into(*routes):
    return RoutingPosition().set_output(list(routes))


def _from(*routes):
    return RoutingPosition().set_input(list(routes))


class _InScratch(unittest.TestCase):
    """Each test runs in a scratch directory holding copies of our kernels."""

    def setUp(self):
        self._old = os.getcwd()
        self._dir = tempfile.mkdtemp(prefix="tessera-sdklayout-")
        for name in ("relay.csl", "table.csl", "emit.csl", "store.csl", "later_first.csl"):
            shutil.copy(os.path.join(KERNELS, name), self._dir)
        os.chdir(self._dir)

    def tearDown(self):
        os.chdir(self._old)
        shutil.rmtree(self._dir, ignore_errors=True)


def _relay(layout, name, n, in_edge, out_edge):
    region = layout.create_code_region("relay.csl", name, 1, 1)
    rx, tx = region.color("rx"), region.color("tx")
    region.set_param_all("n", n)
    region.set_param_all(rx)
    region.set_param_all(tx)
    inp = region.create_input_port(rx, in_edge, [_into(Route.RAMP)], n)
    out = region.create_output_port(tx, out_edge, [_from(Route.RAMP)], n)
    return region, inp, out


class PlanTest(_InScratch):
    """The planner alone: what layout it writes, and what it refuses."""

    def plan(self, layout):
        return _sdklayout._Planner(layout).plan()  # pylint: disable=protected-access

    def test_connection_is_routed_around_a_region_and_colors_are_joined(self):
        layout = SdkLayout(SdkTarget.WSE2)
        a, _, a_out = _relay(layout, "a", 4, Edge.LEFT, Edge.RIGHT)
        b, b_in, _ = _relay(layout, "b", 4, Edge.TOP, Edge.RIGHT)
        wall = layout.create_code_region("table.csl", "wall", 1, 2)
        wall.set_param_all("bias", 0)
        a.place(0, 1)
        wall.place(2, 0)
        b.place(4, 1)
        layout.connect(a_out, b_in)
        plan = self.plan(layout)
        self.assertEqual(plan.color_names["a_tx"], plan.color_names["b_rx"])
        self.assertNotEqual(plan.color_names["a_tx"], plan.color_names["a_rx"])
        path = plan.port_map["connect(a_tx_out, b_rx_in)"]["paths"][0]
        self.assertEqual(path[0], (0, 1))
        self.assertEqual(path[-1], (4, 1))
        self.assertEqual(path[-2], (4, 0), "a TOP port is entered from the north")
        self.assertFalse({(2, 0), (2, 1)} & set(path), "the router crossed a region")
        # The same layout plans the same way every time.
        again = SdkLayout(SdkTarget.WSE2)
        a2, _, a2_out = _relay(again, "a", 4, Edge.LEFT, Edge.RIGHT)
        b2, b2_in, _ = _relay(again, "b", 4, Edge.TOP, Edge.RIGHT)
        wall2 = again.create_code_region("table.csl", "wall", 1, 2)
        wall2.set_param_all("bias", 0)
        a2.place(0, 1)
        wall2.place(2, 0)
        b2.place(4, 1)
        again.connect(a2_out, b2_in)
        self.assertEqual(self.plan(again).layout_csl(), plan.layout_csl())

    def test_switch_positions_and_edge_routes_are_written(self):
        layout = SdkLayout(SdkTarget.WSE3)
        region = layout.create_code_region("table.csl", "t", 3, 1)
        region.set_param_all("bias", 1)
        c = Color("c", 7)
        pos1 = RoutingPosition().set_input([Route.WEST]).set_output([Route.RAMP])
        pos2 = RoutingPosition().set_input([Route.WEST]).set_output([Route.EAST])
        region.paint_all(c, [pos1, pos2], [get_edge_routing(Edge.RIGHT, [pos1])])
        region.paint(IntVector(0, 0), c, [RoutingPosition().set_input([Route.RAMP])
                                          .set_output([Route.EAST])])
        text = self.plan(layout).layout_csl()
        self.assertIn("@set_color_config(0, 0, @get_color(7), .{.routes = 257});", text)
        self.assertIn("@set_color_config(1, 0, @get_color(7), .{.routes = 48, "
                      ".switches = .{.pos1 = 272}});", text)
        self.assertIn("@set_color_config(2, 0, @get_color(7), .{.routes = 48});", text)

    def test_param_range_is_clipped_to_the_region(self):
        layout = SdkLayout(SdkTarget.WSE2)
        region = layout.create_code_region("table.csl", "t", 2, 2)
        region.set_param_all("bias", 1)
        region.set_param_range(IntRectangle(IntVector(1, 0), IntVector(5, 5)), "bias", 9)
        plan = self.plan(layout)
        self.assertEqual(plan.tiles[(0, 1)][1], {"bias": 1})
        self.assertEqual(plan.tiles[(1, 1)][1], {"bias": 9})

    def test_int_rectangle_is_two_corners(self):
        # The SDK's gemv tutorial: IntRectangle(IntVector(i, 0), IntVector(i + 1, height))
        # is column i (upper-left corner inside, lower-right just outside); read as
        # (origin, dims) it covered columns i..2i.
        layout = SdkLayout(SdkTarget.WSE2)
        region = layout.create_code_region("table.csl", "t", 3, 2)
        region.set_param_all("bias", 1)
        region.set_param_range(IntRectangle(IntVector(1, 0), IntVector(2, 2)), "bias", 9)
        plan = self.plan(layout)
        self.assertEqual([plan.tiles[(x, y)][1]["bias"] for y in range(2) for x in range(3)],
                         [1, 9, 1, 1, 9, 1])
        with self.assertRaisesRegex(ValueError, "lower-right corner"):
            IntRectangle(IntVector(2, 0), IntVector(1, 1))

    def test_colors_are_shared_by_connections_that_share_no_pe(self):
        # 15 relay pairs, each pair two regions apart on its own row: 30 colors of 1x1
        # regions, more than 24 values, but no two pairs meet.
        layout = SdkLayout(SdkTarget.WSE2)
        for row in range(15):
            a, _, a_out = _relay(layout, f"a{row}", 4, Edge.LEFT, Edge.RIGHT)
            b, b_in, _ = _relay(layout, f"b{row}", 4, Edge.LEFT, Edge.RIGHT)
            a.place(0, 2 * row)
            b.place(2, 2 * row)
            layout.connect(a_out, b_in)
        plan = self.plan(layout)
        self.assertLessEqual(max(plan.color_names.values()), 23)
        # A region's own colors stay apart; a pair's joined colors share one value.
        for row in range(15):
            values = plan.color_names
            self.assertEqual(values[f"a{row}_tx"], values[f"b{row}_rx"])
            self.assertNotEqual(values[f"a{row}_rx"], values[f"a{row}_tx"])
            self.assertNotEqual(values[f"b{row}_rx"], values[f"b{row}_tx"])
        for cell, colors in plan.routes.items():
            self.assertEqual(len(colors), len(set(colors)), cell)
        # Where everything meets at one PE, values run out with a message.
        crowd = SdkLayout(SdkTarget.WSE2)
        hub = crowd.create_code_region("table.csl", "hub", 1, 1)
        hub.set_param_all("bias", 0)
        for k in range(25):
            hub.set_param_all(f"c{k}", crowd.create_code_region("table.csl", f"r{k}", 1, 1)
                              .color(f"c{k}"))
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    r"more than 24 colors are needed: color '\w+' shares PEs "
                                    r"with colors of every value 0..23"):
            self.plan(crowd)

    def test_wide_ports_shifted_sideways_are_routed(self):
        # Four-PE ports, the receiver two columns east: routing west to east first would
        # seal the second pair's start; every pair still gets a path of its own.
        layout = SdkLayout(SdkTarget.WSE3)
        top = layout.create_code_region("table.csl", "top", 4, 1)
        bottom = layout.create_code_region("table.csl", "bottom", 4, 1)
        for region in (top, bottom):
            region.set_param_all("bias", 0)
        out = top.create_output_port(top.color("tx"), Edge.BOTTOM, [_from(Route.RAMP)], 4)
        inp = bottom.create_input_port(bottom.color("rx"), Edge.TOP, [_into(Route.RAMP)], 4)
        top.place(1, 1)
        bottom.place(3, 6)
        layout.connect(out, inp)
        paths = self.plan(layout).port_map["connect(top_tx_out, bottom_rx_in)"]["paths"]
        self.assertEqual([(p[0], p[-1]) for p in paths],
                         [((1 + i, 1), (3 + i, 6)) for i in range(4)])
        inner = [cell for p in paths for cell in p[1:-1]]
        self.assertEqual(len(inner), len(set(inner)), "two pairs share a PE")

    def test_unroutable_connection_is_reported(self):
        layout = SdkLayout(SdkTarget.WSE2)
        a, _, a_out = _relay(layout, "a", 4, Edge.LEFT, Edge.RIGHT)
        _, b_in, _ = _relay(layout, "b", 4, Edge.LEFT, Edge.RIGHT)
        a.place(0, 0)
        # a's east neighbour is a region: the connection cannot leave a at all.
        block = layout.create_code_region("table.csl", "block", 1, 1)
        block.set_param_all("bias", 0)
        block.place(1, 0)
        layout.connect(a_out, b_in)
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    r"connect\(a_tx_out, b_rx_in\): no route on color \d+ from "
                                    r"PE \(0, 0\) \(leaving EAST\)"):
            self.plan(layout)

    def test_bad_layouts_are_refused_with_names(self):
        layout = SdkLayout(SdkTarget.WSE2)
        a, _, a_out = _relay(layout, "a", 4, Edge.LEFT, Edge.RIGHT)
        _, b_in, _ = _relay(layout, "b", 5, Edge.LEFT, Edge.RIGHT)
        with self.assertRaisesRegex(_sdklayout.LayoutError, r"data sizes differ \(4 and 5\)"):
            layout.connect(a_out, b_in)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "is an output port"):
            layout.create_input_stream(a_out)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "exists already"):
            a.create_output_port(a.color("tx"), Edge.RIGHT, [_from(Route.RAMP)], 4)
        wide = layout.create_code_region("table.csl", "wide", 2, 1)
        wide_port = wide.create_input_port(Color("w"), Edge.TOP, [_into(Route.RAMP)], 4)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "spans 2 PEs; a stream needs a 1-PE"):
            layout.create_input_stream(wide_port)
        with self.assertRaisesRegex(_sdklayout.LayoutError, r"\(3, 0\) is outside the 2x1"):
            wide.set_param(IntVector(3, 0), "bias", 1)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "an input port's routes give "
                                                            "outputs only"):
            a.create_input_port(Color("i"), Edge.TOP, [_from(Route.WEST)], 4)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "an output port's routes give "
                                                            "inputs only"):
            a.create_output_port(Color("o"), Edge.TOP, [_into(Route.WEST)], 4)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "not a color 0..23"):
            Color("x", 24)
        a.place(0, 0)
        wide.place(0, 0)
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    r"code regions 'a' and 'wide' overlap at PE \(0, 0\)"):
            self.plan(layout)

    def test_stream_and_placement_slips_name_what_is_wrong(self):
        def one_stream(edge, pinned=None, io_loc=None):
            layout = SdkLayout(SdkTarget.WSE3)
            region = layout.create_code_region("table.csl", "s", 1, 1)
            region.set_param_all("bias", 0)
            port = region.create_input_port(Color("rx", pinned), edge, [_into(Route.RAMP)], 4)
            region.place(0, 0)
            layout.create_input_stream(port, io_loc)
            return layout
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    "the LEFT edge of region 's' faces the fabric's edge; "
                                    "place the region at x >= 1"):
            self.plan(one_stream(Edge.LEFT))
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    "Color 'rx' has value 22, but this layout has host streams "
                                    "and memcpy reserves colors 21..23"):
            self.plan(one_stream(Edge.RIGHT, pinned=22))
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    r"io_loc \(-2, 3\) is outside the fabric"):
            one_stream(Edge.RIGHT, io_loc=IntVector(-2, 3))
        far = SdkLayout(SdkTarget.WSE2)
        region = far.create_code_region("table.csl", "far", 2, 1)
        region.set_param_all("bias", 0)
        region.place(999, 0)
        with self.assertRaisesRegex(_sdklayout.LayoutError,
                                    r"code region 'far' at \(999, 0\) reaches PE \(1000, 0\), "
                                    r"beyond the largest program rectangle \(1000x1200\)"):
            self.plan(far)
        from cerebras.sdk.runtime.sdkruntimepybind import LayoutError  # pylint: disable=import-outside-toplevel
        self.assertIs(LayoutError, _sdklayout.LayoutError)

    def test_connected_colors_with_different_values_are_refused(self):
        layout = SdkLayout(SdkTarget.WSE2)
        a = layout.create_code_region("relay.csl", "a", 1, 1)
        b = layout.create_code_region("relay.csl", "b", 1, 1)
        out = a.create_output_port(Color("x", 3), Edge.RIGHT, [_from(Route.RAMP)], 1)
        inp = b.create_input_port(Color("y", 4), Edge.LEFT, [_into(Route.RAMP)], 1)
        layout.connect(out, inp)
        with self.assertRaisesRegex(_sdklayout.LayoutError, "connected colors have different "
                                                            "values: 'x'=3, 'y'=4"):
            self.plan(layout)


class RunTest(_InScratch):
    """Compile on the appliance and run on the simulator, both architectures."""

    def run_streams(self, target):
        platform = get_platform(None, SimfabConfig(), target)
        layout = SdkLayout(platform)
        n = 12
        first, first_in, first_out = _relay(layout, "first", n, Edge.LEFT, Edge.RIGHT)
        second, second_in, second_out = _relay(layout, "second", n, Edge.TOP, Edge.BOTTOM)
        first.place(1, 1)
        second.place(4, 3)
        layout.connect(first_out, second_in)
        to_device = layout.create_input_stream(first_in)
        to_host = layout.create_output_stream(second_out)
        table = layout.create_code_region("table.csl", "table", 2, 2)
        table.place(7, 0)
        table.set_param_all("bias", 100)
        table.set_param(IntVector(1, 1), "bias", 1000)
        values = np.arange(8, dtype=np.uint32).reshape(2, 4) * 3
        table.set_symbol_all("table", values, 4, 2)
        artifacts = layout.compile(out_prefix="out")
        with open(os.path.join("out", "colors.json"), encoding="utf-8") as f:
            colors = json.load(f)
        self.assertEqual(colors["first_tx"], colors["second_rx"])

        runtime = SdkRuntime(artifacts, platform, memcpy_required=False)
        runtime.load()
        runtime.run()
        sent = (np.arange(n, dtype=np.uint32) * 7 + 1)
        got = np.zeros(n, dtype=np.uint32)
        in_id = runtime.get_port_id(to_device)
        self.assertEqual(sorted([in_id, runtime.get_port_id(to_host)]), [0, 1])
        self.assertIsNone(runtime.get_port_id("nope"))
        runtime.send(to_device, sent, 5, nonblock=True)  # the first 5 words
        runtime.send(in_id, sent[5:], nonblock=True)
        runtime.receive(to_host, got, n, nonblock=True)
        runtime.stop()
        np.testing.assert_array_equal(got, sent)
        for (x, y), bias in (((0, 0), 100), ((1, 0), 100), ((0, 1), 100), ((1, 1), 1000)):
            block = values[y, 2 * x:2 * x + 2]
            self.assertEqual(runtime.read_symbol(7 + x, y, "table", dtype="uint32").tolist(),
                             block.tolist())
            self.assertEqual(runtime.read_symbol(7 + x, y, "sum", dtype="uint32").tolist(),
                             [int(block.sum()) + bias])
        with self.assertRaisesRegex(ValueError, "is an output stream"):
            runtime.send(to_host, sent)

    def test_receive_tofile_and_port_report(self):
        platform = get_platform(None, SimfabConfig(), SdkTarget.WSE3)
        layout = SdkLayout(platform)
        relay, inp, out = _relay(layout, "r", 4, Edge.LEFT, Edge.RIGHT)
        relay.place(1, 0)
        into = layout.create_input_stream(inp)
        back = layout.create_output_stream(out, io_loc=IntVector(3, 1))
        runtime = SdkRuntime(layout.compile(out_prefix="out"), platform)
        runtime.load()
        runtime.run()
        report = io.StringIO()
        with contextlib.redirect_stdout(report):
            runtime.report_port_infos()
        self.assertIn(f"'{back}' output (receive) at PE (3, 1)", report.getvalue())
        self.assertIn(f"'{into}' input (send) at PE (0, 0)", report.getvalue())
        runtime.send(into, np.array([5, 6, 7, 8], dtype=np.int32), nonblock=True)
        runtime.receive_tofile(back, "words.bin")
        runtime.stop()
        self.assertEqual(np.fromfile("words.bin", dtype=np.int32).tolist(), [5, 6, 7, 8])

    def test_streams_from_loc_use_the_code_at_the_location(self):
        platform = get_platform(None, SimfabConfig(), SdkTarget.WSE2)
        layout = SdkLayout(platform)
        solo = layout.create_code_region("relay.csl", "solo", 1, 1)
        solo.place(2, 1)
        rx, tx = Color("from_host"), Color("to_host")
        solo.set_param_all("n", 6)
        solo.set_param_all("rx", rx)
        solo.set_param_all("tx", tx)
        into = layout.create_input_stream_from_loc(IntVector(2, 1), rx)
        out = layout.create_output_stream_from_loc(IntVector(2, 1), tx)
        runtime = SdkRuntime(layout.compile(out_prefix="out"), platform)
        runtime.load()
        runtime.run()
        sent = np.linspace(-1, 1, 6, dtype=np.float32)
        got = np.zeros(6, dtype=np.float32)
        runtime.send(into, sent, nonblock=True)
        runtime.receive(out, got, 6)
        runtime.stop()
        np.testing.assert_array_equal(got, sent)

    def run_streams_sent_together(self, target):
        """Each input stream has an I/O location of its own: the kernel takes all of the
        second stream before the first, so the first stream, sent first, must not hold the
        second back (sdklayout-04's add2vec hung at 64 words when they were serialized)."""
        platform = get_platform(None, SimfabConfig(), target)
        layout = SdkLayout(platform)
        n = 64
        adder = layout.create_code_region("later_first.csl", "adder", 1, 1)
        earlier, later, tx = adder.color("earlier"), adder.color("later"), adder.color("tx")
        adder.set_param_all("n", n)
        for color in (earlier, later, tx):
            adder.set_param_all(color)
        earlier_in = adder.create_input_port(earlier, Edge.LEFT, [_into(Route.RAMP)], n)
        later_in = adder.create_input_port(later, Edge.TOP, [_into(Route.RAMP)], n)
        out = adder.create_output_port(tx, Edge.RIGHT, [_from(Route.RAMP)], n)
        adder.place(2, 2)
        earlier_stream = layout.create_input_stream(earlier_in)
        later_stream = layout.create_input_stream(later_in)
        back = layout.create_output_stream(out)
        runtime = SdkRuntime(layout.compile(out_prefix="out"), platform)
        runtime.load()
        runtime.run()
        a = np.arange(n, dtype=np.float32)
        b = np.arange(n, dtype=np.float32) * 1000
        got = np.zeros(n, dtype=np.float32)
        runtime.send(earlier_stream, a, nonblock=True)
        runtime.send(later_stream, b, nonblock=True)
        runtime.receive(back, got, n, nonblock=True)
        runtime.stop()
        np.testing.assert_array_equal(got, a + b)

    def test_streams_sent_together_wse2(self):
        self.run_streams_sent_together(SdkTarget.WSE2)

    def test_streams_sent_together_wse3(self):
        self.run_streams_sent_together(SdkTarget.WSE3)

    def run_wide_ports(self, target):
        """A 3-PE output port connected to a 3-PE input port (PE i to PE i, two PEs
        between them). Regions are placed with hstack/vstack."""
        platform = get_platform(None, SimfabConfig(), target)
        layout = SdkLayout(platform)
        n = 5
        emit = layout.create_code_region("emit.csl", "emit", 3, 1)
        store = layout.create_code_region("store.csl", "store", 3, 1)
        cap = layout.create_code_region("table.csl", "cap", 2, 1)
        cap.set_param_all("bias", 0)
        self.assertEqual(layout.hstack([emit, cap], IntVector(0, 0)), 5)
        self.assertEqual(layout.vstack([store], IntVector(0, 3)), 1)
        tx, rx = emit.color("tx"), store.color("rx")
        emit.set_param_all("n", n)
        emit.set_param_all(tx)
        store.set_param_all("n", n)
        store.set_param_all(rx)
        out = emit.create_output_port(tx, Edge.BOTTOM, [_from(Route.RAMP)], n)
        inp = store.create_input_port(rx, Edge.TOP, [_into(Route.RAMP)], n)
        layout.connect(out, inp)
        rows = (np.arange(3 * n, dtype=np.uint32).reshape(3, n) + 1) * 11
        emit.set_symbol_all("data", rows.T.copy(), 3, n)  # column i goes to PE (i, 0)
        artifacts = layout.compile(out_prefix="out", save_port_map=True)
        with open(os.path.join("out", "port_map.json"), encoding="utf-8") as f:
            paths = json.load(f)["connect(emit_tx_out, store_rx_in)"]["paths"]
        self.assertEqual([p[0] for p in paths], [[0, 0], [1, 0], [2, 0]])
        self.assertEqual(paths, [[[x, 0], [x, 1], [x, 2], [x, 3]] for x in range(3)])
        runtime = SdkRuntime(artifacts, platform)
        runtime.load()
        runtime.run()
        runtime.stop()
        for y in range(3):
            self.assertEqual(runtime.read_symbol(y, 3, "got", dtype="uint32").tolist(),
                             rows[y].tolist())

    def test_wide_ports_wse2(self):
        self.run_wide_ports(SdkTarget.WSE2)

    def test_wide_ports_wse3(self):
        self.run_wide_ports(SdkTarget.WSE3)

    def test_streams_connection_params_and_symbols_wse2(self):
        self.run_streams(SdkTarget.WSE2)

    def test_streams_connection_params_and_symbols_wse3(self):
        self.run_streams(SdkTarget.WSE3)


if __name__ == "__main__":
    unittest.main()
