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

home-intro = Како задржати клијенте, вратити оне који су отишли и на време се растати са онима који вам не одговарају: принципи, контролне листе за штампу, планови поступања, случајеви из праксе и обука.
home-open-area = Сви материјали из ове области
index-empty = Овде још нема ничега.

area-retention = Задржавање
area-recovery = Враћање
area-dismissal = Растанак
area-retention-intro = Како сачувати клијенте које већ имате: свакодневне навике због којих клијенти остају и грешке због којих сигурно одлазе.
area-recovery-intro = Како вратити клијенте који су отишли: утврдити разлог, поново успоставити контакт и исправити пропуст.
area-dismissal-intro = Како пустити погрешног клијента: препознати онога ко кошта више него што доноси, донети одлуку и растати се професионално.

kind-principle = Принцип
kind-checklist = Контролна листа
kind-playbook = План поступања
kind-scenario = Случај
kind-module = Модул обуке
kind-source = Извор
kinds-principle = Принципи
kinds-checklist = Контролне листе
kinds-playbook = Планови поступања
kinds-scenario = Случајеви
kinds-module = Обука
kinds-source = Извори

relation-related = види још
relation-contrasts = у супротности са
relation-source = извор
relation-principle = примењује принцип
relation-playbook = користи план
relation-material = обрађује
relation-scenario = разматра случај
relation-mention = помиње

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
relations-contrasts = Другачији поглед
relations-sources = Одакле ово потиче
relations-backlinks = { $n ->
    [one] Позива се { $n } материјал
    [few] Позивају се { $n } материјала
   *[other] Позива се { $n } материјала
}

scenario-questions = Питања за дискусију
scenario-handling = Препоручени приступ
scenario-teaches = Шта овај случај учи

module-objectives = Циљеви обуке
module-material = Материјали редом
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
source-carried-by = Где се налази у приручнику:

view-print = Верзија за штампу
view-quiz = Тест за самопроверу
view-handout = Материјал за полазнике
view-facilitator = Водич за предаваче

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

facilitator-notes = Напомене за предавача
facilitator-discussion = Напомене за дискусију
facilitator-answer-key = Кључ одговора
facilitator-correct = Тачно.
facilitator-wrong = Нетачно.

handout-key-points = Најважније

print-client = Клијент
print-date = Датум
print-owner = Одговорна особа
print-source = Извор:
print-tip = Штампа: Ctrl+P, сваки образац на засебном листу A4.
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

not-found = Страница није пронађена. На почетну
