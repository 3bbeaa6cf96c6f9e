import { describe, expect, it } from 'vitest';
import {
  parseRoster,
  parseRosterInChunks,
  ROSTER_FILE_ERROR_CODES,
  ROSTER_LIMITS,
  ROSTER_ROW_ERROR_CODES,
  type RosterParseResult,
  rosterRowSchema,
  rosterRowsSchema,
  validateRows,
} from '#core/roster/index.ts';

/** A file with one row after the header, so the row is on line 2. */
const oneRow = (header: string, row: string) => parseRoster(`${header}\n${row}\n`);
const codes = (r: RosterParseResult) => r.errors.map((e) => [e.line, e.code, e.column]);
const fileCodes = (r: RosterParseResult) => r.fileErrors.map((e) => e.code);
/** `n` distinct learners, one per line, after a header. */
const generated = (n: number) => `email,name\n${Array.from({ length: n }, (_, i) => `learner${i}@example.org,Learner ${i}`).join('\n')}\n`;

describe('roster CSV: reading', () => {
  it('reads a valid file, normalising every field', () => {
    const r = parseRoster(
      [
        'email,name,country,locale,organisation',
        '  Amina.Diallo@Example.ORG ,  Amina   Diallo ,sn,FR,Ministère des Affaires étrangères',
        'kofi@example.org,Kofi Mensah,,,',
        'lucia@example.org,Lucía Pérez,mx,es,',
      ].join('\n'),
    );
    expect(r).toEqual({
      ok: true,
      rows: [
        { line: 2, email: 'amina.diallo@example.org', name: 'Amina Diallo', country: 'SN', locale: 'fr', organisation: 'Ministère des Affaires étrangères' },
        { line: 3, email: 'kofi@example.org', name: 'Kofi Mensah' },
        { line: 4, email: 'lucia@example.org', name: 'Lucía Pérez', country: 'MX', locale: 'es' },
      ],
      errors: [],
      fileErrors: [],
      total: 3,
      delimiter: ',',
    });
  });

  it('ignores a UTF-8 byte order mark before the header', () => {
    const r = parseRoster('\ufeffemail,name\nana@example.org,Ana\n');
    expect(r.ok).toBe(true);
    expect(r.rows).toEqual([{ line: 2, email: 'ana@example.org', name: 'Ana' }]);
  });

  it('reads CRLF line endings without leaking \\r into values or line numbers', () => {
    const r = parseRoster('email,name,locale\r\nana@example.org,Ana,pt\r\n\r\nbo@example.org,Bo,sw\r\n');
    expect(r.ok).toBe(true);
    expect(r.rows).toEqual([
      { line: 2, email: 'ana@example.org', name: 'Ana', locale: 'pt' },
      { line: 4, email: 'bo@example.org', name: 'Bo', locale: 'sw' },
    ]);
  });

  it('detects a semicolon-delimited file (Excel in fr/es/pt), commas staying inside values', () => {
    const r = parseRoster('\ufeffEmail;Name;Organisation\r\njo@example.org;"Silva; Jo";Ministério da Saúde, Brasil\r\n');
    expect(r.delimiter).toBe(';');
    expect(r.ok).toBe(true);
    expect(r.rows).toEqual([{ line: 2, email: 'jo@example.org', name: 'Silva; Jo', organisation: 'Ministério da Saúde, Brasil' }]);
  });

  it('detects a tab-delimited file', () => {
    const r = parseRoster('email\tname\tcountry\nana@example.org\tAna, Jr.\tke\n');
    expect(r.delimiter).toBe('\t');
    expect(r.rows).toEqual([{ line: 2, email: 'ana@example.org', name: 'Ana, Jr.', country: 'KE' }]);
  });

  it('follows an Excel "sep=;" first line', () => {
    const r = parseRoster('sep=;\nemail;name\nana@example.org;Ana\n');
    expect(r.delimiter).toBe(';');
    expect(r.rows).toEqual([{ line: 3, email: 'ana@example.org', name: 'Ana' }]);
    expect(parseRoster('sep=\t\nemail\tname\nana@example.org\tAna\n').delimiter).toBe('\t');
  });

  it('keeps quoted commas and counts lines from where a row starts after a quoted multi-line value', () => {
    const r = parseRoster(
      [
        'email,name,organisation',
        'ana@example.org,"Ana, Maria","Ministry of Foreign Affairs',
        'Legal Department',
        'Treaty Section"',
        'bo@example.org,Bo,"He said ""hi"""',
        'not-an-email,Cy,',
      ].join('\r\n'),
    );
    expect(r.rows).toEqual([
      { line: 2, email: 'ana@example.org', name: 'Ana, Maria', organisation: 'Ministry of Foreign Affairs Legal Department Treaty Section' },
      { line: 5, email: 'bo@example.org', name: 'Bo', organisation: 'He said "hi"' },
    ]);
    expect(codes(r)).toEqual([[6, 'invalid_email', 'email']]);
  });

  it('matches header names case-insensitively after trimming, and skips blank lines', () => {
    const r = parseRoster('\n  EMAIL , Name ,Locale\n\nana@example.org,Ana,AR\n   \n,,\nbo@example.org,Bo,\n\n');
    expect(r.ok).toBe(true);
    expect(r.total).toBe(2);
    expect(r.rows).toEqual([
      { line: 4, email: 'ana@example.org', name: 'Ana', locale: 'ar' },
      { line: 7, email: 'bo@example.org', name: 'Bo' },
    ]);
  });

  it('gives the same result in chunks as in one go', async () => {
    const text = 'email,name\nana@example.org,Ana\nbad,Bo\nANA@example.org,Ana again\ncy@example.org,Cy\n';
    const progress: [number, number][] = [];
    const chunked = await parseRosterInChunks(text, (done, total) => progress.push([done, total]), 2);
    expect(chunked).toEqual(parseRoster(text));
    expect(progress).toEqual([
      [2, 4],
      [4, 4],
    ]);
    await expect(parseRosterInChunks(text, () => {}, 0)).rejects.toThrow(RangeError);
  });
});

