// Registers Vårdkoll's service worker (sw.js) and offers a new version with the
// reload prompt the app renders (src/pwa.rs: `.update-banner`, texts in the
// patient's language). A new worker waits until the patient accepts; then it
// takes over and the page reloads once into the new build. Plain JavaScript so
// the first page load does not carry the bindings for it.
const READY = "updateReady";

async function start() {
  if (!("serviceWorker" in navigator)) return; // the app works as before, only not offline
  let registration;
  try {
    registration = await navigator.serviceWorker.register("sw.js");
  } catch {
    return;
  }
  if (!registration) return;
  const offer = () => {
    // Only when an older worker runs the page: the very first install needs no prompt.
    if (registration.waiting && navigator.serviceWorker.controller) document.documentElement.dataset[READY] = "true";
  };
  offer();
  registration.addEventListener("updatefound", () => {
    const worker = registration.installing;
    worker?.addEventListener("statechange", () => worker.state === "installed" && offer());
  });
  document.addEventListener("click", (event) => {
    if (!event.target.closest?.(".update-banner button")) return;
    let reloading = false;
    navigator.serviceWorker.addEventListener("controllerchange", () => {
      if (!reloading) location.reload();
      reloading = true;
    });
    if (registration.waiting) registration.waiting.postMessage("skip-waiting");
    else location.reload();
  });
}

// Once the page has loaded and drawn what it was opened for (the app is there
// and no part of it is still busy loading; ten seconds at most): installing the
// worker downloads the whole app, both page chunks too, which must not compete
// with what the patient is waiting for on a first visit over a slow connection.
function whenSettled(then, waited = 0) {
  const busy = !document.querySelector("main") || document.querySelector("[aria-busy=true]");
  if (!busy || waited >= 10000) then();
  else setTimeout(() => whenSettled(then, waited + 250), 250);
}
const begin = () => whenSettled(start);
if (document.readyState === "complete") begin();
else addEventListener("load", begin, { once: true });
