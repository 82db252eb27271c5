"""sim.log written as the run goes, as the SDK's simulator writes it: the file is created
when the runtime runs (run()), and a thread appends the session's new simprint lines
(Debug.Simprint, "@<cycle> <text>") every half second while a command of the script is in
flight (simulated time advances only then; an idle script does not keep its session busy
for the appliance's idle reaper), so a user can follow an endless
printing loop with `tail -f sim.log`, and nothing is held in this process. stop() appends
the rest. Before, sim.log appeared only at stop() (or when a hang or fault ended the run):
an interrupted endless loop left none, and the script held every line in memory.
The appliance keeps at most 64 MiB of a session's simprint lines (_KEPT_BYTES); the log
says where it reaches that limit, when it does, and stop() adds how many lines were
dropped."""
import os
import sys
import threading

from tessera import appliance_pb2 as pb

from cerebras.sdk._connection import ApplianceError

_POLL_SECONDS = 0.5
_PAGE_LINES = 10000
# The appliance keeps at most this many bytes of a session's simprint lines, each counted
# in its "@cycle PE(x,y): text" form without the line break (sim's kMaxSimprintBytes,
# docs/appliance.md); a line that does not fit any more is dropped and counted, and stop()'s
# reply ends with a line giving the count.
_KEPT_BYTES = 64 << 20


def sim_log_line(line):
    """A simprint line "@cycle PE(x,y): text" as sim.log has it, "@cycle text" (what
    sim::Fabric::simLogLine does on the appliance)."""
    space = line.find(" ")
    text = line.find("): ", space) if space >= 0 else -1
    if space < 0 or text < 0 or not line.startswith(" PE(", space):
        return line
    return line[:space + 1] + line[text + 3:]


class SimLogStream:
    def __init__(self, conn, session, path="sim.log"):
        self._conn = conn
        self._session = session
        self.path = os.path.abspath(path)
        self._lines = 0  # session lines already in the file
        self._kept_bytes = 0  # their size as the appliance counts it (_KEPT_BYTES)
        self._longest = 0  # the longest of them, in the same measure
        self._cap_noted = False
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
                # The lines with their PEs: the appliance's limit counts them so.
                reply = self._conn.call(self._conn.debug.Simprint, pb.SimprintRequest(
                    session_id=self._session, first_line=self._lines, max_lines=_PAGE_LINES))
                if not reply.lines:
                    break
                self._write_counted(reply.lines)
                if self._lines >= reply.total_lines:
                    break
            if self._file is not None:
                self._file.flush()

    def _write(self, lines):
        for line in lines:
            self._file.write(line if line.endswith("\n") else line + "\n")
        self._lines += len(lines)

    def _write_counted(self, lines):
        """Writes session lines (with their PEs) in sim.log's form. When the appliance's
        record is full, so that a line as long as the longest so far would be dropped, the
        log says so at once: sim.log stops growing there, and a user following it with
        `tail -f` saw no reason until stop() (or none, when the script never got there)."""
        last = None
        for line in lines:
            size = len(line.encode("utf-8"))
            self._kept_bytes += size
            self._longest = max(self._longest, size)
            last = sim_log_line(line)
            self._file.write(last + "\n")
        self._lines += len(lines)
        if not self._cap_noted and self._kept_bytes + self._longest > _KEPT_BYTES:
            self._cap_noted = True
            cycle = last.split(" ", 1)[0] if last.startswith("@") else "@?"
            self._file.write(
                f"{cycle} (Tessera: sim.log may stop growing here: the appliance keeps at most "
                f"{_KEPT_BYTES >> 20} MiB ({_KEPT_BYTES:,} bytes) of a session's simprint "
                f"output, and the {self._lines:,} lines so far take {self._kept_bytes:,}; a "
                "later line that does not fit is dropped, and stop() ends the log with how "
                "many were)\n")

    def finish(self, all_lines=None):
        """Ends the stream. all_lines: every line of the run (stop()'s reply, which ends
        with a note when lines were dropped); those not written yet are appended. Without
        it (close(), a run that ended by a hang or fault) the session is asked once more."""
        self._done.set()
        if self._file is None:
            return
        if threading.current_thread() is not self._thread:
            self._thread.join(timeout=10)
        # The lines not written yet come from the session, counted as they are streamed,
        # so a log that reached the appliance's limit says where; stop()'s reply (all_lines,
        # in sim.log's form) then adds its last line, the count of dropped lines.
        try:
            self.pull()
        except (ApplianceError, OSError, ValueError):
            pass
        with self._lock:
            try:
                if all_lines is not None and self._file is not None:
                    self._write(all_lines[self._lines:])
            except OSError:
                pass
        with self._lock:
            try:
                self._file.close()
            except OSError:
                pass
            self._file = None
