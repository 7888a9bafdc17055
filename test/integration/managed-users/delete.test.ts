import { expect, it } from 'vitest'
import { describeApp } from '../../helpers/fixture.js'
import { familyRows, getUser, postUser, stored, uniqueEmail, userRow, userUrl } from './support.js'
import { expectError } from '../../helpers/expect-error.js'
import { secretKey } from '../../helpers/http.js'

const notPart = (id: number) => `User with ID ${id} is not part of this OAuth client.`

describeApp(`DELETE /v2/oauth-clients/{clientId}/users/{userId}`, (t) => {
  function remove(client: { clientId: string; clientSecret: string }, id: number) {
    return t.request({
      method: 'DELETE',
      url: userUrl(client.clientId, id),
      headers: secretKey(client),
    })
  }

  it('answers 200 with the user as it was, then the user is gone (GET and DELETE give 404)', async () => {
    const client = await t.createClient()
    const { user } = await t.createUser(client, { bio: 'to be deleted', metadata: { k: 'v' } })
    const before = (await getUser(t, client, user.id)).body.data

    const res = await remove(client, user.id)
    expect(res.status, res.text).toBe(200)
    expect(res.body).toEqual({ status: 'success', data: before })

    expectError(await getUser(t, client, user.id), 404, 'NotFoundException', notPart(user.id))
    expectError(await remove(client, user.id), 404, 'NotFoundException', notPart(user.id))
    expect(await userRow(t, user.id)).toBeUndefined()
  })

  it('ends the user’s tokens: access token 401 on /v2/me, refresh token 400, families removed', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    expect((await t.me(created.accessToken)).status).toBe(200)

    expect((await remove(client, created.user.id)).status).toBe(200)

    const me = await t.me(created.accessToken)
    expectError(me, 401, 'UnauthorizedException')
    const refresh = await t.refresh(client, created.refreshToken)
    expectError(refresh, 400, 'BadRequestException', 'Invalid refresh token')
    expect(await familyRows(t, created.user.id)).toEqual([])
  })

  it('also ends tokens obtained by refreshing before the delete', async () => {
    const client = await t.createClient()
    const created = await t.createUser(client)
    const rotated = await t.refresh(client, created.refreshToken)
    expect(rotated.status, rotated.text).toBe(200)
    expect((await remove(client, created.user.id)).status).toBe(200)
    expectError(await t.me(rotated.body.data.accessToken), 401, 'UnauthorizedException')
    expectError(
      await t.refresh(client, rotated.body.data.refreshToken),
      400,
      'BadRequestException',
      'Invalid refresh token',
    )
  })

  it('leaves the client’s other users and their tokens alone', async () => {
    const client = await t.createClient()
    const doomed = await t.createUser(client)
    const kept = await t.createUser(client)
    expect((await remove(client, doomed.user.id)).status).toBe(200)
    expect((await getUser(t, client, kept.user.id)).status).toBe(200)
    expect((await t.me(kept.accessToken)).status).toBe(200)
    expect(await familyRows(t, kept.user.id)).toHaveLength(1)
  })

  it('frees the address: creating it again gives a new user with a new id', async () => {
    const client = await t.createClient()
    const email = uniqueEmail('again')
    const first = await t.createUser(client, { email })
    expect((await remove(client, first.user.id)).status).toBe(200)
    const second = await postUser(t, client, { email, name: 'Again' })
    expect(second.status, second.text).toBe(201)
    expect(second.body.data.user.id).not.toBe(first.user.id)
    expect(second.body.data.user.email).toBe(stored(email, client.clientId))
    // the old tokens do not come back to life for the new user
    expectError(await t.me(first.accessToken), 401, 'UnauthorizedException')
  })

  it('cannot delete another client’s user, even with an OWNER key of that client’s organization on the wrong path', async () => {
    const org = await t.createOrganization()
    const a = await t.createClient({ apiKey: org.apiKey })
    const b = await t.createClient({ apiKey: org.apiKey })
    const { user, accessToken } = await t.createUser(b)
    const res = await t.request({
      method: 'DELETE',
      url: userUrl(a.clientId, user.id),
      headers: { authorization: `Bearer ${org.apiKey}` },
    })
    expectError(res, 404, 'NotFoundException', notPart(user.id))
    expect(await userRow(t, user.id)).toBeDefined()
    expect((await t.me(accessToken)).status).toBe(200)
  })
})
