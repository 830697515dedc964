// A small RFC 4180 CSV reader: records are produced one at a time from the text, so a large
// file is never split into an array of lines. Quoted fields may hold commas, doubled quotes and
// line breaks; CRLF and LF line ends; blank lines are skipped.

export interface CsvRecord {
  /** 1-based line number where the record starts. */
  line: number;
  fields: string[];
}

export function* parseCsv(text: string): Generator<CsvRecord> {
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0; // byte-order mark
  let line = 1;
  while (i < n) {
    const start = line;
    const fields: string[] = [];
    let field = "";
    let ended = false;
    while (!ended) {
      if (i < n && text.charCodeAt(i) === 34 /* " */) {
        i++;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            // Unterminated quote: take the rest as the field.
            field += text.slice(i);
            line += countNewlines(text, i, n);
            i = n;
            break;
          }
          field += text.slice(i, q);
          line += countNewlines(text, i, q);
          if (text.charCodeAt(q + 1) === 34) {
            field += '"';
            i = q + 2;
          } else {
            i = q + 1;
            break;
          }
        }
      }
      // Unquoted part (or what follows a closing quote) up to a comma or line end.
      let j = i;
      while (j < n) {
        const c = text.charCodeAt(j);
        if (c === 44 || c === 10 || c === 13) break;
        j++;
      }
      field += text.slice(i, j);
      i = j;
      fields.push(field);
      field = "";
      if (i >= n) ended = true;
      else if (text.charCodeAt(i) === 44) i++;
      else {
        if (text.charCodeAt(i) === 13) i++;
        if (text.charCodeAt(i) === 10) i++;
        line++;
        ended = true;
      }
    }
    if (fields.length === 1 && fields[0] === "") continue;
    yield { line: start, fields };
  }
}

function countNewlines(text: string, from: number, to: number): number {
  let k = 0;
  for (let p = text.indexOf("\n", from); p !== -1 && p < to; p = text.indexOf("\n", p + 1)) k++;
  return k;
}
