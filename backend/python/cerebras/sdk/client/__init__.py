"""cerebras.sdk.client: compile and launch on an appliance (SdkCompiler, SdkLauncher)."""
import os
import re
import shlex
import stat
import threading

import grpc

from cerebras.sdk._connection import ApplianceError, Connection
from cerebras.sdk.runtime import sdkruntimepybind as _runtime
from cerebras.sdk.runtime.sdkruntimepybind import (  # re-exported as the SDK does
    MemcpyDataType, MemcpyOrder)
from tessera import appliance_pb2 as pb

__all__ = ["SdkCompiler", "SdkLauncher", "SdkRuntime", "MemcpyDataType", "MemcpyOrder",
           "ApplianceError"]

_MAX_UPLOAD = 1 << 30


def _collect(directory, what):
    """Every regular file below directory as FileEntry messages; refuses symlinks that
    point outside it."""
    root = os.path.realpath(directory)
    if not os.path.isdir(root):
        raise FileNotFoundError(f"{what} '{directory}' is not a directory")
    files, total = [], 0
    for base, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            full = os.path.join(base, name)
            real = os.path.realpath(full)
            if not real.startswith(root + os.sep):
                raise PermissionError(f"{what} entry '{os.path.relpath(full, root)}' is a symlink "
                                      "leading outside the directory")
            if not os.path.isfile(real):
                continue
            with open(real, "rb") as f:
                data = f.read()
            total += len(data)
            if total > _MAX_UPLOAD:
                raise ValueError(f"{what} is larger than {_MAX_UPLOAD} bytes")
            files.append(pb.FileEntry(path=os.path.relpath(full, root).replace(os.sep, "/"),
                                      data=data,
                                      executable=bool(os.stat(real).st_mode & stat.S_IXUSR)))
    return files


# A module imported, or a tile's code named, by a literal path (not a <library>).
_RELATIVE_IMPORT = re.compile(r'@(?:import_module\s*\(|set_tile_code\s*\([^;"]*?,)\s*"([^"<>]+)"')


def _csl_files(directory):
    return [os.path.join(base, n) for base, _, names in os.walk(directory) for n in names
            if n.endswith(".csl")]


def _lexical(path):
    return os.path.normpath(os.path.abspath(path))


def _library_dirs(codedir):
    """The directories of the .csl files that codedir's .csl files import, directly or
    through each other, by relative paths leading out of codedir (an SDK benchmark's
    src/layout.csl imports ../../benchmark-libs/<lib>/layout.csl), as absolute paths. A whole
    directory goes with each such file, as a library picks its own files by computed
    paths (<lib>/pe.csl imports <lib>/wse2/pe.csl or <lib>/wse3/pe.csl). Paths are
    resolved as the compiler resolves imports, by their text: a directory reached through a
    symlink keeps the name the import uses (its real path was uploaded where no import
    looked)."""
    root = _lexical(codedir)
    todo = _csl_files(root)
    dirs = []
    while todo:
        source = todo.pop()
        with open(source, encoding="utf-8", errors="replace") as f:
            text = f.read()
        for rel in _RELATIVE_IMPORT.findall(text):
            target = _lexical(os.path.join(os.path.dirname(source), rel))
            if not os.path.isfile(target):
                # The SDK resolves such a path from the layout's directory as well.
                target = _lexical(os.path.join(root, rel))
            folder = os.path.dirname(target)
            if (not os.path.isfile(target) or (folder + os.sep).startswith(root + os.sep)
                    or any((folder + os.sep).startswith(d + os.sep) for d in dirs)):
                continue
            dirs = [d for d in dirs if not (d + os.sep).startswith(folder + os.sep)] + [folder]
            todo.extend(_csl_files(folder))
    return sorted(dirs)


