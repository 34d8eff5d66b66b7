import { createContext, useContext } from 'react'
import { en, type Messages } from './en.ts'

/** The catalogue in use; the provider in main.tsx picks it (English today). */
export const TextContext = createContext<Messages>(en)

/** @example const text = useText(); <h1>{text.signIn.title}</h1> */
export function useText(): Messages {
  return useContext(TextContext)
}

/**
 * Fills `{name}` placeholders in a catalogue string.
 * @example format('Signed in as {name}', { name: 'Ana' }) // 'Signed in as Ana'
 */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )
}
