import Papa from 'papaparse';
import { z } from 'zod';
import { LOCALES } from '../locales.ts';

/**
 * The cohort enrolment CSV (format: README.md next to this file). One implementation for the
 * browser preview, the Node server and the Worker: plain strings in, plain objects out. We use only
 * papaparse's synchronous string parser (no web worker, no File, no download, no Node stream).
 */

export const ROSTER_LIMITS = {
  /** Data rows per file (the header and blank lines do not count). */
  maxRows: 10_000,
  /** UTF-8 bytes per file, BOM included. */
  maxBytes: 2 * 1024 * 1024,
  maxEmailLength: 254,
  maxNameLength: 120,
  maxOrganisationLength: 120,
} as const;

/** Every column the file may have, in the order the README lists them. */
export const ROSTER_COLUMNS = ['email', 'name', 'country', 'locale', 'organisation'] as const;
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export const REQUIRED_ROSTER_COLUMNS: readonly RosterColumn[] = ['email', 'name'];

/** The delimiters we detect: comma, semicolon (Excel in fr/es/pt locales), tab. */
export const ROSTER_DELIMITERS = [',', ';', '\t'] as const;
export type RosterDelimiter = (typeof ROSTER_DELIMITERS)[number];

/** Locale codes a learner may be given (the site's locales). */
export const ROSTER_LOCALES: readonly string[] = LOCALES.map((l) => l.code);

/** Problems with the file as a whole: nothing is imported until they are fixed. */
export const ROSTER_FILE_ERROR_CODES = ['too_large', 'empty_file', 'missing_column', 'unknown_column', 'duplicate_column', 'no_rows', 'too_many_rows'] as const;
export type RosterFileErrorCode = (typeof ROSTER_FILE_ERROR_CODES)[number];

/** Problems with one row: the row is left out, the other rows may still be imported. */
export const ROSTER_ROW_ERROR_CODES = [
  'unclosed_quote',
  'malformed_quotes',
  'extra_value',
  'missing_email',
  'invalid_email',
  'missing_name',
  'name_too_long',
  'invalid_country',
  'invalid_locale',
  'organisation_too_long',
  'duplicate_email',
] as const;
export type RosterRowErrorCode = (typeof ROSTER_ROW_ERROR_CODES)[number];

/** A learner to enrol, normalised. `line` is the physical line (1-based) where the row starts. */
export interface RosterRow {
  line: number;
  /** Trimmed and lower-cased: the key that makes a second import of the same file a no-op. */
  email: string;
  name: string;
  /** ISO 3166-1 alpha-2, upper-case. */
  country?: string;
  /** One of ROSTER_LOCALES. */
  locale?: string;
  organisation?: string;
}

/** A row as it came in (a CSV line or a JSON object), before normalising and checking. */
export interface RosterRecord {
  line: number;
  email?: string;
  name?: string;
  country?: string;
  locale?: string;
  organisation?: string;
}

export interface RosterRowError {
  line: number;
  column?: RosterColumn;
  code: RosterRowErrorCode;
  /** English; the UI translates by `code`. */
  message: string;
}

export interface RosterFileError {
  code: RosterFileErrorCode;
  /** The column concerned, for missing_column, unknown_column and duplicate_column. */
  column?: string;
  /** English; the UI translates by `code`. */
  message: string;
}

export interface RosterParseResult {
  /** True when the whole file is valid: no file errors, no row errors, at least one row. */
  ok: boolean;
  /** The valid rows, deduplicated by email, in file order. Empty when there are file errors. */
  rows: RosterRow[];
  /** Row errors in line order. Empty when there are file errors (rows are not checked then). */
  errors: RosterRowError[];
  fileErrors: RosterFileError[];
  /** Data rows in the file (header and blank lines excluded); 0 when the file was not parsed. */
  total: number;
  /** The delimiter detected, or null when the file was not parsed. */
  delimiter: RosterDelimiter | null;
}

