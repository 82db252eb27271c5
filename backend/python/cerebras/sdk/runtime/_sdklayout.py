"""SdkLayout: a program layout built in Python instead of a layout.csl file.

The script describes rectangular code regions (a CSL file, parameters, routes per color),
ports on region edges, connections between ports and host streams. compile() then

1. places the regions (place(), or automatically east of the placed ones),
2. joins the colors that a connection links into one physical color and allocates
   physical values (0..23; 0..20 when host streams need the memcpy colors),
3. routes every connection and stream with a deterministic breadth-first router on the
   fabric (region PEs are obstacles; a PE carries each color at most once),
4. puts a 1-PE forwarding region (our own CSL, _STREAM_IN/_STREAM_OUT) at each stream's
   I/O location; the host reaches it through the simulator's memcpy streaming channel,
5. writes the layout as CSL and compiles it through the appliance's Compile service; the
   stream channels and set_symbol_all data go with it as data (CompileRequest.layout_spec,
   applied by backend/csl/layout_spec.h).

Coordinates are layout coordinates: (0, 0) is the north-west PE of the program
rectangle, so read_symbol(x, y, ...) takes the coordinates given to place().
"""
import enum
import json
import os
import re
import subprocess
import tempfile

import numpy as np

from cerebras.geometry.geometry import IntRectangle, IntVector
from cerebras.sdk._connection import Connection
from tessera import appliance_pb2 as pb

__all__ = ["Color", "Route", "RoutingPosition", "Edge", "EdgeRouteInfo", "get_edge_routing",
           "FP16TYPE", "PortHandle", "CodeRegion", "SdkLayout", "SdkCompileArtifacts",
           "LayoutError"]


class LayoutError(ValueError):
    """A layout that cannot be compiled: the message names the region, port, color or PE."""


class Route(enum.Enum):
    RAMP = "RAMP"
    EAST = "EAST"
    WEST = "WEST"
    NORTH = "NORTH"
    SOUTH = "SOUTH"


class Edge(enum.Enum):
    TOP = "TOP"
    BOTTOM = "BOTTOM"
    LEFT = "LEFT"
    RIGHT = "RIGHT"


class FP16TYPE(enum.Enum):
    F16 = "f16"
    BF16 = "bf16"
    CB16 = "cb16"


# Unit steps of the fabric directions (y grows southwards) and their opposites.
_STEP = {Route.EAST: (1, 0), Route.WEST: (-1, 0), Route.NORTH: (0, -1), Route.SOUTH: (0, 1)}
_OPPOSITE = {Route.EAST: Route.WEST, Route.WEST: Route.EAST, Route.NORTH: Route.SOUTH,
             Route.SOUTH: Route.NORTH, Route.RAMP: Route.RAMP}
_EDGE_DIRECTION = {Edge.TOP: Route.NORTH, Edge.BOTTOM: Route.SOUTH, Edge.LEFT: Route.WEST,
                   Edge.RIGHT: Route.EAST}
# Neighbour order of the router's search: fixed, so routes are the same on every run.
_SEARCH_ORDER = (Route.EAST, Route.SOUTH, Route.WEST, Route.NORTH)
_MAX_WIDTH, _MAX_HEIGHT = 1000, 1200  # cslc's limits for @set_rectangle
_UNALLOCATED_COLOR = 1000  # while colors are shared out, class i routes as 1000 + i
# Route bit vectors as <directions> defines them (rx bits 0..4, tx bits 5..9).
_RX_BIT = {Route.RAMP: 1, Route.NORTH: 2, Route.SOUTH: 4, Route.EAST: 8, Route.WEST: 16}
_MAX_SWITCH_POSITIONS = 4  # position 0 (the base route) and switch positions 1..3


class RoutingPosition:
    """One routing position: the directions a color is received from and sent to."""

    def __init__(self):
        self._input = []
        self._output = []

    @staticmethod
    def _routes(routes, what):
        routes = list(routes)
        for r in routes:
            if not isinstance(r, Route):
                raise TypeError(f"RoutingPosition.{what}: {r!r} is not a Route")
        return routes

    def set_input(self, routes):
        self._input = self._routes(routes, "set_input")
        return self

    def set_output(self, routes):
        self._output = self._routes(routes, "set_output")
        return self

    def add_input(self, route):
        self._input += self._routes([route], "add_input")
        return self

    def add_output(self, route):
        self._output += self._routes([route], "add_output")
        return self

    def get_input(self):
        return list(self._input)

    def get_output(self):
        return list(self._output)

    def __repr__(self):
        return (f"RoutingPosition({[r.name for r in self._input]} -> "
                f"{[r.name for r in self._output]})")


class EdgeRouteInfo:
    """Routing positions that replace a painted color's positions on one region edge."""

    def __init__(self, edge, routes):
        if not isinstance(edge, Edge):
            raise TypeError(f"EdgeRouteInfo: {edge!r} is not an Edge")
        self.edge = edge
        self.routes = _positions(routes, "get_edge_routing")


def get_edge_routing(edge, routes):
    return EdgeRouteInfo(edge, routes)


def _positions(routes, what):
    routes = list(routes)
    if not routes:
        raise LayoutError(f"{what}: at least one RoutingPosition is needed")
    if len(routes) > _MAX_SWITCH_POSITIONS:
        raise LayoutError(f"{what}: {len(routes)} routing positions; a router has at most "
                          f"{_MAX_SWITCH_POSITIONS} (the route and switch positions 1..3)")
    for r in routes:
        if not isinstance(r, RoutingPosition):
            raise TypeError(f"{what}: {r!r} is not a RoutingPosition")
    return [(tuple(r.get_input()), tuple(r.get_output())) for r in routes]


class Color:
    """A color by name, with a physical value (0..23) or None to let compile() pick one."""

    def __init__(self, name, value=None):
        if not isinstance(name, str) or not name:
            raise TypeError("Color(name, value=None): name must be a non-empty string")
        if value is not None and not 0 <= int(value) <= 23:
            raise LayoutError(f"Color '{name}': value {value} is not a color 0..23")
        self._name = name
        self._value = None if value is None else int(value)
        self._region = None

    def get_global_name(self):
        return f"{self._region.name}_{self._name}" if self._region else self._name

    def get_local_param_name(self):
        return self._name

    def get_value(self):
        return self._value

    def __repr__(self):
        return f"Color({self.get_global_name()!r}, {self._value})"


class PortHandle:
    """An input or output port: one color on the PEs along one edge of a region."""

    def __init__(self, region, color, edge, routes, data_size, prefix, is_input):
        self.region = region
        self.color = color
        self.edge = edge
        self.routes = routes
        self.data_size = int(data_size)
        self.is_input = is_input
        kind = "in" if is_input else "out"
        self.name = f"{prefix}{region.name}_{color.get_local_param_name()}_{kind}"
        self.used_by = None  # the connection or stream that uses it

    def pes(self):
        """The port's PEs in region coordinates, west to east or north to south."""
        w, h = self.region.width, self.region.height
        if self.edge == Edge.TOP:
            return [(x, 0) for x in range(w)]
        if self.edge == Edge.BOTTOM:
            return [(x, h - 1) for x in range(w)]
        if self.edge == Edge.LEFT:
            return [(0, y) for y in range(h)]
        return [(w - 1, y) for y in range(h)]

    def __repr__(self):
        return f"PortHandle({self.name})"


