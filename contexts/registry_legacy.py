"""Names under which older versions of the registry stored its events.

Until 2026-11 an incoming item was a ``Complaint`` in ``domain.registry.complaint``
and its particulars a ``ComplaintFiling``. Stored events keep those names forever;
these aliases let them load as ``IncomingItem.Registered`` and be upcast from there.
"""

from __future__ import annotations

from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding
from eventsourcing.utils import register_topic

from contexts.transcodings import FrozenDataclassAsDict
from domain.registry.filing import ContestedAct, Filer
from domain.registry.incoming_item import IncomingItem

register_topic("domain.registry.complaint:Complaint", IncomingItem)


class _LegacyComplaintFiling:
    """Never instantiated: old filings decode to a dict that the v3->v4 upcast consumes."""


class LegacyComplaintFilingAsDict(Transcoding):
    type = _LegacyComplaintFiling
    name = "domain.registry.complaint.ComplaintFiling"

    def encode(self, obj: Any) -> Any:
        raise TypeError("legacy complaint filings are only ever read")

    def decode(self, data: dict[str, Any]) -> dict[str, Any]:
        return dict(data)


def register_legacy_names(transcoder: JSONTranscoder) -> None:
    transcoder.register(LegacyComplaintFilingAsDict())
    transcoder.register(FrozenDataclassAsDict(Filer, name="domain.registry.complaint.Filer"))
    transcoder.register(FrozenDataclassAsDict(ContestedAct, name="domain.registry.complaint.ContestedAct"))
