"""The pygls server behind ``creeplint lsp``.

Every open document of a format creeplint reads is linted when it opens, ``debounce``
seconds after the last change (earlier runs for it are cancelled) and when it is saved.
Linting runs on one worker thread, so the server keeps reading messages meanwhile and runs
never overlap; a result for a version the editor has moved past is dropped.

Configuration: each document belongs to the workspace folder holding it (else the
workspace root, else its own folder), and uses the config file ``creeplint check`` run in
that folder would use (``.creeplint.yaml``, ``.creeplint.yml`` or ``pyproject.toml``
``[tool.creeplint]``, found from there upwards). One linter (rule book, engine, baseline)
is built per config file and kept (a ``window/logMessage`` says when one is loaded);
saving a config file in the editor, or the client reporting a watched config file
changed, rebuilds the linters that read it and re-lints every open document.
A config error shows as an error diagnostic on the first line of each affected document.

``initializationOptions`` (all optional): ``{"docsUrl": "https://…/{id}"}``, the template
for each diagnostic's ``codeDescription`` link (see ``convert``).
"""

from __future__ import annotations

import asyncio
import logging
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from ..config import CONFIG_NAMES, PYPROJECT, Config, discover
from ..config import load as load_config
from ..linter import Linter
from ..settings import Settings, SettingsError
from ..yamlfile import YamlError
from .buffer import check_buffer, input_format
from .convert import SOURCE, Fix, Text, convert, overlaps

log = logging.getLogger(__name__)
CONFIG_FILES = (*CONFIG_NAMES, PYPROJECT)


class ConfigProblem(Exception):
    """A config file, ruleset or model that cannot be used; shown on each affected document."""


class CreeplintServer(LanguageServer):
    def __init__(self, debounce: float = 0.25) -> None:
        # Full sync: pygls applies incremental edits by str.splitlines(), which also breaks
        # lines at U+2028, form feeds and vertical tabs (Word's soft returns); LSP clients break
        # only at \r\n, \r and \n, so such copy would be edited on the wrong line. A whole
        # email per change is a few KB.
        super().__init__("creeplint", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Full)
        self.debounce = debounce
        self.docs_url: str | None = None
        self._linters: dict[str | None, Linter | ConfigProblem] = {}  # by config file (None: no config)
        self._read: dict[str | None, set[Path]] = {}  # the files each config read (extends chains)
        self._pending: dict[str, asyncio.Future[None]] = {}
        self._fixes: dict[str, list[Fix]] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="creeplint-lint")
        self._notes: list[str] = []  # from the worker, sent as window/logMessage by the event loop

    # -- where a document's settings come from (called on the event loop)

    def root_for(self, path: Path) -> Path:
        """The workspace folder holding ``path`` (the innermost), else the root, else its folder."""
        roots = [Path(p) for p in (to_fs_path(uri) for uri in self.workspace.folders) if p]
        if self.workspace.root_path:
            roots.append(Path(self.workspace.root_path))
        holding = [r for r in roots if path.is_relative_to(r)]
        return max(holding, key=lambda r: len(r.parts)) if holding else path.parent

    def linter_for(self, root: Path) -> Linter:
        """The linter for documents under ``root``, built once per config file (worker thread)."""
        found = discover(root)
        key = str(found) if found else None
        cached = self._linters.get(key)
        if cached is None:
            started = time.perf_counter()
            try:
                cfg = load_config(found) if found else Config()
                self._read[key] = {Path(f).resolve() for f in cfg.files}
                settings = Settings.resolve(cfg, {})
                cached = Linter(settings)
                cached.prepare()
                cached.engine  # noqa: B018 - load spaCy now, once
            except YamlError as exc:  # names its file and line
                cached = ConfigProblem(str(exc))
            except (SettingsError, OSError) as exc:
                cached = ConfigProblem(f"{found}: {exc}" if found else str(exc))
            else:
                self._notes.append(f"creeplint: rules and engine loaded for {found or 'the default settings'} "
                                   f"in {time.perf_counter() - started:.2f} s")
            self._linters[key] = cached
        if isinstance(cached, ConfigProblem):
            raise cached
        return cached

    def forget_config(self, changed: Path) -> None:
        """A config file changed: drop the linters that read it (and every broken one), then
        re-lint the open documents (a new or deleted file changes what discovery finds)."""

        def forget() -> None:
            for key, value in list(self._linters.items()):
                if isinstance(value, ConfigProblem) or changed.resolve() in self._read.get(key, ()):
                    del self._linters[key]

        self._worker.submit(forget)
        for uri in list(self.workspace.text_documents):
            if not _is_config(uri):
                self.schedule(uri, 0)

    # -- linting

    def schedule(self, uri: str, delay: float) -> None:
        """Lint ``uri`` after ``delay`` seconds, replacing a run still waiting for it."""
        old = self._pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self._pending[uri] = asyncio.ensure_future(self._run(uri, delay))

    async def _run(self, uri: str, delay: float) -> None:
        if delay:
            await asyncio.sleep(delay)
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return
        version, text = doc.version, doc.source
        path = Path(to_fs_path(uri) or "") if uri.startswith("file:") else None
        root = self.root_for(path) if path else Path(self.workspace.root_path or Path.cwd())
        name = _name(path, root, uri)
        reader = input_format(name, doc.language_id)
        units = self.workspace.position_codec.impl
        loop = asyncio.get_running_loop()
        diagnostics, fixes = await loop.run_in_executor(self._worker, self._lint, root, name, text, reader, units)
        while self._notes:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Info, message=self._notes.pop(0)))
        current = self.workspace.text_documents.get(uri)
        if current is None or current.version != version:
            return  # the editor moved on; the run for its newer text is on its way
        if self._pending.get(uri) is asyncio.current_task():
            del self._pending[uri]
        self._fixes[uri] = fixes
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=diagnostics, version=version))

    def _lint(self, root: Path, name: str, text: str, reader: str | None, units: Any) -> tuple[list, list[Fix]]:
        """Diagnostics and fixes for one buffer (worker thread). No reader: nothing to say."""
        if reader is None:
            return [], []
        lines = Text(text, units)
        try:
            lint = self.linter_for(root)
            checked = check_buffer(lint, name, text, lint.settings.input_format or reader)
            return convert(checked, lines, lint.book, self.docs_url)
        except ConfigProblem as exc:
            problem = f"creeplint is not checking this file: {exc}"
        except Exception as exc:  # a bug must not leave stale diagnostics standing silently
            log.exception("checking %s failed", name)
            problem = f"creeplint: internal error while checking: {type(exc).__name__}: {exc} — please report"
        first = lines.range(0, lines.line_end(0))
        return [types.Diagnostic(range=first, message=problem, severity=types.DiagnosticSeverity.Error,
                                 source=SOURCE)], []

    def warm_up(self) -> None:
        """Build the workspace root's linter and run it once now (loading spaCy and the rules
        takes seconds), so the first document opened is not kept waiting as long."""
        root = Path(self.workspace.root_path) if self.workspace.root_path else Path.cwd()

        def build() -> None:
            try:
                lint = self.linter_for(root)
                list(lint.lint([{"id": "warm-up", "text": "We noticed you searched for flights 4 times."}]))
            except ConfigProblem:
                pass  # reported on each document instead

        self._worker.submit(build)

    def fixes(self, uri: str, wanted: types.Range) -> list[types.CodeAction]:
        """Quick fixes for the diagnostics overlapping ``wanted`` whose text is still unchanged."""
        doc = self.workspace.text_documents.get(uri)
        if doc is None:
            return []
        units = self.workspace.position_codec.impl
        current = Text(doc.source, units)
        out, seen = [], set()
        for fix in self._fixes.get(uri, []):
            key = (fix.range.start.line, fix.range.start.character, fix.range.end.line,
                   fix.range.end.character, fix.new_text)
            if key in seen or not overlaps(fix.range, wanted):
                continue  # two rules asking for the same edit offer it once
            if current.text_at(fix.range) != fix.expect:
                continue  # edited since the diagnostic was published
            seen.add(key)
            edit = types.WorkspaceEdit(changes={uri: [types.TextEdit(range=fix.range, new_text=fix.new_text)]})
            out.append(types.CodeAction(title=fix.title, kind=types.CodeActionKind.QuickFix,
                                        diagnostics=[fix.diagnostic], edit=edit))
        return out


