import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { BusEvent } from './event-bus.ts'
import { isInAudience } from './event-audience.ts'

const agent = { id: 'a1', role: 'agent' as const, queues: ['BCEID'] }
const supervisor = { id: 's1', role: 'supervisor' as const, queues: [] }

const conversation = (queueId: string | undefined, agentId: string | undefined): BusEvent => ({
  kind: 'conversation',
  id: 'e1',
  type: 'offered',
  conversationId: 'c1',
  queueId,
  agentId,
  data: undefined,
  occurredAt: 0,
})
const status = (agentId: string): BusEvent => ({
  kind: 'agent',
  id: 'e2',
  type: 'status_changed',
  agentId,
  status: 'available',
  reason: undefined,
  occurredAt: 0,
})

const rows: [string, typeof agent | typeof supervisor, BusEvent, boolean][] = [
  ['an offer to me', agent, conversation('GENERAL', 'a1'), true],
  ['a change in a queue I serve', agent, conversation('BCEID', 'a2'), true],
  [
    "another queue's conversation held by someone else",
    agent,
    conversation('GENERAL', 'a2'),
    false,
  ],
  ['a conversation with no queue nor agent', agent, conversation(undefined, undefined), false],
  ['my own status change', agent, status('a1'), true],
  ["another agent's status change", agent, status('a2'), false],
  ['a supervisor: any conversation', supervisor, conversation('GENERAL', 'a2'), true],
  ['a supervisor: any agent', supervisor, status('a2'), true],
]

describe('isInAudience', () => {
  for (const [name, user, event, expected] of rows) {
    it(`${name} → ${expected ? 'sent' : 'not sent'}`, () => {
      assert.equal(isInAudience(user, event), expected)
    })
  }
})
