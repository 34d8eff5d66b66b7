import type { Logger } from 'pino'
import type { CrmConfig } from '../config/schema.ts'
import type { Store } from '../store/connect.ts'
import {
  getConversationAttributes,
  setConversationAttributes,
} from '../store/conversation-threads.ts'
import type { KeyedSerialiser } from './serialise-by-key.ts'

/** A CRM answer larger than this is refused: screen-pop data is a few fields, not a dossier. */
export const MAX_CRM_ANSWER_BYTES = 64 * 1024

export type CrmLookupResult =
  | { ok: true; data: Record<string, unknown> }
  | {
      ok: false
      reason: 'timeout' | 'unreachable' | 'http_status' | 'not_json_object' | 'too_large'
      status?: number
    }

/**
 * Asks the CRM about a phone number: GET `{lookupUrl}?phone=<E.164>`, aborted after
 * `timeoutMs` (the whole exchange, body included). Only a JSON object counts as an answer.
 * Never throws.
 * @example await lookUpCrm({ lookupUrl: 'https://crm.example/lookup', timeoutMs: 800 }, '+12505550123')
 * // { ok: true, data: { name: 'Jane Doe', … } }
 */
export async function lookUpCrm(
  crm: CrmConfig,
  phone: string,
  fetchFn: typeof fetch = fetch,
): Promise<CrmLookupResult> {
  const url = new URL(crm.lookupUrl)
  url.searchParams.set('phone', phone)
  try {
    const response = await fetchFn(url, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(crm.timeoutMs),
    })
    if (!response.ok) {
      await response.body?.cancel()
      return { ok: false, reason: 'http_status', status: response.status }
    }
    const text = await response.text()
    if (Buffer.byteLength(text) > MAX_CRM_ANSWER_BYTES) return { ok: false, reason: 'too_large' }
    const data: unknown = JSON.parse(text)
    if (typeof data !== 'object' || data === null || Array.isArray(data)) {
      return { ok: false, reason: 'not_json_object' }
    }
    return { ok: true, data: data as Record<string, unknown> }
  } catch (error) {
    if (error instanceof SyntaxError) return { ok: false, reason: 'not_json_object' }
    const name = error instanceof Error ? error.name : ''
    return { ok: false, reason: name === 'TimeoutError' ? 'timeout' : 'unreachable' }
  }
}

export interface CrmScreenPopDeps {
  crm: CrmConfig
  store: Store
  logger: Logger
  serialise: KeyedSerialiser
  fetch?: typeof fetch
}

/**
 * Looks the customer up in the CRM and keeps the answer as the conversation's `crm` attribute,
 * for the agent's screen pop. Started after the conversation is queued and never awaited by
 * routing; a failure is logged (without the number) and otherwise ignored. The write waits
 * its turn behind the thread's other changes, so it cannot lose a capture made meanwhile.
 * The returned promise never rejects.
 */
export async function fetchScreenPop(
  deps: CrmScreenPopDeps,
  conversation: { id: string; customerNumber: string; threadKey: string },
): Promise<CrmLookupResult> {
  const started = performance.now()
  try {
    const result = await lookUpCrm(deps.crm, conversation.customerNumber, deps.fetch)
    const elapsedMs = Math.round(performance.now() - started)
    if (!result.ok) {
      deps.logger.warn(
        {
          conversationId: conversation.id,
          reason: result.reason,
          status: result.status,
          elapsedMs,
        },
        'CRM lookup failed; the conversation goes on without screen-pop data',
      )
      return result
    }
    await deps.serialise(conversation.threadKey, async () => {
      const attributes = await getConversationAttributes(deps.store.db, conversation.id)
      if (attributes === undefined) return
      await setConversationAttributes(deps.store.db, conversation.id, {
        ...attributes,
        crm: result.data,
      })
    })
    deps.logger.info({ conversationId: conversation.id, elapsedMs }, 'CRM screen-pop data stored')
    return result
  } catch (error) {
    deps.logger.error({ err: error, conversationId: conversation.id }, 'CRM screen-pop not stored')
    return { ok: false, reason: 'unreachable' }
  }
}
