"""Report formats for people (text) and for CI (json, github, sarif, gitlab, junit), all from the same Diagnostics."""

from __future__ import annotations

import hashlib
import json
import os
import re
import unicodedata
import urllib.parse
from collections import Counter
from collections.abc import Callable
from pathlib import Path, PurePath

import click

from sopc import __version__
from sopc.diagnostics import Diagnostic, Severity, shown
from sopc.lint.registry import Rule, all_rules
from sopc.lint.review import ReviewError, git
from sopc.lint.run import LintResult
from sopc.texts.i18n import tr

GITHUB_CAP = 10  # annotations GitHub shows per severity per step
_COLOURS = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "blue"}


def summary(result: LintResult) -> str:
    """One line of counts, e.g. `2 errors, 1 warnings, 0 infos in 4 files`."""
    counts = Counter(d.severity for d in result.diagnostics)
    return tr("report.summary", result.lang, errors=counts[Severity.ERROR], warnings=counts[Severity.WARNING],
              infos=counts[Severity.INFO], files=result.files)


def render_text(result: LintResult, summary_line: bool = True) -> str:
    """`path:line:col: severity CODE message`, the source line and a caret under the column.

    Everything printed from a repository (file names, messages quoting values, source lines) goes
    through `shown`: a control character in a file name must not drive the reader's terminal.
    """
    out = []
    for d in result.diagnostics:
        level = click.style(d.severity.value, fg=_COLOURS[d.severity], bold=True)
        s = d.span
        out.append(f"{shown(d.path)}:{s.line}:{s.column}: {level} {d.code} {shown(d.message)}")
        out += _snippet(d, result.lines(d.path))
    if summary_line:
        out.append(summary(result))
    return "\n".join(out) + "\n" if out else ""


def _snippet(d: Diagnostic, lines: list[str]) -> list[str]:
    if not 0 < d.span.line <= len(lines):
        return []
    text = lines[d.span.line - 1].replace("\t", " ")
    width = d.span.end_column - d.span.column if d.span.end_line == d.span.line else len(text) - d.span.column + 1
    before, under = text[:d.span.column - 1], text[d.span.column - 1:][:max(1, min(width, 60))]
    gutter = f"{d.span.line:>5} | "
    # the caret sits under the column as the terminal shows it: wide characters take two cells
    caret = " " * _cells(shown(before)) + "^" * max(1, _cells(shown(under)))
    return [gutter + shown(text), " " * (len(gutter) - 2) + "| " + click.style(caret, fg=_COLOURS[d.severity])]


def _cells(text: str) -> int:
    """Terminal cells `text` takes: East Asian wide and full-width characters two, combining marks none."""
    return sum(0 if unicodedata.combining(ch) else 2 if unicodedata.east_asian_width(ch) in "WF" else 1
               for ch in text)


def render_json(result: LintResult) -> str:
    """A JSON list of findings: path, line, column, end_line, end_column, code, name, severity, message."""
    names = {r.code: r.name for r in all_rules()}
    items = [{
        "path": d.path, "line": d.span.line, "column": d.span.column,
        "end_line": d.span.end_line, "end_column": d.span.end_column,
        "code": d.code, "name": names.get(d.code, ""), "severity": d.severity.value, "message": d.message,
    } for d in result.diagnostics]
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _gh_escape(text: str, prop: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if prop else text


def render_github(result: LintResult) -> str:
    """GitHub Actions workflow commands, one annotation per finding, and a note when some are hidden."""
    names = {r.code: r.name for r in all_rules()}
    out = []
    for d in result.diagnostics:
        s, title = d.span, f"{d.code} {names.get(d.code, '')}".strip()
        props = (f"file={_gh_escape(d.path, True)},line={s.line},col={s.column},endLine={s.end_line},"
                 f"endColumn={s.end_column},title={_gh_escape(title, True)}")
        out.append(f"::{_GH_LEVEL[d.severity]} {props}::{_gh_escape(d.message)}")
    counts = Counter(_GH_LEVEL[d.severity] for d in result.diagnostics)
    hidden = {level: n - GITHUB_CAP for level, n in counts.items() if n > GITHUB_CAP}
    if hidden:
        detail = ", ".join(f"{n} {level}" for level, n in sorted(hidden.items()))
        out.append(f"::notice title=sopc::GitHub shows at most {GITHUB_CAP} annotations of each kind per step; "
                   f"{detail} are only in this log (or upload the SARIF report: sopc lint --format sarif)")
    out.append(summary(result))
    return "\n".join(out) + "\n"


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render_sarif(result: LintResult) -> str:
    """SARIF 2.1.0: the rule catalogue and one result per finding with its physical location."""
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    descriptors = [{
        "id": r.code, "name": r.name,
        "shortDescription": {"text": r.summary(result.lang)},
        "fullDescription": {"text": r.explanation(result.lang).split("\n\n")[0].replace("\n", " ")},
        "help": dict.fromkeys(("text", "markdown"), r.explain(result.lang)),
        "defaultConfiguration": {"level": _SARIF_LEVEL[r.severity]},
    } for r in rules]
    docs = _rules_url()
    for descriptor, r in zip(descriptors, rules, strict=True):
        if docs:
            descriptor["helpUri"] = f"{docs}#{_anchor(r)}"
    root = _repository_root(result)
    results = [{
        "ruleId": d.code, "ruleIndex": index.get(d.code, -1), "level": _SARIF_LEVEL[d.severity],
        "message": {"text": d.message},
        "locations": [{"physicalLocation": {
            # relative to the repository's root, percent-encoded: code scanning places it whatever the
            # folder sopc ran in, and whatever a file's name holds (spaces, commas, %, accents)
            "artifactLocation": {"uri": _uri(d.path, root), "uriBaseId": "SRCROOT"},
            "region": {"startLine": d.span.line, "startColumn": d.span.column,
                       "endLine": d.span.end_line, "endColumn": max(d.span.end_column, d.span.column)},
        }}],
    } for d in result.diagnostics]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "sopc", "version": __version__, "semanticVersion": __version__,
                                "rules": descriptors}},
            "automationDetails": {"id": "sopc/lint/"},
            "originalUriBaseIds": {"SRCROOT": {"uri": root.as_uri().rstrip("/") + "/"}},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


