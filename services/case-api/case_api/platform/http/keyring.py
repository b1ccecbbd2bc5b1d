"""The HMAC keys that sign and verify bearer tokens, each named by a ``kid``.

One key signs; the others only verify, so a key can be rotated without cutting off tokens
issued under the previous one: add the new key everywhere, make it the signing key, and drop
the old one once the longest token lifetime has passed. Tokens without a ``kid`` (issued
before keys were named) verify against ``token_secret``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

DEFAULT_KID = "default"


@dataclass(frozen=True)
class Keyring:
    signing_kid: str
    keys: Mapping[str, str]
    unnamed: str

    def __post_init__(self) -> None:
        if self.signing_kid not in self.keys:
            raise ValueError(f"the signing key {self.signing_kid!r} is not in the keyring")

    @property
    def signing_key(self) -> str:
        return self.keys[self.signing_kid]

    def verification_key(self, kid: object) -> str | None:
        if kid is None:
            return self.unnamed
        return self.keys.get(kid) if isinstance(kid, str) else None

    @classmethod
    def from_settings(cls, settings: Any) -> Keyring:
        unnamed = settings.token_secret.get_secret_value()
        keys = {kid: key.get_secret_value() for kid, key in settings.token_keys.items()}
        if not keys:
            return cls(DEFAULT_KID, {DEFAULT_KID: unnamed}, unnamed)
        signing = settings.token_signing_kid or (next(iter(keys)) if len(keys) == 1 else "")
        return cls(signing, keys, unnamed)
