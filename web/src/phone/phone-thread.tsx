import { useEffect, useRef } from 'react'
import { format, useText } from '../text/use-text.ts'
import { PhoneBubble } from './phone-bubble.tsx'
import type { PhoneText } from './phone-types.ts'

/** The texts with one of our numbers, oldest first, kept scrolled to the newest. */
export function PhoneThreadView({
  phone,
  ourNumber,
  texts,
}: {
  phone: string
  ourNumber: string
  texts: readonly PhoneText[]
}) {
  const text = useText()
  const t = text.phone
  const list = useRef<HTMLOListElement>(null)
  const last = texts.at(-1)
  const lastKey = last ? `${last.id}:${last.status}` : ''
  useEffect(() => {
    // scroll the thread only, never the page around it
    if (list.current) list.current.scrollTop = list.current.scrollHeight
  }, [lastKey])
  return (
    <ol
      ref={list}
      className="phone-thread"
      aria-label={format(t.threadLabel, { phone, number: ourNumber })}
      aria-live="polite"
      aria-relevant="additions"
    >
      {texts.length === 0 && <li className="muted phone-empty">{t.empty}</li>}
      {texts.map((m) => (
        <PhoneBubble key={m.id} message={m} />
      ))}
    </ol>
  )
}
