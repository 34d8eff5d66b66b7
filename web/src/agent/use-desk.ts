import { useEffect, useRef } from 'react'
import { api } from '../api/client.ts'
import { useLiveEvents } from '../shell/live-events-context.tsx'
import { useLoad, type Loaded } from '../ui/use-load.ts'
import type { Desk, DeskSettings } from './desk-types.ts'

/** A burst of events (offered, accepted, a reply) becomes one re-read this long after the first. */
const COALESCE_MS = 120

/**
 * The desk's data: the settings (codes, queues, standard responses, my status) and my
 * conversations with my queues' waiting ones. Both are re-read when live events say they
 * changed, and after a reconnect (events missed while away are not replayed).
 * @example const { settings, desk } = useDesk()
 */
export function useDesk(): { settings: Loaded<DeskSettings>; desk: Loaded<Desk> } {
  const settings = useLoad(() => api.get<DeskSettings>('/v1/desk/settings'), [])
  const desk = useLoad(() => api.get<Desk>('/v1/conversations'), [])
  const reloadDesk = useCoalesced(desk.reload)
  const reloadSettings = useCoalesced(settings.reload)
  useLiveEvents((event) => {
    if (event === 'reconnected') {
      reloadDesk()
      reloadSettings()
    } else if (event.kind === 'conversation') reloadDesk()
    else if (event.kind === 'agent') reloadSettings()
  })
  return { settings, desk }
}

/**
 * Wraps `run` so calls within COALESCE_MS of the first become one call.
 * @example const reload = useCoalesced(desk.reload); reload(); reload() // one re-read
 */
export function useCoalesced(run: () => void): () => void {
  const latest = useRef(run)
  latest.current = run
  const pending = useRef<ReturnType<typeof setTimeout>>(undefined)
  useEffect(() => () => clearTimeout(pending.current), [])
  const call = useRef(() => {
    if (pending.current !== undefined) return
    pending.current = setTimeout(() => {
      pending.current = undefined
      latest.current()
    }, COALESCE_MS)
  })
  return call.current
}
