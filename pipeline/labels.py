"""Fixed words the guide prints itself (field labels, page names) in the guide's language."""

from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "author": "Author", "authors": "Authors", "year": "Published", "genres": "Genre",
        "pages": "Pages", "reading_time": "Reading time", "language": "Language",
        "contents": "Contents", "notes": "Notes", "cover": "Cover", "title_page": "Title Page",
        "glance": "At a Glance", "study_guide": "A Study Guide", "by": "by", "back": "Back to text",
        "landmarks": "Landmarks", "start": "Start of content", "handout": "Classroom Handout",
        "first_use": "First used:", "index": "Index", "page_short": "p.", "this_guide": "This guide",
        "words": "words", "minutes": "min read", "theme": "theme", "collection": "A Study Collection",
        "overview_cut": "Overview shortened to fit one sheet: the full guide has the whole story.",
    },
    "fr": {
        "author": "Auteur", "authors": "Auteurs", "year": "Publication", "genres": "Genre",
        "pages": "Pages", "reading_time": "Temps de lecture", "language": "Langue",
        "contents": "Table des matières", "notes": "Notes", "cover": "Couverture",
        "title_page": "Page de titre", "glance": "En bref", "study_guide": "Guide de lecture",
        "by": "par", "back": "Retour au texte", "landmarks": "Repères", "start": "Début du contenu",
        "handout": "Fiche de classe", "first_use": "Première occurrence :", "index": "Index",
        "page_short": "p.", "this_guide": "Ce guide", "words": "mots", "minutes": "min de lecture", "theme": "thème",
        "collection": "Recueil de guides",
        "overview_cut": "Résumé abrégé pour tenir sur une feuille : le guide complet contient toute l'histoire.",
    },
    "es": {
        "author": "Autor", "authors": "Autores", "year": "Publicación", "genres": "Género",
        "pages": "Páginas", "reading_time": "Tiempo de lectura", "language": "Idioma",
        "contents": "Índice", "notes": "Notas", "cover": "Cubierta", "title_page": "Portada",
        "glance": "De un vistazo", "study_guide": "Guía de estudio", "by": "de",
        "back": "Volver al texto", "landmarks": "Puntos de referencia", "start": "Inicio",
    },
    "de": {
        "author": "Autor", "authors": "Autoren", "year": "Erschienen", "genres": "Gattung",
        "pages": "Seiten", "reading_time": "Lesezeit", "language": "Sprache", "contents": "Inhalt",
        "notes": "Anmerkungen", "cover": "Umschlag", "title_page": "Titelseite",
        "glance": "Auf einen Blick", "study_guide": "Lektürehilfe", "by": "von",
        "back": "Zurück zum Text", "landmarks": "Orientierungspunkte", "start": "Textbeginn",
    },
    "zh": {
        "author": "作者", "authors": "作者", "year": "出版年份", "genres": "类型", "pages": "页数",
        "reading_time": "阅读时间", "language": "语言", "contents": "目录", "notes": "注释",
        "cover": "封面", "title_page": "书名页", "glance": "概览", "study_guide": "阅读指南",
        "by": "著", "back": "返回正文", "landmarks": "导航", "start": "正文开始",
        "handout": "课堂讲义", "first_use": "首次出现：", "index": "索引", "page_short": "第",
        "this_guide": "本指南", "words": "字", "minutes": "分钟阅读", "theme": "主题", "collection": "指南合集", "overview_cut": "为适应单页篇幅，故事梗概已缩短；完整内容见阅读指南。",
    },
}


def labels_for(language: str) -> dict[str, str]:
    """Labels in the guide's language, English for any word a language lacks."""
    table = _LABELS.get(language.split("-")[0].lower(), {})
    return {**_LABELS["en"], **table}
