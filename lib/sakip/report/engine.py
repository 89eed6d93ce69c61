"""Warm in-process execution of chapter notebooks behind papermill: the ``sakip`` engine.

A kernel per chapter costs about a second before the first cell runs (kernel start, then
``import pandas, matplotlib`` inside it) and loads the agency again in every chapter. This engine
runs the cells in the calling process instead, in an IPython shell created once per process, so
a worker that imports the library once can execute chapter after chapter at the cost of the code
in their cells. papermill still parameterises each notebook (it injects the parameters cell) and
writes each executed notebook as the audit trail; only the cell execution is replaced.

The outputs are those a kernel gives, built the way a kernel builds them: the shell is IPython's
own ``InteractiveShell`` (ipykernel's shell is a subclass of it), so the last expression of a cell
goes through the same display hook and ``DisplayFormatter``, ``display(...)`` through the same
``publish`` call; each message content then goes through the same JSON packing as a kernel
message and becomes a notebook output as ``nbformat.v4.output_from_msg`` builds it for nbclient
from what a kernel sends (:func:`output_from_msg`, without its schema check of each output). Prints become ``stream`` outputs, exceptions ``error`` outputs with
IPython's traceback. The executed notebook, and so the page, is the same either way
(``tests/test_engine.py`` and ``tests/test_fast_render.py`` hold that).

Each notebook starts as in a new kernel: a fresh ``__main__`` namespace, execution count 1, empty
In/Out history, no compiler ``__future__`` flags. After each notebook the process state a
notebook can change is put back: open matplotlib figures closed, ``rcParams`` and the backend
restored, warning filters, working directory, ``sys.path``, environment variables, the decimal
context, ``sys.argv`` and ``__main__`` restored, the cells' source dropped from ``linecache``.

What a kernel gives and this engine does not (docs/SCALE.md): crash isolation (a notebook that
kills its process kills the worker; the batch then retries that agency with a kernel per chapter),
cell timeouts, and figures a cell leaves open are not shown (a kernel with matplotlib's inline
backend would show them; the project's chapters display their charts as elements and close them).
Module state other than the above (a library's own caches) is shared between notebooks by design.
"""

from __future__ import annotations

import builtins
import datetime
import decimal
import functools
import gc
import importlib
import linecache
import logging
import os
import pkgutil
import re
import sys
import threading
import types
import warnings
from contextlib import contextmanager
from typing import Any, Iterator, Optional, cast

ENGINE_NAME = "sakip"

#: Imported once per worker before the first notebook.
WARM_MODULES = ("pandas", "matplotlib", "matplotlib.pyplot", "nbformat", "papermill",
                "IPython.core.interactiveshell", "sakip.analysis.context",
                "sakip.report.assemble")

#: Packages whose every module is imported too: what chapter notebooks call (docs/CHAPTERS.md).
#: Not the whole library: the store, the generator or the workbook template would cost a cold
#: single report half a second for nothing; a notebook that imports them pays it once per worker.
WARM_PACKAGES = ("sakip.components", "sakip.analysis")

#: Modules of those packages left out: the store reports' components, which import DuckDB and
#: the cross-agency package (0,1 s); a batch renders those reports once if at all, and their
#: notebooks import them.
COLD_MODULES = ("sakip.components.compare", "sakip.components.summary",
                "sakip.components.monitor", "sakip.components.datatable")

#: What a report imports on first use besides its chapters (reading and checking the agency's
#: input, the documents): imported by the warm-up too, so a worker's first report costs what
#: the others do.
FIRST_USE_MODULES = ("sakip.inputs.raw", "sakip.inputs.validate", "sakip.inputs.reference",
                     "sakip.report.copies", "sakip.report.documents")

#: The reports whose chapters a worker renders most (their titles and parameters are read once).
WARM_REPORTS = ("lkjip", "pengukuran")

log = logging.getLogger(__name__)


#: Modules jsonschema imports only to check string formats that no notebook schema uses (the
#: nbformat schemas declare no ``format`` at all): ``rfc3987_syntax`` builds a grammar at import
#: time (1,3-1,8 s measured here, in every process that imports nbformat and so papermill) for
#: ``iri``; ``isoduration`` imports ``arrow`` and its locales (25-190 ms) for ``duration``.
UNUSED_FORMAT_CHECKERS = ("rfc3987_syntax", "isoduration")


