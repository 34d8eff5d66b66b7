import { useEffect, useState } from 'react'
import { ApiError } from '../api/api-error.ts'
import { api, setSignedOutHandler } from '../api/client.ts'
import type { User } from '../api/types.ts'
import { useText } from '../text/use-text.ts'
import { Header } from './header.tsx'
import { LiveEventsProvider } from './live-events-context.tsx'
import { SignInPage } from './sign-in-page.tsx'
import { HOME_BY_ROLE, screenFor } from './routes.tsx'
import { navigate, usePath } from './use-path.ts'

type Who = { state: 'checking' } | { state: 'signed_out' } | { state: 'signed_in'; user: User }

/** Signs people in, then shows the screens their role allows. */
export function App() {
  const text = useText()
  const path = usePath()
  const [who, setWho] = useState<Who>({ state: 'checking' })

  useEffect(() => {
    setSignedOutHandler(() => setWho({ state: 'signed_out' }))
    api.get<User>('/v1/me').then(
      (user) => setWho({ state: 'signed_in', user }),
      (error: unknown) => {
        if (!(error instanceof ApiError) || error.status !== 401) console.error(error)
        setWho({ state: 'signed_out' })
      },
    )
  }, [])

  useEffect(() => {
    if (who.state === 'signed_in' && !screenFor(path, who.user))
      navigate(HOME_BY_ROLE[who.user.role])
  }, [who, path])

  if (who.state === 'checking') return <p className="muted page">{text.states.loading}</p>
  if (who.state === 'signed_out')
    return <SignInPage onSignedIn={(user) => setWho({ state: 'signed_in', user })} />

  const signOut = async () => {
    await api.delete('/v1/sessions/current').catch(() => undefined)
    setWho({ state: 'signed_out' })
  }
  const screen = screenFor(path, who.user)
  return (
    <LiveEventsProvider key={who.user.id}>
      <a className="skip-link" href="#main">
        {text.shell.skipToContent}
      </a>
      <Header user={who.user} path={path} onSignOut={() => void signOut()} />
      <main id="main" className="page" tabIndex={-1}>
        {screen ? screen.render(who.user) : <p>{text.shell.notFound}</p>}
      </main>
    </LiveEventsProvider>
  )
}
