import { common } from './en/common.ts'

/**
 * Every piece of interface text, in English. A French catalogue is a file of the same shape
 * (`typeof en`) beside this one; screens read text only through useText().
 */
export const en = { ...common }

export type Messages = typeof en
