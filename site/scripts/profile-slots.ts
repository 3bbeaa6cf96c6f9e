// A mentor's weekly group times on the profile page: rows of weekday, start, length and size, added
// and removed with the keyboard. The matching engine places learners in them (api/matching).
import { fill } from './format.ts';

type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export interface GroupSlot {
  weekday: Weekday;
  start: string;
  minutes: number;
  size: number;
}

export const MAX_SLOTS = 7;
const LENGTHS = [30, 45, 60, 90, 120, 180];
const STARTS = Array.from({ length: 96 }, (_, i) => `${String(Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`);

export interface SlotStrings {
  weekday: string;
  start: string;
  minutes: string;
  size: string;
  /** 'Remove {item}' */
  removeItem: string;
  /** '{day}, time {n}' */
  slotName: string;
}

let rowIds = 0;

/** The editor inside `box` (which holds [data-slot-list], [data-slots-none] and [data-slot-add]). */
export function slotEditor(box: HTMLElement, strings: SlotStrings, locale: string) {
  const list = box.querySelector<HTMLElement>('[data-slot-list]')!;
  const none = box.querySelector<HTMLElement>('[data-slots-none]')!;
  const add = box.querySelector<HTMLButtonElement>('[data-slot-add]')!;
  // 2024-01-01 was a Monday: weekday n is 2024-01-0n.
  const dayName = (d: number) => new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, d)));

  function labelled(text: string, control: HTMLElement) {
    const id = `slot-${++rowIds}`;
    control.id = id;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = text;
    const wrap = document.createElement('div');
    wrap.append(label, control);
    return wrap;
  }
  function select(values: Array<[string, string]>, value: string) {
    const s = document.createElement('select');
    for (const [v, text] of values) s.append(new Option(text, v, false, v === value));
    return s;
  }

  function refresh() {
    const rows = [...list.children] as HTMLElement[];
    none.hidden = rows.length > 0;
    add.hidden = rows.length >= MAX_SLOTS;
    rows.forEach((row, i) => {
      const day = dayName(Number(row.querySelector<HTMLSelectElement>('[data-slot-weekday]')!.value));
      row.querySelector('[data-slot-remove]')!.setAttribute('aria-label', fill(strings.removeItem, { item: fill(strings.slotName, { day, n: i + 1 }) }));
    });
  }

  function addRow(slot: GroupSlot) {
    const row = document.createElement('li');
    row.className = 'slot';
    const weekday = select(
      [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), dayName(d)]),
      String(slot.weekday),
    );
    weekday.dataset.slotWeekday = '';
    weekday.addEventListener('change', refresh);
    const start = select(
      STARTS.map((t) => [t, t]),
      slot.start,
    );
    start.dataset.slotStart = '';
    const minutes = select(
      LENGTHS.map((m) => [String(m), String(m)]),
      String(slot.minutes),
    );
    minutes.dataset.slotMinutes = '';
    const size = document.createElement('input');
    Object.assign(size, { type: 'number', min: '1', max: '20', step: '1', value: String(slot.size) });
    size.inputMode = 'numeric';
    size.dataset.slotSize = '';
    const remove = document.createElement('button');
    remove.type = 'button';
    remove.className = 'secondary small';
    remove.dataset.slotRemove = '';
    remove.textContent = '×';
    remove.addEventListener('click', () => {
      const next = (row.nextElementSibling ?? row.previousElementSibling)?.querySelector<HTMLElement>('select');
      row.remove();
      refresh();
      (next ?? add).focus();
    });
    row.append(labelled(strings.weekday, weekday), labelled(strings.start, start), labelled(strings.minutes, minutes), labelled(strings.size, size), remove);
    list.append(row);
    refresh();
    return row;
  }

  add.addEventListener('click', () => {
    addRow({ weekday: 2, start: '17:00', minutes: 60, size: 6 }).querySelector('select')!.focus();
  });

  return {
    set(slots: readonly GroupSlot[]) {
      list.replaceChildren();
      for (const s of slots) addRow(s);
      refresh();
    },
    get(): GroupSlot[] {
      return ([...list.children] as HTMLElement[]).map((row) => ({
        weekday: Number(row.querySelector<HTMLSelectElement>('[data-slot-weekday]')!.value) as Weekday,
        start: row.querySelector<HTMLSelectElement>('[data-slot-start]')!.value,
        minutes: Number(row.querySelector<HTMLSelectElement>('[data-slot-minutes]')!.value),
        size: Number(row.querySelector<HTMLInputElement>('[data-slot-size]')!.value),
      }));
    },
  };
}