def _coord(c, what):
    if isinstance(c, IntVector):
        return c.x, c.y
    if isinstance(c, (tuple, list)) and len(c) == 2:
        return int(c[0]), int(c[1])
    raise TypeError(f"{what}: expected an IntVector, got {type(c).__name__}")


class CodeRegion:
    """A width x height rectangle of PEs running one CSL file."""

    def __init__(self, layout, source, name, width, height):
        if width <= 0 or height <= 0:
            raise LayoutError(f"code region '{name}': size {width}x{height} must be positive")
        self._layout = layout
        self.source = os.fspath(source)
        self.name = name
        self.width = int(width)
        self.height = int(height)
        self.origin = None  # set by place() or by compile()
        # Per PE (region coordinates): param name -> int or Color.
        self._params = {(x, y): {} for y in range(height) for x in range(width)}
        # (x, y) -> {Color: positions}; positions = [(inputs, outputs)] per switch position.
        self._paint = {}
        self._symbols = []  # (symbol, data, width, height)
        self._colors = []

    # ---- colors and ports ----
    def color(self, name, value=None):
        c = Color(name, value)
        c._region = self  # pylint: disable=protected-access
        self._colors.append(c)
        return c

    def _port(self, color, edge, routes, data_size, prefix, is_input):
        what = f"code region '{self.name}': create_{'input' if is_input else 'output'}_port"
        if not isinstance(color, Color):
            raise TypeError(f"{what}: {color!r} is not a Color")
        if not isinstance(edge, Edge):
            raise TypeError(f"{what}: {edge!r} is not an Edge")
        if int(data_size) <= 0:
            raise LayoutError(f"{what}: data_size {data_size} must be positive")
        positions = _positions(routes, what)
        for inputs, outputs in positions:
            if is_input and inputs:
                raise LayoutError(f"{what}: an input port's routes give outputs only (the "
                                  "connection or stream supplies the input)")
            if not is_input and outputs:
                raise LayoutError(f"{what}: an output port's routes give inputs only (the "
                                  "connection or stream supplies the output)")
        port = PortHandle(self, color, edge, positions, data_size, prefix, is_input)
        self._layout._add_port(port, what)  # pylint: disable=protected-access
        return port

    def create_input_port(self, color, edge, routes, data_size, prefix=""):
        return self._port(color, edge, routes, data_size, prefix, True)

    def create_output_port(self, color, edge, routes, data_size, prefix=""):
        return self._port(color, edge, routes, data_size, prefix, False)

    # ---- routes ----
    def _paint_at(self, points, color, routes, what):
        if not isinstance(color, Color):
            raise TypeError(f"code region '{self.name}': {what}: {color!r} is not a Color")
        positions = _positions(routes, f"code region '{self.name}': {what}")
        self._layout._note_color(color)  # pylint: disable=protected-access
        for p in points:
            self._paint.setdefault(p, {})[color] = positions

    def paint(self, coord, color, routes):
        self._paint_at([self._inside(coord, "paint")], color, routes, "paint")

    def paint_all(self, color, routes, edge_routes=()):
        self._paint_at(list(self._params), color, routes, "paint_all")
        for info in edge_routes:
            if not isinstance(info, EdgeRouteInfo):
                raise TypeError(f"code region '{self.name}': paint_all: {info!r} is not an "
                                "EdgeRouteInfo (use get_edge_routing)")
            edge_pes = PortHandle(self, color, info.edge, None, 1, "", True).pes()
            for p in edge_pes:
                self._paint[p][color] = info.routes

    def paint_range(self, rect, color, routes):
        self._paint_at(self._range(rect, "paint_range"), color, routes, "paint_range")

    # ---- placement ----
    def place(self, x, y):
        if x < 0 or y < 0:
            raise LayoutError(f"code region '{self.name}': place({x}, {y}) is outside the "
                              "fabric (coordinates start at 0)")
        self.origin = (int(x), int(y))

    # ---- params ----
    @staticmethod
    def _param(args, what):
        """(name, value) from (name, int), (Color) or (name, Color)."""
        if len(args) == 1 and isinstance(args[0], Color):
            return args[0].get_local_param_name(), args[0]
        if len(args) == 2 and isinstance(args[0], str):
            value = args[1]
            if isinstance(value, Color):
                return args[0], value
            if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
                raise TypeError(f"{what}: value of '{args[0]}' must be an unsigned integer or a "
                                f"Color, got {type(value).__name__}")
            if int(value) < 0:
                raise LayoutError(f"{what}: value of '{args[0]}' is {value}; params set here "
                                  "are unsigned integers")
            return args[0], int(value)
        raise TypeError(f"{what}: expected (name, value), (color) or (name, color)")

    def _set(self, points, args, what):
        name, value = self._param(args, f"code region '{self.name}': {what}")
        if isinstance(value, Color):
            self._layout._note_color(value)  # pylint: disable=protected-access
        for p in points:
            self._params[p][name] = value

    def set_param(self, coord, *args):
        self._set([self._inside(coord, "set_param")], args, "set_param")

    def set_param_all(self, *args):
        self._set(list(self._params), args, "set_param_all")

    def set_param_range(self, rect, *args):
        self._set(self._range(rect, "set_param_range"), args, "set_param_range")

    # ---- symbols ----
    def set_symbol_all(self, symbol, data, width, height):
        """Stores the 2-D array data (height rows of width) block-wise: PE (x, y) gets rows
        y*bh..(y+1)*bh-1 and columns x*bw..(x+1)*bw-1 (bw = width / region width, bh = height /
        region height), row-major, as the initial value of its symbol."""
        what = f"code region '{self.name}': set_symbol_all('{symbol}')"
        arr = np.asarray(data)
        if arr.dtype not in (np.int32, np.uint32, np.float32, np.int16, np.uint16):
            raise TypeError(f"{what}: data type {arr.dtype} is not int32, uint32, float32, "
                            "int16 or uint16")
        if arr.size != width * height:
            raise LayoutError(f"{what}: data has {arr.size} elements, width*height is "
                              f"{width * height}")
        if width % self.width or height % self.height:
            raise LayoutError(f"{what}: data shape {width}x{height} is not a multiple of the "
                              f"region's {self.width}x{self.height} PEs")
        self._symbols.append((symbol, arr.reshape(height, width).copy(), width, height))

    # ---- helpers ----
    def _inside(self, coord, what):
        x, y = _coord(coord, f"code region '{self.name}': {what}")
        if not (0 <= x < self.width and 0 <= y < self.height):
            raise LayoutError(f"code region '{self.name}': {what}: ({x}, {y}) is outside the "
                              f"{self.width}x{self.height} region")
        return x, y

    def _range(self, rect, what):
        """The region PEs inside rect (origin, dims), clipped to the region."""
        if not isinstance(rect, IntRectangle):
            raise TypeError(f"code region '{self.name}': {what}: expected an IntRectangle")
        points = [(p.x, p.y) for p in rect.points()
                  if 0 <= p.x < self.width and 0 <= p.y < self.height]
        if not points:
            raise LayoutError(f"code region '{self.name}': {what}: {rect} does not overlap the "
                              f"{self.width}x{self.height} region")
        return points

    def cells(self):
        ox, oy = self.origin
        return [(ox + x, oy + y) for y in range(self.height) for x in range(self.width)]


