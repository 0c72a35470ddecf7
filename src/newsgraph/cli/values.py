"""Command-line values converted without pydantic, which was a quarter of what a query command added to DuckDB.

Typer 0.29 converts every value through a pydantic ``TypeAdapter`` built on first use; importing
pydantic for it costs about 0.12 s of CPU, as much as newsgraph's own modules and DuckDB's first
query together. The values our commands take are plain: text, integers and decimals with bounds,
paths, choices and lists of text. ``Group`` (the app's Typer group class) gives each such parameter
a converter that calls Typer's own helpers for choices and paths and Python's ``int``/``float`` for
digits; any other annotation, and any value a converter does not accept, goes to Typer's adapter,
so a rejected value gets Typer's own message. ``tests/test_cli_values.py`` checks that both give
the same value for every parameter of every command.

This reaches into Typer's internals (``typer._coercion``, pinned at 0.29.1 in pyproject.toml).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

from typer._click import Command, Context, Parameter
from typer._coercion import RuntimeParam, TypeDescriptor, build_runtime_param
from typer._param_types import coerce_cli_choice, coerce_cli_path
from typer.core import TyperArgument, TyperGroup, TyperOption

Convert = Callable[[Any, Parameter, Context], Any]

_INTEGER = re.compile(r"-?[0-9]{1,18}")
_DECIMAL = re.compile(r"-?[0-9]{1,15}(\.[0-9]{1,15})?")


class Rejected(ValueError):
    """A value the plain converter leaves to Typer's adapter."""


@dataclass(frozen=True)
class PlainValue(RuntimeParam):
    """A parameter's value converted by ``convert``; Typer's adapter when ``convert`` rejects it."""

    convert: Convert
    descriptor: TypeDescriptor

    def _coerce_value(self, value: Any, param: Parameter, ctx: Context) -> Any:
        try:
            return self.convert(value, param, ctx)
        except Exception:  # Typer's adapter decides, and words the error, as without this class
            return build_runtime_param(self.descriptor)._coerce_value(value, param=param, ctx=ctx)


def _in_bounds(number: Any, info: Any) -> Any:
    if (info.min is not None and number < info.min) or (info.max is not None and number > info.max):
        raise Rejected(number)
    return number


def converter(descriptor: TypeDescriptor) -> Convert | None:
    """How to convert a value of this annotation without pydantic; None to leave it to Typer."""
    annotation, info = descriptor.annotation, descriptor.parameter_info
    if info.parser is not None or descriptor.is_file or info.clamp:
        return None
    if get_origin(annotation) is list:
        [item] = get_args(annotation)
        one = converter(TypeDescriptor(item, info, None))
        if one is None:
            return None

        def each(value: Any, param: Parameter, ctx: Context) -> list[Any]:
            if not isinstance(value, (list, tuple)):
                raise Rejected(value)
            return [one(v, param, ctx) for v in value]

        return each
    if annotation is str:
        return _text
    if annotation is bool:
        return _truth
    if annotation is int:
        return lambda value, param, ctx: _in_bounds(_integer(value), info)
    if annotation is float:
        return lambda value, param, ctx: _in_bounds(_decimal(value), info)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        choices = tuple(annotation)
        return lambda value, param, ctx: coerce_cli_choice(
            value, choices=choices, case_sensitive=info.case_sensitive, ctx=ctx
        )
    if annotation is Path and info.path_type is None:
        return lambda value, param, ctx: coerce_cli_path(_path(value), info, path_type=Path, param=param, ctx=ctx)
    return None


def _text(value: Any, param: Parameter, ctx: Context) -> str:
    if not isinstance(value, str):
        raise Rejected(value)
    return value


def _truth(value: Any, param: Parameter, ctx: Context) -> bool:
    if not isinstance(value, bool):
        raise Rejected(value)
    return value


def _integer(value: Any) -> int:
    if type(value) is int:
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        return int(value)
    raise Rejected(value)


def _decimal(value: Any) -> float:
    if type(value) in (int, float):
        return float(value)
    if isinstance(value, str) and _DECIMAL.fullmatch(value):
        return float(value)
    raise Rejected(value)


def _path(value: Any) -> Path:
    if isinstance(value, Path):
        return value
    if isinstance(value, str) and value and "\0" not in value:
        return Path(value)
    raise Rejected(value)


def plain_values(params: list[Parameter]) -> None:
    """Give each Typer parameter of a plain annotation its converter (once)."""
    for param in params:
        if not isinstance(param, (TyperArgument, TyperOption)) or param._runtime_param is not None:
            continue
        descriptor = param.type_descriptor
        convert = converter(descriptor)
        if convert is not None:
            param._runtime_param = PlainValue(descriptor.parameter_info, descriptor.annotation, convert, descriptor)


class Group(TyperGroup):
    """Typer's group; the parameters of the group and of the command it runs are converted without pydantic where
    they can be (see the module). Each Typer app of the CLI is made with ``cls=Group``."""

    def parse_args(self, ctx: Context, args: list[str]) -> list[str]:
        plain_values(self.get_params(ctx))
        return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Context, args: list[str]) -> tuple[str | None, Command | None, list[str]]:
        name, command, rest = super().resolve_command(ctx, args)
        if command is not None:
            plain_values(command.get_params(ctx))
        return name, command, rest
