"""Every option in one immutable value, and how it is resolved from defaults, config and flags."""
