// Checks Accord certificates from files or URLs, for institutions checking a batch:
//   npm run credential:verify -- badge.json https://accord.example.org/api/public/credentials/<id> …
// Each is verified on its own (signature, issuer DID document, validity dates, revocation and
// suspension lists); one line per certificate; exit code 1 if any is not valid. `--offline` skips
// the status lists (and then says so); `--issuer did:web:…` accepts only that issuer.
import { readFileSync } from 'node:fs';
import { verifyCredential } from '#core/credentials/verify.ts';

async function fetchJson(url: string): Promise<unknown | null> {
  try {
    const res = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(15_000) });
    return res.ok ? await res.json() : null;
  } catch {
    return null;
  }
}

async function load(target: string): Promise<unknown> {
  if (/^https?:\/\//.test(target)) {
    const doc = await fetchJson(target);
    if (doc === null) throw new Error('could not be fetched');
    return doc;
  }
  return JSON.parse(readFileSync(target, 'utf8'));
}

export async function verifyTargets(targets: readonly string[], options: { offline?: boolean; issuer?: string } = {}) {
  const lines: string[] = [];
  let allValid = true;
  for (const target of targets) {
    let line: string;
    try {
      const doc = await load(target);
      const v = await verifyCredential(doc, { fetchJson, offline: options.offline, ...(options.issuer ? { trustedIssuer: options.issuer } : {}) });
      allValid &&= v.outcome === 'valid';
      const facts =
        v.outcome === 'valid' || v.outcome === 'revoked' || v.outcome === 'suspended'
          ? ` · ${v.holderName ?? '(no name shown)'} · ${v.courseName} · ${v.validFrom} · ${v.issuerName} (${v.issuer})`
          : '';
      const status = v.outcome === 'valid' && !v.statusChecked ? ' · status not checked' : '';
      line = `${target}: ${v.outcome.toUpperCase()}${facts}${status}${v.problems.length ? ` · ${v.problems.join('; ')}` : ''}`;
    } catch (error) {
      allValid = false;
      line = `${target}: ERROR · ${error instanceof Error ? error.message : String(error)}`;
    }
    lines.push(line);
  }
  return { lines, allValid };
}

if (import.meta.main) {
  const args = process.argv.slice(2);
  const offline = args.includes('--offline');
  const issuerAt = args.indexOf('--issuer');
  const issuer = issuerAt >= 0 ? args[issuerAt + 1] : undefined;
  const targets = args.filter((a, i) => a !== '--offline' && (issuerAt < 0 || (i !== issuerAt && i !== issuerAt + 1)));
  if (targets.length === 0) {
    console.error('Usage: npm run credential:verify -- <file or URL>… [--offline] [--issuer did:web:…]');
    process.exit(2);
  }
  const { lines, allValid } = await verifyTargets(targets, { offline, issuer });
  for (const line of lines) console.log(line);
  process.exit(allValid ? 0 : 1);
}
