"""The code stays free of unused names, undefined names and unsorted imports."""
import subprocess
import sys

from tests.conftest import ROOT


def test_ruff_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "ruff", "check", "macros", "hooks.py", "tools", "tests"],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


DATA_LAYER = ("yamlload", "fieldtypes", "schema", "kinds", "load", "model", "problems", "currency")


def test_the_data_layer_imports_neither_mkdocs_nor_the_renderers():
    """ARCHITECTURE.md's first invariant, checked on the modules' import statements (at module level:
    a kind's renderer is imported only when a page is drawn)."""
    import ast

    for name in DATA_LAYER:
        tree = ast.parse((ROOT / "macros" / f"{name}.py").read_text(encoding="utf-8"))
        imported = {alias.name for node in tree.body if isinstance(node, ast.Import) for alias in node.names}
        imported |= {("." * node.level) + (node.module or "") for node in tree.body if isinstance(node, ast.ImportFrom)}
        assert not {m for m in imported if m.split(".")[0] in ("mkdocs", "material", "jinja2")}, (name, imported)
        assert not {m for m in imported if m.lstrip(".").startswith(("render", "export", "pages", "site")) or "macros.render" in m}, (name, imported)
