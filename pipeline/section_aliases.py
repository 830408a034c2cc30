"""Section-name aliases per kind and language, as regular expressions over folded headings."""

from __future__ import annotations

from pipeline.model import SectionKind

# Patterns are searched in headings after `sections.fold`: case-folded, accents and Arabic vowel
# marks dropped, Arabic letter variants unified (أ إ آ -> ا, ة -> ه, ى -> ي) and the Arabic
# definite article removed, so write them in that form ("ملخص فصول", not "ملخص الفصول"). Accents may
# still be written: each pattern is folded the same way (all but the article) when compiled.
#
# Ordered: the first kind whose pattern matches wins, so narrower kinds ("Chapter Summaries",
# "Symbols and Motifs") come before the broad ones they contain ("Summary").
ALIASES: tuple[tuple[SectionKind, dict[str, str]], ...] = (
    (
        "info",
        {
            "en": r"^(book )?(info|information|details|facts)$|^(book|at a glance|quick facts)$|^at a glance",
            "fr": r"^(fiche|informations?( sur le livre)?)$",
            "es": r"^(datos|información|ficha)( (del|técnica del?) libro| técnica)?$",
            "de": r"^(buchinfo|steckbrief|eckdaten|(buch)?informationen|über das buch|zum buch)$",
            "zh": r"^(书籍信息|基本信息|图书信息|书目信息)$",
            "ja": r"^(書誌情報|書誌データ|作品情報|作品データ|書籍情報|本の情報|作品紹介データ)$",
            "ar": r"^(معلومات|بيانات|بطاقه|تفاصيل)( عن)?( كتاب)?$|^(نظره|لمحه) سريعه",
            "it": r"^(scheda( del libro| tecnica)?|informazioni( sul libro)?|dati (del )?libro|in breve)$",
            "pt": r"^(ficha( tecnica| do livro)?|informac(ao|oes)( sobre o livro)?|dados do livro)$",
            "ru": r"^(информация( о книге)?|о книге|сведения о книге|выходные данные|коротко о книге)$",
        },
    ),
    (
        "chapters",
        {
            "en": r"chapter(s)?( by chapter)? summar|chapter guide|^chapters$",
            "fr": r"résumés? des chapitres",
            "es": r"cap[ií]tulos?",
            "de": r"kapitel",
            "zh": r"章节",
            "ja": r"各章|章ごと|章別",
            "ar": r"ملخص(ات)? فصول|^فصول$|فصلا (ب|بعد )?فصل",
            "it": r"(riassunt[oi]|sintesi|guida) (dei |ai |per )?capitoli|capitolo per capitolo|^capitoli$",
            "pt": r"(resumos?|guia) (dos |por )?capitulos|capitulo a capitulo|^capitulos$",
            "ru": r"по главам|глава за главой|^главы$",
        },
    ),
    (
        "symbols",
        {
            "en": r"symbol|motif",
            "fr": r"symbole",
            "es": r"símbolo",
            "zh": r"象征",
            "ja": r"象徴|モチーフ|シンボル",
            "ar": r"رموز|رمزيه|^رمز|موتيف",
            "it": r"simbol|\bmotivi\b",
            "pt": r"simbolo|\bmotivos\b",
            "ru": r"символ|мотив",
        },
    ),
    (
        "quotes",
        {
            "en": r"quot(e|ation)",
            "fr": r"citation",
            "es": r"cita(s)?$",
            "de": r"zitat",
            "zh": r"名言|引文|语录",
            "ja": r"名言|名文|引用|名セリフ|印象的な(言葉|一節)|心に残る(言葉|一節)",
            "ar": r"اقتباس|مقتطفات|اقوال|مقولات|عبارات مختاره",
            "it": r"citazion|frasi (celebri|memorabili|chiave)|passi scelti",
            "pt": r"citaç|frases (célebres|marcantes|memoráveis)|trechos",
            "ru": r"цитат|афоризм",
        },
    ),
    (
        "questions",
        {
            "en": r"question|discussion",
            "de": r"fragen",
            "es": r"preguntas",
            "zh": r"讨论|思考题|问题",
            "ja": r"問い|設問|質問|ディスカッション|話し合|考えてみよう|考察課題|討論",
            "ar": r"اسئله|سؤال|نقاش|مناقشه",
            "it": r"domande|spunti (di|per la) riflessione|per discutere",
            "pt": r"questões|perguntas|para (debate|discussão|reflexão)",
            "ru": r"вопрос|обсужден",
        },
    ),
    (
        "reading",
        {
            "en": r"further reading|reading list|for further",
            "fr": r"pour aller plus loin|lectures?",
            "es": r"lecturas?",
            "de": r"literatur|weiterlesen|zum weiterlesen",
            "zh": r"延伸阅读|推荐阅读",
            "ja": r"参考文献|関連(書籍|図書|作品)|さらに(読む|深く)|読書案内|ブックガイド|"
            r"次に読む|もっと読みたい",
            "ar": r"قراءات|مزيد من قراءه|مراجع|مصادر|كتب (ذات صله|مقترحه)",
            "it": r"letture|per approfondire|bibliografi",
            "pt": r"leituras?( complementares| recomendadas?| adicionais)|para saber mais|bibliografi",
            "ru": r"почитать|(дополнительн|рекомендуем)\w* (чтение|литератур)|список литературы|^литература$",
        },
    ),
    (
        "glossary",
        {
            "en": r"glossar|terms|vocabulary",
            "fr": r"glossaire|lexique",
            "es": r"glosario|vocabulario",
            "de": r"begriffe",
            "zh": r"词汇|术语",
            "ja": r"用語|語句|語彙|キーワード",
            "ar": r"مسرد|مصطلحات|معجم|مفردات|قاموس",
            "it": r"lessico|vocabolario|\btermini\b",
            "pt": r"vocabulário|\btermos\b",
            "ru": r"глоссари|словар|термин|понятия",
        },
    ),
    (
        "characters",
        {
            "en": r"character|cast|who.?s who",
            "fr": r"personnages",
            "es": r"personajes",
            "de": r"figuren|personen",
            "zh": r"人物|角色",
            "ja": r"キャラクター",
            "ar": r"شخصيات|شخصيه|ابطال",
            "it": r"personaggi",
            "pt": r"personagens",
            "ru": r"персонаж|действующие лица|герои",
        },
    ),
    (
        "themes",
        {
            "en": r"theme",
            "fr": r"thème",
            "es": r"\btemas?\b|temática",
            "de": r"themen",
            "zh": r"主题",
            "ja": r"テーマ|主題",
            "ar": r"موضوعات|مواضيع|ثيمات|محاور",
            "it": r"\btemi\b|tematiche",
            "pt": r"\btemas\b",
            "ru": r"\bтем[аы]\b|тематик|проблематик",
        },
    ),
    (
        "takeaways",
        {
            "en": r"takeaway|lesson|key (points|ideas|insights)",
            "fr": r"points? clés|à retenir|conclusion",
            "es": r"lecciones|conclusi[oó]n|ideas clave",
            "de": r"kernaussage|erkenntnis|fazit",
            "zh": r"要点|启示|收获",
            "ja": r"学び|要点|ポイント|教訓",
            "ar": r"دروس|\bعبر\b|مستفاد|(افكار|نقاط) (رئيسيه|اساسيه)|اهم افكار|ما نتعلمه",
            "it": r"punti chiave|lezion|insegnament|da ricordare|concetti chiave",
            "pt": r"lições|pontos[- ]chave|ensinamentos|para lembrar",
            "ru": r"вывод|\bурок|ключевые (идеи|мысли)|запомнить",
        },
    ),
    (
        "significance",
        {
            "en": r"why (it|this( book)?) matters|why read|significance|legacy|impact|importance",
            "fr": r"pourquoi",
            "es": r"por qué",
            "de": r"warum",
            "zh": r"意义|为什么|影响",
            "ja": r"意義|なぜ(今)?読む|読む理由|大切な理由|影響|評価|位置づけ",
            "ar": r"لماذا|اهميه|\bاثر\b|مكانه|قيمه",
            "it": r"perché|importanza|eredità|rilevanza|attualità",
            "pt": r"por ?que|importância|legado|relevância",
            "ru": r"почему|значение|актуальност|наследие|влияние",
        },
    ),
    (
        "summary",
        {
            "en": r"summary|story|plot|synopsis|overview",
            "fr": r"résumé|intrigue|histoire",
            "es": r"resumen|argumento",
            "de": r"zusammenfassung|handlung|inhalt",
            "zh": r"简介|概要|梗概|情节|故事|内容",
            "ja": r"あらすじ|粗筋|要約|概要|ストーリー|物語|筋書き|内容紹介",
            "ar": r"ملخص|موجز|خلاصه|قصه|حبكه|نبذه|لمحه|حكايه|عرض عام|مضمون",
            "it": r"riassunt|trama|sintesi|storia|di cosa parla",
            "pt": r"resumo|enredo|sinopse|história|trama",
            "ru": r"содержани|сюжет|пересказ|аннотаци|о ч[её]м",
        },
    ),
)
