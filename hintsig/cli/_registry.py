"""`hintsig registry ...`: the model registry from the command line.

Every failure prints one line to stderr (`Error: ...`) and exits non-zero: 2 for a usage
mistake, 1 for anything else.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence

import click

from hintsig._registry._names import escaped
from hintsig.cli import cli
from hintsig.cli._common import CliUsageError, Group, reports_errors
from hintsig.client import HintsigClient, ModelVersion
from hintsig.exceptions import HintsigException
from hintsig.types.schema import (
    AnyType,
    Array,
    ColSpec,
    ColType,
    DataType,
    Map,
    ModelSignature,
    Object,
    ParamSchema,
    Schema,
)

__all__ = ["registry"]


@cli.group("registry", cls=Group)
@click.option(
    "--registry-uri",
    metavar="URI",
    default=None,
    help="sqlite:///PATH of the registry (default: HINTSIG_REGISTRY_URI, else registry.db "
    "in HINTSIG_TRACKING_DIR).",
)
@click.pass_context
def registry(ctx: click.Context, registry_uri: str | None) -> None:
    """Registered models, their versions and aliases."""
    ctx.obj = registry_uri


def _client(ctx: click.Context) -> HintsigClient:
    registry_uri: str | None = ctx.obj
    return HintsigClient(registry_uri)


@registry.command("init")
@click.option(
    "--require-signature/--no-require-signature",
    default=None,
    help="Refuse (or accept again) versions whose model has no signature with an input schema.",
)
@click.pass_context
@reports_errors
def init_command(ctx: click.Context, require_signature: bool | None) -> None:
    """Create or upgrade the registry, and set its signature policy."""
    client = _client(ctx)
    if require_signature is not None:
        client.set_require_signature(require_signature)
    required = "yes" if client.require_signature else "no"
    click.echo(f"Registry {client.registry_uri} is ready (signature required: {required})")


@registry.command("list")
@click.option("--filter", "filter_string", metavar="FILTER", help="e.g. \"name LIKE 'churn%'\"")
@click.pass_context
@reports_errors
def list_command(ctx: click.Context, filter_string: str | None) -> None:
    """List the registered models."""
    models = _client(ctx).search_registered_models(filter_string)
    if not models:
        click.echo("No registered models.")
        return
    rows = [
        (
            model.name,
            str(model.latest_versions[0].version) if model.latest_versions else "-",
            ", ".join(f"{alias}={version}" for alias, version in model.aliases.items()) or "-",
            _cell(model.description),
        )
        for model in models
    ]
    click.echo(_table(("NAME", "LATEST", "ALIASES", "DESCRIPTION"), rows))


@registry.command("versions")
@click.argument("name")
@click.pass_context
@reports_errors
def versions_command(ctx: click.Context, name: str) -> None:
    """List the versions of registered model NAME, newest first."""
    client = _client(ctx)
    client.get_registered_model(name)  # a clear error when NAME is not registered
    versions = client.search_model_versions(f"name = {_quoted(name)}")
    if not versions:
        click.echo(f"Registered model {name!r} has no versions.")
        return
    rows = [
        (
            str(mv.version),
            _timestamp(mv.creation_timestamp),
            _signature_state(mv.signature),
            ", ".join(mv.aliases) or "-",
            mv.run_id or "-",
            mv.source,
        )
        for mv in versions
    ]
    headers = ("VERSION", "CREATED", "SIGNATURE", "ALIASES", "RUN ID", "SOURCE")
    click.echo(_table(headers, rows))


@registry.command("show")
@click.argument("name")
@click.argument("version_or_alias", metavar="VERSION_OR_ALIAS")
@click.pass_context
@reports_errors
def show_command(ctx: click.Context, name: str, version_or_alias: str) -> None:
    """Show one version of NAME, with its signature as a table.

    VERSION_OR_ALIAS is a number, `latest`, or an alias (`champion` or `@champion`), which
    resolves as `models:/NAME@ALIAS` does.
    """
    click.echo(_describe(_version_named(_client(ctx), name, version_or_alias)))


@registry.command("delete")
@click.argument("name")
@click.argument("version")
@click.pass_context
@reports_errors
def delete_command(ctx: click.Context, name: str, version: str) -> None:
    """Delete version VERSION of NAME, its aliases and the registry's copy of the model."""
    client = _client(ctx)
    client.delete_model_version(name, version)
    click.echo(f"Deleted {name} version {version}")