describe('roster CSV: file errors', () => {
  it('empty_file: nothing, or only a BOM, blank lines and delimiters', () => {
    for (const text of ['', '\ufeff', '\n\r\n   \n', ',,\n;;\n']) {
      const r = parseRoster(text);
      expect(r.ok).toBe(false);
      expect(fileCodes(r)).toEqual(['empty_file']);
      expect(r.total).toBe(0);
    }
  });

  it('no_rows: a header and nothing else', () => {
    const r = parseRoster('email,name,country\r\n\r\n');
    expect(r).toMatchObject({ ok: false, rows: [], errors: [], total: 0 });
    expect(fileCodes(r)).toEqual(['no_rows']);
  });

  it('missing_column: names each missing required column', () => {
    const r = parseRoster('email,country\nana@example.org,KE\n');
    expect(r.fileErrors).toEqual([expect.objectContaining({ code: 'missing_column', column: 'name' })]);
    expect(fileCodes(parseRoster('country\nKE\n'))).toEqual(['missing_column', 'missing_column']);
    expect(r.rows).toEqual([]);
  });

  it('unknown_column: a role column is refused (learners only), as is any other', () => {
    const r = parseRoster('email,name,role,Phone\nana@example.org,Ana,admin,123\n');
    expect(r.ok).toBe(false);
    expect(r.fileErrors.map((e) => [e.code, e.column])).toEqual([
      ['unknown_column', 'role'],
      ['unknown_column', 'phone'],
    ]);
    expect(r.rows).toEqual([]);
    expect(r.errors).toEqual([]);
    expect(r.total).toBe(1);
  });

  it('duplicate_column: the same column twice', () => {
    const r = parseRoster('email,name,Email\nana@example.org,Ana,ana@example.org\n');
    expect(r.fileErrors).toEqual([expect.objectContaining({ code: 'duplicate_column', column: 'email' })]);
  });

  it('too_large: more than 2 MB (UTF-8 bytes)', () => {
    const text = `email,name,organisation\nana@example.org,Ana,${'é'.repeat(ROSTER_LIMITS.maxBytes / 2)}\n`;
    const r = parseRoster(text);
    expect(fileCodes(r)).toEqual(['too_large']);
    expect(r).toMatchObject({ ok: false, total: 0, delimiter: null });
  });

  it('parses 10,000 rows in chunks, reporting progress more than once', async () => {
    const progress: number[] = [];
    const r = await parseRosterInChunks(generated(ROSTER_LIMITS.maxRows), (done, total) => {
      expect(total).toBe(10_000);
      progress.push(done);
    });
    expect(r.ok).toBe(true);
    expect(r.total).toBe(10_000);
    expect(r.rows).toHaveLength(10_000);
    expect(r.rows.at(-1)).toEqual({ line: 10_001, email: 'learner9999@example.org', name: 'Learner 9999' });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress).toEqual([1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000]);
  });

  it('too_many_rows: 10,001 rows, nothing imported', () => {
    const r = parseRoster(generated(ROSTER_LIMITS.maxRows + 1));
    expect(fileCodes(r)).toEqual(['too_many_rows']);
    expect(r).toMatchObject({ ok: false, rows: [], errors: [], total: 10_001 });
  });
});

