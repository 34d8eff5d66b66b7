import assert from 'node:assert/strict'
import { it } from 'node:test'
import { forEachDialect } from '../../test/support/dialects.ts'
import { testId } from '../../test/support/fixtures.ts'
import {
  disableUser,
  ensureQueueRows,
  findUserById,
  findUserByUsername,
  insertUser,
  listUsers,
  updatePasswordHash,
  type NewUser,
} from './users.ts'

const now = 1_795_000_000_000

const queues = [
  { id: 'SBC_HD_SMS_BCEID', name: 'BCeID support' },
  { id: 'SBC_HD_SMS_GENERAL', name: 'General enquiries', description: 'everything else' },
]

function newUser(overrides: Partial<NewUser> = {}): NewUser {
  const id = testId('u')
  return {
    id,
    username: `agent-${id}`,
    displayName: 'Ana Lima',
    role: 'agent',
    passwordHash: 'scrypt$32768$8$1$salt$hash',
    skills: {},
    queues: [],
    capacity: 3,
    createdAt: now,
    ...overrides,
  }
}

forEachDialect('users', (ctx) => {
  it('stores a user with skills and queues, starting offline, and finds them by id and username', async () => {
    const db = ctx.store.db
    await ensureQueueRows(db, queues, now)
    const user = newUser({
      skills: { bceid: 4, french: 3 },
      queues: ['SBC_HD_SMS_GENERAL', 'SBC_HD_SMS_BCEID'],
      capacity: 2,
    })
    await insertUser(db, user)
    const expected = {
      ...user,
      queues: ['SBC_HD_SMS_BCEID', 'SBC_HD_SMS_GENERAL'],
      status: 'offline',
      notReadyReason: undefined,
      statusSince: now,
      disabledAt: undefined,
    }
    assert.deepEqual(await findUserById(db, user.id), expected)
    assert.deepEqual(await findUserByUsername(db, user.username), expected)
    assert.equal(await findUserByUsername(db, 'nobody'), undefined)
  })

  it('keeps a user without skills or queues', async () => {
    const user = newUser()
    await insertUser(ctx.store.db, user)
    const found = await findUserById(ctx.store.db, user.id)
    assert.deepEqual([found?.skills, found?.queues], [{}, []])
  })

  it('rejects a second user with a taken username, leaving no half-written rows', async () => {
    const db = ctx.store.db
    const first = newUser({ username: 'taken-name' })
    await insertUser(db, first)
    const second = newUser({ username: 'taken-name', skills: { bceid: 2 } })
    await assert.rejects(insertUser(db, second))
    assert.equal(await findUserById(db, second.id), undefined)
    const orphans = await db
      .selectFrom('agent_skills')
      .selectAll()
      .where('user_id', '=', second.id)
      .execute()
    assert.deepEqual(orphans, [])
  })

  it('refuses a queue that has no row (agent_queues refers to queues)', async () => {
    await assert.rejects(insertUser(ctx.store.db, newUser({ queues: ['NO_SUCH_QUEUE'] })))
  })

  it('keeps an existing queue row when ensuring it again', async () => {
    const db = ctx.store.db
    await ensureQueueRows(db, [{ id: 'Q_KEEP', name: 'first' }], now)
    await ensureQueueRows(db, [{ id: 'Q_KEEP', name: 'second' }], now + 1)
    const row = await db
      .selectFrom('queues')
      .selectAll()
      .where('id', '=', 'Q_KEEP')
      .executeTakeFirst()
    assert.equal(row?.name, 'first')
  })

  it('lists every user by username, each with their own skills and queues', async () => {
    const db = ctx.store.db
    await ensureQueueRows(db, queues, now)
    const zed = newUser({
      username: 'zz-last',
      skills: { survey: 5 },
      queues: ['SBC_HD_SMS_GENERAL'],
    })
    const amy = newUser({
      username: '00-first',
      skills: { bceid: 1 },
      queues: ['SBC_HD_SMS_BCEID'],
    })
    await insertUser(db, zed)
    await insertUser(db, amy)
    const users = await listUsers(db)
    // the first and last by any collation (PostgreSQL's locale may order punctuation unlike JS)
    assert.equal(users[0]?.username, '00-first')
    assert.equal(users.at(-1)?.username, 'zz-last')
    const byName = new Map(users.map((u) => [u.username, u]))
    assert.deepEqual(byName.get('zz-last')?.skills, { survey: 5 })
    assert.deepEqual(byName.get('00-first')?.queues, ['SBC_HD_SMS_BCEID'])
  })

  it('disables a user once, by id or by username, and sets them offline', async () => {
    const db = ctx.store.db
    const byId = newUser()
    const byName = newUser()
    await insertUser(db, byId)
    await insertUser(db, byName)
    assert.equal(await disableUser(db, byId.id, now + 5), true)
    assert.equal(await disableUser(db, byName.username, now + 6), true)
    assert.equal(await disableUser(db, byId.id, now + 7), false, 'already disabled')
    assert.equal(await disableUser(db, 'nobody', now + 7), false)
    const found = await findUserById(db, byId.id)
    assert.deepEqual([found?.disabledAt, found?.status], [now + 5, 'offline'])
  })

  it('replaces a password hash', async () => {
    const user = newUser()
    await insertUser(ctx.store.db, user)
    await updatePasswordHash(ctx.store.db, user.id, 'scrypt$65536$8$1$new$hash')
    assert.equal(
      (await findUserById(ctx.store.db, user.id))?.passwordHash,
      'scrypt$65536$8$1$new$hash',
    )
  })
})
