import type { InboundSms, Receipt, ReceiptStatus } from '../gateway.ts'
import type { TwilioParams } from './twilio-signature.ts'

/** What a Twilio message status means to Parley; 'ignore' = no news for the sender. */
export type TwilioStatusMeaning = ReceiptStatus | 'ignore'

// Twilio's message statuses (Messaging API, "Message status values").
// queued/accepted/scheduled/sending are still on Twilio's side: no news. `read` (WhatsApp, RCS)
// implies delivery. `canceled` is final: a scheduled message that will never leave, so 'failed'.
// receiving/received describe inbound messages and never concern a send.
const MEANINGS: Readonly<Record<string, TwilioStatusMeaning>> = {
  queued: 'ignore',
  accepted: 'ignore',
  scheduled: 'ignore',
  sending: 'ignore',
  receiving: 'ignore',
  received: 'ignore',
  sent: 'sent',
  delivered: 'delivered',
  read: 'delivered',
  partially_delivered: 'delivered',
  undelivered: 'undelivered',
  failed: 'failed',
  canceled: 'failed',
}

/**
 * Maps a Twilio status string to a receipt status; undefined for a status Twilio has not
 * documented (the caller logs it rather than guessing).
 * @example twilioStatusMeaning('undelivered') // 'undelivered'
 */
export function twilioStatusMeaning(status: string): TwilioStatusMeaning | undefined {
  return MEANINGS[status.trim().toLowerCase()]
}

export type TwilioWebhookProblem =
  'missing_message_sid' | 'missing_status' | 'unknown_status' | 'missing_from' | 'missing_to'

export type StatusCallbackParse =
  /** `receipt` is undefined when the status carries no news (queued, sending…). */
  | { ok: true; receipt: Receipt | undefined }
  | { ok: false; reason: TwilioWebhookProblem; detail: string }

export type InboundParse =
  { ok: true; inbound: InboundSms } | { ok: false; reason: TwilioWebhookProblem; detail: string }

function first(params: TwilioParams, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = params[name]
    const text = typeof value === 'string' ? value : value?.[0]
    if (text !== undefined && text.trim() !== '') return text.trim()
  }
  return undefined
}

/**
 * Parses a Twilio status callback (form fields MessageSid, MessageStatus, ErrorCode…) into a
 * receipt. Callbacks arrive unordered (REFERENCE.md, Twilio): ordering is the caller's job.
 * @example parseStatusCallback({ MessageSid: 'SM…', MessageStatus: 'delivered' }, clock.now())
 */
export function parseStatusCallback(params: TwilioParams, now: number): StatusCallbackParse {
  // Older callbacks carry SmsSid/SmsStatus only; newer ones carry both spellings.
  const carrierId = first(params, 'MessageSid', 'SmsSid')
  if (carrierId === undefined) {
    return { ok: false, reason: 'missing_message_sid', detail: 'no MessageSid' }
  }
  const carrierStatus = first(params, 'MessageStatus', 'SmsStatus')
  if (carrierStatus === undefined) {
    return { ok: false, reason: 'missing_status', detail: `no MessageStatus for ${carrierId}` }
  }
  const meaning = twilioStatusMeaning(carrierStatus)
  if (meaning === undefined) {
    return { ok: false, reason: 'unknown_status', detail: `${carrierId}: ${carrierStatus}` }
  }
  if (meaning === 'ignore') return { ok: true, receipt: undefined }
  const errorCode = first(params, 'ErrorCode')
  const receipt: Receipt = {
    carrierId,
    status: meaning,
    carrierStatus: carrierStatus.toLowerCase(),
    occurredAt: now,
  }
  if (errorCode !== undefined && errorCode !== '0') receipt.errorCode = errorCode
  return { ok: true, receipt }
}

/**
 * Parses Twilio's incoming-message webhook (MessageSid, From, To, Body). An empty Body is valid
 * (a picture-only MMS); a missing sid or address is a validation error, returned as a value.
 * @example parseInboundWebhook({ MessageSid: 'SM…', From: '+1514…', To: '+1438…', Body: 'STOP' }, now)
 */
export function parseInboundWebhook(params: TwilioParams, now: number): InboundParse {
  const carrierId = first(params, 'MessageSid', 'SmsMessageSid', 'SmsSid')
  if (carrierId === undefined) {
    return { ok: false, reason: 'missing_message_sid', detail: 'no MessageSid' }
  }
  const from = first(params, 'From')
  if (from === undefined) return { ok: false, reason: 'missing_from', detail: carrierId }
  const to = first(params, 'To')
  if (to === undefined) return { ok: false, reason: 'missing_to', detail: carrierId }
  // The body is kept verbatim: keyword matching does its own trimming.
  const body = params.Body
  const text = typeof body === 'string' ? body : (body?.[0] ?? '')
  return { ok: true, inbound: { carrierId, from, to, body: text, receivedAt: now } }
}