def lighten_imports() -> None:
    """Keep jsonschema from importing :data:`UNUSED_FORMAT_CHECKERS` (jsonschema skips a format
    whose checker cannot be imported). Only effective before jsonschema is imported; a no-op
    when it already is or when the modules are absent."""
    if "jsonschema" not in sys.modules:
        for name in UNUSED_FORMAT_CHECKERS:
            sys.modules.setdefault(name, None)  # type: ignore[arg-type]


# --- outputs, built as nbclient builds them from kernel messages ---------------------------------


class _Outputs:
    """The outputs of the running cell, and the display ids of the notebook (nbclient's logic)."""

    def __init__(self) -> None:
        self.nb: Any = None
        self.cell: Any = None
        self.cell_index = 0
        self.clear_before_next_output = False
        self.display_ids: dict[str, dict[int, list[int]]] = {}
        self.pending: dict[str, str] = {}  # stream text not yet an output, by stream name
        self.errored = False

    def start_notebook(self, nb: Any) -> None:
        self.nb, self.display_ids = nb, {}

    def start_cell(self, cell: Any, index: int) -> None:
        self.cell, self.cell_index = cell, index
        self.clear_before_next_output = False
        self.pending = {}
        self.errored = False

    # streams: text is collected per stream and flushed, stdout first, before any other output and
    # at the end of the cell, as ipykernel's buffered streams are for a cell that runs in less
    # than their flush interval
    def write(self, name: str, text: str) -> None:
        if text:
            self.pending[name] = self.pending.get(name, "") + text

    def flush_streams(self) -> None:
        pending, self.pending = self.pending, {}
        for name in ("stdout", "stderr"):
            if pending.get(name):
                self.message("stream", {"name": name, "text": pending[name]})

    def message(self, msg_type: str, content: dict[str, Any]) -> None:
        """One iopub message from the "kernel": pack and unpack it as the wire does, then update
        the cell as ``nbclient.NotebookClient.process_message`` does."""
        # here and below: this module is imported whenever papermill is (its entry point), so
        # the notebook machinery is imported on first use only
        from jupyter_client.session import json_packer, json_unpacker

        if self.cell is None:  # output outside a cell (e.g. an atexit print): nowhere to go
            return
        content = json_unpacker(json_packer(content))
        msg = {"header": {"msg_type": msg_type}, "msg_type": msg_type, "parent_header": {},
               "content": content}
        transient = content.get("transient")
        display_id = transient.get("display_id") if transient else None
        if display_id and msg_type in {"execute_result", "display_data", "update_display_data"}:
            self._update_display_id(display_id, msg)
        if "execution_count" in content:
            self.cell["execution_count"] = content["execution_count"]
        if msg_type == "clear_output":
            if content.get("wait"):
                self.clear_before_next_output = True
            else:
                self.cell.outputs[:] = []
                self._clear_display_id_mapping()
            return
        if msg_type == "update_display_data":
            return
        out = output_from_msg(msg)
        outs = self.cell.outputs
        if self.clear_before_next_output:
            outs[:] = []
            self._clear_display_id_mapping()
            self.clear_before_next_output = False
        if display_id:
            self.display_ids.setdefault(display_id, {}).setdefault(self.cell_index, []).append(len(outs))
        outs.append(out)

    def _update_display_id(self, display_id: str, msg: dict[str, Any]) -> None:
        if display_id not in self.display_ids:
            return
        if msg["header"]["msg_type"] == "update_display_data":
            msg = {**msg, "header": {"msg_type": "display_data"}}
        out = output_from_msg(msg)
        for cell_index, indices in self.display_ids[display_id].items():
            outputs = self.nb.cells[cell_index].outputs
            for i in indices:
                outputs[i]["data"] = out["data"]
                outputs[i]["metadata"] = out["metadata"]

    def _clear_display_id_mapping(self) -> None:
        for cell_map in self.display_ids.values():
            if self.cell_index in cell_map:
                cell_map[self.cell_index] = []


