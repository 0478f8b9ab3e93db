// The hand-written JavaScript baseline: the same provider table as Vårdkoll's
// (same elements, texts, keyed rows, sorting and filtering), with no framework,
// in the manner of js-framework-benchmark's vanilla implementation.
const REGION_NAMES = { "01": "Region Stockholm", "03": "Region Uppsala", "04": "Region Sörmland", "05": "Region Östergötland", "06": "Region Jönköpings län", "07": "Region Kronoberg", "08": "Region Kalmar län", "09": "Region Gotland", "10": "Region Blekinge", "12": "Region Skåne", "13": "Region Halland", "14": "Västra Götalandsregionen", "17": "Region Värmland", "18": "Region Örebro län", "19": "Region Västmanland", "20": "Region Dalarna", "21": "Region Gävleborg", "22": "Region Västernorrland", "23": "Region Jämtland Härjedalen", "24": "Region Västerbotten", "25": "Region Norrbotten" };
const CAPACITY = { yes: "Ja", no: "Nej", unknown: "Uppgift saknas" };
const CAPACITY_RANK = { no: 0, unknown: 1, yes: 2 };
const days = (d) => (d === 1 ? "1 dag" : `${d} dagar`);

// Like Vårdkoll, it sorts and filters all rows and shows the first `limit`.
const state = { service: null, data: {}, providers: new Map(), sort: "wait", descending: false, capacityOnly: false, epoch: 0, limit: 25 };
// The page around the table: by default baseline.html's own; the benchmark puts
// a static copy of Vårdkoll's rendered page there first, so both pages lay out
// the same document.
let tbody;
let caption;
let count;
let rendered = new Map(); // key -> tr

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The same row shape as Vårdkoll's (src/pages/wait_times/provider_rows.rs).
function createRow(row, service) {
  const tr = document.createElement("tr");
  const th = el("th");
  th.scope = "row";
  th.append(
    el("span", "provider-name", row.name),
    el("span", "provider-place", `${row.town}, ${REGION_NAMES[row.regionCode] ?? row.regionCode}`),
    el("span", "provider-note", row.acceptsOtherRegions ? "" : "Tar bara emot patienter från den egna regionen."),
  );
  const wait = el("td", null, row.estimatedWaitDays == null ? "Uppgift saknas" : days(row.estimatedWaitDays));
  wait.append(el("span", "versus", ""));
  const share = el("td", null, row.shareWithinLimit == null ? "Uppgift saknas" : `${Math.round(row.shareWithinLimit * 100)} %`);
  const waiting = el("td", null, row.waiting == null ? "Uppgift saknas" : String(row.waiting));
  const capacity = el("td");
  capacity.append(el("span", `capacity capacity--${row.freeCapacity}`, CAPACITY[row.freeCapacity]));
  const reported = el("td", null, row.reported);
  const actions = el("td", "actions");
  const trend = el("button", "button button--link", "Visa trend");
  trend.type = "button";
  trend.dataset.trend = row.providerId;
  const link = el("a", "button button--small", "Begär vård här");
  link.href = `/remiss?tjanst=${service}&vardgivare=${row.providerId}`;
  link.dataset.route = "";
  actions.append(trend, link);
  tr.append(th, wait, share, waiting, capacity, reported, actions);
  return tr;
}

function compare(a, b) {
  const dir = state.descending ? -1 : 1;
  const by = (x, y) => (x == null ? (y == null ? 0 : 1) : y == null ? -1 : x < y ? -dir : x > y ? dir : 0);
  let primary = 0;
  if (state.sort === "wait") primary = by(a.estimatedWaitDays, b.estimatedWaitDays);
  else if (state.sort === "capacity") primary = by(CAPACITY_RANK[a.freeCapacity], CAPACITY_RANK[b.freeCapacity]);
  return primary || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0) || (a.providerId < b.providerId ? -1 : 1);
}

function render() {
  const service = state.service;
  const rows = state.data[service];
  const matching = rows.filter((r) => !state.capacityOnly || r.freeCapacity === "yes").sort(compare);
  const visible = matching.slice(0, state.limit);
  caption.textContent = `${service}: väntetider per sjukhus och mottagning, senaste månaden`;
  count.textContent = `Visar ${visible.length} av ${matching.length} sjukhus och mottagningar.`;
  const next = new Map();
  for (const row of visible) {
    const key = `${state.epoch}:${row.providerId}`;
    next.set(key, rendered.get(key) ?? createRow(row, service));
  }
  // Nothing stays: clear the body in one call; else remove what goes.
  if (![...next.keys()].some((key) => rendered.has(key))) tbody.textContent = "";
  else for (const [key, tr] of rendered) if (!next.has(key)) tr.remove();
  // Place rows in order, moving only those out of place.
  let cursor = tbody.firstChild;
  for (const tr of next.values()) {
    if (tr === cursor) cursor = cursor.nextSibling;
    else tbody.insertBefore(tr, cursor);
  }
  rendered = next;
}

async function load(service) {
  if (!state.data[service]) {
    const page = await (await fetch(`/api/v1/statistics?service=${service}`)).json();
    state.data[service] = page.rows
      .filter((r) => r.providerId && state.providers.has(r.providerId))
      .map((r) => ({ ...r, ...state.providers.get(r.providerId), providerId: r.providerId }));
  }
}

window.baseline = {
  async init() {
    tbody = document.querySelector("table.provider-table tbody");
    caption = document.querySelector("table.provider-table caption");
    count = document.querySelector(".table-count, #count");
    tbody.replaceChildren();
    rendered = new Map();
    // One listener for the whole table, as js-framework-benchmark's vanilla version does.
    tbody.addEventListener("click", (e) => {
      if (e.target.closest("a[data-route]")) e.preventDefault();
    });
    const providers = await (await fetch("/api/v1/providers")).json();
    for (const p of providers) state.providers.set(p.id, p);
    await load("bench-a");
    await load("bench-b");
  },
  show(service) {
    state.service = service;
    state.epoch += 1;
    render();
  },
  toggleSort() {
    state.descending = !state.descending;
    render();
  },
  toggleCapacity() {
    state.capacityOnly = !state.capacityOnly;
    render();
  },
};
