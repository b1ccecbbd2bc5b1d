"""Prometheus metrics of one notifier process (a registry per runtime, not the global one)."""

from __future__ import annotations

from datetime import datetime

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest

from notifier.sending.answer import Answer
from notifier.sending.deliveries import Lease


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.outcomes = Counter(
            "notifier_delivery_attempts_total",
            "Send attempts by kind and resulting state",
            ["kind", "state"],
            registry=self.registry,
        )
        self.lateness = Histogram(
            "notifier_delivery_lateness_seconds",
            "Sent time minus due time (by the clock)",
            buckets=(0.1, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600, 86400),
            registry=self.registry,
        )
        self.by_state = Gauge(
            "notifier_deliveries", "Deliveries by state", ["state"], registry=self.registry
        )
        self.position = Gauge(
            "notifier_follower_position", "Committed feed position", registry=self.registry
        )
        self.lag = Gauge(
            "notifier_follower_lag_events",
            "Feed head minus position at the last page",
            registry=self.registry,
        )

    def observe(self, lease: Lease, answer: Answer, state: str, now: datetime) -> None:
        self.outcomes.labels(lease.kind, state).inc()
        if state == "sent":
            self.lateness.observe(max((now - lease.due_at).total_seconds(), 0.0))

    def render(self, by_state: dict[str, int], position: int, head: int) -> bytes:
        for state in ("scheduled", "sending", "sent", "failed", "dead", "withdrawn"):
            self.by_state.labels(state).set(by_state.get(state, 0))
        self.position.set(position)
        self.lag.set(max(head - position, 0))
        return generate_latest(self.registry)