@registry.command("tag")
@click.argument("arguments", nargs=-1, metavar="NAME [VERSION] KEY VALUE")
@click.pass_context
@reports_errors
def tag_command(ctx: click.Context, arguments: tuple[str, ...]) -> None:
    """Set tag KEY of registered model NAME, or of its version VERSION, to VALUE."""
    client = _client(ctx)
    if len(arguments) == 3:
        name, key, value = arguments
        client.set_registered_model_tag(name, key, value)
        click.echo(f"{name}: {key}={value}")
    elif len(arguments) == 4:
        name, version, key, value = arguments
        client.set_model_version_tag(name, version, key, value)
        click.echo(f"{name} version {version}: {key}={value}")
    else:
        raise CliUsageError(
            f"{ctx.command_path}: expected NAME [VERSION] KEY VALUE, got {len(arguments)} arguments"
        )


@registry.command("describe")
@click.argument("arguments", nargs=-1, metavar="NAME [VERSION] TEXT")
@click.pass_context
@reports_errors
def describe_command(ctx: click.Context, arguments: tuple[str, ...]) -> None:
    """Set the description of registered model NAME, or of its version VERSION, to TEXT."""
    client = _client(ctx)
    if len(arguments) == 2:
        name, text = arguments
        client.update_registered_model(name, description=text)
        click.echo(f"Described {name}")
    elif len(arguments) == 3:
        name, version, text = arguments
        client.update_model_version(name, version, description=text)
        click.echo(f"Described {name} version {version}")
    else:
        raise CliUsageError(
            f"{ctx.command_path}: expected NAME [VERSION] TEXT, got {len(arguments)} arguments"
        )


@registry.command("register")
@click.argument("model_uri")
@click.argument("name")
@click.pass_context
@reports_errors
def register_command(ctx: click.Context, model_uri: str, name: str) -> None:
    """Register the model at MODEL_URI as a new version of NAME (created if needed)."""
    mv = _client(ctx).register_model(model_uri, name)
    click.echo(
        f"Registered {escaped(mv.name)} version {mv.version} "
        f"(signature: {_signature_state(mv.signature)}; source: {escaped(mv.source)})"
    )


@registry.command("alias")
@click.option("--delete", "delete", is_flag=True, help="Remove ALIAS instead (no VERSION).")
@click.argument("name")
@click.argument("alias")
@click.argument("version", required=False)
@click.pass_context
@reports_errors
def alias_command(
    ctx: click.Context, delete: bool, name: str, alias: str, version: str | None
) -> None:
    """Point ALIAS of NAME at VERSION (models:/NAME@ALIAS then loads it); with --delete,
    remove ALIAS."""
    client = _client(ctx)
    if delete:
        if version is not None:
            raise CliUsageError(f"{ctx.command_path}: --delete takes NAME ALIAS, no VERSION")
        client.delete_registered_model_alias(name, alias)
        click.echo(f"Deleted alias {name}@{alias}")
        return
    if version is None:
        raise CliUsageError(f"{ctx.command_path}: missing argument 'VERSION'")
    client.set_registered_model_alias(name, alias, version)
    mv = client.get_model_version_by_alias(name, alias)
    click.echo(f"{escaped(name)}@{escaped(alias)} -> version {mv.version}")


def _version_named(client: HintsigClient, name: str, version_or_alias: str) -> ModelVersion:
    """The version a number, `latest` or an alias (`champion`, `@champion`) names."""
    text = version_or_alias.strip()
    if text.isascii() and text.isdigit():
        return client.get_model_version(name, text)
    if text.lower() == "latest":
        return client.get_latest_version(name)
    return client.get_model_version_by_alias(name, text.removeprefix("@"))


