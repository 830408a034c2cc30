"""`new` run in-process (pipeline.cli.commands.new): a manuscript that reads back as the guide it
says, in the configured language."""

from __future__ import annotations

from pipeline.build.batch import load_guide
from pipeline.cli.commands import new
from pipeline.cli.options import EXIT_OK
from tests.helpers import parse_command


def test_a_new_manuscript_names_its_book_and_the_configured_language(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "guides.toml").write_text('[pipeline]\nlanguage = "fr"\n', encoding="utf-8")
    args = parse_command(new, "Le Horla", "--author", "Guy de Maupassant", "--folder", "drafts")
    assert new.run(args) == EXIT_OK
    [path] = (tmp_path / "drafts").iterdir()
    assert f"wrote {path.relative_to(tmp_path)}" in capsys.readouterr().out
    guide, _ = load_guide(path)
    assert (guide.meta.title, guide.meta.authors, guide.meta.language) == (
        "Le Horla",
        ("Guy de Maupassant",),
        "fr",
    )
