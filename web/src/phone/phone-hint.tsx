import { format, useText } from '../text/use-text.ts'
import type { SandboxNumbers } from './phone-types.ts'

/**
 * The one-minute tour: which number to text and what to say to open a conversation (a BCeID
 * request when that program is configured, else the first number), and the keywords to try.
 */
export function PhoneHint({
  numbers,
  onTry,
}: {
  numbers: SandboxNumbers
  onTry: (number: string, example: string) => void
}) {
  const text = useText()
  const t = text.phone
  const target =
    numbers.numbers.find((n) => n.programs.some((p) => /bce?id/i.test(p.id + p.name))) ??
    numbers.numbers[0]
  if (!target) return null
  const name = target.programs.map((p) => p.name).join(', ') || target.label || target.number
  return (
    <div className="notice notice-info phone-hint">
      <p>{format(t.tryIt, { example: t.example, number: target.number, name })}</p>
      <p>{t.keywords}</p>
      <button type="button" className="button" onClick={() => onTry(target.number, t.example)}>
        {format(t.useExample, { example: t.example })}
      </button>
    </div>
  )
}
