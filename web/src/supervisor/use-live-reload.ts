import { useEffect, useRef } from 'react'
import { useLiveEvents } from '../shell/live-events-context.tsx'

/**
 * Re-reads a board when live events arrive, and after a reconnect (events missed while away
 * are not replayed). A burst of events (an offer, its acceptance, a status change) becomes
 * one reload `delayMs` after the first of them, so a busy centre does not flood the server.
 * `everyMs` also reloads on a timer: service levels change with time alone.
 * @example useLiveReload(queues.reload, { delayMs: 250, everyMs: 30_000 })
 */
export function useLiveReload(
  reload: () => void,
  { delayMs = 250, everyMs }: { delayMs?: number; everyMs?: number } = {},
): void {
  const latest = useRef(reload)
  latest.current = reload
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined)

  useLiveEvents((event) => {
    if (event !== 'reconnected' && event.kind === 'hello') return
    if (pending.current !== undefined) return
    pending.current = setTimeout(() => {
      pending.current = undefined
      latest.current()
    }, delayMs)
  })

  useEffect(() => () => clearTimeout(pending.current), [])

  useEffect(() => {
    if (everyMs === undefined) return
    const timer = setInterval(() => latest.current(), everyMs)
    return () => clearInterval(timer)
  }, [everyMs])
}