export interface RosterValidationOptions {
  /**
   * Whether an upper-cased two-letter code is a country. By default only the format is checked;
   * pass a list check (ISO 3166-1) to reject codes such as `XX`.
   */
  isCountry?: (code: string) => boolean;
}

export type ParseRosterOptions = RosterValidationOptions;

// ---------------------------------------------------------------------------------------------
// Field rules, shared by the CSV check and the zod schema

const EMAIL_LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const EMAIL_DOMAIN = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;
const COUNTRY_FORMAT = /^[A-Z]{2}$/;

/**
 * A deliberately plain address check on a normalised (trimmed, lower-case) email: ASCII dot-atom
 * local part of at most 64 characters, a dotted domain with a letter TLD (or punycode), at most
 * 254 characters in all. Quoted local parts and IP-literal domains are refused.
 */
export function isRosterEmail(email: string): boolean {
  if (email.length > ROSTER_LIMITS.maxEmailLength) return false;
  const at = email.lastIndexOf('@');
  if (at < 1) return false;
  const local = email.slice(0, at);
  return local.length <= 64 && EMAIL_LOCAL.test(local) && EMAIL_DOMAIN.test(email.slice(at + 1));
}

export function normaliseEmail(value: string): string {
  return value.trim().toLowerCase();
}

/** Free text (names, organisations): NFC, every run of whitespace or control characters becomes one space, trimmed. */
export function normaliseText(value: string): string {
  return value
    .normalize('NFC')
    .replace(/[\s\p{Cc}]+/gu, ' ')
    .trim();
}

function isLocale(code: string): boolean {
  return ROSTER_LOCALES.includes(code);
}

/** Shows a user value in a message, cut short so one bad cell cannot flood the report. */
function shown(value: string): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > 40 ? `${flat.slice(0, 39)}…` : flat);
}

// ---------------------------------------------------------------------------------------------
// Row checks

interface RowValidator {
  add(record: RosterRecord, earlier?: RosterRowError[]): void;
  /** Records a row that could not be read at all (its fields are not checked). */
  reject(errors: RosterRowError[]): void;
  result(): { rows: RosterRow[]; errors: RosterRowError[] };
}

function createValidator(options: RosterValidationOptions = {}): RowValidator {
  const isCountry = options.isCountry;
  const firstLine = new Map<string, number>();
  const rows: RosterRow[] = [];
  const errors: RosterRowError[] = [];

  return {
    add(record, earlier = []) {
      const { line } = record;
      const found: RosterRowError[] = [...earlier];
      const fail = (code: RosterRowErrorCode, column: RosterColumn, message: string) => found.push({ line, column, code, message });

      const email = normaliseEmail(record.email ?? '');
      if (email === '') fail('missing_email', 'email', 'The email is empty.');
      else if (email.length > ROSTER_LIMITS.maxEmailLength)
        fail('invalid_email', 'email', `The email is longer than ${ROSTER_LIMITS.maxEmailLength} characters.`);
      else if (!isRosterEmail(email)) fail('invalid_email', 'email', `${shown(email)} is not an email address.`);

      const name = normaliseText(record.name ?? '');
      if (name === '') fail('missing_name', 'name', 'The name is empty.');
      else if (name.length > ROSTER_LIMITS.maxNameLength) fail('name_too_long', 'name', `The name is longer than ${ROSTER_LIMITS.maxNameLength} characters.`);

      const country = (record.country ?? '').trim().toUpperCase();
      if (country !== '' && !(COUNTRY_FORMAT.test(country) && (isCountry?.(country) ?? true))) {
        fail('invalid_country', 'country', `${shown(country)} is not a country code; use two letters (ISO 3166-1), such as KE or FR.`);
      }

      const locale = (record.locale ?? '').trim().toLowerCase();
      if (locale !== '' && !isLocale(locale))
        fail('invalid_locale', 'locale', `${shown(locale)} is not a language of the site; use one of ${ROSTER_LOCALES.join(', ')}.`);

      const organisation = normaliseText(record.organisation ?? '');
      if (organisation.length > ROSTER_LIMITS.maxOrganisationLength) {
        fail('organisation_too_long', 'organisation', `The organisation is longer than ${ROSTER_LIMITS.maxOrganisationLength} characters.`);
      }

      // The first row with an address claims it, whether or not that row is otherwise valid.
      if (email !== '' && isRosterEmail(email)) {
        const first = firstLine.get(email);
        if (first === undefined) firstLine.set(email, line);
        else fail('duplicate_email', 'email', `${email} is already on line ${first}.`);
      }

      if (found.length > 0) {
        errors.push(...found);
        return;
      }
      const row: RosterRow = { line, email, name };
      if (country !== '') row.country = country;
      if (locale !== '') row.locale = locale;
      if (organisation !== '') row.organisation = organisation;
      rows.push(row);
    },
    reject(found) {
      errors.push(...found);
    },
    result: () => ({ rows, errors }),
  };
}

