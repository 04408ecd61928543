"""The relay: publishes each context's stored events to Kafka, in log order, exactly once."""
