# Рядки інтерфейсу, українська. Ідентифікатори повідомлень спільні для всіх мов.
# Множина за CLDR: one (1, 21, 31…), few (2–4, 22–24…), many (0, 5–20, 25…), other (дробові числа).

language-name = Українська
language-uk = українська
language-ru = російська
language-sr = сербська (кирилиця)
language-sr-Latn = сербська (латиниця)
language-en = англійська

skip-to-content = Перейти до основного вмісту
nav-home = Головна
nav-areas = Напрями
nav-kinds = За типом матеріалів
nav-languages = Мови
nav-breadcrumbs = Ви тут

home-intro = Як утримувати клієнтів, повертати тих, хто пішов, і розлучатися з тими, хто вам не підходить: принципи, чек-листи для друку, покрокові плани, кейси й навчальні модулі.
home-open-area = Усі матеріали напряму
index-empty = Тут поки нічого немає.

area-retention = Утримання
area-recovery = Повернення
area-dismissal = Розставання
area-retention-intro = Як зберегти клієнтів, які вже є: щоденні звички, завдяки яким клієнти залишаються, і помилки, через які вони гарантовано йдуть.
area-recovery-intro = Як повернути клієнтів, які пішли: зʼясувати причину, знову вийти на звʼязок і виправити ситуацію.
area-dismissal-intro = Як відмовитися від клієнта, який вам не підходить: розпізнати того, хто коштує більше, ніж приносить, ухвалити рішення й професійно розійтися.

kind-principle = Принцип
kind-checklist = Чек-лист
kind-playbook = Покроковий план
kind-scenario = Кейс
kind-module = Навчальний модуль
kind-source = Джерело
kinds-principle = Принципи
kinds-checklist = Чек-листи
kinds-playbook = Покрокові плани
kinds-scenario = Кейси
kinds-module = Навчальні модулі
kinds-source = Джерела

relation-related = див. також
relation-contrasts = протиставляється
relation-source = спирається на це джерело
relation-principle = застосовує принцип
relation-playbook = використовує покроковий план
relation-material = охоплює
relation-scenario = розбирає кейс
relation-mention = згадує

fallback-notice = Цю сторінку ще не перекладено українською; нижче подано текст іншою мовою ({ $name }).

action-print = Надрукувати бланк
items-heading = { $n ->
    [one] { $n } пункт
    [few] { $n } пункти
    [many] { $n } пунктів
   *[other] { $n } пункту
}
steps-heading = { $n ->
    [one] { $n } крок
    [few] { $n } кроки
    [many] { $n } кроків
   *[other] { $n } кроку
}
item-why = Чому:

relations-label = Повʼязані матеріали
relations-related = Див. також
relations-contrasts = З іншого боку
relations-sources = Звідки це взято
relations-backlinks = { $n ->
    [one] На цю сторінку посилається { $n } матеріал
    [few] На цю сторінку посилаються { $n } матеріали
    [many] На цю сторінку посилаються { $n } матеріалів
   *[other] На цю сторінку посилаються { $n } матеріалу
}

scenario-questions = Запитання для обговорення
scenario-handling = Як варто діяти
scenario-teaches = Чого вчить цей кейс

module-objectives = Навчальні цілі
module-material = Матеріали в порядку вивчення
module-scenarios = Кейси
module-minutes = { $n ->
    [one] Рекомендована тривалість: { $n } хвилина
    [few] Рекомендована тривалість: { $n } хвилини
    [many] Рекомендована тривалість: { $n } хвилин
   *[other] Рекомендована тривалість: { $n } хвилини
}

source-about = Про статтю
source-published-title = Назва в оригіналі
source-author = Автор
source-origin = Де опубліковано
source-language = Мова
source-seed = Файл джерела
source-takes = Що довідник узяв із цієї статті
source-carried-by = Де це в довіднику:

view-print = Версія для друку
view-quiz = Тест для самоперевірки
view-handout = Роздатковий матеріал
view-facilitator = Посібник ведучого

