"""The flow of a SOP, computed once: symbols, arrows between them, starts, ends and reachability.

A node is one symbol: a step in one actor's column (a step done by several actors has one node
per actor). Arrows join nodes. The linter reads this, and the layout draws exactly this.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property

from sopc.model.base import END_TARGET
from sopc.model.sop import Langkah, Sop

DEFAULT_LABELS = ("Ya", "Tidak")


class Symbol(str, enum.Enum):
    """The regulation's symbols a step can take (the off-page connector belongs to the layout)."""

    TERMINATOR = "terminator"
    PROCESS = "process"
    DECISION = "decision"


class EdgeKind(str, enum.Enum):
    """Why an arrow exists: the next row, an explicit jump, a decision branch, or a hand-off between
    the actors of one row (`berurutan`)."""

    NEXT = "next"
    JUMP = "jump"
    YA = "ya"
    TIDAK = "tidak"
    HANDOFF = "handoff"


@dataclass(frozen=True, order=True)
class Node:
    """One symbol: step index (0-based) and the actor id of its column (None: no actor named)."""

    step: int
    lane: str | None


@dataclass(frozen=True)
class Edge:
    """An arrow from one symbol to another, with the decision label it carries, if any."""

    src: Node
    dst: Node
    kind: EdgeKind
    label: str | None = None


@dataclass(frozen=True)
class Flow:
    """Everything about the order of a SOP's steps that the linter and the layout need."""

    step_count: int
    nodes: tuple[Node, ...]
    symbols: dict[Node, Symbol]
    edges: tuple[Edge, ...]
    starts: tuple[int, ...]
    _succ: tuple[tuple[int, ...], ...] = field(repr=False)
    texts: dict[Node, str] = field(default_factory=dict)  # text written inside a symbol (`teks`)

    def nodes_of(self, step: int) -> tuple[Node, ...]:
        return self._by_step[step]

    @cached_property
    def _by_step(self) -> tuple[tuple[Node, ...], ...]:
        out: list[list[Node]] = [[] for _ in range(self.step_count)]
        for node in self.nodes:
            out[node.step].append(node)
        return tuple(tuple(nodes) for nodes in out)

    def out_edges(self, step: int) -> tuple[Edge, ...]:
        """Arrows leaving the symbols of `step`."""
        return self._out[step]

    @cached_property
    def _out(self) -> tuple[tuple[Edge, ...], ...]:
        out: list[list[Edge]] = [[] for _ in range(self.step_count)]
        for edge in self.edges:
            out[edge.src.step].append(edge)
        return tuple(tuple(e) for e in out)

    def successors(self, step: int) -> tuple[int, ...]:
        """Steps an arrow from `step` enters, in order, each once."""
        return self._succ[step]

    @cached_property
    def predecessors(self) -> tuple[tuple[int, ...], ...]:
        preds: list[list[int]] = [[] for _ in range(self.step_count)]
        for step, succs in enumerate(self._succ):
            for s in succs:
                if step not in preds[s]:
                    preds[s].append(step)
        return tuple(tuple(p) for p in preds)

    @cached_property
    def ends(self) -> frozenset[int]:
        """Steps where some actor's part of the flow ends (a node with no arrow out)."""
        leaving = {e.src for e in self.edges}
        return frozenset(n.step for n in self.nodes
                         if n not in leaving and self.symbols[n] is not Symbol.DECISION)

    @cached_property
    def reachable(self) -> frozenset[int]:
        """Steps some path from a start reaches (starts included)."""
        return _closure(self.starts, lambda s: self._succ[s])

    @cached_property
    def reaches_end(self) -> frozenset[int]:
        """Steps from which some path reaches an end."""
        return _closure(self.ends, lambda s: self.predecessors[s])

    def step_symbol(self, step: int) -> Symbol:
        """The step's symbol: decision, terminator when every one of its nodes is one, else process."""
        kinds = {self.symbols[n] for n in self.nodes_of(step)}
        if Symbol.DECISION in kinds:
            return Symbol.DECISION
        return Symbol.TERMINATOR if kinds == {Symbol.TERMINATOR} else Symbol.PROCESS

    @cached_property
    def _cycles(self) -> tuple[tuple[int, ...], ...]:
        return tuple(c for c in _strongly_connected(self.step_count, self._succ)
                     if len(c) > 1 or c[0] in self._succ[c[0]])

    def cycles(self) -> list[tuple[int, ...]]:
        """Groups of steps that lead back to each other (strongly connected, with a cycle), in order."""
        return list(self._cycles)

    def main_path(self) -> list[int]:
        """The path an ordinary case takes: from the first step, `ya` at decisions, until an end."""
        path: list[int] = []
        seen: set[int] = set()
        step: int | None = 0
        while step is not None and step not in seen:
            seen.add(step)
            path.append(step)
            outgoing = [e for e in self.out_edges(step) if e.kind is not EdgeKind.TIDAK]
            step = outgoing[0].dst.step if outgoing else None
        return path


