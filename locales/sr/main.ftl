# Текстови интерфејса, српски (ћирилица). Латиница се добија пресловљавањем.

language-name = Српски
language-uk = украјински
language-ru = руски
language-sr = српски (ћирилица)
language-sr-Latn = српски (латиница)
language-en = енглески

skip-to-content = Пређи на садржај
nav-home = Почетна
nav-areas = Области
nav-kinds = По врсти материјала
nav-languages = Језици
nav-breadcrumbs = Налазите се овде

home-intro = Смернице за задржавање клијената, враћање оних који су отишли и растанак с онима који вам не одговарају: начела, контролне листе за штампу, планови поступања, случајеви из праксе и обука.
home-open-area = Сви материјали из ове области
index-empty = Овде још нема ничега.

area-retention = Задржавање
area-recovery = Враћање
area-dismissal = Растанак
area-retention-intro = Како сачувати клијенте које већ имате: свакодневне навике због којих клијенти остају и грешке због којих сигурно одлазе.
area-recovery-intro = Како вратити клијенте који су отишли: утврдити разлог, поново успоставити контакт и исправити пропуст.
area-dismissal-intro = Растанак с клијентима који вам не одговарају: како препознати клијента који кошта више него што доноси, донети одлуку и растати се професионално.

kind-principle = Начело
kind-checklist = Контролна листа
kind-playbook = План поступања
kind-scenario = Случај
kind-module = Модул обуке
kind-source = Извор
kinds-principle = Начела
kinds-checklist = Контролне листе
kinds-playbook = Планови поступања
kinds-scenario = Случајеви
kinds-module = Модули обуке
kinds-source = Извори

relation-related = види још
relation-contrasts = у напетости с овим
relation-source = ослања се на овај извор
relation-principle = примењује ово начело
relation-playbook = користи овај план поступања
relation-material = обрађује овај материјал
relation-scenario = разматра овај случај
relation-mention = помиње овај материјал

fallback-notice = Ова страница још није преведена; текст испод је на језику: { $name }.

action-print = Одштампај образац
items-heading = { $n ->
    [one] { $n } ставка
    [few] { $n } ставке
   *[other] { $n } ставки
}
steps-heading = { $n ->
    [one] { $n } корак
    [few] { $n } корака
   *[other] { $n } корака
}
item-why = Зашто:

relations-label = Повезани материјали
relations-related = Види још
relations-contrasts = Противтежа
relations-sources = Одакле ово потиче
relations-backlinks = { $n ->
    [one] На ово се позива { $n } материјал
    [few] На ово се позивају { $n } материјала
   *[other] На ово се позива { $n } материјала
}

scenario-questions = Питања за дискусију
scenario-handling = Препоручени приступ
scenario-teaches = Шта овај случај учи

module-objectives = Циљеви обуке
module-material = Материјал по редоследу обраде
module-scenarios = Случајеви
module-minutes = { $n ->
    [one] Препоручено трајање: { $n } минут
    [few] Препоручено трајање: { $n } минута
   *[other] Препоручено трајање: { $n } минута
}

source-about = О чланку
source-published-title = Изворни наслов
source-author = Аутор
source-origin = Објављено
source-language = Језик
source-seed = Датотека извора
source-takes = Шта је приручник преузео из овог чланка
source-carried-by = Обрађено у:

view-print = Верзија за штампу
view-quiz = Тест за самопроверу
view-handout = Материјал за учеснике
view-facilitator = Упутство за водитеља обуке

quiz-intro = { $n ->
    [one] { $n } питање. Изаберите одговор, проверите га и прочитајте објашњење.
    [few] { $n } питања. Изаберите одговор, проверите га и прочитајте објашњење.
   *[other] { $n } питања. Изаберите одговор, проверите га и прочитајте објашњење.
}
quiz-start = { $n ->
    [one] Урадите тест ({ $n } питање)
    [few] Урадите тест ({ $n } питања)
   *[other] Урадите тест ({ $n } питања)
}
quiz-question-of = Питање { $n } од { $total }.
quiz-mode-one = Једно по једно питање
quiz-mode-all = Сва питања одједном
quiz-check = Провери
quiz-next = Следеће питање
quiz-right = Тачно.
quiz-wrong = Није баш тако.
quiz-choose = Прво изаберите одговор.
quiz-result = Ваш резултат
quiz-score = Тачно { $n } од { $total }
quiz-restart = Почни поново
quiz-needs-js = За проверу одговора и резултат потребан је JavaScript, а у овом прегледачу је искључен. Сва питања су испод.

facilitator-notes = Напомене за водитеља обуке
facilitator-discussion = Напомене за дискусију
facilitator-answer-key = Кључ одговора
facilitator-correct = Тачно.
facilitator-wrong = Нетачно.

handout-key-points = Најважније

print-client = Клијент
print-date = Датум
print-owner = Одговорна особа
print-source = { $n ->
    [one] Извор:
    [few] Извори:
   *[other] Извори:
}
print-tip = Штампање: Ctrl+P; сваки образац на посебном листу формата А4.
booklet-title = Контролне листе за штампу
booklet-contents = Садржај
booklet-count = { $n ->
    [one] { $n } образац
    [few] { $n } обрасца
   *[other] { $n } образаца
}

search-title = Претрага
search-label = Претрага приручника
search-placeholder = Претрага…
search-hint = Унесите реч или њен почетак.
search-none = Нема резултата.
search-needs-js = За претрагу је потребан JavaScript. Користите списак области или врста материјала.
search-count = { $n ->
    [one] Пронађен { $n } материјал
    [few] Пронађена { $n } материјала
   *[other] Пронађено { $n } материјала
}
search-all = Сви резултати
search-more = Још резултата
search-error = Није могуће учитати индекс претраге.

not-found = Страница није пронађена. Идите на почетну страницу

map-label = Мапа веза
map-more = { $n ->
    [one] још { $n }
    [few] још { $n }
   *[other] још { $n }
}
map-legend = Пуне линије су везе између материјала; црвене испрекидане означавају савете који су у међусобној напетости; тачкасте су помињања у тексту.

status-title = Стање превода
status-intro = За уреднике: колико су преводи на сваки језик потпуни, по врсти материјала, у поређењу са референтним језиком ({ $name }). Исти извештај у терминалу: `handbook coverage`.
status-kind = Врста
status-locale = Језик
status-state = Стање
status-entry = Материјал
status-what = Шта се променило или недостаје
status-derived = изведено
status-done = Све је преведено и ажурно.
status-stale = { $n ->
    [one] { $n } застарео
    [few] { $n } застарела
   *[other] { $n } застарелих
}
status-unmarked = { $n ->
    [one] { $n } неозначен
    [few] { $n } неозначена
   *[other] { $n } неозначених
}
status-missing = { $n ->
    [one] недостаје { $n }
    [few] недостају { $n }
   *[other] недостаје { $n }
}
status-todo = { $n ->
    [one] { $n } задатак
    [few] { $n } задатка
   *[other] { $n } задатака
}

source-untitled = без наслова
quiz-letters = А Б В Г Д Ђ Е Ж
