import assert from 'node:assert/strict'
import type { ParleyServer } from '../../src/http/build-server.ts'
import { eventually } from './eventually.ts'

/** A message as GET /v1/messages/:id returns it (the fields the tests read). */
export interface MessageView {
  id: string
  status: string
  from: string
  to: string
  body: string
  segments: number
  encoding: string
  language: string
  trunk?: string
  attempts: number
  errorCode?: string
  history: { status: string; at: string; detail?: Record<string, unknown> }[]
}

/**
 * The calls a CRM makes, through `server.inject` with one API key: send, read, record consent
 * and contact details. Each throws when the API refuses, so a test reads as the happy path.
 * @example const api = apiClient(server, key); await api.optIn('+12505550111', 'alerts')
 */
export function apiClient(
  server: ParleyServer,
  key: string,
  options: {
    /** Runs after each accepted send (a test's manual clock steps past the acceptance). */
    afterSend?: () => void
  } = {},
) {
  const authorization = `Bearer ${key}`
  const expect = (res: { statusCode: number; body: string }, status: number): unknown => {
    if (res.statusCode !== status) throw new Error(`HTTP ${res.statusCode}: ${res.body}`)
    return res.body === '' ? undefined : JSON.parse(res.body)
  }
  const message = async (id: string) =>
    expect(
      await server.inject({ url: `/v1/messages/${id}`, headers: { authorization } }),
      200,
    ) as MessageView
  return {
    /** POST /v1/messages; resolves to the 202 body. */
    send: async (body: Record<string, unknown>) => {
      const accepted = expect(
        await server.inject({
          method: 'POST',
          url: '/v1/messages',
          headers: { authorization },
          payload: body,
        }),
        202,
      ) as { id: string; segments: number; encoding: string; language: string }
      options.afterSend?.()
      return accepted
    },
    message,
    /**
     * Waits until the message has reached `status` and its history records it (a status and
     * its event are separate writes, so a reader can briefly see one without the other).
     */
    settled: async (id: string, status: string): Promise<MessageView> => {
      let seen: MessageView | undefined
      await eventually(async () => {
        seen = await message(id)
        assert.equal(seen.status, status)
        assert.equal(seen.history.at(-1)?.status, status)
      })
      if (!seen) throw new Error('unreachable')
      return seen
    },
    optIn: async (phone: string, program: string) =>
      expect(
        await server.inject({
          method: 'PUT',
          url: `/v1/consents/${encodeURIComponent(phone)}`,
          headers: { authorization },
          payload: { program, status: 'opted_in', evidence: 'web form 2026-11-01' },
        }),
        200,
      ),
    contact: async (phone: string, contact: { email?: string; language?: 'en' | 'fr' }) => {
      expect(
        await server.inject({
          method: 'PUT',
          url: `/v1/contacts/${encodeURIComponent(phone)}`,
          headers: { authorization },
          payload: contact,
        }),
        204,
      )
    },
  }
}

export type ApiClient = ReturnType<typeof apiClient>
