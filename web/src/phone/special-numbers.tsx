import { format, useText } from '../text/use-text.ts'
import type { SandboxNumbers, SpecialKind } from './phone-types.ts'

const KINDS: readonly SpecialKind[] = ['failTemporary', 'failPermanent', 'rejectAtSubmit']

/** The sandbox's misbehaving phones, each with what it does and a button to become it. */
export function SpecialNumbers({
  special,
  onUse,
}: {
  special: SandboxNumbers['special']
  onUse: (number: string) => void
}) {
  const text = useText()
  const t = text.phone
  const rows = KINDS.flatMap((kind) => special[kind].map((number) => ({ kind, number })))
  if (rows.length === 0) return null
  return (
    <section aria-labelledby="special-title" className="phone-stack-small">
      <h3 id="special-title">{t.specialTitle}</h3>
      <p className="muted small">{t.specialIntro}</p>
      <ul className="plain-list phone-special-numbers">
        {rows.map(({ kind, number }) => (
          <li key={number}>
            <button
              type="button"
              className="button"
              aria-label={format(t.useNumber, { number })}
              onClick={() => onUse(number)}
            >
              {number}
            </button>{' '}
            <span className="small">{t.special[kind]}</span>
          </li>
        ))}
      </ul>
    </section>
  )
}
