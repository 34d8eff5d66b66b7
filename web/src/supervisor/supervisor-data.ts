import { api } from '../api/client.ts'
import { useLoad, type Loaded } from '../ui/use-load.ts'
import type { BoardAgent, BoardQueue, SupervisorSettings } from './board-types.ts'
import { useLiveReload } from './use-live-reload.ts'

/** A board as read, with the browser's time of reading: waits tick on from there. */
export interface Read<T> {
  items: T
  readAt: number
}

/** Service levels drift with time alone (a wait passes its target); re-read now and then. */
const EVERY_MS = 30_000

/**
 * The queue board, kept current by live events.
 * @example const queues = useLiveQueues(); <LoadGate loaded={queues}>{({ items }) => …}</LoadGate>
 */
export function useLiveQueues(): Loaded<Read<BoardQueue[]>> {
  const loaded = useLoad(
    async () => ({
      items: (await api.get<{ queues: BoardQueue[] }>('/v1/queues')).queues,
      readAt: Date.now(),
    }),
    [],
  )
  useLiveReload(loaded.reload, { everyMs: EVERY_MS })
  return loaded
}

/** The agents with their status and conversations, kept current by live events. */
export function useLiveAgents(): Loaded<Read<BoardAgent[]>> {
  const loaded = useLoad(
    async () => ({
      items: (await api.get<{ agents: BoardAgent[] }>('/v1/agents')).agents,
      readAt: Date.now(),
    }),
    [],
  )
  useLiveReload(loaded.reload, { everyMs: EVERY_MS })
  return loaded
}

/** Codes and labels from the configuration (not-ready reasons, queues, review criteria). */
export function useSupervisorSettings(): Loaded<SupervisorSettings> {
  return useLoad(() => api.get<SupervisorSettings>('/v1/desk/settings'), [])
}

/**
 * The label of a not-ready reason code, or the code when it is not configured.
 * @example reasonLabel(settings, 'LUNCH') // 'Lunch'
 */
export function reasonLabel(settings: SupervisorSettings, code: string): string {
  const all = [...settings.notReadyReasons, ...settings.systemNotReadyReasons]
  return all.find((r) => r.code === code)?.label ?? code
}

/** The name of a queue, or its id when it is not configured. */
export function queueName(settings: SupervisorSettings, id: string | undefined): string {
  if (id === undefined) return ''
  return settings.queues.find((q) => q.id === id)?.name ?? id
}

/** The path of a conversation's page under its queue. */
export function conversationPath(queueId: string | undefined, conversationId: string): string {
  return `/queues/${encodeURIComponent(queueId ?? '-')}/conversations/${encodeURIComponent(conversationId)}`
}
