// handbook serve: reloads the page when a new build is live and shows the
// errors of a failed build over it. `handbook serve` injects this into HTML
// responses only; files written by `handbook build` never contain it.
(function () {
  "use strict";
  var generation = Number(document.currentScript.dataset.generation);
  var overlayId = "handbook-build-error";

  function hideOverlay() {
    var overlay = document.getElementById(overlayId);
    if (overlay) overlay.remove();
  }

  function showOverlay(diagnostics) {
    hideOverlay();
    var overlay = document.createElement("div");
    overlay.id = overlayId;
    overlay.lang = "en";
    overlay.setAttribute("role", "alertdialog");
    overlay.setAttribute("aria-labelledby", overlayId + "-title");
    // Opaque: the last good page behind it would only distract (Hide shows it).
    overlay.style.cssText =
      "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
      "background:#181818;color:#f5f5f5;font:15px/1.45 system-ui,sans-serif";
    var title = document.createElement("h2");
    title.id = overlayId + "-title";
    title.style.cssText = "margin:0 0 .5rem;color:#ff8a80;font-size:1.3rem";
    title.textContent = "The build failed";
    var note = document.createElement("p");
    note.style.cssText = "margin:0 0 1rem";
    note.textContent =
      "This page is the last good build. Fix the file and save: the page reloads by itself.";
    var text = document.createElement("pre");
    // `pre`, not `pre-wrap`: the carets under a snippet must stay aligned.
    text.style.cssText =
      "margin:0;padding:1rem;background:#000;border-radius:4px;white-space:pre;overflow-x:auto;" +
      "font:13px/1.4 ui-monospace,monospace";
    // textContent, never innerHTML: the diagnostics quote the user's files.
    text.textContent = diagnostics;
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Hide";
    close.style.cssText = "float:right;font:inherit;padding:.2rem .8rem";
    close.addEventListener("click", hideOverlay);
    overlay.append(close, title, note, text);
    document.body.append(overlay);
  }

  var events = new EventSource("/__handbook/events");
  events.addEventListener("reload", function (event) {
    var status = JSON.parse(event.data);
    if (status.generation !== generation) {
      location.reload();
    } else {
      hideOverlay();
    }
  });
  events.addEventListener("build-error", function (event) {
    showOverlay(JSON.parse(event.data).diagnostics);
  });
})();
