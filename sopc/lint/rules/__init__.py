"""Every rule module; importing this package registers them all."""

from sopc.lint.rules import builtin, dates, flow, identity, nip, repository, steps, suppressions, waktu  # noqa: F401
