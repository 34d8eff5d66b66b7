import { useState, type SyntheticEvent } from 'react'
import { format, useText } from '../text/use-text.ts'
import type { SandboxNumbers } from './phone-types.ts'
import { SpecialNumbers } from './special-numbers.tsx'

/** Ordinary phones to suggest; any other number works too (the server validates it). */
const ORDINARY = ['+12505550123', '+12505550142', '+16045550175']

/**
 * Who the simulated phone is and which of our numbers it texts. The phone number is typed
 * freely and used on submit; the server says if it is not a number a carrier could reach.
 */
export function PhoneSetup({
  numbers,
  phone,
  ourNumber,
  onPhone,
  onOurNumber,
}: {
  numbers: SandboxNumbers
  phone: string
  ourNumber: string
  onPhone: (phone: string) => void
  onOurNumber: (number: string) => void
}) {
  const text = useText()
  const t = text.phone
  const [draft, setDraft] = useState(phone)
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    if (draft.trim()) onPhone(draft.trim())
  }
  const use = (number: string) => {
    setDraft(number)
    onPhone(number)
  }
  const special = numbers.special
  return (
    <section className="panel stack" aria-labelledby="setup-title">
      <h2 id="setup-title">{t.setupTitle}</h2>
      <form className="phone-stack-small" onSubmit={submit}>
        <label className="field">
          <span>{t.phoneNumber}</span>
          <input
            type="tel"
            autoComplete="off"
            list="phone-suggestions"
            aria-describedby="phone-hint"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <datalist id="phone-suggestions" aria-label={t.suggestions}>
          {ORDINARY.map((n) => (
            <option key={n} value={n} label={t.ordinaryPhone} />
          ))}
          {special.failTemporary.map((n) => (
            <option key={n} value={n} label={t.special.failTemporary} />
          ))}
          {special.failPermanent.map((n) => (
            <option key={n} value={n} label={t.special.failPermanent} />
          ))}
          {special.rejectAtSubmit.map((n) => (
            <option key={n} value={n} label={t.special.rejectAtSubmit} />
          ))}
        </datalist>
        <p id="phone-hint" className="muted small">
          {t.phoneHint}
        </p>
        <div>
          <button type="submit" className="button" disabled={draft.trim() === phone}>
            {t.usePhone}
          </button>
        </div>
      </form>
      <label className="field">
        <span>{t.ourNumber}</span>
        <select value={ourNumber} onChange={(e) => onOurNumber(e.target.value)}>
          {numbers.numbers.map((n) => (
            <option key={n.number} value={n.number}>
              {format(t.ourNumberOption, {
                number: n.number,
                label: n.programs.map((p) => p.name).join(', ') || n.label || '',
              })}
            </option>
          ))}
        </select>
      </label>
      <SpecialNumbers special={special} onUse={use} />
    </section>
  )
}
