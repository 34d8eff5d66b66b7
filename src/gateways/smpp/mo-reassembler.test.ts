import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { createMoReassembler } from './mo-reassembler.ts'

type Done = { from: string; to: string; body: string; complete: boolean }

function collect(timeoutMs = 60_000, maxPending = 10) {
  const done: Done[] = []
  const mo = createMoReassembler({ timeoutMs, maxPending, onMessage: (m) => done.push(m) })
  return { mo, done }
}

const A = '+15145550123'
const SC = '55123'

describe('createMoReassembler', () => {
  it('a single-part message passes straight through', () => {
    const { mo, done } = collect()
    mo.add({ from: A, to: SC, text: 'STOP', concat: { ref: 0, total: 1, seq: 1 } })
    assert.deepEqual(done, [{ from: A, to: SC, body: 'STOP', complete: true }])
  })

  it('parts arriving in any order are joined in part order, duplicates ignored', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 1, maxLength: 10 }), { minLength: 2, maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        (texts, randomness) => {
          const { mo, done } = collect()
          const order = texts.map((_, i) => i + 1)
          const shuffled = order
            .map((seq) => ({ seq, key: randomness.next().value as number }))
            .sort((a, b) => a.key - b.key)
          const total = texts.length
          const first = shuffled[0]!.seq
          for (const { seq } of [{ seq: first }, ...shuffled]) {
            mo.add({ from: A, to: SC, text: texts[seq - 1]!, concat: { ref: 9, total, seq } })
          }
          assert.deepEqual(done, [{ from: A, to: SC, body: texts.join(''), complete: true }])
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('the same ref from two senders is two messages', () => {
    const { mo, done } = collect()
    mo.add({ from: A, to: SC, text: 'a1', concat: { ref: 1, total: 2, seq: 1 } })
    mo.add({ from: '+15145550999', to: SC, text: 'b1', concat: { ref: 1, total: 2, seq: 1 } })
    mo.add({ from: A, to: SC, text: 'a2', concat: { ref: 1, total: 2, seq: 2 } })
    assert.deepEqual(
      done.map((m) => m.body),
      ['a1a2'],
    )
    mo.flushAll()
  })

  it('missing parts: what arrived is delivered after the timeout, marked incomplete', async () => {
    const { mo, done } = collect(20)
    mo.add({ from: A, to: SC, text: 'first ', concat: { ref: 3, total: 3, seq: 1 } })
    mo.add({ from: A, to: SC, text: 'third', concat: { ref: 3, total: 3, seq: 3 } })
    await new Promise((resolve) => setTimeout(resolve, 50))
    assert.deepEqual(done, [{ from: A, to: SC, body: 'first third', complete: false }])
  })

  it('beyond maxPending the oldest incomplete message is flushed', () => {
    const { mo, done } = collect(60_000, 1)
    mo.add({ from: A, to: SC, text: 'old', concat: { ref: 1, total: 2, seq: 1 } })
    mo.add({ from: A, to: SC, text: 'new', concat: { ref: 2, total: 2, seq: 1 } })
    assert.deepEqual(done, [{ from: A, to: SC, body: 'old', complete: false }])
    mo.flushAll()
    assert.equal(done.length, 2)
  })
})
