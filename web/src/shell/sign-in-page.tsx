import { useState, type SyntheticEvent } from 'react'
import { ApiError } from '../api/api-error.ts'
import { api } from '../api/client.ts'
import type { Session, User } from '../api/types.ts'
import { useText } from '../text/use-text.ts'
import { Notice } from '../ui/feedback.tsx'

/** Username and password; the server sets the session cookie on success. */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const text = useText()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<string>()

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault()
    setBusy(true)
    setFailure(undefined)
    try {
      const session = await api.post<Session>('/v1/sessions', { username, password })
      onSignedIn(session.user)
    } catch (error) {
      setFailure(
        error instanceof ApiError && error.code === 'invalid_credentials'
          ? text.signIn.failed
          : String(error instanceof Error ? error.message : error),
      )
      setBusy(false)
    }
  }

  return (
    <main className="sign-in" id="main">
      <form
        className="panel sign-in-form"
        onSubmit={(e) => void submit(e)}
        aria-labelledby="sign-in-title"
      >
        <h1 id="sign-in-title">{text.signIn.title}</h1>
        {failure && <Notice tone="error">{failure}</Notice>}
        <label className="field">
          <span>{text.signIn.username}</span>
          <input
            name="username"
            autoComplete="username"
            required
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{text.signIn.password}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? text.signIn.submitting : text.signIn.submit}
        </button>
      </form>
    </main>
  )
}