#: The defaults ``nbformat.v4.new_output`` gives each kind of output.
_OUTPUT_DEFAULTS: dict[str, dict[str, Any]] = {
    "stream": {"name": "stdout", "text": ""},
    "display_data": {"metadata": {}, "data": {}},
    "execute_result": {"metadata": {}, "data": {}, "execution_count": None},
    "error": {"ename": "NotImplementedError", "evalue": "", "traceback": []},
}

#: The fields ``nbformat.v4.output_from_msg`` takes from each kind of message.
_OUTPUT_FIELDS = {"execute_result": ("metadata", "data", "execution_count"),
                  "stream": ("name", "text"), "display_data": ("metadata", "data"),
                  "error": ("ename", "evalue", "traceback")}


_JSON_MIME = re.compile(r"^application/(.*\+)?json$")


def _plainly_valid(content: dict[str, Any]) -> bool:
    """What the output schema asks of the parts that vary: a MIME bundle whose values are text
    (or anything for a JSON type), metadata that is a mapping."""
    data = content.get("data", {})
    if not isinstance(data, dict) or not isinstance(content.get("metadata", {}), dict):
        return False
    for mime, value in data.items():
        if _JSON_MIME.match(mime):
            continue
        if not (isinstance(value, str)
                or (isinstance(value, list) and all(isinstance(v, str) for v in value))):
            return False
    return True


def output_from_msg(msg: dict[str, Any]) -> Any:
    """``nbformat.v4.output_from_msg`` without its schema check of every single output: it cost
    a tenth of a report's time (nbformat validates the whole notebook when papermill writes it).
    The same node, built the same way."""
    from nbformat.notebooknode import NotebookNode, from_dict  # on first use (see message)

    msg_type = msg["header"]["msg_type"]
    if msg_type not in _OUTPUT_FIELDS:
        raise ValueError(f"Unrecognized output msg type: {msg_type!r}")
    if not _plainly_valid(msg["content"]):  # let nbformat say what is wrong, as with a kernel
        from nbformat.v4 import output_from_msg as checked  # (see message)

        return checked(msg)
    output = NotebookNode(output_type=msg_type)
    for key, value in _OUTPUT_DEFAULTS[msg_type].items():
        output[key] = NotebookNode() if value == {} else ([] if value == [] else value)
    content = msg["content"]
    output.update(from_dict({key: content[key] for key in _OUTPUT_FIELDS[msg_type]}))
    return output


class _Stream:
    """``sys.stdout`` / ``sys.stderr`` during a cell: text goes to the cell's outputs."""

    encoding = "utf-8"
    errors = "strict"

    def __init__(self, outputs: _Outputs, name: str) -> None:
        self._outputs, self.name = outputs, name

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._outputs.write(self.name, text)
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        pass

    def isatty(self) -> bool:
        return False

    def readable(self) -> bool:
        return False

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:  # C-level writes go to the process's descriptor (the chapter's log)
        return 1 if self.name == "stdout" else 2


def _no_raw_input(*_args: Any, **_kwargs: Any) -> str:
    from IPython.core.error import StdinNotImplementedError  # IPython on first use only

    # ipykernel's message: papermill's kernel has no stdin either
    raise StdinNotImplementedError("raw_input was called, but this frontend does not support stdin.")


# --- the shell ------------------------------------------------------------------------------------


