import { format, useText } from '../text/use-text.ts'
import type { PhoneText } from './phone-types.ts'

const time = (iso: string) => new Date(iso).toLocaleTimeString()
const FAILED = new Set(['undelivered', 'failed', 'blocked', 'expired'])

/**
 * One text as the phone shows it: ours on the right; Parley's on the left with why it was
 * sent and its delivery receipts (queued → sent → delivered, with times).
 */
export function PhoneBubble({ message }: { message: PhoneText }) {
  const text = useText()
  const t = text.phone
  const statusLabel = (status: string) => t.status[status] ?? status
  if (message.direction === 'sent') {
    return (
      <li className="phone-bubble phone-bubble-sent">
        <p className="phone-bubble-body">{message.body}</p>
        <p className="phone-bubble-meta">{format(t.sentAt, { time: time(message.at) })}</p>
      </li>
    )
  }
  const last = message.history.at(-1)
  const failed = FAILED.has(message.status)
  return (
    <li
      className={
        failed
          ? 'phone-bubble phone-bubble-received phone-bubble-failed'
          : 'phone-bubble phone-bubble-received'
      }
    >
      {message.purpose !== undefined && t.purpose[message.purpose] !== undefined && (
        <p className="phone-bubble-purpose">{t.purpose[message.purpose]}</p>
      )}
      <p className="phone-bubble-body">{message.body}</p>
      <p className="phone-bubble-meta">
        <strong className={failed ? 'phone-receipt-bad' : 'phone-receipt'}>
          {format(t.receipt, {
            status: statusLabel(message.status),
            time: time(last?.at ?? message.at),
          })}
        </strong>
        {message.errorCode !== undefined && (
          <> · {format(t.errorCode, { code: message.errorCode })}</>
        )}
      </p>
      {message.history.length > 1 && (
        <p className="phone-bubble-meta">
          {message.history
            .map((h) => format(t.receipt, { status: statusLabel(h.status), time: time(h.at) }))
            .join(' → ')}
        </p>
      )}
    </li>
  )
}
