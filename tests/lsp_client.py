"""A real LSP client session with ``creeplint lsp`` over stdio (pygls' own client), driven
from synchronous code: the LSP tests and ``benchmarks/lsp_latency.py`` use it."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import BaseLanguageClient


def utf16(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (what LSP positions count by default)."""
    return len(text.encode("utf-16-le")) // 2


class Session:
    """``creeplint lsp`` started in a subprocess; every method blocks until done."""

    def __init__(self, *args: str, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
        self.loop = asyncio.new_event_loop()
        self.client = BaseLanguageClient("creeplint-tests", "1")
        self.published: list[tuple[float, types.PublishDiagnosticsParams]] = []
        self.stderr = bytearray()
        self._arrived = asyncio.Event()
        self.versions: dict[str, int] = {}

        @self.client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def publish(params: types.PublishDiagnosticsParams) -> None:
            self.published.append((time.perf_counter(), params))
            self._arrived.set()

        self.logs: list[str] = []

        @self.client.feature(types.WINDOW_LOG_MESSAGE)
        def log(params: types.LogMessageParams) -> None:
            self.logs.append(params.message)

        self.shown: list[str] = []

        @self.client.feature(types.WINDOW_SHOW_MESSAGE)
        def show(params: types.ShowMessageParams) -> None:
            self.shown.append(params.message)

        command = [sys.executable, "-m", "creeplint", "lsp", *args]
        self.run(self.client.start_io(*command, cwd=str(cwd) if cwd else None, env={**os.environ, **(env or {})}))
        self._drain = self.loop.create_task(self._read_stderr())

    def run(self, coro: Any, timeout: float = 60) -> Any:
        return self.loop.run_until_complete(asyncio.wait_for(coro, timeout))

    async def _read_stderr(self) -> None:
        stream = self.client._server.stderr  # type: ignore[union-attr]
        while chunk := await stream.read(4096):
            self.stderr.extend(chunk)

    def initialize(self, folders: list[Path], encodings: list[str] | None = None,
                   options: dict[str, Any] | None = None) -> types.InitializeResult:
        general = types.GeneralClientCapabilities(position_encodings=encodings) if encodings else None
        caps = types.ClientCapabilities(
            general=general,
            text_document=types.TextDocumentClientCapabilities(
                publish_diagnostics=types.PublishDiagnosticsClientCapabilities(version_support=True,
                                                                               code_description_support=True),
                code_action=types.CodeActionClientCapabilities(),
                synchronization=types.TextDocumentSyncClientCapabilities(did_save=True),
            ),
            workspace=types.WorkspaceClientCapabilities(workspace_folders=True),
        )
        params = types.InitializeParams(
            capabilities=caps, process_id=os.getpid(), root_uri=folders[0].as_uri() if folders else None,
            workspace_folders=[types.WorkspaceFolder(uri=f.as_uri(), name=f.name) for f in folders],
            initialization_options=options,
        )
        result = self.run(self.client.initialize_async(params))
        self.client.initialized(types.InitializedParams())
        return result

    # -- documents

    def open(self, path: Path | str, text: str, language: str = "plaintext") -> str:
        uri = path.as_uri() if isinstance(path, Path) else path
        self.versions[uri] = 1
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)))
        return uri

    def change(self, uri: str, text: str) -> int:
        """Replace the whole text (a full-document change); returns the new version."""
        self.versions[uri] += 1
        self.client.text_document_did_change(types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri]),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)]))
        return self.versions[uri]

    def save(self, uri: str) -> None:
        self.client.text_document_did_save(types.DidSaveTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def close(self, uri: str) -> None:
        self.client.text_document_did_close(types.DidCloseTextDocumentParams(
            text_document=types.TextDocumentIdentifier(uri=uri)))

    def diagnostics(self, uri: str, version: int | None = None, after: int = 0,
                    timeout: float = 60) -> types.PublishDiagnosticsParams:
        """The first publication for ``uri`` (for ``version``, when given) among those from
        index ``after`` on, waiting for it."""
        async def wait() -> types.PublishDiagnosticsParams:
            while True:
                for _, p in self.published[after:]:
                    if p.uri == uri and (version is None or p.version == version):
                        return p
                self._arrived.clear()
                await self._arrived.wait()

        return self.run(wait(), timeout)

    def code_actions(self, uri: str, rng: types.Range) -> list[types.CodeAction]:
        params = types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri), range=rng,
                                        context=types.CodeActionContext(diagnostics=[]))
        return self.run(self.client.text_document_code_action_async(params)) or []

    def shutdown(self) -> int | None:
        """Shut the server down politely; returns its exit code."""
        try:
            self.run(self.client.shutdown_async(None))
            self.client.exit(None)
            server = self.client._server
            code = self.run(server.wait(), 20) if server else None
            self.run(self._drain, 5)
            self.run(self.client.stop(), 20)
            return code
        finally:
            self.loop.close()
