import type { MouseEvent } from 'react'
import { api } from '../api/client.ts'
import type { User } from '../api/types.ts'
import { format, useText } from '../text/use-text.ts'
import { useLoad } from '../ui/use-load.ts'
import { useLiveConnected } from './live-events-context.tsx'
import { SCREENS } from './routes.tsx'
import { navigate } from './use-path.ts'

/** The top bar: the screens this role may open, the live connection, and sign-out. */
export function Header({
  user,
  path,
  onSignOut,
}: {
  user: User
  path: string
  onSignOut: () => void
}) {
  const text = useText()
  const connected = useLiveConnected()
  const sandbox = useLoad(() => api.get<unknown>('/v1/sandbox/numbers'), [])
  const screens = SCREENS.filter(
    (s) => s.roles.includes(user.role) && (!s.sandboxOnly || sandbox.state === 'ready'),
  )
  const follow = (event: MouseEvent<HTMLAnchorElement>, to: string) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <header className="top-bar">
      <span className="brand">{text.appName}</span>
      <nav aria-label={text.shell.mainNavigation}>
        <ul>
          {screens.map((s) => {
            const current = path === s.path || path.startsWith(s.path + '/')
            return (
              <li key={s.path}>
                <a
                  href={s.path}
                  aria-current={current ? 'page' : undefined}
                  onClick={(e) => follow(e, s.path)}
                >
                  {s.label(text)}
                </a>
              </li>
            )
          })}
        </ul>
      </nav>
      <span className={connected ? 'live live-on' : 'live live-off'} role="status">
        {connected ? text.shell.liveConnected : text.shell.liveDisconnected}
      </span>
      <span className="who">
        {format(text.shell.signedInAs, { name: user.displayName, role: text.roles[user.role] })}
      </span>
      <button type="button" className="button" onClick={onSignOut}>
        {text.shell.signOut}
      </button>
    </header>
  )
}
