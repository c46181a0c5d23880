// Writes prisma/demo/benchmarks.csv: invented, pseudonymous benchmarking results that reproduce
// the published figures of the RCES 2017 report for the Arctic region (Troms and Finnmark),
// compared with Nordland and the national Norway portfolio.
//
//   node scripts/generate-demo-benchmarks.mjs            (writes the file)
//   node scripts/generate-demo-benchmarks.mjs --check    (fails if the file on disk differs)
//
// Deterministic: no clock, no Math.random. Every value is chosen from a traffic light that is
// decided here by hand (Arctic, cluster by cluster) or by a per-indicator green count (Nordland,
// the rest of Norway), then a value inside that light's band of the default catalogue
// (prisma/catalogues/rces-2017.json) is picked with a PRNG seeded by the cluster id and date.
//
// Published figures this data must give as of 2017-09-01 (checked by test/unit/demo-figures.test.ts):
//   arctic   6 clusters, 89 green of 186 cells = 47.8; Sustainability 1 of 6 = 16.7 (red);
//            Embedment 12 of 30 = 40.0; 41.0 members, 0.8 FTE, 42.0 % public funding;
//            4 of 6 independent legal entities (S4); most funding horizons (SU1) under 12 months.
//   nordland 7 clusters, 49.0 % public funding.
//   norway   28 clusters (6 Arctic + 7 Nordland + 15 others), 47.0 % public funding.
// And the report's picture: Arctic at or above the others on Structure and Strategy, clearly
// worst on Capacity (understaffed: one green C1), weaker on Services, Cooperation, Dynamics and
// Embedment; Nordland and Norway Sustainability around 50; training days (C3) low everywhere.

import { prng } from "./prng.mjs";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");
const catalogue = JSON.parse(readFileSync(path.join(root, "prisma/catalogues/rces-2017.json"), "utf8"));
const OUT = path.join(root, "prisma/demo/benchmarks.csv");

const INDICATORS = catalogue.indicators; // catalogue order, C1 included (derived)
const CODES = INDICATORS.map((i) => i.code);
const COLUMN_CODES = INDICATORS.filter((i) => !i.derived).map((i) => i.code);

// ---------------------------------------------------------------------------------------------
// Value ranges per number indicator: [min, max, decimals]. The band of a light inside the range
// comes from the catalogue thresholds (green / yellow, better higher or lower).
const RANGES = {
  S1: [10, 150, 0], // = members (set from the key facts, see below)
  S2: [30, 90, 0],
  S3: [0, 8, 0],
  S5: [-12, 35, 0],
  ST2: [5, 90, 0],
  ST4: [2, 40, 0],
  C2: [0.5, 14, 1],
  C3: [0, 8, 1],
  C4: [0, 80, 0],
  A1: [0, 6, 0],
  A2: [0, 45, 0],
  A4: [0, 7, 0],
  CO1: [0, 8, 0],
  CO2: [10, 85, 0],
  CO3: [0.5, 8, 1],
  CO4: [0, 10, 0],
  E1: [1, 20, 0],
  E4: [0, 6, 0],
  E5: [0, 7, 0],
  D1: [0, 25, 0],
  D2: [0, 5, 0],
  D3: [0, 5, 0],
  D4: [0, 40, 0],
  SU1: [3, 36, 0],
};

// ---------------------------------------------------------------------------------------------
// Deterministic values, seeded per assessment so that adding a cluster moves nothing.

// Integer steps avoid floating point: a value with d decimals is handled as an integer of 10^-d.
function pickIn(random, lo, hi, decimals) {
  const f = 10 ** decimals;
  const a = Math.ceil(lo * f - 1e-9);
  const b = Math.floor(hi * f + 1e-9);
  if (a > b) throw new Error(`empty range [${lo}, ${hi}]`);
  const n = a + Math.floor(random() * (b - a + 1));
  return (n / f).toFixed(decimals);
}