class _Stream:
    def __init__(self, name, port, is_input, io_loc, color=None):
        self.name = name
        self.port = port
        self.is_input = is_input
        self.io_loc = io_loc  # layout coordinates or None (chosen by the router)
        self.color = color    # for *_from_loc: the color the code at io_loc uses
        self.endpoint = None  # where the host channel meets the fabric
        self.host_color = None  # the channel's color at the endpoint
        self.stream_color = None  # the color the stream has on the fabric


class SdkCompileArtifacts:
    """The output of SdkLayout.compile(): a cslc-shaped directory (os.fspath gives it).
    SdkCompileArtifacts(artifacts_path), as the SDK documents it, names a directory compiled
    before; its streams and colors come from the sdklayout.json and colors.json there."""

    def __init__(self, artifacts_path, streams=None, colors=None):
        self.path = os.fspath(artifacts_path)
        self.streams = streams if streams is not None else \
            _json_in(self.path, "sdklayout.json").get("streams", {})
        self.colors = colors if colors is not None else _json_in(self.path, "colors.json")

    def __fspath__(self):
        return self.path

    def __repr__(self):
        return f"SdkCompileArtifacts({self.path!r})"


def _json_in(directory, name):
    """The JSON object in directory/name, or {} when the file does not exist."""
    path = os.path.join(directory, name)
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        try:
            return json.load(f)
        except ValueError as e:  # json's message names no file
            raise ValueError(f"{path}: not valid JSON ({e}); compile the layout again") from None


# Our forwarding programs at stream I/O locations: the host channel's color on one side,
# the stream's color on the other; each async move re-arms itself, so a stream may be
# sent in as many pieces as the script likes.
_STREAM_IN = """// Tessera SdkLayout: host input stream -> fabric (generated).
param host_color: u16;
param stream_color: u16;
param chunk: u16;
const iq = @get_input_queue(2);
const oq = @get_output_queue(2);
const from_host = @get_dsd(fabin_dsd, .{.extent = chunk, .fabric_color = @get_color(host_color),
                                       .input_queue = iq});
const to_fabric = @get_dsd(fabout_dsd, .{.extent = chunk, .fabric_color = @get_color(stream_color),
                                        .output_queue = oq});
const forward_id = @get_local_task_id(8);
task forward() void {
  @mov32(to_fabric, from_host, .{.async = true, .activate = forward_id});
}
comptime {
  @bind_local_task(forward, forward_id);
  @activate(forward_id);
  @initialize_queue(iq, .{.color = @get_color(host_color)});
  if (@is_arch("wse3")) {
    @initialize_queue(oq, .{.color = @get_color(stream_color)});
  }
}
"""
_STREAM_OUT = """// Tessera SdkLayout: fabric -> host output stream (generated).
param host_color: u16;
param stream_color: u16;
param chunk: u16;
const iq = @get_input_queue(2);
const oq = @get_output_queue(2);
const from_fabric = @get_dsd(fabin_dsd, .{.extent = chunk, .fabric_color = @get_color(stream_color),
                                         .input_queue = iq});
const to_host = @get_dsd(fabout_dsd, .{.extent = chunk, .fabric_color = @get_color(host_color),
                                      .output_queue = oq});
const forward_id = @get_local_task_id(8);
task forward() void {
  @mov32(to_host, from_fabric, .{.async = true, .activate = forward_id});
}
comptime {
  @bind_local_task(forward, forward_id);
  @activate(forward_id);
  @initialize_queue(iq, .{.color = @get_color(stream_color)});
  if (@is_arch("wse3")) {
    @initialize_queue(oq, .{.color = @get_color(host_color)});
  }
}
"""
_IDLE = "// Tessera SdkLayout: a PE without code region (generated).\n"
_GENERATED_DIR = "tessera_sdklayout"  # our generated tile files, next to the layout
_LAYOUT_FILE = "tessera_sdklayout.csl"
# The appliance names files by its job workspace (.../compile/compile-<id>/code/f.csl).
_WORKSPACE_PATH = re.compile(r"[^\s'\"]*/compile/compile-[0-9a-f]+/code/")


class _UnionFind:
    def __init__(self):
        self.parent = {}

    def find(self, c):
        self.parent.setdefault(c, c)
        while self.parent[c] is not c:
            self.parent[c] = self.parent[self.parent[c]]
            c = self.parent[c]
        return c

    def union(self, a, b):
        ra, rb = self.find(a), self.find(b)
        if ra is not rb:
            self.parent[rb] = ra


