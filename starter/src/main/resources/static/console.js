// Keeps a job page current without reloading it: polls the job's progress every two seconds and,
// when the job has moved on, fetches the page again and swaps in its main section.
(function () {
  "use strict";
  var INTERVAL_MS = 2000;
  var live = document.getElementById("live");

  function current() {
    return document.getElementById("job");
  }

  function refresh() {
    return fetch(window.location.pathname, { credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("job");
        var comment = document.getElementById("comment");
        var typing = comment && comment === document.activeElement && comment.value;
        if (fresh && !typing) {
          current().replaceWith(document.adoptNode(fresh));
        }
      });
  }

  function poll() {
    var job = current();
    if (!job || !job.dataset.progressUrl) { return; }
    fetch(job.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) { return null; }
        if (progress.version !== current().dataset.version) {
          if (live) { live.textContent = "Updated: " + progress.stage + ", revision " + progress.revision; }
          return refresh().then(function () { return progress; });
        }
        return progress;
      })
      .catch(function () { return null; })
      .then(function (progress) {
        if (!progress || !progress.final || progress.version !== current().dataset.version) {
          window.setTimeout(poll, INTERVAL_MS);
        }
      });
  }

  window.setTimeout(poll, INTERVAL_MS);
})();
