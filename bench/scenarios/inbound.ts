import { readFileSync } from 'node:fs'
import type { Dialect, Store } from '../../src/store/connect.ts'
import { formatCount, printTable } from '../harness.ts'
import { benchDialects } from '../parley-server.ts'
import type { Figures, Scenario } from '../scenario.ts'
import {
  inboundSid,
  postWebhook,
  seedAgents,
  seedStaged,
  seedSupervisor,
  seedWaiting,
  startRig,
  watchOffers,
} from './inbound-rig.ts'

/** Issue 5's rate, and a tenth of it, to see the latency below saturation too. */
const RATES = (process.env.PARLEY_BENCH_RATES ?? '100,1000').split(',').map(Number)
const RATE_SECONDS = 10
/**
 * Latency runs per rate. On a 2-core machine shared with the load generator one run's p99 hangs
 * on a few pauses (a major GC, a long scavenge): with several runs, a median row follows them.
 */
const RUNS = Math.max(1, Number(process.env.PARLEY_BENCH_RUNS ?? 1))
/** Supervisors' WebSockets open during the latency runs; the first one times the offers. */
const WATCHERS = Math.max(1, Number(process.env.PARLEY_BENCH_WATCHERS ?? 1))
/**
 * Unmeasured seconds at the rate first: V8 optimises the hot paths over the first seconds, and a
 * server runs for days, so the figures are the steady state's. (With 500 texts of warm-up, p99 at
 * 1,000/s was about twice as high, the first second's backlog.)
 */
const WARMUP_SECONDS = 3
/** One pending offer per agent at a time, so each text of a paced run finds a free agent. */
const pacedAgents = (rate: number) => rate * (WARMUP_SECONDS + RATE_SECONDS) + 500
const BLAST_AGENTS = 200
/** As many as postWebhook's keep-alive agent holds open. */
const BLAST_CONNECTIONS = 64
const BLAST_SECONDS = 10
const WAITING = 100_000
/** The backlog the drain part leaves for the server to work through. */
const BACKLOG = 40_000
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
  for (const rate of RATES) {
    const runs: Row[] = []
    for (let run = 1; run <= RUNS; run++) runs.push(await offerLatencyAt(dialect, rate))
    if (RUNS === 1) rows.push(...runs)
    else rows.push(...runs.map((row, i) => ({ ...row, database: `${dialect} #${i + 1}` })))
    if (RUNS > 1) rows.push(medianOf(runs, `${dialect} median`))
  }
  return rows
}

/** Each figure's median over runs (numbers printed with separators read back as numbers). */
function medianOf(runs: readonly Row[], database: string): Row {
  const first = runs[0] ?? {}
  const median: Row = { database }
  for (const key of Object.keys(first)) {
    if (key === 'database') continue
    const values = runs
      .map((row) => Number(String(row[key]).replaceAll(',', '')))
      .sort((a, b) => a - b)
    const middle = values[Math.floor(values.length / 2)] ?? NaN
    const sample = first[key]
    median[key] =
      typeof sample !== 'string'
        ? middle
        : sample.includes('.')
          ? middle.toFixed(1)
          : formatCount(middle)
  }
  return median
}

