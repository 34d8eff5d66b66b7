import autocannon from 'autocannon'
import type { Dialect } from '../../src/store/connect.ts'
import { recipientNumber, replacing } from '../../test/support/parley-process.ts'
import { withSenderRate } from '../../test/support/peer-config.ts'
import { formatCount, printTable } from '../harness.ts'
import { benchDatabase, benchDialects, stopAndMeasure } from '../parley-server.ts'
import type { Figures, Scenario } from '../scenario.ts'

/** Distinct opted-in recipients: per-recipient caps (100 an hour) never bite in a 10 s run. */
const RECIPIENTS = 100_000
const CONNECTIONS = 100
const SECONDS = 10
const WARMUP_SECONDS = 2

type Mode = 'dispatching' | 'accept only'

/**
 * POST /v1/messages under load: autocannon (in this process) against `parley serve` (a child
 * process), 100 connections for 10 s after a 2 s warm-up, each request a different recipient
 * and case number. "dispatching" is the server as deployed: the dispatcher sends what is
 * accepted through the sandbox carrier at the same time (the sender's limit lifted);
 * "accept only" sets `outbox.dispatch: false`, as an API-only node would.
 */
async function measure(dialect: Dialect, mode: Mode): Promise<Record<string, string | number>> {
  const db = await benchDatabase(dialect, [{ program: 'general', count: RECIPIENTS }])
  try {
    const config = db.config(
      'accept',
      withSenderRate('+12505550100', 1_000_000),
      replacing('dispatch: true', `dispatch: ${mode === 'dispatching'}`),
    )
    const server = await db.start(db.env(config))
    let sent = 0
    const load = (duration: number) =>
      autocannon({
        url: `${server.url}/v1/messages`,
        method: 'POST',
        connections: CONNECTIONS,
        duration,
        headers: { authorization: `Bearer ${db.key}`, 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => {
              const i = sent++
              return {
                ...request,
                body: JSON.stringify({
                  to: recipientNumber(i % RECIPIENTS),
                  template: 'case_update',
                  program: 'general',
                  personalisation: { caseNumber: `CS-${100_000 + i}`, status: 'in review' },
                }),
              }
            },
          },
        ],
      })
    await load(WARMUP_SECONDS)
    const result = await load(SECONDS)
    const rss = await stopAndMeasure(server)
    return {
      database: dialect,
      mode,
      'accepted/s': formatCount(result['2xx'] / result.duration),
      'p50 ms': result.latency.p50,
      'p99 ms': result.latency.p99,
      'max ms': result.latency.max,
      requests: result.requests.total,
      errors: result.errors,
      'non-2xx': result.non2xx,
      'server peak RSS MB': rss,
    }
  } finally {
    await db.dispose()
  }
}

/** The send API's throughput and latency (issue 4 aims at 15,000/s with p99 under 20 ms on SQLite). */
export const acceptScenario: Scenario = {
  name: 'accept',
  description: `POST /v1/messages, autocannon ${CONNECTIONS} connections × ${SECONDS} s against parley serve (child process), ${formatCount(RECIPIENTS)} opted-in recipients`,
  run: async () => {
    const rows = []
    for (const dialect of benchDialects())
      for (const mode of ['dispatching', 'accept only'] as const)
        rows.push(await measure(dialect, mode))
    printTable(rows)
    const figures: Figures = {}
    for (const row of rows)
      for (const [name, value] of Object.entries(row))
        if (name !== 'database' && name !== 'mode')
          figures[`${String(row.database)} ${String(row.mode)} ${name}`] = value
    return figures
  },
}
