import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { serviceLevelByQueue, type QueueEvent } from './service-level.ts'

const Q = 'SBC_HD_SMS_BCEID'
const OTHER = 'SBC_HD_SMS_GENERAL'
const queues = [
  { id: Q, serviceLevelSeconds: 300 },
  { id: OTHER, serviceLevelSeconds: 60 },
]
const since = 1_000_000
const s = (seconds: number) => since + seconds * 1000

const queued = (c: string, at: number, queueId = Q, enqueuedAt?: number): QueueEvent => ({
  conversationId: c,
  type: 'queued',
  queueId,
  occurredAt: at,
  enqueuedAt,
})
const accepted = (c: string, at: number, queueId = Q): QueueEvent => ({
  conversationId: c,
  type: 'accepted',
  queueId,
  occurredAt: at,
})
const abandoned = (c: string, at: number, queueId = Q): QueueEvent => ({
  conversationId: c,
  type: 'abandoned',
  queueId,
  occurredAt: at,
})

const cases: {
  name: string
  events: QueueEvent[]
  now?: number
  queue?: string
  expect: Partial<ReturnType<typeof serviceLevelByQueue>[string]>
}[] = [
  {
    name: 'nothing arrived: no percentage rather than 0 % or 100 %',
    events: [],
    expect: { arrived: 0, percent: null },
  },
  {
    name: 'accepted within the threshold counts as a success',
    events: [queued('a', s(0)), accepted('a', s(120))],
    expect: { arrived: 1, answered: 1, answeredWithinThreshold: 1, percent: 100 },
  },
  {
    name: 'accepted exactly at the threshold is within it',
    events: [queued('a', s(0)), accepted('a', s(300))],
    expect: { answeredWithinThreshold: 1, percent: 100 },
  },
  {
    name: 'accepted one millisecond after the threshold is a miss',
    events: [queued('a', s(0)), accepted('a', s(300) + 1)],
    expect: { answered: 1, answeredWithinThreshold: 0, percent: 0 },
  },
  {
    name: 'an abandoned conversation counts against the queue',
    events: [queued('a', s(0)), accepted('a', s(10)), queued('b', s(5)), abandoned('b', s(20))],
    expect: { answered: 1, abandoned: 1, percent: 50 },
  },
  {
    name: 'one still waiting within the threshold is left out; one past it counts against',
    events: [queued('a', s(0)), accepted('a', s(10)), queued('b', s(0)), queued('c', s(500))],
    now: s(600),
    expect: { arrived: 3, waiting: 2, waitingPastThreshold: 1, percent: 50 },
  },
  {
    name: 'an offer that timed out continues the same wait, from when the customer started waiting',
    events: [queued('a', s(0)), queued('a', s(30), Q, s(0)), accepted('a', s(320))],
    expect: { arrived: 1, answered: 1, answeredWithinThreshold: 0 },
  },
  {
    name: 'moved to another queue: neither success nor failure here, a new arrival there',
    events: [queued('a', s(0)), queued('a', s(100), OTHER), accepted('a', s(130), OTHER)],
    expect: { arrived: 1, movedAway: 1, answered: 0, percent: null },
  },
  {
    name: 'the new queue measures the wait from the move',
    events: [queued('a', s(0)), queued('a', s(100), OTHER), accepted('a', s(130), OTHER)],
    queue: OTHER,
    expect: { arrived: 1, answered: 1, answeredWithinThreshold: 1, percent: 100 },
  },
  {
    name: 'sent back to the queue after an agent held it: the wait starts afresh',
    events: [
      queued('a', s(0)),
      accepted('a', s(10)),
      // a transfer to an agent who let the offer time out: routing keeps the first enqueuedAt
      queued('a', s(1000), Q, s(0)),
      accepted('a', s(1100)),
    ],
    now: s(2000),
    expect: { arrived: 2, answered: 2, answeredWithinThreshold: 2, percent: 100 },
  },
  {
    name: 'an arrival before the window is left out, even when accepted inside it',
    events: [queued('a', since - 10_000), accepted('a', s(5))],
    expect: { arrived: 0, answered: 0, percent: null },
  },
  {
    name: 'a requeue seen without its first arrival keeps the real start (before the window)',
    events: [queued('a', s(30), Q, since - 10_000), accepted('a', s(40))],
    expect: { arrived: 0, percent: null },
  },
  {
    name: 'other queues do not count',
    events: [queued('a', s(0), OTHER), abandoned('a', s(5), OTHER)],
    expect: { arrived: 0, percent: null },
  },
  {
    name: 'the percentage has one decimal',
    events: [
      queued('a', s(0)),
      accepted('a', s(1)),
      queued('b', s(0)),
      accepted('b', s(2)),
      queued('c', s(0)),
      accepted('c', s(400)),
    ],
    expect: { percent: 66.7 },
  },
]

describe('serviceLevelByQueue', () => {
  for (const { name, events, now, queue, expect } of cases) {
    it(name, () => {
      const level = serviceLevelByQueue(events, queues, { since, now: now ?? s(100) })[queue ?? Q]
      assert.ok(level)
      for (const [key, value] of Object.entries(expect)) {
        assert.equal(level[key as keyof typeof level], value, key)
      }
    })
  }

  it('gives every configured queue its threshold, even without traffic', () => {
    const levels = serviceLevelByQueue([], queues, { since, now: since })
    assert.deepEqual(Object.keys(levels), [Q, OTHER])
    assert.equal(levels[OTHER]?.thresholdSeconds, 60)
  })
})