/**
 * Normalises and checks rows, and drops later rows whose email (case-insensitive) was already seen.
 * This is the rule set parseRoster applies after reading the CSV; the API can run it again on the
 * rows it receives.
 */
export function validateRows(records: readonly RosterRecord[], options: RosterValidationOptions = {}): { rows: RosterRow[]; errors: RosterRowError[] } {
  const validator = createValidator(options);
  for (const record of records) validator.add(record);
  return validator.result();
}

// ---------------------------------------------------------------------------------------------
// Reading the file

interface ReadRecord {
  record: RosterRecord;
  /** Problems found while reading (quotes, values outside the columns). */
  problems: RosterRowError[];
}

type Read = { done: RosterParseResult } | { records: ReadRecord[]; total: number; delimiter: RosterDelimiter };

/** UTF-8 length of a string, counting no further than `limit + 1`. */
function utf8Length(text: string, limit: number): number {
  let bytes = 0;
  for (let i = 0; i < text.length && bytes <= limit; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        bytes += 4;
        i++;
      } else bytes += 3;
    } else bytes += 3;
  }
  return bytes;
}

function failed(fileErrors: RosterFileError[], total: number, delimiter: RosterDelimiter | null): { done: RosterParseResult } {
  return { done: { ok: false, rows: [], errors: [], fileErrors, total, delimiter } };
}

const SEP_LINE = /^sep=(.)$/i;

/**
 * Picks the delimiter from the header line: the candidate that splits it into the most known
 * column names, then into the most fields; comma on a tie. An Excel `sep=;` first line wins.
 */
function detectDelimiter(firstLine: string): { delimiter: RosterDelimiter; sepLine: boolean } {
  const sep = SEP_LINE.exec(firstLine);
  const declared = ROSTER_DELIMITERS.find((d) => d === sep?.[1]);
  if (declared) return { delimiter: declared, sepLine: true };
  let best: RosterDelimiter = ',';
  let bestKnown = -1;
  let bestFields = -1;
  for (const d of ROSTER_DELIMITERS) {
    const names = firstLine.split(d).map((n) => n.trim().replace(/^"|"$/g, '').trim().toLowerCase());
    const known = names.filter((n) => (ROSTER_COLUMNS as readonly string[]).includes(n)).length;
    if (known > bestKnown || (known === bestKnown && names.length > bestFields)) {
      best = d;
      bestKnown = known;
      bestFields = names.length;
    }
  }
  return { delimiter: best, sepLine: false };
}

