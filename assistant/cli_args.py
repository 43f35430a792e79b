"""Argument types for the ``archassist`` command line: every option is checked by the parser.

A bad value ends the command before any work with exit status 2 and one line naming the
option and what is wrong (``archassist screenshot: argument --size: 0x0: ...``), never a
traceback. Files that are read are checked by the command itself (a missing answers file is
bad input, exit 2 too, with the file's place); files that are written are checked here, since
a folder, a missing folder or a read-only one is a mistake in the command.
"""

from __future__ import annotations

import argparse
import os
import re
import stat
import sys
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

__all__ = [
    "MAX_SIDE_PX",
    "MIN_SIDE_PX",
    "OneLineParser",
    "bounded_float",
    "bounded_int",
    "output_file",
    "window_size",
]

# Screenshot windows and PNG widths: at most 8192 px a side keeps an offscreen image under
# 256 MiB (4 bytes a pixel); below 100 px no workspace can lay itself out.
MIN_SIDE_PX = 100
MAX_SIDE_PX = 8192
_SIZE = r"\s*(\d{1,6})\s*[xX×]\s*(\d{1,6})\s*"  # compiled when first used (re's cache)


class OneLineParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage errors are one line on stderr and exit status 2."""

    def error(self, message: str) -> NoReturn:
        first = message.splitlines()[0] if message else "invalid arguments"
        print(f"{self.prog}: {first} (see --help)", file=sys.stderr)
        sys.exit(2)


def window_size(text: str) -> tuple[int, int]:
    """``WxH`` in pixels, each side within [:data:`MIN_SIDE_PX`, :data:`MAX_SIDE_PX`].

    >>> window_size("1400x900")
    (1400, 900)
    >>> window_size("0x0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 0x0: each side must be 100 to 8192 pixels
    """
    match = re.fullmatch(_SIZE, text)
    if match is None:
        raise argparse.ArgumentTypeError(f"{text!r}: expected WIDTHxHEIGHT, e.g. 1400x900")
    w, h = int(match[1]), int(match[2])
    if not (MIN_SIDE_PX <= w <= MAX_SIDE_PX and MIN_SIDE_PX <= h <= MAX_SIDE_PX):
        raise argparse.ArgumentTypeError(
            f"{w}x{h}: each side must be {MIN_SIDE_PX} to {MAX_SIDE_PX} pixels"
        )
    return w, h


def bounded_int(low: int, high: int, what: str = "a whole number") -> Callable[[str], int]:
    """An argparse type: an integer in [low, high].

    >>> bounded_int(1, 500)("10")
    10
    >>> bounded_int(1, 500)("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: 0: must be a whole number from 1 to 500
    """

    def parse(text: str) -> int:
        t = text.strip()
        if not re.fullmatch(r"[-+]?\d{1,12}", t) or not low <= int(t) <= high:
            raise argparse.ArgumentTypeError(f"{text}: must be {what} from {low} to {high}")
        return int(t)

    return parse


def bounded_float(low: float, high: float) -> Callable[[str], float]:
    """An argparse type: a finite number in [low, high] (no inf, nan or 1e308).

    >>> bounded_float(1, 4)("2.5")
    2.5
    >>> bounded_float(1, 4)("nan")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: nan: must be a number from 1 to 4
    """

    def parse(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if not low <= value <= high:  # False for nan
            raise argparse.ArgumentTypeError(f"{text}: must be a number from {low:g} to {high:g}")
        return value

    return parse


def output_file(text: str) -> Path:
    """A file to write: not a folder, FIFO or device, in a folder that exists and is writable.

    An existing regular file (or a link to one) is fine: it is replaced atomically.
    """
    if not text.strip():
        raise argparse.ArgumentTypeError("an empty file name")
    path = Path(text)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise argparse.ArgumentTypeError(f"{text}: {exc.strerror or exc}") from None
    if st is not None and stat.S_ISDIR(st.st_mode):
        raise argparse.ArgumentTypeError(f"{text} is a folder; give a file name inside it")
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise argparse.ArgumentTypeError(f"{text} is not a regular file (a device or a pipe?)")
    folder = Path(os.path.realpath(os.path.abspath(path))).parent
    if not folder.is_dir():
        raise argparse.ArgumentTypeError(f"{text}: the folder {folder} does not exist")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise argparse.ArgumentTypeError(f"{text}: the folder {folder} is not writable")
    return path
