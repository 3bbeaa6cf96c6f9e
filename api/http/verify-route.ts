// The certificate verification page has one prebuilt shell per locale (/{locale}/verify/); a
// certificate's own address (/{locale}/verify/<id>/) is that same page, which reads the id from
// its path. One rule for both runtimes: the Node static server (api/node/static-site.ts) and the
// Worker in front of the assets binding (api/worker.ts).
import { LOCALES } from '#core/locales.ts';

/** A certificate's id: 32 lowercase hexadecimal characters (api/certification). */
const VERIFY_PATH = /^\/([a-z]{2,3})\/verify\/([0-9a-f]{32})(\/?)$/;

export type VerifyRoute = { serve: string } | { redirect: string };

/**
 * For a certificate's verification address: the shell page to serve in its place, or (without the
 * trailing slash) where to redirect. Null for every other path, including anything else under
 * /verify/, which is then the site's ordinary 404.
 */
export function verifyRoute(path: string): VerifyRoute | null {
  const match = VERIFY_PATH.exec(path);
  if (!match || !LOCALES.some((l) => l.code === match[1])) return null;
  return match[3] ? { serve: `/${match[1]}/verify/` } : { redirect: `${path}/` };
}
