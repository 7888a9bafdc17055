import { useState } from 'preact/hooks'
import type { CreateOAuthClientInput, OAuthClient } from '@tessera/sdk'
import { ErrorMessage } from '../../components/ErrorMessage.js'
import { Field } from '../../components/Field.js'
import { useAction } from '../../components/use-action.js'
import { ALL_PERMISSIONS, PERMISSION_GROUPS } from './permissions.js'

type Permission = CreateOAuthClientInput['permissions'][number]

export interface ClientFormValues {
  name: string
  redirectUris: string[]
  permissions: Permission[]
  areEmailsEnabled: boolean
}

interface Props {
  initial?: OAuthClient
  submitLabel: string
  onSubmit: (values: ClientFormValues) => Promise<unknown>
  onCancel?: () => void
}

/** Name, redirect URIs (one per line) and permissions as grouped Read/Write checkboxes. */
export function ClientForm({ initial, submitLabel, onSubmit, onCancel }: Props) {
  const [name, setName] = useState(initial?.name ?? '')
  const [uris, setUris] = useState((initial?.redirectUris ?? []).join('\n'))
  const [permissions, setPermissions] = useState<Permission[]>(
    initial ? [...initial.permissions] : [],
  )
  const [emails, setEmails] = useState(initial?.areEmailsEnabled ?? false)
  const submit = useAction(() =>
    onSubmit({
      name: name.trim(),
      redirectUris: uris
        .split('\n')
        .map((u) => u.trim())
        .filter(Boolean),
      permissions,
      areEmailsEnabled: emails,
    }),
  )
  const toggle = (permission: Permission, on: boolean) =>
    setPermissions((current) =>
      on ? [...new Set([...current, permission])] : current.filter((p) => p !== permission),
    )
  const all = ALL_PERMISSIONS.every((p) => permissions.includes(p))

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        void submit.run()
      }}
    >
      <Field label="Client name">
        {(id) => (
          <input
            id={id}
            required
            maxLength={255}
            value={name}
            onInput={(e) => setName(e.currentTarget.value)}
          />
        )}
      </Field>
      <Field
        label="Redirect URIs"
        hint="One per line. Origins of these URIs may call the API with a managed user's token."
      >
        {(id, hint) => (
          <textarea
            id={id}
            rows={3}
            aria-describedby={hint}
            value={uris}
            onInput={(e) => setUris(e.currentTarget.value)}
          />
        )}
      </Field>
      <fieldset>
        <legend>Permissions</legend>
        <label class="checks">
          <input
            type="checkbox"
            checked={all}
            onChange={(e) => setPermissions(e.currentTarget.checked ? [...ALL_PERMISSIONS] : [])}
          />{' '}
          Select all
        </label>
        <div class="table-wrap">
          <table class="permissions">
            <thead>
              <tr>
                <th scope="col">Resource</th>
                <th scope="col">Read</th>
                <th scope="col">Write</th>
              </tr>
            </thead>
            <tbody>
              {PERMISSION_GROUPS.map((group) => (
                <tr key={group.label}>
                  <th scope="row">{group.label}</th>
                  {[group.read, group.write].map((permission) => (
                    <td key={permission}>
                      <input
                        type="checkbox"
                        aria-label={`${group.label}: ${permission.endsWith('READ') ? 'read' : 'write'}`}
                        checked={permissions.includes(permission)}
                        onChange={(e) => toggle(permission, e.currentTarget.checked)}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </fieldset>
      <label class="checks">
        <input
          type="checkbox"
          checked={emails}
          onChange={(e) => setEmails(e.currentTarget.checked)}
        />{' '}
        Emails enabled
      </label>
      <ErrorMessage error={submit.error} />
      <div class="actions">
        <button type="submit" class="primary" disabled={submit.busy || name.trim() === ''}>
          {submitLabel}
        </button>
        {onCancel ? (
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  )
}
