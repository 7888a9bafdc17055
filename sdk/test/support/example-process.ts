import { spawn, type ChildProcess } from 'node:child_process'
import { fileURLToPath } from 'node:url'

/** An example app (`examples/<name>/dist/server.js`, built by `npm run build`) as a process. */
export class ExampleProcess {
  output = ''
  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {}

  static start(name: string, env: Record<string, string>): Promise<ExampleProcess> {
    const entry = fileURLToPath(
      new URL(`../../../examples/${name}/dist/server.js`, import.meta.url),
    )
    const child = spawn(process.execPath, [entry], {
      env: { PATH: process.env.PATH ?? '', PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    return new Promise((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString()
        // the app prints its address once it listens
        const match = /listening on (http:\/\/\S+)/.exec(output)
        if (!match) return
        child.stdout!.off('data', onData)
        const example = new ExampleProcess(child, match[1]!)
        example.output = output
        child.stdout!.on('data', (d: Buffer) => (example.output += d.toString()))
        child.stderr!.on('data', (d: Buffer) => (example.output += d.toString()))
        resolve(example)
      }
      child.stdout!.on('data', onData)
      child.stderr!.on('data', (d: Buffer) => (output += d.toString()))
      child.once('exit', (code) => reject(new Error(`${name} exited with ${code}:\n${output}`)))
    })
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode !== null) return this.child.exitCode
    const exited = new Promise<number | null>((resolve) => this.child.once('exit', resolve))
    this.child.kill('SIGTERM')
    return exited
  }
}