def _shell_classes():
    """IPython classes, defined on first use so that importing this module stays cheap (papermill
    loads every registered engine when it is imported)."""
    # IPython on first use only
    from IPython.core import displayhook, displaypub, formatters, history, interactiveshell

    DisplayHook, DisplayPublisher = displayhook.DisplayHook, displaypub.DisplayPublisher
    HistoryManager, InteractiveShell = history.HistoryManager, interactiveshell.InteractiveShell
    DisplayFormatter = formatters.DisplayFormatter

    class NotebookDisplayFormatter(DisplayFormatter):
        """IPython's formatter, with one shortcut that gives the same result: an object of a class
        shown only through ``_repr_mimebundle_`` and its repr (the chapters' elements) is
        formatted as its bundle plus ``text/plain``, without asking each of the ten other
        formatters, which walk the class's MRO and probe its attributes (0,15 ms an element, about
        18 ms a report, docs/BENCHMARKS.md). Which classes qualify is decided with IPython's own
        look-ups, once per class and per state of the formatters' registries; anything else,
        and any call with ``include``/``exclude``, takes IPython's path."""

        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            self.plain: dict = {}  # (class, registries) -> what _plain_display decided

        def format(self, obj, include=None, exclude=None):
            if include is None and exclude is None:
                fast = self._fast_format(obj)
                if fast is not None:
                    return fast
            return super().format(obj, include, exclude)

        def _registries(self) -> tuple:
            return tuple((id(f.type_printers), len(f.type_printers), len(f.deferred_printers),
                          len(f.singleton_printers)) for f in self.formatters.values()) + (
                len(self.mimebundle_formatter.type_printers),
                len(self.mimebundle_formatter.deferred_printers),
                len(self.ipython_display_formatter.type_printers))

        def _fast_format(self, obj):
            cls = type(obj)
            key = (cls, self._registries())
            methods = self.plain.get(key)
            if methods is None:
                methods = self.plain[key] = _plain_display(self, cls)
            if methods is False or id(obj) in self.formatters["text/plain"].singleton_printers:
                return None
            bundle = obj._repr_mimebundle_(include=None, exclude=None)
            if not isinstance(bundle, dict) or not bundle or "text/plain" in bundle or any(
                    mime not in bundle for mime in methods):
                return None
            text = repr(obj)
            if not isinstance(text, str) or "\n" in text or "\r" in text:
                return None
            return {**bundle, "text/plain": text}, {}

    def _plain_display(formatter, cls):
        """False, or the MIME types of the ``_repr_*_`` methods ``cls`` has besides its bundle
        (each must then come in the bundle, as the bundle takes precedence): ``cls`` qualifies
        when it has ``_repr_mimebundle_``, no ``_ipython_display_``, the default ``repr`` path of
        IPython's pretty printer (a ``__repr__`` of its own, no ``_repr_pretty_``) and no
        printer registered for it in any formatter."""
        bundle_method = getattr(cls, "_repr_mimebundle_", None)
        if not callable(bundle_method) or hasattr(cls, "_ipython_display_") or hasattr(
                cls, "_repr_pretty_") or cls.__repr__ is object.__repr__ or not isinstance(cls, type):
            return False
        everyone = [formatter.mimebundle_formatter, formatter.ipython_display_formatter,
                    *formatter.formatters.values()]
        for each in everyone:
            try:
                each.lookup_by_type(cls)
            except KeyError:
                continue
            return False
        from IPython.lib import pretty  # (see above)

        for klass in pretty._get_mro(cls):  # the pretty printer's own tables
            if klass in pretty._type_pprinters or (
                    getattr(klass, "__module__", None), getattr(klass, "__name__", None)) in \
                    pretty._deferred_type_pprinters:
                return False
        methods = []
        for mime, each in formatter.formatters.items():
            if mime == "text/plain":
                continue
            if getattr(cls, each.print_method, None) is not None:
                methods.append(mime)
        return tuple(methods)

    class NotebookDisplayPublisher(DisplayPublisher):
        """``display(...)``: what ipykernel's ``ZMQDisplayPublisher.publish`` sends."""

        def publish(self, data, metadata=None, source=None, *, transient=None, update=False,
                    **kwargs):
            outputs = self.shell.outputs
            outputs.flush_streams()
            if metadata is None:
                metadata = {}
            if transient is None:
                transient = {}
            self._validate_data(data, metadata)
            outputs.message("update_display_data" if update else "display_data",
                            {"data": data, "metadata": metadata, "transient": transient})

        def clear_output(self, wait=False):
            self.shell.outputs.flush_streams()
            self.shell.outputs.message("clear_output", {"wait": wait})

    class NotebookDisplayHook(DisplayHook):
        """The value of a cell's last expression: what ipykernel's ``ZMQShellDisplayHook`` sends."""

        msg: Optional[dict] = None

        def quiet(self):
            """A trailing ';' silences the value (IPython's rule; the answer cached per cell
            text, as the same cells run for every agency)."""
            try:
                cell = self.shell.history_manager.input_hist_parsed[-1]
            except IndexError:
                return False
            return _ends_with_semicolon(cell)

        def start_displayhook(self):
            self.msg = {"data": {}, "metadata": {}}

        def write_output_prompt(self):
            self.msg["execution_count"] = self.prompt_count

        def write_format_data(self, format_dict, md_dict=None):
            self.msg["data"] = format_dict
            self.msg["metadata"] = md_dict

        def finish_displayhook(self):
            outputs = self.shell.outputs
            outputs.flush_streams()
            if self.msg and self.msg["data"]:
                outputs.message("execute_result", self.msg)
            self.msg = None

    class NotebookHistory(HistoryManager):
        """In/Out and the ``_i`` variables as in a kernel, without the history database (a worker
        would otherwise keep every cell it ever ran)."""

        def writeout_cache(self, conn=None):
            with self.db_input_cache_lock:
                self.db_input_cache = []
            with self.db_output_cache_lock:
                self.db_output_cache = []

        def start(self) -> None:
            """Empty history, as in a new kernel."""
            self.reset(new_session=False)
            self.output_hist_reprs.clear()
            self.input_hist_parsed[:] = [""]
            self.input_hist_raw[:] = [""]
            self._i00 = self._i = self._ii = self._iii = ""

    class NotebookShell(InteractiveShell):
        displayhook_class = NotebookDisplayHook
        display_pub_class = NotebookDisplayPublisher

        def init_display_formatter(self):
            self.display_formatter = NotebookDisplayFormatter(parent=self)
            self.configurables.append(self.display_formatter)

        def __init__(self, **kwargs):
            self.outputs = _Outputs()
            super().__init__(**kwargs)

        def init_history(self):
            self.history_manager = NotebookHistory(shell=self, parent=self)
            self.configurables.append(self.history_manager)

        def init_virtualenv(self):  # a worker is not an interactive session: no venv warning
            pass

        def transform_cell(self, raw_cell):
            # IPython's static transformations (magics, !commands) are a function of the text
            # alone and tokenise the whole cell: cached, as the same cells run for every agency.
            # The dynamic ones (single-line cells) depend on the namespace and still run.
            manager = self.input_transformer_manager
            if not getattr(manager, "_sakip_cached", False):
                manager.transform_cell = functools.lru_cache(maxsize=2048)(manager.transform_cell)
                manager._sakip_cached = True
            return super().transform_cell(raw_cell)

        def should_run_async(self, raw_cell, *, transformed_cell=None,
                             preprocessing_exc_tuple=None):
            """IPython's rule (top-level await), its compilation cached per cell text."""
            if not self.autoawait or preprocessing_exc_tuple is not None:
                return False
            return _needs_async(transformed_cell)

        def _showtraceback(self, etype, evalue, stb):
            """An exception: an ``error`` output, as ipykernel's shell sends it."""
            self.outputs.flush_streams()
            self.outputs.errored = True
            self.outputs.message("error", {"traceback": stb, "ename": str(etype.__name__),
                                           "evalue": str(evalue)})
            self._last_traceback = stb

    return NotebookShell


