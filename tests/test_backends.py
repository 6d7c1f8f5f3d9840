"""The back-end registry: a new format is one render function and one entry (issue 14, item 2)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sopc.backends.registry import Rendering
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parents[1] / "examples"


def render_txt(doc: Rendering) -> Iterator[tuple[str, bytes]]:
    """A throwaway format: the SOP's nomor, nama and how many printed pages its table takes."""
    yield doc.stem + ".txt", f"{doc.sop.nomor}\n{doc.sop.nama}\n{len(doc.layout.pages)}\n".encode()


def test_a_format_added_through_the_registry_alone_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from sopc.backends import registry

    monkeypatch.setitem(registry.BACKENDS, "txt", registry.Backend("txt", ".txt", "tests.test_backends:render_txt"))
    repo, out = tmp_path / "repo", tmp_path / "out"
    shutil.copytree(EXAMPLES, repo)
    result = run_cli("build", str(repo), "-o", str(out), "--format", "txt", "-j", "1")
    assert result.exit_code == 0, result.output
    text = (out / "umum" / "peminjaman-ruang-rapat.txt").read_text().splitlines()
    assert text[0] == "004/SOP/BU/2024" and text[1] == "Peminjaman Ruang Rapat Sekretariat Daerah" and int(text[2]) >= 1
    assert not list(out.rglob("*.docx")) and not list(out.rglob("*.svg"))
    again = run_cli("build", str(repo), "-o", str(out), "--format", "txt", "-j", "1")
    assert again.stdout.startswith("sopc: 0 berkas ditulis")  # remembered by its key: nothing made again
    (repo / "umum" / "peminjaman-ruang-rapat.sop.yaml").unlink()
    run_cli("build", str(repo), "-o", str(out), "--format", "txt", "-j", "1")
    assert not (out / "umum" / "peminjaman-ruang-rapat.txt").exists()  # a build removes its own files only
    assert (out / "umum" / "pengelolaan-surat-masuk.txt").exists()
