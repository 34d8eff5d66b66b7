import { useEffect, useState } from 'react'
import { api } from '../api/client.ts'
import type { ServerPreview } from './admin-types.ts'

export type ServerPreviewState =
  | { state: 'checking' }
  | { state: 'ready'; preview: ServerPreview }
  | { state: 'failed'; error: unknown }

/** How long typing must pause before the server is asked. */
const PAUSE_MS = 400

/**
 * Asks the server (POST /v1/admin/templates/preview) to fill and count a body once typing
 * pauses; an answer for an older text is dropped.
 * @example const server = useServerPreview(body, { date: '2027-03-14' })
 */
export function useServerPreview(body: string, values: Record<string, string>): ServerPreviewState {
  const [result, setResult] = useState<ServerPreviewState>({ state: 'checking' })
  const valuesKey = JSON.stringify(values)
  useEffect(() => {
    let current = true
    setResult({ state: 'checking' })
    const timer = setTimeout(() => {
      const filled = JSON.parse(valuesKey) as Record<string, string>
      api.post<ServerPreview>('/v1/admin/templates/preview', { body, values: filled }).then(
        (preview) => {
          if (current) setResult({ state: 'ready', preview })
        },
        (error: unknown) => {
          if (current) setResult({ state: 'failed', error })
        },
      )
    }, PAUSE_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [body, valuesKey])
  return result
}
