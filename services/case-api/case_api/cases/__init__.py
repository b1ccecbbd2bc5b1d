"""Cases: the ``Case`` aggregate from filing to closing, its commands, summaries and timeline.

``command_table`` builds the POST routes of every capability whose commands run on a case;
``schemas_commands`` holds the command bodies court deliveries carry too.
"""

# The modules other capabilities may import; the rest is this capability's own.
__all__ = [
    "aggregate",
    "rules",
    "values",
    "commands",
    "command_table",
    "queries",
    "visibility",
    "tables",
    "schemas",
    "schemas_commands",
]
