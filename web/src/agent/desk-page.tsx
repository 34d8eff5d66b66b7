import { useState } from 'react'
import { api } from '../api/client.ts'
import type { User } from '../api/types.ts'
import { useText } from '../text/use-text.ts'
import { LoadGate } from '../ui/feedback.tsx'
import { ConversationList } from './conversation-list.tsx'
import type { Desk, DeskSettings } from './desk-types.ts'
import { OfferBanner } from './offer-banner.tsx'
import { OpenConversation } from './open-conversation.tsx'
import { StatusSelector } from './status-selector.tsx'
import { useDesk } from './use-desk.ts'
import { useOfferSound } from './use-offer-sound.ts'
import './desk.css'
import './desk-conversation.css'

/**
 * The agent desktop: my status, offers announced in a banner, my conversations and my queues'
 * waiting ones, the open conversation and its customer (three columns at 1280 px, stacked
 * when narrow). Everything re-reads on live events and after a reconnect.
 */
export function DeskPage({ user }: { user: User }) {
  const { settings, desk } = useDesk()
  return (
    <LoadGate loaded={settings}>
      {(s) => (
        <LoadGate loaded={desk}>
          {(d) => (
            <Desktop
              user={user}
              settings={s}
              desk={d}
              reload={desk.reload}
              reloadMe={settings.reload}
            />
          )}
        </LoadGate>
      )}
    </LoadGate>
  )
}

function Desktop({
  user,
  settings,
  desk,
  reload,
  reloadMe,
}: {
  user: User
  settings: DeskSettings
  desk: Desk
  reload: () => void
  reloadMe: () => void
}) {
  const text = useText()
  const t = text.desk
  const [selectedId, setSelectedId] = useState<string>()
  const [justAccepted, setJustAccepted] = useState<string>()
  const offers = desk.mine.filter((c) => c.status === 'offered' && c.agentId === user.id)
  const activeCount = desk.mine.filter((c) => c.status === 'active').length
  const sound = useOfferSound(offers.map((o) => o.id))
  const queueName = (id: string | undefined) =>
    settings.queues.find((q) => q.id === id)?.name ?? id ?? '—'

  const accept = async (id: string) => {
    await api.post(`/v1/conversations/${id}/accept`)
    setSelectedId(id)
    setJustAccepted(id)
    reload()
  }
  const decline = async (id: string) => {
    await api.post(`/v1/conversations/${id}/decline`)
    if (selectedId === id) setSelectedId(undefined)
    reload()
  }

  return (
    // data-desk-ready marks the moment the desk is usable (npm run bench -- web measures it)
    <div className="desk" data-desk-ready="true">
      <div className="desk-toolbar">
        <h1 id="desk-title">{t.title}</h1>
        <StatusSelector settings={settings} activeCount={activeCount} onChanged={reloadMe} />
        <label className="desk-sound">
          <input
            type="checkbox"
            checked={sound.on}
            onChange={(e) => sound.setOn(e.target.checked)}
          />{' '}
          {t.offer.sound}
        </label>
        <p className="desk-shortcuts muted" aria-label={t.shortcuts.label}>
          {t.shortcuts.help}
        </p>
      </div>
      <OfferBanner offers={offers} queueName={queueName} onAccept={accept} onDecline={decline} />
      <div className="desk-columns">
        <section className="desk-column desk-column-list panel" aria-labelledby="desk-list-title">
          <h2 id="desk-list-title">{t.columns.list}</h2>
          <ConversationList
            desk={desk}
            queueName={queueName}
            selectedId={selectedId}
            onSelect={setSelectedId}
          />
        </section>
        {selectedId ? (
          <OpenConversation
            key={selectedId}
            id={selectedId}
            settings={settings}
            focusReply={justAccepted === selectedId}
            queueName={queueName}
            onChanged={reload}
            onAccept={accept}
          />
        ) : (
          <>
            <section
              className="desk-column desk-column-conversation panel"
              aria-labelledby="desk-conversation-title"
            >
              <h2 id="desk-conversation-title">{t.columns.conversation}</h2>
              <p className="muted">{t.conversation.none}</p>
            </section>
            <section
              className="desk-column desk-column-customer panel"
              aria-labelledby="desk-customer-title"
            >
              <h2 id="desk-customer-title">{t.columns.customer}</h2>
              <p className="muted">{t.customer.none}</p>
            </section>
          </>
        )}
      </div>
    </div>
  )
}
