"""``outbox://``: a local channel that appends every message to a JSON Lines file.

For a machine with no chat or mail service (``make run``, a training room, an acceptance
test): reminders, escalations and bulletins are sent, marked sent, and can be read back on
the operator page (``GET /v1/outbox``) as a recipient would have received them.
"""

from __future__ import annotations

import json
import threading
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from notifier.sending.answer import Answer

SCHEME = "outbox"
_LOCK = threading.Lock()  # the sender's workers append from several threads


class Outbox:
    def __init__(self, path: Path) -> None:
        self.path = path

    def send(
        self, recipient: str, title: str, body: str, key: str, attachments: Sequence[str]
    ) -> Answer:
        line = {
            "at": datetime.now(UTC).isoformat(),
            "recipient": recipient,
            "key": key,
            "title": title,
            "body": body,
            "attachments": [Path(a).name for a in attachments],
        }
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with _LOCK, self.path.open("a", encoding="utf-8") as out:
            out.write(json.dumps(line, ensure_ascii=False) + "\n")
        return Answer(True, f"written to the outbox {self.path}")

    def latest(self, limit: int) -> list[dict[str, Any]]:
        """The newest ``limit`` messages, newest first."""
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as lines:
            tail = deque(lines, maxlen=limit)
        return [json.loads(line) for line in reversed(tail)]
