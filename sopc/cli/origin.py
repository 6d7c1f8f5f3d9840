"""Where this sopc was installed from (pip's PEP 610 record): what `sopc --version` says, what
`sopc init` pins CI to, what a SARIF report names. Light on purpose: `--version` loads nothing else."""

from __future__ import annotations

import importlib.metadata
import json
from pathlib import Path

from sopc import __version__


def installed_from() -> str | None:
    """This sopc's source as a pip requirement: `sopc @ git+URL@COMMIT`, a wheel's URL, or
    `sopc==VERSION` from a package index; None for a local folder or file (an editable install, a
    checkout on the path), which CI cannot reach. Read from pip's record (PEP 610 direct_url.json)."""
    record = _direct_url()
    if record is None:
        here = Path(__file__).resolve().parents[1]  # the sopc package
        installed = any(part in ("site-packages", "dist-packages") for part in here.parts)
        return f"sopc=={__version__}" if installed else None  # from a package index, or a checkout
    url = str(record.get("url", ""))
    vcs = record.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("commit_id"):
        return f"sopc @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}"
    return f"sopc @ {url}" if url.startswith(("https://", "http://")) and url.endswith(".whl") else None


def _direct_url() -> dict | None:
    """pip's record of where the installed sopc came from, if pip installed it from a URL or folder."""
    for dist in importlib.metadata.distributions(name="sopc"):
        raw = dist.read_text("direct_url.json")
        if raw:
            try:
                found = json.loads(raw)
            except ValueError:
                return None
            return found if isinstance(found, dict) else None
    return None


def install_note() -> str:
    """Where this sopc comes from, for `sopc --version`."""
    found = installed_from()
    if found is not None:
        return found
    url = str((_direct_url() or {}).get("url", ""))
    return f"a local copy ({url.removeprefix('file://')})" if url else f"a local copy ({Path(__file__).parents[2]})"
