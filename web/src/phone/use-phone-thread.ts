import { useEffect } from 'react'
import { api } from '../api/client.ts'
import { useLoad, type Loaded } from '../ui/use-load.ts'
import type { PhoneThread } from './phone-types.ts'

/** A simulator may poll: replies and receipts arrive within a second or two. */
export const POLL_MS = 1500

/**
 * A simulated phone's texts both ways, re-read every POLL_MS while the page is visible.
 * @example const thread = usePhoneThread('+12505550123'); thread.reload() // after sending
 */
export function usePhoneThread(phone: string): Loaded<PhoneThread> {
  const thread = useLoad(
    () => api.get<PhoneThread>(`/v1/sandbox/phones/${encodeURIComponent(phone)}/thread`),
    [phone],
  )
  const { reload } = thread
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') reload()
    }, POLL_MS)
    return () => clearInterval(timer)
  }, [reload, phone])
  return thread
}
