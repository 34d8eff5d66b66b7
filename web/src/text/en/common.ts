/** Interface text shared by every screen (English). */
export const common = {
  appName: 'Parley',
  signIn: {
    title: 'Sign in to Parley',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    failed: 'The username or password is not right.',
  },
  shell: {
    mainNavigation: 'Main',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {name} ({role})',
    liveConnected: 'Live',
    liveDisconnected: 'Reconnecting…',
    skipToContent: 'Skip to content',
    notFound: 'There is no page here.',
  },
  nav: {
    desk: 'Desk',
    queues: 'Queues',
    agents: 'Agents',
    admin: 'Administration',
    phone: 'Phone simulator',
  },
  roles: { agent: 'Agent', supervisor: 'Supervisor', admin: 'Administrator' },
  statuses: {
    available: 'Available',
    busy: 'Busy',
    not_ready: 'Not ready',
    offline: 'Offline',
  },
  actions: {
    save: 'Save',
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Try again',
    search: 'Search',
  },
  /** A masked value a supervisor or admin may reveal (desk customer panel, transcripts). */
  reveal: {
    action: 'Reveal',
    label: 'Reveal {attribute}',
    revealed: 'Revealed (recorded in the audit log)',
    failed: 'Not revealed: {message}',
  },
  states: {
    loading: 'Loading…',
    empty: 'Nothing here yet.',
    error: 'Something went wrong: {message}',
  },
  time: {
    seconds: '{n} s',
    minutes: '{m} min {s} s',
    hours: '{h} h {m} min',
  },
}
