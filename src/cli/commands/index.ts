import type { Command } from '../command.js'
import { apiKeysCreate, apiKeysRevoke } from './api-keys.js'
import { auditEvents, auditVerify } from './audit.js'
import {
  clientsCreate,
  clientsGet,
  clientsList,
  clientsRevokePreviousSecret,
  clientsRotateSecret,
} from './clients.js'
import { docsConfig } from './docs-config.js'
import { docsErrors } from './docs-errors.js'
import { eventsList } from './events.js'
import { importCommand } from './import.js'
import { migrate } from './migrate.js'
import { operatorKeyReset } from './operator-key.js'
import { organizationsCreate, organizationsList } from './organizations.js'
import { prune } from './prune.js'
import { sessionsList, sessionsRevoke } from './sessions.js'
import { signingKeysRotate } from './signing-keys.js'
import { usersFind, usersForceRefresh, usersList } from './users.js'

/** Every command, in the order the usage lists them. */
export const COMMANDS: readonly Command[] = [
  migrate,
  signingKeysRotate,
  auditVerify,
  operatorKeyReset,
  prune,
  docsConfig,
  docsErrors,
  organizationsList,
  organizationsCreate,
  apiKeysCreate,
  apiKeysRevoke,
  clientsList,
  clientsGet,
  clientsCreate,
  clientsRotateSecret,
  clientsRevokePreviousSecret,
  usersList,
  usersFind,
  usersForceRefresh,
  sessionsList,
  sessionsRevoke,
  eventsList,
  auditEvents,
  importCommand,
]
