"""The errors a user can cause and mend: each a SopcError carrying its message in both languages.

The command line turns any of them into `sopc: <message>` and exit code 2, in one place
(sopc/cli/__init__.py); anything else that escapes is a bug in sopc, reported as an internal error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sopc.texts.i18n import pick

Texts = Mapping[str, str]  # {"id": ..., "en": ...}


class SopcError(Exception):
    """A usage, configuration, path or output problem; `message(lang)` says what and how to mend it.

    A plain string is the same in both languages (a tool's own words, such as git's or TOML's).
    """

    def __init__(self, message: str | Texts) -> None:
        self.texts: dict[str, str] = {"id": message, "en": message} if isinstance(message, str) else dict(message)
        super().__init__(self.texts["en"])

    def message(self, lang: str) -> str:
        return pick(self.texts, lang)

    def __reduce__(self) -> tuple[Any, ...]:
        # crosses from worker processes whole: both texts and the subclass's own fields
        return _rebuild, (type(self), self.texts, dict(self.__dict__))


def _rebuild(cls: type[SopcError], texts: dict[str, str], state: dict[str, Any]) -> SopcError:
    error = cls.__new__(cls)
    Exception.__init__(error, texts["en"])
    error.__dict__.update(state)
    return error