def _code_files(codedir, layout, args):
    """(files, layout, args) of a compile request: codedir's files, and when its .csl
    files import files outside it, the directories of those too, all relative to the
    nearest directory holding them, with the layout's path and --import-path values
    moved there as well."""
    libraries = _library_dirs(codedir)
    files = _collect(codedir, "codedir")
    if not os.path.isfile(os.path.join(codedir, layout)):
        # The appliance would name its own workspace's copy of the path, not the user's.
        raise FileNotFoundError(f"compile: layout '{layout}' is not a file in codedir "
                                f"'{codedir}'")
    if not libraries:
        return files, layout, args
    root = _lexical(codedir)
    top = os.path.commonpath([root] + libraries)
    prefix = os.path.relpath(root, top).replace(os.sep, "/")
    for f in files:
        f.path = prefix + "/" + f.path
    for folder in libraries:
        lib = os.path.relpath(folder, top).replace(os.sep, "/")
        for f in _collect(folder, "imported directory"):
            files.append(pb.FileEntry(path=lib + "/" + f.path, data=f.data,
                                      executable=f.executable))
    words = shlex.split(args)
    for i, word in enumerate(words):
        if word.startswith("--import-path="):
            words[i] = "--import-path=" + prefix + "/" + word[len("--import-path="):]
        elif i > 0 and words[i - 1] == "--import-path":
            words[i] = prefix + "/" + word
    return files, prefix + "/" + layout, shlex.join(words)


def _safe_join(root, rel, what):
    if os.path.isabs(rel) or ".." in rel.replace("\\", "/").split("/"):
        raise PermissionError(f"{what} '{rel}' must stay inside {root}")
    return os.path.join(root, rel)


class SdkCompiler:
    """SdkCompiler(cmaddr=None, mgmt_namespace=..., resource_cpu=..., resource_mem=...,
    disable_version_check=False) as a context manager."""

    def __init__(self, cmaddr=None, mgmt_namespace="", resource_cpu=0.0, resource_mem=0,
                 disable_version_check=False, token=None, **_ignored_kw):
        self._conn = Connection(cmaddr, token=token, disable_version_check=disable_version_check)
        self._namespace = mgmt_namespace
        self._cpu = float(resource_cpu)
        self._mem = int(resource_mem)
        self.diagnostics = []
        self._lock = threading.Lock()
        self._call = None  # the compile in flight, for cancel()
        self._cancelled = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._conn.close()

    def cancel(self):
        """Cancels the compile in flight from another thread (Tessera; issue 5): compile()
        raises ApplianceError(CANCELLED), writes nothing to outdir, and the appliance's
        compiler stops. With no compile in flight, the next compile() is the one cancelled."""
        with self._lock:
            self._cancelled = True
            if self._call is not None:
                self._call.cancel()

    def compile(self, codedir, layout, args, outdir=".", timeout=None):
        """Compiles codedir/layout with the cslc argument string; returns the artifact path
        (outdir/<-o name>; outdir defaults to the current directory, as SDK scripts that
        pass three arguments expect). Diagnostics are printed and kept in self.diagnostics."""
        files, layout, args = _code_files(codedir, layout, args)
        request = pb.CompileRequest(code_files=files, layout=layout,
                                    args=args, mgmt_namespace=self._namespace,
                                    resource_cpu=self._cpu, resource_mem=self._mem)
        self.diagnostics = []
        done = None
        cancelled = ApplianceError(grpc.StatusCode.CANCELLED, "compile: cancelled")
        with self._lock:
            if self._cancelled:
                self._cancelled = False
                raise cancelled
            self._call = self._conn.compiler.Compile(request, metadata=self._conn.metadata,
                                                     timeout=timeout)
        try:
            for event in self._call:
                if event.HasField("diagnostic"):
                    self.diagnostics.append(event.diagnostic)
                    print(event.diagnostic.formatted or event.diagnostic.message, end="" if
                          event.diagnostic.formatted.endswith("\n") else "\n")
                else:
                    done = event.done
        except grpc.RpcError as e:  # pylint: disable=no-member
            error = ApplianceError(e.code(), e.details())
            raise self._conn._explain(error) from None  # pylint: disable=protected-access
        finally:
            with self._lock:
                self._call.cancel()  # no-op once it ended; ends it on KeyboardInterrupt
                self._call = None
                was_cancelled, self._cancelled = self._cancelled, False
            if was_cancelled:
                raise cancelled
        if done is None or not done.ok:
            errors = [d for d in self.diagnostics if d.severity == "error"]
            raise RuntimeError(f"compile failed with {len(errors)} error(s)")
        target = _safe_join(os.fspath(outdir), done.artifact_name, "artifact name")
        for f in done.artifact_files:
            path = _safe_join(target, f.path, "artifact file")
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(path, "wb") as out:
                out.write(f.data)
        return target


