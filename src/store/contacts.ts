import type { Kysely } from 'kysely'
import type { Database } from './database.ts'
import { runCompiled } from './run-compiled.ts'

export interface Contact {
  id: string
  phone: string
  email: string | undefined
  name: string | undefined
  language: string | undefined
  attributes: Record<string, unknown>
  createdAt: number
  updatedAt: number
}

/** The contact with this E.164 number, if known. */
export async function findContactByPhone(
  db: Kysely<Database>,
  phone: string,
): Promise<Contact | undefined> {
  const row = await db
    .selectFrom('contacts')
    .selectAll()
    .where('phone', '=', phone)
    .executeTakeFirst()
  if (!row) return undefined
  return {
    id: row.id,
    phone: row.phone,
    email: row.email ?? undefined,
    name: row.name ?? undefined,
    language: row.language ?? undefined,
    attributes: JSON.parse(row.attributes) as Record<string, unknown>,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

/** The languages recorded for these numbers, in one query per 500 (absent: none recorded). */
export async function findContactLanguages(
  db: Kysely<Database>,
  phones: readonly string[],
): Promise<Map<string, string>> {
  const languages = new Map<string, string>()
  const unique = [...new Set(phones)]
  for (let i = 0; i < unique.length; i += 500) {
    const values = { phones: unique.slice(i, i + 500) }
    const { rows } = await runCompiled(db, 'contact-languages', values, (v) =>
      db
        .selectFrom('contacts')
        .select(['phone', 'language'])
        .where('phone', 'in', v.phones)
        .where('language', 'is not', null),
    )
    for (const row of rows) if (row.language !== null) languages.set(row.phone, row.language)
  }
  return languages
}

/** Creates or updates a contact by number; fields left undefined keep their value. */
export async function upsertContact(
  db: Kysely<Database>,
  contact: {
    id: string
    phone: string
    email?: string | undefined
    name?: string | undefined
    language?: string | undefined
    at: number
  },
): Promise<void> {
  const changes = {
    ...(contact.email !== undefined ? { email: contact.email } : {}),
    ...(contact.name !== undefined ? { name: contact.name } : {}),
    ...(contact.language !== undefined ? { language: contact.language } : {}),
  }
  await db
    .insertInto('contacts')
    .values({
      id: contact.id,
      phone: contact.phone,
      email: contact.email ?? null,
      name: contact.name ?? null,
      language: contact.language ?? null,
      attributes: '{}',
      created_at: contact.at,
      updated_at: contact.at,
    })
    .onConflict((oc) => oc.column('phone').doUpdateSet({ ...changes, updated_at: contact.at }))
    .execute()
}
