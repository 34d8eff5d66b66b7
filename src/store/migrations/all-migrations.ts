import type { Migration } from 'kysely'
import type { Dialect } from '../connect.ts'
import { coreModel } from './0001-core-model.ts'
import { sessions } from './0002-sessions.ts'
import { outboxIndexes } from './0003-outbox-indexes.ts'

/** Every migration in order. Names never change once released; add new ones at the end. */
export function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-core-model': coreModel(dialect),
    '0002-sessions': sessions(),
    '0003-outbox-indexes': outboxIndexes(),
  }
}
