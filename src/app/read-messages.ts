import type { MessageStatus } from '../domain/outbox/message-status.ts'
import type { ApiKeyRecord } from '../store/api-keys.ts'
import type { Store } from '../store/connect.ts'
import { getMessage, listMessages, type MessageRecord } from '../store/messages.ts'

/** A message as the API shows it: ISO times, no internals. */
export interface MessageView {
  id: string
  direction: string
  status: MessageStatus
  program: string | undefined
  from: string
  to: string
  body: string
  segments: number
  encoding: string
  template: { key: string; version: number } | undefined
  language: string | undefined
  priority: string
  reference: string | undefined
  trunk: string | undefined
  attempts: number
  errorCode: string | undefined
  test: boolean
  createdAt: string
  updatedAt: string
}

const iso = (ms: number) => new Date(ms).toISOString()

export function toMessageView(m: MessageRecord): MessageView {
  return {
    id: m.id,
    direction: m.direction,
    status: m.status,
    program: m.program,
    from: m.from,
    to: m.to,
    body: m.body,
    segments: m.segments,
    encoding: m.encoding,
    template:
      m.templateKey && m.templateVersion !== undefined
        ? { key: m.templateKey, version: m.templateVersion }
        : undefined,
    language: m.language,
    priority: m.priority,
    reference: m.reference,
    trunk: m.trunk,
    attempts: m.attempts,
    errorCode: m.errorCode,
    test: m.test,
    createdAt: iso(m.createdAt),
    updatedAt: iso(m.updatedAt),
  }
}

/** Keys with only the send scope see the messages they sent; read and admin keys see all. */
const ownOnly = (key: ApiKeyRecord) => !key.scopes.includes('read') && !key.scopes.includes('admin')

/** A message and its status history, if this key may see it. */
export async function findMessage(
  deps: { store: Store },
  id: string,
  key: ApiKeyRecord,
): Promise<
  | (MessageView & {
      history: { status: MessageStatus; at: string; detail?: Record<string, unknown> }[]
    })
  | undefined
> {
  const found = await getMessage(deps.store.db, id)
  if (!found || (ownOnly(key) && found.message.apiKeyId !== key.id)) return undefined
  return {
    ...toMessageView(found.message),
    history: found.history.map((h) => ({
      status: h.status,
      at: iso(h.occurredAt),
      ...(h.detail ? { detail: h.detail } : {}),
    })),
  }
}

/** A page of messages, newest first; `next` is the `before` value for the following page. */
export async function listMessagesFor(
  deps: { store: Store },
  query: {
    status?: MessageStatus
    program?: string
    reference?: string
    since?: string
    until?: string
    before?: string
    limit: number
  },
  key: ApiKeyRecord,
): Promise<{ messages: MessageView[]; next: string | undefined }> {
  const rows = await listMessages(deps.store.db, {
    status: query.status,
    program: query.program,
    reference: query.reference,
    since: query.since ? Date.parse(query.since) : undefined,
    until: query.until ? Date.parse(query.until) : undefined,
    before: query.before,
    apiKeyId: ownOnly(key) ? key.id : undefined,
    limit: query.limit,
  })
  return {
    messages: rows.map(toMessageView),
    next: rows.length === query.limit ? rows.at(-1)?.id : undefined,
  }
}
