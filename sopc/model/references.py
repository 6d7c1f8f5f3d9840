"""Cross-references the schema alone cannot check: actor names, step targets, unique ids.

Why here and not in a pydantic model validator: errors raised there lose their location, and
every finding must name the exact line of the reference that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterator

from sopc.model.base import END_TARGET, slug
from sopc.model.sop import Langkah, Sop

Problem = tuple[tuple, str, dict]  # (path, message id, params)



def resolve_references(sop: Sop) -> tuple[Sop, list[Problem]]:
    """Check every reference; return the SOP with actor references spelled as declared ids."""
    problems = list(_duplicate_ids(sop))
    actors = _actor_lookup(sop)
    for index, step in enumerate(sop.langkah):
        problems += _step_problems(sop, index, step)
        problems += _lane_problems(index, step, actors)
    if all(lane.id in sop.actor_index for step in sop.langkah for lane in step.pelaksana):
        return sop, problems  # every actor already named by its id: nothing to rewrite
    steps = tuple(_canonical_lanes(step, actors) for step in sop.langkah)
    return sop.model_copy(update={"langkah": steps}), problems


def _duplicate_ids(sop: Sop) -> Iterator[Problem]:
    seen: dict[str, int] = {}
    for i, actor in enumerate(sop.pelaksana):
        if actor.id in seen:
            yield ("pelaksana", i), "ref.actor_duplicate", {"id": actor.id, "first": seen[actor.id] + 1}
        seen.setdefault(actor.id, i)
    seen = {}
    for i, step in enumerate(sop.langkah):
        if step.id is None:
            continue
        if step.id == END_TARGET:
            yield ("langkah", i, "id"), "ref.step_reserved", {"id": step.id}
        elif step.id in seen:
            yield ("langkah", i, "id"), "ref.step_duplicate", {"id": step.id, "first": seen[step.id] + 1}
        seen.setdefault(step.id, i)


def _actor_lookup(sop: Sop) -> dict[str, str]:
    """Every spelling that names an actor: its id, and the slug of its id and of its name."""
    lookup: dict[str, str] = {}
    for actor in sop.pelaksana:
        for spelling in (slug(actor.nama), slug(actor.id), actor.id):
            lookup[spelling] = actor.id
    return lookup


def _canonical_lanes(step: Langkah, actors: dict[str, str]) -> Langkah:
    lanes = tuple(lane.model_copy(update={"id": _actor_id(lane.id, actors) or lane.id}) for lane in step.pelaksana)
    return step.model_copy(update={"pelaksana": lanes})


def _actor_id(ref: str, actors: dict[str, str]) -> str | None:
    return actors.get(ref) or actors.get(slug(ref))


def _lane_problems(index: int, step: Langkah, actors: dict[str, str]) -> Iterator[Problem]:
    seen: set[str] = set()
    for j, lane in enumerate(step.pelaksana):
        path = ("langkah", index, "pelaksana", j, "id")  # shortened to what the source has when reported
        actor = _actor_id(lane.id, actors)
        if actor is None:
            yield path, "ref.actor_unknown", {"id": lane.id, "hint": _hint(lane.id, actors)}
        elif actor in seen:
            yield path, "ref.actor_twice", {"id": lane.id}
        seen.add(actor or lane.id)


def _hint(ref: str, actors: dict[str, str]) -> str:
    import difflib

    close = difflib.get_close_matches(ref, sorted(set(actors.values())), n=1, cutoff=0.6)
    return f" (`{close[0]}`?)" if close else ""


def _step_problems(sop: Sop, index: int, step: Langkah) -> Iterator[Problem]:
    base = ("langkah", index)
    if step.keputusan is not None:
        yield from _decision_problems(sop, index, step)
    elif step.lanjut is not None:
        yield from _target_problems(sop, (*base, "lanjut"), step.lanjut, allow_end=True)
    if step.berurutan and len(step.pelaksana) < 2:
        yield (*base, "berurutan"), "ref.sequence_one", {"count": len(step.pelaksana)}
    for j, lane in enumerate(step.pelaksana):
        if lane.label is not None and step.keputusan is not None:
            yield (*base, "pelaksana", j, "label"), "ref.decision_label", {}
        if lane.lanjut is None:
            continue
        if step.keputusan is not None:
            yield (*base, "pelaksana", j, "lanjut"), "ref.decision_lanjut", {}
        else:
            yield from _target_problems(sop, (*base, "pelaksana", j, "lanjut"), lane.lanjut, allow_end=True)


def _decision_problems(sop: Sop, index: int, step: Langkah) -> Iterator[Problem]:
    base = ("langkah", index)
    decision = step.keputusan
    assert decision is not None
    if len(step.pelaksana) > 1:
        yield (*base, "pelaksana"), "ref.decision_lanes", {"count": len(step.pelaksana)}
    if step.lanjut is not None:
        yield (*base, "lanjut"), "ref.decision_lanjut", {}
    if step.label is not None:
        yield (*base, "label"), "ref.decision_label", {}
    for branch in ("ya", "tidak"):
        target = getattr(decision, branch)
        if target is not None:
            yield from _target_problems(sop, (*base, "keputusan", branch), target, allow_end=False)
    if decision.ya is None and index == len(sop.langkah) - 1:
        yield (*base, "keputusan"), "ref.ya_after_last", {}


def _target_problems(sop: Sop, path: tuple, target: int | str, allow_end: bool) -> Iterator[Problem]:
    if target == END_TARGET:
        if not allow_end:
            yield path, "ref.end_in_decision", {}
    elif sop.step_index(target) is None:
        yield path, "ref.target_unknown", {"target": target, "count": len(sop.langkah)}