async function offerLatencyAt(dialect: Dialect, rate: number): Promise<Row> {
  const rig = await startRig(dialect, async (store) => {
    await seedAgents(store, pacedAgents(rate))
    await seedSupervisor(store)
  })
  try {
    // supervisors' screens, each receiving every event; the first one's times are reported
    const watchers = await Promise.all(
      Array.from({ length: WATCHERS }, () => watchOffers(rig.server.url)),
    )
    const watch = watchers[0]
    if (!watch) throw new Error('no supervisor watching')
    const warmup = rate * WARMUP_SECONDS
    await paced(rig.server.url, 0, warmup, rate) // unmeasured
    const texts = rate * RATE_SECONDS
    const cpuBefore = cpuMs(rig.server.pid)
    const { sentAt, answers } = await paced(rig.server.url, warmup, texts, rate)
    const store = await rig.read()
    const offeredRows = () =>
      store.db
        .selectFrom('conversation_events as e')
        .innerJoin('conversations as c', 'c.id', 'e.conversation_id')
        .select(['c.customer_number', 'e.conversation_id', 'e.occurred_at'])
        .where('e.type', '=', 'offered')
        .execute()
    // patient: a server behind its load keeps offering for a while after the last text
    await settled(async () => (await offeredRows()).length, warmup + texts, 5_000)
    await settled(() => stagedAndStored(store), warmup + texts, 3_000)
    await settled(() => Promise.resolve(watch.seenAt.size), warmup + texts, 1_000)
    const cpu = cpuMs(rig.server.pid) - cpuBefore
    for (const watcher of watchers) watcher.close()
    const stored = (await count(store, 'messages')) - warmup
    // recorded: the offer's own time (the routing cycle's start); seen: its arrival on the
    // supervisor's WebSocket, after the cycle's commit and the fan-out, as an agent would see it
    const recorded: number[] = []
    const seen: number[] = []
    for (const row of await offeredRows()) {
      const i = Number(row.customer_number.slice(5)) - 2_000_000 // recipientNumber's inverse
      const at = sentAt.get(i)
      if (at === undefined) continue
      recorded.push(row.occurred_at - at)
      const seenAt = watch.seenAt.get(row.conversation_id)
      if (seenAt !== undefined) seen.push(seenAt - at)
    }
    recorded.sort((a, b) => a - b)
    seen.sort((a, b) => a - b)
    const http = answers.map((a) => a.ms).sort((a, b) => a - b)
    const peak = Math.round((rig.server.peakRssKb() ?? 0) / 1024)
    return {
      database: dialect,
      'texts/s': formatCount(rate),
      texts,
      '200s': answers.filter((a) => a.status === 200).length,
      stored,
      lost: answers.filter((a) => a.status === 200).length - stored,
      offered: recorded.length,
      seen: seen.length,
      'offer p50 ms': percentile(seen, 50).toFixed(1),
      'offer p99 ms': percentile(seen, 99).toFixed(1),
      'offer max ms': (seen.at(-1) ?? NaN).toFixed(1),
      'recorded p50 ms': percentile(recorded, 50).toFixed(1),
      'recorded p99 ms': percentile(recorded, 99).toFixed(1),
      'webhook p99 ms': percentile(http, 99).toFixed(1),
      'server CPU µs/text': formatCount((cpu * 1000) / texts),
      'server peak RSS MB': peak,
    }
  } finally {
    await rig.dispose()
  }
}

/**
 * The most texts per second stored and routed: BLAST_CONNECTIONS keep-alive connections post
 * webhooks back to back for BLAST_SECONDS, then the backlog drains. Stage 1's rate is the
 * webhooks answered 200 per second; "stored and routed" runs from the first text's arrival
 * (its messages.created_at) to the last conversation opened, in the server's own clock. Each
 * answer is kept by MessageSid, so `lost` counts exactly the texts answered 200 that are not
 * stored (it must be 0); a 503 is a text refused, which Twilio would offer again.
 */
