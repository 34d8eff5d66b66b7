import type { MouseEvent, ReactNode } from 'react'
import { navigate } from '../shell/use-path.ts'

/**
 * A link inside the app: a plain click moves without reloading, a modified click (new tab)
 * behaves as any link.
 * @example <AppLink to="/admin/templates/case_update">case_update</AppLink>
 */
export function AppLink({
  to,
  current = false,
  children,
}: {
  to: string
  current?: boolean
  children: ReactNode
}) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a href={to} aria-current={current ? 'page' : undefined} onClick={follow}>
      {children}
    </a>
  )
}
