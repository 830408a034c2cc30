"""A volume's print HTML (pipeline.volumes.pdf): every part under its own anchor, the combined index
listed in the contents only when it follows. (The laid-out PDF: test_collection.py.)"""

from __future__ import annotations

from pipeline.volumes.pdf import volume_html
from tests.helpers import sea_stories


def test_every_part_under_its_anchor_and_the_index_only_when_it_follows(tmp_path):
    volume = sea_stories(tmp_path)
    html = volume_html(volume, index_follows=True)
    assert '<html lang="en"' in html and "Sea Stories" in html
    assert 'id="b1-part"' in html and 'id="b2-part"' in html
    assert html.index("Harbour") < html.index("Lighthouse")
    assert 'href="#index"' in html
    assert 'href="#index"' not in volume_html(volume)
