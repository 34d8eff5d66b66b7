import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { ScreeningTest } from './admin-types.ts'
import { ScreeningResult } from './screening-result.tsx'

/** A fictional mobile number (555-01xx is reserved for fiction). */
const SAMPLE_FROM = '+16045550123'

/**
 * "Test a message": what Parley would make of a text from a number to one of ours — keyword,
 * matching rule, captured values and the text as stored, masked.
 */
export function TestMessageBox({
  senders,
  onTested,
}: {
  senders: readonly { number: string; label?: string | undefined }[]
  onTested: (rule: string | undefined) => void
}) {
  const text = useText()
  const t = text.admin.rules.test
  const [message, setMessage] = useState('')
  const [from, setFrom] = useState(SAMPLE_FROM)
  const [to, setTo] = useState(senders[0]?.number ?? '')
  const [result, setResult] = useState<ScreeningTest>()
  const test = useAction(async () => {
    const answer = await api.post<ScreeningTest>('/v1/admin/screening/test', {
      text: message,
      from,
      to,
    })
    setResult(answer)
    onTested(answer.screening.rule)
  })

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    if (await test.run()) return
    setResult(undefined)
    onTested(undefined)
  }

  return (
    <section className="panel stack" aria-labelledby="test-message-title">
      <h2 id="test-message-title">{t.title}</h2>
      <p className="muted">{t.intro}</p>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t.text}</span>
          <textarea
            required
            rows={3}
            value={message}
            onChange={(e) => setMessage(e.target.value)}
          />
        </label>
        <div className="row">
          <label className="field">
            <span>{t.from}</span>
            <input
              required
              inputMode="tel"
              value={from}
              onChange={(e) => setFrom(e.target.value)}
            />
          </label>
          <label className="field">
            <span>{t.to}</span>
            <select value={to} onChange={(e) => setTo(e.target.value)}>
              {senders.map((s) => (
                <option key={s.number} value={s.number}>
                  {s.label ? `${s.number} — ${s.label}` : s.number}
                </option>
              ))}
            </select>
          </label>
        </div>
        <div>
          <button type="submit" className="button button-primary" disabled={test.busy}>
            {test.busy ? t.testing : t.submit}
          </button>
        </div>
      </form>
      <ActionNotice action={test} />
      <div aria-live="polite">{result && <ScreeningResult result={result} />}</div>
    </section>
  )
}
