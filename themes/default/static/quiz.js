// The self-check quiz: plain JavaScript, no network, no dependencies.
//
// Without JavaScript every question shows (the page says the answers need
// it). With it, the reader answers one question at a time or all at once;
// checking an answer shows every option's explanation and marks the right
// one; when every question is answered, the score appears. The score texts
// come ready-made from the page (one per possible score, through Fluent),
// so plurals are right in every language without any plural logic here.
//
// All state lives in `state`; `render()` makes the page match it.
(function () {
  "use strict";
  var form = document.querySelector("[data-quiz]");
  if (!form) return;

  var each = function (list, f) { Array.prototype.forEach.call(list, f); };
  var questions = Array.prototype.map.call(form.querySelectorAll("[data-question]"), function (el) {
    return {
      el: el,
      options: el.querySelectorAll("[data-option]"),
      feedback: el.querySelector("[data-feedback]"),
      check: el.querySelector("[data-check]"),
      next: el.querySelector("[data-next]"),
      done: false,
      right: false
    };
  });
  var result = form.querySelector("[data-result]");
  var score = result.querySelector("[data-score]");
  var modeButtons = form.querySelectorAll("[data-mode]");
  var state = { mode: "one", current: 0 };

  function answered() { return questions.filter(function (q) { return q.done; }).length; }
  function correct() { return questions.filter(function (q) { return q.right; }).length; }

  // The next unanswered question after `from`, wrapping; -1 when none is left.
  function nextOpen(from) {
    for (var step = 1; step <= questions.length; step += 1) {
      var i = (from + step) % questions.length;
      if (!questions[i].done) return i;
    }
    return -1;
  }

  function render() {
    var finished = answered() === questions.length;
    questions.forEach(function (q, i) {
      q.el.hidden = state.mode === "one" && i !== state.current;
      q.check.hidden = q.done;
      q.next.hidden = !(state.mode === "one" && q.done && !finished);
      q.el.querySelector("[data-actions]").hidden = q.done && q.next.hidden;
    });
    each(modeButtons, function (b) {
      var on = b.getAttribute("data-mode") === state.mode;
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.classList.toggle("button-quiet", !on);
    });
    result.hidden = !finished;
    if (finished) {
      var text = result.querySelector('[data-score-for="' + correct() + '"]');
      score.textContent = text ? text.textContent : correct() + " / " + questions.length;
    }
  }

  function focusFirstOption(q) {
    var input = q.el.querySelector("input:checked") || q.el.querySelector("input");
    if (input) input.focus();
  }

  function check(q) {
    if (q.done) return;
    var chosen = q.el.querySelector("input:checked");
    if (!chosen) {
      q.feedback.textContent = form.getAttribute("data-msg-choose");
      focusFirstOption(q);
      return;
    }
    var picked = chosen.closest("[data-option]");
    q.right = picked.getAttribute("data-correct") === "yes";
    q.done = true;
    each(q.options, function (o) {
      var isRight = o.getAttribute("data-correct") === "yes";
      o.classList.toggle("is-correct", isRight);
      o.classList.toggle("is-wrong", o === picked && !isRight);
      o.querySelector("[data-explanation]").hidden = false;
      o.querySelector("input").disabled = true;
    });
    q.feedback.textContent = form.getAttribute(q.right ? "data-msg-right" : "data-msg-wrong");
    render();
    // Keep keyboard focus somewhere useful: the way on, or the result.
    if (answered() === questions.length) {
      result.focus();
    } else if (state.mode === "one") {
      q.next.focus();
    } else {
      q.feedback.focus();
    }
  }

  function goNext(index) {
    var following = nextOpen(index);
    if (following < 0) return;
    state.current = following;
    render();
    focusFirstOption(questions[following]);
  }

  function restart() {
    questions.forEach(function (q) {
      q.done = false;
      q.right = false;
      q.feedback.textContent = "";
      each(q.options, function (o) {
        o.classList.remove("is-correct", "is-wrong");
        o.querySelector("[data-explanation]").hidden = true;
        var input = o.querySelector("input");
        input.checked = false;
        input.disabled = false;
      });
    });
    state.current = 0;
    render();
    focusFirstOption(questions[0]);
  }

  questions.forEach(function (q, index) {
    q.check.addEventListener("click", function () { check(q); });
    q.next.addEventListener("click", function () { goNext(index); });
    q.feedback.setAttribute("tabindex", "-1");
  });
  form.addEventListener("keydown", function (event) {
    // Enter on an answer checks it, as "Check" would (and never submits).
    if (event.key !== "Enter" || !event.target.matches("input[type=radio]")) return;
    event.preventDefault();
    var q = questions.filter(function (x) { return x.el.contains(event.target); })[0];
    if (q) check(q);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  result.querySelector("[data-restart]").addEventListener("click", restart);
  result.setAttribute("tabindex", "-1");
  each(modeButtons, function (button) {
    button.addEventListener("click", function () {
      state.mode = button.getAttribute("data-mode");
      if (state.mode === "one" && questions[state.current].done) {
        var open = nextOpen(state.current);
        if (open >= 0) state.current = open;
      }
      render();
    });
  });
  form.querySelector("[data-quiz-modes]").hidden = false;
  form.classList.add("is-interactive");
  render();
})();
