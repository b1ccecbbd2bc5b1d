"""The operator API: deliveries, retries, the follower's position, bulletins, health."""
