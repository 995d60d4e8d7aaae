"""Media helpers: data URLs, MIME types of URLs, and OpenAI audio formats."""

from __future__ import annotations

import mimetypes
import posixpath
import re
from urllib.parse import urlsplit

_DATA_URL = re.compile(r"^data:(?P<mime>[\w.+-]+/[\w.+-]+)(?P<params>(;[\w.+-]+=[^;,]*)*);base64,")

AUDIO_FORMATS = {"wav": "audio/wav", "mp3": "audio/mp3"}
"""OpenAI ``input_audio.format`` → the MIME type Gemini documents for it."""

AUDIO_MIME = {
    "audio/wav": "wav",
    "audio/mp3": "mp3",
}
"""Gemini audio MIME types that are exactly an OpenAI ``input_audio`` format."""

_EXTRA_TYPES = {
    ".webp": "image/webp",
    ".heic": "image/heic",
    ".heif": "image/heif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".pdf": "application/pdf",
    ".wav": "audio/wav",
    ".mp3": "audio/mp3",
}


def parse_data_url(url: str) -> tuple[str, str] | None:
    """``(mime_type, base64_data)`` of a base64 ``data:`` URL, else ``None``."""
    match = _DATA_URL.match(url)
    if match is None or match.group("params"):
        return None
    return match.group("mime").lower(), url[match.end() :]


def data_url(mime_type: str, data: str) -> str:
    """The base64 ``data:`` URL of ``data``."""
    return f"data:{mime_type};base64,{data}"


def guess_mime(url_or_name: str) -> str | None:
    """The MIME type implied by the file extension of a URL path or file name."""
    path = urlsplit(url_or_name).path if "://" in url_or_name else url_or_name
    ext = posixpath.splitext(path)[1].lower()
    return _EXTRA_TYPES.get(ext) or mimetypes.types_map.get(ext)


def is_web_url(url: str) -> bool:
    """Whether ``url`` is an ``http(s)`` URL."""
    return urlsplit(url).scheme in ("http", "https")
