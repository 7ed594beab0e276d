#!/usr/bin/env python3
"""Generate docs/api.md, the Python API reference, from the docstrings of the installed package.

Every public name of ``ontrack.__all__`` is listed under the module that defines it (the compiled
classes and functions under ``ontrack._core``), with its signature and docstring; classes list their
public methods and properties. Public submodules with their own ``__all__`` (``ontrack.datasets``, ...)
follow, one section each.

Usage (from the repository root, with the package importable)::

    PYTHONPATH=build/dev-docs/stage .venv/bin/python docs/make_api_reference.py           # writes docs/api.md
    PYTHONPATH=build/dev-docs/stage .venv/bin/python docs/make_api_reference.py --check   # exit 1 if stale

Names without a docstring are listed on standard error (and marked in the file).
tests/python/test_api_reference.py checks that docs/api.md is up to date.
"""

from __future__ import annotations

import argparse
import inspect
import re
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import ontrack

OUTPUT = Path(__file__).resolve().parent / "api.md"
MISSING = "*(no docstring)*"

# Modules in the order of the reference; a name is listed under the first one that defines it.
MODULE_ORDER = ["ontrack.io", "ontrack.assessment", "ontrack.projection", "ontrack._pandas", "ontrack._core"]

MODULE_INTROS = {
    "ontrack._core": "The compiled core (C++ via pybind11), re-exported by ``ontrack``.",
}


def _clean(text: str) -> str:
    """Drop the module prefix of compiled types, so signatures read as users write them."""
    return re.sub(r"\bontrack\._core\.", "", text)


def _docstring(obj: Any) -> str:
    doc = inspect.getdoc(obj)
    return doc.strip() if doc else ""


def _annotation(annotation: Any) -> str:
    if isinstance(annotation, str):
        return annotation
    return inspect.formatannotation(annotation)


def _python_signature(name: str, function: Callable[..., Any]) -> str:
    """``name(a: T = default, *, b: U) -> R`` with annotations as written in the source."""
    signature = inspect.signature(function)
    parts: list[str] = []
    seen_keyword_only = False
    previous_kind = None
    for parameter in signature.parameters.values():
        if parameter.kind is inspect.Parameter.KEYWORD_ONLY and not seen_keyword_only:
            seen_keyword_only = True
            if previous_kind is not inspect.Parameter.VAR_POSITIONAL:
                parts.append("*")
        if previous_kind is inspect.Parameter.POSITIONAL_ONLY and parameter.kind is not inspect.Parameter.POSITIONAL_ONLY:
            parts.append("/")
        text = parameter.name
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            text = "*" + text
        elif parameter.kind is inspect.Parameter.VAR_KEYWORD:
            text = "**" + text
        if parameter.annotation is not inspect.Parameter.empty:
            text += f": {_annotation(parameter.annotation)}"
        if parameter.default is not inspect.Parameter.empty:
            text += f" = {parameter.default!r}" if parameter.annotation is not inspect.Parameter.empty else f"={parameter.default!r}"
        parts.append(text)
        previous_kind = parameter.kind
    result = f"{name}({', '.join(parts)})"
    if signature.return_annotation is not inspect.Signature.empty:
        result += f" -> {_annotation(signature.return_annotation)}"
    return result


def _split_binding_doc(name: str, doc: str) -> tuple[list[str], str]:
    """pybind11 docstrings start with the signature(s); return (signatures, the prose)."""
    lines = doc.splitlines()
    if lines and lines[0].startswith(f"{name}("):
        return [_clean(lines[0])], "\n".join(lines[1:]).strip()
    if lines and lines[0].startswith("Overloaded function."):
        signatures: list[str] = []
        prose: list[str] = []
        for line in lines[1:]:
            match = re.match(rf"\d+\. ({re.escape(name)}\(.*)$", line)
            if match:
                signatures.append(_clean(match.group(1)))
            elif line.strip():
                prose.append(line.strip())
        # Overloads often repeat the same prose; keep each paragraph once.
        unique = list(dict.fromkeys(prose))
        return signatures, "\n".join(unique)
    return [], doc


def _signatures_and_doc(name: str, obj: Any) -> tuple[list[str], str]:
    if inspect.isfunction(obj) or inspect.ismethod(obj):
        return [_python_signature(name, obj)], _docstring(obj)
    doc = _docstring(obj)
    return _split_binding_doc(name, doc)


def _indent(doc: str) -> str:
    """A docstring as the continuation of a list item (blank lines dropped, later lines indented)."""
    return "\n  ".join(line for line in doc.splitlines() if line.strip())


def _drop_self(signature: str) -> str:
    return re.sub(r"\(self(: [\w.]+)?(, )?", "(", signature, count=1)


