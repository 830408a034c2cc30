"""Which kind of section a heading names, matched through aliases in several languages."""

from __future__ import annotations

import re
import unicodedata

from pipeline.model import SectionKind

# Ordered: the first pattern that matches the normalised heading wins, so narrower kinds
# ("Chapter Summaries", "Symbols and Motifs") come before the broad ones they contain.
_PATTERNS: tuple[tuple[SectionKind, str], ...] = (
    (
        "info",
        r"^(book )?(info|information|details|facts)$|^(book|at a glance|quick facts|fiche|"
        r"informations?( sur le livre)?|datos del libro|buchinfo|"
        r"书籍信息|基本信息|图书信息|书目信息)$|^at a glance",
    ),
    (
        "chapters",
        r"chapter(s)?( by chapter)? summar|chapter guide|^chapters$|résumés? des chapitres|章节|"
        r"kapitel|cap[ií]tulos?",
    ),
    ("symbols", r"symbol|motif|symbole|símbolo|象征"),
    ("quotes", r"quot(e|ation)|citation|cita(s)?$|zitat|名言|引文|语录"),
    ("questions", r"question|discussion|fragen|preguntas|讨论|思考题|问题"),
    (
        "reading",
        r"further reading|reading list|for further|pour aller plus loin|lectures?|lecturas?|"
        r"literatur|延伸阅读|推荐阅读",
    ),
    ("glossary", r"glossar|glossaire|glosario|terms|vocabulary|lexique|begriffe|vocabulario|词汇|术语"),
    ("characters", r"character|cast|who.?s who|personnages|personajes|figuren|personen|人物|角色"),
    ("themes", r"theme|thème|tema|themen|主题"),
    (
        "takeaways",
        r"takeaway|lesson|key (points|ideas|insights)|points? clés|à retenir|conclusi[oó]n|"
        r"lecciones|ideas clave|kernaussage|erkenntnis|fazit|要点|启示|收获",
    ),
    (
        "significance",
        r"why (it|this( book)?) matters|why read|significance|legacy|impact|importance|"
        r"pourquoi|por qué|warum|意义|为什么|影响",
    ),
    (
        "summary",
        r"summary|story|plot|synopsis|overview|résumé|intrigue|histoire|resumen|argumento|"
        r"zusammenfassung|handlung|inhalt|简介|概要|梗概|情节|故事|内容",
    ),
)
_COMPILED = tuple((kind, re.compile(pattern)) for kind, pattern in _PATTERNS)

DEFAULT_TITLES: dict[str, dict[str, str]] = {
    "en": {"info": "At a Glance", "glossary": "Glossary", "notes": "Notes", "contents": "Contents"},
    "fr": {"info": "En bref", "glossary": "Glossaire", "notes": "Notes", "contents": "Table des matières"},
    "es": {"info": "De un vistazo", "glossary": "Glosario", "notes": "Notas", "contents": "Índice"},
    "de": {"info": "Auf einen Blick", "glossary": "Glossar", "notes": "Anmerkungen", "contents": "Inhalt"},
    "zh": {"info": "概览", "glossary": "术语表", "notes": "注释", "contents": "目录"},
}


def label(language: str, key: str) -> str:
    """A fixed label (for sections the pipeline adds itself) in the guide's language."""
    table = DEFAULT_TITLES.get(language.split("-")[0].lower(), DEFAULT_TITLES["en"])
    return table[key]


def normalise_heading(title: str) -> str:
    text = unicodedata.normalize("NFC", title).casefold()
    text = re.sub(r"[\s\u00a0\u202f]+", " ", text)
    return text.strip(" :：.-—–#*_\"'“”«»")


def section_kind(title: str) -> SectionKind | None:
    """The kind a heading names, or None when no alias matches."""
    text = normalise_heading(title)
    for kind, pattern in _COMPILED:
        if pattern.search(text):
            return kind
    return None
