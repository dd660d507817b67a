"""A synthetic project of N Ukrainian entries for the search benchmark.

    python3 benches/search_corpus.py 10000 /tmp/synth

Writes a whole project (content/, and locales/ and themes/ copied from this
repository) into the given directory, which it replaces. Never commit its
output. Sentences come from the shipped uk content; a fifth of the words are
replaced by pseudo-words drawn (Zipf) from a 40,000-lemma synthetic lexicon
with Ukrainian endings, so the vocabulary grows as a real base's would rather
than repeating the few thousand words of the shipped entries. Deterministic
(fixed seed).
"""
import glob, os, random, re, shutil, sys

N = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
OUT = sys.argv[2] if len(sys.argv) > 2 else "/tmp/synth"
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
rng = random.Random(42)

sentences = []
for path in sorted(glob.glob(f"{REPO}/content/*/*/uk.md")):
    text = open(path, encoding="utf-8").read()
    text = re.sub(r"\[\[[^\]]*\]\]", "", text)
    text = re.sub(r"^---.*?---", "", text, flags=re.S)
    for line in text.splitlines():
        line = line.strip().lstrip("-#*0123456789. ").strip()
        for s in re.split(r"(?<=[.!?])\s+", line):
            if len(s.split()) >= 5 and not any(c in s for c in "[]{}:|`\"<>"):
                sentences.append(s)
print(len(sentences), "sentences", file=sys.stderr)

syll = "ба бо ві ге ди до жу за ка ки ко лі ло ма мі на но пе по ра ри ро са сі та те ти ту фе ха це чи ша щу юр яс ґу їм єн".split()
endings = ["", "а", "и", "у", "ом", "ів", "ами", "ах", "ові", "ий", "ого", "ою", "і", "ям"]
lexicon = ["".join(rng.choice(syll) for _ in range(rng.randint(2, 4))) for _ in range(40000)]
import bisect, itertools
cumulative = list(itertools.accumulate(1 / (i + 1) for i in range(len(lexicon))))

def noisy(sentence):
    words = sentence.split()
    for i in range(len(words)):
        if rng.random() < 0.2:
            lemma = lexicon[min(bisect.bisect(cumulative, rng.random() * cumulative[-1]), len(lexicon) - 1)]
            words[i] = lemma + rng.choice(endings)
    return " ".join(words)

def para(n):
    return " ".join(noisy(rng.choice(sentences)) for _ in range(n))

def q(text):
    return '"' + text.replace("\\", "\\\\").replace('"', "'") + '"'

if os.path.exists(OUT):
    shutil.rmtree(OUT)
os.makedirs(f"{OUT}/content/sources/the-source")
open(f"{OUT}/content/site.yaml", "w").write(
    "title: { uk: Синтетичний довідник }\nbase_url: /\ntheme: default\nreference_locale: uk\n"
    "areas: [retention, recovery, dismissal]\nlocales:\n  - { code: uk, fallback: [] }\n")
open(f"{OUT}/content/sources/the-source/entry.yaml", "w").write(
    "kind: source\nareas: [retention]\nlanguage: uk\nauthor: Synthetic\norigin: generated\n"
    "seed: none.txt\npublished_title: Synthetic\npoints:\n  - id: p1\n")
open(f"{OUT}/content/sources/the-source/uk.md", "w").write(
    "---\ntitle: Джерело\nsummary: Згенерований текст.\npoints:\n  p1: Один пункт.\n---\nТекст.\n")
areas = ["retention", "recovery", "dismissal"]
for n in range(N):
    kind = "checklist" if n % 5 == 0 else "principle"
    folder = f"{OUT}/content/{kind}s/entry-{n:05d}"
    os.makedirs(folder)
    structure = f"kind: {kind}\nareas: [{rng.choice(areas)}]\nsources:\n  - source: the-source\n"
    items = ""
    if kind == "checklist":
        ids = [f"i{k}" for k in range(rng.randint(4, 8))]
        structure += "items:\n" + "".join(f"  - id: {i}\n" for i in ids)
        items = "items:\n" + "".join(f"  {i}: {{ text: {q(noisy(rng.choice(sentences)))} }}\n" for i in ids)
    open(f"{folder}/entry.yaml", "w").write(structure)
    title = " ".join(noisy(rng.choice(sentences)).split()[: rng.randint(3, 7)]).rstrip(",.;—")
    body = "\n\n".join(para(rng.randint(3, 5)) for _ in range(rng.randint(2, 4)))
    open(f"{folder}/uk.md", "w").write(
        f"---\ntitle: {q(title)}\nsummary: {q(noisy(rng.choice(sentences)))}\n{items}---\n{body}\n")
for part in ("locales", "themes"):
    shutil.copytree(f"{REPO}/{part}", f"{OUT}/{part}")
print("wrote", N, "entries to", OUT, file=sys.stderr)
