import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { QueuePolicy } from './queue-policy.ts'
import type { WaitingClass, WaitingEntry, WaitingGroup } from './waiting-class.ts'
import {
  createWaitingClass,
  createWaitingEntry,
  insertEntry,
  nextLive,
  removeEntry,
} from './waiting-class.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

const queue: QueuePolicy = {
  id: 'q',
  aging: { everySeconds: 60, step: 1, max: 50 },
  relaxSkillsAfterSeconds: [],
}
const conversation = (id: string, enqueuedAt: number): WaitingConversation => ({
  id,
  queue: 'q',
  basePriority: 5,
  requiredSkills: [],
  enqueuedAt,
  customerNumber: '+12505550100',
})

const newGroup = (): WaitingGroup => ({ classes: [], best: undefined, expandedIn: 0 })

function liveInOrder(waitingClass: WaitingClass): string[] {
  const ids: string[] = []
  for (
    let i = nextLive(waitingClass, waitingClass.head);
    i >= 0;
    i = nextLive(waitingClass, i + 1)
  ) {
    ids.push(waitingClass.entries[i]!.conversation.id)
  }
  return ids
}

describe('waiting class', () => {
  it('keeps conversations oldest first, then by id, whatever the insertion order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.record({ id: fc.nat(200).map(String), at: fc.nat(5) }), {
          selector: (c) => c.id,
          maxLength: 300,
        }),
        fc.array(fc.nat(), { maxLength: 300 }),
        (arrivals, removals) => {
          const first = arrivals[0]
          if (first === undefined) return
          const waitingClass = createWaitingClass(
            newGroup(),
            queue,
            conversation(first.id, first.at),
          )
          const entries = new Map<string, WaitingEntry>()
          for (const { id, at } of arrivals) {
            const entry = createWaitingEntry(waitingClass, conversation(id, at))
            insertEntry(waitingClass, entry)
            entries.set(id, entry)
          }
          for (const pick of removals) {
            const ids = [...entries.keys()]
            const id = ids[pick % Math.max(1, ids.length)]
            if (id === undefined) break
            removeEntry(entries.get(id)!)
            entries.delete(id)
          }
          const expected = [...entries.values()]
            .map((e) => e.conversation)
            .sort((a, b) => a.enqueuedAt - b.enqueuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
            .map((c) => c.id)
          assert.deepEqual(liveInOrder(waitingClass), expected)
          assert.equal(waitingClass.live, expected.length)
          // The head is always a live entry, so the router reads it without searching.
          const head = waitingClass.entries[waitingClass.head]
          assert.equal(head?.conversation.id, expected[0])
          // Memory stays proportional to what is waiting: removed entries never outnumber live ones by much.
          assert.ok(waitingClass.entries.length - waitingClass.head <= 2 * waitingClass.live + 64)
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('drops removed entries once they clearly outnumber the waiting ones', () => {
    const waitingClass = createWaitingClass(newGroup(), queue, conversation('c0', 0))
    const entries = Array.from({ length: 1000 }, (_, i) =>
      createWaitingEntry(waitingClass, conversation(`c${String(i).padStart(4, '0')}`, i)),
    )
    for (const entry of entries) insertEntry(waitingClass, entry)
    entries.filter((_, i) => i % 10 !== 0).forEach(removeEntry)
    assert.equal(waitingClass.live, 100)
    assert.ok(
      waitingClass.entries.length <= 2 * 100 + 64,
      `${waitingClass.entries.length} entries kept`,
    )
    assert.deepEqual(liveInOrder(waitingClass).slice(0, 2), ['c0000', 'c0010'])
  })
})
