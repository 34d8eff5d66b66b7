import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { startFakeSmsc } from '../src/gateways/smpp/testing/fake-smsc.ts'
import { openStore } from '../src/store/connect.ts'
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
import { withSmpp } from './support/peer-config.ts'

/**
 * The outbox's promise under a crash (issue 4): `kill -9` the server while a 10,000-text
 * broadcast is being dispatched over SMPP, restart it on the same database, and every accepted
 * text still reaches a final status, none is lost, and the texts sent twice are no more than
 * were in flight.
 *
 * "In flight" is the dispatcher's: a row is `sending` from the moment it is claimed until the
 * outcome of its submit is committed, and at most `outbox.maxInFlight` (200 by default) rows are
 * `sending` at once. A text reaches the SMSC twice only if its submit_sm got there while its row
 * was still `sending` when the process died (the `sent` commit never happened), so the row is
 * requeued and sent again: duplicates ≤ rows `sending` at the crash ≤ maxInFlight. The SMPP
 * window (50) bounds only the submits awaiting their submit_sm_resp, not the ones answered and
 * awaiting their commit, so it is not the bound.
 *
 * The carrier must outlive the server, so the fake SMSC runs in this process; like a real SMSC
 * it keeps receipts the dead bind never acknowledged and delivers them on the next bind.
 */

const TEXTS = 10_000
const MAX_IN_FLIGHT = 200 // outbox.maxInFlight in config/parley.example.yaml
const KILL_AFTER_SUBMITS = 1_000
const RECOVERY_BUDGET_MS = 120_000
const dir = mkdtempSync(join(tmpdir(), 'parley-crash-'))
after(() => rmSync(dir, { recursive: true, force: true }))