def _compiler_class():
    """ipykernel's compiler: cells are named as in a kernel (``/tmp/ipykernel_<pid>/<hash>.py``),
    the hash of a cell's text (pure Python, 0,2 ms a cell) computed once per text, as the same
    cells run for every agency."""
    from ipykernel import compiler  # IPython on first use only

    hash_of = functools.lru_cache(maxsize=4096)(compiler.murmur2_x86)

    class NotebookCompiler(compiler.XCachingCompiler):
        def get_code_name(self, raw_code, code, number):
            # ipykernel's get_file_name, with the hash cached
            cell_name = os.environ.get("IPYKERNEL_CELL_NAME")
            if cell_name is None:
                name = hash_of(raw_code, compiler.get_tmp_hash_seed())
                cell_name = compiler.get_tmp_directory() + os.sep + str(name) + ".py"
            return cell_name

    return NotebookCompiler


@functools.lru_cache(maxsize=2048)
def _ends_with_semicolon(cell: str) -> bool:
    from IPython.core.displayhook import DisplayHook  # IPython on first use only

    return bool(DisplayHook.semicolon_at_end_of_expression(cell))


@functools.lru_cache(maxsize=2048)
def _needs_async(cell: str) -> bool:
    from IPython.core.async_helpers import _should_be_async  # IPython on first use only

    return bool(_should_be_async(cell))


