"""Rules as data: the model, the YAML loader, the rule set, its literal tables and compiled cache, lint.

The shipped rule files are in ``shipped/``.
"""
