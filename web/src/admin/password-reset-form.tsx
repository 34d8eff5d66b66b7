import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'
import { errorMessage } from './error-message.ts'

/** Sets a new password for someone who lost theirs; their sessions end. */
export function PasswordResetForm({
  path,
  username,
  onReset,
}: {
  path: string
  username: string
  onReset: (message: string) => void
}) {
  const text = useText()
  const t = text.admin.users
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()
  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailure(undefined)
    try {
      await api.post(path, { password })
      setPassword('')
      onReset(format(t.passwordReset, { name: username }))
    } catch (error) {
      setFailure(errorMessage(text, error))
    } finally {
      setBusy(false)
    }
  }
  return (
    <form className="stack" aria-labelledby="reset-password-title" onSubmit={(e) => void submit(e)}>
      <h3 id="reset-password-title">{t.resetTitle}</h3>
      {failure && <Notice tone="error">{failure}</Notice>}
      <div className="row">
        <label className="field">
          <span>{t.fields.newPassword}</span>
          <input
            required
            type="password"
            autoComplete="new-password"
            minLength={12}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="button align-end" disabled={busy}>
          {t.resetSubmit}
        </button>
      </div>
      <p className="muted small">{t.passwordHint}</p>
    </form>
  )
}