class SdkLayout:
    """SdkLayout(platform), SdkLayout(target) or SdkLayout(fabric_file) (kw: msg_level)."""

    def __init__(self, platform, **kwargs):
        unknown = set(kwargs) - {"msg_level"}
        if unknown:
            raise TypeError(f"SdkLayout: unknown keyword argument(s) {sorted(unknown)}")
        from cerebras.sdk.runtime import sdkruntimepybind as rt  # pylint: disable=import-outside-toplevel
        if isinstance(platform, rt.SdkTarget):
            target, cmaddr = platform, None
        elif isinstance(platform, (str, os.PathLike)):
            target, cmaddr = self._target_from_fabric_file(platform), None
        else:
            target, cmaddr = platform.target, platform.cmaddr
        self._arch = "wse3" if target == rt.SdkTarget.WSE3 else "wse2"
        self._cmaddr = cmaddr
        self._regions = []
        self._ports = {}
        self._connections = []
        self._streams = []
        self._colors = []  # every Color seen, in first-use order

    @staticmethod
    def _target_from_fabric_file(path):
        from cerebras.sdk.runtime import sdkruntimepybind as rt  # pylint: disable=import-outside-toplevel
        with open(path, encoding="utf-8") as f:
            fabric = json.load(f)
        arch = str(fabric.get("arch", fabric.get("target", "wse2"))).lower()
        if arch not in ("wse2", "wse3"):
            raise LayoutError(f"{path}: arch '{arch}' is not wse2 or wse3")
        return rt.SdkTarget.WSE3 if arch == "wse3" else rt.SdkTarget.WSE2

    # ---- building ----
    def _note_color(self, color):
        if all(c is not color for c in self._colors):
            self._colors.append(color)

    def _add_port(self, port, what):
        if port.name in self._ports:
            raise LayoutError(f"{what}: port '{port.name}' exists already; give a prefix to "
                              "create another port with this color")
        self._note_color(port.color)
        self._ports[port.name] = port

    def create_code_region(self, source, name, width, height):
        if any(r.name == name for r in self._regions):
            raise LayoutError(f"create_code_region: a region named '{name}' exists already")
        region = CodeRegion(self, source, name, width, height)
        self._regions.append(region)
        return region

    def _use_port(self, port, user, want_input):
        if not isinstance(port, PortHandle):
            raise TypeError(f"{user}: {port!r} is not a PortHandle")
        if port.is_input != want_input:
            raise LayoutError(f"{user}: port '{port.name}' is an {'input' if port.is_input else 'output'}"
                              f" port; an {'input' if want_input else 'output'} port is needed")
        if port.used_by:
            raise LayoutError(f"{user}: port '{port.name}' is used by {port.used_by} already")
        port.used_by = user

    def connect(self, tx, rx):
        user = f"connect({getattr(tx, 'name', tx)}, {getattr(rx, 'name', rx)})"
        self._use_port(tx, user, False)
        self._use_port(rx, user, True)
        if tx.data_size != rx.data_size:
            raise LayoutError(f"{user}: data sizes differ ({tx.data_size} and {rx.data_size})")
        ntx, nrx = len(tx.pes()), len(rx.pes())
        if ntx != nrx:
            raise LayoutError(f"{user}: ports have {ntx} and {nrx} PEs; connected ports need "
                              "the same number")
        self._connections.append((tx, rx))

    def _stream(self, port, io_loc, is_input):
        kind = "input" if is_input else "output"
        user = f"create_{kind}_stream({getattr(port, 'name', port)})"
        self._use_port(port, user, is_input)
        if len(port.pes()) != 1:
            raise LayoutError(f"{user}: port '{port.name}' spans {len(port.pes())} PEs; a stream "
                              "needs a 1-PE port (funnel wider ports through an adaptor region)")
        loc = None if io_loc is None else _coord(io_loc, user)
        if loc is not None and (loc[0] < 0 or loc[1] < 0):
            raise LayoutError(f"{user}: io_loc {loc} is outside the fabric (coordinates start "
                              "at 0)")
        stream = _Stream(f"{port.name}_stream", port, is_input, loc)
        self._streams.append(stream)
        return stream.name

    def create_input_stream(self, port, io_loc=None, io_buffer_size=1024):
        if io_buffer_size <= 0:
            raise LayoutError(f"create_input_stream: io_buffer_size {io_buffer_size} must be positive")
        return self._stream(port, io_loc, True)

    def create_output_stream(self, port, io_loc=None, io_buffer_size=1024):
        if io_buffer_size <= 0:
            raise LayoutError(f"create_output_stream: io_buffer_size {io_buffer_size} must be positive")
        return self._stream(port, io_loc, False)

    def _stream_from_loc(self, loc, color, prefix, is_input):
        kind = "input" if is_input else "output"
        what = f"create_{kind}_stream_from_loc"
        if not isinstance(color, Color):
            raise TypeError(f"{what}: {color!r} is not a Color")
        self._note_color(color)
        x, y = _coord(loc, what)
        name = f"{prefix}{color.get_global_name()}_{x}_{y}_{'in' if is_input else 'out'}_stream"
        if any(s.name == name for s in self._streams):
            raise LayoutError(f"{what}: stream '{name}' exists already; give a prefix")
        self._streams.append(_Stream(name, None, is_input, (x, y), color))
        return name

    def create_input_stream_from_loc(self, loc, color, prefix=""):
        return self._stream_from_loc(loc, color, prefix, True)

    def create_output_stream_from_loc(self, loc, color, prefix=""):
        return self._stream_from_loc(loc, color, prefix, False)

    def hstack(self, children, origin=None):
        """Places the regions side by side from origin (or the first child's place)."""
        return self._stack(children, origin, horizontal=True)

    def vstack(self, children, origin=None):
        return self._stack(children, origin, horizontal=False)

    @staticmethod
    def _stack(children, origin, horizontal):
        children = list(children)
        if not children:
            raise LayoutError("hstack/vstack: no regions given")
        if origin is None:
            if children[0].origin is None:
                children[0].place(0, 0)
            x, y = children[0].origin
        else:
            x, y = _coord(origin, "hstack/vstack")
        total = 0
        for r in children:
            if horizontal:
                r.place(x + total, y)
                total += r.width
            else:
                r.place(x, y + total)
                total += r.height
        return total

    # ---- compile ----
    def compile(self, out_prefix, libs=(), cslc_prefix="", save_port_map=False,
                f16_type=FP16TYPE.F16):
        """Places, routes and compiles; returns SdkCompileArtifacts for SdkRuntime.
        The appliance's compiler compiles unless cslc_prefix names another one: a compiler
        executable, or a directory holding bin/cslc-driver, bin/cslc, cslc-driver or cslc
        (as the SDK's option, "path to bin/cslc-driver"), which then runs here."""
        compiler = _compiler_at(cslc_prefix) if cslc_prefix else None
        plan = _Planner(self).plan()
        out_dir = os.fspath(out_prefix)
        files, layout_name = self._sources(plan, libs)
        args = [f"--arch={self._arch}", f"--fp16-format={FP16TYPE(f16_type).value}"]
        for i in range(len(libs)):
            args.append(f"--import-path={_GENERATED_DIR}/lib{i}")
        if plan.streams:
            args += ["--memcpy", "--channels=1"]
        spec = _layout_spec(self._regions, plan)
        if compiler:
            _compile_with(compiler, cslc_prefix, files, layout_name, args, out_dir, spec)
        else:
            args.append(f"-o {os.path.basename(os.path.normpath(out_dir)) or 'out'}")
            self._compile_on_appliance(files, layout_name, " ".join(args), out_dir, spec)
        colors = {name: value for name, value in plan.color_names.items()}
        streams = {s.name: {"input": s.is_input, "x": s.endpoint[0], "y": s.endpoint[1],
                            "host_color": s.host_color, "color": s.stream_color,
                            "size": s.port.data_size if s.port else 0} for s in plan.streams}
        with open(os.path.join(out_dir, "colors.json"), "w", encoding="utf-8") as f:
            json.dump(colors, f, indent=2, sort_keys=True)
        with open(os.path.join(out_dir, "sdklayout.json"), "w", encoding="utf-8") as f:
            json.dump({"streams": streams, "rectangle": [plan.width, plan.height],
                       "regions": {r.name: list(r.origin) for r in self._regions}}, f, indent=2)
        if save_port_map:
            with open(os.path.join(out_dir, "port_map.json"), "w", encoding="utf-8") as f:
                json.dump(plan.port_map, f, indent=2)
        return SdkCompileArtifacts(out_dir, streams, colors)

    def _sources(self, plan, libs):
        """The files the compile request carries: every region's CSL file and the .csl files
        next to it (relative imports), the libs, our generated files and the layout."""
        files = {}
        root = os.getcwd()

        def add_tree(directory, dest_prefix):
            for base, dirs, names in os.walk(directory):
                dirs[:] = [d for d in dirs if not d.startswith(".")]
                for n in names:
                    if n.endswith(".csl"):
                        full = os.path.join(base, n)
                        rel = os.path.relpath(full, directory).replace(os.sep, "/")
                        with open(full, "rb") as f:
                            files[dest_prefix + rel] = f.read()

        for region in self._regions:
            src = os.path.realpath(region.source)
            if not os.path.isfile(src):
                raise LayoutError(f"code region '{region.name}': source '{region.source}' is "
                                  "not a file")
            rel = os.path.relpath(src, root)
            if rel.startswith(".."):
                raise LayoutError(f"code region '{region.name}': source '{region.source}' lies "
                                  "outside the current directory")
            directory = os.path.dirname(src)
            prefix = os.path.relpath(directory, root).replace(os.sep, "/")
            add_tree(directory, "" if prefix == "." else prefix + "/")
        for i, lib in enumerate(libs):
            add_tree(os.fspath(lib), f"{_GENERATED_DIR}/lib{i}/")
        files[f"{_GENERATED_DIR}/stream_in.csl"] = _STREAM_IN.encode()
        files[f"{_GENERATED_DIR}/stream_out.csl"] = _STREAM_OUT.encode()
        files[f"{_GENERATED_DIR}/idle.csl"] = _IDLE.encode()
        layout_name = _LAYOUT_FILE
        if layout_name in files:
            raise LayoutError(f"SdkLayout.compile: '{layout_name}' is the name of the generated "
                              "layout; rename that file of yours")
        files[layout_name] = plan.layout_csl().encode()
        return [pb.FileEntry(path=p, data=d) for p, d in sorted(files.items())], layout_name

    def _compile_on_appliance(self, files, layout_name, args, out_dir, spec):
        conn = Connection(self._cmaddr)
        request = pb.CompileRequest(code_files=files, layout=layout_name, args=args,
                                    layout_spec=spec)
        done, messages = None, []
        try:
            for event in conn.stream(conn.compiler.Compile, request):
                if event.HasField("diagnostic"):
                    d = event.diagnostic
                    text = d.formatted or f"{d.file}:{d.line}:{d.column}: {d.severity}: {d.message}"
                    # Name files as the script does, not by the appliance's job workspace.
                    text = _WORKSPACE_PATH.sub("", text)
                    messages.append(text)
                else:
                    done = event.done
        finally:
            conn.close()
        if done is None or not done.ok:
            raise LayoutError("SdkLayout.compile: the CSL compile failed:\n" + "\n".join(messages))
        for m in messages:  # warnings
            print(m, end="" if m.endswith("\n") else "\n")
        os.makedirs(out_dir, exist_ok=True)
        for f in done.artifact_files:
            rel = f.path
            if os.path.isabs(rel) or ".." in rel.split("/"):
                raise PermissionError(f"artifact file '{rel}' leaves {out_dir}")
            path = os.path.join(out_dir, rel)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(f.data)


