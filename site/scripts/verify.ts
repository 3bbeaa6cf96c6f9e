// /{locale}/verify/ and a certificate's own address, /{locale}/verify/<id>/ (the same page,
// served for every id: api/http/verify-route.ts). The check runs here, on the credential itself,
// with core/credentials/verify.ts: its signature against the issuer's DID document, then the
// issuer's signed status lists. That library carries the JSON-LD stack (~60 KB gzip), so it is
// loaded only once there is something to verify. The printable certificate (with its QR code) is
// shown on a certificate's own address when it is valid.
import type { Verification } from '#core/credentials/verify.ts';
import { credentialFileName, saveJson } from './credential-file.ts';
import { fill } from './format.ts';

/** A certificate's public JSON, from its id. */
const credentialPath = (id: string) => `/api/public/credentials/${id}`;
const ID_IN_PATH = /\/verify\/([0-9a-f]{32})\/$/;
const CREDENTIAL_URL = /\/api\/public\/credentials\/([0-9a-f]{32})$/;
/** Larger than any certificate by far; a bigger file is not one. */
const MAX_FILE_BYTES = 1024 * 1024;

type Tone = 'good' | 'note' | 'bad';
/** What the reader is told: the state's key in verify.state.*, its tone, and the facts when the proof held. */
interface Verdict {
  key: string;
  tone: Tone;
  params?: Record<string, string>;
  verification?: Verification;
}

/** Where the credential came from: its text, its public URL when known, and whether this is its own page. */
interface Source {
  text: string;
  url?: string;
  ownPage: boolean;
}

/** An address as the page would resolve it; undefined for anything that is not one. */
function addressOf(text: string | undefined): URL | undefined {
  if (!text) return undefined;
  try {
    return new URL(text, location.href);
  } catch {
    return undefined;
  }
}

let verifier: Promise<typeof import('#core/credentials/verify.ts')> | undefined;
const loadVerifier = () => (verifier ??= import('#core/credentials/verify.ts'));

/** This site's issuer keys (its DID document), kept on the device for checking certificates offline. */
const OWN_DID_URL = new URL('/.well-known/did.json', location.origin).href;
const KEPT_KEYS = 'accord.issuer-did';
function keepOwnKeys(didDocument: unknown) {
  try {
    localStorage.setItem(KEPT_KEYS, JSON.stringify(didDocument));
  } catch {
    /* storage full or disabled: offline checks will say the issuer is unreachable */
  }
}
function keptOwnKeys(): unknown | null {
  try {
    return JSON.parse(localStorage.getItem(KEPT_KEYS) ?? 'null');
  } catch {
    return null;
  }
}

