// Saves an application's draft as the applicant types. Without this script the Save button does the same.
// When the connection drops, what was typed is kept in this browser and sent when it comes back. The words
// shown come from the page (data-* attributes), in the applicant's language.
(function () {
  "use strict";
  var form = document.querySelector("form[data-autosave]");
  if (!form || !window.fetch || !window.FormData) return;
  var status = form.querySelector("[data-status]");
  var key = form.dataset.key + ":" + form.elements.section.value;
  var timer = null, busy = false, again = false, stopped = false;

  function say(text) { if (status) status.textContent = text; }
  function entries() {
    var list = [];
    new FormData(form).forEach(function (value, name) {
      if (typeof value === "string" && name !== "csrfmiddlewaretoken") list.push([name, value]);
    });
    return list;
  }
  function keep() {
    try { localStorage.setItem(key, JSON.stringify({ revision: form.elements.revision.value, entries: entries() })); }
    catch (e) { /* storage full or disabled: the Save button still works */ }
  }
  function save() {
    if (stopped) return;
    if (busy) { again = true; return; }
    busy = true;
    say(form.dataset.saving);
    fetch(form.dataset.autosave, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, code: response.status, data: data }; });
      })
      .then(function (answer) {
        if (answer.ok) {
          form.elements.revision.value = answer.data.revision;
          try { localStorage.removeItem(key); } catch (e) { /* nothing kept */ }
          say(answer.data.saved);
        } else {
          if (answer.code === 409) stopped = true;
          say(answer.data.error || form.dataset.failed);
        }
      })
      .catch(function () { keep(); say(form.dataset.offline); })
      .then(function () { busy = false; if (again) { again = false; save(); } });
  }
  function later() { clearTimeout(timer); keep(); timer = setTimeout(save, 1500); }
  function now() { clearTimeout(timer); keep(); save(); }

  // While typing, a pause saves; leaving a field (or a choice made) saves at once.
  form.addEventListener("input", later);
  form.addEventListener("change", now);
  window.addEventListener("online", function () { if (localStorage.getItem(key)) save(); });

  // What this browser kept while offline goes back into the form and to the server.
  var kept = null;
  try { kept = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { kept = null; }
  if (kept && kept.revision === form.elements.revision.value) {
    var checked = {};
    kept.entries.forEach(function (pair) {
      var field = form.elements[pair[0]];
      if (!field) return;
      if (field.length !== undefined && !field.tagName) {  // radios and checkboxes of one name
        Array.prototype.forEach.call(field, function (box) {
          if (!checked[pair[0]]) box.checked = false;
          if (box.value === pair[1]) box.checked = true;
        });
        checked[pair[0]] = true;
      } else if (field.type === "checkbox") {
        field.checked = true;
      } else if (pair[0] !== "section") {
        field.value = pair[1];
      }
    });
    save();
  }
})();