# ---------------------------------------------------------------------------------- output


def _describe(mv: ModelVersion) -> str:
    fields = (
        ("Model", mv.name),
        ("Version", str(mv.version)),
        ("Source", mv.source),
        ("Run ID", mv.run_id or "-"),
        ("Created", _timestamp(mv.creation_timestamp)),
        ("Status", mv.status),
        ("Aliases", ", ".join(mv.aliases) or "-"),
        ("Tags", ", ".join(f"{key}={value}" for key, value in mv.tags.items()) or "-"),
        ("Description", _cell(mv.description)),
    )
    lines = [f"{label + ':':<13}{escaped(value)}" for label, value in fields]
    return "\n".join([*lines, "", *_signature_lines(mv.signature)])


def _signature_lines(signature: ModelSignature | None) -> list[str]:
    if signature is None:
        return [
            "Signature: none (log the model with input_example= or call set_signature, "
            "then register a new version)"
        ]
    lines = ["Signature:"]
    for label, schema in (("Inputs", signature.inputs), ("Outputs", signature.outputs)):
        lines.append(f"  {label}:" + ("" if schema is not None else " none"))
        if schema is not None:
            lines.append(_schema_table(schema))
    lines.append("  Params:" + ("" if signature.params is not None else " none"))
    if signature.params is not None:
        lines.append(_params_table(signature.params))
    return lines


def _schema_table(schema: Schema) -> str:
    rows = []
    for spec in schema:
        if isinstance(spec, ColSpec):
            kind = _type_label(spec.type)
        else:
            kind = f"tensor {spec.type} {tuple(spec.shape)}"
        rows.append(
            ("-" if spec.name is None else str(spec.name), kind, "yes" if spec.required else "no")
        )
    return _table(("NAME", "TYPE", "REQUIRED"), rows, indent="    ")


def _params_table(params: ParamSchema) -> str:
    rows = []
    for param in params:
        default = json.dumps(param.to_dict()["default"])  # as the MLmodel file holds it
        shape = "scalar" if param.shape is None else "list"
        rows.append((param.name, _type_label(param.dtype), default, shape))
    return _table(("NAME", "TYPE", "DEFAULT", "SHAPE"), rows, indent="    ")


def _type_label(dtype: ColType) -> str:
    """A compact one-line form of a column type: `array<string>`, `object{a: long, b?: any}`."""
    if isinstance(dtype, DataType):
        return dtype.name
    if isinstance(dtype, Array):
        return f"array<{_type_label(dtype.dtype)}>"
    if isinstance(dtype, Map):
        return f"map<string, {_type_label(dtype.value_type)}>"
    if isinstance(dtype, Object):
        fields = (
            f"{p.name}{'' if p.required else '?'}: {_type_label(p.dtype)}" for p in dtype.properties
        )
        return "object{" + ", ".join(fields) + "}"
    if isinstance(dtype, AnyType):
        return "any"
    raise HintsigException(f"Unknown schema type {type(dtype).__name__}")


def _signature_state(signature: ModelSignature | None) -> str:
    if signature is None:
        return "none"
    return "yes" if signature.inputs is not None else "no inputs"


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]], indent: str = "") -> str:
    rows = [[escaped(cell) for cell in row] for row in rows]  # a name cannot forge a line
    widths = [max(len(row[i]) for row in (headers, *rows)) for i in range(len(headers))]
    rule = ["-" * width for width in widths]
    return "\n".join(
        indent
        + "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()
        for row in (headers, rule, *rows)
    )


def _timestamp(ms: int) -> str:
    moment = dt.datetime.fromtimestamp(ms / 1000, tz=dt.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S UTC")


def _cell(text: str | None) -> str:
    return " ".join(text.split()) if text else "-"


def _quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
