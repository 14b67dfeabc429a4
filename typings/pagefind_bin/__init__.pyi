# Type stubs for the part of pagefind-bin that the build uses; the package ships none.
from pathlib import Path

def get_executable() -> Path: ...
