// Deterministic benchmark data in the API's shapes: two services with 1,000
// provider rows each, and 21 region-wide rows.
const REGIONS = ["01", "03", "04", "05", "06", "07", "08", "09", "10", "12", "13", "14", "17", "18", "19", "20", "21", "22", "23", "24", "25"];
const TOWNS = [
  ["Stockholm", 59.33, 18.07], ["Göteborg", 57.71, 11.97], ["Malmö", 55.6, 13.0], ["Uppsala", 59.86, 17.64],
  ["Umeå", 63.83, 20.26], ["Luleå", 65.58, 22.15], ["Örebro", 59.27, 15.21], ["Linköping", 58.41, 15.62],
  ["Jönköping", 57.78, 14.16], ["Växjö", 56.88, 14.81], ["Kalmar", 56.66, 16.36], ["Visby", 57.64, 18.3],
];
export const PROVIDER_COUNT = 1000;
export const SERVICES = [
  { code: "bench-a", nameSv: "Benchmark A", nameEn: "Benchmark A", category: "operation", guarantee: "treatment", synonyms: [] },
  { code: "bench-b", nameSv: "Benchmark B", nameEn: "Benchmark B", category: "operation", guarantee: "treatment", synonyms: [] },
];

function random(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

export const PROVIDERS = Array.from({ length: PROVIDER_COUNT }, (_, i) => {
  const [town, lat, lon] = TOWNS[i % TOWNS.length];
  return {
    id: `p${String(i).padStart(4, "0")}`,
    name: `Vårdenhet ${String(i).padStart(4, "0")} ${town}`,
    regionCode: REGIONS[i % REGIONS.length],
    town,
    latitude: lat + ((i * 7) % 10) / 100,
    longitude: lon + ((i * 3) % 10) / 100,
    acceptsOtherRegions: i % 5 !== 0,
  };
});

export function statistics(serviceCode) {
  const next = random(serviceCode === "bench-a" ? 17 : 99);
  const row = (regionCode, providerId) => {
    const wait = Math.floor(next() * 300);
    const r = {
      serviceCode,
      regionCode,
      period: "2026-10",
      shareWithinLimit: Math.round(next() * 100) / 100,
      waiting: Math.floor(next() * 500),
      estimatedWaitDays: wait,
      freeCapacity: ["yes", "no", "unknown"][Math.floor(next() * 3)],
      reported: `2026-11-${String(1 + Math.floor(next() * 20)).padStart(2, "0")}`,
      sampleData: true,
    };
    if (providerId) r.providerId = providerId;
    return r;
  };
  return {
    serviceCode,
    sampleData: true,
    rows: [...PROVIDERS.map((p) => row(p.regionCode, p.id)), ...REGIONS.map((code) => row(code))],
  };
}