class Reference:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.missing: list[str] = []

    def emit(self, *lines: str) -> None:
        self.lines.extend(lines)

    def prose(self, qualified: str, doc: str) -> None:
        if doc:
            self.emit("", doc)
        else:
            self.missing.append(qualified)
            self.emit("", MISSING)

    def function(self, qualified: str, name: str, obj: Any, level: str = "###") -> None:
        signatures, doc = _signatures_and_doc(name, obj)
        self.emit("", f"{level} `{name}`", "", "```python", *(signatures or [f"{name}(...)"]), "```")
        self.prose(qualified, doc)

    def value(self, qualified: str, name: str, obj: Any) -> None:
        text = repr(obj)
        if len(text) > 300:
            text = text[:297] + "..."
        self.emit("", f"### `{name}`", "", "```python", f"{name} = {text}", "```")

    def cls(self, qualified: str, name: str, obj: type) -> None:
        self.emit("", f"### class `{name}`")
        bases = [b.__name__ for b in obj.__bases__ if b.__name__ not in ("object", "pybind11_object")]
        if bases:
            self.emit("", f"Derives from {', '.join(f'`{b}`' for b in bases)}.")
        if "__init__" in vars(obj):
            signatures, _ = _signatures_and_doc("__init__", vars(obj)["__init__"])
            if signatures:
                self.emit("", "```python", *(_drop_self(s).replace("__init__(", f"{name}(", 1) for s in signatures), "```")
        self.prose(qualified, _docstring(obj) if obj.__doc__ else "")
        if issubclass(obj, BaseException):
            return
        self.emit("")
        for member_name, member in sorted(vars(obj).items()):
            if member_name.startswith("_"):
                continue
            member_qualified = f"{qualified}.{member_name}"
            if isinstance(member, property):
                doc = _docstring(member)
                self.emit(f"- **`{member_name}`** (property)" + (f": {_indent(doc)}" if doc else ""))
                if not doc:
                    self.missing.append(member_qualified)
            elif isinstance(member, (staticmethod, classmethod)):
                self.member_function(member_qualified, member_name, member.__func__)
            elif callable(member):
                self.member_function(member_qualified, member_name, member)

    def member_function(self, qualified: str, name: str, function: Any) -> None:
        signatures, doc = _signatures_and_doc(name, function)
        shown = ", ".join(f"`{_drop_self(s)}`" for s in signatures) or f"`{name}(...)`"
        self.emit(f"- {shown}" + (f": {_indent(doc)}" if doc else ""))
        if not doc:
            self.missing.append(qualified)


def _defining_module(name: str, obj: Any) -> str:
    """The module a public name comes from: its ``__module__``, or for a value (a list of columns, a
    string) the first ontrack submodule holding that very object."""
    module_name = getattr(obj, "__module__", None)
    if isinstance(module_name, str) and module_name.startswith("ontrack.") and not isinstance(obj, (list, dict, tuple, str)):
        return module_name
    submodules = sorted(m for m in sys.modules if m.startswith("ontrack."))
    for candidate in [m for m in MODULE_ORDER if m in submodules] + [m for m in submodules if m not in MODULE_ORDER]:
        if vars(sys.modules[candidate]).get(name) is obj:
            return candidate
    return "ontrack"


def _submodules() -> Iterator[types.ModuleType]:
    """Public submodules of ontrack with their own ``__all__`` (ot.datasets, ...), by name."""
    for name, value in sorted(vars(ontrack).items()):
        if isinstance(value, types.ModuleType) and not name.startswith("_") and hasattr(value, "__all__"):
            if value.__name__.startswith("ontrack."):
                yield value


def _section(reference: Reference, module_name: str, names: list[str], objects: dict[str, Any]) -> None:
    reference.emit("", f"## `{module_name}`")
    module = sys.modules[module_name]
    intro = MODULE_INTROS.get(module_name) or _docstring(module)
    if intro:
        reference.emit("", intro)
    for name in names:
        obj = objects[name]
        qualified = f"{module_name}.{name}"
        if inspect.isclass(obj):
            reference.cls(qualified, name, obj)
        elif callable(obj):
            reference.function(qualified, name, obj)
        else:
            reference.value(qualified, name, obj)


def render() -> tuple[str, list[str]]:
    """The text of docs/api.md and the qualified names that have no docstring."""
    reference = Reference()
    reference.emit(
        "# Python API reference",
        "",
        "Generated by `docs/make_api_reference.py` from the docstrings; do not edit by hand. Regenerate with",
        "`PYTHONPATH=build/dev-docs/stage .venv/bin/python docs/make_api_reference.py` after `scripts/dev-python docs`",
        "(or with the package installed: `python docs/make_api_reference.py`).",
        "",
        "Everything below is importable as `import ontrack as ot; ot.<name>`, except the submodules at the end",
        "(`ot.datasets.<name>`, ...). The file formats are in [targets_csv.md](targets_csv.md).",
    )
    # module -> {name: object}: the names of ontrack.__all__ under their modules, then the names of each
    # public submodule's own __all__ (ot.datasets.observations, ...) under that submodule.
    by_module: dict[str, dict[str, Any]] = {}
    for name in ontrack.__all__:
        obj = getattr(ontrack, name)
        by_module.setdefault(_defining_module(name, obj), {})[name] = obj
    submodules = [m.__name__ for m in _submodules()]
    for module_name in submodules:
        module = sys.modules[module_name]
        for name in module.__all__:
            by_module.setdefault(module_name, {}).setdefault(name, getattr(module, name))
    order = [m for m in MODULE_ORDER if m in by_module and m not in submodules]
    order += sorted(m for m in by_module if m not in MODULE_ORDER and m not in submodules)
    order += [m for m in submodules if m in by_module]
    contents = [f"[`{m}`](#{m.replace('.', '').replace('_', '')})" for m in order]
    reference.emit("", "Modules: " + " · ".join(contents))
    for module_name in order:
        names = sorted(by_module[module_name], key=lambda n: (n.lower(), n))
        _section(reference, module_name, names, by_module[module_name])
    text = "\n".join(reference.lines).rstrip() + "\n"
    return text, reference.missing


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Generate docs/api.md from the docstrings.")
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/api.md is not up to date")
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write (default: docs/api.md)")
    args = parser.parse_args(argv)
    text, missing = render()
    for name in missing:
        print(f"no docstring: {name}", file=sys.stderr)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date: run python docs/make_api_reference.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {args.output} ({len(text.splitlines())} lines, {len(missing)} names without a docstring)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
