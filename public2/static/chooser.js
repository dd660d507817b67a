// The language chooser: offers the reader's browser language first.
(function () {
  "use strict";
  var list = document.querySelector("[data-locales]");
  if (!list || !navigator.languages) return;
  var links = Array.prototype.slice.call(list.querySelectorAll("a[data-locale]"));
  for (var i = 0; i < navigator.languages.length; i++) {
    var wanted = navigator.languages[i].toLowerCase();
    for (var j = 0; j < links.length; j++) {
      var code = links[j].getAttribute("data-locale").toLowerCase();
      if (wanted === code || wanted.split("-")[0] === code) {
        links[j].parentNode.parentNode.insertBefore(links[j].parentNode, list.firstChild);
        links[j].classList.add("is-preferred");
        return;
      }
    }
  }
})();
