import type { ConversationEventType } from '../store/conversations.ts'

/** A conversation event as stored (conversation_events), with the conversation's status after it. */
export interface ConversationBusEvent {
  readonly kind: 'conversation'
  readonly id: string
  readonly type: ConversationEventType
  readonly conversationId: string
  readonly queueId: string | undefined
  readonly agentId: string | undefined
  readonly data: Record<string, unknown> | undefined
  readonly occurredAt: number
}

/** An agent event as stored (agent_events): a status change. */
export interface AgentBusEvent {
  readonly kind: 'agent'
  readonly id: string
  readonly type: 'status_changed'
  readonly agentId: string
  readonly status: string
  readonly reason: string | undefined
  readonly occurredAt: number
}

export type BusEvent = ConversationBusEvent | AgentBusEvent

export type BusListener = (event: BusEvent) => void

/**
 * The in-process fan-out of stored events to live listeners (the WebSocket at /v1/events, the
 * ACD's change tracking). Events are published only after they are stored, so a listener never
 * sees something the database does not hold. A listener that throws is logged by the caller's
 * `onError` and does not stop the others.
 */
export interface EventBus {
  publish(events: readonly BusEvent[]): void
  /** Returns the function that unsubscribes. */
  subscribe(listener: BusListener): () => void
  readonly listeners: number
}

/**
 * @example
 * const bus = createEventBus()
 * const stop = bus.subscribe((e) => console.log(e.type))
 * bus.publish([{ kind: 'agent', id: 'e1', type: 'status_changed', agentId: 'a1', status: 'available', reason: undefined, occurredAt: 0 }])
 */
export function createEventBus(onError: (error: unknown) => void = () => undefined): EventBus {
  const listeners = new Set<BusListener>()
  return {
    publish(events) {
      for (const event of events) {
        for (const listener of listeners) {
          try {
            listener(event)
          } catch (error) {
            onError(error)
          }
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => {
        listeners.delete(listener)
      }
    },
    get listeners() {
      return listeners.size
    },
  }
}
