// Pagefind search over the built site, in the page's language. Loaded only on the search page.
import { fill } from './format.ts';

interface PagefindResult {
  data: () => Promise<{ url: string; meta: { title?: string }; excerpt: string }>;
}
interface Pagefind {
  search: (q: string) => Promise<{ results: PagefindResult[] }>;
}

export async function enhanceSearch() {
  const form = document.querySelector<HTMLFormElement>('form[data-search]');
  if (!form) return;
  const s = JSON.parse(form.dataset.strings!) as Record<string, string>;
  const input = form.querySelector<HTMLInputElement>('input[name=q]')!;
  const status = document.querySelector<HTMLElement>('[data-search-status]')!;
  const list = document.querySelector<HTMLOListElement>('[data-search-results]')!;
  let pagefind: Pagefind | undefined;

  async function run(query: string) {
    list.replaceChildren();
    if (!query.trim()) return;
    try {
      pagefind ??= (await import(/* @vite-ignore */ `${location.origin}/pagefind/pagefind.js`)) as Pagefind;
      const { results } = await pagefind.search(query);
      // Offline, only saved courses' fragments load: show those, skip the rest.
      const settled = await Promise.allSettled(results.slice(0, 20).map((r) => r.data()));
      const top = settled.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      status.textContent = top.length ? fill(s.results, { count: top.length, query }) : fill(s.none, { query });
      for (const r of top) {
        const li = document.createElement('li');
        const a = Object.assign(document.createElement('a'), { href: r.url, textContent: r.meta.title ?? r.url });
        const p = document.createElement('p');
        p.innerHTML = r.excerpt; // Pagefind escapes page text and adds only <mark>.
        li.append(a, p);
        list.append(li);
      }
    } catch {
      status.textContent = s.unavailable!;
    }
  }
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
    void run(input.value);
  });
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
}
