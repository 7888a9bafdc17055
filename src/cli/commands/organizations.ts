import type { Command } from '../command.js'
import { operatorClient } from '../remote.js'

export const organizationsList: Command = {
  words: ['organizations', 'list'],
  summary: 'the organizations of the instance (operator)',
  remote: true,
  async run(input) {
    const organizations = await operatorClient(input).organizations.list()
    if (input.values.json) input.out.json(organizations)
    else {
      input.out.table(organizations, [
        { header: 'ID', value: (o) => o.id },
        { header: 'NAME', value: (o) => o.name },
        { header: 'CREATED', value: (o) => o.createdAt },
      ])
    }
    return 0
  },
}

export const organizationsCreate: Command = {
  words: ['organizations', 'create'],
  synopsis: '<name>',
  summary: 'a new organization and its first OWNER API key, shown once (operator)',
  remote: true,
  positionals: ['name'],
  async run(input) {
    const created = await operatorClient(input).organizations.create(input.positionals[0]!)
    if (input.values.json) input.out.json(created)
    else {
      input.out.record([
        ['id', created.id],
        ['name', created.name],
        ['created', created.createdAt],
        ['API key', created.apiKey],
      ])
      input.out.error('The API key is shown once: store it now.')
    }
    return 0
  },
}
