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

// After the page has loaded: installing the worker downloads the whole app
// (both page chunks too), which must not compete with the page's own files on a
// first visit over a slow connection.
if (document.readyState === "complete") start();
else addEventListener("load", start, { once: true });
