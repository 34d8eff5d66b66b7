import { randomBytes } from 'node:crypto'
import { Agent as HttpAgent, request } from 'node:http'
import { WebSocket } from 'ws'
import { hashPassword } from '../../src/app/password-hash.ts'
import { systemRandom } from '../../src/app/ports.ts'
import { computeTwilioSignature } from '../../src/gateways/twilio/twilio-signature.ts'
import {
  startFakeTwilioApi,
  type FakeTwilioApi,
} from '../../src/gateways/twilio/testing/fake-twilio-api.ts'
import { openStore, type Dialect, type Store } from '../../src/store/connect.ts'
import { stageInboundTexts } from '../../src/store/inbound-texts.ts'
import { ensureQueueRows } from '../../src/store/users.ts'
import { recipientNumber, type ParleyProcess } from '../../test/support/parley-process.ts'
import { withPublicUrl, withTwilio } from '../../test/support/peer-config.ts'
import { benchDatabase, type BenchDatabase } from '../parley-server.ts'

/**
 * The inbound scenario's rig: `parley serve` with the Twilio trunk on, a database seeded before
 * it starts (agents, waiting conversations), and Twilio incoming-message webhooks signed as
 * Twilio signs them (computeTwilioSignature, a fixed auth token, the configured public URL).
 */
const AUTH_TOKEN = 'bench-twilio-auth-token-0123456789'
const ACCOUNT_SID = 'AC00000000000000000000000000000000' // the example configuration's
// Twilio signs the public URL; the server checks against its configured one, whatever its port.
const PUBLIC_URL = 'https://parley.bench.example'
const TRUNK = 'twilio-longcode'
export const INBOUND_PATH = `/webhooks/twilio/${TRUNK}/inbound`
const BCEID_NUMBER = '+12505550101' // the bceid program's long code, on twilio-longcode
const BCEID = 'SBC_HD_SMS_BCEID'
const TEXT = 'BCEID I am locked out of my account'
const ROWS_PER_INSERT = 500

/**
 * The i-th citizen's MessageSid. Twilio's ids are unique across incoming and outgoing messages;
 * the fake Twilio API numbers its outgoing ones from SM000…1, so these start with an `f` to
 * stay clear of them (a clash would look like Twilio repeating a text).
 * @example inboundSid(7) // 'SMf0000000000000000000000000000007'
 */
export function inboundSid(i: number): string {
  return `SMf${String(i).padStart(31, '0')}`
}

/**
 * A webhook body as Twilio posts it, with its X-Twilio-Signature, from the i-th citizen
 * (recipientNumber(i), MessageSid inboundSid(i)).
 * @example const { body, signature } = signedWebhook(42)
 */
export function signedWebhook(i: number): { body: string; signature: string } {
  const sid = inboundSid(i)
  const params = {
    AccountSid: ACCOUNT_SID,
    ApiVersion: '2010-04-01',
    MessageSid: sid,
    SmsSid: sid,
    From: recipientNumber(i),
    To: BCEID_NUMBER,
    Body: TEXT,
    NumSegments: '1',
  }
  return {
    body: new URLSearchParams(params).toString(),
    signature: computeTwilioSignature(AUTH_TOKEN, PUBLIC_URL + INBOUND_PATH, params),
  }
}

export interface Rig {
  db: BenchDatabase
  server: ParleyProcess
  /** A separate connection to the server's database, for seeding before and counting after. */
  read(): Promise<Store>
  dispose(): Promise<void>
}

/**
 * A fresh database, seeded by `seed`, and `parley serve` on it with the Twilio trunk on, and
 * the example configuration otherwise (with `edits`).
 * @example const rig = await startRig('sqlite', (store) => seedAgents(store, 200))
 */