interface BroadcastSummary {
  id: string
  accepted: number
  status: string
  counts: Record<string, number>
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  check: () => Promise<T | undefined> | T | undefined,
  explain: () => string = () => '',
  everyMs = 5,
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}: ${explain()}`)
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
}

for (const { dialect, skip } of DIALECTS) {
  describe(`crash during a broadcast [${dialect}]`, { skip, timeout: 300_000 }, () => {
    it('kill -9 mid-dispatch and restart: all 10,000 texts delivered, duplicates ≤ those in flight', async () => {
      const smsc = await startFakeSmsc({
        systemId: 'servicebc',
        password: 'crash-test-secret',
        // After a restart the gateway's memory of submitted ids is gone, so a receipt is matched
        // by its id as written: this SMSC writes ids the same way in responses and receipts.
        responseIdFormat: 'decimal',
        receiptIdFormat: 'decimal',
        receiptDelayMs: 20,
        redeliverReceipts: true,
      })
      const database =
        dialect === 'postgres' && postgresUrl
          ? await createThrowawayDatabase(postgresUrl, 'parley_crash')
          : undefined
      const file = join(dir, 'crash.db')
      const servers: ParleyProcess[] = []
      try {
        const key = await prepareDatabase({
          url: database?.url,
          file,
          optIns: [{ program: 'alerts', count: TEXTS }],
        })
        const config = writeConfig(
          join(dir, `parley-${dialect}.yaml`),
          withSmpp(smsc.port),
          replacing('window: 10', 'window: 50'),
          // no sender limit: the short code's 100 segments/s would make this a 100-second test
          replacing('segmentsPerSecond: 100', 'segmentsPerSecond: 100000'),
          // several PostgreSQL servers may share the outbox, so a dead one's rows wait for their
          // lease to end; a short lease keeps the test short (SQLite requeues them at start)
          replacing('leaseMs: 60000', dialect === 'postgres' ? 'leaseMs: 3000' : 'leaseMs: 60000'),
        )
        const env = {
          PARLEY_CONFIG: config,
          PARLEY_LOG_LEVEL: 'warn',
          SMPP_SHORTCODE_PASSWORD: 'crash-test-secret',
          ...(database ? { DATABASE_URL: database.url } : { PARLEY_DB_FILE: file }),
        }
        const auth = { authorization: `Bearer ${key}`, 'content-type': 'application/json' }

        const first = await startParley(env)
        servers.push(first)
        const response = await fetch(`${first.url}/v1/broadcasts`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({
            program: 'alerts',
            template: 'emergency_alert',
            priority: 'high',
            personalisation: {
              message: 'Evacuation order for Zone 4.',
              url: 'https://alerts.example/z4',
            },
            recipients: Array.from({ length: TEXTS }, (_, i) => ({ to: recipientNumber(i) })),
          }),
        })
        assert.equal(response.status, 202, await response.clone().text())
        const broadcast = (await response.json()) as BroadcastSummary
        assert.equal(broadcast.accepted, TEXTS, 'every opted-in recipient is accepted')

        await waitFor('the first submits', 60_000, () =>
          smsc.submits.length >= KILL_AFTER_SUBMITS ? true : undefined,
        )
        assert.equal(await first.stop('SIGKILL'), 'SIGKILL')
        const submitsAtKill = smsc.submits.length
        assert.ok(submitsAtKill < TEXTS, `killed mid-dispatch (${submitsAtKill} submits so far)`)

        // What the dead process left: rows claimed and not settled are the in-flight window.
        const inspect = await openStore({ url: database?.url, file })
        const rows = await inspect.db
          .selectFrom('messages')
          .select('status')
          .where('broadcast_id', '=', broadcast.id)
          .execute()
        await inspect.close()
        const inFlightAtKill = rows.filter((r) => r.status === 'sending').length
        assert.equal(rows.length, TEXTS, 'every accepted text survived the crash')

        const restartedAt = Date.now()
        const second = await startParley(env)
        servers.push(second)
        let last: BroadcastSummary | undefined
        const settled = await waitFor(
          'every text to reach a final status',
          RECOVERY_BUDGET_MS,
          async () => {
            const progress = (await (
              await fetch(`${second.url}/v1/broadcasts/${broadcast.id}`, { headers: auth })
            ).json()) as BroadcastSummary
            last = progress
            const pending =
              (progress.counts.queued ?? 0) +
              (progress.counts.sending ?? 0) +
              (progress.counts.sent ?? 0)
            return pending === 0 ? progress : undefined
          },
          () =>
            `counts ${JSON.stringify(last?.counts)} after ${smsc.submits.length} submits; the server said:\n${second.output()}`,
          100, // a progress read counts the broadcast's texts: not every 5 ms
        )
        const recoveryMs = Date.now() - restartedAt

        const submits = smsc.submits.length
        const distinct = new Set(smsc.submits.map((s) => s.destAddr)).size
        const duplicates = submits - distinct
        console.log(
          `[${dialect}] crash test: ${submitsAtKill} submits before kill -9, ${inFlightAtKill} texts in flight at the kill; ` +
            `after restart: ${submits} submits to ${distinct} distinct numbers = ${duplicates} duplicates ` +
            `(bound: ${inFlightAtKill} in flight ≤ maxInFlight ${MAX_IN_FLIGHT}); ` +
            `all final ${recoveryMs} ms after the restart; counts ${JSON.stringify(settled.counts)}`,
        )

        assert.deepEqual(settled.counts, { delivered: TEXTS }, 'none lost: every text delivered')
        assert.equal(distinct, TEXTS, 'every recipient got the alert')
        assert.ok(inFlightAtKill <= MAX_IN_FLIGHT, `${inFlightAtKill} in flight ≤ ${MAX_IN_FLIGHT}`)
        assert.ok(
          duplicates <= inFlightAtKill,
          `${duplicates} duplicates ≤ ${inFlightAtKill} texts in flight at the kill`,
        )
        if (dialect === 'sqlite') {
          // one server holds the file, so the dead one's rows are requeued at start, not after
          // their 60-second lease
          assert.match(second.output(), /requeued messages a stopped process left mid-send/)
          assert.ok(recoveryMs < 60_000, `recovered in ${recoveryMs} ms, before the lease ended`)
        }
        assert.equal(await second.stop('SIGTERM'), 0, second.output())
      } finally {
        for (const server of servers)
          if (server.child.exitCode === null) server.child.kill('SIGKILL')
        await Promise.all(servers.map((s) => s.exited))
        await smsc.close()
        await database?.drop()
      }
    })
  })
}
