"""Putting a newly built folder in place of the old one with no moment in
which neither is there: the two names are exchanged in one system call
(Linux `renameat2(RENAME_EXCHANGE)`, macOS `renamex_np(RENAME_SWAP)`), so a
web server or a test reading `site/index.html` meanwhile sees the old file
or the new one, never none. Where the system has no such call, two renames."""
from __future__ import annotations

import ctypes
import ctypes.util
import errno
import os
import stat
import sys
from pathlib import Path

AT_FDCWD = -100
RENAME_EXCHANGE = 2  # Linux, <linux/fs.h>
RENAME_SWAP = 2  # macOS, <stdio.h>


def _libc():
    return ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)


def exchange(a: Path, b: Path) -> bool:
    """Exchange two existing paths atomically; False when the system or the
    file system cannot (then nothing was changed)."""
    try:
        libc = _libc()
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            result = libc.renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            result = libc.renamex_np(os.fsencode(a), os.fsencode(b), RENAME_SWAP)
        else:
            return False
    except OSError:  # no C library to load
        return False
    if result == 0:
        return True
    error = ctypes.get_errno()
    if error in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # not on this system or file system
        return False
    raise OSError(error, os.strerror(error), str(a), None, str(b))


def replace_folder(new: Path, target: Path, trash: Path) -> None:
    """Put the folder `new` at `target`. The previous `target`, if any, ends
    up at `trash` (which must not exist) for the caller to remove."""
    if not target.exists():
        os.replace(new, target)
        return
    if exchange(new, target):
        os.replace(new, trash)  # `new` now names the old folder
        return
    os.replace(target, trash)  # a moment with no target: only where the system cannot exchange
    os.replace(new, target)


def make_public(folder: Path) -> None:
    """Folders 0755 and files 0644, as a web server needs them (a folder from
    `tempfile.mkdtemp` is 0700, and a umask may have narrowed the rest)."""
    os.chmod(folder, 0o755)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            path = os.path.join(root, name)
            if not os.path.islink(path):
                os.chmod(path, stat.S_IMODE(os.stat(path).st_mode) | 0o644)
