"""The staff console: server-rendered pages over the same use cases and read queries as the API.

A thin edge: each page calls the API's own route functions (so the same role rules, the same
confidentiality filters, the same use cases) and renders their answers as HTML. It adds no
business rule. `install(app)` mounts it on the API's app."""

from console.app import install

__all__ = ["install"]
