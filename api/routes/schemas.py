"""The published JSON Schemas of the public event types (the log's contract)."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, status
from fastapi.responses import JSONResponse

from api.routing import OneHopRoute
from contract.catalogue import all_public_types
from contract.schemas import ContractViolationError, schema_for

router = APIRouter(route_class=OneHopRoute, prefix="/schemas/events", tags=["event contract"])


@router.get("")
def list_event_schemas(request: Request) -> list[dict[str, str]]:
    """Every public event type published on the log, with its schema's address."""
    return [
        {
            "type": public.type,
            "title": public.title,
            "context": public.context,
            "schema": str(request.url_for("get_event_schema", filename=public.schema_file)),
        }
        for public in all_public_types()
    ]


@router.get("/{filename}", name="get_event_schema")
def get_event_schema(filename: str) -> JSONResponse:
    """The JSON Schema (draft 2020-12) of one public event type."""
    known = {public.schema_file: public.type for public in all_public_types()}
    if filename not in known:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"No published event type with schema {filename}.")
    try:
        schema = schema_for(known[filename])
    except ContractViolationError as exc:
        raise HTTPException(status.HTTP_404_NOT_FOUND, str(exc)) from None
    return JSONResponse(schema, media_type="application/schema+json")
