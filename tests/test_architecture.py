"""The package's shape, checked: the pipeline stages import in one direction, modules stay
small, the command line is a thin shell over the library."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import creeplint

PACKAGE = Path(creeplint.__file__).parent
LIMIT = 300  # lines; a longer module says why in a "Size:" paragraph of its docstring


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _module_level_imports(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """creeplint modules that ``name`` imports when it is imported (not inside functions or
    ``if TYPE_CHECKING:`` blocks)."""
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = ".".join([*base, *([node.module] if node.module else [])])
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if sub in modules else target)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {m for m in found if m in modules and m != name}


def test_no_import_cycles_at_module_level():
    modules = _modules()
    graph = {name: _module_level_imports(name, path, modules) for name, path in modules.items()}
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                cycle = [*path[path.index(dep) :], dep]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if dep not in state:
                visit(dep, [*path, dep])
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])


def test_stages_import_in_one_direction():
    """inputs never import the engine, findings or reporters; the engine never imports
    findings, reporters or the CLI; reporters never import the engine."""
    modules = _modules()
    forbidden = {
        "creeplint.inputs": ("creeplint.engine", "creeplint.findings", "creeplint.reporters", "creeplint.cli"),
        "creeplint.rules": ("creeplint.engine", "creeplint.findings", "creeplint.reporters", "creeplint.cli"),
        "creeplint.engine": ("creeplint.findings", "creeplint.reporters", "creeplint.cli", "creeplint.linter"),
        "creeplint.reporters": ("creeplint.engine", "creeplint.cli", "creeplint.linter"),
    }
    for name, path in modules.items():
        text = path.read_text(encoding="utf-8")
        tree = ast.parse(text)
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        for stage, banned in forbidden.items():
            if not name.startswith(stage):
                continue
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom):
                    base = package[: len(package) - node.level + 1] if node.level else []
                    target = ".".join([*base, *([node.module] if node.module else [])])
                    assert not target.startswith(banned), f"{name} imports {target}"


def test_modules_are_small_or_say_why():
    for name, path in _modules().items():
        lines = path.read_text(encoding="utf-8").count("\n")
        if lines > LIMIT:
            doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
            assert "Size:" in doc, f"{name} has {lines} lines and no 'Size:' reason in its docstring"


def test_check_command_is_thin():
    lines = (PACKAGE / "cli" / "check.py").read_text(encoding="utf-8").count("\n")
    assert lines < 80, f"cli/check.py has {lines} lines: put the work in the library"


def test_importing_the_cli_imports_no_spacy():
    code = "import sys, creeplint.cli; assert 'spacy' not in sys.modules, sorted(sys.modules)"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_reporter_and_reader_registers_by_name():
    from creeplint.inputs.readers import registry as readers
    from creeplint.reporters import registry as reporters

    assert set(reporters()) == {"concise", "github", "html", "json", "junit", "pretty", "sarif"}
    assert all(m.DESCRIPTION for m in reporters().values())
    assert {"text", "markdown", "jsonl", "html", "eml", "mjml", "yaml", "json", "csv"} <= set(readers())
