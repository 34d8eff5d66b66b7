import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { EXAMPLE_CONFIG_PATH, loadConfig } from '../config/load-config.ts'
import { createSendSchedule } from './send-schedule.ts'

const config = loadConfig({ path: EXAMPLE_CONFIG_PATH, env: {} })
const LONG_CODE = '+12505550101' // the example's BCeID long code: 1 segment/s by default
const T = 1_800_000_000_000

describe('send schedule', () => {
  it('books a long code at 1 segment/s, and books nothing for a text it refuses', () => {
    const schedule = createSendSchedule(config)
    assert.equal(schedule.book(LONG_CODE, 1, T, 1_000), T)
    assert.equal(schedule.book(LONG_CODE, 1, T, 1_000), T + 1_000, 'the next second, held')
    assert.equal(schedule.book(LONG_CODE, 1, T, 1_000), undefined, 'two seconds out: refused')
    assert.equal(schedule.book(LONG_CODE, 1, T + 1_000, 1_000), T + 2_000, 'nothing was booked')
  })

  it('gives texts that must wait a slot each, in order, and new texts a slot behind them', () => {
    const schedule = createSendSchedule(config)
    assert.equal(schedule.firstAttempt(LONG_CODE, 1, T), T, 'nothing waiting: at once')
    schedule.book(LONG_CODE, 1, T, 0)
    const slots = [schedule.slot(LONG_CODE, 1, T), schedule.slot(LONG_CODE, 1, T)]
    assert.deepEqual(slots, [T + 1_000, T + 2_000])
    assert.equal(schedule.firstAttempt(LONG_CODE, 1, T + 10), T + 3_000)
    assert.equal(schedule.slot(LONG_CODE, 2, T + 10), T + 5_000, 'two segments, two seconds')
    assert.equal(schedule.firstAttempt(LONG_CODE, 1, T + 6_000), T + 6_000, 'the wait is over')
  })
})
