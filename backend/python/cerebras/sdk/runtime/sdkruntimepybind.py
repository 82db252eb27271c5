"""SdkRuntime and friends under the module name SDK scripts import.

Every call goes to a Tessera appliance (see cerebras.sdk._connection); the appliance
checks arguments and answers a wrong call with a status whose message names the
argument (raised here as ApplianceError, a RuntimeError).
"""
import contextlib
import enum
import errno
import json
import os
import sys

import numpy as np

from cerebras.appliance.pb.sdk import sdk_common_pb2 as common

from cerebras.sdk import _connection, _shm
from cerebras.sdk._args import element_dtype, integer as _integer, symbol_name as _symbol_name
from cerebras.sdk._connection import ApplianceError, Connection, register_for_exit
from cerebras.sdk.runtime._simlog import SimLogStream
from tessera import appliance_pb2 as pb

__all__ = ["SdkRuntime", "Task", "MemcpyDataType", "MemcpyOrder", "SdkTarget", "SimfabConfig",
           "SdkExecutionPlatform", "get_platform", "get_simulator", "get_system", "ApplianceError",
           # SdkLayout (_sdklayout.py)
           "SdkLayout", "CodeRegion", "Color", "Edge", "EdgeRouteInfo", "FP16TYPE", "LayoutError",
           "PortHandle", "Route", "RoutingPosition", "SdkCompileArtifacts", "get_edge_routing"]


class _SdkEnum(enum.IntEnum):
    """An enum that also passes as its integer, printed as the SDK's pybind enums print
    ("MemcpyOrder.ROW_MAJOR"; a Python 3.11 IntEnum prints as the bare number)."""

    __str__ = enum.Enum.__str__
    __format__ = enum.Enum.__format__


class MemcpyDataType(_SdkEnum):
    MEMCPY_32BIT = common.MEMCPY_32BIT
    MEMCPY_16BIT = common.MEMCPY_16BIT


class MemcpyOrder(_SdkEnum):
    ROW_MAJOR = common.ROW_MAJOR
    COL_MAJOR = common.COL_MAJOR


class SdkTarget(_SdkEnum):
    # The SDK's members and values (SdkTarget(1) is WSE3); the simulator is a platform.
    WSE2 = 0
    WSE3 = 1


class SimfabConfig:
    """Simulator settings for get_platform (num_threads, suppress_trace, dump_core)."""

    def __init__(self, num_threads=1, suppress_trace=True, dump_core=False, core_path="corefile.cs1"):
        # Checked by name as SdkRuntime's own are ("2" failed inside a comparison, 2.5 was
        # cut to 2, "no" was taken as true).
        num_threads = _integer("SimfabConfig", "num_threads", num_threads)
        if not 0 < num_threads <= 64:
            raise ValueError(f"SimfabConfig: num_threads must be 1..64, got {num_threads}")
        self.num_threads = num_threads
        self.suppress_trace = _flag("SimfabConfig", "suppress_trace", suppress_trace)
        self.dump_core = _flag("SimfabConfig", "dump_core", dump_core)
        self.core_path = core_path


class SdkExecutionPlatform:
    """The simulator or system target and architecture for execution (get_platform).
    Tessera has no hardware: every platform is its simulator, also behind a cmaddr."""

    def __init__(self, cmaddr, config, target):
        self.cmaddr = cmaddr
        self.config = config or SimfabConfig()
        self.target = target

    def is_simulation(self):
        return True

    def is_system(self):
        return False


def get_platform(addr=None, config=None, target=SdkTarget.WSE3):
    """The platform at `addr` (a system's "IP:port"; here the appliance there), or the
    simulator when addr is None. The SDK's defaults: SimfabConfig(), WSE-3."""
    if config is not None and not isinstance(config, SimfabConfig):
        raise TypeError(f"get_platform: config must be a SimfabConfig, got "
                        f"{type(config).__name__} {config!r}")
    # None keeps the default, as our earlier scripts pass it; anything else is an SdkTarget.
    target = SdkTarget.WSE3 if target is None else SdkTarget(
        _member("get_platform", "target", target, SdkTarget))
    return SdkExecutionPlatform(addr, config, target)


def get_simulator(config=None, target=SdkTarget.WSE3):
    """get_platform(None, config, target)."""
    return SdkExecutionPlatform(None, config, target)


def get_system(addr):
    """get_platform(addr): Tessera has no hardware, so this is the appliance at addr."""
    return SdkExecutionPlatform(addr, None, SdkTarget.WSE3)


class Task:
    """A command handle returned by launch, call and memcpy (wait on it with task_wait)."""

    def __init__(self, runtime, task_id):
        self._runtime = runtime
        self.id = task_id

    def __repr__(self):
        return f"Task({self.id})"


def _u32_words(arr, what):
    if not isinstance(arr, np.ndarray):
        raise TypeError(f"{what} must be a numpy array, got {type(arr).__name__}")
    return arr