/** A value text of indicator `code` that gets `light`. */
function valueFor(code, light, random) {
  const indicator = INDICATORS.find((i) => i.code === code);
  if (indicator.kind === "boolean") {
    if (light === "yellow") throw new Error(`${code} is yes/no: no yellow`);
    return light === "green" ? "yes" : "no";
  }
  if (indicator.kind === "level") {
    const level = Object.keys(indicator.levels).find((key) => indicator.levels[key] === light);
    if (!level) throw new Error(`${code} has no ${light} level`);
    return level;
  }
  const [min, max, decimals] = RANGES[code];
  const step = 1 / 10 ** decimals;
  const { green: g, yellow: y } = indicator;
  const bands =
    indicator.better === "higher"
      ? { green: [g, max], yellow: [y, g - step], red: [min, y - step] }
      : { green: [min, g], yellow: [g + step, y], red: [y + step, max] };
  const [lo, hi] = bands[light];
  return pickIn(random, lo, hi, decimals);
}

/** The light a number value gets (to check S1 and C1, which follow from the key facts). */
function lightOfNumber(code, value) {
  const { better, green, yellow } = INDICATORS.find((i) => i.code === code);
  const meets = (t) => (better === "higher" ? value >= t : value <= t);
  return meets(green) ? "green" : meets(yellow) ? "yellow" : "red";
}

/** C1 light from FTE in tenths and members, in integers: fte/members*50 >= 2 <=> fte10*5 >= 2*members. */
function c1Light(fte10, members) {
  if (fte10 * 5 >= 2 * members) return "green";
  if (fte10 * 10 >= 3 * members) return "yellow";
  return "red";
}

/** FTE text (one decimal, 0.2 to 4.0) for `members` that gives C1 `light`. */
function fteFor(light, members, random) {
  const candidates = [];
  for (let fte10 = 2; fte10 <= 40; fte10++) if (c1Light(fte10, members) === light) candidates.push(fte10);
  if (!candidates.length) throw new Error(`no FTE in 0.2..4 gives C1 ${light} for ${members} members`);
  // stay near the threshold (a plausible small team), not at the top of the range
  const near = light === "red" ? candidates.slice(-Math.max(1, Math.ceil(candidates.length / 2))) : candidates.slice(0, 4);
  return (near[Math.floor(random() * near.length)] / 10).toFixed(1);
}

const LETTER = { g: "green", y: "yellow", r: "red" };

// ---------------------------------------------------------------------------------------------
// ARCTIC (Troms and Finnmark): six clusters, lights chosen by hand. Three mature clusters (former
// Arena members) and three young initiatives. All assessed March to August 2017.
//
// Lights per dimension, catalogue order (S1-S5 ST1-ST4 C1-C4 A1-A4 CO1-CO4 E1-E5 D1-D4 SU1).
// S1 follows from members (50+ green, 30+ yellow) and C1 from fte/members x 50 (2 green, 1.5
// yellow): both letters are checked against the key facts below.
//
// Greens per dimension over the six (cells): structure 21 (30), strategy 19 (24), capacity 6 (24),
// services 8 (24), cooperation 11 (24), embedment 12 (30), dynamics 11 (24), sustainability 1 (6)
// = 89 of 186 = 47.8.
const ARCTIC = [
  // mature: large, experienced team, but one FTE-ish team for 85 members
  { cluster: "arc-tromso-marine", name: "Tromsø Marine Tech Cluster", assessedOn: "2017-03-14",
    members: 85, potential: 220, fte: "1.4", publicFunding: 30, sme: 90,
    lights: "ggggy gggg rgyg grgg ggrg gggrg ygrg g" },
  { cluster: "arc-alta-experience", name: "Alta Arctic Experience Cluster", assessedOn: "2017-04-05",
    members: 42, potential: 110, fte: "0.8", publicFunding: 35, sme: 85,
    lights: "ygggg gggg rgry yggy ygrg gyygr rggg y" },
  { cluster: "arc-hammerfest-energy", name: "Hammerfest Energy Supply Cluster", assessedOn: "2017-04-26",
    members: 36, potential: 90, fte: "0.6", publicFunding: 40, sme: 80,
    lights: "ygggg gggy rgrg yyrg ryrr gyrgy ryrr r" },
  // young initiatives
  { cluster: "arc-kirkenes-barents", name: "Kirkenes Barents Logistics Cluster", assessedOn: "2017-05-18",
    members: 33, potential: 95, fte: "0.5", publicFunding: 50, sme: 75,
    lights: "yggrg ggyg ryrr ryrg ygyg ygyrg rggy r" },
  { cluster: "arc-harstad-offshore", name: "Harstad Offshore Services Cluster", assessedOn: "2017-06-08",
    members: 28, potential: 70, fte: "0.6", publicFunding: 45, sme: 88,
    lights: "rgggg ggyg ryry rrgr rgyg ryygy rggy r" },
  { cluster: "arc-vadso-food", name: "Vadsø Arctic Food Cluster", assessedOn: "2017-08-22",
    members: 22, potential: 56, fte: "0.9", publicFunding: 52, sme: 82,
    lights: "rgyrg ggrr grrr rrry rggy ryryg rggr r" },
];
// Only Tromsø is green on SU1 (a secured horizon of 24 months or more); Alta is yellow (12 to 23);
// four are red, under 12 months. S4 (independent legal entity) is yes for four: Tromsø, Alta,
// Hammerfest, Harstad (the two others are hosted by a municipality or a business garden).

