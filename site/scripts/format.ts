/** Fills {name} placeholders in a translated UI string (the strings come from the page). */
export function fill(template: string | undefined, params: Record<string, string | number>): string {
  return (template ?? '').replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
