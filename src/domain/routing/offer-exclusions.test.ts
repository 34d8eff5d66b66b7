import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import {
  activeExclusions,
  exclusionsFrom,
  withExclusion,
  type ExclusionRecord,
  type Exclusions,
} from './offer-exclusions.ts'

describe('exclusionsFrom', () => {
  const cases: { name: string; record: ExclusionRecord; expected: Exclusions }[] = [
    { name: 'nothing recorded: nobody excluded', record: {}, expected: {} },
    {
      name: 'an agent listed without an end is excluded for forMs from the record',
      record: { excludedAgents: ['a1'] },
      expected: { a1: 6_000 },
    },
    {
      name: 'a recorded end wins over the default',
      record: { excludedAgents: ['a1', 'a2'], excludedUntil: { a1: 9_000 } },
      expected: { a1: 9_000, a2: 6_000 },
    },
    {
      name: 'an end without the list still counts',
      record: { excludedUntil: { a3: 2_000 } },
      expected: { a3: 2_000 },
    },
  ]
  for (const { name, record, expected } of cases) {
    it(name, () => assert.deepEqual(exclusionsFrom(record, 1_000, 5_000), expected))
  }
})

describe('activeExclusions', () => {
  const cases: {
    name: string
    exclusions: Exclusions
    now: number
    agents: string[]
    nextEnd: number | undefined
  }[] = [
    { name: 'none', exclusions: {}, now: 0, agents: [], nextEnd: undefined },
    {
      name: 'an exclusion in force, and when it ends',
      exclusions: { a1: 5_000 },
      now: 4_999,
      agents: ['a1'],
      nextEnd: 5_000,
    },
    {
      name: 'an exclusion ends exactly at its time',
      exclusions: { a1: 5_000 },
      now: 5_000,
      agents: [],
      nextEnd: undefined,
    },
    {
      name: 'the next end is the earliest of those in force',
      exclusions: { a1: 9_000, a2: 1_000, a3: 7_000 },
      now: 2_000,
      agents: ['a1', 'a3'],
      nextEnd: 7_000,
    },
  ]
  for (const { name, exclusions, now, agents, nextEnd } of cases) {
    it(name, () => assert.deepEqual(activeExclusions(exclusions, now), { agents, nextEnd }))
  }
})

describe('withExclusion', () => {
  const cases: { name: string; exclusions: Exclusions; forMs: number; expected: Exclusions }[] = [
    {
      name: 'adds the agent until now + forMs',
      exclusions: {},
      forMs: 300_000,
      expected: { a1: 302_000 },
    },
    {
      name: 'drops exclusions that have ended',
      exclusions: { a2: 1_000, a3: 9_000 },
      forMs: 1_000,
      expected: { a1: 3_000, a3: 9_000 },
    },
    {
      name: 'an exclusion of 0 excludes nobody',
      exclusions: {},
      forMs: 0,
      expected: {},
    },
    {
      name: 'a longer exclusion in force is kept',
      exclusions: { a1: 900_000 },
      forMs: 1_000,
      expected: { a1: 900_000 },
    },
    {
      name: 'a shorter one is extended',
      exclusions: { a1: 2_500 },
      forMs: 1_000,
      expected: { a1: 3_000 },
    },
  ]
  for (const { name, exclusions, forMs, expected } of cases) {
    it(name, () => assert.deepEqual(withExclusion(exclusions, 'a1', 2_000, forMs), expected))
  }
})
