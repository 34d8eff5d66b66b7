import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addTestUser, TEST_PASSWORD } from '../../../test/support/people.ts'
import { createTestApp } from '../../../test/support/test-app.ts'
import type { App } from '../../app/compose.ts'
import { buildServer, type ParleyServer } from '../build-server.ts'
import { requireUser, signedInUser } from '../session-auth.ts'

interface SessionResponse {
  token: string
  user: Record<string, unknown>
}

describe('session routes', () => {
  let app: App
  let server: ParleyServer
  let logLines: string[]

  before(async () => {
    ;({ app, logLines } = await createTestApp())
    server = await buildServer(app)
    // a test-only route: supervisors and admins only
    server.get(
      '/test/supervisors-only',
      { preHandler: requireUser(app, ['supervisor', 'admin']) },
      (request) => ({ role: signedInUser(request).role }),
    )
    await addTestUser(app, {
      username: 'ana',
      displayName: 'Ana Lima',
      skills: { bceid: 4, french: 3 },
      queues: ['SBC_HD_SMS_BCEID', 'SBC_HD_SMS_GENERAL'],
      capacity: 2,
    })
    await addTestUser(app, { username: 'sam', role: 'supervisor', skills: {}, queues: [] })
  })
  after(async () => {
    await server.close()
    await app.close()
  })

  const signIn = (username: string, password = TEST_PASSWORD) =>
    server.inject({ method: 'POST', url: '/v1/sessions', payload: { username, password } })

  async function tokenFor(username: string): Promise<string> {
    const res = await signIn(username)
    assert.equal(res.statusCode, 201, res.body)
    return res.json<SessionResponse>().token
  }

  it('signs in with the right password: 201, a ps_ token, the user, and a strict HttpOnly cookie', async () => {
    const res = await signIn('ana')
    assert.equal(res.statusCode, 201)
    const body = res.json<SessionResponse>()
    assert.match(body.token, /^ps_[A-Za-z0-9_-]{43}$/)
    assert.deepEqual(
      { ...body.user, id: undefined },
      {
        id: undefined,
        username: 'ana',
        displayName: 'Ana Lima',
        role: 'agent',
        skills: { bceid: 4, french: 3 },
        queues: ['SBC_HD_SMS_BCEID', 'SBC_HD_SMS_GENERAL'],
        capacity: 2,
        status: 'offline',
      },
    )
    assert.equal(
      res.headers['set-cookie'],
      `parley_session=${body.token}; Path=/; HttpOnly; SameSite=Strict`,
      'no Secure flag while the public URL is http',
    )
    assert.equal(res.headers['cache-control'], 'no-store')
  })

  it('answers a wrong password and an unknown user alike: 401 invalid_credentials, no cookie', async () => {
    const wrong = await signIn('ana', 'not the password')
    const unknown = await signIn('nobody')
    for (const res of [wrong, unknown]) {
      assert.equal(res.statusCode, 401)
      assert.equal(res.headers['set-cookie'], undefined)
    }
    const strip = (body: { error: { requestId?: string } }) => ({ ...body.error, requestId: '' })
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()))
    assert.equal(wrong.json<{ error: { code: string } }>().error.code, 'invalid_credentials')
  })

  it('answers a body without a password with 400 invalid_request', async () => {
    const res = await server.inject({
      method: 'POST',
      url: '/v1/sessions',
      payload: { username: 'ana' },
    })
    assert.equal(res.statusCode, 400)
    assert.equal(res.json<{ error: { code: string } }>().error.code, 'invalid_request')
  })

  it('never writes the password to the log', async () => {
    await signIn('ana')
    await signIn('ana', 'a wrong secret value')
    const log = logLines.join('\n')
    assert.ok(!log.includes(TEST_PASSWORD))
    assert.ok(!log.includes('a wrong secret value'))
  })

  it('tells who is signed in at /v1/me, by bearer token or by cookie', async () => {
    const token = await tokenFor('ana')
    const byBearer = await server.inject({
      url: '/v1/me',
      headers: { authorization: `Bearer ${token}` },
    })
    const byCookie = await server.inject({
      url: '/v1/me',
      headers: { cookie: `theme=dark; parley_session=${token}` },
    })
    for (const res of [byBearer, byCookie]) {
      assert.equal(res.statusCode, 200, res.body)
      assert.equal(res.json<{ username: string }>().username, 'ana')
      assert.ok(!res.body.includes('scrypt'), 'no password hash')
    }
  })

  const refused = [
    { name: 'no credentials', headers: {} },
    {
      name: 'an API key (a machine, not a person)',
      headers: { authorization: `Bearer pk_live_0123456789ab_${'A'.repeat(43)}` },
    },
    {
      name: 'a session token never issued',
      headers: { authorization: `Bearer ps_${'A'.repeat(43)}` },
    },
    { name: 'a forged cookie', headers: { cookie: 'parley_session=ps_forged' } },
  ]
  for (const { name, headers } of refused) {
    it(`answers /v1/me with 401 unauthorized for ${name}`, async () => {
      const res = await server.inject({ url: '/v1/me', headers })
      assert.equal(res.statusCode, 401)
      assert.equal(res.json<{ error: { code: string } }>().error.code, 'unauthorized')
    })
  }

  it('enforces roles: an agent gets 403 forbidden, a supervisor gets through', async () => {
    const agent = await server.inject({
      url: '/test/supervisors-only',
      headers: { authorization: `Bearer ${await tokenFor('ana')}` },
    })
    assert.equal(agent.statusCode, 403)
    assert.equal(agent.json<{ error: { code: string } }>().error.code, 'forbidden')
    const supervisor = await server.inject({
      url: '/test/supervisors-only',
      headers: { authorization: `Bearer ${await tokenFor('sam')}` },
    })
    assert.equal(supervisor.statusCode, 200)
    assert.deepEqual(supervisor.json(), { role: 'supervisor' })
  })

  it('signs out: 204, the cookie is cleared, and the token no longer works', async () => {
    const token = await tokenFor('ana')
    const auth = { authorization: `Bearer ${token}` }
    const out = await server.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: auth,
    })
    assert.equal(out.statusCode, 204)
    assert.equal(out.body, '')
    assert.match(
      String(out.headers['set-cookie']),
      /^parley_session=; Path=\/; Max-Age=0; HttpOnly/,
    )
    const me = await server.inject({ url: '/v1/me', headers: auth })
    assert.equal(me.statusCode, 401)
    const again = await server.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: auth,
    })
    assert.equal(again.statusCode, 401)
  })

  it('signs out with the cookie alone', async () => {
    const cookie = `parley_session=${await tokenFor('ana')}`
    const out = await server.inject({
      method: 'DELETE',
      url: '/v1/sessions/current',
      headers: { cookie },
    })
    assert.equal(out.statusCode, 204)
    assert.equal((await server.inject({ url: '/v1/me', headers: { cookie } })).statusCode, 401)
  })

  it('documents the session routes in OpenAPI', async () => {
    const spec = (await server.inject('/openapi.json')).json<{ paths: Record<string, unknown> }>()
    for (const path of ['/v1/sessions', '/v1/sessions/current', '/v1/me'])
      assert.ok(path in spec.paths, path)
  })
})

describe('session cookie behind https', () => {
  it('is Secure when the public URL is https', async () => {
    const { app } = await createTestApp({
      env: { PARLEY_PUBLIC_URL: 'https://parley.example.gc.ca' },
    })
    const server = await buildServer(app)
    try {
      await addTestUser(app, { username: 'tls' })
      const res = await server.inject({
        method: 'POST',
        url: '/v1/sessions',
        payload: { username: 'tls', password: TEST_PASSWORD },
      })
      assert.equal(res.statusCode, 201)
      assert.match(String(res.headers['set-cookie']), /; HttpOnly; SameSite=Strict; Secure$/)
    } finally {
      await server.close()
      await app.close()
    }
  })
})