def _cell_complete(nb_man: Any, cell: Any, index: int) -> None:
    """papermill's ``NotebookExecutionManager.cell_complete``, reading the start time with
    ``datetime.fromisoformat`` (what papermill wrote with ``isoformat``) instead of dateutil's
    parser, which cost more than the rest of the cell's bookkeeping together."""
    end_time = nb_man.now()
    if nb_man.log_output:
        from papermill.log import logger  # papermill imports this module (see register)

        logger.info(f"Ending Cell {index + 1:-<43}")
        sys.stdout.flush()
        sys.stderr.flush()
    meta = cell.metadata.papermill
    meta["end_time"] = end_time.isoformat()
    if meta.get("start_time"):
        start = datetime.datetime.fromisoformat(meta["start_time"])
        meta["duration"] = (end_time - start).total_seconds()
    if meta["status"] != nb_man.FAILED:
        meta["status"] = nb_man.COMPLETED
    nb_man.save()
    if nb_man.pbar:
        nb_man.pbar.update(1)


def _language_info() -> dict[str, Any]:
    """What an IPython kernel reports in ``kernel_info`` (papermill stores it in the notebook)."""
    return {"codemirror_mode": {"name": "ipython", "version": sys.version_info[0]},
            "file_extension": ".py", "mimetype": "text/x-python", "name": "python",
            "nbconvert_exporter": "python", "pygments_lexer": "ipython3",
            "version": sys.version.split()[0]}


def _timestamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")


