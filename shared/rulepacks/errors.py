"""Errors of rule-pack loading and lookup."""

from __future__ import annotations

from collections.abc import Sequence


class PackError(ValueError):
    """A rule pack file is invalid; raised at load time (service start-up).

    ``problems`` each name the rule (or section) at fault, e.g.
    ``rule 'bureau_filing': anchor: no rule 'answr' in this pack or its includes``.
    """

    def __init__(self, file: str, problems: Sequence[str]) -> None:
        self.file = file
        self.problems = tuple(problems)
        listed = "\n".join(f"  - {problem}" for problem in self.problems)
        super().__init__(f"invalid rule pack {file}:\n{listed}")


class PackNotFound(LookupError):
    def __init__(self, pack_id: str, known: Sequence[str]) -> None:
        super().__init__(f"no rule pack {pack_id!r}; known: {', '.join(known)}")
        self.pack_id = pack_id


class PackNotInEffect(LookupError):
    """No version of the pack was in effect at the instant asked about."""

    def __init__(self, pack_id: str, instant: object) -> None:
        super().__init__(f"no version of rule pack {pack_id!r} was in effect at {instant}")
        self.pack_id = pack_id
