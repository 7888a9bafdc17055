/** How a client proves who it is: the headers it adds to each request. */
export type Credentials = Readonly<Record<string, string>>

export const clientSecretAuth = (secret: string): Credentials => ({ 'x-cal-secret-key': secret })
export const bearerAuth = (key: string): Credentials => ({ authorization: `Bearer ${key}` })
