// A CPU profile of the server while the benchmark runs, taken over the inspector protocol (the server is
// started with `--inspect` on a loopback port), and its summary: where the busy time went, by package and by
// function. `PROFILE=1 npm run bench:booking` prints it for the race and writes the raw profile for DevTools.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import WebSocket from 'ws';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
export interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** An inspector session on a process started with `--inspect=127.0.0.1:<port>`. */
export async function inspect(port: number) {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
    webSocketDebuggerUrl: string;
  }[];
  const socket = new WebSocket(targets[0]!.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 0;
  const pending = new Map<number, (result: unknown) => void>();
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) pending.get(message.id)?.(message.result);
  });
  const send = <T>(method: string, params: object = {}) =>
    new Promise<T>((resolve) => {
      const id = ++next;
      pending.set(id, resolve as (result: unknown) => void);
      socket.send(JSON.stringify({ id, method, params }));
    });
  return {
    async start() {
      await send('Profiler.enable');
      await send('Profiler.setSamplingInterval', { interval: 200 }); // µs
      await send('Profiler.start');
    },
    async stop(): Promise<CpuProfile> {
      const { profile } = await send<{ profile: CpuProfile }>('Profiler.stop');
      return profile;
    },
    close: () => socket.close(),
  };
}

/** Where a function's code lives: a package, a part of Node, the project's own directory, or V8 itself. */
function area(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const [first, second] = url.slice(modules + 'node_modules/'.length).split('/');
    return first!.startsWith('@') ? `${first}/${second}` : first!;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/').slice(0, 2).join('/')}`;
  const at = url.search(/\/(server|shared)\/src\//);
  if (at >= 0)
    return url
      .slice(at + 1)
      .split('/')
      .slice(0, 3)
      .join('/');
  return url;
}

/** Self time per node, in µs. */
function selfTimes(profile: CpuProfile): Map<number, number> {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  return self;
}

/** Prints the busy time by area and the functions with the most self time; writes the raw profile. */
export function summarise(profile: CpuProfile, label: string, outDir: string, top = 15) {
  const self = selfTimes(profile);
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber } = byNode.get(id)!.callFrame;
    if (functionName === '(idle)') continue;
    busy += us;
    const where = area(url, functionName);
    byArea.set(where, (byArea.get(where) ?? 0) + us);
    const name = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  }
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const rows = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([k, us]) => `    ${((100 * us) / busy).toFixed(1).padStart(5)} %  ${k}`);
  console.log(
    `\nCPU profile of the server, ${label}: busy ${(busy / 1000).toFixed(0)} ms of ${(total / 1000).toFixed(0)} ms ` +
      `(${((100 * busy) / total).toFixed(0)} % of one core)`,
  );
  console.log('  self time by package or project directory');
  console.log(rows(byArea).join('\n'));
  console.log('  self time by function');
  console.log(rows(byFunction).join('\n'));
  const file = path.join(outDir, `server-${label.replace(/\W+/g, '-')}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  console.log(`  raw profile: ${path.relative(process.cwd(), file)} (open in Chrome DevTools › Performance)`);
}
