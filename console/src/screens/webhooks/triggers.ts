/** Tessera's webhook triggers (its audit events, docs/events.md), grouped for the form. */
export const TRIGGER_GROUPS = [
  {
    label: 'Tokens',
    triggers: [
      'TOKEN_ISSUED',
      'TOKEN_REFRESHED',
      'TOKEN_FORCE_REFRESHED',
      'TOKEN_REVOKED',
      'TOKEN_REUSE_DETECTED',
    ],
  },
  { label: 'Managed users', triggers: ['USER_CREATED', 'USER_UPDATED', 'USER_DELETED'] },
  {
    label: 'OAuth clients',
    triggers: [
      'CLIENT_CREATED',
      'CLIENT_UPDATED',
      'CLIENT_DELETED',
      'CLIENT_SECRET_ROTATED',
      'CLIENT_PREVIOUS_SECRET_REVOKED',
    ],
  },
  {
    label: 'Organization and instance',
    triggers: ['API_KEY_CREATED', 'API_KEY_REVOKED', 'ORGANIZATION_CREATED', 'SIGNING_KEY_ROTATED'],
  },
  {
    label: 'Webhooks',
    triggers: ['WEBHOOK_CREATED', 'WEBHOOK_UPDATED', 'WEBHOOK_DELETED', 'WEBHOOK_DISABLED'],
  },
] as const
