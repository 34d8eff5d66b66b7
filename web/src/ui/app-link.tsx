import type { MouseEvent, ReactNode } from 'react'
import { navigate } from '../shell/use-path.ts'

/**
 * A link to another screen of the app: moves without reloading, while a middle-click or
 * Ctrl-click still opens a new tab.
 * @example <AppLink to="/queues/SBC_HD_SMS_BCEID">BCeID support</AppLink>
 */
export function AppLink({
  to,
  children,
  className,
  label,
  current = false,
}: {
  to: string
  children: ReactNode
  className?: string
  /** An accessible name when the visible text alone is not enough. */
  label?: string
  /** This link leads to the screen shown now (aria-current="page"). */
  current?: boolean
}) {
  const follow = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return
    event.preventDefault()
    navigate(to)
  }
  return (
    <a
      href={to}
      className={className}
      aria-label={label}
      aria-current={current ? 'page' : undefined}
      onClick={follow}
    >
      {children}
    </a>
  )
}
