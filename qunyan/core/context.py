"""Who is acting and from where, for the audit log of the current request or command."""

from contextvars import ContextVar

client_address: ContextVar[str | None] = ContextVar("client_address", default=None)
