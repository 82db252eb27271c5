"""sim.log written as the run goes, as the SDK's simulator writes it: the file is created
when the runtime runs (run()), and a thread appends the session's new simprint lines
(Debug.Simprint, "@<cycle> <text>") every half second while a command of the script is in
flight (simulated time advances only then; an idle script does not keep its session busy
for the appliance's idle reaper), so a user can follow an endless
printing loop with `tail -f sim.log`, and nothing is held in this process. stop() appends
the rest. Before, sim.log appeared only at stop() (or when a hang or fault ended the run):
an interrupted endless loop left none, and the script held every line in memory."""
import os
import sys
import threading

from tessera import appliance_pb2 as pb

from cerebras.sdk._connection import ApplianceError

_POLL_SECONDS = 0.5
_PAGE_LINES = 10000


class SimLogStream:
    def __init__(self, conn, session, path="sim.log"):
        self._conn = conn
        self._session = session
        self.path = os.path.abspath(path)
        self._lines = 0  # session lines already in the file
        self.calls_in_flight = 0  # the runtime's commands running now (a polling hint)
        self._lock = threading.Lock()
        self._done = threading.Event()
        try:
            self._file = open(self.path, "w", encoding="utf-8")
        except OSError as e:
            print(f"warning: run(): cannot write {self.path} ({e.strerror}); the simprint "
                  "output is not kept", file=sys.stderr)
            self._file = None
            return
        self._thread = threading.Thread(target=self._follow, name="tessera-sim.log",
                                        daemon=True)
        self._thread.start()

    def _follow(self):
        while not self._done.wait(_POLL_SECONDS):
            if not self.calls_in_flight:
                continue
            try:
                self.pull()
            except (ApplianceError, OSError, ValueError):
                return  # the session is gone or the file cannot be written; stop() says why

    def pull(self):
        """Appends the lines the session printed since the last pull."""
        with self._lock:
            while self._file is not None:
                reply = self._conn.call(self._conn.debug.Simprint, pb.SimprintRequest(
                    session_id=self._session, first_line=self._lines, max_lines=_PAGE_LINES,
                    sim_log_form=True))
                if not reply.lines:
                    break
                self._write(reply.lines)
                if self._lines >= reply.total_lines:
                    break
            if self._file is not None:
                self._file.flush()

    def _write(self, lines):
        for line in lines:
            self._file.write(line if line.endswith("\n") else line + "\n")
        self._lines += len(lines)

    def finish(self, all_lines=None):
        """Ends the stream. all_lines: every line of the run (stop()'s reply, which ends
        with a note when lines were dropped); those not written yet are appended. Without
        it (close(), a run that ended by a hang or fault) the session is asked once more."""
        self._done.set()
        if self._file is None:
            return
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)
        with self._lock:
            try:
                if all_lines is not None:
                    self._write(all_lines[self._lines:])
            except OSError:
                pass
        if all_lines is None:
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
