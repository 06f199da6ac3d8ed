"""The code stays free of unused names, undefined names and unsorted imports."""
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "macros", "hooks.py", "tools", "tests"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


DATA_LAYER = ("yamlload", "fieldtypes", "textpolicy", "schema", "kinds", "load", "rules", "model", "problems")


def imports_of(path: Path, package: str) -> set[str]:
    """Every module a file imports, at any depth (inside functions too), as absolute names:
    `from .render import records` in macros/x.py gives macros.render and macros.render.records."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                anchor = parts[: len(parts) - (node.level - 1)]
                base = ".".join([*anchor, base] if base else anchor)
            found |= ({base} if node.module else set()) | {f"{base}.{alias.name}" for alias in node.names}
    return found


def project_modules() -> dict[str, Path]:
    modules = {"hooks": ROOT / "hooks.py"}
    for path in (ROOT / "macros").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return modules


def import_graph() -> dict[str, set[str]]:
    """Module -> the project's modules it imports (each import as the nearest module it names)."""
    modules = project_modules()
    graph = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        edges = set()
        for target in imports_of(path, package):
            while target and target not in modules:
                target = target.rpartition(".")[0]
            if target and target != name:
                edges.add(target)
        graph[name] = edges
    return graph


def test_the_data_layer_imports_neither_mkdocs_nor_the_renderers():
    """ARCHITECTURE.md's first invariant, checked on every import statement, inside functions too."""
    for name in DATA_LAYER:
        imported = imports_of(ROOT / "macros" / f"{name}.py", "macros")
        assert not {m for m in imported if m.split(".")[0] in ("mkdocs", "material", "jinja2")}, (name, imported)
        assert not {m for m in imported if m.startswith(("macros.render", "macros.export", "macros.pages", "macros.site"))}, (name, imported)


def circles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Sets of modules that import each other, directly or round a loop (every module that can
    reach itself, grouped with those it reaches and that reach it)."""
    def reach(start: str) -> set[str]:
        seen, todo = set(), [start]
        while todo:
            for target in graph.get(todo.pop(), ()):
                if target not in seen:
                    seen.add(target)
                    todo.append(target)
        return seen

    reachable = {name: reach(name) for name in graph}
    found = []
    for name in sorted(graph):
        if name in reachable[name] and not any(name in c for c in found):
            found.append({name} | {other for other in reachable[name] if name in reachable[other]})
    return found


def test_no_two_modules_import_each_other_at_any_depth():
    """No import circle, not even through an import inside a function: each floor uses only the
    floors below it (ARCHITECTURE.md)."""
    graph = import_graph()
    assert {"macros.render.records", "macros.kinds"} <= set(graph) and graph["macros.render.views"]  # the graph is read
    assert circles(graph) == []


def test_the_circle_check_sees_an_import_inside_a_function():
    graph = {"a": {"b"}, "b": {"c"}, "c": set()}
    assert circles(graph) == []
    graph["c"].add("a")  # what a deferred `from .a import x` in c would add
    assert circles(graph) == [{"a", "b", "c"}]


def test_imports_inside_functions_are_read(tmp_path):
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from .render import records\n    from . import schema\n", encoding="utf-8")
    assert imports_of(module, "macros") == {"os", "macros.render", "macros.render.records", "macros.schema"}
