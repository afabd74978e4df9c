"""The REST API object: /api/v1/…, schema at /api/v1/openapi.json, docs at /api/v1/docs."""

from csp.decorators import csp_exempt
from ninja import NinjaAPI

from . import errors
from .auth import TokenAuth

# module_writes adds the write operations to the modules' router (same paths as the lists).
from .routers import module_writes, modules, registry, reserves, statistics  # noqa: F401

api = NinjaAPI(
    title="Qunyan API",
    version="1",
    description="Qunyan's data for programs, with the same scopes and audit as the web pages.",
    auth=TokenAuth(),
    urls_namespace="api-v1",
    # The interactive docs page (Swagger UI) runs inline script; it is exempt from the CSP.
    docs_decorator=csp_exempt(),
)
errors.install(api)
api.add_router("", registry.router)
api.add_router("", reserves.router)
api.add_router("", statistics.router)
api.add_router("", modules.router)
