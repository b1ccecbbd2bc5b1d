"""What the notifier's parts share: settings, database engines and tables, migrations,
metrics, signed links.
"""
