"""One short summary paragraph per language added with the language files, written for these tests:
each must be identified as its language when the manuscript names none."""

SUMMARIES = {
    "pl": "Mały Książę opowiada o pilocie, który po awarii samolotu ląduje na Saharze. Spotyka tam "
    "chłopca z małej planety, który opowiada mu o swojej róży i o dorosłych, jakich poznał w podróży. "
    "Książka uczy, że najważniejsze jest niewidoczne dla oczu.",
    "nl": "Het Achterhuis is het dagboek van Anne Frank, een Joods meisje dat zich met haar familie twee "
    "jaar verstopt in Amsterdam. Ze schrijft over haar angsten, haar ruzies met haar moeder en haar "
    "dromen om schrijfster te worden. Het boek eindigt abrupt wanneer de onderduikers worden verraden.",
    "sv": "Pippi Långstrump bor ensam i Villa Villekulla med en häst och en apa. Hon är världens "
    "starkaste flicka och gör precis som hon vill, till grannbarnen Tommys och Annikas stora "
    "förtjusning. Boken handlar om frihet, fantasi och om att vuxna inte alltid vet bäst.",
    "da": "Den lille havfrue handler om en ung havfrue, der forelsker sig i en prins og opgiver sin "
    "stemme for at få menneskeben. Hver gang hun går, føles det, som om hun træder på knive. Eventyret "
    "ender trist, men hun får til sidst en udødelig sjæl.",
    "nb": "Et dukkehjem handler om Nora, som tilsynelatende lever et lykkelig liv med mannen sin, "
    "Helmer. Hun har i hemmelighet lånt penger for å redde livet hans, og når sannheten kommer fram, "
    "ser hun ekteskapet med nye øyne. Til slutt forlater hun både mannen og barna for å finne ut hvem "
    "hun selv er.",
    "fi": "Seitsemän veljestä kertoo Jukolan talon veljeksistä, jotka eivät halua opetella lukemaan. He "
    "pakenevat metsään ja elävät siellä vuosia villiä elämää. Lopulta he palaavat kylään, oppivat "
    "lukemaan ja heistä tulee kunnon kansalaisia.",
    "cs": "Osudy dobrého vojáka Švejka vyprávějí o prostém pražském muži, který se za první světové "
    "války ocitne v rakouské armádě. Svou zdánlivou hloupostí a nekonečnými historkami odhaluje "
    "nesmyslnost války i byrokracie. Kniha je plná humoru, ale i ostré kritiky.",
    "hu": "Az ember tragédiája Ádám és Éva történetét követi végig a történelem nagy korszakain. Lucifer "
    "álmokat mutat Ádámnak, hogy elvegye a kedvét az élettől. A mű végén az Úr szavai reményt adnak: "
    "küzdeni kell és bízni.",
    "ro": "Ion este povestea unui tânăr țăran sărac care tânjește după pământ. Pentru a obține averea "
    "tatălui ei, o ia de soție pe Ana, deși o iubește pe Florica. Romanul arată cât de crudă poate fi "
    "lăcomia și cum distruge ea viețile oamenilor.",
    "uk": "Тіні забутих предків розповідають про кохання Івана та Марічки, дітей двох ворогуючих "
    "гуцульських родин. Після загибелі Марічки Іван довго блукає горами і не може знайти спокою. "
    "Повість сповнена карпатських легенд, звичаїв і чарівної природи.",
    "tr": "Saatleri Ayarlama Enstitüsü, Hayri İrdal'ın gözünden modernleşen Türkiye'yi anlatır. Hayri, "
    "saat tamircisi olarak başladığı hayatında tuhaf bir enstitünün kurucularından biri olur. Roman, "
    "bürokrasiyi ve boş yere yapılan işleri ince bir mizahla eleştirir.",
    "vi": "Truyện Kiều kể về cuộc đời của Thúy Kiều, một cô gái tài sắc phải bán mình để cứu cha. Nàng "
    "trải qua mười lăm năm lưu lạc với nhiều đau khổ và sóng gió. Cuối cùng, Kiều được đoàn tụ với gia "
    "đình và gặp lại Kim Trọng.",
    "id": "Laskar Pelangi bercerita tentang sepuluh anak miskin di Belitung yang bersekolah di sebuah "
    "sekolah Muhammadiyah yang hampir roboh. Dengan bimbingan Bu Muslimah, mereka belajar bermimpi "
    "besar meskipun hidup dalam keterbatasan. Novel ini menunjukkan betapa pentingnya pendidikan dan "
    "persahabatan.",
    "ca": "Mirall trencat narra la història de la família Valldaura al llarg de tres generacions a "
    "Barcelona. Teresa Goday s'hi casa per diners i la casa de Sant Gervasi esdevé el centre de les "
    "seves vides. La novel·la mostra com el temps i els secrets ho esberlen tot.",
    "la": "Aeneis narrat de Aenea, qui Troia capta cum patre et filio fugit. Post multos errores in "
    "Africam venit, ubi Dido regina eum amat, sed ille fato iubente in Italiam navigat. Ibi bellum cum "
    "Turno gerit et gentis Romanae origines condit.",
    "el": "Ο Ζορμπάς είναι ένας ζωντανός και αυθόρμητος άνθρωπος που γνωρίζει έναν νεαρό διανοούμενο "
    "στον Πειραιά. Μαζί ταξιδεύουν στην Κρήτη για να ανοίξουν ένα ορυχείο λιγνίτη. Ο αφηγητής μαθαίνει "
    "από τον Ζορμπά να αγαπά τη ζωή χωρίς φόβο.",
    "ko": "소나기는 시골 소년과 서울에서 온 소녀의 짧은 만남을 그린 이야기이다. "
    "두 아이는 개울가에서 만나 함께 산에 놀러 가고, 갑자기 쏟아진 소나기를 피해 "
    "수숫단 속에 숨는다. 소녀가 병으로 세상을 떠나면서 소년의 첫사랑은 슬프게 끝난다.",
    "hi": "गोदान एक गरीब किसान होरी की कहानी है, जिसका सबसे बड़ा सपना एक गाय खरीदना है। कर्ज़, जाति और "
    "गरीबी के बोझ तले वह जीवन भर संघर्ष करता है। उपन्यास भारतीय गाँव के दुख और शोषण को गहराई से दिखाता है।",
    "bn": "পথের পাঁচালী অপু নামের এক গ্রামের ছেলের শৈশবের গল্প। দিদি দুর্গার সঙ্গে সে বনে-বাদাড়ে ঘুরে "
    "বেড়ায় আর প্রথমবার রেলগাড়ি দেখে অবাক হয়। দারিদ্র্য আর মৃত্যুর মধ্যেও জীবনের সৌন্দর্য এই উপন্যাসে "
    "ফুটে উঠেছে।",
    "ta": "பொன்னியின் செல்வன் சோழப் பேரரசின் வரலாற்றைப் பின்னணியாகக் கொண்ட நாவல். வந்தியத்தேவன் என்ற "
    "வீரன் ஒரு முக்கியமான செய்தியைக் கொண்டு செல்லும் பயணத்தில் பல சதிகளைச் சந்திக்கிறான். அரசியல், காதல், "
    "வீரம் ஆகியவை இந்தக் கதையில் பின்னிப் பிணைந்துள்ளன.",
    "th": "ขุนช้างขุนแผนเป็นวรรณคดีไทยที่เล่าเรื่องความรักสามเส้าระหว่างขุนแผน ขุนช้าง และนางวันทอง "
    "ขุนแผนเป็นชายรูปงามและเก่งกล้า ส่วนขุนช้างร่ำรวยแต่หน้าตาไม่ดี "
    "เรื่องนี้จบลงอย่างเศร้าเมื่อนางวันทองถูกประหารชีวิต",
    "hy": "Սամվել վեպը պատմում է չորրորդ դարի Հայաստանի մասին, երբ պարսիկները փորձում էին հայերին "
    "ստիպել ուրանալ իրենց հավատը։ Երիտասարդ Սամվելը պետք է ընտրի հայրենիքի և իր ընտանիքի միջև։ Գիրքը "
    "հավատարմության և զոհողության մասին է։",
    "ka": "ვეფხისტყაოსანი მოგვითხრობს ავთანდილისა და ტარიელის მეგობრობაზე. ტარიელი დაკარგულ სატრფოს, "
    "ნესტან-დარეჯანს ეძებს, ავთანდილი კი მას ეხმარება. პოემა ერთგულებას, სიყვარულსა და ვაჟკაცობას "
    "უმღერის.",
}