export async function startRig(
  dialect: Dialect,
  seed: (store: Store) => Promise<void>,
  ...edits: ((yaml: string) => string)[]
): Promise<Rig> {
  const db = await benchDatabase(dialect, [])
  let twilio: FakeTwilioApi | undefined
  try {
    // acknowledgements go out through the Twilio trunk (at the long code's 1 segment/s)
    twilio = await startFakeTwilioApi()
    const config = db.config(
      'inbound',
      withPublicUrl(PUBLIC_URL),
      withTwilio(twilio.baseUrl),
      ...edits,
    )
    const env = db.env(config, { TWILIO_AUTH_TOKEN: AUTH_TOKEN })
    const open = () => openStore({ url: env.DATABASE_URL, file: env.PARLEY_DB_FILE })
    const store = await open()
    try {
      await seed(store)
    } finally {
      await store.close()
    }
    const server = await db.start(env)
    let reader: Store | undefined
    const closeTwilio = twilio
    return {
      db,
      server,
      read: async () => (reader ??= await open()),
      dispose: async () => {
        await reader?.close()
        // gracefully, so PARLEY_BENCH_PROFILE gets the server's CPU profile
        if (server.child.exitCode === null) await server.stop('SIGTERM')
        await db.dispose()
        await closeTwilio.close()
      },
    }
  } catch (error) {
    await db.dispose()
    await twilio?.close()
    throw error
  }
}

/**
 * `count` available agents with the bceid skill (proficiency 1–5) serving SBC_HD_SMS_BCEID,
 * capacity 3, inserted in bulk: they never sign in, routing reads their status from the row.
 * @example await seedAgents(store, 200)
 */
export async function seedAgents(store: Store, count: number): Promise<void> {
  const now = Date.now()
  await ensureQueueRows(store.db, [{ id: BCEID, name: 'BCeID support' }], now)
  for (let start = 0; start < count; start += ROWS_PER_INSERT) {
    const ids = Array.from({ length: Math.min(ROWS_PER_INSERT, count - start) }, (_, i) => ({
      id: systemRandom.id(),
      n: start + i,
    }))
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values(
          ids.map(({ id, n }) => ({
            id,
            username: `bench-agent-${n}`,
            display_name: `Bench Agent ${n}`,
            role: 'agent',
            password_hash: 'unusable', // never signs in: routing reads status from the row
            capacity: 3,
            status: 'available',
            not_ready_reason: null,
            status_since: now,
            created_at: now,
            disabled_at: null,
          })),
        )
        .execute()
      await trx
        .insertInto('agent_skills')
        .values(ids.map(({ id, n }) => ({ user_id: id, skill: 'bceid', proficiency: 1 + (n % 5) })))
        .execute()
      await trx
        .insertInto('agent_queues')
        .values(ids.map(({ id }) => ({ user_id: id, queue_id: BCEID })))
        .execute()
    })
  }
}

const SUPERVISOR = 'bench-supervisor'
const SUPERVISOR_PASSWORD = 'bench supervisor passphrase'

/**
 * A supervisor who can sign in: supervisors receive every live event (event-audience.ts), so
 * one WebSocket sees every offer as an agent's screen would.
 * @example await seedSupervisor(store)
 */
export async function seedSupervisor(store: Store): Promise<void> {
  const now = Date.now()
  await store.db
    .insertInto('users')
    .values({
      id: systemRandom.id(),
      username: SUPERVISOR,
      display_name: 'Bench Supervisor',
      role: 'supervisor',
      password_hash: await hashPassword(SUPERVISOR_PASSWORD, randomBytes(16)),
      capacity: 3,
      status: 'offline',
      not_ready_reason: null,
      status_since: now,
      created_at: now,
      disabled_at: null,
    })
    .execute()
}

export interface OfferWatch {
  /** When each conversation's first offer reached the WebSocket (epoch ms, this process's clock). */
  readonly seenAt: ReadonlyMap<string, number>
  close(): void
}

/**
 * Signs in as the seeded supervisor and listens at /v1/events, timing each offer's arrival: the
 * moment an agent's screen could show it, after the routing cycle's commit and the fan-out.
 * @example const watch = await watchOffers(rig.server.url)
 */
