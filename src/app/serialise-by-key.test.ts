import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createKeyedSerialiser } from './serialise-by-key.ts'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('createKeyedSerialiser', () => {
  it('runs tasks of one key one at a time, in order, and other keys alongside', async () => {
    const serialise = createKeyedSerialiser()
    const log: string[] = []
    const task = (name: string) => async () => {
      log.push(`${name} start`)
      await tick()
      log.push(`${name} end`)
      return name
    }
    const results = await Promise.all([
      serialise('a', task('a1')),
      serialise('a', task('a2')),
      serialise('b', task('b1')),
    ])
    assert.deepEqual(results, ['a1', 'a2', 'b1'])
    assert.ok(log.indexOf('a1 end') < log.indexOf('a2 start'), log.join(', '))
    assert.ok(log.indexOf('b1 start') < log.indexOf('a1 end'), 'b does not wait for a')
  })

  it('goes on with the next task after one fails', async () => {
    const serialise = createKeyedSerialiser()
    const failed = serialise('a', () => Promise.reject(new Error('boom')))
    const next = serialise('a', () => Promise.resolve('next'))
    await assert.rejects(failed, /boom/)
    assert.equal(await next, 'next')
  })
})
