import type { ErrorBody } from '#core/errors.ts';
import { api } from './api.ts';
import { fill } from './format.ts';
import { slotEditor } from './profile-slots.ts';
import { showAccountSecurity } from './account-security.ts';
import { rememberUser } from './storage.ts';

/**
 * The profile page: fills the form from GET /api/profile, saves with PUT /api/profile (and
 * PUT /api/profile/mentor for mentors). Errors are shown next to the field at fault, from the
 * checks below or from the API's `details` paths; a failed save keeps everything typed.
 * No zod here (it would triple the page's JavaScript): the checks mirror core/schedule's rules.
 */

interface Window {
  weekday: number;
  start: string;
  end: string;
}
interface Detail {
  path: string;
  message: string;
}
type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** 00:00 … 24:00 in quarter hours: starts use all but the last, ends all but the first. */
const TIMES = Array.from({ length: 97 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);
const MAX_WINDOWS = 28;
const MAX_TAGS = 12;
const MAX_TAG_LENGTH = 40;
const MAX_BIO = 600;

let ids = 0;
const nextId = (prefix: string) => `${prefix}-${++ids}`;

function element<K extends keyof HTMLElementTagNameMap>(tag: K, className = '', ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}
const button = (className: string, text: string) => {
  const b = element('button', className, text);
  b.type = 'button';
  return b;
};

function timeSelect(times: string[], value: string) {
  const select = document.createElement('select');
  for (const time of times) select.append(new Option(time, time, false, time === value));
  return select;
}

/** Times are 'HH:MM' (or '24:00'), so text order is time order. */
const addHour = (time: string) => TIMES[Math.min(TIMES.indexOf(time) + 4, TIMES.length - 1)]!;

async function errorDetails(response: Response): Promise<{ message: string; details: Detail[] }> {
  try {
    const { error } = (await response.json()) as ErrorBody;
    return { message: error.message, details: Array.isArray(error.details) ? (error.details as Detail[]) : [] };
  } catch {
    return { message: '', details: [] };
  }
}

export async function showProfile() {
  const root = document.querySelector<HTMLElement>('[data-profile]');
  if (!root) return;
  const t = root.dataset;
  const $ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => scope.querySelector<T>(selector)!;
  const $$ = <T extends Element = HTMLElement>(selector: string, scope: ParentNode = root) => [...scope.querySelectorAll<T>(selector)];
  const show = (selector: string) => {
    $(selector).hidden = false;
  };

  let response: Awaited<ReturnType<typeof api.profile.$get>>;
  try {
    response = await api.profile.$get();
  } catch {
    $('[data-loading]').hidden = true;
    return show('[data-load-failed]');
  }
  $('[data-loading]').hidden = true;
  if (response.status !== 200) {
    // Read the error body anyway: a fetch whose body is never read stays open in Chromium.
    await response.text().catch(() => '');
    return show((response.status as number) === 401 ? '[data-signed-out-msg]' : '[data-load-failed]');
  }
  const mine = await response.json();

  const form = $<HTMLFormElement>('[data-profile-form]');
  const nameInput = $<HTMLInputElement>('#profile-name');
  const countrySelect = $<HTMLSelectElement>('#profile-country');
  const orgSelect = $<HTMLSelectElement>('#profile-organisation');
  const orgHint = $('[data-organisation-hint]');
  const orgToggle = $<HTMLButtonElement>('[data-organisation-toggle]');
  const orgPanel = $('[data-organisation-new]');
  const orgName = $<HTMLInputElement>('#organisation-name');
  const orgKind = $<HTMLSelectElement>('#organisation-kind');
  const orgStatus = $('[data-organisation-status]');
  const zoneSelect = $<HTMLSelectElement>('#profile-zone');
  const zoneGuess = $('[data-zone-guess]');
  const summary = $('[data-summary]');
  const mentorSection = $('[data-mentor]');
  const tagsInput = $<HTMLInputElement>('#mentor-tags');
  const capacityInput = $<HTMLInputElement>('#mentor-capacity');
  const slots = slotEditor(
    $<HTMLElement>('[data-slots]'),
    {
      weekday: t.tSlotWeekday ?? '',
      start: t.tSlotStart ?? '',
      minutes: t.tSlotMinutes ?? '',
      size: t.tSlotSize ?? '',
      removeItem: t.tRemoveItem ?? '',
      slotName: t.tSlotName ?? '',
    },
    document.documentElement.lang,
  );
  const bioInput = $<HTMLTextAreaElement>('#mentor-bio');
  const saveButton = $<HTMLButtonElement>('[data-save]');
  const alertBox = $('[data-alert]');
  const status = $('[data-status]');
  const days = $$('[data-day]');
  const checked = (name: string) =>
    $$<HTMLInputElement>(`input[name="${name}"]`)
      .filter((i) => i.checked)
      .map((i) => i.value);
  const setChecked = (name: string, values: readonly string[]) => {
    for (const input of $$<HTMLInputElement>(`input[name="${name}"]`)) input.checked = values.includes(input.value);
  };

  // ---- errors next to their field ----------------------------------------------------------------
  let focusTargets: HTMLElement[] = [];
  function clearErrors() {
    for (const p of $$('[data-error-for], [data-window-error]')) p.textContent = '';
    for (const el of $$('[aria-invalid]')) el.removeAttribute('aria-invalid');
    alertBox.textContent = '';
    focusTargets = [];
  }
  /** Shows `message` under the field for API path `path`; false when no field matches. */
  function fieldError(path: string, message: string): boolean {
    const box = root!.querySelector<HTMLElement>(`[data-error-for="${CSS.escape(path)}"]`);
    if (!box) return false;
    box.textContent = box.textContent ? `${box.textContent} ${message}` : message;
    const field = root!.querySelector<HTMLElement>(`[data-path="${CSS.escape(path)}"]`) ?? (path === 'organisation.name' ? orgName : null);
    if (field instanceof HTMLFieldSetElement) {
      const first = field.querySelector<HTMLElement>('input, select, button');
      if (first) focusTargets.push(first);
    } else if (field) {
      field.setAttribute('aria-invalid', 'true');
      focusTargets.push(field);
    }
    return true;
  }
  function windowError(row: HTMLElement, field: string, message: string) {
    const select = row.querySelector<HTMLSelectElement>(field === 'end' ? '[data-end]' : '[data-start]')!;
    select.setAttribute('aria-invalid', 'true');
    const box = row.querySelector<HTMLElement>('[data-window-error]')!;
    box.textContent = box.textContent ? `${box.textContent} ${message}` : message;
    focusTargets.push(select);
  }
  function focusFirstError() {
    const first = focusTargets.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1))[0];
    first?.focus();
  }
  // Editing a field clears its own error.
  form.addEventListener('change', (event) => {
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-window]');
    if (row) {
      row.querySelector<HTMLElement>('[data-window-error]')!.textContent = '';
      for (const s of row.querySelectorAll('select')) s.removeAttribute('aria-invalid');
    }
  });

  // ---- organisation --------------------------------------------------------------------------------
  let orgRequest = 0;
  async function loadOrganisations(select?: string | null) {
    const country = countrySelect.value;
    const request = ++orgRequest;
    orgSelect.length = 1;
    orgSelect.disabled = !country;
    orgHint.hidden = false;
    orgHint.textContent = t.tOrganisationNeedsCountry ?? '';
    if (!country) return;
    let list: Array<{ id: string; name: string }> = [];
    try {
      const r = await api.organisations.$get({ query: { country } });
      if (r.ok) list = (await r.json()).organisations;
      else await r.text();
    } catch {
      /* offline: the list stays empty; saving will say so */
    }
    if (request !== orgRequest) return;
    for (const o of list) orgSelect.append(new Option(o.name, o.id, false, o.id === select));
    orgHint.textContent = list.length === 0 ? (t.tOrganisationEmpty ?? '') : '';
    orgHint.hidden = list.length > 0;
  }
  countrySelect.addEventListener('change', () => void loadOrganisations());
  orgToggle.addEventListener('click', () => {
    const open = orgPanel.hidden;
    orgPanel.hidden = !open;
    orgToggle.setAttribute('aria-expanded', String(open));
    if (open) orgName.focus();
  });
  $('[data-organisation-add]').addEventListener('click', async () => {
    $('[data-error-for="organisation.name"]').textContent = '';
    orgName.removeAttribute('aria-invalid');
    orgStatus.textContent = '';
    focusTargets = [];
    const country = countrySelect.value;
    const name = orgName.value.trim();
    if (!country) {
      fieldError('organisation.name', t.tOrganisationNeedsCountry ?? '');
      return countrySelect.focus();
    }
    if (name.length < 2) {
      fieldError('organisation.name', t.tOrganisationNameError ?? '');
      return focusFirstError();
    }
    try {
      const r = await api.organisations.$post({ json: { country, name, kind: orgKind.value as 'ministry' | 'regulator' | 'agency' | 'other' } });
      if (!r.ok) {
        const { details } = await errorDetails(r);
        fieldError('organisation.name', details.map((d) => d.message).join(' ') || (t.tOrganisationAddFailed ?? ''));
        return focusFirstError();
      }
      const { organisation } = await r.json();
      await loadOrganisations(organisation.id);
      orgPanel.hidden = true;
      orgToggle.setAttribute('aria-expanded', 'false');
      orgName.value = '';
      orgStatus.textContent = fill(r.status === 201 ? t.tOrganisationAdded : t.tOrganisationExisted, { name: organisation.name });
      orgSelect.focus();
    } catch {
      fieldError('organisation.name', t.tOffline ?? '');
    }
  });

  // ---- time zone ---------------------------------------------------------------------------------
  const guess = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const savedZone = mine.profile.timeZone;
  const zones = new Set(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  for (const zone of [savedZone, guess, 'UTC']) if (zone) zones.add(zone);
  const chosenZone = savedZone ?? guess;
  for (const zone of [...zones].sort()) zoneSelect.append(new Option(zone.replaceAll('_', ' '), zone, false, zone === chosenZone));
  zoneGuess.textContent = fill(t.tTimeZoneGuess, { zone: guess.replaceAll('_', ' ') });
  zoneGuess.hidden = savedZone !== null;
  zoneSelect.addEventListener('change', () => updateSummary());

  // ---- weekly availability -----------------------------------------------------------------------
  const dayName = (day: HTMLElement) => day.dataset.dayName ?? '';
  const rowsOf = (day: HTMLElement) => $$('[data-window]', day);
  const allRows = () => days.flatMap(rowsOf);
  const readRow = (row: HTMLElement): Window => ({
    weekday: Number(row.closest<HTMLElement>('[data-day]')!.dataset.day),
    start: row.querySelector<HTMLSelectElement>('[data-start]')!.value,
    end: row.querySelector<HTMLSelectElement>('[data-end]')!.value,
  });

  /** Labels every row of a day with the weekday and its number ("Monday, window 2"). */
  function relabel(day: HTMLElement) {
    rowsOf(day).forEach((row, i) => {
      const name = fill(t.tWindowName, { day: dayName(day), n: i + 1 });
      row.querySelector('[data-window-name]')!.textContent = name;
      row.querySelector('[data-remove]')!.setAttribute('aria-label', fill(t.tRemoveItem, { item: name }));
    });
  }

  function addRow(day: HTMLElement, w: { start: string; end: string }) {
    const nameId = nextId('window');
    const errorId = `${nameId}-error`;
    const start = timeSelect(TIMES.slice(0, -1), w.start);
    const end = timeSelect(TIMES.slice(1), w.end);
    start.dataset.start = '';
    end.dataset.end = '';
    const fields: Array<[HTMLSelectElement, string | undefined]> = [
      [start, t.tFrom],
      [end, t.tTo],
    ];
    const labels = fields.map(([select, text]) => {
      const textId = nextId('label');
      select.setAttribute('aria-labelledby', `${nameId} ${textId}`);
      select.setAttribute('aria-describedby', errorId);
      const span = element('span', '', text ?? '');
      span.id = textId;
      return element('label', '', span, select);
    });
    const remove = button('secondary small', t.tRemove ?? '');
    remove.dataset.remove = '';
    const name = element('span', 'vh');
    name.id = nameId;
    name.dataset.windowName = '';
    const error = element('p', 'field-error');
    error.id = errorId;
    error.dataset.windowError = '';
    const row = element('li', 'window', name, ...labels, remove, error);
    row.dataset.window = '';
    remove.addEventListener('click', () => {
      const rows = rowsOf(day);
      const index = rows.indexOf(row);
      row.remove();
      relabel(day);
      updateSummary();
      // Focus stays in the day: the next window's remove button, or the day's add button.
      const next = rowsOf(day)[Math.min(index, rows.length - 2)];
      (next?.querySelector<HTMLElement>('[data-remove]') ?? day.querySelector<HTMLElement>('[data-add-window]'))!.focus();
    });
    $('[data-windows]', day).append(row);
    relabel(day);
    return row;
  }

  function setAvailability(windows: readonly Window[]) {
    for (const row of allRows()) row.remove();
    for (const w of windows) {
      const day = days.find((d) => Number(d.dataset.day) === w.weekday);
      if (day) addRow(day, w);
    }
    updateSummary();
  }

  function updateSummary() {
    const zone = zoneSelect.selectedOptions[0]?.text ?? '';
    const windows = days.flatMap((day) =>
      rowsOf(day)
        .map(readRow)
        .sort((a, b) => (a.start < b.start ? -1 : 1))
        .map((w) => `${dayName(day)} ${w.start}–${w.end}`),
    );
    const list = new Intl.ListFormat(document.documentElement.lang, { type: 'unit' }).format(windows);
    summary.textContent = windows.length ? fill(t.tSummary, { zone, windows: list }) : (t.tSummaryNone ?? '');
  }

  for (const day of days) {
    day.querySelector('[data-add-window]')!.addEventListener('click', () => {
      const last = rowsOf(day)
        .map(readRow)
        .sort((a, b) => (a.end < b.end ? -1 : 1))
        .at(-1);
      // After the day's last window when there is room, otherwise a morning.
      const start = last && last.end <= '22:45' ? addHour(last.end) : '09:00';
      const row = addRow(day, { start, end: addHour(start) });
      updateSummary();
      row.querySelector<HTMLElement>('[data-start]')!.focus();
    });
  }
  root.addEventListener('change', (event) => {
    if ((event.target as HTMLElement).closest('[data-window]')) updateSummary();
  });

  /** The same rules as core/schedule's availabilitySchema, with this page's words. */
  function checkAvailability(rows: HTMLElement[]) {
    if (rows.length > MAX_WINDOWS) fieldError('availability', t.tTooManyWindows ?? '');
    for (const day of days) {
      const own = rowsOf(day).map((row) => ({ row, w: readRow(row) }));
      for (const { row, w } of own) if (w.end <= w.start) windowError(row, 'end', t.tEndBeforeStart ?? '');
      const valid = own.filter(({ w }) => w.end > w.start).sort((a, b) => (a.w.start < b.w.start ? -1 : 1));
      for (let i = 1; i < valid.length; i++) {
        if (valid[i]!.w.start < valid[i - 1]!.w.end) windowError(valid[i]!.row, 'start', t.tOverlap ?? '');
      }
    }
  }

  // ---- mentor's lists ----------------------------------------------------------------------------
  function chooser(box: HTMLElement) {
    const list = $('[data-chosen]', box);
    const none = $('[data-none]', box);
    const select = $<HTMLSelectElement>('[data-choose]', box);
    let values: string[] = [];
    const labelOf = (value: string) => [...select.options].find((o) => o.value === value)?.text ?? value;
    function render() {
      list.replaceChildren(
        ...values.map((value) => {
          const remove = button('secondary small', t.tRemove ?? '');
          remove.setAttribute('aria-label', fill(t.tRemoveItem, { item: labelOf(value) }));
          remove.addEventListener('click', () => {
            values = values.filter((v) => v !== value);
            render();
            select.focus();
          });
          return element('li', '', element('span', '', labelOf(value)), remove);
        }),
      );
      list.hidden = values.length === 0;
      none.hidden = values.length > 0;
    }
    $('[data-add]', box).addEventListener('click', () => {
      if (select.value && !values.includes(select.value)) values.push(select.value);
      select.value = '';
      render();
      select.focus();
    });
    return {
      get: () => [...values],
      set: (next: readonly string[]) => {
        values = [...next];
        render();
      },
    };
  }
  const countriesKnown = chooser($('[data-chooser="countries"]'));
  const regionsKnown = chooser($('[data-chooser="regions"]'));
  const tagsOf = (text: string) =>
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);

  // ---- fill the form -----------------------------------------------------------------------------
  function fillProfile(data: typeof mine) {
    nameInput.value = data.user.name;
    countrySelect.value = data.user.country ?? '';
    setChecked('languages', data.profile.languages);
    setAvailability(data.profile.availability);
    const m = data.mentorProfile;
    mentorSection.hidden = !m;
    if (m) {
      setChecked('expertise', m.expertise);
      tagsInput.value = m.tags.join(', ');
      countriesKnown.set(m.countries);
      regionsKnown.set(m.regions);
      capacityInput.value = String(m.capacity);
      slots.set(m.groupSlots);
      bioInput.value = m.bio;
    }
  }
  fillProfile(mine);
  // A first visit: the page's language is a fair first guess at a working language.
  if (mine.profile.updatedAt === null && mine.profile.languages.length === 0) setChecked('languages', [document.documentElement.lang]);
  await loadOrganisations(mine.profile.organisation?.id);
  form.hidden = false;
  showAccountSecurity();

  // ---- save --------------------------------------------------------------------------------------
  const isMentor = () => !mentorSection.hidden;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (saveButton.disabled) return;
    clearErrors();
    status.textContent = '';
    const rows = allRows();
    const profile = {
      name: nameInput.value.trim(),
      country: countrySelect.value || null,
      organisationId: orgSelect.value || null,
      languages: checked('languages'),
      timeZone: zoneSelect.value,
      availability: rows.map(readRow) as Array<{ weekday: Weekday; start: string; end: string }>,
    };
    if (!profile.name) fieldError('name', t.tNameError ?? '');
    checkAvailability(rows);
    const tags = tagsOf(tagsInput.value);
    const mentor = {
      expertise: checked('expertise'),
      tags,
      countries: countriesKnown.get(),
      regions: regionsKnown.get(),
      capacity: Number(capacityInput.value),
      groupSlots: slots.get(),
      bio: bioInput.value.trim(),
    };
    if (isMentor()) {
      if (tags.length > MAX_TAGS || tags.some((tag) => tag.length > MAX_TAG_LENGTH)) fieldError('tags', t.tTagsError ?? '');
      if (!Number.isInteger(mentor.capacity) || mentor.capacity < 1 || mentor.capacity > 50) fieldError('capacity', t.tCapacityError ?? '');
      if (mentor.bio.length > MAX_BIO) fieldError('bio', t.tBioError ?? '');
    }
    if (focusTargets.length > 0) {
      alertBox.textContent = t.tFixErrors ?? '';
      return focusFirstError();
    }

    /** Puts the API's complaints next to their fields; the rest go in the alert. */
    const showApiErrors = (message: string, details: Detail[], general: string | undefined) => {
      const unplaced: string[] = [];
      for (const d of details) {
        const [head, index, field] = d.path.split('.');
        const row = head === 'availability' && index !== undefined ? rows[Number(index)] : undefined;
        if (row) windowError(row, field ?? 'start', d.message);
        else if (!fieldError(head ?? '', d.message)) unplaced.push(d.message);
      }
      alertBox.textContent = [general, ...(details.length ? unplaced : [message])].filter(Boolean).join(' ');
      focusFirstError();
    };

    const label = saveButton.textContent;
    saveButton.disabled = true;
    saveButton.textContent = t.tSaving ?? label;
    try {
      const saved = await api.profile.$put({ json: profile });
      if (!saved.ok) {
        const { message, details } = await errorDetails(saved);
        return showApiErrors(message, details, t.tFixErrors);
      }
      let result = await saved.json();
      if (isMentor()) {
        const savedMentor = await api.profile.mentor.$put({ json: mentor });
        if (!savedMentor.ok) {
          const { message, details } = await errorDetails(savedMentor);
          return showApiErrors(message, details, t.tSaveFailed);
        }
        result = { ...result, mentorProfile: (await savedMentor.json()).mentorProfile };
      }
      rememberUser({ id: result.user.id, name: result.user.name, role: result.user.role as 'learner' });
      setAvailability(result.profile.availability);
      zoneGuess.hidden = true;
      status.textContent = t.tSaved ?? '';
    } catch {
      alertBox.textContent = t.tOffline ?? '';
    } finally {
      saveButton.disabled = false;
      saveButton.textContent = label;
    }
  });
}
