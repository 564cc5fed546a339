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
* :func:`french_file_errors` makes Voilà's file handler (``/voila/files/…``:
  the PDFs and exports a page links to) answer a refused or missing file in
  French, as the rest of the kit does, instead of Tornado's « 403: Forbidden ».
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

    Access: when the server has a token (``make run`` generates one and
    prints the link that carries it, as Jupyter does; ``COUNSELLING_TOKEN``
    sets it), a request without the token or the login cookie it leaves is
    refused in French before any page, kernel or dossier is reached. Static
    files (scripts, styles) are served by Tornado's own handlers and carry no
    data. The Host header is checked by jupyter_server
    (``allow_remote_access=False`` in ``config/voila.py``), which stops a web
    page elsewhere from reaching this server through DNS rebinding.
    """

    async def get_user(self, handler: web.RequestHandler):
        user = await ensure_async(super().get_user(handler))
        if user is None and self.token:
            refuse(handler)
        if user is not None and _is_page_request(handler):
            handler.current_user = user  # as prepare() does next: xsrf_token reads it
            handler.xsrf_token  # noqa: B018 (property: sets the cookie when missing)
        return user


REFUSED = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Accès refusé</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>Accès refusé</h1>
<p>Ces pages contiennent des dossiers de personnes accompagnées : elles ne s'ouvrent qu'avec le lien
complet (avec son jeton) affiché au démarrage par <code>make run</code>.</p>
<p>Ouvrez ce lien-là, sur cet ordinateur.</p></body></html>"""


def refuse(handler: web.RequestHandler) -> None:
    """Answer 403 in French and stop the request (no page, no kernel, no dossier)."""
    handler.set_status(403)
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.finish(REFUSED)
    raise web.Finish()


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


FILE_ERRORS = {
    403: ("Fichier non disponible",
          "Ce fichier n'est pas de ceux que la trousse montre (seuls les documents produits par ses pages "
          "s'ouvrent ici : PDF, images, tableaux CSV, rendez-vous)."),
    404: ("Fichier introuvable",
          "Ce fichier n'existe pas ou plus : les fichiers préparés par une page sont effacés après un "
          "temps (données personnelles). Refaites-le depuis la page."),
}

FILE_ERROR_PAGE = """<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>{title} · Trousse du conseiller</title>
</head><body style="font-family: sans-serif; max-width: 40em; margin: 3em auto">
<h1>{title}</h1><p>{text}</p><p><a href="/">Retour à l'accueil</a></p></body></html>"""


def _file_error(handler: web.RequestHandler, status_code: int, **kwargs) -> None:
    title, text = FILE_ERRORS.get(status_code, (
        "Erreur", f"Le serveur de la trousse a répondu par une erreur (code {status_code})."))
    handler.set_header("Content-Type", "text/html; charset=UTF-8")
    handler.finish(FILE_ERROR_PAGE.format(title=title, text=text))


def french_file_errors() -> None:
    """Voilà's ``AllowListFileHandler`` is Tornado's static file handler,
    whose error page is English and outside the kit's template: its
    ``write_error`` is replaced by the kit's French one (read once, at
    start, by ``config/voila.py``)."""
    from voila.static_file_handler import AllowListFileHandler

    AllowListFileHandler.write_error = _file_error
