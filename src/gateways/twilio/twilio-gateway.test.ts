import { after, afterEach, before, describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'
import { SendError, type OutboundSms, type Receipt, type SubmitResult } from '../gateway.ts'
import { createTwilioGateway, type TwilioGatewayConfig } from './twilio-gateway.ts'
import {
  startFakeTwilioApi,
  type FakeTwilioApi,
  type ScriptedAnswer,
} from './testing/fake-twilio-api.ts'
import { loadVectors, runVectors } from '../testing/vector-table.ts'

interface SendRow {
  name: string
  source?: string
  answer: ScriptedAnswer
  expect:
    | { result: SubmitResult }
    | {
        error: { code: string; retryable: boolean; carrierCode?: string; mayHaveBeenSent: boolean }
      }
}

const clock = { now: () => 1_700_000_000_000 }
const sms: OutboundSms = {
  messageId: 'msg-1',
  from: '+15145550100',
  to: '+15145550123',
  body: 'Votre rendez-vous est confirmé à 14 h. Répondez ARRÊT pour ne plus recevoir.',
}

function config(api: { baseUrl: string }, overrides: Partial<TwilioGatewayConfig> = {}) {
  return {
    name: 'twilio-test',
    accountSid: 'AC00000000000000000000000000000001',
    authToken: 'auth-token-secret',
    baseUrl: api.baseUrl,
    statusCallbackUrl: 'https://parley.example.ca/webhooks/twilio/status',
    timeoutMs: 2000,
    ...overrides,
  }
}

async function sendAndCatch(send: () => Promise<SubmitResult>): Promise<SubmitResult | SendError> {
  try {
    return await send()
  } catch (error) {
    assert.ok(error instanceof SendError, `expected a SendError, got ${String(error)}`)
    return error
  }
}

let api: FakeTwilioApi
before(async () => {
  api = await startFakeTwilioApi()
})
after(() => api.close())
afterEach(() => {
  api.requests.length = 0
})

describe('Twilio send: recorded answers', () => {
  runVectors(loadVectors<SendRow>(import.meta.url, 'vectors/send.json'), async (row) => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    await gateway.start()
    api.script(row.answer)
    const outcome = await sendAndCatch(() => gateway.send(sms))
    if ('result' in row.expect) {
      assert.deepEqual(outcome, row.expect.result)
    } else {
      assert.ok(outcome instanceof SendError)
      const { code, retryable, carrierCode, mayHaveBeenSent } = outcome
      assert.deepEqual(
        { code, retryable, mayHaveBeenSent, ...(carrierCode === undefined ? {} : { carrierCode }) },
        row.expect.error,
      )
    }
  })
})

describe('Twilio send: the request on the wire', () => {
  it('posts a form to /2010-04-01/Accounts/{AccountSid}/Messages.json with Basic auth', async () => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    await gateway.start()
    await gateway.send(sms)
    const [request] = api.requests
    assert.ok(request)
    assert.equal(request.method, 'POST')
    assert.equal(
      request.path,
      '/2010-04-01/Accounts/AC00000000000000000000000000000001/Messages.json',
    )
    const expectedAuth = Buffer.from(
      'AC00000000000000000000000000000001:auth-token-secret',
    ).toString('base64')
    assert.equal(request.headers.authorization, `Basic ${expectedAuth}`)
    assert.match(request.headers['content-type'] ?? '', /^application\/x-www-form-urlencoded/)
    assert.deepEqual(request.form, {
      To: sms.to,
      From: sms.from,
      Body: sms.body, // accents survive the form encoding
      StatusCallback: 'https://parley.example.ca/webhooks/twilio/status',
    })
  })

  it('omits StatusCallback when none is configured and tolerates a trailing slash', async () => {
    const gateway = createTwilioGateway(
      config(api, { statusCallbackUrl: undefined, baseUrl: `${api.baseUrl}/` }),
      { fetch, clock },
    )
    await gateway.start()
    await gateway.send(sms)
    const [request] = api.requests
    assert.ok(request)
    assert.equal(request.path.startsWith('/2010-04-01/'), true)
    assert.equal('StatusCallback' in request.form, false)
  })

  it('declares the auth token as a secret to scrub from logs', () => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    assert.deepEqual(gateway.secrets, ['auth-token-secret'])
  })
})

describe('Twilio send: failures without an HTTP answer', () => {
  it('a timeout is retryable and may have been sent (REFERENCE.md, Twilio)', async () => {
    const gateway = createTwilioGateway(config(api, { timeoutMs: 100 }), { fetch, clock })
    await gateway.start()
    api.script({ kind: 'silence' })
    const outcome = await sendAndCatch(() => gateway.send(sms))
    assert.ok(outcome instanceof SendError)
    assert.deepEqual(
      [outcome.code, outcome.retryable, outcome.mayHaveBeenSent],
      ['timeout', true, true],
    )
  })

  it('a connection closed after the request is unavailable and may have been sent', async () => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    await gateway.start()
    api.script({ kind: 'hang-up' })
    const outcome = await sendAndCatch(() => gateway.send(sms))
    assert.ok(outcome instanceof SendError)
    assert.deepEqual(
      [outcome.code, outcome.retryable, outcome.mayHaveBeenSent],
      ['unavailable', true, true],
    )
    assert.equal(gateway.health().state, 'down')
  })

  it('a refused connection is unavailable, retryable and surely not sent', async () => {
    const closedPort = await freePort()
    const gateway = createTwilioGateway(config({ baseUrl: `http://127.0.0.1:${closedPort}` }), {
      fetch,
      clock,
    })
    await gateway.start()
    const outcome = await sendAndCatch(() => gateway.send(sms))
    assert.ok(outcome instanceof SendError)
    assert.deepEqual(
      [outcome.code, outcome.retryable, outcome.mayHaveBeenSent],
      ['unavailable', true, false],
    )
  })

  it('refuses to send before start and after stop, retryably', async () => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    const before = await sendAndCatch(() => gateway.send(sms))
    assert.ok(before instanceof SendError && before.code === 'not_bound' && before.retryable)
    await gateway.start()
    await gateway.stop()
    const afterStop = await sendAndCatch(() => gateway.send(sms))
    assert.ok(afterStop instanceof SendError && afterStop.code === 'not_bound')
    assert.equal(api.requests.length, 0)
  })
})

describe('Twilio webhooks fed in by the HTTP layer', () => {
  it('acceptStatusCallback emits receipts with the sid send returned', async () => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    const receipts: Receipt[] = []
    gateway.onReceipt((r) => receipts.push(r))
    await gateway.start()
    const { carrierIds } = await gateway.send(sms)
    const sid = carrierIds[0] ?? ''
    gateway.acceptStatusCallback({ MessageSid: sid, MessageStatus: 'sending' })
    gateway.acceptStatusCallback({ MessageSid: sid, MessageStatus: 'delivered' })
    assert.deepEqual(receipts, [
      { carrierId: sid, status: 'delivered', carrierStatus: 'delivered', occurredAt: clock.now() },
    ])
  })

  it('acceptInbound emits valid messages and returns problems as values', () => {
    const gateway = createTwilioGateway(config(api), { fetch, clock })
    const bodies: string[] = []
    gateway.onInbound((m) => bodies.push(m.body))
    const bad = gateway.acceptInbound({ From: '+15145550123', Body: 'STOP' })
    const good = gateway.acceptInbound({
      MessageSid: 'SMx',
      From: '+15145550123',
      To: '+15145550100',
      Body: 'STOP',
    })
    assert.deepEqual([bad.ok, good.ok, bodies], [false, true, ['STOP']])
  })
})

async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}
