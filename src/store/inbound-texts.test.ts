import assert from 'node:assert/strict'
import { beforeEach, it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import {
  claimInboundTexts,
  countInboundTexts,
  deferInboundText,
  finishInboundTexts,
  releaseInboundClaims,
  stageInboundTexts,
} from './inbound-texts.ts'

const US = '+12505550101'
const LEASE = 60_000
let ids = 0

/** Texts with ids that sort in the order given (as the intake's ids sort by arrival). */
function texts(...list: { from: string; body: string }[]) {
  return list.map(({ from, body }) => {
    const id = `t${String(++ids).padStart(8, '0')}`
    return { id, trunk: 'twilio', carrierId: `SM${id}`, from, to: US, body, receivedAt: 1_000 }
  })
}

forEachDialect('inbound texts: staging, claims and leases', (ctx) => {
  const claim = (token: string | undefined, now: number, limit = 10) =>
    claimInboundTexts(ctx.store.db, ctx.dialect, { now, limit, leaseMs: LEASE, token })
  const bodies = (list: readonly { body: string }[]) => list.map((t) => t.body)
  beforeEach(async () => {
    await ctx.store.db.deleteFrom('inbound_texts').execute()
  })

  it('stores a carrier id once: a repeat of a text still waiting is not stored again', async () => {
    const [first] = texts({ from: '+12505550001', body: 'hello' })
    assert.ok(first)
    assert.deepEqual(await stageInboundTexts(ctx.store.db, [first]), new Set([first.id]))
    const repeat = { ...first, id: `${first.id}-again` }
    assert.deepEqual(await stageInboundTexts(ctx.store.db, [repeat]), new Set())
    assert.equal(await finishInboundTexts(ctx.store.db, [first.id], undefined), 1)
  })

  it("claims oldest first, and never a thread's text while an earlier one is leased elsewhere", async () => {
    const a = '+12505550002'
    const b = '+12505550003'
    await stageInboundTexts(
      ctx.store.db,
      texts({ from: a, body: 'a1' }, { from: b, body: 'b1' }, { from: a, body: 'a2' }),
    )
    // server 1 takes only the oldest; server 2 must not take a2 while a1 is being processed
    assert.deepEqual(bodies(await claim('server-1', 10_000, 1)), ['a1'])
    assert.deepEqual(bodies(await claim('server-2', 10_000)), ['b1'])
    assert.deepEqual(bodies(await claim('server-2', 10_000)), [])

    const [a1] = await ctx.store.db
      .selectFrom('inbound_texts')
      .select('id')
      .where('body', '=', 'a1')
      .execute()
    assert.equal(await finishInboundTexts(ctx.store.db, [a1?.id ?? ''], 'server-2'), 0, 'not its')
    assert.equal(await finishInboundTexts(ctx.store.db, [a1?.id ?? ''], 'server-1'), 1)
    assert.deepEqual(bodies(await claim('server-2', 10_000)), ['a2'])
  })

  it("a dead server's claims are taken once their lease has run out", async () => {
    await stageInboundTexts(ctx.store.db, texts({ from: '+12505550004', body: 'orphan' }))
    assert.deepEqual(bodies(await claim('dead', 20_000)), ['orphan'])
    assert.deepEqual(bodies(await claim('alive', 20_000 + LEASE - 1)), [])
    assert.deepEqual(bodies(await claim('alive', 20_000 + LEASE + 1)), ['orphan'])
    // SQLite at start (one server per file): every claim is a dead process's, freed at once
    assert.equal(await releaseInboundClaims(ctx.store.db), 1)
    assert.deepEqual(bodies(await claim('restarted', 20_000)), ['orphan'])
  })

  it('a failed text waits out its backoff, and its thread waits with it', async () => {
    const from = '+12505550005'
    await stageInboundTexts(
      ctx.store.db,
      texts({ from, body: 'fails' }, { from, body: 'after' }, { from: '+12505550006', body: 'x' }),
    )
    const claimed = await claim('w', 30_000)
    const failing = claimed.find((t) => t.body === 'fails')
    assert.ok(failing)
    // everything else of this claim is done
    const done = claimed.filter((t) => t !== failing && t.body !== 'after').map((t) => t.id)
    await finishInboundTexts(ctx.store.db, done, 'w')
    const after = claimed.find((t) => t.body === 'after')
    assert.ok(after)
    await ctx.store.db
      .updateTable('inbound_texts')
      .set({ lease_until: null, lease_token: null })
      .where('id', '=', after.id)
      .execute()

    assert.equal(
      await deferInboundText(ctx.store.db, { id: failing.id, token: 'w', until: 31_000 }),
      1,
    )
    assert.deepEqual(bodies(await claim('w', 30_500)), [], "'after' waits for 'fails'")
    assert.deepEqual(bodies(await claim('w', 31_001)), ['fails', 'after'])
    assert.equal((await claim('x', 31_001)).length, 0)
    assert.equal(await countInboundTexts(ctx.store.db), 2)
  })

  it('a single reader (SQLite) reads oldest first without leasing, and a failed text still holds back its thread', async () => {
    if (ctx.dialect === 'postgres') {
      await assert.rejects(claim(undefined, 0), /claim them/)
      return
    }
    const from = '+12505550007'
    await stageInboundTexts(
      ctx.store.db,
      texts({ from, body: 'first' }, { from, body: 'second' }, { from: '+12505550008', body: 'y' }),
    )
    const read = await claim(undefined, 40_000)
    assert.deepEqual(bodies(read), ['first', 'second', 'y'])
    assert.deepEqual(bodies(await claim(undefined, 40_000)), ['first', 'second', 'y'], 'not leased')
    const first = read[0]
    assert.ok(first)
    assert.equal(
      await deferInboundText(ctx.store.db, { id: first.id, token: undefined, until: 41_000 }),
      1,
    )
    assert.deepEqual(bodies(await claim(undefined, 40_500)), ['y'])
    assert.equal(await finishInboundTexts(ctx.store.db, [first.id], undefined), 1)
    assert.deepEqual(bodies(await claim(undefined, 40_500)), ['second', 'y'])
  })
})
