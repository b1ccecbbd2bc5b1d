"""Delivery channels: which URLs a recipient has, and sending one message to them."""
