import { useState, type SyntheticEvent } from 'react'
import { ApiError } from '../api/api-error.ts'
import { api } from '../api/client.ts'
import type { Session, User } from '../api/types.ts'
import { useText } from '../text/use-text.ts'
import { ActionNotice } from '../ui/feedback.tsx'
import { errorText } from '../ui/error-message.ts'
import { useAction } from '../ui/use-action.ts'

/** Username and password; the server sets the session cookie on success. */
export function SignInPage({ onSignedIn }: { onSignedIn: (user: User) => void }) {
  const text = useText()
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const signIn = useAction(
    async () => {
      const session = await api.post<Session>('/v1/sessions', { username, password })
      onSignedIn(session.user)
    },
    {
      describe: (error) =>
        error instanceof ApiError && error.code === 'invalid_credentials'
          ? text.signIn.failed
          : errorText(error),
      keepBusyOnSuccess: true,
    },
  )
  const submit = (event: SyntheticEvent) => {
    event.preventDefault()
    void signIn.run()
  }

  return (
    <main className="sign-in" id="main">
      <form className="panel sign-in-form" onSubmit={submit} aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">{text.signIn.title}</h1>
        <ActionNotice action={signIn} />
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
        <button type="submit" className="button button-primary" disabled={signIn.busy}>
          {signIn.busy ? text.signIn.submitting : text.signIn.submit}
        </button>
      </form>
    </main>
  )
}
