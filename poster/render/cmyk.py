"""Render stage, CMYK: the one rule that turns a theme's sRGB colours into the DeviceCMYK the print PDF writes.

The rule (documented in docs/printing.md):

1. A colour the theme gave as `cmyk(c, m, y, k)` keeps exactly those values.
2. A grey (R = G = B) becomes K only, so black text prints with one plate and
   cannot register badly.
3. Any other colour, with the print shop's output profile given
   (--output-intent): converted by Little CMS (Pillow's ImageCms) from sRGB to
   that profile, relative colorimetric with black-point compensation (logos:
   perceptual), so the press prints the hue the screen shows, within its gamut.
   Without a profile: the naive grey-component replacement
   K = 1 - max(R, G, B); C = (1 - R - K) / (1 - K), M and Y the same with G and B
   (R, G, B in 0..1); one of C, M, Y is always 0, so the total ink stays at or
   below 300 %. Close to the hue, not exact.
4. Values are rounded to 1/1000 so the PDF is the same every time.

For exact house colours give them in CMYK in the theme.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from poster.content.model import Color

CMYK = tuple[float, float, float, float]


@functools.lru_cache(maxsize=4)
def profile_transforms(profile: bytes) -> tuple[Any, Any]:
    """Little CMS transforms sRGB -> the CMYK output profile: (for colours, for images). Raises ImageCms.PyCMSError,
    OSError or ValueError when the profile cannot be used (poster.print.pdfx turns that into a clear error)."""
    from PIL import ImageCms

    srgb, out = ImageCms.createProfile("sRGB"), ImageCms.ImageCmsProfile(io.BytesIO(profile))
    flags = ImageCms.Flags.BLACKPOINTCOMPENSATION
    colors = ImageCms.buildTransform(srgb, out, "RGB", "CMYK", ImageCms.Intent.RELATIVE_COLORIMETRIC, flags)
    images = ImageCms.buildTransform(srgb, out, "RGB", "CMYK", ImageCms.Intent.PERCEPTUAL, flags)
    return colors, images


@functools.lru_cache(maxsize=1024)
def _through_profile(rgb: tuple[int, int, int], profile: bytes) -> CMYK:
    from PIL import Image, ImageCms

    pixel = ImageCms.applyTransform(Image.new("RGB", (1, 1), rgb), profile_transforms(profile)[0])
    assert pixel is not None
    c, m, y, k = pixel.getpixel((0, 0))  # type: ignore[misc]
    return (round(c / 255, 3) + 0.0, round(m / 255, 3) + 0.0, round(y / 255, 3) + 0.0, round(k / 255, 3) + 0.0)


def rgb_to_cmyk(r: float, g: float, b: float) -> CMYK:
    """The naive rule for one sRGB colour with channels in 0..1."""
    k = 1.0 - max(r, g, b)
    if k >= 1.0:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 3) + 0.0 for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))  # type: ignore[return-value]


def to_cmyk(color: Color, profile: bytes | None = None) -> CMYK:
    """The CMYK a colour is printed in: its own CMYK if the theme gave one, a grey as K, else through
    `profile` (a CMYK output ICC profile) when there is one, else the naive rule."""
    if color.cmyk is not None:
        return tuple(round(v, 3) + 0.0 for v in color.cmyk)  # type: ignore[return-value]
    if profile is None or is_grey(color):
        return rgb_to_cmyk(*color.rgb01)
    return _through_profile((color.r, color.g, color.b), profile)


def is_grey(color: Color) -> bool:
    return color.cmyk is None and color.r == color.g == color.b


def image_to_cmyk(png: bytes, backdrop: Color, profile: bytes | None = None):
    """A PNG as an opaque Pillow CMYK image, its transparency flattened onto `backdrop`: through `profile`
    (perceptual) when one is given, else by the naive rule pixel by pixel.

    Print output has no transparency: a logo's transparent parts are replaced by
    the colour it stands on before it is converted.
    """
    from PIL import Image, ImageCms, ImageMath

    with Image.open(io.BytesIO(png)) as im:
        rgba = im.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (backdrop.r, backdrop.g, backdrop.b))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    if profile is not None:
        return ImageCms.applyTransform(flat, profile_transforms(profile)[1])
    r, g, b = (c.convert("F") for c in flat.split())
    top = ImageMath.lambda_eval(lambda a: a["max"](a["max"](a["r"], a["g"]), a["b"]), r=r, g=g, b=b)

    def plate(channel):
        # (max - channel) / max is (1 - channel - K) / (1 - K); ImageMath divides by 0 as 0 (black: no C/M/Y).
        return ImageMath.lambda_eval(lambda a: (a["t"] - a["c"]) * 255 / a["t"] + 0.5, t=top, c=channel).convert("L")

    k = ImageMath.lambda_eval(lambda a: 255.5 - a["t"], t=top).convert("L")
    return Image.merge("CMYK", (plate(r), plate(g), plate(b), k))
