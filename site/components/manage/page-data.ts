import { COUNTRIES, countryName, REGIONS, regionCovers, regionName } from '#core/regions/index.ts';
import { coursesIn } from '../../lib/curriculum.ts';

// Data the manager pages' scripts need, written into the page at build time so the browser does not
// download the curriculum or the region tables.

/** Course titles, `{ id: [title, lang] }` (lang differs when the course is not translated). */
export async function courseTitlesJson(locale: string): Promise<string> {
  const courses = await coursesIn(locale);
  return JSON.stringify(Object.fromEntries(courses.map((c) => [c.courseId, [c.entry.data.title, c.lang]])));
}

/** UN M49 regions, `{ code: [name in the locale, codes of the regions inside it] }`. */
export function regionsJson(locale: string): string {
  return JSON.stringify(
    Object.fromEntries(
      REGIONS.map((r) => [r.code, [regionName(r.code, locale), REGIONS.filter((i) => i.code !== r.code && regionCovers(r.code, i.code)).map((i) => i.code)]]),
    ),
  );
}

/** Country names in the locale, `{ alpha2: name }` (core/regions countryName). */
export function countriesJson(locale: string): string {
  return JSON.stringify(Object.fromEntries(COUNTRIES.map((c) => [c.alpha2, countryName(c.alpha2, locale)])));
}