_COMPILER_NAMES = ("bin/cslc-driver", "bin/cslc", "cslc-driver", "cslc")


def _compiler_at(cslc_prefix):
    """The compiler executable cslc_prefix names; a LayoutError naming it when there is none."""
    prefix = os.fspath(cslc_prefix)
    if os.path.isfile(prefix):
        candidates = [prefix]
    else:
        candidates = [os.path.join(prefix, name) for name in _COMPILER_NAMES]
    for path in candidates:
        if os.path.isfile(path) and os.access(path, os.X_OK):
            return os.path.abspath(path)
    raise LayoutError(f"SdkLayout.compile: cslc_prefix '{prefix}' holds no compiler: tried "
                      + ", ".join(candidates) + " (pass cslc_prefix='' for the appliance's)")


def _compile_with(compiler, cslc_prefix, files, layout_name, args, out_dir, spec):
    """Compiles with a compiler executable here: the request's files in a temporary
    directory, `compiler LAYOUT ARGS -o OUT_DIR`. What only travels in the appliance's
    request (host stream colors, set_symbol_all data) cannot reach it."""
    if spec.stream_h2d_colors or spec.stream_d2h_colors or spec.symbol_inits:
        raise LayoutError(
            f"SdkLayout.compile: cslc_prefix '{cslc_prefix}': this layout has host streams or "
            "set_symbol_all data, which only the appliance's compiler takes (they are not "
            "cslc flags); pass cslc_prefix='' to compile it there")
    out_dir = os.path.abspath(out_dir)
    with tempfile.TemporaryDirectory(prefix="tessera-sdklayout-") as tmp:
        for f in files:
            path = os.path.join(tmp, f.path)
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(f.data)
        try:
            proc = subprocess.run([compiler, layout_name, *args, "-o", out_dir], cwd=tmp,
                                  capture_output=True, text=True, check=False)
        except OSError as e:
            raise LayoutError(f"SdkLayout.compile: cslc_prefix '{cslc_prefix}': cannot run "
                              f"{compiler}: {e}") from None
        text = (proc.stdout + proc.stderr).replace(tmp + os.sep, "")
    if proc.returncode != 0:
        raise LayoutError(f"SdkLayout.compile: the CSL compile ({compiler}) failed with status "
                          f"{proc.returncode}:\n{text}")
    if text.strip():
        print(text, end="" if text.endswith("\n") else "\n")


def _layout_spec(regions, plan):
    """What the compiler adds to the program (backend/csl/layout_spec.h): the host channel
    colors of the streams and set_symbol_all data, PE by PE (row-major blocks)."""
    spec = pb.LayoutSpec(stream_h2d_colors=plan.host_colors[True],
                         stream_d2h_colors=plan.host_colors[False])
    for region in regions:
        ox, oy = region.origin
        for symbol, data, width, height in region._symbols:  # pylint: disable=protected-access
            bw, bh = width // region.width, height // region.height
            for y in range(region.height):
                for x in range(region.width):
                    block = np.ascontiguousarray(data[y * bh:(y + 1) * bh, x * bw:(x + 1) * bw])
                    spec.symbol_inits.add(x=ox + x, y=oy + y, symbol=symbol,
                                          element_bytes=block.dtype.itemsize,
                                          data=block.tobytes())
    return spec


def _streams(runtime):
    return runtime._layout_streams()  # pylint: disable=protected-access


def _stream_info(runtime, port, what):
    streams = _streams(runtime)
    if isinstance(port, (int, np.integer)) and not isinstance(port, bool):
        names = sorted(streams)
        if not 0 <= int(port) < len(names):
            raise ValueError(f"{what}: no stream with port id {port} (ids 0..{len(names) - 1})")
        port = names[int(port)]
    info = streams.get(port)
    if info is None:
        raise ValueError(f"{what}: no stream named '{port}' in this layout "
                         f"(streams: {', '.join(sorted(streams)) or 'none'})")
    return port, info


def port_id(runtime, name):
    names = sorted(_streams(runtime))
    return names.index(name) if name in names else None


def report_port_infos(runtime):
    for i, (name, info) in enumerate(sorted(_streams(runtime).items())):
        kind = "input (send)" if info["input"] else "output (receive)"
        print(f"port {i}: '{name}' {kind} at PE ({info['x']}, {info['y']}), stream color "
              f"{info['color']}, host channel color {info['host_color']}, data_size "
              f"{info['size']}")


def stream_send(runtime, port, data, n_wavelets, nonblock):
    """Sends 32-bit words (16-bit arrays are zero-extended), one per wavelet."""
    name, info = _stream_info(runtime, port, "send")
    if not info["input"]:
        raise ValueError(f"send: '{name}' is an output stream; use receive")
    arr = np.ascontiguousarray(data).reshape(-1)
    if arr.dtype.itemsize == 2:
        arr = arr.view(np.uint16).astype(np.uint32)
    if arr.dtype.itemsize != 4:
        raise TypeError(f"send: data type {arr.dtype} is not a 32- or 16-bit type")
    if n_wavelets is not None:
        if not 0 < n_wavelets <= arr.size:
            raise ValueError(f"send: n_wavelets {n_wavelets} must be 1..{arr.size} (the array's "
                             "size)")
        arr = arr[:n_wavelets]
    return runtime._send_on_own_channel(info["host_color"], arr, info["x"], info["y"], nonblock)


