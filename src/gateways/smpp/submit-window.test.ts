import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { createSubmitWindow } from './submit-window.ts'

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('createSubmitWindow', () => {
  it('never hands out more than `size` slots and serves waiters first come first served', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat({ max: 3 }), { minLength: 1, maxLength: 30 }),
        async (size, holdTicks) => {
          const window = createSubmitWindow(size)
          let outstanding = 0
          let most = 0
          const started: number[] = []
          await Promise.all(
            holdTicks.map(async (hold, i) => {
              const release = await window.acquire()
              started.push(i)
              most = Math.max(most, ++outstanding)
              for (let t = 0; t < hold; t++) await tick()
              outstanding--
              release()
            }),
          )
          assert.ok(most <= size, `${most} outstanding with a window of ${size}`)
          assert.deepEqual(
            started,
            holdTicks.map((_, i) => i),
          )
        },
      ),
      { numRuns: 1000 },
    )
  })

  it('a pause holds every waiter until it ends', async () => {
    const window = createSubmitWindow(2)
    window.pause(40)
    let granted = false
    const acquired = window.acquire().then((release) => {
      granted = true
      return release
    })
    await new Promise((resolve) => setImmediate(resolve)) // every ready callback has run
    assert.equal(granted, false, 'no slot while paused, though the window is empty')
    assert.equal(window.waiting, 1)
    const release = await acquired
    assert.equal(window.paused, false, 'the slot came when the pause ended')
    release()
    release() // twice is harmless
    assert.equal(window.inFlight, 0)
  })

  it('rejectWaiting fails the queue but not the slots already taken', async () => {
    const window = createSubmitWindow(1)
    const held = await window.acquire()
    const waiting = window.acquire()
    window.rejectWaiting(new Error('bind lost'))
    await assert.rejects(waiting, /bind lost/)
    assert.equal(window.inFlight, 1)
    held()
    assert.equal(window.inFlight, 0)
  })

  it('refuses a window smaller than one', () => {
    assert.throws(() => createSubmitWindow(0), RangeError)
  })
})
