import { useState, type SyntheticEvent } from 'react'
import { api } from '../api/client.ts'
import { format, useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { useAction } from '../ui/use-action.ts'

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
  const reset = useAction(async () => {
    await api.post(path, { password })
    setPassword('')
    onReset(format(t.passwordReset, { name: username }))
  })
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    void reset.run()
  }
  return (
    <form className="stack" aria-labelledby="reset-password-title" onSubmit={submit}>
      <h3 id="reset-password-title">{t.resetTitle}</h3>
      <ActionNotice action={reset} />
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
        <button type="submit" className="button align-end" disabled={reset.busy}>
          {t.resetSubmit}
        </button>
      </div>
      <p className="muted small">{t.passwordHint}</p>
    </form>
  )
}