// ---------------------------------------------------------------------------------------------
// NORDLAND (7) and the OTHER NORWAY clusters (15): greens per indicator (catalogue order, C1
// included), spread over the clusters by rotation: indicator i gives its greens to clusters
// start, start+1, ... (start = 3i mod n); of the rest, two in three are yellow, one red (yes/no
// indicators: red). S1 sets members and C1 sets fte.
//                      S1 S2 S3 S4 S5  ST1 ST2 ST3 ST4  C1 C2 C3 C4  A1 A2 A3 A4  CO1 CO2 CO3 CO4  E1 E2 E3 E4 E5  D1 D2 D3 D4  SU1
const NORDLAND_GREENS = [3, 6, 6, 5, 4,  7, 5, 4, 4,    4, 5, 1, 4,  2, 2, 4, 4,  3, 5, 3, 5,      4, 5, 4, 5, 4,  2, 4, 5, 3,    4];
const OTHERS_GREENS   = [8, 12, 12, 11, 8, 14, 11, 9, 9, 9, 12, 3, 10, 8, 7, 10, 11, 9, 11, 9, 11,  8, 8, 7, 10, 9, 7, 11, 10, 8,  9];

const NORDLAND = [
  { cluster: "ndl-bodo-digital", name: "Bodø Digital Cluster", assessedOn: "2017-02-21", publicFunding: 44,
    blank: ["C3"] },
  { cluster: "ndl-morana-metal", name: "Mo i Rana Metal Industry Cluster", assessedOn: "2017-05-23", publicFunding: 38,
    earlier: "2016-05-10" },
  { cluster: "ndl-narvik-logistics", name: "Narvik Arctic Logistics Cluster", assessedOn: "2016-10-11", publicFunding: 52,
    blank: ["D4"] },
  { cluster: "ndl-mosjoen-materials", name: "Mosjøen Materials Cluster", assessedOn: "2016-11-29", publicFunding: 47 },
  { cluster: "ndl-lofoten-tourism", name: "Lofoten Experience Cluster (Svolvær)", assessedOn: "2017-01-17", publicFunding: 57 },
  { cluster: "ndl-sandnessjoen-supply", name: "Sandnessjøen Offshore Base Cluster", assessedOn: "2017-03-07", publicFunding: 50 },
  { cluster: "ndl-bronnoysund-aqua", name: "Brønnøysund Aquaculture Cluster", assessedOn: "2016-09-13", publicFunding: 55 },
];

