"""PDF/X-4: the output intent from a user profile, the PDF/X keys in Info and XMP, kept metadata, reproducible bytes."""

from __future__ import annotations

import pytest
from print_helpers import cmyk_profile, open_pdf, srgb_profile
from test_render_samples import sample_doc

from poster.layout.bleed import with_bleed
from poster.print.pdfx import ProfileError, make_pdfx, read_output_profile
from poster.render import RenderOptions, render


@pytest.fixture
def profile_file(tmp_path):
    path = tmp_path / "coated.icc"
    path.write_bytes(cmyk_profile("Poster test CMYK"))
    return path


def _pdfx(profile_path, monkeypatch=None) -> bytes:
    sheet = with_bleed(sample_doc(), 3, crop_marks=True)
    return make_pdfx(render(sheet, "pdf", RenderOptions(cmyk=True)), read_output_profile(profile_path))


def test_output_intent_holds_the_profile(profile_file):
    pdf = open_pdf(_pdfx(profile_file))
    (intent,) = pdf.Root.OutputIntents
    assert intent.Type == "/OutputIntent" and intent.S == "/GTS_PDFX"
    assert str(intent.OutputConditionIdentifier) == "Custom"
    assert str(intent.Info) == str(intent.OutputCondition) == "Poster test CMYK"
    assert int(intent.DestOutputProfile.N) == 4
    assert intent.DestOutputProfile.read_bytes() == profile_file.read_bytes()


def test_a_fogra_profile_is_named_by_its_characterisation(tmp_path):
    path = tmp_path / "fogra.icc"
    path.write_bytes(cmyk_profile("Coated FOGRA39 (ISO 12647-2:2004)"))
    pdf = open_pdf(_pdfx(path))
    (intent,) = pdf.Root.OutputIntents
    assert str(intent.OutputConditionIdentifier) == "FOGRA39"
    assert str(intent.RegistryName) == "http://www.color.org"


def test_pdfx_keys_in_info_and_xmp_and_metadata_kept(profile_file, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01T00:00:00Z
    pdf = open_pdf(_pdfx(profile_file))
    info = pdf.docinfo
    assert str(info.GTS_PDFXVersion) == "PDF/X-4"
    assert info.Trapped == "/False"
    assert str(info.Title) == sample_doc().info.title
    assert str(info.CreationDate) == str(info.ModDate) == "D:20260101000000+00'00'"
    assert pdf.pdf_version == "1.6"
    meta = pdf.open_metadata()
    assert meta["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
    assert meta["pdf:Trapped"] == "False"
    assert meta["dc:title"] == sample_doc().info.title
    assert meta["xmp:CreateDate"].startswith("2026-01-01T00:00:00")
    assert meta["xmp:ModifyDate"] == meta["xmp:MetadataDate"]
    assert meta["xmpMM:DocumentID"].startswith("uuid:") and meta["xmpMM:VersionID"] == "1"
    assert meta["xmpMM:RenditionClass"] == "default"
    assert len(pdf.trailer.ID) == 2
    assert "/TrimBox" in pdf.pages[0].obj and "/BleedBox" in pdf.pages[0].obj


def test_pdfx_is_byte_identical_and_its_id_follows_the_content(profile_file):
    first, second = _pdfx(profile_file), _pdfx(profile_file)
    assert first == second
    other = make_pdfx(
        render(with_bleed(sample_doc(), 5), "pdf", RenderOptions(cmyk=True)), read_output_profile(profile_file)
    )
    ids = [open_pdf(data) for data in (first, other)]
    assert bytes(ids[0].trailer.ID[0]) != bytes(ids[1].trailer.ID[0])


@pytest.mark.parametrize(
    "data,message",
    [
        (srgb_profile(), "display profile, not an output"),
        (cmyk_profile(space=b"RGB "), "for RGB, not CMYK"),
        (cmyk_profile(device_class=b"scnr"), r"an input \(scanner/camera\) profile"),
        (b"%PDF-1.4 not a profile at all" * 10, "not an ICC profile"),
        (cmyk_profile()[:-40], "not an ICC profile"),
    ],
)
def test_profiles_that_are_not_cmyk_output_profiles_are_refused(tmp_path, data, message):
    path = tmp_path / "wrong.icc"
    path.write_bytes(data)
    with pytest.raises(ProfileError, match=message) as info:
        read_output_profile(path)
    assert "ask the print shop for its CMYK output profile" in str(info.value.message)


def test_a_profile_lcms_cannot_use_is_refused(tmp_path):
    data = bytearray(cmyk_profile())
    data[128:132] = b"\0\0\0\0"  # no tags: no lookup tables to convert with
    path = tmp_path / "empty.icc"
    path.write_bytes(bytes(data))
    with pytest.raises(ProfileError, match="cannot be used for printing"):
        read_output_profile(path)


def test_a_missing_profile_file(tmp_path):
    with pytest.raises(ProfileError, match="cannot read the output profile"):
        read_output_profile(tmp_path / "nope.icc")