quiz-intro = { $n ->
    [one] { $n } запитання. Оберіть відповідь, перевірте її й прочитайте пояснення.
    [few] { $n } запитання. Оберіть відповідь, перевірте її й прочитайте пояснення.
    [many] { $n } запитань. Оберіть відповідь, перевірте її й прочитайте пояснення.
   *[other] { $n } запитання. Оберіть відповідь, перевірте її й прочитайте пояснення.
}
quiz-start = { $n ->
    [one] Пройти тест ({ $n } запитання)
    [few] Пройти тест ({ $n } запитання)
    [many] Пройти тест ({ $n } запитань)
   *[other] Пройти тест ({ $n } запитання)
}
quiz-question-of = Запитання { $n } з { $total }.
quiz-mode-one = По одному запитанню
quiz-mode-all = Усі запитання одразу
quiz-check = Перевірити
quiz-next = Наступне запитання
quiz-right = Правильно.
quiz-wrong = Не зовсім.
quiz-choose = Спершу оберіть відповідь.
quiz-result = Ваш результат
quiz-score = Правильних відповідей: { $n } з { $total }
quiz-restart = Пройти ще раз
quiz-needs-js = Щоб перевіряти відповіді й побачити результат, потрібен JavaScript, а в цьому браузері його вимкнено. Усі запитання — нижче.

facilitator-notes = Нотатки для ведучого
facilitator-discussion = Нотатки до обговорення
facilitator-answer-key = Ключ до тесту
facilitator-correct = Правильно.
facilitator-wrong = Неправильно.

handout-key-points = Головне

print-client = Клієнт
print-date = Дата
print-owner = Відповідальний
print-source = { $n ->
    [one] Джерело:
    [few] Джерела:
   *[many] Джерела:
}
print-tip = Друк — Ctrl+P: кожен бланк на окремому аркуші A4.
booklet-title = Чек-листи для друку
booklet-contents = Зміст
booklet-count = { $n ->
    [one] { $n } бланк
    [few] { $n } бланки
    [many] { $n } бланків
   *[other] { $n } бланка
}

search-title = Пошук
search-label = Пошук у довіднику
search-placeholder = Пошук…
search-hint = Введіть слово або його початок.
search-none = Нічого не знайдено.
search-needs-js = Для пошуку потрібен JavaScript. Скористайтеся переліком напрямів або типів матеріалів.
search-count = { $n ->
    [one] Знайдено { $n } матеріал
    [few] Знайдено { $n } матеріали
   *[many] Знайдено { $n } матеріалів
}
search-all = Усі результати
search-more = Показати ще
search-error = Не вдалося завантажити пошуковий індекс.

not-found = Сторінку не знайдено. Перейти на головну

map-label = Карта звʼязків
map-more = { $n ->
    [one] ще { $n }
    [few] ще { $n }
    [many] ще { $n }
   *[other] ще { $n }
}
map-legend = Суцільні лінії — звʼязки між матеріалами; червоні штрихові — поради, що тягнуть у різні боки; крапкові — згадки в тексті.

status-title = Стан перекладів
status-intro = Для редакторів: наскільки повний переклад кожною мовою за типами матеріалів порівняно з еталонною мовою ({ $name }). Той самий звіт у терміналі: `handbook coverage`.
status-kind = Тип
status-locale = Мова
status-state = Стан
status-entry = Матеріал
status-what = Що змінилося або чого бракує
status-derived = похідна
status-done = Робити нічого не треба: усі переклади актуальні.
status-stale = { $n ->
    [one] { $n } застарілий
    [few] { $n } застарілі
    [many] { $n } застарілих
   *[other] { $n } застарілого
}
status-unmarked = { $n ->
    [one] { $n } ще не позначений
    [few] { $n } ще не позначені
    [many] { $n } ще не позначених
   *[other] { $n } ще не позначеного
}
status-missing = { $n ->
    [one] бракує { $n }
    [few] бракує { $n }
    [many] бракує { $n }
   *[other] бракує { $n }
}
status-todo = { $n ->
    [one] { $n } завдання
    [few] { $n } завдання
    [many] { $n } завдань
   *[other] { $n } завдання
}

source-untitled = без назви
quiz-letters = А Б В Г Ґ Д Е Є
