// The split points only the staff open (Vårdlotsen, Lediga tider): a patient's
// browser never downloads them. The service worker does not precache them, and
// the size report checks each against the page goal, outside the patients'
// total.
export const STAFF_PAGES = ["page_navigator", "page_free_times"];

/** Whether the build file `path` (relative to dist/) is a staff page's pack. */
export const isStaffOnly = (path) => STAFF_PAGES.some((page) => path.endsWith(`/${page}.pack`));