def build_flow(sop: Sop) -> Flow:
    """Derive the flow of a validated SOP (references already resolved)."""
    nodes = tuple(node for i, step in enumerate(sop.langkah) for node in _step_nodes(i, step))
    by_step: dict[int, tuple[Node, ...]] = {}
    for node in nodes:
        by_step.setdefault(node.step, ())
        by_step[node.step] += (node,)
    columns: dict[str | None, int] = {actor: i for actor, i in sop.actor_index.items()}
    entries = {i: (by_step[i][:1] if step.berurutan else by_step[i]) for i, step in enumerate(sop.langkah)}
    edges = tuple(edge for i, step in enumerate(sop.langkah)
                  for edge in _step_edges(sop, i, step, by_step, entries, columns))
    starts = tuple(i for i, step in enumerate(sop.langkah) if i == 0 or step.mulai)
    succ = _successors(len(sop.langkah), edges)
    symbols = _symbols(sop, nodes, edges, {n for i in starts for n in entries[i]})
    return Flow(len(sop.langkah), nodes, symbols, edges, starts, succ, _texts(sop, nodes))


def _texts(sop: Sop, nodes: tuple[Node, ...]) -> dict[Node, str]:
    """The text written inside each symbol (`teks` of the actor's part, else of the step)."""
    out = {}
    for node in nodes:
        step = sop.langkah[node.step]
        lane = next((lane for lane in step.pelaksana if lane.id == node.lane), None)
        text = (lane.teks if lane is not None else None) or step.teks
        if text:
            out[node] = text
    return out


def _step_nodes(index: int, step: Langkah) -> tuple[Node, ...]:
    return tuple(Node(index, actor) for actor in step.actor_ids) or (Node(index, None),)


def _step_edges(sop: Sop, index: int, step: Langkah, by_step: dict[int, tuple[Node, ...]],
                entries: dict[int, tuple[Node, ...]], columns: dict[str | None, int]) -> Iterator[Edge]:
    """The arrows leaving a step's symbols. A row entered elsewhere is entered at its `entries`
    (the first actor of a `berurutan` row, else every actor)."""
    sources = by_step[index]
    last = len(sop.langkah) - 1
    if step.keputusan is not None:
        decision = step.keputusan
        labels = decision.label or DEFAULT_LABELS
        branches = [(EdgeKind.YA, decision.ya, index + 1 if index < last else None, labels[0]),
                    (EdgeKind.TIDAK, decision.tidak, None, labels[1])]
        for kind, target, default, label in branches:
            dst = sop.step_index(target) if target is not None else default
            if dst is not None:
                yield from _connect(sources[:1], entries[dst], kind, label, columns)
        return
    lanes = step.pelaksana or (None,)
    exits: dict[tuple[int | None, str | None], list[Node]] = {}
    for k, (node, lane) in enumerate(zip(sources, lanes, strict=True)):
        own = lane.lanjut if lane else None
        if step.berurutan and k < len(sources) - 1:  # hands the work on to the next actor of the row
            yield Edge(node, sources[k + 1], EdgeKind.HANDOFF, lane.label if lane else None)
            if own is None:
                continue
        said = (lane.label if lane else None) or step.label
        exits.setdefault((_exit(sop, index, step, own), said), []).append(node)
    for (dst, said), group in exits.items():
        if dst is not None:
            explicit = dst != index + 1 or step.lanjut is not None
            yield from _connect(group, entries[dst], EdgeKind.JUMP if explicit else EdgeKind.NEXT, said, columns)


