from typing import ClassVar

from tornado import web
from tornado.websocket import WebSocketHandler

from .watcher import Watcher

class LiveReloadHandler(WebSocketHandler):
    watcher: ClassVar[Watcher | None]
    live_css: ClassVar[bool | None]
    waiters: ClassVar[set[LiveReloadHandler]]
    def check_origin(self, origin: str) -> bool: ...
    def on_message(self, message: str | bytes) -> None: ...
    @classmethod
    def reload_waiters(cls, path: str | None = None) -> None: ...

class LiveReloadJSHandler(web.RequestHandler):
    def get(self) -> None: ...

class MtimeStaticFileHandler(web.StaticFileHandler): ...

class StaticFileHandler(MtimeStaticFileHandler):
    def should_return_304(self) -> bool: ...
