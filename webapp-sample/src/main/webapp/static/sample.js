// Keeps the access token countdown on the character page live. No framework, no CDN.
(function () {
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function tick() {
    var els = document.querySelectorAll("time.countdown");
    for (var i = 0; i < els.length; i++) {
      var left = Math.floor((Date.parse(els[i].getAttribute("datetime")) - Date.now()) / 1000);
      els[i].textContent = left > 0 ? "in " + Math.floor(left / 60) + ":" + pad(left % 60)
          : "expired: refreshed on next use";
    }
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (document.querySelector("time.countdown")) {
      tick();
      setInterval(tick, 1000);
    }
  });
})();
