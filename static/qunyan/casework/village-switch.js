// Forms that list a village's team members: choosing another village reloads the form with
// that village's people (a town has hundreds; one village a few dozen).
document.addEventListener("DOMContentLoaded", function () {
  var form = document.querySelector("form[data-village-switch]");
  if (!form) return;
  var select = form.querySelector("select[name=village]");
  if (!select) return;
  select.addEventListener("change", function () {
    var url = new URL(window.location.href);
    url.searchParams.set("village", select.value);
    window.location.assign(url.toString());
  });
});