describe('roster CSV: row errors, each on its line', () => {
  it('missing_email', () => {
    expect(codes(oneRow('email,name', '  ,Ana'))).toEqual([[2, 'missing_email', 'email']]);
  });

  it('invalid_email: bad shape or longer than 254 characters', () => {
    for (const email of ['ana', 'ana@', '@example.org', 'ana@example', 'a b@example.org', 'ana..b@example.org', 'ana@exa_mple.org', 'ana@@example.org']) {
      expect(codes(oneRow('email,name', `${email},Ana`)), email).toEqual([[2, 'invalid_email', 'email']]);
    }
    expect(codes(oneRow('email,name', `${'a'.repeat(64)}@${'b'.repeat(190)}.org,Ana`))).toEqual([[2, 'invalid_email', 'email']]);
    expect(oneRow('email,name', "o'brien+accord@mail.example.co.ke,Ana").ok).toBe(true);
  });

  it('missing_name', () => {
    const r = parseRoster('email,name\nana@example.org,Ana\nbo@example.org,   \ncy@example.org\n');
    expect(codes(r)).toEqual([
      [3, 'missing_name', 'name'],
      [4, 'missing_name', 'name'],
    ]);
    expect(r.rows.map((row) => row.line)).toEqual([2]);
  });

  it('name_too_long: more than 120 characters after trimming', () => {
    expect(oneRow('email,name', `ana@example.org,  ${'n'.repeat(120)}  `).ok).toBe(true);
    expect(codes(oneRow('email,name', `ana@example.org,${'n'.repeat(121)}`))).toEqual([[2, 'name_too_long', 'name']]);
  });

  it('invalid_country: not two letters, or refused by the isCountry hook', () => {
    expect(codes(oneRow('email,name,country', 'ana@example.org,Ana,KEN'))).toEqual([[2, 'invalid_country', 'country']]);
    expect(codes(oneRow('email,name,country', 'ana@example.org,Ana,K1'))).toEqual([[2, 'invalid_country', 'country']]);
    const isCountry = (code: string) => ['KE', 'FR'].includes(code);
    const r = parseRoster('email,name,country\nana@example.org,Ana,ke\nbo@example.org,Bo,XX\n', { isCountry });
    expect(codes(r)).toEqual([[3, 'invalid_country', 'country']]);
    expect(r.rows).toEqual([{ line: 2, email: 'ana@example.org', name: 'Ana', country: 'KE' }]);
  });

  it('invalid_locale: not one of the site locales', () => {
    const r = parseRoster('email,name,locale\nana@example.org,Ana,de\nbo@example.org,Bo,pt-BR\ncy@example.org,Cy,SW\n');
    expect(codes(r)).toEqual([
      [2, 'invalid_locale', 'locale'],
      [3, 'invalid_locale', 'locale'],
    ]);
    expect(r.rows).toEqual([{ line: 4, email: 'cy@example.org', name: 'Cy', locale: 'sw' }]);
  });

  it('organisation_too_long: more than 120 characters', () => {
    expect(codes(oneRow('email,name,organisation', `ana@example.org,Ana,${'o'.repeat(121)}`))).toEqual([[2, 'organisation_too_long', 'organisation']]);
  });

  it('duplicate_email: case-insensitive, reported on the later line, the first row kept', () => {
    const r = parseRoster('email,name\nAna@Example.org,Ana\nbo@example.org,Bo\n ana@EXAMPLE.ORG ,Ana again\n');
    expect(codes(r)).toEqual([[4, 'duplicate_email', 'email']]);
    expect(r.errors[0]!.message).toContain('line 2');
    expect(r.rows.map((row) => [row.line, row.email])).toEqual([
      [2, 'ana@example.org'],
      [3, 'bo@example.org'],
    ]);
    expect(r.ok).toBe(false);
  });

  it('extra_value: a value beyond the header, or under a blank header cell (empty ones are fine)', () => {
    const r = parseRoster('email,name,\nana@example.org,Ana,,\nbo@example.org,Bo,oops\ncy@example.org,Cy,,more\n');
    expect(codes(r)).toEqual([
      [3, 'extra_value', undefined],
      [4, 'extra_value', undefined],
    ]);
    expect(r.rows.map((row) => row.line)).toEqual([2]);
  });

  it('unclosed_quote: reported once, on the line where the value opens', () => {
    const r = parseRoster('email,name\nana@example.org,Ana\nbo@example.org,"Bo\ncy@example.org,Cy\n');
    expect(codes(r)).toEqual([[3, 'unclosed_quote', undefined]]);
    expect(r.rows.map((row) => row.line)).toEqual([2]);
  });

  it('malformed_quotes: a stray quote inside a quoted value', () => {
    const r = parseRoster('email,name\nana@example.org,"Ana "AJ" Diallo"\nbo@example.org,Bo\n');
    expect(codes(r)).toEqual([[2, 'malformed_quotes', undefined]]);
    expect(r.rows.map((row) => row.line)).toEqual([3]);
  });

  it('reports every problem of a row, and the valid rows stay importable', () => {
    const r = parseRoster('email,name,country,locale\nana@example.org,Ana,KE,en\nbad,,KEN,xx\ncy@example.org,Cy,,\n');
    expect(codes(r)).toEqual([
      [3, 'invalid_email', 'email'],
      [3, 'missing_name', 'name'],
      [3, 'invalid_country', 'country'],
      [3, 'invalid_locale', 'locale'],
    ]);
    expect(r.ok).toBe(false);
    expect(r.rows.map((row) => row.line)).toEqual([2, 4]);
    expect(r.total).toBe(3);
  });

  it('uses only the documented codes', () => {
    const r = parseRoster('email,name,country,locale,organisation\nbad,,KEN,xx,\n,x,,,\n');
    for (const e of r.errors) expect(ROSTER_ROW_ERROR_CODES).toContain(e.code);
    for (const e of parseRoster('email\n').fileErrors) expect(ROSTER_FILE_ERROR_CODES).toContain(e.code);
  });
});

