import { COUNTRIES, countryName, REGIONS, regionName } from '#core/regions/index.ts';

/**
 * Countries and regions as <option>s, named in the page's language and sorted the way that
 * language sorts (core/regions holds the codes and the names). Built into the page at build time,
 * so the browser downloads names, never the region data.
 */
export interface Place {
  value: string;
  label: string;
}

const sorted = (places: Place[], locale: string) => {
  const collator = new Intl.Collator(locale);
  return places.sort((a, b) => collator.compare(a.label, b.label));
};

export function countryOptions(locale: string): Place[] {
  return sorted(
    COUNTRIES.map((c) => ({ value: c.alpha2, label: countryName(c.alpha2, locale) })),
    locale,
  );
}

/** Every M49 area and group except World (knowing "the world" says nothing to a matcher). */
export function regionOptions(locale: string): Place[] {
  return sorted(
    REGIONS.filter((r) => r.kind !== 'world').map((r) => ({ value: r.code, label: regionName(r.code, locale) })),
    locale,
  );
}
