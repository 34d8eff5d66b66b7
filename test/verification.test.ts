import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { App } from '../src/app/compose.ts'
import { createApiKey } from '../src/app/manage-api-keys.ts'
import { recordConsent } from '../src/app/record-consent.ts'
import { buildServer, type ParleyServer } from '../src/http/build-server.ts'
import { DIALECTS } from './support/dialects.ts'
import { eventually } from './support/eventually.ts'
import { createTestApp } from './support/test-app.ts'

for (const { dialect, skip } of DIALECTS) {
  describe(`verifications [${dialect}]`, { skip }, () => {
    let app: App
    let server: ParleyServer
    let key: string
    let offset = 0 // moves the app's clock forward to expire codes
    const clock = { now: () => Date.now() + offset }

    const call = (url: string, payload: object) =>
      server.inject({ method: 'POST', url, headers: { authorization: `Bearer ${key}` }, payload })
    /** Requests a code for a number and reads it off the simulated phone. */
    const codeFor = async (to: string): Promise<string> => {
      const res = await call('/v1/verifications', { to, program: 'general' })
      assert.equal(res.statusCode, 202, res.body)
      await app.dispatcher.drain()
      let code = ''
      await eventually(() => {
        const text = app.gateways.sandbox?.phoneInbox(to).at(-1)?.body ?? ''
        code = /code is (\d{6})\./.exec(text)?.[1] ?? ''
        assert.ok(code, `no code in ${JSON.stringify(text)}`)
      })
      return code
    }

    before(async () => {
      ;({ app } = await createTestApp({
        dialect,
        editConfig: (y) =>
          y
            .replace('deliveryDelayMs: 500', 'deliveryDelayMs: 1')
            // throughput is not what these tests look at: lift the long code's 1 segment/s
            .replace(
              'label: General enquiries long code',
              'label: General enquiries long code\n    segmentsPerSecond: 1000',
            ),
        compose: { clock },
      }))
      await app.gateways.start()
      server = await buildServer(app)
      key = (await createApiKey(app, { name: 'portal', scopes: ['send'], test: false })).key
      for (const n of ['+12505550301', '+12505550302', '+12505550303', '+12505550304']) {
        await recordConsent(app, {
          phone: n,
          program: 'general',
          status: 'opted_in',
          source: 'web',
          evidence: 'portal sign-up',
          actor: 'test',
        })
      }
    })
    after(async () => {
      await server.close()
      await app.gateways.stop()
      await app.close()
    })

    it('texts a 6-digit code, approves it once, and never stores it in clear', async () => {
      const code = await codeFor('+12505550301')
      const wrong = code === '000000' ? '111111' : '000000'
      assert.deepEqual(
        (
          await call('/v1/verifications/check', {
            to: '+12505550301',
            program: 'general',
            code: wrong,
          })
        ).json(),
        {
          status: 'incorrect',
          attemptsLeft: 4,
        },
      )
      assert.deepEqual(
        (
          await call('/v1/verifications/check', { to: '250-555-0301', program: 'general', code })
        ).json(),
        {
          status: 'approved',
        },
      )
      assert.deepEqual(
        (
          await call('/v1/verifications/check', { to: '+12505550301', program: 'general', code })
        ).json(),
        {
          status: 'not_found',
        },
      )
      const stored = await app.store.db
        .selectFrom('messages')
        .select(['body', 'personalisation'])
        .where('to_number', '=', '+12505550301')
        .execute()
      assert.ok(stored.length > 0)
      for (const row of stored) {
        assert.ok(
          !row.body.includes(code) && !(row.personalisation ?? '').includes(code),
          'the code is masked at rest',
        )
      }
      const hashes = await app.store.db.selectFrom('verifications').select('code_hash').execute()
      assert.ok(hashes.every((h) => h.code_hash !== code && /^[0-9a-f]{64}$/.test(h.code_hash)))
    })

    it('locks after 5 wrong attempts, even for the right code', async () => {
      const code = await codeFor('+12505550302')
      const wrong = code === '000000' ? '111111' : '000000'
      const outcomes = []
      for (let i = 0; i < 5; i++) {
        outcomes.push(
          (
            await call('/v1/verifications/check', {
              to: '+12505550302',
              program: 'general',
              code: wrong,
            })
          ).json<{ status: string }>().status,
        )
      }
      assert.deepEqual(outcomes, [
        'incorrect',
        'incorrect',
        'incorrect',
        'incorrect',
        'too_many_attempts',
      ])
      assert.equal(
        (
          await call('/v1/verifications/check', { to: '+12505550302', program: 'general', code })
        ).json<{ status: string }>().status,
        'too_many_attempts',
      )
    })

    it('expires a code after 10 minutes, and a new code replaces the old one', async () => {
      const first = await codeFor('+12505550303')
      const second = await codeFor('+12505550303')
      if (first !== second) {
        assert.equal(
          (
            await call('/v1/verifications/check', {
              to: '+12505550303',
              program: 'general',
              code: first,
            })
          ).json<{ status: string }>().status,
          'incorrect',
        )
      }
      offset += 10 * 60_000 + 1
      assert.equal(
        (
          await call('/v1/verifications/check', {
            to: '+12505550303',
            program: 'general',
            code: second,
          })
        ).json<{ status: string }>().status,
        'expired',
      )
    })

    it('limits a number to 5 codes an hour', async () => {
      for (let i = 0; i < 5; i++)
        assert.equal(
          (await call('/v1/verifications', { to: '+12505550304', program: 'general' })).statusCode,
          202,
        )
      const sixth = await call('/v1/verifications', { to: '+12505550304', program: 'general' })
      assert.equal(sixth.statusCode, 429)
      assert.equal(
        sixth.json<{ error: { code: string } }>().error.code,
        'verification_rate_limited',
      )
    })
  })
}
