// Downloads a course's pages, scripts and search index into its own cache (the service worker
// serves them offline), with progress; removing it deletes that cache and nothing else.
import { fill } from './format.ts';

interface Bundle {
  bytes: number;
  files: Array<{ url: string; bytes: number }>;
}

export const savedCacheName = (locale: string, course: string) => `accord-saved:${locale}:${course}`;
const kb = (bytes: number, locale: string) => `${new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(Math.max(1, bytes / 1024))} KB`;

export async function enhanceSaveOffline() {
  const box = document.querySelector<HTMLElement>('[data-save-offline]');
  if (!box) return;
  const s = JSON.parse(box.dataset.strings!) as Record<string, string>;
  const status = box.querySelector<HTMLElement>('[data-offline-status]')!;
  const progress = box.querySelector<HTMLProgressElement>('[data-progress]')!;
  const save = box.querySelector<HTMLButtonElement>('[data-save]')!;
  const remove = box.querySelector<HTMLButtonElement>('[data-remove]')!;
  const locale = box.dataset.locale!;
  const name = savedCacheName(locale, box.dataset.saveOffline!);
  const manifestUrl = `/offline/${locale}/${box.dataset.saveOffline}.json`;
  box.hidden = false;
  if (!('caches' in window) || !('serviceWorker' in navigator)) {
    status.textContent = s.unsupported!;
    return;
  }

  let bundle: Bundle | undefined;
  const refresh = async () => {
    // caches.open() would create an empty cache; only look inside one that exists.
    const complete = (await caches.has(name)) ? await (await caches.open(name)).match(manifestUrl) : undefined;
    const known = bundle ?? (complete ? ((await complete.clone().json()) as Bundle) : undefined);
    save.hidden = Boolean(complete) || !known;
    remove.hidden = !complete;
    if (known) save.textContent = fill(s.save, { size: kb(known.bytes, locale) });
    status.textContent = complete && known ? fill(s.saved, { size: kb(known.bytes, locale) }) : '';
  };

  try {
    bundle = (await (await fetch(manifestUrl)).json()) as Bundle;
  } catch {
    /* offline: refresh() shows what is saved */
  }
  await refresh();

  save.addEventListener('click', async () => {
    if (!bundle) return;
    save.disabled = true;
    progress.hidden = false;
    const cache = await caches.open(name);
    let done = 0;
    let failed = false;
    for (const file of bundle.files) {
      try {
        if (!(await cache.match(file.url))) await cache.add(file.url);
      } catch {
        failed = true;
        break;
      }
      done += 1;
      const percent = Math.round((done / bundle.files.length) * 100);
      progress.value = percent;
      status.textContent = fill(s.saving, { done, total: bundle.files.length, percent });
    }
    progress.hidden = true;
    save.disabled = false;
    if (failed) {
      status.textContent = fill(s.failed, { done, total: bundle.files.length });
      return;
    }
    // The bundle list goes in last: its presence means the course is completely saved.
    await cache.put(manifestUrl, new Response(JSON.stringify(bundle), { headers: { 'content-type': 'application/json' } }));
    await refresh();
  });

  remove.addEventListener('click', async () => {
    if (!confirm(s.confirmRemove!)) return;
    await caches.delete(name);
    await refresh();
    status.textContent = s.removed!;
  });
}
