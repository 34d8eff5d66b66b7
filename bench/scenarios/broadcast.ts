import type { Dialect } from '../../src/store/connect.ts'
import { recipientNumber, replacing } from '../../test/support/parley-process.ts'
import { formatCount, printTable } from '../harness.ts'
import { benchDatabase, benchDialects, stopAndMeasure } from '../parley-server.ts'
import type { Figures, Scenario } from '../scenario.ts'

const RECIPIENTS = 100_000

/**
 * POST /v1/broadcasts with 100,000 opted-in recipients in a JSON body, each with their own
 * personalisation, timed from the request to its 202 (every text committed). The server
 * (a child process) has `outbox.dispatch: false`, so the figure is the enqueue alone.
 */
async function measure(dialect: Dialect): Promise<Record<string, string | number>> {
  const db = await benchDatabase(dialect, [{ program: 'general', count: RECIPIENTS }])
  try {
    const config = db.config('broadcast', replacing('dispatch: true', 'dispatch: false'))
    const server = await db.start(db.env(config))
    const body = JSON.stringify({
      program: 'general',
      template: 'case_update',
      personalisation: { status: 'approved' },
      recipients: Array.from({ length: RECIPIENTS }, (_, i) => ({
        to: recipientNumber(i),
        personalisation: { caseNumber: `CS-${100_000 + i}` },
      })),
    })
    const started = performance.now()
    const response = await fetch(`${server.url}/v1/broadcasts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${db.key}`, 'content-type': 'application/json' },
      body,
    })
    const summary = (await response.json()) as { accepted?: number }
    const seconds = (performance.now() - started) / 1000
    const rss = await stopAndMeasure(server)
    if (response.status !== 202) throw new Error(`broadcast refused: ${JSON.stringify(summary)}`)
    return {
      database: dialect,
      recipients: RECIPIENTS,
      accepted: summary.accepted ?? 0,
      'body MB': (body.length / 2 ** 20).toFixed(1),
      'request s': seconds.toFixed(2),
      'recipients/s': formatCount((summary.accepted ?? 0) / seconds),
      'server peak RSS MB': rss,
    }
  } finally {
    await db.dispose()
  }
}

/** How fast a broadcast is queued (issue 4 aims at 50,000 recipients/s). */
export const broadcastScenario: Scenario = {
  name: 'broadcast',
  description: `POST /v1/broadcasts with ${formatCount(RECIPIENTS)} recipients (JSON), time to the 202, parley serve as a child process`,
  run: async () => {
    const rows = []
    for (const dialect of benchDialects()) rows.push(await measure(dialect))
    printTable(rows)
    const figures: Figures = {}
    for (const row of rows)
      for (const [name, value] of Object.entries(row))
        if (name !== 'database') figures[`${String(row.database)} ${name}`] = value
    return figures
  },
}
