#!/usr/bin/env python3
"""A live feed of registrations from sotflow's event log: an example for integrators.

Needs only kafka-python (pip install kafka-python). Subscribes with its own consumer
group, reads committed events only, skips types it does not know (new types and
versions may appear at any time), and ignores an event id it has already seen.

    python examples/registrations_feed.py --bootstrap 127.0.0.1:9092 --from-beginning
"""

from __future__ import annotations

import argparse
import json
from datetime import datetime, timedelta, timezone

from kafka import KafkaConsumer

ALMATY = timezone(timedelta(hours=5), "Asia/Almaty")  # Kazakhstan: one zone, UTC+5, since 1 March 2024
REGISTERED = "kz.sotflow.registry.item-registered.v1"


def line(event: dict) -> str:
    data = event["data"]
    received = datetime.fromisoformat(data["received_at"]).astimezone(ALMATY).strftime("%d.%m.%Y %H:%M")
    act = data["contested_act"]
    kind = data["kind"].replace("_", " ")
    returned = "" if data["admissibility"]["admissible"] else "  (returned: inadmissible)"
    return (
        f"#{event['logposition']} {received}  {data['registration_number']}  {kind} by {data['filer']['name']} "
        f"({data['filer']['procedural_role']}) against the {act['kind']} of {act['court']} "
        f"of {act['act_date']}, lower-court case {data['lower_court_case_ref']}  [{event['subject']}]{returned}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bootstrap", default="127.0.0.1:9092")
    parser.add_argument("--topic", default="sotflow.registry.events")
    parser.add_argument("--group", default="example-registrations-feed", help="your own consumer group")
    parser.add_argument("--from-beginning", action="store_true", help="replay from offset 0 on first start")
    parser.add_argument("--max-messages", type=int, default=0, help="stop after this many registrations (0: never)")
    args = parser.parse_args()

    consumer = KafkaConsumer(
        args.topic,
        bootstrap_servers=args.bootstrap,
        group_id=args.group,
        isolation_level="read_committed",  # sotflow writes in transactions
        auto_offset_reset="earliest" if args.from_beginning else "latest",
        enable_auto_commit=True,  # at-least-once: de-duplicate by event id, below
    )
    seen: set[str] = set()
    shown = 0
    try:
        for record in consumer:
            try:
                event = json.loads(record.value)
            except ValueError:
                continue  # not ours to decode; sotflow's own consumers dead-letter such messages
            if event.get("type") != REGISTERED or event["id"] in seen:
                continue
            seen.add(event["id"])
            print(line(event), flush=True)
            shown += 1
            if args.max_messages and shown >= args.max_messages:
                break
    except KeyboardInterrupt:
        pass
    finally:
        consumer.close()


if __name__ == "__main__":
    main()
