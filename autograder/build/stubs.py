"""Solution cells for the master notebooks, generated from the reference modules.

A master notebook holds no copy of the reference code (one source of truth). Each
contract function or class gets a cell with its signature and docstring, taken
from ``solutions.<module>``, and a body that delegates to the reference inside
``# BEGIN SOLUTION`` / ``# END SOLUTION``. Otter Assign turns that body into ``...``
for the students, and the instructor's notebook still runs, because it calls
the reference.
"""
from __future__ import annotations

import importlib
import inspect
import textwrap

INDENT = "    "


def _parameters(signature: inspect.Signature) -> tuple[str, str]:
    """The parameter list for a ``def`` (annotations dropped) and the matching call arguments."""
    declared, passed = [], []
    for p in signature.parameters.values():
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            raise ValueError("contract functions take no *args or **kwargs")
        declared.append(p.name if p.default is p.empty else f"{p.name}={p.default!r}")
        if p.name != "self":
            passed.append(f"{p.name}={p.name}")
    return ", ".join(declared), ", ".join(passed)


def _docstring(obj, indent: str) -> str:
    doc = inspect.getdoc(obj) or ""
    if doc == inspect.getdoc(object.__init__):
        doc = ""  # the inherited "Initialize self..." says nothing to a student
    if not doc:
        return ""
    quote = 'r"""' if "\\" in doc else '"""'
    body = doc.replace('"""', '\\"\\"\\"')
    return textwrap.indent(f'{quote}{body}\n"""', indent) + "\n" if "\n" in body else f'{indent}{quote}{body}"""\n'


def _function(module: str, name: str, fn) -> str:
    declared, passed = _parameters(inspect.signature(fn))
    return (f"def {name}({declared}):\n{_docstring(fn, INDENT)}"
            f"{INDENT}# BEGIN SOLUTION\n"
            f"{INDENT}from {module} import {name} as _reference\n"
            f"{INDENT}return _reference({passed})\n"
            f"{INDENT}# END SOLUTION\n")


def _own_classes(cls) -> list[type]:
    """The classes of the reference in ``cls``'s ancestry (not object, not torch.nn.Module's)."""
    return [c for c in cls.__mro__[:-1] if c.__module__.startswith("solutions")]


def _public_methods(cls) -> list[str]:
    own = _own_classes(cls)
    names = ["__init__"] if any("__init__" in vars(c) for c in own) else []
    names += sorted({k for c in own for k, v in vars(c).items() if not k.startswith("_") and inspect.isfunction(v)})
    return names


def _is_module(cls) -> bool:
    return any(c.__module__.startswith("torch.nn") and c.__name__ == "Module" for c in cls.__mro__)


def _method_doc_owner(cls, method_name: str):
    """The method as written in the reference (its docstring), never one inherited from a library."""
    for c in _own_classes(cls):
        function = vars(c).get(method_name)
        if function is not None and function.__doc__:
            return function
    return None


def _class(module: str, name: str, cls) -> str:
    # A torch model stays an nn.Module for the student (who calls super().__init__() first);
    # any other reference base class is the reference's business, so the stub has none.
    torch_module = _is_module(cls)
    lines = [f"class {name}(nn.Module):\n" if torch_module else f"class {name}:\n", _docstring(cls, INDENT)]
    for method_name in _public_methods(cls):
        method = getattr(cls, method_name)
        declared, passed = _parameters(inspect.signature(method))
        documented = _method_doc_owner(cls, method_name)
        doc = _docstring(documented, INDENT * 2) if documented else ""
        head = f"\n{INDENT}def {method_name}({declared}):\n{doc}"
        if method_name == "__init__":
            if torch_module:
                head += f"{INDENT * 2}super().__init__()\n"
            body = (f"{INDENT * 2}from {module} import {name} as _Reference\n"
                    f"{INDENT * 2}self._reference = _Reference({passed})\n")
        else:
            body = f"{INDENT * 2}return self._reference.{method_name}({passed})\n"
        lines.append(f"{head}{INDENT * 2}# BEGIN SOLUTION\n{body}{INDENT * 2}# END SOLUTION\n")
    return "".join(lines)


def solution_cell(module: str, names: list[str]) -> str:
    """The code of one solution cell defining ``names`` from ``module`` (e.g. ``solutions.losses``)."""
    mod = importlib.import_module(module)
    parts = []
    for name in names:
        obj = getattr(mod, name, None)
        if inspect.isclass(obj):
            parts.append(_class(module, name, obj))
        elif inspect.isfunction(obj):
            parts.append(_function(module, name, obj))
        elif type(obj) in (int, float, str, bool):
            # A numeric or short answer the student sets; Otter blanks the right-hand side.
            parts.append(f"{name} = {obj!r}  # SOLUTION\n")
        else:
            raise ValueError(f"{module}.{name} is not a function, class or plain answer of the reference")
    return "\n\n\n".join(part.rstrip("\n") for part in parts) + "\n"
