# The Voilà server of the kit: one configuration for `make run`, the browser
# tests (tests/browser/conftest.py) and the benchmarks. Voilà reads it with
#     voila notebooks --Voila.config_file_paths=config
# Options given on the command line win over this file (e.g. --port=9000).
#
# Access control: a token (below, and counselling.server.KitIdentityProvider)
# and jupyter_server's Host-header check (allow_remote_access=False).
import os
from pathlib import Path

from counselling import server
from counselling.pages import pages

c = get_config()  # noqa: F821 (provided by traitlets when it loads this file)
ROOT = Path(__file__).resolve().parents[1]

# The kit's template (share/jupyter/voila/templates/ck/): French home, loading
# message and error pages, « Accueil » on every page, tab title = page title.
# Voilà looks for templates in the Jupyter data path, read after this file.
os.environ["JUPYTER_PATH"] = os.pathsep.join(
    p for p in (str(ROOT / "share" / "jupyter"), os.environ.get("JUPYTER_PATH", "")) if p)

c.Voila.ip = "127.0.0.1"  # this computer only
c.Voila.port = 8866
c.Voila.open_browser = False

c.VoilaConfiguration.template = "ck"
c.VoilaConfiguration.theme = "light"
c.VoilaConfiguration.classic_tree = True  # the home page is a template, not Voilà's file browser
c.VoilaConfiguration.show_tracebacks = False
c.VoilaConfiguration.file_allowlist = [r".*\.(png|jpg|svg|pdf|ics|csv)"]
server.french_file_errors()  # a refused or missing file is answered in French
c.VoilaConfiguration.resources = {"ck": {
    "upload_limit": server.UPLOAD_LIMIT,                 # [octets] checked in the browser
    "upload_limit_text": server.upload_limit_text(),
}}
c.VoilaExporter.language_code = "fr"  # <html lang="fr">

# One kernel per page waits, already run, so a page opens at once.
c.VoilaConfiguration.preheat_kernel = True
c.VoilaConfiguration.default_pool_size = 1

# After a cell has run, wait for its output (the page's widgets) up to 30 s,
# not nbclient's 4 s: on a busy computer the output came late and the page
# opened without its form.
c.VoilaExecutor.iopub_timeout = 30  # [s]

# A page's kernel ends when the page is left (the shutdown request needs the
# _xsrf cookie, see counselling.server). Safety net: a kernel with no page
# connected and idle for 20 minutes is ended (preheated kernels are kept).
c.Voila.identity_provider_class = server.KitIdentityProvider
c.MappingKernelManager.cull_idle_timeout = 20 * 60  # [s]
c.MappingKernelManager.cull_interval = 60           # [s]
c.MappingKernelManager.cull_connected = False
c.MappingKernelManager.cull_busy = False

# Who may reach the pages: the dossiers are personal data. A token is required
# (as Jupyter does: `make run` prints the link that carries it; a fixed one can
# be given in COUNSELLING_TOKEN), and a request whose Host header is not this
# computer's is refused (DNS rebinding).
if os.environ.get("COUNSELLING_TOKEN"):
    c.Voila.token = os.environ["COUNSELLING_TOKEN"]
else:
    c.Voila.auto_token = True

c.Voila.tornado_settings = {
    # a web page elsewhere cannot reach this server by another host name
    "allow_remote_access": False,
    # files up to server.UPLOAD_LIMIT travel in one websocket message
    "websocket_max_message_size": server.websocket_max_message_size(),
    # the home page's list (template ck/tree.html)
    "jinja_template_vars": {"pages": [
        {"href": p.href, "title": p.title, "purpose": p.purpose} for p in pages()]},
    # an unknown address gets the French « page introuvable »
    "default_handler_class": server.NotFoundHandler,
}
