import { countSegments } from '../domain/segments/count-segments.ts'
import type { NewMessage } from '../store/messages.ts'

export type MessageFields = Pick<NewMessage, 'id' | 'from' | 'to' | 'body' | 'createdAt'> &
  Partial<NewMessage>

/**
 * A message to write, with its encoding and segments measured from the body
 * and every field the caller does not state left empty: an outbound,
 * queued, normal-priority text due at once.
 * @example newMessage({ id, from: '+12505550100', to: '+12505550123', body: 'Hello', createdAt: now })
 */
export function newMessage(fields: MessageFields): NewMessage {
  const count = countSegments(fields.body)
  return {
    direction: 'outbound',
    program: undefined,
    personalisation: undefined,
    encoding: count.encoding,
    segments: count.segments,
    templateKey: undefined,
    templateVersion: undefined,
    language: undefined,
    priority: 'normal',
    purpose: 'regular',
    status: 'queued',
    trunk: undefined,
    reference: undefined,
    apiKeyId: undefined,
    broadcastId: undefined,
    test: false,
    conversationId: undefined,
    nextAttemptAt: fields.createdAt,
    sendAt: undefined,
    expiresAt: undefined,
    fallbackEmail: undefined,
    errorCode: undefined,
    errorDetail: undefined,
    ...fields,
  }
}