_GITLAB_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render_gitlab(result: LintResult) -> str:
    """GitLab Code Quality: findings shown in the merge request, each with a stable fingerprint
    (its file, rule, message and line: the same finding keeps it from one pipeline to the next)."""
    names = {r.code: r.name for r in all_rules()}
    issues = []
    for d in result.diagnostics:
        path = PurePath(d.path).as_posix()
        fingerprint = hashlib.sha256(f"{path}\0{d.code}\0{d.message}\0{d.span.line}".encode()).hexdigest()
        lines = {"begin": d.span.line, "end": max(d.span.end_line, d.span.line)}
        check = f"{d.code} {names.get(d.code, '')}".strip()
        issues.append({"description": f"{d.code} {d.message}", "check_name": check, "fingerprint": fingerprint,
                       "severity": _GITLAB_SEVERITY[d.severity], "location": {"path": path, "lines": lines}})
    return json.dumps(issues, ensure_ascii=False, indent=2) + "\n"


def render_junit(result: LintResult) -> str:
    """JUnit XML, as CI test reports read it (GitLab's `artifacts:reports:junit`, Jenkins, Azure): a
    suite per file linted, a failed case per finding (its severity as the failure's type; the exit code,
    not the report, says whether warnings fail), and one passing case for a file without findings."""
    from xml.etree import ElementTree as ET

    names = {r.code: r.name for r in all_rules()}
    by_file: dict[str, list[Diagnostic]] = {path: [] for path in result.sources}
    for d in result.diagnostics:
        by_file.setdefault(d.path, []).append(d)
    top = ET.Element("testsuites", name="sopc lint", tests=str(sum(max(1, len(f)) for f in by_file.values())),
                     failures=str(len(result.diagnostics)), errors="0")
    for path, found in by_file.items():
        name = _xml_safe(PurePath(path).as_posix())
        suite = ET.SubElement(top, "testsuite", name=name, tests=str(max(1, len(found))),
                              failures=str(len(found)), errors="0", skipped="0")
        if not found:
            ET.SubElement(suite, "testcase", classname=name, name="sopc lint", file=name)
        for d in found:
            s = d.span
            case = ET.SubElement(suite, "testcase", classname=name, file=name, line=str(s.line),
                                 name=_xml_safe(f"{d.code} {names.get(d.code, '')} ({s.line}:{s.column})"))
            failure = ET.SubElement(case, "failure", type=d.severity.value, message=_xml_safe(d.message))
            failure.text = _xml_safe(f"{path}:{s.line}:{s.column}: {d.severity.value} {d.code} {d.message}")
    ET.indent(top)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(top, encoding="unicode") + "\n"


def _xml_safe(text: str) -> str:
    """`text` as XML 1.0 can hold it: control characters as their escapes (ElementTree would write
    them as they are, and no reader could parse the report)."""
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", shown(text))


_NOT_XML = re.compile("[\ud800-\udfff\ufffe\uffff]")  # what XML 1.0 excludes beyond the control characters


def render_statistics(result: LintResult) -> str:
    """How many findings of each rule, most first: where a repository stands at a glance."""
    names = {r.code: r.name for r in all_rules()}
    counts = Counter((d.code, d.severity.value) for d in result.diagnostics)
    lines = [f"{n:5d}  {code}  {names.get(code, '')}  ({severity})"
             for (code, severity), n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]
    return "\n".join([*lines, summary(result)]) + "\n"


def _repository_root(result: LintResult) -> Path:
    """The root of the git repository the linted files are in (what code scanning's paths are
    relative to), else the current folder."""
    start = Path(result.sources[0]).resolve().parent if result.sources else Path.cwd()
    try:
        top = os.fsdecode(git(["rev-parse", "--show-toplevel"], start).strip())
    except ReviewError:
        return Path.cwd().resolve()
    return Path(top).resolve() if top else Path.cwd().resolve()


def _uri(path: str, root: Path) -> str:
    where = Path(path).resolve()
    relative = where.relative_to(root).as_posix() if where.is_relative_to(root) else where.as_posix()
    return urllib.parse.quote(relative, safe="/")


def _rules_url() -> str | None:
    """docs/rules.md of the sopc that runs, when it came from a GitHub or GitLab repository at a commit."""
    from sopc.cli.origin import installed_from

    found = re.fullmatch(r"sopc @ git\+(https://(?:github|gitlab)\.com/[^@\s]+?)(?:\.git)?@(\S+)",
                         installed_from() or "")
    if found is None:
        return None
    blob = "/-/blob/" if "gitlab.com" in found.group(1) else "/blob/"
    return f"{found.group(1)}{blob}{found.group(2)}/docs/rules.md"


def _anchor(r: Rule) -> str:
    """The heading anchor GitHub and GitLab give `## CODE `name` (severity)` in docs/rules.md."""
    code, name, severity = r.code, r.name, r.severity.value
    return re.sub(r"[^\w\- ]", "", f"{code} {name} ({severity})".lower()).replace(" ", "-")


FORMATTERS: dict[str, Callable[[LintResult], str]] = {
    "text": render_text, "json": render_json, "github": render_github, "sarif": render_sarif,
    "gitlab": render_gitlab, "junit": render_junit,
}
