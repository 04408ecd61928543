"""sotflow's composition root: settings, wiring, identity, CLI and local-service helpers."""
