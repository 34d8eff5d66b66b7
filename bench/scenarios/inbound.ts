import { readFileSync } from 'node:fs'
import autocannon from 'autocannon'
import type { Dialect, Store } from '../../src/store/connect.ts'
import { formatCount, printTable } from '../harness.ts'
import { benchDialects } from '../parley-server.ts'
import type { Figures, Scenario } from '../scenario.ts'
import {
  INBOUND_PATH,
  postWebhook,
  seedAgents,
  seedWaiting,
  signedWebhook,
  startRig,
} from './inbound-rig.ts'

/** Issue 5's rate, and a tenth of it, to see the latency below saturation too. */
const RATES = [100, 1_000] as const
const RATE_SECONDS = 5
const WARMUP_TEXTS = 500
/** One pending offer per agent at a time, so each text of a paced run finds a free agent. */
const PACED_AGENTS = 1_000 * RATE_SECONDS + WARMUP_TEXTS + 500
const BLAST_AGENTS = 200
const BLAST_CONNECTIONS = 100
const BLAST_SECONDS = 10
const WAITING = 100_000
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until `count()` stops changing for `quietMs` (or reaches `target`); returns the last value. */
async function settled(count: () => Promise<number>, target: number, quietMs = 2_000) {
  let last = -1
  let since = Date.now()
  for (;;) {
    const now = await count()
    if (now >= target) return now
    if (now !== last) [last, since] = [now, Date.now()]
    else if (Date.now() - since >= quietMs) return now
    await sleep(200)
  }
}

/** Texts `first…first+count-1` at `rate` per second; returns each one's send time (epoch ms). */
async function paced(base: string, first: number, count: number, rate: number) {
  const sentAt = new Map<number, number>()
  const answers: Promise<{ status: number; ms: number }>[] = []
  const start = performance.now()
  let sent = 0
  while (sent < count) {
    const due = Math.min(count, Math.floor(((performance.now() - start) / 1000) * rate) + 1)
    for (; sent < due; sent++) {
      sentAt.set(first + sent, performance.timeOrigin + performance.now())
      answers.push(postWebhook(base, first + sent))
    }
    await sleep(1)
  }
  return { sentAt, answers: await Promise.all(answers) }
}

type Row = Record<string, string | number>