def _name(path: Path | None, root: Path, uri: str) -> str:
    """The file's name in reports and baselines: relative to ``root`` like ``creeplint check``."""
    if path is None:
        return uri
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def build(debounce: float = 0.25) -> CreeplintServer:
    """The server with its handlers registered."""
    server = CreeplintServer(debounce)

    @server.feature(types.INITIALIZE)
    def initialize(ls: CreeplintServer, params: types.InitializeParams) -> None:
        options = params.initialization_options or {}
        url = options.get("docsUrl") if isinstance(options, dict) else None
        if url is None:
            return
        try:
            str(url).format(id="", category="", ruleset="", version="")
            ls.docs_url = str(url)
        except (KeyError, IndexError, ValueError) as exc:
            ls.window_show_message(types.ShowMessageParams(
                type=types.MessageType.Warning,
                message=f"creeplint: docsUrl {url!r} ignored: placeholders are {{id}}, {{category}}, {{ruleset}}, "
                        f"{{version}} ({type(exc).__name__}: {exc})"))

    @server.feature(types.INITIALIZED)
    def initialized(ls: CreeplintServer, params: types.InitializedParams) -> None:
        ls.warm_up()

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    def did_open(ls: CreeplintServer, params: types.DidOpenTextDocumentParams) -> None:
        ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: CreeplintServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        if _is_config(uri):
            return  # re-read on save, when the file is complete
        ls.schedule(uri, ls.debounce)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    def did_save(ls: CreeplintServer, params: types.DidSaveTextDocumentParams) -> None:
        if _is_config(params.text_document.uri):
            ls.forget_config(Path(to_fs_path(params.text_document.uri) or ""))
        else:
            ls.schedule(params.text_document.uri, 0)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: CreeplintServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        pending = ls._pending.pop(uri, None)
        if pending is not None:
            pending.cancel()
        ls._fixes.pop(uri, None)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))

    @server.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched(ls: CreeplintServer, params: types.DidChangeWatchedFilesParams) -> None:
        for change in params.changes:
            if _is_config(change.uri):
                ls.forget_config(Path(to_fs_path(change.uri) or ""))

    @server.feature(types.TEXT_DOCUMENT_CODE_ACTION,
                    types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix]))
    def code_action(ls: CreeplintServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        if only and not any(str(k).startswith(types.CodeActionKind.QuickFix) for k in only):
            return []
        return ls.fixes(params.text_document.uri, params.range)

    return server


def _is_config(uri: str) -> bool:
    return uri.rsplit("/", 1)[-1] in CONFIG_FILES


def serve(debounce: float = 0.25) -> None:
    """Run the server on standard input and output until the client says exit."""
    build(debounce).start_io()
