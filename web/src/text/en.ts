import { common } from './en/common.ts'
import { phone } from './en/phone.ts'
import { supervisor } from './en/supervisor.ts'
import { agent } from './en/agent.ts'
import { admin } from './en/admin.ts'

/**
 * Every piece of interface text, in English. A French catalogue is a file of the same shape
 * (`typeof en`) beside this one; screens read text only through useText().
 */
export const en = {
  ...common,
  ...agent,
  ...supervisor,
  ...phone,
  ...admin,
}

export type Messages = typeof en
