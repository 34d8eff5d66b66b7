import { useCallback, useEffect, useRef, useState } from 'react'

export type Loaded<T> =
  | { state: 'loading'; reload: () => void }
  | { state: 'ready'; data: T; reload: () => void }
  | { state: 'failed'; error: Error; reload: () => void }

/**
 * Loads data for a screen and reloads on demand, keeping the last data shown while a reload
 * runs (a live board must not flicker to "Loading…" on every event).
 * @example const queues = useLoad(() => api.get<Queue[]>('/v1/queues'), [])
 */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): Loaded<T> {
  const [result, setResult] = useState<
    { state: 'loading' } | { state: 'ready'; data: T } | { state: 'failed'; error: Error }
  >({ state: 'loading' })
  const generation = useRef(0)
  const latestLoad = useRef(load)
  latestLoad.current = load
  const reload = useCallback(() => {
    const mine = ++generation.current
    latestLoad.current().then(
      (data) => {
        if (mine === generation.current) setResult({ state: 'ready', data })
      },
      (error: unknown) => {
        if (mine === generation.current)
          setResult({
            state: 'failed',
            error: error instanceof Error ? error : new Error(String(error)),
          })
      },
    )
  }, [])
  useEffect(reload, deps)
  return { ...result, reload }
}
