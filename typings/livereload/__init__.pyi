# Type stubs for the parts of livereload 2.7 that the preview uses; livereload ships none.
from .server import Server as Server
