"""Read a YAML source safely into plain data plus a SourceMap; every failure is a located Diagnostic.

libyaml composes the node tree (with marks) in C; one walk over the nodes then builds plain
Python data and rejects duplicate keys, unknown tags, deep nesting and alias bombs. No YAML
constructor runs, so no tag can build an object. The SourceMap (the span of every key path) is
built from the same nodes when a finding first needs a position.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import Any, cast

import yaml
from pydantic import BaseModel, ConfigDict, Field
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from sopc.diagnostics import Diagnostic, Severity, Span
from sopc.source.files import RefusedFile, read_file
from sopc.source.lines import Lines, editor_lines
from sopc.source.scalars import XML_FORBIDDEN, resolve_plain
from sopc.source.sourcemap import SourceMap
from sopc.texts.i18n import tr

try:  # libyaml ships in PyYAML's wheels; the pure-Python parser is the fallback.
    from yaml._yaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on the platform's wheel
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


_STR_TAG = "tag:yaml.org,2002:str"
_STD_COLLECTION_TAGS = {"tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}
_UNRESOLVED = "?"


class _Composer(_Parser):
    """libyaml's composer with a resolver that does nothing: resolution happens in the walk."""

    def resolve(self, kind: type, value: object, implicit: object) -> str:
        return _UNRESOLVED

    def descend_resolver(self, *args: object) -> None:  # used by the pure-Python composer
        pass

    def ascend_resolver(self) -> None:
        pass


class Limits(BaseModel):
    """Resource limits that keep a hostile file from costing time or memory: declared once, read here,
    set by sopc.toml's `[limits]` (within these bounds)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    max_bytes: int = Field(default=1_048_576, gt=0)  # file size
    max_depth: int = Field(default=64, gt=2, le=1000)  # nesting of lists and mappings
    max_nodes: int = Field(default=200_000, gt=0)  # values after alias expansion
    max_steps: int = Field(default=2_000, gt=0)  # langkah
    max_actors: int = Field(default=60, gt=0)  # pelaksana
    max_text: int = Field(default=5_000, gt=0)  # characters in one text


@dataclass(eq=False)
class Source:
    """A loaded SOP source: its text, the plain data and (on demand) where each piece of it stands.

    Why on demand: only files with findings need spans. The node tree the text was parsed into is
    kept while its file is linted (`node`), so a finding needs no second parse, and let go after
    (`release`): kept for every file of a repository, each garbage collection would walk millions
    of objects. A position asked for after that parses the text again (about 2 ms).
    """

    path: str
    text: str
    data: dict
    node: Node | None = field(default=None, repr=False, compare=False)

    @cached_property
    def smap(self) -> SourceMap:
        root = self.node if self.node is not None else _compose(self.text, "id")
        return SourceMap.from_node(root, editor_lines(self.text), Lines(self.text))

    def release(self) -> None:
        """Let the node tree go (its spans already looked up stay)."""
        self.node = None

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)  # sent between processes without the tree or the spans: rebuilt on demand
        state["node"] = None
        state.pop("smap", None)
        return state


DEFAULT_LIMITS = Limits()


class _Reject(Exception):
    """A located reason to reject the whole file."""

    def __init__(self, span: Span, code: str, message: str) -> None:
        super().__init__(message)
        self.span, self.code, self.message = span, code, message


def load(path: str | Path, lang: str = "id", limits: Limits = DEFAULT_LIMITS,
         display: str | None = None, root: Path | None = None) -> tuple[Source | None, list[Diagnostic]]:
    """Read and parse one SOP file. Returns the source, or None and the reasons it was rejected.

    Read through `read_file`: a regular file only, bounded, and (with `root`, the repository)
    never through a link leading out of it.
    """
    shown = display or str(path)
    try:
        raw = read_file(path, limits.max_bytes, root, lang)
    except RefusedFile as err:
        if err.kind == "too_large":
            size = Path(path).stat().st_size
            return None, [_diag(shown, Span(1, 1), "SY05",
                                tr("yaml.too_large", lang, size=size, limit=limits.max_bytes))]
        return None, [_diag(shown, Span(1, 1), "SY08", tr("io.unreadable", lang, reason=err.strerror))]
    except OSError as err:
        return None, [_diag(shown, Span(1, 1), "SY08", tr("io.unreadable", lang, reason=err.strerror or err))]
    return load_bytes(raw, shown, lang, limits)


def load_bytes(raw: bytes, path: str, lang: str = "id",
               limits: Limits = DEFAULT_LIMITS) -> tuple[Source | None, list[Diagnostic]]:
    """Decode and parse the bytes of one SOP file."""
    try:
        if len(raw) > limits.max_bytes:
            raise _Reject(Span(1, 1), "SY05", tr("yaml.too_large", lang, size=len(raw), limit=limits.max_bytes))
        text = _decode(raw, lang)
        return _parse(text, path, lang, limits)
    except _Reject as rej:
        return None, [_diag(path, rej.span, rej.code, rej.message)]


def load_text(text: str, path: str = "<text>", lang: str = "id",
              limits: Limits = DEFAULT_LIMITS) -> tuple[Source | None, list[Diagnostic]]:
    """Parse SOP text that is already decoded (tests, editors); warnings may come with the source."""
    try:
        return _parse(text, path, lang, limits)
    except _Reject as rej:
        return None, [_diag(path, rej.span, rej.code, rej.message)]


def _diag(path: str, span: Span, code: str, message: str) -> Diagnostic:
    return Diagnostic(path, span, code, Severity.ERROR, message)


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_WRITE_AS = {codecs.BOM_UTF32_LE: "utf-32-le", codecs.BOM_UTF32_BE: "utf-32-be", codecs.BOM_UTF8: "utf-8",
             codecs.BOM_UTF16_LE: "utf-16-le", codecs.BOM_UTF16_BE: "utf-16-be"}


def encode_like(text: str, raw: bytes) -> bytes:
    """`text` encoded as the file `raw` was (its byte-order mark and encoding kept), for `--fix`:
    a file saved as UTF-16 by Notepad stays UTF-16."""
    bom = next((bom for bom, _ in _BOMS if raw.startswith(bom)), b"")
    return bom + text.encode(_WRITE_AS.get(bom, "utf-8"))


def _decode(raw: bytes, lang: str) -> str:
    encoding = next((enc for bom, enc in _BOMS if raw.startswith(bom)), "utf-8")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1:].decode("utf-8", "replace")) + 1
        raise _Reject(Span(line, column), "SY03", tr("yaml.encoding", lang, reason=err.reason)) from None


def _parse(text: str, path: str, lang: str, limits: Limits) -> tuple[Source, list[Diagnostic]]:
    """Parse decoded text; every position reported is an editor's (see sopc.source.lines)."""
    lines = Lines(text)
    try:
        source, warnings = _parse_lines(text, path, lang, limits, lines)
    except _Reject as rej:
        rej.span = lines.span(rej.span)
        raise
    return source, [replace(w, span=lines.span(w.span)) for w in warnings]


