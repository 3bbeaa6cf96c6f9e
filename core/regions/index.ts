/**
 * UN M49 regions and the ISO 3166-1 countries in them: `import { regionCovers } from '#core/regions/index.ts'`.
 * Data: data.json and names/<locale>.json, written by scripts/data/build-regions.ts. Semantics: README.md.
 */
import { z } from 'zod';
import data from './data.json' with { type: 'json' };
import ar from './names/ar.json' with { type: 'json' };
import en from './names/en.json' with { type: 'json' };
import es from './names/es.json' with { type: 'json' };
import fr from './names/fr.json' with { type: 'json' };
import pt from './names/pt.json' with { type: 'json' };
import sw from './names/sw.json' with { type: 'json' };

/** `group`: an M49 grouping of countries (LDC 199, LLDC 432, SIDS 722), outside the geographic tree. */
export type RegionKind = 'world' | 'region' | 'subregion' | 'intermediate' | 'group';

export interface Region {
  /** The 3-digit M49 code, as a string ('011'). */
  code: string;
  kind: RegionKind;
  /** The M49 area directly above; null for World and for the groups. */
  parent: string | null;
  /** English, as M49 names it. */
  name: string;
}

export interface Country {
  alpha2: string;
  alpha3: string;
  /** The M49 (= ISO 3166-1 numeric) code, 3 digits. */
  m49: string;
  /** English, as M49 names it ('United Republic of Tanzania'); ISO's name where M49 has none (TW). */
  name: string;
  /** The smallest M49 area it is in: an intermediate region, a sub-region, or World (AQ); null if M49 lists it nowhere (TW). */
  parent: string | null;
  /** Its M49 sub-region (kind 'subregion'); null for AQ and TW. */
  subregion: string | null;
  /** Its continental region (kind 'region'); null for AQ and TW. */
  region: string | null;
  /** The M49 groups it belongs to (codes), in code order. */
  groups: readonly string[];
}

interface CountryRow {
  a2: string;
  a3: string;
  m49: string;
  parent: string | null;
  groups: string[];
  name: string;
}

interface Names {
  regions: Record<string, string>;
  countries: Record<string, string>;
}

export const REGIONS: readonly Region[] = Object.freeze((data.regions as Region[]).map((r) => Object.freeze({ ...r })));
const regionMap = new Map(REGIONS.map((r) => [r.code, r]));

/** The geographic areas from `code` up to World, `code` first. */
function chain(code: string | null): string[] {
  const out: string[] = [];
  for (let c = code; c !== null; c = regionMap.get(c)?.parent ?? null) out.push(c);
  return out;
}

export const COUNTRIES: readonly Country[] = Object.freeze(
  (data.countries as CountryRow[]).map((c) => {
    const up = chain(c.parent);
    const of = (kind: RegionKind) => up.find((code) => regionMap.get(code)?.kind === kind) ?? null;
    return Object.freeze({
      alpha2: c.a2,
      alpha3: c.a3,
      m49: c.m49,
      name: c.name,
      parent: c.parent,
      subregion: of('subregion'),
      region: of('region'),
      groups: Object.freeze([...c.groups]),
    });
  }),
);
const countryMap = new Map(COUNTRIES.map((c) => [c.alpha2, c]));

// Every country is in World, even one M49 lists nowhere (TW); then in its groups.
const regionsOfCountry = new Map<string, readonly string[]>();
const members = new Map<string, string[]>(REGIONS.map((r) => [r.code, []]));
for (const c of COUNTRIES) {
  const up = chain(c.parent);
  if (up.at(-1) !== '001') up.push('001');
  const all = Object.freeze([...up, ...c.groups]);
  regionsOfCountry.set(c.alpha2, all);
  for (const code of all) members.get(code)!.push(c.alpha2);
}
const memberSets = new Map([...members].map(([code, list]) => [code, new Set(Object.freeze(list))]));

export function regionByCode(code: string): Region | undefined {
  return regionMap.get(code);
}

/** Exact, upper-case alpha-2 ('SN'). */
export function countryByAlpha2(alpha2: string): Country | undefined {
  return countryMap.get(alpha2);
}

/** The alpha-2 codes of every country in the region, at any depth (Africa: Western Africa's too); a group's members. [] if unknown. */
export function countriesIn(regionCode: string): readonly string[] {
  return members.get(regionCode) ?? [];
}

/** Every region the country is in: its M49 areas from the smallest up to World ('001'), then its groups. [] if unknown. */
export function regionsOf(alpha2: string): readonly string[] {
  return regionsOfCountry.get(alpha2) ?? [];
}

const covers = new Map<string, boolean>();

/**
 * Whether `inner` lies within `outer`: every country of `inner` is a country of `outer`. For two
 * geographic areas that is "`inner` is `outer` or inside it" (Africa covers Western Africa, not the other
 * way); a group covers an area only if all the area's countries are in the group (SIDS covers Melanesia,
 * not the Caribbean), and an area covers a group only if all its members are in the area (World covers
 * every group). `inner` may also be a country's alpha-2 ('SN'). Unknown codes: false.
 */
export function regionCovers(outer: string, inner: string): boolean {
  const outerSet = memberSets.get(outer);
  if (!outerSet) return false;
  if (outer === inner) return true;
  if (countryMap.has(inner)) return outerSet.has(inner);
  const innerList = members.get(inner);
  if (!innerList?.length) return false;
  const key = `${outer} ${inner}`;
  let answer = covers.get(key);
  if (answer === undefined) {
    answer = innerList.every((a2) => outerSet.has(a2));
    covers.set(key, answer);
  }
  return answer;
}

const NAMES: Record<string, Names> = { en, fr, es, ar, pt, sw };
const own = (record: Record<string, string> | undefined, key: string) => (record && Object.hasOwn(record, key) ? record[key] : undefined);
const namesOf = (locale: string) => NAMES[locale] ?? NAMES[locale.split('-')[0]!.toLowerCase()];

/** The region's name in a site locale ('fr', or 'fr-CA' read as 'fr'); English if the locale has none; the code itself if unknown. */
export function regionName(code: string, locale: string): string {
  return own(namesOf(locale)?.regions, code) ?? own(en.regions, code) ?? code;
}

/** The country's name in a site locale; English if the locale has none; the code itself if unknown. */
export function countryName(alpha2: string, locale: string): string {
  return own(namesOf(locale)?.countries, alpha2) ?? own(en.countries, alpha2) ?? alpha2;
}

/** The date of the UNSD M49 overview the data was checked against (YYYY-MM-DD). */
export const M49_AS_OF: string = data.meta.asOf;

// Pure, so a browser bundle that only shows names leaves zod out.
/** A region code that exists here: an M49 area ('011') or group ('722'). */
export const regionCode = /* @__PURE__ */ z.string().refine((code) => regionMap.has(code), 'Use a UN M49 region code such as 011 (Western Africa).');
/** An ISO 3166-1 alpha-2 code that exists here, upper-case ('SN'). */
export const countryCode = /* @__PURE__ */ z.string().refine((code) => countryMap.has(code), 'Use an ISO 3166-1 alpha-2 country code such as SN.');
