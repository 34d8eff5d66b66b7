/** A CSV problem: where, and what. Rows and columns count from 1, as a spreadsheet shows them. */
export interface CsvProblem {
  row: number
  message: string
}

export type CsvParse =
  { ok: true; header: string[]; rows: string[][] } | { ok: false; problem: CsvProblem }

/**
 * Parses RFC 4180 CSV: comma-separated, fields optionally in double quotes
 * (a quote inside doubled: ""), quoted fields may hold commas and line breaks;
 * CRLF or LF line ends; a leading byte-order mark is ignored (spreadsheets add
 * one). The first row is the header. Blank lines are skipped. Every row must
 * have as many fields as the header.
 * @example parseCsv('phone,name\n+12505550123,"Doe, Jane"\n') // { ok: true, header: ['phone', 'name'], rows: [['+12505550123', 'Doe, Jane']] }
 */
export function parseCsv(text: string): CsvParse {
  const records: { fields: string[]; line: number }[] = []
  let fields: string[] = []
  let field = ''
  let quoted = false
  let fieldStarted = false
  let line = 1
  let recordLine = 1
  const input = text.startsWith('\uFEFF') ? text.slice(1) : text

  const endRecord = () => {
    fields.push(field)
    const blank = fields.length === 1 && fields[0] === '' && !fieldStarted
    if (!blank) records.push({ fields, line: recordLine })
    fields = []
    field = ''
    fieldStarted = false
  }

  for (let i = 0; i < input.length; i++) {
    const c = input.charAt(i)
    if (quoted) {
      if (c === '"') {
        if (input[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else {
        if (c === '\n') line++
        field += c
      }
      continue
    }
    if (c === '"') {
      if (field !== '')
        return { ok: false, problem: { row: line, message: 'a quote inside an unquoted field' } }
      quoted = true
      fieldStarted = true
    } else if (c === ',') {
      fields.push(field)
      field = ''
      fieldStarted = true
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      endRecord()
      line++
      recordLine = line
    } else {
      if (fieldStarted && field === '' && fields.length > 0 && input[i - 1] === '"') {
        return { ok: false, problem: { row: line, message: 'text after a closing quote' } }
      }
      field += c
      fieldStarted = true
    }
  }
  if (quoted)
    return { ok: false, problem: { row: recordLine, message: 'a quoted field is never closed' } }
  if (field !== '' || fields.length > 0 || fieldStarted) endRecord()

  const [header, ...rest] = records
  if (!header)
    return { ok: false, problem: { row: 1, message: 'the file is empty: expected a header row' } }
  const names = header.fields.map((h) => h.trim())
  for (const record of rest) {
    if (record.fields.length !== names.length) {
      return {
        ok: false,
        problem: {
          row: record.line,
          message: `expected ${names.length} fields like the header, found ${record.fields.length}`,
        },
      }
    }
  }
  return { ok: true, header: names, rows: rest.map((r) => r.fields) }
}
