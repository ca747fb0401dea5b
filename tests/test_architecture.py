"""The package's import structure: no cycles, no private names across modules, detectors that import
word knowledge from the lexicon and never from each other."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import mtqe

ROOT = Path(mtqe.__file__).parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, list[tuple[str, tuple[str, ...]]]]:
    """module -> [(imported module, names imported from it)], relative imports resolved; only mtqe's."""
    out: dict[str, list[tuple[str, tuple[str, ...]]]] = {}
    for path in ROOT.rglob("*.py"):
        name = _module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found = []
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = package.split(".")
                if node.level:
                    base = base[: len(base) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                names = tuple(a.name for a in node.names)
                if target.startswith("mtqe"):
                    # "from . import foreign" imports a module, not a name
                    for n in names:
                        sub = f"{target}.{n}"
                        if (ROOT.parent / (sub.replace(".", "/") + ".py")).exists():
                            found.append((sub, ()))
                    found.append((target, names))
            elif isinstance(node, ast.Import):
                found += [(a.name, ()) for a in node.names if a.name.startswith("mtqe")]
        out[name] = found
    return out


def _runtime_nodes(tree: ast.AST):
    """Every node, except inside ``if TYPE_CHECKING:`` (annotations only: no import at run time)."""
    stack = [tree]
    while stack:
        node = stack.pop()
        yield node
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and "TYPE_CHECKING" in ast.unparse(child.test):
                stack.extend(child.orelse)
                continue
            stack.append(child)


IMPORTS = _imports()


def _is_module(name: str) -> bool:
    return name in IMPORTS


def test_no_import_cycle():
    graph = {m: {t for t, _ in deps if _is_module(t) and t != m} for m, deps in IMPORTS.items()}
    # a package's __init__ importing its own submodules is a registry, not a cycle: drop parent -> child edges
    graph = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in graph.items()}
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(m: str) -> None:
        state[m] = 1
        path.append(m)
        for t in sorted(graph.get(m, ())):
            if state.get(t) == 1:
                raise AssertionError("import cycle: " + " -> ".join(path[path.index(t):] + [t]))
            if t not in state:
                visit(t)
        path.pop()
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m)


def test_no_private_name_crosses_a_module():
    offences = [
        f"{m} imports {n} from {t}"
        for m, deps in IMPORTS.items() for t, names in deps for n in names
        if n.startswith("_") and not n.startswith("__") and t != m
    ]
    assert not offences, offences


def test_detectors_import_no_other_detector_and_the_lexicon_no_detector():
    offences = []
    for m, deps in IMPORTS.items():
        for t, _ in deps:
            if m.startswith("mtqe.detectors.") and t.startswith("mtqe.detectors.") and t not in (
                "mtqe.detectors.base", m
            ):
                offences.append(f"{m} imports {t}")
            if m.startswith("mtqe.lexicon") and t.startswith("mtqe.detectors"):
                offences.append(f"{m} imports {t}")
    assert not offences, offences


def test_import_mtqe_stays_light():
    code = "import sys, mtqe; print(sorted(m for m in ('sacrebleu', 'torch', 'comet', 'lemminflect', 'rapidfuzz', 'spellchecker', 'mtqe.detectors', 'mtqe.lexicon') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT.parent)
    assert out.stdout.strip() == "[]"