def _parse_lines(text: str, path: str, lang: str, limits: Limits, lines: Lines) -> tuple[Source, list[Diagnostic]]:
    _check_flow_depth(text, lang, limits)
    root = _compose(text, lang, limits)
    if root is None:
        raise _Reject(Span(1, 1), "SY04", tr("yaml.empty", lang))
    walker = _Walker(lang, limits, lines)
    data = walker.build(root)
    if not isinstance(data, dict):
        kind = "daftar/list" if isinstance(data, list) else "teks/scalar"
        raise _Reject(_span(root), "SY04", tr("yaml.not_mapping", lang, kind=kind))
    _check_counts(root, data, lang, limits)
    warnings = []
    if walker.unprintable:
        node, count, sample = walker.unprintable
        message = tr("yaml.unprintable", lang, count=count, sample=f"U+{ord(sample):04X}")
        warnings.append(Diagnostic(path, _span(node), "SY09", Severity.WARNING, message))
    return Source(path, text, data, root), warnings


def _check_counts(root: Node, data: dict, lang: str, limits: Limits) -> None:
    """Refuse more steps or actors than the limits allow, at the key that holds them."""
    for key, limit in (("langkah", limits.max_steps), ("pelaksana", limits.max_actors)):
        value = data.get(key)
        if isinstance(value, list) and len(value) > limit:
            key_node = next(k for k, _ in root.value if k.value == key)
            raise _Reject(_span(key_node), "SY10", tr("yaml.too_many", lang, key=key, count=len(value),
                                                      limit=limit))


