import type { Pdu } from 'smpp'
import { readConcatIe, readSarTlvs, type ConcatInfo } from './concatenation.ts'
import { readReceiptFields, statOfMessageState } from './receipt-text.ts'
import { fromSmppAddress } from './smpp-address.ts'

export type DeliverSm =
  | { kind: 'receipt'; id: string; stat: string; err?: string }
  | { kind: 'mo'; from: string; to: string; text: string; concat: ConcatInfo }
  | { kind: 'invalid'; reason: string }

// esm_class message-type bits (SMPP v3.4 §5.2.12): 0x04 SMSC delivery receipt, 0x20 intermediate
// delivery notification. Either one makes the deliver_sm a receipt, not a customer's message.
const RECEIPT_BITS = 0x04 | 0x20

/**
 * Classifies a deliver_sm decoded by the `smpp` package: a delivery receipt (esm_class receipt bit
 * or a receipted_message_id TLV) or a mobile-originated message (with its concatenation info).
 * The package has already decoded the text by data_coding: 0 → GSM 03.38, 8 → UCS-2, 3 → Latin-1;
 * other codings arrive as bytes and are read as Latin-1.
 * @example readDeliverSm(pdu) // { kind: 'receipt', id: '2591', stat: 'DELIVRD' }
 */
export function readDeliverSm(pdu: Pdu): DeliverSm {
  const payload = pdu.message_payload ?? pdu.short_message
  const { text, udh } = readMessage(payload)
  const receiptedId =
    typeof pdu.receipted_message_id === 'string' ? pdu.receipted_message_id.trim() : ''
  if (((pdu.esm_class ?? 0) & RECEIPT_BITS) !== 0 || receiptedId !== '') {
    return readReceipt(pdu, text, receiptedId)
  }
  const concat = readConcatIe(udh) ??
    readSarTlvs(pdu.sar_msg_ref_num, pdu.sar_total_segments, pdu.sar_segment_seqnum) ?? {
      ref: 0,
      total: 1,
      seq: 1,
    }
  return {
    kind: 'mo',
    from: fromSmppAddress(pdu.source_addr ?? '', pdu.source_addr_ton),
    to: fromSmppAddress(pdu.destination_addr ?? '', pdu.dest_addr_ton),
    text,
    concat,
  }
}

function readReceipt(pdu: Pdu, text: string, receiptedId: string): DeliverSm {
  const fields = readReceiptFields(text) ?? {}
  // The TLV is authoritative when present: some SMSCs truncate the id in the text.
  const id = receiptedId !== '' ? receiptedId : (fields.id ?? '')
  const stat =
    fields.stat ??
    (typeof pdu.message_state === 'number' ? statOfMessageState(pdu.message_state) : undefined)
  if (id === '') return { kind: 'invalid', reason: `receipt without id: ${text.slice(0, 80)}` }
  if (stat === undefined) return { kind: 'invalid', reason: `receipt without stat for ${id}` }
  const err = fields.err ?? networkErrorCode(pdu.network_error_code)
  return err === undefined || /^0+$/.test(err)
    ? { kind: 'receipt', id, stat }
    : { kind: 'receipt', id, stat, err }
}

function readMessage(value: unknown): { text: string; udh: Buffer[] } {
  if (Buffer.isBuffer(value)) return { text: value.toString('latin1'), udh: [] }
  if (typeof value === 'string') return { text: value, udh: [] }
  if (typeof value !== 'object' || value === null) return { text: '', udh: [] }
  const { message, udh } = value as { message?: unknown; udh?: unknown }
  const text =
    typeof message === 'string'
      ? message
      : Buffer.isBuffer(message)
        ? message.toString('latin1')
        : ''
  const elements = Array.isArray(udh) ? udh.filter((ie): ie is Buffer => Buffer.isBuffer(ie)) : []
  return { text, udh: elements }
}

// network_error_code TLV: 1 octet network type + 2 octets error code (SMPP v3.4 §5.3.2.31).
function networkErrorCode(value: Buffer | undefined): string | undefined {
  if (value === undefined || value.length < 3) return undefined
  return `${value[0] ?? 0}:${value.readUInt16BE(1)}`
}
