"""Connections to a Tessera appliance: an address, $TESSERA_APPLIANCE, or a private one.

A private appliance is a `tessera-appliance` child process listening on a unix socket in
a fresh temporary directory; it exits when this process closes its stdin (so it never
outlives the script). One private appliance serves every runtime of the process. If it
ends abnormally (killed, a non-zero status: a crash or a sanitizer report) the script
fails at exit with that status and the path of the daemon's log.
"""
import atexit
import ctypes
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import weakref

import grpc

from tessera import appliance_pb2 as pb
from tessera import appliance_pb2_grpc as pbg

PROTOCOL_VERSION = 1
CLIENT_VERSION = "tessera-python 0.1.0"
_MAX = -1  # no message size limit on the client side; the server enforces its own


class ApplianceError(RuntimeError):
    """A call the appliance refused. `code` is the grpc.StatusCode, `details` its message."""

    def __init__(self, code, details):
        super().__init__(f"{code.name}: {details}")
        self.code = code
        self.details = details


def call(fn, request, **kw):
    try:
        return fn(request, **kw)
    except grpc.RpcError as e:  # pylint: disable=no-member
        raise ApplianceError(e.code(), e.details()) from None


def stream(fn, request, **kw):
    try:
        for item in fn(request, **kw):
            yield item
    except grpc.RpcError as e:  # pylint: disable=no-member
        raise ApplianceError(e.code(), e.details()) from None


def _grpc_target(address, source="cmaddr"):
    """The gRPC target of an appliance address. A malformed one is refused at once, naming
    where it came from (`source`): gRPC takes 'garbage' or 'localhost:99999' as a target it
    retries, so the connection waited its 30 s and said only "cannot reach the appliance"."""
    if not isinstance(address, str):
        raise TypeError(f"{source} must be a str (IP:PORT or unix:PATH), got "
                        f"{type(address).__name__} {address!r}")
    if address.startswith(("unix:", "unix-abstract:")):
        if not address.split(":", 1)[1]:
            raise ValueError(f"{source} '{address}': the socket path is empty")
        return address
    if address.startswith(("ipv4:", "ipv6:")):  # gRPC's own address schemes
        return address
    if "://" in address:
        raise ValueError(f"{source} '{address}': expected IP:PORT or unix:PATH")
    host, colon, port = address.rpartition(":")
    if not colon or not host:
        raise ValueError(f"{source} '{address}': expected IP:PORT or unix:PATH (no "
                         f"{'port' if not colon else 'host'})")
    if host.startswith("[") != host.endswith("]") or (":" in host and not host.startswith("[")):
        raise ValueError(f"{source} '{address}': expected IP:PORT or unix:PATH (an IPv6 "
                         "address goes in brackets: [::1]:PORT)")
    if not port.isdigit() or not 1 <= int(port) <= 65535:
        raise ValueError(f"{source} '{address}': the port '{port}' is not a number 1..65535")
    return address


