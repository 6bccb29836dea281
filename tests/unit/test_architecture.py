"""The shape of the code that keeps it readable: no import cycle between modules, no function longer
than a screen, and an app class that only composes and routes."""

from __future__ import annotations

import ast
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("newsreader", "tui")
FUNCTION_LINES = 60  # the most a function may take, its signature and docstring included
APP_LINES = 200  # the most the NewsReader class may take


def definitions() -> list[tuple[str, ast.AST]]:
    """Every function and class in the packages, with where it is ("tui/app.py:12 NewsReader")."""
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                    found.append((f"{path.relative_to(ROOT)}:{node.lineno} {node.name}", node))
    return found


def lines(node: ast.AST) -> int:
    return (node.end_lineno or node.lineno) - node.lineno + 1


def test_no_function_is_over_60_lines():
    functions = [(where, node) for where, node in definitions() if not isinstance(node, ast.ClassDef)]
    assert len(functions) > 500  # every module was read
    assert [f"{where}: {lines(node)} lines" for where, node in functions if lines(node) > FUNCTION_LINES] == []


def test_the_app_class_is_under_200_lines():
    (app,) = [node for where, node in definitions() if where.startswith("tui/app.py") and where.endswith(" NewsReader")]
    assert lines(app) < APP_LINES


def test_no_import_cycle_between_modules():
    # Imports under `if TYPE_CHECKING:` only name types for annotations: nothing is imported at run time.
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True)
    assert {"newsreader.store", "tui.app"} <= graph.modules
    cycles = [
        f"{importer} -> {imported}"
        for importer in sorted(graph.modules)
        for imported in sorted(graph.find_modules_directly_imported_by(importer))
        if graph.chain_exists(importer=imported, imported=importer)
    ]
    assert cycles == []
