// /{locale}/manage/: the programs I manage, and creating one within my regions.
import { api } from '../api.ts';
import {
  $,
  allRegions,
  alertPage,
  announce,
  attempt,
  busy,
  checked,
  clearErrors,
  el,
  type Failure,
  failLoad,
  failureOf,
  formatDates,
  locale,
  regionName,
  regionsWithin,
  showErrors,
  showGate,
  t,
  text,
  wholePercent,
} from './ui.ts';

interface ProgramRow {
  id: string;
  name: string;
  regions: string[];
  startsOn: string;
  endsOn: string;
  cohortCount: number;
}

const regionList = (codes: string[]) => codes.map(regionName).join(', ');

function row(p: ProgramRow) {
  return el(
    'tr',
    {},
    el('th', { scope: 'row' }, el('a', { href: `/${locale}/manage/program/?id=${encodeURIComponent(p.id)}` }, p.name)),
    el('td', {}, regionList(p.regions)),
    el('td', {}, formatDates(p.startsOn, p.endsOn)),
    el('td', {}, String(p.cohortCount)),
  );
}

function showList(programs: ProgramRow[]) {
  $('[data-programs]').replaceChildren(...programs.map(row));
  $('[data-list]').hidden = programs.length === 0;
  $('[data-empty]').hidden = programs.length > 0;
}

/** My regions and those inside them; every region when the API does not say which are mine (it refuses the others). */
function showRegionChoices(mine: string[] | null) {
  const regions = mine ? regionsWithin(mine) : allRegions();
  $('#regions-hint').hidden = !mine;
  const box = $('[data-regions]');
  box.replaceChildren(
    ...regions
      .map((code) => ({ code, name: regionName(code) }))
      .sort((a, b) => a.name.localeCompare(b.name, locale))
      .map(({ code, name }) =>
        el('label', { class: 'check' }, el('input', { type: 'checkbox', name: 'regions', value: code, checked: regions.length === 1 }), ` ${name}`),
      ),
  );
  $('[data-no-regions]').hidden = regions.length > 0;
}

/** The regions an admin gave me, when the API lists them beside my programs. */
function myRegions(data: object): string[] | null {
  if (!('regions' in data) || !Array.isArray(data.regions)) return null;
  return data.regions.filter((r): r is string => typeof r === 'string');
}

export async function showPrograms() {
  const response = await attempt(api.programs.$get());
  if (!response?.ok) return failLoad(await failureOf(response));
  const data = await response.json();
  const programs: ProgramRow[] = [...data.programs];
  showList(programs);
  showRegionChoices(myRegions(data));
  showGate('ready');

  const form = $<HTMLFormElement>('form[data-create]');
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void busy(form, async () => {
      clearErrors(form);
      alertPage('');
      const body = {
        name: text(form, 'name'),
        regions: checked(form, 'regions'),
        courseIds: checked(form, 'courseIds'),
        startsOn: text(form, 'startsOn'),
        endsOn: text(form, 'endsOn'),
        attendancePercent: wholePercent(text(form, 'attendancePercent')),
      };
      // The API checks everything; these catch the empty form without a round trip.
      const missing: string[] = (['name', 'regions', 'courseIds', 'startsOn', 'endsOn'] as const).filter((k) => body[k].length === 0);
      if (body.startsOn && body.endsOn && body.endsOn < body.startsOn) missing.push('endsOn');
      if (Number.isNaN(body.attendancePercent)) missing.push('attendancePercent');
      if (missing.length) {
        showErrors(form, { status: 400, code: 'invalid_request', message: '', details: missing.map((path) => ({ path, message: '' })) });
        return;
      }
      const created = await attempt(api.programs.$post({ json: body }));
      if (!created?.ok) {
        // A region outside mine is refused (403 or 400): that is the regions field's fault.
        showErrors(form, await failureOf(created), (f: Failure) => (f.status === 403 ? 'regions' : undefined));
        return;
      }
      const { program } = await created.json();
      programs.unshift({ ...program, cohortCount: program.cohorts.length });
      showList(programs);
      form.reset();
      announce(t('manage.programs.created', { name: program.name }));
      $<HTMLAnchorElement>('[data-programs] a').focus();
    });
  });
}
