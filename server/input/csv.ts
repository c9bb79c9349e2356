import "server-only";
import { CsvError, parse } from "csv-parse/sync";
import { defineMessages, renderMessage, ServiceError } from "~/server/errors";
import type { Locale } from "~/server/i18n/locales";
import { amountHint } from "~/server/money";

export const csvMessages = defineMessages("csv", {
  unreadable: "The file could not be read as CSV at line {line}: {reason}. Save it again as CSV and retry.",
  no_header: "The file is empty: its first row should name the columns ({expected}).",
  missing_columns: "The file has no {columns} column. Name the columns in the first row: {expected}.",
  no_rows: "The file has a header row but no rows under it.",
  too_many_rows: "The file has {rows} rows; import at most {max} at once, or split the file.",
  not_an_amount: "“{value}” is not an amount in {currency}. {hint}",
});

/** A row's cell that should hold an amount of money and does not, in `locale` (English when left out). */
export function notAnAmount(value: string, currency: string, locale?: Locale): string {
  return renderMessage(csvMessages.not_an_amount, { value, currency, hint: amountHint(currency, locale) }, locale);
}

/** One row of a CSV file: its row number as a spreadsheet shows it (the header is row 1), and its cells by column. */
export interface CsvRow<C extends string> {
  row: number;
  cells: Partial<Record<C, string>>;
}

export interface CsvTable<C extends string> {
  /** The known columns the file has, in its order. */
  columns: C[];
  /** Header names the import does not use. */
  ignored: string[];
  rows: CsvRow<C>[];
}

const quoteProblems: Record<string, string> = {
  CSV_INVALID_CLOSING_QUOTE: "a quoted cell has more text after its closing quote",
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: "a quoted cell has more text after its closing quote",
  INVALID_OPENING_QUOTE: "a quote appears inside a cell that does not start with one",
  CSV_QUOTE_NOT_CLOSED: "a quote is opened and never closed",
};

/**
 * The separator: the one Excel's "sep=;" first line names, or else the one the header row uses
 * most (spreadsheets write ";" where "," is the decimal mark).
 */
function delimiterOf(text: string): { delimiter: string; skipFirstLine: boolean } {
  const header = /^[^\r\n]*/.exec(text.replace(/^\uFEFF/, ""))?.[0] ?? "";
  const named = /^sep=(.)$/i.exec(header.trim());
  if (named) return { delimiter: named[1]!, skipFirstLine: true };
  const count = (c: string) => header.split(c).length - 1;
  return { delimiter: [",", ";", "\t"].reduce((best, c) => (count(c) > count(best) ? c : best), ","), skipFirstLine: false };
}

/** "Image URL", "image-url" and "imageUrl" all name the column image_url. */
export function columnKey(header: string): string {
  return header
    .trim()
    .replace(/([a-z])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .replace(/[\s-]+/g, "_");
}

/**
 * Reads a CSV file exported from a spreadsheet: comma, semicolon or tab separated, with a header
 * row naming the columns (in any order, any case; `aliases` maps other names to a column).
 * Cells are trimmed and empty lines skipped. A file that cannot be read, lacks a required column
 * or is too long is refused with what to do about it.
 */
export function readCsv<C extends string>(
  text: string,
  spec: { columns: readonly C[]; required: readonly C[]; aliases?: Readonly<Record<string, C>>; maxRows: number },
): CsvTable<C> {
  let records: { record: string[]; info: { lines: number } }[];
  const { delimiter, skipFirstLine } = delimiterOf(text);
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      from_line: skipFirstLine ? 2 : 1,
      info: true,
      relax_column_count: true,
      // 12" pizza: a quote inside a cell that does not start with one is just a character.
      relax_quotes: true,
      trim: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines ?? 1;
    throw new ServiceError("BAD_REQUEST", csvMessages.unreadable, { line, reason: quoteProblems[error.code] ?? error.message });
  }
  const expected = spec.columns.join(", ");
  // A record's row is the line it starts on: one after the line the previous record ended on.
  let previousEnd = skipFirstLine ? 1 : 0;
  const lines = records
    .map(({ record, info }) => {
      const row = { row: previousEnd + 1, record };
      previousEnd = info.lines;
      return row;
    })
    .filter(({ record }) => record.some((cell) => cell !== ""));
  const [header, ...body] = lines;
  if (!header) throw new ServiceError("BAD_REQUEST", csvMessages.no_header, { expected });

  const known = new Set<string>(spec.columns);
  const indexOf = new Map<C, number>();
  const ignored: string[] = [];
  header.record.forEach((name, i) => {
    const key = columnKey(name);
    const column = (known.has(key) ? key : spec.aliases?.[key]) as C | undefined;
    if (column && !indexOf.has(column)) indexOf.set(column, i);
    else if (name !== "") ignored.push(name);
  });
  const missing = spec.required.filter((c) => !indexOf.has(c));
  if (missing.length > 0) throw new ServiceError("BAD_REQUEST", csvMessages.missing_columns, { columns: missing.join(", "), expected });
  if (body.length === 0) throw new ServiceError("BAD_REQUEST", csvMessages.no_rows);
  if (body.length > spec.maxRows) throw new ServiceError("BAD_REQUEST", csvMessages.too_many_rows, { rows: body.length, max: spec.maxRows });

  const columns = [...indexOf.entries()].sort((a, b) => a[1] - b[1]).map(([c]) => c);
  const rows = body.map(({ record, row }) => ({
      row,
      cells: Object.fromEntries(columns.map((c) => [c, record[indexOf.get(c)!] ?? ""])) as Partial<Record<C, string>>,
    }));
  return { columns, ignored, rows };
}
