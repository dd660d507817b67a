#!/usr/bin/env python3
"""Benchmark corpus: N entries in four written locales (uk, ru, sr, en).

Writes the same logical knowledge base twice:

* for handbook, in its own content format (docs/CONTENT.md):
  content/<kind-plural>/<id>/entry.yaml + uk.md ru.md sr.md en.md;
* for Hugo, as content/<kind-plural>/<id>.<lang>.md with `relref` links and
  minimal templates (bench/hugo/) that do the equivalent work per page:
  title, summary, body, checklist items, and links with the target's title.

The mix of kinds, ~300 words of Cyrillic or Latin text per entry and
locale, checklists of 8 items, ~5 `[[id]]` references per text, and
related/contrasts/sources relations imitate the shipped base at scale.
Everything derives from the seed: the same (N, seed) gives the same bytes.

Usage: bench/generate.py N OUT_DIR [--seed S]
  writes OUT_DIR/handbook/ (a project: content/ only; the caller adds
  locales/ and themes/) and OUT_DIR/hugo/ (a Hugo site).
"""

import argparse
import os
import random
import shutil
import sys

LOCALES = ["uk", "ru", "sr", "en"]
AREAS = ["retention", "recovery", "dismissal"]
BENCH_DIR = os.path.dirname(os.path.abspath(__file__))

# Words by locale: the domain's vocabulary, so word lengths and letters
# (і ї є ґ, ы э ё, ђ ћ љ њ џ ј) are those of real text.
WORDS = {
    "uk": """клієнт клієнта клієнтові співпраця договір рахунок пропозиція строк обіцянка
зустріч довіра стосунки команда послуга скарга рішення ціна знижка якість звʼязок
повідомлення дзвінок вибачення компенсація домовленість межа правило робота проєкт
завдання колега керівник менеджер причина проблема помилка звичка увага час тиждень
місяць день відповідь запитання вимога потреба очікування цінність дохід витрати ризик
втрата повернення відхід прощання пояснення чесність ввічливість терпіння повага
відповідальність обовʼязок лояльність рекомендація репутація чутка мовчання їхній
завжди ніколи швидко чітко точно відкрито особисто письмово регулярно перед після між
якщо коли тому але і або не так треба мусить може хоче просить пропонує надсилає
телефонує пише чекає платить стежить вирішує пояснює обіцяє виконує поважає слухає
питає відповідає домовляється виставляє повертає утримує втрачає залишає отримує
будує зберігає щедро спокійно уважно своєчасно наступний перший останній важливий
звичайний справжній конкретний короткий зрозумілий чесний власний спільний щоденний""".split(),
    "ru": """клиент клиента клиенту сотрудничество договор счёт предложение срок обещание
встреча доверие отношения команда услуга жалоба решение цена скидка качество связь
сообщение звонок извинение компенсация договорённость граница правило работа проект
задача коллега руководитель менеджер причина проблема ошибка привычка внимание время
неделя месяц день ответ вопрос требование потребность ожидание ценность доход расходы
риск потеря возвращение уход расставание объяснение честность вежливость терпение
уважение ответственность обязанность лояльность рекомендация репутация слух молчание
всегда никогда быстро чётко точно открыто лично письменно регулярно перед после между
если когда поэтому но и или не так нужно должен может хочет просит предлагает
отправляет звонит пишет ждёт платит следит решает объясняет обещает выполняет
уважает слушает спрашивает отвечает договаривается выставляет возвращает удерживает
теряет оставляет получает строит сохраняет щедро спокойно внимательно вовремя
следующий первый последний важный обычный настоящий конкретный короткий понятный
честный собственный общий ежедневный объём съёмка""".split(),
    "sr": """клијент клијента клијенту сарадња уговор рачун понуда рок обећање састанак
поверење однос тим услуга жалба решење цена попуст квалитет комуникација порука позив
извињење надокнада договор граница правило посао пројекат задатак колега руководилац
менаџер разлог проблем грешка навика пажња време недеља месец дан одговор питање
захтев потреба очекивање вредност приход трошак ризик губитак повратак одлазак
растанак објашњење искреност љубазност стрпљење поштовање одговорност обавеза
лојалност препорука углед гласина ћутање њихов увек никада брзо јасно тачно отворено
лично писмено редовно пре после између ако када зато али и или не тако треба мора
може жели тражи нуди шаље зове пише чека плаћа прати решава објашњава обећава
испуњава поштује слуша пита одговара договара наплаћује враћа задржава губи напушта
добија гради чува великодушно мирно пажљиво благовремено следећи први последњи
важан обичан прави конкретан кратак јасан искрен сопствен заједнички свакодневни
ђак џеп љубав њива ћерка""".split(),
    "en": """client clients customer cooperation contract invoice offer deadline promise
meeting trust relationship team service complaint decision price discount quality
contact message call apology compensation agreement boundary rule work project task
colleague manager owner reason problem mistake habit attention time week month day
answer question request need expectation value revenue cost risk loss return departure
parting explanation honesty courtesy patience respect responsibility duty loyalty
referral reputation rumour silence their always never quickly clearly exactly openly
personally in writing regularly before after between if when so but and or not
should must can wants asks offers sends calls writes waits pays follows solves
explains promises keeps respects listens answers agrees bills returns loses leaves
receives builds generously calmly carefully on time next first last important usual
real concrete short clear honest own shared daily""".split(),
}
QUOTES = {"uk": ("«", "»"), "ru": ("«", "»"), "sr": ("„", "“"), "en": ("“", "”")}
# English words for ids: ids are ASCII and language-neutral.
SLUG_WORDS = """keep answer call client promise invoice meeting trust price discount
quality complaint apology deadline scope budget contract team colleague rumour silence
return parting boundary habit record channel signal warning review follow listen offer
settle refund premium honest early late quiet loyal difficult""".split()
AUTHORS = ["Rhonda Abrams", "Arkady Matveev", "Ivan Kurnikov", "Jelena Doppkiss", "Olena Marchenko"]

