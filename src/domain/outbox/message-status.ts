/** Where an outbound message is in its life. */
export type MessageStatus =
  | 'queued'
  | 'sending'
  | 'sent'
  | 'delivered'
  | 'undelivered'
  | 'failed'
  | 'blocked'
  | 'expired'
  | 'fallback_email_sent'

export const MESSAGE_STATUSES: readonly MessageStatus[] = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'undelivered',
  'failed',
  'blocked',
  'expired',
  'fallback_email_sent',
]

/** How far along a status is; a receipt may only move a message forward. */
const RANK: Record<MessageStatus, number> = {
  queued: 0,
  sending: 1,
  sent: 2,
  delivered: 3,
  undelivered: 3,
  failed: 3,
  blocked: 3,
  expired: 3,
  fallback_email_sent: 4,
}

/** Statuses after which nothing more happens to the text itself. */
export function isFinalStatus(status: MessageStatus): boolean {
  return RANK[status] >= 3
}

/**
 * Whether `next` may replace `current`. Carriers deliver receipts out of order
 * (REFERENCE.md, Twilio): a final status is never overwritten by an older one,
 * and `sending` may go back to `queued` only through a retry (`retry: true`).
 * The one move out of a final status is an undeliverable text falling back to e-mail.
 * @example canMoveTo('delivered', 'sent') // false
 */
export function canMoveTo(
  current: MessageStatus,
  next: MessageStatus,
  options: { retry?: boolean } = {},
): boolean {
  if (next === 'fallback_email_sent')
    return current === 'failed' || current === 'undelivered' || current === 'expired'
  if (options.retry === true) return current === 'sending' && next === 'queued'
  if (isFinalStatus(current)) return false
  return RANK[next] > RANK[current]
}