/** Inbound texts and conversations in the server's database. */
async function count(store: Store, table: 'messages' | 'conversations'): Promise<number> {
  const row = await store.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .$if(table === 'messages', (qb) => qb.where('direction', '=', 'inbound'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

async function offerLatency(dialect: Dialect): Promise<Row[]> {
  const rows: Row[] = []
  for (const rate of RATES) rows.push(await offerLatencyAt(dialect, rate))
  return rows
}

async function offerLatencyAt(dialect: Dialect, rate: number): Promise<Row> {
  const rig = await startRig(dialect, (store) => seedAgents(store, PACED_AGENTS))
  try {
    await paced(rig.server.url, 0, WARMUP_TEXTS, Math.min(rate, WARMUP_TEXTS)) // unmeasured
    const texts = rate * RATE_SECONDS
    const { sentAt, answers } = await paced(rig.server.url, WARMUP_TEXTS, texts, rate)
    const store = await rig.read()
    const offeredRows = () =>
      store.db
        .selectFrom('conversation_events as e')
        .innerJoin('conversations as c', 'c.id', 'e.conversation_id')
        .select(['c.customer_number', 'e.occurred_at'])
        .where('e.type', '=', 'offered')
        .execute()
    // patient: a server behind its load keeps offering for a while after the last text
    await settled(async () => (await offeredRows()).length, WARMUP_TEXTS + texts, 5_000)
    await settled(() => stagedAndStored(store), WARMUP_TEXTS + texts, 3_000)
    const stored = (await count(store, 'messages')) - WARMUP_TEXTS
    const latencies: number[] = []
    for (const row of await offeredRows()) {
      const i = Number(row.customer_number.slice(5)) - 2_000_000 // recipientNumber's inverse
      const at = sentAt.get(i)
      if (at !== undefined) latencies.push(row.occurred_at - at)
    }
    latencies.sort((a, b) => a - b)
    const http = answers.map((a) => a.ms).sort((a, b) => a - b)
    const peak = Math.round((rig.server.peakRssKb() ?? 0) / 1024)
    return {
      database: dialect,
      'texts/s': formatCount(rate),
      texts,
      '200s': answers.filter((a) => a.status === 200).length,
      stored,
      lost: answers.filter((a) => a.status === 200).length - stored,
      offered: latencies.length,
      'offer p50 ms': percentile(latencies, 50).toFixed(1),
      'offer p99 ms': percentile(latencies, 99).toFixed(1),
      'offer max ms': (latencies.at(-1) ?? NaN).toFixed(1),
      'webhook p99 ms': percentile(http, 99).toFixed(1),
      'server peak RSS MB': peak,
    }
  } finally {
    await rig.dispose()
  }
}

/**
 * The most texts per second stored and routed: autocannon floods the webhook for BLAST_SECONDS,
 * then the backlog drains. Stage 1's rate is the webhooks answered 200 per second; "stored and
 * routed" runs from the first text's arrival (its messages.created_at) to the last conversation
 * opened, all in the server's own clock. Every 200 must be a stored text (lost = 0) and every
 * stored text processed; a 503 is a text refused, which Twilio would offer again.
 */
async function blast(dialect: Dialect): Promise<Row[]> {
  const rig = await startRig(dialect, (store) => seedAgents(store, BLAST_AGENTS))
  try {
    let next = 0
    const result = await autocannon({
      url: `${rig.server.url}${INBOUND_PATH}`,
      method: 'POST',
      connections: BLAST_CONNECTIONS,
      duration: BLAST_SECONDS,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      requests: [
        {
          setupRequest: (req) => {
            const { body, signature } = signedWebhook(next++)
            return { ...req, body, headers: { ...req.headers, 'x-twilio-signature': signature } }
          },
        },
      ],
    })
    const loadEnded = Date.now()
    const store = await rig.read()
    const acknowledged = result['2xx']
    // stored = processed into messages, or still waiting in inbound_texts
    const staged = await settled(() => stagedAndStored(store), acknowledged, 3_000)
    const processed = await settled(() => count(store, 'messages'), staged, 5_000)
    const conversations = await settled(() => count(store, 'conversations'), processed, 3_000)
    const span = await store.db
      .selectFrom('messages')
      .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
      .where('direction', '=', 'inbound')
      .executeTakeFirstOrThrow()
    const opened = await store.db
      .selectFrom('conversations')
      .select((eb) => eb.fn.max('opened_at').as('last'))
      .executeTakeFirstOrThrow()
    const arrivalSeconds = Math.max((span.last - span.first) / 1000, 0.001)
    const routedSeconds = Math.max(((opened.last ?? span.first) - span.first) / 1000, 0.001)
    const offered = await store.db
      .selectFrom('conversation_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('type', '=', 'offered')
      .executeTakeFirstOrThrow()
    const row: Row = {
      database: dialect,
      'webhooks 200/s': formatCount(acknowledged / result.duration),
      'webhook p99 ms': result.latency.p99,
      '503s': result.non2xx,
      errors: result.errors,
      '200s': formatCount(acknowledged),
      stored: formatCount(staged),
      lost: formatCount(acknowledged - staged),
      'stored/s': formatCount(staged / arrivalSeconds),
      'stored+routed': formatCount(conversations),
      'stored+routed/s': formatCount(conversations / routedSeconds),
      offered: Number(offered.n),
      'drained s after load': ((Date.now() - loadEnded) / 1000).toFixed(1),
      'server peak RSS MB': Math.round((rig.server.peakRssKb() ?? 0) / 1024),
    }
    return [row]
  } finally {
    await rig.dispose()
  }
}

/** Texts stored: processed (inbound messages) plus still waiting to be (inbound_texts). */
async function stagedAndStored(store: Store): Promise<number> {
  const waiting = await store.db
    .selectFrom('inbound_texts')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow()
  return (await count(store, 'messages')) + Number(waiting.n)
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Math.round(Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) / 1024)
}

async function memory(dialect: Dialect): Promise<Row[]> {
  const rows: Row[] = []
  for (const waiting of [0, WAITING]) {
    const began = Date.now()
    const rig = await startRig(dialect, (store) => seedWaiting(store, waiting))
    try {
      // `parley serve` listens only after the ACD's first cycle has loaded every waiting one
      const ready = rssMb(rig.server.pid)
      await sleep(5_000)
      rows.push({
        database: dialect,
        waiting: formatCount(waiting),
        'seed+start s': ((Date.now() - began - 5_000) / 1000).toFixed(1),
        'RSS at ready MB': ready,
        'RSS after 5 s MB': rssMb(rig.server.pid),
        'peak RSS MB': Math.round((rig.server.peakRssKb() ?? 0) / 1024),
      })
    } finally {
      await rig.dispose()
    }
  }
  return rows
}

/** Issue 5's inbound figures: offer latency at 1,000 texts/s, the most texts/s, memory. */
export const inboundScenario: Scenario = {
  name: 'inbound',
  description: `signed Twilio inbound webhooks against parley serve (child process): webhook → offer at ${RATES.map(formatCount).join(' and ')}/s (${formatCount(PACED_AGENTS)} available agents), autocannon ${BLAST_CONNECTIONS} connections × ${BLAST_SECONDS} s (${BLAST_AGENTS} agents), RSS with ${formatCount(WAITING)} waiting`,
  run: async () => {
    const figures: Figures = {}
    const table = async (name: string, measure: (d: Dialect) => Promise<Row[]>) => {
      const rows: Row[] = []
      for (const dialect of benchDialects()) rows.push(...(await measure(dialect)))
      console.log(`\n### ${name}\n`)
      printTable(rows)
      for (const row of rows) {
        const { database, ...rest } = row
        const label = [database, name, row['texts/s'] ?? row.waiting].filter(Boolean).join(' ')
        for (const [key, value] of Object.entries(rest)) figures[`${label} ${key}`] = value
      }
    }
    await table('offer latency', offerLatency)
    await table('most texts/s', blast)
    await table('memory', memory)
    return figures
  },
}