# Share of each kind among the entries that are not sources or modules.
KIND_SHARES = [("principle", 0.45), ("checklist", 0.18), ("playbook", 0.12), ("scenario", 0.25)]
PLURAL = {
    "principle": "principles",
    "checklist": "checklists",
    "playbook": "playbooks",
    "scenario": "scenarios",
    "module": "modules",
    "source": "sources",
}
ITEMS_PER_CHECKLIST = 8
STEPS_PER_PLAYBOOK = 7
POINTS_PER_SOURCE = 8
XREFS_PER_BODY = 5
BODY_WORDS = 300


class Entry:
    """One entry's structure: written once, shared by every locale."""

    def __init__(self, index, kind, id_):
        self.index = index
        self.kind = kind
        self.id = id_
        self.areas = []
        self.sources = []  # (source id, point id or None)
        self.related = []
        self.contrasts = []
        self.items = []  # (item id, [principle ids])
        self.principles = []
        self.playbooks = []
        self.material = []
        self.scenarios = []
        self.quiz = []  # (question id, [option ids], answer)
        self.points = []
        self.source_meta = None
        self.xrefs = []  # (target id, item id or None, has custom text)


def plan(n, rng):
    """The structure of the whole base: kinds, ids and every relation."""
    n_sources = max(2, n * 3 // 100)
    n_modules = max(1, n * 2 // 100)
    rest = max(0, n - n_sources - n_modules)
    kinds = ["source"] * n_sources + ["module"] * n_modules
    for i, (kind, share) in enumerate(KIND_SHARES):
        count = rest - sum(int(rest * s) for _, s in KIND_SHARES[1:]) if i == 0 else int(rest * share)
        kinds += [kind] * count
    kinds = kinds[:n]
    entries = []
    for index, kind in enumerate(kinds):
        words = rng.sample(SLUG_WORDS, 3)
        entries.append(Entry(index, kind, f"{'-'.join(words)}-{index}"))
    by_kind = {k: [e for e in entries if e.kind == k] for k in PLURAL}
    sources = by_kind["source"]
    principles = by_kind["principle"] or [e for e in entries if e.kind != "source"]
    checklists = by_kind["checklist"]

    for e in sources:
        e.points = [f"point-{p + 1}" for p in range(POINTS_PER_SOURCE)]
        language = rng.choice(LOCALES)
        e.source_meta = {
            "language": language,
            "author": rng.choice(AUTHORS),
            "origin": "Retold from a trade magazine column",
            "seed": f"{e.index:03d}_{rng.getrandbits(64):016x}.txt",
        }
    for position, e in enumerate(x for x in entries if x.kind != "source"):
        # Walking the sources' points in turn means every point is carried.
        source = sources[position % len(sources)]
        point = source.points[(position // len(sources)) % POINTS_PER_SOURCE]
        e.sources.append((source.id, point))
        if rng.random() < 0.5:
            other = rng.choice(sources)
            if other.id != source.id:
                e.sources.append((other.id, None))
    for e in entries:
        e.areas = rng.sample(AREAS, 1 if rng.random() < 0.7 else 2)
        # A ring of `related` links: nothing is an orphan.
        following = entries[(e.index + 1) % len(entries)]
        e.related = [following.id] if following.id != e.id else []
        extra = rng.choice(entries)
        if extra.id != e.id and extra.id not in e.related:
            e.related.append(extra.id)
        if e.kind == "principle" and rng.random() < 0.2:
            other = rng.choice(principles)
            if other.id != e.id:
                e.contrasts.append(other.id)
        if e.kind in ("checklist", "playbook"):
            count = ITEMS_PER_CHECKLIST if e.kind == "checklist" else STEPS_PER_PLAYBOOK
            word = "item" if e.kind == "checklist" else "step"
            for i in range(count):
                chosen = {p.id for p in rng.sample(principles, min(len(principles), rng.randint(1, 2)))}
                chosen.discard(e.id)
                e.items.append((f"{word}-{i + 1}", sorted(chosen)))
        if e.kind == "scenario":
            e.principles = sorted({p.id for p in rng.sample(principles, min(2, len(principles)))})
            if by_kind["playbook"]:
                e.playbooks = [rng.choice(by_kind["playbook"]).id]
        if e.kind == "module":
            teachable = [x for x in entries if x.kind in ("principle", "checklist", "playbook", "scenario")]
            e.material = [x.id for x in rng.sample(teachable, min(8, len(teachable)))]
            if by_kind["scenario"]:
                e.scenarios = [x.id for x in rng.sample(by_kind["scenario"], min(2, len(by_kind["scenario"])))]
            for q in range(4):
                e.quiz.append((f"q{q + 1}", ["a", "b", "c"], rng.choice("abc")))
    for e in entries:
        # References in the text: the same targets in every locale.
        for x in range(XREFS_PER_BODY):
            if x == 0 and checklists:
                target = rng.choice(checklists)
                e.xrefs.append((target.id, rng.choice(target.items)[0] if target.items else None, False))
            else:
                target = rng.choice(entries)
                e.xrefs.append((target.id, None, x == 1))
        e.xrefs = [(t, i, c) for (t, i, c) in e.xrefs if t != e.id]
    return entries


class Writer:
    """Text in one locale, from the locale's words."""

    def __init__(self, rng, locale):
        self.rng = rng
        self.locale = locale
        self.words = WORDS[locale]

    def phrase(self, count):
        return " ".join(self.rng.choices(self.words, k=count))

    def sentence(self, low=6, high=14, end="."):
        text = self.phrase(self.rng.randint(low, high))
        if self.rng.random() < 0.15:
            left, right = QUOTES[self.locale]
            words = text.split(" ")
            cut = self.rng.randint(1, len(words) - 1) if len(words) > 2 else 1
            text = " ".join(words[:cut]) + f" {left}{self.phrase(2)}{right} " + " ".join(words[cut:])
        return text[0].upper() + text[1:] + end

    def title(self):
        return self.sentence(3, 7, end="")

    def paragraph(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))


def xref_markdown(xref, writer):
    target, item, custom = xref
    if custom:
        return f"[[{target}|{writer.phrase(2)}]]"
    if item:
        return f"[[{target}#{item}]]"
    return f"[[{target}]]"


def body_blocks(writer, words):
    """Paragraphs, a heading and a list: about `words` words."""
    blocks = []
    written = 0
    while written < words:
        roll = writer.rng.random()
        if roll < 0.12:
            blocks.append("## " + writer.title())
            written += 4
        elif roll < 0.3:
            items = [writer.sentence(5, 10) for _ in range(4)]
            blocks.append("\n".join(f"- {i}" for i in items))
            written += sum(len(i.split()) for i in items)
        else:
            p = writer.paragraph(writer.rng.randint(2, 4))
            blocks.append(p)
            written += len(p.split())
    return blocks


def insert_links(blocks, links, rng):
    """Puts each link at the end of a sentence in a random paragraph."""
    prose = [i for i, b in enumerate(blocks) if not b.startswith("## ")]
    for link in links:
        i = rng.choice(prose)
        blocks[i] = blocks[i].rstrip(".") + f" ({link})."
    return "\n\n".join(blocks) + "\n"


def yaml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def block_scalar(text, indent="  "):
    return "|\n" + "".join(f"{indent}{line}\n" if line else "\n" for line in text.rstrip("\n").split("\n"))


class Texts:
    """One entry's text in one locale, as plain data for both formats."""

    def __init__(self, entry, writer, titles):
        rng = writer.rng
        self.title = titles[entry.id]
        self.summary = writer.sentence(14, 24)
        links = [xref_markdown(x, writer) for x in entry.xrefs]
        self.body = insert_links(body_blocks(writer, BODY_WORDS), links, rng)
        self.contrasts = {c: writer.sentence(12, 20) for c in entry.contrasts}
        self.items = {}
        for item_id, _ in entry.items:
            hint = writer.sentence(5, 9) if rng.random() < 0.5 else None
            self.items[item_id] = (writer.sentence(7, 12), hint)
        self.questions = [writer.sentence(8, 14, end="?") for _ in range(3)] if entry.kind == "scenario" else []
        self.handling = None
        self.notes = None
        if entry.kind == "scenario":
            link = f"[[{entry.principles[0]}]]" if entry.principles else ""
            self.handling = writer.paragraph(3) + f" {link}\n\n" + writer.paragraph(2) + "\n"
            self.notes = writer.paragraph(2) + "\n"
        self.objectives = [writer.sentence(8, 12) for _ in range(3)] if entry.kind == "module" else []
        if entry.kind == "module":
            self.notes = writer.paragraph(3) + "\n"
        self.quiz = {}
        for q_id, options, _ in entry.quiz:
            self.quiz[q_id] = (
                writer.sentence(10, 16, end="?"),
                {o: (writer.sentence(4, 8), writer.sentence(8, 14)) for o in options},
            )
        self.points = {p: writer.sentence(10, 18) for p in entry.points}


def handbook_structure(entry, published_title):
    lines = [f"kind: {entry.kind}", f"areas: [{', '.join(entry.areas)}]"]
    if entry.sources:
        lines.append("sources:")
        for source, point in entry.sources:
            lines.append(f"  - source: {source}")
            if point:
                lines.append(f"    point: {point}")
    if entry.related:
        lines.append(f"related: [{', '.join(entry.related)}]")
    if entry.contrasts:
        lines.append(f"contrasts: [{', '.join(entry.contrasts)}]")
    if entry.items:
        lines.append("items:" if entry.kind == "checklist" else "steps:")
        for item_id, principles in entry.items:
            lines.append(f"  - id: {item_id}")
            if principles:
                lines.append(f"    principles: [{', '.join(principles)}]")
    if entry.kind == "scenario":
        lines.append(f"principles: [{', '.join(entry.principles)}]")
        if entry.playbooks:
            lines.append(f"playbooks: [{', '.join(entry.playbooks)}]")
    if entry.kind == "module":
        lines.append("minutes: 90")
        lines.append(f"material: [{', '.join(entry.material)}]")
        if entry.scenarios:
            lines.append(f"scenarios: [{', '.join(entry.scenarios)}]")
        lines.append("quiz:")
        for q_id, options, answer in entry.quiz:
            lines += [f"  - id: {q_id}", f"    options: [{', '.join(options)}]", f"    answer: {answer}"]
    if entry.kind == "source":
        meta = entry.source_meta
        lines += [
            f"language: {meta['language']}",
            f"author: {meta['author']}",
            f"origin: {meta['origin']}",
            f"seed: {meta['seed']}",
            f"published_title: {yaml_string(published_title)}",
            "points:",
        ]
        lines += [f"  - id: {p}" for p in entry.points]
    return "\n".join(lines) + "\n"


def handbook_text(entry, t):
    out = ["---", f"title: {yaml_string(t.title)}", f"summary: {yaml_string(t.summary)}"]
    if t.contrasts:
        out.append("contrasts:")
        out += [f"  {k}: {yaml_string(v)}" for k, v in t.contrasts.items()]
    if t.items:
        out.append("items:" if entry.kind == "checklist" else "steps:")
        for item_id, (text, hint) in t.items.items():
            out.append(f"  {item_id}:")
            out.append(f"    text: {yaml_string(text)}")
            if hint:
                out.append(f"    hint: {yaml_string(hint)}")
    if t.questions:
        out.append("questions:")
        out += [f"  - {yaml_string(q)}" for q in t.questions]
    if t.handling:
        out.append("handling: " + block_scalar(t.handling).rstrip("\n"))
    if t.objectives:
        out.append("objectives:")
        out += [f"  - {yaml_string(o)}" for o in t.objectives]
    if t.quiz:
        out.append("quiz:")
        for q_id, (question, options) in t.quiz.items():
            out.append(f"  {q_id}:")
            out.append(f"    question: {yaml_string(question)}")
            out.append("    options:")
            for o, (text, explanation) in options.items():
                out += [f"      {o}:", f"        text: {yaml_string(text)}", f"        explanation: {yaml_string(explanation)}"]
    if t.notes:
        out.append("notes: " + block_scalar(t.notes).rstrip("\n"))
    if t.points:
        out.append("points:")
        out += [f"  {k}: {yaml_string(v)}" for k, v in t.points.items()]
    out.append("---")
    return "\n".join(out) + "\n" + t.body


def hugo_links(markdown, by_id, titles):
    """`[[id]]`, `[[id|text]]`, `[[id#item]]` → Markdown links with `relref`."""
    out = []
    rest = markdown
    while True:
        start = rest.find("[[")
        end = rest.find("]]", start)
        if start < 0 or end < 0:
            out.append(rest)
            return "".join(out)
        out.append(rest[:start])
        inner = rest[start + 2:end]
        rest = rest[end + 2:]
        target, _, text = inner.partition("|")
        target, _, item = target.partition("#")
        path = f"/{PLURAL[by_id[target].kind]}/{target}"
        anchor = f"#item-{item}" if item else ""
        out.append(f'[{text or titles[target]}]({{{{< relref "{path}{anchor}" >}}}})')


def hugo_page(entry, t, by_id, titles):
    def ref(i):
        return yaml_string(f"/{PLURAL[by_id[i].kind]}/{i}")

    out = ["---", f"title: {yaml_string(t.title)}", f"summary: {yaml_string(t.summary)}", f"kind: {entry.kind}"]
    out.append(f"areas: [{', '.join(entry.areas)}]")
    if entry.related:
        out.append(f"related: [{', '.join(ref(i) for i in entry.related)}]")
    if entry.contrasts:
        out.append("contrasts:")
        for c in entry.contrasts:
            out += [f"  - page: {ref(c)}", f"    note: {yaml_string(t.contrasts[c])}"]
    if entry.sources:
        out.append(f"sources: [{', '.join(ref(s) for s, _ in entry.sources)}]")
    if entry.items:
        out.append("items:")
        for item_id, principles in entry.items:
            text, hint = t.items[item_id]
            out += [f"  - id: {item_id}", f"    text: {yaml_string(text)}"]
            if hint:
                out.append(f"    hint: {yaml_string(hint)}")
            if principles:
                out.append(f"    principles: [{', '.join(ref(p) for p in principles)}]")
    for key, ids in (("principles", entry.principles), ("playbooks", entry.playbooks),
                     ("material", entry.material), ("scenarios", entry.scenarios)):
        if ids:
            out.append(f"{key}: [{', '.join(ref(i) for i in ids)}]")
    if t.questions:
        out.append("questions:")
        out += [f"  - {yaml_string(q)}" for q in t.questions]
    if t.objectives:
        out.append("objectives:")
        out += [f"  - {yaml_string(o)}" for o in t.objectives]
    if t.points:
        out.append("points:")
        out += [f"  - {yaml_string(v)}" for v in t.points.values()]
    out.append("---")
    body = t.body
    if t.handling:
        body += "\n## \u2014\n\n" + t.handling
    return "\n".join(out) + "\n" + hugo_links(body, by_id, titles)


def hugo_config(site_titles):
    lines = [
        'baseURL = "/"',
        'disableKinds = ["taxonomy", "term", "RSS", "sitemap", "robotsTXT"]',
        'defaultContentLanguage = "en"',
        "defaultContentLanguageInSubdir = true",
        "[languages]",
    ]
    for weight, locale in enumerate(LOCALES, start=1):
        lines += [f"[languages.{locale}]", f"weight = {weight}", f"title = {yaml_string(site_titles[locale])}"]
    return "\n".join(lines) + "\n"


SITE_TITLES = {
    "en": "Client relationships handbook",
    "uk": "Довідник із роботи з клієнтами",
    "ru": "Справочник по работе с клиентами",
    "sr": "Приручник за рад са клијентима",
}


def site_yaml():
    titles = "\n".join(f"  {k}: {v}" for k, v in SITE_TITLES.items())
    return f"""title:
{titles}
base_url: /
theme: default
reference_locale: en
areas: [{', '.join(AREAS)}]
locales:
  - {{ code: uk, fallback: [ru, en] }}
  - {{ code: ru, fallback: [uk, en] }}
  - {{ code: sr, fallback: [en] }}
  - {{ code: sr-Latn, derive_from: sr }}
  - {{ code: en, fallback: [] }}
"""


def write(path, text):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def generate(n, out, seed=1):
    rng = random.Random(seed)
    entries = plan(n, rng)
    by_id = {e.id: e for e in entries}
    writers = {loc: Writer(random.Random(f"{seed}-{loc}"), loc) for loc in LOCALES}
    titles = {loc: {e.id: writers[loc].title() for e in entries} for loc in LOCALES}
    published = {e.id: writers[e.source_meta["language"]].title() for e in entries if e.source_meta}

    handbook = os.path.join(out, "handbook")
    hugo = os.path.join(out, "hugo")
    for d in (handbook, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)
    os.makedirs(os.path.join(handbook, "content"))
    write(os.path.join(handbook, "content", "site.yaml"), site_yaml())
    os.makedirs(os.path.join(hugo, "content"))
    write(os.path.join(hugo, "hugo.toml"), hugo_config(SITE_TITLES))
    shutil.copytree(os.path.join(BENCH_DIR, "hugo", "layouts"), os.path.join(hugo, "layouts"))
    for kind, plural in PLURAL.items():
        os.makedirs(os.path.join(hugo, "content", plural))
        for loc in LOCALES:
            write(os.path.join(hugo, "content", plural, f"_index.{loc}.md"),
                  f"---\ntitle: {yaml_string(kind)}\n---\n")
    for loc in LOCALES:
        write(os.path.join(hugo, "content", f"_index.{loc}.md"),
              f"---\ntitle: {yaml_string(SITE_TITLES[loc])}\n---\n")

    for e in entries:
        folder = os.path.join(handbook, "content", PLURAL[e.kind], e.id)
        os.makedirs(folder)
        write(os.path.join(folder, "entry.yaml"), handbook_structure(e, published.get(e.id, "")))
        for loc in LOCALES:
            t = Texts(e, writers[loc], titles[loc])
            write(os.path.join(folder, f"{loc}.md"), handbook_text(e, t))
            write(os.path.join(hugo, "content", PLURAL[e.kind], f"{e.id}.{loc}.md"),
                  hugo_page(e, t, by_id, titles[loc]))
    return entries


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, help="number of entries")
    parser.add_argument("out", help="output directory")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.n < 4:
        sys.exit("generate.py: N must be at least 4")
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()
