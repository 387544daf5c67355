"""Real sentences in the languages whose legacy code pages decoding must get right.

Each language has a short sample (one sentence) and a long one (a few paragraphs of
news-style prose). ``SAMPLES`` pairs them with the code pages they were commonly
written in; ISO 8859 and KOI8 variants lack typographic quotes and dashes, so those
samples use the plain ASCII punctuation a writer on such a system would have typed.
"""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    "polish": (
        "W środę rząd przedstawił nowy projekt ustawy o ochronie środowiska, "
        "który wywołał żywą dyskusję w Sejmie.",
        """\
W środę rząd przedstawił nowy projekt ustawy o ochronie środowiska. Według ministra klimatu przepisy mają ograniczyć emisję zanieczyszczeń z elektrowni węglowych o jedną czwartą do końca dekady.

Opozycja zarzuca rządowi, że projekt powstał w pośpiechu i bez konsultacji z samorządami. „Gminy zostaną z kosztami same” – powiedział poseł z sejmowej komisji ochrony środowiska. Przedstawiciele przemysłu również zgłaszają wątpliwości, choć przyznają, że zmiany są nieuniknione.

Pierwsze czytanie projektu odbędzie się w przyszłym tygodniu. Jeżeli Sejm przyjmie ustawę przed wakacjami, nowe zasady wejdą w życie od stycznia przyszłego roku, a Śląsk dostanie dodatkowe pieniądze na źródła odnawialne.
""",
    ),
    "czech": (
        "Ve čtvrtek večer se v Praze sešli zástupci velkých měst, aby projednali řešení dopravních problémů.",
        """\
Ve čtvrtek večer se v Praze sešli zástupci velkých měst, aby projednali řešení dopravních problémů. Podle primátora je hlavním úkolem zrychlit výstavbu obchvatů a posílit veřejnou dopravu.

Starostové menších obcí si stěžují, že na ně stát zapomíná. „Autobus k nám jezdí dvakrát denně a o víkendu vůbec“ – řekla starostka jedné vesnice na Vysočině. Ministerstvo dopravy slíbilo, že příští rok vyčlení na regionální linky víc peněz.

Dohoda by měla být podepsána do konce června. Kritici ale upozorňují, že podobné sliby zazněly už několikrát a skutečné změny přicházejí jen pomalu. Úžasné na tom je, že se na tom shodli všichni.
""",
    ),
    "hungarian": (
        "A kormány szerdán bejelentette, hogy jövőre jelentősen növeli az egészségügyi kiadásokat.",
        """\
A kormány szerdán bejelentette, hogy jövőre jelentősen növeli az egészségügyi kiadásokat. A pénzügyminiszter szerint a többletforrás elsősorban a kórházak felújítására és az ápolók béremelésére jut.

Az ellenzéki pártok üdvözölték a döntést, de kétségbe vonják, hogy a költségvetés valóban fedezi a terveket. „Ígéretekből eddig sem volt hiány” – mondta egy szakszervezeti vezető a parlament előtt tartott tüntetésen.

A részletes javaslatot a jövő héten nyújtják be az Országgyűlésnek. A szakértők szerint a vita hosszú lesz, mert több megyei kórház már most is súlyos adósságokkal küzd.
""",
    ),
    "romanian": (
        "Guvernul a anunţat joi că va majora pensiile începând cu luna următoare.",
        """\
Guvernul a anunţat joi că va majora pensiile începând cu luna următoare. Ministrul muncii a declarat că măsura va costa bugetul aproximativ două miliarde de lei pe an.

Sindicatele au salutat decizia, dar cer şi creşterea salariilor din învăţământ şi sănătate. „Nu putem aştepta încă un an”, a spus liderul unei federaţii sindicale la ieşirea de la întâlnirea cu premierul.

Economiştii avertizează că deficitul bugetar este deja ridicat şi că fără noi surse de venit ţara riscă să depăşească ţintele asumate faţă de Comisia Europeană.
""",
    ),
    "turkish": (
        "Belediye başkanı, şehrin içme suyu sorununu çözmek için yeni bir proje başlatacağını açıkladı.",
        """\
Belediye başkanı, şehrin içme suyu sorununu çözmek için yeni bir proje başlatacağını açıkladı. Projeye göre önümüzdeki iki yıl içinde eski boru hatlarının yarısı değiştirilecek.

Mahalle sakinleri yaz aylarında sık sık yaşanan kesintilerden şikâyetçi. Bir esnaf, “Dükkânımı su olmadığı için haftada iki gün kapatmak zorunda kalıyorum” dedi. Uzmanlar ise kayıp ve kaçak oranının yüzde kırkı aştığını hatırlatıyor.

Çalışmaların maliyeti yaklaşık üç yüz milyon lira olarak hesaplanıyor. Belediye meclisi projeyi gelecek ayki toplantısında oylayacak; İstanbul'daki benzer bir proje ise geçen yıl tamamlanmıştı.
""",
    ),
    "latvian": (
        "Rīgas domes deputāti ceturtdien apsprieda jaunā sabiedriskā transporta plānu.",
        """\
Rīgas domes deputāti ceturtdien apsprieda jaunā sabiedriskā transporta plānu. Tas paredz, ka nākamgad pilsētā kursēs vairāk elektrisko autobusu un tramvaju.

Iedzīvotāji no attālākajām apkaimēm sūdzas, ka līdz centram jābrauc ar divām vai pat trim pārsēšanās reizēm. „Rīta stundās autobuss ir tik pilns, ka tajā nevar iekāpt,” stāstīja kāda skolotāja no Purvciema.

Satiksmes departaments sola, ka jaunie maršruti tiks ieviesti pakāpeniski. Galīgais lēmums gaidāms pēc sabiedriskās apspriešanas, kas ilgs līdz maija beigām, un par to vēl jālemj ģenerālplāna komisijai.
""",
    ),
    "lithuanian": (
        "Vyriausybė ketvirtadienį pritarė naujam švietimo įstatymo projektui, tačiau opozicija jį kritikavo.",
        """\
Vyriausybė ketvirtadienį pritarė naujam švietimo įstatymo projektui, tačiau opozicija jį kritikavo. Pagal projektą mokytojų atlyginimai per dvejus metus turėtų padidėti beveik penktadaliu.

Mokyklų vadovai džiaugiasi papildomu finansavimu, bet nerimauja dėl mokinių skaičiaus mažėjimo kaimo vietovėse. „Kai kuriose klasėse liko vos keli vaikai“, – sakė vienos Žemaitijos gimnazijos direktorius.

Seimas projektą svarstys rudens sesijoje. Švietimo ministrė tikisi, kad įstatymas įsigalios dar prieš naujuosius mokslo metus.
""",
    ),
    "estonian": (
        "Tallinna linnavalitsus otsustas neljapäeval, et ühistransport jääb ka järgmisel aastal linnaelanikele tasuta.",
        """\
Tallinna linnavalitsus otsustas neljapäeval, et ühistransport jääb ka järgmisel aastal linnaelanikele tasuta. Abilinnapea sõnul on bussides ja trammides sõitjate arv viimase viie aasta jooksul kasvanud peaaegu kolmandiku võrra.

Opositsioon leiab, et tasuta sõit ei ole jätkusuutlik ning raha võiks pigem kulutada uute liinide rajamiseks. „Õhtuti ja nädalavahetustel peab Lasnamäelt kesklinna jõudmiseks ootama pool tundi,“ ütles üks volikogu liige.

Linn plaanib järgmisel kevadel osta kakskümmend uut elektribussi ja ehitada Mustamäele uue bussigaraaži. Hanke tulemused selguvad eeldatavasti juuni lõpuks, kuid bussijuhtide nappus võib liinide laiendamist pidurdada.
""",
    ),
    "russian": (
        "В четверг правительство представило новый законопроект о реформе системы здравоохранения.",
        """\
В четверг правительство представило новый законопроект о реформе системы здравоохранения. По словам министра, главная цель реформы — сократить очереди в поликлиниках и повысить зарплаты врачам в небольших городах.

Депутаты от оппозиции раскритиковали документ, заявив, что на его обсуждение отвели слишком мало времени. «Мы получили текст законопроекта всего за два дня до заседания», — сказал один из членов комитета по охране здоровья.

Первое чтение назначено на следующую среду. Если законопроект будет принят, новые правила вступят в силу уже с первого января, а регионы получат ещё и дополнительные деньги из федерального бюджета.
""",
    ),
    "ukrainian": (
        "У п'ятницю міська рада ухвалила рішення про ремонт мостів через Дніпро.",
        """\
У п'ятницю міська рада ухвалила рішення про ремонт мостів через Дніпро. Роботи мають розпочатися навесні, а ґрунтовний ремонт триватиме щонайменше два роки.

Мешканці лівого берега побоюються, що під час ремонту дорога до центру займатиме значно більше часу. «Уже зараз я їду на роботу понад годину», — розповіла вчителька з Дарниці. У мерії обіцяють запустити додаткові автобуси та збільшити кількість поїздів метро.

Вартість робіт оцінюють у півтора мільярда гривень. Частину коштів місто сподівається отримати від міжнародних фінансових організацій, з якими вже ведуться переговори.
""",
    ),
    "bulgarian": (
        "Министерството на образованието обяви, че учебната година ще започне на петнадесети септември.",
        """\
Министерството на образованието обяви, че учебната година ще започне на петнадесети септември. Според министъра всички училища ще получат средства за ремонт на класните стаи още през лятото.

Родителите са притеснени от недостига на учители по математика и физика в малките населени места. „В нашето село децата от три години нямат постоянен учител по химия“, каза майка на ученик от Родопите.

Синдикатите настояват за по-високи заплати и по-малко административна работа. Преговорите с правителството ще продължат през следващата седмица.
""",
    ),
    "greek": (
        "Η κυβέρνηση ανακοίνωσε την Πέμπτη νέα μέτρα για τη στήριξη των μικρών επιχειρήσεων.",
        """\
Η κυβέρνηση ανακοίνωσε την Πέμπτη νέα μέτρα για τη στήριξη των μικρών επιχειρήσεων. Σύμφωνα με τον υπουργό Οικονομικών, τα μέτρα περιλαμβάνουν φθηνότερα δάνεια και μείωση των ασφαλιστικών εισφορών.

Οι επαγγελματίες της Αθήνας υποδέχθηκαν τις ανακοινώσεις με επιφύλαξη. «Έχουμε ακούσει πολλές υποσχέσεις τα τελευταία χρόνια», δήλωσε ιδιοκτήτρια καφενείου στο Παγκράτι. Άλλοι ζήτησαν να μειωθεί και ο φόρος στο ρεύμα.

Το νομοσχέδιο αναμένεται να κατατεθεί στη Βουλή στο τέλος του μήνα. Οι πρώτες πληρωμές θα γίνουν, σύμφωνα με το υπουργείο, μέσα στο φθινόπωρο.
""",
    ),
    "hebrew": (
        "הממשלה אישרה ביום חמישי את התקציב החדש לשנה הבאה.",
        """\
הממשלה אישרה ביום חמישי את התקציב החדש לשנה הבאה. לדברי שר האוצר, התקציב כולל השקעה גדולה בתחבורה ציבורית ובבניית דירות להשכרה.

ראשי הערים בפריפריה טוענים כי הכסף אינו מגיע אליהם. "אנחנו מחכים לכביש החדש כבר עשר שנים", אמר ראש מועצה בצפון. באופוזיציה הודיעו כי יצביעו נגד התקציב בכנסת.

ההצבעה הראשונה צפויה בשבוע הבא, והממשלה מקווה להשלים את החקיקה עד סוף החודש.
""",
    ),
    "arabic": (
        "أعلنت الحكومة يوم الخميس عن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة.",
        """\
أعلنت الحكومة يوم الخميس عن خطة جديدة لدعم المشاريع الصغيرة والمتوسطة. وقال وزير الاقتصاد إن الخطة تشمل قروضا ميسرة وتخفيضات ضريبية للشركات الناشئة.

ورحب أصحاب المحلات في وسط المدينة بالقرار، لكنهم طالبوا بتسريع الإجراءات. وقال صاحب مخبز: "ننتظر هذا الدعم منذ سنوات، ونأمل ألا يضيع في الأوراق الرسمية".

ومن المتوقع أن يناقش البرلمان الخطة الأسبوع المقبل، على أن يبدأ تنفيذها مطلع العام القادم.
""",
    ),
    "japanese": (
        "東京都は木曜日、新しい防災計画を発表しました。",
        """\
東京都は木曜日、大地震に備えた新しい防災計画を発表しました。計画では、避難所の数を増やし、高齢者や障害のある人への支援を強化するとしています。

都内の住民からは歓迎の声が上がる一方、実際に機能するのか疑問視する意見もあります。練馬区に住む女性は「前回の訓練では、どこに逃げればよいのか誰も分かりませんでした」と話しました。

都は来年度の予算に関連費用を盛り込み、三年以内に主な対策を終える方針です。
""",
    ),
    "chinese-simplified": (
        "市政府星期四宣布了一项新的城市交通改善计划。",
        """\
市政府星期四宣布了一项新的城市交通改善计划。根据这项计划，未来三年内将新建两条地铁线路，并增加公交车的班次。

许多市民对此表示欢迎，但也有人担心施工会带来更严重的堵车问题。一位在市中心工作的职员说：“我每天上下班要花将近两个小时，希望情况能尽快好转。”

交通部门表示，将在施工期间调整部分道路的通行方案，并通过手机应用及时发布路况信息。
""",
    ),
    "chinese-traditional": (
        "市政府星期四宣佈了一項新的城市交通改善計劃。",
        """\
市政府星期四宣佈了一項新的城市交通改善計劃。根據這項計劃，未來三年內將新建兩條捷運路線，並增加公車的班次。

許多市民對此表示歡迎，但也有人擔心施工會帶來更嚴重的塞車問題。一位在市中心工作的職員說：「我每天上下班要花將近兩個小時，希望情況能盡快好轉。」

交通部門表示，將在施工期間調整部分道路的通行方案，並透過手機應用程式即時發布路況資訊。
""",
    ),
    "korean": (
        "서울시는 목요일에 새로운 대중교통 계획을 발표했습니다.",
        """\
서울시는 목요일에 새로운 대중교통 계획을 발표했습니다. 이 계획에 따르면 앞으로 삼 년 동안 지하철 노선 두 개가 새로 만들어지고 버스 운행 횟수도 늘어납니다.

많은 시민들은 이 소식을 반겼지만, 공사 기간 동안 교통 체증이 더 심해질 것이라는 걱정도 나왔습니다. 강남에서 일하는 한 회사원은 "출퇴근에만 매일 두 시간 가까이 걸린다"며 빨리 개선되기를 바란다고 말했습니다.

시는 공사 기간 중 일부 도로의 통행 방식을 조정하고, 스마트폰 앱을 통해 실시간 교통 정보를 제공할 계획입니다.
""",
    ),
    "french": (
        "Vendredi, le maire a salué « une belle réussite » lors de la remise des diplômes à l’école Jean-Jaurès.",
        """\
Vendredi, le maire a salué « une belle réussite » lors de la remise des diplômes à l’école Jean-Jaurès. Cette année, quatre-vingt-douze élèves ont obtenu leur baccalauréat, un résultat supérieur à la moyenne départementale.

Les enseignants rappellent toutefois que l’établissement manque de moyens. « Nous avons dû réduire les sorties scolaires et les ateliers de théâtre », regrette une professeure de français. Le conseil régional a promis une rénovation des salles de sciences d’ici à la rentrée.

Les familles, elles, s’inquiètent surtout du trajet : le bus qui dessert le quartier ne passe plus qu’une fois par heure après dix-neuf heures.
""",
    ),
    "german": (
        "Der Stadtrat hat am Donnerstag beschlossen, die Straßenbahn bis zum neuen Wohngebiet im Süden zu verlängern.",
        """\
Der Stadtrat hat am Donnerstag beschlossen, die Straßenbahn bis zum neuen Wohngebiet im Süden zu verlängern. Die Bauarbeiten sollen im Frühjahr beginnen und rund zwei Jahre dauern.

Anwohner der Hauptstraße befürchten Lärm und Umleitungen. „Wir haben schon jetzt kaum Parkplätze“, sagte eine Ladenbesitzerin, die seit über zwanzig Jahren ein Geschäft für Bürobedarf führt. Die Verwaltung verspricht, die Zufahrt zu allen Geschäften offen zu halten.

Die Kosten werden auf knapp achtzig Millionen Euro geschätzt; einen Großteil übernehmen Bund und Land. Über die Gestaltung der Haltestellen sollen die Bürgerinnen und Bürger im Herbst mitentscheiden.
""",
    ),
    "spanish": (
        "El ayuntamiento aprobó el jueves un plan para ampliar la red de carriles bici, según informó la alcaldesa.",
        """\
El ayuntamiento aprobó el jueves un plan para ampliar la red de carriles bici, según informó la alcaldesa. La primera fase incluirá doce kilómetros nuevos en los barrios del norte y estará terminada antes del próximo otoño.

Los comerciantes del centro no están convencidos. «¿Dónde van a aparcar nuestros clientes?», preguntó el dueño de una panadería de la calle Mayor. La asociación de vecinos, en cambio, celebró la decisión y pidió que se añadan más árboles a lo largo de las avenidas.

El presupuesto total asciende a casi nueve millones de euros, de los que la mitad procederá de fondos europeos. ¡Por fin!, resumió una ciclista en las redes sociales.
""",
    ),
    "portuguese": (
        "A câmara municipal aprovou na quinta-feira um novo plano de habitação para os próximos anos.",
        """\
A câmara municipal aprovou na quinta-feira um novo plano de habitação para os próximos anos. O programa prevê a construção de mil e duzentas casas com rendas acessíveis, sobretudo para jovens famílias.

Os moradores dos bairros mais antigos pedem que a reabilitação dos edifícios degradados não seja esquecida. «Há prédios aqui que não são pintados há trinta anos», disse uma comerciante da Baixa. A oposição considera que as metas são pouco ambiciosas e que os prazos não serão cumpridos.

As primeiras obras deverão começar no outono, depois de concluídos os concursos públicos, e a autarquia promete publicar um relatório de execução a cada seis meses.
""",
    ),
    "english": (
        "“It’s the best café in town,” she said — and the queue outside agreed.",
        """\
The council voted on Thursday to extend the tram line to the new housing estate in the south. Work is expected to start in the spring and to take about two years.

Shopkeepers on the high street worry about noise and diversions. “We already struggle to get deliveries in,” said the owner of a small café that has been there for twenty years. The council says access to every shop will be kept open — even during the busiest phase of the works.

The project is costed at just under £80 million, most of it from national funds. Residents will be asked in the autumn how the new stops should look.
""",
    ),
}

