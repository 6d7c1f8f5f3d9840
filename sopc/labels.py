"""The fixed texts of the printed forms (column heads, identity labels, month names), per language.

They live in `templates/labels-<lang>.j2`, which a unit may edit. The templates are rendered in
Jinja2's sandbox with only harmless context; no SOP text is ever rendered as a template.
"""

from __future__ import annotations

import datetime as dt
import os
import select
import signal
import time
from functools import lru_cache
from importlib import resources

from jinja2.sandbox import ImmutableSandboxedEnvironment


@lru_cache(maxsize=4)
def labels(lang: str = "id") -> dict[str, str]:
    """`key -> text` for `lang` (id or en; anything else falls back to id)."""
    name = f"labels-{lang if lang in ('id', 'en') else 'id'}.j2"
    source = resources.files("sopc.templates").joinpath(name).read_text(encoding="utf-8")
    rendered = environment().from_string(source).render(lang=lang)
    out = {}
    for line in rendered.splitlines():
        key, sep, text = line.partition(":")
        if sep and key.strip():
            out[key.strip()] = text.strip()
    return out


def environment() -> ImmutableSandboxedEnvironment:
    """The Jinja2 environment every sopc template renders in: sandboxed, nothing mutable reachable."""
    return ImmutableSandboxedEnvironment(autoescape=False, keep_trailing_newline=True)


TEMPLATE_SECONDS = 2.0  # what a repository's template may take to render
TEMPLATE_MEMORY = 256 * 1024 * 1024  # bytes it may allocate beyond what the process holds
TEMPLATE_OUTPUT = 256 * 1024  # characters it may write


class TemplateFailed(Exception):
    """A repository's template failed or went over its budget; the message says how (for the page)."""


def render_bounded(source: str, context: dict[str, object]) -> str:
    """`source` rendered in the sandbox within a budget of time, memory and output (issue 12, item 12).

    The sandbox keeps a template from reaching anything; it does not keep it from looping for
    ever (`{% for i in range(99999) %}{% for j in range(99999) %}`) or from building a 300 MB
    string. So on POSIX the template renders in a forked child with a memory limit, and the child
    is killed when its time is up; elsewhere it renders here, bounded in output only. Any error
    of the template (a syntax error, `{{ 1/0 }}`, `{% include %}`) comes back as TemplateFailed.
    """
    if not hasattr(os, "fork"):
        return _render(source, context)
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render, send the text (or the error) back, and go
        code = 0
        try:
            os.close(reader)
            _limit_memory()
            try:
                payload = b"+" + _render(source, context).encode("utf-8", "surrogatepass")
            except TemplateFailed as err:
                payload = b"-" + str(err).encode("utf-8", "replace")
            with os.fdopen(writer, "wb") as out:
                out.write(payload)
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(writer)
    try:
        data = _read_until(reader, time.monotonic() + TEMPLATE_SECONDS)
    finally:
        os.close(reader)
        if data is None:
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    if data is None:
        raise TemplateFailed(f"took longer than {TEMPLATE_SECONDS:g} s; stopped")
    if not data:
        raise TemplateFailed("ran out of memory; stopped")
    if data[:1] == b"-":
        raise TemplateFailed(data[1:].decode("utf-8", "replace"))
    return data[1:].decode("utf-8", "surrogatepass")


def _render(source: str, context: dict[str, object]) -> str:
    out, size = [], 0
    try:
        for chunk in environment().from_string(source).generate(**context):
            size += len(chunk)
            if size > TEMPLATE_OUTPUT:
                raise TemplateFailed(f"writes more than {TEMPLATE_OUTPUT} characters; stopped")
            out.append(chunk)
    except TemplateFailed:
        raise
    except MemoryError:
        raise TemplateFailed("ran out of memory; stopped") from None
    except Exception as err:  # whatever the template raises is the template's error, shown on its page
        raise TemplateFailed(f"{type(err).__name__}: {err}") from None
    return "".join(out)


def _limit_memory() -> None:
    try:
        import resource

        with open("/proc/self/statm", encoding="ascii") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + TEMPLATE_MEMORY, resource.RLIM_INFINITY))
    except (ImportError, OSError, ValueError):
        pass  # no /proc (macOS): time and output still bound it


def _read_until(fd: int, deadline: float) -> bytes | None:
    """All the child writes, or None when it is not done by `deadline`."""
    chunks = []
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not select.select([fd], [], [], left)[0]:
            return None
        chunk = os.read(fd, 65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def long_date(day: dt.date, lang: str = "id") -> str:
    """A date as the form prints it: `2 Juni 2025`."""
    months = labels(lang)["months"].split()
    return f"{day.day} {months[day.month - 1]} {day.year}"


def nip_grouped(nip: str) -> str:
    """An 18-digit NIP in its usual groups, `19700101 199503 1 002`; other values as they are."""
    if len(nip) == 18 and nip.isascii() and nip.isdigit():
        return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    return nip
