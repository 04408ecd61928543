"""The published contract of the event log: public event types, their JSON Schemas,
and the CloudEvents 1.0 envelope every message on a sotflow topic carries."""