/** Maps the header's cells to columns, or explains why it cannot. Blank header cells are allowed (and must stay empty). */
function readHeader(cells: string[]): { columns: (RosterColumn | null)[]; fileErrors: RosterFileError[] } {
  const columns: (RosterColumn | null)[] = [];
  const fileErrors: RosterFileError[] = [];
  const seen = new Set<string>();
  for (const cell of cells) {
    const name = cell.trim().toLowerCase();
    const column = ROSTER_COLUMNS.find((c) => c === name) ?? null;
    columns.push(column);
    if (name === '') continue;
    if (seen.has(name)) {
      fileErrors.push({ code: 'duplicate_column', column: name, message: `The column "${name}" appears more than once.` });
    } else if (column === null) {
      fileErrors.push({
        code: 'unknown_column',
        column: name,
        message: `The column ${shown(name)} is not part of the format; the columns are ${ROSTER_COLUMNS.join(', ')}.`,
      });
    }
    seen.add(name);
  }
  const missing = REQUIRED_ROSTER_COLUMNS.filter((c) => !seen.has(c)).map(
    (c): RosterFileError => ({ code: 'missing_column', column: c, message: `The required column "${c}" is missing.` }),
  );
  return { columns, fileErrors: [...missing, ...fileErrors] };
}

function isBlank(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

function readFile(input: string): Read {
  if (utf8Length(input, ROSTER_LIMITS.maxBytes) > ROSTER_LIMITS.maxBytes) {
    return failed(
      [{ code: 'too_large', message: `The file is larger than ${ROSTER_LIMITS.maxBytes / (1024 * 1024)} MB; split it into smaller files.` }],
      0,
      null,
    );
  }
  // One line break (\n) everywhere, so offsets map to physical lines; papaparse would also strip the BOM, but
  // only after we measured offsets, so strip it first.
  const text = (input.charCodeAt(0) === 0xfeff ? input.slice(1) : input).replace(/\r\n?/g, '\n');
  const firstLine = text.split('\n', 1000).find((l) => /[^\s,;"]/.test(l));
  if (firstLine === undefined) return failed([{ code: 'empty_file', message: 'The file is empty.' }], 0, null);
  const { delimiter, sepLine } = detectDelimiter(firstLine);

  let skipSepLine = sepLine;
  let header: { columns: (RosterColumn | null)[]; fileErrors: RosterFileError[] } | null = null;
  const records: ReadRecord[] = [];
  let total = 0;
  // Line bookkeeping: a row starts where the previous one ended (papaparse's meta.cursor, an
  // offset into `text` just past the row's line break). Count the \n before it, incrementally.
  let rowStart = 0;
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number): number => {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = offset;
    return line;
  };

  Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    escapeChar: '"',
    header: false,
    dynamicTyping: false,
    skipEmptyLines: false,
    step(results) {
      const start = rowStart;
      rowStart = results.meta.cursor;
      const cells = results.data;
      if (results.errors.length === 0 && isBlank(cells)) return;
      const at = lineAt(start);
      if (skipSepLine) {
        skipSepLine = false;
        return;
      }
      if (header === null) {
        header = readHeader(cells);
        return;
      }
      total++;
      if (header.fileErrors.length > 0 || total > ROSTER_LIMITS.maxRows) return;

      const problems: RosterRowError[] = [];
      for (const e of new Set(results.errors.map((e) => e.code))) {
        if (e === 'MissingQuotes') {
          problems.push({
            line: at,
            code: 'unclosed_quote',
            message: 'A quoted value on this line is never closed, so the rest of the file was read as part of it.',
          });
        } else if (e === 'InvalidQuotes') {
          problems.push({ line: at, code: 'malformed_quotes', message: 'A quoted value has a stray quote; write a quote inside a quoted value as "".' });
        }
      }
      const record: RosterRecord = { line: at };
      const stray: string[] = [];
      cells.forEach((cell, i) => {
        const column = header?.columns[i];
        if (column) record[column] = cell;
        else if (cell.trim() !== '') stray.push(cell);
      });
      if (stray.length > 0) {
        problems.push({ line: at, code: 'extra_value', message: `${shown(stray.join(delimiter))} is outside the columns named in the header.` });
      }
      records.push({ record, problems });
    },
  });

  // TS does not follow assignments made inside the step callback.
  const head = header as { fileErrors: RosterFileError[] } | null;
  if (head === null) return failed([{ code: 'empty_file', message: 'The file is empty.' }], 0, delimiter);
  const fileErrors = [...head.fileErrors];
  if (total === 0) fileErrors.push({ code: 'no_rows', message: 'The file has a header but no learners.' });
  if (total > ROSTER_LIMITS.maxRows) {
    fileErrors.push({
      code: 'too_many_rows',
      message: `The file has ${total} learners; the limit is ${ROSTER_LIMITS.maxRows} per file. Split it into smaller files.`,
    });
  }
  if (fileErrors.length > 0) return failed(fileErrors, total, delimiter);
  return { records, total, delimiter };
}