const OTHERS = [
  { cluster: "nat-bergen-subsea", name: "Bergen Subsea Cluster", assessedOn: "2016-09-20", publicFunding: 35, earlier: "2014-06-12" },
  { cluster: "nat-stavanger-energy", name: "Stavanger Energy Technology Cluster", assessedOn: "2016-11-08", publicFunding: 40, earlier: "2014-10-02" },
  { cluster: "nat-trondheim-ocean", name: "Trondheim Ocean Space Cluster", assessedOn: "2017-06-15", publicFunding: 42, earlier: "2015-09-01" },
  { cluster: "nat-oslo-health", name: "Oslo Health Innovation Cluster", assessedOn: "2015-02-10", publicFunding: 44 },
  { cluster: "nat-kongsberg-systems", name: "Kongsberg Systems Engineering Cluster", assessedOn: "2016-04-12", publicFunding: 45, earlier: "2014-03-18" },
  { cluster: "nat-alesund-maritime", name: "Ålesund Maritime Design Cluster", assessedOn: "2014-11-25", publicFunding: 46 },
  { cluster: "nat-kristiansand-process", name: "Kristiansand Process Industry Cluster", assessedOn: "2015-05-19", publicFunding: 48 },
  { cluster: "nat-raufoss-manufacturing", name: "Raufoss Manufacturing Cluster", assessedOn: "2015-10-06", publicFunding: 50 },
  { cluster: "nat-halden-energy", name: "Halden Smart Energy Cluster", assessedOn: "2016-01-26", publicFunding: 50, blank: ["CO3"] },
  { cluster: "nat-lillehammer-tourism", name: "Lillehammer Mountain Tourism Cluster", assessedOn: "2016-06-07", publicFunding: 52, blank: ["A2"] },
  { cluster: "nat-haugesund-maritime", name: "Haugesund Maritime Supply Cluster", assessedOn: "2016-10-18", publicFunding: 53 },
  { cluster: "nat-grenland-materials", name: "Grenland Materials Cluster (Porsgrunn)", assessedOn: "2017-01-31", publicFunding: 54 },
  { cluster: "nat-hamar-agrifood", name: "Hamar Agrifood Cluster", assessedOn: "2017-03-28", publicFunding: 55 },
  { cluster: "nat-sogndal-food", name: "Sogndal Fruit and Food Cluster", assessedOn: "2017-05-09", publicFunding: 53, blank: ["E1"] },
  // assessed on the as-of date itself: "on or before" counts it
  { cluster: "nat-molde-logistics", name: "Molde Logistics Cluster", assessedOn: "2017-09-01", publicFunding: 54 },
];
// First benchmarked after 2017-09-01: not in the as-of 2017-09-01 scorecard.
const LATE = { cluster: "nat-drammen-cleantech", name: "Drammen Cleantech Cluster", assessedOn: "2017-11-15", publicFunding: 60 };

// ---------------------------------------------------------------------------------------------

function parseLights(text, where) {
  const letters = text.replace(/\s+/g, "");
  if (letters.length !== CODES.length) throw new Error(`${where}: ${letters.length} lights, expected ${CODES.length}`);
  return Object.fromEntries(CODES.map((code, i) => [code, LETTER[letters[i]] ?? fail(`${where}: bad light ${letters[i]}`)]));
}
function fail(message) {
  throw new Error(message);
}

/** Lights by rotation: greens[i] of n clusters green for indicator i. */
function rotationLights(greens, n) {
  const lights = Array.from({ length: n }, () => ({}));
  CODES.forEach((code, i) => {
    const boolean = INDICATORS[i].kind === "boolean";
    const start = (3 * i) % n;
    for (let k = 0; k < n; k++) {
      const cluster = (start + k) % n;
      const other = k - greens[i];
      lights[cluster][code] = k < greens[i] ? "green" : boolean || other % 3 === 2 ? "red" : "yellow";
    }
  });
  return lights;
}

function row({ cluster, name, portfolios, assessedOn, members, potential, fte, publicFunding, sme, values }) {
  return { cluster, name, portfolios, assessed_on: assessedOn, members: String(members), potential_members: String(potential),
    fte, public_funding_pct: String(publicFunding), sme_pct: String(sme), ...values };
}

/** Values of every column indicator from lights; S1 = members. */
function valuesFrom(lights, members, seed, blank = []) {
  const random = prng(`${seed}/values`);
  const values = {};
  for (const code of COLUMN_CODES) {
    if (code === "S1") values.S1 = String(members);
    else values[code] = valueFor(code, lights[code], random);
  }
  for (const code of blank) {
    if (lights[code] === "green") throw new Error(`${seed}: blank ${code} would remove a green light`);
    values[code] = "";
  }
  return values;
}

const rows = [];

// Arctic: by hand.
for (const c of ARCTIC) {
  const lights = parseLights(c.lights, c.cluster);
  const s1 = lightOfNumber("S1", c.members);
  if (s1 !== lights.S1) throw new Error(`${c.cluster}: S1 is ${s1} for ${c.members} members, lights say ${lights.S1}`);
  const c1 = c1Light(Math.round(Number(c.fte) * 10), c.members);
  if (c1 !== lights.C1) throw new Error(`${c.cluster}: C1 is ${c1} for ${c.fte} FTE / ${c.members}, lights say ${lights.C1}`);
  rows.push(row({ ...c, portfolios: "arctic;norway", values: valuesFrom(lights, c.members, `${c.cluster}@${c.assessedOn}`) }));
}

