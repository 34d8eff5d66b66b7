import { useEffect } from 'react'
import { api } from '../api/client.ts'
import { useLiveEvents } from '../shell/live-events-context.tsx'
import { useLoad, type Loaded } from '../ui/use-load.ts'
import type { Transcript } from '../api/types.ts'
import type { CustomerPanelData } from './desk-types.ts'
import { useCoalesced } from './use-desk.ts'

/** Delivery statuses that will still change: the transcript is re-read until they settle. */
const IN_FLIGHT = new Set(['queued', 'sending', 'sent'])
const DELIVERY_POLL_MS = 1500

/**
 * One conversation's transcript and customer panel, re-read when a live event names the
 * conversation, after a reconnect, and (receipts are not live events) every 1.5 s while one
 * of our texts is still on its way.
 * @example const { transcript, panel } = useConversation(selectedId)
 */
export function useConversation(id: string): {
  transcript: Loaded<Transcript>
  panel: Loaded<CustomerPanelData>
} {
  const transcript = useLoad(() => api.get<Transcript>(`/v1/conversations/${id}`), [id])
  const panel = useLoad(() => api.get<CustomerPanelData>(`/v1/conversations/${id}/customer`), [id])
  const reloadTranscript = useCoalesced(transcript.reload)
  const reloadPanel = useCoalesced(panel.reload)
  useLiveEvents((event) => {
    if (event === 'reconnected') {
      reloadTranscript()
      reloadPanel()
    } else if (event.kind === 'conversation' && event.conversationId === id) {
      reloadTranscript()
      if (event.type !== 'message_out') reloadPanel()
    }
  })
  const inFlight =
    transcript.state === 'ready' &&
    transcript.data.messages.some((m) => m.direction === 'outbound' && IN_FLIGHT.has(m.status))
  useEffect(() => {
    if (!inFlight) return
    const timer = setInterval(reloadTranscript, DELIVERY_POLL_MS)
    return () => clearInterval(timer)
  }, [inFlight, reloadTranscript])
  return { transcript, panel }
}
