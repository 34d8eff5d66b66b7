import type { ReactNode } from 'react'
import type { Role, User } from '../api/types.ts'
import { DeskPage } from '../agent/desk-page.tsx'
import { AdminPage } from '../admin/admin-page.tsx'
import { PhonePage } from '../phone/phone-page.tsx'
import { AgentBoardPage } from '../supervisor/agent-board-page.tsx'
import { QueueBoardPage } from '../supervisor/queue-board-page.tsx'
import type { Messages } from '../text/en.ts'

export interface Screen {
  /** The path, and every path under it (`/admin/templates` belongs to `/admin`). */
  path: string
  label: (text: Messages) => string
  roles: readonly Role[]
  render: (user: User) => ReactNode
  /** Shown only when the sandbox carrier runs (the phone simulator). */
  sandboxOnly?: boolean
}

/** Every screen, in navigation order; the interface follows the signed-in role. */
export const SCREENS: readonly Screen[] = [
  {
    path: '/desk',
    label: (t) => t.nav.desk,
    roles: ['agent'],
    render: (user) => <DeskPage user={user} />,
  },
  {
    path: '/queues',
    label: (t) => t.nav.queues,
    roles: ['supervisor', 'admin'],
    render: () => <QueueBoardPage />,
  },
  {
    path: '/agents',
    label: (t) => t.nav.agents,
    roles: ['supervisor', 'admin'],
    render: () => <AgentBoardPage />,
  },
  {
    path: '/admin',
    label: (t) => t.nav.admin,
    roles: ['admin'],
    render: () => <AdminPage />,
  },
  {
    path: '/phone',
    label: (t) => t.nav.phone,
    roles: ['agent', 'supervisor', 'admin'],
    render: () => <PhonePage />,
    sandboxOnly: true,
  },
]

/** Where a person lands after signing in. */
export const HOME_BY_ROLE: Record<Role, string> = {
  agent: '/desk',
  supervisor: '/queues',
  admin: '/admin',
}

/** The screen a path shows, if this person may see it. */
export function screenFor(path: string, user: User): Screen | undefined {
  return SCREENS.find(
    (screen) =>
      (path === screen.path || path.startsWith(screen.path + '/')) &&
      screen.roles.includes(user.role),
  )
}
