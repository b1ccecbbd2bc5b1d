"""Following case-api's event feed, exactly once, resumable, safe with several replicas."""
