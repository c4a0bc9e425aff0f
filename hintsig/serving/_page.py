"""The schema page (`GET /`): the model's inputs, outputs and params, and a form to try it.

One self-contained HTML document rendered on the server: the style and the script are
inline (no external assets, no build step) and allowed by a Content-Security-Policy that
names their hashes, so nothing else runs on the page. Every model-supplied text (names,
types, the example) is HTML-escaped.
"""

from __future__ import annotations

import base64
import hashlib
import html
from collections.abc import Iterable, Sequence

from hintsig._version import __version__
from hintsig.serving._encode import json_bytes
from hintsig.serving._served import ServedModel
from hintsig.types.schema import ColSpec, ParamSchema, Schema, TensorSpec

__all__ = ["CONTENT_SECURITY_POLICY", "render_page"]

_STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0; color: #1d2330; background: #f6f7f9; }
header { background: #1d2330; color: #fff; padding: 18px 32px; }
header h1 { margin: 0; font-size: 22px; }
header p { margin: 4px 0 0; color: #c5cad6; font-size: 13px; }
main { padding: 8px 32px 24px; max-width: 1100px; }
h2 { font-size: 17px; margin: 22px 0 8px; }
table { border-collapse: collapse; background: #fff; min-width: 480px; }
th, td { border: 1px solid #d9dde5; padding: 5px 10px; text-align: left; vertical-align: top; }
th { background: #eceff4; font-weight: 600; }
code { font: 13px ui-monospace, monospace; }
.none { color: #6b7280; font-style: italic; }
textarea { width: 100%; min-height: 160px; box-sizing: border-box; font: 13px ui-monospace,
  monospace; padding: 8px; border: 1px solid #c3c9d4; border-radius: 4px; }
button { margin: 8px 0; padding: 6px 22px; font-size: 15px; border: 0; border-radius: 4px;
  background: #2f6fed; color: #fff; cursor: pointer; }
pre { background: #fff; border: 1px solid #d9dde5; border-left-width: 4px; padding: 10px;
  white-space: pre-wrap; word-break: break-word; min-height: 1.5em; font-size: 13px; }
pre.ok { border-left-color: #1f9d55; }
pre.error { border-left-color: #d64545; }
footer { padding: 0 32px 24px; color: #6b7280; font-size: 13px; }
""".strip()

_SCRIPT = """
const send = document.getElementById("send");
const payload = document.getElementById("payload");
const answer = document.getElementById("response");
send.addEventListener("click", async () => {
  answer.className = "";
  answer.textContent = "Sending...";
  let response;
  try {
    response = await fetch("invocations", {
      method: "POST",
      headers: {"Content-Type": "application/json"},
      body: payload.value,
    });
  } catch (error) {
    answer.className = "error";
    answer.textContent = "The request failed: " + error;
    return;
  }
  const text = await response.text();
  let shown = text;
  try {
    const body = JSON.parse(text);
    shown = response.ok ? JSON.stringify(body, null, 2) : body.message;
  } catch (error) {
    shown = text;
  }
  answer.dataset.status = String(response.status);
  answer.className = response.ok ? "ok" : "error";
  answer.textContent = response.status + " " + response.statusText + "\\n" + shown;
});
""".strip()


def _csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


#: Only the page's own inline style and script, and requests to this server.
CONTENT_SECURITY_POLICY = (
    f"default-src 'none'; style-src {_csp_hash(_STYLE)}; script-src {_csp_hash(_SCRIPT)}; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def render_page(served: ServedModel) -> str:
    """The HTML page of `served`."""
    signature = served.signature
    inputs = signature.inputs if signature is not None else None
    outputs = signature.outputs if signature is not None else None
    params = signature.params if signature is not None else None
    example = served.example_text
    formats = ", ".join(f"<code>{f}</code>" for f in served.formats)
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(served.title)} - hintsig</title>",
        f"<style>{_STYLE}</style></head><body>",
        f'<header><h1 id="title">{_e(served.title)}</h1>{_subtitle(served)}</header>',
        "<main>",
        f"<section><h2>Inputs</h2>{_schema_table(inputs, 'inputs')}</section>",
        f"<section><h2>Outputs</h2>{_schema_table(outputs, 'outputs')}</section>",
        f"<section><h2>Params</h2>{_params_table(params)}</section>",
        "<section><h2>Try it</h2>",
        f"<p>POST <code>/invocations</code> as JSON with one of {formats}, "
        "and optionally <code>params</code>.</p>",
        _example_note(example),
        '<textarea id="payload" spellcheck="false" aria-label="Request body">'
        f"{_e(example or _EMPTY_PAYLOAD)}</textarea>",
        '<div><button id="send" type="button">Send</button></div>',
        '<pre id="response" aria-live="polite"></pre>',
        "</section></main>",
        '<footer><a href="openapi.json">OpenAPI document</a> &middot; '
        f'<a href="metadata">metadata</a> &middot; hintsig {_e(__version__)}</footer>',
        f"<script>{_SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts)


_EMPTY_PAYLOAD = '{\n  "inputs": []\n}'


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _subtitle(served: ServedModel) -> str:
    lines = []
    if served.registered is not None:
        lines.append(
            f'Registered model <strong id="registered-name">{_e(served.registered.name)}</strong>, '
            f'version <strong id="registered-version">{served.registered.version}</strong>'
        )
    lines.append(f"Model URI <code>{_e(served.model_uri)}</code>")
    return "".join(f"<p>{line}</p>" for line in lines)


def _example_note(example: str | None) -> str:
    if example is not None:
        return "<p>The box holds the model's serving example; edit it and press Send.</p>"
    return '<p class="none">This model was saved without an input example.</p>'


def _schema_table(schema: Schema | None, what: str) -> str:
    if schema is None:
        return f'<p class="none">The signature declares no {what}.</p>'
    rows = [
        (_spec_name(spec), _spec_type(spec), "yes" if spec.required else "no")
        for spec in schema.inputs
    ]
    return _table(what, ("Name", "Type", "Required"), rows)


def _spec_name(spec: ColSpec | TensorSpec) -> str:
    return str(spec.name) if spec.name is not None else "(unnamed)"


def _spec_type(spec: ColSpec | TensorSpec) -> str:
    if isinstance(spec, TensorSpec):
        return f"Tensor({spec.type.name}, shape {spec.shape})"
    return f"{spec.type}"  # a DataType by its bare name


def _params_table(params: ParamSchema | None) -> str:
    if params is None:
        return '<p class="none">The model takes no params.</p>'
    rows = [
        (
            p.name,
            f"{p.dtype}" if p.shape is None else f"list of {p.dtype}",
            "none" if p.default is None else json_bytes(p.default).decode("utf-8"),
        )
        for p in params
    ]
    return _table("params", ("Name", "Type", "Default"), rows)


def _table(what: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    head = "".join(f"<th>{_e(h)}</th>" for h in header)
    body = "".join(
        "<tr>" + "".join(f"<td><code>{_e(cell)}</code></td>" for cell in row) + "</tr>"
        for row in rows
    )
    return f'<table id="{what}-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