def stream_receive(runtime, port, data, size, nonblock):
    """Receives size 32-bit words from an output stream into the first size elements."""
    name, info = _stream_info(runtime, port, "receive")
    if info["input"]:
        raise ValueError(f"receive: '{name}' is an input stream; use send")
    if not isinstance(data, np.ndarray) or data.dtype.itemsize != 4:
        raise TypeError("receive: dest must be a numpy array of a 32-bit type")
    flat = data.reshape(-1)
    if size <= 0 or size > flat.size:
        raise ValueError(f"receive: n_wavelets {size} must be 1..{flat.size} (the array's size)")
    return runtime.memcpy_d2h(flat[:size], info["host_color"], info["x"], info["y"], 1, 1,
                              int(size), streaming=True, nonblock=nonblock)


def stream_receive_tofile(runtime, port, path, nonblock):
    """Receives the port's data_size words and writes them to path as raw bytes."""
    name, info = _stream_info(runtime, port, "receive_tofile")
    if nonblock:
        raise ValueError("receive_tofile: nonblock=True is not supported (the file is written "
                         "when the words have arrived); receive into an array instead")
    if not info["size"]:
        raise ValueError(f"receive_tofile: '{name}' comes from create_output_stream_from_loc and "
                         "has no port data_size; use receive with a count")
    words = np.zeros(info["size"], dtype=np.uint32)
    task = stream_receive(runtime, name, words, info["size"], False)
    with open(path, "wb") as f:
        f.write(words.tobytes())
    return task


class _Plan:
    def __init__(self):
        self.width = self.height = 0
        self.tiles = {}         # (x, y) -> (file, {param: int})
        self.routes = {}        # (x, y) -> {physical color: positions}
        self.color_names = {}   # global color name -> value
        self.streams = []
        self.host_color = {True: None, False: None}  # the channel of port streams
        self.host_colors = {True: [], False: []}  # every channel color per direction
        self.port_map = {}
        self.symbols = []       # (x, y, symbol, bytes)

    def layout_csl(self):
        lines = ["// Generated by Tessera's SdkLayout: the layout of the Python script.",
                 "layout {", f"  @set_rectangle({self.width}, {self.height});"]
        for y in range(self.height):
            for x in range(self.width):
                file, params = self.tiles.get((x, y), (f"{_GENERATED_DIR}/idle.csl", {}))
                fields = ", ".join(f".{k} = {v}" for k, v in sorted(params.items()))
                lines.append(f'  @set_tile_code({x}, {y}, "{file}", .{{{fields}}});')
        for (x, y), colors in sorted(self.routes.items(), key=lambda kv: (kv[0][1], kv[0][0])):
            for color, positions in sorted(colors.items()):
                lines.append(f"  @set_color_config({x}, {y}, @get_color({color}), "
                             f"{_color_config(positions)});")
        lines.append("}")
        return "\n".join(lines) + "\n"


def _bits(inputs, outputs):
    value = 0
    for r in inputs:
        value |= _RX_BIT[r]
    for r in outputs:
        value |= _RX_BIT[r] << 5
    return value


def _color_config(positions):
    base = positions[0]
    if not base[0] or not base[1]:
        raise AssertionError("unreachable: routes are completed before emission")
    cfg = f".routes = {_bits(*base)}"
    if len(positions) > 1:
        switches = ", ".join(f".pos{i} = {_bits(*p)}" for i, p in enumerate(positions[1:], 1))
        cfg += f", .switches = .{{{switches}}}"
    return ".{" + cfg + "}"