class SdkRuntime(_runtime.SdkRuntime):
    """Appliance mode's SdkRuntime(artifact_path, simulator=True, **kw): the runtime of
    cerebras.sdk.runtime.sdkruntimepybind, but as a context manager it loads and runs the
    program on entry and stops it on exit, so a script calls neither load(), run() nor
    stop(). Tessera has no hardware: simulator=False runs on the simulator too."""

    def __init__(self, artifact_path, simulator=True, **kw):
        super().__init__(artifact_path, **kw)
        self.simulator = bool(simulator)
        self._stopped = False

    def stop(self):
        cycle = super().stop()
        self._stopped = True
        return cycle

    def __enter__(self):
        self.load()
        self.run()
        return self

    def __exit__(self, exc_type, *exc):
        try:
            # After an error the run is left as it stands (stop() would run the PEs on
            # and could hide the error); a script that stopped it itself is not stopped twice.
            if exc_type is None and not self._stopped:
                self.stop()
        finally:
            self.close()


class SdkLauncher:
    """SdkLauncher(artifact_path, simulator=True, cmaddr=None) as a context manager: the
    artifact goes into a fresh job workspace on the appliance; run() executes shell
    commands there with %CMADDR% replaced by the job's simulated system address."""

    def __init__(self, artifact_path, simulator=True, cmaddr=None, disable_version_check=False,
                 token=None, **_ignored_kw):
        self._artifact = os.fspath(artifact_path)
        self._simulator = simulator
        self._conn = Connection(cmaddr, token=token, disable_version_check=disable_version_check)
        self._job = None
        self.cmaddr = None

    def __enter__(self):
        reply = self._conn.call(self._conn.launcher.CreateJob, pb.CreateJobRequest(
            artifact_name=os.path.basename(os.path.normpath(self._artifact)),
            artifact_files=_collect(self._artifact, "artifact_path"), simulator=self._simulator))
        self._job = reply.job_id
        self.cmaddr = reply.cmaddr
        return self

    def __exit__(self, *exc):
        if self._job:
            try:
                self._conn.call(self._conn.launcher.CloseJob, pb.JobRef(job_id=self._job))
            finally:
                self._job = None
                self._conn.close()

    def stage(self, path, dest=None):
        """Uploads a file or directory into the job workspace (as its base name, or dest)."""
        path = os.fspath(path)
        name = dest or os.path.basename(os.path.normpath(path))
        if os.path.isdir(path):
            files = [pb.FileEntry(path=name + "/" + f.path, data=f.data, executable=f.executable)
                     for f in _collect(path, "stage path")]
        else:
            with open(path, "rb") as f:
                files = [pb.FileEntry(path=name, data=f.read(),
                                      executable=bool(os.stat(path).st_mode & stat.S_IXUSR))]
        self._conn.call(self._conn.launcher.Stage, pb.StageRequest(job_id=self._job, files=files))

    def run(self, *commands, timeout_seconds=0):
        """Runs each command in the job workspace; returns their combined output. A command
        that fails raises RuntimeError carrying its output."""
        outputs = []
        for command in commands:
            reply = self._conn.call(self._conn.launcher.RunCommand, pb.RunCommandRequest(
                job_id=self._job, command=command, timeout_seconds=timeout_seconds))
            outputs.append(reply.output)
            if reply.exit_code != 0:
                raise RuntimeError(f"'{command}' exited with {reply.exit_code}:\n{reply.output}")
        return "".join(outputs)

    def download_artifact(self, name, out_path):
        reply = self._conn.call(self._conn.launcher.Download,
                                pb.DownloadRequest(job_id=self._job, path=name))
        with open(out_path, "wb") as f:
            f.write(reply.data)
