import type { Migration } from 'kysely'
import type { Dialect } from '../connect.ts'
import { coreModel } from './0001-core-model.ts'
import { sessions } from './0002-sessions.ts'
import { outboxIndexes } from './0003-outbox-indexes.ts'
import { qualityReviews } from './0004-quality-reviews.ts'
import { inboundBySender } from './0005-inbound-by-sender.ts'
import { eventFeed } from './0006-event-feed.ts'
import { inboundIntake } from './0007-inbound-intake.ts'

/** Every migration in order. Names never change once released; add new ones at the end. */
export function allMigrations(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-core-model': coreModel(dialect),
    '0002-sessions': sessions(),
    '0003-outbox-indexes': outboxIndexes(),
    '0004-quality-reviews': qualityReviews(),
    '0005-inbound-by-sender': inboundBySender(),
    '0006-event-feed': eventFeed(dialect),
    '0007-inbound-intake': inboundIntake(),
  }
}
