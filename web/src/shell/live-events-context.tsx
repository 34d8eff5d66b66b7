import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react'
import { followLiveEvents } from '../api/live-events.ts'
import type { LiveEvent } from '../api/types.ts'

type Listener = (event: LiveEvent | 'reconnected') => void

interface LiveEventsHub {
  connected: boolean
  subscribe: (listener: Listener) => () => void
}

const HubContext = createContext<LiveEventsHub>({
  connected: false,
  subscribe: () => () => undefined,
})

/** One WebSocket per signed-in tab, shared by every screen. */
export function LiveEventsProvider({ children }: { children: ReactNode }) {
  const listeners = useRef(new Set<Listener>())
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    const notify = (event: LiveEvent | 'reconnected') => {
      for (const listener of listeners.current) listener(event)
    }
    const live = followLiveEvents({
      onEvent: notify,
      onReconnect: () => notify('reconnected'),
      onStateChange: setConnected,
    })
    return () => live.close()
  }, [])
  const subscribe = useCallback((listener: Listener) => {
    listeners.current.add(listener)
    return () => {
      listeners.current.delete(listener)
    }
  }, [])
  const hub = useMemo(() => ({ connected, subscribe }), [connected, subscribe])
  return <HubContext.Provider value={hub}>{children}</HubContext.Provider>
}

/**
 * Calls `listener` for every live event, and with 'reconnected' after a gap (re-read then).
 * @example useLiveEvents((e) => { if (e === 'reconnected' || e.kind === 'conversation') reload() })
 */
export function useLiveEvents(listener: Listener): void {
  const { subscribe } = useContext(HubContext)
  const latest = useRef(listener)
  latest.current = listener
  useEffect(() => subscribe((event) => latest.current(event)), [subscribe])
}

/** Whether the live connection is up (shown in the header). */
export function useLiveConnected(): boolean {
  return useContext(HubContext).connected
}