def _wire(dtype):
    """The dtype of the words on the wire for a host array of `dtype`: little-endian."""
    return dtype.newbyteorder("<")


def _little_endian(arr):
    """arr itself, or a little-endian copy of a big-endian array (its bytes are sent)."""
    return arr.astype(_wire(arr.dtype)) if arr.dtype.byteorder == ">" else arr


def _core_path(corefile):
    """dump_core's file, refused by name when it cannot be one (the errors of writing
    corefile.partial and renaming it named only the temporary file)."""
    if not isinstance(corefile, (str, bytes, os.PathLike)):
        raise TypeError(f"dump_core: corefile must be a file path, got "
                        f"{type(corefile).__name__} {corefile!r}")
    path = os.fsdecode(os.fspath(corefile))
    if not path:
        raise ValueError("dump_core(''): the path is empty; give a file path such as "
                         "'corefile.cs1'")
    if os.path.isdir(path):
        raise IsADirectoryError(errno.EISDIR, f"dump_core({path!r}): a directory; give a file "
                                              "path such as 'corefile.cs1'")
    parent = os.path.dirname(path)
    if parent and not os.path.isdir(parent):
        raise FileNotFoundError(errno.ENOENT, f"dump_core({path!r}): the directory {parent!r} "
                                              "does not exist")
    return path


def _flag(call, name, value):
    """A bool argument; integers pass as their truth value, as the SDK's binding converts them."""
    if not isinstance(value, (bool, np.bool_, int, np.integer)):
        raise TypeError(f"{call}: {name} must be a bool, got {type(value).__name__} {value!r}")
    return bool(value)


def _member(call, name, value, enum_type):
    """An enum argument: a member of enum_type (or its integer value)."""
    # A member of another of the SDK's enums (MemcpyOrder.COL_MAJOR as a data_type) is an
    # int too; the SDK's enums are distinct types, and the swap made a silent 16-bit copy.
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)) or (
            isinstance(value, _SdkEnum) and not isinstance(value, enum_type)):
        raise TypeError(f"{call}: {name} must be a {enum_type.__name__}, got "
                        f"{type(value).__name__} {value!r}")
    try:
        return int(enum_type(int(value)))
    except ValueError:
        choices = ", ".join(f"{m.name} = {int(m)}" for m in enum_type)
        raise ValueError(f"{call}: {name} {int(value)} is not a {enum_type.__name__} "
                         f"({choices})") from None


_H2D_CALLS = {pb.BOX: "memcpy_h2d", pb.ROW_BROADCAST: "memcpy_h2d_rowbcast",
              pb.COL_BROADCAST: "memcpy_h2d_colbcast", pb.STRIDED: "memcpy_h2d_stride"}


def _memcpy_fields(call, target, px, py, w, h, elem, streaming, data_type, order, nonblock):
    """The MemcpyRequest fields every copy shares, each checked by name."""
    target_name = "dest" if call.startswith("memcpy_h2d") else "src"
    target = _integer(call, target_name, target)
    if not 0 <= target < (1 << 32):
        raise ValueError(f"{call}: {target_name} {target} is neither a symbol id from get_id "
                         "nor a color")
    return dict(target=target,
                streaming=_flag(call, "streaming", streaming), px=_integer(call, "px", px),
                py=_integer(call, "py", py), w=_integer(call, "w", w), h=_integer(call, "h", h),
                elem_per_pe=_integer(call, "elem_per_pe", elem),
                data_type=_member(call, "data_type", data_type, MemcpyDataType),
                order=_member(call, "order", order, MemcpyOrder),
                nonblock=_flag(call, "nonblock", nonblock))


def _read_rpc_json(bindir):
    """bin/out_rpc.json of a compile output directory; a missing or damaged file is an error
    naming it (json's own message names neither the file nor what to do)."""
    path = os.path.join(bindir, "bin", "out_rpc.json")
    try:
        with open(path, encoding="utf-8") as f:
            rpc = json.load(f)
    except FileNotFoundError:
        raise FileNotFoundError(f"{path}: missing; compile with Tessera's cslc -o {bindir}") from None
    except ValueError as e:  # json.JSONDecodeError and UnicodeDecodeError
        raise ValueError(f"{path}: not a valid out_rpc.json ({e}); compile again with "
                         f"Tessera's cslc -o {bindir}") from None
    if not isinstance(rpc, dict) or not isinstance(rpc.get("rpc_symbols", []), list):
        raise ValueError(f"{path}: not a valid out_rpc.json (no 'rpc_symbols' list); compile "
                         f"again with Tessera's cslc -o {bindir}")
    return rpc


_KNOWN_KWARGS = {"cmaddr", "suppress_simfab_trace", "simfab_numthreads", "msg_level",
                 "memcpy_required", "disable_version_check", "token"}


