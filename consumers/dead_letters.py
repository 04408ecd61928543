"""Where a consumer puts a message it cannot decode or apply: an unchanged copy on the
topic's dead-letter topic, with the reason and the message's place (topic, partition,
offset; the event's id, type and log position when it could be read) in its headers."""

from __future__ import annotations

import structlog
from kafka import KafkaProducer

from sotflow.settings import Settings

log = structlog.get_logger("consumer")

EVENT_HEADERS = (("dlq_event_id", "id"), ("dlq_event_type", "type"), ("dlq_logposition", "logposition"))


class DeadLetters:
    def __init__(self, settings: Settings, consumer_name: str, topics: dict[str, str]) -> None:
        self.settings = settings
        self.consumer_name = consumer_name
        self.topics = topics  # source topic -> its dead-letter topic
        self.count = 0
        self._producer: KafkaProducer | None = None

    def put(self, record, reason: str, *, envelope: dict | None = None) -> None:
        if self._producer is None:
            self._producer = KafkaProducer(
                bootstrap_servers=self.settings.kafka_bootstrap,
                acks="all",
                enable_idempotence=True,
                client_id=f"sotflow-{self.consumer_name.replace(':', '-')}-dead-letter",
            )
        headers = [
            ("dlq_reason", reason.encode("utf-8", "replace")),
            ("dlq_consumer", self.consumer_name.encode()),
            ("dlq_source_topic", record.topic.encode()),
            ("dlq_source_partition", str(record.partition).encode()),
            ("dlq_source_offset", str(record.offset).encode()),
        ]
        for header, attribute in EVENT_HEADERS:
            if envelope and envelope.get(attribute) is not None:
                headers.append((header, str(envelope[attribute]).encode("utf-8", "replace")))
        # Wait for the broker's acknowledgement: the offset must not pass a message
        # whose dead-letter copy could still be lost.
        self._producer.send(self.topics[record.topic], key=record.key, value=record.value, headers=headers).get(
            timeout=30
        )
        self.count += 1
        log.warning(
            "consumer.dead_lettered",
            consumer=self.consumer_name,
            topic=record.topic,
            partition=record.partition,
            offset=record.offset,
            reason=reason,
        )

    def close(self) -> None:
        if self._producer is not None:
            self._producer.close(timeout=5)
