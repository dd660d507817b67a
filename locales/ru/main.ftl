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

area-retention = Удержание клиентов
area-recovery = Возврат клиентов
area-dismissal = Расставание с клиентами
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
relation-contrasts = в противовес
relation-source = источник
relation-principle = опирается на принцип
relation-playbook = использует сценарий
relation-material = включает в программу
relation-scenario = использует кейс
relation-mention = упоминает

fallback-notice = Эта страница пока не переведена. Язык текста ниже: { $name }.

action-print = Распечатать бланк
items-heading = { $n ->
    [one] { $n } пункт
    [few] { $n } пункта
    [many] { $n } пунктов
   *[other] { $n } пункта
}
steps-heading = { $n ->
    [one] { $n } шаг
    [few] { $n } шага
    [many] { $n } шагов
   *[other] { $n } шага
}
item-why = Обоснование:

relations-label = Связанные материалы
relations-related = См. также
relations-contrasts = С другой стороны
relations-sources = На чём основано
relations-backlinks = { $n ->
    [one] На эту страницу ссылается { $n } материал
    [few] На эту страницу ссылаются { $n } материала
    [many] На эту страницу ссылаются { $n } материалов
   *[other] На эту страницу ссылаются { $n } материала
}

scenario-questions = Вопросы для обсуждения
scenario-handling = Рекомендуемые действия
scenario-teaches = Чему учит этот кейс

module-objectives = Учебные цели
module-material = Материалы по порядку
module-scenarios = Кейсы
module-minutes = { $n ->
    [one] Рекомендуемая продолжительность: { $n } минута
    [few] Рекомендуемая продолжительность: { $n } минуты
    [many] Рекомендуемая продолжительность: { $n } минут
   *[other] Рекомендуемая продолжительность: { $n } минуты
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
view-facilitator = Руководство для ведущего

quiz-intro = { $n ->
    [one] { $n } вопрос. Выберите ответ, проверьте его и прочитайте пояснение.
    [few] { $n } вопроса. Выберите ответ, проверьте его и прочитайте пояснение.
    [many] { $n } вопросов. Выберите ответ, проверьте его и прочитайте пояснение.
   *[other] { $n } вопроса. Выберите ответ, проверьте его и прочитайте пояснение.
}
quiz-start = { $n ->
    [one] Пройти тест ({ $n } вопрос)
    [few] Пройти тест ({ $n } вопроса)
    [many] Пройти тест ({ $n } вопросов)
   *[other] Пройти тест ({ $n } вопроса)
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
quiz-score = Правильных ответов: { $n } из { $total }
quiz-restart = Пройти ещё раз
quiz-needs-js = Чтобы проверять ответы и увидеть результат, нужен JavaScript, а в этом браузере он выключен. Все вопросы — ниже.

facilitator-notes = Заметки для ведущего
facilitator-discussion = Заметки к обсуждению
facilitator-answer-key = Ключ к тесту
facilitator-correct = Верно.
facilitator-wrong = Неверно.

handout-key-points = Главное

print-client = Клиент
print-date = Дата
print-owner = Ответственный
print-source = { $n ->
    [one] Источник:
    [few] Источники:
   *[many] Источники:
}
print-tip = Печать — Ctrl+P: каждый бланк на отдельном листе A4.
booklet-title = Чек-листы для печати
booklet-contents = Содержание
booklet-count = { $n ->
    [one] { $n } бланк
    [few] { $n } бланка
    [many] { $n } бланков
   *[other] { $n } бланка
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

not-found = Страница не найдена. Перейти на главную

map-label = Карта связей
map-more = { $n ->
    [one] и ещё { $n }
    [few] и ещё { $n }
    [many] и ещё { $n }
   *[other] и ещё { $n }
}
map-legend = Сплошные линии — связи между материалами; красные штриховые — советы, которые тянут в разные стороны; точечные — упоминания в тексте.

status-title = Состояние переводов
status-intro = Для редакторов: насколько полон каждый язык по типам материалов по сравнению с эталонным языком ({ $name }). Тот же отчёт в терминале: `handbook coverage`.
status-kind = Тип
status-locale = Язык
status-state = Состояние
status-entry = Материал
status-what = Что изменилось или отсутствует
status-derived = формируется автоматически
status-done = Делать ничего не нужно: все переводы актуальны.
status-stale = { $n ->
    [one] { $n } устаревший
    [few] { $n } устаревших
    [many] { $n } устаревших
   *[other] { $n } устаревшего
}
status-unmarked = { $n ->
    [one] { $n } без отметки
    [few] { $n } без отметки
    [many] { $n } без отметки
   *[other] { $n } без отметки
}
status-missing = { $n ->
    [one] { $n } без перевода
    [few] { $n } без перевода
    [many] { $n } без перевода
   *[other] { $n } без перевода
}
status-todo = { $n ->
    [one] { $n } задача
    [few] { $n } задачи
    [many] { $n } задач
   *[other] { $n } задачи
}

source-untitled = без названия
quiz-letters = А Б В Г Д Е Ж З