class Runner:
    """The process's shell and the state every notebook starts from. One per process
    (:func:`runner`); notebooks run one at a time (a lock, for threaded Dask workers)."""

    def __init__(self) -> None:
        lighten_imports()
        # IPython on first use only (a process that only imports this module stays light)
        from IPython.core.interactiveshell import InteractiveShell
        from traitlets.config import Config  # (see above)

        if InteractiveShell.initialized():
            raise RuntimeError("an IPython shell already runs in this process (a kernel or "
                               "IPython): use the kernel engine there")
        main = sys.modules.get("__main__")
        config = Config()
        config.HistoryManager.enabled = False
        self.shell = _shell_classes().instance(config=config, compiler_class=_compiler_class())
        if main is not None:  # the shell puts its own there; ours only while a notebook runs
            sys.modules["__main__"] = main
        self._compile_flags = self.shell.compile.flags
        self._lock = threading.RLock()
        self._rc: Optional[dict] = None
        self._backend: Optional[str] = None
        self.notebooks = 0

    def snapshot(self) -> None:
        """Take the matplotlib state notebooks start from (after the warm imports, which set the
        library's rcParams as a kernel's imports would)."""
        if "matplotlib" in sys.modules:
            import matplotlib  # only when a notebook or the warm-up imported it

            self._rc = dict(matplotlib.rcParams.copy())
            self._backend = self._rc.pop("backend", None)

    # -- one notebook ---------------------------------------------------------------------------
    def execute(self, nb_man: Any, **_kwargs: Any) -> Any:
        """Execute every cell of papermill's managed notebook, as ``PapermillNotebookClient`` does."""
        with self._lock, self._restored_state(), self._fresh_namespace():
            nb = nb_man.nb
            self.shell.outputs.start_notebook(nb)
            try:
                for index, cell in enumerate(nb.cells):
                    try:
                        nb_man.cell_start(cell, index)
                        if not self._execute_cell(cell, index):
                            nb_man.cell_exception(nb.cells[index], cell_index=index)
                            break
                    finally:
                        _cell_complete(nb_man, nb.cells[index], index)
                nb.metadata["language_info"] = _language_info()
            finally:
                self.shell.outputs.start_notebook(None)
                self.shell.outputs.cell = None
            self.notebooks += 1
        return nb

    def _execute_cell(self, cell: Any, index: int) -> bool:
        """Run one cell; False when it failed and execution must stop (nbclient's rule)."""
        if cell.cell_type != "code" or not cell.source.strip():
            return True
        shell, outputs = self.shell, self.shell.outputs
        cell["metadata"]["execution"] = {}
        timing = cell["metadata"]["execution"]
        cell.outputs = []
        outputs.start_cell(cell, index)
        timing["iopub.status.busy"] = timing["iopub.execute_input"] = _timestamp()
        count = shell.execution_count
        cell["execution_count"] = count
        shell._last_traceback = None
        saved = sys.stdout, sys.stderr, builtins.input
        sys.stdout, sys.stderr = _Stream(outputs, "stdout"), _Stream(outputs, "stderr")
        builtins.input = _no_raw_input
        try:
            result = shell.run_cell(cell.source, store_history=True)
        finally:
            outputs.flush_streams()
            sys.stdout, sys.stderr, builtins.input = saved
            outputs.cell = None
        timing["shell.execute_reply"] = timing["iopub.status.idle"] = _timestamp()
        if result.success and not outputs.errored:
            return True
        return "raises-exception" in cell.metadata.get("tags", [])

    @contextmanager
    def _fresh_namespace(self) -> Iterator[None]:
        """A new ``__main__`` module and empty history, as a new kernel has."""
        shell = self.shell
        module = types.ModuleType("__main__", doc="Automatically created module for IPython "
                                                  "interactive environment")
        shell.user_module, shell.user_ns = shell.prepare_user_module(module, None)
        shell.user_ns_hidden = {}
        shell.ns_table = {"user_global": module.__dict__, "user_local": shell.user_ns,
                          "builtin": builtins.__dict__}
        shell.history_manager.start()
        shell.execution_count = 1
        shell.last_execution_succeeded, shell.last_execution_result = True, None
        shell.displayhook._ = shell.displayhook.__ = shell.displayhook.___ = ""
        shell.compile.flags = self._compile_flags
        shell.compile._filename_map.clear()
        shell.clear_main_mod_cache()
        shell.init_user_ns()
        saved_main = sys.modules.get("__main__")
        sys.modules["__main__"] = module
        try:
            yield
        finally:
            if saved_main is not None:
                sys.modules["__main__"] = saved_main
            # drop the notebook's objects now rather than at the next notebook
            shell.user_ns.clear()
            shell.user_ns_hidden = {}
            shell.history_manager.start()
            shell.displayhook._ = shell.displayhook.__ = shell.displayhook.___ = ""
            shell.last_execution_result = None
            shell._last_traceback = None

    @contextmanager
    def _restored_state(self) -> Iterator[None]:
        """Process state a notebook may change, put back afterwards."""
        cwd = os.getcwd()
        path = list(sys.path)
        environ = dict(os.environ)
        argv = list(sys.argv)
        filters = list(warnings.filters)
        showwarning = warnings.showwarning
        context = decimal.getcontext().copy()
        cached_lines = set(linecache.cache)
        try:
            yield
        finally:
            self._restore_matplotlib()
            os.chdir(cwd)
            sys.path[:] = path
            if dict(os.environ) != environ:
                os.environ.clear()
                os.environ.update(environ)
            sys.argv[:] = argv
            cast(list, warnings.filters)[:] = filters
            warnings.showwarning = showwarning
            warnings._filters_mutated()  # type: ignore[attr-defined]
            decimal.setcontext(context)
            for name in set(linecache.cache) - cached_lines:
                linecache.cache.pop(name, None)

    def _restore_matplotlib(self) -> None:
        if "matplotlib.pyplot" in sys.modules:
            sys.modules["matplotlib.pyplot"].close("all")
        if self._rc is None:
            self.snapshot()  # matplotlib was first imported by a notebook: keep today's state
            return
        import matplotlib  # only when a notebook or the warm-up imported it

        if self._backend and matplotlib.rcParams["backend"] != self._backend:
            import matplotlib.pyplot as plt  # only when a notebook or the warm-up imported it

            plt.switch_backend(self._backend)
        dict.update(matplotlib.rcParams, self._rc)


_runner: Optional[Runner] = None
_runner_lock = threading.Lock()
_warmed = False


def runner() -> Runner:
    """This process's runner, created on first use."""
    global _runner
    with _runner_lock:
        if _runner is None:
            _runner = Runner()
        return _runner


