"""The `sotflow` command (`python -m entrypoints.cli`): one entry point for operators and auditors."""
