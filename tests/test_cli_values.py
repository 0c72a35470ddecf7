"""Command-line values converted without pydantic (newsgraph.cli.values) give what Typer's adapters give."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner
from typer._click import Context
from typer._coercion import build_runtime_param
from typer.core import TyperArgument, TyperOption

from newsgraph.cli.main import app
from newsgraph.cli.values import converter

SAMPLES: dict[Any, tuple[Any, ...]] = {
    str: ("abc", "", "  padded ", "ünïcode", "select 1", "-"),
    int: ("5", "0", "1", "-3", "007", "+4", "1_000", "5.0", " 5", "x", "", "99999999999999999999", "٣", "12",
          5, 0, 1, 400),  # fmt: skip
    float: ("0.5", "1", "-2.25", "1e3", ".5", "nan", "inf", "x", "", "0.50", "1.", 1, 0.5, 1.0, 0),
    bool: (True, False),
    Path: ("/tmp/x", "rel/p", "", "-", "a\0b", "~/store", Path("already")),
}


def samples(annotation: Any) -> tuple[Any, ...]:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        members = tuple(annotation)
        return (*members, *(m.value for m in members), *(m.value.upper() for m in members), "nope", "")
    if getattr(annotation, "__origin__", None) is list:
        return (("a", "b"), (), ["c"], ("a", 1))
    return SAMPLES[annotation]


def parameters() -> list[tuple[str, Any]]:
    """Every Typer parameter of every command (and group), with the command's path."""
    found = []

    def walk(command: Any, path: str) -> None:
        typed = [p for p in command.params if isinstance(p, (TyperArgument, TyperOption))]
        found.extend((f"{path} {p.name}", (command, p)) for p in typed)
        for name, sub in getattr(command, "commands", {}).items():
            walk(sub, f"{path} {name}".strip())

    walk(typer.main.get_command(app), "")
    return found


PARAMETERS = parameters()


def outcome(convert: Any, value: Any, param: Any, ctx: Context) -> tuple[str, Any]:
    try:
        result = convert(value, param, ctx)
    except Exception as e:  # noqa: BLE001 - any refusal counts as one
        return "refused", type(e).__name__
    return "value", (type(result), result)


@pytest.mark.parametrize(("where", "command_param"), PARAMETERS, ids=[w for w, _ in PARAMETERS])
def test_cli_values_plain_conversion_agrees_with_typer(where: str, command_param: tuple[Any, Any]) -> None:
    command, param = command_param
    descriptor = param.type_descriptor
    convert = converter(descriptor)
    assert convert is not None, f"{where}: {descriptor.annotation} would need pydantic"
    typer_param = build_runtime_param(descriptor)
    ctx = Context(command)
    accepted = 0
    for value in samples(descriptor.annotation):
        ours = outcome(convert, value, param, ctx)
        theirs = outcome(lambda v, p, c: typer_param._coerce_value(v, param=p, ctx=c), value, param, ctx)
        if ours[0] == "value":  # a value we take must be exactly Typer's; a value we refuse goes to Typer
            accepted += 1
            assert theirs == ours, f"{where}: {value!r}"
    assert accepted >= 2, f"{where}: the plain conversion took almost nothing"


def test_cli_values_reject_like_typer() -> None:
    bad = [["sql", "select 1", "--format", "xml"], ["ingest", "--workers", "0", "x"], ["ingest", "--workers", "2x", "x"]]
    for args in bad:
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, result.output
    message = CliRunner().invoke(app, bad[1]).output
    assert "Input should be greater than or equal to 1" in message  # Typer's (pydantic's) own words