class _Planner:
    """Places regions, allocates colors and routes connections and streams."""

    def __init__(self, layout):
        self.layout = layout
        self.result = _Plan()
        self.owner = {}  # (x, y) -> region name (PEs of code regions: the router avoids them)
        self.endpoints = {}  # (x, y) -> stream name (I/O PEs: other colors may pass)
        self.used = {}   # (x, y) -> {physical color: what uses it}
        self.port_routes = {}  # ((x, y), physical color) -> (port name, positions) of a port

    def plan(self):
        lay = self.layout
        if not lay._regions and not lay._streams:  # pylint: disable=protected-access
            raise LayoutError("SdkLayout.compile: the layout has no code region")
        classes = self._color_classes()
        limit = 21 if lay._streams else 24  # pylint: disable=protected-access  # memcpy: 21..23
        values, host = (self._distinct_values(classes, limit)
                        or self._shared_values(classes, limit))
        self._lay_out(classes, values, host)
        used = list(self.result.tiles) + list(self.result.routes)
        self.result.width = max(x for x, _ in used) + 1
        self.result.height = max(y for _, y in used) + 1
        self.result.streams = lay._streams  # pylint: disable=protected-access
        return self.result

    def _lay_out(self, classes, values, host):
        """Places regions and routes everything with values[i] the value of classes[i]."""
        lay = self.layout
        self.values = {id(c): values[i] for i, (members, _) in enumerate(classes)
                       for c in members}
        self.result.host_color = dict(host)
        for members, _ in classes:
            for c in members:
                self.result.color_names[c.get_global_name()] = self.values[id(c)]
        self._place()
        for r in lay._regions:  # pylint: disable=protected-access
            east, south = r.origin[0] + r.width, r.origin[1] + r.height
            if east > _MAX_WIDTH or south > _MAX_HEIGHT:
                raise LayoutError(f"code region '{r.name}' at {r.origin} reaches PE "
                                  f"({east - 1}, {south - 1}), beyond the largest program "
                                  f"rectangle ({_MAX_WIDTH}x{_MAX_HEIGHT})")
        for region in lay._regions:  # pylint: disable=protected-access
            self._region_tiles(region, self.values)
        for tx, rx in lay._connections:  # pylint: disable=protected-access
            self._route_connection(tx, rx, self.values)
        for stream in lay._streams:  # pylint: disable=protected-access
            self._route_stream(stream, self.values)
        self._finish_routes()

    # -- placement
    def _place(self):
        regions = self.layout._regions  # pylint: disable=protected-access
        placed = [r for r in regions if r.origin is not None]
        east = max((r.origin[0] + r.width for r in placed), default=0)
        for r in regions:
            if r.origin is None:
                # Unplaced regions go east of everything placed, one free column apart.
                r.origin = (east + (1 if east else 0), 0)
                east = r.origin[0] + r.width
        for r in regions:
            for cell in r.cells():
                if cell in self.owner:
                    raise LayoutError(f"code regions '{self.owner[cell]}' and '{r.name}' overlap "
                                      f"at PE {cell}")
                self.owner[cell] = r.name

    # -- colors
    def _color_classes(self):
        """Colors joined by connect() are one class with one value: [(members, pinned)],
        pinned the value the user gave one of them, or None."""
        lay = self.layout
        uf = _UnionFind()
        for c in lay._colors:  # pylint: disable=protected-access
            uf.find(c)
        for tx, rx in lay._connections:  # pylint: disable=protected-access
            uf.union(tx.color, rx.color)
        by_root = {}
        for c in lay._colors:  # pylint: disable=protected-access
            by_root.setdefault(uf.find(c), []).append(c)
        classes = []
        for members in by_root.values():
            vals = {c.get_value() for c in members if c.get_value() is not None}
            if len(vals) > 1:
                names = ", ".join(f"'{c.get_global_name()}'={c.get_value()}" for c in members
                                  if c.get_value() is not None)
                raise LayoutError(f"connected colors have different values: {names}")
            value = vals.pop() if vals else None
            if value is not None and value >= 21 and lay._streams:  # pylint: disable=protected-access
                name = next(c.get_global_name() for c in members if c.get_value() is not None)
                raise LayoutError(f"Color '{name}' has value {value}, but this layout has host "
                                  "streams and memcpy reserves colors 21..23")
            classes.append((members, value))
        return classes

    def _host_channels(self):
        """The directions (is_input) whose port streams need a host channel color."""
        streams = self.layout._streams  # pylint: disable=protected-access
        return [is_input for is_input in (True, False)
                if any(s.is_input == is_input and s.port for s in streams)]

    def _distinct_values(self, classes, limit):
        """A value of its own for every class and host channel, or None when too few."""
        pinned = {fixed for _, fixed in classes if fixed is not None}
        free = [v for v in range(limit) if v not in pinned]
        channels = self._host_channels()
        if sum(fixed is None for _, fixed in classes) + len(channels) > len(free):
            return None
        values = [fixed if fixed is not None else free.pop(0) for _, fixed in classes]
        return values, {is_input: free.pop(0) for is_input in channels}

    def _shared_values(self, classes, limit):
        """More classes than values: a color is a resource of each router, so classes
        whose PEs (routes, and region PEs given the color as a param) are disjoint share
        a value. The layout is routed once with a value of its own per class to learn
        those PEs; values are then given greedily, largest class first."""
        pinned = {fixed for _, fixed in classes if fixed is not None}
        free = [v for v in range(limit) if v not in pinned]
        channels = self._host_channels()
        if len(free) < len(channels):
            raise LayoutError("SdkLayout.compile: no color left for the host stream channel")
        host = {is_input: free.pop() for is_input in channels}
        own = [fixed if fixed is not None else _UNALLOCATED_COLOR + i
               for i, (_, fixed) in enumerate(classes)]
        scout = _Planner(self.layout)
        scout._lay_out(classes, own, host)  # pylint: disable=protected-access
        cells = {}
        for cell, colors in scout.result.routes.items():
            for value in colors:
                cells.setdefault(value, set()).add(cell)
        for region in self.layout._regions:  # pylint: disable=protected-access
            ox, oy = region.origin
            for (x, y), params in region._params.items():  # pylint: disable=protected-access
                for v in params.values():
                    if isinstance(v, Color):
                        cells.setdefault(scout.values[id(v)], set()).add((ox + x, oy + y))
        # A *_from_loc stream's color is also its host channel color: it is used everywhere.
        everywhere = {scout.values[id(s.color)] for s in self.layout._streams  # pylint: disable=protected-access
                      if s.port is None}
        occupied = {v: set(cells.get(v, ())) for v in pinned}
        exclusive = set(pinned & everywhere)
        values = list(own)
        unpinned = [i for i, (_, fixed) in enumerate(classes) if fixed is None]
        for i in sorted(unpinned, key=lambda i: -len(cells.get(own[i], ()))):
            mine = cells.get(own[i], set())
            for v in free:
                if v in exclusive or (occupied.get(v) and (own[i] in everywhere
                                                          or occupied[v] & mine)):
                    continue
                values[i] = v
                occupied.setdefault(v, set()).update(mine)
                if own[i] in everywhere:
                    exclusive.add(v)
                break
            else:
                name = classes[i][0][0].get_global_name()
                raise LayoutError(f"SdkLayout.compile: more than {limit} colors are needed: "
                                  f"color '{name}' shares PEs with colors of every value "
                                  f"0..{limit - 1}")
        return values, host

    def value(self, color):
        return self.values[id(color)]

    # -- code and painted routes
    def _region_tiles(self, region, values):
        ox, oy = region.origin
        src = os.path.relpath(os.path.realpath(region.source), os.getcwd()).replace(os.sep, "/")
        file = src  # the layout file lies in the current directory
        for (x, y), params in region._params.items():  # pylint: disable=protected-access
            ints = {k: (values[id(v)] if isinstance(v, Color) else v) for k, v in params.items()}
            self.result.tiles[(ox + x, oy + y)] = (file, ints)
        for (x, y), colors in region._paint.items():  # pylint: disable=protected-access
            for color, positions in colors.items():
                self._set_route((ox + x, oy + y), values[id(color)], positions,
                                f"region '{region.name}' color '{color.get_global_name()}'",
                                replace=True)

    def _set_route(self, cell, color, positions, what, replace=False):
        at = self.result.routes.setdefault(cell, {})
        users = self.used.setdefault(cell, {})
        if color in at and not replace:
            raise LayoutError(f"{what}: PE {cell} routes color {color} for {users[color]} "
                              "already")
        at[color] = [(tuple(i), tuple(o)) for i, o in positions]
        users.setdefault(color, what)

    # -- the router
    def _bounds(self):
        cells = list(self.owner) + [c for s in self.layout._streams if s.io_loc  # pylint: disable=protected-access
                                    for c in [s.io_loc]]
        return (max(x for x, _ in cells) + 3, max(y for _, y in cells) + 3)

    def _free(self, cell, color, bounds, reserved=frozenset()):
        x, y = cell
        return (0 <= x < bounds[0] and 0 <= y < bounds[1] and cell not in self.owner
                and cell not in reserved and color not in self.result.routes.get(cell, {}))

    def _search(self, start, goal_test, color, bounds, reserved=frozenset(),
                directions=_SEARCH_ORDER):
        """Breadth-first search over free PEs from start (never through reserved ones),
        stepping in the given order of directions; returns the path to the first cell
        goal_test accepts, or None."""
        if not self._free(start, color, bounds):
            return None
        previous = {start: None}
        frontier = [start]
        while frontier:
            nxt = []
            for cell in frontier:
                if goal_test(cell):
                    path = []
                    while cell is not None:
                        path.append(cell)
                        cell = previous[cell]
                    return path[::-1]
                for d in directions:
                    dx, dy = _STEP[d]
                    n = (cell[0] + dx, cell[1] + dy)
                    if n not in previous and self._free(n, color, bounds, reserved):
                        previous[n] = cell
                        nxt.append(n)
            frontier = nxt
        return None

    @staticmethod
    def _direction(a, b):
        for d, (dx, dy) in _STEP.items():
            if (a[0] + dx, a[1] + dy) == b:
                return d
        raise AssertionError("unreachable: path cells are neighbours")

    def _lay_path(self, path, enter_from, leave_to, color, what):
        """Routes color along path: the first cell receives from enter_from, the last sends
        to leave_to, the cells between pass it on."""
        for i, cell in enumerate(path):
            rx = enter_from if i == 0 else _OPPOSITE[self._direction(path[i - 1], cell)]
            tx = leave_to if i == len(path) - 1 else self._direction(cell, path[i + 1])
            self._set_route(cell, color, [((rx,), (tx,))], what)

    def _port_cells(self, port):
        ox, oy = port.region.origin
        return [(ox + x, oy + y) for x, y in port.pes()]

    def _port_routes(self, port, cell, color, side):
        """The port's routing positions at one of its PEs, completed with the edge's
        direction: an input port receives from it, an output port sends to it."""
        positions = []
        for inputs, outputs in port.routes:
            if port.is_input:
                inputs = inputs if side in inputs else inputs + (side,)
            else:
                outputs = outputs if side in outputs else outputs + (side,)
            positions.append((inputs, outputs))
        # Ports of one color made unique by their prefixes (the SDK allows them) may meet
        # at a PE: their routes join (inputs {WEST, NORTH} -> RAMP, or RAMP -> {EAST,
        # SOUTH}); the later one replaced the earlier, whose data was lost without a word.
        earlier = self.port_routes.get((cell, color))
        if earlier:
            other, before = earlier
            if len(before) != 1 or len(positions) != 1:
                raise LayoutError(f"ports '{other}' and '{port.name}' both route color {color} "
                                  f"at PE {cell} with switch positions, which cannot be joined")
            (ins, outs), = positions
            (ins0, outs0), = before
            positions = [(tuple(dict.fromkeys(ins0 + ins)), tuple(dict.fromkeys(outs0 + outs)))]
        self.port_routes[(cell, color)] = (port.name, positions)
        self._set_route(cell, color, positions, f"port '{port.name}'", replace=True)

    def _route_connection(self, tx, rx, values):
        color = values[id(tx.color)]
        what = f"connect({tx.name}, {rx.name})"
        out_dir = _EDGE_DIRECTION[tx.edge]
        in_dir = _EDGE_DIRECTION[rx.edge]
        ends = []
        for src, dst in zip(self._port_cells(tx), self._port_cells(rx)):
            self._port_routes(tx, src, color, out_dir)
            self._port_routes(rx, dst, color, in_dir)
            start = (src[0] + _STEP[out_dir][0], src[1] + _STEP[out_dir][1])
            goal = (dst[0] + _STEP[in_dir][0], dst[1] + _STEP[in_dir][1])
            ends.append((src, dst, start, goal))
        paths, failed = self._connection_paths(ends, color)
        if paths is None:
            src, dst = ends[failed][:2]
            raise LayoutError(f"{what}: no route on color {color} from PE {src} (leaving "
                              f"{out_dir.name}) to PE {dst} (entering from {in_dir.name}); "
                              "PEs of code regions and PEs that carry the color already are "
                              "in the way: move a region with place()")
        pairs = []
        for (src, dst, _, _), path in zip(ends, paths):
            if path:
                self._lay_path(path, _OPPOSITE[out_dir], _OPPOSITE[in_dir], color, what)
            pairs.append([src] + (path or []) + [dst])
        self.result.port_map[what] = {"color": color, "paths": pairs}

    def _connection_paths(self, ends, color):
        """Disjoint paths for the PE pairs of a connection, or (None, the first pair that
        found none). Ports shifted sideways need the pair nearest the shift routed first,
        turning at once: the pairs are tried first to last and last to first, each way
        preferring no direction and then each direction in turn."""
        bounds = self._bounds()
        forward = list(range(len(ends)))
        failed = None
        for order in (forward, forward[::-1]):
            for first in (None,) + _SEARCH_ORDER:
                directions = _SEARCH_ORDER if first is None else (
                    (first,) + tuple(d for d in _SEARCH_ORDER if d != first))
                paths, failure = self._try_paths(ends, order, color, bounds, directions)
                if paths is not None:
                    return paths, None
                failed = failure if failed is None else failed
        return None, failed

    def _try_paths(self, ends, order, color, bounds, directions):
        paths = [None] * len(ends)
        taken = set()
        for i in order:
            src, dst, start, goal = ends[i]
            if start == dst and goal == src:
                continue  # neighbours facing each other: no PE between them
            # The other pairs' first and last PEs stay free for them.
            reserved = frozenset(c for j, e in enumerate(ends) if j != i for c in e[2:]) | taken
            path = self._search(start, lambda c, g=goal: c == g, color, bounds, reserved,
                                directions)
            if path is None:
                return None, i
            taken.update(path)
            paths[i] = path
        return paths, None

    def _route_stream(self, stream, values):
        if stream.port is None:  # *_from_loc: the code at io_loc handles the stream itself
            x, y = stream.io_loc
            if (x, y) not in self.owner:
                raise LayoutError(f"stream '{stream.name}': no code region at PE {(x, y)}")
            stream.endpoint = (x, y)
            stream.host_color = stream.stream_color = self.value(stream.color)
            self._add_channel(stream)
            return
        port = stream.port
        color = values[id(port.color)]
        cell = self._port_cells(port)[0]
        side = _EDGE_DIRECTION[port.edge]
        self._port_routes(port, cell, color, side)
        first = (cell[0] + _STEP[side][0], cell[1] + _STEP[side][1])
        bounds = self._bounds()
        if stream.io_loc is not None:
            target = tuple(stream.io_loc)
            if target in self.owner or target in self.endpoints:
                raise LayoutError(f"stream '{stream.name}': io_loc {target} is taken by "
                                  f"'{self.owner.get(target) or self.endpoints[target]}'")
            path = self._search(first, lambda c: c == target, color, bounds)
        else:
            path = self._search(first, lambda c: c not in self.endpoints, color, bounds)
        if path is None and (first[0] < 0 or first[1] < 0):
            raise LayoutError(f"stream '{stream.name}': the {port.edge.name} edge of region "
                              f"'{port.region.name}' faces the fabric's edge; place the region "
                              f"at {'x' if first[0] < 0 else 'y'} >= 1 so that the stream has a "
                              "PE beside it")
        if path is None:
            raise LayoutError(f"stream '{stream.name}': no free PE and route on color {color} "
                              f"next to the {port.edge.name} edge of region "
                              f"'{port.region.name}'")
        # The path runs from the port outwards; the stream flows the other way for input.
        endpoint = path[-1]
        if stream.is_input:
            flow = path[::-1]
            self._lay_path(flow, Route.RAMP, _OPPOSITE[side], color, f"stream '{stream.name}'")
            tile = f"{_GENERATED_DIR}/stream_in.csl"
        else:
            self._lay_path(path, _OPPOSITE[side], Route.RAMP, color, f"stream '{stream.name}'")
            tile = f"{_GENERATED_DIR}/stream_out.csl"
        self.endpoints[endpoint] = stream.name
        stream.endpoint = endpoint
        stream.host_color = self.result.host_color[stream.is_input]
        stream.stream_color = color
        self._add_channel(stream)
        self.result.tiles[endpoint] = (tile, {"host_color": stream.host_color,
                                            "stream_color": color,
                                            # a DSD extent is at most 32767; the
                                            # forwarder re-arms, so any size passes
                                            "chunk": min(port.data_size, 0x7fff)})
        self.result.port_map[stream.name] = {"color": color, "path": [cell] + path}

    def _add_channel(self, stream):
        colors = self.result.host_colors[stream.is_input]
        if stream.host_color not in colors:
            if len(colors) == 4:
                raise LayoutError(f"stream '{stream.name}': the host channel has 4 "
                                  f"{'input' if stream.is_input else 'output'} colors already "
                                  f"({colors}); streams from ports share one, each color of a "
                                  "*_from_loc stream needs its own")
            colors.append(stream.host_color)

    def _finish_routes(self):
        for cell, colors in self.result.routes.items():
            for color, positions in colors.items():
                rx, tx = positions[0]
                if not rx or not tx:
                    raise LayoutError(f"PE {cell} color {color} ({self.used[cell][color]}): the "
                                      f"route {[r.name for r in rx]} -> {[r.name for r in tx]} "
                                      "needs an input and an output (a port whose connection "
                                      "was never made?)")