function check(validator: RowValidator, { record, problems }: ReadRecord): void {
  // An unclosed quote swallowed the rest of the file: the fields mean nothing, say only that.
  if (problems.some((p) => p.code === 'unclosed_quote')) validator.reject(problems);
  else validator.add(record, problems);
}

function finish(read: { total: number; delimiter: RosterDelimiter }, validator: RowValidator): RosterParseResult {
  const { rows, errors } = validator.result();
  return { ok: errors.length === 0 && rows.length > 0, rows, errors, fileErrors: [], total: read.total, delimiter: read.delimiter };
}

/** Reads and checks a roster CSV (the file's text, already decoded from UTF-8). */
export function parseRoster(text: string, options: ParseRosterOptions = {}): RosterParseResult {
  const read = readFile(text);
  if ('done' in read) return read.done;
  const validator = createValidator(options);
  for (const record of read.records) check(validator, record);
  return finish(read, validator);
}

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * parseRoster for a page that shows progress: the rows are checked `chunkRows` at a time, with a
 * turn of the event loop between chunks, and `onProgress(doneRows, totalRows)` after each chunk.
 * Reading the file itself (at most 2 MB) happens in one go before the first chunk.
 */
export async function parseRosterInChunks(
  text: string,
  onProgress: (doneRows: number, totalRows: number) => void,
  chunkRows = 1000,
  options: ParseRosterOptions = {},
): Promise<RosterParseResult> {
  if (!Number.isInteger(chunkRows) || chunkRows < 1) throw new RangeError('chunkRows must be a positive integer.');
  const read = readFile(text);
  if ('done' in read) return read.done;
  const validator = createValidator(options);
  const { records } = read;
  for (let from = 0; from < records.length; from += chunkRows) {
    if (from > 0) await nextTurn();
    const to = Math.min(from + chunkRows, records.length);
    for (let i = from; i < to; i++) check(validator, records[i]!);
    onProgress(to, records.length);
  }
  return finish(read, validator);
}

// ---------------------------------------------------------------------------------------------
// The API's JSON body: the valid rows, as parseRoster returns them

export const rosterRowSchema = z.strictObject({
  line: z.int().min(1),
  email: z.string().trim().toLowerCase().max(ROSTER_LIMITS.maxEmailLength).refine(isRosterEmail, { message: 'Use a valid email address.' }),
  name: z.string().overwrite(normaliseText).min(1, 'The name is empty.').max(ROSTER_LIMITS.maxNameLength),
  country: z.string().trim().toUpperCase().regex(COUNTRY_FORMAT, 'Use a two-letter country code (ISO 3166-1).').optional(),
  locale: z
    .string()
    .trim()
    .toLowerCase()
    .refine(isLocale, { message: `Use one of ${ROSTER_LOCALES.join(', ')}.` })
    .optional(),
  organisation: z.string().overwrite(normaliseText).max(ROSTER_LIMITS.maxOrganisationLength).optional(),
}) satisfies z.ZodType<RosterRow>;

/** At most ROSTER_LIMITS.maxRows rows, no email twice. */
export const rosterRowsSchema = z
  .array(rosterRowSchema)
  .min(1)
  .max(ROSTER_LIMITS.maxRows)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, i) => {
      if (seen.has(row.email)) ctx.addIssue({ code: 'custom', path: [i, 'email'], message: 'This email is already in the list.' });
      seen.add(row.email);
    });
  });
