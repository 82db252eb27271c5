"""sim.log written as the run goes, as the SDK's simulator writes it: the file is created
when the runtime runs (run()), and a thread appends the session's new simprint lines
(Debug.Simprint, "@<cycle> <text>") while a command of the script is in flight (simulated
time advances only then; an idle script does not keep its session busy for the appliance's
idle reaper), so a user can follow an endless printing loop with `tail -f sim.log`, and
nothing is held in this process. stop() appends the rest. Before, sim.log appeared only at
stop() (or when a hang or fault ended the run): an interrupted endless loop left none, and
the script held every line in memory.

The appliance keeps a window of a session's newest simprint lines (64 MiB by default,
$TESSERA_SIMPRINT_WINDOW_BYTES; docs/appliance.md), numbered from the run's first line.
The stream fetches with follow=True: the session's runs wait for it (a few seconds at most)
before lines it has not fetched would leave the window, so sim.log gets every line however
much the run prints. When lines left the window unfetched all the same (the stream stopped
fetching for longer than that), sim.log says at that place how many, which ones and between
which cycles: a gap is never silent."""
import os
import sys
import threading

from tessera import appliance_pb2 as pb

from cerebras.sdk._connection import ApplianceError

_POLL_SECONDS = 0.5
# After a poll that found lines: the run is printing, so the next poll comes soon (a run
# that filled half the window waits for it).
_BUSY_POLL_SECONDS = 0.02
_PAGE_LINES = 10000


class SimLogStream:
    """Appends a session's simprint lines to sim.log (path). follow=False: no thread and no
    hold on the appliance's window; finish() writes what the session still has."""

    def __init__(self, conn, session, path="sim.log", follow=True):
        self._conn = conn
        self._session = session
        self._follow_run = follow
        self.path = os.path.abspath(path)
        self._lines = 0  # index of the next session line to write
        self._last_cycle = None  # "@<cycle>" of the last line written
        self.calls_in_flight = 0  # the runtime's commands running now (a polling hint)
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = None
        try:
            self._file = open(self.path, "w", encoding="utf-8")
        except OSError as e:
            print(f"warning: run(): cannot write {self.path} ({e.strerror}); the simprint "
                  "output is not kept", file=sys.stderr)
            self._file = None
            return
        if follow:
            # The appliance holds lines for a follower from its first fetch on: this one,
            # before the script's first command can print.
            try:
                self.pull()
            except (ApplianceError, OSError, ValueError):
                pass  # the thread's polls meet it again; run() itself must not fail here
            self._thread = threading.Thread(target=self._follow, name="tessera-sim.log",
                                            daemon=True)
            self._thread.start()

    def _follow(self):
        wait = _POLL_SECONDS
        while not self._done.wait(wait):
            if not self.calls_in_flight:
                wait = _POLL_SECONDS
                continue
            try:
                wait = _BUSY_POLL_SECONDS if self.pull() else _POLL_SECONDS
            except (ApplianceError, OSError, ValueError):
                return  # the session is gone or the file cannot be written; stop() says why

    def pull(self):
        """Appends the lines the session printed since the last pull; returns how many."""
        written = 0
        with self._lock:
            while self._file is not None:
                reply = self._conn.call(self._conn.debug.Simprint, pb.SimprintRequest(
                    session_id=self._session, first_line=self._lines, max_lines=_PAGE_LINES,
                    sim_log_form=True, follow=self._follow_run))
                if reply.first_line > self._lines:
                    self._note_gap(reply)
                self._write(reply.lines)
                written += len(reply.lines)
                if not reply.lines or self._lines >= reply.total_lines:
                    break
            if self._file is not None:
                self._file.flush()
        return written

    def _write(self, lines):
        for line in lines:
            self._file.write(line + "\n")
        if lines:
            self._last_cycle = _cycle_of(lines[-1])
        self._lines += len(lines)

    def _note_gap(self, reply):
        """The lines [self._lines, reply.first_line) left the appliance's window before this
        stream fetched them: says so where they belonged."""
        lost = reply.first_line - self._lines
        after = _cycle_of(reply.lines[0]) if reply.lines else None
        between = ""
        if self._last_cycle and after:
            between = f", printed between cycles {self._last_cycle[1:]} and {after[1:]}"
        elif after:
            between = f", printed up to cycle {after[1:]}"
        self._file.write(
            f"{after or self._last_cycle or '@0'} (Tessera: {lost:,} simprint line"
            f"{'s are' if lost != 1 else ' is'} missing here, the run's line"
            f"{'s' if lost != 1 else ''} {self._lines + 1:,}"
            f"{f' to {reply.first_line:,}' if lost != 1 else ''} (counting from 1){between}: "
            f"the appliance keeps only the newest {reply.window_bytes:,} bytes of a session's "
            "simprint output ($TESSERA_SIMPRINT_WINDOW_BYTES) and released them before sim.log "
            "fetched them)\n")
        self._lines = reply.first_line

    def finish(self):
        """Ends the stream: the lines not written yet are appended and the file closed."""
        self._done.set()
        if self._file is None:
            return
        if self._thread is not None and threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)
        try:
            self.pull()
        except (ApplianceError, OSError, ValueError):
            pass
        with self._lock:
            try:
                self._file.close()
            except OSError:
                pass
            self._file = None


def _cycle_of(line):
    """The "@<cycle>" a sim.log line starts with, or None."""
    head = line.split(" ", 1)[0]
    return head if head.startswith("@") and head[1:].isdigit() else None
