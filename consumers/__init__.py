"""Kafka consumers: thin loops that decode, dispatch to projections/, and commit."""
