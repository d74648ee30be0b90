/**
 * Spreadsheet formula injection (CSV injection): a cell starting with `=`, `+`, `-` or `@`
 * (or a tab or carriage return before one) is run as a formula when the file is opened in Excel
 * or WPS, e.g. `=HYPERLINK("http://…","点击")` typed as an enterprise name. Every writer puts
 * an apostrophe in front of such a cell (OWASP's advice; spreadsheets then show it as text) and
 * every reader takes it off again, so an exported file imports unchanged.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
const GUARDED = /^'[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

export function restoreNeutralised(value: string): string {
  return GUARDED.test(value) ? value.slice(1) : value;
}