def _compose(text: str, lang: str, limits: Limits | None = None) -> Node | None:
    """libyaml's node tree (with marks) of a single-document text."""
    loader = _Composer(text)
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise _syntax_reject(err, lang, limits) from None
    except yaml.reader.ReaderError as err:
        raise _Reject(_offset_span(text, err.position), "SY03",
                      tr("yaml.encoding", lang, reason=err.reason)) from None
    finally:
        loader.dispose()


def _syntax_reject(err: yaml.MarkedYAMLError, lang: str, limits: Limits | None = None) -> _Reject:
    if _is_nesting_error(err):
        return _too_deep(err.problem_mark or err.context_mark, lang, limits or Limits())
    if isinstance(err, yaml.composer.ComposerError) and "single document" in str(err.context):
        where = Span(err.problem_mark.line + 1, err.problem_mark.column + 1) if err.problem_mark else Span(1, 1)
        return _Reject(where, "SY01", tr("yaml.multi_doc", lang))
    mark = err.problem_mark or err.context_mark
    problem = err.problem or err.context or "?"
    if err.context and err.problem:
        problem = f"{problem} ({err.context})"
    span = Span(mark.line + 1, mark.column + 1) if mark else Span(1, 1)
    return _Reject(span, "SY01", tr("yaml.syntax", lang, problem=problem))


def _offset_span(text: str, offset: int) -> Span:
    before = text[:offset]
    return Span(before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1)


def _span(node: Node) -> Span:
    s, e = node.start_mark, node.end_mark
    return Span(s.line + 1, s.column + 1, e.line + 1, e.column + 1)


_NESTING_CHARS = re.compile(r"[\[{?-]")
# What XML 1.0 cannot carry: C0 controls but tab, newline and return; surrogates; U+FFFE, U+FFFF.


