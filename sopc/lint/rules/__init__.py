"""Every rule module, one per code prefix; importing this package registers them all."""

from sopc.lint.rules import al, id, lk, np, pl, rp, sc, sp, sy, tg, wk  # noqa: F401
