// A certificate's signed JSON, saved as a file exactly as it was received (a wallet checks the
// signature over these bytes' content, so nothing is re-serialised). Used by the verification
// page and by "my learning".

/** The file name for a certificate: its id when its address ends with one. */
export function credentialFileName(url: string | undefined): string {
  const id = /([0-9a-f]{32})\/?$/.exec(url ?? '')?.[1];
  return id ? `accord-certificate-${id}.json` : 'accord-certificate.json';
}

/** Saves `text` as a JSON file through a Blob link, as a download. */
export function saveJson(text: string, fileName: string) {
  const href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = Object.assign(document.createElement('a'), { href, download: fileName, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has read the Blob once the download starts; free it soon after.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

/** A certificate's verification page (the API names it in the holder's language) in the language `locale`. */
export function verifyPageIn(verifyUrl: string, locale: string): string {
  const page = new URL(verifyUrl, location.href);
  page.pathname = page.pathname.replace(/^\/[a-z]{2,3}\//, `/${locale}/`);
  return page.href;
}
