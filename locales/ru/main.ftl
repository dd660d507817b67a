# Строки интерфейса, русский. Идентификаторы общие для всех языков.

language-name = Русский
language-uk = украинский
language-ru = русский
language-sr = сербский (кириллица)
language-sr-Latn = сербский (латиница)
language-en = английский

skip-to-content = Перейти к содержанию
nav-home = Главная
nav-areas = Направления
nav-kinds = По типу материалов
nav-languages = Языки
nav-breadcrumbs = Вы здесь

home-intro = Как удерживать клиентов, возвращать ушедших и вовремя расставаться с неподходящими: принципы, чек-листы для печати, сценарии действий, кейсы и учебные модули.
home-open-area = Все материалы направления
index-empty = Здесь пока ничего нет.

area-retention = Удержание
area-recovery = Возврат
area-dismissal = Расставание
area-retention-intro = Как сохранить клиентов, которые у вас уже есть: повседневные привычки, благодаря которым клиенты остаются, и ошибки, из-за которых они гарантированно уходят.
area-recovery-intro = Как вернуть ушедших клиентов: выяснить причину, снова выйти на связь и исправить ситуацию.
area-dismissal-intro = Как отпустить «не своего» клиента: распознать того, кто обходится дороже, чем приносит, принять решение и расстаться профессионально.

kind-principle = Принцип
kind-checklist = Чек-лист
kind-playbook = Сценарий действий
kind-scenario = Кейс
kind-module = Учебный модуль
kind-source = Источник
kinds-principle = Принципы
kinds-checklist = Чек-листы
kinds-playbook = Сценарии действий
kinds-scenario = Кейсы
kinds-module = Обучение
kinds-source = Источники

relation-related = см. также
relation-contrasts = противоречит
relation-source = источник
relation-principle = опирается на принцип
relation-playbook = использует сценарий
relation-material = обучает
relation-scenario = разбирает кейс
relation-mention = упоминает

fallback-notice = Эта страница ещё не переведена; ниже текст на языке: { $name }.

action-print = Распечатать бланк
items-heading = { $n ->
    [one] { $n } пункт
    [few] { $n } пункта
   *[many] { $n } пунктов
}
steps-heading = { $n ->
    [one] { $n } шаг
    [few] { $n } шага
   *[many] { $n } шагов
}
item-why = Почему:

relations-label = Связанные материалы
relations-related = См. также
relations-contrasts = Другой взгляд
relations-sources = Откуда это
relations-backlinks = { $n ->
    [one] Ссылается { $n } материал
    [few] Ссылаются { $n } материала
   *[many] Ссылаются { $n } материалов
}

scenario-questions = Вопросы для обсуждения
scenario-handling = Как стоит действовать
scenario-teaches = Чему учит этот кейс

module-objectives = Учебные цели
module-material = Материалы по порядку
module-scenarios = Кейсы
module-minutes = { $n ->
    [one] Рекомендуемая продолжительность: { $n } минута
    [few] Рекомендуемая продолжительность: { $n } минуты
   *[many] Рекомендуемая продолжительность: { $n } минут
}

source-about = О статье
source-published-title = Название оригинала
source-author = Автор
source-origin = Где опубликовано
source-language = Язык
source-seed = Файл источника
source-takes = Что справочник взял из этой статьи
source-carried-by = Где это в справочнике:

view-print = Версия для печати
view-quiz = Тест для самопроверки
view-handout = Раздаточный материал
view-facilitator = Пособие ведущего

quiz-intro = { $n ->
    [one] { $n } вопрос. Выберите ответ, проверьте его и прочитайте пояснение.
    [few] { $n } вопроса. Выберите ответ, проверьте его и прочитайте пояснение.
   *[many] { $n } вопросов. Выберите ответ, проверьте его и прочитайте пояснение.
}
quiz-start = { $n ->
    [one] Пройти тест ({ $n } вопрос)
    [few] Пройти тест ({ $n } вопроса)
   *[many] Пройти тест ({ $n } вопросов)
}
quiz-question-of = Вопрос { $n } из { $total }.
quiz-mode-one = По одному вопросу
quiz-mode-all = Все вопросы сразу
quiz-check = Проверить
quiz-next = Следующий вопрос
quiz-right = Верно.
quiz-wrong = Не совсем.
quiz-choose = Сначала выберите ответ.
quiz-result = Ваш результат
quiz-score = Верно { $n } из { $total }
quiz-restart = Пройти ещё раз

facilitator-notes = Заметки для ведущего
facilitator-discussion = Заметки к обсуждению
facilitator-answer-key = Ключ ответов
facilitator-correct = Верно.
facilitator-wrong = Неверно.

handout-key-points = Главное

print-client = Клиент
print-date = Дата
print-owner = Ответственный
print-source = Источник:
print-tip = Печать — Ctrl+P: каждый бланк на отдельном листе A4.
booklet-title = Чек-листы для печати
booklet-contents = Содержание
booklet-count = { $n ->
    [one] { $n } бланк
    [few] { $n } бланка
   *[many] { $n } бланков
}

search-title = Поиск
search-label = Поиск по справочнику
search-placeholder = Поиск…
search-hint = Введите слово или его начало.
search-none = Ничего не найдено.
search-needs-js = Для поиска нужен JavaScript. Воспользуйтесь списком направлений или типов материалов.
search-count = { $n ->
    [one] Найден { $n } материал
    [few] Найдено { $n } материала
   *[many] Найдено { $n } материалов
}
search-all = Все результаты
search-more = Показать ещё
search-error = Не удалось загрузить поисковый индекс.

not-found = Страница не найдена. На главную
