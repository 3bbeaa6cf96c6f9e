/**
 * A fixed, seed-dependent order. Authors tend to write the right answer first; showing options in
 * this order instead keeps "always pick the first one" from working, while the same question
 * always shows the same order (so cohorts can discuss "the third option", and pages stay static).
 */
export function stableShuffle<T extends { id: string }>(items: readonly T[], seed: string): T[] {
  const hash = (text: string) => {
    let h = 0x811c9dc5; // FNV-1a, 32-bit
    for (let i = 0; i < text.length; i++) {
      h ^= text.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h;
  };
  return items
    .map((item) => ({ item, key: hash(`${seed}:${item.id}`) }))
    .sort((a, b) => a.key - b.key || a.item.id.localeCompare(b.item.id))
    .map(({ item }) => item);
}