/** Key facts and values of a rotation-group cluster from its lights. */
function generated(c, lights, portfolios) {
  const random = prng(`${c.cluster}@${c.assessedOn}/facts`);
  let members = Number(valueFor("S1", lights.S1, random));
  if (lights.S1 === "green") members = Math.min(members, 50 + Math.floor(random() * 51)); // 50..100
  const fte = fteFor(lights.C1, members, random);
  const potential = Math.round(members * (1.8 + random() * 1.7));
  const sme = 60 + Math.floor(random() * 31);
  return row({ ...c, portfolios, members, potential, fte, sme, values: valuesFrom(lights, members, `${c.cluster}@${c.assessedOn}`, c.blank) });
}

/** An earlier (superseded) benchmarking: somewhat weaker lights, fewer members. */
function earlierOf(c, lights, portfolios, index) {
  const weaker = {};
  CODES.forEach((code, i) => {
    const light = lights[code];
    const boolean = INDICATORS[i].kind === "boolean";
    weaker[code] =
      light === "green" && (i + index) % 3 === 0 ? (boolean ? "red" : "yellow")
      : light === "yellow" && (i + index) % 4 === 0 ? "red"
      : light;
  });
  const then = { ...c, assessedOn: c.earlier, publicFunding: Math.min(100, c.publicFunding + 8), blank: [] };
  return generated(then, weaker, portfolios);
}

for (const [group, greens, portfolios] of [
  [NORDLAND, NORDLAND_GREENS, "nordland;norway"],
  [OTHERS, OTHERS_GREENS, "norway"],
]) {
  if (greens.length !== CODES.length) throw new Error(`green counts: ${greens.length}, expected ${CODES.length}`);
  const lights = rotationLights(greens, group.length);
  group.forEach((c, index) => {
    if (c.earlier) rows.push(earlierOf(c, lights[index], portfolios, index));
    rows.push(generated(c, lights[index], portfolios));
  });
}
{
  const lights = rotationLights(OTHERS_GREENS, OTHERS.length)[4];
  rows.push(generated(LATE, lights, "norway"));
}

// ---------------------------------------------------------------------------------------------
// Self-checks on the published key facts (means over the clusters counted as of 2017-09-01).
const sum = (list, key) => list.reduce((s, c) => s + Number(c[key]), 0);
const checks = [
  ["arctic members 41.0", sum(ARCTIC, "members"), 246],
  ["arctic fte 0.8", Math.round(ARCTIC.reduce((s, c) => s + Number(c.fte) * 10, 0)), 48],
  ["arctic public funding 42.0", sum(ARCTIC, "publicFunding"), 252],
  ["nordland public funding 49.0", sum(NORDLAND, "publicFunding"), 343],
  ["norway public funding 47.0", sum(ARCTIC, "publicFunding") + sum(NORDLAND, "publicFunding") + sum(OTHERS, "publicFunding"), 28 * 47],
  ["arctic S4 yes", ARCTIC.filter((c) => parseLights(c.lights, c.cluster).S4 === "green").length, 4],
  ["norway clusters", ARCTIC.length + NORDLAND.length + OTHERS.length, 28],
];
for (const [what, got, want] of checks) if (got !== want) throw new Error(`${what}: got ${got}, want ${want}`);

// ---------------------------------------------------------------------------------------------
const header = ["cluster", "name", "portfolios", "assessed_on", "members", "potential_members", "fte",
  "public_funding_pct", "sme_pct", ...COLUMN_CODES];
const quote = (text) => (/[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text);
const csv = [header, ...rows.map((r) => header.map((h) => r[h] ?? ""))].map((fields) => fields.map(quote).join(",")).join("\n") + "\n";

if (process.argv.includes("--check")) {
  const current = readFileSync(OUT, "utf8");
  if (current !== csv) {
    console.error(`${path.relative(root, OUT)} differs from what this script generates`);
    process.exit(1);
  }
  console.log(`${path.relative(root, OUT)} is up to date (${rows.length} assessments)`);
} else {
  mkdirSync(path.dirname(OUT), { recursive: true });
  writeFileSync(OUT, csv);
  console.log(`wrote ${path.relative(root, OUT)}: ${rows.length} assessments`);
}
