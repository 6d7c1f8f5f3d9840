"""One catalogue of messages (sopc/texts/messages.py): every message in both languages, with the same
placeholders, and the build's warnings spoken in the language chosen."""

from __future__ import annotations

import shutil
import string
from pathlib import Path

import pytest

from sopc.texts.messages import MESSAGES
from tests.conftest import run_cli

EXAMPLES = Path(__file__).parents[1] / "examples"


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("msg_id", sorted(MESSAGES))
def test_every_message_speaks_both_languages_with_the_same_placeholders(msg_id: str) -> None:
    texts = MESSAGES[msg_id]
    assert set(texts) == {"id", "en"} and all(t.strip() for t in texts.values())
    assert _fields(texts["id"]) == _fields(texts["en"])


@pytest.mark.parametrize(("lang", "says"), [
    ("id", ["logo tidak-ada.png tidak ditemukan", "tidak ada SOP unit `Dinas X`"]),
    ("en", ["logo tidak-ada.png not found", "no SOP of unit `Dinas X`"]),
])
def test_build_warnings_speak_the_chosen_language(tmp_path: Path, lang: str, says: list[str]) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(EXAMPLES, repo)
    config = repo / "sopc.toml"
    config.write_text(config.read_text().replace('logo = "logo-sukamaju.png"', 'logo = "tidak-ada.png"'))
    result = run_cli("build", str(repo), "-o", str(tmp_path / "out"), "--format", "docx", "--monev",
                     "--unit", "Dinas X", "--lang", lang)
    assert result.exit_code == 0, result.output
    for text in says:
        assert text in result.stderr, result.stderr
