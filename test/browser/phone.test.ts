import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { browserSkip, signInAs, startWebRig, type WebRig } from '../support/browser.ts'
import { addTestUser, TEST_PASSWORD } from '../support/people.ts'

const BCEID_NUMBER = '+12505550101' // the bceid program's sender; the sandbox carries it
const SCREENSHOT = new URL('../../docs/screenshots/phone-simulator.png', import.meta.url)

describe('web app: phone simulator', { skip: browserSkip }, () => {
  let rig: WebRig
  before(async () => {
    rig = await startWebRig({
      editConfig: (yaml) => yaml.replace('deliveryDelayMs: 500', 'deliveryDelayMs: 50'),
    })
  })
  after(async () => {
    await rig.close()
  })

  it('texts Parley as a citizen, sees the acknowledgement, then opts out and sees the confirmation delivered', async () => {
    const person = await addTestUser(rig.app, { role: 'agent', displayName: 'Ana Lima' })
    const page = await signInAs(rig, person.username, TEST_PASSWORD)
    await page.getByRole('link', { name: 'Phone simulator' }).click()
    await page.getByRole('heading', { level: 1, name: 'Phone simulator' }).waitFor()

    // the server validates the phone number
    const phoneField = page.getByLabel('Your phone number')
    await phoneField.fill('12')
    await page.getByRole('button', { name: 'Use this number' }).click()
    await page.getByRole('alert').filter({ hasText: 'too few digits' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Send' }).count(), 0)

    // the special numbers are offered with what they do
    await page
      .getByRole('button', { name: 'Use +12505550188' })
      .locator('..')
      .filter({ hasText: 'out of service' })
      .waitFor()

    await phoneField.fill('250 555 7301')
    await page.getByRole('button', { name: 'Use this number' }).click()
    await page.getByLabel('Text to').selectOption(BCEID_NUMBER)
    const thread = page.getByRole('list', {
      name: `Texts between +12505557301 and ${BCEID_NUMBER}`,
    })
    await thread.getByText('No texts yet.').waitFor()

    await page.getByLabel('Message').fill('BCeID password reset')
    await page.getByRole('button', { name: 'Send' }).click()
    await thread.getByRole('listitem').filter({ hasText: 'BCeID password reset' }).waitFor()
    await thread
      .getByRole('listitem')
      .filter({ hasText: 'we received your message' })
      .filter({ hasText: 'Delivered' })
      .waitFor()

    await page
      .getByRole('group', { name: 'Quick texts' })
      .getByRole('button', { name: 'STOP' })
      .click()
    assert.equal(await page.getByLabel('Message').inputValue(), 'STOP')
    await page.getByRole('button', { name: 'Send' }).click()
    const confirmation = thread
      .getByRole('listitem')
      .filter({ hasText: 'unsubscribed' })
      .filter({ hasText: 'Opt-out confirmation' })
    await confirmation.filter({ hasText: /Delivered \d/ }).waitFor()
    await page.screenshot({ path: SCREENSHOT.pathname })
    await page.context().close()
  })
})
