"""What the kit adds to the Voilà server (read by ``config/voila.py``).

* :class:`KitIdentityProvider` gives every page the ``_xsrf`` cookie. Voilà
  asks the server to end a page's kernel when the page is left (a POST that
  carries the cookie's value); a page opened directly never received the
  cookie, so the request was refused (``403 '_xsrf' argument missing``,
  voila-dashboards/voila#1458) and the kernel stayed alive all day.
  It is also the place for an access check (token, Host header): see
  :meth:`KitIdentityProvider.get_user`.
* :class:`NotFoundHandler` answers an unknown address with the kit's French
  « page introuvable » (the template's ``404.html``) instead of Tornado's
  English one.
* :data:`UPLOAD_LIMIT` is the largest file a page accepts, and
  :func:`websocket_max_message_size` the websocket limit derived from it
  (Tornado's default, 10 MiB, silently dropped bigger uploads).
"""

from __future__ import annotations

from jupyter_core.utils import ensure_async
from jupyter_server.auth.identity import PasswordIdentityProvider
from jupyter_server.base.handlers import JupyterHandler
from tornado import web

MIB = 1024 * 1024
UPLOAD_LIMIT = 50 * MIB  # [octets] « 50 Mo » as file explorers count them
# a file travels in one websocket message, beside the widget's state (JSON)
_MESSAGE_OVERHEAD = 8 * MIB  # [octets]


def websocket_max_message_size(upload_limit: int = UPLOAD_LIMIT) -> int:
    """Largest websocket message the server reads [octets]: the largest
    accepted file plus room for the message around it."""
    return upload_limit + _MESSAGE_OVERHEAD


def upload_limit_text(upload_limit: int = UPLOAD_LIMIT) -> str:
    """The limit as the pages say it: « 50 Mo »."""
    return f"{upload_limit // MIB} Mo"


class KitIdentityProvider(PasswordIdentityProvider):
    """Voilà's identity provider, plus the ``_xsrf`` cookie on every page.

    Tornado sets the cookie only when a handler reads ``xsrf_token``; Voilà's
    notebook pages never do (its file list at ``/`` did, which is why pages
    opened from it could end their kernel and pages opened directly could
    not). Reading the token on each page request sets the cookie when the
    browser has none; the shutdown request sends it back.

    An access check (a token for the dossier pages, the Host header) goes in
    :meth:`get_user`: return ``None`` to refuse the request.
    """

    async def get_user(self, handler: web.RequestHandler):
        user = await ensure_async(super().get_user(handler))
        if user is not None and _is_page_request(handler):
            handler.current_user = user  # as prepare() does next: xsrf_token reads it
            handler.xsrf_token  # noqa: B018 (property: sets the cookie when missing)
        return user


def _is_page_request(handler: web.RequestHandler) -> bool:
    request = handler.request
    return request.method == "GET" and request.headers.get("Upgrade", "").lower() != "websocket"


class NotFoundHandler(JupyterHandler):
    """Any address no other handler serves: the kit's French 404 page."""

    def get_template(self, name):
        return self.settings["voila_jinja2_env"].get_template(name)

    async def prepare(self):
        await super().prepare()
        raise web.HTTPError(404)