export async function showVerifyPage() {
  const root = document.querySelector<HTMLElement>('[data-verify]');
  if (!root) return;
  const strings = JSON.parse(root.querySelector('[data-strings]')?.textContent ?? '{}') as Record<string, string>;
  const t = (key: string, params: Record<string, string | number> = {}) => fill(strings[`verify.${key}`] ?? key, params);
  const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const $$ = (selector: string) => [...root.querySelectorAll<HTMLElement>(selector)];
  const locale = document.documentElement.lang;
  const longDate = (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: 'long' }).format(new Date(iso));
  const status = $('[data-verify-status]');
  const result = $('[data-result]');
  const certificate = $('[data-certificate-box]');

  /** Fetches JSON for the verifier; null when it cannot. `unreachable` notes what failed for want of a connection. */
  const unreachable = new Set<string>();
  async function fetchJson(url: string): Promise<unknown | null> {
    const target = addressOf(url);
    if (!target || (target.protocol !== 'https:' && target.protocol !== 'http:')) return null;
    const ownKeys = target.href === OWN_DID_URL;
    try {
      // Revalidated every time: a status list revoked a minute ago must not be read from the cache.
      const response = await fetch(target, { cache: 'no-cache', credentials: 'omit', headers: { accept: 'application/json, application/did+json' } });
      const body = response.ok ? await response.json() : null;
      if (ownKeys && body) keepOwnKeys(body);
      return body;
    } catch {
      unreachable.add(url);
      // Offline, a certificate handed over as a file is still checked against this site's keys, kept
      // from the last visit online; its status then reads "not checked".
      return ownKeys ? keptOwnKeys() : null;
    }
  }
  // Fetched (and kept) on every visit online, with the verifier itself, so both are there offline.
  void fetchJson(OWN_DID_URL);
  void loadVerifier().catch(() => undefined);

  /** Since when a certificate of this site is revoked or suspended (its public status says; the signed lists hold no dates). */
  async function changedAt(url: string | undefined): Promise<string | undefined> {
    if (!CREDENTIAL_URL.test(addressOf(url)?.pathname ?? '')) return undefined;
    const answer = (await fetchJson(`${url}/status`)) as { changedAt?: unknown } | null;
    return typeof answer?.changedAt === 'string' ? answer.changedAt : undefined;
  }

  async function judge(source: Source): Promise<Verdict> {
    const { verifyCredential } = await loadVerifier();
    unreachable.clear();
    const v = await verifyCredential(source.text, { fetchJson });
    const url = source.url ?? v.id;
    switch (v.outcome) {
      case 'valid':
        return v.statusChecked ? { key: 'valid', tone: 'good', verification: v } : { key: 'unchecked', tone: 'note', verification: v };
      case 'revoked':
      case 'suspended': {
        const since = await changedAt(url);
        return since
          ? { key: `${v.outcome}On`, tone: 'bad', params: { date: longDate(since) }, verification: v }
          : { key: v.outcome, tone: 'bad', verification: v };
      }
      case 'tampered':
        return { key: 'tampered', tone: 'bad', verification: v };
      case 'unknown-issuer':
        // The issuer's DID document is the only thing fetched before this verdict.
        return unreachable.size ? { key: 'unreachable', tone: 'note', verification: v } : { key: 'unknownIssuer', tone: 'bad', verification: v };
      case 'not-yet-valid':
        return { key: 'notYetValid', tone: 'bad', params: { date: longDate(v.validFrom ?? '') }, verification: v };
      case 'expired':
        return { key: 'expired', tone: 'bad', verification: v };
      default:
        return { key: 'malformed', tone: 'bad', verification: v };
    }
  }

  /** The verdict and, when the proof held, what the certificate says; the file and the certificate's page. */
  function render(verdict: Verdict, source?: Source) {
    const v = verdict.verification;
    const state = t(`state.${verdict.key}`, verdict.params);
    const box = $('[data-verdict]');
    box.dataset.tone = verdict.tone;
    box.dataset.outcome = verdict.key;
    $('[data-verdict-state]').textContent = state;
    $('[data-verdict-text]').textContent = t(`state.${verdict.key}Text`, verdict.params);
    status.textContent = t('verdict', { state });

    // What a document says is worth showing only when its proof held.
    const proofHeld = v && !['malformed', 'unknown-issuer', 'tampered'].includes(v.outcome);
    const facts: Record<string, string | undefined> = proofHeld
      ? { holder: v.holderName, course: v.courseName, issued: v.validFrom && longDate(v.validFrom), issuer: v.issuerName }
      : {};
    for (const dd of $$('[data-fact]')) {
      const shown = facts[dd.dataset.fact!];
      // Each value in its own direction (a Latin name on an Arabic page), aligned with the page.
      dd.replaceChildren(Object.assign(document.createElement('bdi'), { textContent: shown ?? '' }));
      // The issuer's name shares its <dd> with the issuer's DID.
      const term = (dd.tagName === 'DD' ? dd : dd.parentElement!).previousElementSibling as HTMLElement;
      if (dd.tagName === 'DD') dd.hidden = !shown;
      term.hidden = !shown;
    }
    $('[data-issuer-id]').textContent = proofHeld ? (v.issuer ?? '') : '';
    $('[data-facts]').hidden = !proofHeld;

    const actions = $('[data-actions]');
    actions.hidden = !source;
    if (source) {
      const fileUrl = source.url ?? v?.id;
      const raw = $<HTMLAnchorElement>('[data-raw]');
      const address = addressOf(fileUrl);
      const http = address && (address.protocol === 'https:' || address.protocol === 'http:');
      raw.hidden = !http;
      if (http) raw.href = address.href;
      const download = $<HTMLButtonElement>('[data-download]');
      download.onclick = () => saveJson(source.text, credentialFileName(fileUrl));
      // A pasted certificate of this site has a page of its own (with the printable certificate).
      const stated = addressOf(v?.id);
      const own = stated?.origin === location.origin ? CREDENTIAL_URL.exec(stated.pathname)?.[1] : undefined;
      const page = $<HTMLAnchorElement>('[data-open-page]');
      page.hidden = source.ownPage || !own || !proofHeld;
      if (own) page.href = `/${locale}/verify/${own}/`;
    }

    const problems = v?.problems ?? [];
    $('[data-problems]').replaceChildren(...problems.map((p) => Object.assign(document.createElement('li'), { textContent: p })));
    $('[data-problems-box]').hidden = problems.length === 0;
    result.hidden = false;

    const printable = Boolean(source?.ownPage && verdict.key === 'valid' && v?.holderName && v.courseName);
    certificate.hidden = !printable;
    document.documentElement.classList.toggle('print-certificate', printable);
    if (printable && v && source) void showCertificate(v, source);
  }

  async function showCertificate(v: Verification, source: Source) {
    let language: string | undefined;
    try {
      const doc = JSON.parse(source.text) as { credentialSubject?: { achievement?: { inLanguage?: unknown } } };
      const declared = doc.credentialSubject?.achievement?.inLanguage;
      language = typeof declared === 'string' ? declared : undefined;
    } catch {
      /* judged already: a valid certificate is JSON */
    }
    $('[data-cert-issuer]').textContent = v.issuerName ?? '';
    $('[data-cert-name]').textContent = v.holderName ?? '';
    const course = $('[data-cert-course]');
    course.textContent = v.courseName ?? '';
    if (language && language !== locale) course.lang = language;
    $('[data-cert-date]').textContent = t('cert.issuedOn', { date: longDate(v.validFrom ?? ''), issuer: v.issuerName ?? '' });
    const address = `${location.origin}${location.pathname}`;
    const link = $<HTMLAnchorElement>('[data-cert-url]');
    link.href = address;
    link.textContent = address;
    const { qrSvg } = await import('./qr-svg.ts');
    $('[data-cert-qr]').replaceChildren(qrSvg(address, t('cert.qr')));
  }

  function clear() {
    result.hidden = true;
    certificate.hidden = true;
    document.documentElement.classList.remove('print-certificate');
  }

  $('[data-print]').addEventListener('click', () => window.print());

  // ---- a certificate's own address
  const id = ID_IN_PATH.exec(location.pathname)?.[1];
  if (id) {
    // The language links of a shell page lead to the shell; here they lead to this certificate.
    for (const a of document.querySelectorAll<HTMLAnchorElement>('.langs a[hreflang]')) a.pathname = `/${a.hreflang}/verify/${id}/`;
    $('[data-paste]').hidden = true;
    $('[data-another]').hidden = false;
    status.textContent = t('loading');
    const url = credentialPath(id);
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'omit' });
    } catch {
      return render({ key: 'loadFailed', tone: 'note' });
    }
    if (response.status === 404) return render({ key: 'notFound', tone: 'bad' });
    if (!response.ok) return render({ key: 'loadFailed', tone: 'note' });
    const source = { text: await response.text(), url: new URL(url, location.href).href, ownPage: true };
    render(await judge(source), source);
    return;
  }

  // ---- a pasted or chosen file
  const form = $<HTMLFormElement>('form[data-paste-form]');
  const textarea = $<HTMLTextAreaElement>('#credential-json');
  const error = $('[data-paste-error]');
  const fail = (message: string, field: HTMLElement) => {
    error.textContent = message;
    field.setAttribute('aria-invalid', 'true');
    field.focus();
  };
  const file = $<HTMLInputElement>('#credential-file');
  file.addEventListener('change', async () => {
    error.textContent = '';
    file.removeAttribute('aria-invalid');
    const chosen = file.files?.[0];
    if (!chosen) return;
    if (chosen.size > MAX_FILE_BYTES) return fail(t('fileError'), file);
    try {
      textarea.value = await chosen.text();
    } catch {
      fail(t('fileError'), file);
    }
  });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    textarea.removeAttribute('aria-invalid');
    const text = textarea.value.trim();
    if (!text) return fail(t('empty'), textarea);
    if (form.dataset.busy) return;
    form.dataset.busy = '1';
    clear();
    status.textContent = t('loading');
    try {
      const source = { text, ownPage: false };
      render(await judge(source), source);
      $('#result-title').focus();
    } finally {
      delete form.dataset.busy;
    }
  });
}
