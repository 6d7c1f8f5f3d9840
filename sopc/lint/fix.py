"""`sopc lint --fix`: safe, mechanical fixes written into the YAML text, keeping comments and layout.

Fixes are edits of the exact span of a value or key (known from the SourceMap), so nothing else
of the file changes: no round-trip through a YAML library, which would re-flow lines.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from dataclasses import dataclass

from pydantic import BaseModel

from sopc.diagnostics import Span
from sopc.model.base import digits_only, slug
from sopc.model.duration import parse_duration
from sopc.model.errors import SYNONYMS, known_keys, suggest_key
from sopc.model.sop import Sop
from sopc.source.lines import editor_lines
from sopc.source.loader import Source
from sopc.source.scalars import as_written
from sopc.texts.labels import nip_grouped


@dataclass(frozen=True)
class Edit:
    """Replace the text of `span` (one line) with `text`; `what` says what was fixed."""

    span: Span
    text: str
    what: str


def plan_fixes(source: Source) -> list[Edit]:
    """Every safe fix for one loaded SOP, in source order."""
    edits = (list(_waktu(source)) + list(_nip(source)) + list(_key_typos(source, source.data, ()))
             + list(_actor_refs(source)))
    return sorted(edits, key=lambda e: (e.span.line, e.span.column))


def fix_text(text: str, path: str) -> tuple[str, list[Edit]]:
    """The text with every safe fix made, and the fixes; a fix can uncover another (a renamed key
    now holding a waktu to tidy), so this repeats until nothing is left (three rounds at most)."""
    from sopc.source.loader import load_text

    done: list[Edit] = []
    for _ in range(3):
        source, _ = load_text(text, path)
        edits = plan_fixes(source) if source is not None else []
        if not edits:
            break
        text = apply(text, edits)
        done += edits
    return text, done


def apply(text: str, edits: list[Edit]) -> str:
    """The text with the edits made (later ones first, so earlier positions stay true)."""
    lines = editor_lines(text, keepends=True)
    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        line = lines[edit.span.line - 1]
        start, end = edit.span.column - 1, edit.span.end_column - 1
        lines[edit.span.line - 1] = line[:start] + edit.text + line[end:]
    return "".join(lines)


def diff(path: str, before: str, after: str) -> str:
    return "".join(difflib.unified_diff(editor_lines(before, keepends=True), editor_lines(after, keepends=True),
                                        f"a/{path}", f"b/{path}"))


def _requote(original: str, value: str) -> str:
    """`value` written the way `original` was: in the same quotes, or plain."""
    if original[:1] in "\"'" and original[-1:] == original[:1]:
        return f"{original[0]}{value}{original[0]}"
    return value


def _scalar_edit(source: Source, path: tuple, new_value: str, what: str) -> Edit | None:
    if path not in source.smap:
        return None
    span = source.smap.value(path)
    if span.line != span.end_line:
        return None  # a value over several lines is left alone
    original = source.smap.line_text(span.line)[span.column - 1:span.end_column - 1]
    return Edit(span, _requote(original, new_value), what)


def _waktu(source: Source):
    """`3 Menit` -> `3 menit`, `5 - 10 Menit` -> `5-10 menit`: only case and spacing change."""
    steps = source.data.get("langkah")
    if not isinstance(steps, list):
        return
    targets: list[tuple[tuple, object]] = [(("waktu_penyelesaian",), source.data.get("waktu_penyelesaian"))]
    targets += [(("langkah", i, "waktu"), s.get("waktu")) for i, s in enumerate(steps) if isinstance(s, dict)]
    for path, value in targets:
        if not isinstance(value, str):
            continue
        duration = parse_duration(value)
        if duration is None:
            continue
        canonical = str(duration)
        if canonical != value.strip() and _same_words(canonical, value):
            edit = _scalar_edit(source, path, canonical, f"waktu `{value}` -> `{canonical}`")
            if edit:
                yield edit


def _same_words(canonical: str, written: str) -> bool:
    """Whether two spellings differ only in case and spaces (never in words or numbers)."""
    squeeze = lambda text: re.sub(r"\s+", "", text.lower())  # noqa: E731
    return squeeze(canonical) == squeeze(written)


def _nip(source: Source):
    """An 18-digit NIP in its usual groups: `19700101 199503 1 002`."""
    signer = source.data.get("disahkan_oleh")
    if not isinstance(signer, dict):
        return
    value = as_written(signer.get("nip"))
    if not isinstance(value, str):
        return
    digits = "".join(value.split())
    grouped = nip_grouped(digits)
    if len(digits) == 18 and digits_only(digits) and value.strip() != grouped:
        edit = _scalar_edit(source, ("disahkan_oleh", "nip"), grouped, f"NIP `{value}` -> `{grouped}`")
        if edit:
            original = edit.text
            # an unquoted NIP is a YAML number: quote it, so it stays text
            yield edit if original[:1] in "\"'" else Edit(edit.span, f'"{grouped}"', edit.what)


def _key_typos(source: Source, data: object, path: tuple):
    """A misspelt key renamed to the one the format has (`wakut` -> `waktu`), when that one is absent."""
    if isinstance(data, list):
        for i, item in enumerate(data):
            if _shaped(item, (*path, i)):
                yield from _key_typos(source, item, (*path, i))
        return
    if not isinstance(data, dict):
        return
    known = known_keys(Sop, path)
    for key, value in data.items():
        if known and key not in known:
            guess = suggest_key(key, known)
            if guess and _near(key, guess) and guess not in data and (*path, key) in source.smap:
                span = source.smap.key((*path, key))
                if span.line == span.end_line and span.end_column - span.column == len(key):
                    yield Edit(span, guess, f"key `{key}` -> `{guess}`")
        if (key in known or not known) and _shaped(value, (*path, key)):
            yield from _key_typos(source, value, (*path, key))


def _near(key: str, guess: str) -> bool:
    """Whether renaming `key` to `guess` is a typo's fix: a known synonym, or at most one edit away
    (two for keys longer than 5 letters; a swap of neighbours is one). `satu` is not `waktu`."""
    if SYNONYMS.get(key.lower()) == guess or key.lower() == guess:
        return True
    return _edits(key.lower(), guess) <= (1 if len(key) <= 5 else 2)


def _edits(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (optimal string alignment) between two short keys."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (a[i - 1] != b[j - 1]))
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _shaped(value: object, path: tuple) -> bool:
    """Whether `value` has the shape the format gives `path` (a list where a list goes, a mapping
    where a mapping goes): in a mis-shaped file the keys below are not the format's to rename."""
    expected = _expected(path)
    if expected is None or not isinstance(value, (list, dict)):
        return True
    return _accepts(expected, list if isinstance(value, list) else dict)


