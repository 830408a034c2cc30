"""Section names and built-in labels beyond English: Japanese, Arabic, Italian, Portuguese, Russian;
right-to-left print (PDF, index, handout) for Arabic and Hebrew."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import get_args

import pytest

from pipeline.diagnostics import Report
from pipeline.handout import build_handout, handout_html
from pipeline.labels import _LABELS, labels_for
from pipeline.model import SectionKind
from pipeline.pdf import PrintOptions, _index_page_css, book_html, build_pdf, render_index
from pipeline.sections import section_kind
from pipeline.theme import load_theme

CORPUS = Path(__file__).resolve().parent / "corpus"
ARABIC = CORPUS / "kalila-wa-dimna.md"
JAPANESE = CORPUS / "botchan.md"
# Every kind a heading can name (info is the facts block; "other" is what no alias names).
STANDARD_KINDS = [kind for kind in get_args(SectionKind) if kind not in ("info", "other")]

ALIASES = [
    # Japanese
    ("あらすじ", "summary"),
    ("概要", "summary"),
    ("要約", "summary"),
    ("ストーリー", "summary"),
    ("主な登場人物", "characters"),
    ("キャラクター紹介", "characters"),
    ("テーマ", "themes"),
    ("主題", "themes"),
    ("教訓", "takeaways"),
    ("学び", "takeaways"),
    ("作品の意義", "significance"),
    ("なぜ今読むのか", "significance"),
    ("ディスカッションのための問い", "questions"),
    ("考えてみよう", "questions"),
    ("用語解説", "glossary"),
    ("心に残る言葉", "quotes"),
    ("象徴とモチーフ", "symbols"),
    ("各章の要約", "chapters"),
    ("読書案内", "reading"),
    ("書誌情報", "info"),
    # Arabic, with and without the article, vowel marks and hamza
    ("ملخص", "summary"),
    ("الملخص", "summary"),
    ("ملخّص القصة", "summary"),
    ("الحبكة", "summary"),
    ("الشخصيات", "characters"),
    ("شخصيات الرواية", "characters"),
    ("الموضوعات", "themes"),
    ("المواضيع الرئيسية", "themes"),
    ("الدروس المستفادة", "takeaways"),
    ("أهم الأفكار", "takeaways"),
    ("لماذا يهم هذا الكتاب؟", "significance"),
    ("أهمية الكتاب", "significance"),
    ("أسئلة للنقاش", "questions"),
    ("اسئلة المناقشة", "questions"),
    ("مسرد المصطلحات", "glossary"),
    ("اقتباسات", "quotes"),
    ("الرموز والدلالات", "symbols"),
    ("ملخص الفصول", "chapters"),
    ("قراءات إضافية", "reading"),
    ("معلومات الكتاب", "info"),
    # Italian
    ("Riassunto", "summary"),
    ("Trama", "summary"),
    ("Personaggi principali", "characters"),
    ("Temi", "themes"),
    ("Punti chiave", "takeaways"),
    ("Perché è importante", "significance"),
    ("Domande per la discussione", "questions"),
    ("Glossario", "glossary"),
    ("Citazioni", "quotes"),
    ("Simboli e motivi", "symbols"),
    ("Riassunto dei capitoli", "chapters"),
    ("Letture consigliate", "reading"),
    ("Scheda del libro", "info"),
    # Portuguese
    ("Resumo", "summary"),
    ("Enredo", "summary"),
    ("Personagens", "characters"),
    ("Temas principais", "themes"),
    ("Lições", "takeaways"),
    ("Por que ler hoje", "significance"),
    ("Questões para discussão", "questions"),
    ("Glossário", "glossary"),
    ("Citações", "quotes"),
    ("Símbolos e motivos", "symbols"),
    ("Resumo dos capítulos", "chapters"),
    ("Leituras complementares", "reading"),
    ("Ficha técnica", "info"),
    # Russian
    ("Краткое содержание", "summary"),
    ("Сюжет", "summary"),
    ("Главные герои", "characters"),
    ("Персонажи", "characters"),
    ("Темы", "themes"),
    ("Главные выводы", "takeaways"),
    ("Почему это важно", "significance"),
    ("Вопросы для обсуждения", "questions"),
    ("Словарь", "glossary"),
    ("Цитаты", "quotes"),
    ("Символы и мотивы", "symbols"),
    ("Краткое содержание по главам", "chapters"),
    ("Что ещё почитать", "reading"),
    ("О книге", "info"),
]


@pytest.mark.parametrize(("title", "kind"), ALIASES)
def test_section_names_in_more_languages(title, kind):
    assert section_kind(title) == kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("あらすじ：", "summary"),  # full-width colon
        ("【テーマ】", "themes"),
        ("■ 登場人物", "characters"),
        ("ﾃｰﾏ", "themes"),  # half-width katakana
        ("１．あらすじ", "summary"),  # full-width numbering
        ("الشّخصيّات:", "characters"),  # vowel marks and a colon
        ("الملخـــص", "summary"),  # tatweel
        ("٢. الموضوعات", "themes"),
        ("СЮЖЕТ", "summary"),
        ("Что еще почитать", "reading"),  # е for ё
        ("PERSONAGENS:", "characters"),
        ("Perche leggerlo", "significance"),  # accent left off
    ],
)
def test_matching_folds_case_punctuation_and_script_variants(title, kind):
    assert section_kind(title) == kind


@pytest.mark.parametrize("title", ["Sistema", "作者について", "عن المؤلف", "Об авторе", "L'autore"])
def test_unrelated_headings_stay_unknown(title):
    assert section_kind(title) is None


@pytest.mark.parametrize("language", sorted(_LABELS))
def test_every_language_has_every_label(language):
    assert set(_LABELS[language]) == set(_LABELS["en"])


@pytest.mark.parametrize(
    ("source", "language", "glance", "words"),
    [(ARABIC, "ar", "نظرة سريعة", "كلمة"), (JAPANESE, "ja", "作品データ", "字")],
)
def test_manuscript_normalises_to_standard_kinds_with_its_own_labels(load, source, language, glance, words):
    guide, report = load(source.name, source.read_text(encoding="utf-8"))
    assert guide.meta.language == language
    assert [s.kind for s in guide.sections] == ["info", *STANDARD_KINDS]
    assert guide.sections[0].title == glance
    codes = {d.code for d in report.items}
    assert not codes & {"W-UNKNOWN-SECTION", "W-NO-SUMMARY", "W-DUPLICATE-SECTION"}, codes
    html = book_html(guide)
    assert labels_for(language)["contents"] in html and f" {words} · " in html
    for english in ("Contents", "At a Glance", "min read", "A Study Guide"):
        assert english not in html


POPPLER_MISSING = "poppler-utils (pdftotext) is not installed"
# Other Arabic faces (DejaVu Sans, Noto Sans Arabic) extract lam-alef reversed from WeasyPrint's PDF.
NASKH_MISSING = "Noto Naskh Arabic (Debian's fonts-noto-core) is not installed; .ci/run installs it"


def _has_naskh() -> bool:
    if not shutil.which("fc-list"):
        return False
    found = subprocess.run(["fc-list", "Noto Naskh Arabic", "family"], capture_output=True, text=True)
    return bool(found.stdout.strip())


@pytest.mark.skipif(not shutil.which("pdftotext"), reason=POPPLER_MISSING)
@pytest.mark.skipif(not _has_naskh(), reason=NASKH_MISSING)
def test_arabic_pdf_is_right_to_left_and_every_section_title_extracts(load, tmp_path):
    guide, _ = load(ARABIC.name, ARABIC.read_text(encoding="utf-8"))
    html = book_html(guide)
    assert '<html lang="ar" dir="rtl">' in html
    target = tmp_path / "kalila.pdf"
    pages = build_pdf(guide, target, load_theme(), Report(str(ARABIC)))
    assert pages >= 3
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True, check=True).stdout
    for section in guide.sections:
        assert section.title in text, section.title
    assert labels_for("ar")["index"] in text


def test_arabic_index_and_handout_are_right_to_left(load, tmp_path):
    guide, _ = load(ARABIC.name, ARABIC.read_text(encoding="utf-8"))
    pages = [{"number": 3, "mention": "m1"}, {"number": 4, "mention": "m2"}]
    index = render_index([{"term": "دمنة", "note": "", "pages": pages}], "ar", guide.meta.title)
    assert index is not None and '<html lang="ar" dir="rtl">' in index
    assert ">3</a>، <a" in index  # pages separated the Arabic way
    assert '<html lang="ar" dir="rtl">' in handout_html(guide, 9.5, None)
    assert "صفحة" in handout_html(guide, 9.5, None) and " pp." not in handout_html(guide, 9.5, None)
    report = Report(str(ARABIC))
    assert build_handout(guide, tmp_path / "handout.pdf", load_theme(), report, PrintOptions()) == 1


@pytest.mark.parametrize("source", [ARABIC, JAPANESE])
def test_left_to_right_and_japanese_print_say_nothing_of_direction(load, source):
    text = source.read_text(encoding="utf-8").replace("language: ar", "language: en")
    guide, _ = load(source.name, text)
    assert 'dir="rtl"' not in book_html(guide) and 'dir="rtl"' not in handout_html(guide, 9.5, None)


def test_hebrew_print_is_right_to_left(load):
    guide, _ = load("hebrew.md", "---\ntitle: שלום\nlanguage: he\n---\n\n## Summary\n\nסיפור קצר.\n")
    assert '<html lang="he" dir="rtl">' in book_html(guide)
    assert '<html lang="he" dir="rtl">' in handout_html(guide, 9.5, None)


@pytest.mark.parametrize(("first_page", "direction"), [(10, "ltr"), (10, "rtl"), (11, "ltr"), (11, "rtl")])
def test_index_running_heads_mirror_for_right_to_left(first_page, direction):
    """Even pages are versos: the book's title runs at their outer edge, which is the left one
    in a left-to-right book and the right one in a right-to-left book."""
    verso_edge, recto_edge = ("right", "left") if direction == "rtl" else ("left", "right")
    first = _index_page_css(first_page, "Book", "Index", direction).split(" @page ")[0]
    if first_page % 2 == 0:
        assert (
            f'@top-{verso_edge} {{ content: "Book";' in first
            and f"@top-{recto_edge} {{ content: none; }}" in first
        )
    else:
        assert (
            f'@top-{recto_edge} {{ content: "Index";' in first
            and f"@top-{verso_edge} {{ content: none; }}" in first
        )
