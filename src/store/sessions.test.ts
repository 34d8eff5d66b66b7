import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { testId } from '../../test/support/fixtures.ts'
import {
  deleteOldSessions,
  findSession,
  insertSession,
  revokeSession,
  revokeUserSessions,
  touchSession,
} from './sessions.ts'
import { insertUser } from './users.ts'

const now = 1_795_000_000_000
const hour = 3_600_000

forEachDialect('sessions', (ctx) => {
  async function aUser(): Promise<string> {
    const id = testId('u')
    await insertUser(ctx.store.db, {
      id,
      username: `user-${id}`,
      displayName: 'Someone',
      role: 'agent',
      passwordHash: 'x',
      skills: {},
      queues: [],
      capacity: 3,
      createdAt: now,
    })
    return id
  }

  async function aSession(
    userId: string,
    overrides: { expiresAt?: number; lastSeenAt?: number } = {},
  ) {
    const session = {
      id: testId('s'),
      userId,
      createdAt: now,
      expiresAt: overrides.expiresAt ?? now + 12 * hour,
      lastSeenAt: overrides.lastSeenAt ?? now,
    }
    await insertSession(ctx.store.db, session)
    return session
  }

  it('stores a session and finds it by its id (the token hash)', async () => {
    const session = await aSession(await aUser())
    assert.deepEqual(await findSession(ctx.store.db, session.id), {
      ...session,
      revokedAt: undefined,
    })
    assert.equal(await findSession(ctx.store.db, 'unknown'), undefined)
  })

  it('refuses a session for a user that does not exist', async () => {
    await assert.rejects(aSession('no-such-user'))
  })

  it('slides the expiry only when the last write is old enough', async () => {
    const db = ctx.store.db
    const session = await aSession(await aUser())
    const everyMs = 60_000
    assert.equal(
      await touchSession(db, session.id, { now: now + 30_000, expiresAt: now + 99, everyMs }),
      false,
      'seen 30 s ago: no write',
    )
    assert.equal(
      await touchSession(db, session.id, {
        now: now + 60_000,
        expiresAt: now + 13 * hour,
        everyMs,
      }),
      true,
    )
    const found = await findSession(db, session.id)
    assert.deepEqual([found?.lastSeenAt, found?.expiresAt], [now + 60_000, now + 13 * hour])
  })

  it('never revives an expired or revoked session by touching it', async () => {
    const db = ctx.store.db
    const user = await aUser()
    const expired = await aSession(user, { expiresAt: now + 1000 })
    const revoked = await aSession(user)
    await revokeSession(db, revoked.id, now + 1)
    const at = { now: now + 2 * hour, expiresAt: now + 14 * hour, everyMs: 60_000 }
    assert.equal(await touchSession(db, expired.id, at), false)
    assert.equal(await touchSession(db, revoked.id, at), false)
    assert.equal((await findSession(db, expired.id))?.expiresAt, now + 1000)
  })

  it('revokes a session once', async () => {
    const session = await aSession(await aUser())
    assert.equal(await revokeSession(ctx.store.db, session.id, now + 5), true)
    assert.equal(await revokeSession(ctx.store.db, session.id, now + 6), false)
    assert.equal((await findSession(ctx.store.db, session.id))?.revokedAt, now + 5)
  })

  it("revokes every live session of one user and no one else's", async () => {
    const db = ctx.store.db
    const [ana, bob] = [await aUser(), await aUser()]
    const live = [await aSession(ana), await aSession(ana)]
    const expired = await aSession(ana, { expiresAt: now + 10 })
    const other = await aSession(bob)
    assert.equal(await revokeUserSessions(db, ana, now + 100), 2)
    for (const s of live) assert.equal((await findSession(db, s.id))?.revokedAt, now + 100)
    assert.equal((await findSession(db, expired.id))?.revokedAt, undefined)
    assert.equal((await findSession(db, other.id))?.revokedAt, undefined)
  })

  it('purges sessions that ended before a time, keeping live ones', async () => {
    const db = ctx.store.db
    const user = await aUser()
    const old = await aSession(user, { expiresAt: now - 2 * hour })
    const revoked = await aSession(user)
    await revokeSession(db, revoked.id, now - hour)
    const live = await aSession(user)
    assert.ok((await deleteOldSessions(db, now)) >= 2)
    assert.equal(await findSession(db, old.id), undefined)
    assert.equal(await findSession(db, revoked.id), undefined)
    assert.ok(await findSession(db, live.id))
  })
})
