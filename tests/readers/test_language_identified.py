"""A manuscript that declares no language is identified from its prose (py3langid), with a W-LANGUAGE
warning naming the language and how sure the identifier is; a declared language always wins, and an
English manuscript is recognised without loading the identifier's model."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from pipeline.model.diagnostics import Report
from pipeline.readers.language import choose_language
from tests.i18n.summaries import SUMMARIES

ROOT = Path(__file__).resolve().parents[2]


def _manuscript(language: str) -> str:
    return f"# Book\n\n## Summary\n\n{SUMMARIES[language]}\n"


@pytest.mark.parametrize("language", sorted(SUMMARIES))
def test_a_summary_in_each_added_language_is_identified(language):
    report = Report("t.md")
    text = _manuscript(language)
    assert choose_language({}, text, text, report) == language
    [warning] = [d for d in report.warnings if d.code == "W-LANGUAGE"]
    assert repr(language) in warning.message and warning.location.line == 1


def test_the_warning_says_how_sure_the_identifier_is():
    report = Report("t.md")
    text = _manuscript("pl")
    choose_language({}, text, text, report)
    [warning] = report.warnings
    probability = float(warning.message.split("probability ")[1].split(")")[0])
    assert 0.8 <= probability <= 1.0
    assert "'pl' (Polish, probability" in warning.message and "Language: pl" in warning.message


@pytest.mark.parametrize("declared", [{"language": "en"}, {"lang": "Deutsch"}])
def test_a_declared_language_beats_the_identifier(declared):
    report = Report("t.md")
    text = _manuscript("pl")
    expected = "en" if "language" in declared else "de"
    assert choose_language(declared, text, text, report) == expected
    assert not [d for d in report.warnings if d.code == "W-LANGUAGE"]


def test_a_language_line_beats_the_identifier():
    report = Report("t.md")
    text = "Language: cs\n\n" + _manuscript("pl")
    assert choose_language({}, text, text, report) == "cs"
    assert not report.warnings


def test_an_english_guide_does_not_load_the_model(tmp_path: Path):
    """The seed manuscripts declare no language: reading one must not import py3langid (half a
    second), while a Polish one does."""
    code = (
        "import sys; from pathlib import Path;"
        "from pipeline.model.diagnostics import Report;"
        "from pipeline.readers.language import choose_language;"
        "text = Path(sys.argv[1]).read_text(encoding='utf-8');"
        "print(choose_language({}, text, text, Report('t')), 'py3langid' in sys.modules)"
    )
    english = ROOT / "manuscripts" / "great-expectations.md"  # declares no language
    polish = tmp_path / "pl.md"
    polish.write_text(_manuscript("pl"), encoding="utf-8")
    out = [
        subprocess.run(
            [sys.executable, "-c", code, str(path)], capture_output=True, text=True, cwd=ROOT, check=True
        ).stdout.split()
        for path in (english, polish)
    ]
    assert out == [["en", "False"], ["pl", "True"]]


@pytest.mark.parametrize(("language", "name"), [("ko", "Korean"), ("hy", "Armenian"), ("th", "Thai")])
def test_a_language_known_by_its_script_says_how_much_of_the_text_is_in_it(language, name):
    report = Report("t.md")
    text = _manuscript(language)
    choose_language({}, text, text, report)
    [warning] = report.warnings
    share = int(warning.message.split(f"({name}: ")[1].split("%")[0])
    assert 50 <= share <= 100 and f"Language: {language}" in warning.message
