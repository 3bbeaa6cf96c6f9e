// The cohort page's CSV import: the file is parsed and checked in the browser with the same code
// the API uses (core/roster), every bad row is reported by line, then the valid rows are sent in
// batches of at most 1000 with progress. Importing the same file again changes nothing.
import type { RosterFileError, RosterParseResult, RosterRow, RosterRowError } from '#core/roster/index.ts';
import { api } from '../api.ts';
import { $, announce, attempt, el, failureOf, isCountry, makeCopy, t } from './ui.ts';

const BATCH = 1000;
type Status = 'enrolled' | 'invited' | 'already-member' | 'already-invited';
interface Outcome {
  line: number;
  status: Status;
  invitationLink?: string | undefined;
}

const fileMessage = (e: RosterFileError) => t(`manage.roster.file.${e.code}`, { column: e.column ?? '' });
const rowMessage = (e: RosterRowError) => t(`manage.roster.row.${e.code}`);

/** A CSV field, quoted when it must be (RFC 4180), and defused for spreadsheets (a leading = + - @). */
function csvField(value: string) {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function setupRoster(cohortId: string, afterImport: () => Promise<void> | void) {
  const section = $('[data-roster]');
  const input = $<HTMLInputElement>('[data-roster-file]', section);
  const checking = $('[data-checking]', section);
  const checkBar = $<HTMLProgressElement>('progress', checking);
  const report = $('[data-report]', section);
  const importAll = $<HTMLButtonElement>('[data-import-all]', section);
  const importValid = $<HTMLButtonElement>('[data-import-valid]', section);
  const importing = $('[data-importing]', section);
  const importBar = $<HTMLProgressElement>('progress', importing);
  const result = $('[data-result]', section);
  let parsed: RosterParseResult | null = null;
  let links: Array<{ name: string; email: string; link: string }> = [];
  let downloadUrl = '';

  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    report.hidden = result.hidden = importing.hidden = true;
    parsed = null;
    if (!file) return;
    const { parseRosterInChunks, ROSTER_LIMITS } = await import('#core/roster/index.ts');
    checking.hidden = false;
    const progress = (done: number, total: number) => {
      checkBar.max = Math.max(total, 1);
      checkBar.value = done;
      $('[data-checking-label]', checking).textContent = t('manage.roster.checking', { done, total });
    };
    progress(0, 0);
    // Over the limit: not even read (a wrong file picked by mistake can be huge).
    parsed =
      file.size > ROSTER_LIMITS.maxBytes
        ? { ok: false, rows: [], errors: [], fileErrors: [{ code: 'too_large', message: '' }], total: 0, delimiter: null }
        : await parseRosterInChunks(await file.text(), progress, 1000, { isCountry });
    checking.hidden = true;
    showReport(parsed);
  });

  function showReport(r: RosterParseResult) {
    const invalidLines = new Set(r.errors.map((e) => e.line)).size;
    $('[data-counts]', report).textContent = r.fileErrors.length
      ? ''
      : `${t('manage.roster.counts', { total: r.total, valid: r.rows.length, invalid: invalidLines })}${r.ok ? ` ${t('manage.roster.allValid')}` : ''}`;
    $('[data-file-errors]', report).hidden = r.fileErrors.length === 0;
    $('[data-file-error-list]', report).replaceChildren(...r.fileErrors.map((e) => el('li', {}, fileMessage(e))));
    $('[data-bad-rows]', report).hidden = r.errors.length === 0;
    $('[data-bad-row-list]', report).replaceChildren(
      ...r.errors.map((e) => el('tr', {}, el('td', {}, String(e.line)), el('td', {}, e.column ? el('code', {}, e.column) : ''), el('td', {}, rowMessage(e)))),
    );
    importAll.disabled = !r.ok;
    importValid.hidden = r.ok || r.fileErrors.length > 0 || r.rows.length === 0;
    report.hidden = false;
    $('#roster-report', report).focus();
  }

  importAll.addEventListener('click', () => parsed?.ok && void send(parsed.rows));
  importValid.addEventListener('click', () => parsed && void send(parsed.rows));

  async function send(rows: RosterRow[]) {
    if (importing.dataset.busy) return;
    importing.dataset.busy = '1';
    importAll.disabled = true;
    importValid.hidden = true;
    importing.hidden = false;
    result.hidden = true;
    const outcomes: Outcome[] = [];
    let stopped = '';
    const progress = (done: number) => {
      importBar.max = rows.length;
      importBar.value = done;
      $('[data-importing-label]', importing).textContent = t('manage.roster.importing', { done, total: rows.length });
    };
    progress(0);
    for (let from = 0; from < rows.length; from += BATCH) {
      const batch = rows.slice(from, from + BATCH);
      const response = await attempt(api.cohorts[':cohortId'].roster.$post({ param: { cohortId }, json: { rows: batch } }));
      if (!response?.ok) {
        const failure = await failureOf(response);
        const message = failure.status === 409 ? t('manage.roster.full') : failure.message;
        stopped = t('manage.roster.stopped', { done: from, total: rows.length, message });
        break;
      }
      outcomes.push(...(await response.json()).results);
      progress(from + batch.length);
    }
    delete importing.dataset.busy;
    importing.hidden = true;
    showResult(rows, outcomes, stopped);
    await afterImport();
  }

  function showResult(rows: RosterRow[], outcomes: Outcome[], stopped: string) {
    const count = (s: Status) => outcomes.filter((o) => o.status === s).length;
    $('[data-stopped]', result).textContent = stopped;
    $('[data-result-counts]', result).replaceChildren(
      el('li', {}, t('manage.roster.enrolled', { count: count('enrolled') })),
      el('li', {}, t('manage.roster.invited', { count: count('invited') })),
      el('li', {}, t('manage.roster.alreadyMembers', { count: count('already-member') })),
      el('li', {}, t('manage.roster.alreadyInvited', { count: count('already-invited') })),
    );
    $('[data-result-counts]', result).hidden = $('[data-links-title]', result).hidden = outcomes.length === 0;
    const byLine = new Map(rows.map((r) => [r.line, r]));
    links = outcomes.flatMap((o) => {
      const row = byLine.get(o.line);
      return o.invitationLink && row ? [{ name: row.name, email: row.email, link: new URL(o.invitationLink, location.origin).href }] : [];
    });
    $('[data-link-list]', result).replaceChildren(
      ...links.map((l) => el('tr', {}, el('td', {}, l.name), el('td', {}, l.email), el('td', {}, el('a', { href: l.link, class: 'invite-link' }, l.link)))),
    );
    $('[data-links]', result).hidden = links.length === 0;
    $('[data-no-links]', result).hidden = links.length > 0 || outcomes.length === 0;
    if (downloadUrl) URL.revokeObjectURL(downloadUrl);
    const csv = `\uFEFFname,email,link\r\n${links.map((l) => [l.name, l.email, l.link].map(csvField).join(',')).join('\r\n')}\r\n`;
    downloadUrl = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    $<HTMLAnchorElement>('[data-download]', result).href = downloadUrl;
    result.hidden = false;
    $('#roster-result', result).focus();
    announce(t('manage.roster.result'));
    // A second import of the same file must go through the check again.
    input.value = '';
    parsed = null;
    report.hidden = true;
  }

  makeCopy($<HTMLButtonElement>('[data-copy-links]', result), () => links.map((l) => `${l.name} <${l.email}>: ${l.link}`).join('\n'));
}
