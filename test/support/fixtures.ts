import type { NewMessage } from '../../src/store/messages.ts'

let counter = 0
/** A unique, time-sortable-enough id for test rows. */
export const testId = (prefix = 'id') => `${prefix}${String(++counter).padStart(8, '0')}`

/** A queued outbound message with sensible defaults. */
export function newMessage(overrides: Partial<NewMessage> = {}): NewMessage {
  return {
    id: testId('m'),
    direction: 'outbound',
    program: 'general',
    from: '+12505550100',
    to: '+12505550123',
    body: 'Service BC: hello',
    personalisation: undefined,
    encoding: 'gsm7',
    segments: 1,
    templateKey: 'case_update',
    templateVersion: 1,
    language: 'en',
    priority: 'normal',
    purpose: 'regular',
    status: 'queued',
    trunk: undefined,
    reference: undefined,
    apiKeyId: undefined,
    broadcastId: undefined,
    test: false,
    conversationId: undefined,
    nextAttemptAt: 1000,
    sendAt: undefined,
    expiresAt: undefined,
    fallbackEmail: undefined,
    errorCode: undefined,
    errorDetail: undefined,
    createdAt: 1000,
    ...overrides,
  }
}