_PLAIN = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"', "’": "'", "–": "-", "—": "-"})


def plain(text: str) -> str:
    """``text`` with the typographic punctuation that ISO 8859 and KOI8 code pages lack."""
    return text.translate(_PLAIN)


def to_comma_below(text: str) -> str:
    """Romanian with the correct comma-below letters, as ISO 8859-16 has them (cp1250 has only cedillas)."""
    return text.translate(str.maketrans("şţŞŢ", "șțȘȚ"))


# (codec, language, how the text is adapted to what the code page can hold)
CODE_PAGES: list[tuple[str, str, str]] = [
    ("cp1250", "polish", ""),
    ("iso8859-2", "polish", "plain"),
    ("cp1250", "czech", ""),
    ("iso8859-2", "czech", "plain"),
    ("cp1250", "hungarian", ""),
    ("iso8859-2", "hungarian", "plain"),
    ("cp1250", "romanian", ""),
    ("iso8859-16", "romanian", "comma-below"),
    ("cp1254", "turkish", ""),
    ("iso8859-9", "turkish", "plain"),
    ("cp1257", "latvian", ""),
    ("iso8859-13", "latvian", ""),
    ("cp1257", "lithuanian", ""),
    ("iso8859-13", "lithuanian", "plain"),
    ("cp1257", "estonian", ""),
    ("iso8859-15", "estonian", "plain"),
    ("cp1251", "russian", ""),
    ("koi8-r", "russian", "plain"),
    ("iso8859-5", "russian", "plain"),
    ("cp1251", "ukrainian", ""),
    ("koi8-u", "ukrainian", "plain"),
    ("cp1251", "bulgarian", ""),
    ("cp1253", "greek", ""),
    ("iso8859-7", "greek", "plain"),
    ("cp1255", "hebrew", ""),
    ("iso8859-8", "hebrew", ""),
    ("cp1256", "arabic", ""),
    ("iso8859-6", "arabic", ""),
    ("shift_jis", "japanese", ""),
    ("euc-jp", "japanese", ""),
    ("gb2312", "chinese-simplified", ""),
    ("gbk", "chinese-simplified", ""),
    ("big5", "chinese-traditional", ""),
    ("euc-kr", "korean", ""),
    ("cp949", "korean", ""),
    ("cp1252", "french", ""),
    ("iso8859-15", "french", "plain"),
    ("cp1252", "german", ""),
    ("latin-1", "german", "plain"),
    ("cp1252", "spanish", ""),
    ("latin-1", "spanish", ""),
    ("cp1252", "portuguese", ""),
    ("cp1252", "english", ""),
]

_ADAPT = {"": lambda text: text, "plain": plain, "comma-below": to_comma_below}


def sample(codec: str, language: str, adapt: str, length: str) -> str:
    short, long = TEXTS[language]
    return _ADAPT[adapt](short if length == "short" else long)
