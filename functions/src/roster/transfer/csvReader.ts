/**
 * Rows of a CSV as papaparse's `parse(text, { skipEmptyLines: false })` gave them (sheetFiles.test.ts compares the
 * two), in ~2 KB instead of papaparse's ~21 KB in the roster transfer Lambda: the line break and the delimiter are
 * guessed the same way (WPS and Excel write commas; a sheet pasted from elsewhere may use tabs or semicolons), quoted
 * fields may hold delimiters, line breaks and doubled quotes, and an empty line is a row with one empty field.
 */
const DELIMITERS = [',', '\t', '|', ';', '\x1e', '\x1f'];
const PREVIEW_ROWS = 10;

/** papaparse's guess: \n unless \r splits the text and most \r are followed by \n (\r\n) or not (\r). */
function guessLineBreak(text: string): string {
  const unquoted = text.slice(0, 1024 * 1024).replace(/"[\s\S]*?"/g, '');
  const r = unquoted.split('\r');
  const n = unquoted.split('\n');
  if (r.length === 1 || (n.length > 1 && n[0]!.length < r[0]!.length)) return '\n';
  const withN = r.filter((part) => part[0] === '\n').length;
  return withN >= r.length / 2 ? '\r\n' : '\r';
}

const unescapeQuotes = (s: string) => s.replace(/""/g, '"');

function parseWith(text: string, delimiter: string, lineBreak: string, limit = Infinity): string[][] {
  const rows: string[][] = [];
  if (text === '') return rows;
  let row: string[] = [];
  let at = 0;
  /** Ends the row at `next`; answers whether the text is done (a break at the very end leaves one empty row). */
  const endRow = (next: number) => {
    rows.push(row);
    row = [];
    at = next;
    if (rows.length >= limit) return true;
    if (at >= text.length) {
      rows.push(['']);
      return true;
    }
    return false;
  };
  for (;;) {
    if (text[at] === '"') {
      // A quoted field, closed as papaparse closes it: by a quote that ends the text, or that is followed (after
      // whitespace only) by the delimiter or the line break; "" inside is one quote; any other quote is text.
      // Unterminated, the rest of the text is the field as it stands.
      const open = at + 1;
      let quote = at;
      let closed: 'field' | 'row' | undefined;
      for (;;) {
        quote = text.indexOf('"', quote + 1);
        if (quote < 0) {
          row.push(text.slice(open));
          rows.push(row);
          return rows;
        }
        if (quote === text.length - 1) {
          row.push(unescapeQuotes(text.slice(open, quote)));
          rows.push(row);
          return rows;
        }
        if (text[quote + 1] === '"') {
          quote++;
          continue;
        }
        const d = text.indexOf(delimiter, quote + 1);
        const n = text.indexOf(lineBreak, quote + 1);
        const whitespaceUpTo = (index: number) => {
          const between = index === -1 ? '' : text.slice(quote + 1, index);
          return between && between.trim() === '' ? between.length : 0;
        };
        const beforeDelimiter = whitespaceUpTo(n === -1 ? d : Math.min(d, n));
        if (text.startsWith(delimiter, quote + 1 + beforeDelimiter)) {
          at = quote + 1 + beforeDelimiter + delimiter.length;
          closed = 'field';
        } else {
          const beforeBreak = whitespaceUpTo(n);
          if (text.startsWith(lineBreak, quote + 1 + beforeBreak)) {
            at = quote + 1 + beforeBreak + lineBreak.length;
            closed = 'row';
          }
        }
        if (closed) {
          row.push(unescapeQuotes(text.slice(open, quote)));
          break;
        }
      }
      if (closed === 'row') {
        if (endRow(at)) return rows;
      } else if (at >= text.length) {
        row.push('');
        rows.push(row);
        return rows;
      }
      continue;
    }
    const d = text.indexOf(delimiter, at);
    const n = text.indexOf(lineBreak, at);
    if (d !== -1 && (n === -1 || d < n)) {
      row.push(text.slice(at, d));
      at = d + delimiter.length;
      if (at >= text.length) {
        row.push('');
        rows.push(row);
        return rows;
      }
    } else if (n !== -1) {
      row.push(text.slice(at, n));
      if (endRow(n + lineBreak.length)) return rows;
    } else {
      row.push(text.slice(at));
      rows.push(row);
      return rows;
    }
  }
}

/** papaparse's guess: the delimiter giving the steadiest field count over the first rows, averaging two or more. */
function guessDelimiter(text: string, lineBreak: string): string {
  let best: { delimiter: string; delta: number; average: number } | undefined;
  for (const delimiter of DELIMITERS) {
    const preview = parseWith(text, delimiter, lineBreak, PREVIEW_ROWS);
    let delta = 0;
    let total = 0;
    let previous: number | undefined;
    for (const r of preview) {
      total += r.length;
      if (previous === undefined) previous = r.length;
      else if (r.length > 0) {
        delta += Math.abs(r.length - previous);
        previous = r.length;
      }
    }
    const average = preview.length ? total / preview.length : 0;
    // The steadiest count wins; the larger average only breaks a tie (papaparse 5.5).
    const better = !best || delta < best.delta || (delta === best.delta && average > best.average);
    if (average > 1.99 && better) best = { delimiter, delta, average };
  }
  return best?.delimiter ?? ',';
}

export function readCsvRows(text: string): string[][] {
  const lineBreak = guessLineBreak(text);
  return parseWith(text, guessDelimiter(text, lineBreak), lineBreak);
}
