"""Publish bundle: `poster build --all` writes every format and a manifest.json that matches the files."""

from __future__ import annotations

import hashlib
import json

import pytest
from click.testing import CliRunner
from conftest import example_folder

from poster.build import OUTPUTS, BuildOptions, build_files
from poster.bundle import BUNDLE_FORMATS, MANIFEST, bundle_formats
from poster.cli import main
from poster.content import load_or_raise


@pytest.fixture(scope="module")
def bundle(tmp_path_factory):
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    out = tmp_path_factory.mktemp("bundle")
    result = CliRunner().invoke(main, ["build", str(folder), "--all", "--out", str(out)], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    return out, result


def test_all_writes_every_format_into_one_folder(bundle):
    out, result = bundle
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(
        [
            "manifest.json",
            "meierijstad.pdf",
            "meierijstad-print.pdf",
            "meierijstad.svg",
            "meierijstad-800.png",
            "meierijstad-1600.png",
            "meierijstad-3200.png",
            "meierijstad-thumb.png",
            "meierijstad.html",
            "meierijstad-slides.pdf",
        ]
    )
    printed = [line.rsplit("/", 1)[-1] for line in result.stdout.splitlines()]
    assert sorted(printed) == names and printed[-1] == MANIFEST  # the manifest is made last


def test_manifest_matches_the_files(bundle):
    out, _ = bundle
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    listed = {f["file"]: f for f in manifest["files"]}
    on_disk = {p.name: p.read_bytes() for p in out.iterdir() if p.name != MANIFEST}
    assert set(listed) == set(on_disk)
    for name, data in on_disk.items():
        assert listed[name]["size"] == len(data), name
        assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest(), name
    assert [f["file"] for f in manifest["files"]] == sorted(listed)
    assert manifest["content_version"] == "1.4"
    assert manifest["as_of"] == "2026-05-14"
    assert manifest["organisation"] == "Gemeente Meierijstad"
    assert "built" not in manifest  # no clock unless SOURCE_DATE_EPOCH says so


def test_manifest_is_deterministic_json_with_sorted_keys(bundle):
    out, _ = bundle
    text = (out / MANIFEST).read_text(encoding="utf-8")
    assert text == json.dumps(json.loads(text), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def test_bundle_formats_follow_the_registry():
    assert bundle_formats(OUTPUTS)[-1] == "manifest"
    assert set(bundle_formats(OUTPUTS)) == set(BUNDLE_FORMATS) | {"manifest"}  # the registry has every one
    assert bundle_formats(("svg", "html")) == ("svg", "html", "manifest")


@pytest.fixture(scope="module")
def small_build():
    folder = example_folder()
    if folder is None:
        pytest.skip("content/meierijstad is missing")
    roadmap, _ = load_or_raise(folder)
    return roadmap


def test_source_date_epoch_is_the_only_time_recorded(small_build, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1780000000")
    build = build_files(small_build, BuildOptions(formats=("svg", "manifest"), stem="x"))
    manifest = json.loads(build.files[MANIFEST])
    assert manifest["built"] == "2026-05-28T20:26:40Z"
    assert [f["file"] for f in manifest["files"]] == ["x.svg"]
    again = build_files(small_build, BuildOptions(formats=("svg", "manifest"), stem="x"))
    assert again.files[MANIFEST] == build.files[MANIFEST]


def test_png_width_still_chooses_the_previews(small_build, tmp_path):
    folder = example_folder()
    result = CliRunner().invoke(
        main, ["build", str(folder), "--all", "--png-width", "640,1280", "--out", str(tmp_path)], catch_exceptions=False
    )
    assert result.exit_code == 0, result.stderr
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    assert pngs == ["meierijstad-1280.png", "meierijstad-640.png", "meierijstad-thumb.png"]
