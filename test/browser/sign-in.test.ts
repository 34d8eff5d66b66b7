import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { browserSkip, signInAs, startWebRig, type WebRig } from '../support/browser.ts'
import { addTestUser, TEST_PASSWORD } from '../support/people.ts'

describe('web app: signing in', { skip: browserSkip }, () => {
  let rig: WebRig
  before(async () => {
    rig = await startWebRig()
  })
  after(async () => {
    await rig.close()
  })

  it('refuses a wrong password with a message and stays on the form', async () => {
    const agent = await addTestUser(rig.app)
    const page = await rig.browser.newPage({ baseURL: rig.baseUrl })
    await page.goto('/')
    await page.getByLabel('Username').fill(agent.username)
    await page.getByLabel('Password').fill('not the password at all')
    await page.getByRole('button', { name: 'Sign in' }).click()
    await page.getByRole('alert').filter({ hasText: 'not right' }).waitFor()
    assert.equal(await page.getByRole('button', { name: 'Sign out' }).count(), 0)
    await page.close()
  })

  it('takes each role to its own screens, and a reload keeps the session', async () => {
    const cases = [
      { role: 'agent', home: '/desk', nav: ['Desk'] },
      { role: 'supervisor', home: '/queues', nav: ['Queues', 'Agents'] },
      { role: 'admin', home: '/admin', nav: ['Queues', 'Agents', 'Administration'] },
    ] as const
    for (const { role, home, nav } of cases) {
      const person = await addTestUser(rig.app, { role })
      const page = await signInAs(rig, person.username, TEST_PASSWORD)
      await page.waitForURL((url) => url.pathname === home)
      const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link')
      const names = (await links.allTextContents()).filter((n) => n !== 'Phone simulator')
      assert.deepEqual(names, nav, role)
      await page.reload()
      await page.getByRole('button', { name: 'Sign out' }).waitFor()
      await page.getByRole('button', { name: 'Sign out' }).click()
      await page.getByRole('button', { name: 'Sign in' }).waitFor()
      await page.context().close()
    }
  })
})
