"""File handling shared by the commands that read and rewrite fixtures.

:func:`detect_layout` reads how a JSON file is laid out (indentation, separators, line ending,
final newline, byte-order mark) so that a rewritten file keeps it; :func:`atomic_write` replaces
a file so that readers see either the old or the new content, never a part, and a failure
leaves the old file intact; :func:`split_lines` splits JSON Lines on line feeds only (a JSON
string may hold U+2028 and other characters :meth:`str.splitlines` would split on).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gemschema import jsonwrite

if TYPE_CHECKING:
    from gemschema.jsonwrite import NumberTexts

__all__ = ["BOM", "Layout", "atomic_write", "detect_layout", "split_lines"]

BOM = "\ufeff"


@dataclass(frozen=True, slots=True)
class Layout:
    """How a JSON text is laid out.

    ``indent`` is the unit of indentation (``"  "``, ``"    "``, ``"\\t"``, ``""`` for lines
    without indentation) or ``None`` for a document on one line; ``separators`` are the item and
    key separators as :func:`json.dumps` takes them.
    """

    indent: str | None = "  "
    separators: tuple[str, str] = (",", ": ")
    newline: str = "\n"
    final_newline: bool = True
    bom: bool = False

    def render(self, document: Any, numbers: NumberTexts | None = None) -> str:
        """``document`` as JSON text in this layout (numbers in ``numbers`` as written)."""
        text = jsonwrite.dumps(
            document, indent=self.indent, separators=self.separators, numbers=numbers
        )
        if self.newline != "\n":
            text = text.replace("\n", self.newline)  # JSON strings hold no raw line feed
        if self.final_newline:
            text += self.newline
        return BOM + text if self.bom else text


def detect_layout(text: str) -> Layout:
    """The layout of a JSON text (the defaults of :class:`Layout` where the text says nothing).

    The indentation unit is the leading whitespace of the first indented line (a tab, or that
    many spaces); a document without line breaks is compact, with or without a space after
    ``,`` and ``:`` as its text has it.
    """
    bom = text.startswith(BOM)
    body = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in body else "\n"
    final_newline = body.rstrip(" \t").endswith("\n")
    content = body.strip()
    comma, colon = _separators_used(content)
    if "\n" not in content:
        key_sep = colon if colon is not None else ": "
        item_sep = comma if comma is not None else ("," + key_sep[1:])
        return Layout(None, (item_sep, key_sep), newline, final_newline, bom)
    indent = ""
    for line in content.split("\n")[1:]:
        lead = line[: len(line) - len(line.lstrip(" \t"))]
        if lead:
            indent = "\t" if lead.startswith("\t") else " " * len(lead)
            break
    key_sep = colon if colon is not None else ": "
    return Layout(indent, (",", key_sep), newline, final_newline, bom)


def _separators_used(text: str) -> tuple[str | None, str | None]:
    """The first item and key separators outside strings, with the space after them if any."""
    comma: str | None = None
    colon: str | None = None
    in_string = escaped = False
    for i, char in enumerate(text):
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in ",:":
            after = text[i + 1 : i + 2]
            sep = char + " " if after == " " else char
            if char == "," and comma is None and after not in ("\n", "\r"):
                comma = sep
            elif char == ":" and colon is None:
                colon = sep
            if colon is not None and (comma is not None or "\n" in text):
                break
    return comma, colon


def split_lines(text: str) -> list[tuple[str, str]]:
    """Each line of ``text`` and its ending (``"\\n"``, ``"\\r\\n"``, or ``""`` for a last line
    without one), split on line feeds only."""
    out: list[tuple[str, str]] = []
    pieces = text.split("\n")
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if last and not piece:
            break
        if last:
            out.append((piece, ""))
        elif piece.endswith("\r"):
            out.append((piece[:-1], "\r\n"))
        else:
            out.append((piece, "\n"))
    return out


def atomic_write(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` with ``text`` atomically.

    The text goes to a temporary file in the same folder, is flushed to disk, gets the mode of
    the file it replaces, then ``os.replace`` renames it over the target (a symbolic link's
    target, not the link). On any failure the temporary file is removed and the original is
    left as it was.
    """
    target = Path(os.path.realpath(path))
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding, newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        with contextlib.suppress(FileNotFoundError):
            os.chmod(temp, os.stat(target).st_mode & 0o7777)
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
