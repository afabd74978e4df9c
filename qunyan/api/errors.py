"""Errors as JSON with a stable code, whatever raised them (service, scope, schema, auth)."""

from typing import Any

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as SchemaError

from .versions import Conflict


class ErrorOut(Schema):
    code: str
    message: str
    errors: Any = None


# The statuses every endpoint may answer besides its success, for the OpenAPI schema.
ERRORS: dict[int, type[Schema]] = {
    400: ErrorOut,
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    409: ErrorOut,
    422: ErrorOut,
}


def install(api: NinjaAPI) -> None:
    def reply(
        request: HttpRequest, status: int, code: str, message: str, errors: Any = None
    ) -> HttpResponse:
        return api.create_response(
            request, {"code": code, "message": message, "errors": errors}, status=status
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 401, "unauthenticated", _("A valid API token is required."))

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 403, "forbidden", _("Your role may not do this."))

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 404, "not_found", _("No such record in your area."))

    @api.exception_handler(ObjectDoesNotExist)
    def does_not_exist(request: HttpRequest, exc: Exception) -> HttpResponse:
        return reply(request, 404, "not_found", _("No such record in your area."))

    @api.exception_handler(HttpError)
    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        # Raised by the framework itself, e.g. for a body that is not JSON at all.
        if exc.status_code == 400:
            return reply(request, 400, "invalid_request", _("The request body is not valid JSON."))
        return reply(request, exc.status_code, "error", str(exc))

    @api.exception_handler(Conflict)
    def conflict(request: HttpRequest, exc: Exception) -> HttpResponse:
        # The message says who changed the record when: read it again, then send the change.
        return reply(request, 409, "conflict", str(exc))

    @api.exception_handler(SchemaError)
    def bad_request(request: HttpRequest, exc: SchemaError) -> HttpResponse:
        return reply(
            request, 422, "invalid_request", _("The request is not well formed."), exc.errors
        )

    @api.exception_handler(ValidationError)
    def invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return reply(request, 400, "invalid", "；".join(exc.messages), errors)
