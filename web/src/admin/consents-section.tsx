import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'
import type { ConsentLookup } from './admin-types.ts'
import { ConsentResult } from './consent-result.tsx'

/** Looks up a phone number's consent per program and the events that set it. */
export function ConsentsSection() {
  const text = useText()
  const t = text.admin.consents
  const [phone, setPhone] = useState('')
  const [found, setFound] = useState<ConsentLookup>()
  const lookUp = useAction(async () => {
    setFound(await api.get<ConsentLookup>(`/v1/admin/consents/${encodeURIComponent(phone)}`))
  })

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    if (!(await lookUp.run())) setFound(undefined)
  }

  return (
    <div className="stack">
      <h1>{t.title}</h1>
      <p className="muted">{t.intro}</p>
      <form className="row panel" role="search" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t.phone}</span>
          <input
            required
            type="tel"
            autoComplete="off"
            value={phone}
            onChange={(e) => setPhone(e.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary align-end" disabled={lookUp.busy}>
          {t.submit}
        </button>
      </form>
      <ActionNotice action={lookUp} />
      <div aria-live="polite">{found && <ConsentResult found={found} />}</div>
    </div>
  )
}