def _expected(path: tuple) -> object | None:
    """The annotation the format gives the value at `path` (None when the format does not say)."""
    annotation: object = Sop
    for part in path:
        if isinstance(part, int):
            options = [a for a in _options(annotation) if typing.get_origin(a) in (list, tuple)]
            if not options:
                return None
            annotation = _bare(typing.get_args(options[0])[0])
        else:
            model = next((a for a in _options(annotation) if isinstance(a, type) and issubclass(a, BaseModel)), None)
            if model is None or part not in model.model_fields:
                return None
            annotation = model.model_fields[part].annotation
    return annotation


def _options(annotation: object) -> tuple:
    """The types an annotation allows: the members of a union, or itself."""
    annotation = _bare(annotation)
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        return tuple(_bare(a) for a in typing.get_args(annotation))
    return (annotation,)


def _bare(annotation: object) -> object:
    return typing.get_args(annotation)[0] if typing.get_origin(annotation) is typing.Annotated else annotation


def _accepts(annotation: object, kind: type) -> bool:
    for option in _options(annotation):
        origin = typing.get_origin(option) or option
        if kind is list and origin in (list, tuple):
            return True
        if kind is dict and (origin is dict or (isinstance(option, type) and issubclass(option, BaseModel))):
            return True
    return False


def _actor_refs(source: Source):
    """A step naming its actor by another spelling (`Kabag`, `Kepala Seksi`) written as the actor's id."""
    actors = source.data.get("pelaksana")
    steps = source.data.get("langkah")
    if not isinstance(actors, list) or not isinstance(steps, list):
        return
    ids: dict[str, str] = {}
    for actor in actors:
        actor_id = actor.get("id") if isinstance(actor, dict) else None
        name = actor.get("nama") if isinstance(actor, dict) else actor
        canonical = actor_id if isinstance(actor_id, str) else slug(name) if isinstance(name, str) else None
        if canonical:
            for spelling in (canonical, name):
                if isinstance(spelling, str):
                    ids.setdefault(slug(spelling), canonical)
    for i, step in enumerate(steps):
        lanes = step.get("pelaksana") if isinstance(step, dict) else None
        refs = [(("langkah", i, "pelaksana"), lanes)] if isinstance(lanes, str) else [
            (("langkah", i, "pelaksana", j), lane) for j, lane in enumerate(lanes if isinstance(lanes, list) else [])
            if isinstance(lane, str)]
        for path, ref in refs:
            canonical = ids.get(slug(ref))
            if canonical and ref != canonical:
                edit = _scalar_edit(source, path, canonical, f"pelaksana `{ref}` -> `{canonical}`")
                if edit:
                    yield edit
