import { startFakeSmsc } from '../../src/gateways/smpp/testing/fake-smsc.ts'
import type { Dialect } from '../../src/store/connect.ts'
import { recipientNumber, replacing } from '../../test/support/parley-process.ts'
import { withSmpp } from '../../test/support/peer-config.ts'
import { formatCount, printTable } from '../harness.ts'
import { benchDatabase, benchDialects, stopAndMeasure } from '../parley-server.ts'
import type { Figures, Scenario } from '../scenario.ts'

const TEXTS = 20_000
const PASSWORD = 'bench-secret'

/**
 * Dispatch over SMPP to a loopback SMSC (this process), window 50, no sender limit, receipts on.
 * A first server (outbox.dispatch: false) queues a 20,000-recipient alert broadcast and stops;
 * a second server then dispatches the full queue. Measured from the SMSC's first submit_sm to
 * its last (segments per second), and to the last text marked delivered by its receipt.
 */
async function measure(dialect: Dialect): Promise<Record<string, string | number>> {
  const smsc = await startFakeSmsc({ systemId: 'servicebc', password: PASSWORD })
  const db = await benchDatabase(dialect, [{ program: 'alerts', count: TEXTS }])
  try {
    const edits = [
      withSmpp(smsc.port),
      replacing('window: 10', 'window: 50'),
      replacing('segmentsPerSecond: 100', 'segmentsPerSecond: 1000000'),
    ]
    const secret = { SMPP_SHORTCODE_PASSWORD: PASSWORD }
    const queueOnly = db.config('queue', ...edits, replacing('dispatch: true', 'dispatch: false'))
    const dispatching = db.config('dispatch', ...edits)
    const auth = { authorization: `Bearer ${db.key}`, 'content-type': 'application/json' }

    const queuing = await db.start(db.env(queueOnly, secret))
    const response = await fetch(`${queuing.url}/v1/broadcasts`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        program: 'alerts',
        template: 'emergency_alert',
        priority: 'high',
        personalisation: { message: 'Boil water advisory, Zone 4.', url: 'https://alerts.example' },
        recipients: Array.from({ length: TEXTS }, (_, i) => ({ to: recipientNumber(i) })),
      }),
    })
    const { id, accepted } = (await response.json()) as { id: string; accepted: number }
    if (accepted !== TEXTS) throw new Error(`queued ${accepted} of ${TEXTS}`)
    await stopAndMeasure(queuing)

    const server = await db.start(db.env(dispatching, secret))
    let delivered = 0
    let deliveredAt = 0
    const deadline = performance.now() + 300_000
    while (delivered < TEXTS && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      const progress = (await (
        await fetch(`${server.url}/v1/broadcasts/${id}`, { headers: auth })
      ).json()) as { counts: Record<string, number> }
      delivered = progress.counts.delivered ?? 0
      deliveredAt = performance.now()
    }
    const rss = await stopAndMeasure(server)
    const first = smsc.submits[0]?.receivedAt ?? 0
    const last = smsc.submits.at(-1)?.receivedAt ?? 0
    const submitted = smsc.submits.length
    return {
      database: dialect,
      texts: TEXTS,
      'submit_sm received': submitted,
      delivered,
      'submit s': ((last - first) / 1000).toFixed(2),
      'segments/s': formatCount((submitted - 1) / ((last - first) / 1000)),
      'delivered/s': formatCount(delivered / ((deliveredAt - first) / 1000)),
      'max outstanding': smsc.stats.maxOutstanding,
      'server peak RSS MB': rss,
    }
  } finally {
    await db.dispose()
    await smsc.close()
  }
}

/** How fast the outbox empties into an SMPP bind (issue 4 aims at 10,000 segments/s). */
export const smppDispatchScenario: Scenario = {
  name: 'smpp-dispatch',
  description: `${formatCount(TEXTS)} single-segment texts from a full outbox to a loopback SMSC (window 50, receipts), parley serve as a child process`,
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
