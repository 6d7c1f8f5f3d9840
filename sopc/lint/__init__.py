"""The linter: rule registry, rules, suppression and the engine that runs them."""
