"""容错风险报备: risky decisions a unit registers in advance [000 四(二)]."""
