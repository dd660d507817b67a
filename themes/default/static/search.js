// Offline search over the index in /<locale>/search/ (built by src/search/):
// the box in every page's header shows instant results, the search page
// (/<locale>/search/?q=…) lists them all. Nothing is fetched until the
// reader focuses the box (the manifest) and types (the few shards the
// query's words fall in, then the entries shown). Folding comes from the
// manifest's table, so it is the same as at build time.
(function () {
  "use strict";

  var WORD_CHAR = /[\p{Alphabetic}\p{N}]/u;
  var MIN_WORD = 2; // one-letter words are not indexed
  var PREFIX_SHARDS = 3; // at most this many shards for one word's prefix
  var PREFIX_KEYS = 400; // at most this many keys expanded for one prefix
  var PREFIX_FACTOR = 0.6; // a prefix match counts less than the word itself
  var PAGE = 10; // results shown at a time

  // ---- the index ----------------------------------------------------------

  function SearchIndex(root, fetchJson) {
    this.root = root; // URL of /<locale>/search/, ending with "/"
    this.fetchJson = fetchJson;
    this.manifest = null;
    this.shards = new Map(); // number → Promise<shard>
    this.docs = new Map(); // file number → Promise<documents>
  }

  SearchIndex.prototype.load = function () {
    var self = this;
    if (!this.loading) {
      this.loading = this.fetchJson(this.root + "manifest.json").then(function (m) {
        var fold = new Map();
        var from = Array.from(m.fold.from), to = Array.from(m.fold.to);
        from.forEach(function (c, i) { fold.set(c, to[i]); });
        Object.keys(m.fold.multi).forEach(function (c) { fold.set(c, m.fold.multi[c]); });
        Array.from(m.fold.drop).forEach(function (c) { fold.set(c, ""); });
        var rules = [];
        Object.keys(m.rules).forEach(function (stemEnding) {
          m.rules[stemEnding].forEach(function (ending) {
            rules.push({ ending: ending, stemEnding: stemEnding });
          });
        });
        rules.sort(function (a, b) {
          return b.ending.length - a.ending.length || compare(a.ending, b.ending) ||
            compare(a.stemEnding, b.stemEnding);
        });
        self.manifest = m;
        self.fold = fold;
        self.rules = rules;
        return self;
      }, function (error) {
        self.loading = null; // try again on the next query
        throw error;
      });
    }
    return this.loading;
  };

  function compare(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  // Words of a text: [{folded, start, end}] with UTF-16 offsets in `text`.
  // A character missing from the table is kept (lower-cased) if it is a
  // letter or digit, and separates words otherwise; the answer is
  // remembered (null for a separator).
  SearchIndex.prototype.tokenize = function (text) {
    var tokens = [], current = null, offset = 0;
    for (var c of text) {
      var folded = this.fold.get(c);
      if (folded === undefined) {
        folded = WORD_CHAR.test(c) ? c.toLowerCase() : null;
        this.fold.set(c, folded);
      }
      if (folded === null) {
        if (current && current.folded) tokens.push(current);
        current = null;
      } else {
        if (!current) current = { folded: "", start: offset, end: offset };
        current.folded += folded;
        current.end = offset + c.length;
      }
      offset += c.length;
    }
    if (current && current.folded) tokens.push(current);
    return tokens;
  };

  // The shard whose range holds `key`: the last one named ≤ key.
  SearchIndex.prototype.shardFor = function (key) {
    var names = this.manifest.shards, low = 0, high = names.length - 1;
    while (low < high) {
      var middle = (low + high + 1) >> 1;
      if (names[middle] <= key) low = middle; else high = middle - 1;
    }
    return low;
  };

  SearchIndex.prototype.shard = function (n) {
    var self = this;
    if (!this.shards.has(n)) {
      var url = this.root + "shards/" + n + ".json?v=" + this.manifest.build;
      this.shards.set(n, this.fetchJson(url).then(function (entries) {
        var keys = [], byKey = new Map(), previous = "";
        entries.forEach(function (e) {
          var key = previous.slice(0, e[0]) + e[1];
          var stem = typeof e[2] === "string" ? e[2] : e[2] > 0 ? key.slice(0, e[2]) : null;
          var entry = { key: key, stem: stem, postings: e[3] || null, decoded: null };
          keys.push(key);
          byKey.set(key, entry);
          previous = key;
        });
        return { keys: keys, byKey: byKey };
      }, function (error) {
        self.shards.delete(n);
        throw error;
      }));
    }
    return this.shards.get(n);
  };

  SearchIndex.prototype.entry = function (key) {
    var self = this;
    return this.shard(this.shardFor(key)).then(function (s) { return s.byKey.get(key) || null; });
  };

  // Postings as parallel arrays: documents ascending, weights 1…31.
  function decodePostings(entry) {
    if (!entry.decoded) {
      var packed = entry.postings, docs = new Int32Array(packed.length);
      var weights = new Uint8Array(packed.length), doc = -1;
      for (var i = 0; i < packed.length; i++) {
        doc += Math.floor(packed[i] / 32);
        docs[i] = doc;
        weights[i] = packed[i] % 32;
      }
      entry.decoded = { docs: docs, weights: weights };
    }
    return entry.decoded;
  }

  // Stems a query word may stand for: candidates made by undoing the
  // endings the build saw, longest ending first.
  SearchIndex.prototype.stemCandidates = function (word) {
    var out = [];
    this.rules.forEach(function (rule) {
      if (word.length - rule.ending.length >= MIN_WORD && word.endsWith(rule.ending)) {
        var candidate = word.slice(0, word.length - rule.ending.length) + rule.stemEnding;
        if (out.indexOf(candidate) < 0) out.push(candidate);
      }
    });
    if (out.indexOf(word) < 0) out.push(word);
    return out;
  };

  // What one query word matches: Map stem → factor, and the stems it is
  // taken to mean (for marking words in snippets).
  SearchIndex.prototype.matchWord = function (word) {
    var self = this;
    var first = this.shardFor(word);
    var last = Math.min(this.shardFor(word + "\uffff"), first + PREFIX_SHARDS - 1);
    var range = [];
    for (var n = first; n <= last; n++) range.push(n);
    var candidates = this.stemCandidates(word);
    var wanted = range.concat(candidates.map(function (c) { return self.shardFor(c); }));
    return Promise.all(wanted.map(function (n) { return self.shard(n); })).then(function () {
      return Promise.all(range.map(function (n) { return self.shard(n); }));
    }).then(function (shards) {
      var stems = new Map(), own = [];
      var add = function (stem, factor) {
        if (stem && (stems.get(stem) || 0) < factor) stems.set(stem, factor);
      };
      var expanded = 0;
      shards.forEach(function (s) {
        var keys = s.keys, i = lowerBound(keys, word);
        for (; i < keys.length && keys[i].startsWith(word) && expanded < PREFIX_KEYS; i++, expanded++) {
          var e = s.byKey.get(keys[i]);
          var factor = keys[i] === word ? 1 : PREFIX_FACTOR;
          add(e.stem || (e.postings ? e.key : null), factor);
          if (keys[i] === word && e.stem) own.push(e.stem);
        }
      });
      if (own.length) return { stems: stems, own: own };
      // Not a word of the index: the longest undone ending giving a known stem.
      return Promise.all(candidates.map(function (c) { return self.entry(c); })).then(function (entries) {
        for (var i = 0; i < entries.length; i++) {
          if (entries[i] && entries[i].postings) {
            add(candidates[i], 1);
            own.push(candidates[i]);
            break;
          }
        }
        return { stems: stems, own: own };
      });
    });
  };

  function lowerBound(keys, key) {
    var low = 0, high = keys.length;
    while (low < high) {
      var middle = (low + high) >> 1;
      if (keys[middle] < key) low = middle + 1; else high = middle;
    }
    return low;
  }

  // Runs a query: {words, hits: Int32Array of documents best first, matches}.
  SearchIndex.prototype.search = function (query) {
    var self = this;
    return this.load().then(function () {
      var words = [];
      self.tokenize(query).forEach(function (t) {
        if (Array.from(t.folded).length >= MIN_WORD && words.indexOf(t.folded) < 0) words.push(t.folded);
      });
      // A locale without entries has no shards: nothing can match.
      if (!self.manifest.shards.length) return { words: words, hits: new Int32Array(0), matches: [] };
      return Promise.all(words.map(function (w) { return self.matchWord(w); })).then(function (matches) {
        return Promise.all(matches.map(function (m) {
          return Promise.all(Array.from(m.stems.keys()).map(function (s) { return self.entry(s); }));
        })).then(function (entriesPerWord) {
          var total = self.manifest.documents, scores = null;
          matches.forEach(function (m, w) {
            var factors = Array.from(m.stems.values()), wordScores = new Float64Array(total);
            entriesPerWord[w].forEach(function (e, i) {
              if (!e || !e.postings) return;
              var idf = Math.log(1 + total / e.postings.length) * factors[i];
              var p = decodePostings(e);
              for (var j = 0; j < p.docs.length; j++) {
                var score = p.weights[j] * idf;
                if (score > wordScores[p.docs[j]]) wordScores[p.docs[j]] = score;
              }
            });
            if (scores === null) {
              scores = wordScores;
            } else {
              for (var d = 0; d < total; d++) {
                scores[d] = scores[d] > 0 && wordScores[d] > 0 ? scores[d] + wordScores[d] : 0;
              }
            }
          });
          return { words: words, hits: rank(scores || new Float64Array(0)), matches: matches };
        });
      });
    });
  };

  // Documents with a score, best first, ties in document order. Each is
  // sorted by one number, (best - score) to a thousandth, then the
  // document: a native numeric sort, no comparator calls.
  function rank(scores) {
    var count = 0, best = 0, scale = 1, d;
    for (d = 0; d < scores.length; d++) {
      if (scores[d] > 0) count++;
      if (scores[d] > best) best = scores[d];
    }
    while (scale < scores.length) scale *= 2;
    var keys = new Float64Array(count), k = 0;
    for (d = 0; d < scores.length; d++) {
      if (scores[d] > 0) keys[k++] = Math.round((best - scores[d]) * 1000) * scale + d;
    }
    keys.sort();
    var hits = new Int32Array(count);
    for (k = 0; k < count; k++) hits[k] = keys[k] % scale;
    return hits;
  }

  // Document `n`: item n % per of docs/<n / per>.zlib, a zlib-compressed
  // JSON array shared by a few documents (one fetch serves them all).
  SearchIndex.prototype.doc = function (n) {
    var self = this, per = this.manifest.docs_per_file || 1, file = Math.floor(n / per);
    if (!this.docs.has(file)) {
      var url = this.root + "docs/" + file + ".zlib?v=" + this.manifest.build;
      this.docs.set(file, this.fetchJson(url, true).catch(function (error) {
        self.docs.delete(file);
        throw error;
      }));
    }
    return this.docs.get(file).then(function (docs) { return docs[n % per]; });
  };

  // Whether a folded word of a text is what the query asked for.
  SearchIndex.prototype.matcher = function (result) {
    var prefixes = result.words.slice();
    result.matches.forEach(function (m) {
      m.own.forEach(function (stem) { if (stem.length >= 3) prefixes.push(stem); });
    });
    return function (folded) {
      return prefixes.some(function (p) { return folded.startsWith(p); });
    };
  };

  // ---- marking ------------------------------------------------------------

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" }[c];
    });
  }

  // `text` as HTML with the matching words in <mark>.
  function markText(index, text, isMatch, from, to) {
    var html = "", at = from;
    index.tokenize(text.slice(from, to)).forEach(function (t) {
      if (!isMatch(t.folded)) return;
      html += escapeHtml(text.slice(at, from + t.start)) + "<mark>" +
        escapeHtml(text.slice(from + t.start, from + t.end)) + "</mark>";
      at = from + t.end;
    });
    return html + escapeHtml(text.slice(at, to));
  }

  // A window of the text around its first match, marked.
  function snippet(index, text, isMatch, length) {
    var tokens = index.tokenize(text), first = null;
    for (var i = 0; i < tokens.length; i++) {
      if (isMatch(tokens[i].folded)) { first = tokens[i]; break; }
    }
    var start = 0;
    if (first && first.start > length / 3) {
      start = first.start - Math.floor(length / 3);
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < first.start) start = space + 1;
    }
    var end = Math.min(text.length, start + length);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start) end = cut;
    }
    return (start > 0 ? "… " : "") + markText(index, text, isMatch, start, end).replace(/\n/g, " · ") +
      (end < text.length ? " …" : "");
  }

  // ---- the page -----------------------------------------------------------

  // JSON at `url`; `compressed`: zlib-compressed JSON.
  function fetchJson(url, compressed) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      if (!compressed) return response.json();
      return new Response(response.body.pipeThrough(new DecompressionStream("deflate"))).json();
    });
  }

  function countMessage(element, n) {
    var rules = new Intl.PluralRules(document.documentElement.lang || "en");
    var category = rules.select(n);
    var samples = [1, 2, 5].filter(function (s) { return rules.select(s) === category; });
    var sample = samples.length ? samples[0] : 5;
    var text = element.getAttribute("data-msg-count-" + sample) || String(n);
    return text.replace(String(sample), String(n));
  }

  function resultItem(index, isMatch, doc, id, snippetLength) {
    var item = document.createElement("li");
    item.className = "search-result";
    if (id) item.id = id;
    var link = document.createElement("a");
    link.href = doc.url;
    link.className = "search-result__link";
    // A fallback entry's text is in another language than the page.
    var lang = doc.lang ? ' lang="' + escapeHtml(doc.lang) + '"' : "";
    link.innerHTML = '<span class="search-result__title"' + lang + ">" +
      markText(index, doc.title, isMatch, 0, doc.title.length) +
      '</span> <span class="search-result__kind kind-' + escapeHtml(doc.kind) + '">' + escapeHtml(doc.label) +
      '</span><span class="search-result__snippet"' + lang + ">" +
      snippet(index, doc.text, isMatch, snippetLength) + "</span>";
    item.appendChild(link);
    return item;
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  // Arrow keys move between `links`; Up from the first goes back to `input`.
  function moveFocus(event, input, links) {
    var list = Array.prototype.slice.call(links);
    var at = list.indexOf(document.activeElement);
    if (event.key === "ArrowDown" && list.length) {
      list[Math.min(at + 1, list.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : list[at - 1]).focus();
    } else {
      return;
    }
    event.preventDefault();
  }

  function SearchPage(index, form) {
    var input = form.querySelector("[data-search-input]");
    var status = document.querySelector("[data-search-status]");
    var list = document.querySelector("[data-search-results]");
    var more = document.querySelector("[data-search-more]");
    var hint = status.textContent;
    var current = null, shown = 0, generation = 0;

    function showMore() {
      var result = current, isMatch = index.matcher(result);
      var slice = Array.from(result.hits.subarray(shown, shown + PAGE));
      shown += slice.length;
      return Promise.all(slice.map(function (n) { return index.doc(n); })).then(function (docs) {
        if (result !== current) return;
        docs.forEach(function (doc) { list.appendChild(resultItem(index, isMatch, doc, null, 200)); });
        more.hidden = shown >= result.hits.length;
      });
    }

    function run() {
      var query = input.value.trim();
      var url = new URL(window.location.href);
      if (query) url.searchParams.set("q", query); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url);
      var mine = ++generation;
      return index.search(query).then(function (result) {
        if (mine !== generation) return;
        if (!result.words.length) {
          current = null;
          list.textContent = "";
          more.hidden = true;
          status.textContent = hint;
          return;
        }
        current = result;
        shown = 0;
        list.textContent = "";
        status.textContent = result.hits.length ? countMessage(status, result.hits.length) : status.getAttribute("data-msg-none");
        return showMore();
      }).catch(function () {
        status.textContent = status.getAttribute("data-msg-error");
      });
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); run(); });
    input.addEventListener("input", debounce(run, 120));
    input.addEventListener("keydown", function (event) { moveFocus(event, input, list.querySelectorAll("a")); });
    list.addEventListener("keydown", function (event) { moveFocus(event, input, list.querySelectorAll("a")); });
    more.addEventListener("click", function () { showMore(); });
    var query = new URL(window.location.href).searchParams.get("q");
    if (query) { input.value = query; run(); }
    this.run = run;
  }

  // The header box: up to six results under it, arrow keys to move, Enter
  // to open one or, with none chosen, the search page.
  function InstantBox(index, form) {
    var input = form.querySelector("[data-search-box]");
    var panel = document.createElement("div");
    panel.className = "search-instant";
    panel.id = "search-instant";
    panel.hidden = true;
    var list = document.createElement("ul");
    list.setAttribute("role", "listbox");
    list.id = "search-instant-list";
    var status = document.createElement("p");
    status.className = "search-instant__status";
    var all = document.createElement("a");
    all.className = "search-instant__all";
    all.textContent = form.getAttribute("data-msg-all");
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(all);
    form.appendChild(panel);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", list.id);
    input.setAttribute("aria-autocomplete", "list");
    var active = -1, generation = 0;

    function options() { return list.querySelectorAll("[role=option]"); }

    function choose(n) {
      var items = options();
      active = n;
      Array.prototype.forEach.call(items, function (item, i) {
        item.setAttribute("aria-selected", i === n ? "true" : "false");
      });
      if (n >= 0 && items[n]) {
        input.setAttribute("aria-activedescendant", items[n].id);
        items[n].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function close() {
      panel.hidden = true;
      input.setAttribute("aria-expanded", "false");
      choose(-1);
    }

    function run() {
      var query = input.value.trim(), mine = ++generation;
      return index.search(query).then(function (result) {
        if (mine !== generation) return;
        if (!result.words.length) {
          close();
          return;
        }
        var isMatch = index.matcher(result);
        var top = Array.from(result.hits.subarray(0, 6));
        return Promise.all(top.map(function (n) { return index.doc(n); })).then(function (docs) {
          if (mine !== generation) return;
          list.textContent = "";
          docs.forEach(function (doc, i) {
            var item = resultItem(index, isMatch, doc, "search-instant-" + i, 120);
            item.setAttribute("role", "option");
            item.firstChild.tabIndex = -1;
            list.appendChild(item);
          });
          status.textContent = result.hits.length ? countMessage(form, result.hits.length) : form.getAttribute("data-msg-none");
          all.href = form.action + "?q=" + encodeURIComponent(query);
          all.hidden = result.hits.length <= docs.length;
          panel.hidden = false;
          input.setAttribute("aria-expanded", "true");
          choose(-1);
        });
      }).catch(function () {
        status.textContent = form.getAttribute("data-msg-error");
        list.textContent = "";
        panel.hidden = false;
      });
    }

    input.addEventListener("input", debounce(run, 80));
    input.addEventListener("focus", function () { index.load().catch(function () {}); });
    input.addEventListener("keydown", function (event) {
      var count = options().length;
      if (event.key === "ArrowDown" && !panel.hidden && count) {
        choose((active + 1) % count);
      } else if (event.key === "ArrowUp" && !panel.hidden && count) {
        choose(active <= 0 ? count - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0 && !panel.hidden) {
        window.location.href = options()[active].firstChild.href;
      } else if (event.key === "Escape") {
        close();
      } else {
        return;
      }
      event.preventDefault();
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) close();
    });
  }

  function start() {
    var box = document.querySelector("form[data-search-root]");
    if (!box) return;
    var root = new URL(box.getAttribute("data-search-root"), window.location.href).href;
    var index = new SearchIndex(root, fetchJson);
    var pageForm = document.querySelector("form[data-search-page]");
    var page = pageForm ? new SearchPage(index, pageForm) : null;
    new InstantBox(index, box);
    // "/" focuses the search field, as on many sites.
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey) return;
      if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return;
      event.preventDefault();
      (page ? pageForm.querySelector("[data-search-input]") : box.querySelector("[data-search-box]")).focus();
    });
    // For tests and measurements: the index and a query function.
    window.handbookSearch = { index: index, search: function (q) { return index.search(q); }, page: page };
  }

  if (typeof module !== "undefined" && module.exports) {
    module.exports = { SearchIndex: SearchIndex, snippet: snippet, markText: markText };
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