def _check_flow_depth(text: str, lang: str, limits: Limits) -> None:
    """Refuse deep nesting before libyaml's recursive composer sees it (it overflows the C stack).

    Why: ~100,000 nested brackets crash the process. Nesting needs one opening character per
    level, so ordinary files skip the event scan entirely.
    """
    if len(_NESTING_CHARS.findall(text, 0, len(text))) <= 4 * limits.max_depth:
        return
    parser = _Parser(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            if isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                depth += 1
                if depth > limits.max_depth:
                    raise _too_deep(event.start_mark, lang, limits)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                depth -= 1
            elif isinstance(event, yaml.StreamEndEvent):
                break
    except yaml.MarkedYAMLError as err:
        if _is_nesting_error(err):
            raise _too_deep(err.problem_mark or err.context_mark, lang, limits) from None
        return  # the real parse reports the syntax error with its location
    except yaml.YAMLError:
        return
    finally:
        parser.dispose()


def _is_nesting_error(err: yaml.MarkedYAMLError) -> bool:
    """libyaml >= 0.2.6 (PyYAML 6.0.4's wheels) refuses ~1,000 levels itself, while scanning.

    Its scanner reads ahead over the opening brackets, so it may stop before the event scan
    above sees our own, lower limit; it is the same finding, deep nesting, not a syntax error.
    """
    return "nesting depth" in (err.problem or "")


def _too_deep(mark: Any, lang: str, limits: Limits) -> _Reject:  # a Mark of PyYAML or of libyaml
    span = Span(mark.line + 1, mark.column + 1) if mark else Span(1, 1)
    return _Reject(span, "SY06", tr("yaml.too_deep", lang, limit=limits.max_depth))


class _Walker:
    """Turns composed nodes into plain data, with limits on depth and alias expansion."""

    def __init__(self, lang: str, limits: Limits, lines: Lines) -> None:
        self.lang, self.limits, self.lines = lang, limits, lines
        self.visits = 0
        self.open: set[int] = set()  # ids of collection nodes being built: an alias back to one is a cycle
        self.top_key: Node | None = None  # the top-level key being built, where an alias bomb is reported
        self.unprintable: tuple[Node, int, str] | None = None  # the first text with characters XML forbids

    def build(self, root: Node) -> object:
        return self.value(root, 0)

    def first_line(self, node: Node) -> int:
        """The editor's line of a node (for messages that name another line)."""
        return self.lines.line_col(node.start_mark.line + 1, node.start_mark.column + 1)[0]

    def value(self, node: Node, depth: int) -> object:
        if isinstance(node, ScalarNode):
            if len(node.value) > self.limits.max_text:
                raise _Reject(_span(node), "SY10", tr("yaml.too_long", self.lang, length=len(node.value),
                                                      limit=self.limits.max_text))
            if node.style == '"':
                return self.printable(node)
            if node.tag == _UNRESOLVED:
                return node.value if node.style else self.plain(node)
            self.check_tag(node, {_STR_TAG})
            return node.value
        return self.collection(node, depth)

    def plain(self, node: ScalarNode) -> object:
        """An unquoted scalar's value; a number too long for Python to read is a located error."""
        try:
            return resolve_plain(node.value)
        except ValueError:  # more digits than int() converts (4,300 by default)
            raise _Reject(_span(node), "SY10", tr("yaml.number_too_long", self.lang, length=len(node.value))) \
                from None

    def printable(self, node: ScalarNode) -> str:
        """A double-quoted text without the characters XML 1.0 forbids (escapes can write them).

        Only double quotes can: the reader refuses such characters anywhere else in the file.
        """
        if node.tag not in (_UNRESOLVED, _STR_TAG):
            self.check_tag(node, {_STR_TAG})
        found = XML_FORBIDDEN.findall(node.value)
        if not found:
            return node.value
        if self.unprintable is None:
            self.unprintable = (node, len(found), found[0])
        return XML_FORBIDDEN.sub("", node.value)

    def collection(self, node: Node, depth: int) -> object:
        # every child counts, so a node reached again through an alias is counted again
        self.visits += len(node.value) + 1
        if self.visits > self.limits.max_nodes:
            # aliased nodes carry their anchor's position; the top-level key is where the blow-up is
            span = _span(self.top_key or node)
            raise _Reject(span, "SY06", tr("yaml.alias_bomb", self.lang, limit=self.limits.max_nodes))
        if depth >= self.limits.max_depth:
            raise _Reject(_span(node), "SY06", tr("yaml.too_deep", self.lang, limit=self.limits.max_depth))
        if id(node) in self.open:
            raise _Reject(_span(node), "SY06", tr("yaml.recursive_alias", self.lang))
        if node.tag != _UNRESOLVED:
            self.check_tag(node, _STD_COLLECTION_TAGS)
        self.open.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return self.sequence(node, depth)
            return self.mapping(cast(MappingNode, node), depth)
        finally:
            self.open.discard(id(node))

    def check_tag(self, node: Node, allowed: set[str]) -> None:
        if node.tag != _UNRESOLVED and node.tag not in allowed:
            tag = node.tag.replace("tag:yaml.org,2002:", "!!")
            raise _Reject(_span(node), "SY07", tr("yaml.tag", self.lang, tag=tag))

    # Plain and quoted scalars are resolved inline below: they are most of the nodes, and a
    # method call for each costs more than the rest of the walk.

    def sequence(self, node: SequenceNode, depth: int) -> list:
        out = []
        for item in node.value:
            if item.id == "scalar" and item.tag == _UNRESOLVED and item.style != '"' \
                    and len(item.value) <= self.limits.max_text:
                out.append(item.value if item.style else self.plain(item))
            else:
                out.append(self.value(item, depth + 1))
        return out

    def mapping(self, node: MappingNode, depth: int) -> dict:
        out: dict[str, object] = {}
        for key_node, value_node in node.value:
            if key_node.id != "scalar":
                raise _Reject(_span(key_node), "SY01", tr("yaml.complex_key", self.lang))
            if key_node.tag != _UNRESOLVED:
                self.check_tag(key_node, {_STR_TAG})
            key = self.printable(key_node) if key_node.style == '"' else key_node.value  # `no:` stays "no"
            if key in out:
                first = next(k for k, _ in node.value if k.value == key)
                raise _Reject(_span(key_node), "SY02", tr("yaml.duplicate_key", self.lang, key=key,
                                                            first=self.first_line(first)))
            if depth == 0:
                self.top_key = key_node
            if value_node.id == "scalar" and value_node.tag == _UNRESOLVED and value_node.style != '"' \
                    and len(value_node.value) <= self.limits.max_text:
                out[key] = value_node.value if value_node.style else self.plain(value_node)
            else:
                out[key] = self.value(value_node, depth + 1)
        return out
