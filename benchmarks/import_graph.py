"""The package's import graph: every import between its modules, grouped by room, and every cycle in it.

    python benchmarks/import_graph.py          # rooms, their arrows and any cycle (exit 1 if there is one)
    python benchmarks/import_graph.py --dot    # the room graph for Graphviz: ... | dot -Tsvg > rooms.svg

Every import counts, at module level or inside a function (a deferred import still
ties two modules), except those under ``if TYPE_CHECKING:``, which never run. A room
is a folder of the package (``policy/``, ``site/``, …) or a top-level module; the
package's ``__init__`` (its public API) and ``__main__`` are left out, as they stand
above everything.
"""

from __future__ import annotations

import argparse
import ast
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "policydocs"
TOP = ("policydocs", "policydocs.__main__")


def module_name(path: Path, package: Path = PACKAGE) -> str:
    parts = list(path.relative_to(package.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.AST, module: str, is_package: bool, known: set[str]) -> set[str]:
    """The package's modules that ``module`` imports, anywhere but under ``if TYPE_CHECKING:``."""
    found: set[str] = set()
    base = module.split(".") if is_package else module.split(".")[:-1]

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "policydocs":
                    found.add(_known(alias.name, known))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                anchor = base[: len(base) - node.level + 1]
                target = ".".join(anchor + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "policydocs":
                for alias in node.names:
                    # ``from . import sitemap`` imports a module; ``from .x import name`` imports from one
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if candidate in known else _known(target, known))
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(tree)
    found.discard(module)
    return found


def _known(name: str, known: set[str]) -> str:
    while name not in known and "." in name:
        name = name.rsplit(".", 1)[0]
    return name


def graph(package: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package → the package's modules it imports."""
    paths = {module_name(path, package): path for path in sorted(package.rglob("*.py"))}
    known = set(paths)
    return {
        module: _imports(ast.parse(path.read_text(encoding="utf-8")), module, path.name == "__init__.py", known)
        for module, path in paths.items()
    }


def room(module: str) -> str:
    """A module's room: its folder under the package, or the module itself at the top."""
    parts = module.split(".")
    return ".".join(parts[:2])


def rooms(modules: dict[str, set[str]]) -> dict[str, set[str]]:
    """Room → the rooms it imports from (itself and the top-level API left out)."""
    found: dict[str, set[str]] = defaultdict(set)
    for module, targets in modules.items():
        if module in TOP:
            continue
        found[room(module)]
        for target in targets:
            if target not in TOP and room(target) != room(module):
                found[room(module)].add(room(target))
    return dict(found)


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan), each sorted, in a stable order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    counter = [0]

    def connect(node: str) -> None:
        index[node] = low[node] = counter[0]
        counter[0] += 1
        stack.append(node)
        on_stack.add(node)
        for target in sorted(edges.get(node, ())):
            if target not in index:
                connect(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    for node in sorted(edges):
        if node not in index:
            connect(node)
    return sorted(found)


def floors(edges: dict[str, set[str]]) -> dict[str, int]:
    """Each node's floor in an acyclic graph: 0 for one that imports nothing, else one above its highest import."""
    found: dict[str, int] = {}

    def floor(node: str) -> int:
        if node not in found:
            found[node] = -1  # a cycle would read as -1 here; cycles() reports it
            found[node] = 1 + max((floor(t) for t in edges.get(node, ()) if found.get(t) != -1), default=-1)
        return found[node]

    for node in edges:
        floor(node)
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dot", action="store_true", help="print the room graph for Graphviz")
    args = parser.parse_args(argv)
    modules = graph()
    by_room = rooms(modules)
    if args.dot:
        print("digraph rooms {\n  rankdir=TB; node [shape=box];")
        for source in sorted(by_room):
            for target in sorted(by_room[source]):
                print(f'  "{source}" -> "{target}";')
        print("}")
        return 0
    level = floors(by_room)
    for source in sorted(by_room, key=lambda r: (-level[r], r)):
        names = ", ".join(sorted(t.removeprefix("policydocs.") for t in by_room[source])) or "-"
        print(f"floor {level[source]:2}  {source.removeprefix('policydocs.'):14} -> {names}")
    module_cycles, room_cycles = cycles(modules), cycles(by_room)
    print(f"\n{len(modules)} modules, {sum(map(len, modules.values()))} imports between them")
    for kind, found in (("modules", module_cycles), ("rooms", room_cycles)):
        print(f"cycles between {kind}: {len(found)}")
        for cycle in found:
            print("  " + " <-> ".join(cycle))
    return 1 if module_cycles or room_cycles else 0


if __name__ == "__main__":
    sys.exit(main())
