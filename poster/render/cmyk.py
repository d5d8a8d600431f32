"""Render stage, CMYK: the one rule that turns a theme's sRGB colours into the DeviceCMYK the print PDF writes.

The rule (documented in docs/printing.md):

1. A colour the theme gave as `cmyk(c, m, y, k)` keeps exactly those values.
2. Any other colour goes through the naive grey-component replacement
   K = 1 - max(R, G, B); C = (1 - R - K) / (1 - K), M and Y the same with G and B
   (R, G, B in 0..1, no ICC profile). A grey (R = G = B) becomes K only, so
   black text prints with one plate and cannot register badly; one of C, M, Y
   is always 0, so the total ink stays at or below 300 %.
3. Values are rounded to 1/1000 so the PDF is the same on every machine.

It is not a colour-managed conversion: the printed hue of an RGB colour is
close but not exact. For exact house colours give them in CMYK in the theme.
"""

from __future__ import annotations

from poster.content.model import Color

CMYK = tuple[float, float, float, float]


def rgb_to_cmyk(r: float, g: float, b: float) -> CMYK:
    """The naive rule for one sRGB colour with channels in 0..1."""
    k = 1.0 - max(r, g, b)
    if k >= 1.0:
        return (0.0, 0.0, 0.0, 1.0)
    return tuple(round(v, 3) + 0.0 for v in ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k))  # type: ignore[return-value]


def to_cmyk(color: Color) -> CMYK:
    """The CMYK a colour is printed in: its own CMYK if the theme gave one, else the naive rule."""
    if color.cmyk is not None:
        return tuple(round(v, 3) + 0.0 for v in color.cmyk)  # type: ignore[return-value]
    return rgb_to_cmyk(*color.rgb01)


def is_grey(color: Color) -> bool:
    return color.cmyk is None and color.r == color.g == color.b


def image_to_cmyk(png: bytes, backdrop: Color):
    """A PNG as an opaque Pillow CMYK image by the same rule, its transparency flattened onto `backdrop`.

    Print output has no transparency: a logo's transparent parts are replaced by
    the colour it stands on before it is converted.
    """
    import io

    from PIL import Image, ImageMath

    with Image.open(io.BytesIO(png)) as im:
        rgba = im.convert("RGBA")
    flat = Image.new("RGB", rgba.size, (backdrop.r, backdrop.g, backdrop.b))
    flat.paste(rgba, mask=rgba.getchannel("A"))
    r, g, b = (c.convert("F") for c in flat.split())
    top = ImageMath.lambda_eval(lambda a: a["max"](a["max"](a["r"], a["g"]), a["b"]), r=r, g=g, b=b)

    def plate(channel):
        # (max - channel) / max is (1 - channel - K) / (1 - K); ImageMath divides by 0 as 0 (black: no C/M/Y).
        return ImageMath.lambda_eval(lambda a: (a["t"] - a["c"]) * 255 / a["t"] + 0.5, t=top, c=channel).convert("L")

    k = ImageMath.lambda_eval(lambda a: 255.5 - a["t"], t=top).convert("L")
    return Image.merge("CMYK", (plate(r), plate(g), plate(b), k))
