// The self-check quiz: plain JavaScript, no network. Without JavaScript the
// questions still show; with it, each answer is checked, every option's
// explanation is shown, and a score comes at the end.
(function () {
  "use strict";
  var form = document.querySelector("[data-quiz]");
  if (!form) return;
  var questions = Array.prototype.slice.call(form.querySelectorAll("[data-question]"));
  var scores = (form.getAttribute("data-scores") || "").split("|");
  var result = form.querySelector("[data-result]");
  var modes = form.querySelector("[data-quiz-modes]");
  var mode = "one";
  var answered = 0;
  var correct = 0;

  function show(index) {
    questions.forEach(function (q, i) { q.hidden = mode === "one" && i !== index; });
  }

  function reset() {
    answered = 0; correct = 0;
    result.hidden = true;
    questions.forEach(function (q) {
      q.removeAttribute("data-done");
      q.querySelector("[data-actions]").hidden = false;
      q.querySelector("[data-check]").hidden = false;
      q.querySelector("[data-next]").hidden = true;
      q.querySelector("[data-feedback]").textContent = "";
      Array.prototype.forEach.call(q.querySelectorAll("[data-option]"), function (o) {
        o.classList.remove("is-correct", "is-wrong");
        o.querySelector("[data-explanation]").hidden = true;
        var input = o.querySelector("input");
        input.checked = false; input.disabled = false;
      });
    });
    show(0);
  }

  function finish() {
    result.hidden = false;
    result.querySelector("[data-score]").textContent = scores[correct] || (correct + " / " + questions.length);
    result.querySelector("[data-restart]").focus();
  }

  function check(q, index) {
    var chosen = q.querySelector("input:checked");
    var feedback = q.querySelector("[data-feedback]");
    if (!chosen) { feedback.textContent = form.getAttribute("data-msg-choose"); return; }
    var option = chosen.closest("[data-option]");
    var right = option.getAttribute("data-correct") === "yes";
    Array.prototype.forEach.call(q.querySelectorAll("[data-option]"), function (o) {
      var isRight = o.getAttribute("data-correct") === "yes";
      if (isRight) o.classList.add("is-correct");
      if (o === option && !isRight) o.classList.add("is-wrong");
      o.querySelector("[data-explanation]").hidden = false;
      o.querySelector("input").disabled = true;
    });
    feedback.textContent = form.getAttribute(right ? "data-msg-right" : "data-msg-wrong");
    q.setAttribute("data-done", "");
    answered += 1;
    if (right) correct += 1;
    q.querySelector("[data-check]").hidden = true;
    var next = q.querySelector("[data-next]");
    if (answered === questions.length) {
      finish();
    } else if (mode === "one") {
      next.hidden = false;
      next.focus();
    }
  }

  questions.forEach(function (q, index) {
    q.querySelector("[data-actions]").hidden = false;
    q.querySelector("[data-check]").addEventListener("click", function () { check(q, index); });
    q.querySelector("[data-next]").addEventListener("click", function () {
      var following = questions[index + 1];
      if (!following) return;
      show(index + 1);
      var first = following.querySelector("input");
      if (first) first.focus();
    });
  });
  form.addEventListener("keydown", function (event) {
    // Enter on a chosen answer checks it, as a click on "Check" would.
    if (event.key !== "Enter" || !event.target.matches("input[type=radio]")) return;
    event.preventDefault();
    var q = event.target.closest("[data-question]");
    if (!q.hasAttribute("data-done")) check(q, questions.indexOf(q));
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  result.querySelector("[data-restart]").addEventListener("click", reset);
  modes.hidden = false;
  Array.prototype.forEach.call(modes.querySelectorAll("[data-mode]"), function (button) {
    button.addEventListener("click", function () {
      mode = button.getAttribute("data-mode");
      Array.prototype.forEach.call(modes.querySelectorAll("[data-mode]"), function (b) {
        var on = b === button;
        b.setAttribute("aria-pressed", on ? "true" : "false");
        b.classList.toggle("button-quiet", !on);
      });
      var firstOpen = questions.findIndex(function (q) { return !q.hasAttribute("data-done"); });
      show(firstOpen < 0 ? 0 : firstOpen);
    });
  });
  reset();
})();
