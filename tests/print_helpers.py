"""Helpers for the print tests: a small, valid CMYK output ICC profile written by hand, and PDF readers.

No profile is downloaded or shipped: `cmyk_profile()` writes an ICC v2 output
("prtr") profile for CMYK with 2-point lookup tables (A2B0, B2A0, gamt) - crude
colour, but a structurally valid profile Little CMS builds transforms from.
"""

from __future__ import annotations

import io
import re
import struct

import pikepdf

D50 = (0.9642, 1.0, 0.8249)


def _s15(v: float) -> bytes:
    return struct.pack(">i", round(v * 65536))


def _pad(b: bytes) -> bytes:
    return b + b"\0" * (-len(b) % 4)


def _desc(text: str) -> bytes:
    ascii_ = text.encode("ascii") + b"\0"
    return (
        b"desc\0\0\0\0"
        + struct.pack(">I", len(ascii_))
        + ascii_
        + struct.pack(">II", 0, 0)
        + struct.pack(">HB", 0, 0)
        + b"\0" * 67
    )


def _lut8(inputs: int, outputs: int, clut: list[tuple[int, ...]]) -> bytes:
    identity = b"".join(_s15(v) for v in (1, 0, 0, 0, 1, 0, 0, 0, 1))
    ramp = bytes(range(256))
    body = b"mft1\0\0\0\0" + bytes((inputs, outputs, 2, 0)) + identity
    body += ramp * inputs + b"".join(bytes(v) for v in clut) + ramp * outputs
    return body


def _corners(n: int):
    for i in range(2**n):
        yield tuple((i >> (n - 1 - j)) & 1 for j in range(n))


def cmyk_profile(description: str = "Poster test CMYK", device_class: bytes = b"prtr", space: bytes = b"CMYK") -> bytes:
    """A minimal ICC v2 CMYK output profile (Lab PCS)."""

    def cmyk_to_lab(c, m, y, k):
        light = 255 * (1 - k) * (1 - 0.55 * c) * (1 - 0.5 * m) * (1 - 0.12 * y)
        a = 128 - 40 * c + 60 * m - 5 * y
        b = 128 - 50 * c - 5 * m + 80 * y
        return tuple(max(0, min(255, round(v))) for v in (light, a, b))

    def lab_to_cmyk(L, a, b):
        k = 1 - L
        return tuple(round(255 * v) for v in (max(0, 0.5 - a / 2) * (1 - k), max(0, a - 0.5), max(0, b - 0.5), k))

    tags = [
        (b"desc", _desc(description)),
        (b"cprt", b"text\0\0\0\0" + b"No copyright, test data\0"),
        (b"wtpt", b"XYZ \0\0\0\0" + b"".join(_s15(v) for v in D50)),
        (b"A2B0", _lut8(4, 3, [cmyk_to_lab(*c) for c in _corners(4)])),
        (b"B2A0", _lut8(3, 4, [lab_to_cmyk(*c) for c in _corners(3)])),
        (b"gamt", _lut8(3, 1, [(0,) for _ in _corners(3)])),
    ]
    table_size = 4 + 12 * len(tags)
    offset = 128 + table_size
    table, data = struct.pack(">I", len(tags)), b""
    for sig, body in tags:
        body = _pad(body)
        table += struct.pack(">4sII", sig, offset + len(data), len(body))
        data += body
    size = 128 + table_size + len(data)
    header = struct.pack(">I4sI4s4s4s", size, b"\0\0\0\0", 0x02100000, device_class, space, b"Lab ")
    header += struct.pack(">6H", 2026, 1, 1, 0, 0, 0) + b"acsp" + b"\0" * 4 + struct.pack(">I", 0) + b"\0" * 16
    header += struct.pack(">I", 0) + b"".join(_s15(v) for v in D50) + b"\0" * 4 + b"\0" * 16 + b"\0" * 28
    assert len(header) == 128, len(header)
    return header + table + data


def srgb_profile() -> bytes:
    """A display (mntr) RGB profile, as Little CMS makes it: the wrong kind for --output-intent."""
    from PIL import ImageCms

    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def open_pdf(data: bytes) -> pikepdf.Pdf:
    return pikepdf.open(io.BytesIO(data))


def box(page: pikepdf.Page, name: str) -> list[float]:
    return [float(v) for v in page.obj[name]]


# Colour operators of content streams: RGB (rg/RG), CMYK (k/K), grey (g/G), colour spaces (cs/CS).
_OPERATOR = re.compile(rb"(?<![A-Za-z])(rg|RG|k|K|g|G|cs|CS|sc|SC|scn|SCN)(?![A-Za-z])")


def colour_operators(pdf: pikepdf.Pdf) -> set[str]:
    """Every colour operator the page's content streams use (parsed, not grepped, so text cannot fool it)."""
    ops = set()
    for page in pdf.pages:
        for _operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in {"rg", "RG", "k", "K", "g", "G", "cs", "CS", "sc", "SC", "scn", "SCN"}:
                ops.add(name)
    return ops
