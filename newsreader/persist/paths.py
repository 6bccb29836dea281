"""Where newsreader keeps things, where each system wants them (platformdirs; on Linux and BSD
`$XDG_DATA_HOME`, `$XDG_CACHE_HOME` and `$XDG_CONFIG_HOME`, read at each call): the reading state, the
cache, the config, and this run's scratch folder for what no cache keeps."""

from __future__ import annotations

import atexit
import itertools
import shutil
import tempfile
import threading
from pathlib import Path

import platformdirs

APP = "newsreader"
_scratch: Path | None = None
_scratch_numbers = itertools.count()
_scratch_lock = threading.Lock()


def data_home() -> Path:
    """The reading state's folder (`~/.local/share/newsreader`)."""
    return platformdirs.user_data_path(APP, appauthor=False)


def cache_home() -> Path:
    """The cache's folder (`~/.cache/newsreader`)."""
    return platformdirs.user_cache_path(APP, appauthor=False)


def config_home() -> Path:
    """The config file's folder (`~/.config/newsreader`)."""
    return platformdirs.user_config_path(APP, appauthor=False)


def scratch_path(suffix: str) -> Path:
    """A new file name in this run's temporary folder, for what no cache keeps; the folder is
    removed when the process ends."""
    global _scratch
    with _scratch_lock:  # the loader and the indexer ask from threads of their own
        if _scratch is None:
            _scratch = Path(tempfile.mkdtemp(prefix="newsreader-"))
            atexit.register(shutil.rmtree, _scratch, ignore_errors=True)
        return _scratch / f"{next(_scratch_numbers)}{suffix}"