export async function watchOffers(base: string): Promise<OfferWatch> {
  const signIn = await fetch(`${base}/v1/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: SUPERVISOR, password: SUPERVISOR_PASSWORD }),
  })
  if (signIn.status !== 201) throw new Error(`supervisor sign-in: HTTP ${signIn.status}`)
  const { token } = (await signIn.json()) as { token: string }
  const seenAt = new Map<string, number>()
  const socket = new WebSocket(`${base.replace('http', 'ws')}/v1/events?token=${token}`)
  socket.on('message', (data: Buffer) => {
    const at = performance.timeOrigin + performance.now()
    const event = JSON.parse(data.toString('utf8')) as { type?: string; conversationId?: string }
    if (event.type === 'offered' && event.conversationId && !seenAt.has(event.conversationId)) {
      seenAt.set(event.conversationId, at)
    }
  })
  await new Promise<void>((resolve, reject) => {
    socket.once('message', () => resolve()) // the server's hello
    socket.once('error', reject)
  })
  return { seenAt, close: () => socket.close() }
}

/**
 * `count` conversations waiting in three of the example's queues, with their created and queued
 * events (the rows openConversation writes), inserted in bulk.
 * @example await seedWaiting(store, 100_000)
 */
export async function seedWaiting(store: Store, count: number): Promise<void> {
  const queues = [
    { queue: BCEID, category: 'bceid', skills: ['bceid'] },
    { queue: 'SBC_HD_SMS_GENERAL', category: 'general', skills: ['general'] },
    { queue: 'SBC_HD_SMS_ALERTS', category: 'emergency', skills: ['emergency'] },
  ]
  const start = Date.now() - 60_000
  await ensureQueueRows(
    store.db,
    queues.map((q) => ({ id: q.queue, name: q.queue })),
    start,
  )
  for (let first = 0; first < count; first += ROWS_PER_INSERT) {
    const rows = Array.from({ length: Math.min(ROWS_PER_INSERT, count - first) }, (_, i) => {
      const n = first + i
      const q = queues[n % queues.length] ?? queues[0]
      return { id: systemRandom.id(), n, at: start + Math.floor(n / 10), ...q }
    })
    await store.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('conversations')
        .values(
          rows.map((r) => ({
            id: r.id,
            customer_number: recipientNumber(r.n),
            our_number: BCEID_NUMBER,
            program: 'bceid',
            queue_id: r.queue ?? BCEID,
            category: r.category ?? 'bceid',
            priority: 5,
            status: 'waiting',
            agent_id: null,
            attributes: '{}',
            flagged: 0,
            opened_at: r.at,
            accepted_at: null,
            ended_at: null,
            closed_at: null,
            close_reason: null,
          })),
        )
        .execute()
      await trx
        .insertInto('conversation_events')
        .values(
          rows.flatMap((r) => {
            const common = {
              conversation_id: r.id,
              queue_id: r.queue ?? BCEID,
              agent_id: null,
              number: BCEID_NUMBER,
              occurred_at: r.at,
            }
            return [
              { ...common, id: systemRandom.id(), type: 'created', skill: null, data: null },
              {
                ...common,
                id: systemRandom.id(),
                type: 'queued',
                skill: r.skills?.[0] ?? null,
                data: JSON.stringify({ skills: r.skills, priority: 5 }),
              },
            ]
          }),
        )
        .execute()
    })
  }
}

/**
 * `count` texts from citizens 0…count-1 already stored by stage 1 and waiting to be processed,
 * as after a restart with a backlog (decision 0009), in chunks of ROWS_PER_INSERT.
 * @example await seedStaged(store, 40_000)
 */
export async function seedStaged(store: Store, count: number): Promise<void> {
  const now = Date.now()
  for (let first = 0; first < count; first += ROWS_PER_INSERT) {
    const texts = Array.from({ length: Math.min(ROWS_PER_INSERT, count - first) }, (_, k) => ({
      id: systemRandom.id(),
      trunk: TRUNK,
      carrierId: inboundSid(first + k),
      from: recipientNumber(first + k),
      to: BCEID_NUMBER,
      body: TEXT,
      receivedAt: now,
    }))
    await stageInboundTexts(store.db, texts)
  }
}

const agent = new HttpAgent({ keepAlive: true, maxSockets: 64 })

/**
 * Posts the i-th signed webhook over a keep-alive connection; resolves with the HTTP status and
 * the answer's time in ms.
 * @example const { status, ms } = await postWebhook(server.url, 7)
 */
export function postWebhook(base: string, i: number): Promise<{ status: number; ms: number }> {
  const { body, signature } = signedWebhook(i)
  const began = performance.now()
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}${INBOUND_PATH}`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(body),
          'x-twilio-signature': signature,
        },
      },
      (res) => {
        res.resume()
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - began }))
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}
