import type { ReceiptStatus } from '../gateway.ts'

/** The fields of an SMSC delivery receipt's text (SMPP v3.4 Appendix B), as written. */
export interface ReceiptText {
  id: string
  stat: string
  sub?: string
  dlvrd?: string
  submitDate?: string
  doneDate?: string
  err?: string
  text?: string
}

export type ReceiptTextParse =
  | { ok: true; receipt: ReceiptText }
  | { ok: false; reason: 'not_a_receipt' | 'missing_id' | 'missing_stat'; detail: string }

// Keys may be any case; "submit date" is also seen as submit_date / submitdate / "submit  date".
const KEY = /(?:^|[\s,;])(id|sub|dlvrd|submit[\s_]*date|done[\s_]*date|stat|err|text)\s*:/gi

/**
 * Reads whatever receipt fields a text holds, tolerant to case, spacing and missing fields;
 * undefined when it holds none (an ordinary message). `text:` runs to the end: it is the start
 * of the message and may itself contain "stat:". Used directly when the id travels in a TLV.
 * @example readReceiptFields('sub:001 stat:delivrd err:000') // { sub: '001', stat: 'DELIVRD', err: '000' }
 */
export function readReceiptFields(input: string): Partial<ReceiptText> | undefined {
  const found: { key: string; start: number; valueStart: number }[] = []
  for (const match of input.matchAll(KEY)) {
    const key = (match[1] ?? '').toLowerCase().replace(/[\s_]+/g, '')
    found.push({ key, start: match.index, valueStart: match.index + match[0].length })
    if (key === 'text') break
  }
  if (found.length === 0) return undefined
  const fields: Partial<ReceiptText> = {}
  found.forEach((field, i) => {
    const end = field.key === 'text' ? input.length : (found[i + 1]?.start ?? input.length)
    const raw = input.slice(field.valueStart, end)
    const value = field.key === 'text' ? raw.replace(/^\s+/, '') : raw.trim()
    const name = FIELD_NAMES[field.key]
    // A later duplicate never overrides the first occurrence; empty values count as absent.
    if (name !== undefined && fields[name] === undefined && (value !== '' || name === 'text')) {
      fields[name] = name === 'stat' ? value.toUpperCase() : value
    }
  })
  return fields
}

const FIELD_NAMES: Readonly<Record<string, keyof ReceiptText>> = {
  id: 'id',
  sub: 'sub',
  dlvrd: 'dlvrd',
  submitdate: 'submitDate',
  donedate: 'doneDate',
  stat: 'stat',
  err: 'err',
  text: 'text',
}

/**
 * Parses `id:… sub:001 dlvrd:001 submit date:YYMMDDhhmm done date:YYMMDDhhmm stat:DELIVRD
 * err:000 text:…` (SMPP v3.4 Appendix B); id and stat are required, the rest is optional.
 * @example parseReceiptText('id:0A1F sub:001 dlvrd:001 submit date:2501011200 done date:2501011201 stat:DELIVRD err:000 text:Hi')
 * // { ok: true, receipt: { id: '0A1F', stat: 'DELIVRD', err: '000', … } }
 */
export function parseReceiptText(input: string): ReceiptTextParse {
  const fields = readReceiptFields(input)
  const detail = input.slice(0, 60)
  if (fields === undefined) return { ok: false, reason: 'not_a_receipt', detail }
  const { id, stat } = fields
  if (id === undefined) return { ok: false, reason: 'missing_id', detail }
  if (stat === undefined) return { ok: false, reason: 'missing_stat', detail }
  return { ok: true, receipt: { ...fields, id, stat } }
}

// SMPP v3.4 §5.2.28 message states, as written in receipts. The split between 'undelivered'
// and 'failed' follows Twilio's, so every gateway means the same thing:
// - undelivered: the SMSC tried and the handset did not get it (expired, unreachable, unknown
//   outcome). A later retry may succeed.
// - failed: refused or removed before any delivery attempt (REJECTD by the network, DELETED by
//   an operator, SKIPPED in SMPP v5). Retrying the same message will not help.
// ENROUTE and ACCEPTD mean the SMSC holds it: 'sent'. SCHEDULED is not news.
const STATS: Readonly<Record<string, ReceiptStatus | 'ignore'>> = {
  DELIVRD: 'delivered',
  DELIVERED: 'delivered',
  ACCEPTD: 'sent',
  ACCEPTED: 'sent',
  ENROUTE: 'sent',
  EXPIRED: 'undelivered',
  UNDELIV: 'undelivered',
  UNDELIVERABLE: 'undelivered',
  UNKNOWN: 'undelivered',
  REJECTD: 'failed',
  REJECTED: 'failed',
  DELETED: 'failed',
  SKIPPED: 'failed',
  SCHEDULED: 'ignore',
}

/**
 * Maps a receipt's `stat:` word to a receipt status; undefined for a word the SMPP
 * specification does not define (the gateway logs it).
 * @example receiptStatusOf('UNDELIV') // 'undelivered'
 */
export function receiptStatusOf(stat: string): ReceiptStatus | 'ignore' | undefined {
  return STATS[stat.trim().toUpperCase()]
}

// message_state TLV values (SMPP v3.4 §5.3.2.35) as the words used in receipt text.
const MESSAGE_STATES = [
  'SCHEDULED',
  'ENROUTE',
  'DELIVRD',
  'EXPIRED',
  'DELETED',
  'UNDELIV',
  'ACCEPTD',
  'UNKNOWN',
  'REJECTD',
  'SKIPPED',
]

/**
 * The `stat:` word for a message_state TLV value, for receipts that carry only TLVs.
 * @example statOfMessageState(2) // 'DELIVRD'
 */
export function statOfMessageState(state: number): string | undefined {
  return MESSAGE_STATES[state]
}
