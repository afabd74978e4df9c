from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .context import client_address


class ClientAddressMiddleware:
    """Remember the client's address so services can write it into audit entries."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = client_address.set(request.META.get("REMOTE_ADDR"))
        try:
            return self.get_response(request)
        finally:
            client_address.reset(token)
