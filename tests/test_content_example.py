"""The Meierijstad example: it checks clean, and ten broken variants each fail at the right place."""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from click.testing import CliRunner
from conftest import at, edit

from poster.cli import main
from poster.content import load


def test_example_loads_without_diagnostics(example):
    result = load(example)
    assert result.diagnostics == ()
    rm = result.roadmap
    assert rm.meta.as_of_given and rm.meta.logo is not None and rm.meta.logo.is_relative_to(example.resolve())
    assert all(rm.steps_of(p) for p in rm.strategy.pillars)


def test_example_checks_clean_and_strict(example):
    result = CliRunner().invoke(main, ["check", str(example), "--strict"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "" and result.stderr.endswith(": OK, 0 errors, 0 warnings\n")


def step_index(text: str, step_id: str) -> int:
    return [s["id"] for s in yaml.safe_load(text)["plan"]["steps"]].index(step_id)


# Each variant: (file, old, new) -> (needle in the edited file where the error points, "path: message").
VARIANTS = {
    "unknown-pillar": (
        "stappenplan.yaml",
        "      title: Centraal dataplatform inrichten\n      pillar: data\n",
        "      title: Centraal dataplatform inrichten\n      pillar: dta\n",
        "dta",
        "plan.steps[{dataplatform}].pillar: unknown pillar 'dta' (did you mean 'data'?)",
    ),
    "bad-date": (
        "nulmeting.yaml",
        "  measured: 2024-11 ",
        "  measured: 2024-11-31 ",
        "2024-11-31",
        "baseline.measured: '2024-11-31' is not a date: day 31 does not exist in that month",
    ),
    "cycle": (
        "stappenplan.yaml",
        "      end: 2025-Q4\n      status: done\n      owner: CIO-office\n\n    - id: datacatalogus",
        "      end: 2025-Q4\n      status: done\n      owner: CIO-office\n      depends_on: [dataplatform]\n\n"
        "    - id: datacatalogus",
        "dataplatform]",
        "plan.steps[{architectuur}].depends_on[0]: dependency cycle: architectuur -> dataplatform "
        "-> architectuur; a step cannot (indirectly) depend on itself",
    ),
    "duplicate-id": (
        "stappenplan.yaml",
        "    - id: open-data\n",
        "    - id: datakwaliteit\n",
        "datakwaliteit\n      title: Open",
        "plan.steps[{open-data}].id: duplicate step id 'datakwaliteit' "
        "(first at line {line:    - id: datakwaliteit}); give each step its own id",
    ),
    "bad-colour": (
        "poster.yaml",
        'accent: "#B8461B"',
        'accent: "#B8461"',
        '"#B8461"',
        'theme.colors.accent: \'#B8461\' is not a colour; write "#RRGGBB", "#RGB" or '
        '"cmyk(c, m, y, k)" in percent, e.g. "#1F3A5F"',
    ),
    "unquoted-colour": (
        "poster.yaml",
        'primary: "#1F3A5F"',
        "primary: #1F3A5F",
        "#1F3A5F",
        'theme.colors.primary: no colour given: an unquoted # starts a YAML comment; quote the colour: "#1F3A5F"',
    ),
    "level-outside-scale": (
        "nulmeting.yaml",
        "      target: 4.5\n",
        "      target: 5.5\n",
        "5.5",
        "baseline.dimensions[8].target: level 5.5 is outside the scale: use 1 (Startend) to 5 "
        "(Transformerend); halves such as 2.5 are allowed",
    ),
    "tab-indentation": (
        "visie.yaml",
        "    - title: Meerwaarde voor inwoners",
        "\t- title: Meerwaarde voor inwoners",
        "\t",
        "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces",
    ),
    "duplicate-key": (
        "strategie.yaml",
        "      name: Data & architectuur\n",
        "      name: Data & architectuur\n      name: Data\n",
        "name: Data\n",
        "strategy.pillars[3].name: duplicate key 'name' (first at line {line:name: Data & }); "
        "YAML would silently keep only one: remove or rename one of them",
    ),
    "missing-field": (
        "stappenplan.yaml",
        "      title: Wijkmonitor voor alle kernen\n",
        "",
        "id: wijkmonitor",
        "plan.steps[{wijkmonitor}]: missing required field 'title': what the step delivers, shown on its bar",
    ),
    "unknown-key": (
        "poster.yaml",
        "  subtitle: ",
        "  ondertitel: ",
        "ondertitel",
        "meta.ondertitel: unknown key 'ondertitel' (did you mean 'subtitle'?)",
    ),
    "unknown-result-step": (
        "resultaten.yaml",
        "    step: normenkader\n",
        "    step: normkader\n",
        "normkader",
        "results[2].step: unknown step 'normkader' (did you mean 'normenkader'?)",
    ),
}


def _expected(original: str, text: str, template: str) -> str:
    """Fill {step-id} with the step's index (in the original) and {line:needle} with the needle's line."""

    def fill(m: re.Match) -> str:
        key = m.group(1)
        if key.startswith("line:"):
            return at(text, key[5:]).split(":")[0]
        return str(step_index(original, key))

    return re.sub(r"\{([^}]+)\}", fill, template)


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_broken_variant_fails_at_the_right_place(example, tmp_path, monkeypatch, variant):
    name, old, new, needle, message = VARIANTS[variant]
    folder = tmp_path / "meierijstad"
    shutil.copytree(example, folder)
    original = (folder / name).read_text(encoding="utf-8")
    text = edit(original, old, new)
    (folder / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "meierijstad"])
    assert result.exit_code == 1
    expected = f"meierijstad/{name}:{at(text, needle)}: error: {_expected(original, text, message)}"
    assert result.stderr.splitlines() == [expected, "Error: meierijstad: 1 error, 0 warnings"]
