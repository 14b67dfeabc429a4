from typing import ClassVar

from tornado import web
from tornado.websocket import WebSocketHandler

from .watcher import Watcher

class LiveReloadHandler(WebSocketHandler):
    watcher: ClassVar[Watcher | None]
    live_css: ClassVar[bool | None]
    def check_origin(self, origin: str) -> bool: ...
    @classmethod
    def reload_waiters(cls, path: str | None = None) -> None: ...

class LiveReloadJSHandler(web.RequestHandler):
    def get(self) -> None: ...

class MtimeStaticFileHandler(web.StaticFileHandler): ...

class StaticFileHandler(MtimeStaticFileHandler):
    def should_return_304(self) -> bool: ...
