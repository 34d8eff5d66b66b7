import assert from 'node:assert/strict'
import type { App } from '../../src/app/compose.ts'
import type { User } from '../../src/app/manage-users.ts'
import type { ParleyServer } from '../../src/http/build-server.ts'
import { eventually } from './eventually.ts'
import { addTestUser, TEST_PASSWORD } from './people.ts'

/** The BCeID program's sender in the example configuration (its texts go to SBC_HD_SMS_BCEID). */
export const BCEID_NUMBER = '+12505550101'

/**
 * The example configuration with the BCeID number carried by the sandbox (so simulated phones
 * receive agents' replies) and near-instant delivery, as desk tests need it.
 */
export function deskConfig(yaml: string): string {
  const from = "number: '+12505550101'\n    trunk: twilio-longcode"
  if (!yaml.includes(from) || !yaml.includes('deliveryDelayMs: 500')) {
    throw new Error('example configuration changed: the desk test edits no longer apply')
  }
  return yaml
    .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
    .replace(from, "number: '+12505550101'\n    trunk: sandbox")
}

export type Method = 'GET' | 'POST' | 'PUT'
export interface Reply<T = unknown> {
  status: number
  headers: Record<string, unknown>
  body: T
}
export interface ErrorReply {
  error: { code: string; message: string; details?: Record<string, unknown> }
}

/**
 * What desk and board tests do through the public API, for an app and server a test's
 * `before` creates: people who sign in, citizens who text, calls as a given person.
 * @example const desk = deskSession(() => ({ app, server })); const ana = await desk.person({ queues: [BCEID] })
 */
export function deskSession(current: () => { app: App; server: ParleyServer }) {
  let phones = 0
  const call = async <T = unknown>(
    token: string | undefined,
    method: Method,
    url: string,
    body?: unknown,
  ): Promise<Reply<T>> => {
    const res = await current().server.inject({
      method,
      url,
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
      ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
    })
    return {
      status: res.statusCode,
      headers: res.headers,
      body: (res.body === '' ? undefined : JSON.parse(res.body)) as T,
    }
  }
  const ok = async <T>(token: string, method: Method, url: string, body?: unknown) => {
    const res = await call<T>(token, method, url, body)
    assert.ok(
      res.status >= 200 && res.status < 300,
      `${method} ${url}: HTTP ${res.status} ${JSON.stringify(res.body)}`,
    )
    return res.body
  }
  const refused = async (
    token: string | undefined,
    method: Method,
    url: string,
    body: unknown,
    expected: { status: number; code: string },
  ) => {
    const res = await call<ErrorReply>(token, method, url, body)
    assert.deepEqual(
      { status: res.status, code: res.body.error.code },
      expected,
      `${method} ${url}: ${JSON.stringify(res.body)}`,
    )
    return res.body.error
  }
  const signIn = async (user: User) => {
    const res = await current().server.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { username: user.username, password: TEST_PASSWORD },
    })
    assert.equal(res.statusCode, 201, res.body)
    return (JSON.parse(res.body) as { token: string }).token
  }
  const person = async (overrides: Parameters<typeof addTestUser>[1] = {}) => {
    const user = await addTestUser(current().app, overrides)
    return { user, token: await signIn(user) }
  }
  /** A new citizen's number each call. */
  const citizen = () => `+1250555${String(7100 + ++phones)}`
  /** A citizen texts the BCeID number (through the sandbox carrier, as a phone would). */
  const text = (from: string, body: string) => {
    const sandbox = current().app.gateways.sandbox
    assert.ok(sandbox, 'the sandbox carrier is configured')
    sandbox.simulateInbound({ from, to: BCEID_NUMBER, body })
  }
  /** The conversation offered to the agent with a number, once routing has offered it. */
  const offeredTo = async (token: string, customerNumber: string) => {
    let id: string | undefined
    await eventually(async () => {
      const desk = await ok<{ mine: { id: string; customerNumber: string; status: string }[] }>(
        token,
        'GET',
        '/v1/conversations',
      )
      id = desk.mine.find((c) => c.customerNumber === customerNumber && c.status === 'offered')?.id
      assert.ok(id, `no offer for ${customerNumber}: ${JSON.stringify(desk)}`)
    })
    assert.ok(id, 'offered')
    return id
  }
  /** Accepts the offer, and optionally ends and wraps up with a disposition. */
  const handle = async (token: string, id: string, disposition?: string) => {
    await ok(token, 'POST', `/v1/conversations/${id}/accept`)
    if (disposition === undefined) return
    await ok(token, 'POST', `/v1/conversations/${id}/end`)
    await ok(token, 'POST', `/v1/conversations/${id}/wrap-up`, { disposition })
  }
  const setStatus = (token: string, status: string, reason?: string) =>
    ok(token, 'PUT', '/v1/agents/me/status', reason === undefined ? { status } : { status, reason })
  return { call, ok, refused, person, citizen, text, offeredTo, handle, setStatus }
}