def warm(modules: tuple[str, ...] = WARM_MODULES, *, freeze: bool = False,
         rehearse: bool = False) -> Runner:
    """Prepare this process to execute notebooks: import pandas, matplotlib, IPython, papermill
    and the library's components and analyses once, create the shell, take the state every notebook starts
    from, and register the engine with papermill. Idempotent; what a worker does first.

    ``freeze``: a process that only renders (a worker) moves what it holds now out of the
    garbage collector's sight (``gc.freeze``), so collections during a batch stay cheap.
    ``rehearse``: a process that renders many reports (a worker, the fork server) also does
    once what every report does first (:func:`_rehearse`); a single report does it anyway, and
    would pay for the chapters of another kind of report and a chart nobody sees."""
    global _warmed
    current = runner()
    if _warmed:
        return current
    lighten_imports()
    for name in modules + FIRST_USE_MODULES:
        importlib.import_module(name)
    _import_library()
    current.snapshot()
    register()
    if rehearse:
        _rehearse()
    _warmed = True
    if freeze:
        gc.collect()
        gc.freeze()
    return current


def _import_library(packages: tuple[str, ...] = WARM_PACKAGES) -> None:
    for package in packages:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, package + "."):
            if info.name in COLD_MODULES:
                continue
            try:
                importlib.import_module(info.name)
            except Exception as exc:  # noqa: BLE001 - such a module fails in its notebook instead
                log.warning("warm-up: cannot import %s: %s", info.name, exc)


def _rehearse() -> None:
    """Do once what every report does first and then keeps: compile nbformat's schema validator
    and read the chapters' titles and parameters (:data:`WARM_REPORTS`), compile the page
    template, load the number formats' locale, and draw and encode a chart (matplotlib's fonts and
    glyphs, Pillow's encoders). 0,1-0,2 s that each worker's first report would otherwise pay;
    in the batch's fork server, paid once for all workers. Nothing is written."""
    from decimal import Decimal  # here, as the imports below

    # the library and matplotlib are imported by now (warm): here, as importing this module
    # must stay cheap (papermill imports it with every registered engine)
    import matplotlib.pyplot as plt

    from sakip.components.elements import Chart  # (see above)
    from sakip.compute.formatting import fmt_pct  # (see above)
    from sakip.report import assemble, chapters  # (see above)

    try:
        for report in WARM_REPORTS:
            for chapter in chapters.chapters_for(report):
                chapter.heading  # noqa: B018 - read for its cache
                chapters.declared_parameters(chapter.path)
        assemble._page_template()
        fmt_pct(Decimal("93.75"))
        fig, ax = plt.subplots(figsize=(3, 2))
        try:
            ax.bar(["a", "b"], [1, 2])
            ax.set_title("Capaian (%)")
            Chart.from_figure(fig, "Capaian")
        finally:
            plt.close(fig)  # no notebook may find it open
    except Exception as exc:  # noqa: BLE001 - then the first report pays it, and reports any error
        log.warning("warm-up: rehearsal failed: %s", exc)


# --- papermill -------------------------------------------------------------------------------------


def _engine_class():
    from papermill.engines import Engine  # papermill imports this module: no cycle at import

    class SakipEngine(Engine):
        """papermill engine ``sakip``: cells executed in this process (see the module docs)."""

        @classmethod
        def execute_managed_notebook(cls, nb_man, kernel_name, **kwargs):
            return runner().execute(nb_man, **kwargs)

    return SakipEngine


class _LazyEngine:
    """What the ``papermill.engine`` entry point names: papermill imports every registered engine
    when it is itself imported, so the class (and IPython) is only built when a notebook runs."""

    @classmethod
    def execute_notebook(cls, *args: Any, **kwargs: Any) -> Any:
        return _engine_class().execute_notebook(*args, **kwargs)

    @classmethod
    def nb_kernel_name(cls, nb: Any, name: Optional[str] = None) -> str:
        from papermill.utils import nb_kernel_name  # papermill imports this module (see above)

        return nb_kernel_name(nb, name)

    @classmethod
    def nb_language(cls, nb: Any, language: Optional[str] = None) -> str:
        from papermill.utils import nb_language  # papermill imports this module (see above)

        return nb_language(nb, language)


#: The entry point target (pyproject: ``[project.entry-points."papermill.engine"]``).
SakipEngine = _LazyEngine


def register() -> None:
    """Register the engine with papermill in this process (the entry point does it for an
    installed sakip; this works from a source tree too)."""
    from papermill.engines import papermill_engines  # papermill imports this module (see above)

    papermill_engines.register(ENGINE_NAME, SakipEngine)