class _PrivateAppliance:
    """The daemon this process started. Its stderr goes to a log file beside its socket:
    the log is deleted with the rest when the daemon ends normally and kept (and named)
    when it does not, so a sanitizer report or crash in the daemon is never lost."""

    # How long the daemon may take to exit once its stdin closes. A sanitizer build checks
    # for leaks and symbolises its reports at exit, which takes seconds on a busy machine.
    EXIT_TIMEOUT = 120
    LOG_TAIL_LINES = 40

    def __init__(self):
        binary = os.environ.get("TESSERA_APPLIANCE_BIN") or shutil.which("tessera-appliance")
        if not binary or not os.path.exists(binary):
            raise RuntimeError("cannot find tessera-appliance: run the script with cs_python, "
                               "put Tessera's build/<preset>/bin on PATH, or pass cmaddr")
        self.dir = tempfile.mkdtemp(prefix="tessera-private-")
        self.address = "unix:" + os.path.join(self.dir, "appliance.sock")
        self.log_path = os.path.join(self.dir, "appliance.log")
        with open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [binary, "--listen", self.address, "--exit-on-stdin-eof",
                 "--work-dir", os.path.join(self.dir, "work")],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, text=True)
        self.binary = binary
        line = self.proc.stdout.readline()
        if "listening" not in line:
            self.proc.wait()
            raise RuntimeError(f"the private appliance {binary} did not start: it "
                               f"{describe_exit(self.proc.returncode)}; its log: "
                               f"{self.log_path}\n{self.log_tail()}")

    def failure(self):
        """Why the daemon is gone ("... exited with status 3"), or None while it runs."""
        code = self.proc.poll()
        if code is None:
            return None
        return f"the private appliance {self.binary} (pid {self.proc.pid}) {describe_exit(code)}"

    def close(self):
        """Ends the daemon. Returns None if it ended normally (status 0 after its stdin
        closed), else why not, naming its log, which is then kept."""
        killed = False
        if self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=self.EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                killed = True
        if killed:
            why = (f"the private appliance {self.binary} (pid {self.proc.pid}) did not exit "
                   f"within {self.EXIT_TIMEOUT} s after its client closed its stdin and was "
                   f"killed")
        elif self.proc.returncode != 0:
            why = self.failure()
        else:
            shutil.rmtree(self.dir, ignore_errors=True)
            return None
        shutil.rmtree(os.path.join(self.dir, "work"), ignore_errors=True)
        return f"{why}; its log: {self.log_path}"

    def disown(self):
        """In a forked child: closes the child's copies of the pipes to the daemon, so
        that the daemon still sees the end of its stdin when the parent exits, while a
        long-lived child (a pool worker) runs on."""
        for pipe in (self.proc.stdin, self.proc.stdout):
            try:
                pipe.close()
            except OSError:
                pass

    def log_tail(self):
        """The last lines of the daemon's log, indented, for an error message."""
        try:
            with open(self.log_path, "r", errors="replace") as log:
                lines = log.read().splitlines()[-self.LOG_TAIL_LINES:]
        except OSError as e:
            return f"  (its log cannot be read: {e})"
        if not lines:
            return "  (its log is empty)"
        return "\n".join("  " + line for line in lines)


def describe_exit(returncode):
    """'exited with status N' or 'was killed by signal N (SIGNAME)' for a Popen returncode."""
    if returncode is None:
        return "is still running"
    if returncode < 0:
        try:
            name = signal.Signals(-returncode).name
        except ValueError:
            name = "unknown signal"
        return f"was killed by signal {-returncode} ({name})"
    return f"exited with status {returncode}"


_private = None
_private_lock = threading.Lock()
# Whether this process ever connected (gRPC is then set up), and the process that had,
# when this one is its forked child.
_connected = False
_forked_from = None
# Objects with a close() that must run before the interpreter finalises (gRPC channels
# cannot be closed during finalisation) and before the private appliance goes away, and an
# _after_fork_in_child() that gives up what a forked child inherits of them.
_closables = weakref.WeakSet()


def register_for_exit(obj):
    _closables.add(obj)


def keep_in_child(*objects):
    """In a forked child: never destroys `objects`, gRPC calls and channels it shares with
    its parent. The destructor of a call in flight cancels it, and on the socket the child
    shares with its parent that cancel ends the parent's call: the child of a script that
    exited (sys.exit, an exception) cancelled its parent's SdkRuntime Hold() stream, and the
    appliance closed the parent's session. A reference nobody owns outlives even the
    interpreter's own clean-up at exit."""
    for obj in objects:
        ctypes.pythonapi.Py_IncRef(ctypes.py_object(obj))


def _forget_after_fork():
    """In a child made by os.fork() (a raw fork, multiprocessing's fork start method): the
    runtimes and the private appliance are the parent's. A gRPC call on an inherited
    channel blocks for ever after fork(), and closing the parent's sessions or its daemon
    from here would end them under the parent (this process's exit waited for ever in
    _shutdown); so the child leaves them alone (see SdkRuntime._after_fork_in_child). Nor
    can the child connect anew once the parent had connected: gRPC, set up by the parent,
    does not work after fork() (a new channel never became ready: 30 s, then "cannot reach
    the appliance"), so Connection() refuses at once and says why."""
    global _private, _forked_from  # pylint: disable=global-statement
    if _connected:
        _forked_from = _forked_from or os.getppid()
    for obj in list(_closables):
        obj._after_fork_in_child()  # pylint: disable=protected-access
    _closables.clear()
    if _private is not None:
        _private.disown()
        _private = None


os.register_at_fork(after_in_child=_forget_after_fork)


def _shutdown():
    for obj in list(_closables):
        try:
            obj.close()
        except Exception:  # pylint: disable=broad-except
            pass
    if _private is not None:
        problem = _private.close()
        if problem:
            _fail_at_exit(problem, _private.log_tail())


