"""GS3xx: parts — one data field each, media that decodes and says what it is, URIs, text-only
system instructions."""

from __future__ import annotations

import binascii
import re
from typing import TYPE_CHECKING, Any

import pybase64

from gemschema.diagnostics import Diagnostic, Severity
from gemschema.rules._walk import (
    DATA_FIELDS,
    Path,
    data_fields,
    items,
    obj,
    parts_of,
    ptr,
    rule,
    where,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from gemschema.rules.engine import RuleContext

_PART = "Gemini API reference, `Part`, `Blob` and `FileData` (ai.google.dev/api/caching#Part)"

_TOKEN = r"[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}"
_MEDIA_TYPE = re.compile(rf'{_TOKEN}/{_TOKEN}(\s*;\s*[A-Za-z0-9!#$&^_.+-]+=("[^"]*"|[^;\s"]+))*\Z')
"""RFC 6838 ``type/subtype`` with optional ``; name=value`` parameters."""

_URI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:\S+\Z")
"""RFC 3986 absolute URI: a scheme, a colon, and no whitespace."""

SUPPORTED_INPUT_TYPES = frozenset(
    {
        # images
        "image/png", "image/jpeg", "image/webp", "image/heic", "image/heif",
        # audio (audio/mpeg is the IANA name of MP3, used by the reference's own audio sample)
        "audio/wav", "audio/mp3", "audio/mpeg", "audio/aiff", "audio/aac", "audio/ogg", "audio/flac",
        # video
        "video/mp4", "video/mpeg", "video/mov", "video/avi", "video/x-flv", "video/mpg",
        "video/webm", "video/wmv", "video/3gpp",
        # documents and text
        "application/pdf", "text/plain", "text/html", "text/css", "text/javascript",
        "application/x-javascript", "text/x-typescript", "application/x-typescript", "text/csv",
        "text/markdown", "text/x-python", "application/x-python-code", "application/json",
        "text/xml", "application/rtf", "text/rtf",
    }
)  # fmt: skip
"""Input media types the Gemini API documentation lists as supported."""

_URLSAFE = bytes.maketrans(b"-_", b"+/")


_BASE64_ALPHABET = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/-_"
"""The standard and the URL-safe base64 alphabets (``base64_problem`` accepts both)."""


def is_base64(value: str) -> bool:
    """True when ``value`` is certainly base64 as :func:`base64_problem` reads it (None there).

    Padded standard base64 is checked by ``pybase64`` (SIMD, one decode). Otherwise one C-speed
    pass and no decoding: ``bytes.translate`` deletes every alphabet character, and
    what remains must be exactly the trailing padding, whose length must fit the number of data
    characters. False means "ask ``base64_problem``", not "invalid": anything unusual (non-ASCII,
    whitespace, padding in the middle) takes the precise path, which names the problem.
    """
    if not value.isascii():  # O(1): a str knows whether it is ASCII
        return False
    try:  # the common case, padded standard base64: one SIMD pass of pybase64
        pybase64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        pass
    else:
        return True
    data = value.encode("ascii")
    leftover = data.translate(None, _BASE64_ALPHABET)
    padding = len(leftover)
    if padding and (padding > 2 or leftover != b"=" * padding or not data.endswith(leftover)):
        return False
    # The data characters, padded to a multiple of four as base64_problem pads them, must form a
    # whole number of quanta: 4n, 4n+2 (with "==" or none) or 4n+3 (with "=" or none).
    rest = (len(data) - padding) % 4
    return (rest == 0 and padding == 0) or rest == 2 or (rest == 3 and padding < 2)


def base64_problem(value: str) -> str | None:
    """Why ``value`` is not base64 (standard or URL-safe alphabet, padding optional), or None."""
    data = value.encode("ascii", "replace")
    if b"-" in data or b"_" in data:
        data = data.translate(_URLSAFE)
    if len(data) % 4 == 1:
        return f"its length ({len(value)}) cannot be base64"
    data += b"=" * (-len(data) % 4)
    try:
        binascii.a2b_base64(data, strict_mode=True)
    except binascii.Error as exc:
        bad = next((c for c in value if not (c.isascii() and (c.isalnum() or c in "+/=-_"))), None)
        return (
            f"it holds {bad!r}, which is not a base64 character"
            if bad
            else f"it is malformed ({exc})"
        )
    return None


def _blobs(path: Path, part: dict[str, Any]) -> Iterator[tuple[Path, dict[str, Any]]]:
    """``inlineData`` of a part and of the media parts inside its functionResponse."""
    if isinstance(part.get("inlineData"), dict):
        yield (*path, "inlineData"), part["inlineData"]
    for k, sub in enumerate(items(obj(part.get("functionResponse")).get("parts"))):
        blob = obj(sub).get("inlineData")
        if isinstance(blob, dict):
            yield (*path, "functionResponse", "parts", k, "inlineData"), blob


@rule(
    "GS301",
    "part-data-oneof",
    subject="parts.oneof",
    summary="A part carries no data field, or more than one.",
    severity=Severity.ERROR,
    why=(
        "`Part.data` is a oneof: text, inlineData, fileData, functionCall, functionResponse,"
        " executableCode or codeExecutionResult — exactly one. With none the API answers"
        " `parts[0].data: required oneof field 'data' must have one initialized field`; with two"
        " the proto3 JSON parser refuses the second member of the oneof. Split a part that"
        " carries two things into two parts. (`thought`, `thoughtSignature` and `videoMetadata`"
        " are not data fields and go with one.)"
    ),
    source=f'{_PART}: "A Part can only contain one of the accepted types in Part.data". API error text quoted in QuantumNous/new-api#632.',
    example='{"contents": [{"role": "user", "parts": [{"text": "look", "inlineData": {"mimeType": "image/png", "data": "iVBORw=="}}]}]}',
)
def part_data_oneof(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, part in ctx.facts.parts.oneof:
        found = data_fields(part)
        if len(found) == 1:
            continue
        if found:
            message = (
                f"{where(path)} sets {len(found)} data fields ({', '.join(found)}); a part holds exactly one:"
                " split it into one part per field"
            )
        else:
            message = f"{where(path)} has no data field; a part holds exactly one of {', '.join(DATA_FIELDS)}: add one or drop the part"
        yield part_data_oneof.diagnostic(message, ptr(path))


@rule(
    "GS302",
    "invalid-base64",
    subject="parts.media",
    summary="`inlineData.data` is not valid base64.",
    severity=Severity.ERROR,
    why=(
        "`Blob.data` is bytes, which proto3 JSON carries as base64 (standard or URL-safe"
        " alphabet, padding optional). Anything else is refused before the model sees it."
        " A placeholder left in a template (`$IMG_B64`) is the usual cause. Line breaks inside"
        " the text (the output of `base64` without `-w0`) are a warning: decoders differ on them."
    ),
    source=f'{_PART}: `Blob.data` — "Raw bytes for media formats" (a base64-encoded string); proto3 JSON mapping of `bytes`.',
    example='{"contents": [{"parts": [{"inlineData": {"mimeType": "image/jpeg", "data": "$IMG_B64"}}]}]}',
    applies_to=("request", "response"),
)
def invalid_base64(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, part in ctx.facts.parts.media:
        for blob_path, blob in _blobs(path, part):
            data = blob.get("data")
            if not isinstance(data, str) or is_base64(data):
                continue
            problem = base64_problem(data)
            if problem is None:
                continue
            at = ptr((*blob_path, "data"))
            if base64_problem("".join(data.split())) is None:
                yield invalid_base64.diagnostic(
                    f"{where((*blob_path, 'data'))} is base64 broken by whitespace or line breaks; remove them"
                    " (base64 -w0 writes one line)",
                    at,
                    severity=Severity.WARNING,
                )
            else:
                yield invalid_base64.diagnostic(
                    f"{where((*blob_path, 'data'))} is not valid base64: {problem}; encode the raw bytes with"
                    " base64 (standard or URL-safe alphabet)",
                    at,
                )


@rule(
    "GS303",
    "invalid-media-type",
    subject="parts.media",
    summary="A `mimeType` of inline or file data is not a media type (`type/subtype`).",
    severity=Severity.ERROR,
    why=(
        "The API reads `mimeType` as an IANA media type to decide how to process the bytes; a"
        ' value such as `jpeg`, `image` or `image/` is refused ("If an unsupported MIME type is'
        ' provided, an error will be returned").'
    ),
    source=f'{_PART}: `Blob.mimeType` — "The IANA standard MIME type of the source data"; RFC 6838 for the syntax.',
    example='{"contents": [{"parts": [{"inlineData": {"mimeType": "jpeg", "data": "/9j/4AAQ"}}]}]}',
    applies_to=("request", "response"),
)
def invalid_media_type(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, part in ctx.facts.parts.media:
        media: list[tuple[Path, dict[str, Any]]] = list(_blobs(path, part))
        if isinstance(part.get("fileData"), dict):
            media.append(((*path, "fileData"), part["fileData"]))
        for media_path, value in media:
            mime = value.get("mimeType")
            if isinstance(mime, str) and not _MEDIA_TYPE.match(mime):
                yield invalid_media_type.diagnostic(
                    f"{where((*media_path, 'mimeType'))} is {mime!r}, which is not a media type; write"
                    " type/subtype, e.g. image/jpeg, audio/mp3, video/mp4 or application/pdf",
                    ptr((*media_path, "mimeType")),
                )


@rule(
    "GS304",
    "unsupported-media-type",
    subject="parts.media",
    summary="Input media has a type the Gemini API does not list as supported.",
    severity=Severity.WARNING,
    why=(
        "The documentation lists the image (PNG, JPEG, WebP, HEIC, HEIF), audio (WAV, MP3, AIFF,"
        " AAC, OGG, FLAC), video (MP4, MPEG, MOV, AVI, FLV, MPG, WebM, WMV, 3GPP), document (PDF)"
        " and text types a model accepts. Another type (`image/gif`, `image/jpg`) may be refused"
        " or fail to process, depending on the model; a warning, since the lists change."
    ),
    source=(
        "Gemini API docs, 'Supported file formats' (ai.google.dev/gemini-api/docs/prompting_with_media)"
        " and the image/audio/video/document understanding guides; the gateway guide's list of input"
        " modalities (../shared/reference)."
    ),
    example='{"contents": [{"parts": [{"inlineData": {"mimeType": "image/gif", "data": "R0lGODlh"}}]}]}',
)
def unsupported_media_type(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, part in ctx.facts.parts.media:
        media: list[tuple[Path, dict[str, Any]]] = list(_blobs(path, part))
        if isinstance(part.get("fileData"), dict):
            media.append(((*path, "fileData"), part["fileData"]))
        for media_path, value in media:
            mime = value.get("mimeType")
            if not isinstance(mime, str) or not _MEDIA_TYPE.match(mime):
                continue
            essence = mime.split(";", 1)[0].strip().lower()
            if essence not in SUPPORTED_INPUT_TYPES:
                hint = {"image/jpg": "use image/jpeg", "audio/x-wav": "use audio/wav"}.get(
                    essence,
                    "convert the media to a supported type (PNG/JPEG/WebP, MP3/WAV/FLAC, MP4, PDF, plain text)",
                )
                yield unsupported_media_type.diagnostic(
                    f"{where((*media_path, 'mimeType'))} is {mime!r}, which the Gemini API does not list as a"
                    f" supported input type: {hint}",
                    ptr((*media_path, "mimeType")),
                )


@rule(
    "GS305",
    "invalid-file-uri",
    subject="parts.files",
    summary="`fileData.fileUri` is not an absolute URI.",
    severity=Severity.ERROR,
    why=(
        "`fileUri` names the file by URI: a File API URI (`https://generativelanguage.googleapis.com/"
        "v1beta/files/…`), a `gs://` URI on Vertex AI, or a public URL. A bare file name or a"
        " local path cannot be fetched by the API; upload the file or send it as `inlineData`."
    ),
    source=f"{_PART}: `FileData.fileUri` — Required. URI; RFC 3986 for the syntax.",
    example='{"contents": [{"parts": [{"fileData": {"mimeType": "application/pdf", "fileUri": "report.pdf"}}]}]}',
)
def invalid_file_uri(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, part in ctx.facts.parts.files:
        uri = obj(part.get("fileData")).get("fileUri")
        if isinstance(uri, str) and not _URI.match(uri):
            yield invalid_file_uri.diagnostic(
                f"{where((*path, 'fileData', 'fileUri'))} is {uri!r}, which is not an absolute URI; use the"
                " uri the File API returned (https://generativelanguage.googleapis.com/v1beta/files/…) or send"
                " the bytes as inlineData",
                ptr((*path, "fileData", "fileUri")),
            )


@rule(
    "GS306",
    "system-instruction-not-text",
    subject="parts.system_media",
    summary="`systemInstruction` holds a part that is not text.",
    severity=Severity.ERROR,
    why=(
        "The reference documents the system instruction as text only. Media, function calls or"
        " responses in it are not part of the documented contract; put them in `contents`."
    ),
    source='Gemini API reference, `GenerateContentRequest.systemInstruction` — "Currently, text only."',
    example='{"systemInstruction": {"parts": [{"inlineData": {"mimeType": "image/png", "data": "iVBORw=="}}]}, "contents": [{"parts": [{"text": "hi"}]}]}',
)
def system_instruction_not_text(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for j, part in enumerate(parts_of(obj(doc).get("systemInstruction"))):
        others = [f for f in data_fields(part) if f != "text"]
        if others:
            yield system_instruction_not_text.diagnostic(
                f"systemInstruction.parts[{j}] holds {', '.join(others)}; a system instruction is text only:"
                " move this part into contents",
                ptr(("systemInstruction", "parts", j)),
            )


@rule(
    "GS307",
    "video-metadata-without-media",
    subject="parts.video",
    summary="`videoMetadata` is set on a part without inline or file data.",
    severity=Severity.WARNING,
    why=(
        "Video metadata (clip offsets, frame rate) describes the video of the same part; on a"
        " text or function part it describes nothing and is ignored at best."
    ),
    source=f'{_PART}: `Part.videoMetadata` — "should only be specified while the video data is presented in inline_data or file_data."',
    example='{"contents": [{"parts": [{"text": "clip", "videoMetadata": {"startOffset": "10s"}}]}]}',
)
def video_metadata_without_media(doc: Any, ctx: RuleContext) -> Iterator[Diagnostic]:
    for path, part in ctx.facts.parts.video:
        if part.get("videoMetadata") is None:
            continue
        if not any(part.get(f) is not None for f in ("inlineData", "fileData")):
            yield video_metadata_without_media.diagnostic(
                f"{where(path)} sets videoMetadata but carries no inlineData or fileData; put videoMetadata on the"
                " part that holds the video",
                ptr((*path, "videoMetadata")),
            )
