# Рядки інтерфейсу, українська. Ідентифікатори спільні для всіх мов.

language-name = Українська
language-uk = українська
language-ru = російська
language-sr = сербська (кирилиця)
language-sr-Latn = сербська (латиниця)
language-en = англійська

skip-to-content = Перейти до змісту
nav-home = Головна
nav-areas = Напрями
nav-kinds = За типом матеріалів
nav-languages = Мови
nav-breadcrumbs = Ви тут

home-intro = Як утримувати клієнтів, повертати тих, хто пішов, і вчасно розлучатися з тими, хто вам не підходить: принципи, чек-листи для друку, сценарії дій, кейси й навчальні модулі.
home-open-area = Усі матеріали напряму
index-empty = Тут поки нічого немає.

area-retention = Утримання
area-recovery = Повернення
area-dismissal = Розставання
area-retention-intro = Як зберегти клієнтів, які вже є: щоденні звички, завдяки яким клієнти залишаються, і помилки, через які вони гарантовано йдуть.
area-recovery-intro = Як повернути клієнтів, що пішли: зʼясувати причину, знову вийти на звʼязок і виправити ситуацію.
area-dismissal-intro = Як відпустити «не свого» клієнта: розпізнати того, хто коштує більше, ніж приносить, ухвалити рішення й розійтися професійно.

kind-principle = Принцип
kind-checklist = Чек-лист
kind-playbook = Сценарій дій
kind-scenario = Кейс
kind-module = Навчальний модуль
kind-source = Джерело
kinds-principle = Принципи
kinds-checklist = Чек-листи
kinds-playbook = Сценарії дій
kinds-scenario = Кейси
kinds-module = Навчання
kinds-source = Джерела

relation-related = див. також
relation-contrasts = суперечить
relation-source = джерело
relation-principle = спирається на принцип
relation-playbook = використовує сценарій
relation-material = навчає
relation-scenario = розбирає кейс
relation-mention = згадує

fallback-notice = Цю сторінку ще не перекладено; нижче текст мовою: { $name }.

action-print = Надрукувати бланк
items-heading = { $n ->
    [one] { $n } пункт
    [few] { $n } пункти
   *[many] { $n } пунктів
}
steps-heading = { $n ->
    [one] { $n } крок
    [few] { $n } кроки
   *[many] { $n } кроків
}
item-why = Чому:

relations-label = Повʼязані матеріали
relations-related = Див. також
relations-contrasts = Інший погляд
relations-sources = Звідки це
relations-backlinks = { $n ->
    [one] Посилається { $n } матеріал
    [few] Посилаються { $n } матеріали
   *[many] Посилаються { $n } матеріалів
}

scenario-questions = Питання для обговорення
scenario-handling = Як варто діяти
scenario-teaches = Чого вчить цей кейс

module-objectives = Навчальні цілі
module-material = Матеріали по порядку
module-scenarios = Кейси
module-minutes = { $n ->
    [one] Рекомендована тривалість: { $n } хвилина
    [few] Рекомендована тривалість: { $n } хвилини
   *[many] Рекомендована тривалість: { $n } хвилин
}

source-about = Про статтю
source-published-title = Оригінальна назва
source-author = Автор
source-origin = Опубліковано
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
   *[many] { $n } запитань. Оберіть відповідь, перевірте її й прочитайте пояснення.
}
quiz-start = { $n ->
    [one] Пройти тест ({ $n } запитання)
    [few] Пройти тест ({ $n } запитання)
   *[many] Пройти тест ({ $n } запитань)
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
quiz-score = Правильно { $n } з { $total }
quiz-restart = Пройти ще раз

facilitator-notes = Нотатки для ведучого
facilitator-discussion = Нотатки до обговорення
facilitator-answer-key = Ключ відповідей
facilitator-correct = Правильно.
facilitator-wrong = Неправильно.

handout-key-points = Головне

print-client = Клієнт
print-date = Дата
print-owner = Відповідальний
print-source = Джерело:
print-tip = Друк — Ctrl+P: кожен бланк на окремому аркуші A4.
booklet-title = Чек-листи для друку
booklet-contents = Зміст
booklet-count = { $n ->
    [one] { $n } бланк
    [few] { $n } бланки
   *[many] { $n } бланків
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

not-found = Сторінку не знайдено. На головну
