from collections.abc import Callable
from typing import Any

from tornado import web

from .handlers import StaticFileHandler
from .watcher import Watcher

class LiveScriptInjector(web.OutputTransform):
    script: bytes

class Server:
    root: str | None
    watcher: Watcher
    SFH: type[StaticFileHandler]
    default_filename: str
    def __init__(self, app: object = None, watcher: Watcher | None = None) -> None: ...
    def watch(
        self,
        filepath: str,
        func: Callable[[], object] | None = None,
        delay: float | None = None,
        ignore: Callable[[str], bool] | None = None,
    ) -> None: ...
    def application(
        self, port: int, host: str, liveport: int | None = None, debug: bool | None = None, live_css: bool = True
    ) -> None: ...
    def get_web_handlers(self, script: bytes) -> list[tuple[str, type[web.RequestHandler], dict[str, Any]]]: ...
    def serve(
        self,
        port: int = 5500,
        liveport: int | None = None,
        host: str | None = None,
        root: str | None = None,
        debug: bool | None = None,
        open_url: bool = False,
        restart_delay: int = 2,
        open_url_delay: float | None = None,
        live_css: bool = True,
        default_filename: str = "index.html",
    ) -> None: ...
