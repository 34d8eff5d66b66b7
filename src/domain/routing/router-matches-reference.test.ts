import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import type { Agent } from './agent.ts'
import {
  acceptOffer,
  offerConversation,
  onOfferTimeout,
  releaseConversation,
} from './agent-transitions.ts'
import type { Assignment } from './assignment.ts'
import { createRouter } from './create-router.ts'
import { matchAll } from './match-all.ts'
import {
  AGENT_IDS,
  agent,
  agents,
  conversation,
  conversations,
  queuePolicies,
} from './routing-arbitraries.test-support.ts'
import type { WaitingConversation } from './waiting-conversation.ts'

/** What the runtime does to a router, in random order. */
type Event =
  | { kind: 'upsertAgent'; agent: Agent }
  | { kind: 'removeAgent'; id: string }
  | { kind: 'enqueue'; conversation: WaitingConversation }
  | { kind: 'remove'; id: string }
  | { kind: 'next' | 'drain'; advance: number }
  | { kind: 'timeout' | 'accept' | 'release'; pick: number; advance: number }

const conversationId = fc.integer({ min: 0, max: 11 }).map((i) => `c${i}`)
const advance = fc.constantFrom(0, 0, 500, 15_000, 60_000, 200_000)
const event: fc.Arbitrary<Event> = fc.oneof(
  { weight: 3, arbitrary: agent().map((a) => ({ kind: 'upsertAgent' as const, agent: a })) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(...AGENT_IDS).map((id) => ({ kind: 'removeAgent' as const, id })),
  },
  {
    weight: 4,
    arbitrary: conversationId
      .chain((id) => conversation(id))
      .map((c) => ({ kind: 'enqueue' as const, conversation: c })),
  },
  { weight: 1, arbitrary: conversationId.map((id) => ({ kind: 'remove' as const, id })) },
  { weight: 3, arbitrary: advance.map((a) => ({ kind: 'next' as const, advance: a })) },
  { weight: 1, arbitrary: advance.map((a) => ({ kind: 'drain' as const, advance: a })) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom('timeout' as const, 'accept' as const, 'release' as const),
      pick: fc.nat(),
      advance,
    }),
  },
)

describe('createRouter makes the decisions of the reference matcher', () => {
  it('for any sequence of agent changes, arrivals, removals, offers and time (equal assignments, reasons and agents)', () => {
    fc.assert(
      fc.property(
        queuePolicies,
        agents,
        conversations(),
        fc.array(event, { minLength: 10, maxLength: 60 }),
        (queues, team, queued, events) => {
          const router = createRouter(queues)
          const agents = new Map<string, Agent>()
          const waiting = new Map<string, WaitingConversation>()
          const offers = new Map<string, WaitingConversation>() // by agent id
          let now = 0

          const apply = (assignment: Assignment): void => {
            const offered = waiting.get(assignment.conversationId)
            const chosen = agents.get(assignment.agentId)
            assert.ok(offered && chosen)
            waiting.delete(offered.id)
            agents.set(chosen.id, offerConversation(chosen, offered.id))
            offers.set(chosen.id, offered)
          }
          const setAgent = (a: Agent): void => {
            agents.set(a.id, a)
            router.upsertAgent(a)
          }
          const picked = (pick: number): [Agent, WaitingConversation] | undefined => {
            const ids = [...offers.keys()].sort()
            const id = ids[pick % Math.max(1, ids.length)]
            const a = id === undefined ? undefined : agents.get(id)
            const c = id === undefined ? undefined : offers.get(id)
            return a && c ? [a, c] : undefined
          }

          for (const a of team) setAgent(a)
          for (const c of queued) {
            waiting.set(c.id, c)
            router.enqueue(c)
          }
          for (const e of events) {
            switch (e.kind) {
              case 'upsertAgent':
                setAgent(e.agent)
                break
              case 'removeAgent':
                assert.deepEqual(router.removeAgent(e.id), agents.get(e.id))
                agents.delete(e.id)
                break
              case 'enqueue':
                waiting.set(e.conversation.id, e.conversation)
                router.enqueue(e.conversation)
                break
              case 'remove':
                assert.deepEqual(router.remove(e.id), waiting.get(e.id))
                waiting.delete(e.id)
                break
              case 'next': {
                now += e.advance
                const [expected] = matchAll(
                  [...waiting.values()],
                  [...agents.values()],
                  queues,
                  now,
                ).assignments
                const decision = router.next(now)
                if (expected === undefined) {
                  assert.equal(decision.ok, false)
                  break
                }
                assert.ok(decision.ok)
                assert.deepEqual(decision.assignment, expected)
                apply(expected)
                assert.deepEqual(decision.agent, agents.get(expected.agentId))
                break
              }
              case 'drain': {
                now += e.advance
                const { assignments } = matchAll(
                  [...waiting.values()],
                  [...agents.values()],
                  queues,
                  now,
                )
                assert.deepEqual(router.drain(now), assignments)
                assignments.forEach(apply)
                break
              }
              case 'timeout':
              case 'accept':
              case 'release': {
                now += e.advance
                const offer = picked(e.pick)
                if (offer === undefined) break
                const [a, c] = offer
                offers.delete(a.id)
                if (e.kind === 'timeout') {
                  const result = onOfferTimeout(a, c, now)
                  if (!result.ok) break
                  setAgent(result.agent)
                  waiting.set(c.id, result.conversation)
                  router.enqueue(result.conversation)
                } else {
                  const accepted = acceptOffer(a, c.id)
                  if (!accepted.ok) break
                  setAgent(
                    e.kind === 'accept' ? accepted.agent : releaseConversation(accepted.agent, now),
                  )
                }
                break
              }
            }
            assert.equal(router.stats().waiting, waiting.size)
            for (const [id, a] of agents) assert.deepEqual(router.getAgent(id), a)
            for (const [id, c] of waiting) assert.deepEqual(router.getConversation(id), c)
          }
        },
      ),
      { numRuns: 1000 },
    )
  })
})
