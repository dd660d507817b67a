# UI strings, English. Message ids are shared by every locale (see README).

language-name = English
language-uk = Ukrainian
language-ru = Russian
language-sr = Serbian (Cyrillic)
language-sr-Latn = Serbian (Latin)
language-en = English

skip-to-content = Skip to content
nav-home = Home
nav-areas = Areas
nav-kinds = Browse by kind
nav-languages = Languages
nav-breadcrumbs = You are here

home-intro = Guidance for keeping clients, winning them back and letting the wrong ones go: principles, checklists to print, playbooks, cases and training.
home-open-area = Open the whole area
index-empty = Nothing here yet.

area-retention = Retention
area-recovery = Recovery
area-dismissal = Dismissal
area-retention-intro = Keeping the clients you have: the everyday habits that make clients stay, and the mistakes that reliably drive them away.
area-recovery-intro = Winning back clients who have left: finding out why they went, reaching out again and making it right.
area-dismissal-intro = Letting the wrong clients go: recognising a client who costs more than they bring, deciding, and parting professionally.

kind-principle = Principle
kind-checklist = Checklist
kind-playbook = Playbook
kind-scenario = Case
kind-module = Training module
kind-source = Source
kinds-principle = Principles
kinds-checklist = Checklists
kinds-playbook = Playbooks
kinds-scenario = Cases
kinds-module = Training
kinds-source = Sources

relation-related = see also
relation-contrasts = in tension with
relation-source = draws on this source
relation-principle = applies the principle
relation-playbook = uses the playbook
relation-material = teaches
relation-scenario = uses the case
relation-mention = mentions

fallback-notice = This page has not been translated yet; the text below is in { $name }.

action-print = Print this sheet
items-heading = { $n ->
    [one] { $n } item
   *[other] { $n } items
}
steps-heading = { $n ->
    [one] { $n } step
   *[other] { $n } steps
}
item-why = Why:

relations-label = Related entries
relations-related = See also
relations-contrasts = Pulls the other way
relations-sources = Where this comes from
relations-backlinks = { $n ->
    [one] Referred to by { $n } entry
   *[other] Referred to by { $n } entries
}

scenario-questions = Questions for discussion
scenario-handling = Recommended handling
scenario-teaches = What this case teaches

module-objectives = Learning objectives
module-material = Material, in order
module-scenarios = Cases
module-minutes = { $n ->
    [one] Suggested length: { $n } minute
   *[other] Suggested length: { $n } minutes
}

source-about = About the article
source-published-title = Title as published
source-author = Author
source-origin = Published by
source-language = Language
source-seed = Source file
source-takes = What this handbook takes from it
source-carried-by = Carried by:

view-print = Print view
view-quiz = Self-check quiz
view-handout = Handout
view-facilitator = Facilitator's guide

quiz-intro = { $n ->
    [one] { $n } question. Pick an answer, check it and read why.
   *[other] { $n } questions. Pick an answer, check it and read why.
}
quiz-start = { $n ->
    [one] Take the quiz ({ $n } question)
   *[other] Take the quiz ({ $n } questions)
}
quiz-question-of = Question { $n } of { $total }.
quiz-mode-one = One question at a time
quiz-mode-all = All questions at once
quiz-check = Check
quiz-next = Next question
quiz-right = Right.
quiz-wrong = Not quite.
quiz-choose = Choose an answer first.
quiz-result = Your result
quiz-score = { $n } out of { $total } correct
quiz-restart = Start again
quiz-needs-js = Checking your answers and the score need JavaScript, which is turned off in this browser. All the questions are below.

facilitator-notes = Notes for the facilitator
facilitator-discussion = Discussion notes
facilitator-answer-key = Answer key
facilitator-correct = Correct.
facilitator-wrong = Wrong.

handout-key-points = Key points

print-client = Client
print-date = Date
print-owner = Owner
print-source = { $n ->
    [one] Source:
   *[other] Sources:
}
print-tip = Print with Ctrl+P: one sheet per page, A4.
booklet-title = Printable checklists
booklet-contents = Contents
booklet-count = { $n ->
    [one] { $n } sheet
   *[other] { $n } sheets
}

search-title = Search
search-label = Search the handbook
search-placeholder = Search…
search-hint = Type a word or the beginning of one.
search-none = Nothing found.
search-needs-js = Search needs JavaScript. Browse by area or kind instead.
search-count = { $n ->
    [one] { $n } result
   *[other] { $n } results
}
search-all = Show all results
search-more = More results
search-error = The search index could not be loaded.

not-found = Page not found. Go to the home page

map-label = Relation map
map-more = { $n ->
    [one] +{ $n } more
   *[other] +{ $n } more
}
map-legend = Solid lines: links between entries; dashed red: guidance in tension; dotted: mentions in text.

status-title = Translation status
status-intro = For editors: how complete each locale is, kind by kind, compared with the reference locale ({ $name }). Run `handbook coverage` for the same report in the terminal.
status-kind = Kind
status-locale = Locale
status-state = State
status-entry = Entry
status-what = What changed or is missing
status-derived = derived
status-done = Nothing to do: every translation is current.
status-stale = { $n ->
    [one] { $n } stale
   *[other] { $n } stale
}
status-unmarked = { $n ->
    [one] { $n } not yet marked
   *[other] { $n } not yet marked
}
status-missing = { $n ->
    [one] { $n } missing
   *[other] { $n } missing
}
status-todo = { $n ->
    [one] { $n } thing to do
   *[other] { $n } things to do
}

source-untitled = (untitled)
quiz-letters = A B C D E F G H
