"""Print stage, PDF/X-4: the user's CMYK output profile checked and attached, and the keys PDF/X-4 requires.

reportlab writes the PDF; pikepdf adds, without touching the page:
- an OutputIntent (/S /GTS_PDFX) holding the ICC profile the print shop gave
  (e.g. a FOGRA39 "Coated" profile), named by the profile's own description;
- /GTS_PDFXVersion (PDF/X-4) and /Trapped /False in the Info dictionary, and the
  same in XMP metadata (pdfxid:GTS_PDFXVersion, pdf:Trapped), with the title,
  author and dates copied from the Info dictionary first (pikepdf's XMP starts
  empty, so reportlab's metadata would otherwise be lost), and the XMP ids
  PDF/X-4 asks for (xmpMM:DocumentID, VersionID, RenditionClass);
- a file ID computed from the content (pikepdf deterministic_id), so the same
  poster gives byte-identical files and different posters different IDs;
  dates are reportlab's (SOURCE_DATE_EPOCH).
The profile is never downloaded or shipped: the user supplies it.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from dataclasses import dataclass
from pathlib import Path

from poster.errors import PosterError

PDFX_VERSION = "PDF/X-4"
MAX_PROFILE_BYTES = 20 * 1024 * 1024
_DEVICE_CLASSES = {
    b"scnr": "input (scanner/camera)",
    b"mntr": "display",
    b"prtr": "output",
    b"link": "device link",
    b"spac": "colour space",
    b"abst": "abstract",
    b"nmcl": "named colour",
}


class ProfileError(PosterError):
    """The --output-intent file is not a usable CMYK output ICC profile."""


@dataclass(frozen=True)
class OutputProfile:
    """A CMYK output ICC profile: its bytes and what the OutputIntent calls it."""

    data: bytes
    description: str  # the profile's own name, e.g. "Coated FOGRA39 (ISO 12647-2:2004)"

    @property
    def condition_identifier(self) -> str:
        """FOGRA<n> when the description names a registered FOGRA characterisation, else "Custom"."""
        m = re.search(r"FOGRA\s?(\d+[A-Z]?)", self.description, re.IGNORECASE)
        return f"FOGRA{m.group(1).upper()}" if m else "Custom"


def read_output_profile(path: Path) -> OutputProfile:
    """Read and check an ICC profile for --output-intent; ProfileError saying what is wrong and what to use."""
    fix = "ask the print shop for its CMYK output profile (e.g. a FOGRA39 or FOGRA51 .icc file)"
    try:
        data = Path(path).read_bytes()
    except OSError as e:
        raise ProfileError(f"{path}: cannot read the output profile: {e.strerror or e}") from None
    if len(data) > MAX_PROFILE_BYTES:
        raise ProfileError(f"{path}: {len(data) / 2**20:.0f} MB is too large for an ICC profile; {fix}")
    if len(data) < 132 or data[36:40] != b"acsp" or struct.unpack(">I", data[:4])[0] != len(data):
        raise ProfileError(f"{path}: not an ICC profile (or a damaged one); {fix}")  # Little CMS reads tags lazily
    header = _header(path, data, fix)
    kind = header.device_class.encode("latin-1")
    if kind != b"prtr":
        name = _DEVICE_CLASSES.get(kind, f"'{header.device_class.strip()}'")
        article = "an" if name[0] in "aeiou" else "a"
        raise ProfileError(f"{path}: this is {article} {name} profile, not an output (printer) profile; {fix}")
    space = header.xcolor_space.strip()
    if space != "CMYK":
        raise ProfileError(f"{path}: this output profile is for {space or 'an unknown colour space'}, not CMYK; {fix}")
    _check_usable(path, data, fix)
    return OutputProfile(data, (header.profile_description or "").strip() or Path(path).stem)


def _header(path: Path, data: bytes, fix: str):
    """The profile as Little CMS reads it (Pillow's ImageCms CmsProfile: device_class, xcolor_space, ...)."""
    from PIL import ImageCms

    try:
        return ImageCms.ImageCmsProfile(io.BytesIO(data)).profile
    except (ImageCms.PyCMSError, OSError, ValueError):
        raise ProfileError(f"{path}: not an ICC profile (or a damaged one); {fix}") from None


def _check_usable(path: Path, data: bytes, fix: str) -> None:
    """Little CMS must be able to build the sRGB -> profile transforms the PDF renderer converts with."""
    from PIL import ImageCms

    from poster.render.cmyk import profile_transforms

    try:
        profile_transforms(data)
    except (ImageCms.PyCMSError, OSError, ValueError) as e:
        raise ProfileError(f"{path}: the profile cannot be used for printing ({e}); {fix}") from None


def make_pdfx(pdf: bytes, profile: OutputProfile) -> bytes:
    """The PDF as PDF/X-4 with `profile` as its output intent (same pages, same dates, content-derived ID)."""
    import pikepdf

    with pikepdf.open(io.BytesIO(pdf)) as doc:
        _xmp(doc, pdf)  # first: XMP is made from the Info dictionary reportlab wrote
        doc.docinfo[pikepdf.Name.GTS_PDFXVersion] = pikepdf.String(PDFX_VERSION)
        doc.docinfo[pikepdf.Name.Trapped] = pikepdf.Name("/False")
        doc.Root.OutputIntents = pikepdf.Array([_output_intent(doc, profile)])
        # the /ID was derived from the PDF without the output intent: qpdf derives a new one from this content
        del doc.trailer["/ID"]
        out = io.BytesIO()
        doc.save(out, force_version="1.6", deterministic_id=True, compress_streams=True)
    return out.getvalue()


def _output_intent(doc, profile: OutputProfile):
    import pikepdf

    icc = pikepdf.Stream(doc, profile.data)
    icc.N = 4
    intent = pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(profile.condition_identifier),
        OutputCondition=pikepdf.String(profile.description),
        Info=pikepdf.String(profile.description),
        DestOutputProfile=doc.make_indirect(icc),
    )
    if profile.condition_identifier != "Custom":
        intent.RegistryName = pikepdf.String("http://www.color.org")
    return doc.make_indirect(intent)


def _xmp(doc, source: bytes) -> None:
    """XMP metadata from the Info dictionary plus the PDF/X keys; ids derived from the bytes reportlab wrote."""
    digest = hashlib.sha256(source).hexdigest()
    uuid = f"uuid:{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
    with doc.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as meta:
        # /Trapped is a name, which pikepdf cannot map (it warns); pdf:Trapped is set below
        meta.load_from_docinfo({k: v for k, v in doc.docinfo.items() if k != "/Trapped"})
        modified = meta.get("xmp:ModifyDate")
        if modified:
            meta["xmp:MetadataDate"] = modified
        meta["pdfxid:GTS_PDFXVersion"] = PDFX_VERSION
        meta["pdf:Trapped"] = "False"
        meta["dc:format"] = "application/pdf"
        meta["xmpMM:DocumentID"] = uuid
        meta["xmpMM:InstanceID"] = uuid
        meta["xmpMM:VersionID"] = "1"
        meta["xmpMM:RenditionClass"] = "default"