describe('roster rows: re-validation and the API schema', () => {
  it('validateRows applies the same rules to rows from JSON, with the isCountry hook', () => {
    const { rows, errors } = validateRows(
      [
        { line: 2, email: ' Ana@Example.org', name: 'Ana', country: 'ke' },
        { line: 3, email: 'ana@example.org', name: 'Ana' },
        { line: 4, email: 'bo@example.org', name: 'Bo', country: 'ZZ' },
      ],
      { isCountry: (code) => code !== 'ZZ' },
    );
    expect(rows).toEqual([{ line: 2, email: 'ana@example.org', name: 'Ana', country: 'KE' }]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'duplicate_email'],
      [4, 'invalid_country'],
    ]);
  });

  it('rosterRowSchema accepts what parseRoster returns and refuses a role or a bad email', () => {
    const { rows } = parseRoster('email,name,country,locale,organisation\nana@example.org,Ana,SN,fr,Ministry\nbo@example.org,Bo,,,\n');
    expect(rosterRowsSchema.parse(rows)).toEqual(rows);
    expect(rosterRowSchema.safeParse({ line: 2, email: 'ana@example.org', name: 'Ana', role: 'admin' }).success).toBe(false);
    expect(rosterRowSchema.safeParse({ line: 2, email: 'ana@', name: 'Ana' }).success).toBe(false);
    expect(rosterRowSchema.safeParse({ line: 2, email: 'ana@example.org', name: 'Ana', locale: 'de' }).success).toBe(false);
    expect(rosterRowsSchema.safeParse([rows[0], { ...rows[0], line: 9, email: 'ANA@example.org' }]).success).toBe(false);
  });
});
