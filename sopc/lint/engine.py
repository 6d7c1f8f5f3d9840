"""Run the enabled rules over valid SOPs and turn their findings into located Diagnostics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from sopc.config import ConfigError, LintSettings
from sopc.diagnostics import Diagnostic, Severity, Span
from sopc.lint.context import LintUnit, RepoEntry
from sopc.lint.registry import Finding, Rule, Scope, all_rules, matching
from sopc.texts.i18n import pick, texts


def check_settings(settings: LintSettings, where: str) -> None:
    """Every rule named in `[lint]` must exist: a typo must not silently switch nothing off."""
    rules = [r for r in all_rules() if r.configurable]
    per_file = [ref for refs in settings.per_file_ignores.values() for ref in refs]
    for key, refs in (("select", settings.select), ("ignore", settings.ignore),
                      ("severity", list(settings.severity)), ("per_file_ignores", per_file)):
        for ref in refs:
            if not any(matching(ref, rules)):
                raise ConfigError(where, texts("config.no_rule", key=f"lint.{key}", ref=ref))


_ENABLED: dict[tuple[int, Scope], tuple[LintSettings, list[tuple[Rule, Severity]]]] = {}


def enabled_rules(settings: LintSettings, scope: Scope) -> list[tuple[Rule, Severity]]:
    """The rules of `scope` that run under `settings`, each with its effective severity."""
    key = (id(settings), scope)
    if key not in _ENABLED:  # the settings object is kept in the entry, so its id stays its own
        if len(_ENABLED) > 64:
            _ENABLED.clear()
        _ENABLED[key] = (settings, _enabled(settings, scope))
    return _ENABLED[key][1]


def _enabled(settings: LintSettings, scope: Scope) -> list[tuple[Rule, Severity]]:
    rules = [r for r in all_rules() if r.scope == scope]
    if settings.select:
        chosen = {r.code for sel in settings.select for r in matching(sel, rules)}
        rules = [r for r in rules if r.code in chosen]
    ignored = {r.code for sel in settings.ignore for r in matching(sel, rules)}
    overrides: dict[str, str] = {}  # code -> severity name (or "off")
    for sel, name in settings.severity.items():
        for r in matching(sel, rules):
            overrides[r.code] = name
    out = []
    for r in rules:
        level = overrides.get(r.code, r.severity.value)
        if r.code not in ignored and level != "off":
            out.append((r, Severity(level)))
    return out


def lint_unit(unit: LintUnit, lang: str) -> list[Diagnostic]:
    """Findings of the per-SOP rules on one valid SOP."""
    out = []
    for r, severity in enabled_rules(unit.settings, "sop"):
        assert r.check is not None
        out += _diagnostics(r, severity, r.check(unit), unit, lang)
    return out


def lint_project(entries: Sequence[RepoEntry], lang: str) -> list[Diagnostic]:
    """Findings of the repository-wide rules over the SOPs that share one configuration."""
    if not entries:
        return []
    out = []
    # the suppression rules last: they judge what every other rule's findings were hidden by
    for scope in ("project", "suppressions"):
        for r, severity in enabled_rules(entries[0].settings, scope):
            assert r.check is not None
            for finding in r.check(entries):
                assert isinstance(finding.unit, RepoEntry)
                out += _diagnostics(r, severity, [finding], finding.unit, lang)
    return out


def _diagnostics(r: Rule, severity: Severity, findings: Iterable[Finding], unit: LintUnit | RepoEntry,
                 lang: str) -> list[Diagnostic]:
    out = []
    for f in findings:
        if f.where is not None:
            span = Span(*f.where)
        else:
            smap = unit.source.smap  # built on the first finding only: clean files never need spans
            span = smap.key(f.path) if f.at == "key" else smap.nearest_value(f.path)
        if unit.suppressions.hides(span.line, r.code, r.name):
            unit.hidden.add((span.line, r.code))
            continue
        message = pick(r.messages[f.message], lang).format(**f.params)
        out.append(Diagnostic(unit.path, span, r.code, severity, message))
    return out


def per_file_ignored(settings: LintSettings, relative: str) -> set[str]:
    """The codes `[lint] per_file_ignores` switches off for the file at `relative` (from the root)."""
    from sopc.source.ignore import IgnoreSpec

    rules = [r for r in all_rules() if r.configurable]
    return {r.code for pattern, refs in settings.per_file_ignores.items() if IgnoreSpec([pattern]).matches(relative)
            for ref in refs for r in matching(ref, rules)}
