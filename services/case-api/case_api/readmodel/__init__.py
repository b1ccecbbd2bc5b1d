"""Read models: tables projected from the event store, queried by the API."""
