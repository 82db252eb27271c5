"""Shared memory for memcpy words when the appliance runs on this machine (unix socket).

The words then travel through a POSIX shared memory object (`/dev/shm/tessera-shm-...`,
mode 0600) that the appliance maps by name (MemcpyRequest.shm_name), instead of inside
the gRPC message: no protobuf encoding, no HTTP/2 framing, two copies fewer on each side.
One segment per runtime grows to the largest copy and is removed when the runtime closes.
Set TESSERA_NO_SHM=1 to send every copy in the message.
"""
import itertools
import mmap
import os

import numpy as np

_SHM_DIR = "/dev/shm"
_MIN_BYTES = 256 * 1024  # below this the message is as fast and needs no mapping
_counter = itertools.count()


def enabled_for(address):
    off = os.environ.get("TESSERA_NO_SHM", "")
    return (address.startswith("unix:") and off in ("", "0")
            and os.path.isdir(_SHM_DIR) and os.access(_SHM_DIR, os.W_OK))


def refused(error):
    """True when the appliance could not use our segment (then the message is used)."""
    return "shm_name" in (error.details or "")


class Segment:
    def __init__(self):
        self.name = f"/tessera-shm-{os.getpid()}-{next(_counter)}-{os.urandom(6).hex()}"
        self._path = _SHM_DIR + self.name
        self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o600)
        self._map = None
        self._size = 0

    @staticmethod
    def worth_it(nbytes):
        return nbytes >= _MIN_BYTES

    def words(self, count):
        """A uint32 view of the first `count` words, growing the segment as needed."""
        nbytes = count * 4
        if nbytes > self._size:
            if self._map is not None:
                self._map.close()
            os.ftruncate(self._fd, nbytes)
            self._map = mmap.mmap(self._fd, nbytes)
            self._size = nbytes
        return np.frombuffer(self._map, dtype=np.uint32, count=count)

    def close(self):
        if self._fd < 0:
            return
        if self._map is not None:
            try:
                self._map.close()
            except BufferError:  # a view is still alive; the mapping goes with it
                pass
            self._map = None
        os.close(self._fd)
        self._fd = -1
        try:
            os.unlink(self._path)
        except OSError:
            pass
