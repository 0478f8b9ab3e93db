// Registers Vårdkoll's service worker (sw.js) and offers a new version with the
// reload prompt the app renders (src/app/update_banner.rs, shown while
// <html data-update-ready>). A new worker waits until the patient accepts; the
// prompt's button then lets it take over (src/platform/host.rs, take_update)
// and the page reloads once into the new build. The host-page contract is
// written down in src/platform/host.rs.
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
}

// Once the page has loaded and drawn what it was opened for (the app is there
// and no part of it is still busy loading; ten seconds at most): installing the
// worker downloads the whole app, every page's split too, which must not compete
// with what the patient is waiting for on a first visit over a slow connection.
function whenSettled(then, waited = 0) {
  const busy = !document.querySelector("main") || document.querySelector("[aria-busy=true]");
  if (!busy || waited >= 10000) then();
  else setTimeout(() => whenSettled(then, waited + 250), 250);
}
const begin = () => whenSettled(start);
if (document.readyState === "complete") begin();
else addEventListener("load", begin, { once: true });
