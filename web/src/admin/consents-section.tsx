import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import type { ConsentLookup } from './admin-types.ts'
import { ConsentResult } from './consent-result.tsx'
import { errorMessage } from './error-message.ts'

/** Looks up a phone number's consent per program and the events that set it. */
export function ConsentsSection() {
  const text = useText()
  const t = text.admin.consents
  const [phone, setPhone] = useState('')
  const [busy, setBusy] = useState(false)
  const [found, setFound] = useState<ConsentLookup>()
  const [failure, setFailure] = useState<string>()

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailure(undefined)
    try {
      setFound(await api.get<ConsentLookup>(`/v1/admin/consents/${encodeURIComponent(phone)}`))
    } catch (error) {
      setFound(undefined)
      setFailure(errorMessage(text, error))
    } finally {
      setBusy(false)
    }
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
        <button type="submit" className="button button-primary align-end" disabled={busy}>
          {t.submit}
        </button>
      </form>
      {failure && <Notice tone="error">{failure}</Notice>}
      <div aria-live="polite">{found && <ConsentResult found={found} />}</div>
    </div>
  )
}
