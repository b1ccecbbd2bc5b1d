"""Sending: leasing due deliveries, sending them through the channels, recording answers,
backing off and retrying; the operator's queries on deliveries.
"""
