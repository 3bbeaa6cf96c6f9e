// One certificate's requirements as a list, each met (✓) or still needed (–), in the reader's
// language: the course page's box and "my learning" show the same list. Tiny on purpose (the course
// page has a byte budget), so it makes its own elements.
import { fill } from './format.ts';

export type Requirement = { kind: string; met: boolean; done?: number; total?: number; state?: string; required?: number; percent?: number | null };

/** An element with text and attributes (ui.ts's el would double the course page's script). */
export function make(tag: string, attrs: Record<string, string>, ...children: Array<Node | string>) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}

/** `s` holds the `certificates.course.*` strings, keyed without that prefix. */
export function requirementItems(requirements: readonly Requirement[], s: Record<string, string>, locale: string): HTMLElement[] {
  const t = (key: string, params: Record<string, string | number> = {}) => fill(s[key], params);
  const percent = (n = 0) => new Intl.NumberFormat(locale, { style: 'percent' }).format(n / 100);
  const capstone: Record<string, string> = { submitted: 'capstoneSubmitted', changes_requested: 'capstoneChanges' };
  const describe = (r: Requirement) =>
    r.kind === 'lessons'
      ? t('lessons', { done: r.done ?? 0, total: r.total ?? 0 })
      : r.kind === 'capstone'
        ? t(r.met ? 'capstone' : (capstone[r.state ?? ''] ?? 'capstoneNone'))
        : r.kind === 'attendance'
          ? r.percent == null
            ? t('attendanceNone', { required: percent(r.required) })
            : t('attendance', { percent: percent(r.percent), required: percent(r.required) })
          : t('assessment');
  return requirements.map((r) =>
    make(
      'li',
      { class: r.met ? 'met' : 'missing', 'data-requirement': r.kind },
      make('span', { class: 'mark', 'aria-hidden': 'true' }, r.met ? '✓' : '–'),
      ' ',
      make('span', { class: 'sr' }, `${t(r.met ? 'met' : 'missing')} `),
      describe(r),
    ),
  );
}