async function blast(dialect: Dialect): Promise<Row[]> {
  const rig = await startRig(dialect, (store) => seedAgents(store, BLAST_AGENTS))
  try {
    const answers = new Map<number, number>()
    const http: number[] = []
    const cpuBefore = cpuMs(rig.server.pid)
    const ownCpuBefore = process.cpuUsage()
    let next = 0
    const began = performance.now()
    const ends = began + BLAST_SECONDS * 1000
    await Promise.all(
      Array.from({ length: BLAST_CONNECTIONS }, async () => {
        while (performance.now() < ends) {
          const i = next++
          const { status, ms } = await postWebhook(rig.server.url, i).catch(() => ({
            status: 0,
            ms: NaN,
          }))
          answers.set(i, status)
          if (status === 200) http.push(ms)
        }
      }),
    )
    const seconds = (performance.now() - began) / 1000
    const ownCpu = process.cpuUsage(ownCpuBefore)
    const loadEnded = Date.now()
    const store = await rig.read()
    const acknowledged = [...answers].filter(([, status]) => status === 200).map(([i]) => i)
    const staged = await settled(() => stagedAndStored(store), acknowledged.length, 3_000)
    const processed = await settled(() => count(store, 'messages'), staged, 5_000)
    const conversations = await settled(() => count(store, 'conversations'), processed, 3_000)
    const cpu = cpuMs(rig.server.pid) - cpuBefore
    // processed (an inbound message with its carrier id), or still waiting to be
    const storedSids = new Set(
      [
        ...(await store.db
          .selectFrom('carrier_refs as r')
          .innerJoin('messages as m', 'm.id', 'r.message_id')
          .select('r.carrier_id')
          .where('m.direction', '=', 'inbound')
          .execute()),
        ...(await store.db.selectFrom('inbound_texts').select('carrier_id').execute()),
      ].map((r) => r.carrier_id),
    )
    const lost = acknowledged.filter((i) => !storedSids.has(inboundSid(i))).length
    const span = await store.db
      .selectFrom('messages')
      .select((eb) => [eb.fn.min('created_at').as('first'), eb.fn.max('created_at').as('last')])
      .where('direction', '=', 'inbound')
      .executeTakeFirstOrThrow()
    const opened = await store.db
      .selectFrom('conversations')
      .select((eb) => eb.fn.max('opened_at').as('last'))
      .executeTakeFirstOrThrow()
    const routedSeconds = Math.max((opened.last - span.first) / 1000, 0.001)
    const offered = await store.db
      .selectFrom('conversation_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('type', '=', 'offered')
      .executeTakeFirstOrThrow()
    http.sort((a, b) => a - b)
    const row: Row = {
      database: dialect,
      'webhooks 200/s': formatCount(acknowledged.length / seconds),
      'webhook p50 ms': percentile(http, 50).toFixed(1),
      'webhook p99 ms': percentile(http, 99).toFixed(1),
      '200s': formatCount(acknowledged.length),
      '503s': [...answers.values()].filter((status) => status === 503).length,
      'no answer': [...answers.values()].filter((status) => status === 0).length,
      stored: formatCount(storedSids.size),
      lost,
      'stored+routed': formatCount(conversations),
      'stored+routed/s': formatCount(conversations / routedSeconds),
      offered: Number(offered.n),
      'drained s after load': ((Date.now() - loadEnded) / 1000).toFixed(1),
      'server CPU µs/text': formatCount((cpu * 1000) / Math.max(conversations, 1)),
      // signing and posting, on the same cores: what is left of the machine for the server
      'load generator CPU µs/webhook': formatCount(
        (ownCpu.user + ownCpu.system) / Math.max(answers.size, 1),
      ),
      'server peak RSS MB': Math.round((rig.server.peakRssKb() ?? 0) / 1024),
    }
    return [row]
  } finally {
    await rig.dispose()
  }
}

/**
 * Stage 2 and routing without HTTP: BACKLOG texts are already stored (as after an outage) when
 * the server starts, and it works through them at full speed (no webhooks to give way to). The
 * rate runs from the first conversation opened to the last, in the server's clock; CPU per text
 * is measured from when the server is ready to when the backlog is done, over the texts
 * processed in that time. Set against the blast, it shows what the webhooks themselves cost.
 */
async function drain(dialect: Dialect): Promise<Row[]> {
  const rig = await startRig(dialect, async (store) => {
    await seedAgents(store, BLAST_AGENTS)
    await seedStaged(store, BACKLOG)
  })
  try {
    const store = await rig.read()
    const cpuBefore = cpuMs(rig.server.pid)
    const before = await count(store, 'conversations')
    const conversations = await settled(() => count(store, 'conversations'), BACKLOG, 3_000)
    const cpu = cpuMs(rig.server.pid) - cpuBefore
    const span = await store.db
      .selectFrom('conversations')
      .select((eb) => [eb.fn.min('opened_at').as('first'), eb.fn.max('opened_at').as('last')])
      .executeTakeFirstOrThrow()
    const seconds = Math.max((span.last - span.first) / 1000, 0.001)
    return [
      {
        database: dialect,
        backlog: formatCount(BACKLOG),
        'stored+routed': formatCount(conversations),
        'stored+routed/s': formatCount(conversations / seconds),
        'server CPU µs/text': formatCount((cpu * 1000) / Math.max(conversations - before, 1)),
        'server peak RSS MB': Math.round((rig.server.peakRssKb() ?? 0) / 1024),
      },
    ]
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

/**
 * CPU time (user + system) a process has used, in ms, from /proc (Linux; clock ticks of 10 ms).
 * Unlike rates and latencies it barely depends on what else the machine runs.
 */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
  return (Number(fields[11]) + Number(fields[12])) * 10
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

/**
 * Issue 5's inbound figures: offer latency at 1,000 texts/s, the most texts/s, memory.
 * PARLEY_BENCH_PARTS (latency,blast,drain,memory) and PARLEY_BENCH_RATES (100,1000) narrow a run;
 * PARLEY_BENCH_RUNS repeats each latency run and adds the median.
 */
export const inboundScenario: Scenario = {
  name: 'inbound',
  description: `signed Twilio inbound webhooks against parley serve (child process): webhook → offer at ${RATES.map(formatCount).join(' and ')}/s for ${RATE_SECONDS} s after ${WARMUP_SECONDS} s of warm-up (rate × ${WARMUP_SECONDS + RATE_SECONDS} + 500 available agents, a supervisor's WebSocket timing each offer), ${BLAST_CONNECTIONS} connections back to back × ${BLAST_SECONDS} s (${BLAST_AGENTS} agents), a backlog of ${formatCount(BACKLOG)} stored texts drained, RSS with ${formatCount(WAITING)} waiting`,
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
    const parts = (process.env.PARLEY_BENCH_PARTS ?? 'latency,blast,drain,memory').split(',')
    if (parts.includes('latency')) await table('offer latency', offerLatency)
    if (parts.includes('blast')) await table('most texts/s', blast)
    if (parts.includes('drain')) await table('backlog drain', drain)
    if (parts.includes('memory')) await table('memory', memory)
    return figures
  },
}