class SdkRuntime:
    """SdkRuntime(bindir, cmaddr=None, **kw) or SdkRuntime(bindir, platform)."""

    def __init__(self, bindir, platform=None, **kw):
        unknown = set(kw) - _KNOWN_KWARGS
        if unknown:
            raise TypeError(f"SdkRuntime: unknown keyword argument(s) {sorted(unknown)}")
        cmaddr = kw.get("cmaddr")
        threads = _integer("SdkRuntime", "simfab_numthreads", kw.get("simfab_numthreads") or 0)
        suppress = _flag("SdkRuntime", "suppress_simfab_trace", kw.get("suppress_simfab_trace", True))
        # The SDK's levels (its page: "DEBUG, INFO, WARNING, and ERROR"); Tessera's appliance
        # logs on its own, so a valid level changes nothing.
        level = kw.get("msg_level")
        if level is not None and level not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError(f"SdkRuntime: msg_level must be one of 'DEBUG', 'INFO', 'WARNING', "
                             f"'ERROR' or None, got {level!r}")
        self._core_path = None
        if platform is not None and not isinstance(platform, SdkExecutionPlatform):
            # SdkRuntime(name, "IP:port") from older scripts failed on "'str' object has no
            # attribute 'cmaddr'".
            raise TypeError(f"SdkRuntime: platform must come from get_platform(), got "
                            f"{type(platform).__name__} {platform!r}; an appliance address goes "
                            "in cmaddr=")
        if platform is not None:
            cmaddr = cmaddr or platform.cmaddr
            threads = threads or platform.config.num_threads
            suppress = platform.config.suppress_trace
            if platform.config.dump_core:
                self._core_path = platform.config.core_path
        if not 0 <= threads <= 64:
            raise ValueError(f"SdkRuntime: simfab_numthreads must be 1..64 (0 or None: the "
                             f"default), got {threads}")
        # os.path's own errors ("expected str, bytes or os.PathLike object, not NoneType",
        # "Can't mix strings and bytes") named neither SdkRuntime nor the argument.
        if not isinstance(bindir, (str, os.PathLike)) or not isinstance(os.fspath(bindir), str):
            raise TypeError(f"SdkRuntime: bindir must be the path (str or os.PathLike) of a "
                            f"cslc output directory, got {type(bindir).__name__} {bindir!r}")
        if not os.fspath(bindir):
            raise ValueError("SdkRuntime: bindir is empty; give the cslc output directory "
                             "(cslc -o DIR)")
        self._bindir = os.fspath(bindir)
        program_path = os.path.join(self._bindir, "bin", "out_program.pb")
        if not os.path.exists(program_path):
            raise FileNotFoundError(f"{program_path}: missing; compile with Tessera's cslc -o {self._bindir}")
        with open(program_path, "rb") as f:
            program = f.read()
        self._rpc = _read_rpc_json(self._bindir)
        self._conn = Connection(cmaddr, token=kw.get("token"),
                                disable_version_check=kw.get("disable_version_check", False))
        # The process whose runtime this is: a child made by os.fork() inherits the object
        # but not the session (see _connection._forget_after_fork).
        self._owner_pid = os.getpid()
        try:
            reply = self._conn.call(self._conn.runtime.Open, pb.OpenRequest(
                # The session never traces: a traced sim.log comes from replaying the session
                # at stop() (Debug.Trace), which the script can read; the session's own would
                # stay in the appliance's workspace.
                program=program, suppress_simfab_trace=True, simfab_numthreads=int(threads),
                client_label="cs_python " + os.path.basename(sys.argv[0] if sys.argv else "python"),
                client_pid=os.getpid()))
        except ApplianceError as e:
            if e.code.name != "INVALID_ARGUMENT":
                raise
            # The appliance saw only the bytes; the script's user needs the file they came
            # from (a truncated copy, another tool's out/, a file of an older format).
            raise ApplianceError(e.code, f"{program_path}: {e.details}; compile again with "
                                 f"Tessera's cslc -o {self._bindir}") from None
        self._session = reply.session_id
        self._traced = not suppress  # stop() writes the traced sim.log
        # Set by the IDE when it starts a script held (SimController::ScriptStart): the
        # session waits paused until the IDE has attached, so even a short run is watched
        # from its first cycle.
        if os.environ.get("TESSERA_START_PAUSED") == "1":
            self._conn.call(self._conn.debug.Pause, pb.SessionRef(session_id=self._session))
        self._geometry = reply
        # task id -> (dest array, streaming) of a device-to-host copy not yet filled
        self._pending = {}
        self._closed = False
        self._aborted_log_written = False
        self._simlog = None  # sim.log as the run goes, from run() to stop() (see _simlog)
        self._warned_16bit = set()  # symbol ids / colors warned of by a 16-bit H2D
        self._shm = None  # the shared memory segment for large copies (see _shm)
        self._use_shm = _shm.enabled_for(self._conn.address)
        # The appliance closes the session when this call ends: if the script dies
        # without close(), nothing is left behind in a shared daemon.
        self._hold = self._conn.runtime.Hold(pb.SessionRef(session_id=self._session),
                                             metadata=self._conn.metadata)
        # Hold() only queues the call; a script that exits right after this line could take
        # it down before it left (the session then stayed open: 2 of 10 such scripts under
        # ASan). A reply to a later call on the same connection means it has left.
        self._conn.round_trip()
        register_for_exit(self)

    # ---- lifecycle ----
    def load(self):
        self._call(self._conn.runtime.Load, pb.SessionRef(session_id=self._session))
        # The previous run's core would answer debug_util(bindir) for this run until stop()
        # replaces it (as sim.log is rewritten at every stop()); without it debug_util says
        # there is no core yet.
        core = os.path.join(self._bindir, "corefile.cs1")
        try:
            os.remove(core)
        except FileNotFoundError:
            pass
        except OSError as e:  # a read-only bindir must not keep the program from loading
            print(f"warning: load(): the previous run's {core} stays ({e.strerror}); "
                  "debug_util reads it until stop() replaces it", file=sys.stderr)

    def run(self):
        self._call(self._conn.runtime.Start, pb.SessionRef(session_id=self._session))
        self._simlog = SimLogStream(self._conn, self._session)

    def stop(self):
        """Finishes every pending command (filling nonblocking D2H arrays) and stops."""
        try:
            reply = self._call(self._conn.runtime.Stop, pb.SessionRef(session_id=self._session))
        except ApplianceError:
            # A hang or fault that stop() meets first: the run has ended, so its sim.log and
            # core are written before the error goes up, as when an earlier command met it
            # (debug_util read nothing after a script's one stop()). The error stop() met
            # is the one to raise, not a failure to write them.
            with contextlib.suppress(ApplianceError, OSError):
                self._write_run_records()
            raise
        if reply.undelivered:
            # The SDK's stop() is silent about them; data a kernel never received is
            # almost always a bug (a route that accepts the wrong side, a missing task).
            print(f"warning: stop(): wavelets never delivered at cycle {reply.cycle}:\n  "
                  + reply.undelivered.replace("\n", "\n  "), file=sys.stderr)
        for task_id in sorted(self._pending):
            if task_id in self._pending:
                self._finish(self._call(self._conn.runtime.Task, pb.TaskRequest(
                    session_id=self._session, task_id=task_id, wait=True)))
        self._write_run_records()
        return reply.cycle

    def _write_run_records(self):
        """The ended run's sim.log lines and its core, for debug_util."""
        stream, self._simlog = self._simlog, None
        if stream is not None:
            stream.finish()  # the lines not streamed yet
        if self._traced:
            self._write_traced_sim_log()
        # debug_util(bindir) reads the run's state from here, as the SDK's does after stop().
        try:
            self.dump_core(os.path.join(self._bindir, "corefile.cs1"))
        except OSError:
            pass
        if self._core_path:
            self.dump_core(self._core_path)

    def close(self):
        if not self._closed and os.getpid() != self._owner_pid:
            # A forked child's copy: the session, its channel and its shared memory are the
            # parent's, which goes on using them (a gRPC call here would block for ever).
            self._closed = True
            return
        if not self._closed:
            self._closed = True
            if self._pending:
                # Their arrays keep whatever they held: say so, or the script reads stale
                # data as the device's (stop() or a later wait would have filled them).
                tasks = ", ".join(str(t) for t in sorted(self._pending))
                print(f"warning: SdkRuntime({self._bindir}) closed with {len(self._pending)} "
                      f"nonblocking memcpy_d2h never waited for (task {tasks}): the destination "
                      "array was not filled; call task_wait() or stop() before closing",
                      file=sys.stderr)
                self._pending.clear()
            if self._simlog is not None:
                self._simlog.finish()
                self._simlog = None
            try:
                self._conn.call(self._conn.runtime.Close, pb.SessionRef(session_id=self._session))
            except ApplianceError:
                pass
            self._hold.cancel()
            if self._shm is not None:
                self._shm.close()
            self._conn.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if sys.is_finalizing():
            return  # _connection's exit hook closed it already
        try:
            self.close()
        except Exception:  # pylint: disable=broad-except
            pass

    def _write_traced_sim_log(self):
        """suppress_simfab_trace=False: sim.log with the run's instruction, landing and stall
        lines (and simprint), from a traced replay of the session. When the appliance cannot
        replay it, sim.log keeps the simprint output streamed during the run (the reason goes
        to stderr)."""
        try:
            with open("sim.log.partial", "wb") as f:
                for chunk in self._conn.stream(self._conn.debug.Trace,
                                               pb.TraceRequest(session_id=self._session)):
                    f.write(chunk.data)
            os.replace("sim.log.partial", "sim.log")
        except (ApplianceError, OSError) as e:
            try:
                os.remove("sim.log.partial")
            except OSError:
                pass
            print(f"warning: suppress_simfab_trace=False: no traced sim.log ({e}); it holds "
                  "the simprint output only", file=sys.stderr)

    # ---- symbols and commands ----
    def get_id(self, name):
        name = _symbol_name("get_id", "name", name)
        return self._call(self._conn.runtime.GetId, pb.GetIdRequest(session_id=self._session, name=name)).id

    def launch(self, symbol, *args, nonblock=False):
        symbol = _symbol_name("launch", "symbol", symbol)
        values = []
        for i, a in enumerate(args):
            if isinstance(a, (bool, np.bool_)):
                values.append(pb.LaunchArg(b=bool(a)))
            elif isinstance(a, (int, np.integer)):
                if not -(1 << 63) <= int(a) < (1 << 63):
                    raise ValueError(f"launch('{symbol}'): argument {i} ({int(a)}) does not fit "
                                     "64 bits")
                values.append(pb.LaunchArg(i=int(a)))
            elif isinstance(a, (float, np.floating)):
                values.append(pb.LaunchArg(f=float(a)))
            else:
                raise TypeError(f"launch('{symbol}'): argument {i} has type {type(a).__name__}; "
                                "pass int, float or bool")
        return self._task(self._call(self._conn.runtime.Launch, pb.LaunchRequest(
            session_id=self._session, symbol=symbol, args=values,
            nonblock=_flag(f"launch('{symbol}')", "nonblock", nonblock))))

    def call(self, name, args=(), nonblock=False):
        name = _symbol_name("call", "name", name)
        if isinstance(args, np.ndarray):
            self._settle_pending_into(args)  # words a pending D2H brings, as for an H2D
        if isinstance(args, np.ndarray) and args.dtype.itemsize == 4:
            args = args.reshape(-1).view(np.uint32)  # the packed form: each element's bits
        if not isinstance(args, (list, tuple, np.ndarray)):
            # Iterating it said only "'int' object is not iterable".
            raise TypeError(f"call('{name}'): args must be a list of integers (the packed "
                            f"words) or a 32-bit numpy array, got {type(args).__name__} "
                            f"{args!r}")
        words = []
        for i, a in enumerate(args):
            word = _integer(f"call('{name}')", f"args[{i}]", a)
            if not -(1 << 31) <= word < (1 << 32):
                raise ValueError(f"call('{name}'): args[{i}] = {word} does not fit 32 bits")
            words.append(word & 0xFFFFFFFF)
        return self._task(self._call(self._conn.runtime.Call, pb.CallRequest(
            session_id=self._session, symbol=name, args=words,
            nonblock=_flag(f"call('{name}')", "nonblock", nonblock))))

    def memcpy_h2d(self, dest, src, px, py, w, h, elem_per_pe, streaming=False,
                   data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR, nonblock=False):
        return self._h2d(pb.BOX, dest, src, px, py, w, h, elem_per_pe, streaming, data_type, order,
                         nonblock)

    def memcpy_h2d_rowbcast(self, dest, src, px, py, w, h, elem_per_pe, streaming=False,
                            data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                            nonblock=False):
        return self._h2d(pb.ROW_BROADCAST, dest, src, px, py, w, h, elem_per_pe, streaming,
                         data_type, order, nonblock)

    def memcpy_h2d_colbcast(self, dest, src, px, py, w, h, elem_per_pe, streaming=False,
                            data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR,
                            nonblock=False):
        return self._h2d(pb.COL_BROADCAST, dest, src, px, py, w, h, elem_per_pe, streaming,
                         data_type, order, nonblock)

    def memcpy_h2d_stride(self, dest, src, px, py, w, h, elem_per_pe, row_stride, col_stride,
                          streaming=False, data_type=MemcpyDataType.MEMCPY_32BIT,
                          order=MemcpyOrder.ROW_MAJOR, nonblock=False):
        return self._h2d(pb.STRIDED, dest, src, px, py, w, h, elem_per_pe, streaming, data_type,
                         order, nonblock, row_stride, col_stride)

    def _send_on_own_channel(self, color, words, px, py, nonblock):
        """An SdkLayout input stream: each has an I/O location of its own, so streams sent
        together run together (memcpy's streams are serialized)."""
        return self._h2d(pb.BOX, color, words, px, py, 1, 1, words.size, True,
                         MemcpyDataType.MEMCPY_32BIT, MemcpyOrder.ROW_MAJOR, nonblock,
                         own_channel=True)

    def _h2d(self, shape, dest, src, px, py, w, h, elem, streaming, data_type, order, nonblock,
             row_stride=1, col_stride=1, own_channel=False):
        # Messages name the call the script made (the broadcast and strided forms said
        # "memcpy_h2d").
        call = _H2D_CALLS[shape]
        src = _u32_words(src, f"{call}: src")
        fields = _memcpy_fields(call, dest, px, py, w, h, elem, streaming, data_type, order,
                                nonblock)
        strides = dict(row_stride=_integer(call, "row_stride", row_stride),
                       col_stride=_integer(call, "col_stride", col_stride))
        self._settle_pending_into(src)
        arr = _little_endian(src)
        if not fields["streaming"] and fields["data_type"] == MemcpyDataType.MEMCPY_16BIT:
            self._warn_of_dropped_upper_halves(arr, fields["target"])
        request = pb.MemcpyRequest(
            session_id=self._session, to_device=True, shape=shape, host_dtype=arr.dtype.name,
            host_elements=int(arr.size), own_channel=own_channel, **strides, **fields)
        try:
            if arr.dtype.itemsize == 4 and self._segment(arr.size):
                self._shm.words(arr.size)[:] = arr.reshape(-1).view(np.uint32)
                request.shm_name = self._shm.name
                try:
                    return self._task(self._call(self._conn.runtime.Memcpy, request))
                except ApplianceError as e:
                    if not _shm.refused(e):
                        raise
                    self._refuse_shm()
                    request.shm_name = ""
            request.data = np.ascontiguousarray(arr).tobytes() if arr.dtype.itemsize == 4 else b""
            return self._task(self._call(self._conn.runtime.Memcpy, request))
        except ApplianceError as e:
            # The appliance checks every shape as memcpy_h2d; its messages name the call the
            # script made.
            if call == "memcpy_h2d" or not e.details.startswith("memcpy_h2d:"):
                raise
            raise ApplianceError(e.code, call + e.details[len("memcpy_h2d"):]) from None

    def _settle_pending_into(self, src):
        """Waits for the nonblocking copy-mode D2H copies still pending into memory that an
        H2D is about to read: the SDK runs commands in order, so the H2D sends the words
        those copies bring (a script may copy results back and send them on without a
        wait). This reads src only when the H2D is issued, not when it runs, so a later
        change to src by the script itself is not seen. Streaming D2H copies are not waited
        for: they end when the kernel sends, which may need this very H2D."""
        sharing = [t for t, (dest, streaming) in self._pending.items()
                   if not streaming and np.may_share_memory(dest, src)]
        if sharing:
            self._finish(self._call(self._conn.runtime.Task, pb.TaskRequest(
                session_id=self._session, task_id=max(sharing), wait=True)))

    def _warn_of_dropped_upper_halves(self, arr, target):
        """A 16-bit copy keeps the low half of each 32-bit word, as the SDK's does. A float32
        src with values in the upper halves is f32 data passed for f16 (1.5f copies as 0):
        said once per symbol, on stderr. Integer words are left alone: the SDK's idiom puts
        an index sentinel in the upper halves (input_array_to_u32), which copy mode drops."""
        if arr.dtype.kind != "f" or arr.dtype.itemsize != 4 or target in self._warned_16bit:
            return
        words = np.ascontiguousarray(arr).reshape(-1).view(_wire(np.dtype(np.uint32)))
        lost = int(np.count_nonzero(words >> 16))
        if lost:
            self._warned_16bit.add(target)
            print(f"warning: memcpy_h2d: MEMCPY_16BIT keeps the low 16 bits of each 32-bit "
                  f"word; {lost} of {words.size} words of the {arr.dtype.name} src array have "
                  "other upper bits, which are dropped (16-bit data goes zero-extended in "
                  "uint32: input_array_to_u32, or f16 values as "
                  "a.astype(np.float16).view(np.uint16).astype(np.uint32))", file=sys.stderr)

    def _segment(self, words):
        """True when the copy of `words` words goes through shared memory."""
        if not (self._use_shm and _shm.Segment.worth_it(words * 4)):
            return False
        if self._shm is None:
            try:
                self._shm = _shm.Segment()
            except OSError:
                self._use_shm = False
                return False
        return True

    def _refuse_shm(self):
        self._use_shm = False
        self._shm.close()
        self._shm = None

    def memcpy_d2h(self, dest, src, px, py, w, h, elem_per_pe, streaming=False,
                   data_type=MemcpyDataType.MEMCPY_32BIT, order=MemcpyOrder.ROW_MAJOR, nonblock=False):
        arr = _u32_words(dest, "memcpy_d2h: dest")
        if not (arr.flags.c_contiguous and arr.flags.writeable):
            raise ValueError("memcpy_d2h: dest must be a writeable C-contiguous array")
        request = pb.MemcpyRequest(
            session_id=self._session, to_device=False, shape=pb.BOX, row_stride=1, col_stride=1,
            host_dtype=arr.dtype.name, host_elements=int(arr.size),
            **_memcpy_fields("memcpy_d2h", src, px, py, w, h, elem_per_pe, streaming, data_type,
                             order, nonblock))
        # A nonblocking copy finishes later and brings its words in a Task reply.
        if not nonblock and arr.dtype.itemsize == 4 and self._segment(arr.size):
            request.shm_name = self._shm.name
            try:
                reply = self._call(self._conn.runtime.Memcpy, request)
                if reply.data_in_shm:
                    # Earlier copies first: one into the same array must not overwrite this.
                    self._settle_before(reply.task_id)
                    arr.reshape(-1)[:] = self._shm.words(arr.size).view(_wire(arr.dtype))
                    return Task(self, reply.task_id)
                self._pending[reply.task_id] = (arr, bool(streaming))
                return self._task(reply)
            except ApplianceError as e:
                if not _shm.refused(e):
                    raise
                self._refuse_shm()
                request.shm_name = ""
        reply = self._call(self._conn.runtime.Memcpy, request)
        self._pending[reply.task_id] = (arr, bool(streaming))
        return self._task(reply)

    # ---- tasks ----
    def is_task_done(self, task):
        return self._finish(self._call(self._conn.runtime.Task, pb.TaskRequest(
            session_id=self._session, task_id=self._task_id("is_task_done", task),
            wait=False))).done

    def task_wait(self, task):
        self._finish(self._call(self._conn.runtime.Task, pb.TaskRequest(
            session_id=self._session, task_id=self._task_id("task_wait", task), wait=True)))

    def _task_id(self, call, task):
        if not isinstance(task, Task):
            raise TypeError(f"{call}: task must be a Task returned by launch/call/memcpy, got "
                            f"{type(task).__name__} {task!r}")
        if task._runtime is not self:  # pylint: disable=protected-access
            # Task ids count per session: another runtime's id names an unrelated command.
            raise ValueError(f"{task!r} belongs to another SdkRuntime (session "
                             f"{task._runtime.session_id}); wait on it there")  # pylint: disable=protected-access
        return task.id

    def _task(self, reply):
        self._finish(reply)
        return Task(self, reply.task_id)

    def _finish(self, reply, settle=True):
        if reply.done:
            # The earlier copies are filled first, as the SDK's in-order commands write
            # them: when two D2H copies target the same array, the later one's words stay.
            if settle:
                self._settle_before(reply.task_id)
            if reply.task_id in self._pending:
                dest, _ = self._pending.pop(reply.task_id)
                dest.reshape(-1)[:] = np.frombuffer(reply.data, dtype=_wire(dest.dtype))
        return reply

    def _settle_before(self, task_id):
        """The SDK runs commands in order, so once a task is done every nonblocking copy-mode
        D2H issued before it has its data in the host array too (a script may wait only
        for its last command). Streaming D2H copies are left alone: they end when the
        kernel sends, which may take commands issued later."""
        for earlier in sorted(t for t, (_, streaming) in self._pending.items()
                              if t < task_id and not streaming):
            if earlier in self._pending:  # ascending, so nothing before it is left
                self._finish(self._call(self._conn.runtime.Task, pb.TaskRequest(
                    session_id=self._session, task_id=earlier, wait=True)), settle=False)

    # ---- simulator extras ----
    def is_simulator(self):
        return True

    def dump_core(self, corefile="corefile.cs1"):
        """Writes the core to corefile.partial and renames it when the appliance sent it
        all: a failed call (before load(), a lost appliance) leaves no empty or partial
        core behind for debug_util to read, and an earlier core is replaced whole."""
        self._require_owner()
        corefile = _core_path(corefile)
        partial = corefile + ".partial"
        try:
            with open(partial, "wb") as f:
                for chunk in self._conn.stream(self._conn.runtime.DumpCore,
                                               pb.SessionRef(session_id=self._session)):
                    f.write(chunk.data)
            os.replace(partial, corefile)
        except OSError as e:
            with contextlib.suppress(OSError):
                os.remove(partial)
            # open()'s and rename()'s own messages named the temporary corefile.partial.
            raise OSError(e.errno, f"dump_core({corefile!r}): cannot write the core file: "
                                   f"{e.strerror}") from None
        except BaseException:
            with contextlib.suppress(OSError):
                os.remove(partial)
            raise

    def read_symbol(self, x, y, symbol_name, dtype="uint8"):
        x, y = _integer("read_symbol", "x", x), _integer("read_symbol", "y", y)
        symbol_name = _symbol_name(f"read_symbol({x}, {y})", "symbol_name", symbol_name)
        call = f"read_symbol({x}, {y}, {symbol_name!r})"
        # SRAM is little-endian; the result has the dtype asked for.
        dtype = element_dtype(call, dtype)
        g = self._geometry
        if not (0 <= x < g.width and 0 <= y < g.height):
            # protobuf's own refusal of a negative uint32 named neither call nor argument,
            # and fabric coordinates (which debug_util takes) got no hint from the appliance.
            if os.path.exists(os.path.join(self._bindir, "sdklayout.json")):
                how = "read_symbol takes layout coordinates, as place() does"
            else:
                how = (f"read_symbol takes rectangle coordinates from (0,0) (fabric "
                       f"({g.offset_x},{g.offset_y}) is rectangle (0,0))")
            raise ValueError(f"{call}: PE ({x},{y}) lies outside the {g.width}x{g.height} "
                             f"program rectangle; {how}")
        reply = self._call(self._conn.runtime.ReadSymbol, pb.ReadSymbolRequest(
            session_id=self._session, x=x, y=y, name=symbol_name))
        if len(reply.data) % dtype.itemsize:
            # numpy said only "buffer size must be a multiple of element size".
            raise ValueError(f"{call}: the symbol has {len(reply.data)} bytes, not a whole "
                             f"number of {dtype} elements ({dtype.itemsize} bytes each)")
        return np.frombuffer(reply.data, dtype=_wire(dtype)).astype(dtype)

    # ---- SdkLayout streams ----
    def send(self, port, src, n_wavelets=None, nonblock=False):
        """Sends n_wavelets (default: all) elements of src into an SdkLayout input stream,
        named as create_input_stream returned it or by get_port_id."""
        return _sdklayout.stream_send(self, port, src, n_wavelets, nonblock)

    def receive(self, port, dest, n_wavelets, nonblock=False):
        """Receives n_wavelets elements of an SdkLayout output stream into dest."""
        return _sdklayout.stream_receive(self, port, dest, n_wavelets, nonblock)

    def receive_tofile(self, port, path, nonblock=False):
        """Receives the output stream's port data_size words into the file path (raw bytes)."""
        return _sdklayout.stream_receive_tofile(self, port, path, nonblock)

    def get_port_id(self, name):
        """The integer id of a stream (send/receive take it in place of the name), or None."""
        return _sdklayout.port_id(self, name)

    def report_port_infos(self):
        """Prints every stream: id, name, direction, I/O PE, colors and size."""
        _sdklayout.report_port_infos(self)

    def _layout_streams(self):
        path = os.path.join(self._bindir, "sdklayout.json")
        if not os.path.exists(path):
            raise ValueError(f"{self._bindir} was not compiled by SdkLayout: it has no streams")
        with open(path, encoding="utf-8") as f:
            return json.load(f)["streams"]

    def coord_logical_to_physical(self, coord):
        x, y = coord
        return (self._geometry.offset_x + x, self._geometry.offset_y + y)

    def download_artifact(self, name, out_path):
        """Copies a file of the compile output directory (the runtime reads it locally)."""
        path = os.path.normpath(os.path.join(self._bindir, name))
        if os.path.isabs(name) or not path.startswith(os.path.normpath(self._bindir) + os.sep):
            raise ValueError(f"download_artifact: '{name}' lies outside {self._bindir}")
        with open(path, "rb") as src, open(out_path, "wb") as dst:
            dst.write(src.read())

    @property
    def session_id(self):
        return self._session

    @property
    def address(self):
        return self._conn.address

    def _after_fork_in_child(self):
        """Called in a child made by os.fork(): this runtime is the parent's. Its channel
        and its Hold() stream stay untouched for the child's whole life (their destructors
        would cancel the parent's stream), and so does its sim.log stream (closing its file
        here would write lines the parent's buffer held a second time); close() and every
        command refuse to run here."""
        _connection.keep_in_child(self._conn, self._hold)
        if self._simlog is not None:
            _connection.keep_in_child(self._simlog)

    def _require_owner(self):
        """A call from a forked child on the parent's runtime is refused: gRPC calls on a
        channel inherited through fork() block for ever."""
        if os.getpid() != self._owner_pid:
            raise RuntimeError(f"this SdkRuntime belongs to process {self._owner_pid}, which "
                               f"forked this one ({os.getpid()}): a forked child cannot use its "
                               "parent's session; open a new SdkRuntime in the child")

    def _call(self, fn, request):
        self._require_owner()
        if self._closed:
            # Its channel is gone: grpc would say only "Cannot invoke RPC on closed channel!".
            raise RuntimeError("this SdkRuntime was closed (close() or the end of its with "
                               "block); open a new one")
        stream = self._simlog
        if stream is not None:
            stream.calls_in_flight += 1
        try:
            return self._conn.call(fn, request)
        except ApplianceError as e:
            # The simulation stopped (hang or fault): the script usually ends here without
            # stop(), yet its simprint output is what a stalled program is debugged with
            # (SDK topic-13), so sim.log gets it now.
            if e.code.name == "ABORTED" and not self._aborted_log_written:
                self._aborted_log_written = True
                if stream is not None:
                    stream.calls_in_flight -= 1
                    stream.finish()
                    self._simlog = stream = None
                else:
                    SimLogStream(self._conn, self._session, follow=False).finish()
            raise
        finally:
            if stream is not None:
                stream.calls_in_flight -= 1


# SdkLayout lives in its own file; SDK scripts import it from here.
from cerebras.sdk.runtime import _sdklayout  # noqa: E402  pylint: disable=wrong-import-position
from cerebras.sdk.runtime._sdklayout import (  # noqa: E402,F401  pylint: disable=wrong-import-position
    CodeRegion, Color, Edge, EdgeRouteInfo, FP16TYPE, LayoutError, PortHandle, Route,
    RoutingPosition, SdkCompileArtifacts, SdkLayout, get_edge_routing)