def _fail_at_exit(problem, log_tail):
    """A daemon that ended abnormally (a crash, a sanitizer report, a non-zero status)
    fails the script even when the script itself succeeded: the report is on stderr and
    the exit status is 1. An exception in an atexit handler cannot change the exit
    status, hence os._exit; it skips the handlers registered before this module's
    (logging's, whose streams are flushed here), so stdout and logging are flushed first."""
    logging.shutdown()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        pass
    sys.stderr.write(f"error: {problem}\nThe end of that log:\n{log_tail}\n")
    sys.stderr.flush()
    os._exit(1)


atexit.register(_shutdown)


def _private_address():
    global _private  # pylint: disable=global-statement
    with _private_lock:
        if _private is None:
            _private = _PrivateAppliance()
        return _private.address


def resolve_address(cmaddr):
    """cmaddr if given, else $TESSERA_APPLIANCE, else a private appliance; a malformed
    address is refused at once, naming the argument or the variable."""
    if cmaddr:
        _grpc_target(cmaddr, "cmaddr")
        return cmaddr
    env = os.environ.get("TESSERA_APPLIANCE")
    if env:
        _grpc_target(env, "$TESSERA_APPLIANCE")
        return env
    return _private_address()


class Connection:
    """A channel plus stubs, after a successful version handshake."""

    def __init__(self, cmaddr=None, token=None, disable_version_check=False):
        global _connected  # pylint: disable=global-statement
        if _forked_from is not None:
            raise RuntimeError(
                f"cannot connect to the appliance from process {os.getpid()}, forked (os.fork(), "
                f"multiprocessing's 'fork' start method) from process {_forked_from} after that "
                "one had connected: gRPC does not work in such a child. Talk to the appliance "
                "from the parent, or start workers with multiprocessing's 'spawn' start method")
        _connected = True
        self.address = resolve_address(cmaddr)
        self.channel = grpc.insecure_channel(
            _grpc_target(self.address),
            options=[("grpc.max_receive_message_length", _MAX),
                     ("grpc.max_send_message_length", _MAX),
                     ("grpc.max_metadata_size", 64 * 1024)])
        token = token or os.environ.get("TESSERA_TOKEN")
        self.metadata = (("authorization", "Bearer " + token),) if token else ()
        self.version = pbg.VersionStub(self.channel)
        self.runtime = pbg.RuntimeStub(self.channel)
        self.debug = pbg.DebugStub(self.channel)
        self.launcher = pbg.LauncherStub(self.channel)
        self.compiler = pbg.CompileStub(self.channel)
        try:
            grpc.channel_ready_future(self.channel).result(timeout=30)
        except grpc.FutureTimeoutError:
            raise ApplianceError(grpc.StatusCode.UNAVAILABLE,
                                 f"cannot reach the appliance at {self.address}") from None
        reply = self.call(self.version.Handshake, pb.HandshakeRequest(
            protocol_version=PROTOCOL_VERSION, client_version=CLIENT_VERSION,
            disable_version_check=disable_version_check))
        self.server_version = reply.server_version

    def round_trip(self):
        """One request and its reply (a handshake): the calls started before it on this
        channel have been sent to the appliance when it returns."""
        self.call(self.version.Handshake, pb.HandshakeRequest(
            protocol_version=PROTOCOL_VERSION, client_version=CLIENT_VERSION,
            disable_version_check=True))

    def call(self, fn, request):
        try:
            return call(fn, request, metadata=self.metadata)
        except ApplianceError as e:
            raise self._explain(e) from None

    def stream(self, fn, request, timeout=None):
        try:
            yield from stream(fn, request, metadata=self.metadata, timeout=timeout)
        except ApplianceError as e:
            raise self._explain(e) from None

    def _explain(self, error):
        """An UNAVAILABLE error names the daemon and how it ended when we started it."""
        if error.code != grpc.StatusCode.UNAVAILABLE:
            return error
        private = _private
        if private is not None and private.address == self.address:
            for _ in range(50):  # the socket closes a moment before the exit is reaped
                why = private.failure()
                if why:
                    return ApplianceError(error.code, f"{why}; the call failed: {error.details}")
                time.sleep(0.01)
        return ApplianceError(error.code, f"the appliance at {self.address} is unreachable "
                                          f"(did it exit or crash?): {error.details}")

    def close(self):
        self.channel.close()