def _exit(sop: Sop, index: int, step: Langkah, lane_target: int | str | None) -> int | None:
    """The step a process node goes to, or None where the flow ends."""
    target = lane_target if lane_target is not None else step.lanjut
    if target == END_TARGET:
        return None
    if target is not None:
        return sop.step_index(target)
    return index + 1 if index + 1 < len(sop.langkah) else None


def _connect(sources: Iterable[Node], targets: Iterable[Node], kind: EdgeKind, label: str | None,
             columns: dict[str | None, int]) -> Iterator[Edge]:
    """Arrows between the symbols of two rows, as signed SOPs draw them.

    Each target receives its arrow from the source in its own column when there is one,
    otherwise from the nearest source (by column; the left one on a tie); a source that then
    reaches no target joins the nearest one. One source thus fans out to every target, several
    sources merge into one target, and actors going on in their own columns are never cross-linked.
    """
    srcs, dsts = list(sources), list(targets)
    pairs = [(_nearest(d, srcs, columns), d) for d in dsts]
    reached = {s for s, _ in pairs}
    pairs += [(s, _nearest(s, dsts, columns)) for s in srcs if s not in reached]
    for src, dst in sorted(pairs, key=lambda pair: (columns.get(pair[0].lane, -1), columns.get(pair[1].lane, -1))):
        yield Edge(src, dst, kind, label)


def _nearest(node: Node, candidates: list[Node], columns: dict[str | None, int]) -> Node:
    col = columns.get(node.lane, -1)
    return min(candidates, key=lambda c: (abs(columns.get(c.lane, -1) - col), columns.get(c.lane, -1)))


def _successors(count: int, edges: tuple[Edge, ...]) -> tuple[tuple[int, ...], ...]:
    succ: list[list[int]] = [[] for _ in range(count)]
    for edge in edges:
        if edge.kind is not EdgeKind.HANDOFF and edge.dst.step not in succ[edge.src.step]:
            succ[edge.src.step].append(edge.dst.step)
    return tuple(tuple(s) for s in succ)


def _symbols(sop: Sop, nodes: tuple[Node, ...], edges: tuple[Edge, ...], starting: set[Node]) -> dict[Node, Symbol]:
    leaving = {e.src for e in edges}
    symbols = {}
    for node in nodes:
        if sop.langkah[node.step].keputusan is not None:
            symbols[node] = Symbol.DECISION
        elif node in starting or node not in leaving:
            symbols[node] = Symbol.TERMINATOR
        else:
            symbols[node] = Symbol.PROCESS
    return symbols


def _closure(seeds: Iterable[int], neighbours) -> frozenset[int]:
    seen = set(seeds)
    queue = deque(seen)
    while queue:
        for nxt in neighbours(queue.popleft()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
    return frozenset(seen)


def _strongly_connected(count: int, succ: tuple[tuple[int, ...], ...]) -> list[tuple[int, ...]]:
    """Tarjan's algorithm, iterative (a SOP may have thousands of steps)."""
    index: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    groups: list[tuple[int, ...]] = []
    counter = 0
    for root in range(count):
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            v, i = work.pop()
            if i == 0:
                index[v] = low[v] = counter
                counter += 1
                stack.append(v)
                on_stack.add(v)
            if i < len(succ[v]):
                work.append((v, i + 1))
                w = succ[v][i]
                if w not in index:
                    work.append((w, 0))
                elif w in on_stack:
                    low[v] = min(low[v], index[w])
                continue
            if low[v] == index[v]:
                group = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    group.append(w)
                    if w == v:
                        break
                groups.append(tuple(sorted(group)))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[v])
    return sorted(groups)
