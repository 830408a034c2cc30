"""Several manuscripts built as one volume (pipeline.build.collection): the ones that fail are
reported and left out, the volume is built from the rest."""

from __future__ import annotations

import zipfile

from pipeline.build.collection import build_collection
from pipeline.build.options import BuildOptions

GUIDE = "# {title}\n\nby Ann Ayre\n\n## Summary\n\n{title} is a story.\n\n## Characters\n\n- Tom: a sailor\n"


def test_a_volume_of_the_good_manuscripts_and_an_outcome_for_each(tmp_path):
    folder = tmp_path / "shelf"
    folder.mkdir()
    (folder / "harbour.md").write_text(GUIDE.format(title="Harbour"), encoding="utf-8")
    (folder / "lighthouse.md").write_text(GUIDE.format(title="Lighthouse"), encoding="utf-8")
    (folder / "empty.md").write_text("", encoding="utf-8")
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out", use_cache=False)
    outcomes, written = build_collection("Sea Stories", [folder], options)
    assert written == [tmp_path / "out" / "collections" / "sea-stories.epub"]
    assert {o.source.name: o.failed for o in outcomes} == {
        "empty.md": True,
        "harbour.md": False,
        "lighthouse.md": False,
    }
    with zipfile.ZipFile(written[0]) as epub:
        text = b" ".join(epub.read(n) for n in epub.namelist() if n.endswith(".xhtml")).decode()
    assert "Harbour" in text and "Lighthouse" in text and "Sea Stories" in text


def test_nothing_to_build_writes_nothing(tmp_path):
    (tmp_path / "empty.md").write_text("", encoding="utf-8")
    options = BuildOptions(formats=("epub",), out_dir=tmp_path / "out")
    outcomes, written = build_collection("Nothing", [tmp_path / "empty.md"], options)
    assert written == [] and [o.failed for o in outcomes] == [True]
    assert not (tmp_path / "out").exists()
