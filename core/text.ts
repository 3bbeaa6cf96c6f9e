// Single-line text people type and others see: names, titles, tags. Stored in Unicode NFC and
// trimmed; refused with a reason when it holds what no name needs and an attacker can use:
// control characters (NUL, line breaks, escapes), the bidirectional overrides, embeddings and
// isolates (U+202A–U+202E, U+2066–U+2069) that make text read backwards elsewhere on the page,
// lone surrogates (not text at all), or nothing visible (only zero-width or formatting marks).
// The marks that names in Arabic or Persian do use (ZWNJ, ZWJ, LRM, RLM) are kept.
import { z } from 'zod';

const CONTROL = /\p{Cc}/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const INVISIBLE_ONLY = /^[\s\p{Cf}\p{Zs}\u115F\u1160\u3164\uFFA0]*$/u;

export interface SingleLineMessages {
  empty: string;
  max: number;
  tooLong: string;
}

/** The first reason `value` (already NFC and trimmed) is refused, or null. */
function singleLineProblem(value: string): string | null {
  if (!value.isWellFormed()) return 'Remove the broken characters (unpaired surrogates).';
  if (CONTROL.test(value)) return 'Use one line without control characters (no line breaks or tabs).';
  if (BIDI_CONTROL.test(value)) return 'Remove the text-direction override characters (U+202A–U+202E, U+2066–U+2069).';
  return null;
}

export function singleLine({ empty, max, tooLong }: SingleLineMessages) {
  return z
    .string()
    .transform((value) => (value.isWellFormed() ? value.normalize('NFC') : value).trim())
    .superRefine((value, ctx) => {
      const problem = singleLineProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
      else if (INVISIBLE_ONLY.test(value)) ctx.addIssue({ code: 'custom', message: empty });
      else if (value.length > max) ctx.addIssue({ code: 'custom', message: tooLong });
    });
}
