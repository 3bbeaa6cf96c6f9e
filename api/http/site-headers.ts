// The security headers every static page and asset is served with, on both runtimes: the Node
// server sets them (api/node/static-site.ts); for Workers the build writes them into dist/_headers,
// which the assets binding applies (scripts/site-headers.ts). The API's own responses get theirs
// from hono/secure-headers (api/app.ts).
//
// The policy here forbids framing (clickjacking), <base> from elsewhere, plugins and forms posting
// off the site. Scripts are governed per page: the build puts each page's script-src, with the
// hashes of its own inline scripts, in a <meta> (scripts/script-policy.ts); both are enforced.
export const SITE_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': "frame-ancestors 'none'; base-uri 'self'; object-src 'none'; form-action 'self'",
  'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
  'Referrer-Policy': 'strict-origin-when-cross-origin',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

/** The Workers assets `_headers` file: every path gets SITE_HEADERS. */
export function headersFile(): string {
  return `/*\n${Object.entries(SITE_HEADERS)
    .map(([name, value]) => `  ${name}: ${value}\n`)
    .join('')}`;
}
