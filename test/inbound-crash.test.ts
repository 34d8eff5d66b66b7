import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { Agent, request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
// The official library's own signing, so our check is held to what Twilio really sends.
import { getExpectedTwilioSignature } from 'twilio/lib/webhooks/webhooks.js'
import { startFakeTwilioApi } from '../src/gateways/twilio/testing/fake-twilio-api.ts'
import { openStore, type Store } from '../src/store/connect.ts'
import { DIALECTS, postgresUrl } from './support/dialects.ts'
import {
  createThrowawayDatabase,
  prepareDatabase,
  recipientNumber,
  replacing,
  startParley,
  writeConfig,
  type ParleyProcess,
} from './support/parley-process.ts'
import { withPublicUrl, withTwilio } from './support/peer-config.ts'

/**
 * The intake's promise under a crash (decision 0009): `kill -9` the server while Twilio floods
 * it with incoming messages, restart it on the same database, and every message that was
 * answered 200 is processed, once; what was stored but not yet processed at the kill is
 * processed after the restart. Processing is made slow (small batches, a small share of the
 * time while webhooks wait) so that there is a backlog to recover when the kill comes.
 */

const AUTH_TOKEN = 'crash-test-twilio-token-0123456789'
const PUBLIC_URL = 'https://parley.gov.example'
const INBOUND_PATH = '/webhooks/twilio/twilio-longcode/inbound'
const TEXTS = 4_000
const KILL_AFTER = 800 // texts answered 200
const CONNECTIONS = 32
const dir = mkdtempSync(join(tmpdir(), 'parley-inbound-crash-'))
after(() => rmSync(dir, { recursive: true, force: true }))

type Answer = number | 'no answer'

/**
 * The i-th MessageSid. Twilio's ids are unique across incoming and outgoing messages; the fake
 * Twilio API numbers its outgoing ones (the acknowledgements) from SM000…1, so these start with
 * an `f` to stay clear of them: a clash would look like Twilio repeating a text.
 */
const inboundSid = (i: number) => `SMf${String(i).padStart(31, '0')}`

/** Posts the i-th signed webhook; resolves with the status, or 'no answer' (the server died). */
function post(agent: Agent, base: string, i: number): Promise<Answer> {
  const sid = inboundSid(i)
  const params = {
    AccountSid: 'AC00000000000000000000000000000000',
    MessageSid: sid,
    From: recipientNumber(i),
    To: '+12505550101',
    Body: 'BCEID I am locked out of my account',
  }
  const body = new URLSearchParams(params).toString()
  const signature = getExpectedTwilioSignature(AUTH_TOKEN, PUBLIC_URL + INBOUND_PATH, params)
  return new Promise((resolve) => {
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
        res.on('end', () => resolve(res.statusCode ?? 0))
        res.on('error', () => resolve('no answer'))
      },
    )
    req.on('error', () => resolve('no answer'))
    req.end(body)
  })
}

async function counts(store: Store) {
  const waiting = await store.db
    .selectFrom('inbound_texts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  const stored = await store.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('direction', '=', 'inbound')
    .executeTakeFirstOrThrow()
  return { waiting: Number(waiting.n), processed: Number(stored.n) }
}

for (const { dialect, skip } of DIALECTS) {
  describe(`crash during an inbound flood [${dialect}]`, { skip, timeout: 300_000 }, () => {
    it('kill -9 mid-flood and restart: every text answered 200 is processed, once', async () => {
      const twilio = await startFakeTwilioApi()
      const database =
        dialect === 'postgres' && postgresUrl
          ? await createThrowawayDatabase(postgresUrl, 'parley_inbound_crash')
          : undefined
      const file = join(dir, 'inbound-crash.db')
      const servers: ParleyProcess[] = []
      const agent = new Agent({ keepAlive: true, maxSockets: CONNECTIONS })
      try {
        await prepareDatabase({ url: database?.url, file, optIns: [] })
        const config = writeConfig(
          join(dir, `parley-${dialect}.yaml`),
          withPublicUrl(PUBLIC_URL),
          withTwilio(twilio.baseUrl),
          replacing('  batchSize: 200\n', '  batchSize: 5\n'),
          replacing('workerShare: 0.5', 'workerShare: 0.05'),
          // PostgreSQL servers may share the texts, so a dead one's claims wait for their lease
          // to end (SQLite frees them at start); a short lease keeps the test short
          replacing('  leaseMs: 60000\n  maxAttempts', '  leaseMs: 2000\n  maxAttempts'),
        )
        const env = {
          PARLEY_CONFIG: config,
          PARLEY_LOG_LEVEL: 'warn',
          TWILIO_AUTH_TOKEN: AUTH_TOKEN,
          ...(database ? { DATABASE_URL: database.url } : { PARLEY_DB_FILE: file }),
        }
        const first = await startParley(env)
        servers.push(first)

        const answers = new Map<number, Answer>()
        let next = 0
        let killed = false
        const acknowledged = () => [...answers.values()].filter((a) => a === 200).length
        // read through a function: another client may have killed the server meanwhile
        const alive = () => !killed
        const client = async () => {
          while (alive() && next < TEXTS) {
            const i = next++
            answers.set(i, await post(agent, first.url, i))
            if (alive() && acknowledged() >= KILL_AFTER) {
              killed = true
              await first.stop('SIGKILL')
            }
          }
        }
        await Promise.all(Array.from({ length: CONNECTIONS }, client))
        assert.ok(killed, `killed mid-flood (${acknowledged()} answered 200)`)
        agent.destroy()

        const inspect = await openStore({ url: database?.url, file })
        const atKill = await counts(inspect).finally(() => inspect.close())
        assert.ok(
          atKill.waiting > 0,
          `texts stored and not yet processed at the kill: ${JSON.stringify(atKill)}`,
        )

        const second = await startParley(env)
        servers.push(second)
        const store = await openStore({ url: database?.url, file })
        try {
          const deadline = Date.now() + 120_000
          for (;;) {
            const now = await counts(store)
            if (now.waiting === 0) break
            if (Date.now() > deadline)
              throw new Error(`not drained: ${JSON.stringify(now)}\n${second.output()}`)
            await new Promise((resolve) => setTimeout(resolve, 200))
          }
          const rows = await store.db
            .selectFrom('carrier_refs as r')
            .innerJoin('messages as m', 'm.id', 'r.message_id')
            .select(['r.carrier_id', 'm.conversation_id'])
            .where('r.trunk', '=', 'twilio-longcode')
            .where('m.direction', '=', 'inbound')
            .execute()
          const stored = new Map(rows.map((r) => [r.carrier_id, r.conversation_id]))
          const ok = [...answers].filter(([, a]) => a === 200).map(([i]) => i)
          console.log(
            `[${dialect}] inbound crash test: ${ok.length} answered 200 before kill -9, ` +
              `${atKill.processed} processed and ${atKill.waiting} waiting at the kill; ` +
              `after restart ${rows.length} stored, all processed`,
          )
          assert.deepEqual(
            ok.filter((i) => !stored.has(inboundSid(i))),
            [],
            'no text answered 200 is lost',
          )
          assert.deepEqual(
            ok.filter((i) => stored.get(inboundSid(i)) === null),
            [],
            'every one reached a conversation',
          )
          assert.equal(rows.length, stored.size, 'each stored once')
        } finally {
          await store.close()
        }
        assert.equal(await second.stop('SIGTERM'), 0, second.output())
      } finally {
        agent.destroy()
        for (const server of servers)
          if (server.child.exitCode === null) server.child.kill('SIGKILL')
        await database?.drop()
        await twilio.close()
      }
    })
  })
}
